"""Reading untrusted input: encodings, binary files, JSONL, folders, stdin, big files in bounded memory."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from kgraph.errors import BinaryInputError, EmptyInputError, InputError
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType
from kgraph.sources import (
    MAX_DOCUMENT_CHARS,
    InputWarning,
    clean_records,
    clean_text,
    iter_documents,
    plan_inputs,
    read_documents,
    split_text,
)

PARAGRAPH = "The foreign minister of Norland met the envoy of Sudria in Vell on Monday.\n\n"


def _read(*inputs: str | Path, **options: object) -> list:
    return list(read_documents(list(inputs), **options))  # type: ignore[arg-type]


def test_text_file_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH, encoding="utf-8")
    [document] = _read(tmp_path / "a.txt")
    assert (document.id, document.text, document.source) == ("a.txt", PARAGRAPH, "a.txt")  # no local folder
    [document] = _read(tmp_path / "a.txt", full_paths=True)
    assert document.source == str((tmp_path / "a.txt").resolve())


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PARAGRAPH.encode())
    assert _read(tmp_path / "bom.txt")[0].text == PARAGRAPH


def test_invalid_utf8_is_replaced_with_a_warning_naming_file_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Minister Müller met the envoy.".encode("latin-1"))
    with pytest.warns(InputWarning, match=r"latin\.txt: invalid UTF-8 at byte offset 10\b"):
        [document] = _read(path)
    assert document.text == "Minister M\ufffdller met the envoy."


def test_invalid_utf8_offset_is_exact_across_chunks(tmp_path: Path) -> None:
    """A bad byte deep in a big file is reported at its true offset; a multi-byte
    character split across read chunks is not mistaken for a bad one."""
    good = ("é" * 700_001).encode()  # 1.4 MB of 2-byte characters: chunks end mid-character
    path = tmp_path / "big.txt"
    path.write_bytes(good + b"\xff tail")
    with pytest.warns(InputWarning) as caught:
        text = "".join(d.text for d in _read(path))
    messages = [str(w.message) for w in caught if issubclass(w.category, InputWarning)]
    assert messages == [f"{path}: invalid UTF-8 at byte offset {len(good)}; undecodable bytes replaced with U+FFFD"]
    assert text == "é" * 700_001 + "\ufffd tail"


def test_binary_file_named_directly_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "image.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(BinaryInputError, match=r"image\.png.*NUL byte at offset 8"):
        _read(path)


def test_random_bytes_without_nul_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "noise.dat"
    path.write_bytes(bytes((i * 131 + 7) % 255 + 1 for i in range(20_000)))
    with pytest.raises(BinaryInputError, match="mostly not UTF-8"):
        _read(path)


def test_binary_file_in_a_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.warns(InputWarning, match=r"b\.bin.*skipped"):
        assert [d.id for d in _read(tmp_path)] == ["a.txt"]


def test_missing_path_and_folder_without_text(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"input '.*nope\.txt' does not exist"):
        _read(tmp_path / "nope.txt")
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden.txt").write_text(PARAGRAPH)
    with pytest.raises(EmptyInputError, match="no text found"):
        _read(tmp_path / "empty")


def test_missing_input_is_reported_before_any_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH)
    with pytest.raises(InputError, match="missing"):
        iter_documents([tmp_path / "a.txt", tmp_path / "missing.txt"])  # raises on the call, not on reading
    (tmp_path / "b.bin").write_bytes(b"\x00" * 10)
    with pytest.raises(BinaryInputError):
        read_documents([tmp_path / "a.txt", tmp_path / "b.bin"])


def test_empty_documents_are_skipped_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text(" \n\t\n")
    (tmp_path / "full.txt").write_text(PARAGRAPH)
    with pytest.warns(InputWarning, match=r"'empty\.txt'.*is empty; skipped"):
        assert [d.id for d in _read(tmp_path)] == ["full.txt"]


def test_malformed_jsonl_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "n1", "text": PARAGRAPH}),
        '{"id": "n2", "text": ',
        json.dumps(["not", "an object"]),
        json.dumps({"id": "n4", "text": 7}),
        json.dumps({"id": "n5", "text": "Fine again."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"news\.jsonl, line 2: malformed JSONL record .*--skip-bad"):
        _read(path)
    with pytest.warns(InputWarning) as caught:
        assert [d.id for d in _read(path, skip_bad=True)] == ["n1", "n5"]
    skipped = sorted(str(w.message).split(":")[0] for w in caught)
    assert skipped == [f"{path}, line 2", f"{path}, line 3", f"{path}, line 4"]


def test_jsonl_with_invalid_utf8_in_a_line_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Caf\xe9 talks."}\n')
    with pytest.warns(InputWarning, match=r"news\.jsonl:1: invalid UTF-8 at byte offset 24"):
        assert _read(path)[0].text == "Caf\ufffd talks."


def test_same_file_name_in_two_folders_gets_two_ids_whatever_the_order(tmp_path: Path) -> None:
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(f"{folder} {PARAGRAPH}")
    forward = {d.id for d in _read(tmp_path / "east" / "report.txt", tmp_path / "west" / "report.txt")}
    backward = {d.id for d in _read(tmp_path / "west" / "report.txt", tmp_path / "east" / "report.txt")}
    assert forward == backward and len(forward) == 2
    with pytest.warns(InputWarning, match="more than once"):
        assert len(plan_inputs([tmp_path / "east", tmp_path / "east" / "report.txt"])) == 1


def test_folder_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PARAGRAPH)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [d.id for d in _read(tmp_path)] == ["a.txt"]


def test_stdin_text_and_jsonl() -> None:
    assert [d.id for d in _read("-", stdin=io.BytesIO(PARAGRAPH.encode()))] == ["stdin"]
    jsonl = b'\n{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    assert [d.id for d in _read("-", stdin=io.BytesIO(jsonl))] == ["s1", "s2"]


def test_split_text_cuts_at_paragraphs_and_keeps_every_character() -> None:
    text = PARAGRAPH * 100
    parts = list(split_text(iter([text[i : i + 997] for i in range(0, len(text), 997)]), limit=2_000))
    assert "".join(parts) == text
    assert all(len(p) <= 2_000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])


def test_text_without_any_break_is_still_split() -> None:
    parts = list(split_text(["x" * 5_001], limit=1_000))
    assert [len(p) for p in parts] == [1_000] * 5 + [1]


def test_long_document_parts_are_named_in_order(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(PARAGRAPH * (MAX_DOCUMENT_CHARS // len(PARAGRAPH) * 2 + 5))
    documents = _read(path)
    assert [d.id for d in documents] == ["long.txt#1", "long.txt#2", "long.txt#3"]
    assert "".join(d.text for d in documents) == path.read_text()


def test_a_50_mb_file_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """Stream a 50 MB file (one without any line break, the worst case) through the
    reader in a fresh process and check its peak RSS grows by far less than the file."""
    path = tmp_path / "huge.txt"
    block = ("Officials met in the capital and talked about trade. " * 20_000).encode()  # ~1 MB, no newline
    with path.open("wb") as handle:
        for _ in range(50):
            handle.write(block)
    size = path.stat().st_size
    assert size >= 50_000_000
    script = textwrap.dedent(
        f"""
        import tracemalloc
        from kgraph.sources import read_documents
        tracemalloc.start()
        parts = chars = 0
        for document in read_documents([{str(path)!r}]):
            parts += 1
            chars += len(document.text)
            assert len(document.text) <= {MAX_DOCUMENT_CHARS}
        _, peak = tracemalloc.get_traced_memory()
        print(parts, chars, peak)
        """
    )
    # tracemalloc counts every byte Python allocates, so the peak is exact and repeatable
    # (process RSS is not: it depends on the allocator and on what else the machine runs).
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    parts, chars, peak_bytes = map(int, result.stdout.split())
    assert chars == size and parts >= size // MAX_DOCUMENT_CHARS
    assert peak_bytes < 20_000_000, f"reading a {size // 1_000_000} MB file peaked at {peak_bytes} bytes"


def test_a_huge_jsonl_line_is_rejected_without_reading_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kgraph.sources as sources

    monkeypatch.setattr(sources, "MAX_JSONL_LINE_BYTES", 1_000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 5_000}) + "\n" + json.dumps({"id": "ok", "text": "Fine."}) + "\n")
    with pytest.raises(InputError, match=r"line 1: malformed JSONL record \(line longer than 1000 bytes\)"):
        _read(path)
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert [d.id for d in _read(path, skip_bad=True)] == ["ok"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Alda\x00Venn", "Alda Venn"),
        ("a\x1b[31mb", "a [31mb"),
        ("line\r\nnext\rlast", "line\n\nnext\nlast"),
        ("lone \ud800 and \udfff", "lone \ufffd and \ufffd"),
        ("non\ufffe\uffff\ufdd0", "non\ufffd\ufffd\ufffd"),
        ('kept: \t\n \u202e RTL \U0001f600 "q" \\ <script>', 'kept: \t\n \u202e RTL \U0001f600 "q" \\ <script>'),
    ],
)
def test_clean_text_replaces_one_for_one(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean and len(clean) == len(raw)
    clean.encode("utf-8")


def test_clean_records_cleans_every_string_and_leaves_the_input() -> None:
    bad = EntityRef(EntityType.PERSON, "Venn\x00\ud800")
    records = DocumentRecords(
        Document("d\x01", "t\x02", source="s\x03", title="\ufffe", date="\x04"),
        entities=[Entity(bad.name, bad.type, aliases=frozenset({"V\x05"}))],
        relations=[Relation(bad, RelationType.ACCUSES, bad, evidence="e\x06", trigger="t\x07", confidence=0.5)],
    )
    cleaned = clean_records(records)
    strings = [
        cleaned.document.id,
        cleaned.document.text,
        cleaned.document.source,
        cleaned.document.title,
        cleaned.document.date,
        cleaned.entities[0].name,
        *cleaned.entities[0].aliases,
        cleaned.relations[0].subject.name,
        cleaned.relations[0].evidence,
        cleaned.relations[0].trigger,
    ]
    assert all(s is not None and clean_text(s) == s for s in strings)
    assert records.entities[0].name == "Venn\x00\ud800"


def test_jsonl_escapes_cannot_smuggle_unsafe_characters(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "x\\u0000", "text": "Okoro\\ud800 met\\u0000Venn.", "title": "\\uffff"}\n')
    [document] = _read(path)
    assert (document.id, document.text, document.title) == ("x ", "Okoro\ufffd met Venn.", "\ufffd")
