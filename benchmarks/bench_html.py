"""Benchmark the HTML explorer: write time and memory in Python, open time and frame times in headless Chromium.

Usage::

    python benchmarks/bench_html.py                 # 50, 500 and 5,000 actors
    python benchmarks/bench_html.py --sizes 20000   # other sizes

For each size it generates a news-like graph (``tests/html_graphs.py``: invented actors in
communities, people holding positions, 8% of actors without relations), then reports:

- write: seconds for ``write_html`` (layout, communities, page) in a fresh process, how much its peak
  resident memory grew while writing, and the page size;
- open: milliseconds from navigation to the first drawn frame, in Debian's Chromium, headless,
  with software rendering (``--disable-gpu``), and the page's JavaScript heap after opening;
- pan / zoom: milliseconds per frame (mean, 95th percentile, max) over 60 animation frames that
  each move or zoom the camera, measured as the interval between animation frames;
- focus: milliseconds for a click-equivalent focus on the most connected actor (panel built).

Not a timed test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chromium import Browser  # noqa: E402
from tests.html_graphs import news_like_graph  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001

_RECORD_JS = """
(() => {
  window.kgFrames = [];
  window.kgRecording = true;
  let last = performance.now();
  function step(now) {
    window.kgFrames.push(now - last); last = now;
    if (window.kgRecording) requestAnimationFrame(step);
  }
  requestAnimationFrame(step);
  if (window.kg) window.kg.renderer.getCamera().setState({x: 0.5, y: 0.5, ratio: 1, angle: 0});
})()
"""


def _frames(browser: Browser, mode: str, steps: int = 40) -> list[float]:
    """Drag the graph (pan) or turn the mouse wheel (zoom) like a person, and time the frames drawn meanwhile."""
    box = browser.evaluate(
        "(() => { const r = (window.kg ? window.kg.renderer.getContainer() : document.body).getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
    )
    x, y = float(box[0]) - 150, float(box[1])
    browser.evaluate(_RECORD_JS)
    time.sleep(0.1)
    mouse = functools.partial(browser.call, "Input.dispatchMouseEvent")
    if mode == "pan":
        mouse(type="mouseMoved", x=x, y=y)
        mouse(type="mousePressed", x=x, y=y, button="left", clickCount=1)
        for k in range(steps):
            mouse(type="mouseMoved", x=x + 8 * k, y=y + 3 * k, button="left", buttons=1)
            time.sleep(0.016)
        mouse(type="mouseReleased", x=x + 8 * steps, y=y + 3 * steps, button="left", clickCount=1)
    else:
        for k in range(steps):
            mouse(type="mouseWheel", x=x, y=y, deltaX=0, deltaY=-60 if k < steps // 2 else 60)
            time.sleep(0.016)
    time.sleep(0.3)
    return [float(t) for t in browser.evaluate("(() => { window.kgRecording = false; return window.kgFrames; })()")[2:]]


def _summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"mean {statistics.fmean(times):6.1f}  p95 {p95:6.1f}  max {max(times):6.1f} ms/frame"


_WRITE = """
import resource, sys, time
sys.path.insert(0, sys.argv[1])
from kgraph.export.html import write_html
from tests.html_graphs import news_like_graph
kg = news_like_graph(int(sys.argv[2]))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
write_html(kg, sys.argv[3])
print(time.perf_counter() - started, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _write(size: int, page: Path) -> tuple[float, float]:
    """Seconds to write the page of ``size`` actors, and the peak RSS growth (MB) while writing, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _WRITE, str(ROOT), str(size), str(page)], check=True, capture_output=True, text=True
    )
    seconds, before, after = out.stdout.split()
    return float(seconds), (int(after) - int(before)) / 1024


def measure(size: int, folder: Path, browser: Browser) -> dict[str, Any]:
    kg = news_like_graph(size)  # the same graph the writing process makes
    page = folder / f"graph{size}.html"
    written, peak = _write(size, page)
    browser.open(page.as_uri(), timeout=120)
    opened = float(browser.evaluate("window.kgOpenedAt"))
    heap = browser.call("Runtime.getHeapUsage")["usedSize"]
    elements = browser.evaluate("document.getElementsByTagName('*').length")
    pan, zoom = _frames(browser, "pan"), _frames(browser, "zoom")
    hub = browser.evaluate("window.kg.data.nodes.reduce((b, n, i, a) => n.degree > a[b].degree ? i : b, 0)")
    focus = browser.evaluate(
        f"(() => {{ const t = performance.now(); window.kg.focus({hub}); return performance.now() - t; }})()"
    )
    errors = browser.errors()
    print(
        f"{kg.graph.number_of_nodes():>6} actors {kg.graph.number_of_edges():>6} relations | "
        f"write {written:5.2f} s, peak RSS +{peak:5.0f} MB, page {page.stat().st_size / 1e6:5.2f} MB | "
        f"open {opened:6.0f} ms, JS heap {heap / 1e6:5.1f} MB, {elements} DOM elements | focus {focus:5.1f} ms"
    )
    print(f"{'':>14} pan  {_summary(pan)}")
    print(f"{'':>14} zoom {_summary(zoom)}")
    if errors:
        print(f"{'':>14} page errors: {errors}")
    return {"write": written, "open": opened, "pan": pan, "zoom": zoom, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 500, 5000])
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        raise SystemExit("bench_html: Debian's chromium is needed (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="kgraph-bench-html-") as name:
        folder = Path(name)
        profile = folder / "profile"
        profile.mkdir()
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures grow with the load)")
        browser = Browser(profile, shutil.which("chromium") or "chromium")
        try:
            for size in args.sizes:
                measure(size, folder, browser)
            print(f"load average after: {os.getloadavg()[0]:.1f}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
