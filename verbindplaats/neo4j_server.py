"""Start, stop and inspect a local Neo4j server for development and CI.

There is no Docker and no Neo4j system package on the machines this project runs on, so the server
is the embedded Community edition (``org.neo4j:neo4j`` 5.26, which runs on Java 17 and brings
Bolt) wrapped in a tiny Java launcher in ``neo4j-launcher/``. This module builds that launcher
with Maven and runs it as a detached background JVM, one per Bolt port, with all state kept under
``<project root>/.neo4j/`` (git-ignored)::

    .neo4j/build/                  compiled launcher + classpath.txt (+ fingerprint of sources)
    .neo4j/password                generated password for user ``neo4j`` (mode 0600)
    .neo4j/<port>/home/            Neo4j home: data (kept between restarts) and logs/debug.log
    .neo4j/<port>/launcher.log     the JVM's stdout/stderr
    .neo4j/<port>/pid              pid of the running launcher

The CLI ``verbindplaats neo4j start|stop|status`` is a thin layer over :func:`start`,
:func:`stop` and :func:`status`; every expected failure is a :class:`Neo4jServerError` whose
message is meant for the user as is.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import DriverError, Neo4jError

DEFAULT_PORT = 7687
HOST = "127.0.0.1"
USER = "neo4j"
PASSWORD_ENV = "NEO4J_PASSWORD"
MIN_PASSWORD_LENGTH = 8  # Neo4j's own default (dbms.security.auth_minimum_password_length)

# Only the launcher reads this variable; the password never goes on a command line (visible in ps).
_LAUNCHER_PASSWORD_ENV = "VERBINDPLAATS_NEO4J_PASSWORD"
_MAIN_CLASS = "nl.verbindplaats.neo4j.Launcher"
_JVM_FLAGS = (
    # Heap capped so a dev server stays around 0.5 GB resident (page cache is a separate 256 MiB);
    # an explicit -Xms also silences Neo4j's "initial heap not configured" warning.
    "-Xms128m",
    "-Xmx512m",
    # Java 17 module rules: without these Neo4j/Netty run but fill debug.log with warnings.
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
)
_MAVEN_TIMEOUT = 900.0  # a cold build downloads ~170 MB; never hang CI forever
_LOG_TAIL_LINES = 20

# Popen objects of launchers started by this process: kept so that an exited child is reaped
# (an unreaped zombie still "exists" for os.kill(pid, 0)) and no ResourceWarning is raised.
_children: dict[int, subprocess.Popen[bytes]] = {}


class Neo4jServerError(Exception):
    """An expected failure with a message fit to show the user as is (no traceback needed)."""


@dataclass(frozen=True)
class ServerStatus:
    """What the CLI reports: whether our launcher runs on a port, and where to connect."""

    running: bool
    uri: str
    pid: int | None
    home: Path


# --------------------------------------------------------------------------------------------
# Paths


def _project_root() -> Path:
    """The folder holding pyproject.toml above this module, so state never depends on the cwd."""
    here = Path(__file__).resolve().parent
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    raise Neo4jServerError(f"no pyproject.toml found above {here}; cannot locate the project")


def state_dir(project_root: Path | None = None) -> Path:
    """``<project root>/.neo4j``: all server state, git-ignored (not created here)."""
    return (project_root or _project_root()) / ".neo4j"


def _launcher_dir() -> Path:
    return _project_root() / "neo4j-launcher"


def _port_dir(port: int) -> Path:
    return state_dir() / str(port)


def _home(port: int) -> Path:
    return _port_dir(port) / "home"


def _pid_file(port: int) -> Path:
    return _port_dir(port) / "pid"


def _log_file(port: int) -> Path:
    return _port_dir(port) / "launcher.log"


def _uri(port: int) -> str:
    return f"bolt://{HOST}:{port}"


@contextlib.contextmanager
def _locked(lock_file: Path) -> Iterator[None]:
    """Serialise builds / starts / stops across processes (e.g. parallel test workers, two CLIs)."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _require_tool(name: str, purpose: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise Neo4jServerError(
            f"'{name}' not found on PATH; it is needed to {purpose}. "
            "Install OpenJDK 17 and Maven 3.8+ "
            "(e.g. apt-get install openjdk-17-jdk-headless maven)."
        )
    return path


# --------------------------------------------------------------------------------------------
# Build


def _source_files() -> list[Path]:
    launcher = _launcher_dir()
    sources = [p for p in (launcher / "src").rglob("*") if p.is_file()]
    return sorted([launcher / "pom.xml", *sources])


def _fingerprint() -> str:
    """Hash of the launcher's pom and sources: the build is redone only when this changes."""
    digest = hashlib.sha256()
    launcher = _launcher_dir()
    for path in _source_files():
        digest.update(str(path.relative_to(launcher)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def _classpath(build_dir: Path) -> str:
    """Compiled classes plus every dependency jar (not a shaded jar: that breaks Neo4j logging)."""
    jars = (build_dir / "classpath.txt").read_text().strip()
    return os.pathsep.join([str(build_dir / "classes"), jars])


def _build_is_current(build_dir: Path, fingerprint: str) -> bool:
    stamp = build_dir / "fingerprint"
    main_class = build_dir / "classes" / (_MAIN_CLASS.replace(".", "/") + ".class")
    cp_file = build_dir / "classpath.txt"
    if not (stamp.is_file() and main_class.is_file() and cp_file.is_file()):
        return False
    if stamp.read_text().strip() != fingerprint:
        return False
    # A wiped ~/.m2 also invalidates the build, even though the sources did not change.
    return all(Path(jar).is_file() for jar in cp_file.read_text().strip().split(os.pathsep))


def _run_maven(build_dir: Path) -> None:
    mvn = _require_tool("mvn", "build the Neo4j launcher")
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(_launcher_dir() / "pom.xml"),
        f"-Dlauncher.buildDir={build_dir}",
        "package",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=_MAVEN_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise Neo4jServerError(f"Maven build timed out after {_MAVEN_TIMEOUT:.0f} s") from exc
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(output[-_LOG_TAIL_LINES:])
        raise Neo4jServerError(f"Maven build of neo4j-launcher failed:\n{tail}")


def build(force: bool = False) -> Path:
    """Build the launcher into ``.neo4j/build`` unless its sources are unchanged; return that dir.

    Uses the default ``~/.m2`` repository, so the ~170 MB of Neo4j jars are downloaded once per
    machine, not per checkout.
    """
    build_dir = state_dir() / "build"
    with _locked(state_dir() / "build.lock"):
        fingerprint = _fingerprint()
        if not force and _build_is_current(build_dir, fingerprint):
            return build_dir
        (build_dir / "fingerprint").unlink(missing_ok=True)
        _run_maven(build_dir)
        (build_dir / "fingerprint").write_text(fingerprint + "\n")
    return build_dir


# --------------------------------------------------------------------------------------------
# Password


def _check_password(value: str, origin: str) -> str:
    if len(value) < MIN_PASSWORD_LENGTH:
        raise Neo4jServerError(
            f"the Neo4j password from {origin} is shorter than {MIN_PASSWORD_LENGTH} characters, "
            "which Neo4j refuses"
        )
    return value


def password() -> str:
    """The password of user ``neo4j``: ``$NEO4J_PASSWORD`` if set, else ``.neo4j/password``.

    The file is generated once (random, mode 0600) so a developer never has to pick one and CI
    never uses a well-known default. The launcher sets it on every start, so after changing
    ``NEO4J_PASSWORD`` a stop + start makes the server use the new value.
    """
    from_env = os.environ.get(PASSWORD_ENV)
    if from_env:
        return _check_password(from_env, f"${PASSWORD_ENV}")
    path = state_dir() / "password"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _check_password(path.read_text().strip(), str(path))
    generated = secrets.token_urlsafe(24)
    with os.fdopen(fd, "w") as handle:
        handle.write(generated + "\n")
    return generated


# --------------------------------------------------------------------------------------------
# Processes


def _command_line(pid: int) -> str | None:
    """The process's command line, or None if it is gone or a zombie (Linux /proc, else ps)."""
    proc = Path(f"/proc/{pid}/cmdline")
    if Path("/proc/self").exists():
        try:
            raw = proc.read_bytes()
        except OSError:
            return None
        return raw.replace(b"\0", b" ").decode(errors="replace") or None
    result = subprocess.run(
        ["ps", "-p", str(pid), "-o", "command="], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or None


def _is_our_launcher(pid: int, port: int) -> bool:
    """True if pid is alive and is our launcher for this port (guards against reused pids)."""
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        del _children[pid]
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists but belongs to another user; the command line decides
    command = _command_line(pid)
    return command is not None and _MAIN_CLASS in command and str(_home(port)) in command


def _read_pid(port: int) -> int | None:
    try:
        return int(_pid_file(port).read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def _running_pid(port: int) -> int | None:
    """Pid of our live launcher on this port; None if there is no pid file or it is stale."""
    pid = _read_pid(port)
    return pid if pid is not None and _is_our_launcher(pid, port) else None


def _drop_stale_pid_file(port: int) -> None:
    """Only called under the port lock, so it cannot remove the pid file of a starting server."""
    if _running_pid(port) is None:
        _pid_file(port).unlink(missing_ok=True)


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((HOST, port)) == 0


def _wait_for_exit(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _is_alive(pid):
            return True
        time.sleep(0.05)
    return not _is_alive(pid)


def _is_alive(pid: int) -> bool:
    child = _children.get(pid)
    if child is not None:
        return child.poll() is None
    return _command_line(pid) is not None


def _log_tail(port: int, secret: str) -> str:
    try:
        lines = _log_file(port).read_text(errors="replace").splitlines()
    except FileNotFoundError:
        return "(no launcher log)"
    tail = "\n".join(lines[-_LOG_TAIL_LINES:]) or "(launcher log is empty)"
    return tail.replace(secret, "***") if secret else tail


# --------------------------------------------------------------------------------------------
# Public API


def status(port: int = DEFAULT_PORT) -> ServerStatus:
    """Whether our launcher process runs on ``port`` (process check only, no Bolt round trip)."""
    pid = _running_pid(port)
    return ServerStatus(running=pid is not None, uri=_uri(port), pid=pid, home=_home(port))


def _spawn(port: int, build_dir: Path, secret: str) -> int:
    java = _require_tool("java", "run Neo4j")
    home = _home(port)
    home.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        *_JVM_FLAGS,
        "-cp",
        _classpath(build_dir),
        _MAIN_CLASS,
        "--home",
        str(home),
        "--port",
        str(port),
        "--address",
        HOST,
    ]
    env = {**os.environ, _LAUNCHER_PASSWORD_ENV: secret}
    with _log_file(port).open("wb") as log:
        child = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=home,
            env=env,
            start_new_session=True,  # survives the CLI exiting and a Ctrl-C in its terminal
        )
    _children[child.pid] = child
    _pid_file(port).write_text(f"{child.pid}\n")
    return child.pid


def _bolt_ready(port: int, secret: str) -> Exception | None:
    """None if a real authenticated Bolt connection works, else the error to report."""
    try:
        with GraphDatabase.driver(
            _uri(port), auth=(USER, secret), connection_timeout=2.0
        ) as driver:
            driver.verify_connectivity()
    except (DriverError, Neo4jError, OSError) as exc:
        return exc
    return None


def _wait_until_ready(port: int, pid: int, secret: str, timeout: float) -> None:
    """Wait for the READY line (the password is set only after Bolt opens), then a real login.

    Logging in before READY would fail authentication, and Neo4j locks the user for a few seconds
    after repeated failures, so the READY line is the gate.
    """
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if not _is_alive(pid):
            _pid_file(port).unlink(missing_ok=True)
            raise Neo4jServerError(
                f"Neo4j launcher exited during start:\n{_log_tail(port, secret)}"
            )
        if "READY " in _log_file(port).read_text(errors="replace"):
            last_error = _bolt_ready(port, secret)
            if last_error is None:
                return
        time.sleep(0.25)
    _terminate(port, pid, 10.0)
    reason = f" (last error: {last_error})" if last_error else ""
    raise Neo4jServerError(
        f"Neo4j did not accept Bolt connections on {_uri(port)} within {timeout:.0f} s{reason}; "
        f"stopped it. Launcher log:\n{_log_tail(port, secret)}"
    )


def start(port: int = DEFAULT_PORT, timeout: float = 90.0) -> ServerStatus:
    """Start Neo4j on ``bolt://127.0.0.1:<port>`` in the background and wait until it serves.

    Idempotent: if our launcher already runs on the port, its status is returned unchanged.
    Builds the launcher first if needed (not counted in ``timeout``, which bounds only the wait
    for Bolt); the data directory is kept between restarts.
    """
    _require_tool("java", "run Neo4j")
    with _locked(_port_dir(port) / "lock"):
        current = status(port)
        if current.running:
            return current
        _drop_stale_pid_file(port)
        if _port_in_use(port):
            raise Neo4jServerError(
                f"port {port} on {HOST} is already in use by another process "
                "(not a Neo4j started by this project); stop it or choose another port"
            )
        build_dir = build()
        secret = password()
        pid = _spawn(port, build_dir, secret)
        _wait_until_ready(port, pid, secret, timeout)
        return ServerStatus(running=True, uri=_uri(port), pid=pid, home=_home(port))


def _terminate(port: int, pid: int, timeout: float) -> None:
    """SIGTERM (clean: the launcher's shutdown hook checkpoints), SIGKILL only as a last resort."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    if not _wait_for_exit(pid, timeout):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        _wait_for_exit(pid, 5.0)
    _children.pop(pid, None)
    _pid_file(port).unlink(missing_ok=True)


def stop(port: int = DEFAULT_PORT, timeout: float = 30.0) -> bool:
    """Stop our Neo4j on ``port``; return whether it was running."""
    with _locked(_port_dir(port) / "lock"):
        pid = _running_pid(port)
        if pid is None:
            _drop_stale_pid_file(port)
            return False
        _terminate(port, pid, timeout)
        return True
