"""Compiled patterns kept between processes: each case runs real Python processes, since the
store is written when a process exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Compiles two patterns (one with a flag), reports how many regex itself had to compile and
# whether the patterns work.
SCRIPT = r"""
import regex, regex._main as main
compiled = []
original = main._compile
def counting(pattern, *rest):
    compiled.append(pattern)
    return original(pattern, *rest)
main._compile = counting
from copydesk import patterns
names = patterns.compile(r"(?<!\p{L})(?P<day>mon|tue)day\b", regex.I)
digits = patterns.compile(r"\d+")
assert names.search("Talks end on Monday.").group("day") == "Mon"
assert digits.findall("in 2019 and 2020") == ["2019", "2020"]
assert patterns.compile(r"\d+") is digits  # one object per pattern in a process
print(len([p for p in compiled if p]))
"""


def run(home: Path) -> int:
    env = {**os.environ, "COPYDESK_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return int(done.stdout)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def store(home: Path) -> Path:
    (found,) = (home / "cache").glob("patterns-*.marshal")
    return found


def test_the_next_process_reads_the_patterns_instead_of_compiling_them(home: Path) -> None:
    assert run(home) == 2  # the first process compiles both and stores them
    assert store(home).stat().st_size > 0
    assert run(home) == 0  # the next rebuilds them from the store, and they still match


def test_a_damaged_store_is_compiled_afresh_and_replaced(home: Path) -> None:
    run(home)
    store(home).write_bytes(b"not marshal data")
    assert run(home) == 2
    assert run(home) == 0


def test_an_unwritable_cache_costs_only_the_compiling(home: Path) -> None:
    home.mkdir()
    (home / "cache").write_text("a file where the cache folder should be")
    assert run(home) == 2
    assert run(home) == 2
