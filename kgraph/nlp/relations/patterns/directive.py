"""Requests made through an infinitive or a possessed noun.

- "told Israel to stop", "encouraged Kenya to act": a directing verb with an actor object and a
  ``to`` infinitive appeals to the object;
- "called for India to cooperate", "pushed for Serbia to recognise": a ``for`` clause whose subject
  is an actor;
- "repeated its call for Israel to withdraw": a request noun with a ``for`` clause;
- "called for restraint by India": a request for an act by an actor;
- "sought Turkey's help", "asked for the help of Japan": a request for what an actor owns.

Cue words live in ``kgraph/nlp/data/directives.json``.
"""

from __future__ import annotations

__all__ = ["Directives", "load_directives", "find_directives"]

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
class Directives:
    """The cue words of ``directives.json``."""

    directing_verbs: frozenset[str]
    for_clause_verbs: frozenset[str]
    requesting_verbs: frozenset[str]
    help_nouns: frozenset[str]
    request_nouns: frozenset[str]
    mandative_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_directives() -> Directives:
    """The built-in directive cues.

    >>> "tell" in load_directives().directing_verbs
    True
    """
    data, name = read_cue_file(None, "directives.json", "directive cues")

    def words(key: str) -> frozenset[str]:
        return cue_words(data, key, name, "directive cues")

    return Directives(
        directing_verbs=words("directing_verbs"),
        for_clause_verbs=words("for_clause_verbs") - words("not_for_clause_verbs"),
        requesting_verbs=words("requesting_verbs"),
        help_nouns=words("help_nouns"),
        request_nouns=words("request_nouns"),
        mandative_verbs=words("mandative_verbs"),
    )


def _infinitive(verb: Token) -> Token | None:
    """The ``to`` infinitive complement of a verb ("told Israel [to stop]")."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp", "advcl") and child.pos_ in ("VERB", "AUX"):
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in child.children) and not any(
                s.dep_ in ("nsubj", "nsubjpass") for s in child.children
            ):
                return child
    return None


def _for_clause(verb: Token) -> tuple[Token, list[Token]] | None:
    """A ``for X to do`` clause of a verb and its subject tokens ("called for India to cooperate")."""
    for child in verb.children:
        if child.dep_ not in ("advcl", "ccomp", "xcomp", "pcomp") and not (
            child.dep_ == "prep" and child.lower_ == "for"
        ):
            continue
        clauses = [child] if child.dep_ != "prep" else [c for c in child.children if c.dep_ in ("pcomp", "pobj")]
        for clause in clauses:
            marked = any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children) or child.dep_ == "prep"
            to = any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
            subjects = [s for s in clause.children if s.dep_ == "nsubj"]
            if marked and to and subjects:
                return clause, subjects
    return None


def _owners(context: Context, noun: Token) -> list[ActorMention]:
    """Who owns the help asked for: "Turkey's help", "the help of Japan"."""
    owners = [m for c in noun.children if c.dep_ == "poss" for m in actors_of(context, c)]
    return owners or [
        m
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
        for m in actors_of(context, o)
    ]


def _asked_for(verb: Token) -> list[Token]:
    """The nouns a verb asks for: its object, or the object of its "for" ("asked for the help of Japan")."""
    nouns = [n for n in verb.children if n.dep_ == "dobj"]
    return nouns + [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children if o.dep_ == "pobj"
    ]


def _agents(context: Context, noun: Token) -> list[ActorMention]:
    """The actors a requested act is asked of: "restraint by India" (not "a withdrawal from X": a place)."""
    return [
        m
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "by"
        for o in p.children
        if o.dep_ == "pobj"
        for m in actors_of(context, o)
    ]


def find_directives(context: Context) -> Iterator[Candidate]:
    """Requests through an infinitive, a ``for`` clause or a possessed noun: ``appealsTo``.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Egypt", "told", "Israel", "to", "stop"], [1, 1, 1, 4, 1],
    ...                 ["nsubj", "ROOT", "dobj", "aux", "xcomp"], pos=["PROPN", "VERB", "PROPN", "PART", "VERB"],
    ...                 lemmas=["Egypt", "tell", "Israel", "to", "stop"],
    ...                 actors={0: (T.COUNTRY, "Egypt"), 2: (T.COUNTRY, "Israel")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_directives(c)]
    [('Egypt', 'appealsTo', 'Israel')]"""
    cues = load_directives()
    for verb in context.tokens:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        requests = [n for n in verb.children if n.dep_ == "dobj" and n.lemma_.lower() in cues.request_nouns]
        if (
            lemma not in cues.directing_verbs
            and lemma not in cues.for_clause_verbs
            and lemma not in cues.requesting_verbs
            and not requests
        ):
            continue
        subjects, _ = subjects_of(context, verb)
        if not subjects:
            continue
        if lemma in cues.directing_verbs:
            step = _infinitive(verb)
            objects = [m for c in verb.children if c.dep_ == "dobj" for m in actors_of(context, c)]
            if step is not None and objects:
                yield from emit(
                    RelationType.APPEALS_TO,
                    subjects,
                    objects,
                    trigger=verb,
                    trigger_text=f"{verb.text} ... to",
                    pattern=Pattern.ACTIVE,
                    extra=(step.i,),
                )
        if lemma in cues.for_clause_verbs or requests:
            found = _for_clause(verb) or next((f for f in map(_for_clause, requests) if f is not None), None)
            if found is not None:
                clause, clause_subjects = found
                objects = [m for s in clause_subjects for m in actors_of(context, s)]
                yield from emit(
                    RelationType.APPEALS_TO,
                    subjects,
                    objects,
                    trigger=verb,
                    trigger_text=" ".join([verb.text, *(n.text for n in requests[:1]), "for"]),
                    pattern=Pattern.ACTIVE,
                    extra=(clause.i,),
                )
        if lemma in cues.for_clause_verbs:
            for noun in _asked_for(verb):
                agents = _agents(context, noun) if noun.dep_ == "pobj" else []
                if agents:  # "called for restraint by India and Pakistan"
                    yield from emit(
                        RelationType.APPEALS_TO,
                        subjects,
                        agents,
                        trigger=verb,
                        trigger_text=f"{verb.text} for",
                        pattern=Pattern.SUPPORT,
                        extra=(noun.i,),
                    )
        if lemma in cues.requesting_verbs:
            for noun in _asked_for(verb):
                if noun.lemma_.lower() in cues.help_nouns:
                    owners = _owners(context, noun)
                    if owners:
                        yield from emit(
                            RelationType.APPEALS_TO,
                            subjects,
                            owners,
                            trigger=verb,
                            trigger_text=f"{verb.text} {noun.text}",
                            pattern=Pattern.SUPPORT,
                            extra=(noun.i,),
                        )
