"""Colours shared by the HTML explorer and the GEXF (Gephi) writer: entity types, relations, communities."""

from __future__ import annotations

__all__ = ["COMMUNITY_COLOURS", "OTHER_COMMUNITY", "RELATION_COLOURS", "TYPE_COLOURS", "community_colour"]

from kgraph.model import EntityType, RelationType

#: Tableau-10 colours, distinguishable for most colour-blind readers.
TYPE_COLOURS: dict[EntityType, str] = {
    EntityType.PERSON: "#4e79a7",
    EntityType.ORGANIZATION: "#f28e2b",
    EntityType.COUNTRY: "#59a14f",
    EntityType.LOCATION: "#76b7b2",
    EntityType.GROUP: "#edc948",
    EntityType.POSITION: "#b07aa1",
}

#: One colour per relation: hostile relations in reds and oranges, cooperative ones in greens and
#: blues, structural ones in browns, purples and greys.
RELATION_COLOURS: dict[RelationType, str] = {
    RelationType.HOLDS_POSITION: "#b07aa1",
    RelationType.AFFILIATED_WITH: "#9c755f",
    RelationType.MEMBER_OF: "#8c6d31",
    RelationType.LEADS: "#6b6ecf",
    RelationType.LOCATED_IN: "#a5a5a5",
    RelationType.APPEALS_TO: "#17becf",
    RelationType.CONSULTS_WITH: "#4e79a7",
    RelationType.SUPPORTS: "#59a14f",
    RelationType.COOPERATES_WITH: "#8cd17d",
    RelationType.AIDS: "#76b7b2",
    RelationType.ACCUSES: "#f28e2b",
    RelationType.REJECTS: "#d4a017",
    RelationType.THREATENS: "#ff9da7",
    RelationType.SANCTIONS: "#9467bd",
    RelationType.ATTACKS: "#e15759",
    RelationType.IN_CONFLICT_WITH: "#a4302a",
    RelationType.RELATED_TO: "#c7c7c7",
}

#: Colours of communities, biggest first, repeating after the twentieth; a lone actor gets ``OTHER_COMMUNITY``.
COMMUNITY_COLOURS = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#86bcb6", "#d37295", "#8cd17d",
    "#499894", "#b6992d", "#f1ce63", "#a0cbe8", "#ffbe7d", "#d4a6c8", "#79706e", "#fabfd2",
]  # fmt: skip
OTHER_COMMUNITY = "#aeb4bb"


def community_colour(rank: int) -> str:
    """The colour of the community ranked ``rank`` by size (0 = biggest); colours repeat after the twentieth.

    >>> community_colour(0), community_colour(20), community_colour(-1)
    ('#4e79a7', '#4e79a7', '#aeb4bb')
    """
    return COMMUNITY_COLOURS[rank % len(COMMUNITY_COLOURS)] if rank >= 0 else OTHER_COMMUNITY
