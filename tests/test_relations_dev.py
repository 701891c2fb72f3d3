"""The relation extractor over the dev gold set: targets of issue 4 and provenance contracts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kgraph.model import Modality, RelationType


@pytest.fixture(scope="module")
def dev_evaluation(nlp: Any, dev_set: Path) -> Any:
    from kgraph.evaluate import evaluate

    return evaluate(dev_set, nlp=nlp)


def test_dev_relation_targets(dev_evaluation: Any) -> None:
    relations = dev_evaluation.relations
    assert relations.precision >= 0.80, dev_evaluation.false_relations
    assert relations.f1 >= 0.75, dev_evaluation.missed_relations


def test_no_relation_type_at_zero_recall(dev_evaluation: Any) -> None:
    scored = {r for r in RelationType if r is not RelationType.RELATED_TO}
    assert {name for name, score in dev_evaluation.by_relation.items() if score.found} >= {r.value for r in scored}


def test_every_dev_relation_has_verbatim_evidence(nlp: Any, dev_documents: list[dict[str, Any]]) -> None:
    for record in dev_documents:
        text = record["text"]
        doc = nlp(text)
        for relation in doc._.kg_relations:
            inside = [m for m in doc._.kg_mentions if relation.start_char <= doc[m.start].idx < relation.end_char]
            order = {m.entity: m.start for m in reversed(inside)}  # first mention within the evidence
            assert text[relation.start_char : relation.end_char] == relation.evidence, (record["id"], relation)
            assert relation.evidence and relation.trigger, (record["id"], relation)
            assert relation.subject != relation.object, (record["id"], relation)
            assert 0.0 < relation.confidence <= 1.0
            if relation.modality is not Modality.REPORTED:
                assert relation.speaker is None
            if relation.relation.symmetric and relation.subject in order and relation.object in order:
                # symmetric relations name the first-mentioned participant first
                assert order[relation.subject] <= order[relation.object], (record["id"], relation)
