"""modality_of on sentences written for these tests, parsed by the real model."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from kgraph.errors import DictionaryError
from kgraph.model import Modality, RelationType
from kgraph.nlp.relations.modality import load_modality_lexicon, modality_of

A = Modality.ASSERTED
N = Modality.NEGATED
H = Modality.HYPOTHETICAL
F = Modality.FUTURE
C = Modality.CONDITIONAL
Q = Modality.INTERROGATIVE
R = Modality.REPORTED

# (sentence, trigger word, expected modality)
CASES = [
    # asserted baselines
    ("Chile met Peru in Lima on Monday.", "met", A),
    ("Argentina held talks with Uruguay last week.", "talks", A),
    ("Kenya said Ethiopia backs the new peace plan.", "backs", A),
    ("Belarus threatened to retaliate against Latvia.", "threatened", A),
    ("Belarus threatened to retaliate against Latvia.", "retaliate", A),
    ("Spain rejected Morocco's demand for a border review.", "demand", A),
    ("The minister met Kenyan officials in Nairobi to discuss a new trade route.", "discuss", A),
    ("Ghana backed Togo, while Benin did not sign the joint declaration.", "backed", A),
    ("Peru did not meet Chile but signed a deal with Bolivia.", "signed", A),
    ("Chile has long accused Peru of spying; Bolivia rejects the claim.", "accused", A),
    ("Ghana criticised Togo over the deal and threatened sanctions if it kept the border shut.", "criticised", A),
    ("Later, the Greek premier met his Turkish counterpart.", "met", A),
    # negated
    ("Norway did not meet Sweden.", "meet", N),
    ("Portugal has never attacked Spain.", "attacked", N),
    ("Italy has not yet called for an emergency summit of the alliance.", "called", N),
    ("No sanctions were imposed on Syria.", "imposed", N),
    ("No sanctions were imposed on Syria.", "sanctions", N),
    ("Canada imposed no sanctions on Cuba.", "sanctions", N),
    ("Hungary did not agree to meet Slovakia.", "meet", N),
    ("Hungary did not agree to share data with Slovakia.", "share", N),
    ("Serbia refused to meet Kosovo's envoy.", "meet", N),
    ("Caracas has denied arming the rebels in the region.", "arming", N),
    ("Hungary has yet to ratify Sweden's accession.", "ratify", N),
    ("Britain ruled out sending troops to Moldova.", "sending", N),
    ("Chile called off talks with Peru.", "talks", N),
    ("Canada stopped short of accusing Cuba of spying.", "accusing", N),
    ("Iran denied that it had supplied drones to Sudan.", "supplied", N),
    ("Egypt expanded its operation without consulting Jordan.", "consulting", N),
    ("Tunisia would not attend the talks in Rome unless Libya was invited.", "attend", N),
    ("Tunisia would not attend the talks in Rome unless Libya was invited.", "talks", N),
    # hypothetical
    ("Denmark could impose sanctions on Iceland.", "impose", H),
    ("Austria may seek a resolution censuring Serbia.", "seek", H),
    ("Pakistan might strike Afghan camps.", "strike", H),
    ("Croatia would send troops to Bosnia.", "send", H),
    ("The Gulf states called for sanctions on Syria.", "sanctions", H),
    ("Ecuador is exploring the possibility of buying drones from Israel.", "buying", H),
    ("Georgia hopes to join the alliance.", "join", H),
    ("Armenia is ready to negotiate with Azerbaijan.", "negotiate", H),
    ("Moscow may have supplied the missiles to Pyongyang.", "supplied", H),
    ("Asia must draw up practical plans.", "draw", H),
    ("Asia must draw up practical plans.", "must", A),
    # future, planned, offered, pledged
    ("Russia will invade Estonia next week.", "invade", F),
    ("The Chinese premier will visit Canberra.", "visit", F),
    ("The bloc is expected to announce new measures against Minsk.", "announce", F),
    ("The envoy is due to brief the Security Council next week.", "brief", F),
    ("Japan plans to impose tariffs on Korean steel.", "impose", F),
    ("India intends to meet Bangladesh over the water dispute.", "meet", F),
    ("Turkey hosts the Swedish foreign minister next week.", "hosts", F),
    ("Iran is going to attack Iraqi Kurdistan.", "attack", F),
    ("Austria to expel Russian diplomats", "expel", F),
    ("The talks between India and Nepal are scheduled for next week.", "talks", F),
    ("The summit is being held in Rome next week.", "held", F),
    ("The summit was held in Rome last week.", "held", A),
    ("The two leaders are meeting in Geneva on Friday.", "meeting", A),
    ("Israel struck Gaza after Hamas fired rockets.", "struck", A),
    ("The ministers will meet and sign a pact.", "sign", F),
    ("Latvia and Poland agreed to meet again in June.", "meet", F),
    ("Latvia and Poland agreed to share border data.", "share", A),
    ("Iran will hold talks with the agency.", "talks", F),
    ("Kenya offered to host talks between Sudan and Chad.", "talks", F),
    ("Kenya offered to host talks between Sudan and Chad.", "offered", A),
    ("Canada pledged to help Haiti rebuild its police force.", "help", F),
    ("Belarus threatened to invade Lithuania.", "invade", F),
    ("Uruguay backed Paraguay's bid to join the trade bloc.", "join", F),
    # conditional
    ("Mexico could expand the tariffs if the talks failed.", "failed", C),
    ("Chile sends troops to Bolivia unless Peru withdraws.", "sends", C),
    # interrogative
    ("Will the truce between Armenia and Azerbaijan hold?", "hold", Q),
    ("Could Nepal and Bhutan meet before the end of the year?", "meet", Q),
    ("Thailand did not say whether Laos would request more aid.", "request", Q),
    # hedges
    ("Israel reportedly struck Syrian air-defence sites.", "struck", R),
    ("Analysts said Hanoi could respond by sending more patrol boats.", "sending", H),
]


def _token(doc: Any, word: str) -> Any:
    for token in doc:
        if token.text == word:
            return token
    raise AssertionError(f"{word!r} not in {doc.text!r}")


@pytest.mark.parametrize(("sentence", "word", "expected"), CASES, ids=[f"{w}:{e.value}:{s[:40]}" for s, w, e in CASES])
def test_modality_of(nlp: Any, sentence: str, word: str, expected: Modality) -> None:
    doc = nlp(sentence)
    assert modality_of(_token(doc, word)) is expected


def test_custom_lexicon_is_used(nlp: Any, tmp_path: Path) -> None:
    data = json.loads(resources.files("kgraph.nlp").joinpath("data/modality.json").read_text(encoding="utf-8"))
    data["modal_auxiliaries"]["might"] = "future"
    path = tmp_path / "modality.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = nlp("Pakistan might strike Afghan camps.")
    assert modality_of(_token(doc, "strike"), load_modality_lexicon(path)) is Modality.FUTURE


def test_bad_lexicon_value_names_it(tmp_path: Path) -> None:
    data = json.loads(resources.files("kgraph.nlp").joinpath("data/modality.json").read_text(encoding="utf-8"))
    data["modal_auxiliaries"]["might"] = "perhaps"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DictionaryError, match="perhaps"):
        load_modality_lexicon(path)


# End to end through the full pipeline: the relation layer must honour modality.
PIPELINE_CASES = [
    ("France did not meet Germany.", RelationType.CONSULTS_WITH, False),
    ("Russia will invade Ukraine next week.", RelationType.ATTACKS, False),
    ("Spain could impose sanctions on Morocco.", RelationType.SANCTIONS, False),
    ("Will Venezuela attack Guyana?", RelationType.ATTACKS, False),
    ("France met Germany on Monday.", RelationType.CONSULTS_WITH, True),
    ("Russia invaded Ukraine in 2022.", RelationType.ATTACKS, True),
]


@pytest.mark.parametrize(("sentence", "relation", "asserted"), PIPELINE_CASES, ids=[s for s, _, _ in PIPELINE_CASES])
def test_pipeline_asserts_only_asserted_events(nlp: Any, sentence: str, relation: RelationType, asserted: bool) -> None:
    doc = nlp(sentence)
    found = [r for r in doc._.kg_relations if r.relation is relation and r.modality is Modality.ASSERTED]
    assert bool(found) is asserted, [
        (r.subject.name, r.relation.value, r.object.name, r.modality.value) for r in doc._.kg_relations
    ]


NOMINAL_CASES = [
    ("Chile did not condemn Peru's attack on Bolivia.", "attack", A),
    ("Will Iran's war with Iraq ever end?", "war", A),
    ("Ghana urged Togo to match Nigeria's support for the plan.", "support", A),
    ("Kenya criticised the planned talks between Sudan and Chad.", "talks", F),
    ("Chile condemned the alleged attack on its embassy.", "attack", R),
    ("Tunisia postponed talks with Libya.", "talks", N),
    ("Tunisia undertook a mediation mission between Libya and Egypt.", "mission", A),
]


@pytest.mark.parametrize(
    ("sentence", "word", "expected"), NOMINAL_CASES, ids=[f"{w}:{s[:40]}" for s, w, _ in NOMINAL_CASES]
)
def test_nominal_triggers(nlp: Any, sentence: str, word: str, expected: Modality) -> None:
    assert modality_of(_token(nlp(sentence), word)) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Gabon accused Cameroon of arming the rebels, a charge Yaounde denies.",
        "Gabon has long accused Cameroon of arming the rebels; Yaounde rejects the claim.",
    ],
)
def test_comment_clause_does_not_govern(nlp: Any, sentence: str) -> None:
    assert modality_of(_token(nlp(sentence), "accused")) is A
