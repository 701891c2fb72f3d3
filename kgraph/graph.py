"""``KnowledgeGraph``: kgraph's graph of actors and assertions over a networkx ``MultiDiGraph``."""

from __future__ import annotations

__all__ = ["Assertion", "DocumentInfo", "StatementInfo", "KnowledgeGraph"]

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kgraph import iri as iris
from kgraph.model import DocumentRecords, EntityType, Modality, RelationType
from kgraph.ontology import DEFAULT_BASE
from kgraph.sources import clean_records

if TYPE_CHECKING:
    import pandas as pd
    from rdflib import Graph

    from kgraph.events import Event


@dataclass(frozen=True, slots=True)
class Assertion:
    """One provenance record of ``subject relation object`` (IRIs as strings)."""

    iri: str
    subject: str
    relation: RelationType
    object: str
    document: str
    evidence: str
    trigger: str
    confidence: float
    modality: Modality = Modality.ASSERTED
    date: str | None = None
    speaker: str | None = None
    date_text: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A source document node."""

    iri: str
    id: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class StatementInfo:
    """Something an actor said: speaker, addressee, content and the actors it is about."""

    iri: str
    speaker: str
    content: str
    trigger: str
    evidence: str
    document: str
    addressee: str | None = None
    about: tuple[str, ...] = ()
    date: str | None = None


@dataclass(slots=True)
class _Tables:
    documents: dict[str, DocumentInfo] = field(default_factory=dict)
    claims: dict[str, Assertion] = field(default_factory=dict)
    statements: dict[str, StatementInfo] = field(default_factory=dict)


class KnowledgeGraph:
    """Actors as nodes (keyed by IRI), relations as edges keyed by relation name.

    Node attributes: ``label``, ``type`` (an ``EntityType`` value), ``aliases`` (set),
    ``links`` (set of ``owl:sameAs`` IRIs), ``occurrences`` (document IRI -> mention
    count) and the derived ``mentions``. Edge attributes: ``relation``, ``assertions``
    (IRI -> ``Assertion``), and derived ``count``, ``confidence``, ``documents``, ``reports``
    (how many documents state it), ``dates``
    (the sorted dates of its assertions) and ``date`` (the first of them).
    Assertions that the text does not assert (negated, hypothetical, reported, ...) are
    kept as ``claims``, not edges. Documents and statements are tables beside the graph.

    >>> import kgraph
    >>> kg = kgraph.build(["Marco Rubio met Sergei Lavrov in Moscow."])
    >>> {"Marco Rubio", "Sergei Lavrov"} <= set(kg.labels())
    True
    """

    def __init__(self, base: str = DEFAULT_BASE, *, event_window: int = 3) -> None:
        self.base = iris.check_base(base)
        self.event_window = event_window  # days between two reports of one event (see ``events``)
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self._tables = _Tables()

    # ------------------------------------------------------------------ building
    def add_records(self, records: DocumentRecords) -> None:
        """Add everything extracted from one document."""
        records = clean_records(records)  # untrusted text: no character any output cannot carry
        document = records.document
        doc_iri = str(iris.document_iri(document.id, self.base))
        self._tables.documents[doc_iri] = DocumentInfo(
            doc_iri, document.id, document.source, document.title, document.date, document.content_hash
        )
        for entity in records.entities:
            node = str(iris.entity_iri(entity.ref, self.base))
            links = {str(iris.geonames_iri(entity.geonames_id))} if entity.geonames_id else set()
            self._add_node(node, entity.name, entity.type, set(entity.aliases), links, {doc_iri: entity.mentions})
        for relation in records.relations:
            subject = str(iris.entity_iri(relation.subject, self.base))
            obj = str(iris.entity_iri(relation.object, self.base))
            for ref, node in ((relation.subject, subject), (relation.object, obj)):
                if node not in self.graph:
                    self._add_node(node, ref.name, ref.type, set(), set(), {})
            assertion = Assertion(
                iri=str(
                    iris.assertion_iri(
                        document.id,
                        relation.subject,
                        relation.relation,
                        relation.object,
                        relation.start_char,
                        relation.trigger,
                        self.base,
                        relation.modality.value,
                    )
                ),
                subject=subject,
                relation=relation.relation,
                object=obj,
                document=doc_iri,
                evidence=relation.evidence,
                trigger=relation.trigger,
                confidence=round(float(relation.confidence), 2),
                modality=relation.modality,
                date=relation.date,
                speaker=str(iris.entity_iri(relation.speaker, self.base)) if relation.speaker else None,
                date_text=relation.date_text,
            )
            self.add_assertion(assertion)
        for statement in records.statements:
            speaker = str(iris.entity_iri(statement.speaker, self.base))
            if speaker not in self.graph:
                self._add_node(speaker, statement.speaker.name, statement.speaker.type, set(), set(), {})
            st_iri = str(iris.statement_iri(document.id, statement.speaker, statement.start_char, self.base))
            self._tables.statements[st_iri] = StatementInfo(
                iri=st_iri,
                speaker=speaker,
                content=statement.content,
                trigger=statement.trigger,
                evidence=statement.evidence,
                document=doc_iri,
                addressee=str(iris.entity_iri(statement.addressee, self.base)) if statement.addressee else None,
                about=tuple(sorted({str(iris.entity_iri(a, self.base)) for a in statement.about})),
                date=statement.date or document.date,
            )

    def _add_node(
        self,
        node: str,
        label: str,
        entity_type: EntityType | str,
        aliases: set[str],
        links: set[str],
        occurrences: dict[str, int],
    ) -> None:
        if node in self.graph:
            data = self.graph.nodes[node]
            if label != data["label"]:  # two names for one IRI (a merge): the other one is kept as an alias
                data["aliases"].add(label)
            data["aliases"] |= aliases - {data["label"]}
            data["links"] |= links
            for doc, count in occurrences.items():
                data["occurrences"][doc] = max(data["occurrences"].get(doc, 0), count)
        else:
            self.graph.add_node(
                node,
                label=label,
                type=EntityType(entity_type).value,
                aliases=set(aliases) - {label},
                links=set(links),
                occurrences=dict(occurrences),
            )
        data = self.graph.nodes[node]
        data["mentions"] = sum(data["occurrences"].values())

    def add_assertion(self, assertion: Assertion) -> None:
        """Add one assertion: an edge when asserted, a claim otherwise."""
        if not assertion.modality.asserted:
            self._tables.claims[assertion.iri] = assertion
            return
        key = assertion.relation  # edges are keyed by the RelationType itself
        if self.graph.has_edge(assertion.subject, assertion.object, key):
            data = self.graph.edges[assertion.subject, assertion.object, key]
        else:
            self.graph.add_edge(assertion.subject, assertion.object, key=key, relation=key.value, assertions={})
            data = self.graph.edges[assertion.subject, assertion.object, key]
        data["assertions"][assertion.iri] = assertion
        values = data["assertions"].values()
        data["count"] = len(data["assertions"])
        data["confidence"] = max(a.confidence for a in values)
        data["documents"] = sorted({a.document for a in values})
        data["reports"] = len(data["documents"])
        data["dates"] = sorted({a.date for a in values if a.date})
        data["date"] = data["dates"][0] if data["dates"] else None

    def add_document(self, info: DocumentInfo) -> None:
        self._tables.documents[info.iri] = info

    def add_statement(self, info: StatementInfo) -> None:
        self._tables.statements[info.iri] = info

    def merge(self, other: KnowledgeGraph) -> KnowledgeGraph:
        """Add ``other`` into this graph (a union) and return ``self``.

        Nodes keep their label and type; aliases, links and per-document mention counts
        are united; edges keep every assertion of both graphs, so counts add up.
        """
        for node, data in other.graph.nodes(data=True):
            self._add_node(
                node, data["label"], data["type"], set(data["aliases"]), set(data["links"]), dict(data["occurrences"])
            )
        for _, _, data in other.graph.edges(data=True):
            for assertion in data["assertions"].values():
                self.add_assertion(assertion)
        self._tables.documents.update(other._tables.documents)
        self._tables.claims.update(other._tables.claims)
        self._tables.statements.update(other._tables.statements)
        return self

    # ------------------------------------------------------------------ reading
    @property
    def documents(self) -> dict[str, DocumentInfo]:
        return self._tables.documents

    @property
    def claims(self) -> dict[str, Assertion]:
        """Assertions kept with a modality other than asserted."""
        return self._tables.claims

    @property
    def statements(self) -> dict[str, StatementInfo]:
        return self._tables.statements

    def labels(self) -> list[str]:
        """Labels of every entity node, sorted."""
        return sorted(data["label"] for _, data in self.graph.nodes(data=True))

    def node_by_label(self, label: str) -> str:
        """The IRI of the node with this label or alias (case-insensitive).

        Raises ``KeyError`` with close matches when there is none.
        """
        wanted = label.casefold()
        for node, data in sorted(self.graph.nodes(data=True)):
            if data["label"].casefold() == wanted or node == label:
                return str(node)
        for node, data in sorted(self.graph.nodes(data=True)):
            if wanted in {a.casefold() for a in data["aliases"]}:
                return str(node)
        raise KeyError(f"no actor labelled {label!r}; known: {self.labels()[:20]!r}")

    def triples(self) -> Iterator[tuple[str, str, str]]:
        """The direct ``(subject label, relation, object label)`` triples, sorted."""
        rows = sorted(
            (self.graph.nodes[s]["label"], str(key), self.graph.nodes[o]["label"])
            for s, o, key in self.graph.edges(keys=True)
        )
        yield from rows

    def assertions(self) -> Iterator[Assertion]:
        """Every assertion, edges and claims, sorted by IRI."""
        found: list[Assertion] = [a for _, _, d in self.graph.edges(data=True) for a in d["assertions"].values()]
        found.extend(self._tables.claims.values())
        yield from sorted(found, key=lambda a: a.iri)

    def events(self, window: int | None = None) -> list[Event]:
        """The events the asserted relations report: one per act, however many outlets report it.

        Reports of one relation between the same actors within ``window`` days (default
        ``event_window``) are one event; see :mod:`kgraph.events`.

        >>> KnowledgeGraph().events()
        []
        """
        from kgraph.events import find_events

        days = self.event_window if window is None else window
        return find_events(self.assertions(), self.documents, window=days, base=self.base)

    def __len__(self) -> int:
        return int(self.graph.number_of_nodes())

    def __repr__(self) -> str:
        return (
            f"<KnowledgeGraph {self.graph.number_of_nodes()} actors, {self.graph.number_of_edges()} relations, "
            f"{len(self.documents)} documents>"
        )

    # ------------------------------------------------------------------ conversion
    def to_networkx(self) -> nx.MultiDiGraph:
        """The underlying networkx ``MultiDiGraph`` (not a copy)."""
        return self.graph

    def to_rdflib(self) -> Graph:
        """An rdflib ``Graph`` holding the whole contract (entities, triples, provenance)."""
        from kgraph.rdf import to_rdflib

        return to_rdflib(self)

    @classmethod
    def from_rdflib(cls, graph: Graph, base: str = DEFAULT_BASE) -> KnowledgeGraph:
        """Rebuild a ``KnowledgeGraph`` from RDF written by kgraph (lossless round trip)."""
        from kgraph.rdf import from_rdflib

        return from_rdflib(graph, base)

    @classmethod
    def read(cls, path: str | Path, base: str = DEFAULT_BASE) -> KnowledgeGraph:
        """Read a graph file written by kgraph (format from the extension)."""
        from kgraph.export import read_graph

        return read_graph(path, base=base)

    def write(self, path: str | Path, format: str | None = None) -> Path:
        """Write the graph to ``path``; the format comes from ``format`` or the extension."""
        from kgraph.export import write_graph

        return write_graph(self, path, format=format)

    def write_turtle(self, path: str | Path) -> Path:
        """Write sorted, deterministic Turtle to ``path`` atomically."""
        return self.write(path, format="turtle")

    def write_html(self, path: str | Path, **options: Any) -> Path:
        """Write the interactive, self-contained HTML view to ``path``."""
        from kgraph.export.html import write_html

        return write_html(self, path, **options)

    def attribute_nodes(self, *, venues: bool = True) -> set[str]:
        """Nodes that describe actors rather than act: every Position (a title is an attribute of the
        people holding it) and, with ``venues``, every Location whose only relations are ``locatedIn``
        (a place where something is, not a party to anything).

        >>> KnowledgeGraph().attribute_nodes()
        set()
        """
        found: set[str] = set()
        for node, data in self.graph.nodes(data=True):
            if data["type"] == EntityType.POSITION.value:
                found.add(node)
            elif venues and data["type"] == EntityType.LOCATION.value:
                keys = {k for _, _, k in self.graph.in_edges(node, keys=True)}
                keys |= {k for _, _, k in self.graph.out_edges(node, keys=True)}
                if keys <= {RelationType.LOCATED_IN.value}:
                    found.add(node)
        return found

    def actor_graph(self, *, venues: bool = False, keep: Iterable[str] = ()) -> nx.MultiDiGraph:
        """A read-only view of the graph without attribute nodes (:meth:`attribute_nodes`): actors and
        the relations among them. ``venues=True`` keeps places used only as venues; ``keep`` keeps the
        given node IRIs whatever they are."""
        hidden = self.attribute_nodes(venues=not venues) - set(keep)
        view: nx.MultiDiGraph = nx.subgraph_view(self.graph, filter_node=lambda n: n not in hidden)
        return view

    def entities(self, *, attributes: bool = False) -> pd.DataFrame:
        """Actors as a pandas DataFrame (iri, label, type, aliases, mentions, degree, positions, places).

        Positions and places used only as venues are attributes, not rows: ``positions`` lists the titles
        an actor holds, ``places`` where it is located, and ``degree`` counts relations with other
        actors only. ``attributes=True`` adds rows for the attribute nodes too.
        """
        import pandas as pd

        actors = self.actor_graph()
        hidden = self.attribute_nodes()
        rows = []
        for node, data in sorted(self.graph.nodes(data=True)):
            if node in hidden and not attributes:
                continue
            out = [(v, k) for _, v, k in self.graph.out_edges(node, keys=True) if v in hidden]
            rows.append(
                {
                    "iri": node,
                    "label": data["label"],
                    "type": data["type"],
                    "aliases": sorted(data["aliases"]),
                    "mentions": data["mentions"],
                    "degree": actors.degree(node) if node in actors else self.graph.degree(node),
                    "positions": sorted(
                        self.graph.nodes[v]["label"] for v, k in out if k == RelationType.HOLDS_POSITION.value
                    ),
                    "places": sorted(
                        self.graph.nodes[v]["label"] for v, k in out if k == RelationType.LOCATED_IN.value
                    ),
                }
            )
        columns = ["iri", "label", "type", "aliases", "mentions", "degree", "positions", "places"]
        return pd.DataFrame(rows, columns=columns)

    def relations(self) -> pd.DataFrame:
        """Direct relations as a DataFrame, one row per assertion (with evidence and document)."""
        return self._relation_frame(self.graph.edges(keys=True, data=True))

    def _relation_frame(self, edges: Iterable[tuple[str, str, str, dict[str, Any]]]) -> pd.DataFrame:
        import pandas as pd

        rows = []
        for s, o, key, data in edges:
            for a in data["assertions"].values():
                rows.append(
                    {
                        "subject": self.graph.nodes[s]["label"],
                        "relation": str(key),
                        "object": self.graph.nodes[o]["label"],
                        "evidence": a.evidence,
                        "trigger": a.trigger,
                        "confidence": a.confidence,
                        "document": self.documents[a.document].id if a.document in self.documents else a.document,
                        "date": a.date,
                    }
                )
        columns = ["subject", "relation", "object", "evidence", "trigger", "confidence", "document", "date"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(columns[:4]).reset_index(drop=True)

    def query(self, sparql: str) -> pd.DataFrame:
        """Run a SPARQL SELECT (or ASK) over the RDF of this graph; a DataFrame, one column per variable.

        The ``kg:``, ``rdf:``, ``rdfs:``, ``prov:``, ``skos:`` ... prefixes are predeclared.

        >>> kg = KnowledgeGraph()
        >>> list(kg.query("SELECT ?s WHERE { ?s a kg:Person }").columns)
        ['s']
        """
        import pandas as pd

        from kgraph.store import memory_store, query_store, to_oxigraph_quads

        result = query_store(memory_store(to_oxigraph_quads(self)), sparql, union=False)
        return pd.DataFrame(list(result.rows), columns=list(result.variables))

    def subgraph(self, actors: Iterable[str]) -> KnowledgeGraph:
        """A new graph of ``actors`` (labels, aliases or IRIs) and the relations among them.

        >>> KnowledgeGraph().subgraph([]).graph.number_of_nodes()
        0
        """
        nodes = {self.node_by_label(actor) for actor in actors}
        part = KnowledgeGraph(self.base)
        for node in sorted(nodes):
            data = self.graph.nodes[node]
            part._add_node(
                node, data["label"], data["type"], set(data["aliases"]), set(data["links"]), dict(data["occurrences"])
            )
        for _s, _o, data in self.graph.subgraph(nodes).edges(data=True):
            for assertion in data["assertions"].values():
                part.add_assertion(assertion)
        used = {a.document for a in part.assertions()} | {d for n in nodes for d in self.graph.nodes[n]["occurrences"]}
        for iri in sorted(used & set(self.documents)):
            part.add_document(self.documents[iri])
        return part

    def ego(self, actor: str, radius: int = 1) -> KnowledgeGraph:
        """The actor, every actor within ``radius`` relations of it (either direction), and their relations."""
        centre = self.node_by_label(actor)
        undirected = self.graph.to_undirected(as_view=True)
        return self.subgraph(nx.single_source_shortest_path_length(undirected, centre, cutoff=radius))

    def neighbours(self, actor: str, *, attributes: bool = False) -> pd.DataFrame:
        """Every relation between ``actor`` (a label, alias or IRI) and another actor, in either direction.

        Relations to attribute nodes (its positions, places used only as venues) are left out
        unless ``attributes=True``.
        """
        node = self.node_by_label(actor)
        graph = self.graph if attributes else self.actor_graph(keep=[node])
        edges = [*graph.out_edges(node, keys=True, data=True), *graph.in_edges(node, keys=True, data=True)]
        unique = {(s, o, k): d for s, o, k, d in edges}
        return self._relation_frame((s, o, k, d) for (s, o, k), d in unique.items())

    def paths(
        self, source: str, target: str, cutoff: int = 4, *, venues: bool = False
    ) -> list[list[tuple[str, str, str]]]:
        """Shortest chains of relations linking two actors through other actors, ignoring direction.

        Each path is a list of ``(subject, relation, object)`` label triples. Positions never link
        two people (two presidents are not connected by the title they share), nor do places used
        only as venues unless ``venues=True``.
        """
        a, b = self.node_by_label(source), self.node_by_label(target)
        undirected = self.actor_graph(venues=venues, keep=[a, b]).to_undirected(as_view=True)
        result: list[list[tuple[str, str, str]]] = []
        try:
            node_paths = list(nx.all_shortest_paths(undirected, a, b))
        except nx.NetworkXNoPath:
            return []
        for nodes in node_paths:
            if len(nodes) - 1 > cutoff:
                continue
            steps = []
            for u, v in zip(nodes, nodes[1:], strict=False):
                if self.graph.has_edge(u, v):
                    key = sorted(self.graph[u][v])[0]
                    steps.append((self.graph.nodes[u]["label"], key, self.graph.nodes[v]["label"]))
                else:
                    key = sorted(self.graph[v][u])[0]
                    steps.append((self.graph.nodes[v]["label"], key, self.graph.nodes[u]["label"]))
            result.append(steps)
        return sorted(result)

    def show(self, **options: Any) -> Any:
        """Display the HTML view inline in Jupyter."""
        from kgraph.export.html import show

        return show(self, **options)


def merge_graphs(graphs: Iterable[KnowledgeGraph], base: str = DEFAULT_BASE) -> KnowledgeGraph:
    """The union of ``graphs`` (see :meth:`KnowledgeGraph.merge`)."""
    merged = KnowledgeGraph(base)
    for graph in graphs:
        merged.merge(graph)
    return merged
