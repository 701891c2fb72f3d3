"""``kgraph build``: texts in, graph files out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from kgraph.build import BuildOptions, extract
from kgraph.cli import app
from kgraph.export import OutputFormat
from kgraph.graph import KnowledgeGraph
from kgraph.iri import check_base
from kgraph.nlp.pipeline import DEFAULT_MODEL
from kgraph.ontology import DEFAULT_BASE
from kgraph.sources import read_documents


@app.command()
def build(
    inputs: Annotated[list[str], typer.Argument(help="Text files, folders, JSONL files, or - for stdin.", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Graph file to write (format from the extension).")],
    html: Annotated[Optional[Path], typer.Option(help="Also write an interactive HTML graph here.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", help="Output format (default: from the extension).")] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[str, typer.Option(help="Base IRI of entity and document IRIs.")] = DEFAULT_BASE,
    actors: Annotated[Optional[Path], typer.Option(help="JSONL actor dictionary adding to the gazetteer.")] = None,
    lexicon: Annotated[Optional[Path], typer.Option(help="JSONL lexicon adding relation triggers.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Drop relations below this confidence (0-1).", min=0.0, max=1.0)] = 0.0,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Skip malformed JSONL lines instead of stopping.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary output.")] = False,
) -> None:
    """Extract actors and relations from INPUTS and write a knowledge graph."""
    fmt = OutputFormat.from_name(format) if format else None
    options = BuildOptions(
        model=model, base=check_base(base), actors=actors, lexicon=lexicon, min_confidence=min_confidence
    )
    nlp = options.load()
    kg = KnowledgeGraph(options.base)
    documents = 0
    for records in extract(read_documents(inputs, skip_bad=skip_bad), nlp, options=options):
        kg.add_records(records)
        documents += 1
    kg.write(output, format=fmt)
    if html is not None:
        kg.write_html(html)
    if not quiet:
        print(
            f"kgraph: {documents} documents, {kg.graph.number_of_nodes()} actors, "
            f"{kg.graph.number_of_edges()} relations -> {output}" + (f", {html}" if html else ""),
            file=sys.stderr,
        )
