"""Every output format: written atomically, read back by an independent parser, same graph."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kgraph.errors import FormatError, InputError
from kgraph.export import OutputFormat, guess_format, read_graph, write_graph
from kgraph.export.csv_tables import table_paths
from kgraph.export.html import folded_positions
from kgraph.graph import KnowledgeGraph
from kgraph.ontology import KG
from tests.conftest import run_cli
from tests.output_fixtures import HOSTILE_EVIDENCE, HOSTILE_NAME, cli, sample_graph

RDF_FORMATS = [f for f in OutputFormat if f.is_rdf]
READABLE = [f for f in OutputFormat if f is not OutputFormat.HTML]
_RDFLIB_NAMES = {
    OutputFormat.TURTLE: "turtle",
    OutputFormat.NTRIPLES: "nt",
    OutputFormat.NQUADS: "nquads",
    OutputFormat.TRIG: "trig",
    OutputFormat.JSONLD: "json-ld",
}


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return sample_graph()


def _contract(kg: KnowledgeGraph) -> Graph:
    """The entity-and-relation part of the RDF (documents' own metadata and the events derived from them excluded)."""
    graph = Graph()
    documents = set(kg.documents)
    rdf = kg.to_rdflib()
    events = set(rdf.subjects(RDF.type, KG.Event))
    for s, p, o in rdf:
        if (str(s) in documents and p != KG.mentions) or s in events:
            continue
        graph.add((s, p, o))
    return graph


def test_every_format_has_a_writer_and_extension() -> None:
    for fmt in OutputFormat:
        assert OutputFormat.from_name(fmt.file_extension) is fmt
        assert guess_format(f"out/graph.{fmt.file_extension}") is fmt


def test_unknown_format_names_the_value_and_the_options() -> None:
    with pytest.raises(FormatError, match=r"'xml'.*turtle.*graphml"):
        OutputFormat.from_name("xml")


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=str)
def test_rdf_format_reads_back_with_rdflib_isomorphic(fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    dataset = Dataset()
    dataset.parse(path, format=_RDFLIB_NAMES[fmt])
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, kg.to_rdflib())
    back = read_graph(path)
    assert isomorphic(back.to_rdflib(), kg.to_rdflib())
    assert sorted(back.triples()) == sorted(kg.triples())


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=str)
def test_rdf_format_parses_with_pyoxigraph(fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    ox_format = ox.RdfFormat.from_extension(fmt.file_extension)
    assert ox_format is not None
    quads = list(ox.parse(path=str(path), format=ox_format))
    assert {str(q.triple) for q in quads} == {str(t) for t in _ox_triples(kg)}


def _ox_triples(kg: KnowledgeGraph) -> list[ox.Triple]:
    from kgraph.export.rdf_formats import to_oxigraph_triples
    from kgraph.rdf import iter_triples

    return to_oxigraph_triples(iter_triples(kg))


@pytest.mark.parametrize("fmt", [OutputFormat.NQUADS, OutputFormat.TRIG], ids=str)
def test_named_graph_per_document(fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    dataset = Dataset()
    dataset.parse(path, format=_RDFLIB_NAMES[fmt])
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert set(kg.documents) <= names
    for assertion in kg.assertions():
        graph = dataset.graph(URIRef(assertion.document))
        assert (URIRef(assertion.iri), KG.evidence, None) in graph
        assert (URIRef(assertion.iri), RDF.subject, URIRef(assertion.subject)) in graph
        # each document graph also describes the entities it speaks of
        assert (URIRef(assertion.subject), RDFS.label, None) in graph
    russia_attacks = (URIRef(kg.node_by_label("Russia")), KG.attacks, URIRef(kg.node_by_label("Ukraine")))
    second = next(d for d, info in kg.documents.items() if info.id == "news-2")
    assert russia_attacks in dataset.graph(URIRef(second))
    assert russia_attacks not in dataset.graph(URIRef(next(iter(set(kg.documents) - {second}))))


def test_jsonld_has_context_and_prefixed_terms(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(kg, tmp_path / "graph.jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["@context"]["kg"] == "https://w3id.org/kgraph/ontology#"
    assert "kg:evidence" in path.read_text(encoding="utf-8")


def test_output_is_deterministic_across_processes(tmp_path: Path) -> None:
    """Two interpreters with different hash seeds write byte-identical files in every format."""
    formats = [f for f in OutputFormat if f is not OutputFormat.GEXF]  # GEXF stamps the date in <meta>
    script = (
        "import sys; from pathlib import Path; from tests.output_fixtures import sample_graph; kg = sample_graph()\n"
        "for name in sys.argv[2:]: kg.write(Path(sys.argv[1]) / ('graph.' + name), format=name)"
    )
    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        names = [f.file_extension for f in formats]
        subprocess.run(
            [sys.executable, "-c", script, str(folder), *names], check=True, env=env, cwd=Path(__file__).parent.parent
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(folder.iterdir())})
    assert len(outputs[0]) == len(formats) + 1  # CSV writes two tables
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", [OutputFormat.GRAPHML, OutputFormat.GEXF], ids=str)
def test_graphml_and_gexf_open_with_networkx_with_scalar_attributes(
    fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    reader = nx.read_graphml if fmt is OutputFormat.GRAPHML else nx.read_gexf
    graph = reader(path)
    assert graph.number_of_nodes() == kg.graph.number_of_nodes()
    assert graph.number_of_edges() == kg.graph.number_of_edges()
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert labels == set(kg.labels())
    types = {graph.nodes[n]["type"] for n in graph.nodes}
    assert types == {data["type"] for _, data in kg.graph.nodes(data=True)}
    relations = sorted(data["relation"] for *_, data in graph.edges(data=True))
    assert relations == sorted(key for *_, key in kg.graph.edges(keys=True))
    for *_, data in graph.edges(data=True):
        assert data["label"] == data["relation"]
        assert all(isinstance(value, (str, int, float)) for value in data.values())
    if fmt is OutputFormat.GEXF:  # Gephi colours nodes by type
        colours = {(d["type"], tuple(d["viz"]["color"][c] for c in "rgb")) for _, d in graph.nodes(data=True)}
        assert len(colours) == len(types)
    attacks = next(d for *_, d in graph.edges(data=True) if d["relation"] == "attacks")
    assert "Moscow struck Kyiv again." in attacks["evidence"] and "https://example.org/a?b=1&c=2" in attacks["sources"]


@pytest.mark.parametrize("fmt", [OutputFormat.GRAPHML, OutputFormat.GEXF, OutputFormat.CSV], ids=str)
def test_non_rdf_formats_read_back_same_entities_and_relations(
    fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    back = read_graph(path)
    expected = kg
    if fmt is OutputFormat.GEXF:  # GEXF keeps the asserted relations only (no graph attributes for claims)
        expected = KnowledgeGraph()
        expected.merge(kg)
        expected.claims.clear()
    assert isomorphic(_contract(back), _contract(expected))
    assert sorted(back.triples()) == sorted(kg.triples())


def test_csv_tables_hold_evidence_and_source(kg: KnowledgeGraph, tmp_path: Path) -> None:
    entities, relations = table_paths(write_graph(kg, tmp_path / "tables", format="csv"))
    assert entities == tmp_path / "tables" / "entities.csv"
    with relations.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(list(kg.assertions()))
    hostile = next(r for r in rows if r["subject"] == HOSTILE_NAME)
    assert hostile["evidence"] == HOSTILE_EVIDENCE and hostile["source"] == "Example Wire"
    attack = next(r for r in rows if r["trigger"] == "attacked")
    assert attack["evidence"] == "Russia attacked Ukraine\non Tuesday." and attack["relation"] == "attacks"
    assert {r["modality"] for r in rows} == {"asserted", "hypothetical", "negated"}
    with entities.open(encoding="utf-8", newline="") as handle:
        assert {r["label"] for r in csv.DictReader(handle)} == set(kg.labels())
    assert guess_format(tmp_path / "tables") is OutputFormat.CSV


def test_html_cannot_be_read_back(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(kg, tmp_path / "graph.html")
    with pytest.raises(FormatError, match="html"):
        read_graph(path)


def test_failed_write_leaves_existing_file(kg: KnowledgeGraph, tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    broken = KnowledgeGraph()
    broken.graph.add_node(
        "https://w3id.org/kgraph/id/x", label="x", type="NotAType", aliases=set(), links=set(), occurrences={}
    )
    with pytest.raises(ValueError):
        write_graph(broken, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_reading_garbage_is_a_one_line_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match="bad.ttl"):
        read_graph(bad)
    with pytest.raises(InputError, match="missing.nq"):
        read_graph(tmp_path / "missing.nq")


def test_cli_convert_and_merge_keep_every_assertion(kg: KnowledgeGraph, tmp_path: Path) -> None:
    from tests.output_fixtures import records

    halves = []
    for i, item in enumerate(records()):
        part = KnowledgeGraph()
        part.add_records(item)
        halves.append(part.write(tmp_path / f"part{i}.ttl"))
    merged = tmp_path / "merged.trig"
    done = run_cli("merge", str(halves[0]), str(halves[1]), "-o", str(merged))
    assert done.returncode == 0, done.stderr
    assert isomorphic(read_graph(merged).to_rdflib(), kg.to_rdflib())
    attacks = read_graph(merged).graph.edges[kg.node_by_label("Russia"), kg.node_by_label("Ukraine"), "attacks"]
    assert attacks["count"] == 2

    converted = tmp_path / "converted.graphml"
    code, _, err = cli("convert", str(merged), str(converted))
    assert code == 0, err
    assert sorted(read_graph(converted).triples()) == sorted(kg.triples())
    code, _, err = cli("convert", str(converted), str(tmp_path / "out"), "--format", "nt")
    assert code == 0, err
    assert isomorphic(
        Graph().parse(tmp_path / "out", format="nt"),
        _contract(kg) + _documents_of(read_graph(converted)) + _events_of(read_graph(converted)),
    )


def _events_of(kg: KnowledgeGraph) -> Graph:
    """The kg:Event part of the RDF (derived from the assertions and their documents)."""
    rdf = kg.to_rdflib()
    events = set(rdf.subjects(RDF.type, KG.Event))
    graph = Graph()
    for triple in rdf:
        if triple[0] in events:
            graph.add(triple)
    return graph


def _documents_of(kg: KnowledgeGraph) -> Graph:
    graph = Graph()
    documents = set(kg.documents)
    for s, p, o in kg.to_rdflib():
        if str(s) in documents and p != KG.mentions:
            graph.add((s, p, o))
    return graph


def test_cli_convert_unknown_format_fails_cleanly(kg: KnowledgeGraph, tmp_path: Path) -> None:
    source = kg.write(tmp_path / "g.ttl")
    code, _, err = cli("convert", str(source), str(tmp_path / "g.xyz"))
    assert code == 2
    assert "'.xyz'" in err and "g.xyz" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "g.xyz").exists()


def test_cli_convert_to_html_with_max_nodes(kg: KnowledgeGraph, tmp_path: Path) -> None:
    source = kg.write(tmp_path / "g.ttl")
    code, _, err = cli("convert", str(source), str(tmp_path / "g.html"), "--max-nodes", "3", "--size-by", "mentions")
    assert code == 0, err
    page = (tmp_path / "g.html").read_text(encoding="utf-8")
    actors = len(kg) - len(folded_positions(kg.graph))  # positions held by someone are shown on their holders
    assert f"Showing the 3 most connected of {actors} actors; dropped {actors - 3}" in page


def test_subgraph_and_ego_keep_assertions_and_documents(kg: KnowledgeGraph) -> None:
    ego = kg.ego("Rubio")
    assert kg.node_by_label("Marco Rubio") in ego.graph
    assert set(ego.labels()) == {
        "Marco Rubio",
        "Sergei Lavrov",
        "United States",
        "Secretary of State",
        "NATO",
        HOSTILE_NAME,
    }
    assert sorted(ego.triples()) == sorted(t for t in kg.triples() if "Marco Rubio" in (t[0], t[2]))
    assert set(ego.documents) == set(kg.documents)
    pair = kg.subgraph(["Russia", "Ukraine"])
    edge = pair.graph.edges[kg.node_by_label("Russia"), kg.node_by_label("Ukraine"), "attacks"]
    assert edge["count"] == 2 and len(pair.documents) == 1


def test_query_returns_a_dataframe_over_the_contract(kg: KnowledgeGraph) -> None:
    frame = kg.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")
    assert frame["name"].tolist() == ["Marco Rubio", "Sergei Lavrov"]
    frame = kg.query(
        "SELECT ?evidence WHERE { ?a rdf:predicate kg:attacks ; kg:evidence ?evidence ; kg:modality 'asserted' }"
        " ORDER BY ?evidence"
    )
    assert frame["evidence"].tolist() == ["Moscow struck Kyiv again.", "Russia attacked Ukraine\non Tuesday."]


_RAPTOR_NAMES = {
    OutputFormat.TURTLE: "turtle",
    OutputFormat.NTRIPLES: "ntriples",
    OutputFormat.NQUADS: "nquads",
    OutputFormat.TRIG: "trig",
}


@pytest.mark.parametrize("fmt", list(_RAPTOR_NAMES), ids=str)
@pytest.mark.parametrize("tool", ["rapper", "serdi"])
def test_strict_c_parsers_accept_the_output(tool: str, fmt: OutputFormat, kg: KnowledgeGraph, tmp_path: Path) -> None:
    from tests.conftest import require_tool

    binary = require_tool(tool)
    path = write_graph(kg, tmp_path / f"graph.{fmt.file_extension}")
    syntax = _RAPTOR_NAMES[fmt]
    command = [binary, "-q", "-c", "-i", syntax, str(path)] if tool == "rapper" else [binary, "-i", syntax, str(path)]
    done = subprocess.run(command, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == b"" or tool == "rapper"
