"""The colour of each entity type, shared by the HTML explorer and the GEXF (Gephi) writer."""

from __future__ import annotations

__all__ = ["TYPE_COLOURS"]

from kgraph.model import EntityType

#: Tableau-10 colours, distinguishable for most colour-blind readers.
TYPE_COLOURS: dict[EntityType, str] = {
    EntityType.PERSON: "#4e79a7",
    EntityType.ORGANIZATION: "#f28e2b",
    EntityType.COUNTRY: "#59a14f",
    EntityType.LOCATION: "#76b7b2",
    EntityType.GROUP: "#edc948",
    EntityType.POSITION: "#b07aa1",
}
