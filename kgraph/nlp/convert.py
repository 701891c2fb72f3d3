"""Turn an annotated ``Doc`` into typed ``DocumentRecords``."""

from __future__ import annotations

__all__ = ["doc_to_records", "prune_unused"]

from collections import Counter
from dataclasses import replace

from spacy.tokens import Doc

from kgraph.dates import iso_date
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Mention, Relation, RelationType
from kgraph.nlp.dates import date_relations, dateline_date
from kgraph.nlp.relations.patterns.base import find_datelines


def prune_unused(entities: list[Entity], relations: list[Relation]) -> tuple[list[Entity], list[Relation]]:
    """Drop the entities that exist only to take part in relations, when they take part in none.

    A ``Group`` ("the French delegation") is kept only when it has a relation of its own
    besides its ``affiliatedWith`` link; a ``Position`` only as the object of ``holdsPosition``.

    >>> team = EntityRef(EntityType.GROUP, "British team")
    >>> uk = EntityRef(EntityType.COUNTRY, "United Kingdom")
    >>> link = Relation(team, RelationType.AFFILIATED_WITH, uk, "the British team", "British", 0.9)
    >>> prune_unused([Entity("British team", EntityType.GROUP)], [link])
    ([], [])
    """
    active_groups = {
        ref
        for r in relations
        for ref in (r.subject, r.object)
        if ref.type is EntityType.GROUP and not (r.relation is RelationType.AFFILIATED_WITH and r.subject == ref)
    }
    held_positions = {r.object for r in relations if r.relation is RelationType.HOLDS_POSITION}

    def keep(ref: EntityRef) -> bool:
        if ref.type is EntityType.GROUP:
            return ref in active_groups
        if ref.type is EntityType.POSITION:
            return ref in held_positions
        return True

    return (
        [e for e in entities if keep(e.ref)],
        [r for r in relations if keep(r.subject) and keep(r.object)],
    )


def doc_to_records(doc: Doc, document: Document) -> DocumentRecords:
    """Collect the entities, mentions, relations and statements the components set on ``doc``.

    Each relation gets the date its clause states ("on Monday"), resolved against the document
    date, or else the document's date; a document without a date takes the one of its dateline
    ("KYIV, March 3, 2025 (Reuters) -"). Statements get the document's date.
    """
    mentions = [
        Mention(
            m.entity, doc[m.start : m.end].text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]), m.pronoun
        )
        for m in doc._.kg_mentions or ()
    ]
    counts = Counter(m.entity for m in mentions)
    infos = doc._.kg_entities or {}
    entities = [
        Entity(
            name=ref.name,
            type=ref.type,
            aliases=frozenset(a for a in info.aliases if a != ref.name),
            geonames_id=info.geonames_id,
            mentions=counts.get(ref, 0),
        )
        for ref, info in sorted(infos.items())
    ]
    datelines = list(find_datelines(doc))
    if not iso_date(document.date):
        found = next((d for line in datelines if (d := dateline_date(doc, line, None))), None)
        document = replace(document, date=found) if found else document
    relations = date_relations(
        doc, (r for r in doc._.kg_relations or () if r.subject != r.object), document.date, datelines=datelines
    )
    entities, relations = prune_unused(entities, relations)
    kept = {e.ref for e in entities} | {ref for r in relations for ref in (r.subject, r.object)}
    statements = [
        s if s.date or not document.date else replace(s, date=document.date) for s in doc._.kg_statements or ()
    ]
    return DocumentRecords(
        document=document,
        entities=entities,
        mentions=[m for m in mentions if m.entity in kept],
        relations=relations,
        statements=statements,
        words=sum(1 for t in doc if not t.is_space and not t.is_punct),
    )
