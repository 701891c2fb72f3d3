"""Coordination: conjuncts of an argument, and the pairs a (symmetric) relation multiplies into."""

from __future__ import annotations

__all__ = ["conjuncts", "unique", "pairs", "ordered_pairs"]

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

from kgraph.nlp.extensions import ActorMention


def conjuncts(token: Token) -> list[Token]:
    """``token`` and every token coordinated with it, in text order.

    >>> import spacy
    >>> doc = spacy.blank("en")("a")
    >>> [t.text for t in conjuncts(doc[0])]
    ['a']
    """
    return sorted({token, *token.conjuncts}, key=lambda t: t.i)


def unique(mentions: Iterable[ActorMention]) -> list[ActorMention]:
    """One mention per entity, first occurrence first, in text order.

    >>> unique([])
    []
    """
    seen: dict[object, ActorMention] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        seen.setdefault(mention.entity, mention)
    return list(seen.values())


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
