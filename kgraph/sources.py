"""Read text sources (files, folders, JSONL, stdin) lazily into ``Document`` records."""

from __future__ import annotations

__all__ = ["iter_documents", "read_documents", "MAX_DOCUMENT_CHARS"]

import json
import sys
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from kgraph.errors import EmptyInputError, InputError
from kgraph.model import Document

#: Texts longer than this are split at paragraph breaks into parts ``id#N``.
MAX_DOCUMENT_CHARS = 200_000
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_SNIFF_BYTES = 8192


class InputWarning(UserWarning):
    """A recoverable problem with one input (bad bytes, an empty file, a skipped line)."""


def _is_binary(head: bytes) -> bool:
    return b"\x00" in head


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        warnings.warn(
            f"{name}: invalid UTF-8 at byte offset {error.start}; undecodable bytes replaced with U+FFFD",
            InputWarning,
            stacklevel=3,
        )
        return data.decode("utf-8-sig", errors="replace")


def _split_long(document: Document) -> Iterator[Document]:
    text = document.text
    if len(text) <= MAX_DOCUMENT_CHARS:
        yield document
        return
    part, start = 1, 0
    while start < len(text):
        end = min(start + MAX_DOCUMENT_CHARS, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + MAX_DOCUMENT_CHARS // 2, end)
            if cut == -1:
                cut = text.rfind(" ", start + MAX_DOCUMENT_CHARS // 2, end)
            end = cut + 1 if cut != -1 else end
        yield Document(
            id=f"{document.id}#{part}",
            text=text[start:end],
            source=document.source,
            title=document.title,
            date=document.date,
        )
        part, start = part + 1, end


def _read_text_file(path: Path, doc_id: str) -> Iterator[Document]:
    """Yield a text file as documents, reading at most ``MAX_DOCUMENT_CHARS``-sized parts."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
            if _is_binary(head):
                raise InputError(f"{str(path)!r} is a binary file, not text; remove it or pass text files only")
            size = path.stat().st_size
            if size <= MAX_DOCUMENT_CHARS:
                text = _decode(head + handle.read(), str(path))
                yield Document(id=doc_id, text=text, source=str(path))
                return
            handle.seek(0)
            yield from _read_large_text(handle, path, doc_id)
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror or error}") from None


def _read_large_text(handle: IO[bytes], path: Path, doc_id: str) -> Iterator[Document]:
    """Stream a big file in paragraph-aligned parts so memory stays bounded."""
    buffer: list[str] = []
    length, part, offset, warned = 0, 1, 0, False
    for raw in handle:
        try:
            line = raw.decode("utf-8-sig" if offset == 0 else "utf-8")
        except UnicodeDecodeError as error:
            if not warned:
                warnings.warn(
                    f"{path}: invalid UTF-8 at byte offset {offset + error.start}; undecodable bytes replaced with U+FFFD",
                    InputWarning,
                    stacklevel=2,
                )
                warned = True
            line = raw.decode("utf-8", errors="replace")
        if b"\x00" in raw:
            raise InputError(f"{str(path)!r} contains NUL bytes at offset {offset}; it is not a text file")
        offset += len(raw)
        buffer.append(line)
        length += len(line)
        if length >= MAX_DOCUMENT_CHARS and (not line.strip() or length >= 2 * MAX_DOCUMENT_CHARS):
            yield Document(id=f"{doc_id}#{part}", text="".join(buffer), source=str(path))
            buffer, length, part = [], 0, part + 1
    if buffer:
        yield Document(id=f"{doc_id}#{part}" if part > 1 else doc_id, text="".join(buffer), source=str(path))


def _read_jsonl(lines: Iterable[bytes], name: str, *, skip_bad: bool) -> Iterator[Document]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(_decode(raw, f"{name}:{number}"))
            if not isinstance(record, dict):
                raise ValueError(f"expected a JSON object, got {type(record).__name__}")
            text = record.get("text")
            if not isinstance(text, str):
                raise ValueError("missing string field 'text'")
            fields = {key: record.get(key) for key in ("title", "source", "date")}
            for key, value in fields.items():
                if value is not None and not isinstance(value, str):
                    raise ValueError(f"field {key!r} must be a string, got {value!r}")
            raw_id = record.get("id")
            doc_id = str(raw_id) if raw_id is not None else f"{Path(name).name}:{number}"
        except ValueError as error:  # json.JSONDecodeError is a ValueError
            message = f"{name}, line {number}: malformed JSONL record ({error})"
            if skip_bad:
                warnings.warn(message + "; skipped", InputWarning, stacklevel=2)
                continue
            raise InputError(message + "; fix the line or pass --skip-bad") from None
        document = Document(
            id=doc_id, text=text, source=fields["source"] or name, title=fields["title"], date=fields["date"]
        )
        yield from _split_long(document)


def _is_jsonl(path: Path) -> bool:
    return path.suffix.lower() in _JSONL_SUFFIXES


def _read_path(path: Path, doc_id: str, *, skip_bad: bool) -> Iterator[Document]:
    if _is_jsonl(path):
        try:
            with path.open("rb") as handle:
                yield from _read_jsonl(handle, str(path), skip_bad=skip_bad)
        except OSError as error:
            raise InputError(f"cannot read {str(path)!r}: {error.strerror or error}") from None
    else:
        yield from _read_text_file(path, doc_id)


def _folder_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def iter_documents(
    inputs: Iterable[str | Path], *, skip_bad: bool = False, stdin: IO[bytes] | None = None
) -> Iterator[Document]:
    """Yield the documents of every input, lazily, in a stable order.

    Inputs may be text files, folders (read recursively, sorted, hidden files skipped),
    JSONL files (one object per line with ``text`` and optional ``id``, ``title``,
    ``source``, ``date``) and ``"-"`` for standard input (text, or JSONL when every
    line is a JSON object). Binary files inside folders are skipped with a warning;
    named directly they raise ``InputError``.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Rubio met Lavrov.")
    >>> [d.id for d in iter_documents([folder])]
    ['a.txt']
    """
    for item in inputs:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
            lines = data.splitlines()
            if lines and all(line.strip().startswith(b"{") for line in lines if line.strip()):
                yield from _read_jsonl(lines, "<stdin>", skip_bad=skip_bad)
            else:
                if _is_binary(data[:_SNIFF_BYTES]):
                    raise InputError("standard input is binary, not text")
                yield from _split_long(Document(id="stdin", text=_decode(data, "<stdin>"), source="<stdin>"))
            continue
        path = Path(item)
        if path.is_dir():
            files = _folder_files(path)
            for file in files:
                doc_id = file.relative_to(path).as_posix()
                try:
                    yield from _read_path(file, doc_id, skip_bad=skip_bad)
                except InputError as error:
                    if "binary" in str(error) or "NUL" in str(error):
                        warnings.warn(f"{error}; skipped", InputWarning, stacklevel=2)
                        continue
                    raise
        elif path.is_file():
            yield from _read_path(path, path.name, skip_bad=skip_bad)
        elif path.exists():
            raise InputError(f"{str(path)!r} is neither a file nor a folder")
        else:
            raise InputError(f"input {str(path)!r} does not exist")


def read_documents(inputs: Iterable[str | Path], *, skip_bad: bool = False, stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """Like :func:`iter_documents`, but skips empty texts (with a warning) and raises
    ``EmptyInputError`` when no input holds any text.

    >>> import tempfile, pathlib
    >>> empty = pathlib.Path(tempfile.mkdtemp())
    >>> list(read_documents([empty]))
    Traceback (most recent call last):
    ...
    kgraph.errors.EmptyInputError: no text found in the inputs ['...']; give text files, folders of them, or JSONL with a 'text' field
    """
    inputs = list(inputs)
    found = False
    for document in iter_documents(inputs, skip_bad=skip_bad, stdin=stdin):
        if not document.text.strip():
            warnings.warn(f"document {document.id!r} ({document.source}) is empty; skipped", InputWarning, stacklevel=2)
            continue
        found = True
        yield document
    if not found:
        names = [str(i) for i in inputs]
        raise EmptyInputError(
            f"no text found in the inputs {names!r}; give text files, folders of them, or JSONL with a 'text' field"
        )
