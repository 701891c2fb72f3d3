"""Memberships: a body named beside its appositive noun, and memberships that have ended ("no longer")."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Modality
from tests.relations_helpers import triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The talks were hosted by the Association of Caribbean States (ACS), a grouping that counts Cuba and"
            " Haiti among its members.",
            {
                ("Cuba", "memberOf", "Association of Caribbean States"),
                ("Haiti", "memberOf", "Association of Caribbean States"),
            },
        ),
        (
            "Ministers met at the Association of Caribbean States (ACS), a group that counts Cuba and Haiti among"
            " its members.",
            {
                ("Cuba", "memberOf", "Association of Caribbean States"),
                ("Haiti", "memberOf", "Association of Caribbean States"),
            },
        ),
        (
            "Delegates gathered at the Association of Caribbean States, a grouping that counts Cuba among its members.",
            {("Cuba", "memberOf", "Association of Caribbean States")},
        ),
    ],
)
def test_body_beside_appositive(nlp: Any, text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= triples(nlp, text)


def test_appositive_without_body_gives_no_membership(nlp: Any) -> None:
    found = triples(nlp, "Haiti, a country that counts Cuba among its neighbours, hosted the talks.")
    assert not {t for t in found if t[1] == "memberOf"}


@pytest.mark.parametrize(
    "text",
    [
        "Officials said that Norway no longer belongs to the Nordic Council.",
        "Norway no longer belongs to the Nordic Council, officials said on Monday.",
    ],
)
def test_no_longer_is_not_a_current_membership(nlp: Any, text: str) -> None:
    assert ("Norway", "memberOf", "Nordic Council") not in triples(nlp, text)
    assert ("Norway", "memberOf", "Nordic Council") in triples(nlp, text, Modality.NEGATED)


def test_membership_without_no_longer_is_asserted(nlp: Any) -> None:
    assert ("Norway", "memberOf", "Nordic Council") in triples(nlp, "Norway belongs to the Nordic Council.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ministers debated Norway's membership of the Nordic Council on Tuesday.", ("Norway", "Nordic Council")),
        ("The vote confirmed Chile's membership in the Pacific Alliance.", ("Chile", "Pacific Alliance")),
        ("The court suspended Peru's membership of the Pacific Alliance last week.", ("Peru", "Pacific Alliance")),
    ],
)
def test_membership_nominal(nlp: Any, text: str, expected: tuple[str, str]) -> None:
    assert (expected[0], "memberOf", expected[1]) in triples(nlp, text)


def test_future_membership_is_no_membership(nlp: Any) -> None:
    found = triples(nlp, "Leaders discussed Ukraine's future membership of the European Union.")
    assert ("Ukraine", "memberOf", "European Union") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Bolivia joins Chile, Peru and Colombia in the Pacific Alliance.",
        "Last year Bolivia joined Chile, Peru and Colombia in the Pacific Alliance.",
    ],
)
def test_joining_existing_members_in_a_body(nlp: Any, text: str) -> None:
    found = triples(nlp, text)
    assert {("Chile", "memberOf", "Pacific Alliance"), ("Peru", "memberOf", "Pacific Alliance")} <= found


@pytest.mark.parametrize(
    "text", ["Bolivia joined Chile in condemning the attack.", "Chile joined Peru in the talks on Monday."]
)
def test_joining_in_an_act_is_no_membership(nlp: Any, text: str) -> None:
    assert not {t for t in triples(nlp, text) if t[1] == "memberOf"}


_ANDEAN = "Leaders of the Andean Community met in Lima on Friday. "


@pytest.mark.parametrize(
    ("text", "members"),
    [
        (_ANDEAN + "The bloc was set up in 1969 by Bolivia, Chile, Colombia and Peru.", {"Bolivia", "Peru"}),
        (_ANDEAN + "The bloc was founded by Bolivia and Peru.", {"Bolivia", "Peru"}),
        (_ANDEAN + "Peru, which forms part of the bloc, hosted the talks.", {"Peru"}),
        (_ANDEAN + "Peru is part of the bloc.", {"Peru"}),
    ],
)
def test_the_bloc_stands_for_the_body_named_before(nlp: Any, text: str, members: set[str]) -> None:
    assert {(m, "memberOf", "Andean Community") for m in members} <= triples(nlp, text)


def test_not_part_of_the_bloc_is_negated(nlp: Any) -> None:
    text = _ANDEAN + "Peru is not part of the bloc."
    assert ("Peru", "memberOf", "Andean Community") not in triples(nlp, text)
    assert ("Peru", "memberOf", "Andean Community") in triples(nlp, text, Modality.NEGATED)


def test_bloc_set_up_for_a_purpose_names_no_member(nlp: Any) -> None:
    found = triples(nlp, _ANDEAN + "The bloc was set up to help trade between Peru and Chile.")
    assert not {t for t in found if t[1] == "memberOf"}


@pytest.mark.parametrize(
    "text",
    [
        'The Andean Community ordered a "halt to all trade with Peru", which forms part of the bloc, on Monday.',
        "The Andean Community ordered a halt to trade with Peru, which forms part of the bloc.",
    ],
)
def test_relative_clause_hung_on_another_noun(nlp: Any, text: str) -> None:
    assert ("Peru", "memberOf", "Andean Community") in triples(nlp, text)


def test_relative_clause_negated_part(nlp: Any) -> None:
    text = "The Andean Community ordered a halt to trade with Peru, which is no part of the bloc."
    assert ("Peru", "memberOf", "Andean Community") not in triples(nlp, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iceland is no longer a member of the European Free Trade Association.", False),
        ("Since March, Iceland is no longer a member of the European Free Trade Association.", False),
        ("Iceland is a member of the European Free Trade Association.", True),
    ],
)
def test_copula_no_longer_a_member(nlp: Any, text: str, expected: bool) -> None:
    assert (("Iceland", "memberOf", "European Free Trade Association") in triples(nlp, text)) is expected
