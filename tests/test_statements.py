"""The kgraph_statements component: statement records from quotes, reported clauses and sources."""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.model import Statement
from kgraph.nlp.extensions import mention_index


def _statements(nlp: Any, text: str) -> tuple[Any, list[Statement]]:
    doc = nlp(text)
    return doc, list(doc._.kg_statements)


def _entity(doc: Any, word: str) -> Any:
    index = mention_index(doc)
    token = next(t for t in doc if t.text == word)
    assert token.i in index, f"the actors component found no mention at {word!r}"
    return index[token.i].entity


def test_component_runs_after_relations(nlp: Any) -> None:
    names = nlp.pipe_names
    assert names.index("kgraph_statements") == names.index("kgraph_relations") + 1


def test_quote_after_the_speech_verb(nlp: Any) -> None:
    text = 'Marek Nowak wrote, "Germany must send more tanks to Ukraine."'
    doc, found = _statements(nlp, text)
    assert len(found) == 1
    statement = found[0]
    assert statement.speaker == _entity(doc, "Nowak")
    assert statement.content == "Germany must send more tanks to Ukraine"
    assert statement.trigger == "wrote"
    assert statement.evidence == text
    assert statement.start_char == text.index("wrote")
    assert set(statement.about) == {_entity(doc, "Germany"), _entity(doc, "Ukraine")}


def test_quote_before_the_speech_verb_with_addressee(nlp: Any) -> None:
    text = '"Ukraine will never give up Crimea," Foreign Minister Anna Petrova told Reuters on Friday.'
    doc, found = _statements(nlp, text)
    assert len(found) == 1
    assert found[0].speaker == _entity(doc, "Petrova")
    assert found[0].content == "Ukraine will never give up Crimea"
    assert found[0].addressee == _entity(doc, "Reuters")


def test_quote_then_verb_then_speaker(nlp: Any) -> None:
    text = '"Ukraine will never give up Crimea," said Maria Lopez, the Spanish foreign minister.'
    doc, found = _statements(nlp, text)
    assert [(s.speaker, s.content) for s in found] == [(_entity(doc, "Lopez"), "Ukraine will never give up Crimea")]


def test_reported_clause(nlp: Any) -> None:
    doc, found = _statements(nlp, "Chile said on Monday that Peru had closed its border with Bolivia.")
    assert [s.speaker for s in found] == [_entity(doc, "Chile")]
    assert found[0].content == "Peru had closed its border with Bolivia"
    assert found[0].trigger == "said"
    assert set(found[0].about) == {_entity(doc, "Peru"), _entity(doc, "Bolivia")}


def test_speech_clause_after_the_content(nlp: Any) -> None:
    doc, found = _statements(nlp, "Peru closed its border with Bolivia on Sunday, Chile said.")
    assert [s.speaker for s in found] == [_entity(doc, "Chile")]
    assert found[0].content == "Peru closed its border with Bolivia on Sunday"


def test_according_to(nlp: Any) -> None:
    doc, found = _statements(nlp, "Peru closed its border with Bolivia, according to Reuters.")
    assert [s.speaker for s in found] == [_entity(doc, "Reuters")]
    assert found[0].trigger == "according to"
    assert found[0].content == "Peru closed its border with Bolivia"


def test_headline_statement(nlp: Any) -> None:
    text = "Chile says Peru must reopen the border\nThe dispute began in May."
    doc, found = _statements(nlp, text)
    assert [s.speaker for s in found] == [_entity(doc, "Chile")]
    assert found[0].content == "Peru must reopen the border"
    assert found[0].evidence == "Chile says Peru must reopen the border"


def test_two_statements_by_one_speaker_stay_apart(nlp: Any) -> None:
    text = "Chile said Peru had closed the border, but warned that Bolivia could do the same."
    doc, found = _statements(nlp, text)
    assert [s.trigger for s in found] == ["said", "warned"]
    assert len({s.start_char for s in found}) == 2
    assert all(s.speaker == _entity(doc, "Chile") for s in found)


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not say whether Peru would close the border.",  # negated speech
        "The statement said Peru had closed the border.",  # no actor speaks
        "Chile will say more about the border next week.",  # no content, future
        "Peru closed its border with Bolivia.",  # no speech at all
    ],
)
def test_no_statement(nlp: Any, text: str) -> None:
    _, found = _statements(nlp, text)
    assert found == []


def test_statements_reach_the_graph(nlp: Any) -> None:
    import kgraph

    kg = kgraph.build(["Chile said on Monday that Peru had closed its border with Bolivia."], nlp=nlp)
    contents = [s.content for s in kg.statements.values()]
    assert contents == ["Peru had closed its border with Bolivia"]


def test_dateline_is_not_content(nlp: Any) -> None:
    _, found = _statements(
        nlp, "KAMPALA, March 3 - Uganda closed its border with Kenya on Friday, the Ugandan army said."
    )
    assert [s.content for s in found] == ["Uganda closed its border with Kenya on Friday"]


def test_relative_clause_statement_names_its_antecedent(nlp: Any) -> None:
    doc, found = _statements(nlp, "Chile accused Peru of hosting the rebels, which it says are funded by Bolivia.")
    assert [(s.trigger, s.content) for s in found] == [("says", "the rebels are funded by Bolivia")]


def test_content_subject_misattached_to_the_speech_verb(nlp: Any) -> None:
    _, found = _statements(nlp, "Chile said tolls for other nations would not change.")
    assert [s.content for s in found] == ["tolls for other nations would not change"]
