"""Reproducers of the hostile-input campaign (issue #14): each failure it found, now one line and an exit code."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import kgraph
from kgraph.errors import ExitCode, InputError, StoreError, UsageError
from kgraph.sparql_guard import read_results
from tests.conftest import run_cli

ARTICLE = "Norland's foreign minister Alda Venn met Sudrian envoy Paul Okoro in Vell on Monday.\n"


def _one_error_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    errors = [line for line in text.splitlines() if line.startswith("kgraph: error:")]
    assert len(errors) == 1, text
    return errors[0]


def _article(folder: Path) -> Path:
    path = folder / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# ---------------------------------------------------------------------------- the API keeps texts and paths apart
@pytest.mark.parametrize("size", [300, 4_000, 5_000])
def test_a_long_one_line_text_is_a_text_not_a_file_name(size: int, nlp: Any) -> None:
    text = ("Alda Venn met Paul Okoro in Vell. " * 200)[:size].strip()
    kg = kgraph.build(text, nlp=nlp)
    assert "Alda Venn" in kg.labels()


def test_a_text_naming_an_existing_file_is_still_a_text(tmp_path: Path, nlp: Any, monkeypatch: Any) -> None:
    _article(tmp_path)
    monkeypatch.chdir(tmp_path)
    kg = kgraph.build("article.txt", nlp=nlp)  # the text "article.txt", not the file
    assert "Alda Venn" not in kg.labels()
    kg = kgraph.build(paths=["article.txt"], nlp=nlp)
    assert "Alda Venn" in kg.labels()
    kg = kgraph.build(Path("article.txt"), texts=["Paul Okoro met Mira Dahl in Vell."], nlp=nlp)
    assert {"Alda Venn", "Mira Dahl"} <= set(kg.labels())


@pytest.mark.parametrize(
    "call",
    [
        lambda nlp: kgraph.build("", nlp=nlp),
        lambda nlp: kgraph.build(["Alda Venn met Paul Okoro.", "  \n"], nlp=nlp),
        lambda nlp: kgraph.build(texts=[""], nlp=nlp),
        lambda nlp: kgraph.build(nlp=nlp),
        lambda nlp: kgraph.build([], nlp=nlp),
        lambda nlp: kgraph.build(paths=[""], nlp=nlp),
    ],
    ids=["empty text", "blank text in a list", "texts=['']", "no input", "empty list", "paths=['']"],
)
def test_an_empty_text_or_no_input_is_an_error_not_the_working_directory(
    call: Any, nlp: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    _article(tmp_path)  # a file in the working directory that must not be read
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError):
        call(nlp)


# ---------------------------------------------------------------------------- JSON nesting
DEEP = "[" * 1000 + "]" * 1000


def test_a_deeply_nested_jsonl_line_is_skipped_with_one_warning(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "a", "text": ARTICLE})
    feed.write_text("\n".join([good, DEEP, '{"id": "b", "text": ' + DEEP + "}", good.replace('"a"', '"c"')]) + "\n")
    result = run_cli("build", str(feed), "-o", str(tmp_path / "g.nt"), "--skip-bad", "--quiet")
    text = result.stderr.decode()
    assert result.returncode == ExitCode.OK, text
    assert "Traceback" not in text
    warnings = [line for line in text.splitlines() if "malformed JSONL record" in line]
    assert [w.split(", line ")[1].split(":")[0] for w in warnings] == ["2", "3"], text
    assert all("nested deeper than 64 levels" in w for w in warnings)
    result = run_cli("build", str(feed), "-o", str(tmp_path / "g2.nt"), "--quiet")
    assert result.returncode == ExitCode.INPUT
    assert "line 2: malformed JSONL record (nested deeper" in _one_error_line(result.stderr)


@pytest.mark.parametrize("option", ["--actors", "--lexicon"])
def test_a_deeply_nested_dictionary_line_is_one_error(option: str, tmp_path: Path) -> None:
    dictionary = tmp_path / "dictionary.jsonl"
    dictionary.write_text(DEEP + "\n")
    result = run_cli("build", str(_article(tmp_path)), "-o", str(tmp_path / "g.nt"), option, str(dictionary), "-q")
    assert result.returncode == ExitCode.INPUT
    assert "nested deeper than 64 levels" in _one_error_line(result.stderr)


# ---------------------------------------------------------------------------- --base
@pytest.mark.parametrize(
    "base", ["https://example.org/kg/\n", "https://example.org/%zz/", "https://example.org/a b/", "https://exa mple/"]
)
def test_a_bad_base_iri_is_a_usage_error(base: str, tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    result = run_cli("build", str(_article(tmp_path)), "-o", str(out), "--base", base, "-q")
    assert result.returncode == ExitCode.USAGE
    assert "--base must be an http(s) IRI" in _one_error_line(result.stderr)
    assert not out.exists()


# ---------------------------------------------------------------------------- reading graph files
def _turtle_with(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "odd.ttl"
    path.write_text(
        "@prefix kg: <https://w3id.org/kgraph/ontology#> .\n@prefix id: <https://w3id.org/kgraph/id/> .\n" + body,
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def made_turtle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Turtle written by ``kgraph build`` for the article (built once for this module)."""
    folder = tmp_path_factory.mktemp("made")
    out = folder / "made.ttl"
    result = run_cli("build", str(_article(folder)), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr.decode()
    return out


@pytest.mark.parametrize("command", ["convert", "merge", "load", "query"])
def test_a_folder_named_like_a_graph_file_is_one_error(command: str, tmp_path: Path) -> None:
    folder = tmp_path / "graph.ttl"
    folder.mkdir()
    args = {
        "convert": ["convert", str(folder), str(tmp_path / "out.nt")],
        "merge": ["merge", str(folder), "-o", str(tmp_path / "out.nt")],
        "load": ["load", str(folder), "--store", str(tmp_path / "store")],
        "query": ["query", str(folder), "ASK {}"],
    }[command]
    result = run_cli(*args)
    assert result.returncode == ExitCode.INPUT, result.stderr.decode()
    assert "graph.ttl" in _one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("field", "bad"),
    [("modality", '"maybe-perhaps"'), ("confidence", '"very high"'), ("relation", '"kg:nonsense"')],
)
@pytest.mark.parametrize("command", ["convert", "merge", "load"])
def test_a_graph_file_with_an_unknown_value_is_one_error(
    field: str, bad: str, command: str, tmp_path: Path, made_turtle: Path
) -> None:
    made = made_turtle.read_text(encoding="utf-8")
    if field == "relation":
        source = made.replace("rdf:predicate kg:consultsWith", "rdf:predicate kg:nonsense")
    else:
        source = made.replace('kg:modality "asserted"', f"kg:{field} {bad}")
    assert source != made, made
    odd = tmp_path / "odd.ttl"
    odd.write_text(source, encoding="utf-8")
    args = {
        "convert": ["convert", str(odd), str(tmp_path / "out.nt")],
        "merge": ["merge", str(odd), "-o", str(tmp_path / "out.nt")],
        "load": ["load", str(odd), "--store", str(tmp_path / "store")],
    }[command]
    result = run_cli(*args)
    assert "Traceback" not in result.stderr.decode()
    if result.returncode != 0:  # refusing is fine; crashing is not
        assert result.returncode == ExitCode.INPUT
        assert "odd.ttl" in _one_error_line(result.stderr)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.jsonld", "[" * 5000 + "]" * 5000),
        ("bad.jsonld", '{"@context": 5, "@graph": "x"}'),
        ("latin1.ttl", '<urn:a> <urn:b> "caf\xe9" .'.encode("latin-1")),
        ("bad.graphml", "<graphml><graph><node id='a'><data key='type'>Alien</data></node></graph></graphml>"),
        ("deep.graphml", "<a>" * 5000),
        ("bad.nq", "<urn:a> <urn:b> <urn:c> <urn:d> <urn:e> ."),
    ],
)
def test_a_malformed_graph_file_is_one_error(name: str, data: str | bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    for args in (["convert", str(path), str(tmp_path / "out.nt")], ["merge", str(path), "-o", str(tmp_path / "m.nt")]):
        result = run_cli(*args)
        assert "Traceback" not in result.stderr.decode()
        if result.returncode != 0:  # read as an empty graph, or refused in one line
            assert result.returncode == ExitCode.INPUT, result.stderr.decode()
            assert name in _one_error_line(result.stderr)


# ---------------------------------------------------------------------------- SPARQL
def test_a_query_file_that_is_not_utf8_is_one_error(tmp_path: Path, made_turtle: Path) -> None:
    query = tmp_path / "q.rq"
    query.write_bytes(b'SELECT * WHERE { ?s ?p "caf\xe9" }')
    result = run_cli("query", str(made_turtle), f"@{query}")
    assert result.returncode == ExitCode.INPUT
    assert "is not UTF-8" in _one_error_line(result.stderr)


@pytest.mark.parametrize("opening", ["{", "(", "{ OPTIONAL {"])
def test_a_deeply_nested_query_is_refused_before_the_engine(opening: str, made_turtle: Path) -> None:
    closing = "".join({"{": "}", "(": ")"}.get(c, "") for c in reversed(opening))
    sparql = "SELECT * WHERE { FILTER " + opening * 3000 + "1" + closing * 3000 + " }"
    if opening != "(":
        sparql = "SELECT * WHERE " + opening * 3000 + " ?s ?p ?o " + closing * 3000
    result = run_cli("query", str(made_turtle), sparql)
    assert result.returncode == ExitCode.USAGE, result.returncode  # not -11 (SIGSEGV)
    assert "levels deep" in _one_error_line(result.stderr)


class _Endpoint(http.server.BaseHTTPRequestHandler):
    answer = b"{}"
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        self._reply()

    def do_POST(self) -> None:  # noqa: N802
        self._reply()

    def _reply(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[tuple[str, type[_Endpoint]]]:
    handler = type("Handler", (_Endpoint,), {"requests": [], "answer": b"{}"})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", handler
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "answer",
    [
        b"not json",
        b'{"head": 1}',
        b"[]",
        b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": 3}]}}',
        b'{"head": {"vars": [1]}, "results": {"bindings": []}}',
        ("[" * 5000).encode(),
        b"\xff\xfe",
    ],
)
def test_a_malformed_endpoint_answer_is_one_error(answer: bytes, endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    handler.answer = answer
    with pytest.raises(StoreError, match="did not answer with SPARQL JSON results"):
        read_results(answer, url)
    from kgraph.cli import main

    assert main(["query", url, "SELECT ?x WHERE { ?x ?p ?o }"]) == ExitCode.STORE
    assert handler.requests, "the endpoint was asked"


def test_service_is_refused_without_allow_service(made_turtle: Path, endpoint: tuple[str, type[_Endpoint]]) -> None:
    url, handler = endpoint
    graph = made_turtle
    sparql = f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
    result = run_cli("query", str(graph), sparql)
    assert result.returncode == ExitCode.USAGE
    assert "--allow-service" in _one_error_line(result.stderr)
    assert handler.requests == [], "no request may leave the machine without --allow-service"
    handler.answer = b"garbage"
    result = run_cli("query", str(graph), sparql, "--allow-service")
    assert handler.requests, "with --allow-service the SERVICE endpoint is asked"
    assert result.returncode == ExitCode.STORE
    _one_error_line(result.stderr)
    with pytest.raises(UsageError, match="SERVICE"):
        kgraph.KnowledgeGraph().query(sparql)


# ---------------------------------------------------------------------------- killed builds
def _corpus(folder: Path, documents: int = 300) -> Path:
    folder.mkdir()
    for i in range(documents):
        (folder / f"{i:04d}.txt").write_text(
            f"Alda Venn met Paul Okoro in Vell on day {i}. Venn urged Sudria to reopen the border. " * 4
        )
    return folder


def _parts(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.part"))


def test_workers_die_quietly_with_a_killed_build_and_the_next_run_removes_its_part_file(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "graph.nt"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kgraph",
            "build",
            str(corpus),
            "-o",
            str(out),
            "--jobs",
            "2",
            "-q",
            "--batch-size",
            "4",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not _parts(tmp_path) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(3.0)  # workers are busy with documents
        assert process.poll() is None, "the build finished before it could be killed; enlarge the corpus"
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=60)  # returns once every worker has closed the pipe
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert stderr.decode() == "", stderr.decode()
    assert _parts(tmp_path), "SIGKILL leaves the temporary output behind"
    assert not out.exists()
    small = _article(tmp_path)
    result = run_cli("build", str(small), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr.decode()
    assert _parts(tmp_path) == []
    assert out.stat().st_size > 0


def test_a_running_writers_part_file_is_kept(tmp_path: Path) -> None:
    from kgraph.io import remove_stale_parts

    ours = tmp_path / f".g.nt.{os.getpid()}-abcd1234.part"
    ours.write_text("in progress")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    gone = tmp_path / f".g.nt.{int(dead.stdout)}-abcd1234.part"
    gone.write_text("left by a killed run")
    other = tmp_path / ".h.nt.1-abcd1234.part"
    other.write_text("another output's file")
    assert remove_stale_parts(tmp_path / "g.nt") == [gone]
    assert ours.exists() and other.exists()


def test_input_errors_do_not_leak_tracebacks_on_graph_reads(tmp_path: Path) -> None:
    from kgraph.export import read_graph

    folder = tmp_path / "g.nq"
    folder.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_graph(folder)


# ---------------------------------------------------------------------------- bounded memory and output
def test_long_texts_are_cut_into_parts_and_batches_are_bounded_by_characters() -> None:
    from kgraph.engine.batches import MAX_BATCH_CHARS, batched_documents
    from kgraph.sources import MAX_DOCUMENT_CHARS, split_text

    paragraph = "Alda Venn met Paul Okoro in Vell. Venn urged Sudria to reopen the border.\n\n"
    text = paragraph * 2_000  # 150 KB, one document
    parts = list(split_text([text]))
    assert "".join(parts) == text
    assert all(len(p) <= MAX_DOCUMENT_CHARS for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1]), "parts end at paragraph breaks"
    documents = [kgraph.Document(f"d{i}", p) for i, p in enumerate(parts)] * 3
    batches = list(batched_documents(documents, 64))
    assert [d.id for b in batches for d in b] == [d.id for d in documents]
    assert all(sum(len(d.text) for d in b) <= MAX_BATCH_CHARS for b in batches)


def _name_list(count: int) -> str:
    first = ["Alda", "Paul", "Mira", "Tomas", "Lena", "Oskar", "Ines", "Karel", "Nadia", "Viktor"]
    last = ["Venn", "Okoro", "Dahl", "Marsh", "Brook", "Lindqvist", "Tamm", "Vargo", "Pell", "Quist"]
    suffixes = [
        "",
        "-Holm",
        "-Kerr",
        "-Lund",
        "-Moss",
        "-Rae",
        "-Sand",
        "-Tull",
        "-Voss",
        "-Wade",
        "-Amsel",
        "-Birk",
        "-Cole",
        "-Dorn",
        "-Eck",
        "-Falk",
    ]
    names = [f"{f} {la}{s}" for s in suffixes for f in first for la in last][:count]
    return ", ".join(names[:-1]) + " and " + names[-1]


@pytest.mark.parametrize(
    "template",
    [
        "On Monday {names} met in Vell to discuss the border.\n",
        "{names} condemned Norland and Sudria on Monday.\n",
        "Foreign minister Rhea Sallow met {names} in Vell.\n",
    ],
    ids=["symmetric", "many-to-two", "one-to-many"],
)
def test_a_paragraph_naming_1600_people_gives_bounded_output_and_a_warning(template: str, tmp_path: Path) -> None:
    source = tmp_path / "names.txt"
    source.write_text(template.format(names=_name_list(1_600)), encoding="utf-8")
    out = tmp_path / "names.nq"
    result = run_cli("build", str(source), "-o", str(out))
    text = result.stderr.decode()
    assert result.returncode == 0, text
    assert "Traceback" not in text
    if template.startswith("Foreign"):  # the parse makes one coordination of the names: it is capped
        assert any("names.txt" in line and "a coordination of" in line for line in text.splitlines()), text
    ratio = out.stat().st_size / source.stat().st_size
    print(f"output/input = {ratio:.0f}")
    assert ratio <= 200


def test_a_paragraph_naming_1600_people_gives_capped_relations_and_clipped_evidence(nlp: Any) -> None:
    """The time is a benchmark figure (``benchmarks/bench_memory.py --names 1600``), not asserted here."""
    from kgraph.nlp.relations.extractor import MAX_EVIDENCE_CHARS

    text = "Foreign minister Rhea Sallow met " + _name_list(1_600) + " in Vell.\n"
    with pytest.warns(UserWarning, match="a coordination of"):
        kg = kgraph.build(text, nlp=nlp)
    relations = kg.relations()
    assert 0 < len(relations) <= 20 * 20 * 3
    assert relations["evidence"].str.len().max() <= 2 * MAX_EVIDENCE_CHARS


# ---------------------------------------------------------------------------- kgraph's output passes its own shapes
def test_two_modalities_of_one_trigger_get_two_assertion_iris(tmp_path: Path) -> None:
    source = tmp_path / "odd.txt"
    source.write_text("urged said Ukraine met Russia and met Russia\n", encoding="utf-8")
    out = tmp_path / "odd.ttl"
    assert run_cli("build", str(source), "-o", str(out), "-q").returncode == 0
    result = run_cli("validate", str(out))
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


_WORDS = [
    "urged",
    "said",
    "met",
    "could",
    "not",
    "will",
    "and",
    "Ukraine",
    "Russia",
    "Norland",
    "Alda Venn",
    "Paul Okoro",
    "praised",
    "might",
    "talks",
    "with",
    "in",
    "Vell",
    "?",
    ".",
    "if",
    "sanctioned",
]


def test_kgraph_output_always_passes_kgraph_validate(nlp: Any) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from kgraph.shacl import validate_graph

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=12), min_size=1, max_size=3))
    def check(sentences: list[list[str]]) -> None:
        text = " ".join(" ".join(words) + "." for words in sentences)
        kg = kgraph.build(text, nlp=nlp)
        report = validate_graph(kg.to_rdflib())
        assert report.conforms, (text, report.summary(5))

    check()


def test_an_empty_document_id_survives_a_turtle_round_trip(nlp: Any, tmp_path: Path) -> None:
    from kgraph.export import read_graph

    kg = kgraph.build(kgraph.Document(id="", text="Alda Venn met Paul Okoro in Vell."), nlp=nlp)
    first = kg.write(tmp_path / "a.ttl")
    again = read_graph(first).write(tmp_path / "b.ttl")
    assert first.read_bytes() == again.read_bytes()
    assert b'kg:documentId ""' in first.read_bytes()


@pytest.mark.parametrize("suffix", ["ttl", "nt"])
def test_an_invalid_date_is_plain_text_with_a_warning(suffix: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "d1", "date": "2024-13-45", "text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / f"g.{suffix}"
    result = run_cli("build", str(feed), "-o", str(out), "-q")
    text = result.stderr.decode()
    assert result.returncode == 0, text
    assert "'2024-13-45' is not a valid ISO date" in text
    data = out.read_text(encoding="utf-8")
    assert '"2024-13-45"' in data and '"2024-13-45"^^' not in data
    converted = run_cli("convert", str(out), str(tmp_path / "again.jsonld"))
    assert converted.returncode == 0 and "Traceback" not in converted.stderr.decode()


def test_merge_keeps_both_labels_of_one_entity(tmp_path: Path) -> None:
    head = (
        "@prefix kg: <https://w3id.org/kgraph/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    )
    iri = "<https://w3id.org/kgraph/id/position/secretary-general>"
    for name, label in (("a.ttl", "Secretary-General"), ("b.ttl", "Secretary General")):
        (tmp_path / name).write_text(f'{head}{iri} a kg:Position ; rdfs:label "{label}" .\n', encoding="utf-8")
    out = tmp_path / "merged.ttl"
    result = run_cli("merge", str(tmp_path / "a.ttl"), str(tmp_path / "b.ttl"), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr.decode()
    merged = out.read_text(encoding="utf-8")
    assert '"Secretary-General"' in merged and '"Secretary General"' in merged


# ---------------------------------------------------------------------------- byte-identical outputs
_DETERMINISM_TEXTS = {
    "a.txt": "UN Secretary-General Antonio Guterres met Norland's foreign minister Alda Venn in Vell.\n\n"
    "Venn urged Sudria to reopen the border, and Paul Okoro praised the talks.\n",
    "b.txt": "The UN Secretary-General Antonio Guterres called on Sudria and Norland to talk.\n",
    "c.txt": "Sudrian envoy Paul Okoro met Alda Venn and Mira Dahl on Monday. Kestia condemned the meeting.\n",
}


@pytest.mark.parametrize("suffix", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_every_rdf_output_is_byte_identical_across_runs_jobs_batches_and_input_order(
    suffix: str, nlp: Any, tmp_path: Path
) -> None:
    from kgraph.build import BuildOptions
    from kgraph.engine import Engine
    from kgraph.engine.run import BuildTargets, run_build
    from kgraph.engine.worker import share_pipeline

    folder = tmp_path / "news"
    folder.mkdir()
    files = []
    for name, text in _DETERMINISM_TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
        files.append(folder / name)
    runs = {
        "first run": (files, 1, 64, Engine.LOCAL),
        "second run": (files, 1, 64, Engine.LOCAL),
        "--jobs 2": (files, 2, 64, Engine.LOCAL),
        "batch size 1": (files, 1, 1, Engine.LOCAL),
        "reversed input order": (files[::-1], 1, 64, Engine.LOCAL),
    }
    if suffix == "nq":
        runs["dask"] = (files, 1, 2, Engine.DASK)
    outputs: dict[str, bytes] = {}
    with share_pipeline(BuildOptions(), nlp):
        for name, (inputs, jobs, batch, engine) in runs.items():
            out = tmp_path / f"{name.replace(' ', '-')}.{suffix}"
            run_build(
                inputs,
                BuildTargets(output=out),
                options=BuildOptions(batch_size=batch),
                engine=engine,
                jobs=jobs,
                progress=False,
            )
            outputs[name] = out.read_bytes()
    first = outputs["first run"]
    assert len(first) > 1000
    assert {name: data == first for name, data in outputs.items()} == dict.fromkeys(outputs, True)


# ---------------------------------------------------------------------------- exact round trips
def test_every_rdf_format_reads_back_into_an_isomorphic_graph(tmp_path: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from rdflib.compare import isomorphic

    from kgraph.export import read_graph
    from kgraph.graph import KnowledgeGraph
    from tests.test_properties import hostile_records

    counter = iter(range(10**9))

    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(hostile_records())
    def check(records: Any) -> None:
        kg = KnowledgeGraph()
        kg.add_records(records)
        expected = kg.to_rdflib()
        run = next(counter)
        for suffix in ("ttl", "nt", "nq", "trig", "jsonld"):
            path = kg.write(tmp_path / f"g{run}.{suffix}")
            again = read_graph(path).to_rdflib()
            assert isomorphic(again, expected), (suffix, records.document.id)

    check()


def test_warnings_escape_what_they_quote(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    forged = "x.txt\nkgraph: error: forged line"
    lines = [
        json.dumps({"id": "empty\nkgraph: error: forged id", "text": " ", "source": forged}),
        json.dumps({"id": "good", "text": ARTICLE}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("build", str(feed), "-o", str(tmp_path / "g.nt"), "-q")
    text = result.stderr.decode()
    assert result.returncode == 0, text
    assert not any(line.startswith("kgraph: error:") for line in text.splitlines()), text
    assert "forged" in text and all(line.startswith("kgraph: ") for line in text.splitlines()), text
