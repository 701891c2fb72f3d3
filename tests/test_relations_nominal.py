"""Nominal, hyphen, anaphora and speech-exhortation constructions of ``kgraph_relations`` (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality, RelationType
from tests.relations_helpers import relations, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Egypt condemned Iran's invasion of Iraq.", ("Iran", "attacks", "Iraq")),
        ("Turkey's condemnation of Sweden came quickly.", ("Turkey", "accuses", "Sweden")),
        ("Armenia's war with Azerbaijan dragged on.", ("Armenia", "inConflictWith", "Azerbaijan")),
        ("Canada's support for Ukraine has grown.", ("Canada", "supports", "Ukraine")),
    ],
)
def test_possessive_nominalisation(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


def test_meeting_between_three_actors_is_pairwise(nlp: Any) -> None:
    found = relations(nlp, "A meeting between Kenya, Uganda and Tanzania ended on Monday.")
    pairs = {frozenset((r.subject.name, r.object.name)) for r in found if r.relation is RelationType.CONSULTS_WITH}
    assert pairs == {frozenset(p) for p in (("Kenya", "Uganda"), ("Kenya", "Tanzania"), ("Uganda", "Tanzania"))}


def test_conflict_between_two_actors(nlp: Any) -> None:
    found = relations(nlp, "The conflict between Sudan and Chad worsened.")
    assert {(r.subject.name, r.object.name) for r in found if r.relation is RelationType.IN_CONFLICT_WITH} == {
        ("Sudan", "Chad")
    }


def test_rejected_demand_is_addressed_to_the_rejecter(nlp: Any) -> None:
    found = triples(nlp, "Serbia rejected Kosovo's demand for a new vote.")
    assert ("Kosovo", "appealsTo", "Serbia") in found
    assert ("Serbia", "rejects", "Kosovo") in found


def test_demand_that_clause_gives_the_addressee(nlp: Any) -> None:
    assert ("Egypt", "appealsTo", "Ethiopia") in triples(nlp, "Egypt demanded that Ethiopia stop filling the dam.")


def test_hyphenated_backer_supports(nlp: Any) -> None:
    assert ("Iran", "supports", "Hezbollah") in triples(
        nlp, "Hezbollah, the Iran-backed militia, fired rockets at Israel."
    )


def test_authored_proposal_is_owned_by_its_drafter(nlp: Any) -> None:
    assert ("Russia", "rejects", "France") in triples(nlp, "Russia vetoed a France-drafted resolution on Thursday.")


def test_event_anaphor_prefers_the_same_act(nlp: Any) -> None:
    text = "Israel struck Syria on Sunday. Syria fired rockets at Jordan. Egypt criticised the strikes."
    found = triples(nlp, text)
    assert ("Egypt", "accuses", "Israel") in found
    assert ("Egypt", "accuses", "Syria") not in found


def test_threat_to_retaliate_targets_the_last_actor_against_the_subject(nlp: Any) -> None:
    assert ("Belarus", "threatens", "Latvia") in triples(
        nlp, "Latvia expelled Belarusian diplomats. Belarus threatened to retaliate."
    )


def test_threat_through_a_clause(nlp: Any) -> None:
    assert ("Iran", "threatens", "Armenia") in triples(nlp, "Iran threatened to cut off electricity to Armenia.")


def test_refusal_through_a_clause(nlp: Any) -> None:
    found = relations(nlp, "Greece refused to meet Turkey.")
    asserted = {(r.subject.name, r.relation.value, r.object.name) for r in found if r.modality is Modality.ASSERTED}
    assert ("Greece", "rejects", "Turkey") in asserted
    assert ("Greece", "consultsWith", "Turkey") not in asserted


def test_speaker_saying_an_actor_must_act_appeals_to_it(nlp: Any) -> None:
    assert ("Germany", "appealsTo", "Poland") in triples(nlp, "Germany said that Poland must respect the ruling.")


def test_attack_on_a_place_in_a_country_attacks_the_country(nlp: Any) -> None:
    found = triples(nlp, "Ukraine struck an oil depot in Russia's Belgorod region.")
    assert ("Ukraine", "attacks", "Russia") in found


def test_possessed_target_is_attacked(nlp: Any) -> None:
    assert ("Israel", "attacks", "Hamas") in triples(nlp, "Israel bombed Hamas weapons depots overnight.")


def test_support_verb_noun_decides_not_the_verb(nlp: Any) -> None:
    found = triples(nlp, "Poland gave a warm welcome to Moldova.")
    assert ("Poland", "aids", "Moldova") not in found


def test_generic_act_noun_refers_to_a_clause_not_a_nominal(nlp: Any) -> None:
    text = (
        "Canada imposed sanctions on the Wagner Group over its supply of weapons to Mali. "
        "Belgian officials welcomed the decision."
    )
    found = triples(nlp, text)
    assert ("Belgium", "supports", "Canada") in found


def test_place_named_by_of_complement(nlp: Any) -> None:
    assert ("Russia", "attacks", "Kharkiv") in triples(nlp, "Russia shelled the city of Kharkiv.")


def test_ruling_body_in_a_capital_stands_for_the_state(nlp: Any) -> None:
    found = triples(nlp, "The junta in Niamey rejected the demand of Nigeria.")
    assert ("Niger", "rejects", "Nigeria") in found


def test_attack_on_a_city_attacks_its_country(nlp: Any) -> None:
    assert ("Russia", "attacks", "Ukraine") in triples(nlp, "Russia struck a power plant in Kharkiv.")


def test_veto_anaphor_targets_the_blocker(nlp: Any) -> None:
    text = "Hungary blocked an EU aid package for Ukraine. Charles Michel criticised the veto."
    found = triples(nlp, text)
    assert ("Hungary", "rejects", "European Union") in found
    assert ("Charles Michel", "accuses", "Hungary") in found
