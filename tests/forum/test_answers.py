"""Answering: members answer (with a file), the asker marks what helped, an answer by a
profile owner is evidence in the graph, and hiding the post or deleting the account
takes that evidence away again; a deleted account's posts read "verwijderd account"."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from explorer.accounts.models import Profile
from explorer.forum.models import Answer, Attachment
from explorer.profiles.choices import choices_in
from tests.accounts.conftest import csrf_of
from tests.forum.conftest import ask, last_question
from tests.profiles.conftest import graph_of, post

THREE_WEEKS_LATER = date(2026, 12, 13)
ANNA = "person:profiel-"


def answer(
    browser,
    question_id: int,
    body: str = "Bel de **HvA**, zij doen dit al.",
    file=None,
    linked: str = "",
):
    page = f"/forum/vraag/{question_id}"
    data = {"body": body, "linked": linked}
    if file is not None:
        data["file"] = file
    return browser.post(
        f"{page}/antwoord",
        data={**data, "csrf_token": csrf_of(browser, page)},
        content_type="multipart/form-data",
    )


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "leeruitkomsten"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def evidence(app) -> set[tuple[str, str, str]]:
    store = graph_of(app).store
    return {
        (r.start, r.end, str(r.get("source")))
        for r in store.export().relationships
        if str(r.get("source", "")).startswith("forum:")
    }


def test_an_answer_by_a_profile_owner_is_evidence_find_people_names(app, owner, asker, database):
    ask(asker)
    question = last_question(database)
    answered = answer(owner, question.id)
    assert answered.status_code == 303
    [(person, topic, source)] = evidence(app)
    assert person.startswith(ANNA) and topic == "topic:flexibilisering"
    assert source == f"forum:{question.id}@2026-11-22"
    found = graph_of(app).public().find_people(["flexibilisering"], today=THREE_WEEKS_LATER)
    why = found.set_index("id").loc[person, "why"]
    assert why == "beantwoordde een vraag over flexibilisering, 3 weken geleden"
    page = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    assert "<strong>HvA</strong>" in page and "Anna de Boer" in page


def test_an_answer_without_a_profile_writes_no_evidence(app, asker, person, database):
    ask(asker)
    assert answer(person, last_question(database).id).status_code == 303
    assert evidence(app) == set()


def test_the_asker_marks_what_helped_and_nobody_else_can(owner, asker, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id)
    with database.session() as db:
        posted = db.scalar(select(Answer))
    page = f"/forum/vraag/{question.id}"
    path = f"/forum/antwoord/{posted.id}/hielp"
    assert post(owner, path, {"helped": "ja"}, page=page).status_code == 403
    assert post(asker, path, {"helped": "ja"}, page=page).status_code == 303
    assert "Dit hielp de vrager" in asker.get(page).get_data(as_text=True)
    assert post(asker, path, {"helped": ""}, page=page).status_code == 303
    with database.session() as db:
        assert db.get(Answer, posted.id).helped is False


def test_an_office_file_is_kept_outside_and_served_as_a_download(owner, asker, database, instance):
    ask(asker)
    question = last_question(database)
    workbook = xlsx()  # once: openpyxl stamps each file with the moment it is written
    sent = answer(owner, question.id, file=(io.BytesIO(workbook), "overzicht.xlsx"))
    assert sent.status_code == 303
    with database.session() as db:
        kept = db.scalar(select(Attachment))
    assert (kept.kind, kept.filename) == ("xlsx", "overzicht.xlsx")
    assert (instance / "forum-files" / kept.stored_as).is_file()
    got = asker.get(f"/forum/bijlage/{kept.id}")
    assert got.status_code == 200 and got.data == workbook
    assert got.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    assert got.headers["Content-Disposition"].startswith("attachment;")
    assert got.headers["X-Content-Type-Options"] == "nosniff"


def test_hostile_files_are_refused_and_nothing_is_kept(owner, asker, database, instance):
    ask(asker)
    question = last_question(database)
    program = b"MZ\x90\x00\x03" + b"\x00" * 100  # a Windows executable's first bytes
    macro = docx({"word/vbaProject.bin": b"\x00"})
    for file, reason in (
        ((io.BytesIO(program), "verslag.pdf"), "niet wat de naam zegt"),
        ((io.BytesIO(program), "setup.exe"), "Alleen PDF, DOCX"),
        ((io.BytesIO(xlsx()), "verslag.docx"), "niet wat de naam zegt"),
        ((io.BytesIO(macro), "verslag.docx"), "macro"),
        ((io.BytesIO(b"%PDF-" + b"0" * (10 * 1024 * 1024)), "groot.pdf"), "groter dan 10 MB"),
    ):
        refused = answer(owner, question.id, file=file)
        assert refused.status_code in (400, 413)
        if refused.status_code == 400:
            assert reason in refused.get_data(as_text=True)
    assert answer(owner, question.id, file=(io.BytesIO(docx()), "goed.docx")).status_code == 303
    with database.session() as db:
        assert [a.kind for a in db.scalars(select(Attachment))] == ["docx"]
        assert len(list(db.scalars(select(Answer)))) == 1


def test_hiding_an_answer_withdraws_its_evidence(app, owner, asker, curator, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id)
    with database.session() as db:
        posted = db.scalar(select(Answer))
    page = f"/forum/vraag/{question.id}"
    data = {"question": str(question.id), "answer": str(posted.id), "reason": "reclame"}
    assert post(asker, "/forum/verbergen", data, page=page).status_code == 403
    assert evidence(app)
    assert post(curator, "/forum/verbergen", data, page=page).status_code == 200
    assert evidence(app) == set()
    shown = asker.get(page).get_data(as_text=True)
    assert "Verborgen door een curator: reclame" in shown and "HvA" not in shown


def test_a_deleted_account_leaves_its_posts_as_verwijderd_account(app, owner, asker, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id)
    assert evidence(app)
    deleted = post(owner, "/profiel/verwijderen", {}, page="/profiel")
    assert deleted.status_code == 200
    assert evidence(app) == set()
    page = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    assert "verwijderd account" in page and "Anna de Boer" not in page


def test_hiding_a_question_withdraws_every_answers_evidence(app, owner, asker, curator, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id)
    assert evidence(app)
    data = {"question": str(question.id), "reason": "buiten het onderwerp"}
    assert (
        post(curator, "/forum/verbergen", data, page=f"/forum/vraag/{question.id}").status_code
        == 200
    )
    assert evidence(app) == set()
    shown = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    assert "Verborgen vraag" in shown and question.title not in shown
    assert "beantwoordde" not in " ".join(
        graph_of(app).public().find_people(["flexibilisering"], today=THREE_WEEKS_LATER)["why"]
    )


def test_the_pages_speak_english_too(owner, asker, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id)
    page = asker.get(f"/forum/vraag/{question.id}?lang=en").get_data(as_text=True)
    assert "Answers" in page and "Report this post" in page and "This helped" in page
    listing = asker.get("/forum?lang=en").get_data(as_text=True)
    assert "Ask a question" in listing and "1 answer(s)" in listing


def test_deleting_an_account_on_a_public_node_withdraws_only_its_answers(
    app, owner, asker, database
):
    marco = "person:marco-snoek"  # a public node (as a claimed profile would name it)
    with database.session() as db:
        db.scalar(select(Profile)).person_id = marco
    ask(asker)
    answer(owner, last_question(database).id)
    assert {person for person, _, _ in evidence(app)} == {marco}
    assert post(owner, "/profiel/verwijderen", {}, page="/profiel").status_code == 200
    assert evidence(app) == set()
    assert graph_of(app).store.nodes([marco])  # the public person stays


def test_the_persons_own_download_holds_their_forum_posts(owner, asker, database):
    ask(asker)
    question = last_question(database)
    answer(owner, question.id, file=(io.BytesIO(xlsx()), "overzicht.xlsx"))
    asked = asker.get("/profiel/gegevens").get_json()
    assert [q["title"] for q in asked["forum_questions"]] == [question.title]
    assert asked["forum_answers"] == []
    answered = owner.get("/profiel/gegevens").get_json()
    assert answered["forum_questions"] == []
    assert [a["question_id"] for a in answered["forum_answers"]] == [question.id]
    assert [f["filename"] for f in answered["forum_attachments"]] == ["overzicht.xlsx"]


def test_an_answer_points_to_something_in_the_network(owner, asker, database, app):
    ask(asker)
    question = last_question(database)
    graph = graph_of(app)
    network = next(iter(choices_in(graph.public()).linkable))  # a group of the mini graph
    assert answer(owner, question.id, linked=network).status_code == 303
    with database.session() as db:
        assert db.scalar(select(Answer)).linked_id == network
    shown = asker.get(f"/forum/vraag/{question.id}").get_data(as_text=True)
    quoted = network.replace(":", "%3A")
    assert f'href="/?sel={quoted}&amp;exp={quoted}"' in shown  # chosen, neighbours shown
    assert graph.node(network).name in shown


@pytest.mark.parametrize(
    "linked",
    [
        "org:bestaat-niet",
        "person:marco-snoek",
        "topic:zij-instroom",
        "<script>x</script>",
        "x" * 5000,
    ],
)
def test_an_answer_pointing_outside_the_choices_is_refused_whole(owner, asker, database, linked):
    ask(asker)
    question = last_question(database)
    refused = answer(owner, question.id, linked=linked)
    assert refused.status_code == 400
    assert "Dat staat niet in het netwerk" in refused.get_data(as_text=True)
    assert "<script>x" not in refused.get_data(as_text=True)
    with database.session() as db:
        assert db.scalar(select(Answer)) is None
