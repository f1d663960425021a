"""Reading copy from disk and writing it back without losing a byte of what was not fixed."""

from __future__ import annotations

import codecs
import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

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

    def encode(self, text: str) -> bytes:
        return self.bom + text.encode(self.encoding)


def decode(path: str, data: bytes) -> SourceFile:
    """Decode UTF-8 (or UTF-16 with a BOM); refuse binary data and other encodings."""
    bom, encoding = next(((b, e) for b, e in _BOMS if data.startswith(b)), (b"", "utf-8"))
    body = data[len(bom) :]
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (invalid byte 0x{body[e.start]:02x} at byte {e.start + len(bom)})") from None
    if "\x00" in text:
        raise InputError("binary file (contains NUL bytes)")
    return SourceFile(path, text, encoding, bom)


def read(path: str) -> SourceFile:
    """Read and decode a file; every failure is an InputError with a one-line reason."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(
                    f"too large to check ({size / 1_000_000:.0f} MB; the limit is {MAX_BYTES // 1_000_000} MB)"
                )
            data = f.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as e:
        raise InputError(e.strerror or str(e)) from None
    return decode(path, data)


def write_atomic(path: str, data: bytes) -> None:
    """Replace the file's bytes all at once: a temp file in the same folder, fsync, rename.

    A crash at any moment leaves either the old file or the new one, never a mix.
    """
    target = Path(os.path.realpath(path))  # through a symlink, keep the link
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".copydesk-tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
