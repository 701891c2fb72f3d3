"""Atomic file output: a file is either fully written or left as it was."""

from __future__ import annotations

__all__ = ["atomic_output", "atomic_write_text", "atomic_write_bytes"]

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Literal, overload

from kgraph.errors import OutputError


@overload
@contextmanager
def atomic_output(path: str | Path, mode: Literal["w"] = "w") -> Iterator[IO[str]]: ...


@overload
@contextmanager
def atomic_output(path: str | Path, mode: Literal["wb"]) -> Iterator[IO[bytes]]: ...


@contextmanager
def atomic_output(path: str | Path, mode: str = "w") -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside ``path``; on success rename it over ``path``.

    On any error (including ``KeyboardInterrupt`` and kgraph's SIGTERM ``Terminated``)
    the temporary file is removed and ``path`` keeps its old content, byte for byte.
    The data is flushed and fsynced before the rename, and the folder after it, so a
    crash leaves either the old file or the new one. Operating-system failures (folder
    missing or not writable, disk full, ``path`` is a folder) raise ``OutputError``.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_output(target) as handle:
    ...     _ = handle.write("hello")
    >>> target.read_text()
    'hello'
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: folder {str(directory)!r} does not exist")
    if target.is_dir():
        raise OutputError(f"cannot write {str(target)!r}: it is a folder; give a file name")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as error:
        raise OutputError(f"cannot write {str(target)!r}: {error.strerror or error}") from error
    tmp = Path(tmp_name)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException as error:
        tmp.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename in (None, tmp_name, str(target)):
            raise OutputError(f"cannot write {str(target)!r}: {error.strerror or error}") from error
        raise
    _fsync_folder(directory)


def _copy_mode(target: Path, tmp: Path) -> None:
    """Give the new file the old file's permissions (or the usual 0644 for a new one)."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    os.chmod(tmp, mode)


def _fsync_folder(directory: Path) -> None:
    """Make the rename durable; some file systems cannot fsync a folder, which is harmless."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write_text(target, "é")
    >>> target.read_bytes()
    b'\\xc3\\xa9'
    """
    with atomic_output(path, "w") as handle:
        handle.write(text)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_output(path, "wb") as handle:
        handle.write(data)
