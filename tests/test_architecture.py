"""The architecture holds: the one-way flow, no import cycles, an explorer that never
speaks Cypher (the contracts in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def lint(config: Path) -> int:
    """import-linter's exit code for `config`, run in its own process: in ours its
    logging set-up would silence every logger that exists (the explorer's, among them)."""
    command = [Path(sys.executable).with_name("lint-imports"), "--config", config, "--no-cache"]
    # grimp finds the packages from the repository
    return subprocess.run(command, cwd=REPOSITORY, capture_output=True).returncode


def test_every_contract_in_pyproject_is_kept():
    assert lint(REPOSITORY / "pyproject.toml") == 0


def test_graphmodel_still_has_the_cycles_the_store_facade_will_remove(tmp_path):
    """The checker can fail: graphmodel's questions and GraphStore import each other.
    When this fails, the cycle is gone: add graphmodel to the "No import cycles"
    contract in pyproject.toml and delete this test."""
    config = tmp_path / "cycles.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["graphmodel"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "graphmodel without cycles"\n'
        'type = "acyclic_siblings"\n'
        'ancestors = ["graphmodel"]\n'
    )
    assert lint(config) == 1


CALENDAR_READS = ("date.today(", "datetime.now(", "datetime.today(", "datetime.utcnow(")
PACKAGES = ("graphmodel", "import", "explorer", "verbindplaats", "benchmarks", "tests")
# the clock itself, its test of the real date, and this test (which names the reads)
CLOCK_AND_ITS_TESTS = (
    "graphmodel/clock.py",
    "tests/graphmodel/test_clock.py",
    "tests/test_architecture.py",
)


def test_only_the_clock_reads_the_calendar():
    """Answers that depend on the day take it from graphmodel.clock (pinned, configured
    or real); any other read of the calendar would make them, or a test, depend on the
    day they run."""
    readers = [
        f"{path.relative_to(REPOSITORY)}:{number}"
        for package in PACKAGES
        for path in sorted((REPOSITORY / package).rglob("*.py"))
        if not path.relative_to(REPOSITORY).as_posix().startswith(CLOCK_AND_ITS_TESTS)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(read in line for read in CALENDAR_READS)
    ]
    assert readers == []
