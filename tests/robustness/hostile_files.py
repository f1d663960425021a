"""Hostile files and the checks every run over them must pass; shared by the tests and the soak."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from robustness_helpers import Run

GOOD_STORY = "They met in the the capital on Monday.\n"
CLEAN_STORY = "# Budget\n\nThe council approved the budget.\n"
LIMIT_MB = 10


def make_folder(tmp_path: Path) -> Path:
    """A folder of two ordinary stories (one with a doubled word) for a hostile file to join."""
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_STORY, encoding="utf-8")
    (folder / "clean.md").write_text(CLEAN_STORY, encoding="utf-8")
    return folder


def report(run: Run) -> dict[str, Any]:
    """The JSON report by file name; it must parse and agree with its summary."""
    data = json.loads(run.out.decode("utf-8"))
    files = {Path(f["path"]).name: f for f in data["files"]}
    assert data["summary"]["files"] == len(data["files"])
    assert data["summary"]["errors"] == sum("error" in f for f in data["files"])
    assert data["summary"]["findings"] == sum(len(f.get("findings", [])) for f in data["files"])
    return files


def assert_one_clear_line(run: Run, name: str, reason: str) -> None:
    """Exit 2, no traceback, and exactly one stderr line, naming `name` and matching `reason`."""
    run.assert_no_crash()
    assert run.code == 2, (run.code, run.err[-2000:])
    lines = [line for line in run.err_lines if name in line]
    assert len(lines) == 1, run.err_lines
    assert lines[0].startswith("copydesk: ") and reason in lines[0], lines[0]
    assert len(lines[0]) < 300


def assert_others_checked(run: Run) -> None:
    """The ordinary stories were checked and reported as usual."""
    files = report(run)
    assert [f["rule"] for f in files["good.txt"]["findings"]] == ["core.doubled-word"]
    assert files["clean.md"]["findings"] == []


def write_repeated(path: Path, unit: str, size: int) -> None:
    """Write `unit` over and over, about `size` characters, without holding it all in memory."""
    with path.open("w", encoding="utf-8") as f:
        for _ in range(size // len(unit)):
            f.write(unit)


# name in the folder, how to make it, what the one line must say
HOSTILE: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "invalid-utf8": ("latin1.txt", lambda p: p.write_bytes(b"Caf\xe9 au lait.\n"), "not UTF-8 text (invalid byte 0xe9"),
    "nul-bytes": ("nul.txt", lambda p: p.write_bytes(b"Copy\x00with a NUL.\n"), "binary file (contains NUL bytes)"),
    "utf16-without-bom": ("utf16.txt", lambda p: p.write_bytes("Hi there.\n".encode("utf-16-le")), "binary file"),
    "truncated-utf8": ("cut.md", lambda p: p.write_bytes("Mañana €".encode()[:-1]), "not UTF-8 text"),
    "file-symlink-loop": ("loop.txt", lambda p: p.symlink_to(p), "Too many levels of symbolic links"),
    "dangling-symlink": ("gone.txt", lambda p: p.symlink_to(p.parent / "nowhere.txt"), "no such file"),
    "fifo": ("pipe.txt", lambda p: os.mkfifo(p), "not a regular file"),
    "endless-device": ("zero.txt", lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
}
