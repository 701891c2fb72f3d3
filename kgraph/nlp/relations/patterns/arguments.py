"""Arguments of a trigger: the actors a subject or object token stands for, and a verb's subjects.

An argument is an actor when a mention covers it; otherwise a noun stands for the actors
that own it ("Russia's demand", "Russian drones", "an Israeli army base", "ministers of A
and B", "two companies, A and B"), always multiplied over coordination.
"""

from __future__ import annotations

__all__ = [
    "actors_of",
    "clause_objects",
    "owners_of",
    "subjects_of",
    "prep_objects",
    "direct_objects",
    "is_passive",
    "antecedent",
    "names_people",
    "gathering",
    "reciprocal",
]

from dataclasses import replace

from spacy.tokens import Token

from kgraph.model import EntityType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.patterns.base import Context
from kgraph.nlp.relations.patterns.coordination import conjuncts, unique

# Nouns that stand for the body they come from: "ministers of A", "troops from B".
_REPRESENTATIVES = frozenset(
    """minister ministers representative representatives delegation delegations official officials envoy envoys
    diplomat diplomats leader leaders troops troop soldier soldiers fighter fighters force forces army armies
    military militaries government governments authority authorities negotiator negotiators delegate delegates
    member members team teams militant militants rebel rebels unit units group groups counterpart counterparts
    presidents premiers""".split()
)
# Participles whose hyphenated agent owns the noun: "a British-drafted resolution" is Britain's.
_AUTHORED = frozenset({"draft", "propose", "sponsor", "author", "write", "table", "submit", "broker", "put"})
# Nouns whose actor modifier is the body they belong to, not what they stand for: "NATO members".
_RELATIONAL = frozenset(
    """member members partner partners ally allies neighbour neighbours neighbor neighbors
    rival rivals enemy enemies adversary adversaries foe foes""".split()
)
# A single unnamed person described by an actor modifier: "a US official" is the named US official.
_PERSONS = frozenset(
    """official minister diplomat envoy spokesperson spokesman spokeswoman negotiator ambassador leader president
    chief secretary commander aide adviser advisor counterpart premier""".split()
)
# Nouns whose "in" complement is the state they serve: "his counterparts in both states".
_SERVING_IN = frozenset({"counterpart", "counterparts", "official", "officials", "minister", "ministers"})
_COUNTERPARTS = frozenset({"counterpart", "counterparts"})
# Reciprocal pronouns: "on one another's goods", "accused each other".
_RECIPROCALS = frozenset({("each", "other"), ("one", "another")})
# Nouns whose "of" complement is their owner: "positions of the Palestinian police", "the rights of Russia".
_OWNED = frozenset(
    """position positions base bases target targets stronghold strongholds facility facilities installation
    installations embassy embassies convoy convoys vessel vessels ship ships right rights interest interests
    proposal proposals plan plans initiative initiatives demand demands request requests territory
    act acts action actions conduct behaviour behavior policy policies decision decisions move moves activities
    practices provocation provocations tactics rhetoric remarks statement statements stance""".split()
)
# Place nouns named by their "of" complement: "the republic of Nakhichevan", "the city of Kharkiv".
_NAMED_BY_OF = frozenset(
    """republic city town village region province state island district port county territory""".split()
)
# Documents that speak for whoever issues them: "adopted a resolution calling on ...".
_DOCUMENTS = frozenset(
    """resolution resolutions statement declaration letter communique communiqué report document motion
    text bill decree appeal petition""".split()
)
# Ruling bodies that stand for the state they rule, also with "in": "the junta in Niamey".
_GOVERNING = frozenset(
    """junta juntas regime regimes government governments authorities administration leadership rulers
    cabinet""".split()
)
# Nouns naming a part of what their "of" complement names.
_PARTITIVE = frozenset({"part", "parts", "portion", "portions", "section", "sections", "rest", "remainder"})
# Participles that name where goods come from: "steel imported from China".
_SOURCED = frozenset({"import", "export", "ship", "make", "produce", "manufacture", "source", "originate", "send"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl", "pcomp", "acl"})
_MAX_DEPTH = 4


def antecedent(token: Token) -> Token | None:
    """The noun a relative pronoun refers to ("Rubio, who met Lavrov" -> Rubio).

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Ruto", ",", "who", "met", "Abiy"], [0, 0, 3, 0, 3],
    ...                 ["ROOT", "punct", "nsubj", "relcl", "dobj"],
    ...                 pos=["PROPN", "PUNCT", "PRON", "VERB", "PROPN"], lemmas=["Ruto", ",", "who", "meet", "Abiy"],
    ...                 actors={0: (T.PERSON, "Ruto"), 4: (T.PERSON, "Abiy")})
    >>> antecedent(c.doc[2]).text
    'Ruto'"""
    if token.lower_ not in _RELATIVE:
        return None
    clause = token.head
    while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ in ("relcl", "acl") and clause.head is not clause:
        return clause.head
    return None


def owners_of(context: Context, noun: Token, depth: int = 0) -> list[ActorMention]:
    """The actors a non-actor noun belongs to: possessor, actor modifiers, appositions.

    ``poss`` may be any actor; compound/adjective modifiers must not be plain places
    ("the Gaza ceasefire" is not Gaza's).

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Russian", "drones", "hit", "Kyiv"], [1, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj"],
    ...                 pos=["ADJ", "NOUN", "VERB", "PROPN"], lemmas=["russian", "drone", "hit", "Kyiv"],
    ...                 actors={0: (T.COUNTRY, "Russia"), 3: (T.COUNTRY, "Ukraine")})
    >>> [m.entity.name for m in owners_of(c, c.doc[1])]
    ['Russia']
    """
    found: list[ActorMention] = []
    if noun.lower_ in _PARTITIVE:  # "part of a Karen stronghold" is the stronghold's
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(m for p in prep.children if p.dep_ == "pobj" for m in actors_of(context, p, depth + 1))
        return unique(found)
    if noun.lower_ in _NAMED_BY_OF:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                found.extend(m for p in prep.children if p.dep_ == "pobj" for m in actors_of(context, p, depth + 1))
        if found:
            return unique(found)
    for child in noun.children:
        if child.dep_ == "appos" and context.is_actor(child):
            for conj in conjuncts(child):
                found.extend(context.at(conj))
    if found or noun.lower_ in _RELATIONAL:
        return unique(found)
    if noun.lower_ in _PERSONS and noun.lower_ not in _COUNTERPARTS:
        described = _described_person(context, noun)
        if described or noun.lower_ not in _SERVING_IN:
            return described
    for child in noun.children:
        if child.dep_ == "poss" and noun.lower_ in _COUNTERPARTS:
            continue  # "his counterparts" are not his
        if child.dep_ == "poss":
            found.extend(actors_of(context, child, depth + 1))
        elif child.dep_ == "amod" and child.tag_ == "VBN" and child.lemma_.lower() in _AUTHORED:
            for agent in child.children:
                if agent.i < child.i and context.is_actor(agent):
                    found.extend(context.at(agent))
        elif child.dep_ in ("compound", "amod", "nmod", "npadvmod") and child.i < noun.i:
            if context.is_actor(child):
                found.extend(m for m in context.at(child) if m.entity.type is not EntityType.LOCATION)
                for conj in child.conjuncts:
                    found.extend(m for m in context.at(conj) if m.entity.type is not EntityType.LOCATION)
            elif depth < 1 and child.pos_ in ("NOUN", "PROPN"):
                found.extend(owners_of(context, child, depth + 1))
    if not found:  # goods "imported from China" are China's: "tariffs on steel imported from China"
        for child in noun.children:
            if child.dep_ == "acl" and child.tag_ == "VBN" and child.lemma_.lower() in _SOURCED:
                found.extend(prep_objects(context, child, "from"))
    if not found:  # what actors did or made is theirs: "the step taken by X", "a communique that was issued by X",
        # "the pact signed between A and B"
        for child in noun.children:
            if (child.dep_ == "acl" and child.tag_ == "VBN") or (child.dep_ == "relcl" and is_passive(child)):
                found.extend(prep_objects(context, child, "by"))
                found.extend(prep_objects(context, child, "between"))
    if not found:  # "calls by Belarus", "an offer from Afghanistan", "ministers of A and B"
        preps = (
            ("of", "from", "by")
            if noun.lower_ in _REPRESENTATIVES or noun.lower_ in _OWNED or noun.lower_ in _PERSONS
            else ("from", "by")
        )
        if noun.lower_ in _GOVERNING or noun.lower_ in _SERVING_IN:
            preps = (*preps, "in")  # "the junta in Niamey" is Niger's government
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for mention in actors_of(context, pobj, depth + 1):
                        country = context.country_of(mention) if prep.lower_ == "in" else None
                        if prep.lower_ != "in" or mention.entity.type is not EntityType.LOCATION:
                            found.append(mention)
                        elif country is not None:
                            found.append(country)
    if not found and noun.dep_ == "appos" and context.is_actor(noun.head):
        found.extend(context.at(noun.head))
    return unique(found)


# Events people attend: boycotting or suspending them sanctions no one ("boycotted the CSTO summit").
_GATHERINGS = frozenset(
    """summit meeting talks talk conference session forum gathering election elections vote ceremony games olympics
    exercise exercises parade celebration celebrations event events assembly congress plenary""".split()
)


def gathering(noun: Token) -> bool:
    """True when ``noun`` names an event people attend ("the CSTO summit", "gatherings of the council").

    >>> import spacy
    >>> [gathering(t) for t in spacy.blank("en")("summit goods")]
    [True, False]
    """
    return noun.lower_ in _GATHERINGS or noun.lemma_.lower() in _GATHERINGS


def names_people(noun: Token) -> bool:
    """True when a common noun names people who stand for a body: "the Ethiopian prime minister", "negotiators".

    >>> import spacy
    >>> [names_people(t) for t in spacy.blank("en")("envoys met demands")]
    [True, False, False]
    """
    lower = noun.lower_
    return lower in _REPRESENTATIVES or lower in _PERSONS or lower in _GOVERNING


def reciprocal(token: Token) -> bool:
    """True when ``token`` is (or is owned by) a reciprocal pronoun: "each other", "one another's goods".

    >>> import spacy
    >>> doc = spacy.blank("en")("one another")
    >>> reciprocal(doc[1])
    False
    """
    candidates = [token, *(c for c in token.children if c.dep_ == "poss")]
    for word in candidates:
        if word.i > 0 and (word.doc[word.i - 1].lower_, word.lower_) in _RECIPROCALS:
            if any(c.i == word.i - 1 for c in word.children) or word.doc[word.i - 1].head in (word, word.head):
                return True
        # "accused [one] another": the first word heads the pair
        if any(c.i == word.i + 1 and (word.lower_, c.lower_) in _RECIPROCALS for c in word.children):
            return True
    return False


def _in_headline(context: Context, token: Token) -> bool:
    """True when ``token`` is in a first line that stands alone (a headline)."""
    start, end = context.sentence(token.i)
    return start == 0 and end < len(context.doc) and "\n" in context.doc[start:end].text_with_ws


def _described_person(context: Context, noun: Token) -> list[ActorMention]:
    """An unnamed official: in a headline the person the lead sentence names for that actor ("US official urges
    EU" over a lead naming the US official); elsewhere, or when the lead names none, the actor itself ("a British
    minister said")."""
    bodies = {m.entity for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod") for m in context.at(c)}
    if not bodies:
        return []
    if not _in_headline(context, noun):
        return unique(m for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod") for m in context.at(c))
    people = {
        r.subject
        for r in context.doc._.kg_relations or ()
        if r.object in bodies
        and r.relation.value in ("affiliatedWith", "leads")
        and r.subject.type is EntityType.PERSON
    }
    # A headline sums up its lead: the official it describes is the one person of that actor the lead
    # sentence (the first line of the body) names; a person named only further down, or two of them, is no
    # proof, and the headline stands for the actor.
    _, headline_end = context.sentence(noun.i)
    lead = context.sentence(headline_end) if headline_end < len(context.doc) else (headline_end, headline_end)
    named = {m.entity: m for m in context.mentions if lead[0] <= m.start < lead[1] and m.entity in people}
    if len(named) == 1 and not next(iter(named.values())).pronoun:
        mention = next(iter(named.values()))
        return [replace(mention, start=noun.left_edge.i, end=noun.i + 1, root=noun.i)]
    # no named person: "a British minister said" stands for the state
    return unique(m for c in noun.children if c.dep_ in ("compound", "amod", "poss", "nmod") for m in context.at(c))


def actors_of(context: Context, token: Token, depth: int = 0) -> list[ActorMention]:
    """The actors an argument token stands for, with its conjuncts.

    >>> import spacy
    >>> from kgraph.nlp.relations.lexicon import Lexicon
    >>> from kgraph.nlp.extensions import register_extensions
    >>> register_extensions()
    >>> doc = spacy.blank("en")("rain")
    >>> actors_of(Context.build(doc, Lexicon()), doc[0])
    []
    """
    if depth > _MAX_DEPTH:
        return []
    found: list[ActorMention] = []
    for conj in conjuncts(token):
        if context.is_actor(conj):
            found.extend(context.at(conj))
            continue
        head = antecedent(conj)
        if head is not None:
            found.extend(actors_of(context, head, depth + 1))
        elif conj.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
            found.extend(owners_of(context, conj, depth))
    return unique(found)


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("were hosted", "is led").

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kyiv", "was", "hit", "by", "Russia"], [2, 2, 2, 2, 3],
    ...                 ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"],
    ...                 actors={0: (T.COUNTRY, "Ukraine"), 4: (T.COUNTRY, "Russia")})
    >>> is_passive(c.doc[2]), [m.entity.name for m in prep_objects(c, c.doc[2], "by")]
    (True, ['Russia'])"""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _own_subjects(context: Context, verb: Token) -> list[ActorMention]:
    found: list[ActorMention] = []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # two subjects of one verb: the first is a dislocated head misparsed as one ("Somalia, whose president X
    # attended"); the one next to the verb does it
    stray = (
        {s.i for s in subjects[:-1]}
        if len(subjects) > 1 and "whose" in {t.lower_ for t in subjects[-1].subtree}
        else set()
    )
    for child in verb.children:
        if child.i in stray:
            continue
        if child.dep_ in _SUBJECT_DEPS and any(child.i in line for line in context.datelines):
            # "NAIROBI, Feb. 11 - Kenyan warplanes pounded ...": the dateline parsed as subject
            found.extend(m for c in child.children if c.dep_ == "appos" for m in actors_of(context, c))
        elif child.dep_ in _SUBJECT_DEPS and child.tag_ == "VBG" and not context.is_actor(child):
            # a reduced relative misparsed as the subject: "the Red Cross operating in Iraq said"
            found.extend(m for c in child.children if c.dep_ == "nsubj" for m in actors_of(context, c))
        elif child.dep_ in _SUBJECT_DEPS:
            found.extend(actors_of(context, child))
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(actors_of(context, pobj))
    return unique(found)


def subjects_of(context: Context, verb: Token, depth: int = 0) -> tuple[list[ActorMention], bool]:
    """The actors doing ``verb`` and whether they were inherited from a governing verb.

    Passive verbs take the ``by`` agent. A verb with no subject of its own takes its
    governor's: control ("agreed to extend"; "urged X to act" gives X), coordinated
    verbs ("rejected ... and warned"), participles ("expelled ..., accusing Minsk").

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Ruto", ",", "who", "met", "Abiy"], [0, 0, 3, 0, 3],
    ...                 ["ROOT", "punct", "nsubj", "relcl", "dobj"],
    ...                 pos=["PROPN", "PUNCT", "PRON", "VERB", "PROPN"], lemmas=["Ruto", ",", "who", "meet", "Abiy"],
    ...                 actors={0: (T.PERSON, "Ruto"), 4: (T.PERSON, "Abiy")})
    >>> [m.entity.name for m in subjects_of(c, c.doc[3])[0]]
    ['Ruto']
    """
    own = _own_subjects(context, verb)
    has_subject = any(c.dep_ in _SUBJECT_DEPS or c.dep_ == "agent" for c in verb.children)
    if own or has_subject or depth >= _MAX_DEPTH:
        return own, depth > 0
    head = verb.head
    if head is verb:
        return [], False
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ != "VBN"):
        # "Rubio, who met Lavrov"; reduced relatives "troops attacking Kyiv", "Rusu ... called on"
        found = actors_of(context, head)
        if not found and head.lower_ in _DOCUMENTS and head.dep_ == "dobj" and head.head.pos_ == "VERB":
            # "the council adopted a resolution calling on X": the document speaks for its author
            found, _ = subjects_of(context, head.head, depth + 1)
        return found, True
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
        controllers = direct_objects(context, head) if head.pos_ in ("VERB", "AUX") else []
        if not controllers and head.pos_ in ("VERB", "AUX") and is_passive(head):
            # "Iran was accused by Israel of arming X": Iran arms
            controllers = [m for c in head.children if c.dep_ == "nsubjpass" for m in actors_of(context, c)]
        if controllers:  # "accused Rwanda of backing ...": Rwanda backs
            return controllers, True
    elif verb.dep_ not in _INHERIT_DEPS:
        return [], False
    if head.pos_ not in ("VERB", "AUX"):
        return [], False
    if verb.dep_ == "xcomp":
        controllers = direct_objects(context, head)
        if controllers:
            return controllers, True
    found, _ = subjects_of(context, head, depth + 1)
    return found, True


def direct_objects(context: Context, verb: Token) -> list[ActorMention]:
    """The actors in ``verb``'s direct object (or dative) slot; a relative pronoun object gives its antecedent.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Russian", "drones", "hit", "Kyiv"], [1, 2, 2, 2], ["amod", "nsubj", "ROOT", "dobj"],
    ...                 pos=["ADJ", "NOUN", "VERB", "PROPN"], lemmas=["russian", "drone", "hit", "Kyiv"],
    ...                 actors={0: (T.COUNTRY, "Russia"), 3: (T.COUNTRY, "Ukraine")})
    >>> [m.entity.name for m in direct_objects(c, c.doc[2])]
    ['Ukraine']"""
    found: list[ActorMention] = []
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "oprd"):
            found.extend(actors_of(context, child))
    return unique(found)


def prep_objects(context: Context, head: Token, prep: str) -> list[ActorMention]:
    """Actors introduced by preposition (or particle) ``prep`` under ``head``.

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["Kyiv", "was", "hit", "by", "Russia"], [2, 2, 2, 2, 3],
    ...                 ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"], pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"],
    ...                 actors={0: (T.COUNTRY, "Ukraine"), 4: (T.COUNTRY, "Russia")})
    >>> [m.entity.name for m in prep_objects(c, c.doc[2], "by")]
    ['Russia']"""
    found: list[ActorMention] = []
    for child in head.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ == prep:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found.extend(actors_of(context, pobj))
        elif child.dep_ == "prt" and child.lower_ == prep:
            found.extend(direct_objects(context, head))
    return unique(found)


def clause_objects(context: Context, clause: Token) -> list[ActorMention]:
    """The actors a clause acts on: its objects and prepositional objects ("to cut off electricity to X").

    >>> from kgraph.model import EntityType as T
    >>> from kgraph.nlp.relations.patterns.base import hand_parsed
    >>> c = hand_parsed(["cut", "power", "to", "Armenia"], [0, 0, 0, 2], ["ROOT", "dobj", "prep", "pobj"],
    ...                 pos=["VERB", "NOUN", "ADP", "PROPN"], actors={3: (T.COUNTRY, "Armenia")})
    >>> [m.entity.name for m in clause_objects(c, c.doc[0])]
    ['Armenia']"""
    found: list[ActorMention] = list(direct_objects(context, clause))
    holders = [clause, *(c for c in clause.children if c.dep_ == "dobj" and not context.is_actor(c))]
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ in ("prep", "dative") and prep.lower_ not in (
                "by",
                "of",
                "for",
                "since",
                "during",
                "after",
                "before",
            ):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found.extend(actors_of(context, pobj))
    return unique(found)
