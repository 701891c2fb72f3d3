"""Helpers shared by the relation tests: run the real pipeline and list what it found."""

from __future__ import annotations

from typing import Any

from kgraph.model import Modality, Relation


def relations(nlp: Any, text: str) -> list[Relation]:
    """Every relation the pipeline finds in ``text``, with ``kgraph_relations``' records checked for provenance."""
    doc = nlp(text)
    found = list(doc._.kg_relations)
    for relation in found:
        assert relation.subject != relation.object, relation
        assert text[relation.start_char : relation.end_char] == relation.evidence, relation
        assert 0.0 < relation.confidence <= 1.0, relation
    return found


def triples(nlp: Any, text: str, modality: Modality = Modality.ASSERTED) -> set[tuple[str, str, str]]:
    """The ``(subject, relation, object)`` names found in ``text`` with ``modality``."""
    return {(r.subject.name, r.relation.value, r.object.name) for r in relations(nlp, text) if r.modality is modality}
