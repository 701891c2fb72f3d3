"""Triple stores and SPARQL: an embedded Oxigraph store, SPARQL 1.1 endpoints, in-memory graphs."""

from __future__ import annotations

__all__ = [
    "QueryResult",
    "is_store",
    "open_store",
    "to_oxigraph_quads",
    "add_graph",
    "stored_documents",
    "store_to_graph",
    "query_graph",
    "memory_store",
    "query_store",
    "query_endpoint",
    "query_target",
    "upload_graph",
]

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from kgraph.errors import InputError, KGraphError, StoreError
from kgraph.ontology import KG
from kgraph.sparql_guard import check_query, read_results

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph

_SPARQL_RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SPARQL SELECT result: variable names and rows of strings (``None`` when unbound).

    >>> r = QueryResult(("a",), (("x",),))
    >>> r.records()
    [{'a': 'x'}]
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]

    def records(self) -> list[dict[str, str]]:
        """Rows as ``{variable: value}`` dicts without the unbound variables."""
        return [{v: x for v, x in zip(self.variables, row, strict=True) if x is not None} for row in self.rows]

    def to_csv(self) -> str:
        """The result as CSV text (header line first)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.variables)
        writer.writerows(["" if x is None else x for x in row] for row in self.rows)
        return buffer.getvalue()

    def to_json(self) -> str:
        """The rows as a JSON array of objects."""
        return json.dumps(self.records(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------- embedded store
def is_store(path: str | Path) -> bool:
    """True when ``path`` is a folder holding an Oxigraph (RocksDB) store.

    >>> is_store("/nonexistent")
    False
    """
    return (Path(path) / "CURRENT").is_file()


def open_store(path: str | Path, *, read_only: bool = False) -> ox.Store:
    """Open a persistent embedded Oxigraph store in folder ``path``, creating it unless ``read_only``.

    A read-only store can be opened while another process writes to it (e.g. a running
    ``kgraph build --store``); it sees the data as of opening.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = open_store(Path(folder) / "store")
    ...     len(store)
    0
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"store location {str(folder)!r} is a file, not a folder")
    if read_only and not is_store(folder):
        raise StoreError(f"{str(folder)!r} is not an Oxigraph store (create one with kgraph load --store)")
    try:
        if read_only:
            return ox.Store.read_only(str(folder))
        folder.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(folder))
    except OSError as error:
        raise StoreError(f"cannot open the store at {str(folder)!r}: {error}") from None


def _ox_term(node: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    from kgraph.export.rdf_formats import to_oxigraph_term

    return to_oxigraph_term(node)  # type: ignore[arg-type]


def to_oxigraph_quads(kg: KnowledgeGraph) -> list[ox.Quad]:
    """Every quad of ``kg`` (see ``kgraph.rdf.iter_quads``), de-duplicated and sorted.

    >>> import kgraph
    >>> to_oxigraph_quads(kgraph.KnowledgeGraph())
    []
    """
    from kgraph.rdf import iter_quads

    unique = {
        ox.Quad(_ox_term(s), _ox_term(p), _ox_term(o), ox.NamedNode(str(g)) if g is not None else ox.DefaultGraph())  # type: ignore[arg-type]
        for s, p, o, g in iter_quads(kg)
    }
    return sorted(unique, key=lambda q: (str(q.graph_name), str(q)))


def add_graph(store: ox.Store, kg: KnowledgeGraph) -> int:
    """Add ``kg`` to ``store``, each document's quads in its named graph; the number of quads given.

    Adding is a set union: quads already in the store are not duplicated, so adding
    the same graph twice leaves the store as it was.

    >>> import kgraph
    >>> add_graph(ox.Store(), kgraph.KnowledgeGraph())
    0
    """
    quads = to_oxigraph_quads(kg)
    try:
        store.extend(quads)
    except OSError as error:
        raise StoreError(f"cannot write to the store: {error}") from None
    return len(quads)


def stored_documents(store: ox.Store) -> set[str]:
    """The content hashes (``kg:contentHash``) of the documents already in ``store``.

    >>> stored_documents(ox.Store())
    set()
    """
    predicate = ox.NamedNode(str(KG.contentHash))
    return {str(getattr(q.object, "value", q.object)) for q in store.quads_for_pattern(None, predicate, None, None)}


def store_to_graph(store: ox.Store) -> Graph:
    """The union of all graphs of ``store`` as an rdflib ``Graph`` (to rebuild a ``KnowledgeGraph``).

    >>> len(store_to_graph(ox.Store()))
    0
    """
    from kgraph.export.rdf_formats import quads_to_rdflib

    return quads_to_rdflib(store)


# ---------------------------------------------------------------------------- queries
def _term_text(term: object) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


def query_graph(graph: Graph, sparql: str, *, allow_service: bool = False) -> list[dict[str, str]]:
    """Run a SPARQL SELECT on an rdflib graph; rows as ``{variable: value}``.

    >>> from rdflib import URIRef
    >>> g = Graph(); g.add((URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> query_graph(g, "SELECT ?o WHERE { ?s ?p ?o }")
    [{'o': 'urn:b'}]
    """
    check_query(sparql, allow_service=allow_service)
    try:
        result = graph.query(sparql)
    except Exception as error:  # pyparsing / rdflib raise assorted types for bad queries
        raise KGraphError(f"SPARQL query failed: {error}") from None
    names = [str(v) for v in result.vars or []]
    return [{name: str(row[i]) for i, name in enumerate(names) if row[i] is not None} for row in result]  # type: ignore[index]


def memory_store(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory store holding ``quads`` in their named graphs and their union as the default graph.

    Queries without ``GRAPH`` then see each triple once (set semantics), while ``GRAPH ?g``
    still reaches each document's graph.

    >>> g = ox.NamedNode("urn:g")
    >>> len(memory_store([ox.Quad(g, g, g, g)]))
    2
    """
    store = ox.Store()
    quads = list(quads)
    store.extend(quads)
    store.extend({ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads})
    return store


def query_store(store: ox.Store, sparql: str, *, union: bool = True, allow_service: bool = False) -> QueryResult:
    """Run a SPARQL SELECT, ASK or CONSTRUCT on an Oxigraph store.

    With ``union`` (the default) the default graph is the union of all graphs, as kgraph
    stores keep everything in per-document named graphs; Oxigraph then returns a triple
    once per graph holding it, so use ``DISTINCT`` for entity facts. The ``kg:`` and other
    kgraph prefixes are predeclared.

    >>> s, a, b = ox.Store(), ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    >>> s.add(ox.Quad(a, ox.NamedNode("https://w3id.org/kgraph/ontology#leads"), b, ox.NamedNode("urn:d")))
    >>> query_store(s, "SELECT ?x WHERE { ?x kg:leads ?y }").rows
    (('urn:a',),)
    """
    from kgraph.ontology import PREFIXES

    check_query(sparql, allow_service=allow_service)
    try:
        result = store.query(
            sparql, use_default_graph_as_union=union, prefixes={k: str(v) for k, v in PREFIXES.items()}
        )
    except SyntaxError as error:
        raise KGraphError(f"invalid SPARQL query {sparql!r}: {error}") from None
    except OSError as error:
        raise StoreError(f"SPARQL query failed on the store: {error}") from None
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(("ask",), (("true" if bool(result) else "false",),))
    if isinstance(result, ox.QueryTriples):
        return QueryResult(
            ("subject", "predicate", "object"), tuple(tuple(_term_text(t) for t in triple) for triple in result)
        )
    variables = tuple(v.value for v in result.variables)
    try:  # solutions are computed lazily: a SERVICE call fails here (HTTP, or the service's answer)
        rows = tuple(tuple(_term_text(solution[v]) for v in variables) for solution in result)
    except (OSError, RuntimeError, ValueError, SyntaxError) as error:
        raise StoreError(f"SPARQL query failed: {error}") from None
    return QueryResult(variables, rows)


def _check_url(url: str) -> str:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in {"http", "https"}:
        raise StoreError(f"endpoint must be an http(s) URL, got {url!r}")
    return url


def _request(request: urllib.request.Request, timeout: float) -> bytes:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked)
            return bytes(response.read())
    except urllib.error.HTTPError as error:
        detail = error.read()[:300].decode("utf-8", "replace").strip()
        raise StoreError(f"{request.get_method()} {request.full_url!r} failed: HTTP {error.code} {detail}") from None
    except (urllib.error.URLError, OSError) as error:
        raise StoreError(f"cannot reach {request.full_url!r}: {error}") from None


def query_endpoint(url: str, sparql: str, *, timeout: float = 60.0) -> QueryResult:
    """Run a SPARQL SELECT or ASK on a SPARQL 1.1 Protocol endpoint (``urllib`` only).

    >>> query_endpoint("file:///etc/passwd", "ASK {}")
    Traceback (most recent call last):
    ...
    kgraph.errors.StoreError: endpoint must be an http(s) URL, got 'file:///etc/passwd'
    """
    check_query(sparql, allow_service=True)  # the endpoint decides about SERVICE
    data = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
    request = urllib.request.Request(
        _check_url(url),
        data=data,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": _SPARQL_RESULTS_JSON},
    )
    return QueryResult(*read_results(_request(request, timeout), url))


def _named_graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str | None, list[ox.Triple]]]:
    graphs: dict[str | None, list[ox.Triple]] = {}
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, []).append(quad.triple)
    for name in sorted(graphs, key=lambda n: n or ""):
        yield name, graphs[name]


def upload_graph(kg: KnowledgeGraph, url: str, *, replace: bool = False, timeout: float = 60.0) -> int:
    """Load ``kg`` into a SPARQL 1.1 Graph Store HTTP Protocol endpoint; the number of graphs sent.

    Each document's quads go to the named graph of its IRI (``?graph=IRI``), the rest
    to the default graph (``?default``). ``POST`` adds to what the store holds;
    ``replace=True`` uses ``PUT`` and replaces each graph.
    """
    base = _check_url(url)
    separator = "&" if "?" in base else "?"
    sent = 0
    for name, triples in _named_graphs(to_oxigraph_quads(kg)):
        target = base + separator + (urllib.parse.urlencode({"graph": name}) if name else "default")
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        request = urllib.request.Request(
            target, data=body, method="PUT" if replace else "POST", headers={"Content-Type": "application/n-triples"}
        )
        _request(request, timeout)
        sent += 1
    return sent


def query_target(target: str, sparql: str, *, allow_service: bool = False) -> QueryResult:
    """Run ``sparql`` on a graph file, a store folder or an http(s) endpoint URL.

    A file is loaded into memory with its named graphs and their union as the default
    graph; a store folder is opened read-only; a URL is a SPARQL 1.1 Protocol endpoint.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "g.nt").write_text("<urn:a> <urn:b> <urn:c> .")
    ...     query_target(str(Path(folder, "g.nt")), "SELECT ?o WHERE { ?s ?p ?o }").rows
    (('urn:c',),)
    """
    if target.startswith(("http://", "https://")):
        return query_endpoint(target, sparql)
    path = Path(target)
    if is_store(path):
        return query_store(open_store(path, read_only=True), sparql, allow_service=allow_service)
    if not path.exists() or (path.is_dir() and not (path / "entities.csv").is_file()):
        raise InputError(f"{target!r} is neither a graph file, a store folder nor an http(s) URL")
    from kgraph.export import read_quads

    return query_store(memory_store(read_quads(path)), sparql, union=False, allow_service=allow_service)
