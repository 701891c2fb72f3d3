"""Unnamed collectives that act become Groups; anaphors and an actor's own people do not."""

from __future__ import annotations

from typing import Any

from kgraph.model import EntityType

G = EntityType.GROUP


def groups(doc: Any) -> set[str]:
    return {m.entity.name for m in doc._.kg_mentions if m.entity.type is G}


def triples(doc: Any) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.relation.value, r.object.name) for r in doc._.kg_relations}


def test_described_collectives_are_groups(nlp: Any) -> None:
    doc = nlp("Two opposition lawmakers accused Hungary of blocking the aid.")
    assert ("opposition lawmakers", "accuses", "Hungary") in triples(doc)
    doc = nlp("Separatist forces in the east attacked Ukrainian positions.")
    assert ("separatist forces in the east", "attacks", "Ukraine") in triples(doc)
    doc = nlp("Western nations accused Russia of stalling the inquiry.")
    assert "western nations" in groups(doc)
    doc = nlp("Sharif thanked China and other friendly countries for their help.")
    assert ("Sharif", "supports", "other friendly countries") in triples(doc)
    doc = nlp("Several ministers criticised Lisbon's decision.")
    assert "ministers" in groups(doc)


def test_collective_with_a_place_inside(nlp: Any) -> None:
    doc = nlp("Saudi Arabia thanked its Gulf partners, and Gulf partners praised Riyadh.")
    assert "Gulf partners" in groups(doc)


def test_anaphors_and_own_people_are_no_groups(nlp: Any) -> None:
    assert not groups(nlp("Kyrgyzstan and Tajikistan agreed a truce, and the two countries pulled back troops."))
    assert not groups(nlp("French officials welcomed the decision."))
    assert not groups(nlp("Government forces blamed the rebels' leaders for the mutiny."))
    assert not groups(nlp("Officials said the talks were useful."))
    assert not groups(nlp("Officials in each country praised the deal."))
