"""One reader for kgraph's JSONL dictionaries and gold files, with one error format: ``file:line: message``.

Document inputs (``kgraph build feed.jsonl``) go through ``kgraph.sources``, which streams bytes with
bounded memory; everything else that is JSONL (the built-in gazetteer and lexicon, user actor
dictionaries and lexicons, gold sets) is read here.

>>> import tempfile, os
>>> with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
...     _ = f.write('{"name": "A"}\\n\\n# a comment\\n[1]\\n')
>>> lines = read_jsonl(f.name, what="actor dictionary", comments=True)
>>> first = next(lines)
>>> first.record, first.where == f"{f.name}:1"
({'name': 'A'}, True)
>>> next(lines)
Traceback (most recent call last):
...
kgraph.errors.DictionaryError: ...:4: expected a JSON object, got list
>>> os.unlink(f.name)
"""

from __future__ import annotations

__all__ = ["JsonlLine", "read_jsonl"]

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from kgraph import safejson
from kgraph.errors import DictionaryError, KGraphError


@dataclass(frozen=True, slots=True)
class JsonlLine:
    """One JSON object of a JSONL file and where it came from (``file:line``)."""

    where: str
    record: dict[str, Any]
    error: type[KGraphError] = DictionaryError

    def fail(self, message: str) -> NoReturn:
        """Raise the file's error class as ``file:line: message``."""
        raise self.error(f"{self.where}: {message}")


def read_jsonl(
    path: str | Path,
    *,
    what: str,
    error: type[KGraphError] = DictionaryError,
    comments: bool = False,
) -> Iterator[JsonlLine]:
    """Yield every JSON object of the JSONL file ``path``, skipping blank lines (and ``#`` lines
    when ``comments``); ``error`` is raised as ``file:line: message`` for a line that is not a JSON
    object, and as ``file: cannot read the WHAT: reason`` when the file cannot be read."""
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(f"{source}: cannot read the {what}: {problem}") from None
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or (comments and stripped.startswith("#")):
            continue
        where = f"{source}:{number}"
        try:
            record = safejson.loads(line)  # a deep line is a JSONDecodeError, never a stack overflow
        except (json.JSONDecodeError, RecursionError) as problem:
            reason = problem.msg if isinstance(problem, json.JSONDecodeError) else "nested too deeply"
            raise error(f"{where}: not valid JSON ({reason}): {stripped[:80]!r}") from None
        if not isinstance(record, dict):
            raise error(f"{where}: expected a JSON object, got {type(record).__name__}")
        yield JsonlLine(where, record, error)
