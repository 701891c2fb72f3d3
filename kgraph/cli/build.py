"""``kgraph build``: texts in, graph files (or a store) out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kgraph.build import BuildOptions
from kgraph.cli import app
from kgraph.dates import check_bound
from kgraph.engine import Engine
from kgraph.export import OutputFormat
from kgraph.iri import check_base
from kgraph.nlp.pipeline import DEFAULT_MODEL
from kgraph.ontology import DEFAULT_BASE


@app.command()
def build(
    inputs: Annotated[
        list[str], typer.Argument(help="Text files, folders, JSONL files, or - for stdin.", show_default=False)
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Graph file to write (format from the extension).")
    ] = None,
    html: Annotated[Path | None, typer.Option(help="Also write an interactive HTML graph here.")] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option("--max-nodes", help="HTML: keep the N most connected actors (the page lists the rest).", min=1),
    ] = None,
    format: Annotated[
        str | None, typer.Option("--format", "-f", help="Output format (default: from the extension).")
    ] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline to use.")] = DEFAULT_MODEL,
    base: Annotated[str, typer.Option(help="Base IRI of entity and document IRIs.")] = DEFAULT_BASE,
    actors: Annotated[Path | None, typer.Option(help="JSONL actor dictionary adding to the gazetteer.")] = None,
    lexicon: Annotated[Path | None, typer.Option(help="JSONL lexicon adding relation triggers.")] = None,
    min_confidence: Annotated[
        float, typer.Option(help="Drop relations below this confidence (0-1).", min=0.0, max=1.0)
    ] = 0.0,
    since: Annotated[
        str | None,
        typer.Option(help="Keep relations dated on or after this day, month or year (YYYY-MM-DD, YYYY-MM, YYYY)."),
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Keep relations dated on or before this day, month or year.")
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Skip malformed JSONL lines instead of stopping.")
    ] = False,
    full_paths: Annotated[
        bool,
        typer.Option(
            "--full-source-paths",
            help="Record each text file's absolute path as dcterms:source (default: its path relative to the input).",
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes (local engine) or local Dask workers.", min=1)
    ] = 1,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch and per task.", min=1)] = 64,
    engine: Annotated[
        Engine, typer.Option(help="Where the pipeline runs: this machine or a Dask cluster.")
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address tcp://HOST:PORT (default: a 2-worker local cluster).")
    ] = None,
    store: Annotated[
        Path | None, typer.Option(help="Oxigraph store folder to add to; documents already in it are skipped.")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary output.")] = False,
) -> None:
    """Extract actors and relations from INPUTS and write a knowledge graph.

    N-Triples, N-Quads and Turtle outputs are streamed, so memory does not grow with the corpus.
    """
    from kgraph.engine.run import BuildTargets, run_build

    targets = BuildTargets(
        output=output,
        format=OutputFormat.from_name(format) if format else None,
        html=html,
        store=store,
        html_max_nodes=max_nodes,
    )
    options = BuildOptions(
        model=model,
        base=check_base(base),
        actors=actors,
        lexicon=lexicon,
        min_confidence=min_confidence,
        batch_size=batch_size,
        since=check_bound("--since", since),
        until=check_bound("--until", until),
    )
    stats = run_build(
        inputs,
        targets,
        options=options,
        engine=engine,
        jobs=jobs,
        scheduler=scheduler,
        skip_bad=skip_bad,
        full_paths=full_paths,
        progress=not quiet,
    )
    if not quiet:
        from kgraph.cli.io import summary_arrow

        print(stats.summary(targets.names(), arrow=summary_arrow()), file=sys.stderr)
