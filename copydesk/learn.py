"""`copydesk learn`: build (or update) a house model from a newsroom's published archive.

The archive is files or folders of clean, edited copy: text, Markdown and HTML files (read as
`copydesk check` reads them, so markup is not counted), and JSON Lines files with one story a
line (`{"text": "..."}`), as archive exports often are. Folders are searched recursively.

Files are read in parallel (`jobs` processes), each worker counting its share; the counts are
then added up, the preferred variants worked out, and the model written to one SQLite file
(see `copydesk.realword.house`). With `update`, the counts are added to an existing model's:
learning the same copy twice counts it twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from copydesk.realword.house import HouseModel, HouseModelError, Tally

TEXT_EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm")
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
# Batches per worker: enough for steady progress, few enough that adding up the tallies is cheap.
BATCHES_PER_JOB = 4

Progress = Callable[[int, int], None]


def archive_files(paths: Iterable[Path]) -> list[Path]:
    """The readable archive files under `paths`, sorted, each once."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            for root, _, names in os.walk(path):
                found.update(Path(root) / n for n in names if n.lower().endswith(TEXT_EXTENSIONS + JSONL_EXTENSIONS))
        elif path.is_file():
            found.add(path)
    return sorted(found)


def _stories(path: Path) -> Iterable[tuple[str, str]]:
    """(name, text) of each story in one archive file; unreadable parts are skipped."""
    from copydesk.sourcefile import InputError, read

    if path.name.lower().endswith(JSONL_EXTENSIONS):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for n, line in enumerate(lines, 1):
            try:
                story = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(story, dict) and isinstance(story.get("text"), str):
                yield f"{path.name}:{n}.txt", story["text"]
        return
    try:
        yield path.name, read(str(path)).text
    except InputError:
        return


def count_files(paths: Sequence[Path]) -> Tally:
    """The counts of every story in these files (one worker's share)."""
    from copydesk.formats import build_document

    tally = Tally()
    for path in paths:
        for name, text in _stories(path):
            tally.add_document(build_document(name, text))
    return tally


def learn(
    archives: Sequence[Path],
    out: Path,
    *,
    jobs: int = 1,
    update: bool = False,
    progress: Progress | None = None,
) -> tuple[int, str]:
    """Learn a house model from `archives` into `out`; (exit code, one-line message).

    Exit code 0 when the model was written, 2 when nothing could be learned or the model
    cannot be read or written. `progress(done, total)` is called as files are counted.
    """
    files = archive_files(archives)
    missing = [str(p) for p in archives if not p.exists()]
    if missing:
        return 2, f"no such file or folder: {', '.join(missing)}"
    if not files:
        return 2, "no archive files found (text, Markdown, HTML or JSON Lines)"
    if update and out.exists():
        try:
            tally = HouseModel.load(out).tally
        except HouseModelError as e:
            return 2, str(e)
    else:
        tally = Tally()
    before = tally.words
    size = max(1, -(-len(files) // (max(1, jobs) * BATCHES_PER_JOB)))
    batches = [files[i : i + size] for i in range(0, len(files), size)]
    done = 0
    if progress:
        progress(0, len(files))
    if jobs > 1 and len(batches) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for batch, part in zip(batches, pool.map(count_files, batches), strict=True):
                tally.merge(part)
                done += len(batch)
                if progress:
                    progress(done, len(files))
    else:
        for batch in batches:
            tally.merge(count_files(batch))
            done += len(batch)
            if progress:
                progress(done, len(files))
    if tally.words == before:
        return 2, "the archive files hold no words to learn from"
    model = HouseModel.from_tally(tally)
    try:
        model.save(out)
    except HouseModelError as e:
        return 2, str(e)
    verb = "updated" if update and before else "wrote"
    return 0, (
        f"{verb} {out}: {tally.documents} stories, {tally.words} words, {len(tally.forms)} word forms, "
        f"{len(model.variants)} preferred variants"
    )
