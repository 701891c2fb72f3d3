"""Nominal triggers: possessive nominalisations ("Iran's condemnation of Israel"), support-verb
constructions ("imposed sanctions on", "held talks with"), "talks/war between A and B"."""

from __future__ import annotations

__all__ = ["find_nominal", "between_participants"]

from collections.abc import Iterator

from spacy.tokens import Token

from kgraph.model import RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import LexiconEntry
from kgraph.nlp.relations.patterns.arguments import (
    actors_of,
    gathering,
    owners_of,
    prep_objects,
    reciprocal,
    subjects_of,
)
from kgraph.nlp.relations.patterns.base import Candidate, Context, Event, Pattern
from kgraph.nlp.relations.patterns.coordination import unique
from kgraph.nlp.relations.patterns.verbal import distributive, emit, response_targets
from kgraph.nlp.relations.speech import is_speech_verb

_BETWEEN = "between"
# Participles naming who hosts talks, and prepositions setting an agreement in talks.
_HOSTING = frozenset({"host", "mediate", "broker", "chair", "organise", "organize", "sponsor", "facilitate", "convene"})
# Participles listing who takes part in a meeting: "involving", "bringing together", "attended by".
_TAKING_PART = frozenset({"involve", "include", "bring", "gather", "attend", "unite", "join"})
# Verbs of a third party bringing others to an agreement: "Qatar brokered a truce between A and B".
_MEDIATING = frozenset({"broker", "mediate", "facilitate", "negotiate"})
_SETTINGS = frozenset({"after", "during", "at", "following", "in"})
# Prepositions of a state a noun puts its subject in: "at war with", "in talks with", "on a visit", "under attack from".
_STATES = frozenset({"at", "in", "on", "under"})
# Verbs that deny a charge; with "reject" and its kin they name whom an accusation or appeal was addressed to.
_DENYING = frozenset({"deny", "dispute", "refute", "rebut", "contest"})
# Quantities whose "in"/"of" complement is what a support verb handles: "$5 million in aid", "tonnes of food".
_AMOUNTS = frozenset(
    {
        "million",
        "billion",
        "tonne",
        "ton",
        "package",
        "shipment",
        "consignment",
        "batch",
        "worth",
        "dollar",
        "euro",
        "pound",
    }
)


def between_participants(context: Context, noun: Token) -> list[ActorMention]:
    """The actors of "between A, B and C" on ``noun``, or on its verb when it is its subject.

    ("a meeting began in Kyiv between A, B and C")

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["talks", "between", "Kenya", "and", "Uganda"], [0, 0, 1, 2, 2],
    ...                 ["ROOT", "prep", "pobj", "cc", "conj"], pos=["NOUN", "ADP", "PROPN", "CCONJ", "PROPN"],
    ...                 actors={2: (T.COUNTRY, "Kenya"), 4: (T.COUNTRY, "Uganda")})
    >>> [m.entity.name for m in between_participants(c, c.doc[0])]
    ['Kenya', 'Uganda']
    """
    found = prep_objects(context, noun, _BETWEEN)
    if not found and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        found = prep_objects(context, noun.head, _BETWEEN)
    return found


def _base(noun: Token) -> Token:
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    return noun


def _agent(context: Context, noun: Token) -> list[ActorMention]:
    return prep_objects(context, noun, "by")


def _governor(noun: Token) -> Token | None:
    """The verb whose object (or passive subject, or "at war" complement) ``noun`` is."""
    base = _base(noun)
    head = base.head
    if base.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _STATES and head.head.pos_ in ("VERB", "AUX"):
        return head.head  # "is at war with", "locked in a conflict with", "engaged in talks with"
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "of"):
        amount = head.head  # "approved $500 million in aid to X", "sent 40 tonnes of aid to X"
        if (amount.pos_ == "NUM" or amount.lemma_.lower() in _AMOUNTS) and amount.dep_ == "dobj":
            if amount.head.pos_ in ("VERB", "AUX"):
                return amount.head
    if base.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ == "of" and _gerund(head.head):
        return head.head  # "India's cutting of relations with X": the gerund governs like its verb
    return None


def _gerund(token: Token) -> bool:
    return token.pos_ in ("NOUN", "VERB") and token.tag_ in ("NN", "VBG") and token.lower_.endswith("ing")


def _verb_lemmas(token: Token) -> set[str]:
    """The verb lemmas a governor may stand for: its own, and for a gerund noun its stems ("cutting" -> "cut").

    >>> import spacy
    >>> sorted(_verb_lemmas(spacy.blank("en")("cutting")[0]))
    ['cut', 'cutt', 'cutte']
    """
    lemmas = {token.lemma_.lower()}
    if token.lower_.endswith("ing"):
        stem = token.lower_[:-3]
        lemmas |= {stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem}
    return {lemma for lemma in lemmas if lemma}


def _entry_candidates(context: Context, noun: Token, entry: LexiconEntry) -> Iterator[Candidate]:
    assert entry.relation is not None
    relation = entry.relation
    governor = _governor(noun)
    supported = governor is not None and (
        bool(_verb_lemmas(governor) & set(entry.verbs))
        or (not entry.verbs and (context.lexicon.is_support(governor.lemma_) or governor.lemma_.lower() == "be"))
    )
    if entry.verbs and not supported:
        return
    subjects: list[ActorMention] = []
    if supported and governor is not None and governor.pos_ == "NOUN":
        subjects = [m for m in owners_of(context, governor) if m.root != governor.i]  # "India's cutting of ..."
    elif supported and governor is not None:
        subjects, _ = subjects_of(context, governor)
        if not subjects and governor.dep_ == "acl" and governor.tag_ == "VBN" and entry.verbs:
            subjects = actors_of(context, governor.head)  # "the group, locked in a conflict with Ankara"
        if not subjects and entry.verbs and not any(c.dep_ == "agent" for c in governor.children):
            # "Houthi fighters were locked in fighting with the army": the passive subject is in the state
            subjects = [m for c in governor.children if c.dep_ == "nsubjpass" for m in actors_of(context, c)]
    if not subjects:
        subjects = [m for m in owners_of(context, noun) if m.root != noun.i] or _agent(context, noun)
    preps = [p for p in entry.preps if p and p != _BETWEEN]
    if relation is RelationType.SANCTIONS and any(
        gathering(o) for p in noun.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children
    ):
        return  # "a boycott of the CSTO summit"
    objects: list[ActorMention] = []
    for prep in preps:
        objects.extend(prep_objects(context, noun, prep))
        if supported and governor is not None:
            objects.extend(prep_objects(context, governor, prep))
    if not objects:  # "a suspension of air links with Serbia": the preposition sits on the "of" complement
        for of in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
            for complement in (p for p in of.children if p.dep_ == "pobj" and not context.is_actor(p)):
                for prep in preps:
                    objects.extend(prep_objects(context, complement, prep))
    objects = unique(objects)
    pool = between_participants(context, noun) if _BETWEEN in entry.preps else []
    if relation.symmetric and not pool and not entry.verbs:
        pool = _hyphen_pair(context, noun)  # "the Russia-Ukraine war", "the US-China talks"
    if relation.symmetric and not pool and not entry.verbs:
        pool = _participants(context, noun)  # "a meeting involving A, B and C", "talks attended by A and B"
    hosts = _hosts(context, noun) if relation.symmetric and not supported else []
    if hosts:  # "A and B signed a deal after talks hosted by C": C met both, and they met each other
        subjects = unique([*subjects, *hosts])
        pool = pool or _attendees(context, noun)
    pattern = Pattern.SUPPORT if supported else Pattern.BETWEEN if pool else Pattern.NOMINAL
    if subjects and not pool:
        context.events.append(
            Event(relation, noun.i, tuple(subjects), tuple(objects), noun.lemma_.lower(), clausal=supported)
        )
    if relation is RelationType.COOPERATES_WITH and supported and governor is not None and len(pool) > 1:
        mediators = [m for m in subjects if m.entity not in {p.entity for p in pool}]
        if governor.lemma_.lower() in _MEDIATING and mediators:
            # "C brokered an accord between A and B": C talked with both, A and B agreed and talked
            phrase = _phrase(noun, governor)
            yield from emit(relation, [], [], trigger=noun, trigger_text=phrase, pattern=pattern, symmetric_pool=pool)
            yield from emit(
                RelationType.CONSULTS_WITH,
                mediators,
                [],
                trigger=noun,
                trigger_text=phrase,
                pattern=pattern,
                symmetric_pool=pool,
            )
            return
    if relation.symmetric or entry.mutual:
        if len(unique([*subjects, *objects, *pool])) < 2:
            return
        if entry.mutual and not objects and len(subjects) < 2:
            return
        yield from emit(
            relation,
            subjects,
            objects,
            trigger=noun,
            trigger_text=_phrase(noun, governor if supported else None),
            pattern=pattern,
            symmetric_pool=pool,
            mutual=entry.mutual,
            distributive=supported and governor is not None and distributive(governor),
        )
        return
    if (
        not objects
        and relation in (RelationType.APPEALS_TO, RelationType.ACCUSES)
        and governor is not None
        and not supported
        and noun.dep_ in ("dobj", "nsubjpass")
    ):
        # "X rejected Y's demand (request, order, call)": the appeal was addressed to X;
        # "X denied Y's accusations": the accusation was made against X.
        if governor.lemma_.lower() in _DENYING or any(
            e.relation is RelationType.REJECTS for e in context.lexicon.verb_forms(governor.lemma_, governor.text)
        ):
            objects, _ = subjects_of(context, governor)
    if not objects and relation in (RelationType.APPEALS_TO, RelationType.ACCUSES):
        # "its demand that Burundi's government grant ...", "Sudan's accusation that Chad armed the rebels"
        objects = unique(
            m
            for clause in noun.children
            if clause.dep_ in ("acl", "ccomp")
            for c in clause.children
            if c.dep_ == "nsubj"
            for m in actors_of(context, c)
        )
    if not objects and relation is RelationType.THREATENS and supported and governor is not None:
        objects = response_targets(context, governor)  # "take countermeasures in response to X's accession"
    mutual = not objects and len(subjects) > 1 and _reciprocated(noun, governor if supported else None, preps)
    if subjects and (objects or mutual):
        yield from emit(
            relation,
            subjects,
            objects,
            trigger=_announced(noun, governor) if relation is RelationType.THREATENS and supported else noun,
            trigger_text=_phrase(noun, governor if supported else None),
            pattern=pattern,
            inverse=entry.inverse,
            mutual=mutual,
        )


def _announced(noun: Token, governor: Token | None) -> Token:
    """The speech verb announcing a threat ("said Russia would take countermeasures"): the threat is made when
    said; else the threat noun itself."""
    if (
        governor is not None
        and governor.dep_ == "ccomp"
        and is_speech_verb(governor.head)
        and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in governor.children)
        and not any(c.dep_ == "neg" for c in governor.children)
    ):
        return governor.head
    return noun


def _reciprocated(noun: Token, governor: Token | None, preps: list[str]) -> bool:
    """True when the prepositional object of the noun or its verb is reciprocal: "levies on each other's exports"."""
    holders = [noun] if governor is None else [noun, governor]
    return any(
        reciprocal(p)
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for p in prep.children
        if p.dep_ == "pobj"
    )


def _hyphen_pair(context: Context, noun: Token) -> list[ActorMention]:
    """The actors of a hyphenated compound before ``noun``: "the Russia-Ukraine war" (two or more, else none).

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kenya", "-", "Uganda", "talks"], [2, 2, 3, 3], ["compound", "punct", "compound", "ROOT"],
    ...                 pos=["PROPN", "PUNCT", "PROPN", "NOUN"],
    ...                 actors={0: (T.COUNTRY, "Kenya"), 2: (T.COUNTRY, "Uganda")})
    >>> [m.entity.name for m in _hyphen_pair(c, c.doc[3])]
    ['Kenya', 'Uganda']
    """
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i]
    tokens = sorted({t for m in modifiers for t in m.subtree if t.i < noun.i}, key=lambda t: t.i)
    if not any(t.tag_ == "HYPH" or t.text in ("-", "\u2013") for t in tokens):
        return []
    found = unique(m for t in tokens for m in context.at(t) if not m.pronoun)
    return found if len(found) >= 2 else []


def _participants(context: Context, noun: Token) -> list[ActorMention]:
    """The actors a participle after ``noun`` lists as taking part: "a meeting involving A, B and C",
    "talks bringing together A and B", "a summit attended by A and B" (two or more, else none).

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["talks", "involving", "Kenya", "and", "Uganda"], [0, 0, 1, 2, 2],
    ...                 ["ROOT", "acl", "dobj", "cc", "conj"], pos=["NOUN", "VERB", "PROPN", "CCONJ", "PROPN"],
    ...                 tags=["NNS", "VBG", "NNP", "CC", "NNP"], lemmas=["talk", "involve", "Kenya", "and", "Uganda"],
    ...                 actors={2: (T.COUNTRY, "Kenya"), 4: (T.COUNTRY, "Uganda")})
    >>> [m.entity.name for m in _participants(c, c.doc[0])]
    ['Kenya', 'Uganda']
    """
    found: list[ActorMention] = []
    for clause in noun.children:
        if clause.dep_ not in ("acl", "relcl") or clause.lemma_.lower() not in _TAKING_PART:
            continue
        if clause.tag_ == "VBN":
            found.extend(prep_objects(context, clause, "by"))
        else:
            found.extend(m for c in clause.children if c.dep_ == "dobj" for m in actors_of(context, c))
    found = unique(found)
    return found if len(found) >= 2 else []


def _hosts(context: Context, noun: Token) -> list[ActorMention]:
    """Who hosted or mediated the talks a noun names: "talks hosted by C"."""
    return unique(
        m
        for c in noun.children
        if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in _HOSTING
        for m in prep_objects(context, c, "by")
    )


def _attendees(context: Context, noun: Token) -> list[ActorMention]:
    """The parties to talks named as the setting of an agreement: "A and B signed a deal after talks ..."."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in _SETTINGS:
        return []
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    lexicon = context.lexicon
    agreeing = any(e.relation is not None and e.relation.symmetric for e in lexicon.verb_forms(verb.lemma_, verb.text))
    agreeing = agreeing or any(
        e.relation is not None and e.relation.symmetric
        for c in verb.children
        if c.dep_ == "dobj"
        for e in lexicon.nouns(c.lemma_)
    )
    return subjects_of(context, verb)[0] if agreeing else []


def _phrase(noun: Token, governor: Token | None) -> str:
    words = [noun.text] if governor is None else [governor.text, noun.text]
    preps = [c.text for c in noun.children if c.dep_ == "prep" and c.lower_ != "by"]
    return " ".join(words + preps[:1])


def find_nominal(context: Context) -> Iterator[Candidate]:
    """Relations triggered by a lexicon noun.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Iran", "'s", "condemnation", "of", "Israel"], [2, 0, 2, 2, 3],
    ...                 ["poss", "case", "ROOT", "prep", "pobj"], pos=["PROPN", "PART", "NOUN", "ADP", "PROPN"],
    ...                 actors={0: (T.COUNTRY, "Iran"), 4: (T.COUNTRY, "Israel")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_nominal(c)]
    [('Iran', 'accuses', 'Israel')]"""
    for noun in context.tokens:
        if noun.pos_ not in ("NOUN", "PROPN", "VERB") or context.is_actor(noun):
            continue
        if noun.pos_ == "VERB" and noun.tag_ != "VBG":
            continue
        entries = list(context.lexicon.nouns(noun.lemma_)) or list(context.lexicon.nouns(noun.lower_))
        if not entries:  # two-word triggers: "a protest note to X"
            entries = [
                e
                for c in noun.children
                if c.dep_ == "compound" and c.i == noun.i - 1
                for e in context.lexicon.nouns(f"{c.lemma_.lower()} {noun.lemma_.lower()}")
            ]
        governor = _governor(noun)
        if governor is not None and any(_verb_lemmas(governor) & set(e.verbs) for e in entries):
            # the entry naming this support verb wins: "suspended cooperation with X" is no cooperation
            entries = [e for e in entries if e.verbs]
        for entry in entries:
            yield from _entry_candidates(context, noun, entry)
