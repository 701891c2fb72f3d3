"""Verbal constructions of ``kgraph_relations`` on sentences written for these tests (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality, RelationType
from tests.relations_helpers import relations, triples


def test_active_subject_verb_object(nlp: Any) -> None:
    assert ("Germany", "accuses", "Hungary") in triples(nlp, "Germany condemned Hungary on Tuesday.")


def test_passive_with_agent(nlp: Any) -> None:
    assert ("Volodymyr Zelensky", "leads", "Ukraine") in triples(nlp, "Ukraine is led by Volodymyr Zelensky.")


def test_passive_without_agent_gives_nothing(nlp: Any) -> None:
    assert not {t for t in triples(nlp, "Ukraine was attacked on Monday.") if t[1] == "attacks"}


def test_phrasal_verb_call_on(nlp: Any) -> None:
    assert ("Canada", "appealsTo", "Mexico") in triples(nlp, "Canada called on Mexico to reopen the border.")


def test_prepositional_object_meet_with(nlp: Any) -> None:
    assert ("Kenya", "consultsWith", "Uganda") in triples(nlp, "Kenya met with Uganda in Nairobi.")


def test_control_clause_urge_to(nlp: Any) -> None:
    found = triples(nlp, "Norway urged Sweden to open its borders.")
    assert ("Norway", "appealsTo", "Sweden") in found


def test_subject_control_agree_to(nlp: Any) -> None:
    found = triples(nlp, "Brazil and Argentina agreed to cut tariffs.")
    assert ("Brazil", "cooperatesWith", "Argentina") in found


def test_coordinated_objects_one_relation_each(nlp: Any) -> None:
    found = triples(nlp, "China criticised Japan, Australia and India.")
    assert {("China", "accuses", o) for o in ("Japan", "Australia", "India")} <= found


def test_coordinated_subjects_and_objects_multiply(nlp: Any) -> None:
    found = triples(nlp, "Germany and France urged Serbia and Kosovo to resume talks.")
    assert {(s, "appealsTo", o) for s in ("Germany", "France") for o in ("Serbia", "Kosovo")} <= found


def test_symmetric_relation_pairwise_among_coordinated_subjects(nlp: Any) -> None:
    found = relations(nlp, "Japan, China and India met in Delhi on Friday.")
    pairs = {frozenset((r.subject.name, r.object.name)) for r in found if r.relation is RelationType.CONSULTS_WITH}
    assert pairs == {frozenset(p) for p in (("Japan", "China"), ("Japan", "India"), ("China", "India"))}
    for r in found:  # the first-mentioned actor is the subject
        if r.relation is RelationType.CONSULTS_WITH:
            assert "Japan China India".index(r.subject.name) < "Japan China India".index(r.object.name)


def test_coordinated_verbs_share_the_subject(nlp: Any) -> None:
    found = triples(nlp, "Iran rejected the proposal and warned Israel of consequences.")
    assert ("Iran", "threatens", "Israel") in found


def test_participle_clause_inherits_subject(nlp: Any) -> None:
    found = triples(nlp, "Lithuania closed the border on Friday, accusing Belarus of provocations.")
    assert ("Lithuania", "accuses", "Belarus") in found


def test_relative_clause_subject_is_the_antecedent(nlp: Any) -> None:
    found = triples(nlp, "Emmanuel Macron, who met Vladimir Putin on Monday, criticised Germany.")
    assert ("Emmanuel Macron", "consultsWith", "Vladimir Putin") in found
    assert ("Emmanuel Macron", "accuses", "Germany") in found


def test_passive_hosting_of_talks_between_parties(nlp: Any) -> None:
    found = relations(nlp, "Talks between Russia and Ukraine were hosted by Turkey.")
    pairs = {frozenset((r.subject.name, r.object.name)) for r in found if r.relation is RelationType.CONSULTS_WITH}
    assert pairs == {frozenset(p) for p in (("Russia", "Ukraine"), ("Russia", "Turkey"), ("Ukraine", "Turkey"))}


def test_support_verb_hold_talks_with(nlp: Any) -> None:
    found = triples(nlp, "Germany and France held talks with Poland on Monday.")
    assert ("Germany", "consultsWith", "Poland") in found
    assert ("France", "consultsWith", "Poland") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia imposed sanctions on Lithuania.", ("Russia", "sanctions", "Lithuania")),
        ("Turkey slapped tariffs on Greece.", ("Turkey", "sanctions", "Greece")),
        ("Poland expressed support for Ukraine.", ("Poland", "supports", "Ukraine")),
        ("Mali suspended diplomatic relations with Algeria.", ("Mali", "sanctions", "Algeria")),
    ],
)
def test_support_verb_constructions(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


def test_dative_to_object_and_purpose_clause_give_aid(nlp: Any) -> None:
    assert ("Norway", "aids", "Ukraine") in triples(nlp, "Norway provided money to Ukraine.")
    found = triples(nlp, "Sweden and Finland provided 300 million euros to rebuild Moldova's rail network.")
    assert {("Sweden", "aids", "Moldova"), ("Finland", "aids", "Moldova")} <= found


def test_inverse_entry_receive_from(nlp: Any) -> None:
    assert ("France", "aids", "Germany") in triples(nlp, "Germany received weapons from France.")


def test_exchanged_fire_attacks_both_ways(nlp: Any) -> None:
    found = triples(nlp, "India and Pakistan exchanged fire on Sunday.")
    assert {("India", "attacks", "Pakistan"), ("Pakistan", "attacks", "India")} <= found


def test_object_owned_by_an_actor(nlp: Any) -> None:
    found = triples(nlp, "Hezbollah rejected Lebanon's demand that its fighters disarm.")
    assert ("Hezbollah", "rejects", "Lebanon") in found


def test_reaction_to_an_earlier_act_targets_its_agent(nlp: Any) -> None:
    found = triples(nlp, "Russia imposed sanctions on Estonia. Estonia rejected the sanctions.")
    assert ("Estonia", "rejects", "Russia") in found


def test_unmapped_verb_between_two_actors_is_related_to(nlp: Any) -> None:
    # ("joined NATO" is now membership: tests/test_relations_third.py)
    found = [r for r in relations(nlp, "Finland replaced Sweden in April.") if r.relation is RelationType.RELATED_TO]
    assert [(r.subject.name, r.object.name, r.trigger) for r in found] == [("Finland", "Sweden", "replaced")]
    assert found[0].confidence < 0.5


def test_speech_verbs_are_not_related_to(nlp: Any) -> None:
    assert not [
        r
        for r in relations(nlp, "Germany told Poland that the talks were over.")
        if r.relation is RelationType.RELATED_TO
    ]


def test_no_relation_from_an_entity_to_itself(nlp: Any) -> None:
    assert not triples(nlp, "Ukraine and Ukraine met.")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("France did not meet Germany.", Modality.NEGATED),
        ("Russia will invade Ukraine next week.", Modality.FUTURE),
        ("Germany could impose sanctions on Iran.", Modality.HYPOTHETICAL),
    ],
)
def test_non_asserted_relations_are_flagged(nlp: Any, text: str, modality: Modality) -> None:
    found = relations(nlp, text)
    assert found and all(
        r.modality is not Modality.ASSERTED for r in found if r.relation is not RelationType.RELATED_TO
    )


def test_third_party_claim_is_reported_with_speaker(nlp: Any) -> None:
    found = [r for r in relations(nlp, "Kenya said Uganda attacked Rwanda.") if r.relation is RelationType.ATTACKS]
    assert [(r.subject.name, r.object.name, r.modality, r.speaker and r.speaker.name) for r in found] == [
        ("Uganda", "Rwanda", Modality.REPORTED, "Kenya")
    ]


def test_accusation_itself_is_asserted_not_the_alleged_act(nlp: Any) -> None:
    found = relations(nlp, "Kenya accused Uganda of attacking Rwanda.")
    asserted = {(r.subject.name, r.relation.value, r.object.name) for r in found if r.modality is Modality.ASSERTED}
    assert ("Kenya", "accuses", "Uganda") in asserted
    assert ("Uganda", "attacks", "Rwanda") not in asserted


def test_evidence_and_offsets(nlp: Any) -> None:
    text = "On Monday, Spain condemned Morocco. Later it rained."
    found = [r for r in relations(nlp, text) if r.relation is RelationType.ACCUSES]
    assert [(r.evidence, r.trigger, r.confidence) for r in found] == [("Spain condemned Morocco", "condemned", 0.9)]
    assert text[found[0].start_char : found[0].end_char] == "Spain condemned Morocco"


def test_document_speaks_for_its_issuer(nlp: Any) -> None:
    text = "The United Nations Security Council adopted a resolution calling on Israel and Hamas to agree to a truce."
    found = triples(nlp, text)
    assert {("United Nations Security Council", "appealsTo", o) for o in ("Israel", "Hamas")} <= found


def test_document_takes_the_modality_of_its_issuing_verb(nlp: Any) -> None:
    found = relations(nlp, "Austria did not sign a joint letter backing Estonia.")
    assert not [r for r in found if r.relation is RelationType.SUPPORTS and r.modality is Modality.ASSERTED]


def test_act_warned_against_is_not_asserted(nlp: Any) -> None:
    found = relations(nlp, "The White House warned Pyongyang against supplying weapons to Moscow.")
    assert any(r.relation is RelationType.THREATENS and r.object.name == "North Korea" for r in found)
    assert [r.modality for r in found if r.relation is RelationType.AIDS] == [Modality.HYPOTHETICAL]


def test_related_to_needs_a_named_actor_object_not_a_place_or_owner(nlp: Any) -> None:
    found = relations(nlp, "Azerbaijan retook Nagorno-Karabakh. Serbia questioned Kosovo's independence.")
    assert not [r for r in found if r.relation is RelationType.RELATED_TO]


def test_lemmatiser_miss_falls_back_to_the_word_form(nlp: Any) -> None:
    assert ("Spain", "sanctions", "Portugal") in triples(nlp, "Spain fined Portugal on Monday.")


def test_headline_official_is_the_named_official(nlp: Any) -> None:
    text = "US official urges EU to act\nUS Secretary of State Marco Rubio urged Europe to act."
    found = triples(nlp, text)
    assert ("Marco Rubio", "appealsTo", "European Union") in found
    assert ("United States", "appealsTo", "European Union") not in found


def test_unnamed_official_stands_for_the_state(nlp: Any) -> None:
    assert ("United Kingdom", "appealsTo", "Libya") in triples(
        nlp, "A British minister urged Libya to hand over the suspects."
    )


@pytest.mark.parametrize(
    "text",
    [
        "France did not condemn Russia.",
        "Will China invade Taiwan?",
        "Germany could send tanks to Ukraine.",
        "Japan is expected to meet South Korea next week.",
        "Turkey offered to host talks between Russia and Ukraine.",
        "Iran pledged to help Syria.",
        "If Russia attacks Poland, NATO will respond.",
        "Kenya said Uganda had attacked Rwanda.",
        "Serbia denied arming the rebels.",
        "Brazil hopes to join the OECD.",
        "Egypt has not yet called for a meeting with Israel.",
        "Spain refused to comment on Morocco.",
        "North Korea fired missiles into the sea.",
        "India and China have a long-running border dispute.",
        "The meeting in Paris was chaired by France.",
        "Russia shared a border with Finland.",
        "Ukraine wants Germany to supply missiles.",
    ],
)
def test_distractors_assert_no_event(nlp: Any, text: str) -> None:
    asserted = [r for r in relations(nlp, text) if r.modality is Modality.ASSERTED and not r.relation.static]
    assert asserted == []


def test_exchanged_fire_with_pairs_sides_not_allies(nlp: Any) -> None:
    found = triples(nlp, "South Korean and US troops exchanged fire with North Korean soldiers.")
    assert {("South Korea", "attacks", "North Korea"), ("North Korea", "attacks", "United States")} <= found
    assert ("South Korea", "attacks", "United States") not in found


def test_described_official_outside_a_headline_is_the_state(nlp: Any) -> None:
    text = "Joe Biden, the US president, met Xi Jinping. A US official later urged China to act."
    found = triples(nlp, text)
    assert ("United States", "appealsTo", "China") in found
    assert ("Joe Biden", "appealsTo", "China") not in found
