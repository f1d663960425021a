#!/usr/bin/env python3
"""copydesk benchmarks: quality on every dev set and speed on the dev articles, as one table.

    python benchmarks/run.py                  # everything, medians of 3 runs (`make bench`)
    python benchmarks/run.py --quick          # 1 run, 40-article subset: a smoke test
    python benchmarks/run.py --repeat 5 --json /tmp/bench.json --update-readme
    python benchmarks/run.py --sections speed,startup --profile
    python benchmarks/run.py --variant "house model=--config house/copydesk.toml"

Rows, targets and method: benchmarks/README.md. Every copydesk number comes from the real
`copydesk check` command in a child process, timed around the whole process (interpreter
start-up included); the other tools run in this process on the same texts. LanguageTool
runs on copydesk's shared background server (started if needed, warmed up first); runs
that must see a cold result cache get a fresh COPYDESK_HOME whose `languagetool` and
`spelling` folders are symlinks to the real ones, so they share the install, the server
and the word-list cache but not the result cache. The user's own result cache is never
written. Quality uses the scorer's own functions (`load_cases`, `run_checker`, `score` of
../shared/bench/score.py), i.e. exactly what `score.py CASES --cmd ... --json OUT` does.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import hashlib
import importlib.util
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))  # lt_alone, when run from elsewhere
PY = sys.executable
DEV_SETS = ("injected", "zesch_natural", "norvig1", "dispatch")
QUICK_ARTICLES = 30  # --quick: this many dev articles for speed and the injected dev set
COLD_START_RUNS = 5
# The local rows are cheap (seconds) and the --jobs ratio is a ratio of two noisy medians: more runs.
LOCAL_RUNS = 5
RETRIES = 3  # copydesk is edited while we measure: a crash is retried after RETRY_PAUSE
RETRY_PAUSE = 15.0
TIMEOUT = 900.0  # seconds for any one child process
SPELL_CORRECTION_BUDGET = 8.0  # seconds of pyspellchecker correction() per run (it is slow)
DISPATCH_WORDS = 500
LT_WARMUP = 8  # articles sent with each rule set before LanguageTool is timed (JIT, pipelines)
NO_LT, WITH_LT, LT_ALONE = "copydesk, no LT", "copydesk + LT", "LT alone, all default rules"
GOLD_CATEGORIES = ("nonword", "realword", "entity", "doubled")
FA_CATEGORIES = ("nonword", "realword", "entity", "grammar", "punctuation", "consistency", "news")


class Budget:
    """The run's time limit: repetitions after the first are skipped when they would not fit
    (on a loaded machine), and the table shows how many runs each median has."""

    def __init__(self, minutes: float, reserve: float = 60.0) -> None:
        self.deadline = time.monotonic() + 60 * minutes
        self.reserve = reserve  # seconds kept for the sections after the repeated ones
        self.skipped: list[str] = []

    def fits(self, seconds: float, what: str) -> bool:
        if time.monotonic() + seconds + self.reserve <= self.deadline:
            return True
        self.skipped.append(what)
        log(f"time budget: skipping {what}")
        return False


class BenchError(RuntimeError):
    """A measurement that could not be made; the row says why and the run carries on."""


def compile_bytecode() -> None:
    """Write copydesk's bytecode, as `pip install` does: with PYTHONDONTWRITEBYTECODE set (it is
    on this machine) an editable checkout would otherwise compile its modules from source in
    every timed process (about 60 ms of each start)."""
    import copydesk

    compileall.compile_dir(str(Path(copydesk.__file__).parent), quiet=1)


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.2f}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- child processes


@dataclass
class Proc:
    """One timed child process: wall and CPU seconds, peak RSS of it and its children."""

    argv: list[str]
    wall: float
    cpu: float
    maxrss_mb: float
    rc: int
    load: float  # 1-minute load average just before it started
    stdout: str = ""
    stderr: str = ""


def timed(
    argv: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    keep_stdout: bool = True,
    timeout: float = TIMEOUT,
) -> Proc:
    """Run argv; wall from just before spawn to reaping, CPU and max RSS from wait4()."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out if keep_stdout else subprocess.DEVNULL,
            stderr=err,
            env=env,
            cwd=cwd,
        )
        box: list[tuple[int, int, Any]] = []
        waiter = threading.Thread(target=lambda: box.append(os.wait4(proc.pid, 0)), daemon=True)
        waiter.start()
        waiter.join(timeout)
        if waiter.is_alive():
            proc.kill()
            waiter.join()
            proc.returncode = -9
            raise BenchError(f"timed out after {timeout:.0f} s: {shlex.join(argv)}")
        wall = time.perf_counter() - t0
        _, status, usage = box[0]
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Proc(
            argv,
            wall,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            proc.returncode,
            load,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def copydesk_argv(*args: str) -> list[str]:
    return [PY, "-m", "copydesk", *args]


def run_copydesk(
    args: list[str], *, env: dict[str, str], cwd: Path, expect_files: int | None = None, ok: tuple[int, ...] = (0, 1)
) -> Proc:
    """`copydesk ARGS`, checked: exit 0/1 and, for JSON, a report naming every file; retried."""
    problem = ""
    for attempt in range(1, RETRIES + 1):
        proc = timed(copydesk_argv(*args), env=env, cwd=cwd, keep_stdout=expect_files is not None)
        problem = _problem(proc, expect_files, ok)
        if not problem:
            return proc
        if attempt < RETRIES:
            log(
                f"copydesk {' '.join(args[:4])}... failed ({problem}); retry {attempt}/{RETRIES - 1} "
                f"in {RETRY_PAUSE:.0f} s"
            )
            time.sleep(RETRY_PAUSE)
    raise BenchError(problem)


def _problem(proc: Proc, expect_files: int | None, ok: tuple[int, ...]) -> str:
    if "Traceback (most recent call last)" in proc.stderr:  # a crash exits 1, like findings
        return "crashed: " + " | ".join(proc.stderr.strip().splitlines()[-1:])[-300:]
    if proc.rc not in ok:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        return f"exit {proc.rc}: {tail[-300:]}"
    if expect_files is None:
        return ""
    try:
        report = json.loads(proc.stdout)
    except ValueError:
        return f"output is not JSON: {proc.stdout[:120]!r}"
    got = len(report.get("files", []))
    return "" if got == expect_files else f"report names {got} files, expected {expect_files}"


# ---------------------------------------------------------------- environment and homes


def clean_env(home: Path | None = None, result_cache: bool = False) -> dict[str, str]:
    """os.environ without COPYDESK_LANGUAGETOOL (LanguageTool is switched by flags), with `home`.

    copydesk's result cache is off (COPYDESK_NO_CACHE, set for the whole harness in main) except
    where a row measures it: a speed row must check, not look up what the last run found.
    """
    env = {k: v for k, v in os.environ.items() if k != "COPYDESK_LANGUAGETOOL"}
    env.pop("NO_COLOR", None)
    if result_cache:
        env.pop("COPYDESK_NO_CACHE", None)
    if home is not None:
        env["COPYDESK_HOME"] = str(home)
    return env


def default_home() -> Path:
    """$COPYDESK_HOME or ~/.cache/copydesk, as copydesk.lexicon and copydesk.languagetool.paths
    say (repeated here so that a broken copydesk import cannot stop the harness)."""
    env = os.environ.get("COPYDESK_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "copydesk"


def fresh_home(root: Path, name: str) -> Path:
    """A COPYDESK_HOME sharing everything of the real one (LanguageTool install and server,
    word-list and model caches: symlinks) except `cache/`, the result cache, which starts empty."""
    real = default_home()
    home = root / "homes" / name
    if home.exists():
        shutil.rmtree(home)
    home.mkdir(parents=True)
    (real / "languagetool").mkdir(parents=True, exist_ok=True)
    for entry in real.iterdir():
        if entry.name != "cache" and not entry.name.startswith("."):
            (home / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    return home


# ---------------------------------------------------------------- cases and files


@dataclass
class Corpus:
    folder: Path
    files: list[Path]
    texts: list[str]
    words: int
    dispatch500: Path
    dispatch500_words: int
    clean: tuple[Path, int] | str = ""  # the same stories as published (folder, words), or why not
    # system name -> (JSON report, wall seconds) of each speed run over these articles; the
    # quality section scores the median one instead of checking the same 211k words again.
    reports: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def keep(self, system: str, report: str, wall: float) -> None:
        self.reports.setdefault(system, []).append((report, wall))

    def median_reports(self) -> dict[str, tuple[str, float]]:
        return {k: sorted(v, key=lambda rw: rw[1])[(len(v) - 1) // 2] for k, v in self.reports.items() if v}


def case_file_name(i: int, case_id: str) -> str:
    """The scorer's file naming, so a report on this folder scores like score.py's own run."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in case_id)
    return f"{i:05d}-{safe}.txt"


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def write_cases(cases: list[dict[str, Any]], folder: Path) -> list[Path]:
    """Each case's text as a file in a new folder, named as score.py names it."""
    folder.mkdir(parents=True)
    files = []
    for i, c in enumerate(cases):
        f = folder / case_file_name(i, c["id"])
        f.write_text(c["text"], encoding="utf-8", newline="")
        files.append(f)
    return files


# Where the dev articles come from, as published (../shared/data; see its provenance).
CLEAN_SOURCES = (
    "onestopenglish_adv/articles.jsonl",
    "ntrex_newstest2019_en/documents.jsonl",
    "gum_wikinews/articles.jsonl",
)


def clean_articles(data_dir: Path) -> dict[str, str]:
    """The clean text of each dev article, by the id the injected set gives it."""
    found: dict[str, str] = {}
    for source in CLEAN_SOURCES:
        for row in load_jsonl(data_dir / source):
            found[row["id"]] = row["text"]
    return found


def write_clean_corpus(cases: list[dict[str, Any]], root: Path, data_dir: Path) -> tuple[Path, int] | str:
    """The same stories without the slips put in, as files: (folder, words), or why not."""
    try:
        clean = clean_articles(data_dir)
    except OSError as e:
        return f"no clean articles in {data_dir}: {e}"
    missing = [c["id"] for c in cases if c["id"] not in clean]
    if missing:
        return f"no clean article for {len(missing)} dev articles in {data_dir}"
    texts = [{"id": c["id"], "text": clean[c["id"]]} for c in cases]
    write_cases(texts, root / "clean")
    return root / "clean", sum(len(t["text"].split()) for t in texts)


def write_corpus(cases: list[dict[str, Any]], root: Path) -> Corpus:
    folder = root / "articles"
    files = write_cases(cases, folder)
    # A 500-word dispatch for the start-up rows: the first dev article long enough, cut at a
    # paragraph end once it has 500 words.
    source = next((c["text"] for c in cases if len(c["text"].split()) >= DISPATCH_WORDS), cases[0]["text"])
    kept: list[str] = []
    for para in source.split("\n\n"):
        kept.append(para)
        if len("\n\n".join(kept).split()) >= DISPATCH_WORDS:
            break
    dispatch = root / "dispatch500.txt"
    dispatch.write_text("\n\n".join(kept) + "\n", encoding="utf-8")
    return Corpus(
        folder,
        files,
        [c["text"] for c in cases],
        sum(c["words"] for c in cases),
        dispatch,
        len(dispatch.read_text(encoding="utf-8").split()),
    )


# ---------------------------------------------------------------- rows


@dataclass
class Row:
    key: str
    label: str
    timed_what: str
    words: int
    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)
    server_cpus: list[float] = field(default_factory=list)
    note: str = ""
    error: str = ""

    def add(
        self,
        wall: float,
        cpu: float | None = None,
        rss: float | None = None,
        load: float | None = None,
        server_cpu: float | None = None,
    ) -> None:
        self.walls.append(wall)
        if cpu is not None:
            self.cpus.append(cpu)
        if rss is not None:
            self.rss_mb.append(rss)
        self.loads.append(os.getloadavg()[0] if load is None else load)
        if server_cpu is not None:
            self.server_cpus.append(server_cpu)

    def add_proc(self, p: Proc, server_cpu: float | None = None) -> None:
        self.add(p.wall, p.cpu, p.maxrss_mb, p.load, server_cpu)

    @property
    def ok(self) -> bool:
        return bool(self.walls) and not self.error

    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls else None

    def cpu(self) -> float | None:
        return statistics.median(self.cpus) if self.cpus else None

    def wps(self) -> float | None:
        w = self.wall()
        return self.words / w if w else None

    def wpcpu(self) -> float | None:
        c = self.cpu()
        return self.words / c if c else None

    def rss(self) -> float | None:
        return max(self.rss_mb) if self.rss_mb else None

    def load(self) -> float | None:
        return statistics.median(self.loads) if self.loads else None

    def summary(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(
            wall_median=self.wall(),
            words_per_second=self.wps(),
            cpu_median=self.cpu(),
            words_per_cpu_second=self.wpcpu(),
            peak_rss_mb=self.rss(),
            load_median=self.load(),
        )
        return d


class Rows(dict[str, Row]):
    def new(self, key: str, label: str, timed_what: str, words: int, note: str = "") -> Row:
        self[key] = Row(key, label, timed_what, words, note=note)
        return self[key]


@contextlib.contextmanager
def guarded(row: Row) -> Iterator[None]:
    """A failing measurement marks its row and lets the run go on."""
    try:
        yield
    except Exception as e:  # the harness must finish even when one tool breaks
        row.error = row.error or f"{type(e).__name__}: {e}"[:300]
        log(f"{row.label}: FAILED {row.error}")


# ---------------------------------------------------------------- LanguageTool


class LT:
    """copydesk's shared LanguageTool server, or why it cannot be used."""

    def __init__(self) -> None:
        self.url = ""
        self.pid = 0
        self.problem = ""
        self.version = ""
        try:
            from copydesk.languagetool.install import LT_VERSION, is_installed
            from copydesk.languagetool.server import ensure_running, status

            self.version = LT_VERSION
            if not is_installed():
                self.problem = "LanguageTool is not installed (make languagetool)"
                return
            info = status()
            if info is None:
                log("starting the LanguageTool server (not running)")
            info = ensure_running()
            self.url, self.pid = info.url, info.pid
        except Exception as e:
            self.problem = f"LanguageTool unavailable: {e}"

    @property
    def ok(self) -> bool:
        return bool(self.url)

    def cpu(self) -> float:
        """CPU seconds the server JVM has used so far."""
        try:
            import psutil

            t = psutil.Process(self.pid).cpu_times()
            return float(t.user + t.system)
        except Exception:
            return float("nan")

    def rss_mb(self) -> float | None:
        try:
            import psutil

            return float(psutil.Process(self.pid).memory_info().rss / 2**20)
        except Exception:
            return None


# ---------------------------------------------------------------- speed


def speed_local(rows: Rows, corpus: Corpus, repeat: int, variants: dict[str, list[str]], budget: Budget) -> None:
    """copydesk's own checks, -j 1 and -j 2 alternating (so load drifts hit both alike)."""
    n = len(corpus.files)
    env = clean_env()
    j1 = rows.new(
        "local_j1",
        "copydesk local checks, -j 1",
        "`copydesk check --no-languagetool -j 1 --output-format json DIR` (whole process)",
        corpus.words,
    )
    j2 = rows.new("local_j2", "copydesk local checks, -j 2", "the same with `-j 2`", corpus.words)
    halves_row = rows.new(
        "local_halves",
        "copydesk local checks, two -j 1 processes on halves at once",
        "two `-j 1` processes at once, each on half the articles (dealt by size, as `-j 2` deals them)",
        corpus.words,
    )
    halves = split_in_halves(corpus)
    clean_row = None
    if isinstance(corpus.clean, tuple):
        clean_folder, clean_words = corpus.clean
        clean_row = rows.new(
            "local_clean",
            "copydesk local checks, -j 1, the articles as published",
            "`-j 1` on the same stories without the slips put in (from ../shared/data; words: whitespace-separated)",
            clean_words,
        )
    extra = {
        name: rows.new(
            f"variant:{name}",
            f"copydesk {name}, -j 1",
            f"`copydesk check --no-languagetool -j 1 {' '.join(args)} DIR`",
            corpus.words,
        )
        for name, args in variants.items()
    }
    base = ["check", "--no-languagetool", "--output-format", "json"]
    log("warm-up: copydesk local (word-list cache, bytecode)")
    with guarded(j1):
        run_copydesk([*base, "-j", "1", str(corpus.dispatch500)], env=env, cwd=corpus.folder.parent, expect_files=1)
    for i in range(repeat):
        if i and not budget.fits(2 * sum(r.walls[-1] for r in (j1, j2) if r.walls), f"local run {i + 1}"):
            break
        for row, jobs in ((j1, "1"), (j2, "2")):
            if row.error:
                continue
            with guarded(row):
                p = run_copydesk(
                    [*base, "-j", jobs, str(corpus.folder)], env=env, cwd=corpus.folder.parent, expect_files=n
                )
                row.add_proc(p)
                if jobs == "1":
                    corpus.keep(NO_LT, p.stdout, p.wall)
                log(f"{row.label} run {i + 1}/{repeat}: {p.wall:.2f} s wall, {p.cpu:.2f} s CPU, {p.maxrss_mb:.0f} MB")
        if clean_row is not None and not clean_row.error:
            with guarded(clean_row):
                p = run_copydesk(
                    [*base, "-j", "1", str(clean_folder)], env=env, cwd=corpus.folder.parent, expect_files=n
                )
                clean_row.add_proc(p)
                log(f"{clean_row.label} run {i + 1}/{repeat}: {p.wall:.2f} s wall, {p.cpu:.2f} s CPU")
        if not halves_row.error:
            with guarded(halves_row):
                p = run_at_once([[*base, "-j", "1", str(half)] for half in halves], env=env, cwd=corpus.folder.parent)
                halves_row.add_proc(p)
                log(f"{halves_row.label} run {i + 1}/{repeat}: {p.wall:.2f} s wall, {p.cpu:.2f} s CPU")
        for name, args in variants.items():
            row = extra[name]
            if not row.error:
                with guarded(row):
                    row.add_proc(
                        run_copydesk(
                            [*base, "-j", "1", *args, str(corpus.folder)],
                            env=env,
                            cwd=corpus.folder.parent,
                            expect_files=n,
                        )
                    )


def split_in_halves(corpus: Corpus) -> list[Path]:
    """The articles in two folders, dealt alternately largest first (as `-j 2` hands them out)."""
    halves = [corpus.folder.parent / "half-a", corpus.folder.parent / "half-b"]
    for folder in halves:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
    for i, path in enumerate(sorted(corpus.files, key=lambda f: -f.stat().st_size)):
        shutil.copyfile(path, halves[i % 2] / path.name)
    return halves


def run_at_once(commands: list[list[str]], *, env: dict[str, str], cwd: Path) -> Proc:
    """Several `copydesk ARGS` started together, timed as one: wall until the last ends, CPU of all.

    A shell starts them and waits; it fails unless every one exits 0 or 1 (findings)."""
    script = " ".join(f"{shlex.join(copydesk_argv(*args))} >/dev/null & p{i}=$!;" for i, args in enumerate(commands))
    script += "".join(f" wait $p{i}; [ $? -le 1 ] || exit 2;" for i in range(len(commands)))
    proc = timed(["sh", "-c", script], env=env, cwd=cwd, keep_stdout=False)
    problem = _problem(proc, None, (0,))
    if problem:
        raise BenchError(problem)
    return proc


def _inprocess(row: Row, repeat: int, body: Callable[[], None], label: str) -> None:
    for i in range(repeat):
        with guarded(row):
            load = os.getloadavg()[0]
            c0, t0 = time.process_time(), time.perf_counter()
            body()
            row.add(time.perf_counter() - t0, time.process_time() - c0, load=load)
            log(f"{label} run {i + 1}/{repeat}: {row.walls[-1]:.2f} s")


def speed_pyspellchecker(rows: Rows, corpus: Corpus, cases: list[dict[str, Any]], repeat: int, budget: float) -> None:
    detect = rows.new(
        "pyspell_detect",
        "pyspellchecker, unknown() only",
        "in-process: `split_words` + `unknown()` per text (no suggestions)",
        corpus.words,
    )
    full = rows.new(
        "pyspell_full",
        "pyspellchecker, unknown() + correction()",
        "in-process: `split_words` + `unknown()` + `correction()` of each unknown word",
        0,
    )
    try:
        from spellchecker import SpellChecker
    except ImportError as e:
        detect.error = full.error = f"pyspellchecker not installed ({e})"
        return
    t0 = time.perf_counter()
    sp = SpellChecker()
    load_s = time.perf_counter() - t0
    detect.note = f"dictionary load {load_s:.2f} s not included"

    def run_detect() -> None:
        for text in corpus.texts:
            sp.unknown(sp.split_words(text))

    _inprocess(detect, repeat, run_detect, "pyspellchecker unknown()")
    # correction() is edit distance 2 over ~10^5 candidates a word: time whole articles until
    # the budget is spent once, then run that same subset in every repetition.
    # correction() is edit distance 2 over ~10^5 candidates a word: the first run takes whole
    # articles until the budget is spent, and the later runs take that same subset.
    subset: list[int] = []
    with guarded(full):
        load, c0, t0 = os.getloadavg()[0], time.process_time(), time.perf_counter()
        for i, text in enumerate(corpus.texts):
            if time.perf_counter() - t0 >= budget:
                break
            for word in sp.unknown(sp.split_words(text)):
                sp.correction(word)
            subset.append(i)
        full.words = sum(cases[i]["words"] for i in subset)
        full.add(time.perf_counter() - t0, time.process_time() - c0, load=load)
        unknown = sum(len(sp.unknown(sp.split_words(corpus.texts[i]))) for i in subset)
        full.note = (
            f"first {len(subset)} articles ({full.words:,} words, {unknown} unknown words), "
            f"as correction() is too slow for all {len(corpus.texts)}"
        )

    def run_full() -> None:
        for i in subset:
            for word in sp.unknown(sp.split_words(corpus.texts[i])):
                sp.correction(word)

    if subset:
        _inprocess(full, repeat - 1, run_full, "pyspellchecker correction()")


def speed_proselint(rows: Rows, corpus: Corpus, repeat: int) -> None:
    row = rows.new("proselint", "proselint", "in-process: proselint's API, all default checks, each text", corpus.words)
    try:
        lint = _proselint_linter()
    except Exception as e:
        row.error = f"proselint not usable ({e}); pip install -e '.[bench]'"
        return

    def run() -> None:
        for text in corpus.texts:
            lint(text)

    _inprocess(row, repeat, run, "proselint")


def _proselint_linter() -> Callable[[str], Any]:
    try:  # proselint >= 0.16
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile

        CheckRegistry().register_many(__register__)
        return lambda text: LintFile("<bench>", text).lint(DEFAULT)
    except ImportError:  # proselint 0.14/0.15
        from proselint.tools import lint

        return lambda text: lint(text)


def speed_languagetool(rows: Rows, corpus: Corpus, lt: LT, repeat: int, root: Path, budget: Budget) -> None:
    """LanguageTool alone vs copydesk with it (cold cache), then the same copy re-checked."""
    n = len(corpus.files)
    alone = rows.new(
        "lt_alone",
        "LanguageTool alone (copydesk's rule set)",
        "in-process: `check_texts(url, paragraphs, cache=False)` per article, 2 articles at once "
        "(as `-j 2`), copydesk's disabled rules",
        corpus.words,
    )
    alone_all = rows.new(
        "lt_alone_all",
        "LanguageTool alone (all default rules)",
        "the same with an empty disabled-rule set (spelling etc. on)",
        corpus.words,
    )
    cold = rows.new(
        "lt_cold",
        "copydesk with LanguageTool, cold cache",
        "`copydesk check --output-format json DIR` (default -j = 2 cores), fresh result cache",
        corpus.words,
    )
    warm = rows.new(
        "lt_warm",
        "copydesk with LanguageTool, re-check",
        "the same command again on the unchanged copy (warm cache)",
        corpus.words,
    )
    try:
        if not lt.ok:
            raise BenchError(lt.problem)
        import lt_alone

        from copydesk.languagetool.client import DEFAULT_DISABLED_RULES

        prepared = [lt_alone.prepare(str(f), t) for f, t in zip(corpus.files, corpus.texts, strict=True)]
    except Exception as e:  # LanguageTool down, or copydesk broken mid-edit
        for row in (alone, alone_all, cold, warm):
            row.error = str(e)[:300]
        return
    log(f"warm-up: LanguageTool server ({min(LT_WARMUP, n)} articles, both rule sets)")
    for disabled in (DEFAULT_DISABLED_RULES, lt_alone.ALL_DEFAULT_RULES):
        with guarded(alone):
            for item in prepared[:LT_WARMUP]:
                lt_alone.check_prepared(lt.url, item, disabled)

    def run_alone(row: Row, disabled: frozenset[str], keep_as: str = "") -> None:
        with guarded(row):
            load, s0, c0, t0 = os.getloadavg()[0], lt.cpu(), time.process_time(), time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                answers = list(pool.map(lambda item: lt_alone.check_prepared(lt.url, item, disabled), prepared))
            row.add(time.perf_counter() - t0, time.process_time() - c0, load=load, server_cpu=lt.cpu() - s0)
            log(f"{row.label}: {row.walls[-1]:.1f} s")
            if keep_as:  # the same findings `lt_alone.py` would print
                files = [
                    {"path": item.path, "findings": lt_alone.findings_json(item, a)}
                    for item, a in zip(prepared, answers, strict=True)
                ]
                corpus.keep(keep_as, json.dumps({"version": 1, "files": files}), row.walls[-1])

    args = ["check", "--output-format", "json", "--require-languagetool", str(corpus.folder)]
    rep_started = time.monotonic()
    for i in range(repeat):
        if i and not budget.fits(1.2 * (time.monotonic() - rep_started) / i, f"LanguageTool run {i + 1}"):
            break
        run_alone(alone, DEFAULT_DISABLED_RULES)
        if i == 0:  # one run is enough for the all-rules figure, which is also its quality row
            run_alone(alone_all, lt_alone.ALL_DEFAULT_RULES, keep_as=LT_ALONE)
            rep_started += alone_all.walls[-1] if alone_all.walls else 0.0
        home = fresh_home(root, f"speed-{i}")
        env = clean_env(home, result_cache=True)
        for row in (cold, warm):
            with guarded(row):
                s0 = lt.cpu()
                p = run_copydesk(args, env=env, cwd=corpus.folder.parent, expect_files=n)
                row.add_proc(p, server_cpu=lt.cpu() - s0)
                if row is cold:
                    corpus.keep(WITH_LT, p.stdout, p.wall)
                log(f"{row.label} run {i + 1}/{repeat}: {p.wall:.1f} s")
        shutil.rmtree(home, ignore_errors=True)


def startup(rows: Rows, corpus: Corpus, lt: LT, runs: int, root: Path, first_runs: int = 2) -> None:
    """Cold start: a new interpreter each time (the OS file cache is warm, as on a desk)."""
    env = clean_env()
    dispatch_md = REPO / "examples" / "dispatch.md"
    md_words = len(dispatch_md.read_text(encoding="utf-8").split()) if dispatch_md.exists() else 0
    warm_home = fresh_home(root, "startup-warm")
    lt_env = clean_env(warm_home)
    cases: list[tuple[Row, list[str], dict[str, str], Path, tuple[int, ...]]] = []

    def case(
        key: str, label: str, argv: list[str], words: int, e: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0, 1)
    ) -> Row:
        row = rows.new(key, label, f"`{shlex.join(argv)}`", words)
        cases.append((row, argv, e, cwd, ok))
        return row

    case("python", "python -c pass (interpreter alone)", ["python", "-c", "pass"], 0, env, REPO, (0,))
    case("help", "copydesk --help", ["python", "-m", "copydesk", "--help"], 0, env, REPO, (0,))
    if md_words:
        case(
            "start_md",
            f"check examples/dispatch.md ({md_words} words), no LT",
            ["python", "-m", "copydesk", "check", "--no-languagetool", "examples/dispatch.md"],
            md_words,
            env,
            REPO,
        )
    case(
        "start_500",
        f"check a {corpus.dispatch500_words}-word dispatch, no LT",
        ["python", "-m", "copydesk", "check", "--no-languagetool", corpus.dispatch500.name],
        corpus.dispatch500_words,
        env,
        corpus.dispatch500.parent,
    )
    recheck_env = clean_env(fresh_home(root, "startup-recheck"), result_cache=True)
    recheck = case(
        "start_500_cached",
        f"re-check the unchanged {corpus.dispatch500_words}-word dispatch, no LT (result cache)",
        ["python", "-m", "copydesk", "check", "--no-languagetool", corpus.dispatch500.name],
        corpus.dispatch500_words,
        recheck_env,
        corpus.dispatch500.parent,
    )
    with guarded(recheck):  # the first check fills the result cache
        timed([PY, *cases[-1][1][1:]], env=recheck_env, cwd=corpus.dispatch500.parent)
    lt_rows = []
    if lt.ok:
        if md_words:
            lt_rows.append(
                case(
                    "start_md_lt",
                    f"check examples/dispatch.md ({md_words} words), LT, warm cache",
                    ["python", "-m", "copydesk", "check", "examples/dispatch.md"],
                    md_words,
                    lt_env,
                    REPO,
                )
            )
        lt_rows.append(
            case(
                "start_500_lt",
                f"check a {corpus.dispatch500_words}-word dispatch, LT, warm cache",
                ["python", "-m", "copydesk", "check", corpus.dispatch500.name],
                corpus.dispatch500_words,
                lt_env,
                corpus.dispatch500.parent,
            )
        )
        for row, argv, e, cwd, _ in cases:  # fill the result cache once
            if row in lt_rows:
                with guarded(row):
                    timed([PY, *argv[1:]], env=e, cwd=cwd)
    first = rows.new(
        "start_first",
        f"check the {corpus.dispatch500_words}-word dispatch on a new machine, no LT",
        "the same with an empty COPYDESK_HOME (copydesk builds its word-list cache)",
        corpus.dispatch500_words,
    )
    for i in range(runs):
        for row, argv, e, cwd, ok in cases:
            if row.error:
                continue
            with guarded(row):
                p = timed([PY, *argv[1:]], env=e, cwd=cwd, keep_stdout=False)
                if _problem(p, None, ok):
                    log(f"{row.label}: {_problem(p, None, ok)}; one retry in {RETRY_PAUSE:.0f} s")
                    time.sleep(RETRY_PAUSE)
                    p = timed([PY, *argv[1:]], env=e, cwd=cwd, keep_stdout=False)
                if _problem(p, None, ok):
                    raise BenchError(_problem(p, None, ok))
                if row in lt_rows and "LanguageTool" in p.stderr:
                    raise BenchError(f"LanguageTool not used: {p.stderr.strip()[-200:]}")
                row.add_proc(p)
        if i < first_runs:  # few samples: each builds the whole word-list cache (seconds)
            with guarded(first):
                home = root / "homes" / f"empty-{i}"
                p = timed(
                    [PY, "-m", "copydesk", "check", "--no-languagetool", corpus.dispatch500.name],
                    env=clean_env(home),
                    cwd=corpus.dispatch500.parent,
                    keep_stdout=False,
                )
                if _problem(p, None, (0, 1)):
                    raise BenchError(_problem(p, None, (0, 1)))
                first.add_proc(p)
                shutil.rmtree(home, ignore_errors=True)
    log("start-up: " + ", ".join(f"{r.key} {r.wall():.3f} s" for r, *_ in cases if r.wall()))


# ---------------------------------------------------------------- quality


def load_scorer(bench_dir: Path) -> Any:
    spec = importlib.util.spec_from_file_location("copydesk_bench_score", bench_dir / "score.py")
    if spec is None or spec.loader is None:
        raise BenchError(f"cannot load {bench_dir / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def false_alarms_by_category(
    scorer: Any, cases: list[dict[str, Any]], findings: list[list[dict[str, Any]]]
) -> Counter[str]:
    """The scorer's false alarms (non-info, non-style, overlapping no gold error), by category."""
    fa: Counter[str] = Counter()
    for case, fs in zip(cases, findings, strict=True):
        for f in fs:
            if f.get("severity", "warning") == "info" or f.get("category") == "style":
                continue
            if not any(scorer.overlaps(f, g) for g in case["errors"]):
                fa[f.get("category", "?")] += 1
    return fa


def findings_from_report(report: str, cases: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Findings per case from a report on the speed folder, matched by file name as score.py does."""
    by_name = {Path(e["path"]).name: e.get("findings", []) for e in json.loads(report).get("files", [])}
    return [by_name.get(case_file_name(i, c["id"]), []) for i, c in enumerate(cases)]


def quality(
    bench_dir: Path,
    lt: LT,
    root: Path,
    limit: int,
    variants: dict[str, list[str]],
    reuse: dict[str, tuple[str, float]],
    reuse_ids: list[str],
) -> list[dict[str, Any]]:
    """Every dev set through every system. For the injected set, reports of the speed runs on
    the same articles (same file names) are scored when there are any, not made again."""
    scorer = load_scorer(bench_dir)
    base = [PY, "-m", "copydesk", "check", "--output-format", "json"]
    systems: list[tuple[str, Callable[[str], list[str]]]] = [
        (NO_LT, lambda _: [*base, "--no-languagetool"]),
    ]
    for name, args in variants.items():
        systems.append((f"copydesk {name}, no LT", lambda _, a=args: [*base, "--no-languagetool", *a]))  # type: ignore[misc]
    if lt.ok:

        def with_lt(set_name: str) -> list[str]:
            home = fresh_home(root, f"quality-{set_name}")  # a cold cache: the wall time is a first check
            return ["env", "-u", "COPYDESK_LANGUAGETOOL", f"COPYDESK_HOME={home}", *base, "--require-languagetool"]

        systems.append((WITH_LT, with_lt))
        systems.append((LT_ALONE, lambda _: [PY, str(HERE / "lt_alone.py"), "--url", lt.url, "--rules", "all"]))
    results = []
    for set_name in DEV_SETS:
        path = bench_dir / "dev" / f"{set_name}.jsonl"
        if not path.exists():
            log(f"quality: {path} missing, skipped")
            continue
        cases = scorer.load_cases([str(path)], limit if set_name == "injected" else 0)
        reusable = set_name == "injected" and [c["id"] for c in cases] == reuse_ids
        for system, argv_for in systems:
            entry: dict[str, Any] = {"set": set_name, "system": system}
            saved = reuse.get(system) if reusable else None
            argv = [] if saved else argv_for(set_name)
            entry["cmd"] = "scored from the speed run's report" if saved else shlex.join(argv) + " FILES..."
            for attempt in range(1, RETRIES + 1):
                try:
                    if saved:
                        findings, wall = findings_from_report(saved[0], cases), saved[1]
                    else:
                        with tempfile.TemporaryDirectory(dir=root) as d:
                            findings, wall = scorer.run_checker(shlex.join(argv), cases, d)
                    res, _, _ = scorer.score(cases, findings)
                    res["wall_seconds"] = round(wall, 3)
                    res["words_per_second"] = round(res["words"] / wall) if wall else None
                    fa = false_alarms_by_category(scorer, cases, findings)
                    res["false_alarms_by_category"] = dict(fa)
                    res["false_alarms_per_1k_by_category"] = (
                        {k: 1000 * v / res["words"] for k, v in fa.items()} if res["words"] else {}
                    )
                    entry.update(result=res, load=os.getloadavg()[0], reused=bool(saved))
                    entry.pop("error", None)
                    break
                except (SystemExit, Exception) as e:  # score.py exits on a failed checker
                    entry["error"] = str(e)[-300:]
                    if attempt < RETRIES:
                        log(f"quality {set_name} / {system} failed ({entry['error'][:120]}); retrying")
                        time.sleep(RETRY_PAUSE)
            r = entry.get("result")
            log(
                f"quality {set_name:13} {system:28} "
                + (
                    f"recall {pct(r['recall'])} top-1 {pct(r['top1'])} FA/1k {r['false_alarms_per_1k_words']:.2f} "
                    f"{r['wall_seconds']:.1f} s"
                    if r
                    else f"FAILED {entry.get('error')}"
                )
            )
            results.append(entry)
    return results


# ---------------------------------------------------------------- profile


def profile_local(corpus: Corpus, root: Path, top: int = 25) -> str:
    """cProfile of `copydesk check --no-languagetool -j 1` over the articles: the top functions."""
    import pstats

    out = root / "local.prof"
    argv = [
        PY,
        "-m",
        "cProfile",
        "-o",
        str(out),
        "-m",
        "copydesk",
        "check",
        "--no-languagetool",
        "-j",
        "1",
        "--output-format",
        "json",
        str(corpus.folder),
    ]
    p = timed(argv, env=clean_env(), cwd=corpus.folder.parent, keep_stdout=False)
    if p.rc not in (0, 1) or not out.exists():
        return f"profile failed: exit {p.rc} {p.stderr[-300:]}"
    import io

    buf = io.StringIO()
    stats = pstats.Stats(str(out), stream=buf)
    stats.strip_dirs()
    buf.write(f"cProfile of `{shlex.join(argv[5:])}` ({p.wall:.1f} s wall under the profiler)\n")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


# ---------------------------------------------------------------- report


def source_fingerprint() -> tuple[str, float]:
    """A hash of copydesk's source (code, rules, data) and the newest file's mtime: other
    engineers edit it while we measure, and a table that mixes versions must say so."""
    digest = hashlib.sha1()
    newest = 0.0
    for f in sorted((REPO / "copydesk").rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts:
            with contextlib.suppress(OSError):
                digest.update(str(f.relative_to(REPO)).encode() + b"\0" + f.read_bytes())
                newest = max(newest, f.stat().st_mtime)
    return digest.hexdigest()[:10], newest


def changed_since(when: float) -> list[str]:
    return sorted(
        str(f.relative_to(REPO))
        for f in (REPO / "copydesk").rglob("*")
        if f.is_file() and "__pycache__" not in f.parts and f.stat().st_mtime > when
    )


def pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def num(x: float | None, digits: int = 0) -> str:
    if x is None or x != x:
        return "-"
    return f"{x:,.{digits}f}"


def secs(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 10 else f"{x:.1f}"


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError):
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 2**20:.0f} GB RAM"
    git = ""
    with contextlib.suppress(Exception):
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = (
            subprocess.run(
                ["git", "status", "--porcelain", "--", "copydesk"], cwd=REPO, capture_output=True, text=True, timeout=10
            )
            .stdout.strip()
            .splitlines()
        )
        git = f"{head}" + (f" + {len(dirty)} uncommitted paths under copydesk/" if dirty else "")
    version = "?"
    with contextlib.suppress(Exception):
        from copydesk import __version__ as version

    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory": mem,
        "python": platform.python_version(),
        "copydesk": version,
        "git": git,
    }


def targets(rows: Rows, corpus: Corpus) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []

    def get(key: str) -> Row | None:
        r = rows.get(key)
        return r if r is not None and r.ok else None

    j1, start = get("local_j1"), get("start_500")
    if j1 and j1.wpcpu():
        measured = j1.wpcpu() or 0
        text = f"{num(measured)} words per CPU-second (whole `-j 1` process)"
        if start and start.cpu():
            steady = j1.words / max(1e-9, (j1.cpu() or 0) - (start.cpu() or 0))
            text += f"; {num(steady)} without start-up CPU"
            measured = steady
        clean = get("local_clean")
        if clean and clean.wpcpu():
            text += f"; on the same stories as published (no slips put in), {num(clean.wpcpu())} (whole process)"
        out.append(("local checks >= 100,000 words/s per core", text, verdict(measured, 100_000, True)))
    if start:
        w = start.wall() or 0
        out.append(
            (
                "cold `copydesk check` of a 500-word dispatch <= 0.5 s wall",
                f"{secs(w)} s ({start.words} words, no LT; `python -c pass` "
                f"{secs(rows['python'].wall()) if get('python') else '-'} s; re-checked unchanged "
                f"from the result cache {secs(get('start_500_cached').wall()) if get('start_500_cached') else '-'} s)",
                verdict(w, 0.5, False),
            )
        )
    alone, cold, warm = get("lt_alone"), get("lt_cold"), get("lt_warm")
    if alone and cold:
        ratio = (cold.wall() or 0) / (alone.wall() or 1)
        text = f"{ratio:.2f}x ({secs(cold.wall())} s vs {secs(alone.wall())} s)"
        if cold.server_cpus and alone.server_cpus and cold.cpu() and alone.cpu():
            mine = (cold.cpu() or 0) + statistics.median(cold.server_cpus)
            theirs = (alone.cpu() or 0) + statistics.median(alone.server_cpus)
            text += (
                f"; all CPU (client + server) {mine:.0f} s vs {theirs:.0f} s = {mine / theirs:.2f}x, "
                "the ratio on busy cores"
            )
        out.append(("with LanguageTool <= 1.2x LanguageTool alone", text, verdict(ratio, 1.2, False)))
    if cold and warm:
        ratio = (cold.wall() or 0) / (warm.wall() or 1)
        out.append(
            (
                f"unchanged copy re-checked >= 10x faster ({len(corpus.files)} articles, warm server)",
                f"{ratio:.1f}x ({secs(cold.wall())} s, then {secs(warm.wall())} s)",
                verdict(ratio, 10, True),
            )
        )
    if j1 and j1.rss():
        out.append(
            (
                "peak memory <= 300 MB without LanguageTool",
                f"{num(j1.rss())} MB (`-j 1`, {len(corpus.files)} files)",
                verdict(j1.rss() or 0, 300, False),
            )
        )
    j2 = get("local_j2")
    if j1 and j2:
        ratio = (j1.wall() or 0) / (j2.wall() or 1)
        text = f"{ratio:.2f}x ({secs(j1.wall())} s vs {secs(j2.wall())} s)"
        if j1.cpu() and j2.cpu():
            ceiling = 2 * (j1.cpu() or 0) / (j2.cpu() or 1)
            text += (
                f"; `-j 2` uses {secs(j2.cpu())} CPU-s to `-j 1`'s {secs(j1.cpu())}, so even 2 idle cores "
                f"give at most {ceiling:.2f}x"
            )
        pairs = [a / b for a, b in zip(j1.walls, j2.walls, strict=False) if b > 0]
        if len(pairs) > 1:  # each -j 1 run and the -j 2 run right after it: drift cancels out
            text += (
                f"; run by run {statistics.median(pairs):.2f}x (median of {len(pairs)} pairs, "
                f"{min(pairs):.2f} to {max(pairs):.2f})"
            )
        halves = get("local_halves")
        if halves:
            text += (
                f"; two separate `-j 1` processes on the halves at once: "
                f"{(j1.wall() or 0) / (halves.wall() or 1):.2f}x ({secs(halves.wall())} s)"
            )
        out.append(("`--jobs 2` >= 1.8x faster than `--jobs 1`", text, verdict(ratio, 1.8, True)))
    return out


def verdict(measured: float, target: float, higher_is_better: bool) -> str:
    met = measured >= target if higher_is_better else measured <= target
    if met:
        return "met"
    factor = target / measured if higher_is_better else measured / target
    return f"MISSED ({factor:.2f}x off)"


def render(meta: dict[str, Any], rows: Rows, corpus: Corpus, quality_results: list[dict[str, Any]], repeat: int) -> str:
    m = meta["machine"]
    lines = [
        f"Measured {meta['date']} on {m['cores']} cores ({m['cpu']}, {m['memory']}, shared with other work), "
        f"Python {m['python']}, copydesk {m['copydesk']} at {m['git']}, LanguageTool {meta['lt_version']}; "
        f"load average {meta['load_start']} at the start, {meta['load_end']} at the end; "
        f"`{meta['command']}` took {meta['elapsed_s'] / 60:.1f} min.",
        "",
    ]
    if meta.get("skipped_for_time"):
        lines += [
            f"Skipped to stay within the time budget (`--budget`): {', '.join(meta['skipped_for_time'])}; "
            "the runs column shows what each median is of.",
            "",
        ]
    src = meta.get("source", {})
    if src and src["start"] != src["end"]:
        lines += [
            f"**Warning:** copydesk's source changed during this run ({src['start']} -> {src['end']}: "
            f"{', '.join(src['changed'][:8]) or 'files replaced'}), so rows may mix versions; rerun when "
            "the code is quiet.",
            "",
        ]
    ref = rows.get("local_j1")
    ref_wps = ref.wps() if ref and ref.ok else None
    speed_keys = [
        "local_j1",
        "local_j2",
        "local_halves",
        "local_clean",
        *[k for k in rows if k.startswith("variant:")],
        "pyspell_detect",
        "pyspell_full",
        "proselint",
        "lt_alone",
        "lt_alone_all",
        "lt_cold",
        "lt_warm",
    ]
    speed = [rows[k] for k in speed_keys if k in rows]
    if speed:
        lines += [
            f"**Speed** on {len(corpus.files)} dev articles ({corpus.words:,} words); "
            f"median of the runs in the last column ({repeat} asked, at least {LOCAL_RUNS} for the local rows "
            "unless --quick; the all-rules LanguageTool row: 1); "
            "load = median 1-minute load average at the start of the runs.",
            "",
            "| row | words/s | vs copydesk -j 1 | wall s | CPU s | words/CPU-s | LT server CPU s "
            "| peak RSS MB | load | runs |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in speed:
            if not r.ok:
                lines.append(f"| {r.label} | failed: {r.error or 'not run'} | | | | | | | | |")
                continue
            wps = r.wps()
            ratio = f"{wps / ref_wps:.2f}x" if ref_wps and wps else "-"
            server = num(statistics.median(r.server_cpus), 1) if r.server_cpus else "-"
            words = "" if r.words == corpus.words else f" ({r.words:,} words)"
            lines.append(
                f"| {r.label}{words} | {num(r.wps())} | {ratio} | {secs(r.wall())} | {secs(r.cpu())} "
                f"| {num(r.wpcpu())} | {server} | {num(r.rss())} | {num(r.load(), 2)} | {len(r.walls)} |"
            )
        lines.append("")
    start = [
        rows[k]
        for k in (
            "python",
            "help",
            "start_md",
            "start_500",
            "start_500_cached",
            "start_md_lt",
            "start_500_lt",
            "start_first",
        )
        if k in rows
    ]
    if start:
        runs = max((len(r.walls) for r in start), default=0)
        lines += [
            f"**Start-up**: wall time of a new process, interpreter included (median of {runs}; "
            "the new-machine row: 2 runs).",
            "",
            "| command | wall s | CPU s | peak RSS MB | load |",
            "|---|---:|---:|---:|---:|",
        ]
        for r in start:
            if r.ok:
                lines.append(
                    f"| {r.label} | {secs(r.wall())} | {secs(r.cpu())} | {num(r.rss())} | {num(r.load(), 2)} |"
                )
            else:
                lines.append(f"| {r.label} | failed: {r.error or 'not run'} | | | |")
        lines.append("")
    tgt = targets(rows, corpus)
    if tgt:
        lines += ["**Targets** (issue #10)", "", "| target | measured | |", "|---|---|---|"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in tgt]
        lines.append("")
    if quality_results:
        lines += render_quality(quality_results)
    return "\n".join(lines)


def render_quality(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "**Quality** on the dev sets (../shared/bench/score.py's scoring; FA/1k = false alarms per 1,000 "
        "words, style and info findings not counted; wall = one run of the checker over the set, "
        "copydesk + LT with a cold result cache; * = the injected set scored from the median speed run's report "
        "on the same articles, not run again). Category cells: detected / top-1 correction.",
        "",
        "| dev set | system | recall | top-1 | precision | FA/1k | "
        + " | ".join(GOLD_CATEGORIES)
        + " | wall s | words/s |",
        "|---|---|---:|---:|---:|---:|" + "---:|" * len(GOLD_CATEGORIES) + "---:|---:|",
    ]
    fa_lines = [
        "False alarms per 1,000 words by the finding's category (same runs):",
        "",
        "| dev set | system | " + " | ".join(FA_CATEGORIES) + " |",
        "|---|---|" + "---:|" * len(FA_CATEGORIES),
    ]
    for e in results:
        r = e.get("result")
        if not r:
            lines.append(f"| {e['set']} | {e['system']} | failed: {e.get('error', '')[:100]} |" + " |" * 5)
            continue
        cats = []
        for c in GOLD_CATEGORIES:
            v = r["categories"].get(c)
            cats.append(
                f"{pct(v.get('detected', 0) / v['n'])} / {pct(v.get('corrected', 0) / v['n'])}"
                if v and v.get("n")
                else ""
            )
        lines.append(
            f"| {e['set']} | {e['system']} | {pct(r['recall'])} | {pct(r['top1'])} | {pct(r['precision'])} "
            f"| {r['false_alarms_per_1k_words']:.2f} | "
            + " | ".join(cats)
            + f" | {secs(r['wall_seconds'])}{'*' if e.get('reused') else ''} | {num(r['words_per_second'])} |"
        )
        per = r.get("false_alarms_per_1k_by_category", {})
        fa_lines.append(
            f"| {e['set']} | {e['system']} | "
            + " | ".join(f"{per[c]:.2f}" if c in per else "0" for c in FA_CATEGORIES)
            + " |"
        )
    return [*lines, "", *fa_lines, ""]


def update_readme(table: str, section: str = "results") -> None:
    """Put `table` between the README's `<!-- SECTION:start -->` and `<!-- SECTION:end -->`."""
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    readme = HERE / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"{start}\n{end}\n"
    if start not in text or end not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    readme.write_text(f"{head}{start}\n{table.rstrip()}\n{end}{tail}", encoding="utf-8")


# ---------------------------------------------------------------- main


def parse_variants(values: list[str]) -> dict[str, list[str]]:
    """--variant "NAME=ARGS": extra `copydesk check` arguments measured as their own rows."""
    out = {}
    for v in values:
        name, sep, args = v.partition("=")
        if not sep or not name.strip():
            raise SystemExit(f"--variant wants NAME=ARGS, got {v!r}")
        out[name.strip()] = shlex.split(args)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help=f"1 run, the first {QUICK_ARTICLES} articles")
    ap.add_argument("--repeat", type=int, default=3, help="runs per speed row; the median is reported")
    ap.add_argument("--json", type=Path, help="write every measurement here")
    ap.add_argument(
        "--sections", default="speed,startup,quality", help="comma-separated subset of speed,startup,quality"
    )
    ap.add_argument("--profile", action="store_true", help="also cProfile the local checks and print the top")
    ap.add_argument(
        "--budget",
        type=float,
        default=None,
        metavar="MIN",
        help="skip repetitions that would not end within this many minutes (default 14; --quick 3)",
    )
    ap.add_argument("--update-readme", action="store_true", help="put the table into benchmarks/README.md")
    ap.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=ARGS",
        help="also measure `copydesk check ARGS` (e.g. a house model, issue #6)",
    )
    ap.add_argument(
        "--bench-dir",
        type=Path,
        default=Path(os.environ.get("COPYDESK_BENCH_DIR", REPO.parent / "shared" / "bench")),
        help="folder with score.py and dev/",
    )
    ap.add_argument(
        "--data-dir", type=Path, default=None, help="the dev articles as published; default BENCH_DIR/../data"
    )
    a = ap.parse_args(argv)
    os.environ["COPYDESK_NO_CACHE"] = "1"  # every copydesk run checks; clean_env(result_cache=True) undoes it
    repeat = 1 if a.quick else max(1, a.repeat)
    sections = {s.strip() for s in a.sections.split(",") if s.strip()}
    variants = parse_variants(a.variant)
    started = time.perf_counter()
    budget = Budget(a.budget if a.budget is not None else 3.0 if a.quick else 14.0)
    started_epoch = time.time()
    fingerprint = source_fingerprint()[0]
    load_start = "/".join(f"{x:.2f}" for x in os.getloadavg())
    meta: dict[str, Any] = {
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "machine": machine(),
        "command": shlex.join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "load_start": load_start,
        "repeat": repeat,
        "quick": a.quick,
    }
    cases = load_jsonl(a.bench_dir / "dev" / "injected.jsonl")
    if a.quick:
        cases = cases[:QUICK_ARTICLES]
    rows = Rows()
    quality_results: list[dict[str, Any]] = []
    profile = ""
    with tempfile.TemporaryDirectory(prefix="copydesk-bench-") as tmp:
        root = Path(tmp)
        corpus = write_corpus(cases, root)
        corpus.clean = write_clean_corpus(cases, root, a.data_dir or a.bench_dir.parent / "data")
        if isinstance(corpus.clean, str):
            log(corpus.clean)
        log(f"{len(corpus.files)} articles, {corpus.words:,} words in {corpus.folder}; repeat {repeat}")
        compile_bytecode()
        lt = LT() if sections & {"speed", "startup", "quality"} else None
        assert lt is not None
        meta["lt_version"] = lt.version
        meta["lt"] = {"url": lt.url, "problem": lt.problem}
        if lt.problem:
            log(lt.problem)
        if "speed" in sections:
            speed_local(rows, corpus, repeat if a.quick else max(repeat, LOCAL_RUNS), variants, budget)
        if "startup" in sections:
            startup(rows, corpus, lt, 3 if a.quick else COLD_START_RUNS, root, 1 if a.quick else 2)
        if "speed" in sections:
            speed_pyspellchecker(rows, corpus, cases, repeat, 4.0 if a.quick else SPELL_CORRECTION_BUDGET)
            speed_proselint(rows, corpus, repeat)
            speed_languagetool(rows, corpus, lt, repeat, root, budget)
            meta["lt_server_rss_mb"] = lt.rss_mb()
        if "quality" in sections:
            quality_results = quality(
                a.bench_dir,
                lt,
                root,
                QUICK_ARTICLES if a.quick else 0,
                variants,
                corpus.median_reports(),
                [c["id"] for c in cases],
            )
        if a.profile:
            log("profiling the local checks")
            profile = profile_local(corpus, root)
        meta["skipped_for_time"] = budget.skipped
        meta["load_end"] = "/".join(f"{x:.2f}" for x in os.getloadavg())
        meta["source"] = {"start": fingerprint, "end": source_fingerprint()[0], "changed": changed_since(started_epoch)}
        meta["elapsed_s"] = time.perf_counter() - started
        table = render(meta, rows, corpus, quality_results, repeat)
    print(table)
    if profile:
        print("\n```\n" + profile + "```")
    if a.json:
        a.json.write_text(
            json.dumps(
                {
                    "meta": meta,
                    "rows": {k: r.summary() for k, r in rows.items()},
                    "targets": targets(rows, corpus),
                    "quality": quality_results,
                    "profile": profile,
                },
                indent=2,
                default=str,
            )
        )
    if a.update_readme:
        update_readme(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
