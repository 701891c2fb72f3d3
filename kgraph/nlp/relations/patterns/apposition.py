"""Appositions and predicate nominals that describe an actor: titles ("Rafael Grossi, director
general of the IAEA"), counterparts, membership ("NATO members Turkey and Hungary"), descriptors
("two Chinese companies, A and B"; "Doha, the Qatari capital")."""

from __future__ import annotations

__all__ = ["find_appositions", "position_name"]

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kgraph.model import EntityRef, EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import LexiconEntry
from kgraph.nlp.relations.patterns.arguments import actors_of
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern

_NOT_CURRENT = frozenset({"former", "ex", "late", "outgoing", "erstwhile", "would-be", "future", "incoming"})
_NOT_HEAD = frozenset({"deputy", "vice", "assistant", "under", "acting", "adjunct"})
_SMALL = frozenset({"of", "for", "to", "the", "and", "on", "in"})
_PLACES = frozenset(
    {
        "capital",
        "city",
        "region",
        "province",
        "town",
        "village",
        "state",
        "district",
        "port",
        "county",
        "territory",
        "oblast",
        "governorate",
        "island",
        "enclave",
        "area",
    }
)
_BODIES = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION})
# Verbs that link a subject to a descriptor of it: "is / remains / became a member of".
_COPULAS = frozenset({"be", "remain", "become", "stay"})
# Modifiers of a membership noun that deny current membership.
_NOT_YET_MEMBER = _NOT_CURRENT | {
    "prospective",
    "aspiring",
    "potential",
    "possible",
    "eventual",
    "candidate",
    "applicant",
}
# Quantifiers standing before "of" + the descriptor: "one of the members of X".
_QUANTIFIERS = frozenset({"one", "two", "three", "four", "five", "some", "several", "all", "both", "each", "many"})
_COUNTERPART = "counterpart"
_STATE_HEADS = frozenset(
    {
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "monarch",
        "supreme leader",
        "head of state",
        "head of government",
        "president-elect",
    }
)
_SPACES = re.compile(r"[\s\-–]+")


def position_name(text: str) -> str:
    """The canonical name of a position title.

    >>> position_name("deputy secretary-general")
    'Deputy Secretary-General'
    >>> position_name("high representative for foreign affairs")
    'High Representative for Foreign Affairs'
    """
    words = text.split()
    out = []
    for i, word in enumerate(words):
        if i and word.lower() in _SMALL:
            out.append(word.lower())
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


_CEASED = frozenset({"longer", "more"})  # "is no longer a member": no current membership


def _factual(copula: Token) -> bool:
    """False for a copula that is negated, modal or a wish: "could become a member", "is not a member",
    "is no longer a member"."""
    if copula.dep_ in ("xcomp", "ccomp", "advcl") and copula.head is not copula and copula.head.pos_ in ("VERB", "AUX"):
        # "wants to become", "hopes to be"; not a reported fact "said Armenia is a member"
        return copula.dep_ == "ccomp" and _factual(copula.head)
    return not any(
        c.dep_ == "neg"
        or (c.dep_ == "aux" and c.tag_ == "MD")
        or (c.dep_ == "advmod" and c.lower_ in _CEASED and any(g.dep_ == "neg" for g in c.children))
        for c in copula.children
    )


def _descriptors(context: Context, anchor: Token) -> list[Token]:
    found = []
    for child in anchor.children:
        if (
            child.dep_ == "appos"
            and not context.is_actor(child)
            and (child.pos_ in ("NOUN", "PROPN") or child.lower_ in _QUANTIFIERS)
        ):
            found.append(child)
        elif child.dep_ == "compound" and child.pos_ == "NOUN" and not context.is_actor(child):
            found.append(child)
    head = anchor.head
    if anchor.dep_ == "appos" and head is not anchor and not context.is_actor(head) and head.pos_ in ("NOUN", "PROPN"):
        found.append(head)
    if anchor.dep_ in ("nsubj",) and head.lemma_.lower() in _COPULAS and _factual(head):
        # "X is / remains / became a member of Y", "X is one of three EU members that ..."
        found.extend(
            c
            for c in head.children
            if c.dep_ in ("attr", "oprd") and not context.is_actor(c) and (c.pos_ == "NOUN" or c.lower_ in _QUANTIFIERS)
        )
    if (
        anchor.dep_ == "nsubj"
        and head.tag_ == "VBG"
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in head.children)
    ):
        # "are founding members of X" misparsed as a progressive verb with an object
        found.extend(
            c
            for c in head.children
            if c.dep_ == "dobj"
            and not context.is_actor(c)
            and any(e.relation is RelationType.MEMBER_OF for e in context.lexicon.nouns(c.lemma_))
        )
    if anchor.dep_ == "nsubj":
        # a misparsed apposition: "Poland, Lithuania and Estonia, all NATO members ..., delivered"
        found.extend(
            c
            for c in head.children
            if c.dep_ == "nsubj"
            and c.i > anchor.i
            and not context.is_actor(c)
            and c.pos_ == "NOUN"
            and c.left_edge.i > 0
            and context.doc[c.left_edge.i - 1].text == ","
        )
    if anchor.dep_ == "nsubj" and head.lemma_.lower() in _COPULAS and _factual(head):
        # "X and Y are among the members of Z"
        found.extend(_of_objects(context, head, "among"))
    for clause in anchor.children:
        if (
            clause.dep_ == "relcl"
            and clause.lemma_.lower() in _COPULAS
            and _factual(clause)
            and any(c.dep_ == "nsubj" and c.lower_ in ("which", "who", "that") for c in clause.children)
        ):
            # "Turkey, which is a NATO member, ..."
            found.extend(
                c
                for c in clause.children
                if c.dep_ in ("attr", "oprd")
                and not context.is_actor(c)
                and (c.pos_ == "NOUN" or c.lower_ in _QUANTIFIERS)
            )
    if anchor.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX"):
        # "As a member of the Security Council, France backed ...": membership nouns only
        found.extend(
            o
            for o in _of_objects(context, head, "as")
            if any(e.relation is RelationType.MEMBER_OF for e in context.lexicon.nouns(o.lemma_))
        )
    if (
        anchor.dep_ == "dobj"
        and head.pos_ == "VERB"
        and any(
            c.dep_ == "compound"
            and c.i == head.i - 1
            and any(e.relation is RelationType.MEMBER_OF for e in context.lexicon.nouns(c.lemma_))
            for c in head.children
        )
    ):
        # "EU member states Poland and Lithuania": "states" misparsed as a verb with an object
        found.append(head)
    # "one of BRICS's newest members": the quantified noun describes the actor
    return [d for q in found for d in (_of_objects(context, q, "of") if q.lower_ in _QUANTIFIERS else [q])]


def _of_objects(context: Context, head: Token, preposition: str) -> list[Token]:
    """The non-actor nouns ``head`` governs through ``preposition``."""
    return [
        o
        for p in head.children
        if p.dep_ == "prep" and p.lower_ == preposition
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ == "NOUN" and not context.is_actor(o)
    ]


def _phrase_tokens(descriptor: Token, anchor: Token) -> list[Token]:
    skip: set[int] = set()
    for child in descriptor.children:
        if (
            child.i == anchor.i
            or child.dep_ in ("relcl", "acl", "appos")
            or (child.dep_ == "punct" and child.i > descriptor.i)
        ):
            skip.update(t.i for t in child.subtree)
    if anchor in descriptor.subtree:
        skip.update(t.i for t in anchor.subtree)
    return [t for t in descriptor.subtree if t.i not in skip and (not t.is_punct or t.text in ("-", "–"))]


def _find_title(
    context: Context, descriptor: Token, tokens: Sequence[Token]
) -> tuple[LexiconEntry, list[Token]] | None:
    titles = context.lexicon.titles
    best: tuple[LexiconEntry, list[Token]] | None = None
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + 2 * context.lexicon.longest_title) + 1):
            run = tokens[i:j]
            if any(b.i != a.i + 1 for a, b in zip(run, run[1:], strict=False)):
                break
            if not any(t.i == descriptor.i or t.head.i == descriptor.i for t in run):
                continue
            entry = titles.get(_key(" ".join(t.text for t in run)))
            if entry is not None and (best is None or len(run) > len(best[1])):
                best = (entry, list(run))
    if best is None:
        return None
    if any(t.lower_ in _NOT_CURRENT for t in tokens if t.i < best[1][0].i):
        return None
    return best


def _title_suffix(context: Context, run: Sequence[Token]) -> list[Token]:
    """A prepositional complement that is part of the title: "for foreign affairs", "to the United Nations"."""
    last = run[-1]
    for token in run:
        for prep in token.children:
            if prep.dep_ != "prep" or prep.i != last.i + 1:
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if prep.lower_ == "to" or (prep.lower_ in ("for", "of") and objects and not context.is_actor(objects[0])):
                return [t for t in prep.subtree if not t.is_punct or t.text in ("-", "–")]
    return []


def _candidate(
    subject: ActorMention,
    relation: RelationType,
    obj: EntityRef,
    tokens: Sequence[Token],
    trigger: Token,
    pattern: Pattern,
    text: str | None = None,
) -> Candidate:
    indices = {subject.start, subject.end - 1, *(t.i for t in tokens), trigger.i}
    return Candidate(
        subject.entity, relation, obj, trigger.i, text or trigger.text, tuple(sorted(indices)), pattern, modal=False
    )


def _title_relations(
    context: Context,
    people: Sequence[ActorMention],
    descriptor: Token,
    tokens: Sequence[Token],
    title: str,
    leads: bool,
    evidence: Sequence[Token],
    excluded: set[int],
    *,
    office: bool = True,
) -> Iterator[Candidate]:
    position = EntityRef(EntityType.POSITION, position_name(title))
    bodies = [m for t in tokens if t.i not in excluded for m in context.at(t) if m.entity.type in _BODIES]
    heads_state = _key(title).split()[-1] in _STATE_HEADS or _key(title) in _STATE_HEADS
    for person in people:
        if person.entity.type is not EntityType.PERSON:
            continue
        if office:
            context.positions.setdefault(person.entity, position)
            yield _candidate(person, RelationType.HOLDS_POSITION, position, evidence, descriptor, Pattern.TITLE, title)
        for body in {b.entity: b for b in bodies}.values():
            shown = [*evidence, context.doc[body.root]]
            yield _candidate(
                person, RelationType.AFFILIATED_WITH, body.entity, shown, descriptor, Pattern.APPOSITION, title
            )
            # only heads of state or government lead a country ("opposition leader" does not); the chief of
            # an area or branch leads neither ("EU foreign policy chief", "Ghana's army chief")
            if (
                leads
                and (heads_state or body.entity.type is not EntityType.COUNTRY)
                and not _area_between(context, body, descriptor, title)
            ):
                yield _candidate(person, RelationType.LEADS, body.entity, shown, descriptor, Pattern.APPOSITION, title)


def _area_between(context: Context, body: ActorMention, descriptor: Token, title: str) -> bool:
    """True when a generic head ("chief", "head") is qualified by the area it heads between the body and the
    title: "EU foreign policy chief", "the UN's human rights chief", "Ghana's army chief"."""
    if _key(title).split()[-1] not in {"chief", "head"} or not body.end <= descriptor.i:
        return False
    between = context.doc[body.end : descriptor.i]
    return (
        any(t.pos_ in {"NOUN", "PROPN"} and t.text not in {"'s", "’s"} for t in between) or len(_key(title).split()) > 1
    )


def _counterpart(
    context: Context, people: Sequence[ActorMention], descriptor: Token, tokens: Sequence[Token]
) -> Iterator[Candidate]:
    reference: EntityRef | None = None
    for child in descriptor.children:
        if child.dep_ == "poss":
            for mention in context.at(child):
                reference = context.positions.get(mention.entity)
    if reference is None:
        earlier = [
            m
            for m in context.mentions
            if m.end <= descriptor.i
            and m.entity.type is EntityType.PERSON
            and m.entity in context.positions
            and context.sentence(m.start) == context.sentence(descriptor.i)
        ]
        if earlier:
            reference = context.positions[earlier[-1].entity]
    if reference is None:
        return
    entry = context.lexicon.titles.get(_key(reference.name))
    leads = bool(entry and entry.leads)
    yield from _title_relations(context, people, descriptor, tokens, reference.name, leads, tokens, set())


def _descriptor_relations(
    context: Context, group: Sequence[ActorMention], descriptor: Token, tokens: Sequence[Token]
) -> Iterator[Candidate]:
    words = [descriptor.lemma_] + [
        f"{c.lemma_} {descriptor.lemma_}"
        for c in descriptor.children
        if c.dep_ == "compound" and c.i == descriptor.i - 1
    ]  # "an EU member state"
    members = [e for w in words for e in context.lexicon.nouns(w) if e.relation is RelationType.MEMBER_OF]
    if members and any(c.lower_ in _NOT_YET_MEMBER for c in descriptor.children if c.dep_ in ("amod", "compound")):
        return  # "a future member of the EU", "an aspiring NATO member"
    if members:
        bodies = [m for t in tokens for m in context.at(t) if m.entity.type is EntityType.ORGANIZATION]
        for body in {b.entity: b for b in bodies}.values():
            shown = [*tokens]
            for member in group:
                if member.entity != body.entity:
                    yield _candidate(member, RelationType.MEMBER_OF, body.entity, shown, descriptor, Pattern.MEMBER)
            for child in descriptor.children:
                if child.dep_ == "poss" and any(c.dep_ == "prep" and c.lower_ == "in" for c in descriptor.children):
                    for owner in context.at(child):
                        if owner.entity != body.entity and owner.entity.type is not EntityType.ORGANIZATION:
                            yield _candidate(
                                owner, RelationType.MEMBER_OF, body.entity, shown, descriptor, Pattern.MEMBER
                            )
        return
    modifiers = [c for c in descriptor.children if c.dep_ in ("compound", "amod", "poss", "nmod")]
    modifiers += [
        _owned_place(context, t) for t in tokens if t.dep_ == "poss" and t.head is not descriptor and t not in modifiers
    ]
    modifiers += [
        g
        for c in modifiers
        if c.dep_ == "compound" and not context.is_actor(c)
        for g in c.children
        if g.dep_ in ("amod", "compound")
    ]
    owners = [m for c in modifiers for m in context.at(c)]
    for owner in {o.entity: o for o in owners}.values():
        for member in group:
            if member.entity == owner.entity:
                continue
            kind = member.entity.type
            if (
                kind is EntityType.LOCATION
                and descriptor.lemma_.lower() in _PLACES
                and owner.entity.type in (EntityType.COUNTRY, EntityType.LOCATION)
            ):
                yield _candidate(member, RelationType.LOCATED_IN, owner.entity, tokens, descriptor, Pattern.DESCRIPTOR)
            elif kind in (EntityType.ORGANIZATION, EntityType.GROUP) and owner.entity.type in _BODIES:
                yield _candidate(
                    member, RelationType.AFFILIATED_WITH, owner.entity, tokens, descriptor, Pattern.DESCRIPTOR
                )


def _owned_place(context: Context, owner: Token) -> Token:
    """The place a possessor owns when it is a named place: "a town in Somalia's Gedo region" lies in Gedo region."""
    place = owner.head
    if place is not owner and any(m.entity.type is EntityType.LOCATION for m in context.at(place)):
        return place
    return owner


def find_appositions(context: Context) -> Iterator[Candidate]:
    """Static relations stated by a noun phrase describing an actor.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Poland", ",", "a", "NATO", "member"], [0, 0, 4, 4, 0],
    ...                 ["ROOT", "punct", "det", "compound", "appos"], pos=["PROPN", "PUNCT", "DET", "PROPN", "NOUN"],
    ...                 actors={0: (T.COUNTRY, "Poland"), 3: (T.ORGANIZATION, "NATO")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_appositions(c)]
    [('Poland', 'memberOf', 'NATO')]"""
    seen: set[int] = set()
    for mention in context.mentions:
        if mention.pronoun or mention.root in seen:
            continue
        seen.add(mention.root)
        anchor = context.doc[mention.root]
        while anchor.dep_ == "conj" and anchor.head is not anchor:
            anchor = anchor.head
        group = actors_of(context, anchor) if context.is_actor(anchor) else [mention]
        if mention not in group:
            group = [*group, mention]
        for descriptor in _descriptors(context, anchor):
            tokens = _phrase_tokens(descriptor, anchor)
            if descriptor.lemma_.lower() == _COUNTERPART:
                yield from _counterpart(context, group, descriptor, tokens)
                continue
            found = _find_title(context, descriptor, tokens)
            if found is not None:
                entry, run = found
                suffix = _title_suffix(context, run)
                title = context.doc[run[0].i : (suffix or run)[-1].i + 1].text
                leads = entry.leads and not any(t.lower_ in _NOT_HEAD for t in run)
                excluded = {t.i for t in suffix}
                yield from _title_relations(
                    context, group, descriptor, tokens, title, leads, [*run, *suffix], excluded, office=entry.position
                )
                continue
            if descriptor.dep_ == "compound":  # "its state news agency KCNA": the possessor is the agency's
                tokens = [*tokens, *(c for c in anchor.children if c.dep_ == "poss")]
            yield from _descriptor_relations(context, group, descriptor, tokens)
