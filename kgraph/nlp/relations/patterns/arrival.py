"""Help arriving: "NATO peacekeepers arrived in Bosnia", "a Jordanian aid convoy reached Gaza" -> aids."""

from __future__ import annotations

__all__ = ["find_arrivals"]

from collections.abc import Iterator

from kgraph.model import RelationType
from kgraph.nlp.relations.patterns.arguments import actors_of, direct_objects, prep_objects
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.verbal import emit

_ARRIVING = frozenset({"arrive", "reach", "land"})
# Words that make what arrives help: peacekeepers, aid convoys, relief flights, medical teams.
_HELP = frozenset(
    """peacekeeping peacekeeper peacekeepers aid relief humanitarian medical rescue rescuers medics""".split()
)
_DESTINATIONS = ("in", "at")


def find_arrivals(context: Context) -> Iterator[Candidate]:
    """Peacekeepers or aid sent by an actor arriving in a place aid that place.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kenyan", "aid", "reached", "Haiti"], [1, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj"],
    ...                 pos=["ADJ", "NOUN", "VERB", "PROPN"], lemmas=["kenyan", "aid", "reach", "Haiti"],
    ...                 actors={0: (T.COUNTRY, "Kenya"), 3: (T.COUNTRY, "Haiti")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_arrivals(c)]
    [('Kenya', 'aids', 'Haiti')]"""
    for verb in context.tokens:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ARRIVING:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj"):
            if not any(t.lower_ in _HELP for t in subject.subtree):
                continue
            senders = actors_of(context, subject)
            places = [m for p in _DESTINATIONS for m in prep_objects(context, verb, p)] + direct_objects(context, verb)
            yield from emit(
                RelationType.AIDS,
                senders,
                places,
                trigger=verb,
                trigger_text=verb.text,
                pattern=Pattern.ACTIVE,
            )
