"""Finding questions: by words (wildcards taken literally), topic, region (and the
regions inside it) and sector, hidden ones left out; a topic's panel on Verkennen lists
its questions."""

from __future__ import annotations

from explorer.forum.panel import questions_on
from graphmodel.model import Node
from tests.forum.conftest import ask, last_question
from tests.profiles.conftest import post

FLEXIBLE = "Flexibel opleiden: 100% maatwerk in Amsterdam?"
FLEX = Node("topic:flexibilisering", "Topic", {"name": "flexibilisering"})


def found_titles(browser, **query) -> list[str]:
    page = browser.get("/forum", query_string=query).get_data(as_text=True)
    if 'id="forum-found"' not in page:
        return []
    listed = page.split('id="forum-found">', 1)[1].split("</ul>", 1)[0]
    return [part.split("</a>", 1)[0].rsplit(">", 1)[1] for part in listed.split("<li>")[1:]]


def test_questions_are_found_by_words_topic_region_and_sector(asker, client):
    ask(asker, {"title": FLEXIBLE})
    ask(asker, {"title": "Leeruitkomsten in Leeuwarden"}, topics=["topic:leeruitkomsten"],
        region="region:GM0080", sector="wo")  # fmt: skip
    flexible, leeuwarden = FLEXIBLE, "Leeruitkomsten in Leeuwarden"
    assert found_titles(client) == [leeuwarden, flexible]  # newest first
    assert found_titles(client, q="MAATWERK") == [flexible]
    assert found_titles(client, q="100%") == [flexible]
    assert found_titles(client, q="%") == [flexible]
    assert found_titles(client, q="_") == []  # a wildcard taken as itself
    assert found_titles(client, onderwerp="topic:leeruitkomsten") == [
        "Leeruitkomsten in Leeuwarden"
    ]
    assert found_titles(client, regio="region:PV21") == [leeuwarden]
    assert found_titles(client, sector="hbo") == [flexible]
    assert found_titles(client, q="niets hierover") == []


def test_a_hidden_question_is_not_found(asker, curator, client, database):
    ask(asker)
    question = last_question(database)
    data = {"question": str(question.id), "reason": "dubbel"}
    post(curator, "/forum/verbergen", data, page=f"/forum/vraag/{question.id}")
    assert found_titles(client) == []


def test_a_topics_panel_lists_its_questions(app, asker, database):
    ask(asker)
    question = last_question(database)
    with app.server.test_request_context("/"):
        panel = questions_on(FLEX, "nl")
        other = questions_on(Node("org:x", "Organisation", {"name": "x"}), "nl")
    assert other == []
    links = panel[1].children
    assert [(li.children.children, li.children.href) for li in links] == [
        (question.title, f"/forum/vraag/{question.id}")
    ]
