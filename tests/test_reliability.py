"""Bad input gives one line and a documented exit code; interrupted runs never damage outputs or stores."""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kgraph.errors import ExitCode, OutputError, Terminated
from kgraph.io import atomic_output, atomic_write_bytes
from tests.conftest import run_cli

ARTICLE = (
    "Norland's foreign minister Alda Venn met Sudrian envoy Paul Okoro in Vell on Monday.\n\n"
    "Venn urged Sudria to reopen the border crossings, and Okoro praised the talks.\n"
)
OLD_GRAPH = b"# a graph the user already has: it must survive\n<urn:x:a> <urn:x:b> <urn:x:c> .\n"


def _one_error_line(stderr: bytes) -> str:
    """The single ``kgraph: error:`` line of ``stderr``; fails on a traceback or several errors."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    errors = [line for line in text.splitlines() if line.startswith("kgraph: error:")]
    assert len(errors) == 1, text
    return errors[0]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith(".kgraph"))


# ---------------------------------------------------------------------------- bad input via the CLI
def _missing(tmp: Path) -> list[str]:
    return [str(tmp / "no-such-article.txt")]


def _folder_without_text(tmp: Path) -> list[str]:
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200))
    (tmp / "corpus" / "blank.txt").write_text("\n \n")
    return [str(tmp / "corpus")]


def _binary(tmp: Path) -> list[str]:
    (tmp / "archive.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
    return [str(tmp / "archive.txt")]


def _empty(tmp: Path) -> list[str]:
    (tmp / "empty.txt").write_bytes(b"")
    return [str(tmp / "empty.txt")]


def _bad_jsonl(tmp: Path) -> list[str]:
    (tmp / "feed.jsonl").write_text('{"id": "a", "text": "Venn met Okoro."}\n{"id": "b", "text": oops}\n')
    return [str(tmp / "feed.jsonl")]


def _article(tmp: Path) -> list[str]:
    (tmp / "article.txt").write_text(ARTICLE)
    return [str(tmp / "article.txt")]


BAD_INPUTS: dict[str, tuple[Callable[[Path], list[str]], list[str], ExitCode, str]] = {
    "missing path": (_missing, [], ExitCode.INPUT, r"input '.*no-such-article\.txt' does not exist"),
    "folder without text": (_folder_without_text, [], ExitCode.EMPTY, r"no text found in the inputs \['.*corpus'\]"),
    "binary file": (_binary, [], ExitCode.INPUT, r"archive\.txt' holds a NUL byte at offset \d+: it is a binary file"),
    "empty document": (_empty, [], ExitCode.EMPTY, r"no text found"),
    "malformed JSONL line": (
        _bad_jsonl,
        [],
        ExitCode.INPUT,
        r"feed\.jsonl, line 2: malformed JSONL record .*--skip-bad",
    ),
    "bad --base": (
        _article,
        ["--base", "not an iri"],
        ExitCode.USAGE,
        r"--base must be an http\(s\) IRI .*'not an iri'",
    ),
    "bad --format": (_article, ["--format", "docx"], ExitCode.USAGE, r"unknown format 'docx'; valid formats: turtle"),
    "unknown option": (_article, ["--colour", "red"], ExitCode.USAGE, r"No such option: --colour"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_line_and_its_exit_code(case: str, tmp_path: Path) -> None:
    make, extra, code, message = BAD_INPUTS[case]
    out = tmp_path / "graph.ttl"
    result = run_cli("build", *make(tmp_path), "-o", str(out), "--quiet", *extra, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert re.search(message, _one_error_line(result.stderr)), result.stderr
    assert not out.exists() and _leftovers(tmp_path) == []


def test_unwritable_outputs_give_exit_code_output(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE)
    (tmp_path / "taken").mkdir()
    for out, message in (
        (tmp_path / "no" / "such" / "folder" / "graph.ttl", r"folder '.*folder' does not exist"),
        (tmp_path / "taken", r"'.*taken': it is a folder"),
        (Path("/proc/kgraph-graph.ttl"), r"cannot write '/proc/kgraph-graph\.ttl'"),
    ):
        fmt = ["--format", "turtle"] if out.suffix == "" else []
        result = run_cli("build", str(tmp_path / "article.txt"), "-o", str(out), "--quiet", *fmt)
        assert result.returncode == ExitCode.OUTPUT, (out, result.stderr)
        assert re.search(message, _one_error_line(result.stderr)), result.stderr
    assert (tmp_path / "taken").is_dir() and list((tmp_path / "taken").iterdir()) == []


def test_invalid_utf8_is_replaced_and_warned_with_file_and_offset(tmp_path: Path) -> None:
    source = tmp_path / "latin1.txt"
    source.write_bytes(ARTICLE.replace("Sudrian", "S\xfcdrian").encode("latin-1"))
    out = tmp_path / "graph.ttl"
    result = run_cli("build", str(source), "-o", str(out), "--quiet")
    stderr = result.stderr.decode()
    assert result.returncode == ExitCode.OK, stderr
    offset = ARTICLE.index("Sudrian") + 1
    assert f"kgraph: warning: {source}: invalid UTF-8 at byte offset {offset};" in stderr
    assert "Traceback" not in stderr
    replaced = ARTICLE.replace("Sudrian", "S\ufffddrian")
    assert f'kg:contentHash "{hashlib.sha256(replaced.encode()).hexdigest()}"' in out.read_text(encoding="utf-8")


def test_skip_bad_continues_past_a_malformed_jsonl_line(tmp_path: Path) -> None:
    _bad_jsonl(tmp_path)
    hostile = (
        '{"id": "d", "text": "Okoro\\ud800 met Venn\\u0000 in \\ufffe Vell.\\r"}\n'  # JSON escapes: lone surrogate, NUL
    )
    (tmp_path / "feed.jsonl").write_text(
        (tmp_path / "feed.jsonl").read_text() + '{"id": "c", "text": "Okoro met Venn."}\n' + hostile
    )
    out, page = tmp_path / "graph.nt", tmp_path / "graph.html"
    result = run_cli(
        "build", str(tmp_path / "feed.jsonl"), "-o", str(out), "--html", str(page), "--skip-bad", "--quiet"
    )
    stderr = result.stderr.decode()
    assert result.returncode == ExitCode.OK, stderr
    assert re.search(r"kgraph: warning: .*feed\.jsonl, line 2: malformed JSONL record .*; skipped", stderr)
    documents = {line.split()[0] for line in out.read_text().splitlines() if "ontology#Document>" in line}
    assert len(documents) == 3 and page.stat().st_size > 0


# ---------------------------------------------------------------------------- atomic writes
@pytest.mark.parametrize("interruption", [KeyboardInterrupt, Terminated, OSError, RuntimeError])
def test_atomic_output_leaves_the_old_file_when_interrupted(interruption: type[BaseException], tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(OLD_GRAPH)
    expected: type[BaseException] = OutputError if interruption is OSError else interruption
    with pytest.raises(expected):
        with atomic_output(target, "wb") as handle:
            handle.write(b"@prefix half: <urn:half#> .\n" * 1000)
            assert _leftovers(tmp_path), "the data should go to a temporary file beside the target"
            raise interruption(28, "No space left on device") if interruption is OSError else interruption()
    assert target.read_bytes() == OLD_GRAPH
    assert _leftovers(tmp_path) == []


def test_atomic_output_keeps_permissions_and_replaces_whole(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_bytes(OLD_GRAPH)
    target.chmod(0o640)
    atomic_write_bytes(target, b"new\n")
    assert target.read_bytes() == b"new\n" and (target.stat().st_mode & 0o777) == 0o640
    assert _leftovers(tmp_path) == []


# ---------------------------------------------------------------------------- interrupted builds
def _default_signals() -> None:
    # A job started in the background by a non-interactive shell (CI, this test's own
    # runner) inherits SIGINT as ignored, and Python keeps it so; give the child the
    # default handlers a user's terminal gives.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _start_build(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "kgraph", "build", *args, "--quiet", "--batch-size", "8"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_default_signals,
    )


def _corpus(folder: Path, documents: int = 400) -> Path:
    folder.mkdir()
    countries = ["Norland", "Sudria", "Kestia", "Valmora", "Ostrel", "Dunmar"]
    for i in range(documents):
        a, b = countries[i % 6], countries[(i * 5 + 1) % 6]
        text = (
            f"{a}'s president met the prime minister of {b} in the capital on day {i}.\n\n"
            f"The two leaders signed an agreement on trade and urged the United Nations to act. "
            f"Officials from {b} criticised the plan, while {a} praised the European Union for its support. "
        ) * 3
        (folder / f"{i:04d}.txt").write_text(text)
    return folder


@pytest.mark.parametrize(
    ("signum", "suffix", "jobs", "code"),
    [
        (signal.SIGINT, "ttl", 1, ExitCode.INTERRUPTED),
        (signal.SIGTERM, "nt", 1, ExitCode.TERMINATED),
        (signal.SIGTERM, "ttl", 2, ExitCode.TERMINATED),
    ],
    ids=["sigint-turtle", "sigterm-ntriples", "sigterm-turtle-2-workers"],
)
def test_interrupted_build_leaves_existing_output_untouched(
    signum: signal.Signals, suffix: str, jobs: int, code: ExitCode, tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"graph.{suffix}"
    out.write_bytes(OLD_GRAPH)
    process = _start_build(str(corpus), "-o", str(out), "--jobs", str(jobs))
    try:
        deadline = time.monotonic() + 60
        while not _leftovers(out_dir) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # the streamed writer's temporary file appears: the build has started
        time.sleep(4.0)  # past model loading, into the documents
        assert process.poll() is None, "the build finished before it could be interrupted; enlarge the corpus"
        assert _leftovers(out_dir), "the build should be writing to a temporary file by now"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    text = stderr.decode()
    assert process.returncode == code, text
    assert "Traceback" not in text
    assert text.strip().splitlines()[-1] in {
        "kgraph: interrupted; outputs left as they were",
        "kgraph: terminated; outputs left as they were",
    }
    assert out.read_bytes() == OLD_GRAPH
    assert _leftovers(out_dir) == []


def test_sigterm_handler_is_restored_after_main(tmp_path: Path) -> None:
    from kgraph.cli import main

    before = signal.getsignal(signal.SIGTERM)
    assert (
        main(["build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "g.ttl"), "--format", "nope"])
        == ExitCode.USAGE
    )
    assert signal.getsignal(signal.SIGTERM) == before


# ---------------------------------------------------------------------------- stores and merges keep every triple
def _commands() -> set[str]:
    from kgraph.cli import _register_commands, app

    _register_commands()
    return {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}


def _quads(store_dir: Path) -> set[str]:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    events = ox.NamedNode("https://w3id.org/kgraph/id/graph/events")  # derived, rebuilt by every run
    return {str(q) for q in store if q.graph_name != events}


def test_store_keeps_every_earlier_triple_even_when_a_build_is_interrupted(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(ARTICLE)
    second.write_text("Kestia's defence minister criticised Valmora after the border clash.\n")
    result = run_cli("build", str(first), "--store", str(store), "--quiet")
    assert result.returncode == ExitCode.OK, result.stderr
    before = _quads(store)
    assert len(before) > 10
    # a build interrupted mid-run keeps every earlier triple
    process = _start_build(str(_corpus(tmp_path / "corpus", documents=300)), "--store", str(store))
    try:
        time.sleep(6.0)
        assert process.poll() is None, "the build finished before it could be interrupted; enlarge the corpus"
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == ExitCode.TERMINATED, stderr.decode()
    assert "Traceback" not in stderr.decode()
    interrupted = _quads(store)
    assert before <= interrupted
    # a later build adds to the store and keeps everything in it
    result = run_cli("build", str(second), str(first), "--store", str(store), "--quiet")
    assert result.returncode == ExitCode.OK, result.stderr
    after = _quads(store)
    assert interrupted <= after and len(after) > len(before)


def test_merge_keeps_every_triple(tmp_path: Path, nlp: object) -> None:
    assert "merge" in _commands(), "`kgraph merge` is missing from the CLI"
    from rdflib import Graph

    import kgraph

    texts = {"a": ARTICLE, "b": "Kestia's defence minister criticised Valmora after the border clash.\n"}
    for name, text in texts.items():
        kgraph.build([kgraph.Document(id=name, text=text)], nlp=nlp).write(tmp_path / f"{name}.nt")  # type: ignore[arg-type]
    parts = {name: set(Graph().parse(tmp_path / f"{name}.nt", format="nt")) for name in texts}
    assert parts["a"] and parts["b"] and not parts["b"] <= parts["a"]
    merged = tmp_path / "merged.nt"
    result = run_cli("merge", str(tmp_path / "a.nt"), str(tmp_path / "b.nt"), "-o", str(merged), "--quiet")
    assert result.returncode == 0, result.stderr
    assert parts["a"] | parts["b"] <= set(Graph().parse(merged, format="nt")), "merge lost triples"
    # merging into one of its own inputs ("add b to my graph a") keeps every earlier triple
    result = run_cli("merge", str(tmp_path / "a.nt"), str(tmp_path / "b.nt"), "-o", str(tmp_path / "a.nt"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert parts["a"] | parts["b"] <= set(Graph().parse(tmp_path / "a.nt", format="nt"))
    # a failing merge leaves an existing output as it was
    before = merged.read_bytes()
    result = run_cli("merge", str(tmp_path / "b.nt"), str(tmp_path / "missing.nt"), "-o", str(merged), "--quiet")
    assert result.returncode == ExitCode.INPUT and merged.read_bytes() == before
    _one_error_line(result.stderr)
    assert _leftovers(tmp_path) == []


# ---------------------------------------------------------------------------- full parse of a big file (slow)
@pytest.mark.skipif(
    not os.environ.get("KGRAPH_SLOW"),
    reason="a full parse of 50 MB takes hours on 2 cores; run with KGRAPH_SLOW=1 (and KGRAPH_BIG_MB=size)",
)
@pytest.mark.timeout(0)
def test_full_build_of_a_big_file_runs_in_bounded_memory(tmp_path: Path) -> None:
    """The whole pipeline over one big file: peak RSS of the build stays far below what
    holding the file's parses would take (the file is split into parts and streamed)."""
    megabytes = int(os.environ.get("KGRAPH_BIG_MB", "50"))
    source = tmp_path / "big.txt"
    paragraph = (
        b"Norland's foreign minister met the Sudrian envoy in Vell on Monday. The two sides signed a trade "
        b"agreement, and Norland urged Sudria to reopen the border crossings.\n\n"
    )
    with source.open("wb") as handle:
        for _ in range(megabytes * 1_000_000 // len(paragraph) + 1):
            handle.write(paragraph)
    out = tmp_path / "big.nt"
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import resource, sys
            from kgraph.cli import main
            code = main(["build", {str(source)!r}, "-o", {str(out)!r}, "--quiet"])
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
            sys.exit(code)
        """),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    peak_mib = int(result.stderr.strip().splitlines()[-1]) // 1024
    print(f"{megabytes} MB built in {time.monotonic() - started:.0f} s, peak RSS {peak_mib} MiB")
    assert peak_mib < 2_000
