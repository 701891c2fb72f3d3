"""Architecture checks: a light ``import kgraph`` and the import-linter contracts of ``.importlinter``."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / ".importlinter"


def _imported_modules(statement: str) -> set[str]:
    """The modules a fresh interpreter imports to run ``statement`` (from ``-X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_import_kgraph_loads_neither_spacy_nor_rdflib() -> None:
    modules = _imported_modules("import kgraph")
    assert "kgraph" in modules
    heavy = {name for name in modules if name.split(".")[0] in {"spacy", "rdflib", "networkx", "pyoxigraph", "pandas"}}
    assert heavy == set()


def test_the_build_function_survives_importing_its_module() -> None:
    import kgraph
    import kgraph.build  # noqa: F401  (the submodule import must not replace the function)

    assert callable(kgraph.build)
    assert kgraph.build.__module__ == "kgraph.build"
    assert kgraph.KnowledgeGraph.__module__ == "kgraph.graph"


def test_import_contracts_are_kept() -> None:
    from importlinter.cli import lint_imports

    assert lint_imports(config_filename=str(CONFIG), no_cache=True) == 0


def test_dictionaries_and_gold_files_fail_as_file_colon_line(tmp_path: Path) -> None:
    from kgraph.errors import DictionaryError, InputError
    from kgraph.evaluate import read_gold
    from kgraph.nlp.actors.gazetteer import read_actor_dictionary
    from kgraph.nlp.relations.lexicon import read_lexicon

    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n{oops\n", encoding="utf-8")
    for reader in (read_actor_dictionary, read_lexicon):
        with pytest.raises(DictionaryError, match=rf"^{re.escape(str(bad))}:2: not valid JSON"):
            reader(bad)
    bad.write_text('{"id": "d1"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{re.escape(str(bad))}:1: not a gold record"):
        read_gold(bad)
