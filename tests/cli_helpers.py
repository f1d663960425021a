"""Run the real CLI in a subprocess, the way users and CI run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The LanguageTool install and word-list caches the tests share (tests/languagetool/conftest.py).
TEST_HOME = Path(os.environ.get("COPYDESK_TEST_HOME", Path.home() / ".cache" / "copydesk-test"))


def home_sharing_caches(home: Path) -> Path:
    """A fresh COPYDESK_HOME whose word-list caches are the shared test home's (built once, ~12 s).

    Its LanguageTool directory, LanguageTool cache and result cache are its own.
    """
    (TEST_HOME / "spelling").mkdir(parents=True, exist_ok=True)
    (home / "languagetool").mkdir(parents=True)
    for entry in TEST_HOME.iterdir():
        if entry.name not in ("languagetool", "cache") and entry.is_dir():
            (home / entry.name).symlink_to(entry, target_is_directory=True)
    return home


class CliResult:
    def __init__(self, proc: subprocess.CompletedProcess[str]) -> None:
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.out)
        return data


def run_cli(
    *args: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> CliResult:
    """`copydesk ARGS` in a subprocess; LanguageTool off unless a test turns it on."""
    full_env = {**os.environ, "COPYDESK_LANGUAGETOOL": "off", "NO_COLOR": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=300,
    )
    return CliResult(proc)
