"""tools/robustness.py: variants keep every fact, every evidence verbatim, and rename people consistently."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parent.parent / "tools" / "robustness.py"

RECORD = {
    "id": "t-1",
    "text": "Foreign Minister Ilse Marten criticised Norway on Monday. Marten said she had urged Oslo to act. "
    "Sweden met with Finland.",
    "entities": [
        {"name": "Ilse Marten", "type": "Person", "aliases": ["Foreign Minister Ilse Marten", "Marten"]},
        {"name": "Foreign Minister", "type": "Position", "aliases": []},
        {"name": "Norway", "type": "Country", "aliases": ["Oslo"]},
        {"name": "Sweden", "type": "Country", "aliases": []},
        {"name": "Finland", "type": "Country", "aliases": []},
    ],
    "relations": [
        {
            "subject": "Ilse Marten",
            "relation": "accuses",
            "object": "Norway",
            "evidence": "Ilse Marten criticised Norway",
        },
        {
            "subject": "Ilse Marten",
            "relation": "appealsTo",
            "object": "Norway",
            "evidence": "she had urged Oslo to act",
        },
        {"subject": "Sweden", "relation": "consultsWith", "object": "Finland", "evidence": "Sweden met with Finland"},
    ],
}


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("robustness", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["robustness"] = module
    spec.loader.exec_module(module)
    return module


def valid(record: dict) -> bool:
    names = {e["name"] for e in record["entities"]}
    return all(
        r["evidence"] in record["text"] and r["subject"] in names and r["object"] in names for r in record["relations"]
    )


def test_renamed_everywhere_and_same_gender(tool: ModuleType) -> None:
    out = tool.variant_of(RECORD, "renamed", seed=3)
    person = out["entities"][0]["name"]
    assert person != "Ilse Marten" and "Marten" not in out["text"] and "Ilse" not in json.dumps(out)
    first, last = person.split()
    assert first in tool._FEMALE  # "she" follows the name
    assert out["entities"][0]["aliases"] == [f"Foreign Minister {person}", last]
    assert out["relations"][0]["subject"] == person and valid(out)
    assert tool.variant_of(RECORD, "renamed", seed=3) == out  # deterministic


def test_structure_and_synonyms_keep_the_facts(tool: ModuleType) -> None:
    for kind in ("adverbials", "relatives", "synonyms", "all"):
        out = tool.variant_of(RECORD, kind, seed=1)
        assert valid(out), kind
        assert [(r["relation"]) for r in out["relations"]] == [r["relation"] for r in RECORD["relations"]]
    assert "denounced Norway" in tool.variant_of(RECORD, "synonyms")["text"]
    assert "Sweden held talks with Finland" in tool.variant_of(RECORD, "synonyms")["text"]
    assert tool.variant_of(RECORD, "adverbials", seed=1)["text"] != RECORD["text"]
    assert ", who has held the post since 2021, criticised" in tool.variant_of(RECORD, "relatives")["text"]


def test_cli_writes_files_and_rejects_bad_input(tool: ModuleType, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(RECORD) + "\n", encoding="utf-8")
    assert tool.main([str(gold), "-o", str(tmp_path / "out"), "--kinds", "renamed,synonyms"]) == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["renamed.jsonl", "synonyms.jsonl"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    assert tool.main([str(bad), "-o", str(tmp_path / "out2")]) == 2
    assert not (tmp_path / "out2").exists()
    assert tool.main([str(gold), "-o", str(tmp_path / "out3"), "--kinds", "shuffled"]) == 2
