"""Checks on SPARQL text and endpoint answers before they reach a query engine or kgraph's results.

A query nested thousands of levels deep overflows the query engine's stack (a segfault,
not an exception), and a ``SERVICE`` clause makes a local query send HTTP requests: both
are refused here, in one line. Endpoint answers are read as SPARQL JSON results or
refused in one line.
"""

from __future__ import annotations

__all__ = ["MAX_QUERY_DEPTH", "guard_query", "query_depth", "uses_service", "read_query_file", "read_results"]

import json
import re
from pathlib import Path
from typing import Any

from kgraph import safejson
from kgraph.errors import InputError, StoreError, UsageError

#: Deepest nesting of ``{``, ``(`` and ``[`` accepted in a query (real queries stay under 20).
MAX_QUERY_DEPTH = 100

# Strings (all four quote styles), IRIs and comments are skipped; brackets and SERVICE are tokens.
_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|#[^\n]*"
    r"|[{(\[]|[})\]]"
    r"|\bSERVICE\b",
    re.IGNORECASE | re.DOTALL,
)


def query_depth(sparql: str) -> int:
    """The deepest nesting of braces, parentheses and brackets in ``sparql`` (outside strings, IRIs and comments).

    >>> query_depth('SELECT * WHERE { ?s ?p "{{{" FILTER (?o > 1) }')
    2
    """
    depth = deepest = 0
    for match in _TOKENS.finditer(sparql):
        token = match.group()
        if token in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "})]":
            depth = max(depth - 1, 0)
    return deepest


def uses_service(sparql: str) -> bool:
    """True when ``sparql`` has a ``SERVICE`` clause (not merely the word in a string, an IRI or a comment).

    >>> uses_service("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    False
    """
    return any(match.group().upper() == "SERVICE" for match in _TOKENS.finditer(sparql))


def guard_query(sparql: str, *, allow_service: bool = False, max_depth: int = MAX_QUERY_DEPTH) -> str:
    """``sparql`` unchanged when it is safe to run locally; else a one-line ``UsageError``.

    >>> guard_query("SELECT * WHERE " + "{" * 3000 + "}" * 3000)
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: SPARQL query nested 3000 levels deep; at most 100 are accepted
    >>> guard_query("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: SPARQL SERVICE clauses are refused: they send HTTP requests...
    """
    depth = query_depth(sparql)
    if depth > max_depth:
        raise UsageError(f"SPARQL query nested {depth} levels deep; at most {max_depth} are accepted")
    if not allow_service and uses_service(sparql):
        raise UsageError(
            "SPARQL SERVICE clauses are refused: they send HTTP requests to other servers; "
            "pass --allow-service (API: allow_service=True) to allow them"
        )
    return sparql


def read_query_file(path: str | Path) -> str:
    """The text of a query file (``kgraph query TARGET @FILE``), which must be UTF-8.

    >>> read_query_file("/no/such/query.rq")
    Traceback (most recent call last):
    ...
    kgraph.errors.InputError: query file '/no/such/query.rq' does not exist
    """
    source = Path(path)
    if not source.is_file():
        raise InputError(f"query file {str(source)!r} does not exist")
    try:
        return source.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"query file {str(source)!r} is not UTF-8 (invalid byte at offset {error.start}); convert it to UTF-8"
        ) from None
    except OSError as error:
        raise InputError(f"cannot read query file {str(source)!r}: {error.strerror or error}") from None


def _binding_value(binding: Any, variable: str) -> str | None:
    cell = binding.get(variable)
    if cell is None:
        return None
    value = cell["value"]
    if not isinstance(value, str):
        raise TypeError(f"value of {variable!r} is not a string")
    return value


def read_results(body: bytes, url: str) -> tuple[tuple[str, ...], tuple[tuple[str | None, ...], ...]]:
    """Variables and rows of a SPARQL JSON results answer; ``StoreError`` in one line when it is not one.

    >>> read_results(b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": {"value": "a"}}]}}', "u")
    (('x',), (('a',),))
    >>> read_results(b'{"boolean": true}', "u")
    (('ask',), (('true',),))
    >>> read_results(b'{"head": 1}', "http://example.org/sparql")
    Traceback (most recent call last):
    ...
    kgraph.errors.StoreError: 'http://example.org/sparql' did not answer with SPARQL JSON results \
('int' object is not subscriptable): '{"head": 1}'
    """
    try:
        payload = safejson.loads(body)
        if "boolean" in payload:
            return ("ask",), (("true" if payload["boolean"] else "false",),)
        variables = tuple(payload["head"]["vars"])
        if not all(isinstance(v, str) for v in variables):
            raise TypeError("variable names are not strings")
        rows = tuple(tuple(_binding_value(binding, v) for v in variables) for binding in payload["results"]["bindings"])
    except (ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError, RecursionError) as error:
        shown = " ".join(body[:200].decode("utf-8", "replace").split())
        raise StoreError(f"{url!r} did not answer with SPARQL JSON results ({error}): {shown!r}") from None
    return variables, rows
