"""Regular expressions compiled once per machine, not once per process.

The `regex` module parses a pattern in Python: copydesk's 160 patterns take about 60 ms to
compile, an eighth of a first check of a short story. A compiled pattern pickles as its
compiled program (the reduction `regex` registers with `copyreg`), which the C extension turns
back into a pattern in microseconds. So `compile` keeps the programs it has compiled in a file
under `$COPYDESK_HOME/cache`, keyed by the versions of Python and regex, and the next process
reads them all in about 2 ms. The file holds plain data (marshal), never code.

A process that compiled something new writes the file again when it exits (atomically: a
reader sees the old file or the new one). The file keeps the patterns of earlier runs too, so
configurations that use different rule packs do not evict one another, up to `MAX_PATTERNS`;
past that, it keeps only what the writing process used.
"""

from __future__ import annotations

import atexit
import copyreg
import marshal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import regex

from copydesk.home import copydesk_home, write_atomically

MAX_PATTERNS = 2000

_Key = tuple[str, int]

_stored: dict[_Key, tuple[Any, ...]] | None = None  # key -> compiled program, as read from the file
_compiled: dict[_Key, regex.Pattern[str]] = {}  # what this process has asked for
_changed = False


def compile(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """`regex.compile(pattern, flags)`, from the stored program when there is one."""
    key = (pattern, int(flags))  # an int, not regex's flag enum: the file is plain data
    found = _compiled.get(key)
    if found is not None:
        return found
    program = _programs().get(key)
    if program is not None:
        found = _rebuild(program)
    if found is None:
        found = regex.compile(pattern, flags)
        _remember(key, found)
    _compiled[key] = found
    return found


def store_path() -> Path:
    version = f"py{sys.version_info[0]}{sys.version_info[1]}-regex{regex.__version__}"
    return copydesk_home() / "cache" / f"patterns-{version}.marshal"


def _programs() -> dict[_Key, tuple[Any, ...]]:
    global _stored
    if _stored is None:
        try:
            loaded = marshal.loads(store_path().read_bytes())
            _stored = loaded if isinstance(loaded, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            _stored = {}  # none yet, or unreadable: compile, and write a good one at exit
    return _stored


# How regex pickles a pattern: (function that rebuilds it, its compiled program).
_REDUCE = cast(
    Callable[[regex.Pattern[str]], tuple[Callable[..., regex.Pattern[str]], tuple[Any, ...]]],
    copyreg.dispatch_table[type(regex.compile(""))],
)
_REBUILD = _REDUCE(regex.compile(""))[0]


def _rebuild(program: tuple[Any, ...]) -> regex.Pattern[str] | None:
    """The pattern from its stored program; None if this build of regex will not take it."""
    try:
        return _REBUILD(*program)
    except Exception:  # a stale or damaged entry: compile the pattern afresh
        return None


def _remember(key: _Key, pattern: regex.Pattern[str]) -> None:
    global _changed
    _, program = _REDUCE(pattern)
    _programs()[key] = program
    if not _changed:
        _changed = True
        atexit.register(save)


def save() -> None:
    """Write the stored programs (this process's included) to the file, if anything is new."""
    if not _changed:
        return
    programs = _programs()
    if len(programs) > MAX_PATTERNS:
        programs = {key: programs[key] for key in _compiled if key in programs}
    try:
        data = marshal.dumps(programs)
    except ValueError:
        return  # a cache: the next run compiles again
    write_atomically(store_path(), data)


def hinted_finditer(
    full: regex.Pattern[str], hint: Any, text: str, hint_text: str | None = None
) -> Iterator[regex.Match[str]]:
    """What `full.finditer(text)` gives, with `full` tried only where `hint` matches.

    For a pattern that `regex` scans slowly (a lookbehind or a case-blind list of words first):
    `hint` (a `re` or `regex` pattern) must match wherever a match of `full` starts, and finds
    those places quickly; it searches `hint_text` when given, a copy of `text` of the same length
    (its lower case, say).
    """
    scan = text if hint_text is None else hint_text
    pos = 0
    while (found := hint.search(scan, pos)) is not None:
        match = full.match(text, found.start())
        if match is None:
            pos = found.start() + 1
        else:
            yield match
            pos = max(match.end(), match.start() + 1)
