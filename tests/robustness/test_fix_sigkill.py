"""`--fix` killed with SIGKILL at random moments: no file is ever half-written (issue #11).

Twenty kills of the whole process group (as CI cancelling a job does), at moments drawn from
the window in which the run writes its files; `python benchmarks/soak.py --kills N` runs more,
and also kills only the parent. After every kill each file is byte for byte the original or
the fixed version, with its mode, BOM, encoding and line endings; a full run afterwards fixes
everything. Temporary files a kill leaves behind are hidden (dot files, never checked) and at
most one per process.
"""

from __future__ import annotations

import random
from pathlib import Path

from fix_kill import KillStats, kill_loop, kill_once, reference

KILLS = 20


def test_sigkill_during_fix_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    stats = kill_loop(tmp_path, KILLS, seed=11)
    assert stats.failures == []
    assert stats.lost_bytes == 0
    assert stats.mixed >= 3, (
        f"only {stats.mixed} of {KILLS} kills landed while files were being fixed: {stats.outcomes}"
    )
    print(
        f"{stats.kills} kills, {stats.mixed} mid-run, {stats.files_compared} files compared, "
        f"{stats.temp_files_left} temporary files left, {stats.lost_bytes} bytes lost"
    )


def test_workers_exit_when_their_parent_is_killed(tmp_path: Path) -> None:
    """SIGKILL to the parent alone (the OOM killer, `kill -9`, a CI timeout that kills one pid).

    The worker processes of `--jobs` must notice and exit, not wait forever on their task
    queue holding the word lists in memory; a file a worker was writing stays whole.
    """
    ref = reference(tmp_path / "reference")
    stats = KillStats()
    kill_once(tmp_path / "kill", ref, ref.window(), random.Random(3), stats, parent_only=True, after_first_write=True)
    assert 0 < stats.outcomes[0][1] < len(ref.before), f"the kill did not land mid-run: {stats.outcomes}"
    assert stats.orphans == 0, stats.failures
    assert stats.failures == [] and stats.lost_bytes == 0
