"""Event relations in news constructions: counterparts, reciprocals, distributive subjects, what is signed,
visits, memberships, aid, conflicts, places. Every sentence is written for these tests (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.relations_helpers import triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # talks with counterparts named by their countries
        (
            "Foreign Minister Lena Kovac held talks with counterparts from Chile, Peru and Ecuador on Tuesday.",
            {("Lena Kovac", "consultsWith", "Chile"), ("Lena Kovac", "consultsWith", "Ecuador")},
        ),
        (
            "The Turkish foreign minister met his Greek and Cypriot counterparts in Geneva.",
            {("Turkey", "consultsWith", "Greece"), ("Turkey", "consultsWith", "Cyprus")},
        ),
        (
            "On Sunday Sergio Lamas held calls with his counterparts in Brazil and Argentina.",
            {("Sergio Lamas", "consultsWith", "Brazil"), ("Sergio Lamas", "consultsWith", "Argentina")},
        ),
        (
            "Defence Minister Piotr Zalewski spoke with his Lithuanian counterpart on Monday.",
            {("Piotr Zalewski", "consultsWith", "Lithuania")},
        ),
        # reciprocal objects: the relation holds both ways between the subjects
        (
            "Chile and Bolivia slapped steep tariffs on each other's exports.",
            {("Chile", "sanctions", "Bolivia"), ("Bolivia", "sanctions", "Chile")},
        ),
        (
            "Russia and Ukraine accused each other of shelling the plant.",
            {("Russia", "accuses", "Ukraine"), ("Ukraine", "accuses", "Russia")},
        ),
        # distributive subjects each agree with the object, not with each other
        (
            "Kenya's Amos Kiprop and Uganda's Rose Akello each signed a separate agreement with UN officials.",
            {("Amos Kiprop", "cooperatesWith", "United Nations"), ("Rose Akello", "cooperatesWith", "United Nations")},
        ),
        # an agreement signed by several parties is cooperation
        ("Kenya and Uganda signed a trade deal.", {("Kenya", "cooperatesWith", "Uganda")}),
        # memberships stated in passing
        ("Finland joined NATO in April.", {("Finland", "memberOf", "NATO")}),
        ("Montenegro joined NATO in 2017 after a long debate.", {("Montenegro", "memberOf", "NATO")}),
        (
            "Somalia was admitted to the East African Community on Friday.",
            {("Somalia", "memberOf", "East African Community")},
        ),
        ("Hungary is one of three EU members that oppose the plan.", {("Hungary", "memberOf", "European Union")}),
        ("Turkey, which is one of NATO's largest members, objected.", {("Turkey", "memberOf", "NATO")}),
        (
            "EU member states such as France and Germany backed the decision.",
            {("France", "memberOf", "European Union"), ("Germany", "memberOf", "European Union")},
        ),
        (
            "Several NATO members, including Turkey and Hungary, objected.",
            {("Turkey", "memberOf", "NATO"), ("Hungary", "memberOf", "NATO")},
        ),
        (
            "ASEAN, which counts Vietnam and Laos among its members, met in Hanoi.",
            {("Vietnam", "memberOf", "ASEAN"), ("Laos", "memberOf", "ASEAN")},
        ),
        ("The African Union counts Chad among its members.", {("Chad", "memberOf", "African Union")}),
        # places described by a place noun, a participle or a seat
        ("Drones hit the Armenian city of Gyumri.", {("Gyumri", "locatedIn", "Armenia")}),
        ("The strike hit the Ukrainian port of Odesa.", {("Odesa", "locatedIn", "Ukraine")}),
        ("Mariupol, a port city in Ukraine, fell in May.", {("Mariupol", "locatedIn", "Ukraine")}),
        ("Goma, the capital of North Kivu province, fell.", {("Goma", "locatedIn", "North Kivu province")}),
        (
            "Darfur, located in western Sudan, saw heavy shelling.",
            {("Darfur", "locatedIn", "Sudan")},
        ),
        ("The OSCE Secretariat in Vienna issued a statement.", {("OSCE Secretariat", "locatedIn", "Vienna")}),
        # conflicts stated by a state noun, a hyphenated pair or a passive "locked in"
        (
            "Houthi fighters have been locked in fighting with the Yemeni army for months.",
            {("Houthis", "inConflictWith", "Yemen")},
        ),
        ("The Russia-Ukraine war has entered its fifth month.", {("Russia", "inConflictWith", "Ukraine")}),
        ("The Israel-Hamas war displaced thousands.", {("Israel", "inConflictWith", "Hamas")}),
        ("The US-China talks ended without a deal.", {("United States", "consultsWith", "China")}),
        # aid delivered, carried or lent
        (
            "The WHO completed the delivery of medical supplies to Sudan.",
            {("World Health Organization", "aids", "Sudan")},
        ),
        ("Russian aircraft carried troops to Kazakhstan.", {("Russia", "aids", "Kazakhstan")}),
        ("The IMF approved a new loan for Pakistan.", {("International Monetary Fund", "aids", "Pakistan")}),
        # a mediator brokering an agreement talked with both parties, who agreed with each other
        (
            "Qatar brokered a truce between Israel and Hamas.",
            {
                ("Qatar", "consultsWith", "Israel"),
                ("Qatar", "consultsWith", "Hamas"),
                ("Israel", "cooperatesWith", "Hamas"),
            },
        ),
        (
            "The AU panel succeeded in brokering a peace accord between Ethiopia and the TPLF.",
            {("AU panel", "consultsWith", "Ethiopia"), ("Ethiopia", "cooperatesWith", "TPLF")},
        ),
        # boycotting goods is a sanction
        ("Ukraine boycotted Russian goods.", {("Ukraine", "sanctions", "Russia")}),
        # founders are members; joining a body named by its kind noun is membership
        (
            "BRICS, founded by Brazil and China in 2009, met in Kazan.",
            {("Brazil", "memberOf", "BRICS"), ("China", "memberOf", "BRICS")},
        ),
        ("Kenya and Uganda founded the East African Community.", {("Kenya", "memberOf", "East African Community")}),
        ("Sweden on Thursday formally joined the NATO military alliance.", {("Sweden", "memberOf", "NATO")}),
        # meetings whose participants a participle lists
        (
            "A summit attended by Kenya, Uganda and Rwanda opened on Monday.",
            {("Kenya", "consultsWith", "Uganda"), ("Uganda", "consultsWith", "Rwanda")},
        ),
        ("Talks bringing together Serbia and Kosovo resumed in Brussels.", {("Serbia", "consultsWith", "Kosovo")}),
        ("Kenya held a phone conversation with Uganda.", {("Kenya", "consultsWith", "Uganda")}),
        # a gerund governs its object like its verb
        (
            "Kenya's cutting of trade ties with Somalia surprised Mogadishu.",
            {("Kenya", "sanctions", "Somalia")},
        ),
        ("Russia's halting of gas deliveries to Moldova caused shortages.", {("Russia", "sanctions", "Moldova")}),
        # joint exercises expanded by the partners
        (
            "Japan and Australia have expanded their joint naval exercises.",
            {("Japan", "cooperatesWith", "Australia")},
        ),
        # expelling a named envoy sanctions the envoy's state
        (
            "Congo expelled Rwandan ambassador Jean Habimana on Saturday.",
            {("Democratic Republic of Congo", "sanctions", "Rwanda")},
        ),
        ("Mali expelled the French ambassador Joel Meyer.", {("Mali", "sanctions", "France")}),
        # an act stated outright
        ("Israel's strikes on Syria killed ten people.", {("Israel", "attacks", "Syria")}),
        # a visit to a leader is a consultation
        (
            "Kenyan President William Ruto visited Uganda's president Yoweri Museveni in Kampala.",
            {("William Ruto", "consultsWith", "Yoweri Museveni")},
        ),
    ],
)
def test_event_construction(nlp: Any, text: str, expected: set[tuple[str, str, str]]) -> None:
    found = triples(nlp, text)
    assert expected <= found, sorted(found)


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # a group suspending its own participation sanctions none of its members
        (
            "Estonia, Latvia and Lithuania suspended their participation in the forum.",
            {("Estonia", "sanctions", "Latvia"), ("Latvia", "sanctions", "Lithuania")},
        ),
        (
            "Chile and Peru suspended their membership of the bloc on Friday.",
            {("Chile", "sanctions", "Peru"), ("Peru", "sanctions", "Chile")},
        ),
        # signing a statement, a letter or a declaration is no agreement between the signatories
        (
            "The statement was signed by Kenya, Uganda and Rwanda.",
            {("Kenya", "cooperatesWith", "Uganda"), ("Uganda", "cooperatesWith", "Rwanda")},
        ),
        ("Kenya and Uganda signed a declaration on trade.", {("Kenya", "cooperatesWith", "Uganda")}),
        (
            "The letter came out on Friday, signed by Chile, Peru and Bolivia.",
            {("Chile", "cooperatesWith", "Peru"), ("Peru", "cooperatesWith", "Bolivia")},
        ),
        # meeting a deadline is no meeting
        ("Kenya and Uganda met the deadline for the report.", {("Kenya", "consultsWith", "Uganda")}),
        # subjects that each act alone are not partners
        (
            "Kenya's Amos Kiprop and Uganda's Rose Akello each signed a separate agreement with UN officials.",
            {("Amos Kiprop", "cooperatesWith", "Rose Akello")},
        ),
        # joining an act is no membership
        ("Poland joined the EU in condemning the strike.", {("Poland", "memberOf", "European Union")}),
        ("Kenya joined the United States in calling for a ceasefire.", {("Kenya", "memberOf", "United States")}),
        # examples of a plural that is no body's membership
        ("Big economies such as China and India objected.", {("China", "memberOf", "India")}),
        # counting among members is no unmapped relation
        ("The African Union counts Chad among its members.", {("African Union", "relatedTo", "Chad")}),
        # a mediator is no party to the agreement it brokered
        ("Qatar brokered a truce between Israel and Hamas.", {("Qatar", "cooperatesWith", "Israel")}),
        # staying away from a meeting sanctions no one
        (
            "Armenia boycotted the CSTO summit in Minsk.",
            {("Armenia", "sanctions", "Collective Security Treaty Organization")},
        ),
        (
            "Armenia's boycott of the CSTO summit angered Moscow.",
            {("Armenia", "sanctions", "Collective Security Treaty Organization")},
        ),
        # speaking to the press is no consultation
        (
            "Speaking to Russian broadcaster RBK, Foreign Minister Sergei Lavrov said the talks had failed.",
            {("Sergei Lavrov", "consultsWith", "RBK")},
        ),
        ("Kenyan President William Ruto spoke to the BBC on Monday.", {("William Ruto", "consultsWith", "BBC")}),
        # a country does not meet its own president
        (
            "Somalia, whose President Hassan Mohamud attended the summit, joined the bloc.",
            {("Somalia", "consultsWith", "Hassan Mohamud")},
        ),
        (
            "Kenyan President William Ruto and Kenyan officials met Ugandan officials in Kampala.",
            {("William Ruto", "consultsWith", "Kenya")},
        ),
        # "both sides" is the two parties, not one owned by the other
        (
            "Israel and Hamas fought for weeks. Qatar appealed to both sides to stop.",
            {("Hamas", "affiliatedWith", "Israel"), ("Israel", "affiliatedWith", "Hamas")},
        ),
        # a visit to a city (a venue, even a capital) is no consultation with its country
        ("The Kenyan president visited Brussels on Monday.", {("Kenya", "consultsWith", "Belgium")}),
        ("Chilean Foreign Minister Ana Reyes visited Valparaiso last week.", {("Ana Reyes", "consultsWith", "Chile")}),
        ("The Indian foreign minister visited Odesa.", {("India", "consultsWith", "Ukraine")}),
        ("The Indian foreign minister visited Moscow.", {("India", "consultsWith", "Russia")}),
        (
            "Egypt's foreign minister arrived in Ankara on Monday on an official visit.",
            {("Egypt", "consultsWith", "Turkey")},
        ),
    ],
)
def test_event_non_construction(nlp: Any, text: str, unwanted: set[tuple[str, str, str]]) -> None:
    found = triples(nlp, text)
    assert not unwanted & found, sorted(found)
