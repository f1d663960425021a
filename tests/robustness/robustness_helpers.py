"""Running the real CLI under hostile conditions: time limits, a memory cap, no root privileges.

Shared by the robustness tests and `benchmarks/soak.py`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
MEMORY_CAP = 3 * 1024**3  # bytes of address space: a run that reads without end fails, not the machine

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


@dataclass
class Run:
    """What one `copydesk` process did."""

    code: int
    out: bytes
    err: str
    seconds: float

    @property
    def text(self) -> str:
        return self.out.decode("utf-8")

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()

    def assert_no_crash(self) -> None:
        """Fail with the end of the traceback if the process crashed."""
        if "Traceback (most recent call last)" in self.err:
            raise AssertionError("copydesk crashed:\n" + "\n".join(self.err_lines[-12:]))


def copydesk_env(**extra: str) -> dict[str, str]:
    """The environment of a run: LanguageTool off (unless `extra` turns it on), no colours."""
    return {**os.environ, "COPYDESK_LANGUAGETOOL": "off", "NO_COLOR": "1", **extra}


def without_root_privileges() -> None:
    """In a child of root: drop the capabilities that let root ignore file permissions.

    Root reads a file with mode 000 and writes into a folder with mode 555; CI runners
    usually do not run as root, so the tests must see what a reporter's account sees. The
    capabilities leave the bounding set, so the exec'd Python never gets them back.
    """
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def capped_memory() -> None:
    """In a child: cap its address space at MEMORY_CAP."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def _both(*steps: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        for step in steps:
            step()

    return run


def copydesk(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    unprivileged: bool = False,
    memory_cap: bool = False,
    script: Path | None = None,
) -> Run:
    """`python -m copydesk ARGS` (or `python SCRIPT ARGS`); a run that outlives `timeout` fails as a hang."""
    steps = ([without_root_privileges] if unprivileged else []) + ([capped_memory] if memory_cap else [])
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, *([str(script)] if script else ["-m", "copydesk"]), *map(os.fspath, args)],
        cwd=cwd,
        env=env or copydesk_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # so a hung run is killed with its worker processes
        preexec_fn=_both(*steps) if steps else None,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        exited = proc.poll() is not None
        os.killpg(proc.pid, signal.SIGKILL)  # safe: the unreaped leader keeps its group id reserved
        proc.communicate()
        command = f"copydesk {' '.join(map(str, args))}"
        if exited:
            raise AssertionError(f"{command} exited, but left processes holding its output open") from None
        raise AssertionError(f"{command} did not finish within {timeout:g} s") from None
    finally:
        kill_orphans(proc.pid)
    return Run(proc.returncode, out, err.decode("utf-8", "replace"), time.monotonic() - started)


def session_members(sid: int) -> list[int]:
    """Live copydesk processes of the session `sid` (a run we started with start_new_session)."""
    found = []
    for proc in psutil.process_iter(["cmdline", "status"]):
        try:
            if (
                os.getsid(proc.pid) == sid
                and proc.info["status"] != psutil.STATUS_ZOMBIE
                and "copydesk" in " ".join(proc.info["cmdline"] or ())
            ):
                found.append(proc.pid)
        except (ProcessLookupError, psutil.Error):
            continue
    return found


def kill_orphans(sid: int) -> list[int]:
    """SIGKILL the copydesk processes a run left behind in its session; return their pids."""
    orphans = session_members(sid)
    for pid in orphans:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return orphans


def can_mount() -> bool:
    """True if this process may mount file systems (root in a container that allows it)."""
    if os.geteuid() != 0:
        return False
    probe = Path(f"/tmp/copydesk-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        with tmpfs(probe, 16 * 1024):
            return True
    except OSError:
        return False
    finally:
        probe.rmdir()


@contextlib.contextmanager
def tmpfs(where: Path, size: int) -> Iterator[Path]:
    """A real tmpfs of `size` bytes mounted on `where`, unmounted afterwards."""
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode:
        raise OSError(f"mount failed: {done.stderr.decode().strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def remount_read_only(where: Path) -> None:
    """Make the tmpfs on `where` read-only."""
    subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True, capture_output=True)


def slips_story(index: int, paragraphs: int = 5) -> str:
    """A short story with a doubled word and a repeated comma in each paragraph (safe fixes)."""
    return (
        "\n\n".join(
            f"Story {index} paragraph {p}: the council met in the the capital,, officials said on Monday."
            for p in range(paragraphs)
        )
        + "\n"
    )
