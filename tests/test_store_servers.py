"""The README's SPARQL example gives the same rows from the Turtle file, a store folder, an
``oxigraph serve`` server and a Virtuoso server (issue 11): one store model everywhere.

The servers are real programs started on 127.0.0.1 with throwaway databases (``tests/stores.py``);
locally the tests skip without them, in CI (which installs them) they fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.stores import Server, oxigraph_server, virtuoso_server

Row = tuple[str, ...]


def readme_query() -> str:
    """The SPARQL example of the README, as printed there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```sparql\n(.*?)```", text, re.DOTALL)
    assert match, "the README has no ```sparql example"
    return match.group(1)


def _rows(*args: str) -> list[Row]:
    result = run_cli("query", *args, "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    return sorted(tuple(sorted(row.items())) for row in json.loads(result.stdout))  # type: ignore[misc]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The README's example built with the README's command, and the README's query in a file."""
    folder = tmp_path_factory.mktemp("readme")
    graph = folder / "graph.ttl"
    built = run_cli("build", str(ROOT / "examples"), "-o", str(graph), "--quiet")
    assert built.returncode == 0, built.stderr.decode()
    query = folder / "query.rq"
    query.write_text(readme_query(), encoding="utf-8")
    return graph, query


@pytest.fixture(scope="module")
def file_rows(example: tuple[Path, Path]) -> list[Row]:
    graph, query = example
    rows = _rows(str(graph), f"@{query}")
    assert len(rows) >= 5, rows  # the example articles hold several appeals
    return rows


SERVERS: dict[str, Callable[[Path], AbstractContextManager[Server]]] = {
    "oxigraph": oxigraph_server,
    "virtuoso": virtuoso_server,
}


@pytest.fixture(scope="module", params=sorted(SERVERS))
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with SERVERS[request.param](tmp_path_factory.mktemp(request.param)) as running:
        yield running


def test_store_folder_answers_like_the_file(example: tuple[Path, Path], file_rows: list[Row], tmp_path: Path) -> None:
    graph, query = example
    loaded = run_cli("load", str(graph), "--store", str(tmp_path / "store"))
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert _rows(str(tmp_path / "store"), f"@{query}") == file_rows


def test_server_answers_like_the_file(server: Server, example: tuple[Path, Path], file_rows: list[Row]) -> None:
    """``kgraph load --endpoint BASE_URL`` then ``kgraph query BASE_URL``: the README's rows, no more, no fewer."""
    graph, query = example
    loaded = run_cli("load", str(graph), "--endpoint", server.url, *server.load_options)
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert _rows(server.url, f"@{query}", *server.query_options) == file_rows
    # each document's provenance is also in its named graph
    documents = _rows(server.url, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g a kg:Document } }", *server.query_options)
    assert len(documents) == len(list((ROOT / "examples").glob("*.txt")))


def test_server_refuses_updates_and_reports_errors_in_one_line(server: Server) -> None:
    refused = run_cli("query", server.url, "DELETE WHERE { ?s ?p ?o }")
    assert refused.returncode == 2 and refused.stderr.decode().count("\n") == 1
    bad = run_cli("query", server.url, "SELECT ?x WHERE { ?x kg:leads }", *server.query_options)
    err = bad.stderr.decode()
    assert bad.returncode == 7 and err.count("\n") == 1 and err.startswith("kgraph: error:"), err


def test_store_built_incrementally_answers_like_the_file(
    example: tuple[Path, Path], file_rows: list[Row], tmp_path: Path
) -> None:
    """``kgraph build --store`` writes the same store model as ``kgraph load``."""
    _, query = example
    built = run_cli("build", str(ROOT / "examples"), "--store", str(tmp_path / "store"), "--quiet")
    assert built.returncode == 0, built.stderr.decode()
    assert _rows(str(tmp_path / "store"), f"@{query}") == file_rows
