"""Criticism, praise, rejection, threats and appeals in the shapes real news uses (real model; our own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality
from tests.relations_helpers import relations, triples

# Each construction is tested on several sentences, so that a rule fitted to one parse fails here.
FOUND = [
    # reciprocal objects: each does it to the other
    ("Kenya and Somalia accused one another of violating the truce.", ("Kenya", "accuses", "Somalia")),
    ("Kenya and Somalia accused one another of violating the truce.", ("Somalia", "accuses", "Kenya")),
    ("Peru and Chile blamed each other for the border clashes.", ("Chile", "accuses", "Peru")),
    ("India and Pakistan threatened each other with retaliation.", ("Pakistan", "threatens", "India")),
    ("Serbia and Croatia have criticised each other in recent weeks.", ("Croatia", "accuses", "Serbia")),
    ("Armenia and Azerbaijan have repeatedly shelled each other's positions.", ("Armenia", "attacks", "Azerbaijan")),
    # blaming something on someone; charging someone with something
    ("The Kenyan government blamed the violence on Somalia.", ("Kenya", "accuses", "Somalia")),
    ("Minister Ilse Marten blamed the outage on Russian hackers.", ("Ilse Marten", "accuses", "Russia")),
    ("Peru charged Chile with violating the treaty.", ("Peru", "accuses", "Chile")),
    (
        "The opposition leader Tomas Varga charged the government of Hungary with lying.",
        ("Tomas Varga", "accuses", "Hungary"),
    ),
    # voicing concern, alarm or displeasure over an act of an actor
    ("Japan voiced concern over the missile launches by North Korea.", ("Japan", "accuses", "North Korea")),
    ("Canada expressed alarm at Russia's decision to expel its diplomats.", ("Canada", "accuses", "Russia")),
    ("China has voiced strong displeasure over a statement released by NATO.", ("China", "accuses", "NATO")),
    ("Egypt expressed its outrage over Israel's raid on the camp.", ("Egypt", "accuses", "Israel")),
    ("China voiced displeasure over a communique that was issued by the G7.", ("China", "accuses", "G7")),
    ("Australia voiced alarm over the pact just signed between China and Fiji.", ("Australia", "accuses", "Fiji")),
    ("Australia voiced alarm over the pact just signed between China and Fiji.", ("Australia", "accuses", "China")),
    # criticism of an act names the actor who did it: by-agent, possessive, "of" on act nouns
    ("Mexico denounced the step taken by Guatemala.", ("Mexico", "accuses", "Guatemala")),
    ("Ghana sharply criticised Togo's decision to close the border.", ("Ghana", "accuses", "Togo")),
    ("The United Nations condemned the hostile acts of Hamas.", ("United Nations", "accuses", "Hamas")),
    ("Turkey praised the conduct of the Qatari government.", ("Turkey", "supports", "Qatar")),
    ("Poland rejected the decision of Hungary to block the package.", ("Poland", "rejects", "Hungary")),
    # calling an actor or its act something bad
    ("Poland labelled the Hungarian veto a betrayal.", ("Poland", "accuses", "Hungary")),
    ("Berlin described the Russian statement as propaganda.", ("Germany", "accuses", "Russia")),
    ("Poland branded Hungary's veto irresponsible and illegal.", ("Poland", "accuses", "Hungary")),
    ("Poland branded Hungary's measures one-sided, unfair and politically driven.", ("Poland", "accuses", "Hungary")),
    ("Serbia called the strike by Kosovo an act of aggression.", ("Serbia", "accuses", "Kosovo")),
    (
        "Chad raided a village in Niger on Monday. Niger described the raid as a breach of its sovereignty.",
        ("Niger", "accuses", "Chad"),
    ),
    ("Serbia said Kosovo's decision was illegal and provocative.", ("Serbia", "accuses", "Kosovo")),
    ("Lithuania said the Belarusian move was a provocation.", ("Lithuania", "accuses", "Belarus")),
    # a heavy object after its label
    ("Albania on Friday denounced as a crime Serbia's expulsion of the monks.", ("Albania", "accuses", "Serbia")),
    # saying that another actor did a bad act, or is to blame for one
    ("Kosovo's president said the attack had been backed by Belgrade.", ("Kosovo", "accuses", "Serbia")),
    (
        "Armenian Prime Minister Nikol Pashinyan said the CSTO had failed to honour its commitments.",
        ("Nikol Pashinyan", "accuses", "Collective Security Treaty Organization"),
    ),
    ("Kenya said Somalia was behind the attack.", ("Kenya", "accuses", "Somalia")),
    ("Kenya said Somalia was responsible for the bombing.", ("Kenya", "accuses", "Somalia")),
    (
        "Kenyan authorities are failing to protect refugees, Amnesty International said.",
        ("Amnesty International", "accuses", "Kenya"),
    ),
    # phrasal and idiomatic criticism
    ("Erdogan hit out at Sweden on Tuesday.", ("Erdogan", "accuses", "Sweden")),
    ("Poland lashed out at Germany over the pipeline.", ("Poland", "accuses", "Germany")),
    ("France took aim at Italy's migration policy.", ("France", "accuses", "Italy")),
    ("Kenya pointed the finger at Somalia.", ("Kenya", "accuses", "Somalia")),
    ("Japan protested China's decision to build a rig.", ("Japan", "accuses", "China")),
    # threats: responses vowed or promised, retaliation announced in speech, reactions "in response to" an act
    ("Hamas vowed to respond to the killing by Israel.", ("Hamas", "threatens", "Israel")),
    ("Iran promised a crushing response to any Israeli attack.", ("Iran", "threatens", "Israel")),
    ("Iran vowed to hit back at Israel.", ("Iran", "threatens", "Israel")),
    ("China said it would retaliate against Washington.", ("China", "threatens", "United States")),
    ("Russia said it would respond to Finland's accession with countermeasures.", ("Russia", "threatens", "Finland")),
    (
        "The Kremlin said Russia would take countermeasures in response to Finland's accession.",
        ("Russia", "threatens", "Finland"),
    ),
    # a charge denied was made against the one who denies it (a possessive nominal asserts it)
    ("Chad rejected Sudan's accusations.", ("Sudan", "accuses", "Chad")),
    ("Chad denied Sudan's accusations.", ("Sudan", "accuses", "Chad")),
    ("Israel's demand was rejected by Hamas.", ("Israel", "appealsTo", "Hamas")),
    # what one told, or insisted, must happen: the one told, or the subject of the subjunctive, must act
    ("The US told Israel that it must protect civilians.", ("United States", "appealsTo", "Israel")),
    ("Washington reminded Seoul that it should honour the deal.", ("United States", "appealsTo", "South Korea")),
    ("Poland insisted that Germany pay reparations.", ("Poland", "appealsTo", "Germany")),
    ("Britain proposed that Iran suspend enrichment.", ("United Kingdom", "appealsTo", "Iran")),
    (
        "Serbia on Friday requested an urgent session of the UN Security Council.",
        ("Serbia", "appealsTo", "United Nations Security Council"),
    ),
    # more verbs and nouns of criticism, and criticism drawn from someone
    ("Kenya objected to Uganda's plan.", ("Kenya", "accuses", "Uganda")),
    ("Poland railed against Brussels.", ("Poland", "accuses", "European Union")),
    ("Hungary drew sharp criticism from Germany.", ("Germany", "accuses", "Hungary")),
    ("Israel faced condemnation from Turkey over the raid.", ("Turkey", "accuses", "Israel")),
    ("France took issue with Italy's stance.", ("France", "accuses", "Italy")),
    ("Russia derided the Ukrainian offer.", ("Russia", "accuses", "Ukraine")),
    # refusing dealings with someone rejects them
    ("Ukraine ruled out talks with Russia.", ("Ukraine", "rejects", "Russia")),
    ("Israel rejected any deal with Hamas.", ("Israel", "rejects", "Hamas")),
    ("Sweden rejected cooperation with Turkey on the matter.", ("Sweden", "rejects", "Turkey")),
    ("Qatar expressed its appreciation for Egypt's efforts.", ("Qatar", "supports", "Egypt")),
    (
        "UNITED NATIONS (AP) - Russia on Friday vetoed a text drafted by France.",
        ("Russia", "rejects", "France"),
    ),
    # accusations: passive with the accuser as agent, a charge denied in apposition, a "that" clause of the charge
    ("Iran was accused by Israel of arming Hezbollah.", ("Israel", "accuses", "Iran")),
    ("Kenya accuses Uganda of hosting rebels, a charge Kampala denies.", ("Kenya", "accuses", "Uganda")),
    ("Sudan's accusation that Chad armed the rebels drew a sharp response.", ("Sudan", "accuses", "Chad")),
    # thanks extended to an actor
    ("Kenya extended its thanks to Japan.", ("Kenya", "supports", "Japan")),
    ("Prime Minister Ilse Marten expressed her thanks to Norway and Denmark.", ("Ilse Marten", "supports", "Denmark")),
    # a warning that the warner's own side will act against someone is a threat
    (
        "Egypt's interior minister warned that police would no longer tolerate rallies by the Muslim Brotherhood.",
        ("Egypt", "threatens", "Muslim Brotherhood"),
    ),
    ("Iran warned that it would strike Israel if attacked.", ("Iran", "threatens", "Israel")),
    # turning down, refusing or rejecting an appeal rejects whoever made it, who appealed to the rejecter
    ("Kenya turned down Uganda's request.", ("Kenya", "rejects", "Uganda")),
    ("Kenya turned down Uganda's request.", ("Uganda", "appealsTo", "Kenya")),
    ("Iran refused the IAEA's request.", ("International Atomic Energy Agency", "appealsTo", "Iran")),
    ("Hamas rejected Egypt's order to withdraw.", ("Egypt", "appealsTo", "Hamas")),
    ("Hamas rejected Egypt's order to withdraw.", ("Hamas", "rejects", "Egypt")),
    ("Serbia dismissed the EU's demand that it recognise Kosovo.", ("European Union", "appealsTo", "Serbia")),
    ("Argentina turned down the invitation from the BRICS group.", ("Argentina", "rejects", "BRICS")),
    ("Hamas turned down Israel's offer of a truce.", ("Hamas", "rejects", "Israel")),
]

NOT_FOUND = [
    # a thing of the subjects' own is no relation between them
    (
        "Javier Milei and Gabriel Boric, in a series of posts, stood by their stances.",
        ("Javier Milei", "supports", "Gabriel Boric"),
    ),
    ("Canada and Mexico are suspending their participation in the forum.", ("Canada", "sanctions", "Mexico")),
    # a question put is no appeal
    ('"Has Twitter removed the posts?" Mohammed asked.', ("Mohammed", "appealsTo", "Twitter")),
    ("Kenya asked whether Somalia had withdrawn.", ("Kenya", "appealsTo", "Somalia")),
    # a warning about what others may do is no threat
    ("The Polish minister warned that Russia might probe NATO's resolve.", ("Poland", "threatens", "Russia")),
    ("The Polish minister warned that Russia might probe NATO's resolve.", ("Poland", "threatens", "NATO")),
    # a bad word inside a complement does not label the subject
    ("Serbia said Kosovo was a victim of aggression.", ("Serbia", "accuses", "Kosovo")),
    ("Serbia said the talks with Kosovo were constructive.", ("Serbia", "accuses", "Kosovo")),
    # one's own side's act, a denied act and a good act are no allegation; a threat not made is none
    ("The Israeli army said its jets had violated Lebanese airspace.", ("Israel", "accuses", "Israel")),
    ("Kenya said Somalia had not violated the truce.", ("Kenya", "accuses", "Somalia")),
    ("Kenya said the United States funded the new hospital.", ("Kenya", "accuses", "United States")),
    ("Iran said it would not respond to Israel.", ("Iran", "threatens", "Israel")),
    ("Israeli jets hit Gaza.", ("Israel", "accuses", "Gaza")),
    # a subjunctive needs a bare verb: "insisted that X was" states, it asks nothing
    ("Kenya insisted that Uganda was responsible.", ("Kenya", "appealsTo", "Uganda")),
    ("France told Mali that it should not expect help.", ("France", "appealsTo", "Mali")),
    # denying a charge is no rejection
    ("Chad rejected Sudan's accusations.", ("Chad", "rejects", "Sudan")),
    (
        "Kigali dismissed the allegations by Kampala as baseless.",
        ("Rwanda", "rejects", "Uganda"),
    ),
    ("Russia rejected the claims made by Ukraine.", ("Russia", "rejects", "Ukraine")),
    # ruling out an act of one's own is no rejection of its target
    ("Kenya ruled out a military response to Uganda.", ("Kenya", "rejects", "Uganda")),
    # what the accused is said to have done is the accuser's claim, by the accused
    ("Iran was accused by Israel of arming Hezbollah.", ("Israel", "aids", "Hezbollah")),
    ("Iran was accused by Israel of arming Hezbollah.", ("Iran", "aids", "Hezbollah")),
    # an agency dateline is no actor: "UNITED NATIONS (AP) -"
    (
        "UNITED NATIONS (AP) - Russia on Friday vetoed a text drafted by France.",
        ("United Nations", "rejects", "France"),
    ),
    # concern for someone is no criticism of them
    ("Ghana expressed concern for Togo.", ("Ghana", "accuses", "Togo")),
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_construction_is_found(nlp: Any, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(nlp, text)


@pytest.mark.parametrize(("text", "unexpected"), NOT_FOUND)
def test_distractor_gives_no_relation(nlp: Any, text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in triples(nlp, text)


def test_a_hypothetical_label_is_not_asserted(nlp: Any) -> None:
    text = "Serbia said Kosovo's decision would be illegal."
    assert ("Serbia", "accuses", "Kosovo") not in triples(nlp, text)
    assert ("Serbia", "accuses", "Kosovo") in triples(nlp, text, Modality.HYPOTHETICAL)


@pytest.mark.parametrize(
    "text",
    [
        "Russia provided weapons to Mali, according to officials in Bamako.",
        "Russia provided weapons to Mali, officials in Bamako said.",
        "According to sources in Bamako, Russia provided weapons to Mali.",
    ],
)
def test_a_claim_attributed_to_officials_in_a_city_is_reported_by_its_state(nlp: Any, text: str) -> None:
    found = [r for r in relations(nlp, text) if r.relation.value == "aids"]
    assert found, text
    assert all(r.modality is Modality.REPORTED for r in found)
    assert {r.speaker.name for r in found if r.speaker is not None} == {"Mali"}


def test_officials_of_the_acting_state_assert_its_act(nlp: Any) -> None:
    text = "Russia provided weapons to Mali, according to officials in Moscow."
    assert ("Russia", "aids", "Mali") in triples(nlp, text)
