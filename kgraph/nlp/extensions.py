"""The ``Doc._.kg_*`` extension attributes and the typed items stored in them.

Components hand their results to each other through these attributes:

- ``doc._.kg_mentions``: ``list[ActorMention]`` set by ``kgraph_actors`` (sorted by start)
- ``doc._.kg_entities``: ``dict[EntityRef, EntityInfo]`` set by ``kgraph_actors``
- ``doc._.kg_relations``: ``list[Relation]``; ``kgraph_actors`` adds the static facts that
  live inside a mention ("US Secretary of State Marco Rubio"), ``kgraph_relations`` the rest
- ``doc._.kg_statements``: ``list[Statement]`` set by ``kgraph_relations``
"""

from __future__ import annotations

__all__ = ["ActorMention", "EntityInfo", "register_extensions", "mention_index"]

from dataclasses import dataclass, field

from spacy.tokens import Doc

from kgraph.model import EntityRef


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A token span of a ``Doc`` resolved to a canonical entity.

    ``start``/``end`` are token offsets (end exclusive); ``root`` is the token index of
    the span's syntactic head, the token relation rules attach to.
    """

    start: int
    end: int
    root: int
    entity: EntityRef
    pronoun: bool = False


@dataclass(slots=True)
class EntityInfo:
    """What a document says about one entity: the surface names used and a GeoNames id."""

    ref: EntityRef
    aliases: set[str] = field(default_factory=set)
    geonames_id: int | None = None
    country: str | None = None


_EXTENSIONS: dict[str, object] = {
    "kg_mentions": None,
    "kg_entities": None,
    "kg_relations": None,
    "kg_statements": None,
}


def register_extensions() -> None:
    """Register the ``Doc._.kg_*`` attributes (idempotent); called by the factories."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def mention_index(doc: Doc) -> dict[int, ActorMention]:
    """Map every token index covered by a mention to that mention.

    >>> import spacy
    >>> register_extensions()
    >>> doc = spacy.blank("en")("Rubio spoke")
    >>> doc._.kg_mentions = []
    >>> mention_index(doc)
    {}
    """
    index: dict[int, ActorMention] = {}
    for mention in doc._.kg_mentions or ():
        for i in range(mention.start, mention.end):
            index[i] = mention
    return index
