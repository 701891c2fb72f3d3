"""Unnamed collectives: "the French delegation" and "Rwandan rebels" (Groups), "French officials" (the state)."""

from __future__ import annotations

__all__ = [
    "GroupRole",
    "GroupPhrase",
    "GroupRules",
    "classify_collective",
    "group_phrase",
    "people_phrase",
    "is_group_role",
]

from dataclasses import dataclass
from enum import Enum

from spacy.tokens import Token

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.resolution import ACTING, ResolutionState, ResolverBase, SpanCandidate
from kgraph.nlp.actors.wordclasses import load_word_classes

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


class GroupRules(ResolverBase):
    """Rules for collectives and government bodies (mixed into ``ActorResolver``)."""

    def _groups(self, state: ResolutionState) -> None:
        """Collectives: "the French delegation" and "Rwandan rebels" become Groups; "a Hamas delegation"
        and "Hamas fighters" stand for the organisation; "displaced families in Goma"."""
        doc = state.doc
        words = self.words
        collective = words.group_nouns | words.non_state_nouns | words.member_nouns
        for i in state.where(words.body_nouns | collective | words.people_nouns | {"community"}):
            token = doc[i]
            lower = token.lower_
            if lower in words.body_nouns and token.pos_ in {"NOUN", "PROPN"} and token.i not in state.taken:
                if self._body(state, token):
                    continue
            if token.pos_ == "NOUN" and lower in collective and token.i not in state.taken:
                modifiers = [
                    s
                    for s in state.spans
                    if token.left_edge.i <= s.start
                    and s.end <= token.i
                    and s.ref.type in {EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.LOCATION}
                ]
                if modifiers and self._collective(state, token, modifiers[-1]):
                    continue
            if lower == "community" and token.i > 0 and doc[token.i - 1].lower_ == "international":
                start = token.i - 1
                if state.free(start, token.i + 1):
                    alias = doc[max(0, start - 1) : token.i + 1].text
                    state.add(
                        SpanCandidate(start, token.i + 1, EntityRef(EntityType.GROUP, "international community"), alias)
                    )
                continue
            if self._members_from(state, token):
                continue
            people = people_phrase(token)
            if people is not None and state.free(people.start, token.i + 1):
                ref = EntityRef(EntityType.GROUP, people.name)
                state.add(
                    SpanCandidate(people.start, people.end, ref, doc[people.np_start : people.end].text, source="group")
                )

    def _collectives(self, state: ResolutionState) -> None:
        """Unnamed collectives described by a modifier: "protest leaders", "several ministers", "Western
        nations", "two opposition lawmakers", "separatist forces in the east", "allies of the president".
        Each is a Group of its own; one that takes part in no relation is pruned from the output."""
        doc = state.doc
        words = self.words
        for i in state.where(words.collective_nouns):
            noun = doc[i]
            if noun.pos_ != "NOUN" or noun.tag_ != "NNS" or noun.dep_ not in _ARGUMENT_DEPS or i in state.taken:
                continue
            left = noun.left_edge.i
            inside = [s for s in state.spans if s.start < i + 1 and s.end > left]
            if any(s.ref.type is not EntityType.LOCATION for s in inside):
                continue  # "French officials", "Hamas fighters": an actor's own people
            lefts = list(noun.lefts)
            if any(c.lower_ in _DEFINITE or c.dep_ == "poss" for c in lefts):
                continue  # "the two countries", "both sides", "its partners": anaphors, resolved elsewhere
            modifiers = [
                c
                for c in lefts
                if c.dep_ in {"amod", "compound", "nmod"} and c.lower_ not in words.quantity_words and not c.like_num
            ]
            if any(c.lower_ in words.state_nouns or c.lower_ in {"state", "government"} for c in modifiers):
                continue  # "government forces": the state's own
            complement = _described_by(noun, self.titles.head_words)
            quantified = any(c.lower_ in words.quantity_words or c.like_num for c in lefts)
            if not modifiers and complement is None and not quantified:
                continue  # bare "officials said": nothing describes who they are
            start = min((c.left_edge.i for c in modifiers), default=i)
            end = complement if complement is not None else i + 1
            if start > i or any(s.start < end and s.end > i for s in state.spans):
                continue
            name = doc[start:end].text
            if doc[start].is_sent_start and doc[start].pos_ != "PROPN" and doc[start].text[1:].islower():
                name = name[:1].lower() + name[1:]  # "Protest leaders accused ..." -> "protest leaders"
            group = SpanCandidate(start, end, EntityRef(EntityType.GROUP, name), doc[left:end].text, source="group")
            state.spans.append(group)  # a place inside ("Gulf partners") keeps its own mention
            state.taken.update(range(start, end))

    def _body(self, state: ResolutionState, noun: Token) -> bool:
        """ "the Chinese foreign ministry", "Poland's parliament": a government body of a country."""
        doc = state.doc
        left = noun.left_edge.i
        owners = [s for s in state.spans if left <= s.start and s.end <= noun.i and s.ref.type is EntityType.COUNTRY]
        if not owners:
            return False
        owner = owners[0]
        between = doc[owner.end : noun.i]
        if any(t.pos_ not in {"ADJ", "NOUN", "PROPN"} and t.text not in {"'s", "’s"} for t in between):
            return False
        if any(i in state.taken and not owner.start <= i < owner.end for i in range(owner.start, noun.i + 1)):
            return False
        end = noun.i + 1
        if noun.lower_ in self.words.state_body_nouns:
            end = _of_complement_end(noun)  # "the Thai ministry of public health"
        if not state.free(owner.end, end):
            return False
        # "China's foreign ministry", "the Thai ministry of public health": a sub-unit of the state, its own
        # Organization affiliated with it (annotation guide), named in capitals whatever the text's case
        possessive = doc[owner.end].text if doc[owner.end].text in {"'s", "’s"} else ""
        body_words = doc[owner.end + (1 if possessive else 0) : end]
        state_body = noun.lower_ in self.words.state_body_nouns
        words = [_capitalised(t.text) if state_body else t.text for t in body_words]
        name = f"{doc[owner.start : owner.end].text}{possessive} {' '.join(words)}"
        alias = doc[owner.start : end].text
        body = SpanCandidate(owner.start, end, EntityRef(EntityType.ORGANIZATION, name), alias, source="body")
        body.owner = owner.ref
        state.spans.remove(owner)
        state.add(body)
        state.spans.append(owner)
        return True

    def _members_from(self, state: ResolutionState, noun: Token) -> bool:
        """ "Fighters from JNIM attacked ...": a subject made of an actor's members is that actor."""
        if (
            noun.dep_ not in {"nsubj", "nsubjpass"}
            or noun.lower_ not in self.words.member_nouns | self.words.state_nouns
        ):
            return False
        roots = {state.doc[s.start : s.end].root.i: s for s in state.spans if s.ref.type in ACTING}
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "of"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in roots:
                        actor = roots[obj.i]
                        start = noun.left_edge.i
                        state.spans.append(
                            SpanCandidate(
                                start, actor.end, actor.ref, state.doc[start : actor.end].text, source="members"
                            )
                        )
                        state.taken.update(range(start, actor.end))
                        return True
        return False

    def _collective(self, state: ResolutionState, noun: Token, owner: SpanCandidate) -> bool:
        """Resolve "<owner> <noun>"; True when handled."""
        doc = state.doc
        role = classify_collective(noun, owner.ref.type)
        if role is GroupRole.ACTOR:
            if owner.ref.type is EntityType.LOCATION:
                return False
            owner.end = max(owner.end, noun.i + 1)  # "a Hamas delegation", "Hamas fighters": the organisation
            owner.alias = doc[owner.start : owner.end].text
            state.taken.update(range(owner.start, owner.end))
            return True
        if role is GroupRole.NONE:
            return False
        phrase = group_phrase(noun)
        if any(i in state.taken and not owner.start <= i < owner.end for i in range(phrase.start, phrase.end)):
            return False
        affiliated = role is GroupRole.AFFILIATED_GROUP and owner.ref.type is not EntityType.LOCATION
        alias = doc[phrase.np_start : phrase.end].text
        group = SpanCandidate(phrase.start, phrase.end, EntityRef(EntityType.GROUP, phrase.name), alias, source="group")
        group.owner = owner.ref if affiliated else None
        state.spans.remove(owner)
        state.add(group)
        state.spans.append(owner)  # the country mention stays, nested inside the group
        return True


_LOWER = frozenset({"of", "for", "and", "the", "on", "in"})
_DEFINITE = frozenset({"the", "these", "those", "both", "their", "its", "his", "her", "our", "each", "all", "this"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
_COMPLEMENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "CCONJ"})


def _capitalised(word: str) -> str:
    """ "foreign" -> "Foreign"; connectors stay lower case.

    >>> [_capitalised(w) for w in ["health", "of", "NATO"]]
    ['Health', 'of', 'NATO']
    """
    return word if word.lower() in _LOWER or not word[:1].islower() else word[:1].upper() + word[1:]


def _of_complement_end(noun: Token) -> int:
    """The end of "<noun> of <lower-case words>" ("ministry of public health"), else just after ``noun``."""
    doc = noun.doc
    end = noun.i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text.islower():
        k = end + 1
        while k < len(doc) and doc[k].is_alpha and doc[k].text.islower() and doc[k].pos_ in _COMPLEMENT_POS:
            k += 1
        if doc[k - 1].pos_ in {"NOUN", "PROPN"}:
            return k
    return end


def _described_by(noun: Token, titles: frozenset[str]) -> int | None:
    """The end of an "in/of/from" complement that says who the collective is ("separatist forces in the
    east", "allies of the president"), else ``None`` ("officials in each country" says nothing)."""
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "of", "from"}:
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if not objects or any(c.lower_ in {"each", "every", "both", "all"} for c in objects[0].lefts):
                continue
            if objects[0].pos_ == "PROPN" or objects[0].lower_ in titles | _DIRECTIONS:
                return int(objects[0].right_edge.i) + 1
    return None
