"""Change several files of a dataset folder all or nothing, one writer at a time.

A writer holds the folder's lock (`FolderLock`, an exclusive ``flock`` on the folder
itself: the kernel lets it go when the process dies, even by kill -9) from reading the
folder until it has written it, so that two imports at once cannot both plan on the same
old state and one overwrite the other. Readers take the lock shared: they never see a
write half done.

`commit` stages every new file in the journal folder (``.verbindplaats-journal``), then
writes its manifest, the list of which staged file goes where: renaming the manifest into
place is the moment the change happens. The staged files are then renamed into place one
by one. Whoever takes the lock next and finds a journal finishes it (`recover`): with a
manifest every staged file is renamed into place (the new state); without one the staged
files are removed (the old state). Either way no staged file stays behind.

Every commit also writes a new stamp (`STAMP`, a random token): what `committed` tells
from one ``stat``, so that a process holding the folder in memory (`importers.folderstore`)
notices cheaply that another one has changed it.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

__all__ = ["JOURNAL", "STAMP", "FolderLock", "commit", "committed", "recover"]

JOURNAL = ".verbindplaats-journal"
STAMP = Path("history") / "last-commit.txt"  # not a table: the readers pass history/ by
MANIFEST = "manifest.json"
_HELD: set[tuple[int, int]] = set()  # (device, inode) of the folders this process has locked


class FolderLock:
    """The lock of a dataset folder, held until `release` (or until the process ends).

    Parameters
    ----------
    folder
        The dataset folder.
    shared
        A reader's lock: others may read at once, no writer may write.
    waiting
        Called with a message when another process holds the lock, before waiting for it.
    """

    def __init__(
        self, folder: Path, shared: bool = False, waiting: Callable[[str], None] | None = None
    ) -> None:
        self._fd: int | None = None
        self._key = (folder.stat().st_dev, folder.stat().st_ino)
        if self._key in _HELD:  # this process holds it already (a writer reading): flock
            return  # would wait for our own lock, which is held on another descriptor
        self._fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        _HELD.add(self._key)
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        try:
            fcntl.flock(self._fd, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting(
                    f"wacht tot een ander proces klaar is met {folder} / waiting for another "
                    f"process to finish with {folder}"
                )
            fcntl.flock(self._fd, mode)
        if (folder / JOURNAL).exists():  # a writer died: finish its change first
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            recover(folder)
            fcntl.flock(self._fd, mode)

    def release(self) -> None:
        """Let the next reader or writer in."""
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None
            _HELD.discard(self._key)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def __del__(self) -> None:
        self.release()


def commit(folder: Path, files: Mapping[Path, str]) -> None:
    """Write `files` (path inside `folder` -> text) all or nothing; hold the folder's
    exclusive `FolderLock` while calling it. A file that exists keeps its mode."""
    files = {**files, STAMP: f"{uuid.uuid4().hex}\n"}
    journal = folder / JOURNAL
    recover(folder)
    journal.mkdir()
    try:
        manifest = [_stage(journal, str(i), folder / path) for i, path in enumerate(files)]
        for (staged, _), text in zip(manifest, files.values(), strict=True):
            _write_synced(journal / staged, text)
        _write_synced(journal / f"{MANIFEST}.part", json.dumps(manifest))
        os.replace(journal / f"{MANIFEST}.part", journal / MANIFEST)  # the change happens
        _sync_folder(journal)
    except BaseException:
        shutil.rmtree(journal, ignore_errors=True)
        raise
    recover(folder)


def committed(folder: Path) -> str:
    """Which commit `folder` is at, from one ``stat`` of its stamp: every `commit` renames
    a new file into place, so the inode changes (and with it this answer); "none" for a
    folder never committed to.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as name:
    ...     before = committed(Path(name))
    ...     commit(Path(name), {Path("a.csv"): "id"})
    ...     before, committed(Path(name)) != before
    ('none', True)
    """
    try:
        stat = os.stat(folder / STAMP)
    except FileNotFoundError:
        return "none"
    return f"{stat.st_dev}:{stat.st_ino}:{stat.st_mtime_ns}"


def recover(folder: Path) -> None:
    """Finish or undo the change a writer that died left in the journal (see above)."""
    journal = folder / JOURNAL
    if not journal.exists():
        return
    manifest = journal / MANIFEST
    if manifest.exists():
        for staged, target in json.loads(manifest.read_text(encoding="utf-8")):
            if (journal / staged).exists():
                os.replace(journal / staged, folder / target)
        _sync_folder(folder)
    shutil.rmtree(journal)


def _stage(journal: Path, name: str, target: Path) -> tuple[str, str]:
    """Create the staged file with the mode the target has (a new file: the umask's), and
    the target's folder: what could fail at renaming fails before the change happens."""
    target.parent.mkdir(parents=True, exist_ok=True)
    (journal / name).touch()
    if target.exists():
        os.chmod(journal / name, target.stat().st_mode & 0o7777)
    return name, str(target.relative_to(journal.parent))


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
