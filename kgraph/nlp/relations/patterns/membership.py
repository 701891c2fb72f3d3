"""Memberships stated in passing.

- lists read from the surface, where the parser often takes "states" for a verb: "the EU member
  states Poland and Lithuania", "the EU's member countries Estonia, Latvia and Lithuania";
- examples of members: "EU member states such as France and Germany", "NATO members, including
  Turkey and Hungary", "members like Chile";
- membership nominals: "Chile's membership of/in the Pacific Alliance" (not "its future membership");
- joining the existing members: "Bolivia joins Chile and Peru in the Pacific Alliance" (Chile, Peru members);
- "the bloc" standing for the organisation named last: "Peru, which forms part of the bloc", "the bloc was
  set up by Bolivia and Peru";
- a body counting actors among its members: "a bloc that counts Cambodia and Laos among its members", also
  when the bloc stands beside the organisation's name: "the Arab League (AL), a grouping that counts ...".
"""

from __future__ import annotations

__all__ = ["find_member_lists", "find_member_examples", "find_membership_nominals", "find_bloc_anaphora"]

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from kgraph.model import EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.cues import cue_words, read_cue_file
from kgraph.nlp.relations.patterns.arguments import actors_of, subjects_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.coordination import unique

_MEMBERS = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.PERSON})
_LIST_WORDS = frozenset({",", "and"})
# Prepositions introducing examples of a plural: "such as", "including", "like".
_EXAMPLES = frozenset({"as", "including", "like", "notably", "especially"})
# Verbs of a body counting actors "among" its members.
_COUNTING = frozenset({"count", "include", "number"})


def _body_before(context: Context, i: int) -> ActorMention | None:
    """The organisation just before token ``i`` ("EU member", "the EU's member")."""
    j = i - 1
    if j >= 0 and context.doc[j].lower_ in ("'s", "’s"):
        j -= 1
    bodies = [m for m in context.by_token.get(j, []) if m.entity.type is EntityType.ORGANIZATION]
    return bodies[0] if bodies else None


def _listed_after(context: Context, i: int) -> list[ActorMention]:
    """The actors listed from token ``i`` on: mentions joined by commas and "and"."""
    found: list[ActorMention] = []
    j = i
    while j < len(context.doc):
        at = [m for m in context.by_token.get(j, []) if m.start == j and m.entity.type in _MEMBERS]
        if not at:
            break
        found.append(at[0])
        j = at[0].end
        if j < len(context.doc) and context.doc[j].lower_ in _LIST_WORDS:
            j += 1
            if j < len(context.doc) and context.doc[j].lower_ == "and":
                j += 1
        else:
            break
    return found


def find_member_lists(context: Context) -> Iterator[Candidate]:
    """``memberOf`` from "<body> member states <actor>, <actor> and <actor>".

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["EU", "member", "states", "Poland"], [2, 2, 2, 2], ["compound", "compound", "ROOT", "appos"],
    ...                 pos=["PROPN", "NOUN", "NOUN", "PROPN"],
    ...                 actors={0: (T.ORGANIZATION, "European Union"), 3: (T.COUNTRY, "Poland")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_member_lists(c)]
    [('Poland', 'memberOf', 'European Union')]"""
    doc = context.doc
    for token in context.tokens[:-1]:
        plural = doc[token.i + 1]
        if plural.i in context.by_token or not plural.lower_.endswith("s"):
            continue
        phrase = f"{token.lower_} {plural.lower_[:-1]}"
        if not any(e.relation is RelationType.MEMBER_OF for e in context.lexicon.nouns(phrase)):
            continue
        body = _body_before(context, token.i)
        if body is None:
            continue
        for member in _listed_after(context, plural.i + 1):
            if member.entity != body.entity:
                tokens = (body.start, body.end - 1, token.i, plural.i, member.start, member.end - 1)
                yield Candidate(
                    member.entity,
                    RelationType.MEMBER_OF,
                    body.entity,
                    plural.i,
                    f"{token.text} {plural.text}",
                    tuple(sorted(set(tokens))),
                    Pattern.MEMBER,
                    modal=False,
                )


def _membership_noun(context: Context, noun: Token) -> bool:
    """True for "members", "member states", "member countries" (the lexicon's memberOf nouns)."""
    words = [
        noun.lemma_.lower(),
        *(
            f"{c.lemma_.lower()} {noun.lemma_.lower()}"
            for c in noun.children
            if c.dep_ == "compound" and c.i == noun.i - 1
        ),
    ]
    return any(e.relation is RelationType.MEMBER_OF for w in words for e in context.lexicon.nouns(w))


def _bodies_of(context: Context, noun: Token) -> list[ActorMention]:
    """The organisations a membership noun names: "EU member states", "NATO's members", "members of the AU"."""
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "poss", "nmod", "amod")]
    modifiers += [g for c in modifiers if c.dep_ == "compound" for g in c.children if g.dep_ in ("compound", "poss")]
    found = [m for c in modifiers for m in context.at(c)]
    found += [
        m
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
        if o.dep_ == "pobj"
        for m in context.at(o)
    ]
    return unique(m for m in found if m.entity.type is EntityType.ORGANIZATION)


def _examples(context: Context, noun: Token) -> list[tuple[Token, list[ActorMention]]]:
    """The actors given as examples of ``noun``: "states such as A and B", "members, including A"."""
    found = []
    for prep in noun.children:
        if prep.dep_ in ("prep", "acl") and prep.lower_ in _EXAMPLES:
            members = [m for o in prep.children if o.dep_ == "pobj" for m in actors_of(context, o)]
            if members:
                found.append((prep, members))
    return found


def _member_candidates(
    members: list[ActorMention],
    bodies: list[ActorMention],
    trigger: Token,
    shown: tuple[int, ...],
    modal: bool = False,
) -> Iterator[Candidate]:
    for body in bodies:
        for member in unique(members):
            if member.entity != body.entity and member.entity.type in _MEMBERS:
                tokens = {*shown, body.start, body.end - 1, member.start, member.end - 1}
                yield Candidate(
                    member.entity,
                    RelationType.MEMBER_OF,
                    body.entity,
                    trigger.i,
                    trigger.text,
                    tuple(sorted(tokens)),
                    Pattern.MEMBER,
                    modal=modal,
                )


def _named_before(context: Context, verb: Token) -> list[ActorMention]:
    """The organisation a relative clause's noun stands beside: "the Arab League (AL), a bloc that counts ...".

    Used when the parser hangs the appositive noun elsewhere; the organisation must end just before the comma
    opening the appositive, an acronym in parentheses between them allowed.
    """
    if verb.dep_ != "relcl" or verb.head.pos_ != "NOUN":
        return []
    doc = context.doc
    j = verb.head.left_edge.i - 1
    if j < 0 or doc[j].text != ",":
        return []
    j -= 1
    if j >= 2 and doc[j].text == ")":
        opening = next((k for k in range(j - 1, max(j - 6, 0), -1) if doc[k].text == "("), None)
        j = opening - 1 if opening is not None else j
    return [m for m in context.by_token.get(j, []) if m.entity.type is EntityType.ORGANIZATION and m.end == j + 1]


def find_member_examples(context: Context) -> Iterator[Candidate]:
    """``memberOf`` from examples of a body's members and from a body counting actors among its members.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["NATO", "members", "including", "Turkey"], [1, 1, 1, 2],
    ...                 ["compound", "ROOT", "prep", "pobj"], pos=["PROPN", "NOUN", "VERB", "PROPN"],
    ...                 lemmas=["NATO", "member", "include", "Turkey"],
    ...                 actors={0: (T.ORGANIZATION, "NATO"), 3: (T.COUNTRY, "Turkey")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_member_examples(c)]
    [('Turkey', 'memberOf', 'NATO')]"""
    for token in context.tokens:
        if token.pos_ == "NOUN" and not context.is_actor(token) and _membership_noun(context, token):
            bodies = _bodies_of(context, token)
            for prep, members in _examples(context, token) if bodies else ():
                yield from _member_candidates(members, bodies, token, (token.i, prep.i))
        if token.pos_ == "VERB" and token.lemma_.lower() in _COUNTING:
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "among"):
                for noun in (o for o in prep.children if o.dep_ == "pobj" and _membership_noun(context, o)):
                    owners = [m for c in noun.children if c.dep_ == "poss" for m in context.at(c)]
                    bodies = [m for m in owners if m.entity.type is EntityType.ORGANIZATION]
                    bodies = bodies or [
                        m for m in subjects_of(context, token)[0] if m.entity.type is EntityType.ORGANIZATION
                    ]
                    bodies = bodies or _named_before(context, token)
                    members = [m for c in token.children if c.dep_ == "dobj" for m in actors_of(context, c)]
                    yield from _member_candidates(members, unique(bodies), token, (token.i, noun.i))


@lru_cache(maxsize=1)
def _nominal_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The membership nouns, the modifiers making a membership unreal and the joining verbs of ``membership.json``.

    >>> nouns, unreal, joining = _nominal_cues()
    >>> "membership" in nouns and "future" in unreal and "join" in joining
    True
    """
    data, name = read_cue_file(None, "membership.json", "membership cues")
    return (
        cue_words(data, "membership_nouns", name, "membership cues"),
        cue_words(data, "unreal_modifiers", name, "membership cues"),
        cue_words(data, "joining_verbs", name, "membership cues"),
    )


def _bodies_after(context: Context, head: Token, prepositions: tuple[str, ...]) -> list[ActorMention]:
    """The organisations of ``head``'s prepositional objects ("of the AU", "in the Pacific Alliance")."""
    found = [
        m
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in prepositions
        for o in p.children
        if o.dep_ == "pobj"
        for m in context.at(o)
    ]
    return unique(m for m in found if m.entity.type is EntityType.ORGANIZATION)


def find_membership_nominals(context: Context) -> Iterator[Candidate]:
    """``memberOf`` from "<actor>'s membership of/in <body>" and "joins <members> in <body>".

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Chile", "'s", "membership", "in", "APEC"], [2, 0, 2, 2, 3],
    ...                 ["poss", "case", "ROOT", "prep", "pobj"], pos=["PROPN", "PART", "NOUN", "ADP", "PROPN"],
    ...                 lemmas=["Chile", "'s", "membership", "in", "APEC"],
    ...                 actors={0: (T.COUNTRY, "Chile"), 4: (T.ORGANIZATION, "APEC")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_membership_nominals(c)]
    [('Chile', 'memberOf', 'APEC')]"""
    nouns, unreal, joining = _nominal_cues()
    for token in context.tokens:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in nouns:
            if any(c.lower_ in unreal for c in token.children if c.dep_ in ("amod", "compound")):
                continue
            members = [m for c in token.children if c.dep_ == "poss" for m in actors_of(context, c)]
            bodies = _bodies_after(context, token, ("of", "in")) if members else []
            yield from _member_candidates(members, bodies, token, (token.i,))
        elif token.pos_ == "VERB" and lemma in joining:
            bodies = _bodies_after(context, token, ("in",))
            objects = [c for c in token.children if c.dep_ in ("dobj", "npadvmod")]
            members = [m for c in objects for m in actors_of(context, c)] if bodies else []
            yield from _member_candidates(members, bodies, token, (token.i,))


@lru_cache(maxsize=1)
def _anaphora_cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The body nouns, the "part" nouns and the founding verbs of ``membership.json``.

    >>> bodies, parts, founding = _anaphora_cues()
    >>> "bloc" in bodies and "part" in parts and "found" in founding
    True
    """
    data, name = read_cue_file(None, "membership.json", "membership cues")
    return (
        cue_words(data, "body_nouns", name, "membership cues"),
        cue_words(data, "part_nouns", name, "membership cues"),
        cue_words(data, "founding_verbs", name, "membership cues"),
    )


_ANTECEDENT_SENTENCES = 3  # "the bloc" refers back at most this many sentences


def _bloc_antecedent(context: Context, noun: Token, bodies: frozenset[str]) -> ActorMention | None:
    """The organisation "the bloc" stands for: the last one named in this or the few sentences before."""
    if noun.lemma_.lower() not in bodies:
        return None
    if context.is_actor(noun):  # already resolved by the actor stage
        named = [m for m in context.at(noun) if m.entity.type is EntityType.ORGANIZATION]
        return named[0] if named else None
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return None
    if any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in noun.children):
        return None  # "the Arctic bloc", "its bloc": named otherwise
    starts = [s for s in context.sentence_starts if s <= noun.i]
    earliest = starts[-(_ANTECEDENT_SENTENCES + 1)] if len(starts) > _ANTECEDENT_SENTENCES else 0
    earlier = [
        m
        for m in context.mentions
        if earliest <= m.start and m.end <= noun.i and m.entity.type is EntityType.ORGANIZATION and not m.pronoun
    ]
    return max(earlier, key=lambda m: m.start) if earlier else None


_CLOSING = frozenset({'"', "”", "’", "'", ")", ","})


def _actor_before_relative(context: Context, verb: Token) -> list[ActorMention]:
    """The actor just before ", which <verb>" when the parser hangs the clause elsewhere: 'trade with Peru", which'."""
    relative = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in ("which", "who")]
    if verb.dep_ != "relcl" or not relative:
        return []
    j = relative[0].i - 1
    while j >= 0 and context.doc[j].text in _CLOSING:
        j -= 1
    return [m for m in context.by_token.get(j, []) if m.end == j + 1 and m.entity.type in _MEMBERS][:1]


def find_bloc_anaphora(context: Context) -> Iterator[Candidate]:
    """``memberOf`` where "the bloc" stands for an organisation named before: "<actor> forms part of the bloc",
    "the bloc was set up by <actors>".

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["NATO", "met", ".", "the", "bloc", "was", "founded", "by", "France"],
    ...                 [1, 1, 1, 4, 6, 6, 6, 6, 7],
    ...                 ["nsubj", "ROOT", "punct", "det", "nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
    ...                 pos=["PROPN", "VERB", "PUNCT", "DET", "NOUN", "AUX", "VERB", "ADP", "PROPN"],
    ...                 lemmas=["NATO", "meet", ".", "the", "bloc", "be", "found", "by", "France"],
    ...                 actors={0: (T.ORGANIZATION, "NATO"), 8: (T.COUNTRY, "France")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_bloc_anaphora(c)]
    [('France', 'memberOf', 'NATO')]"""
    bodies, parts, founding = _anaphora_cues()
    for token in context.tokens:
        if token.pos_ != "NOUN":
            continue
        body = _bloc_antecedent(context, token, bodies)
        if body is None:
            continue
        head = token.head
        if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in parts:
            part = head.head
            if part.dep_ in ("dobj", "attr") and part.head.pos_ in ("VERB", "AUX"):
                members = subjects_of(context, part.head)[0] or _actor_before_relative(context, part.head)
                yield from _member_candidates(members, [body], part, (part.i, token.i), modal=True)
        elif token.dep_ == "nsubjpass" and head.lemma_.lower() in founding:
            if head.lemma_.lower() == "set" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in head.children):
                continue
            members = [
                m
                for a in head.children
                if a.dep_ == "agent"
                for o in a.children
                if o.dep_ == "pobj"
                for m in actors_of(context, o)
            ]
            yield from _member_candidates(members, [body], head, (head.i, token.i), modal=True)
