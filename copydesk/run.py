"""The `copydesk check` run: files → settings → checks → fixes → report → exit code."""

from __future__ import annotations

import difflib
import gc
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from copydesk import config, sourcefile
from copydesk.config import Settings
from copydesk.engine import FileResult, check_source
from copydesk.findings import Severity
from copydesk.fix import apply_fixes
from copydesk.paths import expand
from copydesk.resultcache import ResultCache
from copydesk.rulepack import PackError
from copydesk.sourcefile import InputError, SourceFile

MAX_FIX_PASSES = 4  # a fix can uncover another slip; stop when nothing changes
MIN_FILES_PER_JOB = 4  # below this, starting a process costs more than it saves
# The cyclic garbage collector's thresholds while checking (Python's defaults: 700, 10, 10).
CHECKING_GC_THRESHOLDS = (50_000, 20, 20)

_worker_run: Run | None = None


# Held while a fix is written, so a worker whose parent died finishes that file before exiting.
_writing = threading.Lock()


def _start_worker(options: RunOptions, parent: int) -> None:
    global _worker_run
    _worker_run = Run(options)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (OOM killer, CI timeout) would wait forever for work."""
    while os.getppid() == parent:
        time.sleep(0.5)
    with _writing:
        os._exit(1)


@contextmanager
def _seldom_collected() -> Iterator[None]:
    """Run the cyclic garbage collector seldom while checking (forked workers inherit this).

    Checking makes millions of short-lived objects and almost no reference cycles, while the
    word lists and counts it loads live as long as the process. Over the 336 dev articles, at
    Python's default thresholds the collector ran 684 times (0.2 s of a 5 s check) and found 382
    objects in cycles; at these, it runs 58 times and finds the same 382 (peak memory 189 MB
    either way).
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(*CHECKING_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # reported when the worker reads it


def _check_in_worker(path: str) -> FileResult:
    assert _worker_run is not None
    return _worker_run.check_one(path)


@dataclass
class RunOptions:
    """The command line's choices for one check run."""

    paths: list[str]
    config_file: Path | None = None
    overrides: dict[str, object] = field(default_factory=dict)
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_filename: str | None = None
    fmt: str | None = None  # force a format (text, markdown, html)
    jobs: int = 1
    cache: bool = False  # reuse the findings of unchanged copy (copydesk.resultcache)


class Run:
    """Settings per file (nearest config, or --config), checking and fixing."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self.explicit = config.load_file(options.config_file) if options.config_file else None
        self._overridden: dict[int, tuple[Settings, Settings]] = {}
        self._cache: tuple[int, ResultCache] | None = None
        self._cleaned: set[Path] = set()  # folders cleared of stale temp files

    def settings_for(self, path: str) -> Settings:
        base = self.explicit
        if base is None:
            folder = Path(os.getcwd() if path == "-" else os.path.dirname(os.path.abspath(path)))
            base = config.settings_for_config(config.find_config(folder))
        if id(base) not in self._overridden:  # one Settings per config file, so checks are built once
            self._overridden[id(base)] = (base, _with_overrides(base, self.options.overrides))
        return self._overridden[id(base)][1]

    def files(self) -> list[str]:
        cwd_settings = self.settings_for(os.path.join(os.getcwd(), "x"))
        return list(expand(self.options.paths, cwd_settings.extensions, cwd_settings.exclude))

    def check_all(self) -> list[FileResult]:
        """Check every file, in parallel processes when there are enough files to pay for them.

        Unchanged copy comes from the result cache first, here, so only the rest is sent to
        worker processes (and a re-check of nothing new never loads a word list).
        """
        with _seldom_collected():
            return self._check_all()

    def _check_all(self) -> list[FileResult]:
        files = self.files()
        results: list[FileResult | None] = [None] * len(files)
        if self.options.cache and self.cache.usable and "-" not in files:
            results = [self._check_file(path, cached_only=True) for path in files]
        todo = [path for path, result in zip(files, results, strict=True) if result is None]
        jobs = min(self.options.jobs, len(todo) // MIN_FILES_PER_JOB)
        if jobs < 2 or "-" in todo:
            checked = [self.check_one(path) for path in todo]
        else:
            from concurrent.futures import ProcessPoolExecutor

            from copydesk.checks.registry import prepare_checks

            for settings in {id(s): s for s in map(self.settings_for, todo)}.values():
                prepare_checks(settings)  # loaded once here, shared by the forked workers
            gc.freeze()  # the collector would otherwise touch, and so copy, every inherited object
            # Longest stories first, one at a time: the workers then finish together.
            order = sorted(range(len(todo)), key=lambda i: -_size(todo[i]))
            try:
                # fork: the workers share the data loaded above (3.14 defaults to forkserver on Linux)
                context = multiprocessing.get_context(
                    "fork" if "fork" in multiprocessing.get_all_start_methods() else None
                )
                with ProcessPoolExecutor(
                    jobs, mp_context=context, initializer=_start_worker, initargs=(self.options, os.getpid())
                ) as pool:
                    done = pool.map(_check_in_worker, [todo[i] for i in order])
                    checked = [result for _, result in sorted(zip(order, done, strict=True), key=lambda pair: pair[0])]
            finally:
                gc.unfreeze()
        fresh = iter(checked)
        return [result if result is not None else next(fresh) for result in results]

    @property
    def cache(self) -> ResultCache:
        """This process's connection to the result cache (a forked worker opens its own)."""
        if self._cache is None or self._cache[0] != os.getpid():
            self._cache = (os.getpid(), ResultCache.open())
        return self._cache[1]

    def check_one(self, path: str) -> FileResult:
        """Check one file, fixing it when asked."""
        result = self._check_file(path, cached_only=False)
        assert result is not None
        return result

    def _check_file(self, path: str, cached_only: bool) -> FileResult | None:
        """check_one; with `cached_only`, None unless the cache has the file's findings."""
        try:
            settings = self.settings_for(path)
            source = self._read(path)
        except InputError as e:
            return FileResult(path, error=str(e))
        name = self.options.stdin_filename if path == "-" and self.options.stdin_filename else path
        key = self.cache.key(name, source.text, settings, self.options.fmt) if self.options.cache else ""
        findings = self.cache.get(key) if key else None
        if findings is not None:
            result = FileResult(name, SourceFile(name, source.text, source.encoding, source.bom), findings)
        elif cached_only:
            return None
        else:
            result = self._check(name, source, settings)
            if key and not result.error and not result.notes:  # a LanguageTool outage is not cached
                self.cache.put(key, result.findings)
        result.path = path if path != "-" else (self.options.stdin_filename or "-")
        if result.error or not (self.options.fix or self.options.diff):
            return result
        return self._fix(path, source, result, settings)

    def _check(self, name: str, source: SourceFile, settings: Settings) -> FileResult:
        try:
            return check_source(SourceFile(name, source.text, source.encoding, source.bom), settings, self.options.fmt)
        except (InputError, config.ConfigError, PackError):
            raise
        except Exception as e:  # one strange file must never stop the run or hide the others
            return FileResult(name, error=f"internal error ({type(e).__name__}: {e}); please report it")

    def _read(self, path: str) -> SourceFile:
        if path == "-":
            return sourcefile.decode("-", sys.stdin.buffer.read())
        return sourcefile.read(path)

    def _fix(self, path: str, source: SourceFile, result: FileResult, settings: Settings) -> FileResult:
        if self.options.fix and not self.options.diff and path != "-":
            folder = Path(os.path.realpath(path)).parent
            if folder not in self._cleaned:  # once per folder and process: a folder may hold thousands
                self._cleaned.add(folder)
                sourcefile.remove_stale_temps(folder)  # left by a run killed mid-write
        text, total = source.text, 0
        current = result
        for _ in range(MAX_FIX_PASSES):
            text, applied = apply_fixes(text, current.findings, self.options.unsafe_fixes)
            if not applied:
                break
            total += applied
            current = self._check(source.path, SourceFile(source.path, text, source.encoding, source.bom), settings)
            if current.error:  # a check failed on the fixed text: write nothing
                return FileResult(result.path, source, result.findings, error=current.error)
            current.path = result.path
        if not total:
            return result
        if self.options.diff:
            result.diff = _unified_diff(result.path, source.text, text)
            return result
        if path == "-":
            current.fixed_text = text
        else:
            try:
                with _writing:
                    sourcefile.write_atomic(path, source.encode(text), source.stamp)
            except sourcefile.FileChanged:
                return FileResult(
                    result.path,
                    source,
                    result.findings,
                    error="changed on disk while it was checked; fixes not written",
                )
            except OSError as e:
                return FileResult(
                    result.path, source, result.findings, error=f"could not write fixes ({e.strerror or e})"
                )
        current.fixed = total
        return current


def _with_overrides(settings: Settings, overrides: dict[str, object]) -> Settings:
    changes = dict(overrides)
    extra_ignore = changes.pop("extend_ignore", None)
    if extra_ignore:
        changes["ignore"] = settings.ignore + tuple(extra_ignore)  # type: ignore[arg-type]
    lt_changes = changes.pop("languagetool", None)
    result = settings.with_overrides(**changes)
    if lt_changes:
        from dataclasses import replace

        result = replace(result, languagetool=replace(result.languagetool, **lt_changes))  # type: ignore[arg-type]
    return result


def _unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def one_note_per_service(notes: Iterable[str]) -> list[str]:
    """The first note about each service ("LanguageTool unavailable, ...: why").

    Under --jobs each worker meets the same outage and words it its own way (refused,
    disconnected); the user needs to hear it once.
    """
    first: dict[str, str] = {}
    for note in notes:
        service = note.split(":", 1)[0] if note.startswith("LanguageTool unavailable") else note
        first.setdefault(service, note)
    return list(first.values())


def exit_code(results: list[FileResult], fail_on: Severity, exit_zero: bool) -> int:
    """2 when a file could not be checked; 1 for findings at or above `fail_on`; else 0."""
    if any(r.error for r in results):
        return 2
    if exit_zero:
        return 0
    worst = max((f.severity.rank for r in results for f in r.findings), default=0)
    return 1 if worst >= fail_on.rank else 0
