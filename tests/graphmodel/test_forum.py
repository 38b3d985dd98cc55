"""An answer in the forum as graph evidence, on both stores: written all or nothing with
its history and dated source, named by find_people as a reason ("beantwoordde een vraag
over ..., 3 weken geleden"), kept apart from the profile's own fact, and withdrawn
without a trace."""

from __future__ import annotations

from datetime import date

from graphmodel.forum import record_answer, withdraw_answers
from graphmodel.profiles import ProfileFacts, approve

ANNA = ProfileFacts(
    account=7,
    person="person:profiel-7",
    name="Anna de Boer",
    confirmed=date(2026, 10, 1),
    topics=("topic:flexibilisering",),
    region="region:GM0363",
)
ANSWERED = date(2026, 11, 22)
THREE_WEEKS_LATER = date(2026, 12, 13)


def _anna_in(store) -> None:
    approve(store.store, ANNA, by="account:1")


def _reasons(store, lang: str = "nl") -> str:
    found = store.find_people(["topic:flexibilisering"], today=THREE_WEEKS_LATER, lang=lang)
    return found.set_index("id").loc[ANNA.person, "why"]


def test_an_answer_is_dated_evidence_with_its_history(store):
    _anna_in(store)
    before = len(store.history())
    summary = record_answer(
        store.store, ANNA.person, ["topic:flexibilisering"], 12, ANSWERED, "account:7"
    )
    assert summary.total_created == 1
    works = {
        (r.get("role", ""), r.get("source"), r.get("verified"))
        for r in store.relationships_of([ANNA.person])
        if r.type == "WORKS_ON"
    }
    assert works == {
        ("", "profiel:7@2026-10-01", "2026-10-01"),  # the profile's own stays as it was
        ("antwoord op vraag 12", "forum:12@2026-11-22", "2026-11-22"),
    }
    [change] = store.history()[before:]
    assert (change.action, change.file, change.by) == ("added", "forum:12@2026-11-22", "account:7")


def test_find_people_names_the_answer_as_its_reason(store):
    _anna_in(store)
    assert "eigen profiel" in _reasons(store)
    record_answer(store.store, ANNA.person, ["topic:flexibilisering"], 12, ANSWERED, "account:7")
    assert _reasons(store) == "beantwoordde een vraag over flexibilisering, 3 weken geleden"
    assert _reasons(store, "en") == "answered a question on flexibilisering, 3 weeks ago"


def test_no_person_or_no_known_topic_writes_nothing(store):
    version = store.version()
    assert (
        record_answer(store.store, "person:nobody", ["topic:flexibilisering"], 1, ANSWERED, "x")
        is None
    )
    _anna_in(store)
    version = store.version()
    assert record_answer(store.store, ANNA.person, ["topic:nothing"], 1, ANSWERED, "x") is None
    assert store.version() == version


def test_withdrawing_leaves_no_trace_and_keeps_the_profile(store):
    _anna_in(store)
    profile_history = store.history()
    record_answer(store.store, ANNA.person, ["topic:flexibilisering"], 12, ANSWERED, "account:7")
    record_answer(store.store, ANNA.person, ["topic:flexibilisering"], 13, ANSWERED, "account:7")
    assert withdraw_answers(store.store, [12], ANNA.person) == 1
    assert withdraw_answers(store.store, [12], ANNA.person) == 0
    assert withdraw_answers(store.store, [13]) == 1
    assert store.history() == profile_history
    assert not any("forum:" in str(r.get("source")) for r in store.export().relationships)
    assert "eigen profiel" in _reasons(store)
