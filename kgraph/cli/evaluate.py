"""``kgraph evaluate``: precision, recall and F1 against a gold JSONL set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kgraph.cli import app
from kgraph.evaluate import Evaluation
from kgraph.evaluate import evaluate as run_evaluation
from kgraph.io import atomic_write_text
from kgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline


def _table(evaluation: Evaluation) -> Table:
    table = Table(title=f"kgraph evaluation ({evaluation.documents} documents)")
    for column in ("", "predicted", "correct", "gold", "found", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if not column else "right")
    rows = [("entities", evaluation.entities), ("relations", evaluation.relations)]
    rows += [(f"  {name}", score) for name, score in sorted(evaluation.by_relation.items())]
    for name, s in rows:
        table.add_row(
            name,
            str(s.predicted),
            str(s.correct),
            str(s.gold),
            str(s.found),
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
        )
    return table


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (the shared/eval/dev.jsonl format).")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the full report as JSON here.")] = None,
    errors: Annotated[bool, typer.Option("--errors/--no-errors", help="List misses and false hits.")] = True,
    ids: Annotated[list[str] | None, typer.Option("--id", help="Only these document ids (repeatable).")] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline to use.")] = DEFAULT_MODEL,
) -> None:
    """Build each gold document, read its Turtle back and print P/R/F1 per relation."""
    evaluation = run_evaluation(gold, nlp=load_pipeline(model), ids=ids or ())
    console = Console(width=160)
    if errors:
        for title, rows in (
            ("missed entities", evaluation.missed_entities),
            ("false entities", evaluation.false_entities),
            ("missed relations", evaluation.missed_relations),
            ("false relations", evaluation.false_relations),
        ):
            console.print(f"[bold]{title}[/bold] ({len(rows)})", highlight=False)
            for row in rows:
                console.print("  " + " | ".join(row), highlight=False, markup=False)
    console.print(_table(evaluation))
    if json_out is not None:
        atomic_write_text(json_out, json.dumps(evaluation.as_dict(), indent=2, ensure_ascii=False) + "\n")
