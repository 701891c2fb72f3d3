"""Interactive HTML explorer of a ``KnowledgeGraph``: one self-contained, offline page drawn with WebGL.

The page draws with sigma.js on a graphology graph (both bundled from their npm packages, see
``tools/build_renderer.py``); positions and communities are computed here with networkx
(:mod:`kgraph.export.layout`), so the browser only draws a settled picture. All text reaches the
page as JSON data and is put into the document as text nodes, never as markup; the page's
Content-Security-Policy forbids every network load.

Page data (``<script id="kg-data">``): ``nodes`` (``id``, ``label``, ``type``, ``x``, ``y``, ``size``,
``community``, ``degree``, ``mentions``, ``aliases``, ``positions``), ``edges`` (``source`` and
``target`` as node indexes, ``relation``, ``count`` assertions, ``reports`` distinct documents,
``date`` and ``last``: the earliest and latest date of its evidence, ``evidence``: ``[sentence,
document index, date]`` rows), ``documents`` (``name``, ``title``, ``date``), legends and the
labels of actors left out by ``max_nodes``.
"""

from __future__ import annotations

__all__ = [
    "SizeBy",
    "HtmlOptions",
    "select_nodes",
    "folded_positions",
    "display_source",
    "render_html",
    "write_html",
    "show",
    "TYPE_COLOURS",
    "WRITERS",
]

import html as html_lib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from kgraph.errors import KGraphError
from kgraph.export import OutputFormat
from kgraph.export.colours import RELATION_COLOURS, TYPE_COLOURS, community_colour
from kgraph.export.layout import graph_layout
from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_write_text
from kgraph.model import EntityType, RelationType

if TYPE_CHECKING:
    import networkx as nx
    from markupsafe import Markup

_TEMPLATES = Path(__file__).with_name("templates")
_VENDOR = Path(__file__).with_name("vendor")
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_HOLDS = RelationType.HOLDS_POSITION.value
_POSITION = EntityType.POSITION.value


class SizeBy(str, Enum):
    """What a node's size shows."""

    DEGREE = "degree"
    MENTIONS = "mentions"


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """Options of the HTML explorer.

    Attributes:
        max_nodes: keep only the N most connected actors (``None``: all); the page lists the others.
        size_by: node size by degree or by number of mentions.
        labels: how many of the most connected actors are labelled at every zoom.
        max_evidence: evidence sentences kept per edge (the panel says how many more there are).
        title: the page title.
        height: CSS height of the graph area.
    """

    max_nodes: int | None = None
    size_by: SizeBy = SizeBy.DEGREE
    labels: int = 30
    max_evidence: int = 12
    title: str = "kgraph explorer"
    height: str = "100vh"

    def __post_init__(self) -> None:
        if self.max_nodes is not None and self.max_nodes < 1:
            raise KGraphError(f"max_nodes must be at least 1, got {self.max_nodes!r}")
        if self.labels < 0 or self.max_evidence < 1:
            raise KGraphError("labels must be >= 0 and max_evidence >= 1")
        if not re.fullmatch(r"[0-9.]+(px|vh|%|em|rem)", self.height):
            raise KGraphError(f"height must be a CSS length such as 600px or 100vh, got {self.height!r}")


def folded_positions(graph: nx.MultiDiGraph) -> set[str]:
    """Position nodes shown on their holders instead of as nodes: those whose only edges are ``holdsPosition``.

    >>> folded_positions(KnowledgeGraph().graph)
    set()
    """
    folded = set()
    for node, data in graph.nodes(data=True):
        if data["type"] != _POSITION:
            continue
        keys = [k for _, _, k in graph.in_edges(node, keys=True)] + [k for _, _, k in graph.out_edges(node, keys=True)]
        if all(k == _HOLDS for k in keys):
            folded.add(node)
    return folded


def _degrees(graph: nx.MultiDiGraph, folded: set[str]) -> dict[str, int]:
    degree = dict(graph.degree())
    for node in folded:
        for holder in graph.predecessors(node):
            degree[holder] -= graph.number_of_edges(holder, node)
    return degree


def select_nodes(kg: KnowledgeGraph, max_nodes: int | None) -> tuple[list[str], list[str]]:
    """The actors to show and the ones dropped: the ``max_nodes`` highest by degree, then mentions, then label.

    Positions held by someone are not counted: the page shows them on their holders.

    >>> kept, dropped = select_nodes(KnowledgeGraph(), 5)
    >>> kept, dropped
    ([], [])
    """
    g = kg.graph
    folded = folded_positions(g)
    degree = _degrees(g, folded)
    candidates = [n for n in g.nodes if n not in folded]
    ranked = sorted(candidates, key=lambda n: (-degree[n], -g.nodes[n].get("mentions", 0), g.nodes[n]["label"], n))
    if max_nodes is None or len(ranked) <= max_nodes:
        return sorted(ranked), []
    return sorted(ranked[:max_nodes]), ranked[max_nodes:]


def display_source(source: str | None) -> str:
    """A document's source as the page shows it: URLs and relative paths as they are, absolute paths by file name.

    >>> display_source("/home/ana/news/2025/a.txt"), display_source("news/a.txt"), display_source("C:\\\\x\\\\b.txt")
    ('a.txt', 'news/a.txt', 'b.txt')
    >>> display_source("https://example.org/a?b=1")
    'https://example.org/a?b=1'
    """
    if not source:
        return ""
    if "://" in source:
        return source[len("file://") :].rsplit("/", 1)[-1] if source.startswith("file://") else source
    if source.startswith(("/", "~")):
        return PurePosixPath(source).name
    if re.match(r"^[A-Za-z]:[\\/]|^\\\\", source):
        return PureWindowsPath(source).name
    return source


def _documents(kg: KnowledgeGraph) -> tuple[list[dict[str, Any]], dict[str, int]]:
    rows: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for iri in sorted(kg.documents):
        info = kg.documents[iri]
        index[iri] = len(rows)
        name = display_source(info.source) or display_source(info.id)
        rows.append({"name": name, "title": info.title or "", "date": info.date or ""})
    return rows, index


def _edge(
    kg: KnowledgeGraph,
    index: dict[str, int],
    documents: dict[str, int],
    edge: tuple[str, str, str, dict[str, Any]],
    limit: int,
) -> dict[str, Any]:
    s, o, key, data = edge
    assertions = sorted(data["assertions"].values(), key=lambda a: (a.document, a.evidence, a.iri))
    rows: list[list[Any]] = []
    seen: set[tuple[str, str]] = set()
    dates: list[str] = []
    for a in assertions:
        info = kg.documents.get(a.document)
        date = a.date or (info.date if info else None) or ""
        if date:
            dates.append(date)
        if (a.evidence, a.document) in seen:
            continue
        seen.add((a.evidence, a.document))
        rows.append([a.evidence, documents.get(a.document, -1), date])
    rows.sort(key=lambda r: (r[2] or "9999", r[0]))
    return {
        "source": index[s],
        "target": index[o],
        "relation": key,
        "count": len(assertions),
        "reports": len({a.document for a in assertions}),
        "date": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "evidence": rows[:limit],
        "more": max(0, len(rows) - limit),
    }


def _spread_labels(
    ranked: list[str], degree: dict[str, int], positions: dict[str, tuple[float, float]], limit: int
) -> list[str]:
    """The most connected actors whose labels do not cover each other at the fit view (at most ``limit``).

    >>> at = {"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (90.0, 50.0)}
    >>> _spread_labels(["a", "b", "c"], {"a": 3, "b": 2, "c": 1}, at, 5)
    ['a', 'c']
    """
    linked = [n for n in ranked if degree[n] > 0]
    if not linked:
        return []
    xs = [positions[n][0] for n in linked]
    ys = [positions[n][1] for n in linked]
    # a label is about 12% of the view wide and 3% high (the fit view of a wide graph on a laptop screen)
    width, height = (max(xs) - min(xs)) * 0.12 or 1.0, (max(ys) - min(ys)) * 0.03 or 1.0
    chosen: list[str] = []
    for node in linked:
        x, y = positions[node]
        if all(abs(x - positions[c][0]) > width or abs(y - positions[c][1]) > height for c in chosen):
            chosen.append(node)
            if len(chosen) == limit:
                break
    return chosen


def _payload(kg: KnowledgeGraph, opts: HtmlOptions) -> dict[str, Any]:
    g = kg.graph
    folded = folded_positions(g)
    kept, dropped = select_nodes(kg, opts.max_nodes)
    keep = set(kept)
    edges = sorted(
        ((s, o, k, d) for s, o, k, d in g.edges(keys=True, data=True) if s in keep and o in keep),
        key=lambda e: (e[0], e[1], e[2]),
    )
    layout = graph_layout(kept, [(s, o) for s, o, _, _ in edges])
    degree = {n: 0 for n in kept}
    for s, o, _, _ in edges:
        degree[s] += 1
        degree[o] += 1
    weight = {n: degree[n] if opts.size_by is SizeBy.DEGREE else g.nodes[n].get("mentions", 0) for n in kept}
    top = max(weight.values(), default=1) or 1
    index = {n: i for i, n in enumerate(kept)}
    community_size: dict[int, int] = {}
    for n in kept:
        community_size[layout.community[n]] = community_size.get(layout.community[n], 0) + 1
    nodes = []
    for n in kept:
        data = g.nodes[n]
        positions = sorted(g.nodes[p]["label"] for p in g.successors(n) if p in folded and g.has_edge(n, p, _HOLDS))
        nodes.append(
            {
                "id": n,
                "label": data["label"],
                "type": data["type"],
                "x": layout.positions[n][0],
                "y": -layout.positions[n][1],
                "size": round(2.5 + 12 * math.sqrt(weight[n] / top), 2),
                "community": layout.community[n],
                "degree": degree[n],
                "mentions": data.get("mentions", 0),
                "aliases": sorted(data["aliases"])[:20],
                "positions": positions,
            }
        )
    documents, document_index = _documents(kg)
    edge_rows = [_edge(kg, index, document_index, e, opts.max_evidence) for e in edges]
    ranked = sorted(kept, key=lambda n: (-degree[n], -g.nodes[n].get("mentions", 0), g.nodes[n]["label"]))
    labelled = [index[n] for n in _spread_labels(ranked, degree, layout.positions, opts.labels)]
    type_counts: dict[str, int] = {}
    for n in kept:
        type_counts[g.nodes[n]["type"]] = type_counts.get(g.nodes[n]["type"], 0) + 1
    relation_counts: dict[str, int] = {}
    for _, _, key, _ in edges:
        relation_counts[key] = relation_counts.get(key, 0) + 1
    leaders: dict[int, str] = {}
    for n in ranked:
        leaders.setdefault(layout.community[n], g.nodes[n]["label"])
    return {
        "title": opts.title,
        "notice": _notice(kg, kept, dropped, len(folded)),
        "total": g.number_of_nodes() - len(folded),
        "sizeBy": opts.size_by.value,
        "nodes": nodes,
        "edges": edge_rows,
        "documents": documents,
        "labelled": labelled,
        "types": [
            {"name": t.value, "colour": TYPE_COLOURS[t], "count": type_counts[t.value]}
            for t in EntityType
            if t.value in type_counts
        ],
        "relations": [
            {"name": r.value, "colour": RELATION_COLOURS[r], "count": relation_counts[r.value]}
            for r in RelationType
            if r.value in relation_counts
        ],
        "communities": [
            {
                "colour": community_colour(c if community_size[c] > 1 else -1),
                "size": community_size[c],
                "label": leaders[c],
            }
            for c in sorted(community_size)
        ],
        "dropped": [g.nodes[n]["label"] for n in dropped],
    }


def _notice(kg: KnowledgeGraph, kept: list[str], dropped: list[str], folded: int) -> str:
    parts = []
    if dropped:
        names = ", ".join(kg.graph.nodes[n]["label"] for n in dropped[:20])
        extra = f" and {len(dropped) - 20} more" if len(dropped) > 20 else ""
        parts.append(
            f"Showing the {len(kept)} most connected of {len(kept) + len(dropped)} actors; "
            f"dropped {len(dropped)}: {names}{extra}."
        )
    if folded:
        noun = "position is" if folded == 1 else "positions are"
        parts.append(f"{folded} {noun} shown as a title on the people who hold it, not as a node.")
    return "\n".join(parts)


def _safe_json(value: Any) -> Markup:
    """JSON that cannot end a ``<script>`` element: ``<``, ``>``, ``&`` become ``\\u003c`` etc."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_JSON_ESCAPES)
    return Markup(text)  # noqa: S704 (escaped above)


def _renderer() -> Markup:
    from markupsafe import Markup

    code = (_VENDOR / "renderer.min.js").read_text(encoding="utf-8")
    if re.search(r"</script", code, re.I):
        raise KGraphError("the bundled renderer contains '</script' and cannot be inlined")
    return Markup(code)  # noqa: S704 (our own bundled file, checked above)


def render_html(kg: KnowledgeGraph, options: HtmlOptions | None = None, **changes: Any) -> str:
    """The explorer page as a string; ``changes`` override fields of ``options``.

    >>> page = render_html(KnowledgeGraph(), title="<empty>")
    >>> "&lt;empty&gt;" in page and "<script src=" not in page
    True
    """
    opts = replace(options or HtmlOptions(), **changes)
    if isinstance(opts.size_by, str) and not isinstance(opts.size_by, SizeBy):
        opts = replace(opts, size_by=SizeBy(opts.size_by))
    payload = _payload(kg, opts)
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=select_autoescape(["html"]))
    template = environment.get_template("explorer.html")
    return template.render(
        page_title=opts.title, height=opts.height, data_json=_safe_json(payload), renderer=_renderer()
    )


def write_html(kg: KnowledgeGraph, path: str | Path, options: HtmlOptions | None = None, **changes: Any) -> Path:
    """Write the explorer page to ``path`` atomically (see :class:`HtmlOptions` for ``changes``).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_html(KnowledgeGraph(), Path(folder) / "g.html", max_nodes=50).stat().st_size > 100_000
    True
    """
    target = Path(path)
    atomic_write_text(target, render_html(kg, options, **changes))
    return target


def show(kg: KnowledgeGraph, options: HtmlOptions | None = None, *, height: int = 600, **changes: Any) -> Any:
    """Display the explorer inline in Jupyter (an ``iframe`` holding the self-contained page)."""
    from IPython.display import HTML

    page = render_html(kg, options, **{"height": f"{height - 10}px", **changes})
    return HTML(  # type: ignore[no-untyped-call]
        f'<div class="kgraph-explorer"><iframe srcdoc="{html_lib.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:0" sandbox="allow-scripts"></iframe></div>'
    )


def _write(kg: KnowledgeGraph, path: Path) -> None:
    write_html(kg, path)


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {OutputFormat.HTML: _write}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {}
