"""Datelines: "PUERTO PRINCESA, Philippines -" places the dateline city in the country named after it."""

from __future__ import annotations

__all__ = ["find_dateline_places"]

from collections.abc import Iterator

from kgraph.model import EntityType, RelationType
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern

_PLACE_TYPES = frozenset({EntityType.LOCATION, EntityType.ORGANIZATION})


def find_dateline_places(context: Context) -> Iterator[Candidate]:
    """``locatedIn`` from a dateline "CITY, Country -" (the city is no actor of the story).

    >>> import spacy
    >>> from kgraph.model import EntityRef
    >>> from kgraph.nlp.extensions import ActorMention, register_extensions
    >>> from kgraph.nlp.relations.lexicon import load_lexicon
    >>> register_extensions()
    >>> doc = spacy.blank("en")("DAVAO, Philippines - Rain fell.")
    >>> doc._.kg_mentions = [ActorMention(0, 1, 0, EntityRef(EntityType.LOCATION, "Davao")),
    ...                      ActorMention(2, 3, 2, EntityRef(EntityType.COUNTRY, "Philippines"))]
    >>> doc._.kg_relations = []
    >>> [(c.subject.name, c.object.name) for c in find_dateline_places(Context.build(doc, load_lexicon()))]
    [('Davao', 'Philippines')]
    """
    for line in context.datelines:
        inside = sorted(
            (m for m in context.doc._.kg_mentions or () if m.start in line and not m.pronoun), key=lambda m: m.start
        )
        for place, country in zip(inside, inside[1:], strict=False):
            between = context.doc[place.end : country.start]
            if (
                place.entity.type in _PLACE_TYPES
                and country.entity.type is EntityType.COUNTRY
                and [t.text for t in between] == [","]
            ):
                yield Candidate(
                    place.entity,
                    RelationType.LOCATED_IN,
                    country.entity,
                    place.root,
                    ",",
                    (place.start, country.end - 1),
                    Pattern.APPOSITION,
                    modal=False,
                )
