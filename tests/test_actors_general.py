"""General actor rules for unseen news, one hand-written sentence per rule, with cases where a rule
must not fire: gendered pronouns, names NER misses, datelines, acronyms never defined, named units,
landmarks, generic ministries, wire credits."""

from __future__ import annotations

from typing import Any

from kgraph.model import EntityType

C, L, ORG, P = EntityType.COUNTRY, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.PERSON


def resolved(doc: Any) -> dict[str, tuple[EntityType, str]]:
    """surface text -> (type, canonical name) of every mention (pronouns by their text and position)."""
    out = {}
    for m in doc._.kg_mentions:
        key = f"{doc[m.start].text}@{m.start}" if m.pronoun else doc[m.start : m.end].text
        out[key] = (m.entity.type, m.entity.name)
    return out


def pronouns(doc: Any) -> list[tuple[str, str]]:
    return [(doc[m.start].text, m.entity.name) for m in doc._.kg_mentions if m.pronoun]


def test_she_skips_a_man_named_by_a_listed_given_name(nlp: Any) -> None:
    doc = nlp(
        "Trade Minister Maria Sorensen met Finance Minister Peter Holm in Oslo. She said he had accepted the plan."
    )
    assert pronouns(doc) == [("She", "Maria Sorensen"), ("he", "Peter Holm")]


def test_gendered_title_decides_and_his_agrees(nlp: Any) -> None:
    doc = nlp("Queen Amara Tshabalala received President Kofi Mensah. She praised his reforms.")
    assert pronouns(doc) == [("She", "Amara Tshabalala"), ("his", "Kofi Mensah")]


def test_pronoun_fixes_gender_for_the_next_pronoun(nlp: Any) -> None:
    # neither given name is listed: "she" takes the nearest person, after which "he" must be the other
    doc = nlp("Dagny Verhoek met Tomo Akande in Lagos. She thanked him for the aid.")
    assert pronouns(doc) == [("She", "Tomo Akande"), ("him", "Dagny Verhoek")]


def test_same_gender_falls_back_to_recency(nlp: Any) -> None:
    doc = nlp("Peter Holm met Mark Lindqvist in Oslo. He said the talks were useful.")
    assert pronouns(doc)[0][1] in {"Peter Holm", "Mark Lindqvist"}


def test_subject_name_next_to_a_person(nlp: Any) -> None:
    doc = nlp("Rubio met Lavrov in Riyadh on Tuesday.")
    assert resolved(doc)["Rubio"] == (P, "Rubio")


def test_subject_name_not_invented_without_a_person(nlp: Any) -> None:
    doc = nlp("Gazprom halted deliveries to Austria on Monday.")
    assert "Gazprom" not in resolved(doc)


def test_dateline_city_is_a_place_and_credit_no_actor(nlp: Any) -> None:
    doc = nlp("SANTA ROSALIA, Mexico, May 2 (Reuters) - Mexico accused Guatemala of stalling the talks.")
    found = resolved(doc)
    assert found["SANTA ROSALIA"] == (L, "Santa Rosalia")
    assert "Reuters" not in found


def test_acronym_at_text_start_before_a_comma_is_no_dateline(nlp: Any) -> None:
    doc = nlp("UNMISS, the UN mission in South Sudan, said its patrols were attacked.")
    assert resolved(doc)["UNMISS"] == (ORG, "UNMISS")


def test_undefined_acronym_is_an_organisation(nlp: Any) -> None:
    doc = nlp("Colombia accused the ELN of bombing a pipeline, and the FARC dissidents denied any role.")
    assert resolved(doc)["ELN"] == (ORG, "ELN")


def test_non_actor_acronym_and_headline_are_not_organisations(nlp: Any) -> None:
    doc = nlp("Brazil said its GDP grew by two percent.\nBREAKING NEWS: ALL PORTS CLOSED")
    names = {name for _, name in resolved(doc).values()}
    assert "GDP" not in names and "BREAKING" not in names and "ALL" not in names


def test_named_unit_keeps_its_head_noun(nlp: Any) -> None:
    doc = nlp(
        "Police clashed with the Grand Ravine gang coalition, and the Kenyan-led Joint Stability Support"
        " mission said it sent troops."
    )
    found = resolved(doc)
    assert found["Grand Ravine gang coalition"][0] is ORG
    assert found["Joint Stability Support mission"] == (ORG, "Joint Stability Support mission")


def test_demonym_mission_stays_a_group_or_state(nlp: Any) -> None:
    doc = nlp("The French mission said it would stay in Mali.")
    assert all(t is not ORG or "mission" not in n for t, n in resolved(doc).values())


def test_landmark_and_lower_case_department(nlp: Any) -> None:
    doc = nlp("Troops clashed near the Prasat Ta Krabey temple, and rebels attacked a base in Meta department.")
    found = resolved(doc)
    assert found["Prasat Ta Krabey temple"][0] is L
    assert found["Meta department"] == (L, "Meta department")


def test_state_department_is_no_place(nlp: Any) -> None:
    doc = nlp("The US State Department criticised the vote.")
    assert all(t is not L for t, _ in resolved(doc).values())


def test_lower_case_foreign_ministry_is_the_state(nlp: Any) -> None:
    doc = nlp("Peru's foreign ministry condemned the raid, and the Chilean foreign ministry agreed.")
    found = resolved(doc)
    assert found["Peru's foreign ministry"] == (C, "Peru")
    assert found["Chilean foreign ministry"] == (C, "Chile")


def test_capitalised_ministry_stays_an_organisation(nlp: Any) -> None:
    doc = nlp("Peru's Ministry of Energy rejected the offer.")
    assert any(t is ORG and "Ministry of Energy" in n for t, n in resolved(doc).values())


def test_country_word_stays_in_a_defined_name(nlp: Any) -> None:
    doc = nlp("Later, US Africa Command (AFRICOM) said its aircraft struck a camp.")
    assert resolved(doc)["AFRICOM"] == (ORG, "US Africa Command")
