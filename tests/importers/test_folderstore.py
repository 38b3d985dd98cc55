"""The embedded store kept in its dataset folder (`importers.folderstore`): an approval
written by one process is in the folder (after a restart too) and seen by another process
that holds the folder open; kill -9 in the middle of the write leaves the old state or the
new; two approvals at once both land; a person forgotten leaves the folder's tables and
history. Every folder here is a temporary copy of the mini dataset."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

import graphmodel
from graphmodel.errors import GraphModelError
from graphmodel.profiles import ProfileFacts, approve, forget
from importers.folderstore import FolderStore
from importers.history import read_history
from tests.importers.test_folder_faults import leftovers, state

ANNA = ProfileFacts(
    account=7,
    person="person:profiel-7",
    name="Anna de Boer",
    confirmed=date(2026, 11, 8),
    job_title="lerarenopleider",
    organisation="org:hogeschool-van-amsterdam",
    topics=("topic:leeruitkomsten",),
    region="region:GM0363",
    groups=("rg:leren-en-innoveren",),
    website="https://example.nl/anna",
)
ROOT = Path(__file__).resolve().parents[2]
BERT = replace(ANNA, account=8, person="person:profiel-8", name="Bert Visser")


def run(script: str, *args: str, **options) -> subprocess.Popen[str]:
    """A Python process running `script` (the profile facts and helpers imported)."""
    prelude = (
        "import sys\nfrom pathlib import Path\nfrom tests.importers.test_folderstore import *\n"
    )
    command = [sys.executable, "-c", prelude + textwrap.dedent(script), *args]
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    return subprocess.Popen(command, text=True, cwd=ROOT, **pipes, **options)


def contents(store: FolderStore) -> tuple[list[object], list[object]]:
    """Every node and relationship `store` holds, with its properties, in a fixed order."""
    batch = store.export()
    nodes = sorted((n.id, n.kind, sorted(n.properties.items())) for n in batch.nodes)
    rels = sorted((r.key, sorted(r.properties.items())) for r in batch.relationships)
    return nodes, rels


def approve_in(folder: Path, facts: ProfileFacts) -> None:
    """What a gunicorn worker does on a curator's approval."""
    approve(graphmodel.open(data=folder).store, facts, by="account:1")


def test_an_approval_is_in_the_folder_after_a_restart(mini_copy):
    store = FolderStore(mini_copy)
    approve(store, ANNA, by="account:1")
    reopened = FolderStore(mini_copy)  # a restart: all the process had is the folder
    assert reopened.node(ANNA.person).get("source") == "profiel:7@2026-11-08"
    assert contents(reopened) == contents(store)
    assert reopened.history() == store.history()
    assert any(c.entity == ANNA.person for c in read_history(mini_copy))
    assert leftovers(mini_copy) == []


def test_a_worker_holding_the_folder_sees_another_process_s_approval(mini_copy):
    """The second worker keeps its graph open; the approval comes from another process,
    and its next question finds the person (the read model rebuilt at the new version)."""
    worker = graphmodel.open(data=mini_copy)
    assert ANNA.person not in set(worker.find_people(["topic:leeruitkomsten"])["id"])
    version = worker.store.version()
    approving = run("approve_in(Path(sys.argv[1]), ANNA)", str(mini_copy))
    assert approving.wait(timeout=120) == 0, approving.stderr.read()
    assert worker.store.version() != version
    found = worker.find_people(["topic:leeruitkomsten"])
    assert ANNA.person in set(found["id"])
    assert worker.node(ANNA.person).name == "Anna de Boer"


def test_two_approvals_at_once_both_land(mini_copy):
    """Two workers approve at the same moment: the second waits for the first's lock,
    reads what it wrote, and writes its own beside it."""
    script = """
        store = graphmodel.open(data=Path(sys.argv[1])).store
        sys.stdin.readline()  # both opened the folder before either writes
        approve(store, ANNA if sys.argv[2] == "anna" else BERT, by="account:1")
    """
    workers = [run(script, str(mini_copy), name) for name in ("anna", "bert")]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    reopened = FolderStore(mini_copy)
    assert {ANNA.person, BERT.person} <= {n.id for n in reopened.nodes_of("Person")}
    added = {c.entity for c in read_history(mini_copy) if c.action == "added"}
    assert {ANNA.person, BERT.person} <= added


def test_kill_9_in_the_middle_of_an_approval_leaves_the_old_state_or_the_new(mini_copy, tmp_path):
    """The writer is killed (SIGKILL, from within, so that it surely is mid-write) right
    after the first of its files is renamed into place: the next reader finishes it."""
    old = state(mini_copy)
    expected_folder = tmp_path / "expected"
    subprocess.run(["cp", "-r", str(mini_copy), str(expected_folder)], check=True)
    approve_in(expected_folder, ANNA)
    expected = state(expected_folder)
    script = """
        import os, signal
        real_replace = os.replace
        def killed_after_the_first_rename(source, target):
            real_replace(source, target)
            if not str(source).endswith(".part"):
                os.kill(os.getpid(), signal.SIGKILL)
        os.replace = killed_after_the_first_rename
        approve_in(Path(sys.argv[1]), ANNA)
    """
    writer = run(script, str(mini_copy))
    writer.communicate(timeout=120)
    assert writer.returncode == -signal.SIGKILL
    assert state(mini_copy) in (old, expected)
    assert state(mini_copy) == expected  # its change had happened: the reader finished it
    assert leftovers(mini_copy) == []


def test_a_writer_killed_before_its_change_happened_leaves_the_old_state(mini_copy):
    old = state(mini_copy)
    script = """
        import os, signal
        from importers import journal
        def killed_while_staging(path, text):
            os.kill(os.getpid(), signal.SIGKILL)
        journal._write_synced = killed_while_staging
        approve_in(Path(sys.argv[1]), ANNA)
    """
    writer = run(script, str(mini_copy))
    writer.communicate(timeout=120)
    assert writer.returncode == -signal.SIGKILL
    assert state(mini_copy) == old
    assert leftovers(mini_copy) == []


def test_a_person_forgotten_leaves_the_folder_s_tables_and_history(mini_copy):
    store = FolderStore(mini_copy)
    approve(store, ANNA, by="account:1")
    assert forget(store, ANNA.person)
    text = "".join(p.read_text(encoding="utf-8") for p in mini_copy.rglob("*.csv"))
    assert ANNA.person not in text and "Anna de Boer" not in text
    assert ANNA.person not in {n.id for n in FolderStore(mini_copy).nodes_of("Person")}
    assert state(mini_copy)  # and the folder still validates


def test_a_write_waits_for_another_process_s_lock_and_says_so(mini_copy):
    said: list[str] = []
    store = FolderStore(mini_copy, waiting=said.append)
    holder = run(
        """
        from importers.journal import FolderLock
        lock = FolderLock(Path(sys.argv[1]))
        print("held", flush=True)
        sys.stdin.readline()
        """,
        str(mini_copy),
    )
    assert holder.stdout.readline() == "held\n"
    writer = threading.Thread(target=approve, args=(store, ANNA), kwargs={"by": "account:1"})
    writer.start()
    deadline = time.monotonic() + 60
    while not said and time.monotonic() < deadline:
        time.sleep(0.05)
    assert store.nodes([ANNA.person]) == []  # it waits: nothing written yet
    holder.stdin.write("release\n")
    holder.stdin.flush()
    writer.join(timeout=60)
    holder.wait(timeout=60)
    assert any("waiting for another process" in message for message in said)
    assert store.node(ANNA.person).name == "Anna de Boer"


def test_an_unchanged_load_commits_nothing(mini_copy):
    store = FolderStore(mini_copy)
    approve(store, ANNA, by="account:1")
    version = store.version()
    approve(store, ANNA, by="account:1")
    assert store.version() == version


def test_a_folder_that_cannot_be_written_refuses_with_a_message_and_keeps_all(mini_copy):
    (mini_copy / "imported").write_text("not a folder", encoding="utf-8")  # in the way
    store = FolderStore(mini_copy)
    old, held = state(mini_copy), contents(store)
    with pytest.raises(GraphModelError, match="cannot write into"):
        approve(store, ANNA, by="account:1")
    assert (state(mini_copy), contents(store)) == (old, held)
    assert leftovers(mini_copy) == []
