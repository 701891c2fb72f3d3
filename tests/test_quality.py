"""Extraction quality on the dev gold set, scored as shared/eval/README.md describes (issues 3, 4).

The thresholds are the issues' acceptance figures; the full table is printed by
``kgraph evaluate ../shared/eval/dev.jsonl``.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgraph.evaluate import Evaluation, evaluate
from kgraph.model import RelationType
from tests.conftest import DEV_SET


@pytest.fixture(scope="module")
def dev_evaluation(nlp: Any) -> Evaluation:
    return evaluate(DEV_SET, nlp=nlp)


def test_entity_f1(dev_evaluation: Evaluation) -> None:
    assert dev_evaluation.entities.f1 >= 0.92, dev_evaluation.entities.as_dict()


def test_relation_f1_and_precision(dev_evaluation: Evaluation) -> None:
    scores = dev_evaluation.relations
    assert scores.f1 >= 0.75 and scores.precision >= 0.80, scores.as_dict()


@pytest.mark.parametrize("relation", [r for r in RelationType if r is not RelationType.RELATED_TO], ids=str)
def test_no_relation_type_at_zero_recall(dev_evaluation: Evaluation, relation: RelationType) -> None:
    assert dev_evaluation.by_relation[relation.value].found > 0
