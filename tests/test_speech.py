"""Reported speech: speakers, speaking for an actor, and the attribution the relation layer uses."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import EntityRef, EntityType, Modality, Relation, RelationType
from kgraph.nlp.extensions import mention_index
from kgraph.nlp.relations.speech import attribute, reporting_speaker, reporting_speakers, speaks_for


def _token(doc: Any, word: str) -> Any:
    for token in doc:
        if token.text == word:
            return token
    raise AssertionError(f"{word!r} not in {doc.text!r}")


def _mention_of(doc: Any, word: str) -> Any:
    index = mention_index(doc)
    token = _token(doc, word)
    assert token.i in index, f"the actors component found no mention at {word!r} in {doc.text!r}"
    return index[token.i]


# (sentence, trigger word, a word inside the expected speaker's mention or None)
SPEAKER_CASES = [
    ("Poland said Russian troops had shelled Kharkiv.", "shelled", "Poland"),
    ("Poland said on Monday that Russia had attacked Ukraine.", "attacked", "Poland"),
    ("Russia attacked Ukraine overnight, Poland said.", "attacked", "Poland"),
    ("Russia attacked Georgia, according to Reuters.", "attacked", "Reuters"),
    ('"Russia attacked Ukraine," Poland said.', "attacked", "Poland"),
    ("Poland told Reuters that Russia had attacked Ukraine.", "attacked", "Poland"),
    ("Chile accused Peru of arming the rebels.", "arming", "Chile"),
    ("Chile blamed Peru for attacking Bolivia.", "attacking", "Chile"),
    ("Chile responded by accusing Peru of arming the rebels.", "arming", "Chile"),
    ("Poland claimed that Russia had bombed Ukraine.", "bombed", "Poland"),
    ("Poland said Russia had bombed Ukraine and that Belarus had helped.", "helped", "Poland"),
    ("Russia attacked Georgia.", "attacked", None),
    ("Gabon accused Cameroon of arming the rebels, a charge Yaounde denies.", "accused", None),
    ("The EU condemned Russia for attacking Ukraine.", "attacking", None),  # condemning X for Y presupposes Y
    ("Chile said nothing, and Peru attacked Bolivia.", "attacked", None),
    ("Macron, who met Scholz, said nothing new.", "met", None),
]


@pytest.mark.parametrize(("sentence", "word", "speaker"), SPEAKER_CASES, ids=[s[:50] for s, _, _ in SPEAKER_CASES])
def test_reporting_speaker(nlp: Any, sentence: str, word: str, speaker: str | None) -> None:
    doc = nlp(sentence)
    found = reporting_speaker(_token(doc, word), mention_index(doc))
    if speaker is None:
        assert found is None
    else:
        assert found is not None, f"no speaker for {word!r} in {sentence!r}"
        assert speaker in doc[found.start : found.end].text


def test_coordinated_speakers_are_all_returned(nlp: Any) -> None:
    doc = nlp("Chile and Peru said Bolivia had closed the border.")
    found = reporting_speakers(_token(doc, "closed"), mention_index(doc))
    assert {doc[m.start : m.end].text for m in found} >= {"Chile", "Peru"}


def _ref(name: str, kind: EntityType = EntityType.COUNTRY) -> EntityRef:
    return EntityRef(kind, name)


def _link(subject: EntityRef, relation: RelationType, obj: EntityRef) -> Relation:
    return Relation(subject, relation, obj, evidence="", trigger="", confidence=1.0)


def test_speaks_for_same_entity(nlp: Any) -> None:
    doc = nlp("x")
    doc._.kg_relations = []
    assert speaks_for(doc, _ref("Israel"), _ref("Israel"))
    assert not speaks_for(doc, _ref("Israel"), _ref("Lebanon"))


def test_speaks_for_through_office_and_affiliation(nlp: Any) -> None:
    doc = nlp("x")
    spokesperson = _ref("Dana Ortiz", EntityType.PERSON)
    ministry = _ref("Ministry of Defence", EntityType.ORGANIZATION)
    leader = _ref("Ana Vela", EntityType.PERSON)
    doc._.kg_relations = [
        _link(spokesperson, RelationType.AFFILIATED_WITH, ministry),
        _link(ministry, RelationType.AFFILIATED_WITH, _ref("Chile")),
        _link(leader, RelationType.LEADS, _ref("Peru")),
        _link(_ref("Army of Peru", EntityType.ORGANIZATION), RelationType.AFFILIATED_WITH, _ref("Peru")),
    ]
    assert speaks_for(doc, spokesperson, ministry)
    assert speaks_for(doc, spokesperson, _ref("Chile"))  # through the ministry
    assert speaks_for(doc, leader, _ref("Peru"))
    assert speaks_for(doc, _ref("Peru"), _ref("Army of Peru", EntityType.ORGANIZATION))  # a state for its army
    assert not speaks_for(doc, spokesperson, _ref("Peru"))
    assert not speaks_for(doc, leader, _ref("Chile"))


def test_speaks_for_ignores_non_asserted_links(nlp: Any) -> None:
    doc = nlp("x")
    person = _ref("Dana Ortiz", EntityType.PERSON)
    doc._.kg_relations = [
        Relation(person, RelationType.LEADS, _ref("Chile"), "", "", 1.0, modality=Modality.FUTURE),
    ]
    assert not speaks_for(doc, person, _ref("Chile"))


def test_attribute_claim_about_another_actor_is_reported(nlp: Any) -> None:
    doc = nlp("Poland said Russia had attacked Ukraine.")
    russia = _mention_of(doc, "Russia").entity
    modality, speaker = attribute(_token(doc, "attacked"), russia, mention_index(doc), doc)
    assert modality is Modality.REPORTED
    assert speaker == _mention_of(doc, "Poland").entity


def test_attribute_speaker_reporting_its_own_act_is_asserted(nlp: Any) -> None:
    doc = nlp("Poland said on Monday that Poland had delivered tanks to Ukraine.")
    poland = _mention_of(doc, "Poland").entity
    assert attribute(_token(doc, "delivered"), poland, mention_index(doc), doc) == (Modality.ASSERTED, None)


def test_attribute_spokesperson_speaks_for_the_state(nlp: Any) -> None:
    doc = nlp("Andrzej Nowak said Poland had delivered tanks to Ukraine.")
    nowak = mention_index(doc)[_token(doc, "Nowak").i].entity
    poland = _mention_of(doc, "Poland").entity
    doc._.kg_relations = []
    assert attribute(_token(doc, "delivered"), poland, mention_index(doc), doc)[0] is Modality.REPORTED
    doc._.kg_relations = [_link(nowak, RelationType.AFFILIATED_WITH, poland)]
    assert attribute(_token(doc, "delivered"), poland, mention_index(doc), doc) == (Modality.ASSERTED, None)


def test_attribute_accusation_is_a_claim(nlp: Any) -> None:
    doc = nlp("Chile accused Peru of arming the rebels.")
    peru = _mention_of(doc, "Peru").entity
    modality, speaker = attribute(_token(doc, "arming"), peru, mention_index(doc), doc)
    assert (modality, speaker) == (Modality.REPORTED, _mention_of(doc, "Chile").entity)
    # the accusation itself is asserted
    chile = _mention_of(doc, "Chile").entity
    assert attribute(_token(doc, "accused"), chile, mention_index(doc), doc) == (Modality.ASSERTED, None)


def test_attribute_negation_wins_over_speech(nlp: Any) -> None:
    doc = nlp("Poland said Russia did not attack Ukraine.")
    russia = _mention_of(doc, "Russia").entity
    assert attribute(_token(doc, "attack"), russia, mention_index(doc), doc) == (Modality.NEGATED, None)


# (sentence, trigger word, subject word, expected modality): who the speaker is decides.
SOURCE_CASES = [
    ("Russia attacked Georgia overnight, Reuters reported.", "attacked", "Russia", Modality.ASSERTED),
    ("Russia attacked Georgia overnight, the Washington Post reported.", "attacked", "Russia", Modality.ASSERTED),
    (
        "Chile warned Peru of consequences, according to its state news agency Orbe.",
        "warned",
        "Chile",
        Modality.ASSERTED,
    ),
    ("Syria's official news agency SANA said Israel had struck Damascus.", "struck", "Israel", Modality.REPORTED),
    ("The Kremlin said Russian forces had struck Kyiv.", "struck", "Russian", Modality.ASSERTED),
    ("Sudan's army said the RSF had shelled a clinic in Kadugli.", "shelled", "RSF", Modality.REPORTED),
    (
        "Congolese officials said Rwandan soldiers had fought beside the rebels.",
        "fought",
        "Rwandan",
        Modality.REPORTED,
    ),
]


@pytest.mark.parametrize(
    ("sentence", "word", "subject", "expected"), SOURCE_CASES, ids=[s[:50] for s, *_ in SOURCE_CASES]
)
def test_attribute_by_source(nlp: Any, sentence: str, word: str, subject: str, expected: Modality) -> None:
    doc = nlp(sentence)
    actor = _mention_of(doc, subject).entity
    modality, speaker = attribute(_token(doc, word), actor, mention_index(doc), doc)
    assert modality is expected
    assert (speaker is not None) is (expected is Modality.REPORTED)


def test_attribute_joint_act_reported_by_one_partner(nlp: Any) -> None:
    doc = nlp("Rwandan and Mozambican soldiers launched a joint offensive against the rebels, the Rwandan army said.")
    mozambique = _mention_of(doc, "Mozambican").entity
    assert attribute(_token(doc, "launched"), mozambique, mention_index(doc), doc) == (Modality.ASSERTED, None)


def test_attribute_joint_act_of_others_stays_reported(nlp: Any) -> None:
    doc = nlp("Kyiv said Russian and Belarusian troops had attacked Chernihiv.")
    belarus = _mention_of(doc, "Belarusian").entity
    assert attribute(_token(doc, "attacked"), belarus, mention_index(doc), doc)[0] is Modality.REPORTED
