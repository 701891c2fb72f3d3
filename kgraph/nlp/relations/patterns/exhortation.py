"""Exhortation in speech: "the minister stated that Europe must carry a larger share" -> appealsTo Europe."""

from __future__ import annotations

__all__ = ["find_exhortations"]

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.model import RelationType
from kgraph.nlp.relations.patterns.arguments import actors_of, subjects_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.directive import load_directives
from kgraph.nlp.relations.patterns.verbal import emit
from kgraph.nlp.relations.speech import is_speech_verb

_OBLIGATION = frozenset({"must", "should"})
_CONTENT = frozenset({"ccomp", "parataxis"})
_NEED = frozenset({"have", "need", "ought"})
# Verbs of judgement that, like speech, state what another must do: "the summit concluded that X must".
_CONCLUDING = frozenset({"conclude", "agree", "decide", "rule", "resolve", "find"})


def _content_clauses(verb: Token) -> list[Token]:
    clauses = [c for c in verb.children if c.dep_ in _CONTENT]
    if verb.dep_ in _CONTENT and verb.head is not verb:  # "'Europe must ...,' Rubio wrote"
        clauses.append(verb.head)
    return clauses


def _subjunctive(clause: Token) -> bool:
    """A mandative subjunctive: a bare verb whose singular subject it does not agree with ("that Germany pay")."""
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if not subjects or any(c.dep_ in ("aux", "auxpass") for c in clause.children) or clause.lower_ in ("be", "is"):
        return clause.lower_ == "be" and bool(subjects)  # "that the sanctions be lifted"
    singular = all(s.tag_ in ("NN", "NNP") for s in subjects)
    return clause.tag_ == "VB" or (clause.tag_ == "VBP" and singular)


def _must(clause: Token) -> bool:
    """True for "has to" / "needs to" / "ought to" + verb."""
    return clause.lemma_.lower() in _NEED and any(
        c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in clause.children
    )


def find_exhortations(context: Context) -> Iterator[Candidate]:
    """A speaker saying that an actor must or should act appeals to that actor.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Germany", "said", "Poland", "must", "act"], [1, 1, 4, 4, 1],
    ...                 ["nsubj", "ROOT", "nsubj", "aux", "ccomp"], pos=["PROPN", "VERB", "PROPN", "AUX", "VERB"],
    ...                 lemmas=["Germany", "say", "Poland", "must", "act"],
    ...                 actors={0: (T.COUNTRY, "Germany"), 2: (T.COUNTRY, "Poland")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_exhortations(c)]
    [('Germany', 'appealsTo', 'Poland')]"""
    mandative = load_directives().mandative_verbs  # "insisted that Germany pay": what another must do
    for verb in context.tokens:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or not (is_speech_verb(verb) or lemma in _CONCLUDING or lemma in mandative):
            continue
        speakers, _ = subjects_of(context, verb)
        if not speakers:
            continue
        for clause in _content_clauses(verb):
            modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in _OBLIGATION), None)
            if modal is None and _must(clause):
                modal = clause  # "Germany has to pay", "Europe needs to do more"
            if modal is None and verb.lemma_.lower() in mandative and _subjunctive(clause):
                modal = clause  # "Poland insisted that Germany pay reparations"
            if modal is None or any(c.dep_ == "neg" for c in clause.children):
                continue
            doers = [c for c in clause.children if c.dep_ == "nsubj"]
            addressees = [m for c in doers for m in actors_of(context, c)]
            told = [m for c in verb.children if c.dep_ in ("dobj", "dative") for m in actors_of(context, c)]
            if told and (not addressees or any(c.pos_ == "PRON" for c in doers)):
                addressees = told  # "told Israel that it must protect civilians": the one told must act
            yield from emit(
                RelationType.APPEALS_TO,
                speakers,
                addressees,
                trigger=verb,
                trigger_text=f"{verb.text} ... {modal.text}",
                pattern=Pattern.INHERITED,
                extra=(clause.i, modal.i),
            )
