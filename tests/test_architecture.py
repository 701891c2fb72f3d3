"""Architecture checks: a light ``import kgraph`` and the import-linter contracts of ``.importlinter``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
