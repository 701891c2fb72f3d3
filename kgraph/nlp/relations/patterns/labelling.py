"""Criticism by labelling: calling an actor, or an act of an actor, something bad accuses that actor.

- "Ghana described the raid as a breach of its sovereignty", "Poland branded Hungary's veto
  irresponsible", "Musk called Moraes a dictator": a labelling verb whose object is an actor
  or an act an actor owns (or an earlier act: "the raid"), and whose predicate is a bad word;
- "Serbia said Kosovo's decision was illegal": a speaker saying that an actor or its act is bad;
- "Kenya said Somalia was behind the attack", "Tirana said the raid had been backed by Belgrade",
  "Armenia said the CSTO had failed to honour its commitments": a speaker saying that another actor
  did a bad act or is to blame for one (never the speaker's own side: see the extractor).

Cue words live in ``kgraph/nlp/data/judgements.json``.
"""

from __future__ import annotations

__all__ = ["Judgements", "load_judgements", "find_labelling"]

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from kgraph.model import RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.cues import cue_words, read_cue_file
from kgraph.nlp.relations.patterns.anaphora import earlier_agents
from kgraph.nlp.relations.patterns.arguments import actors_of, subjects_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.coordination import unique
from kgraph.nlp.relations.patterns.verbal import emit
from kgraph.nlp.relations.speech import is_speech_verb


@dataclass(frozen=True, slots=True)
class Judgements:
    """The cue words of ``judgements.json``."""

    labelling_verbs: frozenset[str]
    negative_words: frozenset[str]
    blame_predicates: frozenset[str] = frozenset()
    hostile_verbs: frozenset[str] = frozenset()
    enabling_verbs: frozenset[str] = frozenset()
    hostile_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_judgements() -> Judgements:
    """The built-in labelling cues.

    >>> cues = load_judgements()
    >>> "brand" in cues.labelling_verbs and "illegal" in cues.negative_words
    True
    """
    data, name = read_cue_file(None, "judgements.json", "judgement cues")

    def words(key: str) -> frozenset[str]:
        return cue_words(data, key, name, "judgement cues")

    return Judgements(
        labelling_verbs=words("labelling_verbs"),
        negative_words=words("negative_words"),
        blame_predicates=words("blame_predicates"),
        hostile_verbs=words("hostile_verbs"),
        enabling_verbs=words("enabling_verbs"),
        hostile_nouns=words("hostile_nouns"),
    )


def _bad(predicate: Token, context: Context, cues: Judgements) -> bool:
    """True when the predicate's head words or their modifiers are bad, not words inside its complements.

    "a breach of X's sovereignty", "one-sided and unfair", "an act of aggression" are bad;
    "a victim of aggression" is not.
    """
    heads = [predicate, *(c for c in predicate.conjuncts)]
    tokens = [
        t
        for head in heads
        for t in (
            head,
            *(c for c in head.children if c.dep_ in _MODIFIERS),
            *(
                o
                for p in head.children
                if p.dep_ == "prep" and p.lower_ == "of" and head.lemma_.lower() in _LIGHT
                for o in p.children
                if o.dep_ == "pobj"
            ),
        )
        if not context.is_actor(t)
    ]
    words = {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}
    if words & cues.negative_words:
        return True
    span = predicate.doc[min(t.i for t in tokens) : max(t.i for t in tokens) + 1] if tokens else None
    text = " " + (span.text.lower().replace(" - ", "-") if span is not None else "") + " "
    return any(f" {w} " in text or f"{w}" in text.split() for w in cues.negative_words if " " in w or "-" in w)


# Modifiers of a label that say how bad it is; labels whose "of" complement says it ("an act of aggression").
_MODIFIERS = frozenset({"amod", "compound", "advmod", "npadvmod", "nmod", "acomp"})
_ACT_PRONOUNS = frozenset({"it", "this", "that", "which"})
_LIGHT = frozenset({"act", "form", "kind", "case", "example", "instance", "campaign", "policy"})


def _targets(context: Context, noun: Token, before: int, exclude: set[object]) -> list[ActorMention]:
    """The actors a labelled noun stands for: itself, its owners, or the agent of the earlier act it names.

    "it", "this" and "that" mostly stand for an act or a statement ("describing it as a betrayal"), not an actor.
    """
    if noun.lower_ in _ACT_PRONOUNS:
        return []
    found = actors_of(context, noun)
    if not found:
        found = earlier_agents(context, noun, before, exclude)
    return [m for m in found if m.entity not in exclude]


def _labels(verb: Token) -> Iterator[tuple[Token, Token]]:
    """(object, predicate) pairs of a labelling verb: "called X a Y", "described X as Y", "branded X Y"."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    predicates += [
        p
        for holder in (verb, *objects)
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ == "as"
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    for obj in objects:
        for predicate in predicates:
            yield obj, predicate
        # a misparse folds the object into the label: "branded [Moraes] a dictator"
        if not predicates:
            for part in obj.children:
                if part.dep_ in ("nmod", "compound") and part.i < obj.i and part.pos_ == "PROPN":
                    yield part, obj
                elif part.dep_ in ("amod", "appos") and part.i > obj.i:  # "branded X's measures one-sided"
                    yield obj, part
    if not objects:  # a heavy object after its label: "denounced as a crime Serbia's expulsion of the monks"
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "as":
                both = [p for p in prep.children if p.dep_ == "pobj"]
                if len(both) == 2:
                    yield both[1], both[0]
    for clause in verb.children:  # "branded Hungary's veto irresponsible" (a small clause)
        if clause.dep_ in ("ccomp", "xcomp") and clause.pos_ in ("ADJ", "NOUN"):
            for subject in clause.children:
                if subject.dep_ == "nsubj":
                    yield subject, clause


def _said_bad(verb: Token) -> Iterator[tuple[Token, Token, Token]]:
    """(subject, predicate, clause) of a said copular clause: "said Kosovo's decision was illegal"."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.lemma_.lower() != "be":
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr")]
        for subject in subjects:
            for predicate in predicates:
                yield subject, predicate, clause


def _hostile_act(clause: Token, cues: Judgements) -> bool:
    """True when a clause states a bad act: a hostile verb ("had violated", "failed to", "were seeking to choke"),
    or an enabling verb with a hostile noun ("backed the attack", "the coup was orchestrated by")."""
    verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
    if any(v.lemma_.lower() in cues.hostile_verbs for v in verbs):
        return True
    if clause.lemma_.lower() not in cues.enabling_verbs:
        return False
    things = [c for c in clause.children if c.dep_ in ("dobj", "nsubjpass")]
    things += [o for p in clause.children if p.dep_ == "prt" for o in clause.children if o.dep_ == "dobj"]
    return any(t.lemma_.lower() in cues.hostile_nouns or t.lower_ in cues.hostile_nouns for t in things)


def _blamed(context: Context, clause: Token, cues: Judgements) -> list[ActorMention]:
    """Who a said clause blames: "said X was responsible for / behind the attack", "said X had violated the truce"."""
    if clause.lemma_.lower() == "be":
        predicates = [c for c in clause.children if c.dep_ in ("acomp", "attr", "prep")]
        if not any(p.lower_ in cues.blame_predicates or p.lemma_.lower() in cues.blame_predicates for p in predicates):
            return []
        return [m for c in clause.children if c.dep_ == "nsubj" for m in actors_of(context, c)]
    if clause.pos_ != "VERB" or not _hostile_act(clause, cues):
        return []
    if any(c.dep_ == "nsubjpass" for c in clause.children):
        return [m for c in clause.children if c.dep_ == "agent" for o in c.children for m in actors_of(context, o)]
    return [m for c in clause.children if c.dep_ == "nsubj" for m in actors_of(context, c)]


def find_labelling(context: Context) -> Iterator[Candidate]:
    """Calling an actor or its act something bad: ``accuses``.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Chad", "called", "Mali", "a", "dictatorship"], [1, 1, 1, 4, 1],
    ...                 ["nsubj", "ROOT", "dobj", "det", "oprd"], pos=["PROPN", "VERB", "PROPN", "DET", "NOUN"],
    ...                 lemmas=["Chad", "call", "Mali", "a", "dictatorship"],
    ...                 actors={0: (T.COUNTRY, "Chad"), 2: (T.COUNTRY, "Mali")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_labelling(c)]
    [('Chad', 'accuses', 'Mali')]"""
    cues = load_judgements()
    for verb in context.tokens:
        if verb.pos_ != "VERB":
            continue
        labelling = verb.lemma_.lower() in cues.labelling_verbs
        speech = is_speech_verb(verb)
        if not (labelling or speech):
            continue
        subjects, _ = subjects_of(context, verb)
        if not subjects:
            continue
        exclude: set[object] = {m.entity for m in subjects}
        if labelling:
            for obj, predicate in _labels(verb):
                if not _bad(predicate, context, cues):
                    continue
                targets = _targets(context, obj, verb.i, exclude)
                yield from emit(
                    RelationType.ACCUSES,
                    subjects,
                    unique(targets),
                    trigger=verb,
                    trigger_text=f"{verb.text} ... {predicate.text}",
                    pattern=Pattern.ACTIVE,
                    extra=(obj.i, predicate.i),
                )
        if speech:
            for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                blamed = [m for m in _blamed(context, clause, cues) if m.entity not in exclude and not m.pronoun]
                yield from emit(
                    RelationType.ACCUSES,
                    subjects,
                    unique(blamed),
                    trigger=clause,
                    trigger_text=f"{verb.text} ... {clause.text}",
                    pattern=Pattern.ALLEGATION,
                )
            for subject, predicate, clause in _said_bad(verb):
                if not _bad(predicate, context, cues):
                    continue
                targets = _targets(context, subject, verb.i, exclude)
                yield from emit(
                    RelationType.ACCUSES,
                    subjects,
                    unique(targets),
                    trigger=clause,
                    trigger_text=f"{verb.text} ... {clause.text} {predicate.text}",
                    pattern=Pattern.INHERITED,
                    extra=(subject.i, predicate.i),
                )
