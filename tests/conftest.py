"""Shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import home_sharing_caches, run_cli

# A test sees what this code finds, never what the user's last run left in the result cache;
# tests/test_resultcache.py turns the cache on where it is the subject.
os.environ["COPYDESK_NO_CACHE"] = "1"


@pytest.fixture
def cli() -> Any:
    return run_cli


@pytest.fixture
def fresh_home(tmp_path: Path) -> Path:
    """A COPYDESK_HOME with no LanguageTool installed and empty caches, sharing the word lists."""
    return home_sharing_caches(tmp_path / "home")
