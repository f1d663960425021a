"""One background LanguageTool server, shared by every copydesk run on the machine.

A JVM takes seconds to start and LanguageTool more to warm up, which a pre-commit hook must
not pay on each commit. So the server runs detached (its own session, output to
`lt_home()/server.log`) and is described by `lt_home()/server.json`:

    {"url": ..., "pid": ..., "version": ..., "started": ..., "idle_timeout": ..., "watchdog_pid": ...}

The state file's mtime is the last time a client used the server: `touch()` bumps it and
`ensure_running()` calls `touch()`. A watchdog process (`copydesk.languagetool.watchdog`)
stops the server once that is older than its idle timeout, or once the state file no longer
names it. Starting and stopping hold `lt_home()/server.lock`, so concurrent copydesk runs
start one server between them. POSIX only (posix_spawn, flock).
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import psutil

from copydesk.languagetool.install import LT_VERSION, MAIN_CLASS, SERVER_JAR, jar_dir
from copydesk.languagetool.paths import file_lock, lt_home

START_TIMEOUT = 60.0  # seconds for the JVM to load, listen and answer a first check
DEFAULT_IDLE_TIMEOUT = 1800.0  # seconds unused before the watchdog stops the server
WATCHDOG_MODULE = "copydesk.languagetool.watchdog"
_HOST = "127.0.0.1"  # HTTPServer binds to localhost unless given --public, which we never pass
_LOG_TAIL_LINES = 15
_PORT_TAKEN_MARKERS = ("Address already in use", "BindException")
# HTTPServer --config properties. pipelineCaching reuses a request's rule pipeline for later
# requests with the same settings: a one-sentence check drops from about 18 ms to 6 ms, and
# 50 paragraphs sent one by one from 1.9 s to 0.7 s. (pipelinePrewarming would go further
# but aborts start-up: it wants German, which is not installed.)
_SERVER_CONFIG = "pipelineCaching=true\n"


class ServerError(RuntimeError):
    """The server could not be started or reached; `str()` is a human message."""


@dataclass(frozen=True)
class ServerInfo:
    """A running server as recorded in the state file."""

    url: str  # e.g. http://127.0.0.1:8081, without a trailing slash
    pid: int  # the java process
    version: str  # LanguageTool version, e.g. "6.8"
    started: float  # epoch seconds
    idle_timeout: float  # seconds; 0 means it never stops on its own
    watchdog_pid: int  # 0 when there is no watchdog


def state_path() -> Path:
    """lt_home()/server.json: the one running server, if any."""
    return lt_home() / "server.json"


def log_path() -> Path:
    """lt_home()/server.log: the output of the most recently started server."""
    return lt_home() / "server.log"


def status() -> ServerInfo | None:
    """The running server, or None. Removes the state file if its process is gone.

    A server whose process lives but does not answer within 2 s (busy or still starting)
    is not reported, but its state file is kept: `ensure_running()` and `start()` then wait
    up to START_TIMEOUT for it, and replace it only if it stays silent that long.
    """
    info = read_state(state_path())
    if info is None:
        return None
    if not is_server_process(info.pid):
        clear_state(state_path(), info.pid)
        return None
    return info if _answers(info.url, timeout=2.0) else None


def touch() -> None:
    """Record that the server was just used, postponing its idle shutdown."""
    with contextlib.suppress(FileNotFoundError):
        os.utime(state_path())


def ensure_running(port: int | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> ServerInfo:
    """The running server (touched), else a newly started one; `port` applies only to a new one."""
    info = status()
    if info is None or (info.idle_timeout > 0 and not is_watchdog_process(info.watchdog_pid)):
        info = _start(port, idle_timeout, reuse=True)
    touch()
    return info


def start(port: int | None = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> ServerInfo:
    """Start the server on `port` (a free one when None) and wait until it has answered a check.

    `idle_timeout` seconds without `touch()` stop it again (0: never). Raises ServerError if
    a server is already running, LanguageTool is not installed, Java is missing, the port
    is taken, or the server dies or does not answer within START_TIMEOUT.
    """
    return _start(port, idle_timeout, reuse=False)


def stop() -> bool:
    """Stop the server and its watchdog; True if a server was running."""
    with file_lock(lt_home() / "server.lock"):
        info = read_state(state_path())
        if info is None:
            return False
        if info.watchdog_pid and is_watchdog_process(info.watchdog_pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(info.watchdog_pid, signal.SIGTERM)
        was_running = is_server_process(info.pid)
        if was_running:
            terminate_server(info.pid)
        clear_state(state_path(), info.pid)
        return was_running


def _start(port: int | None, idle_timeout: float, *, reuse: bool) -> ServerInfo:
    """start() and ensure_running(): everything happens under the server lock."""
    with file_lock(lt_home() / "server.lock"):
        old = read_state(state_path())
        if old is not None and is_server_process(old.pid):
            if _answers_soon(old, START_TIMEOUT):  # it may just be busy with other runs' checks
                if reuse:
                    return _with_watchdog(old)
                raise ServerError(f"LanguageTool is already running at {old.url} (pid {old.pid})")
            terminate_server(old.pid)  # hung: silent for START_TIMEOUT, and nobody is starting it
        if old is not None:
            clear_state(state_path(), old.pid)

        jar = jar_dir() / SERVER_JAR
        if not jar.is_file():
            raise ServerError(
                f"LanguageTool {LT_VERSION} is not installed in {jar.parent}: run `copydesk languagetool install`"
            )
        java = shutil.which("java")
        if java is None:
            raise ServerError("Java not found on PATH: the LanguageTool server needs Java 17 or newer")
        if port is not None:
            if not _port_is_free(port):
                raise ServerError(f"port {port} is already in use by another program; pick another port")
            return _launch(java, jar, port, idle_timeout)
        for _ in range(3):  # a port found free can be taken before Java binds it
            try:
                return _launch(java, jar, _free_port(), idle_timeout)
            except _PortTaken:
                continue
        raise ServerError("could not find a free port for LanguageTool after 3 tries")


class _PortTaken(ServerError):
    """Java could not bind the port it was given."""


def _launch(java: str, jar: Path, port: int, idle_timeout: float) -> ServerInfo:
    """Spawn java, record it, wait until it answers a check, then give it its watchdog."""
    log = log_path()
    log.write_text("")
    config = lt_home() / "server.properties"
    config.write_text(_SERVER_CONFIG)
    argv = [java, "-Djava.net.preferIPv4Stack=true", "-cp", str(jar), MAIN_CLASS]
    pid = _spawn([*argv, "--port", str(port), "--config", str(config)], log)
    info = ServerInfo(f"http://{_HOST}:{port}", pid, LT_VERSION, time.time(), idle_timeout, watchdog_pid=0)
    try:
        write_state(state_path(), info)
        _wait_until_ready(info, log)
    except BaseException:
        terminate_server(pid)
        clear_state(state_path(), pid)
        raise
    return _with_watchdog(info)


def _with_watchdog(info: ServerInfo) -> ServerInfo:
    """`info`, given a watchdog if it should have one and has none; call under the lock.

    The watchdog starts only once the server is ready, so start-up never counts as idle
    time. A server whose watchdog died (or whose starter was killed mid-start) gets a new
    one the next time ensure_running() finds it.
    """
    if info.idle_timeout <= 0 or is_watchdog_process(info.watchdog_pid):
        return info
    info = replace(info, watchdog_pid=_spawn_watchdog(info.pid, info.idle_timeout, log_path()))
    write_state(state_path(), info)  # which also marks the server as just used
    return info


def _wait_until_ready(info: ServerInfo, log: Path) -> None:
    """Return once the server lists its languages and has run a first (slow) check."""
    deadline = time.monotonic() + START_TIMEOUT
    while not _answers(info.url, timeout=1.0):
        # Alive, not "is a server": while the java launcher starts (and may re-exec itself),
        # its command line can read empty for a moment. The pid is our own child: no reuse.
        if not _process_runs(info.pid, ""):
            if any(marker in log.read_text(errors="replace") for marker in _PORT_TAKEN_MARKERS):
                raise _PortTaken(f"port of {info.url} is already in use")
            raise ServerError(f"LanguageTool exited during start-up; last lines of {log}:\n{_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(
                f"LanguageTool did not answer within {START_TIMEOUT:.0f} s; last lines of {log}:\n{_tail(log)}"
            )
        time.sleep(0.2)
    # The first check loads the English rules (several seconds); pay that here, not in a client.
    query = urllib.parse.urlencode({"language": "en-US", "text": "This is a warm-up."})
    try:
        with urllib.request.urlopen(
            f"{info.url}/v2/check?{query}", timeout=max(1.0, deadline - time.monotonic())
        ) as response:
            response.read()
    except (OSError, http.client.HTTPException) as exc:
        raise ServerError(f"LanguageTool failed its first check ({exc}); last lines of {log}:\n{_tail(log)}") from exc


def _spawn(argv: list[str], log: Path, env: dict[str, str] | None = None) -> int:
    """Start argv detached: new session, stdin from /dev/null, stdout and stderr appended to log.

    posix_spawn rather than subprocess.Popen: the process must outlive this one, and a
    Popen object garbage-collected while its child runs warns ("subprocess is still running").
    """
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644),
        (os.POSIX_SPAWN_DUP2, 1, 2),
    ]
    return os.posix_spawn(argv[0], argv, os.environ if env is None else env, file_actions=actions, setsid=True)


def _spawn_watchdog(pid: int, idle_timeout: float, log: Path) -> int:
    """Start `python -m copydesk.languagetool.watchdog` for the server `pid`."""
    package_root = str(Path(__file__).resolve().parents[2])  # so `-m` finds copydesk uninstalled too
    env = dict(os.environ, PYTHONSAFEPATH="1")  # never import from the caller's working directory
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    argv = [
        sys.executable,
        "-m",
        WATCHDOG_MODULE,
        "--pid",
        str(pid),
        "--state",
        str(state_path()),
        "--idle-timeout",
        str(idle_timeout),
    ]
    return _spawn(argv, log, env)


def read_state(path: Path) -> ServerInfo | None:
    """The ServerInfo in `path`, or None if it is missing or unreadable."""
    try:
        return ServerInfo(**json.loads(path.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def write_state(path: Path, info: ServerInfo) -> None:
    """Replace `path` with `info` atomically (write a temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(asdict(info), indent=2) + "\n")
    os.replace(tmp, path)


def clear_state(path: Path, pid: int) -> None:
    """Remove `path` if it still describes the server `pid` (not a newer one)."""
    info = read_state(path)
    if info is not None and info.pid == pid:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def is_server_process(pid: int) -> bool:
    """True if `pid` is a live (not zombie) LanguageTool HTTP server, not a recycled pid."""
    return _process_runs(pid, MAIN_CLASS)


def is_watchdog_process(pid: int) -> bool:
    """True if `pid` is a live copydesk watchdog."""
    return _process_runs(pid, WATCHDOG_MODULE)


def _process_runs(pid: int, marker: str) -> bool:
    """True if `pid` is alive, not a zombie, and has `marker` among its arguments (any, if "")."""
    if pid <= 0:
        return False
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own dead child
    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False
        return not marker or marker in process.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return False


def terminate_server(pid: int, grace: float = 10.0) -> None:
    """SIGTERM the server `pid`, then SIGKILL it if it is still alive after `grace` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while is_server_process(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if not is_server_process(pid):
            break
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _answers(url: str, timeout: float) -> bool:
    """True if GET {url}/v2/languages answers 200 within `timeout` seconds."""
    try:
        with urllib.request.urlopen(f"{url}/v2/languages", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, ValueError):
        return False


def _answers_soon(info: ServerInfo, timeout: float) -> bool:
    """True once the server answers; False if it dies or stays silent for `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while is_server_process(info.pid):
        if _answers(info.url, timeout=2.0):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return False


def _port_is_free(port: int) -> bool:
    """True if nothing is listening on (or holding) 127.0.0.1:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Java does: TIME_WAIT is free
        try:
            sock.bind((_HOST, port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    """A port the kernel considers free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        return int(sock.getsockname()[1])


def _tail(log: Path) -> str:
    """The last lines of the server log, indented, for error messages."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return "  (no log)"
    return "\n".join(f"  {line}" for line in lines[-_LOG_TAIL_LINES:]) or "  (log is empty)"
