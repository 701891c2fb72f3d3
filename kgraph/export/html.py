"""Interactive HTML explorer of a ``KnowledgeGraph``: pyvis/vis-network, self-contained, safe to open."""

from __future__ import annotations

__all__ = ["SizeBy", "HtmlOptions", "select_nodes", "render_html", "write_html", "show", "TYPE_COLOURS", "WRITERS"]

import html as html_lib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import KGraphError
from kgraph.export import OutputFormat
from kgraph.export.colours import TYPE_COLOURS
from kgraph.export.layout import spring_positions
from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_write_text
from kgraph.model import EntityType

if TYPE_CHECKING:
    from markupsafe import Markup
    from pyvis.network import Network

_TEMPLATES = Path(__file__).with_name("templates")
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class SizeBy(str, Enum):
    """What a node's size shows."""

    DEGREE = "degree"
    MENTIONS = "mentions"


@dataclass(frozen=True, slots=True)
class HtmlOptions:
    """Options of the HTML explorer.

    Attributes:
        max_nodes: keep only the N most connected actors (``None``: all); the page says what it dropped.
        size_by: node size by degree or by number of mentions.
        layout_threshold: above this many nodes, positions are precomputed and physics is off.
        max_evidence: evidence sentences listed per edge tooltip.
        title: the page title.
        height: CSS height of the network area.
    """

    max_nodes: int | None = None
    size_by: SizeBy = SizeBy.DEGREE
    layout_threshold: int = 250
    max_evidence: int = 8
    title: str = "kgraph explorer"
    height: str = "100vh"

    def __post_init__(self) -> None:
        if self.max_nodes is not None and self.max_nodes < 1:
            raise KGraphError(f"max_nodes must be at least 1, got {self.max_nodes!r}")
        if self.layout_threshold < 0:
            raise KGraphError(f"layout_threshold must be >= 0, got {self.layout_threshold!r}")


def select_nodes(kg: KnowledgeGraph, max_nodes: int | None) -> tuple[list[str], list[str]]:
    """The nodes to show and the ones dropped: the ``max_nodes`` highest by degree, then mentions, then label.

    >>> kept, dropped = select_nodes(KnowledgeGraph(), 5)
    >>> kept, dropped
    ([], [])
    """
    g = kg.graph
    ranked = sorted(g.nodes, key=lambda n: (-g.degree(n), -g.nodes[n].get("mentions", 0), g.nodes[n]["label"], n))
    if max_nodes is None or len(ranked) <= max_nodes:
        return sorted(ranked), []
    return sorted(ranked[:max_nodes]), ranked[max_nodes:]


def _source_line(kg: KnowledgeGraph, document: str) -> str:
    info = kg.documents.get(document)
    if info is None:
        return document
    parts = [info.title or info.id, info.source, info.date]
    return " · ".join(p for p in parts if p)


def _edge_tip(kg: KnowledgeGraph, s: str, o: str, key: str, data: dict[str, Any], limit: int) -> dict[str, Any]:
    g = kg.graph
    assertions = sorted(data["assertions"].values(), key=lambda a: (a.document, a.evidence, a.iri))
    seen: dict[str, list[str]] = {}
    for a in assertions:
        seen.setdefault(a.evidence, [])
        source = _source_line(kg, a.document)
        if source not in seen[a.evidence]:
            seen[a.evidence].append(source)
    lines = [{"text": text, "source": "; ".join(sources)} for text, sources in list(seen.items())[:limit]]
    more = f"... and {len(seen) - limit} more sentences" if len(seen) > limit else ""
    heading = f"{g.nodes[s]['label']} {key} {g.nodes[o]['label']} ({len(assertions)}x)"
    return {"heading": heading, "lines": lines, "more": more}


def _node_tip(kg: KnowledgeGraph, node: str) -> dict[str, Any]:
    data = kg.graph.nodes[node]
    lines = [{"text": f"{data['type']} · {data.get('mentions', 0)} mentions · {kg.graph.degree(node)} relations"}]
    if data["aliases"]:
        lines.append({"text": "also: " + ", ".join(sorted(data["aliases"])[:12])})
    for link in sorted(data["links"]):
        lines.append({"text": link})
    return {"heading": data["label"], "lines": lines, "more": ""}


def _layout(kg: KnowledgeGraph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Fixed positions for big views: a force-directed layout, fewer rounds as the graph grows."""
    iterations = max(15, min(60, 60_000 // max(len(nodes), 1)))
    scale = 70.0 * max(len(nodes), 1) ** 0.5
    positions = spring_positions(nodes, list(kg.graph.subgraph(nodes).edges()), iterations=iterations, scale=scale)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _network(kg: KnowledgeGraph, options: HtmlOptions) -> tuple[Network, list[str], list[str]]:
    from pyvis.network import Network

    kept, dropped = select_nodes(kg, options.max_nodes)
    g = kg.graph.subgraph(kept)
    precomputed = len(kept) > options.layout_threshold
    positions = _layout(kg, kept) if precomputed else {}
    net = Network(height=options.height, width="100%", directed=True, cdn_resources="in_line", heading="")
    for node in kept:
        data = g.nodes[node]
        weight = g.degree(node) if options.size_by is SizeBy.DEGREE else data.get("mentions", 0)
        extra: dict[str, Any] = {}
        if node in positions:
            extra = {"x": positions[node][0], "y": positions[node][1], "physics": False}
        net.add_node(
            node,
            label=data["label"],
            group=data["type"],
            value=max(int(weight), 1),
            aliases=" | ".join(sorted(data["aliases"])),
            tip=_node_tip(kg, node),
            **extra,
        )
    for s, o, key, data in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        net.add_edge(
            s,
            o,
            id=f"{s} {key} {o}",
            label=key,
            relation=key,
            value=int(data.get("count", 1)),
            tip=_edge_tip(kg, s, o, key, data, options.max_evidence),
            arrows="to",
        )
    net.set_options(json.dumps(_vis_options(precomputed)))
    return net, kept, dropped


def _vis_options(precomputed: bool) -> dict[str, Any]:
    return {
        # labels grow with the node/edge but stay readable, and are hidden when zoomed out too far to read
        "nodes": {
            "shape": "dot",
            "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 14, "max": 32, "drawThreshold": 5}},
            "font": {"size": 14},
        },
        "edges": {
            "font": {"size": 10, "align": "middle"},
            "smooth": {"enabled": not precomputed, "type": "dynamic"},
            "scaling": {"min": 1, "max": 6, "label": {"enabled": True, "min": 9, "max": 12, "drawThreshold": 7}},
            "color": {"inherit": "from"},
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "hideEdgesOnDrag": precomputed},
        "physics": {
            "enabled": not precomputed,
            "solver": "forceAtlas2Based",
            "stabilization": {"enabled": True, "iterations": 200},
        },
        "layout": {"randomSeed": 7, "improvedLayout": not precomputed},
        "groups": {t.value: {"color": {"background": c, "border": c}} for t, c in TYPE_COLOURS.items()},
    }


def _notice(kg: KnowledgeGraph, kept: list[str], dropped: list[str], precomputed: bool) -> str:
    parts = []
    if dropped:
        names = ", ".join(kg.graph.nodes[n]["label"] for n in dropped[:40])
        extra = f" and {len(dropped) - 40} more" if len(dropped) > 40 else ""
        parts.append(
            f"Showing the {len(kept)} most connected of {kg.graph.number_of_nodes()} actors; "
            f"dropped {len(dropped)}: {names}{extra}."
        )
    if precomputed:
        parts.append(f"Layout precomputed for {len(kept)} actors (physics off).")
    return "\n".join(parts)


def _safe_json(value: Any) -> Markup:
    """JSON that cannot end a ``<script>`` element: ``<``, ``>``, ``&`` become ``\\u003c`` etc."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).translate(_JSON_ESCAPES)
    return Markup(text)  # noqa: S704 (escaped above)


def render_html(kg: KnowledgeGraph, options: HtmlOptions | None = None, **changes: Any) -> str:
    """The explorer page as a string; ``changes`` override fields of ``options``.

    >>> page = render_html(KnowledgeGraph(), title="<empty>")
    >>> "&lt;empty&gt;" in page and "<script src=" not in page
    True
    """
    opts = replace(options or HtmlOptions(), **changes)
    if isinstance(opts.size_by, str) and not isinstance(opts.size_by, SizeBy):
        opts = replace(opts, size_by=SizeBy(opts.size_by))
    net, kept, dropped = _network(kg, opts)
    nodes, edges, _, height, _, vis_options = net.get_network_data()
    g = kg.graph.subgraph(kept)
    type_counts: dict[str, int] = {}
    for _, data in g.nodes(data=True):
        type_counts[data["type"]] = type_counts.get(data["type"], 0) + 1
    relation_counts: dict[str, int] = {}
    for _, _, key in g.edges(keys=True):
        relation_counts[key] = relation_counts.get(key, 0) + 1
    precomputed = len(kept) > opts.layout_threshold
    payload = {
        "title": opts.title,
        "notice": _notice(kg, kept, dropped, precomputed),
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(vis_options),
        "types": [
            {"name": t.value, "colour": TYPE_COLOURS[t], "count": type_counts[t.value]}
            for t in EntityType
            if t.value in type_counts
        ],
        "relations": [{"name": r, "count": c} for r, c in sorted(relation_counts.items())],
        "dropped": [kg.graph.nodes[n]["label"] for n in dropped],
    }
    import pyvis
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    # explorer.html includes vis-network's script and style from pyvis's own templates folder
    pyvis_templates = Path(pyvis.__file__).parent / "templates"
    environment = Environment(
        loader=FileSystemLoader([str(_TEMPLATES), str(pyvis_templates)]), autoescape=select_autoescape(["html"])
    )
    template = environment.get_template("explorer.html")
    return template.render(page_title=opts.title, height=height, data_json=_safe_json(payload))


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
    from IPython.display import HTML  # type: ignore[attr-defined]

    page = render_html(kg, options, **{"height": f"{height - 10}px", **changes})
    return HTML(  # type: ignore[no-untyped-call]
        f'<div class="kgraph-explorer"><iframe srcdoc="{html_lib.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:0" sandbox="allow-scripts"></iframe></div>'
    )


def _write(kg: KnowledgeGraph, path: Path) -> None:
    write_html(kg, path)


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {OutputFormat.HTML: _write}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {}
