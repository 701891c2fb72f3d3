"""Interactive HTML view of a ``KnowledgeGraph`` (pyvis, self-contained; basic version)."""

from __future__ import annotations

__all__ = ["write_html", "show"]

from pathlib import Path
from typing import Any

from pyvis.network import Network

from kgraph.graph import KnowledgeGraph
from kgraph.io import atomic_write_text

TYPE_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#59a14f",
    "Location": "#76b7b2",
    "Group": "#edc948",
    "Position": "#b07aa1",
}


def _network(kg: KnowledgeGraph) -> Network:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, data in sorted(kg.graph.nodes(data=True)):
        net.add_node(node, label=data["label"], title=f"{data['label']} ({data['type']})",
                     color=TYPE_COLOURS[data["type"]], group=data["type"])
    for s, o, key, data in sorted(kg.graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        evidence = "\n".join(sorted({a.evidence for a in data["assertions"].values()}))
        net.add_edge(s, o, label=key, title=evidence)
    return net


def render_html(kg: KnowledgeGraph) -> str:
    """The HTML page as a string."""
    return str(_network(kg).generate_html(notebook=False))


def write_html(kg: KnowledgeGraph, path: str | Path, **options: Any) -> Path:
    """Write the HTML view to ``path`` atomically."""
    target = Path(path)
    atomic_write_text(target, render_html(kg))
    return target


def show(kg: KnowledgeGraph, **options: Any) -> Any:
    """Display the view inline in a notebook."""
    from IPython.display import HTML

    return HTML(render_html(kg))
