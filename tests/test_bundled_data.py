"""The bundled dataset: valid, fully sourced, and holding what the field needs."""

from __future__ import annotations

from collections import Counter

import pytest

import graphmodel
from graphmodel.model import GraphBatch
from tests.conftest import read_valid

SEEDS = {  # the seed documents (../shared/seeds/README.md) as the data cites them
    "bron:velon-themagroep-flexibel-opleiden-verslag-2022": "Themagroep Flexibel Opleiden",
    "bron:leraren-voor-morgen-professionaliseringsplatform-2023": (
        "Leraren voor morgen, Professionaliseringsplatform flexibel opleiden (2023)"
    ),
    "bron:velon-manifest-flexibel-opleiden-2022": "Flexibel Opleiden van leraren",
    "bron:resultaten-bestuursakkoord-flexibilisering-2025": "Resultaten Bestuursakkoord",
    "bron:aankondiging-informatiebijeenkomst-bestuursakkoord-2021": "Informatiebijeenkomst",
}
REQUIRED_TOPICS = (
    "leeruitkomsten",
    "flexibilisering",
    "zij-instroom",
    "evc",
    "leerwegonafhankelijke-toetsing",
    "holistisch-beoordelen",
    "curriculumontwikkeling",
    "blended-learning",
    "onderwijslogistiek",
    "leercoaching",
    "begeleiden-van-werkplekleren",
    "samen-opleiden",
    "professionalisering-van-lerarenopleiders",
    "teamteaching",
    "docentontwerpteams",
    "lesson-study",
    "microcredentials",
    "modularisering",
    "academische-lerarenopleiding",
    "tekortvakken",
    "inductie",
    "loopbaan-en-hr-beleid",
    "diversiteit-en-inclusie",
    "digitale-didactiek",
)


@pytest.fixture(scope="module")
def bundled() -> GraphBatch:
    return read_valid(graphmodel.BUNDLED_DATA)


@pytest.fixture(scope="module")
def store(bundled) -> graphmodel.MemoryStore:
    store = graphmodel.MemoryStore()
    store.load(bundled)
    return store


def test_every_node_and_relationship_is_sourced_and_dated(store):
    assert store.stats().share_sourced() == 1.0


def test_no_synthetic_data_in_the_bundled_data(bundled):
    sources = [n.get("source") for n in bundled.nodes]
    sources += [r.get("source") for r in bundled.relationships]
    assert "synthetic" not in sources
    assert not [n.id for n in bundled.nodes if ":synth-" in n.id]


def test_regions_of_2025(bundled):
    levels = Counter(n.get("level") for n in bundled.nodes if n.kind == "Region")
    assert (levels["provincie"], levels["gemeente"], levels["corop"]) == (12, 342, 40)


def test_every_gemeente_lies_in_a_province_and_a_corop_region(store):
    for node in store.search("a", kinds=["Region"], limit=10_000):
        if node.node.get("level") != "gemeente":
            continue
        parents = {
            store.node(r.end).get("level")
            for r in store.neighbourhood(node.node.id).relationships
            if r.start == node.node.id and r.type == "PART_OF"
        }
        assert {"provincie", "corop"} <= parents, node.node.id


def test_institutions_are_there_and_most_have_a_gemeente(bundled):
    institutions = [
        n
        for n in bundled.nodes
        if n.get("category") in ("hogeschool", "universiteit", "mbo-instelling")
        and n.get("source") == "ho-mbo-institutions-2025.csv"
    ]
    located = {r.start for r in bundled.relationships if r.type == "LOCATED_IN"}
    assert len(institutions) > 280
    # the source gives no address for 37 of them (mostly international schools)
    assert sum(n.id in located for n in institutions) / len(institutions) > 0.85


def test_topic_vocabulary_covers_the_themes_of_the_seeds(store):
    for slug in REQUIRED_TOPICS:
        topic = store.node(f"topic:{slug}")
        assert topic.get("label_en"), slug


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_document_is_used_as_a_source_and_named_by_its_title(bundled, seed):
    assert any(seed in str(n.get("source")) for n in bundled.nodes)
    assert SEEDS[seed] in graphmodel.source_catalogue().label(seed)


def test_seed_entities_of_every_kind(bundled):
    seeded = Counter(n.kind for n in bundled.nodes if "bron:" in str(n.get("source")))
    for kind in (
        "Organisation",
        "Network",
        "ResearchGroup",
        "Person",
        "Project",
        "Topic",
        "Event",
        "Resource",
    ):
        assert seeded[kind] > 0, kind
    assert seeded["Project"] >= 12  # the twelve sub-projects of the Bestuursakkoord


def test_people_and_organisations_connect_to_leeruitkomsten(store):
    nearby = store.neighbourhood("topic:leeruitkomsten", depth=2, kinds=["Person", "Organisation"])
    kinds = Counter(n.kind for n in nearby.nodes[1:])
    assert kinds["Person"] > 0 and kinds["Organisation"] > 0


def test_contact_details_only_when_public(bundled):
    for node in bundled.nodes:
        if node.kind == "Person" and (node.get("email") or node.get("phone")):
            assert node.get("contact_public") is True, node.id


def test_region_centroids_lie_where_the_places_are(store):
    zwolle, fryslan = store.node("region:GM0193"), store.node("region:PV21")
    assert (round(zwolle.get("latitude"), 1), round(zwolle.get("longitude"), 1)) == (52.5, 6.1)
    assert (round(fryslan.get("latitude")), round(fryslan.get("longitude"))) == (53, 6)
    corop = store.nodes_of("Region", {"level": "corop"})
    assert all(50.7 < r.get("latitude") < 53.6 for r in corop)  # all on Dutch soil
