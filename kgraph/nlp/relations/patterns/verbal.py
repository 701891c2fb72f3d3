"""Verbal triggers: active and passive clauses, phrasal and prepositional objects, control,
coordination on either side, relative clauses, and unmapped verbs between two actors (``relatedTo``)."""

from __future__ import annotations

__all__ = ["find_verbal", "emit", "response_targets"]

from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Token

from kgraph.model import EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import DIRECT_OBJECT, LexiconEntry
from kgraph.nlp.relations.patterns.arguments import (
    actors_of,
    clause_objects,
    direct_objects,
    gathering,
    is_passive,
    names_people,
    prep_objects,
    reciprocal,
    subjects_of,
)
from kgraph.nlp.relations.patterns.base import Candidate, Context, Event, Pattern
from kgraph.nlp.relations.patterns.coordination import capped, conjuncts, ordered_pairs, pairs, unique
from kgraph.nlp.relations.speech import is_speech_verb

# Verbs between two actors that state no relation of their own (speech, copulas, light verbs).
_NOT_RELATED = frozenset(
    """be have do say tell report add state write claim announce note insist deny include involve become call name
    describe see know think believe expect hope want need seem appear make let get go come take use find give keep count
    show consider remain urge list quote cite ask reply respond comment confirm acknowledge stress reiterate
    regard view deem treat""".split()
)


# Objects that make a transfer verb a message, not aid: "delivered a speech to".
_MESSAGES = frozenset(
    """speech message letter note statement address remarks briefing report signal warning greeting
    invitation proposal request""".split()
)
# Places at a country's edge: troops sent there do not aid that country.
_FRONTIERS = frozenset({"border", "borders", "frontier", "frontiers", "boundary", "coast", "doorstep", "flank"})
# Nouns of a charge made against someone: rejecting one is denying it.
_CHARGES = frozenset({"claim", "charge", "report", "suggestion", "assertion", "accusation", "allegation", "criticism"})
# Auxiliaries of an announced future ("said it would retaliate").
_WILL = frozenset({"will", "would", "'ll", "shall"})
# Nouns of a reaction whose "to"/"for" complement names what is reacted to: "in response to X's accession".
_RESPONSES = frozenset({"response", "retaliation", "reply", "answer", "reprisal"})
# Conjunctions of the condition a threat sets.
_CONDITIONS = frozenset({"unless", "if"})
# Nouns naming news outlets and their staff: speaking to them is no consultation.
_PRESS = frozenset(
    """broadcaster newspaper daily outlet channel television tv radio network magazine website station reporter
    journalist correspondent press media interviewer""".split()
)
# Words saying that coordinated subjects acted each on their own: "A and B each signed a deal with C".
_DISTRIBUTIVE = frozenset({"each", "separately", "individually"})
# Acts one demands of their agent, named by "of": "the withdrawal of X's troops" (not "the release of",
# whose "of" names the released).
_DEMANDED_ACTS = frozenset(
    """withdrawal pullout pull-out departure retreat resignation surrender disarmament meeting session""".split()
)
# Relations whose target may sit in a complement clause.
_ACT_THROUGH_CLAUSE = frozenset({RelationType.THREATENS, RelationType.REJECTS, RelationType.APPEALS_TO})


def _tokens(*groups: Sequence[ActorMention], extra: Sequence[int] = ()) -> tuple[int, ...]:
    indices = {i for group in groups for m in group for i in (m.start, m.end - 1)}
    return tuple(sorted(indices | set(extra)))


def emit(
    relation: RelationType,
    subjects: Sequence[ActorMention],
    objects: Sequence[ActorMention],
    *,
    trigger: Token,
    trigger_text: str,
    pattern: Pattern,
    symmetric_pool: Sequence[ActorMention] = (),
    inverse: bool = False,
    mutual: bool = False,
    distributive: bool = False,
    extra: Sequence[int] = (),
) -> Iterator[Candidate]:
    """Multiply one trigger over its coordinated arguments.

    Symmetric relations pair every two participants (subjects, objects and ``symmetric_pool``),
    the first-mentioned first, or, when ``distributive`` ("A and B each signed a deal with C"),
    only each subject with each other participant; ``mutual`` directed relations hold both ways;
    ``inverse`` swaps subject and object. A directed relation never runs from a subject to an
    actor of its own subject group: "A and B suspended their participation" sanctions no one.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kenya", "hit", "Uganda"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
    ...                 pos=["PROPN", "VERB", "PROPN"],
    ...                 actors={0: (T.COUNTRY, "Kenya"), 2: (T.COUNTRY, "Uganda")})
    >>> kenya, uganda = c.mentions
    >>> [x.object.name for x in emit(RelationType.ATTACKS, [kenya], [uganda], trigger=c.doc[1], trigger_text="hit",
    ...                              pattern=Pattern.ACTIVE, inverse=True)]
    ['Kenya']
    """
    if inverse:
        subjects, objects = objects, subjects
    doc = trigger.doc
    subjects, objects = capped(subjects, doc), capped(objects, doc)
    chosen: Iterable[tuple[ActorMention, ActorMention]]
    if relation.symmetric:
        participants = capped([*subjects, *objects, *symmetric_pool], doc)
        others = capped([*objects, *symmetric_pool], doc)
        chosen = (
            pairs(participants)
            if not distributive or not others
            else ((s, o) for s in unique(subjects) for o in others if s.entity != o.entity)
        )
    elif mutual:  # "A and B exchanged fire"; "A exchanged fire with B" (not A with its own allies)
        chosen = (
            ordered_pairs([*subjects, *objects])
            if not objects
            else (
                pair
                for s in unique(subjects)
                for o in unique(objects)
                if s.entity != o.entity
                for pair in ((s, o), (o, s))
            )
        )
    else:  # directed: never from a subject to an actor of its own subject group
        own = {s.entity for s in subjects}
        chosen = ((s, o) for s in unique(subjects) for o in unique(objects) if o.entity not in own)
    for first, second in chosen:
        yield Candidate(
            first.entity,
            relation,
            second.entity,
            trigger.i,
            trigger_text,
            _tokens([first, second], extra=(trigger.i, *extra)),
            pattern,
        )


def _objects(context: Context, verb: Token, entry: LexiconEntry, passive_with_agent: bool) -> list[ActorMention]:
    found: list[ActorMention] = []
    for prep in entry.preps:
        if prep == DIRECT_OBJECT:
            if verb.dep_ == "acl" and verb.tag_ == "VBN" and not context.is_actor(verb):
                found.extend(actors_of(context, verb.head))  # "the resolution drafted by Britain"
            if passive_with_agent:
                for child in verb.children:
                    if child.dep_ == "nsubjpass":
                        found.extend(actors_of(context, child))
            else:
                found.extend(direct_objects(context, verb))
        else:
            found.extend(prep_objects(context, verb, prep))
            for child in verb.children:
                if child.dep_ in ("dobj", "nsubjpass") and not context.is_actor(child):
                    found.extend(prep_objects(context, child, prep))
    return unique(found)


def _phrase(verb: Token, entry: LexiconEntry) -> str:
    preps = [c.text for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ in entry.preps]
    return " ".join([verb.text, *preps[:1]])


def _beneficiaries(context: Context, verb: Token) -> list[ActorMention]:
    """Whom aid is for, from a purpose clause: "provided funds to repair Ukraine's grid"."""
    found: list[ActorMention] = []
    for clause in verb.children:
        if clause.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            found.extend(direct_objects(context, clause))
    return unique(found)


def _target_country(context: Context, verb: Token) -> list[ActorMention]:
    """The country a struck object lies in: "struck a refinery in Russia's Samara region" -> Russia."""
    found: list[ActorMention] = []
    struck = [c for c in verb.children if c.dep_ == "dobj" and not context.is_actor(c)]
    aimed = [
        p
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in ("at", "on", "against")
        for p in c.children
        if p.dep_ == "pobj" and not context.is_actor(p)
    ]
    for holder in (*struck, *aimed, verb):
        for place in prep_objects(context, holder, "in"):
            if place.entity.type is not EntityType.LOCATION:
                found.append(place)
                continue
            owners = [m for c in context.doc[place.root].children if c.dep_ == "poss" for m in context.at(c)]
            owners = [m for m in owners if m.entity.type is not EntityType.LOCATION]
            country = context.country_of(place)
            found.extend(owners or ([country] if country is not None else [place]))
    return unique(found)


def _clause_targets(
    context: Context, verb: Token, relation: RelationType, subjects: Sequence[ActorMention] = ()
) -> list[ActorMention]:
    """Whom a threat, refusal or appeal is about when the verb takes a clause.

    "threatened to cut off electricity to X" / "refused to meet X" act on X;
    "demanded that X withdraw" / "urged that X act" address X.
    """
    found: list[ActorMention] = []
    for clause in verb.children:
        if clause.dep_ == "xcomp" and relation is RelationType.THREATENS:
            found.extend(clause_objects(context, clause))
        elif clause.dep_ == "xcomp" and relation is RelationType.REJECTS:
            # "refused to meet X", "refused to allow UN planes to land"; not "refused to comment on X"
            lexical = bool(context.lexicon.verb_forms(clause.lemma_, clause.text))
            found.extend(clause_objects(context, clause) if lexical else direct_objects(context, clause))
        elif clause.dep_ == "ccomp" and relation is RelationType.APPEALS_TO and not _asked(verb, clause):
            found.extend(m for c in clause.children if c.dep_ == "nsubj" for m in actors_of(context, c))
        elif clause.dep_ == "ccomp" and relation is RelationType.THREATENS and subjects:
            # "warned that its police would not tolerate rallies by X": what the warner's own side will do to X;
            # "warned that Russia could test NATO" is a warning about others, no threat
            own = {m.entity for m in subjects}
            doers = [m for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") for m in actors_of(context, c)]
            if all(m.entity in own for m in doers):
                found.extend(m for m in clause_objects(context, clause) if m.entity not in own)
    if not found and relation is RelationType.THREATENS:
        found.extend(response_targets(context, verb))
    if not found and relation is RelationType.THREATENS:
        # "threatened to strike unless Israel withdrew": the condition names whom the threat is against
        holders = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]
        for condition in (c for h in holders for c in h.children if c.dep_ == "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in _CONDITIONS for m in condition.children):
                found.extend(m for c in condition.children if c.dep_ == "nsubj" for m in actors_of(context, c))
    return unique(found)


def response_targets(context: Context, verb: Token) -> list[ActorMention]:
    """Whom a reaction answers: "take countermeasures in response to Finland's accession" -> Finland.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["act", "in", "response", "to", "Chad"], [0, 0, 1, 2, 3],
    ...                 ["ROOT", "prep", "pobj", "prep", "pobj"],
    ...                 pos=["VERB", "ADP", "NOUN", "ADP", "PROPN"], actors={4: (T.COUNTRY, "Chad")})
    >>> [m.entity.name for m in response_targets(c, c.doc[0])]
    ['Chad']
    """
    found: list[ActorMention] = []
    holders = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "dobj"))]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "as"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in _RESPONSES:
                    found.extend(prep_objects(context, noun, "to"))
                    found.extend(prep_objects(context, noun, "for"))
    return unique(found)


def _dealings(context: Context, verb: Token) -> list[ActorMention]:
    """The other party of dealings refused: "ruled out talks with Russia", "rejected any deal with Hamas"."""
    found: list[ActorMention] = []
    for noun in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and not context.is_actor(c)):
        for entry in context.lexicon.nouns(noun.lemma_):
            if entry.relation is not None and entry.relation.symmetric:
                for prep in entry.preps:
                    if prep and prep != "between":
                        found.extend(prep_objects(context, noun, prep))
                        found.extend(prep_objects(context, verb, prep))  # "rejected any deal [with Hamas]"
    return unique(found)


def _denial(context: Context, verb: Token) -> bool:
    """True when a verb's object is a charge: an accusation noun of the lexicon, or a claim or report."""
    return any(
        c.dep_ == "dobj"
        and (
            c.lemma_.lower() in _CHARGES
            or any(e.relation is RelationType.ACCUSES for e in context.lexicon.nouns(c.lemma_))
        )
        for c in verb.children
    )


def _asked(verb: Token, clause: Token) -> bool:
    """True when a clause is a question put, not an act asked for: "'Has X done it?' Y asked", "asked whether X"."""
    if clause.i < verb.i:
        return True  # quoted speech before the verb: "..., Mohammed asked"
    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in clause.children):
        return True
    subjects = [c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and any(c.dep_ == "aux" and c.i < min(subjects) for c in clause.children)


def _demanded_agents(context: Context, verb: Token) -> list[ActorMention]:
    """Who is to do a demanded act: "demanded the withdrawal of Russian forces from X" addresses Russia, not X."""
    found: list[ActorMention] = []
    for noun in verb.children:
        if noun.dep_ == "dobj" and noun.lemma_.lower() in _DEMANDED_ACTS:
            found.extend(prep_objects(context, noun, "of"))
    return unique(found)


def _opposed(context: Context, verb: Token) -> bool:
    """True when the verb has a target ("fought against C", "fought C"): its coordinated subjects act together."""
    targeting = any(
        DIRECT_OBJECT in e.preps and e.relation is not None and not e.relation.symmetric
        for e in context.lexicon.verb_forms(verb.lemma_, verb.text)
    )
    return bool(targeting and direct_objects(context, verb)) or any(
        prep_objects(context, verb, prep) for prep in ("against", "on", "at")
    )


def _phrasal(context: Context, verb: Token) -> Sequence[LexiconEntry]:
    """The entries of a phrasal verb with its particle: "hit out at X" criticises, "hit X" attacks; an adverb
    right after the verb counts as its particle when the pair is in the lexicon ("brushed aside" rejects)."""
    for particle in verb.children:
        if particle.dep_ == "prt" or (particle.dep_ == "advmod" and particle.i == verb.i + 1):
            found = context.lexicon.verbs(f"{verb.lemma_.lower()} {particle.lower_}")
            if found:
                return found
    return ()


def _governed(verb: Token, entry: LexiconEntry) -> bool:
    """True when ``verb`` is the complement of one of the entry's governing verbs ("vowed to retaliate"), or,
    for a threat, the future its speaker announces ("said it would retaliate against X", "warned it will respond")."""
    if verb.head is verb:
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in entry.verbs:
        return True
    return (
        entry.relation is RelationType.THREATENS
        and verb.dep_ == "ccomp"
        and is_speech_verb(verb.head)
        and any(c.dep_ == "aux" and c.lower_ in _WILL for c in verb.children)
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def distributive(verb: Token) -> bool:
    """True when the subjects of ``verb`` act each on their own ("A and B each signed", "signed separately").

    >>> import spacy
    >>> distributive(spacy.blank("en")("signed")[0])
    False
    """
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(c.lower_ in _DISTRIBUTIVE and c.dep_ in ("advmod", "npadvmod", "appos") for c in verb.children) or any(
        c.lower_ == "each" and c.dep_ in ("appos", "advmod", "det", "amod") for s in subjects for c in s.children
    )


def _handled_things(context: Context, verb: Token) -> list[Token]:
    """What a verb handles when it is not an actor: its object, passive subject or the noun it modifies."""
    things = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        things.append(verb.head)  # "the statement, signed by A and B"
    elif verb.dep_ == "advcl" and verb.tag_ == "VBN" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        things.extend(c for c in verb.head.children if c.dep_ == "nsubj")  # "the statement came out, signed by A"
    return [t for t in things if not context.is_actor(t) and t.pos_ in ("NOUN", "PROPN")]


def _other_business(context: Context, verb: Token, entry: LexiconEntry) -> bool:
    """True when a meeting or signing verb handles something that is neither an actor nor its own kind of event.

    "A and B signed a statement", "the statement was signed by A and B", "met the deadline",
    "visited a factory": no consultation or cooperation (an agreement or talks noun, or people who stand
    for a body, keep it: "signed a pact", "hosted the summit", "met Kenyan officials").
    """
    if entry.relation is None or not entry.relation.symmetric:
        return False
    for thing in _handled_things(context, verb):
        if names_people(thing) or reciprocal(thing):
            continue
        kinds = {e.relation for e in context.lexicon.nouns(thing.lemma_)}
        if entry.relation not in kinds:
            return True
    return False


def _press(context: Context, mention: ActorMention) -> bool:
    """True when a mention is described as a news outlet or its staff: "broadcaster RBK", "the BBC's reporter"."""
    root = context.doc[mention.root]
    words = [root, *(c for c in root.children if c.dep_ in ("compound", "appos", "amod", "nmod"))]
    if root.dep_ in ("appos", "compound"):
        words.append(root.head)
    if any(w.lemma_.lower() in _PRESS for w in words):
        return True
    from kgraph.nlp.actors.gazetteer import load_gazetteer

    entry = load_gazetteer().entry(mention.entity.type, mention.entity.name)
    return entry is not None and entry.kind in _PRESS  # the gazetteer knows "BBC" as a broadcaster


def _reciprocated(context: Context, verb: Token, entry: LexiconEntry) -> bool:
    """True when the entry's object slot is a reciprocal: "accused each other", "hit one another's positions"."""
    slots = [c for c in verb.children if c.dep_ == "dobj"] if DIRECT_OBJECT in entry.preps else []
    slots += [
        p
        for prep in verb.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in entry.preps
        for p in prep.children
        if p.dep_ == "pobj"
    ]
    return any(reciprocal(t) for t in slots)


def _passive_subjects(context: Context, verb: Token) -> list[ActorMention]:
    return unique(m for c in verb.children if c.dep_ == "nsubjpass" for m in actors_of(context, c))


def find_verbal(context: Context) -> Iterator[Candidate]:
    """Relations triggered by a lexicon verb, or ``relatedTo`` for an unmapped verb between two actors.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kenya", "met", "Uganda"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
    ...                 pos=["PROPN", "VERB", "PROPN"],
    ...                 lemmas=["Kenya", "meet", "Uganda"], actors={0: (T.COUNTRY, "Kenya"), 2: (T.COUNTRY, "Uganda")})
    >>> [(x.subject.name, x.relation.value, x.object.name) for x in find_verbal(c)]
    [('Kenya', 'consultsWith', 'Uganda')]"""
    for verb in context.tokens:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() == "be":
            continue
        entries = _phrasal(context, verb) or context.lexicon.verb_forms(verb.lemma_, verb.text)
        if not entries:
            yield from _unmapped(context, verb)
            continue
        passive = is_passive(verb)
        agent = any(c.dep_ == "agent" for c in verb.children)
        subjects, inherited = subjects_of(context, verb)
        if context.lexicon.is_support(verb.lemma_) and any(
            c.dep_ == "dobj" and context.lexicon.nouns(c.lemma_) for c in verb.children
        ):
            continue  # "gave a warm welcome to", "issued a warning": the noun decides
        relative = verb.dep_ == "relcl"
        pattern = (
            Pattern.PASSIVE
            if passive
            else Pattern.RELATIVE
            if relative
            else Pattern.INHERITED
            if inherited
            else Pattern.ACTIVE
        )
        recorded = False
        object_nouns = {e.relation for c in verb.children if c.dep_ == "dobj" for e in context.lexicon.nouns(c.lemma_)}
        said = any(c.dep_ == "dobj" and c.lemma_.lower() in _MESSAGES for c in verb.children)
        for entry in entries:
            assert entry.relation is not None
            if entry.relation is RelationType.REJECTS and _denial(context, verb):
                continue  # "rejected Congo's accusations": denying a charge is no rejection (the guide's rule 3)
            if entry.verbs and not _governed(verb, entry):
                continue  # "retaliate" threatens only when vowed: "vowed to retaliate against X"
            if (
                entry.preps != (DIRECT_OBJECT,)
                and entry.relation is not RelationType.APPEALS_TO  # "sought help from X": help is what is asked
                and entry.relation is not RelationType.REJECTS  # "turned down X's request": the request is refused
                and ((object_nouns and entry.relation not in object_nouns) or said)
            ):
                continue  # "received a call from", "delivered a speech to": the object noun says what happened
            entry_subjects = subjects
            if passive and not agent:
                if entry.preps == (DIRECT_OBJECT,):
                    continue
                entry_subjects = _passive_subjects(context, verb)
            objects = _objects(context, verb, entry, passive and agent)
            if entry.relation is RelationType.APPEALS_TO and not passive:
                objects = _demanded_agents(context, verb) or objects
            if (DIRECT_OBJECT in entry.preps or not objects) and _other_business(context, verb, entry):
                continue
            if entry.relation is RelationType.CONSULTS_WITH:
                objects = [m for m in objects if not _press(context, m)]  # "speaking to broadcaster RBK"
            if entry.relation is RelationType.SANCTIONS and any(
                gathering(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
            ):
                continue  # "boycotted the CSTO summit": staying away from a meeting sanctions no one
            if entry.relation is RelationType.AIDS:
                # "sent troops to the Ukrainian border" is no help to Ukraine
                objects = [m for m in objects if context.doc[m.root].head.lemma_.lower() not in _FRONTIERS]
            if not objects and entry.relation is RelationType.AIDS:
                objects = _beneficiaries(context, verb)
            if not objects and entry.relation is RelationType.ATTACKS:
                objects = _target_country(context, verb)
            if not objects and entry.relation in _ACT_THROUGH_CLAUSE:
                objects = _clause_targets(context, verb, entry.relation, entry_subjects)
            if not objects and entry.relation is RelationType.REJECTS:
                objects = _dealings(context, verb)
            if entry.verbs:
                yield from emit(
                    entry.relation,
                    entry_subjects,
                    objects,
                    trigger=verb.head,
                    trigger_text=f"{verb.head.text} to {_phrase(verb, entry)}",
                    pattern=Pattern.INHERITED,
                    inverse=entry.inverse,
                    extra=(verb.i,),
                )
                continue
            if entry_subjects and not recorded:
                context.events.append(
                    Event(entry.relation, verb.i, tuple(entry_subjects), tuple(objects), verb.lemma_.lower())
                )
                recorded = True
            mutual = entry.mutual or (not objects and _reciprocated(context, verb, entry))
            if not objects and not (entry.relation.symmetric or mutual):
                continue
            if not objects and len(unique(entry_subjects)) < 2:
                continue
            if not objects and _opposed(context, verb):
                continue  # "A and B fought against C": A and B are on one side
            yield from emit(
                entry.relation,
                entry_subjects,
                objects,
                trigger=verb,
                trigger_text=_phrase(verb, entry),
                pattern=pattern,
                inverse=entry.inverse,
                mutual=mutual,
                distributive=distributive(verb),
            )
            if entry.relation is RelationType.LEADS and not entry.inverse:
                # heading an organisation is working for it ("who chairs the ruling party")
                bodies = [o for o in objects if o.entity.type is EntityType.ORGANIZATION]
                yield from emit(
                    RelationType.AFFILIATED_WITH,
                    entry_subjects,
                    bodies,
                    trigger=verb,
                    trigger_text=_phrase(verb, entry),
                    pattern=pattern,
                )


def _unmapped(context: Context, verb: Token) -> Iterator[Candidate]:
    if verb.lemma_.lower() in _NOT_RELATED or verb.pos_ != "VERB" or is_passive(verb):
        return
    dobjs = [c for c in verb.children if c.dep_ == "dobj"]
    if not dobjs or any(context.lexicon.nouns(c.lemma_) for c in dobjs):
        return
    subjects, inherited = subjects_of(context, verb)
    if inherited:
        return
    # only actors named as the object itself (not owners: "recognise Kosovo's independence"), never places
    objects = unique(
        m
        for child in verb.children
        if child.dep_ == "dobj"
        for conj in conjuncts(child)
        for m in context.at(conj)
        if not m.pronoun and m.entity.type is not EntityType.LOCATION
    )
    subjects = [m for m in subjects if not m.pronoun and m.entity.type is not EntityType.LOCATION]
    yield from emit(
        RelationType.RELATED_TO, subjects, objects, trigger=verb, trigger_text=verb.text, pattern=Pattern.UNMAPPED
    )
