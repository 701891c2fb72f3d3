"""kgraph's components are real spaCy components: ``spacy.load`` + ``add_pipe`` and a saved pipeline
give exactly the graph ``load_pipeline()`` gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import spacy

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document
from kgraph.nlp.convert import doc_to_records
from kgraph.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from kgraph.rdf import iter_triples

TEXT = (
    "Foreign Minister Alma Verhoeven met Secretary of State Marco Rubio in Geneva on Tuesday.\n\n"
    "Verhoeven urged the European Union to impose new sanctions on Russia, and Rubio said Washington "
    "would support Ukraine. The Tidewater Compact accused Iran of attacking tankers in the Red Sea."
)
USER_ACTOR = {"name": "Tidewater Compact", "type": "Organization", "aliases": ["the Compact"]}
ADDED = [
    ("kgraph_paragraphs", {"before": "parser"}),
    ("kgraph_gazetteer", {"after": "ner"}),
    ("kgraph_actors", {}),
    ("kgraph_relations", {}),
    ("kgraph_statements", {}),
]


def _triples(nlp: Any) -> set[tuple[str, str, str]]:
    document = Document("components-test", TEXT)
    kg = KnowledgeGraph()
    kg.add_records(doc_to_records(nlp(document.text), document))
    return {(str(s), str(p), str(o)) for s, p, o in iter_triples(kg)}


def _relation_count(triples: set[tuple[str, str, str]]) -> int:
    return sum(1 for _, p, _ in triples if p.endswith("#predicate"))


def _added_by_hand(config: dict[str, dict[str, str]] | None = None) -> Any:
    nlp = spacy.load(DEFAULT_MODEL)
    for name, where in ADDED:
        nlp.add_pipe(name, **where, config=(config or {}).get(name, {}))
    return nlp


def test_add_pipe_on_a_loaded_model_gives_the_load_pipeline_graph(nlp: Any) -> None:
    by_hand = _added_by_hand()
    assert by_hand.pipe_names == nlp.pipe_names
    expected = _triples(nlp)
    assert _relation_count(expected) >= 3
    assert _triples(by_hand) == expected


def test_a_saved_pipeline_keeps_the_user_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "actors.jsonl"
    actors.write_text(json.dumps(USER_ACTOR) + "\n", encoding="utf-8")
    original = load_pipeline(actors=actors)
    expected = _triples(original)
    assert any(o == "Tidewater Compact" for _, _, o in expected)

    original.to_disk(tmp_path / "saved")
    actors.unlink()  # the saved pipeline must carry its own copy
    assert (tmp_path / "saved" / "kgraph_actors" / "actors.jsonl").is_file()
    reloaded = spacy.load(tmp_path / "saved")
    assert _triples(reloaded) == expected


def test_initialize_switches_the_gazetteer_dictionary(tmp_path: Path) -> None:
    actors = tmp_path / "actors.jsonl"
    actors.write_text(json.dumps({"name": "Marsh Harbour League", "type": "Organization"}) + "\n", encoding="utf-8")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("kgraph_gazetteer")
    text = "The Marsh Harbour League met in Kenya."
    before = nlp(text)
    assert [s.text for s in before.spans["kgraph_gazetteer"]] == ["Kenya"]
    ruler.initialize(actors=str(actors))
    after = nlp(text)
    assert [s.text for s in after.spans["kgraph_gazetteer"]] == ["Marsh Harbour League", "Kenya"]
