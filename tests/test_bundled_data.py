"""The bundled dataset: valid, fully sourced, and holding what the field needs."""

from __future__ import annotations

from collections import Counter

import pytest

import graphmodel

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


def test_every_node_and_relationship_is_sourced_and_dated(bundled):
    assert bundled.stats().share_sourced() == 1.0


def test_no_synthetic_data_in_the_bundled_data(bundled_batch):
    sources = [n.get("source") for n in bundled_batch.nodes]
    sources += [r.get("source") for r in bundled_batch.relationships]
    assert "synthetic" not in sources
    assert not [n.id for n in bundled_batch.nodes if ":synth-" in n.id]


def test_regions_of_2025(bundled_batch):
    levels = Counter(n.get("level") for n in bundled_batch.nodes if n.kind == "Region")
    assert (levels["provincie"], levels["gemeente"], levels["corop"]) == (12, 342, 40)


def test_every_gemeente_lies_in_a_province_and_a_corop_region(bundled):
    for node in bundled.search("a", kinds=["Region"], limit=10_000):
        if node.node.get("level") != "gemeente":
            continue
        parents = {
            bundled.node(r.end).get("level")
            for r in bundled.neighbourhood(node.node.id).relationships
            if r.start == node.node.id and r.type == "PART_OF"
        }
        assert {"provincie", "corop"} <= parents, node.node.id


def test_institutions_are_there_and_most_have_a_gemeente(bundled_batch):
    institutions = [
        n
        for n in bundled_batch.nodes
        if n.get("category") in ("hogeschool", "universiteit", "mbo-instelling")
        and n.get("source") == "ho-mbo-institutions-2025.csv"
    ]
    located = {r.start for r in bundled_batch.relationships if r.type == "LOCATED_IN"}
    assert len(institutions) > 280
    # the source gives no address for 37 of them (mostly international schools)
    assert sum(n.id in located for n in institutions) / len(institutions) > 0.85


def test_topic_vocabulary_covers_the_themes_of_the_seeds(bundled):
    for slug in REQUIRED_TOPICS:
        topic = bundled.node(f"topic:{slug}")
        assert topic.get("label_en"), slug


@pytest.mark.parametrize("seed", SEEDS)
def test_every_seed_document_is_used_as_a_source_and_named_by_its_title(bundled_batch, seed):
    assert any(seed in str(n.get("source")) for n in bundled_batch.nodes)
    assert SEEDS[seed] in graphmodel.source_catalogue().label(seed)


def test_seed_entities_of_every_kind(bundled_batch):
    seeded = Counter(n.kind for n in bundled_batch.nodes if "bron:" in str(n.get("source")))
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


def test_people_and_organisations_connect_to_leeruitkomsten(bundled):
    nearby = bundled.neighbourhood(
        "topic:leeruitkomsten", depth=2, kinds=["Person", "Organisation"]
    )
    kinds = Counter(n.kind for n in nearby.nodes[1:])
    assert kinds["Person"] > 0 and kinds["Organisation"] > 0


def test_contact_details_only_when_public(bundled_batch):
    for node in bundled_batch.nodes:
        if node.kind == "Person" and (node.get("email") or node.get("phone")):
            assert node.get("contact_public") is True, node.id


def test_region_centroids_lie_where_the_places_are(bundled):
    zwolle, fryslan = bundled.node("region:GM0193"), bundled.node("region:PV21")
    assert (round(zwolle.get("latitude"), 1), round(zwolle.get("longitude"), 1)) == (52.5, 6.1)
    assert (round(fryslan.get("latitude")), round(fryslan.get("longitude"))) == (53, 6)
    corop = bundled.nodes_of("Region", {"level": "corop"})
    assert all(50.7 < r.get("latitude") < 53.6 for r in corop)  # all on Dutch soil
