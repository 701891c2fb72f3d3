"""Triple stores and SPARQL: an embedded Oxigraph store, SPARQL 1.1 endpoints, in-memory graphs."""

from __future__ import annotations

__all__ = [
    "QueryResult",
    "Endpoint",
    "check_query",
    "with_prefixes",
    "store_quads",
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
import os
import re
import urllib.parse
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pyoxigraph as ox
from rdflib import Graph

from kgraph.errors import InputError, KGraphError, StoreError, UsageError
from kgraph.ontology import KG
from kgraph.rdf.oxigraph import quads_to_rdflib, to_oxigraph_quads
from kgraph.sparql_guard import guard_query, read_results

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


def store_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """kgraph's store model: every triple in the default graph (the merged graph, as in a Turtle
    file), and each document's quads also in the named graph of its document IRI.

    A query without ``GRAPH`` then gives the same rows on a file, a store folder and an endpoint,
    while ``GRAPH ?doc { ... }`` still reaches one document's provenance.

    >>> g = ox.NamedNode("urn:g")
    >>> [str(q.graph_name) for q in store_quads([ox.Quad(g, g, g, g)])]
    ['DEFAULT', '<urn:g>']
    """
    given = list(quads)
    merged = {ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in given}
    named = {q for q in given if not isinstance(q.graph_name, ox.DefaultGraph)}
    return sorted(merged, key=str) + sorted(named - merged, key=lambda q: (str(q.graph_name), str(q)))


def add_graph(store: ox.Store, kg: KnowledgeGraph) -> int:
    """Add ``kg`` to ``store`` in kgraph's store model (:func:`store_quads`); the number of quads given.

    Adding is a set union: quads already in the store are not duplicated, so adding
    the same graph twice leaves the store as it was.

    >>> import kgraph
    >>> add_graph(ox.Store(), kgraph.KnowledgeGraph())
    0
    """
    quads = store_quads(to_oxigraph_quads(kg))
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


def query_store(store: ox.Store, sparql: str, *, union: bool = False, allow_service: bool = False) -> QueryResult:
    """Run a SPARQL SELECT, ASK or CONSTRUCT on an Oxigraph store.

    kgraph stores hold the merged graph in their default graph (see :func:`store_quads`), so a
    query sees the same triples as on the Turtle file. ``union`` makes the default graph the union
    of all graphs instead (for stores written by other tools). The ``kg:`` and other kgraph
    prefixes are predeclared.

    >>> s, a, b = ox.Store(), ox.NamedNode("urn:a"), ox.NamedNode("urn:b")
    >>> s.add(ox.Quad(a, ox.NamedNode("https://w3id.org/kgraph/ontology#leads"), b, ox.NamedNode("urn:d")))
    >>> query_store(s, "SELECT ?x WHERE { ?x kg:leads ?y }", union=True).rows
    (('urn:a',),)
    """
    from kgraph.ontology import PREFIXES

    sparql = check_query(sparql, allow_service=allow_service)
    try:
        result = store.query(
            sparql, use_default_graph_as_union=union, prefixes={k: str(v) for k, v in PREFIXES.items()}
        )
    except SyntaxError as error:
        shown = " ".join(sparql.split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        raise KGraphError(f"invalid SPARQL query {shown!r}: {_one_line(str(error))}") from None
    except OSError as error:
        raise StoreError(f"SPARQL query failed on the store: {_one_line(str(error))}") from None
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
        raise StoreError(f"SPARQL query failed: {_one_line(str(error))}") from None
    return QueryResult(variables, rows)


# ---------------------------------------------------------------------------- checks before running a query
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>|#[^\n]*)\s*)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_DECLARED = re.compile(r"PREFIX\s+([\w.-]*):", re.IGNORECASE)


def check_query(sparql: str, *, allow_service: bool = False) -> str:
    """Check ``sparql`` before it runs anywhere (file, store or endpoint); the query to run.

    Every query of ``kgraph query`` and ``KnowledgeGraph.query`` passes here, so this is the
    one place for the guards a query must pass. Updates are refused: kgraph only reads.
    Queries nested too deeply are refused, and ``SERVICE`` clauses unless ``allow_service``
    (see :func:`kgraph.sparql_guard.guard_query`).

    >>> check_query("SELECT ?s WHERE { ?s ?p ?o }")
    'SELECT ?s WHERE { ?s ?p ?o }'
    >>> check_query("PREFIX ex: <urn:x#> INSERT DATA { ex:a ex:b ex:c }")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: kgraph query only reads: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused
    """
    if _UPDATE.match(sparql):
        raise UsageError("kgraph query only reads: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused")
    return guard_query(sparql, allow_service=allow_service)


def with_prefixes(sparql: str) -> str:
    """``sparql`` with kgraph's prefixes declared in front, except those it declares itself.

    >>> with_prefixes("PREFIX kg: <urn:mine#> ASK {}").count("PREFIX kg:")
    1
    >>> "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>" in with_prefixes("ASK {}")
    True
    """
    from kgraph.ontology import PREFIXES

    declared = {m.group(1) for m in _DECLARED.finditer(sparql)}
    lines = [f"PREFIX {name}: <{ns}>" for name, ns in PREFIXES.items() if name not in declared]
    return "\n".join([*lines, sparql])


def _one_line(text: str, limit: int = 300) -> str:
    """Error text from a parser or a server on one line, shortened.

    >>> _one_line("error at 1:29: expected one of Prefix not found, ['%'], [':']")
    'error at 1:29: unknown prefix (declare it with PREFIX)'
    >>> _one_line("<html><body><h1>Bad</h1>  <p>query</p></body></html>")
    'Bad query'
    """
    if "Prefix not found" in text:
        return text.split(":", 2)[0] + ":" + text.split(":", 2)[1] + ": unknown prefix (declare it with PREFIX)"
    flat = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------- SPARQL 1.1 endpoints (httpx)
@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where a SPARQL server answers queries and takes graphs (SPARQL 1.1 Protocol, Graph Store Protocol).

    ``Endpoint.of(url)`` accepts a full URL (used for both) or a server's base URL, whose paths it finds
    from the ``Server`` header: Oxigraph ``/query`` and ``/store``; Virtuoso ``/sparql`` and
    ``/sparql-graph-crud-auth`` (``/sparql-graph-crud`` without a user). ``user`` is
    ``NAME[:PASSWORD]`` (the password may come from ``KGRAPH_STORE_PASSWORD`` instead);
    HTTP Digest or Basic authentication is answered as the server asks.

    >>> Endpoint.of("http://127.0.0.1:7878/query").query_url
    'http://127.0.0.1:7878/query'
    >>> Endpoint.of("file:///etc/passwd")
    Traceback (most recent call last):
    ...
    kgraph.errors.StoreError: endpoint must be an http(s) URL, got 'file:///etc/passwd'
    """

    query_url: str
    store_url: str
    user: str | None = None
    timeout: float = 60.0

    @classmethod
    def of(cls, url: str, *, user: str | None = None, timeout: float = 60.0) -> Endpoint:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise StoreError(f"endpoint must be an http(s) URL, got {url!r}")
        if parts.path.strip("/") or parts.query:
            return cls(url, url, user, timeout)
        base = url.rstrip("/")
        server = _server_name(base, timeout)
        if "oxigraph" in server:
            return cls(base + "/query", base + "/store", user, timeout)
        if "virtuoso" in server:
            crud = "/sparql-graph-crud-auth" if user else "/sparql-graph-crud"
            return cls(base + "/sparql", base + crud, user, timeout)
        raise StoreError(
            f"cannot tell the SPARQL paths of {url!r} (server {server or 'unknown'!r}): give the full URL, "
            "e.g. Fuseki http://host:3030/DATASET/sparql (queries) or .../DATASET/data (loading)"
        )

    def client(self) -> httpx.Client:
        return httpx.Client(auth=_auth(self.user), timeout=self.timeout, follow_redirects=True)


def _server_name(base: str, timeout: float) -> str:
    try:
        with httpx.Client(timeout=timeout) as client:
            return str(client.get(base + "/").headers.get("server", "")).lower()
    except httpx.HTTPError as error:
        raise StoreError(f"cannot reach {base!r}: {_one_line(str(error) or type(error).__name__)}") from None


class _ChallengeAuth(httpx.Auth):
    """Answer the server's challenge: HTTP Digest (Virtuoso) or Basic (Fuseki, GraphDB)."""

    def __init__(self, user: str, password: str) -> None:
        self.digest = httpx.DigestAuth(user, password)
        self.basic = httpx.BasicAuth(user, password)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        response = yield request
        if response.status_code != 401:
            return
        scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
        if scheme == "digest":
            flow = self.digest.auth_flow(request)
            next(flow)
            try:
                retry = flow.send(response)
            except StopIteration:
                return
            yield retry
        elif scheme == "basic":
            yield next(self.basic.auth_flow(request))


def _auth(user: str | None) -> httpx.Auth | None:
    if not user:
        return None
    name, sep, password = user.partition(":")
    if not sep:
        password = os.environ.get("KGRAPH_STORE_PASSWORD", "")
    return _ChallengeAuth(name, password)


def _send(client: httpx.Client, request: httpx.Request) -> httpx.Response:
    try:
        response = client.send(request)
    except httpx.HTTPError as error:
        reason = _one_line(str(error) or type(error).__name__)
        raise StoreError(f"cannot reach {str(request.url)!r}: {reason}") from None
    if response.status_code >= 400:
        detail = _one_line(response.text[:2000])
        raise StoreError(f"{request.method} {str(request.url)!r} failed: HTTP {response.status_code} {detail}")
    return response


def query_endpoint(
    url: str | Endpoint, sparql: str, *, timeout: float = 60.0, default_graph: str | None = None
) -> QueryResult:
    """Run a SPARQL SELECT or ASK on a SPARQL 1.1 Protocol endpoint; kgraph's prefixes are predeclared.

    ``default_graph`` (``default-graph-uri``) names the graph the query sees as its default
    graph, for stores without one (see :func:`upload_graph`).
    """
    endpoint = url if isinstance(url, Endpoint) else Endpoint.of(url, timeout=timeout)
    form = {"query": with_prefixes(check_query(sparql, allow_service=True))}  # the endpoint decides about SERVICE
    if default_graph:
        form["default-graph-uri"] = default_graph
    with endpoint.client() as client:
        request = client.build_request("POST", endpoint.query_url, data=form, headers={"Accept": _SPARQL_RESULTS_JSON})
        body = _send(client, request).content
    return QueryResult(*read_results(body, endpoint.query_url))


def _named_graphs(quads: Iterable[ox.Quad]) -> Iterator[tuple[str | None, list[ox.Triple]]]:
    graphs: dict[str | None, list[ox.Triple]] = {}
    for quad in quads:
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        graphs.setdefault(name, []).append(quad.triple)
    for name in sorted(graphs, key=lambda n: n or ""):
        yield name, graphs[name]


def upload_graph(
    kg: KnowledgeGraph,
    url: str | Endpoint,
    *,
    replace: bool = False,
    timeout: float = 60.0,
    default_graph: str | None = None,
) -> int:
    """Load ``kg`` through the SPARQL 1.1 Graph Store HTTP Protocol; the number of graphs sent.

    The store then holds kgraph's store model (see :func:`store_quads`): the merged graph in the
    default graph (``?default``), or in the named graph ``default_graph`` for stores whose Graph
    Store has no default graph (Virtuoso), and each document's triples in the graph named by its
    IRI (``?graph=IRI``). ``POST`` adds to what the store holds; ``replace=True`` uses ``PUT``
    and replaces each graph sent.
    """
    endpoint = url if isinstance(url, Endpoint) else Endpoint.of(url, timeout=timeout)
    base = endpoint.store_url
    separator = "&" if "?" in base else "?"
    sent = 0
    with endpoint.client() as client:
        for name, triples in _named_graphs(store_quads(to_oxigraph_quads(kg))):
            graph = name or default_graph
            target = base + separator + (urllib.parse.urlencode({"graph": graph}) if graph else "default")
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            request = client.build_request(
                "PUT" if replace else "POST", target, content=body, headers={"Content-Type": "application/n-triples"}
            )
            _send(client, request)
            sent += 1
    return sent


def query_target(
    target: str,
    sparql: str,
    *,
    user: str | None = None,
    default_graph: str | None = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run ``sparql`` on a graph file, a store folder or an http(s) endpoint URL: the same answers from each.

    A file is loaded into memory with its named graphs and their union as the default
    graph; a store folder is opened read-only (its default graph holds the merged graph);
    a URL is a SPARQL 1.1 Protocol endpoint or a server's base URL (see :class:`Endpoint`).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = Path(folder, "g.nt").write_text("<urn:a> <urn:b> <urn:c> .")
    ...     query_target(str(Path(folder, "g.nt")), "SELECT ?o WHERE { ?s ?p ?o }").rows
    (('urn:c',),)
    """
    if target.startswith(("http://", "https://")):  # the endpoint decides about SERVICE
        return query_endpoint(Endpoint.of(target, user=user), sparql, default_graph=default_graph)
    path = Path(target)
    if is_store(path):
        return query_store(open_store(path, read_only=True), sparql, allow_service=allow_service)
    if not path.exists() or (path.is_dir() and not (path / "entities.csv").is_file()):
        raise InputError(f"{target!r} is neither a graph file, a store folder nor an http(s) URL")
    from kgraph.export import read_quads

    return query_store(memory_store(read_quads(path)), sparql, allow_service=allow_service)
