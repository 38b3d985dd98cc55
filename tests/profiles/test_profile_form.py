"""The profile form over HTTP, on SQLite and PostgreSQL: a profile is kept for a curator;
every field refuses bad input with a clear message and keeps nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import Account, Profile
from graphmodel.model import GraphBatch, Node
from tests.profiles.conftest import GOOD, PERSON, graph_of, post


def profiles(database) -> list[Profile]:
    with database.session() as db:
        return list(db.scalars(select(Profile)))


def test_a_signed_in_person_fills_in_a_profile_that_waits_for_a_curator(person, database):
    form = person.get("/profiel").get_data(as_text=True)
    assert 'for="listed"' in form and "iedereen kan ze zien" in form
    saved = post(person, "/profiel", GOOD)
    assert saved.status_code == 200
    assert "wacht op een curator" in saved.get_data(as_text=True)
    [profile] = profiles(database)
    assert (profile.status, profile.topics(), profile.region_id, profile.sectors) == (
        "pending",
        ("topic:flexibilisering",),
        "region:GM0363",
        "hbo",
    )
    assert (profile.listed, profile.reachable, profile.email_shown) == (True, True, False)
    assert profile.confirmed_on.isoformat() == "2026-11-22"


def test_without_signing_in_there_is_no_profile_to_fill(client):
    answer = client.get("/profiel")
    assert answer.status_code == 401
    assert "Log eerst in" in answer.get_data(as_text=True)


HOSTILE = [
    ("name", "", "Vul dit in."),
    ("name", "a" * 201, "Te lang: hoogstens 200 tekens."),
    ("name", "Anna\x00<script>", "Bevat tekens die niet"),
    ("job_title", "x" * 5000, "Te lang: hoogstens 200 tekens."),
    ("organisation", "org:bestaat-niet", "Deze keuze bestaat niet"),
    ("organisation", "topic:flexibilisering", "Deze keuze bestaat niet"),
    ("topics", ["topic:flexibilisering", "'; DROP TABLE profiles; --"], "Deze keuze bestaat niet"),
    ("topics", [f"topic:t{n}" for n in range(21)], "Kies er hoogstens 20."),
    ("proposed_topic", "y" * 121, "Te lang: hoogstens 120 tekens."),
    ("proposed_topic", "!!! ??? ---", "minstens één letter of cijfer"),
    ("proposed_topic", "<script>\u202e", "Bevat tekens die niet"),
    ("region", "region:GM9999", "Deze keuze bestaat niet"),
    ("sectors", ["hbo", "kinderopvang"], "Deze keuze bestaat niet"),
    ("groups", ["org:hogeschool-van-amsterdam"], "Deze keuze bestaat niet"),
    ("website", "javascript:alert(1)", "http:// of https://"),
    ("website", "ftp://example.nl", "http:// of https://"),
    ("website", "https://" + "a" * 600 + ".nl", "Te lang: hoogstens 500 tekens."),
]


@pytest.mark.parametrize(("field", "value", "message"), HOSTILE)
def test_bad_input_in_any_field_is_refused_and_keeps_nothing(
    person, database, field, value, message
):
    refused = post(person, "/profiel", {**GOOD, field: value})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Er is niets opgeslagen" in text and message in text
    assert "<script>" not in text  # what was sent comes back escaped, never as markup
    assert profiles(database) == []


def test_a_form_without_its_csrf_token_is_refused(person, database):
    refused = person.post("/profiel", data=GOOD)
    assert refused.status_code == 403
    assert profiles(database) == []


def test_the_form_speaks_english_when_asked(person):
    page = person.get("/profiel?lang=en").get_data(as_text=True)
    assert "Put yourself on the map" in page and "anyone can see them" in page
    refused = post(person, "/profiel", {**GOOD, "website": "mailto:x@y.nl", "lang": "en"})
    assert "Only a web address starting with http:// or https://" in refused.get_data(as_text=True)


def test_the_institutions_login_confirms_the_organisation_it_asserts(app, person, database):
    graph = graph_of(app)
    hva = graph.node("org:hogeschool-van-amsterdam")
    graph.load(
        GraphBatch([Node(hva.id, hva.kind, {**hva.properties, "website": "https://www.hva.nl/"})])
    )
    with database.session() as db:
        db.scalar(select(Account).where(Account.email == PERSON)).affiliation = "hva.nl"
    post(person, "/profiel", GOOD)
    assert "Bevestigd door de login van je instelling" in person.get("/profiel").get_data(
        as_text=True
    )
    post(person, "/profiel", {**GOOD, "organisation": "org:nhl-stenden-hogeschool"})
    [profile] = profiles(database)
    assert profile.organisation_confirmed is False  # another organisation: not confirmed
