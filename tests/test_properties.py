"""Property-based tests: hostile text and actor names never crash a build and always give valid output.

Generated names and texts mix control characters, lone surrogates, noncharacters,
right-to-left marks, emoji, quotes, backslashes, newlines and markup such as
``</script>`` and ``<img src=x onerror=...>``. They reach the graph three ways: as typed
records (``kgraph.model``), through the NLP path ("President <name> met <name>."), and
through an ``--actors`` dictionary. Every output format is written and read back by
independent parsers: rdflib, pyoxigraph and ``rapper`` for the RDF syntaxes, ``json`` and
rdflib for JSON-LD, networkx for GraphML/GEXF, ``csv`` for the tables.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rdflib import RDFS, Dataset, Graph, Literal, URIRef

import kgraph
from kgraph.errors import DictionaryError
from kgraph.export import OutputFormat
from kgraph.graph import KnowledgeGraph
from kgraph.iri import document_slug, entity_iri, slugify
from kgraph.model import (
    Document,
    DocumentRecords,
    Entity,
    EntityRef,
    EntityType,
    Modality,
    Relation,
    RelationType,
    Statement,
)
from kgraph.ontology import DEFAULT_BASE
from kgraph.sources import clean_text
from tests.conftest import require_tool

HOSTILE_PIECES = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!--",
    "-->",
    "]]>",
    "&amp;",
    "&",
    '"',
    "'",
    '"""',
    "\\",
    "\\u0000",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x01",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200f",
    "\u200b",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\ud800",
    "\udfff",
    "\U0001f600",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\U0010ffff",
    "é",
    "Ω",
    "ß",
    "\u0645\u062d\u0645\u062f",
    "李",
    "<",
    ">",
    "{{x}}",
    "${x}",
    "`",
    "%00",
    "../",
    "/",
    "#",
    "?",
    "@prefix",
    "_:b0",
    "<http://evil.example/>",
    "^^xsd:int",
    "@en",
    ".",
    ";",
    ",",
    " ",
    "  ",
]
NAME_WORDS = ["Alda", "Venn", "Okoro", "Pellik", "Zorvan", "Mbeki", "O'Neil", "Jean-Luc", "al-Rashid", "De La Cruz"]
TEXT_WORDS = [
    "President",
    "minister",
    "met",
    "urged",
    "criticised",
    "the",
    "of",
    "in",
    "Norland",
    "Sudria",
    "NATO",
    "said",
    "talks",
    "on",
    "Monday",
    "and",
    "signed",
    "an",
    "agreement",
    "with",
    ".",
]

hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=6), st.sampled_from(NAME_WORDS)), min_size=1, max_size=6
).map("".join)
hostile_name = hostile_text.filter(lambda s: bool(s.strip()))
capitalised_name = st.lists(
    st.one_of(
        st.sampled_from(NAME_WORDS),
        st.sampled_from(NAME_WORDS).map(lambda w: w + "\u202e"),
        st.tuples(st.sampled_from(NAME_WORDS), st.sampled_from(HOSTILE_PIECES)).map("".join),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESOURCE = re.compile(re.escape(DEFAULT_BASE) + r"[a-z]+/[a-z0-9]+(?:-[a-z0-9]+)*")
_KNOWN_NAMESPACES = (
    "https://w3id.org/kgraph/ontology#",
    "http://www.w3.org/",
    "http://purl.org/dc/terms/",
    "https://schema.org/",
    "https://sws.geonames.org/",
)
_UNSERIALISABLE = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_RAPPER_SYNTAX = {
    OutputFormat.TURTLE: "turtle",
    OutputFormat.NTRIPLES: "ntriples",
    OutputFormat.NQUADS: "nquads",
    OutputFormat.TRIG: "trig",
}
_RDFLIB_SYNTAX = {
    OutputFormat.TURTLE: "turtle",
    OutputFormat.NTRIPLES: "nt",
    OutputFormat.NQUADS: "nquads",
    OutputFormat.TRIG: "trig",
    OutputFormat.JSONLD: "json-ld",
}
_OX_SYNTAX = {
    OutputFormat.TURTLE: ox.RdfFormat.TURTLE,
    OutputFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    OutputFormat.NQUADS: ox.RdfFormat.N_QUADS,
    OutputFormat.TRIG: ox.RdfFormat.TRIG,
    OutputFormat.JSONLD: ox.RdfFormat.JSON_LD,
}
FAST = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _clean(text: str) -> str:
    """What a label becomes in RDF: characters no serialiser or parser accepts are U+FFFD."""
    return _UNSERIALISABLE.sub("\ufffd", text)


@contextmanager
def _folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="kgraph-props-") as name:
        yield Path(name)


def _rapper(path: Path, syntax: str) -> int:
    result = subprocess.run(
        [require_tool("rapper"), "-q", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, f"rapper rejects {path.name}: {result.stderr[:500]}"
    found = re.search(r"returned (\d+) (?:triples|statements)", result.stderr + result.stdout)
    return int(found.group(1)) if found else -1


def _rdf_graph(path: Path, fmt: OutputFormat) -> Graph:
    syntax = _RDFLIB_SYNTAX[fmt]
    if fmt in (OutputFormat.NQUADS, OutputFormat.TRIG):
        dataset = Dataset()
        dataset.parse(path, format=syntax)
        union = Graph()
        for quad in dataset.quads((None, None, None, None)):
            union.add(quad[:3])
        return union
    return Graph().parse(path, format=syntax)


def _check_rdf(path: Path, fmt: OutputFormat, labels: set[str]) -> None:
    graph = _rdf_graph(path, fmt)
    data = path.read_bytes()
    oxigraph = list(ox.parse(data, format=_OX_SYNTAX[fmt], base_iri="http://base.invalid/"))
    assert len({(q.subject, q.predicate, q.object) for q in oxigraph}) == len(graph), f"{fmt}: parsers disagree"
    if fmt in _RAPPER_SYNTAX:
        count = _rapper(path, _RAPPER_SYNTAX[fmt])
        assert count in (-1, len(oxigraph)), f"{fmt}: rapper read {count} of {len(oxigraph)} statements"
    assert {str(o) for o in graph.objects(None, RDFS.label)} == labels, f"{fmt}: labels changed"
    for term in {t for triple in graph for t in triple if isinstance(t, URIRef)}:
        iri = str(term)
        if iri.startswith(DEFAULT_BASE):
            assert _RESOURCE.fullmatch(iri), f"unsafe resource IRI {iri!r}"
        else:
            assert iri.startswith(_KNOWN_NAMESPACES), f"unexpected IRI {iri!r}"
    for literal in {t for triple in graph for t in triple if isinstance(t, Literal)}:
        assert not _UNSERIALISABLE.search(str(literal))


def check_every_output(kg: KnowledgeGraph, folder: Path) -> None:
    """Write ``kg`` in every format kgraph has and read each back with independent parsers."""
    labels = {_clean(data["label"]) for _, data in kg.graph.nodes(data=True)}
    nodes = kg.graph.number_of_nodes()
    for fmt in OutputFormat:
        path = folder / f"graph.{fmt.file_extension}"
        kg.write(path, format=fmt.value)
        if fmt in _OX_SYNTAX:
            if fmt is OutputFormat.JSONLD:
                json.loads(path.read_text(encoding="utf-8"))
            _check_rdf(path, fmt, labels)
        elif fmt is OutputFormat.GRAPHML:
            assert nx.read_graphml(path).number_of_nodes() == nodes
        elif fmt is OutputFormat.GEXF:
            assert nx.read_gexf(path).number_of_nodes() == nodes
        elif fmt is OutputFormat.CSV:
            tables = sorted(folder.glob("graph*.csv"))
            assert tables, "no CSV table written"
            for table in tables:
                with table.open(encoding="utf-8", newline="") as handle:
                    rows = list(csv.DictReader(handle))
                if "entities" in table.name:
                    assert len(rows) == nodes
        elif fmt is OutputFormat.HTML:
            assert "<html" in path.read_text(encoding="utf-8").lower()
        elif fmt is OutputFormat.PLOVER:
            import jsonschema

            from kgraph.export.plover import record_schema

            records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            for record in records:
                jsonschema.validate(record, record_schema())
            assert len(records) == len(kg.events())
        else:
            pytest.fail(f"no validator for the new format {fmt.value!r}: add one to tests/test_properties.py")


# ---------------------------------------------------------------------------- IRIs
@given(st.text(alphabet=st.characters(codec=None), max_size=120) | hostile_text)
@settings(max_examples=300, deadline=None)
def test_slugs_are_always_safe(name: str) -> None:
    slug = slugify(name)
    assert _SLUG.fullmatch(slug) and len(slug) <= 90
    iri = entity_iri(EntityRef(EntityType.PERSON, name))
    assert _RESOURCE.fullmatch(str(iri))
    ox.NamedNode(str(iri))  # strict: raises on anything not an IRI
    assert _SLUG.fullmatch(document_slug(name))


@given(hostile_text, hostile_text)
@settings(max_examples=300, deadline=None)
def test_distinct_document_ids_never_share_an_iri(first: str, second: str) -> None:
    if first != second:
        assert document_slug(first) != document_slug(second)


# ---------------------------------------------------------------------------- records
@st.composite
def hostile_records(draw: Any) -> DocumentRecords:
    names = draw(st.lists(hostile_name, min_size=2, max_size=5))
    types = draw(st.lists(st.sampled_from(EntityType), min_size=len(names), max_size=len(names)))
    refs = [EntityRef(t, n) for t, n in zip(types, names, strict=True)]
    document = Document(
        id=draw(hostile_text),
        text=" ".join(names),
        source=draw(st.none() | hostile_text),
        title=draw(st.none() | hostile_text),
        date=draw(st.none() | st.just("2025-02-18") | hostile_text),
    )
    relations = [
        Relation(
            a,
            draw(st.sampled_from(RelationType)),
            b,
            evidence=draw(hostile_text),
            trigger=draw(hostile_text),
            confidence=draw(st.floats(0, 1)),
            modality=draw(st.sampled_from(Modality)),
            start_char=i,
            date=draw(st.none() | hostile_text),
        )
        for i, (a, b) in enumerate(zip(refs, refs[1:], strict=False))
    ]
    statements = [
        Statement(
            refs[0],
            content=draw(hostile_text),
            trigger="said",
            evidence=draw(hostile_text),
            addressee=refs[-1],
            about=tuple(refs[1:]),
        )
    ]
    entities = [
        Entity(
            name=r.name,
            type=r.type,
            aliases=frozenset(draw(st.lists(hostile_name, max_size=2))),
            mentions=draw(st.integers(0, 5)),
        )
        for r in refs
    ]
    return DocumentRecords(document=document, entities=entities, relations=relations, statements=statements)


@given(hostile_records())
@FAST
def test_hostile_records_give_valid_output_in_every_format(records: DocumentRecords) -> None:
    kg = KnowledgeGraph()
    kg.add_records(records)
    with _folder() as folder:
        check_every_output(kg, folder)


# ---------------------------------------------------------------------------- the NLP path
def _build(nlp: Any, *texts: str) -> KnowledgeGraph:
    # Documents, not strings: a one-line string naming an existing path would be read as that path.
    return kgraph.build([Document(id=f"gen-{i}", text=t) for i, t in enumerate(texts)], nlp=nlp)


@given(
    st.lists(st.one_of(st.sampled_from(TEXT_WORDS), st.sampled_from(HOSTILE_PIECES), hostile_text), max_size=40).map(
        " ".join
    )
)
@FAST
def test_generated_text_builds_valid_output(nlp: Any, text: str) -> None:
    kg = _build(nlp, text)
    with _folder() as folder:
        check_every_output(kg, folder)


@given(capitalised_name, capitalised_name, st.sampled_from(["met", "urged", "criticised", "praised"]))
@FAST
def test_generated_names_in_sentences_build_valid_output(nlp: Any, first: str, second: str, verb: str) -> None:
    text = f"President {first} {verb} {second} in Norland on Monday.\n\n{second} said {first} was wrong."
    kg = _build(nlp, text)
    with _folder() as folder:
        check_every_output(kg, folder)


_CONTROL_NAME = "Zorvan Pellik"


@given(st.lists(hostile_name | capitalised_name, min_size=4, max_size=10, unique=True))
@settings(max_examples=2, deadline=None, phases=[Phase.generate], suppress_health_check=[HealthCheck.too_slow])
def test_generated_names_in_an_actor_dictionary_build_valid_output(names: list[str]) -> None:
    """Each example loads a pipeline (seconds), so few examples and no shrinking."""
    from kgraph.nlp.pipeline import load_pipeline

    with _folder() as folder:
        actors = folder / "actors.jsonl"
        entries = [{"name": n, "type": "Person", "aliases": []} for n in [_CONTROL_NAME, *names]]
        actors.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
        try:
            nlp = load_pipeline(actors=actors)
        except DictionaryError as error:
            # A name no output could carry is refused, naming the file and line; not a crash.
            line = int(re.search(r"actors\.jsonl:(\d+):", str(error)).group(1))  # type: ignore[union-attr]
            assert clean_text(entries[line - 1]["name"]) != entries[line - 1]["name"]
            clean = [n for n in names if clean_text(n) == n]
            entries = [{"name": n, "type": "Person", "aliases": []} for n in [_CONTROL_NAME, *clean]]
            actors.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
            nlp = load_pipeline(actors=actors)
        text = "".join(f"President {e['name']} met President {_CONTROL_NAME} in Vell.\n\n" for e in entries[1:])
        kg = _build(nlp, text or f"President {_CONTROL_NAME} spoke.")
        assert _CONTROL_NAME in kg.labels(), "the --actors dictionary was not applied"
        check_every_output(kg, folder)
