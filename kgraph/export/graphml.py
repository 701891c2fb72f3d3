"""GraphML and GEXF (for Gephi): labels, types and relation names as scalar attributes."""

from __future__ import annotations

__all__ = ["to_flat_graph", "from_flat_graph", "WRITERS", "READERS"]

import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from kgraph.errors import InputError
from kgraph.export import OutputFormat
from kgraph.export.colours import TYPE_COLOURS
from kgraph.graph import Assertion, DocumentInfo, KnowledgeGraph
from kgraph.io import atomic_output
from kgraph.model import EntityType, Modality, RelationType

_SEPARATOR = " | "


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def to_flat_graph(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """A copy of ``kg.graph`` whose attributes are all strings or numbers (GraphML/GEXF-safe).

    Nodes carry ``label``, ``type``, ``aliases``, ``mentions``, ``links``; edges carry
    ``label`` and ``relation`` (the relation name), ``count``, ``confidence``,
    ``evidence``, ``triggers`` and ``sources`` as readable text, and ``assertions`` (JSON)
    so that the file reads back losslessly.

    >>> import kgraph
    >>> to_flat_graph(kgraph.KnowledgeGraph()).number_of_nodes()
    0
    """
    flat = nx.MultiDiGraph(
        name="kgraph",
        documents=_json([asdict(d) for _, d in sorted(kg.documents.items())]),
        claims=_json([_assertion_dict(a) for _, a in sorted(kg.claims.items())]),
    )
    for node, data in sorted(kg.graph.nodes(data=True)):
        flat.add_node(
            node,
            label=data["label"],
            type=data["type"],
            aliases=_SEPARATOR.join(sorted(data["aliases"])),
            links=_SEPARATOR.join(sorted(data["links"])),
            mentions=int(data.get("mentions", 0)),
            occurrences=_json(data["occurrences"]),
        )
    for s, o, key, data in sorted(kg.graph.edges(keys=True, data=True), key=lambda e: e[:3]):
        assertions = sorted(data["assertions"].values(), key=lambda a: a.iri)
        sources = sorted({_source(kg, a.document) for a in assertions})
        flat.add_edge(
            s,
            o,
            key=str(key),
            label=str(key),
            relation=str(key),
            count=int(data.get("count", len(assertions))),
            confidence=float(data.get("confidence", 0.0)),
            evidence=_SEPARATOR.join(sorted({a.evidence for a in assertions})),
            triggers=_SEPARATOR.join(sorted({a.trigger for a in assertions})),
            sources=_SEPARATOR.join(sources),
            assertions=_json([_assertion_dict(a) for a in assertions]),
        )
    return flat


def _source(kg: KnowledgeGraph, document: str) -> str:
    info = kg.documents.get(document)
    return (info.source or info.id) if info else document


def _assertion_dict(a: Assertion) -> dict[str, Any]:
    row = asdict(a)
    row["relation"] = a.relation.value
    row["modality"] = a.modality.value
    return row


def _assertion(row: dict[str, Any]) -> Assertion:
    return Assertion(**{**row, "relation": RelationType(row["relation"]), "modality": Modality(row["modality"])})


def from_flat_graph(flat: nx.MultiDiGraph, base: str) -> KnowledgeGraph:
    """Rebuild a ``KnowledgeGraph`` from :func:`to_flat_graph` output (as read by networkx).

    >>> from_flat_graph(to_flat_graph(KnowledgeGraph()), "https://example.org/")
    <KnowledgeGraph 0 actors, 0 relations, 0 documents>
    """
    kg = KnowledgeGraph(base)
    for row in json.loads(flat.graph.get("documents") or "[]"):
        kg.add_document(DocumentInfo(**row))
    for row in json.loads(flat.graph.get("claims") or "[]"):
        kg.add_assertion(_assertion(row))
    for node, data in flat.nodes(data=True):
        data.pop("viz", None)
        label = str(data.get("label", node))
        occurrences = {k: int(v) for k, v in json.loads(data.get("occurrences") or "{}").items()}
        kg.graph.add_node(
            str(node),
            label=label,
            type=EntityType(data.get("type", "")).value,
            aliases=set(filter(None, str(data.get("aliases", "")).split(_SEPARATOR))) - {label},
            links=set(filter(None, str(data.get("links", "")).split(_SEPARATOR))),
            occurrences=occurrences,
            mentions=sum(occurrences.values()),
        )
    for s, o, key, data in flat.edges(keys=True, data=True):
        relation = RelationType(data.get("relation", key))
        rows = json.loads(data.get("assertions") or "[]")
        for row in rows:
            kg.add_assertion(_assertion(row))
        if not rows:
            kg.graph.add_edge(
                str(s),
                str(o),
                key=relation,
                relation=relation.value,
                assertions={},
                count=0,
                confidence=0.0,
                documents=[],
            )
    return kg


def _write_graphml(kg: KnowledgeGraph, path: Path) -> None:
    with atomic_output(path, "wb") as handle:
        nx.write_graphml(to_flat_graph(kg), handle, encoding="utf-8", prettyprint=True)


def _write_gexf(kg: KnowledgeGraph, path: Path) -> None:
    flat = to_flat_graph(kg)
    # GEXF has no graph attributes: documents follow from the assertions, claims are left out.
    flat.graph.pop("documents")
    flat.graph.pop("claims")
    for _, data in flat.nodes(data=True):  # Gephi draws GEXF viz colours and sizes as given
        colour = TYPE_COLOURS[EntityType(data["type"])].lstrip("#")
        red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        data["viz"] = {"color": {"r": red, "g": green, "b": blue, "a": 1.0}, "size": 5.0 + min(data["mentions"], 45)}
    with atomic_output(path, "wb") as handle:
        nx.write_gexf(flat, handle, encoding="utf-8", prettyprint=True)


def _read(read: Callable[[Path], nx.Graph], name: str) -> Callable[[Path, str], KnowledgeGraph]:
    def reader(path: Path, base: str) -> KnowledgeGraph:
        try:
            flat = read(path)
        except (ParseError, nx.NetworkXError, KeyError, ValueError) as error:
            raise InputError(f"cannot read {str(path)!r} as {name}: {error}") from None
        try:
            kg = from_flat_graph(nx.MultiDiGraph(flat), base)
        except (ValueError, TypeError, KeyError) as error:
            raise InputError(f"{str(path)!r} is {name} but not written by kgraph: {error!r}") from None
        for assertion in kg.assertions():  # documents named only by assertions (GEXF)
            if assertion.document not in kg.documents:
                kg.add_document(DocumentInfo(assertion.document, assertion.document.rsplit("/", 1)[-1]))
        return kg

    return reader


WRITERS: dict[OutputFormat, Callable[[KnowledgeGraph, Path], None]] = {
    OutputFormat.GRAPHML: _write_graphml,
    OutputFormat.GEXF: _write_gexf,
}
READERS: dict[OutputFormat, Callable[[Path, str], KnowledgeGraph]] = {
    OutputFormat.GRAPHML: _read(lambda p: nx.read_graphml(p, force_multigraph=True), "GraphML"),
    OutputFormat.GEXF: _read(lambda p: nx.read_gexf(p), "GEXF"),
}
