"""Membership lists read from the surface, where the parser often takes "states" for a verb.

"The EU member states Poland and Lithuania", "the EU's member countries Estonia, Latvia and
Lithuania": a body, a membership noun of two words ending in a plural ("member states") and the
actors listed right after it.
"""

from __future__ import annotations

__all__ = ["find_member_lists"]

from collections.abc import Iterator

from kgraph.model import EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern

_MEMBERS = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON})
_LIST_WORDS = frozenset({",", "and"})


def _body_before(context: Context, i: int) -> ActorMention | None:
    """The organisation just before token ``i`` ("EU member", "the EU's member")."""
    j = i - 1
    if j >= 0 and context.doc[j].lower_ in ("'s", "’s"):
        j -= 1
    bodies = [m for m in context.by_token.get(j, []) if m.entity.type is EntityType.ORGANIZATION]
    return bodies[0] if bodies else None


def _listed_after(context: Context, i: int) -> list[ActorMention]:
    """The actors listed from token ``i`` on: mentions joined by commas and "and"."""
    found: list[ActorMention] = []
    j = i
    while j < len(context.doc):
        at = [m for m in context.by_token.get(j, []) if m.start == j and m.entity.type in _MEMBERS]
        if not at:
            break
        found.append(at[0])
        j = at[0].end
        if j < len(context.doc) and context.doc[j].lower_ in _LIST_WORDS:
            j += 1
            if j < len(context.doc) and context.doc[j].lower_ == "and":
                j += 1
        else:
            break
    return found


def find_member_lists(context: Context) -> Iterator[Candidate]:
    """``memberOf`` from "<body> member states <actor>, <actor> and <actor>".

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["EU", "member", "states", "Poland"], [2, 2, 2, 2], ["compound", "compound", "ROOT", "appos"],
    ...                 pos=["PROPN", "NOUN", "NOUN", "PROPN"],
    ...                 actors={0: (T.ORGANIZATION, "European Union"), 3: (T.COUNTRY, "Poland")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_member_lists(c)]
    [('Poland', 'memberOf', 'European Union')]"""
    doc = context.doc
    for token in context.tokens[:-1]:
        plural = doc[token.i + 1]
        if plural.i in context.by_token or not plural.lower_.endswith("s"):
            continue
        phrase = f"{token.lower_} {plural.lower_[:-1]}"
        if not any(e.relation is RelationType.MEMBER_OF for e in context.lexicon.nouns(phrase)):
            continue
        body = _body_before(context, token.i)
        if body is None:
            continue
        for member in _listed_after(context, plural.i + 1):
            if member.entity != body.entity:
                tokens = (body.start, body.end - 1, token.i, plural.i, member.start, member.end - 1)
                yield Candidate(
                    member.entity,
                    RelationType.MEMBER_OF,
                    body.entity,
                    plural.i,
                    f"{token.text} {plural.text}",
                    tuple(sorted(set(tokens))),
                    Pattern.MEMBER,
                    modal=False,
                )
