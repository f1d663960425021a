"""SIGKILL `copydesk check --fix` at random moments; every file must be the original or the fixed version.

Shared by test_fix_sigkill.py (20 kills) and `benchmarks/soak.py` (hundreds). The folder
holds 30 stories in every encoding and line ending copydesk keeps (UTF-8 with and without
BOM, UTF-16 LE/BE with BOM; LF, CRLF, lone CR), as text, Markdown and HTML, with file modes
0644/0600/0755/0444 and a symlink to a story outside the folder. The expected bytes come from
one uninterrupted run on an identical tree.
"""

from __future__ import annotations

import codecs
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from robustness_helpers import copydesk_env, kill_orphans, session_members, slips_story

ENCODINGS = (
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
)
MODES = (0o644, 0o600, 0o755, 0o444)
TEMP_SUFFIX = ".copydesk-tmp"


def _story(i: int) -> tuple[str, str]:
    """(relative path, text) of story i: a format, a size and a line ending of its own."""
    ext = (".txt", ".md", ".html")[i % 3]
    text = slips_story(i, paragraphs=10 + (i * 37) % 80)
    if ext == ".md":
        text = f"# Story {i}\n\n" + text
    elif ext == ".html":
        text = "<html><body>\n" + "".join(f"<p>{p}</p>\n" for p in text.split("\n\n")) + "</body></html>\n"
    newline = ("\n", "\r\n", "\r")[(i // 3) % (3 if ext == ".txt" else 2)]  # Markdown and HTML: LF or CRLF
    return f"{'desk/' if i % 4 == 0 else ''}story{i:02}{ext}", text.replace("\n", newline)


def make_tree(root: Path, stories: int = 30) -> Path:
    """Write the test folder under `root` (plus a story outside it, linked from inside); return the folder."""
    folder = root / "copy"
    (folder / "desk").mkdir(parents=True)
    outside = root / "outside"
    outside.mkdir()
    for i in range(stories):
        relative, text = _story(i)
        encoding, bom = ENCODINGS[i % len(ENCODINGS)]
        path = folder / relative
        path.write_bytes(bom + text.encode(encoding))
        path.chmod(MODES[(i // 4) % len(MODES)])
    target = outside / "linked.txt"
    target.write_bytes(codecs.BOM_UTF8 + slips_story(99).replace("\n", "\r\n").encode())
    (folder / "linked.txt").symlink_to(target)
    return folder


def snapshot(root: Path) -> dict[str, tuple[bytes, int, bool]]:
    """Every file under `root` by relative path: (bytes, mode, is a symlink)."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found[str(path.relative_to(root))] = (path.read_bytes(), path.stat().st_mode & 0o7777, path.is_symlink())
    return found


def fix_command(folder: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "copydesk",
        "check",
        "--fix",
        "--select",
        "core",
        "--output-format",
        "concise",
        str(folder),
    ]


@dataclass
class Reference:
    """The tree before and after one uninterrupted `--fix`, and when its writes happened."""

    before: dict[str, tuple[bytes, int, bool]]
    after: dict[str, tuple[bytes, int, bool]]
    first_write: float  # seconds after the start of the process
    last_write: float
    duration: float

    def window(self) -> Window:
        return Window(self.first_write * 0.5, self.duration * 1.2)


def reference(root: Path) -> Reference:
    """Run `--fix` to completion on a fresh tree under `root` (after a warm-up run)."""
    subprocess.run(fix_command(make_tree(root / "warm-up")), env=copydesk_env(), capture_output=True, timeout=120)
    folder = make_tree(root / "tree")
    root = root / "tree"
    before = snapshot(root)
    started = time.time()
    done = subprocess.run(fix_command(folder), env=copydesk_env(), capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    after = snapshot(root)
    changed = [p for p in after if after[p][0] != before[p][0]]
    assert len(changed) == len(before), "every story has slips, so every file must change"
    times = [(root / p).stat().st_mtime - started for p in changed]
    return Reference(before, after, min(times), max(times), time.time() - started)


@dataclass
class Window:
    """Where kills land: narrowed towards the moments the run is writing files."""

    low: float
    high: float

    def draw(self, rng: random.Random) -> float:
        return rng.uniform(max(0.0, self.low - 0.05), self.high + 0.05)

    def learn(self, delay: float, fixed: int, total: int) -> None:
        """A kill that found nothing fixed was early; one that found everything fixed was late."""
        if fixed == 0:
            self.low = max(self.low, min(delay, self.high - 0.05))
        elif fixed == total:
            self.high = min(self.high, max(delay, self.low + 0.05))


@dataclass
class KillStats:
    """What the kills did, for the report."""

    kills: int = 0
    mixed: int = 0  # kills that left some files fixed and some not: they landed mid-run
    files_compared: int = 0
    lost_bytes: int = 0  # bytes of files that were neither the original nor the fixed version
    temp_files_left: int = 0
    orphans: int = 0  # worker processes still running after their parent was killed
    outcomes: list[tuple[float, int]] = field(default_factory=list)  # (delay, files fixed) per kill
    failures: list[str] = field(default_factory=list)


ORPHAN_GRACE = 5.0  # seconds a worker may take to notice its parent is gone


def _wait_for_first_write(folder: Path, timeout: float = 30) -> None:
    """Return once the run has renamed its first fixed file into place."""
    folders = [folder, folder / "desk"]
    before = [f.stat().st_mtime_ns for f in folders]
    deadline = time.monotonic() + timeout
    while [f.stat().st_mtime_ns for f in folders] == before and time.monotonic() < deadline:
        time.sleep(0.005)


def kill_once(
    root: Path,
    ref: Reference,
    window: Window,
    rng: random.Random,
    stats: KillStats,
    *,
    parent_only: bool,
    after_first_write: bool = False,
) -> None:
    """Start `--fix` on a fresh tree, SIGKILL it (its process group, or only the parent) at a random moment.

    With `after_first_write`, the moment is right after the first fixed file appears.
    """
    folder = make_tree(root)
    delay = window.draw(rng)
    started = time.monotonic()
    proc = subprocess.Popen(
        fix_command(folder),
        env=copydesk_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if after_first_write:
        _wait_for_first_write(folder)
        delay = time.monotonic() - started
    else:
        time.sleep(delay)
    if parent_only:
        proc.kill()
    else:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + ORPHAN_GRACE
    while session_members(proc.pid) and time.monotonic() < deadline:  # orphaned workers may finish their file
        time.sleep(0.05)
    orphans = kill_orphans(proc.pid)
    if orphans:
        stats.orphans += len(orphans)
        stats.failures.append(
            f"{len(orphans)} worker processes still ran {ORPHAN_GRACE:g} s after their parent was killed"
        )
    stats.kills += 1
    now = snapshot(root)
    fixed = original = 0
    for relative, (data, mode, link) in ref.before.items():
        got = now.get(relative)
        stats.files_compared += 1
        expected_after = ref.after[relative]
        if got is None:
            stats.failures.append(f"kill at {delay:.3f}s: {relative} is gone")
            stats.lost_bytes += len(data)
            continue
        if got[0] == data:
            original += 1
        elif got[0] == expected_after[0]:
            fixed += 1
        else:
            stats.failures.append(f"kill at {delay:.3f}s: {relative} is neither the original nor the fixed version")
            stats.lost_bytes += len(data)
        if (got[1], got[2]) != (mode, link):
            stats.failures.append(
                f"kill at {delay:.3f}s: {relative} mode {got[1]:o}/link {got[2]}, was {mode:o}/{link}"
            )
    temps = [p for p in now if p.endswith(TEMP_SUFFIX)]
    stats.temp_files_left += len(temps)
    for temp in temps:
        name = Path(temp).name
        if not name.startswith("."):
            stats.failures.append(f"kill at {delay:.3f}s: visible temporary file {temp}")
    if len(temps) > 3:  # at most one per process (the parent and two workers) can be mid-write
        stats.failures.append(f"kill at {delay:.3f}s: {len(temps)} temporary files left: {temps}")
    unexpected = set(now) - set(ref.before) - set(temps)
    if unexpected:
        stats.failures.append(f"kill at {delay:.3f}s: unexpected files {sorted(unexpected)}")
    if fixed and original:
        stats.mixed += 1
    stats.outcomes.append((round(delay, 3), fixed))
    window.learn(delay, fixed, len(ref.before))


def finish(root: Path, ref: Reference, stats: KillStats) -> None:
    """After a kill, a full `--fix` run must bring every file to the fixed version."""
    done = subprocess.run(fix_command(root / "copy"), env=copydesk_env(), capture_output=True, timeout=120)
    if done.returncode != 0:
        stats.failures.append(f"the run after a kill exited {done.returncode}: {done.stderr.decode()[-500:]}")
    now = snapshot(root)
    for relative, expected in ref.after.items():
        if now.get(relative) != expected:
            stats.failures.append(f"after the kill and a full run, {relative} is not the fixed version")
    stale = [p for p in now if p.endswith(TEMP_SUFFIX)]
    if stale:
        stats.failures.append(f"the full run after a kill left the killed run's temporary files: {stale}")


def kill_loop(root: Path, kills: int, *, seed: int, parallel: int = 2, parent_only_every: int = 0) -> KillStats:
    """`kills` kills, `parallel` at a time, each on its own fresh tree; every nth kills only the parent.

    The first kill comes right after the first file is fixed, so at least one lands mid-run.
    """
    from concurrent.futures import ThreadPoolExecutor

    ref = reference(root / "reference")
    window = ref.window()
    stats = KillStats()
    rngs = [random.Random(seed * 1000 + n) for n in range(kills)]

    def one(n: int) -> None:
        parent_only = bool(parent_only_every) and n % parent_only_every == parent_only_every - 1
        kill_once(root / f"kill{n:04}", ref, window, rngs[n], stats, parent_only=parent_only, after_first_write=n == 0)
        if n == kills - 1:
            finish(root / f"kill{n:04}", ref, stats)

    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, range(kills)))
    return stats
