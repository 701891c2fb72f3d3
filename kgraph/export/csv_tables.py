"""CSV tables: ``entities.csv`` and ``relations.csv`` (one row per assertion, with evidence and source)."""

from __future__ import annotations

__all__ = ["table_paths", "write_tables", "read_tables", "ENTITY_COLUMNS", "RELATION_COLUMNS", "WRITERS", "READERS"]

import csv
import json
from collections.abc import Callable
from pathlib import Path

from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.graph import Assertion, DocumentInfo, KnowledgeGraph
from kgraph.io import atomic_output
from kgraph.model import EntityType, Modality, RelationType

ENTITY_COLUMNS = ("iri", "label", "type", "aliases", "mentions", "degree", "links", "occurrences")
RELATION_COLUMNS = (
    "subject",
    "relation",
    "object",
    "evidence",
    "trigger",
    "confidence",
    "modality",
    "date",
    "document",
    "source",
    "title",
    "subject_iri",
    "object_iri",
    "document_iri",
    "assertion_iri",
    "speaker_iri",
)
_SEPARATOR = " | "


def table_paths(path: str | Path) -> tuple[Path, Path]:
    """Where the two tables go: inside a folder, or beside ``NAME.csv`` as ``NAME.entities.csv`` etc.

    >>> [p.name for p in table_paths("out")]
    ['entities.csv', 'relations.csv']
    >>> [str(p) for p in table_paths("out/graph.csv")]
    ['out/graph.entities.csv', 'out/graph.relations.csv']
    """
    target = Path(path)
    if target.suffix.lower() == ".csv":
        stem = target.name[: -len(".csv")]
        return target.with_name(f"{stem}.entities.csv"), target.with_name(f"{stem}.relations.csv")
    return target / "entities.csv", target / "relations.csv"


def write_tables(kg: KnowledgeGraph, path: str | Path) -> tuple[Path, Path]:
    """Write ``entities.csv`` and ``relations.csv`` for ``kg`` (see :func:`table_paths`), each atomically.

    Relations hold every assertion (asserted edges and flagged claims, see ``modality``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in write_tables(KnowledgeGraph(), Path(folder) / "graph.csv")]
    ['graph.entities.csv', 'graph.relations.csv']
    """
    entities_path, relations_path = table_paths(path)
    entities_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(entities_path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ENTITY_COLUMNS)
        for node, data in sorted(kg.graph.nodes(data=True)):
            writer.writerow(
                [
                    node,
                    data["label"],
                    data["type"],
                    _SEPARATOR.join(sorted(data["aliases"])),
                    data.get("mentions", 0),
                    kg.graph.degree(node),
                    _SEPARATOR.join(sorted(data["links"])),
                    json.dumps(data["occurrences"], sort_keys=True, ensure_ascii=False),
                ]
            )
    with atomic_output(relations_path, "w") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(RELATION_COLUMNS + _TIME_COLUMNS)
        for a in kg.assertions():
            info = kg.documents.get(a.document)
            writer.writerow(
                [
                    _label(kg, a.subject),
                    a.relation.value,
                    _label(kg, a.object),
                    a.evidence,
                    a.trigger,
                    f"{a.confidence:.2f}",
                    a.modality.value,
                    a.date or "",
                    info.id if info else "",
                    (info.source or "") if info else "",
                    (info.title or "") if info else "",
                    a.subject,
                    a.object,
                    a.document,
                    a.iri,
                    a.speaker or "",
                    a.date_text or "",
                    (info.date or "") if info else "",
                ]
            )
    return entities_path, relations_path


# Written after the required columns; tables written before kgraph had them still read.
_TIME_COLUMNS = ("date_text", "published")


def _label(kg: KnowledgeGraph, node: str) -> str:
    return str(kg.graph.nodes[node]["label"]) if node in kg.graph else node


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise InputError(f"CSV table {str(path)!r} does not exist")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = set(columns) - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"{str(path)!r} lacks the columns {sorted(missing)!r}")
        return list(reader)


def read_tables(path: str | Path, base: str) -> KnowledgeGraph:
    """Rebuild a ``KnowledgeGraph`` from the tables written by :func:`write_tables`.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = write_tables(KnowledgeGraph(), folder)
    ...     read_tables(folder, "https://example.org/")
    <KnowledgeGraph 0 actors, 0 relations, 0 documents>
    """
    entities_path, relations_path = table_paths(path)
    kg = KnowledgeGraph(base)
    try:
        for row in _rows(entities_path, ENTITY_COLUMNS):
            occurrences = {k: int(v) for k, v in json.loads(row["occurrences"] or "{}").items()}
            kg.graph.add_node(
                row["iri"],
                label=row["label"],
                type=EntityType(row["type"]).value,
                aliases=set(filter(None, row["aliases"].split(_SEPARATOR))) - {row["label"]},
                links=set(filter(None, row["links"].split(_SEPARATOR))),
                occurrences=occurrences,
                mentions=sum(occurrences.values()),
            )
        for row in _rows(relations_path, RELATION_COLUMNS):
            if row["document_iri"] not in kg.documents:
                kg.add_document(
                    DocumentInfo(
                        row["document_iri"],
                        row["document"] or row["document_iri"],
                        row["source"] or None,
                        row["title"] or None,
                        row.get("published") or None,
                    )
                )
            kg.add_assertion(
                Assertion(
                    iri=row["assertion_iri"],
                    subject=row["subject_iri"],
                    relation=RelationType(row["relation"]),
                    object=row["object_iri"],
                    document=row["document_iri"],
                    evidence=row["evidence"],
                    trigger=row["trigger"],
                    confidence=float(row["confidence"]),
                    modality=Modality(row["modality"]),
                    date=row["date"] or None,
                    speaker=row["speaker_iri"] or None,
                    date_text=row.get("date_text") or None,
                )
            )
    except ValueError as error:
        raise InputError(f"malformed kgraph CSV tables at {str(path)!r}: {error}") from None
    return kg


def _write(kg: KnowledgeGraph, path: Path) -> None:
    write_tables(kg, path)


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {OutputFormat.CSV: _write}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {OutputFormat.CSV: read_tables}
