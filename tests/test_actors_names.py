"""Names the gazetteer and context settle: wire credits, the platform X, social networks, the DRC."""

from __future__ import annotations

from typing import Any

from kgraph.model import EntityRef, EntityType

ORG, C = EntityType.ORGANIZATION, EntityType.COUNTRY


def names(doc: Any) -> dict[str, tuple[EntityType, str]]:
    return {doc[m.start : m.end].text: (m.entity.type, m.entity.name) for m in doc._.kg_mentions if not m.pronoun}


def test_platform_x_only_where_the_text_says_so(nlp: Any) -> None:
    doc = nlp("In a post on X, the minister criticised Hungary.")
    assert names(doc)["X"] == (ORG, "X")
    doc = nlp("Kovacs wrote on the platform X (formerly Twitter) that talks had failed.")
    assert names(doc)["X"] == (ORG, "X")
    doc = nlp("The company's X account was suspended in Brazil.")
    assert names(doc)["X"] == (ORG, "X")
    doc = nlp("Article X of the treaty bans such weapons.")
    assert "X" not in names(doc)
    doc = nlp("Brazil fined X and Y for the delay.")
    assert "X" not in names(doc)


def test_social_networks_are_organisations(nlp: Any) -> None:
    doc = nlp("Kovacs said on Twitter that Hungary would veto the package, and repeated it on Telegram.")
    found = names(doc)
    assert found["Twitter"] == (ORG, "Twitter") and found["Telegram"] == (ORG, "Telegram")


def test_wire_credit_names_the_agency(nlp: Any) -> None:
    doc = nlp("NAIROBI, Kenya (AP) — Kenya's president met Ugandan officials on Friday.")
    assert EntityRef(ORG, "Associated Press") in doc._.kg_entities
    assert not any("Associated Press" in (r.subject.name, r.object.name) for r in doc._.kg_relations)


def test_congo_keeps_its_usual_short_name(nlp: Any) -> None:
    doc = nlp("The Democratic Republic of the Congo expelled Rwanda's ambassador, and the DRC closed the border.")
    found = names(doc)
    assert found["The Democratic Republic of the Congo"] == (C, "Democratic Republic of Congo")
    assert found["the DRC"] == (C, "Democratic Republic of Congo")


def test_name_used_as_a_place_is_a_location(nlp: Any) -> None:
    doc = nlp("The deputies of unrecognised Kalvaria appealed to Russia, saying 200,000 Russians reside in Kalvaria.")
    assert names(doc)["Kalvaria"] == (EntityType.LOCATION, "Kalvaria")


def test_person_in_a_place_phrase_stays_a_person(nlp: Any) -> None:
    doc = nlp("Talks with Dagny Verhoek in Oslo ended; Verhoek said she was disappointed.")
    assert names(doc)["Dagny Verhoek"] == (EntityType.PERSON, "Dagny Verhoek")
