"""Turn an annotated ``Doc`` into typed ``DocumentRecords``."""

from __future__ import annotations

__all__ = ["doc_to_records"]

from collections import Counter

from spacy.tokens import Doc

from kgraph.model import Document, DocumentRecords, Entity, Mention


def doc_to_records(doc: Doc, document: Document) -> DocumentRecords:
    """Collect the entities, mentions, relations and statements the components set on ``doc``.

    The document's date is copied onto relations that do not carry their own.
    """
    mentions = [
        Mention(m.entity, doc[m.start : m.end].text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]), m.pronoun)
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
    relations = [
        r if r.date or not document.date else _with_date(r, document.date) for r in doc._.kg_relations or ()
    ]
    return DocumentRecords(
        document=document,
        entities=entities,
        mentions=mentions,
        relations=relations,
        statements=list(doc._.kg_statements or ()),
        words=sum(1 for t in doc if not t.is_space and not t.is_punct),
    )


def _with_date(relation, date: str):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(relation, date=date)
