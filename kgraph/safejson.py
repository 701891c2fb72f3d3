"""JSON from untrusted text with a nesting limit: a deep line is a ``JSONDecodeError``, never a ``RecursionError``."""

from __future__ import annotations

__all__ = ["MAX_JSON_DEPTH", "json_depth", "loads"]

import json
import re
from typing import Any

#: Deepest nesting of arrays and objects accepted in one JSON value (kgraph's records need 3).
MAX_JSON_DEPTH = 64

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """The nesting depth of ``text`` (brackets inside strings do not count), or the
    position where it first exceeds ``limit``, negated minus one.

    >>> json_depth('{"a": [1, "]]]"]}')
    2
    >>> json_depth("[[[]]]", limit=2)
    -3
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return -match.start() - 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def loads(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that refuses values nested deeper than ``max_depth`` with a ``JSONDecodeError``.

    >>> loads('{"id": "a", "text": "Hi."}')
    {'id': 'a', 'text': 'Hi.'}
    >>> loads("[" * 1000 + "]" * 1000)
    Traceback (most recent call last):
    ...
    json.decoder.JSONDecodeError: nested deeper than 64 levels: line 1 column 65 (char 64)
    """
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8")
    depth = json_depth(text, max_depth)
    if depth < 0:
        raise json.JSONDecodeError(f"nested deeper than {max_depth} levels", text, -depth - 1)
    try:
        return json.loads(text)
    except RecursionError:  # only reachable with a very low recursion limit
        raise json.JSONDecodeError("nested too deeply", text, 0) from None
