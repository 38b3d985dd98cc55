"""Claiming a person the graph names from a public source, over HTTP on SQLite and
PostgreSQL: the claim waits for a curator beside what the graph holds, or is confirmed
at once when the institution's login matches the node's affiliation; approved, the
profile describes that node (its own facts stay its source's); a hostile or unknown id,
or a node someone else claims, is refused with nothing kept."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from explorer.accounts.models import Account, Profile
from graphmodel.model import GraphBatch, Node
from tests.profiles.conftest import GOOD, PERSON, decide, graph_of, post, sign_in

MARCO = "person:marco-snoek"
CLAIM = {**GOOD, "name": "Marco Snoek", "claim": MARCO}


def profiles(database) -> list[Profile]:
    with database.session() as db:
        return list(db.scalars(select(Profile)))


def test_a_claim_waits_for_a_curator_beside_the_graph_and_approved_describes_the_node(
    app, person, curator, database
):
    marco_before = graph_of(app).node(MARCO)
    assert post(person, "/profiel", CLAIM).status_code == 200
    [profile] = profiles(database)
    assert (profile.claimed_id, profile.claim_confirmed) == (MARCO, False)
    assert profile.person_id != MARCO  # not before a curator says so

    queue = curator.get("/curator").get_data(as_text=True)
    assert "Marco Snoek: te controleren" in queue
    graph_side = queue.split("Nu in Verbindplaats")[1]
    assert "<td>lector</td>" in graph_side and "Leren en Innoveren" in graph_side

    assert decide(curator, profile.id, "approve").status_code == 200
    [profile] = profiles(database)
    assert profile.person_id == MARCO
    graph = graph_of(app)
    assert graph.node(MARCO) == marco_before  # its own facts stay as its source says
    works_on = [r for r in graph.relationships_of([MARCO]) if r.type == "WORKS_ON"]
    assert [(r.end, r.get("source")) for r in works_on] == [
        ("topic:flexibilisering", f"profiel:{profile.account_id}@2026-11-22")
    ]
    assert graph.nodes([f"person:profiel-{profile.account_id}"]) == []


def test_the_institution_s_login_confirms_a_claim_at_once(app, person, database):
    graph = graph_of(app)
    hva = graph.node("org:hogeschool-van-amsterdam")
    website = {**hva.properties, "website": "https://www.hva.nl/"}
    graph.load(GraphBatch([Node(hva.id, hva.kind, website)]))
    with database.session() as db:
        db.scalar(select(Account).where(Account.email == PERSON)).affiliation = "hva.nl"
    assert post(person, "/profiel", CLAIM).status_code == 200
    [profile] = profiles(database)
    assert (profile.person_id, profile.claim_confirmed) == (MARCO, True)


def test_a_login_of_another_institution_leaves_the_claim_to_a_curator(app, person, database):
    with database.session() as db:
        db.scalar(select(Account).where(Account.email == PERSON)).affiliation = "nhlstenden.com"
    assert post(person, "/profiel", CLAIM).status_code == 200
    [profile] = profiles(database)
    assert (profile.claimed_id, profile.claim_confirmed) == (MARCO, False)


@pytest.mark.parametrize(
    "claim",
    [
        "person:bestaat-niet",
        "org:hogeschool-van-amsterdam",
        "topic:flexibilisering",
        "person:marco-snoek' OR '1'='1",
        "person:" + "x" * 5000,
        "<script>alert(1)</script>",
    ],
)
def test_a_hostile_or_unknown_claim_is_refused_and_keeps_nothing(person, database, claim):
    refused = post(person, "/profiel", {**CLAIM, "claim": claim})
    text = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Er is niets opgeslagen" in text and "Deze keuze bestaat niet" in text
    assert "<script>alert" not in text
    assert profiles(database) == []


def test_a_node_another_account_claims_cannot_be_claimed_again(app, person, mailbox, database):
    assert post(person, "/profiel", CLAIM).status_code == 200
    other = app.server.test_client()
    sign_in(other, mailbox, "iemand.anders@example.nl")
    refused = post(other, "/profiel", CLAIM)
    assert refused.status_code == 400
    assert "al geclaimd" in refused.get_data(as_text=True)
    assert len(profiles(database)) == 1


def test_deleting_the_account_takes_back_what_the_claim_added(app, person, curator, database):
    assert post(person, "/profiel", CLAIM).status_code == 200
    [profile] = profiles(database)
    marco_before = graph_of(app).node(MARCO)
    assert decide(curator, profile.id, "approve").status_code == 200
    deleted = post(person, "/profiel/verwijderen", {})
    assert deleted.status_code == 200
    graph = graph_of(app)
    assert graph.node(MARCO) == marco_before  # the public person stays
    assert [r for r in graph.relationships_of([MARCO]) if r.type == "WORKS_ON"] == []
    assert not any("profiel:" in c.source for c in graph.history())


def test_the_claim_field_speaks_english(person):
    form = person.get("/profiel?lang=en").get_data(as_text=True)
    assert "from a public source? This is me" in form
