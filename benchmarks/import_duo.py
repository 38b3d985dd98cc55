"""Benchmark: a national DUO file imported into a dataset folder and into Neo4j.

The file is synthetic and says so: the older header generation of "Adressen instellingen
VO", schools named "Synthetische school 0001" in real gemeenten (codes and names from
data/reference/regions.csv), about 20 schools per bevoegd gezag, instellingscodes of a
"Z" and three letters or digits (real DUO codes start with two digits, so none can
clash), websites under example.org, source ``synthetic``. It is written to a temporary
folder, never into data/.

Both targets are measured side by side in one run, alternating: ``import_file`` into a
FolderTarget on a fresh temporary copy of data/ (reading the folder included, as
``verbindplaats import --into`` does) and into Neo4j through a StoreTarget (the database
wiped and loaded with the bundled data before each run); then the same with ``check``
(``--check``: read, match and plan, write nothing). Reports the median and p95 seconds
and rows per second of each. Run: ``python -m benchmarks.import_duo [--rows 7000]
[--repeats 3]``.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import graphmodel
from graphmodel.graph import Graph
from graphmodel.stores.neo4j import Neo4jStore
from importers.curated import SYNTHETIC_SOURCE, read_dataset
from importers.importing import FolderTarget, ImportOutcome, StoreTarget, Target, import_file
from verbindplaats import neo4j_server

BENCH_PORT = 17691
SCHOOLS_PER_BOARD = 20
FIRST_BOARD = 900001  # six digits: DUO's bevoegd gezag numbers have five
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The 30 columns of DUO's "Adressen instellingen VO" before 2025 (BRIN NUMMER).
HEADER = (
    "PROVINCIE",
    "BEVOEGD GEZAG NUMMER",
    "BRIN NUMMER",
    "INSTELLINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "PLAATSNAAM",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "DENOMINATIE",
    "TELEFOONNUMMER",
    "INTERNETADRES",
    "ONDERWIJSSTRUCTUUR",
    "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES",
    "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES",
    "NODAAL GEBIED CODE",
    "NODAAL GEBIED NAAM",
    "RPA-GEBIED CODE",
    "RPA-GEBIED NAAM",
    "WGR-GEBIED CODE",
    "WGR-GEBIED NAAM",
    "COROPGEBIED CODE",
    "COROPGEBIED NAAM",
    "ONDERWIJSGEBIED CODE",
    "ONDERWIJSGEBIED NAAM",
    "RMC-REGIO CODE",
    "RMC-REGIO NAAM",
)
STRUCTURES = ("VBO/MAVO/HAVO/VWO", "PRO", "HAVO/VWO", "VBO/MAVO")
DENOMINATIONS = ("Openbaar", "Rooms-Katholiek", "Protestants-Christelijk", "Algemeen bijzonder")


def synthetic_code(number: int) -> str:
    """``Z`` and `number` in three base-36 digits: Z000, Z001, ... ZZZZ (46,656 codes)."""
    digits = ""
    for _ in range(3):
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return "Z" + digits


def real_gemeenten(regions_csv: Path) -> list[tuple[str, str, str]]:
    """(province name, four-digit code, name) of every gemeente in the reference table."""
    with open(regions_csv, encoding="utf-8", newline="") as f:
        regions = list(csv.DictReader(f))
    provinces = {r["id"]: r["name"] for r in regions if r["level"] == "provincie"}
    return [
        (
            next(provinces[p] for p in r["part_of"].split(";") if p in provinces),
            r["code"].removeprefix("GM"),
            r["name"],
        )
        for r in regions
        if r["level"] == "gemeente"
    ]


def write_synthetic_duo(path: Path, rows: int) -> None:
    """`rows` synthetic schools, spread over the real gemeenten in turn."""
    gemeenten = real_gemeenten(graphmodel.BUNDLED_DATA / "reference" / "regions.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, HEADER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        writer.writeheader()
        for i in range(rows):
            province, code, name = gemeenten[i % len(gemeenten)]
            number = f"{i + 1:04d}"
            cells = dict.fromkeys(HEADER, "")
            cells |= {
                "PROVINCIE": province,
                "BEVOEGD GEZAG NUMMER": str(FIRST_BOARD + i // SCHOOLS_PER_BOARD),
                "BRIN NUMMER": synthetic_code(i),
                "INSTELLINGSNAAM": f"Synthetische school {number}",
                "PLAATSNAAM": name.upper(),
                "GEMEENTENUMMER": code,
                "GEMEENTENAAM": name.upper(),
                "DENOMINATIE": DENOMINATIONS[i % len(DENOMINATIONS)],
                "INTERNETADRES": f"www.example.org/synthetische-school-{number}",
                "ONDERWIJSSTRUCTUUR": STRUCTURES[i % len(STRUCTURES)],
            }
            writer.writerow(cells)


class Runs:
    """Seconds per run of one way of importing, and the summary of its last run."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.seconds: list[float] = []
        self.outcome: ImportOutcome | None = None

    def time(self, run: Callable[[], ImportOutcome]) -> None:
        start = time.perf_counter()
        outcome = run()
        self.seconds.append(time.perf_counter() - start)
        if not outcome.report.ok:
            raise SystemExit(f"{self.label}: the import failed\n{outcome.report.format_text()}")
        self.outcome = outcome

    def line(self, rows: int) -> str:
        median = statistics.median(self.seconds)
        p95 = (
            statistics.quantiles(self.seconds, n=20, method="inclusive")[18]
            if len(self.seconds) > 1
            else median
        )
        return (
            f"{self.label:<24} median {median:6.2f} s  p95 {p95:6.2f} s  "
            f"{rows / median:8,.0f} rows/s"
        )


def imported(path: Path, target: Callable[[], Target], check: bool) -> ImportOutcome:
    """Import into the target `target()` makes (making it is timed: a FolderTarget reads
    its folder)."""
    return import_file(path, "duo", target(), check=check, source=SYNTHETIC_SOURCE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=7000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not 0 < args.rows <= len(ALPHABET) ** 3:
        parser.error(f"--rows must be 1 to {len(ALPHABET) ** 3} (one synthetic code each)")

    bundled, _ = read_dataset(graphmodel.BUNDLED_DATA)
    runs = {
        (target, check): Runs(f"{target}{' --check' if check else ''}")
        for check in (False, True)
        for target in ("folder", "neo4j")
    }
    status = neo4j_server.start(BENCH_PORT)
    store = Graph(Neo4jStore.connect(status.uri, password=neo4j_server.password()))
    try:
        with tempfile.TemporaryDirectory(prefix="verbindplaats-bench-") as temporary:
            work = Path(temporary)
            path = work / "adressen-instellingen-vo-synthetisch.csv"
            write_synthetic_duo(path, args.rows)
            for repeat in range(args.repeats):
                for (target, check), timing in runs.items():
                    if target == "folder":
                        folder = work / f"data-{repeat}-{check}"
                        shutil.copytree(graphmodel.BUNDLED_DATA, folder)
                        timing.time(partial(imported, path, partial(FolderTarget, folder), check))
                        shutil.rmtree(folder)
                    else:
                        store.wipe()
                        store.load(bundled)
                        timing.time(partial(imported, path, partial(StoreTarget, store), check))
                print(f"run {repeat + 1}/{args.repeats} done", flush=True)
    finally:
        store.close()
        neo4j_server.stop(BENCH_PORT)
    report(runs, args.rows, args.repeats)


def report(runs: dict[tuple[str, bool], Runs], rows: int, repeats: int) -> None:
    written = {key: r.outcome.summary for key, r in runs.items() if r.outcome}
    if len({repr(s) for s in written.values()}) != 1:
        raise SystemExit(f"the targets disagree on what the import changes: {written}")
    summary = next(iter(written.values()))
    print(
        f"synthetic DUO file (older header generation): {rows} rows, {repeats} runs each; "
        f"each import creates {summary.total_created} nodes and relationships"
    )
    for timing in runs.values():
        print(timing.line(rows))


if __name__ == "__main__":
    main()
