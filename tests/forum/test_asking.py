"""Asking: the one-box parser tags the question, the page shows who works on it, the
question gets a permalink; bad input is refused and writes nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from explorer.forum.models import Question
from tests.forum.conftest import QUESTION, ask, last_question
from tests.profiles.conftest import post


def test_the_parser_tags_the_question_as_chips_and_shows_who_works_on_it(asker):
    seen = post(asker, "/forum/vraag", {**QUESTION, "step": "see"}, page="/forum/vraag")
    page = seen.get_data(as_text=True)
    assert seen.status_code == 200
    assert 'name="topics" value="topic:flexibilisering" checked' in page
    assert '<option value="region:GM0363" selected>' in page
    assert '<option value="hbo" selected>' in page
    assert 'id="forum-people"' in page and 'id="forum-organisations"' in page
    assert "Hogeschool van Amsterdam" in page  # in Amsterdam, on flexibilisering


def test_a_posted_question_has_a_permalink_with_its_tags(asker, database):
    posted = ask(asker)
    assert posted.status_code == 303
    question = last_question(database)
    assert posted.headers["Location"].startswith(f"/forum/vraag/{question.id}?")
    assert question.topics() == ("topic:flexibilisering",)
    assert (question.region_id, question.sector) == ("region:GM0363", "hbo")
    page = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    assert QUESTION["title"] in page and "<strong>ervaringen</strong>" in page
    assert '<span class="chip">flexibilisering</span>' in page


def test_one_must_sign_in_to_ask(client):
    assert client.get("/forum/vraag").status_code == 401


def test_without_a_topic_or_with_unknown_tags_nothing_is_kept(asker, database):
    assert ask(asker, topics=[]).status_code == 400
    assert ask(asker, topics=["topic:bestaat-niet"]).status_code == 400
    assert ask(asker, region="org:hogeschool-van-amsterdam").status_code == 400
    assert ask(asker, sector="<script>").status_code == 400
    assert ask(asker, {"title": ""}).status_code == 400
    assert ask(asker, {"body": "x" * 10_001}).status_code == 400
    with database.session() as db:
        assert db.scalar(select(func.count()).select_from(Question)) == 0


def test_a_post_without_the_csrf_token_is_refused(asker, database):
    refused = asker.post("/forum/vraag", data={**QUESTION, "step": "post"})
    assert refused.status_code == 403
    assert last_question(database) is None


def test_posting_is_rate_limited(asker, database):
    for _ in range(10):
        assert ask(asker).status_code == 303
    assert ask(asker).status_code == 429
    with database.session() as db:
        assert db.scalar(select(func.count()).select_from(Question)) == 10
