"""Hostile posts are rendered inert or refused: script tags, event handlers,
``javascript:`` links and other schemes, raw HTML, huge bodies; reports reach the
curators."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from explorer.forum.markup import TAGS, render
from tests.forum.conftest import ask, last_question
from tests.forum.test_answers import answer
from tests.profiles.conftest import post

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD4=)",
    "[klik](vbscript:msgbox)",
    '<a href="https://example.nl" onclick="alert(1)">x</a>',
    "![plaatje](https://example.nl/x.png)",
    '<iframe src="https://example.nl"></iframe>',
    "<svg onload=alert(1)>",
    '[x](https://example.nl "titel" onmouseover=alert(1))',
]


class Elements(HTMLParser):
    """Every element a browser would build from some HTML, with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """Only harmless elements; no event handlers; links to http(s) only, marked."""
    for tag, attributes in Elements(html).found:
        assert tag in TAGS, tag
        assert not [name for name in attributes if name.startswith("on")]
        if tag == "a":
            assert str(attributes.get("href", "https://")).startswith(("http://", "https://"))
            assert attributes.get("rel") == "nofollow ugc"
        else:
            assert not attributes


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_renders_inert(text):
    assert_inert(str(render(text)))


def test_links_are_marked_as_users_own_and_only_http_or_https():
    html = str(render("[a](https://example.nl) [b](http://example.nl) [c](ftp://example.nl)"))
    links = [attributes for tag, attributes in Elements(html).found if tag == "a"]
    hrefs = [link["href"] for link in links if "href" in link]
    assert hrefs == ["https://example.nl", "http://example.nl"]  # the ftp link lost its href
    assert_inert(html)


def test_a_hostile_question_and_answer_reach_the_page_inert(owner, asker, database):
    body = "\n\n".join(HOSTILE)
    assert ask(asker, {"body": body}).status_code == 303
    question = last_question(database)
    assert answer(owner, question.id, body=body).status_code == 303
    page = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    posts = page.split('<article class="forum-question"', 1)[1].split("<form", 1)[0]
    shown = [p.split('<p class="byline">')[0] for p in page.split('<div class="forum-text">')[1:]]
    assert len(shown) == 2  # the question and the answer
    for text in shown:
        assert_inert(text)
    assert "&lt;script&gt;" in posts


def test_a_huge_answer_is_refused(owner, asker, database):
    ask(asker)
    refused = answer(owner, last_question(database).id, body="x" * 10_001)
    assert refused.status_code == 400


def test_a_huge_request_is_refused_before_it_is_read(asker):
    refused = asker.post("/forum/vraag", data={"body": "x" * 2_000_000})
    assert refused.status_code == 413


def test_a_report_reaches_the_curators_queue(asker, curator, database):
    ask(asker)
    question = last_question(database)
    page = f"/forum/vraag/{question.id}"
    empty = post(asker, "/forum/melden", {"question": str(question.id), "reason": ""}, page=page)
    assert empty.status_code == 400
    data = {"question": str(question.id), "reason": "<b>spam</b>"}
    assert post(asker, "/forum/melden", data, page=page).status_code == 200
    assert asker.get("/forum/gemeld").status_code == 403
    queue = curator.get("/forum/gemeld").get_data(as_text=True)
    assert "&lt;b&gt;spam&lt;/b&gt;" in queue
    for unsaid in ("", " \n ", "x" * 1001):
        refused = post(curator, "/forum/verbergen", {**data, "reason": unsaid}, page=page)
        assert refused.status_code == 400
        assert "Geef een reden." in refused.get_data(as_text=True)
    assert "Verborgen door een curator" not in asker.get(page).get_data(as_text=True)
    hidden = post(curator, "/forum/verbergen", {**data, "reason": "spam"}, page=page)
    assert hidden.status_code == 200
    assert "Niets gemeld" in curator.get("/forum/gemeld").get_data(as_text=True)
    assert "Verborgen door een curator: spam" in asker.get(page).get_data(as_text=True)


def test_unknown_posts_are_refused(asker, curator):
    assert asker.get("/forum/vraag/999").status_code == 404
    assert asker.get("/forum/bijlage/999").status_code == 404
    data = {"question": "999", "reason": "x"}
    assert post(asker, "/forum/melden", data, page="/forum/vraag").status_code == 404
    assert (
        post(
            curator, "/forum/verbergen", {"question": "1; DROP", "reason": "x"}, page="/forum/vraag"
        ).status_code
        == 404
    )
