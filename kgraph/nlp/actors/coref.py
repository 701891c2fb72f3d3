"""Anaphora: pronouns, definite descriptions ("the agency") and plural anaphors ("the two countries")."""

from __future__ import annotations

__all__ = ["PRONOUNS", "resolve_pronoun", "resolve_description", "resolve_plural", "coordinations"]

from bisect import bisect_right
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.gender import Gender, pronoun_gender
from kgraph.nlp.extensions import ActorMention

PERSONAL = frozenset({"he", "him", "his", "she", "her", "hers"})
NEUTER = frozenset({"it", "its"})
PLURAL = frozenset({"they", "them", "their"})
PRONOUNS = PERSONAL | NEUTER | PLURAL
_NON_PERSON = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.GROUP})
_EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "remain", "take", "rain"})
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
PLURAL_HEADS: dict[str, EntityType | None] = {
    "countries": EntityType.COUNTRY,
    "nations": EntityType.COUNTRY,
    "neighbours": EntityType.COUNTRY,
    "neighbors": EntityType.COUNTRY,
    "governments": EntityType.COUNTRY,
    "states": EntityType.COUNTRY,
    "sides": None,
    "parties": None,
    "allies": EntityType.COUNTRY,
    "leaders": EntityType.PERSON,
    "ministers": EntityType.PERSON,
    "men": EntityType.PERSON,
    "women": EntityType.PERSON,
}
_SEARCH_SENTENCES = 4
_REASON_PREPS = frozenset({"over", "for", "about"})


def _compatible(pronoun: str, ref: EntityRef, genders: Mapping[EntityRef, Gender] | None = None) -> bool:
    if pronoun in PERSONAL:
        if ref.type is not EntityType.PERSON:
            return False
        known = genders.get(ref) if genders else None
        return known is None or known is pronoun_gender(pronoun)
    return ref.type in _NON_PERSON


def _subject_of(
    verb: Token, by_root: dict[int, ActorMention], resolved: dict[int, ActorMention]
) -> ActorMention | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.i in by_root:
                return by_root[child.i]
            if child.i in resolved:
                return resolved[child.i]
            if child.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl" and verb.head.i in by_root:
                return by_root[verb.head.i]
    return None


def _reason_object(token: Token, by_root: dict[int, ActorMention]) -> ActorMention | None:
    """ "sanctioned X over its ...", "praised X for its ...": a possessive in a reason phrase is the object's."""
    node = token
    while node.head.i != node.i and node.head.pos_ not in {"VERB", "AUX"} and node.dep_ != "prep":
        node = node.head
    verb = node.head
    if node.dep_ != "prep" or node.lower_ not in _REASON_PREPS or verb.i == node.i:
        return None
    if verb.i in by_root and verb.i < token.i:
        return by_root[verb.i]  # "Iran's IRGC over its supply of drones"
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    heads = [verb] + [c for c in verb.children if c.dep_ == "dobj"]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against", "with", "to"}:
                objects.extend(c for c in prep.children if c.dep_ == "pobj")
    found = [by_root[o.i] for o in objects if o.i in by_root and o.i < token.i]
    found += [by_root[c.i] for o in objects for c in o.conjuncts if c.i in by_root and c.i < token.i]
    return max(found, key=lambda m: m.start) if found else None


def _own_subject(token: Token, by_root: dict[int, ActorMention], resolved: dict[int, ActorMention]) -> EntityRef | None:
    """The subject of the clause whose object the pronoun is: "Pezeshkian, who thanked him" - "him"
    is never the thanker (a non-reflexive object pronoun is not its own clause's subject)."""
    verb = None
    if token.dep_ in {"dobj", "dative"}:
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        verb = token.head.head
    if verb is None or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = _subject_of(verb, by_root, resolved)
    return subject.entity if subject is not None else None


def resolve_pronoun(
    token: Token,
    mentions: Sequence[ActorMention],
    by_root: dict[int, ActorMention],
    resolved: dict[int, ActorMention],
    genders: Mapping[EntityRef, Gender] | None = None,
    sentence_starts: Sequence[int] | None = None,
) -> EntityRef | None:
    """The actor a he/she/it/its pronoun refers to: the subject of a governing clause in the same
    sentence ("Hezbollah said it had fired"), else the most recent compatible actor before it.

    ``mentions`` are sorted by start; ``by_root`` maps root token -> mention; ``resolved`` holds
    pronouns already resolved (a pronoun subject passes its referent on); ``genders`` holds the
    known gender of people: "she" never resolves to a man, nor "his" to a woman; ``sentence_starts``
    (the first token of each sentence) saves walking ``doc.sents`` per pronoun.
    """
    pronoun = token.lower_
    if pronoun in NEUTER and token.dep_ in {"nsubj", "expl"} and token.head.lemma_ in _EXPLETIVE_HEADS:
        return None
    if sentence_starts is None:
        sentence_starts = [s.start for s in token.doc.sents]
    index = max(0, bisect_right(sentence_starts, token.i) - 1)
    limit = sentence_starts[max(0, index - _SEARCH_SENTENCES)]
    own = _own_subject(token, by_root, resolved)
    candidates = [
        m
        for m in reversed(mentions)
        if limit <= m.start < token.i and not m.pronoun and m.entity != own and _compatible(pronoun, m.entity, genders)
    ]
    wanted = pronoun_gender(pronoun)
    if wanted is not None and genders:
        # a person known to have the pronoun's gender beats one of unknown gender, nearer or governing
        agreeing = [m for m in candidates if genders.get(m.entity) is wanted]
        if agreeing:
            candidates = agreeing
    allowed = {m.entity for m in candidates}

    def fits(mention: ActorMention) -> bool:
        return mention.start < token.i and mention.entity in allowed

    target = _reason_object(token, by_root)
    if target is not None and fits(target):
        return target.entity
    node = token.head
    while node.i != node.head.i and node.i != token.i:
        if node.pos_ in {"VERB", "AUX"}:
            subject = _subject_of(node, by_root, resolved)
            if subject is not None and subject.start != token.i and fits(subject):
                return subject.entity
        node = node.head
    if node.pos_ in {"VERB", "AUX"}:
        subject = _subject_of(node, by_root, resolved)
        if subject is not None and fits(subject):
            return subject.entity
    if not candidates:
        return None
    if pronoun in PERSONAL:
        # within the nearest sentence naming a candidate, its subject is the most salient person:
        # "Erdogan spoke with Putin on Friday, his office said" -> Erdogan
        nearest = sentence_starts[max(0, bisect_right(sentence_starts, candidates[0].start) - 1)]
        doc = token.doc
        for mention in candidates:
            if mention.start < nearest:
                break
            if doc[mention.root].dep_ in {"nsubj", "nsubjpass"}:
                return mention.entity
    return candidates[0].entity


def resolve_description(
    noun: Token,
    kind_of: dict[EntityRef, set[str]],
    mentions: Sequence[ActorMention],
    exclude: frozenset[EntityRef] | set[EntityRef] = frozenset(),
) -> EntityRef | None:
    """ "the agency" -> the most recent organisation whose kind or name head is "agency" (never one
    named inside the description itself: "the Wagner-linked group" is not Wagner)."""
    word = noun.lower_
    for mention in reversed(mentions):
        if mention.start >= noun.i or mention.entity.type is not EntityType.ORGANIZATION or mention.entity in exclude:
            continue
        if word in kind_of.get(mention.entity, set()):
            return mention.entity
    return None


def coordinations(doc: Doc, mentions: Sequence[ActorMention]) -> list[list[EntityRef]]:
    """Groups of two or more actors coordinated in the text ("Poland, Lithuania and Estonia")."""
    by_root = {m.root: m for m in mentions if not m.pronoun}
    groups: dict[int, list[EntityRef]] = {}
    for mention in mentions:
        if mention.pronoun:
            continue
        node = doc[mention.root]
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.i in by_root:
            members = groups.setdefault(node.i, [])
            if mention.entity not in members:
                members.append(mention.entity)
    return [g for _, g in sorted(groups.items()) if len(g) > 1]


def resolve_plural(
    token: Token,
    mentions: Sequence[ActorMention],
    entity_type: EntityType | None,
    count: int | None,
    window_start: int = 0,
) -> list[EntityRef]:
    """ "They", "the two countries", "both sides": the nearest coordination that fits ("Spain and
    Portugal") or, for a pronoun, the nearest plural noun phrase ("French officials"); failing both,
    the ``count`` most recent distinct actors of ``entity_type``. Only mentions from ``window_start`` on."""
    doc = token.doc
    before = [m for m in mentions if window_start <= m.start < token.i and not m.pronoun]
    options: list[tuple[int, list[EntityRef]]] = []
    for group in coordinations(doc, before):
        if entity_type is not None and any(
            ref.type is not entity_type and {ref.type, entity_type} != {EntityType.COUNTRY, EntityType.LOCATION}
            for ref in group
        ):
            continue
        if count is None or len(group) == count:
            last = max(m.start for m in before if m.entity in group)
            options.append((last, group))
    if count is None:
        for mention in reversed(before):
            if doc[mention.root].tag_ in {"NNS", "NNPS"} and mention.entity.type in _NON_PERSON:
                same = [m.entity for m in before if (m.start, m.end) == (mention.start, mention.end)]
                options.append((mention.start, list(dict.fromkeys(same))))
                break
    if options:
        return max(options, key=lambda option: option[0])[1]
    if count is None:
        return []
    found: list[EntityRef] = []
    wanted = {entity_type} if entity_type is not None else set(_NON_PERSON)
    for mention in reversed(before):
        if mention.entity.type in wanted and mention.entity not in found:
            found.append(mention.entity)
        if len(found) == count:
            return list(reversed(found))
    return []


def plural_anaphor(noun: Token) -> tuple[EntityType | None, int | None] | None:
    """("the two countries") -> (Country, 2) when ``noun`` heads a plural anaphor with a number or "both"."""
    if noun.lower_ not in PLURAL_HEADS:
        return None
    count = None
    definite = False
    for child in noun.children:
        if child.lower_ in _NUMBERS:
            count = _NUMBERS[child.lower_]
        if child.lower_ in {"the", "both", "these", "all"}:
            definite = True
    if not definite or (count is None and noun.lower_ not in {"sides", "parties"}):
        return None
    return PLURAL_HEADS[noun.lower_], count
