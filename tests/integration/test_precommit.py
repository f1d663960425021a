"""The pre-commit hooks, run by the real `pre-commit try-repo` in a throwaway copy repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Copy Desk",
    "GIT_AUTHOR_EMAIL": "desk@example.org",
    "GIT_COMMITTER_NAME": "Copy Desk",
    "GIT_COMMITTER_EMAIL": "desk@example.org",
}


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("newsroom")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    return repo


def try_repo(newsroom: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    """Stage the files, as a reporter would before committing, then run the hook on them."""
    subprocess.run(["git", "add", *files], cwd=newsroom, check=True)
    env = {
        **os.environ,
        **GIT_ENV,
        "COPYDESK_LANGUAGETOOL": "off",
        "PRE_COMMIT_HOME": str(newsroom.parent / "pre-commit-home"),
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--files", *files],
        cwd=newsroom,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_clean_copy_passes(newsroom: Path) -> None:
    (newsroom / "clean.md").write_text("The talks resumed on Monday.\n")
    result = try_repo(newsroom, "copydesk", "clean.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_a_slip_fails_with_the_annotated_report(newsroom: Path) -> None:
    (newsroom / "story.md").write_text("Officials met in the the capital.\n")
    result = try_repo(newsroom, "copydesk", "story.md")
    assert result.returncode == 1
    assert "Failed" in result.stdout
    assert "story.md:1:18: error [core.doubled-word]" in result.stdout
    assert "^^^^^^^ → the" in result.stdout


def test_fix_hook_rewrites_the_file(newsroom: Path) -> None:
    story = newsroom / "fixme.md"
    story.write_text("Officials met in the the capital,, he said.\n")
    result = try_repo(newsroom, "copydesk-fix", "fixme.md")
    assert "Fixed 2 findings." in result.stdout, result.stdout + result.stderr
    assert story.read_text() == "Officials met in the capital, he said.\n"
    assert result.returncode == 1  # pre-commit fails a hook that changed files, so the editor re-stages
