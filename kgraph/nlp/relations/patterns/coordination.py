"""Coordination: conjuncts of an argument, and the pairs a (symmetric) relation multiplies into."""

from __future__ import annotations

__all__ = ["conjuncts", "unique", "capped", "take_capped", "pairs", "ordered_pairs", "MAX_COORDINATED"]

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Token

from kgraph.nlp.extensions import ActorMention

# The groups of the last Doc asked about (components look at one Doc at a time); not kept in
# ``Doc.user_data``, which spaCy serialises with the Doc.
_LAST: list[tuple[Doc, int, dict[int, tuple[int, ...]]]] = []


def _conjunct_groups(doc: Doc) -> dict[int, tuple[int, ...]]:
    """For each token in a coordination, the indices of the whole coordination, in text order.

    Computed once per ``Doc`` (spaCy's ``Token.conjuncts`` walks the whole coordination at
    every call, which makes a list of n names cost n² steps).
    """
    groups: dict[int, tuple[int, ...]] = {}
    for token in doc:
        if token.dep_ == "conj" or token.i in groups:
            continue
        members = [token.i]
        stack = [token]
        while stack:
            current = stack.pop()
            for child in current.rights:  # as spaCy's Token.conjuncts
                if child.dep_ == "conj":
                    members.append(child.i)
                    stack.append(child)
        if len(members) > 1:
            ordered = tuple(sorted(members))
            for i in ordered:
                groups[i] = ordered
    return groups


def conjuncts(token: Token) -> list[Token]:
    """``token`` and every token coordinated with it, in text order.

    >>> import spacy
    >>> doc = spacy.blank("en")("a")
    >>> [t.text for t in conjuncts(doc[0])]
    ['a']
    """
    doc = token.doc
    if not _LAST or _LAST[0][0] is not doc or _LAST[0][1] != len(doc):
        _LAST[:] = [(doc, len(doc), _conjunct_groups(doc))]
    members = _LAST[0][2].get(token.i)
    if members is None:
        return [token]
    return [doc[i] for i in members]


def unique(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    """One mention per entity, first occurrence first, in text order.

    >>> unique([])
    []
    """
    seen: dict[object, ActorMention] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        seen.setdefault(mention.entity, mention)
    return list(seen.values())


#: Entities of one coordinated argument that a relation is multiplied over; the rest are dropped
#: (with a warning naming the document), so a list of 1,600 names gives at most 20 x 20 pairs.
MAX_COORDINATED = 20
_CAPPED = "kgraph_capped_entities"


def capped(mentions: Iterable[ActorMention], doc: Doc) -> list[ActorMention]:
    """:func:`unique` mentions, the first ``MAX_COORDINATED`` only; the number dropped is counted on ``doc``.

    >>> import spacy
    >>> capped([], spacy.blank("en")("x"))
    []
    """
    found = unique(mentions)
    if len(found) <= MAX_COORDINATED:
        return found
    doc.user_data[_CAPPED] = max(int(doc.user_data.get(_CAPPED, 0)), len(found))
    return found[:MAX_COORDINATED]


def take_capped(doc: Doc) -> int:
    """The size of the longest coordination :func:`capped` cut in ``doc`` (0 if none); resets it.

    >>> import spacy
    >>> take_capped(spacy.blank("en")("x"))
    0
    """
    return int(doc.user_data.pop(_CAPPED, 0))


def pairs(participants: Iterable[ActorMention]) -> Iterator[tuple[ActorMention, ActorMention]]:
    """Every unordered pair of distinct entities, the first-mentioned one first.

    >>> list(pairs([]))
    []
    """
    people = unique(participants)
    for i, first in enumerate(people):
        for second in people[i + 1 :]:
            yield first, second


def ordered_pairs(participants: Iterable[ActorMention]) -> Iterator[tuple[ActorMention, ActorMention]]:
    """Every ordered pair of distinct entities (a mutual directed relation: "exchanged fire").

    >>> list(ordered_pairs([]))
    []
    """
    people = unique(participants)
    for first in people:
        for second in people:
            if first.entity != second.entity:
                yield first, second
