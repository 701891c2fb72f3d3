"""``kgraph_actors`` over hand-written sentences (each rule, and where it must not fire) and the dev set."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kgraph.model import Document, EntityRef, EntityType, RelationType
from kgraph.nlp.convert import doc_to_records

C, L, ORG, P, G = EntityType.COUNTRY, EntityType.LOCATION, EntityType.ORGANIZATION, EntityType.PERSON, EntityType.GROUP


def mentions(doc: Any) -> list[tuple[str, EntityType, str]]:
    return [(doc[m.start : m.end].text, m.entity.type, m.entity.name) for m in doc._.kg_mentions]


def facts(doc: Any) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.relation.value, r.object.name) for r in doc._.kg_relations if r.relation.static}


def test_contract_types_and_order(nlp: Any) -> None:
    doc = nlp("US Secretary of State Marco Rubio met Chinese officials in Beijing. Beijing said it welcomed the talks.")
    starts = [m.start for m in doc._.kg_mentions]
    assert starts == sorted(starts)
    for mention in doc._.kg_mentions:
        assert mention.start <= mention.root < mention.end
        assert mention.entity in doc._.kg_entities
    for relation in doc._.kg_relations:
        assert 0 <= relation.confidence <= 1
        assert doc.text[relation.start_char : relation.end_char] == relation.evidence


def test_us_forms_are_one_node(nlp: Any) -> None:
    doc = nlp("The U.S. and the United States are the same as US, said American officials.")
    assert {name for _, _, name in mentions(doc)} == {"United States"}
    assert {"U.S.", "United States", "US"} <= doc._.kg_entities[EntityRef(C, "United States")].aliases


def test_title_before_name(nlp: Any) -> None:
    doc = nlp("Japanese Prime Minister Kenji Tanaka met Deputy Prime Minister Ana Lopes of Spain.")
    assert ("Kenji Tanaka", P, "Kenji Tanaka") in mentions(doc)
    assert {
        ("Kenji Tanaka", "holdsPosition", "Prime Minister"),
        ("Kenji Tanaka", "affiliatedWith", "Japan"),
        ("Kenji Tanaka", "leads", "Japan"),
    } <= facts(doc)
    # a deputy leads nothing
    assert ("Ana Lopes", "holdsPosition", "Deputy Prime Minister") in facts(doc)
    assert not any(s == "Ana Lopes" and r == "leads" for s, r, _ in facts(doc))
    assert EntityRef(EntityType.POSITION, "Prime Minister") in doc._.kg_entities


def test_title_of_country_before_name(nlp: Any) -> None:
    doc = nlp("Prime Minister of Britain Keir Starmer spoke to reporters.")
    assert {
        ("Keir Starmer", "leads", "United Kingdom"),
        ("Keir Starmer", "affiliatedWith", "United Kingdom"),
        ("Keir Starmer", "holdsPosition", "Prime Minister"),
    } <= facts(doc)


def test_ranks_never_inside_names_and_give_no_position(nlp: Any) -> None:
    doc = nlp("Colonel Amir Haddad and Admiral Sven Berg inspected the fleet.")
    assert {name for _, t, name in mentions(doc) if t is P} == {"Amir Haddad", "Sven Berg"}
    assert not any(r == "holdsPosition" for _, r, _ in facts(doc))


def test_surname_resolves_to_full_name(nlp: Any) -> None:
    doc = nlp("Defence Minister Olga Petrenko visited Odesa. Petrenko said the Ukrainian army was ready.")
    people = [m.entity.name for m in doc._.kg_mentions if m.entity.type is P]
    assert people == ["Olga Petrenko", "Olga Petrenko"]
    assert ("Ukrainian army", C, "Ukraine") in mentions(doc)


def test_surname_beats_a_city_of_the_same_name(nlp: Any) -> None:
    doc = nlp("Defense Secretary Lloyd Austin met Japanese officials. Austin said the alliance was strong.")
    assert [name for _, t, name in mentions(doc) if t is P] == ["Lloyd Austin", "Lloyd Austin"]
    doc = nlp("Storms hit Austin on Monday.")
    assert mentions(doc) == [("Austin", L, "Austin")]


def test_surname_inside_a_date_entity_is_repaired(nlp: Any) -> None:
    doc = nlp("Foreign Minister Lena Kovac arrived on Monday. On April 4, Kovac wrote to the council.")
    assert [m.entity.name for m in doc._.kg_mentions if m.entity.type is P] == ["Lena Kovac", "Lena Kovac"]


def test_acronym_defined_in_text_is_one_entity(nlp: Any) -> None:
    doc = nlp(
        "Officials from the Baltic Anti-Smuggling Authority (BASA) met customs officers. "
        "BASA later said talks went well."
    )
    orgs = {name for _, t, name in mentions(doc) if t is ORG}
    assert orgs == {"Baltic Anti-Smuggling Authority"}
    assert "BASA" in doc._.kg_entities[EntityRef(ORG, "Baltic Anti-Smuggling Authority")].aliases


def test_capital_acting_is_the_country_and_venue_is_a_location(nlp: Any) -> None:
    doc = nlp("Beijing said it would retaliate. The summit took place in Beijing.")
    assert mentions(doc)[0] == ("Beijing", C, "China")
    assert ("Beijing", L, "Beijing") in mentions(doc)
    doc = nlp("Brussels urged Budapest to comply. The meeting was held in Brussels.")
    assert mentions(doc)[:2] == [("Brussels", ORG, "European Union"), ("Budapest", C, "Hungary")]
    assert mentions(doc)[-1] == ("Brussels", L, "Brussels")


def test_seat_of_government_acts_for_its_country(nlp: Any) -> None:
    doc = nlp("The Kremlin said the talks were useful. Putin later hosted Modi at the Kremlin.")
    assert [(surface, t) for surface, t, _ in mentions(doc) if "Kremlin" in surface] == [
        ("The Kremlin", C),
        ("the Kremlin", L),
    ]
    doc = nlp("Kremlin spokesman Dmitry Peskov said they discussed Ukraine.")
    assert ("Dmitry Peskov", "affiliatedWith", "Russia") in facts(doc)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Georgia accused Russia of provocations near Tbilisi.", C),
        ("Georgia and Armenia held talks on Monday.", C),
        ("Storms hit Atlanta, Georgia, on Monday, the governor said.", L),
        ("Voters in the U.S. state of Georgia went to the polls.", L),
    ],
)
def test_georgia_is_the_country_unless_the_text_says_us_state(nlp: Any, text: str, expected: EntityType) -> None:
    doc = nlp(text)
    assert [t for surface, t, _ in mentions(doc) if surface == "Georgia"] == [expected]


def test_demonym_plural_stands_for_the_state(nlp: Any) -> None:
    doc = nlp("French officials praised the ruling. The Russians responded angrily.")
    assert ("French officials", C, "France") in mentions(doc)
    assert any(name == "Russia" for _, _, name in mentions(doc))
    root = next(m for m in doc._.kg_mentions if m.entity.name == "France").root
    assert doc[root].text == "officials"


def test_delegation_that_is_led_is_a_group(nlp: Any) -> None:
    doc = nlp("The Kenyan delegation was led by Amos Kiprono.")
    assert ("Kenyan delegation", G, "Kenyan delegation") in mentions(doc)
    assert ("Kenyan delegation", "affiliatedWith", "Kenya") in facts(doc)


def test_delegation_that_is_only_met_is_the_organisation(nlp: Any) -> None:
    doc = nlp("Turkey's foreign minister met a Hamas delegation in Ankara.")
    assert ("Hamas delegation", ORG, "Hamas") in mentions(doc)
    assert not any(t is G for _, t, _ in mentions(doc))


def test_pronouns(nlp: Any) -> None:
    doc = nlp("It was not clear whether Poland would respond. Nawrocki said he would decide soon.")
    pronouns = [(doc[m.start].text, m.entity.name) for m in doc._.kg_mentions if m.pronoun]
    assert pronouns == [("he", "Nawrocki")]  # the expletive "It" is not an actor
    doc = nlp("Hezbollah said it had fired rockets.")
    assert [(doc[m.start].text, m.entity.name) for m in doc._.kg_mentions if m.pronoun] == [("it", "Hezbollah")]


def test_plural_anaphor(nlp: Any) -> None:
    doc = nlp("Spain and Portugal signed a deal. Both countries praised the EU.")
    anaphor = {m.entity.name for m in doc._.kg_mentions if doc[m.start].text == "Both"}
    assert anaphor == {"Spain", "Portugal"}


def test_they_refers_to_the_nearest_plural_actor(nlp: Any) -> None:
    doc = nlp("French officials praised the ruling. They said it was overdue.")
    assert [(doc[m.start].text, m.entity.name) for m in doc._.kg_mentions if m.pronoun] == [("They", "France")]
    doc = nlp("Spain and Portugal signed a deal. They praised the EU.")
    assert {m.entity.name for m in doc._.kg_mentions if m.pronoun} == {"Spain", "Portugal"}


def test_linked_and_based(nlp: Any) -> None:
    doc = nlp(
        "Rebels of the Sahel Freedom Front (SFF) attacked a base. "
        "The al-Qaeda-linked group has fought the army for years."
    )
    assert ("Sahel Freedom Front", "affiliatedWith", "al-Qaeda") in facts(doc)
    doc = nlp("The Geneva-based agency praised Cuba.")
    assert not facts(doc)  # no agency named before: nothing to attach to


def test_place_in_country(nlp: Any) -> None:
    doc = nlp("Floods hit Lyon, France. Russia's Belgorod region was shelled.")
    assert {("Lyon", "locatedIn", "France"), ("Belgorod region", "locatedIn", "Russia")} <= facts(doc)
    doc = nlp("France, Germany and Italy signed the pact.")
    assert not facts(doc)


def test_possessive_organisation(nlp: Any) -> None:
    doc = nlp("Iran's Islamic Revolutionary Guard Corps seized a tanker.")
    assert ("Islamic Revolutionary Guard Corps", "affiliatedWith", "Iran") in facts(doc)


def test_gazetteer_does_not_split_a_longer_name(nlp: Any) -> None:
    doc = nlp("The Bank of Japan raised rates.")
    assert mentions(doc) == [("Bank of Japan", ORG, "Bank of Japan")]


def test_places_carry_geonames_ids(nlp: Any) -> None:
    doc = nlp("Ukraine and Kyiv officials met in Warsaw.")
    assert doc._.kg_entities[EntityRef(C, "Ukraine")].geonames_id == 690791
    assert doc._.kg_entities[EntityRef(L, "Warsaw")].geonames_id is not None


def test_non_state_collectives_are_groups_and_capitals_attacked_are_places(nlp: Any) -> None:
    doc = nlp("Sudanese rebels shelled Juba on Sunday.")
    assert ("Sudanese rebels", G, "Sudanese rebels") in mentions(doc)
    assert ("Juba", L, "Juba") in mentions(doc)  # shelled: the city, not South Sudan's government
    assert not facts(doc)  # rebels are not affiliated with the state they fight


def test_organisation_members_stand_for_the_organisation(nlp: Any) -> None:
    doc = nlp("Hezbollah guerrillas fired rockets at an outpost.")
    assert mentions(doc) == [("Hezbollah guerrillas", ORG, "Hezbollah")]
    doc = nlp("Fighters from the Lake Chad Liberation Army (LCLA) attacked a base near Maiduguri.")
    first = doc._.kg_mentions[0]
    assert doc[first.root].text == "Fighters" and first.entity == EntityRef(ORG, "Lake Chad Liberation Army")


def test_government_bodies_by_pattern(nlp: Any) -> None:
    # a ministry is a sub-unit of the state: its own Organization, affiliated with the state (annotation
    # guide of the real-news set; named ministries too, test_generic_body_names_keep_their_country)
    doc = nlp("The Chinese foreign ministry said the visit was a provocation.")
    assert ("Chinese foreign ministry", ORG, "Chinese Foreign Ministry") in mentions(doc)
    assert ("Chinese Foreign Ministry", "affiliatedWith", "China") in facts(doc)
    doc = nlp("Kenya's parliament approved the budget.")
    assert ("Kenya's parliament", "affiliatedWith", "Kenya") in facts(doc)


def test_generic_body_names_keep_their_country(nlp: Any) -> None:
    doc = nlp("Spain's Foreign Ministry summoned the ambassador.")
    assert ("Spain's Foreign Ministry", "affiliatedWith", "Spain") in facts(doc)
    doc = nlp("Iran's Aerospace Industries Organization oversees the programme.")
    assert ("Aerospace Industries Organization", "affiliatedWith", "Iran") in facts(doc)


def test_title_proves_a_person_the_ner_missed(nlp: Any) -> None:
    doc = nlp("Vice-President Joseph Mwangi has declined to resign.")
    assert mentions(doc) == [("Joseph Mwangi", P, "Joseph Mwangi")]
    assert ("Joseph Mwangi", "holdsPosition", "Vice-President") in facts(doc)


def test_acronym_of_a_country_maps_to_the_country(nlp: Any) -> None:
    doc = nlp("Washington insisted the Democratic People's Republic of Korea (DPRK) stop its tests.")
    assert {name for _, t, name in mentions(doc) if t is C} == {"United States", "North Korea"}


def test_the_demonym_before_a_noun_is_an_adjective(nlp: Any) -> None:
    doc = nlp("The Sudanese government accused the militia of violations.")
    assert mentions(doc) == [("Sudanese government", C, "Sudan")]


def test_possessive_in_a_reason_phrase_refers_to_the_object(nlp: Any) -> None:
    doc = nlp("The EU praised Poland for its support.")
    assert [(doc[m.start].text, m.entity.name) for m in doc._.kg_mentions if m.pronoun] == [("its", "Poland")]


def test_one_token_naming_two_countries(nlp: Any) -> None:
    doc = nlp("U.S.-China trade talks resumed in Geneva on Monday.")
    assert {name for surface, _, name in mentions(doc) if surface == "U.S.-China"} == {"United States", "China"}


def test_capital_backing_acts_and_capital_base_is_a_place(nlp: Any) -> None:
    doc = nlp("Moscow-backed militias seized the town of Avdiivka.")
    assert ("Moscow", C, "Russia") in mentions(doc)
    assert ("Avdiivka", L, "Avdiivka") in mentions(doc)  # "the town of X" is a place whatever NER says
    doc = nlp("A Beijing-based think tank published a report.")
    assert ("Beijing", L, "Beijing") in mentions(doc)


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("The caretaker Prime Minister Ana Silva resigned.", "Prime Minister"),
        ("Former President Jair Bolsonaro was charged.", None),
        ("EU foreign policy chief Kaja Kallas said the bloc would act.", None),
    ],
)
def test_position_names(nlp: Any, text: str, position: str | None) -> None:
    doc = nlp(text)
    positions = {r.object.name for r in doc._.kg_relations if r.relation is RelationType.HOLDS_POSITION}
    assert positions == ({position} if position else set())


def test_names_cut_by_ner_are_repaired(nlp: Any) -> None:
    doc = nlp("Acting President Han Duck-soo met Chinese envoys.")
    assert ("Han Duck-soo", P, "Han Duck-soo") in mentions(doc)
    doc = nlp("Venezuelan opposition leader Maria Corina Machado urged restraint.")
    assert ("Maria Corina Machado", P, "Maria Corina Machado") in mentions(doc)


def test_name_in_apposition_with_an_organisation_noun_is_an_organisation(nlp: Any) -> None:
    doc = nlp("Georgian Dream, the ruling party in Georgia, won the election.")
    assert ("Georgian Dream", ORG, "Georgian Dream") in mentions(doc)
    assert ("Georgia", C, "Georgia") in mentions(doc)


# -- the dev set -----------------------------------------------------------------------------------

_FAMILY = {"Country": "Place", "Location": "Place"}


def _norm(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.lower().strip())
    text = re.sub(r"('s|’s)$", "", text)
    return " ".join(re.sub(r"[^\w\s]", "", text).split())


def test_entity_f1_on_the_dev_set(nlp: Any, dev_documents: list[dict[str, Any]]) -> None:
    """Entity F1 by the eval README's rule (label = gold name or alias, same type family) >= 0.92."""
    tp = fp = found_total = gold_total = 0
    for gold_doc in dev_documents:
        doc = nlp(gold_doc["text"])
        records = doc_to_records(doc, Document(gold_doc["id"], gold_doc["text"]))
        gold = [g for g in gold_doc["entities"] if g["type"] != "Position"]
        gold_total += len(gold)
        found = set()
        for entity in records.entities:
            if entity.type is EntityType.POSITION:
                continue
            if entity.type is G and not any(
                entity.ref in (r.subject, r.object) and r.relation is not RelationType.AFFILIATED_WITH
                for r in records.relations
            ):
                continue
            family = _FAMILY.get(entity.type.value, entity.type.value)
            hits = [
                i
                for i, g in enumerate(gold)
                if _FAMILY.get(g["type"], g["type"]) == family
                and _norm(entity.name) in {_norm(a) for a in [g["name"], *g["aliases"]]}
            ]
            tp, fp = (tp + 1, fp) if hits else (tp, fp + 1)
            found.update(hits)
        found_total += len(found)
    precision, recall = tp / (tp + fp), found_total / gold_total
    f1 = 2 * precision * recall / (precision + recall)
    print(f"dev entity P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    assert f1 >= 0.92


def test_seed_article_has_one_node_per_actor_and_no_dates_or_ranks(
    nlp: Any, dev_documents: list[dict[str, Any]]
) -> None:
    seed = next(d for d in dev_documents if d["id"] == "seed-rubio")
    doc = nlp(seed["text"])
    names = [ref.name for ref in doc._.kg_entities]
    for name in ("Marco Rubio", "United States", "European Union", "United Kingdom", "Ukraine"):
        assert names.count(name) == 1, name
    for name in names:
        assert not re.search(
            r"\b(January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b", name
        )
        assert not re.match(r"(General|Admiral|President|Secretary|Minister)\b", name) or name in {
            "President",
            "Secretary of State",
        }
    assert {"Rubio", "US Secretary of State Marco Rubio"} <= doc._.kg_entities[EntityRef(P, "Marco Rubio")].aliases
