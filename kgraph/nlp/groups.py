"""Unnamed collectives: "the French delegation" and "Rwandan rebels" (Groups), "French officials" (the state)."""

from __future__ import annotations

__all__ = ["GroupRole", "GroupPhrase", "classify_collective", "group_phrase", "people_phrase", "is_group_role"]

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Token

from kgraph.model import EntityType
from kgraph.nlp.wordclasses import load_word_classes

_LEAD_VERBS = frozenset({"lead", "head", "chair", "command", "direct"})
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "conj", "appos", "attr"})
_DETERMINERS = frozenset({"det", "nummod", "poss", "case", "predet", "quantmod"})


class GroupRole(str, Enum):
    """What a collective noun modified by an actor stands for."""

    ACTOR = "actor"  # "French officials", "a Hamas delegation": the country/organisation itself
    GROUP = "group"  # "the French delegation is led by", "Rwandan rebels": a Group of its own
    AFFILIATED_GROUP = "affiliated_group"  # a Group that is also affiliatedWith its modifier
    NONE = "none"


def is_group_role(noun: Token) -> bool:
    """True when a delegation/team/mission noun has a role of its own: it acts (is a subject) or is led.

    "The French delegation is led by ..." and "X heads the British team" make Groups; "met a Hamas
    delegation" stands for Hamas itself (annotation guide).
    """
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_ in _LEAD_VERBS:
        return True
    return any(child.dep_ == "relcl" and child.lemma_ in _LEAD_VERBS for child in noun.children)


def classify_collective(noun: Token, modifier_type: EntityType) -> GroupRole:
    """Decide what "<modifier> <noun>" is, given the type of the actor modifying ``noun``.

    >>> import spacy
    >>> doc = spacy.blank("en")("Sudanese rebels")
    >>> classify_collective(doc[1], EntityType.COUNTRY).value
    'group'
    >>> classify_collective(doc[1], EntityType.ORGANIZATION).value
    'actor'
    """
    words = load_word_classes()
    lower = noun.lower_
    if modifier_type is EntityType.ORGANIZATION and lower in words.member_nouns:
        return GroupRole.ACTOR
    if lower in words.group_nouns:
        if not is_group_role(noun):
            return GroupRole.ACTOR
        return GroupRole.AFFILIATED_GROUP
    if lower in words.non_state_nouns:
        return GroupRole.AFFILIATED_GROUP if lower in words.affiliated_nouns else GroupRole.GROUP
    return GroupRole.NONE


@dataclass(frozen=True, slots=True)
class GroupPhrase:
    """A Group noun phrase: ``name`` (no article) over tokens ``start:end``, the whole NP from ``np_start``."""

    np_start: int
    start: int
    end: int
    name: str


def _np_start(noun: Token) -> tuple[int, int]:
    """(start of the NP including determiners, start of the name without them)."""
    doc = noun.doc
    left = noun.left_edge.i
    start = left
    while start < noun.i and (doc[start].dep_ in _DETERMINERS or doc[start].like_num or doc[start].is_punct):
        start += 1
    return left, start


def group_phrase(noun: Token) -> GroupPhrase:
    """The Group phrase headed by ``noun``, without article or number ("The French delegation" ->
    "French delegation", "18 Rwandan rebels" -> "Rwandan rebels").

    >>> import spacy
    >>> doc = spacy.blank("en")("delegation")
    >>> group_phrase(doc[0]).name
    'delegation'
    """
    left, start = _np_start(noun)
    return GroupPhrase(left, start, noun.i + 1, noun.doc[start : noun.i + 1].text)


def people_phrase(noun: Token) -> GroupPhrase | None:
    """ "displaced families in Goma", "rebels in Darfur": people located by "in"/"from" + a proper noun."""
    if noun.lower_ not in load_word_classes().people_nouns or noun.dep_ not in _ARGUMENT_DEPS:
        return None
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "from", "of"}:
            objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
            if objects:
                left, start = _np_start(noun)
                end = objects[0].right_edge.i + 1
                return GroupPhrase(left, start, end, noun.doc[start:end].text)
    return None
