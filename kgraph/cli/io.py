"""``kgraph convert | merge | query | load | validate``: graph files, stores and endpoints."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kgraph.cli import app
from kgraph.errors import KGraphError, UsageError
from kgraph.export import OutputFormat
from kgraph.export.html import SizeBy
from kgraph.iri import check_base
from kgraph.ontology import DEFAULT_BASE

if TYPE_CHECKING:
    from kgraph.graph import KnowledgeGraph


class ResultFormat(str, Enum):
    """How ``kgraph query`` prints its result."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"


def summary_arrow() -> str:
    """An arrow stderr can print."""
    return "→" if (getattr(sys.stderr, "encoding", None) or "").lower().replace("-", "") == "utf8" else "->"


def _described(kg: KnowledgeGraph) -> str:
    """A graph's size in words: "8 documents, 64 actors, 73 relations"."""
    from kgraph.progress import count_of

    documents, actors, relations = len(kg.documents), kg.graph.number_of_nodes(), kg.graph.number_of_edges()
    return ", ".join((count_of(documents, "document"), count_of(actors, "actor"), count_of(relations, "relation")))


def _format(name: str | None) -> OutputFormat | None:
    return OutputFormat.from_name(name) if name else None


@app.command()
def convert(
    source: Annotated[Path, typer.Argument(help="Graph file to read (any format kgraph writes).", show_default=False)],
    target: Annotated[Path, typer.Argument(help="File (or CSV folder) to write.", show_default=False)],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="Output format (default: from TARGET's extension).")
    ] = None,
    from_format: Annotated[
        str | None, typer.Option("--from", help="Input format (default: from SOURCE's extension).")
    ] = None,
    base: Annotated[str, typer.Option(help="Base IRI of entity and document IRIs.")] = DEFAULT_BASE,
    max_nodes: Annotated[
        int | None,
        typer.Option("--max-nodes", help="HTML: keep the N most connected actors (the page lists the rest).", min=1),
    ] = None,
    size_by: Annotated[
        SizeBy, typer.Option("--size-by", help="HTML: node size by degree or by mentions.")
    ] = SizeBy.DEGREE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary output.")] = False,
) -> None:
    """Convert a graph file between formats: turtle, ntriples, nquads, trig, jsonld, graphml, gexf, csv, html."""
    from kgraph.export import guess_format, read_graph, write_graph
    from kgraph.export.html import write_html

    kg = read_graph(source, _format(from_format), base=check_base(base))
    fmt = OutputFormat.from_name(format) if format else guess_format(target)
    if fmt is OutputFormat.HTML:
        write_html(kg, target, max_nodes=max_nodes, size_by=size_by)
    else:
        write_graph(kg, target, fmt)
    if not quiet:
        from kgraph.export import written_paths

        print(f"kgraph: {_described(kg)} {summary_arrow()} {', '.join(written_paths(target, fmt))}", file=sys.stderr)


@app.command()
def merge(
    inputs: Annotated[
        list[Path], typer.Argument(help="Graph files to merge (any readable format).", show_default=False)
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Merged graph file (format from the extension).")],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="Output format (default: from the extension).")
    ] = None,
    base: Annotated[str, typer.Option(help="Base IRI of entity and document IRIs.")] = DEFAULT_BASE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary output.")] = False,
) -> None:
    """Merge graph files into one: a union keeping every assertion and its provenance."""
    from kgraph.export import read_graph
    from kgraph.graph import KnowledgeGraph

    merged = KnowledgeGraph(check_base(base))
    for path in inputs:
        merged.merge(read_graph(path, base=base))
    merged.write(output, format=_format(format))
    if not quiet:
        print(f"kgraph: merged {len(inputs)} graphs: {_described(merged)} {summary_arrow()} {output}", file=sys.stderr)


def _print_table(variables: tuple[str, ...], rows: tuple[tuple[str | None, ...], ...]) -> None:
    from rich.console import Console
    from rich.table import Column, Table

    from kgraph.ontology import PREFIXES

    namespaces = sorted(((str(ns), f"{name}:") for name, ns in PREFIXES.items()), key=lambda p: -len(p[0]))
    namespaces.append((DEFAULT_BASE, "kgid:"))

    def compact(value: str | None) -> str:
        if value is None:
            return ""
        for namespace, prefix in namespaces:
            if value.startswith(namespace):
                return prefix + value[len(namespace) :]
        return value

    table = Table(*(Column(v, overflow="fold") for v in variables), show_lines=False)
    for row in rows:
        table.add_row(*(compact(value) for value in row))
    console = Console(markup=False, highlight=False, emoji=False)
    console.print(table)
    console.print(f"{len(rows)} rows")


_USER_HELP = (
    "NAME[:PASSWORD] for an endpoint that asks for HTTP Digest or Basic authentication "
    "(the password may come from KGRAPH_STORE_PASSWORD instead)."
)
_DEFAULT_GRAPH_HELP = (
    "Endpoint only: the named graph that stands for the default graph, for stores whose Graph Store "
    "protocol has no default graph (Virtuoso; see docs/stores.md)."
)


@app.command()
def query(
    target: Annotated[
        str,
        typer.Argument(
            help="A graph file, a store folder, or a SPARQL endpoint http(s) URL (or a server's base URL).",
            show_default=False,
        ),
    ],
    sparql: Annotated[
        str, typer.Argument(help="A SPARQL SELECT/ASK query, or @FILE to read it from a file.", show_default=False)
    ],
    format: Annotated[
        ResultFormat, typer.Option("--format", "-f", help="Print as a table, CSV or JSON.")
    ] = ResultFormat.TABLE,
    user: Annotated[str | None, typer.Option("--user", help=_USER_HELP, show_default=False)] = None,
    default_graph: Annotated[
        str | None, typer.Option("--default-graph", help=_DEFAULT_GRAPH_HELP, show_default=False)
    ] = None,
    allow_service: Annotated[
        bool, typer.Option("--allow-service", help="Allow SERVICE clauses (they send HTTP requests to other servers).")
    ] = False,
) -> None:
    """Run a read-only SPARQL query over a graph file, a store folder or an endpoint (kg: etc. predeclared).

    Updates (INSERT, DELETE, LOAD, ...) are refused, and SERVICE clauses unless --allow-service.
    """
    from kgraph.sparql_guard import read_query_file
    from kgraph.store import query_target

    if sparql.startswith("@"):
        sparql = read_query_file(sparql[1:])
    result = query_target(target, sparql, user=user, default_graph=default_graph, allow_service=allow_service)
    if format is ResultFormat.CSV:
        sys.stdout.write(result.to_csv())
    elif format is ResultFormat.JSON:
        sys.stdout.write(result.to_json() + "\n")
    else:
        _print_table(result.variables, result.rows)


@app.command()
def load(
    inputs: Annotated[
        list[Path], typer.Argument(help="Graph files to load (any readable format).", show_default=False)
    ],
    store: Annotated[
        Path | None, typer.Option(help="Embedded Oxigraph store folder (created if needed).", show_default=False)
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            help="SPARQL 1.1 Graph Store URL (http://host:7878/store), or a server's base URL (http://host:7878).",
            show_default=False,
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="With --endpoint: PUT (replace) each graph instead of POST (add).")
    ] = False,
    user: Annotated[str | None, typer.Option("--user", help=_USER_HELP, show_default=False)] = None,
    default_graph: Annotated[
        str | None, typer.Option("--default-graph", help=_DEFAULT_GRAPH_HELP, show_default=False)
    ] = None,
    base: Annotated[str, typer.Option(help="Base IRI of entity and document IRIs.")] = DEFAULT_BASE,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary output.")] = False,
) -> None:
    """Load graph files into a triple store.

    The merged graph goes to the default graph and each document's triples also to its named graph,
    so queries give the same answers on the store as on the file.
    """
    from kgraph.export import read_graph
    from kgraph.store import Endpoint, add_graph, open_store, upload_graph

    if (store is None) == (endpoint is None):
        raise UsageError("give exactly one of --store DIR or --endpoint URL")
    target = Endpoint.of(endpoint, user=user) if endpoint is not None else None
    for path in inputs:
        kg = read_graph(path, base=check_base(base))
        if target is None:
            added = add_graph(open_store(store or Path()), kg)
            where, what = str(store), f"{added} quads"
        else:
            sent = upload_graph(kg, target, replace=replace, default_graph=default_graph)
            where, what = target.store_url, f"{sent} graph" + ("" if sent == 1 else "s")
        if not quiet:
            print(f"kgraph: loaded {path} ({what}) into {where}", file=sys.stderr)


@app.command()
def validate(
    graph: Annotated[
        Path, typer.Argument(help="Graph file to check against ontologies/kgraph-shapes.ttl.", show_default=False)
    ],
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="Input format (default: from the extension).")
    ] = None,
    limit: Annotated[int, typer.Option(help="Violations to print.", min=1)] = 20,
) -> None:
    """Validate a graph against kgraph's SHACL shapes; exits 1 when it does not conform."""
    from kgraph.export import read_graph
    from kgraph.shacl import validate_file

    if not graph.exists() and _format(format) is None:
        read_graph(graph)  # raises the usual one-line InputError
    report = validate_file(graph, format)
    print(report.summary(limit))
    if not report.conforms:
        raise KGraphError(f"{str(graph)!r} does not conform to the kgraph shapes ({len(report.violations)} violations)")
