"""``kgraph evaluate``: precision, recall and F1 against one or several gold JSONL sets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kgraph.cli import app
from kgraph.errors import UsageError
from kgraph.evaluate import Evaluation, GoldDocument, Score, read_gold
from kgraph.evaluate import evaluate as run_evaluation
from kgraph.io import atomic_write_text
from kgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline


@dataclass(frozen=True, slots=True)
class GoldSet:
    """One gold set on the command line: ``[NAME=]FILE[:PATTERN,PATTERN...]``.

    >>> GoldSet.parse("tune=news.jsonl:news-?0[1-9],news-?10")
    GoldSet(name='tune', path=PosixPath('news.jsonl'), patterns=('news-?0[1-9]', 'news-?10'))
    >>> GoldSet.parse("tests/data/heldout.jsonl").name
    'heldout'
    """

    name: str
    path: Path
    patterns: tuple[str, ...] = ()

    @classmethod
    def parse(cls, spec: str) -> GoldSet:
        name, sep, rest = spec.partition("=")
        if not sep or "/" in name or not name:
            name, rest = "", spec
        patterns: tuple[str, ...] = ()
        if not Path(rest).exists() and ":" in rest:
            rest, _, selection = rest.rpartition(":")
            patterns = tuple(p.strip() for p in selection.split(",") if p.strip())
            if not patterns:
                raise UsageError(f"no document ids after ':' in {spec!r}")
        path = Path(rest)
        return cls(name or path.stem, path, patterns)

    def select(self, ids: Sequence[str] = ()) -> list[GoldDocument]:
        """The documents of this set matching its patterns and every one of ``ids`` (all when empty)."""
        documents = [
            d
            for d in read_gold(self.path)
            if (not self.patterns or any(fnmatchcase(d.id, p) for p in self.patterns))
            and (not ids or any(fnmatchcase(d.id, i) for i in ids))
        ]
        if not documents:
            raise UsageError(f"no document of {str(self.path)!r} matches the ids asked for")
        return documents


def _cell(score: Score) -> str:
    return f"{score.precision:.2f} / {score.recall:.2f} / {score.f1:.2f} ({score.gold})"


def _rows(evaluation: Evaluation) -> list[tuple[str, Score]]:
    rows = [("entities", evaluation.entities), ("relations", evaluation.relations)]
    return rows + [(f"  {name}", score) for name, score in sorted(evaluation.by_relation.items())]


def _table(evaluation: Evaluation) -> Table:
    table = Table(title=f"kgraph evaluation ({evaluation.documents} documents)")
    for column in ("", "predicted", "correct", "gold", "found", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if not column else "right")
    for name, s in _rows(evaluation):
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


def _side_by_side(evaluations: dict[str, Evaluation]) -> Table:
    """One row per measure, one column per set: P / R / F1 (gold count)."""
    table = Table(title="kgraph evaluation: precision / recall / F1 (gold count)")
    table.add_column("")
    for name, evaluation in evaluations.items():
        docs = "1 doc" if evaluation.documents == 1 else f"{evaluation.documents} docs"
        table.add_column(f"{name} ({docs})", justify="right")
    names = ["entities", "relations"] + sorted({r for e in evaluations.values() for r in e.by_relation})
    for name in names:
        cells = []
        for evaluation in evaluations.values():
            score = {"entities": evaluation.entities, "relations": evaluation.relations}.get(name)
            score = score or evaluation.by_relation.get(name)
            cells.append("—" if score is None or (not score.gold and not score.predicted) else _cell(score))
        table.add_row(name if name in {"entities", "relations"} else f"  {name}", *cells)
    return table


def _print_errors(console: Console, name: str, evaluation: Evaluation) -> None:
    for title, rows in (
        ("missed entities", evaluation.missed_entities),
        ("false entities", evaluation.false_entities),
        ("missed relations", evaluation.missed_relations),
        ("false relations", evaluation.false_relations),
    ):
        console.print(f"[bold]{name}{title}[/bold] ({len(rows)})", highlight=False)
        for row in rows:
            console.print("  " + " | ".join(row), highlight=False, markup=False)


@app.command()
def evaluate(
    gold: Annotated[
        list[str],
        typer.Argument(
            help="Gold JSONL sets (docs/annotation-guide.md), each [NAME=]FILE[:ID,ID...]; "
            "ids may be glob patterns such as 'news-?0[1-9]'.",
            metavar="[NAME=]FILE[:IDS]...",
        ),
    ],
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the full report as JSON here.")] = None,
    errors: Annotated[
        bool | None,
        typer.Option(
            "--errors/--no-errors", help="List misses and false hits (default: with one set only).", show_default=False
        ),
    ] = None,
    ids: Annotated[list[str] | None, typer.Option("--id", help="Only these document ids (repeatable).")] = None,
    model: Annotated[str, typer.Option(help="spaCy pipeline to use.")] = DEFAULT_MODEL,
) -> None:
    """Build each gold document, read its Turtle back and print P/R/F1 per relation.

    With several sets (for example dev=dev.jsonl held=tests/data/heldout.jsonl) the figures are
    printed side by side, one column per set.
    """
    sets = [GoldSet.parse(spec) for spec in gold]
    names = [s.name for s in sets]
    if len(set(names)) != len(names):
        raise UsageError(f"two gold sets share a name ({', '.join(names)}); name them with NAME=FILE")
    nlp = load_pipeline(model)
    evaluations = {s.name: run_evaluation(s.select(ids or ()), nlp=nlp) for s in sets}
    console = Console(width=200)
    if errors if errors is not None else len(sets) == 1:
        for name, evaluation in evaluations.items():
            _print_errors(console, f"{name}: " if len(sets) > 1 else "", evaluation)
    if len(sets) == 1:
        console.print(_table(next(iter(evaluations.values()))))
    else:
        console.print(_side_by_side(evaluations))
    if json_out is not None:
        report: object = (
            next(iter(evaluations.values())).as_dict()
            if len(sets) == 1
            else {name: e.as_dict() for name, e in evaluations.items()}
        )
        atomic_write_text(json_out, json.dumps(report, indent=2, ensure_ascii=False) + "\n")
