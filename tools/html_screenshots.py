"""Screenshots of the HTML explorer for the README: the generated 50- and 5,000-actor graphs of the tests.

Usage: ``python tools/html_screenshots.py`` (needs Debian's chromium). Writes into ``docs/``:

- ``explorer-50.png``: the 50-actor graph at the default view;
- ``explorer-50-focus.png``: the same page focused on its most connected actor (panel open);
- ``explorer-5000.png``: the 5,000-actor graph at the default view.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgraph.export.html import write_html  # noqa: E402
from tests.chromium import Browser  # noqa: E402
from tests.html_graphs import news_like_graph  # noqa: E402

DOCS = ROOT / "docs"


def main() -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("html_screenshots: Debian's chromium is needed (apt-get install chromium)")
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kgraph-shots-") as name:
        folder = Path(name)
        (folder / "profile").mkdir()
        browser = Browser(folder / "profile", chromium, window="1400,900")
        try:
            small = write_html(news_like_graph(50, seed=5, documents=6), folder / "graph50.html", title="50 actors")
            browser.open(small.as_uri())
            time.sleep(0.5)
            browser.screenshot(DOCS / "explorer-50.png")
            hub = browser.evaluate("window.kg.data.nodes.reduce((b, n, i, a) => n.degree > a[b].degree ? i : b, 0)")
            browser.evaluate(f"window.kg.focus({int(hub)})")
            time.sleep(0.5)
            browser.screenshot(DOCS / "explorer-50-focus.png")
            big = write_html(news_like_graph(5000), folder / "graph5000.html", title="5,000 actors")
            browser.open(big.as_uri(), timeout=120)
            time.sleep(1.0)
            browser.screenshot(DOCS / "explorer-5000.png")
        finally:
            browser.close()
    for shot in sorted(DOCS.glob("explorer-*.png")):
        print(f"wrote {shot.relative_to(ROOT)} ({shot.stat().st_size:,} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
