"""Derive the reference tables in ``data/reference/`` from the shared national data.

Run ``python -m importers.reference [SHARED_DATA] [DATA]`` after the shared reference data
changes. It writes curated-format tables (regions, institutions) so that the importer
treats them like any other table, and copies the files the app reads directly (map
geometry, the woonplaats lookup) with their provenance and licences.

Sources are named by file name; the PROVENANCE.txt copied beside each file says where it
came from and what attribution it needs.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from graphmodel.geometry import Centroid, centroid, combine
from graphmodel.text import fold, slugify

__all__ = ["PROVINCES", "GemeenteLookup", "build_reference"]

REGIONS_VERIFIED = "2025-01-01"  # the CBS municipal division of 2025
INSTITUTIONS_VERIFIED = "2025-02-17"  # commit date of navigator-data-generator

# Official names of the provinces by CBS code; the shared files write some without
# hyphen or in their Dutch rather than Frisian form.
PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "PV20": ("Groningen", ()),
    "PV21": ("Fryslân", ("Friesland",)),
    "PV22": ("Drenthe", ()),
    "PV23": ("Overijssel", ()),
    "PV24": ("Flevoland", ()),
    "PV25": ("Gelderland", ()),
    "PV26": ("Utrecht", ()),
    "PV27": ("Noord-Holland", ("North Holland",)),
    "PV28": ("Zuid-Holland", ("South Holland",)),
    "PV29": ("Zeeland", ()),
    "PV30": ("Noord-Brabant", ("Brabant", "North Brabant")),
    "PV31": ("Limburg", ()),
}

# Everyday names of places whose official woonplaats name differs.
PLACE_ALIASES = {
    "den haag": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "driebergen": "Driebergen-Rijsenburg",
}

CATEGORY_BY_TYPE = {
    "hogeschool": ("hogeschool", "hbo"),
    "universiteit": ("universiteit", "wo"),
    "onderzoeksuniversiteit": ("universiteit", "wo"),
    "mbo": ("mbo-instelling", "mbo"),
    "internationaal onderwijs": ("overig", ""),
}

REGION_COLUMNS = [
    "id",
    "name",
    "level",
    "code",
    "synonyms",
    "latitude",
    "longitude",
    "part_of",
    "source",
    "verified",
]
ORGANISATION_COLUMNS = [
    "id",
    "name",
    "category",
    "short_name",
    "brin",
    "sectors",
    "website",
    "located_in",
    "description",
    "source",
    "verified",
]


@dataclass(frozen=True)
class Gemeente:
    code: str  # GM0344
    name: str
    province: str  # PV26
    corop: str  # CR17
    centre: Centroid
    places: tuple[str, ...] = ()  # woonplaatsen only in this gemeente, other than its name
    former: tuple[str, ...] = ()  # former gemeenten merged into it, named nothing else now


class GemeenteLookup:
    """Find the current gemeente for a place name (woonplaats or gemeente), by province.

    Many woonplaats names occur in more than one gemeente (Hengelo, Zevenhuizen); the
    province, when known, decides, and an unresolved ambiguity gives no answer rather
    than a guess.
    """

    def __init__(self, gemeenten: dict[str, Gemeente], places: dict[str, set[str]]) -> None:
        self.gemeenten = gemeenten
        self.places = places

    def find(self, place: str, province_name: str = "") -> Gemeente | None:
        codes = self.places.get(fold(PLACE_ALIASES.get(fold(place), place)), set())
        if province := _province_code(province_name):  # elsewhere, it is another place
            codes = {c for c in codes if self.gemeenten[c].province == province}
        return self.gemeenten[next(iter(codes))] if len(codes) == 1 else None


def _province_code(name: str) -> str | None:
    """The CBS code of a province by its official, other or English name."""
    wanted = fold(name)
    found = [
        code
        for code, (official, others) in PROVINCES.items()
        if wanted in map(fold, (official, *others))
    ]
    return found[0] if wanted and found else None


def read_gemeenten(shared: Path) -> GemeenteLookup:
    """The 342 gemeenten with province and COROP, and every place name that points at one."""
    provinces = _read_semicolon_csv(shared / "geo" / "gemeente-veiligheidsregio-provincie-2025.csv")
    province_of = {row["gemeentCode"]: row["provincieCode"] for row in provinces}
    places: dict[str, set[str]] = defaultdict(set)
    corop_of: dict[str, str] = {}
    with open(shared / "cbs" / "woonplaats-gemeente-corop-2024.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = "GM" + row["Gemeentecode"].zfill(4)
            corop_of[code] = "CR" + row["COROP-gebiedcode"].zfill(2)
            places[fold(row["Woonplaats"])].add(code)
    gemeenten = {}
    for feature in _features(shared / "geo" / "gemeenten-2025.geojson"):
        props = feature["properties"]
        code = props["gemeenteCode"]
        name = props["gemeenteNaam"].removesuffix(" (gemeente)")
        centre = centroid(feature["geometry"])
        gemeenten[code] = Gemeente(code, name, province_of[code], corop_of[code], centre)
        places[fold(name)] = {code}  # a gemeente's own name wins over a same-named village
    lookup = GemeenteLookup(gemeenten, dict(places))
    for code, names in _own_places(shared, lookup).items():
        gemeenten[code] = replace(gemeenten[code], places=names)
    return lookup


def _own_places(shared: Path, lookup: GemeenteLookup) -> dict[str, tuple[str, ...]]:
    """Per gemeente, the place names that lead to it alone (its woonplaatsen and everyday
    names such as "Den Haag"): they become its synonyms, so that people can search by
    the place they live in."""
    with open(shared / "cbs" / "woonplaats-gemeente-corop-2024.csv", encoding="utf-8") as f:
        names = {row["Woonplaats"] for row in csv.DictReader(f)}
    names |= {alias.title() for alias in PLACE_ALIASES}
    own: dict[str, set[str]] = defaultdict(set)
    for name in names:
        gemeente = lookup.find(name)
        if gemeente is not None and fold(name) != fold(gemeente.name):
            own[gemeente.code].add(name)
    return {code: tuple(sorted(found)) for code, found in own.items()}


FORMER_GEMEENTEN = Path("lookup") / "former-gemeenten.csv"


def add_former_gemeenten(lookup: GemeenteLookup, data: Path) -> None:
    """Give each gemeente the names of the former gemeenten merged into it, as synonyms,
    so that people can search by the name they grew up with ("Dongeradeel").

    A former name that is also a current woonplaats or gemeente keeps its current
    meaning only; one split over several gemeenten (Boarnsterhim) goes to each of them.
    """
    former: dict[str, set[str]] = defaultdict(set)
    with open(data / FORMER_GEMEENTEN, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            successor = lookup.find(row["gemeente"])
            if successor is None:
                raise ValueError(f"{FORMER_GEMEENTEN}: unknown gemeente {row['gemeente']!r}")
            if fold(row["former_name"]) not in lookup.places:
                former[successor.code].add(row["former_name"])
    for code, names in former.items():
        lookup.gemeenten[code] = replace(lookup.gemeenten[code], former=tuple(sorted(names)))


def read_corop_names(shared: Path) -> dict[str, str]:
    with open(shared / "cbs" / "woonplaats-gemeente-corop-2024.csv", encoding="utf-8") as f:
        return {
            "CR" + row["COROP-gebiedcode"].zfill(2): row["COROP-gebied"]
            for row in csv.DictReader(f)
        }


def read_province_centres(shared: Path) -> dict[str, Centroid]:
    path = shared / "geo" / "provincies-2025.geojson"
    return {f["properties"]["provincieCode"]: centroid(f["geometry"]) for f in _features(path)}


def region_rows(
    lookup: GemeenteLookup, corop_names: dict[str, str], province_centres: dict[str, Centroid]
) -> list[dict[str, str]]:
    """The country, its provinces, COROP regions and gemeenten, each PART_OF the larger,
    with the centroid of its area (a COROP region's from its gemeenten)."""
    geo_source = "gemeenten-2025.geojson; gemeente-veiligheidsregio-provincie-2025.csv"
    cbs_source = "woonplaats-gemeente-corop-2024.csv"
    rows = [_region("NL", "Nederland", "land", "", "", "", "provincies-2025.geojson")]
    for code, (name, synonyms) in PROVINCES.items():
        rows.append(
            _region(
                code,
                name,
                "provincie",
                code,
                ";".join(synonyms),
                "region:NL",
                "provincies-2025.geojson",
                province_centres[code],
            )
        )
    for code, name in sorted(corop_names.items()):
        members = [g for g in lookup.gemeenten.values() if g.corop == code]
        provinces = {g.province for g in members}
        part_of = f"region:{provinces.pop()}" if len(provinces) == 1 else ""
        centre = combine(g.centre for g in members)
        rows.append(_region(code, name, "corop", code, "", part_of, cbs_source, centre))
    for g in sorted(lookup.gemeenten.values(), key=lambda g: g.code):
        part_of = f"region:{g.province};region:{g.corop}"
        source = f"{geo_source}; {cbs_source}" + ("; former-gemeenten.csv" if g.former else "")
        synonyms = ";".join(g.places + g.former)
        rows.append(
            _region(g.code, g.name, "gemeente", g.code, synonyms, part_of, source, g.centre)
        )
    return rows


def _region(
    code: str,
    name: str,
    level: str,
    cbs_code: str,
    synonyms: str,
    part_of: str,
    source: str,
    centre: Centroid | None = None,
) -> dict[str, str]:
    return {
        "id": f"region:{code}",
        "name": name,
        "level": level,
        "code": cbs_code,
        "synonyms": synonyms,
        "latitude": f"{centre.latitude:.4f}" if centre else "",
        "longitude": f"{centre.longitude:.4f}" if centre else "",
        "part_of": part_of,
        "source": source,
        "verified": REGIONS_VERIFIED,
    }


def institution_rows(shared: Path, lookup: GemeenteLookup) -> tuple[list[dict[str, str]], int]:
    """Hogescholen, universities and mbo institutions, LOCATED_IN their gemeente.

    Returns the rows and how many could not be placed in a gemeente.
    """
    folder = shared / "institutions"
    campus_cities = _campus_cities(folder / "ho-mbo-locations-2025.csv")
    rows: dict[str, dict[str, str]] = {}
    unplaced = 0
    with open(folder / "ho-mbo-institutions-2025.csv", encoding="utf-8") as f:
        for record in csv.DictReader(f):
            node_id = "org:" + slugify(record["name"])
            if node_id in rows:  # the list repeats a few institutions
                continue
            gemeente = _place_institution(record, campus_cities, lookup)
            unplaced += gemeente is None
            rows[node_id] = _institution(node_id, record, gemeente)
    return list(rows.values()), unplaced


def _institution(node_id: str, record: dict[str, str], gemeente: Gemeente | None) -> dict[str, str]:
    category, sector = CATEGORY_BY_TYPE[record["type"]]
    website = record["website"].strip()
    return {
        "id": node_id,
        "name": record["name"].strip(),
        "category": category,
        "short_name": record["short_code"].strip(),
        "brin": record["brin"].strip(),
        "sectors": sector,
        "website": website if website.startswith(("http://", "https://")) else "",
        "located_in": f"region:{gemeente.code}" if gemeente else "",
        "description": "",
        "source": "ho-mbo-institutions-2025.csv",
        "verified": INSTITUTIONS_VERIFIED,
    }


def _place_institution(
    record: dict[str, str], campus_cities: dict[str, list[str]], lookup: GemeenteLookup
) -> Gemeente | None:
    """The gemeente of the institution's address, else of its campuses if they agree."""
    address = record["address"].removesuffix(", NL").removesuffix(", Nederland")
    address_city = address.rsplit(",", 1)[-1].strip()
    if address_city and (found := lookup.find(address_city, record["province"])):
        return found
    candidates = {
        g.code
        for city in campus_cities.get(record["brin"].strip(), [])
        if (g := lookup.find(city, record["province"]))
    }
    return lookup.gemeenten[candidates.pop()] if len(candidates) == 1 else None


def _campus_cities(path: Path) -> dict[str, list[str]]:
    cities: dict[str, list[str]] = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cities[row["brinvest"][:4]].append(row["city"])
    return cities


def _features(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _read_semicolon_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=";"))


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


COPIED_FILES = {
    "geo": ["provincies-2025.geojson", "gemeenten-2025.geojson", "PROVENANCE.txt"],
    "lookup": [
        "woonplaats-gemeente-corop-2024.csv",
        "PROVENANCE.txt",
        "LICENSE.woningwaardering.txt",
    ],
    "reference": ["PROVENANCE.txt", "LICENSE.navigator-data-generator.txt"],
}
COPIED_FROM = {"geo": "geo", "lookup": "cbs", "reference": "institutions"}


def build_reference(shared: Path, data: Path) -> Counter[str]:
    """Write ``data/reference``, ``data/geo`` and ``data/lookup``; return what was written."""
    lookup = read_gemeenten(shared)
    add_former_gemeenten(lookup, data)
    regions = region_rows(lookup, read_corop_names(shared), read_province_centres(shared))
    institutions, unplaced = institution_rows(shared, lookup)
    _write_table(data / "reference" / "regions.csv", REGION_COLUMNS, regions)
    _write_table(data / "reference" / "organisations.csv", ORGANISATION_COLUMNS, institutions)
    for target, names in COPIED_FILES.items():
        (data / target).mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(shared / COPIED_FROM[target] / name, data / target / name)
    counts = Counter(row["level"] for row in regions)
    counts["institutions"] = len(institutions)
    counts["institutions without gemeente"] = unplaced
    return counts


def main(argv: list[str]) -> None:
    root = Path(__file__).resolve().parents[1]
    shared = Path(argv[0]) if argv else root.parent / "shared" / "data"
    data = Path(argv[1]) if len(argv) > 1 else root / "data"
    for what, count in build_reference(shared, data).items():
        print(f"{what}: {count}")


if __name__ == "__main__":
    main(sys.argv[1:])
