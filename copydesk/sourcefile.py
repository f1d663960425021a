"""Reading copy from disk and writing it back without losing a byte of what was not fixed."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import socket
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

TEMP_SUFFIX = ".copydesk-tmp"
MAX_BYTES = 10_000_000  # no story is this long; a bigger file is an export or a mistake


class InputError(Exception):
    """A file that cannot be checked; the message is one line naming the problem."""


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class SourceFile:
    """A decoded file: its text (BOM removed, line endings untouched) and how to encode it back."""

    path: str  # as given on the command line
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    stamp: tuple[int, int, int] | None = None  # the file on disk when read: stamp_of()

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


class FileChanged(OSError):
    """The file on disk is no longer the one that was read and checked."""


def stamp_of(info: os.stat_result) -> tuple[int, int, int]:
    """Inode, size and modification time: an editor's save, or a swap by rename, changes one of them."""
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def decode(path: str, data: bytes, stamp: tuple[int, int, int] | None = None) -> SourceFile:
    """Decode UTF-8 (or UTF-16 with a BOM); refuse binary data and other encodings."""
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (invalid byte 0x{body[e.start]:02x} at byte {e.start + len(bom)})") from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes)")
    return SourceFile(path, text, encoding, bom, stamp)


def read(path: str) -> SourceFile:
    """Read and decode a file; every failure is an InputError with a one-line reason.

    O_NONBLOCK keeps a FIFO from blocking the open; fstat then refuses anything that is
    not a regular file (pipes, devices such as /dev/zero) before a byte is read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise InputError("is a directory")
            if not stat.S_ISREG(info.st_mode):
                raise InputError("not a regular file")
            if info.st_size > MAX_BYTES:
                raise InputError(too_large(info.st_size))
            data = f.read(MAX_BYTES + 1)  # a file that grows while read is still capped
            if len(data) > MAX_BYTES:
                raise InputError(too_large(len(data)))
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as e:
        raise InputError(e.strerror or str(e)) from None
    return decode(path, data, stamp_of(info))


def too_large(size: int) -> str:
    return f"too large to check ({size / 1_000_000:.0f} MB; the limit is {MAX_BYTES // 1_000_000} MB)"


def write_atomic(path: str, data: bytes, expected: tuple[int, int, int] | None = None) -> None:
    """Replace the file's bytes all at once: a temp file in the same folder, fsync, rename.

    A crash at any moment leaves either the old file or the new one, never a mix. With
    `expected` (the stamp when it was read), a file saved by someone else meanwhile is left
    alone: FileChanged.
    """
    target = Path(os.path.realpath(path))  # through a symlink, keep the link
    info = target.stat()
    if expected is not None and stamp_of(info) != expected:
        raise FileChanged(f"{path} changed on disk while it was checked")
    mode = info.st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{_owner()}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if expected is not None and stamp_of(target.stat()) != expected:  # saved while we wrote
            raise FileChanged(f"{path} changed on disk while it was checked")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _owner() -> str:
    """Who writes a temp file: this machine (hashed hostname) and process, as `HOST-PID`."""
    host = hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
    return f"{host}-{os.getpid()}"


def remove_stale_temps(folder: Path) -> None:
    """Temp files in `folder` left by a copydesk killed mid-write on this machine (its process is gone).

    A temp file is `.NAME.HOST-PID.RANDOM.copydesk-tmp`; one from another machine sharing the
    folder, or from a live process, is left alone.
    """
    host = _owner().split("-", 1)[0]
    try:
        entries = [e.name for e in os.scandir(folder) if e.name.startswith(".") and e.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in entries:
        parts = name[: -len(TEMP_SUFFIX)].rsplit(".", 2)  # [".NAME", "HOST-PID", "RANDOM"]
        if len(parts) != 3:
            continue
        owner_host, _, pid = parts[1].partition("-")
        if owner_host == host and pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    """True while `pid` runs; a zombie (killed, not yet reaped: no init reaps in some containers) is dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            state = f.read().rsplit(b")", 1)[1].split()[0]  # the field after "(command)"
    except (OSError, IndexError):
        return True  # no /proc: trust kill()
    return state != b"Z"
