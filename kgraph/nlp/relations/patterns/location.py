"""Places located by the text: "the town of Sittwe in Rakhine State", "the Georgian port of Batumi",
"Gyumri, a city in northern Armenia", "Transnistria, a breakaway region of Moldova", "Shan state,
situated in Myanmar", "the OSCE secretariat in Vienna"."""

from __future__ import annotations

__all__ = ["find_places_in", "PLACE_NOUNS"]

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.model import EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern

_CONTAINERS = frozenset({EntityType.LOCATION, EntityType.COUNTRY})
_LOCATED = frozenset({EntityType.LOCATION, EntityType.ORGANIZATION})
# Common nouns naming a kind of place: "the port of Odesa", "a region of Azerbaijan".
PLACE_NOUNS = frozenset(
    """capital city region province town village state district port county territory oblast governorate island
    enclave area municipality prefecture republic""".split()
)
# Participles placing their noun: "situated in", "located in".
_PLACING = frozenset({"situate", "locate", "lie", "sit"})
# Organisation parts that sit where their "in" complement says: "the CSTO secretariat in Moscow".
_SEATS = frozenset({"secretariat", "headquarters", "office", "offices", "seat", "mission", "embassy", "hq"})


def _containers(context: Context, holder: Token, preps: tuple[str, ...]) -> list[tuple[Token, ActorMention]]:
    """The places or countries ``holder`` governs through one of ``preps``."""
    return [
        (prep, container)
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for container in context.at(pobj)
        if not container.pronoun and container.entity.type in _CONTAINERS
    ]


def _candidate(place: ActorMention, container: ActorMention, trigger: Token) -> Candidate | None:
    if place.entity == container.entity or place.entity.type not in _LOCATED:
        return None
    if place.entity.type is EntityType.ORGANIZATION and container.entity.type is EntityType.COUNTRY:
        return None  # "the OSCE office in Ukraine" is affiliation talk, not a seat
    return Candidate(
        place.entity,
        RelationType.LOCATED_IN,
        container.entity,
        trigger.i,
        trigger.text,
        tuple(sorted({place.start, place.end - 1, trigger.i, container.start, container.end - 1})),
        Pattern.APPOSITION,
        modal=False,
    )


def _described(context: Context, place: Token) -> Iterator[tuple[Token, ActorMention]]:
    """Containers stated by a place noun describing the place: its appositive or the "X of <place>" it names."""
    nouns = [c for c in place.children if c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS]
    head = place.head
    if place.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        nouns.append(head.head)  # "the Ukrainian port of Odesa"
    for noun in nouns:
        if context.is_actor(noun):
            continue
        yield from _containers(context, noun, ("in", "of"))
        for modifier in noun.children:
            if modifier.dep_ in ("amod", "compound", "poss"):
                yield from (
                    (modifier, m) for m in context.at(modifier) if not m.pronoun and m.entity.type in _CONTAINERS
                )


def find_places_in(context: Context) -> Iterator[Candidate]:
    """``locatedIn`` for a named place modified by "in" + a named place or country, or described by a place noun.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Goma", "in", "Congo"], [0, 0, 1], ["ROOT", "prep", "pobj"], pos=["PROPN", "ADP", "PROPN"],
    ...                 actors={0: (T.LOCATION, "Goma"), 2: (T.COUNTRY, "Congo")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_places_in(c)]
    [('Goma', 'locatedIn', 'Congo')]
    """
    for mention in context.mentions:
        if mention.pronoun or mention.entity.type not in _LOCATED:
            continue
        place = context.doc[mention.root]
        found: list[tuple[Token, ActorMention]] = []
        if mention.entity.type is EntityType.LOCATION:
            found.extend(_containers(context, place, ("in",)))
            found.extend(_described(context, place))
            for clause in place.children:
                if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in _PLACING:
                    found.extend(_containers(context, clause, ("in",)))  # "Shan state, situated in Myanmar"
        elif context.doc[mention.end - 1].lower_ in _SEATS or place.lower_ in _SEATS:
            found.extend(_containers(context, place, ("in",)))  # "the CSTO Secretariat in Moscow"
        for trigger, container in found:
            candidate = _candidate(mention, container, trigger)
            if candidate is not None:
                yield candidate
