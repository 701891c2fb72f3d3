"""The HTML explorer's date range in headless Chromium: edges dated by the text, filtered by the From/To fields."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kgraph.build import build
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document
from tests.chromium import Browser
from tests.conftest import require_tool

# Our own reports: talks on Monday March 10, a bombing on Sunday March 16, an appeal on March 18,
# talks "last month" in an article of April 2 (March 2025).
REPORTS = [
    Document("w-1", "Norway held talks with Sweden in Oslo on Monday.", source="Northern Wire", date="2025-03-10"),
    Document("p-1", "Norway held talks with Sweden in Oslo.", source="Baltic Paper", date="2025-03-10"),
    Document("w-3", "Danish jets bombed rebel camps in Greenland on Sunday.", source="Fjord FM", date="2025-03-17"),
    Document("w-4", "Finland urged Estonia to close its border.", source="Northern Wire", date="2025-03-18"),
    Document("w-5", "Last month, Iceland held talks with Ireland in Reykjavik.", source="Isle Post", date="2025-04-02"),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    instance = Browser(tmp_path_factory.mktemp("chromium-profile"), require_tool("chromium"))
    try:
        yield instance
    finally:
        instance.close()


@pytest.fixture(scope="module")
def graph() -> KnowledgeGraph:
    return build(REPORTS)


def _shown(browser: Browser) -> set[str]:
    rows = browser.evaluate(
        "window.kg.shownEdges().map(j => window.kg.data.edges[j].relation + ':' + (window.kg.data.edges[j].date || ''))"
    )
    return set(rows)


def _set_range(browser: Browser, start: str, end: str) -> None:
    browser.evaluate(
        "var f=document.getElementById('kg-from'), t=document.getElementById('kg-to');"
        f"f.value={start!r}; t.value={end!r}; f.dispatchEvent(new Event('change'));"
    )


def test_edges_carry_text_dates_and_report_counts(graph: KnowledgeGraph) -> None:
    consult = [d for *_, k, d in graph.graph.edges(keys=True, data=True) if k == "consultsWith"]
    assert sorted((d["date"], d["reports"]) for d in consult) == [("2025-03", 1), ("2025-03-10", 2)]
    attack = [d for *_, k, d in graph.graph.edges(keys=True, data=True) if k == "attacks"]
    assert [d["date"] for d in attack] == ["2025-03-16"]


def test_date_range_filters_edges_in_chromium(browser: Browser, graph: KnowledgeGraph, tmp_path: Path) -> None:
    page = graph.write_html(tmp_path / "dated.html")
    browser.open(page.as_uri())
    everything = _shown(browser)
    assert {"consultsWith:2025-03-10", "attacks:2025-03-16", "appealsTo:2025-03-18"} <= everything
    _set_range(browser, "2025-03-15", "2025-03-16")  # the bombing, and the talks of "last month" (March)
    assert _shown(browser) == {"attacks:2025-03-16", "consultsWith:2025-03"}
    assert browser.evaluate("document.getElementById('kg-status').getAttribute('data-edges')") == "2"
    _set_range(browser, "2025-03-10", "2025-03-10")
    assert "consultsWith:2025-03-10" in _shown(browser) and "attacks:2025-03-16" not in _shown(browser)
    _set_range(browser, "", "")
    assert _shown(browser) == everything
    assert browser.errors() == []
