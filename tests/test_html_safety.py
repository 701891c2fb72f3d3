"""Hostile actor names in the HTML view: opened in headless Chromium, no injected code runs, labels show as text.

The page is driven over the Chrome DevTools protocol (``--remote-debugging-pipe``: JSON
messages on file descriptors 3 and 4, no extra library): the test installs a sentinel
before the page's own scripts run, loads the page, hovers and clicks every node and edge
so that tooltips render, then reads the sentinel, the page title, any JavaScript
dialogs or exceptions, and what the renderer holds as each node's label.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType
from tests.conftest import require_tool, run_cli

#: Each payload, if it ever ran, would set ``window.pwned`` and the page title.
HOSTILE_NAMES = [
    "<img src=x onerror=\"window.pwned='img';document.title='PWNED'\">",
    "</script><script>window.pwned='script';document.title='PWNED'</script>",
    "<svg onload=window.pwned='svg'>",
    "\"'><iframe srcdoc=\"<script>parent.pwned='iframe'</script>\">",
    "{{7*7}} ${window.pwned='template'} `backtick`",
    "<!--<script>window.pwned='comment'</script>-->",
    "]]></x><script>alert('dialog')</script>",
    'Ahmad \u202eRTL\u202c \U0001f600 "quoted" back\\slash',
]
PAGE_TITLE_PROBE = "document.title"
_NO_PAYLOAD = "window.pwned === undefined"


class DevTools:
    """A minimal Chrome DevTools protocol client over ``--remote-debugging-pipe``."""

    def __init__(self, chromium: str, profile: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_fds() -> None:  # runs in the child: fd 3 = commands in, fd 4 = replies out
            high_r, high_w = os.dup(to_chrome_r), os.dup(from_chrome_w)  # never clobber one with the other
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.closerange(5, 1024)

        self.process = subprocess.Popen(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,
            preexec_fn=wire_fds,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None

    def _read_message(self, timeout: float) -> dict[str, Any]:
        import select

        deadline = time.monotonic() + timeout
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_chrome], [], [], remaining)[0]:
                raise TimeoutError("Chromium did not answer over the DevTools pipe")
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise ConnectionError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)  # type: ignore[no-any-return]

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, timeout: float = 30, browser: bool = False
    ) -> Any:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not browser:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read_message(timeout)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)
            if reply.get("method") == "Page.javascriptDialogOpening":
                # A dialog blocks the page; dismiss it (the event is kept as evidence).
                os.write(
                    self._to_chrome,
                    json.dumps(
                        {
                            "id": 0,
                            "method": "Page.handleJavaScriptDialog",
                            "params": {"accept": False},
                            "sessionId": reply.get("sessionId"),
                        }
                    ).encode()
                    + b"\0",
                )

    def pump(self, seconds: float) -> None:
        """Collect events for ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self.send("Runtime.evaluate", {"expression": "1"}, timeout=deadline - time.monotonic() + 5)
            except TimeoutError:
                return
            time.sleep(0.05)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open_page(self, sentinel_script: str) -> None:
        targets = self.send("Target.getTargets", browser=True)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.send(
            "Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, browser=True
        )["sessionId"]
        for domain in ("Page.enable", "Runtime.enable"):
            self.send(domain)
        self.send("Page.addScriptToEvaluateOnNewDocument", {"source": sentinel_script})

    def navigate(self, url: str, *, timeout: float = 30) -> None:
        self.send("Page.navigate", {"url": url})
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} did not finish loading")
            self.pump(0.2)

    def move_mouse(self, x: float, y: float, *, click: bool = False) -> None:
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        if click:
            for kind in ("mousePressed", "mouseReleased"):
                self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True, timeout=5)
        except (TimeoutError, ConnectionError, RuntimeError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture()
def browser() -> Iterator[DevTools]:
    chromium = require_tool("chromium")
    profile = Path(tempfile.mkdtemp(prefix="kgraph-chromium-"))
    devtools = DevTools(chromium, profile)
    try:
        yield devtools
    finally:
        devtools.close()
        shutil.rmtree(profile, ignore_errors=True)


SENTINEL = "window.__kgraphSentinel = 'intact';"

# The vis-network object of a pyvis page (pyvis' global ``network``), for the guard test's plain pages.
_NETWORK_JS = "(typeof network !== 'undefined' ? network : undefined)"
# Where each node and edge is drawn, in CSS pixels: kgraph's sigma.js page (``window.kg``) or a vis-network page.
_TARGETS_JS = """
(() => {
  if (window.kg && window.kg.renderer) {
    const r = window.kg.renderer, g = r.getGraph(), box = r.getContainer().getBoundingClientRect();
    const place = k => { const a = g.getNodeAttributes(k); const p = r.graphToViewport({x: a.x, y: a.y});
      return [box.left + p.x, box.top + p.y]; };
    const nodes = g.nodes().filter(k => !r.getNodeDisplayData(k).hidden).map(place);
    const edges = g.edges().map(e => { const a = place(g.source(e)), b = place(g.target(e));
      return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]; });
    return {nodes, edges};
  }
  const net = NETWORK;
  if (net === undefined) return {nodes: [], edges: []};
  const box = net.body.container.getBoundingClientRect();
  const place = p => { const d = net.canvasToDOM(p); return [box.left + d.x, box.top + d.y]; };
  const pos = net.getPositions();
  const nodes = Object.keys(pos).map(id => place(pos[id]));
  const edges = net.body.data.edges.getIds().map(id => {
    const e = net.body.edges[id]; if (!e || !e.from || !e.to) return null;
    return place({x: (e.from.x + e.to.x) / 2, y: (e.from.y + e.to.y) / 2});
  }).filter(Boolean);
  return {nodes, edges};
})()
"""
_LABELS_JS = """
(() => {
  if (window.kg && window.kg.renderer) {
    const g = window.kg.renderer.getGraph();
    return g.nodes().map(k => g.getNodeAttribute(k, "label"));
  }
  const net = NETWORK; return net === undefined ? null : net.body.data.nodes.get().map(n => n.label);
})()
"""
_TARGETS_JS, _LABELS_JS = (js.replace("NETWORK", _NETWORK_JS) for js in (_TARGETS_JS, _LABELS_JS))
_TOOLTIPS_JS = """
(() => Array.from(document.querySelectorAll(
    '.vis-tooltip, [class*="tooltip"], [id*="tooltip"], [class*="panel"], [id*="panel"], [id*="detail"]'))
  .map(el => ({
    text: el.innerText, html: el.innerHTML, elements: el.querySelectorAll('img,script,svg,iframe').length
  })))()
"""


def _explore(browser: DevTools, page: Path) -> dict[str, Any]:
    """Load ``page``, hover and click everything, and report what ran and what is shown."""
    browser.open_page(SENTINEL)
    browser.navigate(page.resolve().as_uri())
    browser.pump(1.0)
    if browser.evaluate(f"{_NETWORK_JS} !== undefined"):
        browser.evaluate(
            f"new Promise(r => {{ const n = {_NETWORK_JS}; n.stopSimulation(); n.fit(); setTimeout(r, 300); }})"
        )
    targets = browser.evaluate(_TARGETS_JS)
    tooltips: list[dict[str, Any]] = []
    for x, y in targets["nodes"] + targets["edges"]:
        browser.move_mouse(x, y)
        browser.pump(0.4)
        tooltips.extend(t for t in browser.evaluate(_TOOLTIPS_JS) if t["text"].strip())
        browser.move_mouse(x, y, click=True)
        browser.pump(0.2)
        tooltips.extend(t for t in browser.evaluate(_TOOLTIPS_JS) if t["text"].strip())
    browser.pump(0.5)
    return {
        "sentinel": browser.evaluate("window.__kgraphSentinel"),
        "pwned": browser.evaluate("window.pwned === undefined ? null : String(window.pwned)"),
        "title": browser.evaluate(PAGE_TITLE_PROBE),
        "labels": browser.evaluate(_LABELS_JS),
        "text": browser.evaluate("document.body.innerText"),
        "injected_elements": browser.evaluate(
            "document.querySelectorAll('img[src=\"x\"], svg[onload], iframe[srcdoc]').length"
        ),
        "tooltips": tooltips,
        "hovered": len(targets["nodes"]) + len(targets["edges"]),
        "dialogs": [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"],
        "exceptions": [
            e["params"]["exceptionDetails"].get("exception", {}).get("description", "")
            for e in browser.events
            if e.get("method") == "Runtime.exceptionThrown"
        ],
    }


def _hostile_graph() -> KnowledgeGraph:
    """A graph whose actors carry the hostile names, linked in a chain, with hostile evidence."""
    document = Document(
        id="hostile-1", text=" met ".join(HOSTILE_NAMES), source="<script>x</script>.txt", title="<b>title</b>"
    )
    refs = [EntityRef(EntityType.PERSON, name) for name in HOSTILE_NAMES]
    relations = [
        Relation(
            a,
            RelationType.CONSULTS_WITH,
            b,
            evidence=f"{a.name} met {b.name}.",
            trigger="<i>met</i>",
            confidence=0.9,
            start_char=i,
        )
        for i, (a, b) in enumerate(zip(refs, refs[1:], strict=False))
    ]
    entities = [Entity(name=r.name, type=r.type, aliases=frozenset({r.name + " <alias>"}), mentions=1) for r in refs]
    kg = KnowledgeGraph()
    kg.add_records(DocumentRecords(document=document, entities=entities, relations=relations))
    return kg


def _assert_safe(report: dict[str, Any], names: list[str], title: str) -> None:
    assert report["sentinel"] == "intact"
    assert report["pwned"] is None, f"injected code ran: window.pwned = {report['pwned']!r}"
    assert report["title"] == title, f"the page title changed to {report['title']!r}"
    assert report["dialogs"] == [], f"injected code opened a dialog: {report['dialogs']}"
    assert report["injected_elements"] == 0, "an injected element is in the DOM"
    assert report["exceptions"] == [], f"the page threw: {report['exceptions']}"
    for tip in report["tooltips"]:
        assert tip["elements"] == 0, f"a tooltip holds markup from the data: {tip['html'][:300]!r}"
    for name in names:
        shown_in_renderer = report["labels"] is not None and name in report["labels"]
        shown_as_text = name in report["text"] or any(name in t["text"] for t in report["tooltips"])
        assert shown_in_renderer or shown_as_text, f"the label {name!r} is not shown as text"


def _page_title(page: Path) -> str:
    import html
    import re

    found = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def test_hostile_names_from_records_run_no_script(browser: DevTools, tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    _hostile_graph().write_html(page)
    report = _explore(browser, page)
    assert report["hovered"] >= len(HOSTILE_NAMES), "the page drew no graph to hover"
    _assert_safe(report, HOSTILE_NAMES, _page_title(page))
    # the tooltips showed the hostile text as text, not as markup
    assert any(HOSTILE_NAMES[0] in t["text"] for t in report["tooltips"]), "no tooltip showed the hostile label"


def test_the_sentinel_detects_an_unescaped_page(browser: DevTools, tmp_path: Path) -> None:
    """Guard: the same checks fail on a page that does not escape (so the test can fail)."""
    page = tmp_path / "unsafe.html"
    page.write_text(
        f"<html><head><title>t</title></head><body><p>{HOSTILE_NAMES[0]}</p>"
        f"<script>var n = '{HOSTILE_NAMES[1]}';</script></body></html>",
        encoding="utf-8",
    )
    report = _explore(browser, page)
    assert report["pwned"] in {"img", "script"} and report["title"] == "PWNED"


def test_hostile_actor_dictionary_through_the_cli_runs_no_script(browser: DevTools, tmp_path: Path) -> None:
    names = HOSTILE_NAMES[:3] + ["Zorvan Pellik"]
    actors = tmp_path / "actors.jsonl"
    actors.write_text("".join(json.dumps({"name": n, "type": "Person", "aliases": []}) + "\n" for n in names))
    article = tmp_path / "article.txt"
    article.write_text(
        "".join(f"President {name} met President Zorvan Pellik in Vell on Monday.\n\n" for name in names[:3]),
        encoding="utf-8",
    )
    page, graph = tmp_path / "graph.html", tmp_path / "graph.nt"
    result = run_cli("build", str(article), "-o", str(graph), "--html", str(page), "--actors", str(actors), "--quiet")
    assert result.returncode == 0, result.stderr.decode()
    from rdflib import RDFS, Graph

    labels = {str(o) for o in Graph().parse(graph, format="nt").objects(None, RDFS.label)}
    assert "Zorvan Pellik" in labels, f"the --actors dictionary was not applied; labels: {sorted(labels)}"
    hostile = [n for n in names[:3] if n in labels]
    assert hostile, f"no hostile dictionary name reached the graph; labels: {sorted(labels)}"
    report = _explore(browser, page)
    _assert_safe(report, hostile, _page_title(page))
