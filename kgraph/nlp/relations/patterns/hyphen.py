"""Hyphenated participles: "the Iran-backed group" -> Iran supports the group."""

from __future__ import annotations

__all__ = ["find_hyphen_participles", "hyphen_agents"]

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import DIRECT_OBJECT
from kgraph.nlp.relations.patterns.arguments import actors_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.coordination import unique
from kgraph.nlp.relations.patterns.verbal import emit


def hyphen_agents(context: Context, participle: Token) -> list[ActorMention]:
    """The actors written before ``participle`` with a hyphen ("Iran" in "Iran-backed").

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Hezbollah", ",", "the", "Iran", "-", "backed", "group"], [0, 0, 6, 5, 5, 6, 0],
    ...                 ["ROOT", "punct", "det", "npadvmod", "punct", "amod", "appos"],
    ...                 pos=["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "VERB", "NOUN"],
    ...                 tags=["NNP", ",", "DT", "NNP", "HYPH", "VBN", "NN"],
    ...                 lemmas=["Hezbollah", ",", "the", "Iran", "-", "back", "group"],
    ...                 actors={0: (T.ORGANIZATION, "Hezbollah"), 3: (T.COUNTRY, "Iran")})
    >>> [m.entity.name for m in hyphen_agents(c, c.doc[5])]
    ['Iran']"""
    if participle.tag_ != "VBN" or participle.i == 0 or participle.nbor(-1).text not in ("-", "–"):
        return []
    found: list[ActorMention] = []
    for child in participle.children:
        if child.i < participle.i and child.dep_ in ("npadvmod", "compound", "nmod", "advmod", "amod", "nsubj"):
            found.extend(context.at(child))
    return unique(found)


def find_hyphen_participles(context: Context) -> Iterator[Candidate]:
    """A lexicon verb as a hyphenated modifier relates its agent to the noun it modifies.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Hezbollah", ",", "the", "Iran", "-", "backed", "group"], [0, 0, 6, 5, 5, 6, 0],
    ...                 ["ROOT", "punct", "det", "npadvmod", "punct", "amod", "appos"],
    ...                 pos=["PROPN", "PUNCT", "DET", "PROPN", "PUNCT", "VERB", "NOUN"],
    ...                 tags=["NNP", ",", "DT", "NNP", "HYPH", "VBN", "NN"],
    ...                 lemmas=["Hezbollah", ",", "the", "Iran", "-", "back", "group"],
    ...                 actors={0: (T.ORGANIZATION, "Hezbollah"), 3: (T.COUNTRY, "Iran")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_hyphen_participles(c)]
    [('Iran', 'supports', 'Hezbollah')]"""
    for token in context.tokens:
        if token.dep_ != "amod" or token.tag_ != "VBN":
            continue
        entries = [
            e
            for e in context.lexicon.verb_forms(token.lemma_, token.text)
            if DIRECT_OBJECT in e.preps and e.relation is not None and not e.relation.symmetric
        ]
        if not entries:
            continue
        agents = hyphen_agents(context, token)
        if not agents:
            continue
        # the modified noun and what is coordinated after it, not a conjunct before the modifier
        # ("Syria's government and the US-backed SDF": only the SDF is backed)
        earlier = {t.i for c in token.head.conjuncts if c.i < token.i for t in c.subtree} - {
            t.i for t in token.head.subtree
        }
        targets = [m for m in actors_of(context, token.head) if m.root not in earlier]
        for entry in entries:
            assert entry.relation is not None
            yield from emit(
                entry.relation,
                agents,
                targets,
                trigger=token,
                trigger_text=context.doc[token.i - 2 : token.i + 1].text,
                pattern=Pattern.HYPHEN,
                inverse=entry.inverse,
            )
