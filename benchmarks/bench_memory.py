"""Peak memory and time of ``kgraph build`` on one big plain-text file, at several sizes and ``--jobs``.

Usage::

    python benchmarks/bench_memory.py                       # 1 and 5 MB, --jobs 1 and 2
    python benchmarks/bench_memory.py --sizes 5 20 50 --jobs 1 2
    python benchmarks/bench_memory.py --names 1600 3200        # one paragraph naming N people

For each size a plain-text file of generated news paragraphs (``corpus.py``) is written and
built to N-Quads in a fresh process. The peak resident memory of the whole process tree
(the build and its workers, summed, sampled every 0.2 s from ``/proc``) and the wall time are
printed, with the time per MB: a flat time per MB means time linear in size. Linux only.
"""

from __future__ import annotations

import argparse
import functools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate_documents  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001

#: The bounds of issue #14 for a 50 MB file, in MiB.
BOUNDS = {1: 1024, 2: 2048}


def write_text(path: Path, megabytes: float) -> int:
    """Write about ``megabytes`` MB of generated paragraphs to ``path``; the bytes written."""
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in generate_documents(10**9, seed=11):
            chunk = record["text"] + "\n\n"
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
            if written >= target:
                break
    return written


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found.extend(int(c) for c in handle.read().split())
        except OSError:
            continue
    return found


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, summed, in MiB."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss_kib(current)
        stack.extend(_children(current))
    return total / 1024


def measure(source: Path, output: Path, jobs: int) -> tuple[float, float, int]:
    """Build ``source`` to ``output``; (seconds, peak tree RSS in MiB, exit code)."""
    command = [sys.executable, "-m", "kgraph", "build", str(source), "-o", str(output), "--jobs", str(jobs), "-q"]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mib(process.pid))
        time.sleep(0.2)
    seconds = time.monotonic() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode:
        print(f"  build failed ({process.returncode}): {stderr.strip()[-300:]}")
    return seconds, peak, process.returncode


def names_paragraph(count: int) -> str:
    """One sentence in which a minister meets ``count`` invented people (a long coordination)."""
    first = ["Alda", "Paul", "Mira", "Tomas", "Lena", "Oskar", "Ines", "Karel", "Nadia", "Viktor"]
    last = ["Venn", "Okoro", "Dahl", "Marsh", "Brook", "Lindqvist", "Tamm", "Vargo", "Pell", "Quist"]
    names = [f"{first[i % 10]} {last[(i // 10) % 10]}-{i}" for i in range(count)]
    return "Foreign minister Rhea Sallow met " + ", ".join(names[:-1]) + " and " + names[-1] + " in Vell.\n"


def time_names(counts: list[int], folder: Path) -> None:
    """Print wall time, output size and output/input ratio of ``kgraph build`` on a paragraph naming N people."""
    print(f"{'names':>6} {'input':>9} {'time':>8} {'output':>10} {'ratio':>6}")
    for count in counts:
        source, output = folder / f"names-{count}.txt", folder / f"names-{count}.nq"
        source.write_text(names_paragraph(count), encoding="utf-8")
        seconds, _, code = measure(source, output, 1)
        size_in, size_out = source.stat().st_size, output.stat().st_size if output.exists() else 0
        print(
            f"{count:>6} {size_in:>8}B {seconds:7.1f}s {size_out:>9}B {size_out / size_in:6.0f}"
            + ("" if code == 0 else f" (exit {code})")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5], help="file sizes in MB")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values to measure")
    parser.add_argument("--folder", type=Path, default=None, help="where to write the files (default: a temp dir)")
    parser.add_argument("--names", type=int, nargs="+", default=[], help="time paragraphs naming N people instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.folder) as tmp:
        folder = Path(tmp)
        if args.names:
            time_names(args.names, folder)
            return 0
        print(f"{'size':>8} {'jobs':>4} {'time':>8} {'s/MB':>6} {'peak RSS':>10} {'bound':>8}  output")
        for size in args.sizes:
            source = folder / f"big-{size:g}MB.txt"
            written = write_text(source, size)
            for jobs in args.jobs:
                output = folder / f"big-{size:g}MB-{jobs}.nq"
                seconds, peak, code = measure(source, output, jobs)
                megabytes = written / 1_000_000
                out_size = output.stat().st_size / 1_000_000 if output.exists() else 0.0
                bound = BOUNDS.get(jobs)
                verdict = "" if bound is None else ("ok" if peak < bound else "OVER")
                print(
                    f"{megabytes:7.1f}M {jobs:>4} {seconds:7.0f}s {seconds / megabytes:6.1f} {peak:8.0f}Mi "
                    f"{verdict:>8}  {out_size:.1f} MB N-Quads" + ("" if code == 0 else f" (exit {code})")
                )
                output.unlink(missing_ok=True)
            source.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
