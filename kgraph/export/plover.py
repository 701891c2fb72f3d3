"""PLOVER-style event records (JSON Lines): one record per event, written from a graph and read back.

Each record names the PLOVER category and mode of the act (from the relation and its trigger
words, :func:`plover_type`), the source and target actors with their labels, types and
countries, the date, a sentence, the documents and the number of reports; ``reports`` keeps
each report (document, outlet, sentence, trigger, date) so that reading the records back
rebuilds the same events. Records follow ``ontologies/plover-event.schema.json``.
"""

from __future__ import annotations

__all__ = ["PLOVER_SUFFIX", "plover_type", "to_records", "write_plover", "read_plover", "record_schema", "WRITERS"]

import json
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph import iri as iris
from kgraph.dates import date_precision
from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.io import atomic_output
from kgraph.model import EntityRef, EntityType, Modality, RelationType

if TYPE_CHECKING:
    from kgraph.events import Event
    from kgraph.graph import Assertion, KnowledgeGraph

#: The file name ending of PLOVER record files.
PLOVER_SUFFIX = ".plover.jsonl"

# (relation, trigger words, PLOVER category, mode): the first row whose words occur in a trigger wins;
# otherwise the relation's own category (``RelationType.plover``) with no mode.
_MODES: tuple[tuple[RelationType, frozenset[str], str, str | None], ...] = (
    (RelationType.CONSULTS_WITH, frozenset({"phoned", "phone", "telephoned", "call", "called"}), "CONSULT", "phone"),
    (
        RelationType.CONSULTS_WITH,
        frozenset({"visit", "visited", "visits", "visiting", "arrived", "travelled"}),
        "CONSULT",
        "visit",
    ),
    (RelationType.CONSULTS_WITH, frozenset({"hosted", "hosts", "host", "received", "welcomed"}), "CONSULT", "host"),
    (RelationType.CONSULTS_WITH, frozenset({"mediated", "mediate", "brokered"}), "CONSULT", "third-party"),
    (
        RelationType.COOPERATES_WITH,
        frozenset(
            {"signed", "sign", "signs", "agreed", "agree", "agrees", "deal", "accord", "treaty", "pact", "agreement"}
        ),
        "AGREE",
        None,
    ),
    (RelationType.SANCTIONS, frozenset({"expelled", "expel", "expels", "expulsion"}), "SANCTION", "expel"),
    (RelationType.SANCTIONS, frozenset({"banned", "ban", "bans", "barred"}), "SANCTION", "ban"),
    (RelationType.ATTACKS, frozenset({"shelled", "shelling", "shells", "artillery"}), "FIGHT", "artillery"),
    (
        RelationType.ATTACKS,
        frozenset({"bombed", "bombing", "airstrike", "airstrikes", "air", "drone", "drones"}),
        "FIGHT",
        "aerial",
    ),
    (RelationType.ATTACKS, frozenset({"invaded", "invade", "invasion", "occupied"}), "FIGHT", "occupy"),
    (RelationType.AIDS, frozenset({"troops", "peacekeepers"}), "AID", "military"),
    (RelationType.AIDS, frozenset({"weapons", "arms", "missiles", "ammunition", "tanks"}), "AID", "military"),
    (RelationType.AIDS, frozenset({"asylum", "refuge"}), "AID", "asylum"),
)
_WORD = re.compile(r"[a-z]+")
_CATEGORIES = {r.plover: r for r in RelationType if r.plover} | {
    "AGREE": RelationType.COOPERATES_WITH,
    "FIGHT": RelationType.ATTACKS,
    "DEMAND": RelationType.APPEALS_TO,
    "DISAPPROVE": RelationType.ACCUSES,
}


def plover_type(relation: RelationType, triggers: list[str]) -> tuple[str, str | None]:
    """The PLOVER category and mode of an act, from its relation and trigger words.

    >>> plover_type(RelationType.CONSULTS_WITH, ["visited"]), plover_type(RelationType.APPEALS_TO, ["urged"])
    (('CONSULT', 'visit'), ('REQUEST', None))
    """
    words = {w for t in triggers for w in _WORD.findall(t.lower())}
    for rel, cues, category, mode in _MODES:
        if rel is relation and words & cues:
            return category, mode
    return relation.plover or relation.value, None


def _relation_of(category: str, relation: str | None) -> RelationType:
    if relation:
        try:
            return RelationType(relation)
        except ValueError:
            raise InputError(f"unknown relation {relation!r} in a PLOVER record") from None
    found = _CATEGORIES.get(category.upper())
    if found is None:
        raise InputError(f"PLOVER category {category!r} has no kgraph relation; known: {sorted(_CATEGORIES)}")
    return found


def _country(kg: KnowledgeGraph, node: str) -> str | None:
    data = kg.graph.nodes[node]
    if data["type"] == EntityType.COUNTRY.value:
        return str(data["label"])
    countries = sorted(
        (-len(edge["assertions"]), kg.graph.nodes[target]["label"])
        for _, target, key, edge in kg.graph.out_edges(node, keys=True, data=True)
        if key == RelationType.AFFILIATED_WITH.value and kg.graph.nodes[target]["type"] == EntityType.COUNTRY.value
    )
    return str(countries[0][1]) if countries else None


def _actor(kg: KnowledgeGraph, node: str) -> dict[str, Any]:
    data = kg.graph.nodes[node]
    return {"name": data["label"], "type": data["type"], "iri": node, "country": _country(kg, node)}


def _iso(value: str | None) -> str | None:
    """``value`` when it is an ISO day, year-month or year, else None (the schema's ``isoDate``).

    >>> _iso("2025-03-10"), _iso("2025-13-45"), _iso("Monday")
    ('2025-03-10', None, None)
    """
    return value if value and date_precision(value) else None


def _report(kg: KnowledgeGraph, a: Assertion) -> dict[str, Any]:
    info = kg.documents.get(a.document)
    return {
        "assertion": a.iri,
        "document": info.id if info else a.document,
        "outlet": info.source if info else None,
        "published": info.date if info else None,
        "text": a.evidence,
        "trigger": a.trigger,
        "confidence": a.confidence,
        "date": _iso(a.date),
        "date_text": a.date_text,
    }


def _record(kg: KnowledgeGraph, event: Event, by_iri: dict[str, Assertion]) -> dict[str, Any]:
    reports = [by_iri[r] for r in event.reports]
    category, mode = plover_type(event.relation, [a.trigger for a in reports])
    first = min(reports, key=lambda a: (a.date or "", a.iri))
    return {
        "id": event.iri,
        "event": category,
        "mode": mode,
        "relation": event.relation.value,
        "date": _iso(event.date),
        "source_actor": _actor(kg, event.subject),
        "target_actor": _actor(kg, event.object),
        "text": first.evidence,
        "documents": sorted({kg.documents[d].id if d in kg.documents else d for d in event.documents}),
        "report_count": len(reports),
        "source_count": event.sources,
        "first_report": _iso(event.first_report),
        "last_report": _iso(event.last_report),
        "reports": [_report(kg, a) for a in sorted(reports, key=lambda a: a.iri)],
    }


def to_records(kg: KnowledgeGraph) -> Iterator[dict[str, Any]]:
    """One PLOVER-style record per event of ``kg``, sorted by event IRI.

    >>> from kgraph.graph import KnowledgeGraph
    >>> list(to_records(KnowledgeGraph()))
    []
    """
    by_iri = {a.iri: a for a in kg.assertions()}
    for event in kg.events():
        yield _record(kg, event, by_iri)


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    """The JSON Schema of a record (``ontologies/plover-event.schema.json``)."""
    text = (resources.files("kgraph") / "ontologies" / "plover-event.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


# Characters that ``str.splitlines`` and many JSON Lines tools take for line breaks; json.dumps
# leaves them raw with ensure_ascii=False, so they are escaped to keep one record on one line.
_LINE_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}


def record_line(record: dict[str, Any]) -> str:
    """One record as one JSON line, whatever line-break characters its strings hold.

    >>> record_line({"name": "A" + chr(0x2028) + "B"})
    '{"name": "A\\\\u2028B"}'
    """
    return json.dumps(record, ensure_ascii=False, sort_keys=True).translate(_LINE_BREAKS)


def write_plover(kg: KnowledgeGraph, path: Path) -> None:
    """Write the events of ``kg`` as JSON Lines records to ``path`` (atomically)."""
    with atomic_output(path) as out:
        for record in to_records(kg):
            out.write(record_line(record) + "\n")


def _check(record: object, where: str) -> dict[str, Any]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(record_schema())
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is not None:
        at = "/".join(str(p) for p in error.path) or "record"
        raise InputError(f"{where}: not a PLOVER event record ({at}: {error.message})")
    assert isinstance(record, dict)
    return record


def _ref(actor: dict[str, Any]) -> EntityRef:
    name = str(actor["name"])
    kind = actor.get("type") or (EntityType.COUNTRY.value if actor.get("country") == name else EntityType.GROUP.value)
    return EntityRef(EntityType(kind), name)


def _add_record(kg: KnowledgeGraph, record: dict[str, Any]) -> None:
    from kgraph.graph import Assertion, DocumentInfo

    relation = _relation_of(record["event"], record.get("relation"))
    refs = [_ref(record["source_actor"]), _ref(record["target_actor"])]
    nodes = [str(iris.entity_iri(ref, kg.base)) for ref in refs]
    for ref, node in zip(refs, nodes, strict=True):
        kg._add_node(node, ref.name, ref.type, set(), set(), {})
    reports = record.get("reports") or [
        {"document": d, "text": record.get("text") or "", "date": record.get("date")} for d in record["documents"]
    ]
    for report in reports:
        doc_iri = str(iris.document_iri(str(report["document"]), kg.base))
        if doc_iri not in kg.documents:
            kg.add_document(
                DocumentInfo(doc_iri, str(report["document"]), report.get("outlet"), None, report.get("published"))
            )
        trigger = str(report.get("trigger") or record["event"].lower())
        minted = iris.assertion_iri(str(report["document"]), refs[0], relation, refs[1], 0, trigger, kg.base)
        given = report.get("assertion")
        kg.add_assertion(
            Assertion(
                iri=given if isinstance(given, str) and given.startswith(kg.base) else str(minted),
                subject=nodes[0],
                relation=relation,
                object=nodes[1],
                document=doc_iri,
                evidence=str(report.get("text") or record.get("text") or ""),
                trigger=trigger,
                confidence=float(report.get("confidence", 1.0)),
                modality=Modality.ASSERTED,
                date=report.get("date"),
                date_text=report.get("date_text"),
            )
        )
    for ref, node, actor in zip(refs, nodes, (record["source_actor"], record["target_actor"]), strict=True):
        country = actor.get("country")
        if country and country != ref.name:
            _affiliate(kg, ref, node, EntityRef(EntityType.COUNTRY, str(country)), reports[0])


def _affiliate(kg: KnowledgeGraph, ref: EntityRef, node: str, country: EntityRef, report: dict[str, Any]) -> None:
    from kgraph.graph import Assertion

    target = str(iris.entity_iri(country, kg.base))
    if kg.graph.has_edge(node, target, RelationType.AFFILIATED_WITH.value):
        return
    kg._add_node(target, country.name, country.type, set(), set(), {})
    document = str(report["document"])
    kg.add_assertion(
        Assertion(
            iri=str(iris.assertion_iri(document, ref, RelationType.AFFILIATED_WITH, country, 0, "", kg.base)),
            subject=node,
            relation=RelationType.AFFILIATED_WITH,
            object=target,
            document=str(iris.document_iri(document, kg.base)),
            evidence=str(report.get("text") or country.name),
            trigger="",
            confidence=float(report.get("confidence", 1.0)),
        )
    )


def read_plover(path: Path, base: str) -> KnowledgeGraph:
    """Read PLOVER-style records (as written by :func:`write_plover`, or by another coder) into a graph.

    Each report becomes an assertion of the record's relation (from ``relation``, else from the
    PLOVER ``event`` category) in its document; the actors' countries become ``affiliatedWith``.
    """
    from kgraph.graph import KnowledgeGraph

    kg = KnowledgeGraph(base)
    try:
        lines = Path(path).read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read PLOVER records {str(path)!r}: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: not JSON ({error.msg})") from None
        _add_record(kg, _check(record, where))
    return kg


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {OutputFormat.PLOVER: write_plover}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {OutputFormat.PLOVER: read_plover}
