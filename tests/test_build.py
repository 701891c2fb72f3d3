"""``kgraph build`` at scale: jobs, streamed outputs, progress/summary, errors (issue 6)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from kgraph.build import BuildOptions, build
from kgraph.engine import Engine
from kgraph.engine.run import BuildTargets, run_build
from kgraph.errors import ExitCode, InputError, OutputError, UsageError
from kgraph.graph import KnowledgeGraph
from kgraph.iri import events_graph_iri
from kgraph.progress import BuildProgress, BuildStats
from kgraph.store import to_oxigraph_quads
from tests.conftest import run_cli
from tests.scale_corpus import ARTICLES, share_test_pipeline, write_articles


@pytest.fixture(autouse=True)
def _shared_pipeline(nlp: object) -> Iterator[None]:
    yield from share_test_pipeline(nlp)


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_articles(tmp_path_factory.mktemp("news"))


@pytest.fixture(scope="module")
def turtle_one_job(news: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    target = tmp_path_factory.mktemp("out") / "one.ttl"
    result = run_cli("build", str(news), "-o", str(target), "--batch-size", "2")
    assert result.returncode == 0, result.stderr.decode()
    return target, result.stderr.decode()


def test_two_jobs_write_the_same_turtle_bytes(news: Path, turtle_one_job: tuple[Path, str], tmp_path: Path) -> None:
    one, _ = turtle_one_job
    two = tmp_path / "two.ttl"
    stats = run_build([news], BuildTargets(output=two), options=BuildOptions(batch_size=2), jobs=2, progress=False)
    assert stats.documents == len(ARTICLES)
    assert two.read_bytes() == one.read_bytes()
    assert len(list(ox.parse(path=str(two), format=ox.RdfFormat.TURTLE))) > 100


def test_streamed_turtle_is_the_in_memory_turtle(
    nlp: Any, news: Path, turtle_one_job: tuple[Path, str], tmp_path: Path
) -> None:
    one, _ = turtle_one_job
    build([news], nlp=nlp).write(tmp_path / "memory.ttl")
    assert (tmp_path / "memory.ttl").read_bytes() == one.read_bytes()


def test_summary_line_when_not_a_terminal(turtle_one_job: tuple[Path, str]) -> None:
    target, stderr = turtle_one_job
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"kgraph: {len(ARTICLES)} documents, ")
    assert "words/s" in lines[0] and (f"-> {target} (" in lines[0] or f"→ {target} (" in lines[0])
    # the counts are those of the graph written
    written = KnowledgeGraph.read(target)
    nodes, edges = written.graph.number_of_nodes(), written.graph.number_of_edges()
    assert f" {nodes} actors, {edges} relations " in lines[0], (lines[0], written)
    assert "\x1b[" not in stderr  # no progress bar drawn on a pipe


def test_streamed_nquads_hold_every_document_graph(nlp: Any, news: Path, tmp_path: Path) -> None:
    target = tmp_path / "g.nq"
    run_build([news], BuildTargets(output=target), options=BuildOptions(batch_size=4), jobs=2, progress=False)
    streamed = set(ox.parse(path=str(target), format=ox.RdfFormat.N_QUADS))
    whole = set(to_oxigraph_quads(build([news], nlp=nlp)))
    assert streamed <= whole
    assert {q.triple for q in streamed} == {q.triple for q in whole}
    events = ox.NamedNode(str(events_graph_iri()))
    documents = {q.graph_name for q in streamed} - {events}
    assert len(documents) == len(ARTICLES)  # one named graph per document, besides the events graph


def _bad_corpus(folder: Path) -> tuple[Path, str]:
    corpus = folder / "corpus.jsonl"
    good = [json.dumps({"id": f"n{i}", "text": text}) for i, text in enumerate(ARTICLES.values())]
    corpus.write_text("\n".join([*good, "{not json", *good[:2]]) + "\n", encoding="utf-8")
    message = (
        f"{corpus}, line {len(good) + 1}: malformed JSONL record "
        "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1)); "
        "fix the line or pass --skip-bad"
    )
    return corpus, message


def test_error_mid_stream_leaves_no_file(tmp_path: Path) -> None:
    corpus, message = _bad_corpus(tmp_path)
    result = run_cli("build", str(corpus), "-o", str(tmp_path / "g.nt"), "--batch-size", "2", "--jobs", "2")
    assert result.returncode == ExitCode.INPUT, result.stderr.decode()
    assert result.stderr.decode().splitlines() == [f"kgraph: error: {message}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.jsonl"]


@pytest.mark.parametrize("name", ["g.ttl", "g.nq", "g.jsonld", "store"])
def test_error_mid_stream_leaves_no_file_in_any_format(tmp_path: Path, name: str) -> None:
    corpus, message = _bad_corpus(tmp_path)
    target = tmp_path / name
    targets = BuildTargets(store=target) if name == "store" else BuildTargets(output=target)
    with pytest.raises(InputError) as raised:
        run_build([corpus], targets, options=BuildOptions(batch_size=2), progress=False)
    assert str(raised.value) == message
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == (["corpus.jsonl", "store"] if name == "store" else ["corpus.jsonl"])


def test_options_are_checked_before_any_work(news: Path, tmp_path: Path) -> None:
    nothing = run_cli("build", str(news), "--engine", "dask")
    assert nothing.returncode == ExitCode.USAGE
    assert nothing.stderr.decode().splitlines() == [
        "kgraph: error: nothing to write: give an output file (-o FILE) or a store (--store DIR)"
    ]
    with pytest.raises(UsageError, match="needs --engine dask"):
        run_build([news], BuildTargets(output=tmp_path / "g.ttl"), scheduler="tcp://127.0.0.1:1", progress=False)
    with pytest.raises(UsageError, match="--jobs must be at least 1, got 0"):
        run_build([news], BuildTargets(output=tmp_path / "g.ttl"), jobs=0, progress=False)
    with pytest.raises(OutputError, match="does not exist"):
        run_build([news], BuildTargets(output=tmp_path / "missing" / "g.ttl"), progress=False)
    assert list(tmp_path.iterdir()) == []
    assert [engine.value for engine in Engine] == ["local", "dask"]


class _Terminal:
    """A stand-in stderr that says it is a terminal and records what is drawn."""

    def __init__(self) -> None:
        self.text: list[str] = []

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.text.append(text)
        return len(text)

    def flush(self) -> None:
        pass


def test_progress_bar_draws_only_on_a_terminal(nlp: object) -> None:
    from kgraph.build import extract
    from kgraph.model import Document

    records = list(extract([Document("a", ARTICLES["a-geneva.txt"])], nlp))  # type: ignore[arg-type]
    terminal = _Terminal()
    stats = BuildStats()
    with BuildProgress(stats, total_bytes=1000, stream=terminal) as progress:  # type: ignore[arg-type]
        stats.add(records[0])
        progress.advance(records[0])
    drawn = "".join(terminal.text)
    assert "1 docs" in drawn and "words/s" in drawn and "relations" in drawn
    quiet = _Terminal()
    with BuildProgress(BuildStats(), enabled=False, stream=quiet) as progress:  # type: ignore[arg-type]
        progress.advance(records[0])
    assert quiet.text == []
