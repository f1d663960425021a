"""`--fix` when the disk is full, the folder is read-only, or the copy changes under it.

A clear one-line message, exit 2, every finding still reported (in text and JSON), the file
untouched and no temporary file left behind. The disk is really full and the folder really
read-only: a small tmpfs (which needs root and a container that allows mounts). Where
mounting is impossible the same faults are injected in-process, and the test says so.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from robustness_helpers import can_mount, copydesk, remount_read_only, slips_story, tmpfs

from copydesk import engine, sourcefile
from copydesk.run import Run, RunOptions

CAN_MOUNT = can_mount()
NO_LANGUAGETOOL: dict[str, object] = {"languagetool": {"enabled": False}}
BIG_UNIT = "They met in the the capital on Monday, officials said.\n"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 128 KiB tmpfs: room for a 77 KB story, not for its fixed copy beside it."""
    if not CAN_MOUNT:
        pytest.skip("cannot mount a tmpfs here; test_disk_full_in_process injects the fault instead")
    mount = tmp_path / "disk"
    mount.mkdir()
    with tmpfs(mount, 128 * 1024):
        yield mount


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith(".copydesk-tmp"))


def _assert_reported_unfixed(folder: Path, big: Path, original: bytes, reason: str) -> None:
    """The run says why in one line, exits 2, leaves `big` as it was and still reports its findings."""
    run = copydesk("check", "--fix", "--select", "core", "--output-format", "json", folder)
    run.assert_no_crash()
    assert run.code == 2
    (line,) = run.err_lines
    assert line == f"copydesk: {big}: could not write fixes ({reason})"
    assert big.read_bytes() == original
    assert _leftovers(folder) == []
    report = json.loads(run.out)
    entries = {Path(f["path"]).name: f for f in report["files"]}
    expected = original.count(b"the the") + original.count(b",,")
    assert len(entries[big.name].get("findings", [])) == expected, (
        "the findings of a file whose fixes could not be written must still be reported"
    )
    assert report["summary"]["findings"] == sum(len(f.get("findings", [])) for f in report["files"])


def test_disk_full_during_fix(small_disk: Path) -> None:
    big = small_disk / "big.txt"
    big.write_text(BIG_UNIT * 1400)
    (small_disk / "small.txt").write_text("A small the the story.\n")
    _assert_reported_unfixed(small_disk, big, big.read_bytes(), "No space left on device")
    assert (small_disk / "small.txt").read_text() == "A small the story.\n"


def test_disk_full_text_report_lists_the_findings_it_could_not_fix(small_disk: Path) -> None:
    big = small_disk / "big.txt"
    big.write_text(BIG_UNIT * 1400)
    run = copydesk("check", "--fix", "--select", "core", "--output-format", "concise", small_disk)
    assert run.code == 2
    assert run.text.count("core.doubled-word") == 1400
    assert "could not be checked" not in run.text  # it was checked; only the fixes were not written


def test_read_only_mount_during_fix(tmp_path: Path) -> None:
    if not CAN_MOUNT:
        pytest.skip("cannot mount a tmpfs here; test_folder_without_write_permission covers the fault")
    mount = tmp_path / "ro"
    mount.mkdir()
    with tmpfs(mount, 1024 * 1024):
        story = mount / "story.txt"
        story.write_text(slips_story(1))
        original = story.read_bytes()
        remount_read_only(mount)
        _assert_reported_unfixed(mount, story, original, "Read-only file system")


def test_folder_without_write_permission(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    story = folder / "story.txt"
    story.write_text(slips_story(1))
    original = story.read_bytes()
    folder.chmod(0o555)
    try:
        run = copydesk("check", "--fix", "--select", "core", "--output-format", "json", folder, unprivileged=True)
    finally:
        folder.chmod(0o755)
    run.assert_no_crash()
    assert run.code == 2
    (line,) = run.err_lines
    assert line == f"copydesk: {story}: could not write fixes (Permission denied)"
    assert story.read_bytes() == original and _leftovers(folder) == []
    (entry,) = json.loads(run.out)["files"]
    assert len(entry.get("findings", [])) == original.count(b"the the") + original.count(b",,")


def test_disk_full_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk-full fault without a mount: writes into the folder fail with ENOSPC.

    In-process because an unprivileged CI runner cannot mount a small file system; the real
    fault is test_disk_full_during_fix. Only writes to the temporary file fail; the rest of
    the run is the real code.
    """
    story = tmp_path / "story.txt"
    story.write_text(slips_story(1))
    original = story.read_bytes()
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, *args: object, **kwargs: object) -> None:
            self.file = real_fdopen(fd, *args, **kwargs)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sourcefile.os, "fdopen", FullDisk)
    result = Run(RunOptions([str(story)], fix=True, overrides=NO_LANGUAGETOOL)).check_one(str(story))
    assert result.error == "could not write fixes (No space left on device)"
    assert len(result.findings) == 10
    assert story.read_bytes() == original
    assert _leftovers(tmp_path) == []


def test_copy_saved_by_a_reporter_during_the_check_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reporter saves the story while copydesk checks it (LanguageTool can take seconds).

    Writing the fixed old version would lose the reporter's new paragraph; copydesk must see
    that the file changed since it was read and leave it alone, saying so in one line.
    """
    story = tmp_path / "story.txt"
    story.write_text("They met in the the capital.\n")
    saved = "They met in the the capital.\n\nA new paragraph the reporter just wrote.\n"
    real_check = engine.check_source

    def check_while_the_reporter_saves(*args: object, **kwargs: object) -> engine.FileResult:
        result = real_check(*args, **kwargs)
        if story.read_text() != saved:
            story.write_text(saved)
        return result

    monkeypatch.setattr("copydesk.run.check_source", check_while_the_reporter_saves)
    result = Run(RunOptions([str(story)], fix=True, overrides=NO_LANGUAGETOOL)).check_one(str(story))
    assert story.read_text() == saved, "the reporter's new paragraph was overwritten by --fix"
    assert result.error is not None and "changed" in result.error
