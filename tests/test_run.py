"""copydesk.run in process: what a check run does to the process it runs in."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from copydesk import engine
from copydesk.run import CHECKING_GC_THRESHOLDS, Run, RunOptions

OPTIONS = {"select": ("core",), "languagetool": {"enabled": False}}


def test_checking_collects_garbage_seldom_and_then_restores_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "story.txt").write_text("We saw the the cat.\n", encoding="utf-8")
    during: list[tuple[int, ...]] = []
    real_build = engine.build_document

    def build(path: str, source: str, fmt: str | None = None) -> object:
        during.append(gc.get_threshold())
        return real_build(path, source, fmt)

    monkeypatch.setattr(engine, "build_document", build)
    before = gc.get_threshold()
    assert before != CHECKING_GC_THRESHOLDS
    (result,) = Run(RunOptions([str(tmp_path)], overrides=OPTIONS)).check_all()
    assert [(f.rule, f.start, f.end) for f in result.findings] == [("core.doubled-word", 7, 14)]
    assert during == [CHECKING_GC_THRESHOLDS]
    assert gc.get_threshold() == before


def test_a_run_that_fails_still_restores_the_collector(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Run) -> list[str]:
        raise RuntimeError("no files")

    monkeypatch.setattr(Run, "files", fail)
    before = gc.get_threshold()
    with pytest.raises(RuntimeError, match="no files"):
        Run(RunOptions([str(tmp_path)], overrides=OPTIONS)).check_all()
    assert gc.get_threshold() == before
