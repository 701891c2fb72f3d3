"""Event anaphora: a reaction to "the strikes", "the sanctions", "the move" targets whoever did them."""

from __future__ import annotations

__all__ = ["find_event_anaphora", "find_retaliation", "find_escalation", "earlier_agents"]

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.model import RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import DIRECT_OBJECT
from kgraph.nlp.relations.patterns.arguments import clause_objects, owners_of, subjects_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Event, Pattern
from kgraph.nlp.relations.patterns.verbal import emit

# Reactions whose object may be an earlier act rather than an actor.
_REACTIONS = frozenset({RelationType.ACCUSES, RelationType.REJECTS, RelationType.SUPPORTS})
# Nouns naming some earlier act; they match the acts below (not speech acts such as condemnations).
_GENERIC = frozenset({"move", "decision", "step", "action", "measure", "actions", "measures", "steps", "policy"})
_ACTS = frozenset(
    {RelationType.SANCTIONS, RelationType.ATTACKS, RelationType.AIDS, RelationType.REJECTS, RelationType.THREATENS}
)
_DEFINITE = frozenset({"the", "this", "these", "that", "those"})
_WINDOW = 3
_RETALIATE = frozenset({"retaliate", "respond", "react", "reciprocate", "hit", "strike"})
_ESCALATED = frozenset({RelationType.SANCTIONS, RelationType.ATTACKS})
_HOSTILE = frozenset(
    {RelationType.SANCTIONS, RelationType.ATTACKS, RelationType.ACCUSES, RelationType.THREATENS, RelationType.REJECTS}
)


def _window_start(context: Context, before: int) -> int:
    return context.sentence_start(before, _WINDOW)


def _antecedent(context: Context, noun: Token, before: int, exclude: set[object]) -> Event | None:
    """The latest earlier act the noun names: same word first ("the strikes" <- "struck"), then same relation."""
    lemma = noun.lemma_.lower()
    wanted = {e.relation for e in context.lexicon.nouns(lemma)} or {
        e.relation for e in context.lexicon.nouns(noun.lower_)
    }
    if lemma in _GENERIC or noun.lower_ in _GENERIC:
        wanted |= _ACTS
    if not wanted:
        return None
    start = _window_start(context, before)
    candidates = [
        e
        for e in context.events
        if start <= e.trigger < before
        and e.relation in wanted
        and not e.relation.symmetric  # "welcomed the talks" names no one party
        and not exclude & {m.entity for m in e.subjects}
    ]
    if lemma in _GENERIC or noun.lower_ in _GENERIC:  # "the decision" is a clause's act, not "its supply of drones"
        candidates = [e for e in candidates if e.clausal]
    same = [e for e in candidates if e.lemma in (lemma, noun.lower_)]
    chosen = same or candidates
    return chosen[-1] if chosen else None


def earlier_agents(context: Context, noun: Token, before: int, exclude: set[object]) -> list[ActorMention]:
    """The agents of the earlier act a definite noun names ("the raid" after "Chad raided ..."); ``[]`` if none."""
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
        return []
    event = _antecedent(context, noun, before, exclude)
    return list(event.subjects) if event is not None else []


def find_event_anaphora(context: Context) -> Iterator[Candidate]:
    """Reaction verbs whose definite object names an earlier act take that act's agent as object.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> from kgraph.nlp.relations.patterns.verbal import find_verbal
    >>> c = hand_parsed(["Russia", "hit", "Chad", ".", "Mali", "condemned", "the", "strikes", "."],
    ...                 [1, 1, 1, 1, 5, 5, 7, 5, 5],
    ...                 ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "det", "dobj", "punct"],
    ...                 pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
    ...                 lemmas=["Russia", "hit", "Chad", ".", "Mali", "condemn", "the", "strike", "."],
    ...                 actors={0: (T.COUNTRY, "Russia"), 2: (T.COUNTRY, "Chad"), 4: (T.COUNTRY, "Mali")})
    >>> _ = list(find_verbal(c))  # records the events
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_event_anaphora(c)]
    [('Mali', 'accuses', 'Russia')]"""
    for verb in context.tokens:
        if verb.pos_ != "VERB":
            continue
        entries = [
            e
            for e in context.lexicon.verb_forms(verb.lemma_, verb.text)
            if e.relation in _REACTIONS and DIRECT_OBJECT in e.preps
        ]
        if not entries:
            continue
        for noun in verb.children:
            if noun.dep_ != "dobj" or context.is_actor(noun) or owners_of(context, noun):
                continue
            if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children):
                continue
            subjects, _ = subjects_of(context, verb)
            if not subjects:
                continue
            event = _antecedent(context, noun, verb.i, {m.entity for m in subjects})
            if event is None:
                continue
            for entry in entries:
                assert entry.relation is not None
                yield from emit(
                    entry.relation,
                    subjects,
                    event.subjects,
                    trigger=verb,
                    trigger_text=f"{verb.text} {noun.text}",
                    pattern=Pattern.ANAPHORA,
                    extra=(noun.i,),
                )


def find_retaliation(context: Context) -> Iterator[Candidate]:
    """ "Belarus threatened to retaliate": the threat is against whoever last acted against Belarus.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> from kgraph.nlp.relations.patterns.verbal import find_verbal
    >>> c = hand_parsed(["Chad", "expelled", "Mali", ".", "Mali", "threatened", "to", "retaliate", "."],
    ...                 [1, 1, 1, 1, 5, 5, 7, 5, 5],
    ...                 ["nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "aux", "xcomp", "punct"],
    ...                 pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB", "PART", "VERB", "PUNCT"],
    ...                 lemmas=["Chad", "expel", "Mali", ".", "Mali", "threaten", "to", "retaliate", "."],
    ...                 actors={0: (T.COUNTRY, "Chad"), 2: (T.COUNTRY, "Mali"), 4: (T.COUNTRY, "Mali")})
    >>> _ = list(find_verbal(c))
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_retaliation(c)]
    [('Mali', 'threatens', 'Chad')]"""
    for verb in context.tokens:
        if verb.pos_ != "VERB" or not any(
            e.relation is RelationType.THREATENS for e in context.lexicon.verb_forms(verb.lemma_, verb.text)
        ):
            continue
        if not any(c.dep_ == "xcomp" and c.lemma_.lower() in _RETALIATE for c in verb.children):
            continue
        if any(c.dep_ in ("dobj", "dative") for c in verb.children):
            continue
        subjects, _ = subjects_of(context, verb)
        if not subjects:
            continue
        targets = {m.entity for m in subjects}
        start = _window_start(context, verb.i)
        for event in reversed(context.events):
            if (
                start <= event.trigger < verb.i
                and event.relation in _HOSTILE
                and targets & {m.entity for m in event.objects}
            ):
                yield from emit(
                    RelationType.THREATENS,
                    subjects,
                    event.subjects,
                    trigger=verb,
                    trigger_text=f"{verb.text} to {next(c.text for c in verb.children if c.dep_ == 'xcomp')}",
                    pattern=Pattern.ANAPHORA,
                )
                break


def find_escalation(context: Context) -> Iterator[Candidate]:
    """ "Chad expelled two diplomats and threatened to expel more": the threat targets the act's target.

    A threat to repeat or extend a hostile act on no named actor targets whoever the same
    subject's latest hostile act in the sentence targeted.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> from kgraph.nlp.relations.patterns.verbal import find_verbal
    >>> c = hand_parsed(["Chad", "expelled", "Mali", "and", "threatened", "to", "expel", "more"],
    ...                 [1, 1, 1, 1, 1, 6, 4, 6],
    ...                 ["nsubj", "ROOT", "dobj", "cc", "conj", "aux", "xcomp", "dobj"],
    ...                 pos=["PROPN", "VERB", "PROPN", "CCONJ", "VERB", "PART", "VERB", "ADJ"],
    ...                 lemmas=["Chad", "expel", "Mali", "and", "threaten", "to", "expel", "more"],
    ...                 actors={0: (T.COUNTRY, "Chad"), 2: (T.COUNTRY, "Mali")})
    >>> _ = list(find_verbal(c))
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_escalation(c)]
    [('Chad', 'threatens', 'Mali')]"""
    for verb in context.tokens:
        if verb.pos_ != "VERB" or not any(
            e.relation is RelationType.THREATENS for e in context.lexicon.verb_forms(verb.lemma_, verb.text)
        ):
            continue
        clauses = [
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and any(e.relation in _ESCALATED for e in context.lexicon.verb_forms(c.lemma_, c.text))
            and not clause_objects(context, c)
        ]
        if not clauses or any(c.dep_ in ("dobj", "dative") and context.is_actor(c) for c in verb.children):
            continue
        subjects, _ = subjects_of(context, verb)
        if not subjects:
            continue
        doers = {m.entity for m in subjects}
        start, _end = context.sentence(verb.i)
        for event in reversed(context.events):
            if (
                start <= event.trigger < verb.i
                and event.relation in _ESCALATED
                and event.objects
                and doers & {m.entity for m in event.subjects}
            ):
                yield from emit(
                    RelationType.THREATENS,
                    subjects,
                    event.objects,
                    trigger=verb,
                    trigger_text=f"{verb.text} to {clauses[0].text}",
                    pattern=Pattern.ANAPHORA,
                    extra=(event.trigger,),
                )
                break
