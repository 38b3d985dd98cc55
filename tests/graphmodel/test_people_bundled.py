"""Issue 20's questions on the bundled data: three families, honest regions, regions by
CBS code or name, routes that introduce (the embedded store; test_neo4j_bundled holds
Neo4j to the same answers)."""

from __future__ import annotations

from datetime import date

import pytest

from graphmodel.errors import GraphModelError
from graphmodel.questions.region_names import resolve_region

TODAY = date(2026, 11, 22)


def find(store, topics, **kwargs):
    return store.find_people(topics, today=TODAY, **kwargs)


def family(frame, name):
    return frame[frame["family"] == name]


def test_zij_instroom_zwolle_mbo_lists_all_three_families_with_windesheim(bundled):
    frame = find(bundled, ["zij-instroom"], region="Zwolle", sector="mbo")
    assert {
        name: len(family(frame, name)) > 0 for name in ("people", "groups", "organisations")
    } == {
        "people": True,
        "groups": True,
        "organisations": True,
    }
    organisations = family(frame, "organisations").set_index("id")
    assert "org:windesheim" in organisations.index  # the sector no longer filters it out
    assert "zelfde gemeente: Zwolle" in organisations.loc["org:windesheim", "why"]


def test_leercoaching_leeuwarden_says_nobody_near_and_names_the_nearest(bundled):
    frame = find(bundled, ["leercoaching"], region="Leeuwarden")
    statement = frame.attrs["statement"]
    assert "niemand in Leeuwarden of Fryslân gevonden" in statement
    assert "het dichtstbij: Universiteit Utrecht (Utrecht, 130 km)" in statement
    uu = frame.set_index("id").loc["org:universiteit-utrecht"]
    assert uu["distance_km"] == pytest.approx(129.6, abs=0.1) and uu["place"] == "Utrecht"


def test_flexibel_opleiden_has_the_velon_themagroep_among_the_first_three_groups(bundled):
    groups = family(find(bundled, ["flexibel opleiden"]), "groups")
    assert "network:velon-themagroep-flexibel-opleiden" in groups["id"].head(3).tolist()
    first = groups.iloc[0]
    assert first["rank"] == 1 and first["kind"] in ("Network", "Project", "ResearchGroup")


def test_umbrella_bodies_no_longer_top_the_groups_and_people_are_answers(bundled):
    frame = find(bundled, ["flexibel opleiden"], limit=5)
    assert len(family(frame, "people")) == 5
    assert not set(family(frame, "groups")["kind"]) & {"Organisation", "Person"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GM0193", "region:GM0193"),
        ("gm0344", "region:GM0344"),
        ("PV26", "region:PV26"),
        ("CR17", "region:CR17"),
        ("Utrecht", "region:GM0344"),
        ("provincie Utrecht", "region:PV26"),
        ("region:CR17", "region:CR17"),
    ],
)
def test_regions_by_cbs_code_or_name(bundled, text, expected):
    assert resolve_region(bundled, text).id == expected


def test_find_people_takes_a_cbs_code(bundled):
    by_code = find(bundled, ["leeruitkomsten"], region="GM0193")
    by_name = find(bundled, ["leeruitkomsten"], region="gemeente Zwolle")
    assert by_code.equals(by_name) and len(by_code) > 3
    with pytest.raises(GraphModelError, match="CBS code 'GM9999'"):
        find(bundled, ["leeruitkomsten"], region="GM9999")


def test_routes_start_at_the_organisation_else_at_an_actor_in_its_gemeente(bundled):
    """Deltion College has no relationships yet: every route starts from an actor in
    Zwolle and says so; none is the bare 'Zwolle <- gevestigd in <- X'."""
    frame = find(bundled, ["zij-instroom"], region="Zwolle", from_org="Deltion College")
    routed = frame[frame["route_from"] != ""]
    assert len(routed) >= 3
    assert set(routed["route_from"]) == {"gemeente"}
    assert all(text.startswith("Vanuit Zwolle: ") for text in routed["route_text"])
    assert all(len(route) >= 2 and not route[0].startswith("region:") for route in routed["route"])
    windesheim = find(bundled, ["zij-instroom"], region="Zwolle", from_org="Windesheim")
    from_org = windesheim[windesheim["route_from"] == "organisation"]
    assert len(from_org) >= 3
    assert all(route[0] == "org:windesheim" for route in from_org["route"])


def test_contact_details_only_where_public(bundled):
    frame = find(bundled, ["flexibel opleiden"], limit=20).set_index("id")
    assert frame.loc["person:petra-van-beveren", "reach"].startswith("e-mail ")  # marked public
    hidden = frame[frame["kind"] == "Person"].drop(index="person:petra-van-beveren")
    assert not hidden["reach"].str.contains("e-mail|telefoon").any()
