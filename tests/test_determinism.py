"""The same input gives byte-identical Turtle: run twice, inputs in another order, a folder, several workers."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

import kgraph
from kgraph.model import Document

ARTICLES = {
    "harbour.txt": (
        "Norland's foreign minister Alda Venn met Sudrian envoy Paul Okoro in Vell on Monday.\n\n"
        "Venn urged Sudria to reopen the border crossings. Okoro praised the talks and said Sudria "
        "would consider the request.\n"
    ),
    "summit.txt": (
        "The European Union imposed sanctions on Valmora after its troops shelled the port of Ostrel.\n\n"
        "NATO Secretary General Mark Rutte condemned the attack, and Germany pledged aid to Ostrel.\n"
    ),
    "talks.txt": (
        "China and Russia signed an agreement on energy cooperation in Beijing.\n\n"
        "President Xi Jinping hosted Vladimir Putin, who praised the partnership. Venn criticised the deal.\n"
    ),
}


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _build_all(runs: dict[str, list[str]]) -> dict[str, bytes]:
    """Run several ``kgraph build`` commands at once (they are independent) and read their outputs."""
    processes = {
        name: subprocess.Popen([sys.executable, "-m", "kgraph", "build", *args, "--quiet"], stderr=subprocess.PIPE)
        for name, args in runs.items()
    }
    outputs = {}
    for name, process in processes.items():
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, (name, stderr.decode())
        args = runs[name]
        outputs[name] = Path(args[args.index("-o") + 1]).read_bytes()
    return outputs


def test_cli_turtle_is_byte_identical_across_orders_folders_workers_and_the_api(
    nlp: object, corpus: Path, tmp_path: Path
) -> None:
    files = [str(corpus / name) for name in sorted(ARTICLES)]
    runs = _build_all(
        {
            "files, reversed": [*reversed(files), "-o", str(tmp_path / "reversed.ttl")],
            "folder, 2 workers, batches of 1": [
                str(corpus),
                "-o",
                str(tmp_path / "workers.ttl"),
                "--jobs",
                "2",
                "--batch-size",
                "1",
            ],
        }
    )
    # the CLI records a text file's source as its name relative to the input (--full-source-paths: absolute)
    documents = [Document(id=name, text=text, source=name) for name, text in ARTICLES.items()]
    runs["API, in-memory writer"] = kgraph.build(documents, nlp=nlp).write(tmp_path / "api.ttl").read_bytes()  # type: ignore[arg-type]
    digests = {name: hashlib.sha256(data).hexdigest()[:16] for name, data in runs.items()}
    assert len(set(digests.values())) == 1, digests
    text = runs["files, reversed"].decode("utf-8")
    assert text.count("a kg:Document") == len(ARTICLES)


def test_api_turtle_is_byte_identical_across_runs_and_document_orders(nlp: object, tmp_path: Path) -> None:
    documents = [Document(id=name, text=text, source=name) for name, text in ARTICLES.items()]
    outputs = []
    for order, docs in enumerate([documents, documents, list(reversed(documents)), documents[1:] + documents[:1]]):
        kg = kgraph.build(docs, nlp=nlp)  # type: ignore[arg-type]
        outputs.append(kg.write(tmp_path / f"order-{order}.ttl").read_bytes())
    assert len(set(outputs)) == 1
    assert len(outputs[0]) > 1000
