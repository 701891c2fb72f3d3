"""The HTML explorer in a real headless Chromium (DevTools protocol): renders, focuses, searches, filters, stays safe.

Pages are written from a hand-built sample graph, a generated 50-actor graph and a generated
5,000-actor graph (``tests/html_graphs.py``); the browser has no network.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kgraph.export.colours import RELATION_COLOURS, TYPE_COLOURS
from kgraph.export.html import render_html, select_nodes, write_html
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType
from tests.conftest import require_tool
from tests.html_graphs import news_like_graph
from tests.output_fixtures import HOSTILE_EVIDENCE, HOSTILE_NAME, sample_graph

pytest.importorskip("websocket", reason="websocket-client (test extra) drives Chromium")
from tests.chromium import Browser  # noqa: E402

_EXTERNAL = re.compile(
    r"""<(script|link|img|iframe|embed|object|source)\b[^>]*\b(src|href|data)\s*=\s*["']?\s*(https?:)?//""", re.I
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    instance = Browser(tmp_path_factory.mktemp("chromium-profile"), require_tool("chromium"))
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="module")
def graph50() -> KnowledgeGraph:
    return news_like_graph(50, seed=5, documents=6)


@pytest.fixture(scope="module")
def page50(graph50: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_html(graph50, tmp_path_factory.mktemp("html50") / "graph50.html")


def _payload(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert found is not None
    return dict(json.loads(found.group(1)))


def _neighbours(kg: KnowledgeGraph, node: str, hops: int = 1) -> set[str]:
    """``node`` and every actor within ``hops`` relations of it (either direction), as the page should show."""
    undirected = kg.graph.to_undirected(as_view=True)
    import networkx as nx

    near = nx.single_source_shortest_path_length(undirected, node, cutoff=hops)
    return {n for n in near if kg.graph.nodes[n]["type"] != "Position"}  # positions are shown on their holders


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
        Document("star", "synthetic", source="/home/someone/private/star.txt", date="2025-03-02"),
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
    assert "default-src 'none'" in page
    assert HOSTILE_NAME not in page and "</script><script>window.kgPwned" not in page
    payload = _payload(page)
    assert HOSTILE_NAME in {n["label"] for n in payload["nodes"]}
    # every edge leaves a place for the date and the number of reports
    assert all({"date", "last", "reports", "count"} <= set(e) for e in payload["edges"])


def test_no_absolute_local_path_reaches_the_page() -> None:
    page = render_html(_star_graph(5))
    assert "/home/someone" not in page and "private" not in page
    assert {d["name"] for d in _payload(page)["documents"]} == {"star.txt"}


def test_positions_are_shown_on_their_holders_not_as_nodes() -> None:
    kg = sample_graph()
    payload = _payload(render_html(kg))
    labels = {n["label"]: n for n in payload["nodes"]}
    assert "Secretary of State" not in labels
    assert labels["Marco Rubio"]["positions"] == ["Secretary of State"]
    assert "holdsPosition" not in {e["relation"] for e in payload["edges"]}


def test_renders_with_relation_swatches_and_type_colours(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    path = write_html(kg, tmp_path / "graph.html")
    browser.events.clear()
    browser.open(path.as_uri())
    shown = [n for n in kg.graph.nodes if kg.graph.degree(n) > 0 and kg.graph.nodes[n]["type"] != "Position"]
    assert sorted(browser.evaluate("window.kg.shownNodes()")) == sorted(shown)
    assert browser.evaluate("document.getElementById('kg-status').dataset.nodes") == str(len(shown))
    holds = sum(1 for *_, k in kg.graph.edges(keys=True) if k == "holdsPosition")
    assert len(browser.evaluate("window.kg.shownEdges()")) == kg.graph.number_of_edges() - holds
    assert browser.evaluate("document.querySelector('#kg-network canvas') !== null")
    assert browser.evaluate("typeof window.kgPwned") == "undefined"
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    # relation legend: one line swatch per relation, in the relation's colour, and the edges drawn in it
    swatches = browser.evaluate(
        "Array.from(document.querySelectorAll('#kg-relations label')).map(l => "
        "[l.querySelector('input').value, l.querySelector('.kg-line').dataset.colour])"
    )
    relations = {k for *_, k in kg.graph.edges(keys=True)} - {"holdsPosition"}
    assert dict(swatches) == {r.value: c for r, c in RELATION_COLOURS.items() if r.value in relations}
    drawn = browser.evaluate(
        "window.kg.shownEdges().map(j => [window.kg.data.edges[j].relation,"
        " window.kg.renderer.getEdgeDisplayData(String(j)).color])"
    )
    assert drawn and all(RELATION_COLOURS[RelationType(r)] == colour for r, colour in drawn)
    # colour by entity type
    browser.evaluate("var c=document.getElementById('kg-colour'); c.value='type'; c.dispatchEvent(new Event('change'))")
    colours = browser.evaluate(
        "Object.fromEntries(window.kg.data.nodes.map((n, i) =>"
        " [n.id, window.kg.renderer.getNodeDisplayData(String(i)).color]))"
    )
    assert colours == {n: TYPE_COLOURS[EntityType(kg.graph.nodes[n]["type"])] for n in shown}
    assert "colour=type" in browser.evaluate("location.hash")
    assert browser.errors() == []
    assert all(url.startswith(("file:", "data:", "about:")) for url in browser.requests()), browser.requests()


def test_edge_tooltip_and_panel_show_evidence_as_text(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    browser.open(write_html(kg, tmp_path / "graph.html").as_uri())
    russia = browser.evaluate("window.kg.data.nodes.findIndex(n => n.label === 'Russia')")
    ukraine = browser.evaluate("window.kg.data.nodes.findIndex(n => n.label === 'Ukraine')")
    a, b = browser.point_of(russia), browser.point_of(ukraine)
    middle = {"x": (a["x"] + b["x"]) / 2, "y": (a["y"] + b["y"]) / 2}
    shown, step = "", 0
    deadline = time.monotonic() + 10
    while "Moscow struck Kyiv again." not in shown and time.monotonic() < deadline:
        step += 1
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=middle["x"] + step % 3, y=middle["y"])
        time.sleep(0.2)
        shown = browser.evaluate("document.getElementById('kg-tooltip').textContent")
    assert "Russia attacks Ukraine" in shown and "Moscow struck Kyiv again." in shown
    # click Rubio: the panel lists his relations grouped by type, with full sentences and sources
    rubio = browser.evaluate("window.kg.data.nodes.findIndex(n => n.label === 'Marco Rubio')")
    browser.zoom_to(rubio, 0.5)
    point = browser.point_of(rubio)
    browser.click(point["x"], point["y"])
    panel = browser.evaluate("document.getElementById('kg-detail').textContent")
    assert panel.startswith("Marco Rubio") and "Secretary of State" in panel
    groups = browser.evaluate(
        "Array.from(document.querySelectorAll('#kg-detail .kg-group')).map(g => g.dataset.relation)"
    )
    assert set(groups) == {"consultsWith", "affiliatedWith", "appealsTo", "accuses"}
    assert "US Secretary of State Marco Rubio met Sergei Lavrov." in panel and "Example Wire" in panel
    assert "2025-04-04" in panel
    assert HOSTILE_EVIDENCE in panel
    assert (
        browser.evaluate("document.querySelectorAll('#kg-detail script, #kg-detail img, #kg-detail b b').length") == 0
    )
    assert browser.evaluate("typeof window.kgPwned") == "undefined"
    assert browser.errors() == []


def test_click_focuses_on_exactly_the_neighbourhood(browser: Browser, graph50: KnowledgeGraph, page50: Path) -> None:
    browser.open(page50.as_uri())
    nodes = browser.evaluate("window.kg.data.nodes.map(n => n.id)")
    hub = max(nodes, key=lambda n: (graph50.graph.degree(n), n))
    index = nodes.index(hub)
    browser.zoom_to(index, 0.5)
    point = browser.point_of(index)
    browser.click(point["x"], point["y"])
    assert browser.evaluate("window.kg.state.focus") == index
    assert set(browser.evaluate("window.kg.shownNodes()")) == _neighbours(graph50, hub, 1)
    # the rest fades: drawn in the faded colour without a label
    faded = browser.evaluate(
        "window.kg.data.nodes.map((n, i) => [n.id, window.kg.renderer.getNodeDisplayData(String(i))])"
        ".filter(p => !p[1].hidden && p[1].color === '#e6e8eb').map(p => p[0])"
    )
    assert faded and not set(faded) & _neighbours(graph50, hub, 1)
    browser.evaluate("var h=document.getElementById('kg-hops'); h.value='2'; h.dispatchEvent(new Event('change'))")
    assert set(browser.evaluate("window.kg.shownNodes()")) == _neighbours(graph50, hub, 2)
    status = browser.evaluate("document.getElementById('kg-status').dataset.nodes")
    assert status == str(len(_neighbours(graph50, hub, 2)))
    # clicking the empty stage clears the focus
    browser.evaluate("window.kg.focus(-1)")
    assert browser.evaluate("window.kg.state.focus") == -1
    assert browser.errors() == []


def test_isolated_actors_are_hidden_until_asked_for(browser: Browser, graph50: KnowledgeGraph, page50: Path) -> None:
    browser.open(page50.as_uri())
    g = graph50.graph
    actors = {n for n in g.nodes if g.nodes[n]["type"] != "Position"}  # positions are shown on their holders
    degree = {n: sum(1 for a, b in list(g.in_edges(n)) + list(g.out_edges(n)) if {a, b} <= actors) for n in actors}
    linked = {n for n in actors if degree[n] > 0}
    assert len(linked) < len(actors)
    assert set(browser.evaluate("window.kg.shownNodes()")) == linked
    browser.evaluate("document.getElementById('kg-isolated').click()")
    assert set(browser.evaluate("window.kg.shownNodes()")) == actors
    assert "isolated=1" in browser.evaluate("location.hash")
    # the threshold slider keeps actors with at least that many relations
    browser.evaluate("var m=document.getElementById('kg-min'); m.value='4'; m.dispatchEvent(new Event('input'))")
    assert set(browser.evaluate("window.kg.shownNodes()")) == {n for n in actors if degree[n] >= 4}
    assert browser.errors() == []


def test_search_lists_clickable_results(browser: Browser, graph50: KnowledgeGraph, page50: Path) -> None:
    browser.open(page50.as_uri())
    browser.evaluate(
        "var s=document.getElementById('kg-search'); s.value='actor 001'; s.dispatchEvent(new Event('input'))"
    )
    results = browser.evaluate("Array.from(document.querySelectorAll('#kg-results button')).map(b => b.textContent)")
    expected = sorted(d["label"] for _, d in graph50.graph.nodes(data=True) if "actor 001" in d["label"].lower())
    assert len(results) == len(expected) >= 2
    assert sorted(r.rsplit(" (", 1)[0] for r in results) == expected
    browser.evaluate("document.querySelector('#kg-results button').click()")
    focus = browser.evaluate("window.kg.data.nodes[window.kg.state.focus].label")
    assert focus == results[0].rsplit(" (", 1)[0]
    assert "q=actor+001" in browser.evaluate("location.hash")
    assert browser.errors() == []


def test_view_state_round_trips_through_the_url(browser: Browser, graph50: KnowledgeGraph, page50: Path) -> None:
    browser.open(page50.as_uri())
    hub = max(graph50.graph.nodes, key=lambda n: (graph50.graph.degree(n), n))
    browser.evaluate(f"window.kg.focus({json.dumps(hub)}, 2)")
    browser.evaluate("document.querySelector('#kg-relations input[value=consultsWith]').click()")
    browser.evaluate(
        "var f=document.getElementById('kg-from'); f.value='2025-03-01'; f.dispatchEvent(new Event('change'));"
        "var t=document.getElementById('kg-to'); t.value='2025-09-30'; t.dispatchEvent(new Event('change'))"
    )
    browser.evaluate("var s=document.getElementById('kg-search'); s.value='zan'; s.dispatchEvent(new Event('input'))")
    state = browser.evaluate("JSON.stringify(window.kg.state)")
    shown = browser.evaluate("window.kg.shownNodes()")
    edges = browser.evaluate("window.kg.shownEdges()")
    dates = browser.evaluate(
        "window.kg.shownEdges().map(j => [window.kg.data.edges[j].date, window.kg.data.edges[j].last])"
    )
    assert edges and all(last >= "2025-03-01" and first <= "2025-09-30\uffff" for first, last in dates)
    assert "consultsWith" not in {browser.evaluate(f"window.kg.data.edges[{j}].relation") for j in edges[:20]}
    url = browser.evaluate("location.href")
    assert "#" in url and "hops=2" in url and "from=2025-03-01" in url
    browser.open(url)
    assert browser.evaluate("JSON.stringify(window.kg.state)") == state
    assert browser.evaluate("window.kg.shownNodes()") == shown
    assert browser.evaluate("window.kg.shownEdges()") == edges
    assert browser.evaluate("document.querySelectorAll('#kg-results button').length") > 0
    assert browser.evaluate("document.getElementById('kg-detail').textContent").startswith(
        graph50.graph.nodes[hub]["label"]
    )
    assert browser.errors() == []


def test_export_png_and_svg(browser: Browser, tmp_path: Path) -> None:
    kg = sample_graph()
    browser.open(write_html(kg, tmp_path / "graph.html").as_uri())
    png = browser.evaluate("window.kg.exportPng()")
    assert png.startswith("data:image/png;base64,") and len(png) > 5_000
    svg = browser.evaluate("window.kg.exportSvg()")
    shown = len(browser.evaluate("window.kg.shownNodes()"))
    assert svg.startswith("<svg") and svg.count("<circle") == shown
    assert "&lt;/script&gt;&lt;img" in svg and "<img" not in svg
    assert browser.errors() == []


def test_max_nodes_keeps_most_connected_and_says_what_it_dropped(browser: Browser, tmp_path: Path) -> None:
    kg = _star_graph(30)
    kept, dropped = select_nodes(kg, 10)
    assert kg.node_by_label("Hubland") in kept and len(dropped) == 21
    path = write_html(kg, tmp_path / "graph.html", max_nodes=10)
    browser.open(path.as_uri())
    assert browser.evaluate("window.kg.data.nodes.length") == 10
    notice = browser.evaluate("document.getElementById('kg-notice').textContent")
    assert "10 most connected of 31" in notice and "dropped 21" in notice
    assert kg.graph.nodes[dropped[0]]["label"] in notice
    name = kg.graph.nodes[dropped[-1]]["label"]
    browser.evaluate(
        f"var s=document.getElementById('kg-search'); s.value={json.dumps(name)}; s.dispatchEvent(new Event('input'))"
    )
    note = browser.evaluate("document.querySelector('#kg-results .kg-dropped').textContent")
    assert name in note and "--max-nodes" in note
    assert browser.errors() == []


def test_layout_is_a_function_of_the_graph_only() -> None:
    one = news_like_graph(120, seed=3)
    rebuilt = KnowledgeGraph()
    nodes = sorted(one.graph.nodes(data=True), key=lambda item: item[0], reverse=True)
    rebuilt.graph.add_nodes_from(nodes)
    rebuilt.graph.add_edges_from(sorted(one.graph.edges(keys=True, data=True), key=lambda e: e[:3], reverse=True))
    for info in one.documents.values():
        rebuilt.add_document(info)
    first, second = _payload(render_html(one)), _payload(render_html(rebuilt))
    assert first == second


def test_five_thousand_actors(browser: Browser, tmp_path: Path) -> None:
    kg = news_like_graph(5000)
    started = time.monotonic()
    path = write_html(kg, tmp_path / "big.html")
    written = time.monotonic() - started
    assert written < 60  # the figure itself is measured by benchmarks/bench_html.py
    browser.open(path.as_uri(), timeout=60)
    g = kg.graph
    linked = {n for n in g.nodes if g.degree(n) > 0 and g.nodes[n]["type"] != "Position"}
    assert len(browser.evaluate("window.kg.shownNodes()")) == len(linked)
    # no DOM built per actor at load: the page holds a few hundred elements, not thousands
    assert browser.evaluate("document.getElementsByTagName('*').length") < 400
    nodes = browser.evaluate("window.kg.data.nodes.map(n => n.id)")
    hub = max(linked, key=lambda n: (g.degree(n), n))
    browser.zoom_to(nodes.index(hub), 0.05)
    point = browser.point_of(nodes.index(hub))
    browser.click(point["x"], point["y"])
    assert browser.evaluate("window.kg.state.focus") == nodes.index(hub)
    assert set(browser.evaluate("window.kg.shownNodes()")) == _neighbours(kg, hub)
    browser.evaluate(
        "var s=document.getElementById('kg-search'); s.value='actor 4999'; s.dispatchEvent(new Event('input'))"
    )
    assert browser.evaluate("document.querySelectorAll('#kg-results button').length") == 1
    assert browser.errors() == []


def test_build_and_convert_draw_the_same_layout(tmp_path: Path) -> None:
    """``build --html`` draws the graph in memory, ``convert`` the graph read back from RDF: same picture."""
    kg = news_like_graph(150, seed=9, documents=4)
    back = KnowledgeGraph.read(kg.write(tmp_path / "graph.ttl"))
    first, second = _payload(render_html(kg)), _payload(render_html(back))
    place = {n["id"]: (n["x"], n["y"], n["community"]) for n in first["nodes"]}
    assert place == {n["id"]: (n["x"], n["y"], n["community"]) for n in second["nodes"]}
    assert len(place) == 150
