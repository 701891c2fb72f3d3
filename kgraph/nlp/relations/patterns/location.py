"""Places located by a preposition: "the town of Maungdaw in Rakhine State" -> Maungdaw locatedIn Rakhine State."""

from __future__ import annotations

__all__ = ["find_places_in"]

from collections.abc import Iterator

from kgraph.model import EntityType, RelationType
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern

_CONTAINERS = frozenset({EntityType.LOCATION, EntityType.COUNTRY})


def find_places_in(context: Context) -> Iterator[Candidate]:
    """``locatedIn`` for a named place modified by "in" + a named place or country.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Goma", "in", "Congo"], [0, 0, 1], ["ROOT", "prep", "pobj"], pos=["PROPN", "ADP", "PROPN"],
    ...                 actors={0: (T.LOCATION, "Goma"), 2: (T.COUNTRY, "Congo")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_places_in(c)]
    [('Goma', 'locatedIn', 'Congo')]
    """
    for mention in context.mentions:
        if mention.pronoun or mention.entity.type is not EntityType.LOCATION:
            continue
        place = context.doc[mention.root]
        for prep in place.children:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for container in context.at(pobj):
                    if container.pronoun or container.entity.type not in _CONTAINERS:
                        continue
                    if container.entity == mention.entity:
                        continue
                    yield Candidate(
                        mention.entity,
                        RelationType.LOCATED_IN,
                        container.entity,
                        prep.i,
                        prep.text,
                        (mention.start, container.end - 1),
                        Pattern.APPOSITION,
                        modal=False,
                    )
