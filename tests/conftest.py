"""Shared fixtures."""

from __future__ import annotations

from typing import Any

import pytest
from cli_helpers import run_cli


@pytest.fixture
def cli() -> Any:
    return run_cli
