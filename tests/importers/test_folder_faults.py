"""Writes into a dataset folder under faults: two real processes at once, kill -9 at random
moments, a crash between renames. The folder is always the old state or the new one,
never a mix; nothing staged stays behind; files keep their mode."""

from __future__ import annotations

import os
import random
import selectors
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from importers.curated import read_dataset
from importers.history import read_history
from importers.importing import FolderTarget, import_file
from importers.journal import JOURNAL, FolderLock

VERBINDPLAATS = str(Path(sys.executable).parent / "verbindplaats")
HVA = "org:hogeschool-van-amsterdam"


def schools(folder: Path, name: str, count: int) -> Path:
    """`count` new schools in Amsterdam, and HVA with a second source: an import that
    changes a row, adds rows to two new tables and appends to the history."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [f"{HVA},Hogeschool van Amsterdam,hogeschool,,{name}.csv,2026-11-01"]
    rows += [
        f"org:{name}-{i},School {name} {i},school,region:GM0363,{name}.csv,2026-11-01"
        for i in range(count)
    ]
    path = folder / "organisations.csv"
    header = "id,name,category,located_in,source,verified\n"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def state(folder: Path) -> tuple[object, ...]:
    """What a folder holds, as a reader sees it: nodes, relationships and history."""
    batch, report = read_dataset(folder)
    assert report.ok, report.format_text("en")
    return (
        sorted((n.id, sorted(n.properties.items())) for n in batch.nodes),
        sorted((r.key, sorted(r.properties.items())) for r in batch.relationships),
        [vars(c) for c in read_history(folder)],
    )


def leftovers(folder: Path) -> list[Path]:
    """Hidden files and folders a write left behind (the journal, temporary files)."""
    return [p for p in folder.rglob(".*")]


def import_process(path: Path, folder: Path) -> subprocess.Popen[str]:
    command = [VERBINDPLAATS, "import", str(path), "--as", "tables", "--into", str(folder)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_imports_into_one_folder_at_once_both_arrive(mini_copy, tmp_path):
    first = import_process(schools(tmp_path / "a", "a", 2000), mini_copy)
    second = import_process(schools(tmp_path / "b", "b", 2000), mini_copy)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    ids = {node_id for node_id, _ in state(mini_copy)[0]}
    assert {f"org:a-{i}" for i in range(2000)} <= ids
    assert {f"org:b-{i}" for i in range(2000)} <= ids
    created = {c.entity for c in read_history(mini_copy) if c.action == "added"}
    assert {"org:a-0", "org:b-0"} <= created
    assert leftovers(mini_copy) == []


def test_a_writer_that_must_wait_says_so_and_then_writes(mini_copy, tmp_path):
    lock = FolderLock(mini_copy)  # another writer, busy
    process = import_process(schools(tmp_path / "a", "a", 3), mini_copy)
    said = _first_line_with("waiting for another process to finish with", process, 60)
    assert said, "the import did not say that it waits"
    assert process.poll() is None, "the import did not wait for the lock"
    assert "org:a-0" not in {node_id for node_id, _ in state(mini_copy)[0]}
    lock.release()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "org:a-0" in {node_id for node_id, _ in state(mini_copy)[0]}


def _first_line_with(text: str, process: subprocess.Popen[str], seconds: float) -> str:
    """The first line of `process`'s stderr holding `text`, read as it comes; empty
    when the process ends or `seconds` pass first."""
    deadline = time.monotonic() + seconds
    with selectors.DefaultSelector() as waiting:
        waiting.register(process.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline and waiting.select(deadline - time.monotonic()):
            line = process.stderr.readline()
            if not line or text in line:
                return line
    return ""


def test_a_crash_between_renames_is_finished_by_the_next_reader(mini_copy, tmp_path, monkeypatch):
    """The import's files are renamed into place one by one; dying after the first must
    not leave schools without their LOCATED_IN, nor lose the history."""
    path = schools(tmp_path / "a", "a", 20)
    old = state(mini_copy)
    expected = state(_imported_copy(mini_copy, path, tmp_path / "expected"))
    real_replace, renamed = os.replace, []

    def die_after_the_first_rename(source, target):
        if renamed and not str(source).endswith(".part"):
            raise KeyboardInterrupt("killed")
        real_replace(source, target)
        if not str(source).endswith(".part"):
            renamed.append(target)

    monkeypatch.setattr(os, "replace", die_after_the_first_rename)
    with pytest.raises(KeyboardInterrupt), FolderTarget(mini_copy) as target:
        import_file(path, "tables", target)
    monkeypatch.setattr(os, "replace", real_replace)
    assert renamed, "nothing was renamed: the crash came too early to test anything"
    assert state(mini_copy) in (old, expected)
    assert state(mini_copy) == expected  # the change had happened: it is finished
    assert leftovers(mini_copy) == []


def _imported_copy(folder: Path, path: Path, copy: Path) -> Path:
    shutil.copytree(folder, copy)
    with FolderTarget(copy) as target:
        assert import_file(path, "tables", target).written
    return copy


def test_kill_9_at_random_moments_leaves_the_old_state_or_the_new(mini_copy, tmp_path):
    path = schools(tmp_path / "a", "a", 3000)
    old = state(mini_copy)
    started = time.monotonic()
    expected = state(_imported_copy(mini_copy, path, tmp_path / "expected"))
    duration = time.monotonic() - started + 1.0  # and the start of a process
    seen = set()
    for attempt in range(8):
        folder = Path(shutil.copytree(mini_copy, tmp_path / f"try-{attempt}"))
        process = import_process(path, folder)
        time.sleep(random.uniform(0, duration))
        process.kill()
        process.wait()
        after = state(folder)  # a reader finishes or undoes what the killed one left
        assert after in (old, expected), f"a mix after a kill at attempt {attempt}"
        seen.add("new" if after == expected else "old")
        assert leftovers(folder) == []
    assert seen  # which states were hit varies with the machine's speed


def test_an_import_keeps_the_mode_of_the_files_it_rewrites(mini_copy, tmp_path):
    organisations = mini_copy / "organisations.csv"
    organisations.chmod(0o644)
    with FolderTarget(mini_copy) as target:
        assert import_file(schools(tmp_path / "a", "a", 2), "tables", target).written
    assert organisations.stat().st_mode & 0o777 == 0o644
    umask = os.umask(0)
    os.umask(umask)
    new_table = mini_copy / "imported" / "organisations.csv"
    assert new_table.stat().st_mode & 0o777 == 0o666 & ~umask


def test_what_a_killed_writer_staged_is_removed_by_the_next_one(mini_copy):
    """A journal without its manifest: the writer died before its change happened."""
    old = state(mini_copy)
    (mini_copy / JOURNAL).mkdir()
    (mini_copy / JOURNAL / "0").write_text("id,name\n", encoding="utf-8")
    assert state(mini_copy) == old
    assert leftovers(mini_copy) == []
