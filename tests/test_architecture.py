"""The architecture holds: the one-way flow, no import cycles, an explorer that never
speaks Cypher (the contracts in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def lint(config: Path, cwd: Path = REPOSITORY) -> int:
    """import-linter's exit code for `config`, run in its own process: in ours its
    logging set-up would silence every logger that exists (the explorer's, among them)."""
    command = [Path(sys.executable).with_name("lint-imports"), "--config", config, "--no-cache"]
    # grimp finds the packages from the repository
    return subprocess.run(command, cwd=cwd, capture_output=True).returncode


def test_every_contract_in_pyproject_is_kept():
    assert lint(REPOSITORY / "pyproject.toml") == 0


def test_the_checker_fails_on_a_cycle_between_rooms(tmp_path):
    """The checker can fail: two sibling modules of a package that import each other
    (as graphmodel's questions and its store did before the Graph facade) break the
    "No import cycles" contract."""
    package = tmp_path / "house"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "questions.py").write_text("import house.stores\n")
    (package / "stores.py").write_text("import house.questions\n")
    config = tmp_path / "cycles.toml"
    config.write_text(
        "[tool.importlinter]\n"
        'root_packages = ["house"]\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "house without cycles"\n'
        'type = "acyclic_siblings"\n'
        'ancestors = ["house"]\n'
    )
    assert lint(config, cwd=tmp_path) == 1
    (package / "stores.py").write_text("")
    assert lint(config, cwd=tmp_path) == 0


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
