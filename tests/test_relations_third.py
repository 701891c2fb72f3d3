"""Third pass: speech for an actor, requests, memberships and sanctions (real model, sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality
from tests.relations_helpers import triples

ASSERTED = [
    # a voice of the actor speaks for it (guide Rule 3)
    ("A State Department spokesman said the United States backs the Philippines.",
     ("United States", "supports", "Philippines")),
    ("According to the Chinese defence ministry, China held talks with Vietnam.",
     ("China", "consultsWith", "Vietnam")),
    ("A Kremlin spokesman said Russia had struck Ukrainian positions overnight.", ("Russia", "attacks", "Ukraine")),
    ("The Israeli embassy said Israel had struck Hezbollah.", ("Israel", "attacks", "Hezbollah")),
    # requests through an infinitive, a "for" clause, a possessed noun, a passive
    ("Egypt told Israel to stop its offensive in Rafah.", ("Egypt", "appealsTo", "Israel")),
    ("Canada called for India to cooperate with the investigation.", ("Canada", "appealsTo", "India")),
    ("Somalia sought Turkey's help against the militants.", ("Somalia", "appealsTo", "Turkey")),
    ("Kenya requested that Uganda extradite the suspects.", ("Kenya", "appealsTo", "Uganda")),
    ("Sudan was asked by the African Union to accept a ceasefire.", ("African Union", "appealsTo", "Sudan")),
    ("Ireland said Israel should end the blockade.", ("Ireland", "appealsTo", "Israel")),
    ("Germany pressed Serbia to recognise Kosovo.", ("Germany", "appealsTo", "Serbia")),
    # membership: joining, once done, is membership
    ("Sweden joined NATO last year.", ("Sweden", "memberOf", "NATO")),
    ("Hungary, a member of NATO, blocked the decision.", ("Hungary", "memberOf", "NATO")),
    # sanctions constructions
    ("The United States froze the assets of Russia.", ("United States", "sanctions", "Russia")),
    ("Turkey imposed an embargo on Israel.", ("Turkey", "sanctions", "Israel")),
    ("Russia banned imports from Moldova.", ("Russia", "sanctions", "Moldova")),
    ("The United States blacklisted the Wagner Group.", ("United States", "sanctions", "Wagner Group")),
    ("France recalled its ambassador from Niger.", ("France", "sanctions", "Niger")),
    ("Mali severed diplomatic ties with Ukraine.", ("Mali", "sanctions", "Ukraine")),
    ("Japan restricted exports to South Korea.", ("Japan", "sanctions", "South Korea")),
]


@pytest.mark.parametrize(("text", "expected"), ASSERTED)
def test_asserted(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # a third party's voice stays reported
        ("A Ukrainian military spokesman said Russia had attacked Ukraine.", ("Russia", "attacks", "Ukraine")),
        # wanting to join, not having joined, and joining an act are no membership
        ("Ukraine wants to join the European Union.", ("Ukraine", "memberOf", "European Union")),
        ("Moldova has not joined the European Union.", ("Moldova", "memberOf", "European Union")),
        ("France joined the European Union in condemning the coup.", ("France", "memberOf", "European Union")),
        # needing help is no request
        ("Ukraine needs Germany's support.", ("Ukraine", "appealsTo", "Germany")),
    ],
)
def test_not_asserted(nlp: Any, text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in triples(nlp, text)


def test_third_party_voice_is_reported(nlp: Any) -> None:
    text = "A Ukrainian military spokesman said Russia had attacked Ukraine."
    assert ("Russia", "attacks", "Ukraine") in triples(nlp, text, Modality.REPORTED)
