"""Score kgraph against a gold JSONL set, as ``docs/annotation-guide.md`` describes.

Each gold document is built, written as Turtle, read back with rdflib, and compared:
entities by label and type family, relations by their direct triples (symmetric
relations in either direction). Names are compared case-insensitively, folding a
leading "the", a trailing "'s", punctuation and whitespace.
"""

from __future__ import annotations

__all__ = [
    "GoldEntity",
    "GoldRelation",
    "GoldDocument",
    "Score",
    "Evaluation",
    "normalise",
    "read_gold",
    "score_graph",
    "evaluate",
]

import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS
from spacy.language import Language

from kgraph.errors import InputError
from kgraph.jsonl import read_jsonl
from kgraph.model import Document, EntityType, RelationType
from kgraph.rdf.vocab import class_iri, kg_iri, relation_iri

_SCORED_TYPES = {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.COUNTRY, EntityType.LOCATION, EntityType.GROUP}
_FAMILY = {EntityType.LOCATION: EntityType.COUNTRY}
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Fold a name for matching.

    >>> normalise("The United Kingdom's")
    'united kingdom'
    >>> normalise("U.S.")
    'us'
    """
    text = name.casefold().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"['’]s$", "", text)
    text = _PUNCT.sub("", text)
    return _SPACE.sub(" ", text).strip()


def _family(entity_type: EntityType) -> EntityType:
    return _FAMILY.get(entity_type, entity_type)


@dataclass(frozen=True, slots=True)
class GoldEntity:
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normalise(n) for n in (self.name, *self.aliases))


@dataclass(frozen=True, slots=True)
class GoldRelation:
    subject: str
    relation: RelationType
    object: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    entities: tuple[GoldEntity, ...]
    relations: tuple[GoldRelation, ...]
    source: str | None = None


def read_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSONL file (the ``dev.jsonl`` format)."""
    source = Path(path)
    if not source.is_file():
        raise InputError(f"gold file {str(source)!r} does not exist")
    documents = []
    for line in read_jsonl(source, what="gold file", error=InputError):
        record = line.record
        try:
            documents.append(
                GoldDocument(
                    id=str(record["id"]),
                    text=record["text"],
                    source=record.get("source"),
                    entities=tuple(
                        GoldEntity(e["name"], EntityType(e["type"]), tuple(e.get("aliases") or ()))
                        for e in record.get("entities", ())
                    ),
                    relations=tuple(
                        GoldRelation(r["subject"], RelationType(r["relation"]), r["object"], r.get("evidence", ""))
                        for r in record.get("relations", ())
                    ),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            line.fail(f"not a gold record ({error!r})")
    return documents


@dataclass(slots=True)
class Score:
    """Micro counts and the derived precision, recall and F1."""

    predicted: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.predicted += other.predicted
        self.correct += other.correct
        self.gold += other.gold
        self.found += other.found

    def as_dict(self) -> dict[str, float | int]:
        return {
            **asdict(self),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Evaluation:
    """Scores over a gold set, with per-relation scores and the errors listed."""

    entities: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    by_relation: dict[str, Score] = field(default_factory=dict)
    missed_entities: list[tuple[str, str, str]] = field(default_factory=list)
    false_entities: list[tuple[str, str, str]] = field(default_factory=list)
    missed_relations: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    false_relations: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    documents: int = 0

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "entities": self.entities.as_dict(),
            "relations": self.relations.as_dict(),
            "by_relation": {k: v.as_dict() for k, v in sorted(self.by_relation.items())},
            "missed_entities": self.missed_entities,
            "false_entities": self.false_entities,
            "missed_relations": self.missed_relations,
            "false_relations": self.false_relations,
        }


@dataclass(frozen=True, slots=True)
class _Predicted:
    iri: str
    label: str
    type: EntityType
    keys: frozenset[str]


def _predicted_entities(graph: Graph) -> dict[str, _Predicted]:
    found: dict[str, _Predicted] = {}
    for entity_type in EntityType:
        for node in graph.subjects(RDF.type, URIRef(class_iri(entity_type))):
            label = str(graph.value(node, RDFS.label) or "")
            names = {label, *(str(a) for a in graph.objects(node, SKOS.altLabel))}
            found[str(node)] = _Predicted(str(node), label, entity_type, frozenset(normalise(n) for n in names if n))
    return found


def score_graph(graph: Graph, gold: GoldDocument, evaluation: Evaluation) -> None:
    """Compare one document's predicted RDF with its gold record, adding into ``evaluation``."""
    evaluation.documents += 1
    predicted = _predicted_entities(graph)
    gold_entities = [e for e in gold.entities if e.type in _SCORED_TYPES]

    # Entities: a gold entity is found when a predicted label matches a name/alias with the same family.
    scored = [p for p in predicted.values() if p.type in _SCORED_TYPES]
    for entity in gold_entities:
        evaluation.entities.gold += 1
        if any(normalise(p.label) in entity.keys and _family(p.type) == _family(entity.type) for p in scored):
            evaluation.entities.found += 1
        else:
            evaluation.missed_entities.append((gold.id, entity.name, entity.type.value))
    for p in scored:
        evaluation.entities.predicted += 1
        if any(normalise(p.label) in e.keys and _family(p.type) == _family(e.type) for e in gold_entities):
            evaluation.entities.correct += 1
        else:
            evaluation.false_entities.append((gold.id, p.label, p.type.value))

    # Relations: ends resolve through label or altLabel to gold names.
    by_name = {e.name: e for e in gold.entities}

    def resolves(node: str, name: str) -> bool:
        entity = by_name.get(name)
        keys = entity.keys if entity else frozenset({normalise(name)})
        return node in predicted and bool(predicted[node].keys & keys)

    triples: set[tuple[str, RelationType, str]] = set()
    for relation in RelationType:
        for s, o in graph.subject_objects(URIRef(relation_iri(relation))):
            a, b = str(s), str(o)
            if relation.symmetric and b < a:
                a, b = b, a
            triples.add((a, relation, b))

    def matches(triple: tuple[str, RelationType, str], g: GoldRelation) -> bool:
        s, relation, o = triple
        if relation is not g.relation:
            return False
        if resolves(s, g.subject) and resolves(o, g.object):
            return True
        return relation.symmetric and resolves(o, g.subject) and resolves(s, g.object)

    gold_relations = sorted(set(gold.relations), key=lambda r: (r.subject, r.relation.value, r.object))
    for g in gold_relations:
        per = evaluation.by_relation.setdefault(g.relation.value, Score())
        per.gold += 1
        evaluation.relations.gold += 1
        if any(matches(t, g) for t in triples):
            per.found += 1
            evaluation.relations.found += 1
        else:
            evaluation.missed_relations.append((gold.id, g.subject, g.relation.value, g.object, g.evidence))
    for t in sorted(triples, key=lambda t: (t[0], t[1].value, t[2])):
        per = evaluation.by_relation.setdefault(t[1].value, Score())
        per.predicted += 1
        evaluation.relations.predicted += 1
        if any(matches(t, g) for g in gold_relations):
            per.correct += 1
            evaluation.relations.correct += 1
        else:
            subject_label = predicted[t[0]].label if t[0] in predicted else t[0]
            object_label = predicted[t[2]].label if t[2] in predicted else t[2]
            evaluation.false_relations.append((gold.id, subject_label, t[1].value, object_label, _evidence(graph, t)))


def _evidence(graph: Graph, triple: tuple[str, RelationType, str]) -> str:
    s, relation, o = triple
    for node in graph.subjects(RDF.subject, URIRef(s)):
        if (node, RDF.predicate, URIRef(relation_iri(relation))) in graph and (node, RDF.object, URIRef(o)) in graph:
            return str(graph.value(node, URIRef(kg_iri("evidence"))) or "")
    return ""


def evaluate(
    gold: Sequence[GoldDocument] | str | Path, *, nlp: Language | None = None, ids: Iterable[str] = ()
) -> Evaluation:
    """Build every gold document, write and re-read its Turtle, and score it.

    Args:
        gold: gold documents, or the path of a gold JSONL file.
        nlp: a loaded kgraph pipeline (the default one is loaded otherwise).
        ids: only score the documents whose id matches one of these (glob patterns allowed; all when empty).
    """
    from kgraph.build import build
    from kgraph.nlp.pipeline import load_pipeline

    documents = read_gold(gold) if isinstance(gold, (str, Path)) else list(gold)
    wanted = set(ids)
    pipeline = nlp or load_pipeline()
    evaluation = Evaluation()
    with tempfile.TemporaryDirectory(prefix="kgraph-eval-") as tmp:
        for document in documents:
            if wanted and not any(fnmatchcase(document.id, pattern) for pattern in wanted):
                continue
            kg = build(Document(id=document.id, text=document.text, source=document.source), nlp=pipeline)
            out = Path(tmp) / "graph.ttl"
            kg.write_turtle(out)
            graph = Graph()
            graph.parse(out, format="turtle")
            score_graph(graph, document, evaluation)
    return evaluation
