"""Third pass: speech for an actor, requests, memberships and sanctions (real model, sentences written here)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality
from tests.relations_helpers import triples

ASSERTED = [
    # a voice of the actor speaks for it (guide Rule 3)
    (
        "A State Department spokesman said the United States backs the Philippines.",
        ("United States", "supports", "Philippines"),
    ),
    ("According to the Chinese defence ministry, China held talks with Vietnam.", ("China", "consultsWith", "Vietnam")),
    ("A Kremlin spokesman said Russia had struck Ukrainian positions overnight.", ("Russia", "attacks", "Ukraine")),
    ("The Israeli embassy said Israel had struck Hezbollah.", ("Israel", "attacks", "Hezbollah")),
    ("A Foreign Ministry spokesman in Beijing said China supported Pakistan.", ("China", "supports", "Pakistan")),
    # requests through an infinitive, a "for" clause, a possessed noun, a passive
    ("Egypt told Israel to stop its offensive in Rafah.", ("Egypt", "appealsTo", "Israel")),
    ("Canada called for India to cooperate with the investigation.", ("Canada", "appealsTo", "India")),
    ("Somalia sought Turkey's help against the militants.", ("Somalia", "appealsTo", "Turkey")),
    ("Kenya requested that Uganda extradite the suspects.", ("Kenya", "appealsTo", "Uganda")),
    ("Sudan was asked by the African Union to accept a ceasefire.", ("African Union", "appealsTo", "Sudan")),
    ("Ireland said Israel should end the blockade.", ("Ireland", "appealsTo", "Israel")),
    ("Germany pressed Serbia to recognise Kosovo.", ("Germany", "appealsTo", "Serbia")),
    ("Egypt repeated its call for Israel to withdraw from the corridor.", ("Egypt", "appealsTo", "Israel")),
    # an unresolved "the group's spokesman" speaks for the group that acted
    (
        "The Houthis fired missiles at an American destroyer, the group's military spokesman said.",
        ("Houthis", "attacks", "United States"),
    ),
    ("China called for restraint by India and Pakistan.", ("China", "appealsTo", "Pakistan")),
    ("The Philippines asked for the help of Japan.", ("Philippines", "appealsTo", "Japan")),
    (
        "The IAEA reminded Iran of its obligation to allow inspections.",
        ("International Atomic Energy Agency", "appealsTo", "Iran"),
    ),
    # an amount of aid handled by a support verb
    ("The United States approved $500 million in aid to Taiwan.", ("United States", "aids", "Taiwan")),
    # a seat of government speaks for its state
    (
        "The United States imposed sanctions on three Iranian firms, the Treasury Department said.",
        ("United States", "sanctions", "Iran"),
    ),
    # membership: joining, once done, is membership
    ("Sweden joined NATO last year.", ("Sweden", "memberOf", "NATO")),
    ("Hungary, a member of NATO, blocked the decision.", ("Hungary", "memberOf", "NATO")),
    ("The EU member states Poland and Lithuania backed the plan.", ("Lithuania", "memberOf", "European Union")),
    ("NATO member countries Turkey and Greece held talks.", ("Greece", "memberOf", "NATO")),
    (
        "Belarus is part of the Collective Security Treaty Organization alliance.",
        ("Belarus", "memberOf", "Collective Security Treaty Organization"),
    ),
    ("Egypt and Ethiopia are among the members of BRICS.", ("Ethiopia", "memberOf", "BRICS")),
    ("Turkey, which is a NATO member, blocked the bid.", ("Turkey", "memberOf", "NATO")),
    (
        "As a member of the UN Security Council, France backed the resolution.",
        ("France", "memberOf", "United Nations Security Council"),
    ),
    ("NATO allies Poland and Romania sent troops.", ("Romania", "memberOf", "NATO")),
    ("The OPEC+ group, which includes Saudi Arabia and Russia, cut output.", ("Russia", "memberOf", "OPEC+")),
    ("Egypt, one of BRICS's newest members, hosted the talks.", ("Egypt", "memberOf", "BRICS")),
    # sanctions constructions
    ("The United States froze the assets of Russia.", ("United States", "sanctions", "Russia")),
    ("Turkey imposed an embargo on Israel.", ("Turkey", "sanctions", "Israel")),
    ("Russia banned imports from Moldova.", ("Russia", "sanctions", "Moldova")),
    ("The United States blacklisted the Wagner Group.", ("United States", "sanctions", "Wagner Group")),
    ("France recalled its ambassador from Niger.", ("France", "sanctions", "Niger")),
    ("Mali severed diplomatic ties with Ukraine.", ("Mali", "sanctions", "Ukraine")),
    ("Japan restricted exports to South Korea.", ("Japan", "sanctions", "South Korea")),
    ("Australia suspended military cooperation with Myanmar.", ("Australia", "sanctions", "Myanmar")),
    ("Washington halted arms sales to Saudi Arabia.", ("United States", "sanctions", "Saudi Arabia")),
    ("The United States slapped export controls on China.", ("United States", "sanctions", "China")),
    ("The United States targeted Iran with new sanctions.", ("United States", "sanctions", "Iran")),
    ("Russia cut off gas supplies to Moldova.", ("Russia", "sanctions", "Moldova")),
    ("Mali ordered the French ambassador to leave the country.", ("Mali", "sanctions", "France")),
    ("Lithuania declared two Russian diplomats persona non grata.", ("Lithuania", "sanctions", "Russia")),
    ("The United States placed Huawei on its entity list.", ("United States", "sanctions", "Huawei")),
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
        # "part of" something a body owns is no membership
        ("Ukraine is part of the European Union's recovery plan.", ("Ukraine", "memberOf", "European Union")),
        # a rival's spokesman reports what another did
        ("Israel struck Hezbollah, the group's spokesman said.", ("Israel", "attacks", "Hezbollah")),
        # summoning an envoy to complain asks nothing of the envoy's state
        ("Kenya summoned Uganda's ambassador to complain.", ("Kenya", "appealsTo", "Uganda")),
        ("The EU may approve 5 billion euros in aid to Ukraine.", ("European Union", "aids", "Ukraine")),
        (
            "The UN called for the withdrawal of Russian troops from Ukraine.",
            ("United Nations", "appealsTo", "Ukraine"),
        ),
        ("As a future member of the EU, Ukraine must reform.", ("Ukraine", "memberOf", "European Union")),
        ("Georgia, an aspiring NATO member, held elections.", ("Georgia", "memberOf", "NATO")),
        # the instrument decides: missiles attack, sanctions sanction; an expulsion is no request
        ("The United States hit Russia with missiles.", ("United States", "sanctions", "Russia")),
        ("The United States targeted Iran with new sanctions.", ("United States", "attacks", "Iran")),
        ("Russia cut off gas supplies to Moldova.", ("Russia", "aids", "Moldova")),
        ("Mali ordered the French ambassador to leave the country.", ("Mali", "appealsTo", "France")),
        # suspending cooperation or aid is no cooperation or aid
        ("Australia suspended military cooperation with Myanmar.", ("Australia", "cooperatesWith", "Myanmar")),
        ("Germany halted aid to Niger.", ("Germany", "aids", "Niger")),
        # needing help is no request
        ("Ukraine needs Germany's support.", ("Ukraine", "appealsTo", "Germany")),
    ],
)
def test_not_asserted(nlp: Any, text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in triples(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "A Ukrainian military spokesman said Russia had attacked Ukraine.",
        "A Foreign Ministry spokesman in Kyiv said Russia had attacked Ukraine.",
        "The UN agency said Russia had attacked Ukraine.",
    ],
)
def test_third_party_voice_is_reported(nlp: Any, text: str) -> None:
    assert ("Russia", "attacks", "Ukraine") in triples(nlp, text, Modality.REPORTED)
