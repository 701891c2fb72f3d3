"""Sanctions stated without a sanctions word: expelling envoys and listing actors.

- "ordered the French ambassador to leave", "declared two Russian diplomats persona non grata":
  an expulsion sanctions the envoy's state;
- "placed Huawei on its entity list", "added three firms to the sanctions list": a listing.

Cue words live in ``kgraph/nlp/data/sanction_cues.json``.
"""

from __future__ import annotations

__all__ = ["SanctionCues", "load_sanction_cues", "find_expulsions"]

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from kgraph.model import RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.cues import cue_words, read_cue_file
from kgraph.nlp.relations.patterns.arguments import actors_of, subjects_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.verbal import emit


@dataclass(frozen=True, slots=True)
class SanctionCues:
    """The cue words of ``sanction_cues.json``."""

    envoy_nouns: frozenset[str]
    leaving_verbs: frozenset[str]
    ordering_verbs: frozenset[str]
    declaring_verbs: frozenset[str]
    unwelcome_words: frozenset[str]
    listing_verbs: frozenset[str]
    list_nouns: frozenset[str]
    list_kinds: frozenset[str]
    instrument_nouns: frozenset[str]


@lru_cache(maxsize=1)
def load_sanction_cues() -> SanctionCues:
    """The built-in sanction cues.

    >>> "ambassador" in load_sanction_cues().envoy_nouns
    True
    """
    data, name = read_cue_file(None, "sanction_cues.json", "sanction cues")

    def words(key: str) -> frozenset[str]:
        return cue_words(data, key, name, "sanction cues")

    return SanctionCues(**{key: words(key) for key in SanctionCues.__slots__})


def _envoy_states(context: Context, verb: Token, cues: SanctionCues) -> list[tuple[Token, list[ActorMention]]]:
    """The envoy objects of a verb and the actors they belong to ("the French ambassador")."""
    found = []
    # "declared two diplomats persona non grata" is often parsed as a clause whose subject is the envoy
    direct = [n for n in verb.children if n.dep_ in ("dobj", "nsubjpass")]
    clausal = [
        n for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp") for n in c.children if n.dep_ == "nsubj"
    ]
    for noun in direct + clausal:
        if noun.lemma_.lower() in cues.envoy_nouns:
            owners = actors_of(context, noun)
            if owners:
                found.append((noun, owners))
    return found


def _listed(verb: Token, cues: SanctionCues) -> Token | None:
    """The sanctions list a verb puts its object on ("on its entity list", "to the blacklist")."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "to", "onto"):
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in cues.list_nouns:
                continue
            kinds = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
            if noun.lemma_.lower() != "list" or kinds & cues.list_kinds:
                return noun
    return None


def find_expulsions(context: Context) -> Iterator[Candidate]:
    """``sanctions`` from expelling envoys and listing actors.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Mali", "ordered", "ambassador", "to", "leave"], [1, 1, 1, 4, 1],
    ...                 ["nsubj", "ROOT", "dobj", "aux", "xcomp"], pos=["PROPN", "VERB", "NOUN", "PART", "VERB"],
    ...                 lemmas=["Mali", "order", "ambassador", "to", "leave"],
    ...                 actors={0: (T.COUNTRY, "Mali"), 2: (T.COUNTRY, "France")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_expulsions(c)]
    [('Mali', 'sanctions', 'France')]"""
    cues = load_sanction_cues()
    for verb in context.tokens:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        if lemma in cues.ordering_verbs:
            leaving = [
                c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in cues.leaving_verbs
            ]
            if leaving:
                for noun, owners in _envoy_states(context, verb, cues):
                    subjects, _ = subjects_of(context, verb)
                    yield from emit(
                        RelationType.SANCTIONS,
                        subjects,
                        owners,
                        trigger=verb,
                        trigger_text=f"{verb.text} ... {leaving[0].text}",
                        pattern=Pattern.ACTIVE,
                        extra=(noun.i, leaving[0].i),
                    )
        if lemma in cues.declaring_verbs and any(t.lower_ in cues.unwelcome_words for t in verb.subtree):
            for noun, owners in _envoy_states(context, verb, cues):
                subjects, _ = subjects_of(context, verb)
                yield from emit(
                    RelationType.SANCTIONS,
                    subjects,
                    owners,
                    trigger=verb,
                    trigger_text=f"{verb.text} ... non grata",
                    pattern=Pattern.ACTIVE,
                    extra=(noun.i,),
                )
        if lemma in cues.listing_verbs:
            listing = _listed(verb, cues)
            objects = [m for c in verb.children if c.dep_ == "dobj" for m in actors_of(context, c)]
            if listing is not None and objects:
                subjects, _ = subjects_of(context, verb)
                yield from emit(
                    RelationType.SANCTIONS,
                    subjects,
                    objects,
                    trigger=verb,
                    trigger_text=f"{verb.text} ... {listing.text}",
                    pattern=Pattern.ACTIVE,
                    extra=(listing.i,),
                )
