"""Apposition, title, membership and descriptor constructions of ``kgraph_relations`` (real model)."""

from __future__ import annotations

from typing import Any

from kgraph.model import EntityType, RelationType
from tests.relations_helpers import relations, triples


def test_title_apposition_after_the_name(nlp: Any) -> None:
    found = relations(nlp, "Rafael Grossi, director general of the IAEA, met Iran on Monday.")
    by_relation = {(r.relation, r.object.type) for r in found if r.subject.name == "Rafael Grossi"}
    assert (RelationType.HOLDS_POSITION, EntityType.POSITION) in by_relation
    assert (RelationType.LEADS, EntityType.ORGANIZATION) in by_relation
    assert (RelationType.AFFILIATED_WITH, EntityType.ORGANIZATION) in by_relation
    position = next(r.object for r in found if r.relation is RelationType.HOLDS_POSITION)
    assert position.name == "Director General"


def test_possessive_title_before_the_name(nlp: Any) -> None:
    found = triples(nlp, "Somalia's president, Hassan Warsame, welcomed the plan.")
    assert {
        ("Hassan Warsame", "holdsPosition", "President"),
        ("Hassan Warsame", "leads", "Somalia"),
        ("Hassan Warsame", "affiliatedWith", "Somalia"),
    } <= found


def test_deputy_title_does_not_lead(nlp: Any) -> None:
    found = triples(nlp, "Ingrid Larsen, NATO's deputy secretary general, visited Oslo.")
    assert ("Ingrid Larsen", "holdsPosition", "Deputy Secretary General") in found
    assert ("Ingrid Larsen", "affiliatedWith", "NATO") in found
    assert ("Ingrid Larsen", "leads", "NATO") not in found


def test_title_keeps_its_complement(nlp: Any) -> None:
    found = triples(nlp, "Paul Okafor, Nigeria's ambassador to the United Nations, spoke.")
    assert ("Paul Okafor", "holdsPosition", "Ambassador to the United Nations") in found


def test_former_title_is_not_held(nlp: Any) -> None:
    found = triples(nlp, "John Major, Britain's former prime minister, spoke.")
    assert not {t for t in found if t[1] in ("holdsPosition", "leads")}


def test_counterpart_takes_the_office_of_the_other(nlp: Any) -> None:
    found = triples(nlp, "Indian Foreign Minister Arjun Mehta met his Nepali counterpart, Sita Koirala, in Delhi.")
    assert ("Sita Koirala", "holdsPosition", "Foreign Minister") in found
    assert ("Sita Koirala", "affiliatedWith", "Nepal") in found


def test_membership_apposition_multiplies_over_coordination(nlp: Any) -> None:
    found = triples(nlp, "Poland, Lithuania and Estonia, all NATO members, backed Ukraine.")
    assert {(c, "memberOf", "NATO") for c in ("Poland", "Lithuania", "Estonia")} <= found
    assert ("NATO", "supports", "Ukraine") not in found


def test_prenominal_membership(nlp: Any) -> None:
    found = triples(nlp, "NATO members Turkey and Hungary signed a deal.")
    assert {("Turkey", "memberOf", "NATO"), ("Hungary", "memberOf", "NATO")} <= found


def test_predicate_membership(nlp: Any) -> None:
    found = triples(nlp, "Canada and Mexico are members of NATO.")
    assert {("Canada", "memberOf", "NATO"), ("Mexico", "memberOf", "NATO")} <= found


def test_relative_clause_leading_an_organisation(nlp: Any) -> None:
    found = triples(nlp, "Shinzo Abe, who leads the Liberal Democratic Party, met Germany.")
    leads = {t for t in found if t[0] == "Shinzo Abe" and t[1] in ("leads", "affiliatedWith")}
    assert {t[1] for t in leads} == {"leads", "affiliatedWith"}


def test_descriptor_apposition_gives_affiliation(nlp: Any) -> None:
    found = relations(nlp, "Spain fined two Russian state companies, Rosneft and Lukoil, on Monday.")
    affiliated = {
        r.subject.name for r in found if r.relation is RelationType.AFFILIATED_WITH and r.object.name == "Russia"
    }
    assert affiliated == {"Rosneft", "Lukoil"}


def test_place_apposition_gives_location(nlp: Any) -> None:
    assert ("Doha", "locatedIn", "Qatar") in triples(nlp, "They met in Doha, the Qatari capital, on Monday.")


def test_role_noun_inside_a_body_mention_still_gives_the_title(nlp: Any) -> None:
    found = triples(nlp, "A Treasury spokesperson, Laura Bennett, said the list was final.")
    assert ("Laura Bennett", "holdsPosition", "Spokesperson") in found


def test_founding_members_misparsed_as_a_verb(nlp: Any) -> None:
    found = triples(nlp, "Brazil and Argentina are founding members of Mercosur.")
    assert {("Brazil", "memberOf", "Mercosur"), ("Argentina", "memberOf", "Mercosur")} <= found
    assert not [
        t for t in triples(nlp, "The EU is studying the idea of using NATO's bases.") if t[1] == "affiliatedWith"
    ]
