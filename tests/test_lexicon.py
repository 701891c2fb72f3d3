"""The relation lexicon: built-in data, user extension, and errors naming file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgraph.errors import DictionaryError
from kgraph.model import RelationType
from kgraph.nlp.pipeline import load_pipeline
from kgraph.nlp.relations.lexicon import DIRECT_OBJECT, TriggerKind, load_lexicon, read_lexicon


@pytest.mark.parametrize(
    "relation", [r for r in RelationType if r is not RelationType.RELATED_TO and r is not RelationType.HOLDS_POSITION]
)
def test_every_relation_has_triggers(relation: RelationType) -> None:
    lexicon = load_lexicon()
    entries = [e for table in (lexicon.verb_entries, lexicon.noun_entries) for es in table.values() for e in es]
    assert any(e.relation is relation for e in entries), relation


@pytest.mark.parametrize(
    ("kind", "lemma", "prep", "relation"),
    [
        ("verb", "call", "on", "appealsTo"),
        ("verb", "urge", "", "appealsTo"),
        ("verb", "press", "", "appealsTo"),
        ("verb", "meet", "with", "consultsWith"),
        ("verb", "condemn", "", "accuses"),
        ("verb", "invade", "", "attacks"),
        ("verb", "head", "", "leads"),
        ("verb", "chair", "", "leads"),
        ("noun", "talk", "between", "consultsWith"),
        ("noun", "invasion", "of", "attacks"),
        ("noun", "sanction", "on", "sanctions"),
        ("noun", "war", "with", "inConflictWith"),
        ("noun", "condemnation", "of", "accuses"),
        ("noun", "demand", "for", "appealsTo"),
        ("noun", "member", "of", "memberOf"),
    ],
)
def test_named_triggers_are_in_the_lexicon(kind: str, lemma: str, prep: str, relation: str) -> None:
    lexicon = load_lexicon()
    entries = lexicon.verbs(lemma) if kind == "verb" else lexicon.nouns(lemma)
    assert any(e.relation is RelationType(relation) and (prep or DIRECT_OBJECT) in e.preps for e in entries)


def test_support_verbs_and_titles() -> None:
    lexicon = load_lexicon()
    assert lexicon.is_support("hold") and lexicon.is_support("impose") and lexicon.is_support("slap")
    assert lexicon.titles["director general"].leads and not lexicon.titles["foreign minister"].leads


def test_user_lexicon_extends_the_builtin(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"verb": "stonewall", "relation": "rejects"}) + "\n", encoding="utf-8")
    lexicon = load_lexicon(extra)
    assert [e.relation for e in lexicon.verbs("stonewall")] == [RelationType.REJECTS]
    assert lexicon.verbs("urge")  # built-in entries are kept
    assert not load_lexicon().verbs("stonewall")


def test_user_lexicon_reaches_the_pipeline(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"verb": "stonewall", "relation": "rejects"}) + "\n", encoding="utf-8")
    nlp = load_pipeline(lexicon=extra)
    doc = nlp("Germany stonewalled France on Monday.")
    assert ("Germany", RelationType.REJECTS, "France") in {
        (r.subject.name, r.relation, r.object.name) for r in doc._.kg_relations
    }


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"verb": "stonewall", "relation": "dislikes"}', "unknown relation 'dislikes'"),
        ('{"relation": "rejects"}', "exactly one of"),
        ('{"verb": "", "relation": "rejects"}', "non-empty string"),
        ('{"verb": "stonewall", "relation": "rejects", "prep": 3}', "'prep' must be"),
        ("[1, 2]", "expected a JSON object"),
    ],
)
def test_malformed_lines_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"verb": "stonewall", "relation": "rejects"}\n\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=message) as error:
        read_lexicon(bad)
    assert f"{bad}:3: " in str(error.value)


def test_missing_file_is_a_dictionary_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read the lexicon"):
        read_lexicon(tmp_path / "nope.jsonl")


def test_entry_kinds_round_trip() -> None:
    kinds = {
        e.kind
        for e in read_lexicon(Path(__file__).resolve().parent.parent / "kgraph" / "nlp" / "data" / "lexicon.jsonl")
    }
    assert kinds == set(TriggerKind)


def test_malformed_user_lexicon_fails_when_the_pipeline_loads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"verb": "stonewall", "relation": "dislikes"}\n', encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad\.jsonl:1: "):
        load_pipeline(lexicon=bad)
