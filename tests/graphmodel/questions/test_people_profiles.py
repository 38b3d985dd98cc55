"""find_people and profiles, on both stores: a person's own topics are the strongest
evidence there is, aged from the day they confirmed them, and the reason says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from graphmodel.model import GraphBatch, Node, Relationship
from graphmodel.profiles import ProfileFacts, approve, profile_batch

TODAY = date(2026, 11, 22)
ANNA = ProfileFacts(
    account=7,
    person="person:profiel-7",
    name="Anna de Boer",
    confirmed=date(2026, 11, 8),  # two weeks before TODAY
    organisation="org:nhl-stenden-hogeschool",
    topics=("topic:flexibilisering", "topic:leeruitkomsten"),
    region="region:GM0363",
)


def people(graph, lang="nl"):
    found = graph.find_people(["flexibilisering"], region="GM0363", today=TODAY, lang=lang)
    return found[found.family == "people"].reset_index(drop=True)


def from_public_source(facts: ProfileFacts) -> GraphBatch:
    """The same facts as a profile states, cited from a public source instead."""
    batch = profile_batch(facts)
    cited = {"source": "bron:test-openbare-bron"}
    return GraphBatch(
        [Node(n.id, n.kind, {**n.properties, **cited}) for n in batch.nodes],
        [
            Relationship(r.start, r.type, r.end, {**r.properties, **cited})
            for r in batch.relationships
        ],
    )


def test_a_persons_own_topic_comes_first_with_its_reason(store):
    approve(store.store, ANNA, by="account:1")
    found = people(store)
    assert found.id[0] == "person:profiel-7"
    assert "werkt aan flexibilisering (eigen profiel, bevestigd 2 weken geleden)" in found.why[0]
    topic = next(r for r in found.reasons[0] if r["type"] == "topic")
    assert (topic["subject"], topic["verified"], topic["via"]) == (
        "topic:flexibilisering",
        "2026-11-08",
        None,
    )
    english = people(store, "en")
    assert "works on flexibilisering (own profile, confirmed 2 weeks ago)" in english.why[0]


def test_the_same_facts_from_a_public_source_weigh_less_and_read_as_before(store):
    store.load(from_public_source(ANNA))
    public = people(store)
    row = public[public.id == "person:profiel-7"].iloc[0]
    assert "eigen profiel" not in row.why and "werkt aan flexibilisering" in row.why
    public_score = row.topic_score

    approve(store.store, replace(ANNA, account=8, person="person:profiel-8"), by="account:1")
    own = people(store)
    own_score = own[own.id == "person:profiel-8"].iloc[0].topic_score
    assert own_score > public_score  # a profile of two topics keeps its whole strength


def test_a_claimed_public_persons_own_topics_read_as_their_profile(store):
    """A person from a public source who claimed their node: the node keeps its source,
    the topics their profile added are their own word."""
    store.load(from_public_source(replace(ANNA, topics=("topic:leeruitkomsten",))))
    approve(store.store, replace(ANNA, account=9), by="account:1")
    assert store.node(ANNA.person).get("source") == "bron:test-openbare-bron"
    found = people(store)
    assert found.id[0] == "person:profiel-7"
    assert "werkt aan flexibilisering (eigen profiel, bevestigd 2 weken geleden)" in found.why[0]


def test_own_topics_age_like_any_other_fact(store):
    approve(store.store, replace(ANNA, confirmed=date(2023, 11, 22)), by="account:1")
    approve(store.store, replace(ANNA, account=8, person="person:profiel-8"), by="account:1")
    found = people(store).set_index("id")
    assert "eigen profiel, bevestigd 3 jaar geleden" in found.why["person:profiel-7"]
    # past the year of grace it decays: below the same profile confirmed two weeks ago
    assert found.topic_score["person:profiel-7"] < found.topic_score["person:profiel-8"]
