"""End-to-end: the CLI on a news-style article, three strict parsers, and bad inputs (issue 2).

The article (``tests/data/article.txt``, written for these tests) has a headline, a byline and a
dateline like a wire report.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kgraph.ontology import KG
from tests.conftest import require_tool, run_cli

ARTICLE = Path(__file__).resolve().parent / "data" / "article.txt"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("seed")
    article = folder / "seed.txt"
    article.write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    ttl, html = folder / "seed.ttl", folder / "seed.html"
    result = run_cli("build", str(article), "-o", str(ttl), "--html", str(html))
    assert result.returncode == 0, result.stderr.decode()
    return ttl, html


def _node(graph: Graph, label: str) -> URIRef:
    nodes = [s for s in graph.subjects(RDFS.label, None) if str(graph.value(s, RDFS.label)) == label]
    assert len(nodes) == 1, f"expected one node labelled {label!r}, got {nodes}"
    return nodes[0]  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("subject", "relation", "obj"),
    [("Ingrid Solbakken", KG.appealsTo, "Denmark"), ("Tor Viken", KG.leads, "Norwegian delegation")],
)
def test_seed_relation_with_provenance(seed_build: tuple[Path, Path], subject: str, relation: URIRef, obj: str) -> None:
    graph = Graph().parse(seed_build[0], format="turtle")
    s, o = _node(graph, subject), _node(graph, obj)
    assert (s, relation, o) in graph
    rows = list(
        graph.query(
            """SELECT ?doc ?evidence ?trigger ?confidence WHERE {
                 ?a a kg:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                    prov:wasDerivedFrom ?doc ; kg:evidence ?evidence ; kg:trigger ?trigger ; kg:confidence ?confidence .
                 ?doc a kg:Document . }""",
            initNs={"kg": KG._NS, "rdf": RDF, "prov": URIRef("http://www.w3.org/ns/prov#")},
            initBindings={"s": s, "p": relation, "o": o},
        )
    )
    assert rows, f"no provenance node for {subject} {relation} {obj}"
    doc, evidence, trigger, confidence = rows[0]  # type: ignore[misc]
    text = ARTICLE.read_text(encoding="utf-8")
    assert str(evidence) in text and str(trigger)
    assert 0 < float(confidence) <= 1


def test_seed_html_shows_the_relations(seed_build: tuple[Path, Path]) -> None:
    page = seed_build[1].read_text(encoding="utf-8")
    for label in ("Ingrid Solbakken", "Denmark", "Tor Viken", "Norwegian delegation", "appealsTo", "leads"):
        assert label in page
    assert "https://cdn" not in page and 'src="http' not in page


def test_turtle_accepted_by_three_strict_parsers(seed_build: tuple[Path, Path]) -> None:
    ttl = seed_build[0]
    expected = len(Graph().parse(ttl, format="turtle"))
    assert len(list(pyoxigraph.parse(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE))) == expected
    rapper = require_tool("rapper")
    result = subprocess.run([rapper, "-i", "turtle", "-c", str(ttl)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert f"returned {expected} triples" in result.stderr


@pytest.mark.parametrize("case", ["missing", "empty-file", "empty-folder", "folder-without-text"])
def test_bad_input_exits_non_zero_and_writes_nothing(tmp_path: Path, case: str) -> None:
    target = tmp_path / "input"
    if case == "empty-file":
        target.write_text("")
    elif case in {"empty-folder", "folder-without-text"}:
        target.mkdir()
        if case == "folder-without-text":
            (target / "blank.txt").write_text("   \n\n")
    out = tmp_path / "out.ttl"
    result = run_cli("build", str(target), "-o", str(out), "--html", str(tmp_path / "out.html"))
    assert result.returncode != 0
    lines = result.stderr.decode().strip().splitlines()
    errors = [line for line in lines if line.startswith("kgraph: error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr.decode()
    assert str(target) in errors[0]
    assert not out.exists() and not (tmp_path / "out.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if case == "missing" else ["input"])


def test_headline_does_not_fuse_with_next_sentence(nlp: object) -> None:
    doc = nlp("Rubio urges EU to act\nThe French delegation met Ukrainian officials.")  # type: ignore[operator]
    assert [s.text.strip() for s in doc.sents][0] == "Rubio urges EU to act"
