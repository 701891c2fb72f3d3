"""Extraction quality on the gold sets, scored as docs/annotation-guide.md describes (issues 3, 4).

The thresholds are the issues' acceptance figures; the full table is printed by
``kgraph evaluate DEV_SET`` (the development set lives outside the repository: these tests skip
without it) and ``kgraph evaluate tests/data/heldout.jsonl``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kgraph.evaluate import Evaluation, evaluate
from kgraph.model import RelationType


@pytest.fixture(scope="module")
def dev_evaluation(nlp: Any, dev_set: Path) -> Evaluation:
    return evaluate(dev_set, nlp=nlp)


def test_entity_f1(dev_evaluation: Evaluation) -> None:
    assert dev_evaluation.entities.f1 >= 0.92, dev_evaluation.entities.as_dict()


def test_relation_f1_and_precision(dev_evaluation: Evaluation) -> None:
    scores = dev_evaluation.relations
    # just under what is measured (0.995 when set): a loss on the written set is a bug, not noise
    assert scores.f1 >= 0.98 and scores.precision >= 0.98, scores.as_dict()


@pytest.mark.parametrize("relation", [r for r in RelationType if r is not RelationType.RELATED_TO], ids=str)
def test_no_relation_type_at_zero_recall(dev_evaluation: Evaluation, relation: RelationType) -> None:
    assert dev_evaluation.by_relation[relation.value].found > 0


HELD_OUT = Path(__file__).resolve().parent / "data" / "heldout.jsonl"


@pytest.fixture(scope="module")
def held_out_evaluation(nlp: Any) -> Evaluation:
    return evaluate(HELD_OUT, nlp=nlp)


def test_held_out_quality_does_not_regress(held_out_evaluation: Evaluation) -> None:
    """A guard against over-fitting: documents written for this purpose and not tuned on as a whole
    (README "Quality"). The floors sit a little below the figures measured when they were set."""
    entities, relations = held_out_evaluation.entities, held_out_evaluation.relations
    assert entities.f1 >= 0.94, entities.as_dict()
    assert relations.f1 >= 0.75 and relations.precision >= 0.87, relations.as_dict()
