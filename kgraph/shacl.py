"""SHACL validation of kgraph output against ``ontologies/kgraph-shapes.ttl`` (pySHACL)."""

from __future__ import annotations

__all__ = ["Violation", "ValidationReport", "validate_graph", "validate_file"]

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from kgraph.ontology import shapes_path

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the message, the severity."""

    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether a graph conforms, and every violation found (sorted)."""

    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def summary(self, limit: int = 20) -> str:
        """A few readable lines: the verdict, then up to ``limit`` violations."""
        if self.conforms:
            return f"conforms ({self.triples} triples checked)"
        lines = [f"{len(self.violations)} SHACL violations ({self.triples} triples checked):"]
        for v in self.violations[:limit]:
            where = f" {v.path}" if v.path else ""
            value = f" = {v.value}" if v.value else ""
            lines.append(f"  {v.severity}: <{v.focus}>{where}{value}: {v.message}")
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate an rdflib graph against kgraph's shapes (or ``shapes``).

    A ``Dataset`` (see ``kgraph.rdf.to_dataset``) is validated named graph by named
    graph, so each document's graph must conform on its own.

    >>> from rdflib import URIRef, Literal
    >>> from kgraph.ontology import KG
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:x:a"), RDF.type, KG.Person))
    >>> report = validate_graph(g)
    >>> report.conforms, report.violations[0].path
    (False, 'http://www.w3.org/2000/01/rdf-schema#label')
    """
    from kgraph.extras import require_extra

    validate = require_extra("pyshacl", "shacl", "SHACL validation (kgraph validate)").validate
    conforms, results, _ = validate(
        data,
        shacl_graph=shapes if shapes is not None else _shapes(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    violations = []

    def text(result: Node, predicate: URIRef) -> str:
        value = results.value(result, predicate)
        return "" if value is None else str(value)

    for result in results.subjects(RDF.type, SH.ValidationResult):
        violations.append(
            Violation(
                focus=text(result, SH.focusNode),
                path=text(result, SH.resultPath),
                value=text(result, SH.value),
                message=text(result, SH.resultMessage),
                severity=text(result, SH.resultSeverity).rsplit("#", 1)[-1],
            )
        )
    return ValidationReport(bool(conforms), tuple(sorted(violations)), len(data))


def validate_file(path: str | Path, format: str | None = None) -> ValidationReport:
    """Validate a graph file in any format ``kgraph`` reads (all named graphs taken together)."""
    from kgraph.export import read_quads
    from kgraph.rdf import quads_to_rdflib

    return validate_graph(quads_to_rdflib(read_quads(path, format)))
