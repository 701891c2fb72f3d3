"""Atomic file output: a file is either fully written or left as it was."""

from __future__ import annotations

__all__ = ["atomic_output", "atomic_write_text", "atomic_write_bytes", "remove_stale_parts"]

import glob
import os
import re
import tempfile
import time
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
    remove_stale_parts(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".part", dir=directory)
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


_PART = re.compile(r"\.(?P<name>.+)\.(?:(?P<pid>[0-9]+)-)?[A-Za-z0-9_]+\.part")
#: A temporary file without a writer's process id is left alone until it is this old (seconds).
_STALE_AFTER = 3600.0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process (or an odd value): leave its file alone
    return True


def remove_stale_parts(target: str | Path) -> list[Path]:
    """Remove the temporary files (``.NAME.PID-XXXX.part``) left beside ``target`` by killed writers.

    A writer killed with SIGKILL cannot clean up; the next write of the same file does.
    A temporary file is removed when the process that wrote it is gone (or, for names
    without a process id, when it is over an hour old); a running writer's file is kept.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".g.nt.999999999-abc.part").write_text("half")
    >>> [p.name for p in remove_stale_parts(folder / "g.nt")]
    ['.g.nt.999999999-abc.part']
    """
    target = Path(target)
    directory = target.parent if str(target.parent) else Path(".")
    removed: list[Path] = []
    try:
        candidates = sorted(directory.glob(f".{glob.escape(target.name)}.*.part"))
    except OSError:
        return removed
    now = time.time()
    for candidate in candidates:
        match = _PART.fullmatch(candidate.name)
        if match is None or match["name"] != target.name:
            continue
        try:
            if match["pid"] is not None:
                stale = not _alive(int(match["pid"]))
            else:
                stale = now - candidate.stat().st_mtime > _STALE_AFTER
            if stale and candidate.is_file() and not candidate.is_symlink():
                candidate.unlink()
                removed.append(candidate)
        except OSError:
            continue
    return removed


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
