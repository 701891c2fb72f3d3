"""``kgraph build --store DIR``: incremental runs skip documents already in the store (issue 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kgraph.build import BuildOptions
from kgraph.engine.run import BuildTargets, run_build
from kgraph.model import Document
from kgraph.store import open_store, query_store, stored_documents
from tests.conftest import run_cli
from tests.scale_corpus import ARTICLES, share_test_pipeline, write_articles


@pytest.fixture(autouse=True)
def _shared_pipeline(nlp: object) -> Iterator[None]:
    yield from share_test_pipeline(nlp)


def _count_documents(store_path: Path) -> int:
    store = open_store(store_path)
    rows = query_store(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }").rows
    del store
    return int(rows[0][0] or 0)


def test_second_run_processes_zero_documents(tmp_path: Path) -> None:
    names = sorted(ARTICLES)
    news = write_articles(tmp_path / "news", names[:4])
    store = tmp_path / "kg.db"

    first = run_build([news], BuildTargets(store=store), options=BuildOptions(batch_size=2), jobs=2, progress=False)
    assert (first.documents, first.skipped) == (4, 0)
    assert _count_documents(store) == 4
    hashes = stored_documents(open_store(store))
    assert hashes == {Document("x", ARTICLES[name]).content_hash for name in names[:4]}
    size = len(ox.Store(str(store)))

    again = run_cli("build", str(news), "--store", str(store))
    assert again.returncode == 0, again.stderr.decode()
    assert again.stderr.decode().startswith("kgraph: 0 documents (4 already in the store), 0 actors, 0 relations")
    assert len(ox.Store(str(store))) == size

    write_articles(news, names[4:])  # the next day: two new articles in the folder
    output = tmp_path / "new.nq"
    daily = run_build([news], BuildTargets(output=output, store=store), progress=False)
    assert (daily.documents, daily.skipped) == (len(names) - 4, 4)
    assert daily.summary([str(store)]).startswith(f"kgraph: {len(names) - 4} documents (4 already in the store)")
    assert _count_documents(store) == len(names)
    new_graphs = {q.graph_name for q in ox.parse(path=str(output), format=ox.RdfFormat.N_QUADS)}
    new_graphs.discard(ox.NamedNode("https://w3id.org/kgraph/id/graph/events"))  # the events of the new documents
    assert len(new_graphs) == len(names) - 4


def test_store_run_keeps_relations_queryable(tmp_path: Path) -> None:
    news = write_articles(tmp_path / "news", ["a-geneva.txt"])
    store = tmp_path / "kg.db"
    assert run_build([news], BuildTargets(store=store), progress=False).documents == 1
    rows = query_store(
        open_store(store),
        "SELECT ?label WHERE { ?a a kg:Assertion ; prov:wasDerivedFrom ?d . ?d kg:documentId ?label }",
    ).rows
    assert rows and {row[0] for row in rows} == {"a-geneva.txt"}
