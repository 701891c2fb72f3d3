"""Read text sources (files, folders, JSONL, stdin) lazily into ``Document`` records.

Input text is untrusted. Reading is streamed in fixed-size chunks, so memory stays
bounded whatever the file: texts longer than ``MAX_DOCUMENT_CHARS`` become parts
``id#1``, ``id#2``, ... cut at paragraph breaks, and JSONL lines longer than
``MAX_JSONL_LINE_BYTES`` are rejected. Invalid UTF-8 is replaced (U+FFFD) with a
warning naming the file and byte offset; NUL bytes mark a binary file.
"""

from __future__ import annotations

__all__ = [
    "iter_documents",
    "read_documents",
    "plan_inputs",
    "split_text",
    "clean_text",
    "clean_document",
    "clean_records",
    "InputWarning",
    "InputFile",
    "MAX_DOCUMENT_CHARS",
    "MAX_JSONL_LINE_BYTES",
]

import itertools
import os
import re
import sys
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from kgraph import safejson
from kgraph.errors import BinaryInputError, EmptyInputError, InputError
from kgraph.model import Document, DocumentRecords, EntityRef

#: Texts longer than this are split at paragraph (else line, sentence, word) breaks into parts
#: ``id#N``: spaCy's memory and kgraph's per-document steps grow faster than linearly with a
#: document's length, and news articles are almost always shorter than this.
MAX_DOCUMENT_CHARS = 10_000
#: A JSONL line longer than this (bytes) is a malformed record; it is never held in memory whole.
MAX_JSONL_LINE_BYTES = 64 * 1024 * 1024
_CHUNK_BYTES = 256 * 1024
_JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_BOM = b"\xef\xbb\xbf"
_STDIN = "-"
_MAX_BAD_SHARE = 0.2  # more U+FFFD than this in the first chunk: not text


class InputWarning(UserWarning):
    """A recoverable problem with one input (bad bytes, an empty file, a skipped line)."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One file to read, with the document id it gets (unique within a run)."""

    path: Path
    doc_id: str
    in_folder: bool = False

    @property
    def jsonl(self) -> bool:
        return self.path.suffix.lower() in _JSONL_SUFFIXES


# ---------------------------------------------------------------------------- cleaning
# Characters no output can carry: C0 controls other than tab and newline (not allowed in
# XML 1.0; a lone CR splits CSV rows for some readers), lone surrogates (not encodable in UTF-8) and the noncharacters
# U+FFFE/U+FFFF/U+FDD0..U+FDEF (rejected by RDF parsers such as raptor).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f]")
_CONTROL_MAP = {code: " " for code in (*range(0x00, 0x09), *range(0x0B, 0x20))} | {0x0D: "\n"}
_UNENCODABLE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def clean_text(text: str) -> str:
    r"""``text`` with the characters no output format can carry replaced one for one.

    Control characters become spaces, and a carriage return a line feed (a lone CR
    ends a line for some readers and not others); lone surrogates and noncharacters
    become U+FFFD. Lengths and character offsets are kept, so evidence spans still match.

    >>> clean_text("Alda\x00Venn \ud800 met\x0bOkoro\ufffe\r\n") == "Alda Venn \ufffd met Okoro\ufffd\n\n"
    True
    """
    if _CONTROLS.search(text):
        text = text.translate(_CONTROL_MAP)
    if _UNENCODABLE.search(text):
        text = _UNENCODABLE.sub("\ufffd", text)
    return text


def _clean_optional(text: str | None) -> str | None:
    return None if text is None else clean_text(text)


def _clean_ref(ref: EntityRef) -> EntityRef:
    name = clean_text(ref.name)
    return ref if name == ref.name else EntityRef(ref.type, name)


def clean_document(document: Document) -> Document:
    r"""``document`` with :func:`clean_text` applied to every field.

    >>> clean_document(Document("a\x01", "Hi\x00.")).text
    'Hi .'
    """
    fields = {
        "id": document.id,
        "text": document.text,
        "source": document.source,
        "title": document.title,
        "date": document.date,
    }
    cleaned = {key: _clean_optional(value) for key, value in fields.items()}
    return document if cleaned == fields else Document(**cleaned)  # type: ignore[arg-type]


def clean_records(records: DocumentRecords) -> DocumentRecords:
    r"""``records`` with every string cleaned (see :func:`clean_text`); the input is not changed.

    Records from the pipeline over text read by kgraph are clean already; this guards
    records built by hand or from other sources, and names from user dictionaries.

    >>> from kgraph.model import Entity, EntityType
    >>> records = DocumentRecords(Document("d", "x"), entities=[Entity("A\x1bB", EntityType.PERSON)])
    >>> clean_records(records).entities[0].name
    'A B'
    """
    return DocumentRecords(
        document=clean_document(records.document),
        entities=[
            replace(e, name=clean_text(e.name), aliases=frozenset(clean_text(a) for a in e.aliases))
            for e in records.entities
        ],
        mentions=[replace(m, entity=_clean_ref(m.entity), text=clean_text(m.text)) for m in records.mentions],
        relations=[
            replace(
                r,
                subject=_clean_ref(r.subject),
                object=_clean_ref(r.object),
                evidence=clean_text(r.evidence),
                trigger=clean_text(r.trigger),
                speaker=_clean_ref(r.speaker) if r.speaker else None,
                date=_clean_optional(r.date),
                date_text=_clean_optional(r.date_text),
            )
            for r in records.relations
        ],
        statements=[
            replace(
                s,
                speaker=_clean_ref(s.speaker),
                content=clean_text(s.content),
                trigger=clean_text(s.trigger),
                evidence=clean_text(s.evidence),
                addressee=_clean_ref(s.addressee) if s.addressee else None,
                about=tuple(_clean_ref(a) for a in s.about),
                date=_clean_optional(s.date),
            )
            for s in records.statements
        ],
        words=records.words,
    )


# ---------------------------------------------------------------------------- planning
def _folder_files(folder: Path) -> list[Path]:
    """Regular files under ``folder``, sorted; hidden entries skipped, symlinked folders not followed."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            path = Path(root) / name
            if not name.startswith(".") and path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def plan_inputs(inputs: Iterable[str | Path]) -> list[InputFile | str]:
    """Resolve inputs to the files to read (``"-"`` stays for stdin), checking they exist.

    Document ids are file names (or paths inside a folder); when two inputs would get
    the same id, both get the path as given instead, so ids never depend on the order
    of the inputs. A file given twice is read once.

    >>> import tempfile, pathlib
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for folder in ("a", "b"):
    ...     (root / folder).mkdir()
    ...     _ = (root / folder / "x.txt").write_text("Hi.")
    >>> [f.doc_id[-7:] for f in plan_inputs([root / "b" / "x.txt", root / "a" / "x.txt"])]
    ['b/x.txt', 'a/x.txt']
    """
    planned: list[InputFile | str] = []
    for item in inputs:
        if str(item) == _STDIN:
            planned.append(_STDIN)
            continue
        path = Path(item)
        if path.is_dir():
            planned.extend(InputFile(f, f.relative_to(path).as_posix(), True) for f in _folder_files(path))
        elif path.is_file():
            planned.append(InputFile(path, path.name))
        elif path.exists():
            raise InputError(f"{str(path)!r} is neither a file nor a folder")
        else:
            raise InputError(f"input {str(path)!r} does not exist")
    seen: set[Path] = set()
    unique: list[InputFile | str] = []
    for entry in planned:
        if isinstance(entry, InputFile):
            real = entry.path.resolve()
            if real in seen:
                warnings.warn(f"{str(entry.path)!r} is given more than once; read once", InputWarning, stacklevel=2)
                continue
            seen.add(real)
        unique.append(entry)
    counts = Counter(e.doc_id for e in unique if isinstance(e, InputFile))
    return [
        InputFile(e.path, e.path.as_posix(), e.in_folder) if isinstance(e, InputFile) and counts[e.doc_id] > 1 else e
        for e in unique
    ]


# ---------------------------------------------------------------------------- decoding
def _complete_prefix(data: bytes) -> int:
    """Length of ``data`` without a trailing, incomplete UTF-8 sequence."""
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte < 0x80:
            return len(data)
        if byte >= 0xC0:
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return len(data) - back if back < need else len(data)
    return len(data)


def _decode_chunks(chunks: Iterable[bytes], name: str) -> Iterator[str]:
    """Decode a byte stream as UTF-8, chunk by chunk, in bounded memory.

    Undecodable bytes become U+FFFD; the first one is reported with its byte offset.
    A NUL byte raises ``BinaryInputError``.
    """
    offset, pending, warned, first = 0, b"", False, True
    for chunk in itertools.chain(chunks, [b""]):
        final = not chunk
        if b"\x00" in chunk:
            at = offset + len(pending) + chunk.index(b"\x00")
            raise BinaryInputError(f"{name!r} holds a NUL byte at offset {at}: it is a binary file, not text")
        data = pending + chunk
        if first and (len(data) >= len(_BOM) or final):
            first = False
            if data.startswith(_BOM):
                data, offset = data[len(_BOM) :], offset + len(_BOM)
        elif first:
            pending = data
            continue
        cut = len(data) if final else _complete_prefix(data)
        head, pending = data[:cut], data[cut:]
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            text = head.decode("utf-8", errors="replace")
            if offset < _CHUNK_BYTES and text.count("\ufffd") > _MAX_BAD_SHARE * max(len(text), 1):
                raise BinaryInputError(
                    f"{name!r} is mostly not UTF-8 (invalid bytes from offset {offset + error.start}): "
                    "it is a binary file or in another encoding; convert it to UTF-8"
                ) from None
            if not warned:
                warnings.warn(
                    f"{name}: invalid UTF-8 at byte offset {offset + error.start}; "
                    "undecodable bytes replaced with U+FFFD",
                    InputWarning,
                    stacklevel=4,
                )
                warned = True
        offset += cut
        if text:
            yield text


def _cut_point(text: str, limit: int) -> int:
    """Where to end a part of at most ``limit`` characters: a paragraph, line, sentence or word end."""
    low = limit // 2
    for separator in ("\n\n", "\n", ". ", " "):
        at = text.rfind(separator, low, limit)
        if at != -1:
            return at + len(separator)
    return limit


def split_text(pieces: Iterable[str], limit: int = MAX_DOCUMENT_CHARS) -> Iterator[str]:
    """Join ``pieces`` of text and yield parts of at most ``limit`` characters, holding
    at most about ``limit`` plus one piece in memory.

    >>> [len(part) for part in split_text(["aaaa bbbb\\n\\ncccc dddd"], limit=12)]
    [11, 9]
    >>> list(split_text(["short"]))
    ['short']
    """
    buffer = ""
    for piece in pieces:
        buffer += piece
        while len(buffer) > limit:
            cut = _cut_point(buffer, limit)
            yield buffer[:cut]
            buffer = buffer[cut:]
    yield buffer


def _documents(parts: Iterator[str], doc_id: str, **meta: str | None) -> Iterator[Document]:
    """Name the parts of one text: ``doc_id`` alone, or ``doc_id#1``, ``doc_id#2``, ..."""
    first = next(parts, "")
    second = next(parts, None)
    if second is None:
        yield Document(id=doc_id, text=first, **meta)
        return
    yield Document(id=f"{doc_id}#1", text=first, **meta)
    for number, text in enumerate(itertools.chain([second], parts), start=2):
        if text.strip():
            yield Document(id=f"{doc_id}#{number}", text=text, **meta)


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    return iter(lambda: handle.read(_CHUNK_BYTES), b"")


# ---------------------------------------------------------------------------- JSONL
def _lines(handle: IO[bytes]) -> Iterator[bytes | None]:
    """Lines of ``handle``; ``None`` stands for a line over ``MAX_JSONL_LINE_BYTES`` (skipped unread)."""
    while raw := handle.readline(MAX_JSONL_LINE_BYTES + 1):
        if len(raw) > MAX_JSONL_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(_CHUNK_BYTES)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield raw


def _record(raw: bytes | None, name: str, number: int) -> Document:
    """One JSONL line as a ``Document``; ``ValueError`` says what is wrong with it."""
    if raw is None:
        raise ValueError(f"line longer than {MAX_JSONL_LINE_BYTES} bytes")
    text_line = "".join(_decode_chunks([raw], f"{name}:{number}"))
    record = safejson.loads(text_line)
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
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        raise ValueError(f"field 'id' must be a string or an integer, got {raw_id!r}")
    doc_id = str(raw_id) if raw_id is not None else f"{Path(name).name}:{number}"
    return Document(id=doc_id, text=text, source=fields["source"] or name, title=fields["title"], date=fields["date"])


def _read_jsonl(lines: Iterable[bytes | None], name: str, *, skip_bad: bool) -> Iterator[Document]:
    for number, raw in enumerate(lines, start=1):
        if raw is not None and not raw.strip():
            continue
        try:
            document = _record(raw, name, number)
        except (ValueError, BinaryInputError) as error:  # json.JSONDecodeError is a ValueError
            message = f"{name}, line {number}: malformed JSONL record ({error})"
            if skip_bad:
                warnings.warn(message + "; skipped", InputWarning, stacklevel=2)
                continue
            raise InputError(message + "; fix the line or pass --skip-bad") from None
        meta = {"source": document.source, "title": document.title, "date": document.date}
        yield from _documents(split_text([document.text]), document.id, **meta)


# ---------------------------------------------------------------------------- files and stdin
def _source(entry: InputFile, full_paths: bool) -> str:
    """``dcterms:source`` of a file: its path relative to the input argument (a file's name), so no
    local folder leaks into the graph; the absolute path only when asked for.

    >>> _source(InputFile(Path("/home/me/news/a/x.txt"), "a/x.txt", True), False)
    'a/x.txt'
    >>> _source(InputFile(Path("/home/me/news/x.txt"), "/home/me/news/x.txt"), False)
    'x.txt'
    """
    if full_paths:
        return str(entry.path.resolve())
    return entry.path.name if Path(entry.doc_id).is_absolute() else entry.doc_id


def _read_file(entry: InputFile, *, skip_bad: bool, full_paths: bool = False) -> Iterator[Document]:
    name = str(entry.path)
    try:
        with entry.path.open("rb") as handle:
            if entry.jsonl:
                yield from _read_jsonl(_lines(handle), name, skip_bad=skip_bad)
            else:
                parts = split_text(_decode_chunks(_chunks(handle), name))
                yield from _documents(parts, entry.doc_id, source=_source(entry, full_paths))
    except OSError as error:
        raise InputError(f"cannot read {name!r}: {error.strerror or error}") from None


def _read_stdin(stream: IO[bytes], *, skip_bad: bool) -> Iterator[Document]:
    """Standard input: JSONL when its first non-blank line starts with ``{``, else text."""
    head: list[bytes | None] = []
    for line in _lines(stream):
        head.append(line)
        if line is None or line.strip():
            break
    first = next((line for line in head if line is None or line.strip()), b"")
    if first is None or first.lstrip().startswith(b"{"):
        yield from _read_jsonl(itertools.chain(head, _lines(stream)), "<stdin>", skip_bad=skip_bad)
        return
    chunks = itertools.chain((line for line in head if line is not None), _chunks(stream))
    yield from _documents(split_text(_decode_chunks(chunks, "<stdin>")), "stdin", source="<stdin>")


def iter_documents(
    inputs: Iterable[str | Path], *, skip_bad: bool = False, stdin: IO[bytes] | None = None, full_paths: bool = False
) -> Iterator[Document]:
    """Yield the documents of every input, lazily, in a stable order.

    Inputs may be text files, folders (read recursively, sorted, hidden files skipped),
    JSONL files (one object per line with ``text`` and optional ``id``, ``title``,
    ``source``, ``date``) and ``"-"`` for standard input (JSONL when its first line is a
    JSON object, else text). Binary files inside folders are skipped with a warning;
    named directly they raise ``BinaryInputError``. Every input is checked to exist
    (and a file named directly, not to be binary) when this is called, before any
    document is read. A text file's ``source`` is its path relative to the input argument
    (``full_paths``: its absolute path).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Rubio met Lavrov.")
    >>> [d.id for d in iter_documents([folder])]
    ['a.txt']
    """
    plan = plan_inputs(inputs)
    for entry in plan:
        if isinstance(entry, InputFile) and not entry.in_folder and not entry.jsonl:
            _sniff(entry.path)
    return _iter_planned(plan, skip_bad=skip_bad, stdin=stdin, full_paths=full_paths)


def _sniff(path: Path) -> None:
    """Fail early on a file named directly that is binary (a NUL byte in its first chunk)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_CHUNK_BYTES)
    except OSError as error:
        raise InputError(f"cannot read {str(path)!r}: {error.strerror or error}") from None
    with warnings.catch_warnings():  # bad bytes are reported once, when the file is read
        warnings.simplefilter("ignore", InputWarning)
        for _ in _decode_chunks([head[: _complete_prefix(head)]], str(path)):
            pass


def _iter_planned(
    plan: list[InputFile | str], *, skip_bad: bool, stdin: IO[bytes] | None, full_paths: bool = False
) -> Iterator[Document]:
    for document in _iter_raw(plan, skip_bad=skip_bad, stdin=stdin, full_paths=full_paths):
        yield clean_document(document)


def _iter_raw(
    plan: list[InputFile | str], *, skip_bad: bool, stdin: IO[bytes] | None, full_paths: bool = False
) -> Iterator[Document]:
    for entry in plan:
        if isinstance(entry, str):
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer, skip_bad=skip_bad)
        elif entry.in_folder:
            try:
                yield from _read_file(entry, skip_bad=skip_bad, full_paths=full_paths)
            except BinaryInputError as error:
                warnings.warn(f"{error}; skipped", InputWarning, stacklevel=2)
        else:
            yield from _read_file(entry, skip_bad=skip_bad, full_paths=full_paths)


def read_documents(
    inputs: Iterable[str | Path], *, skip_bad: bool = False, stdin: IO[bytes] | None = None, full_paths: bool = False
) -> Iterator[Document]:
    """Like :func:`iter_documents`, but skips empty texts (with a warning), warns about
    repeated document ids, and raises ``EmptyInputError`` when no input holds any text.

    >>> import tempfile, pathlib
    >>> empty = pathlib.Path(tempfile.mkdtemp())
    >>> list(read_documents([empty]))  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    kgraph.errors.EmptyInputError: no text found in the inputs [...]
    """
    inputs = list(inputs)
    documents = iter_documents(inputs, skip_bad=skip_bad, stdin=stdin, full_paths=full_paths)
    return _read_nonempty(documents, [str(i) for i in inputs])


def _read_nonempty(documents: Iterator[Document], names: list[str]) -> Iterator[Document]:
    found = False
    seen: set[str] = set()
    for document in documents:
        if not document.text.strip():
            warnings.warn(
                f"document {document.id!r} ({document.source!r}) is empty; skipped", InputWarning, stacklevel=2
            )
            continue
        if document.id in seen:
            warnings.warn(
                f"document id {document.id!r} ({document.source!r}) is used more than once; "
                "its records are merged into one document",
                InputWarning,
                stacklevel=2,
            )
        seen.add(document.id)
        found = True
        yield document
    if not found:
        raise EmptyInputError(
            f"no text found in the inputs {names!r}; give text files, folders of them, or JSONL with a 'text' field"
        )
