"""The HTML explorer in a real headless Chromium (DevTools protocol): renders, filters, stays safe."""

from __future__ import annotations

import json
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.export.html import TYPE_COLOURS, render_html, select_nodes, write_html
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType
from tests.conftest import require_tool
from tests.output_fixtures import HOSTILE_EVIDENCE, HOSTILE_NAME, sample_graph

websocket = pytest.importorskip("websocket", reason="websocket-client (test extra) drives Chromium")

_EXTERNAL = re.compile(
    r"""<(script|link|img|iframe|embed|object|source)\b[^>]*\b(src|href|data)\s*=\s*["']?\s*(https?:)?//""", re.I
)


class Browser:
    """A headless Chromium started with no network, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        binary = require_tool("chromium")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-extensions",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--window-size=1200,800",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise RuntimeError("chromium did not open its DevTools port")
            time.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as answer:
            targets = json.loads(answer.read())
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []
        for domain in ("Runtime", "Log", "Page", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"{expression!r} raised {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, timeout: float = 30) -> None:
        self.call("Page.navigate", url="about:blank")  # a fresh document even when only the #fragment differs
        while self.evaluate("location.href") != "about:blank":
            time.sleep(0.05)
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while self.evaluate("document.body && document.body.getAttribute('data-rendered')") != "true":
            if time.monotonic() > deadline:
                raise AssertionError(f"the network did not render; errors: {self.errors()}")
            time.sleep(0.1)

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params["exceptionDetails"])[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                found.append(json.dumps(params.get("args"))[:300])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(params["entry"].get("text", "")[:300])
        return found

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        if getattr(self, "socket", None) is not None:
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    instance = Browser(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield instance
    finally:
        instance.close()


def _star_graph(spokes: int) -> KnowledgeGraph:
    """A hub country with ``spokes`` neighbours and a few links among them."""
    hub = EntityRef(EntityType.COUNTRY, "Hubland")
    others = [
        EntityRef(EntityType.PERSON if i % 3 else EntityType.ORGANIZATION, f"Actor {i:04d}") for i in range(spokes)
    ]
    relations = [
        Relation(o, RelationType.CONSULTS_WITH, hub, f"Actor {i} met Hubland.", "met", 0.7, start_char=i)
        for i, o in enumerate(others)
    ]
    relations += [
        Relation(
            others[i],
            RelationType.SUPPORTS,
            others[i + 1],
            "They backed each other.",
            "backed",
            0.6,
            start_char=10_000 + i,
        )
        for i in range(0, spokes - 1, 7)
    ]
    records = DocumentRecords(
        Document("star", "synthetic"),
        entities=[Entity(hub.name, hub.type, mentions=spokes)] + [Entity(o.name, o.type, mentions=1) for o in others],
        relations=relations,
    )
    kg = KnowledgeGraph()
    kg.add_records(records)
    return kg


def test_page_is_self_contained_and_escapes_hostile_text() -> None:
    page = render_html(sample_graph())
    assert not _EXTERNAL.search(page)
    assert "<img" not in page
    assert HOSTILE_NAME not in page and "</script><script>window.kgPwned" not in page
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert data is not None
    payload = json.loads(data.group(1))
    assert HOSTILE_NAME in {n["label"] for n in payload["nodes"]}


def test_renders_every_node_without_errors_or_network(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    path = write_html(kg, tmp_path / "graph.html")
    browser.events.clear()
    browser.open(path.as_uri())
    assert browser.evaluate("window.kgNetwork.body.nodeIndices.length") == kg.graph.number_of_nodes()
    assert browser.evaluate("document.getElementById('kg-status').dataset.nodes") == str(kg.graph.number_of_nodes())
    assert browser.evaluate("window.kgNetwork.body.edgeIndices.length") == kg.graph.number_of_edges()
    assert browser.evaluate("document.querySelector('#kg-network canvas') !== null")
    assert browser.evaluate("typeof window.kgPwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.errors() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in browser.requests()), browser.requests()
    legend = browser.evaluate("Array.from(document.querySelectorAll('#kg-types label')).map(l => l.textContent)")
    colours = browser.evaluate(
        "Object.fromEntries(window.kgNetwork.body.nodeIndices.map("
        "i => [i, window.kgNetwork.body.nodes[i].options.color.background]))"
    )
    assert colours == {n: TYPE_COLOURS[EntityType(d["type"])] for n, d in kg.graph.nodes(data=True)}
    swatches = browser.evaluate(
        "Array.from(document.querySelectorAll('#kg-types .kg-swatch')).map(s => s.style.background)"
    )
    assert len(swatches) == len(set(swatches)) == len({d["type"] for _, d in kg.graph.nodes(data=True)})
    counts = {t: sum(1 for _, d in kg.graph.nodes(data=True) if d["type"] == t.value) for t in EntityType}
    assert legend == [f"{t.value} ({n})" for t, n in counts.items() if n]


def test_edge_tooltip_shows_evidence_and_sources_as_text(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    browser.open(write_html(kg, tmp_path / "graph.html").as_uri())
    attacks = f"{kg.node_by_label('Russia')} attacks {kg.node_by_label('Ukraine')}"
    text = browser.evaluate(f"window.kgNetwork.body.data.edges.get({json.dumps(attacks)}).title.textContent")
    assert "Russia attacked Ukraine" in text and "Moscow struck Kyiv again." in text
    assert "https://example.org/a?b=1&c=2" in text
    hostile = [e for e in browser.evaluate("window.kgNetwork.body.data.edges.getIds()") if " accuses " in e][0]
    tip = browser.evaluate(f"window.kgNetwork.body.data.edges.get({json.dumps(hostile)}).title")
    assert tip is not None
    inner = browser.evaluate(f"window.kgNetwork.body.data.edges.get({json.dumps(hostile)}).title.innerHTML")
    assert "&lt;/script&gt;" in inner and "&lt;b&gt;bold&lt;/b&gt;" in inner
    assert (
        browser.evaluate(
            f"window.kgNetwork.body.data.edges.get({json.dumps(hostile)})"
            ".title.querySelectorAll('script,img,b b').length"
        )
        == 0
    )
    assert HOSTILE_EVIDENCE in browser.evaluate(
        f"window.kgNetwork.body.data.edges.get({json.dumps(hostile)}).title.textContent"
    )
    # hover the edge with the mouse: vis-network shows the tooltip element
    point = browser.evaluate(
        f"(function(){{var n=window.kgNetwork; n.moveTo({{scale:1}}); var e=n.body.edges[{json.dumps(attacks)}];"
        "var a=n.getPositions([e.fromId,e.toId]);"
        "var m={x:(a[e.fromId].x+a[e.toId].x)/2,y:(a[e.fromId].y+a[e.toId].y)/2};"
        "var d=n.canvasToDOM(m); var r=document.querySelector('#kg-network canvas').getBoundingClientRect();"
        "return {x:d.x+r.left,y:d.y+r.top};})()"
    )
    tooltips = "Array.from(document.querySelectorAll('.vis-tooltip')).map(t => t.textContent).join(' ')"
    deadline = time.monotonic() + 10
    shown, step = "", 0
    while "Moscow struck Kyiv again." not in shown and time.monotonic() < deadline:
        step += 1  # small moves: vis-network shows the popup after the pointer rests on the edge
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=point["x"] + step % 3, y=point["y"])
        time.sleep(0.3)
        shown = browser.evaluate(tooltips)
    assert "Moscow struck Kyiv again." in shown
    assert browser.errors() == []


def test_search_and_filters(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    path = write_html(kg, tmp_path / "graph.html")
    browser.open(path.as_uri())
    browser.evaluate(
        "var s=document.getElementById('kg-search'); s.value='lavrov'; s.dispatchEvent(new Event('input'))"
    )
    assert browser.evaluate("window.kgNetwork.getSelectedNodes()") == [kg.node_by_label("Sergei Lavrov")]
    browser.evaluate("document.querySelector('#kg-types input[value=Country]').click()")
    countries = sum(1 for _, d in kg.graph.nodes(data=True) if d["type"] == "Country")
    assert browser.evaluate("window.kgNetwork.body.nodeIndices.length") == kg.graph.number_of_nodes() - countries
    browser.evaluate("document.querySelector('#kg-relations input[value=consultsWith]').click()")
    visible = browser.evaluate("window.kgNetwork.body.edgeIndices.length")
    assert visible == sum(
        1
        for s, o, key, _ in kg.graph.edges(keys=True, data=True)
        if key != "consultsWith" and "Country" not in (kg.graph.nodes[s]["type"], kg.graph.nodes[o]["type"])
    )
    # the same view from the URL
    browser.open(path.as_uri() + "#hide=Person&q=nato")
    persons = sum(1 for _, d in kg.graph.nodes(data=True) if d["type"] == "Person")
    assert browser.evaluate("window.kgNetwork.body.nodeIndices.length") == kg.graph.number_of_nodes() - persons
    assert browser.evaluate("window.kgNetwork.getSelectedNodes()") == [kg.node_by_label("NATO")]
    assert browser.errors() == []


def test_max_nodes_keeps_most_connected_and_says_what_it_dropped(browser: Browser, tmp_path: Path) -> None:
    kg = _star_graph(30)
    kept, dropped = select_nodes(kg, 10)
    assert kg.node_by_label("Hubland") in kept and len(dropped) == 21
    path = write_html(kg, tmp_path / "graph.html", max_nodes=10)
    browser.open(path.as_uri())
    assert browser.evaluate("window.kgNetwork.body.nodeIndices.length") == 10
    notice = browser.evaluate("document.getElementById('kg-notice').textContent")
    assert "10 most connected of 31" in notice and "dropped 21" in notice
    assert kg.graph.nodes[dropped[0]]["label"] in notice
    assert browser.errors() == []


def test_large_graph_gets_a_precomputed_layout(browser: Browser, tmp_path: Path) -> None:
    kg = _star_graph(600)
    started = time.monotonic()
    path = write_html(kg, tmp_path / "big.html")
    assert time.monotonic() - started < 20
    browser.open(path.as_uri(), timeout=60)
    assert browser.evaluate("window.kgNetwork.body.nodeIndices.length") == 601
    assert browser.evaluate("window.kgNetwork.physics.options.enabled") is False
    assert "Layout precomputed for 601 actors" in browser.evaluate("document.getElementById('kg-notice').textContent")
    positions = browser.evaluate("Object.values(window.kgNetwork.getPositions()).slice(0, 50)")
    assert len({(round(p["x"]), round(p["y"])) for p in positions}) == 50
    assert browser.errors() == []
