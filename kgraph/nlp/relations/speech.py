"""Reported speech: who says the clause a trigger is in, and whether that speaker speaks for the actor.

A clause is reported when it is the content (``ccomp``/``parataxis``/``xcomp``) of a speech
verb ("Kyiv said Russian troops shelled Kharkiv"), when a speech clause is attached to it
("Russian troops shelled Kharkiv, Kyiv said"), when it carries "according to X", or when it
is the charge of an accusation ("accused Rwanda of backing the M23"). The relation layer keeps
such a relation asserted only when the speaker is its subject or speaks for it, reports a joint
act of its own side, or is the press (a news agency or paper, unless it is a party's state
media) (see :func:`attribute`). Cue words live in ``kgraph/nlp/data/speech.json``.
"""

from __future__ import annotations

__all__ = [
    "SpeechLexicon",
    "load_speech_lexicon",
    "is_speech_verb",
    "speaker_mentions",
    "reporting_speakers",
    "reporting_speaker",
    "speaks_for",
    "attribute",
    "voiced_states",
    "as_state",
]

from dataclasses import replace

from spacy.tokens import Doc, Token

from kgraph.model import EntityRef, EntityType, Modality, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.cues import SpeechLexicon, load_speech_lexicon
from kgraph.nlp.relations.modality import detached_clause, governing_verb, modality_of

_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})
_ATTACHED_DEPS = frozenset({"parataxis", "ccomp", "advcl"})
_NAME_PARTS = frozenset({"compound", "amod", "poss", "nmod", "npadvmod"})
_SPEAKS_FOR = frozenset({RelationType.LEADS, RelationType.AFFILIATED_WITH})
# People who speak for the state of the place they are in ("officials in Bamako"), besides the voice words.
_PEOPLE = frozenset({"authority", "source", "diplomat", "officer", "minister", "leader"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def is_speech_verb(token: Token, lexicon: SpeechLexicon | None = None) -> bool:
    """True for a verb of saying ("said", "told", "wrote", "claimed", ...).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["Kyiv", "said"], pos=["PROPN", "VERB"], lemmas=["Kyiv", "say"])
    >>> is_speech_verb(doc[1])
    True
    """
    lexicon = lexicon or load_speech_lexicon()
    return token.pos_ in {"VERB", "AUX"} and _lemma(token) in lexicon.speech_verbs


def _mentions_at(token: Token, index: dict[int, ActorMention]) -> list[ActorMention]:
    """Every mention over the token's span: a plural anaphor ("the two governments") has one per actor."""
    first = index[token.i]
    same = [m for m in token.doc._.kg_mentions or () if (m.start, m.end) == (first.start, first.end)]
    return same or [first]


def _phrase_mentions(token: Token, index: dict[int, ActorMention], lexicon: SpeechLexicon) -> list[ActorMention]:
    """The actors a noun phrase names: its head, an apposition, a name part ("Israeli military"), "of X"."""
    found: list[ActorMention] = []
    if token.i in index:
        found.extend(_mentions_at(token, index))
    else:
        parts = [c for c in token.children if c.dep_ == "appos"]
        parts += [c for c in token.children if c.dep_ in _NAME_PARTS]
        for part in parts:
            found.extend(_phrase_mentions(part, index, lexicon))
            if found:
                break
        if not found:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in lexicon.speaker_prepositions:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found.extend(_phrase_mentions(obj, index, lexicon))
        if not found:
            found.extend(_posted_in(token, index))
    for conj in token.children:
        if conj.dep_ == "conj":
            found.extend(_phrase_mentions(conj, index, lexicon))
    unique: dict[tuple[int, int, EntityRef], ActorMention] = {}
    for mention in found:
        unique.setdefault((mention.start, mention.end, mention.entity), mention)
    return list(unique.values())


def _posted_in(token: Token, index: dict[int, ActorMention]) -> list[ActorMention]:
    """The state of the place a voice speaks from: "officials in Bamako" speak for Mali.

    Only the people and offices of a place speak for its state ("officials in Bamako", "a
    spokesman in Kyiv"); a place gives the country the gazetteer puts it in, a country itself.
    """
    if token.lower_ not in load_speech_lexicon().voice_words and token.lemma_.lower() not in _PEOPLE:
        return []
    found: list[ActorMention] = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.i in index:
                states = (as_state(m, token.doc) for m in _mentions_at(obj, index))
                found.extend(m for m in states if m is not None)
    return found


def as_state(mention: ActorMention, doc: Doc) -> ActorMention | None:
    """A country mention as is; a place mention as the country the gazetteer puts it in; else ``None``.

    >>> import spacy
    >>> from kgraph.nlp.extensions import EntityInfo, register_extensions
    >>> register_extensions()
    >>> doc = spacy.blank("en")("Bamako")
    >>> bamako = EntityRef(EntityType.LOCATION, "Bamako")
    >>> doc._.kg_entities = {bamako: EntityInfo(bamako, country="Mali")}
    >>> as_state(ActorMention(0, 1, 0, bamako), doc).entity.name
    'Mali'
    """
    if mention.entity.type is EntityType.COUNTRY:
        return mention
    info = (doc._.kg_entities or {}).get(mention.entity)
    country = getattr(info, "country", None)
    if mention.entity.type is not EntityType.LOCATION or not country:
        return None
    return replace(mention, entity=EntityRef(EntityType.COUNTRY, country))


def speaker_mentions(
    verb: Token, index: dict[int, ActorMention], lexicon: SpeechLexicon | None = None
) -> list[ActorMention]:
    """The actors that are the subject of a speech verb (its own, or a coordinated verb's).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kgraph.model import EntityRef, EntityType
    >>> doc = Doc(spacy.blank("en").vocab, words=["Kyiv", "said", "so"], heads=[1, 1, 1],
    ...           deps=["nsubj", "ROOT", "advmod"])
    >>> kyiv = ActorMention(0, 1, 0, EntityRef(EntityType.COUNTRY, "Ukraine"))
    >>> [m.entity.name for m in speaker_mentions(doc[1], {0: kyiv})]
    ['Ukraine']
    """
    lexicon = lexicon or load_speech_lexicon()
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ == "nsubj"]
        agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for subject in subjects + agents:
            found = _phrase_mentions(subject, index, lexicon)
            if found:
                return found
        if subjects or current.head.i == current.i:
            return []
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":  # "stopped short of accusing"
            current = governing_verb(current.head)
        elif current.dep_ in {"conj", "advcl", "xcomp"}:
            current = current.head
        else:
            return []
    return []


def _source_mentions(clause: Token, index: dict[int, ActorMention], lexicon: SpeechLexicon) -> list[ActorMention]:
    """The X of "according to X" attached to a clause."""
    found: list[ActorMention] = []
    for child in clause.children:
        if child.lower_ in lexicon.source_prepositions:
            for to in child.children:
                for obj in to.children if to.dep_ == "prep" else [to]:
                    if obj.dep_ == "pobj":
                        found.extend(_phrase_mentions(obj, index, lexicon))
    return found


def _climb(clause: Token) -> tuple[Token, str] | None:
    """The next clause up and the dependency by which the chain reaches it."""
    head = clause.head
    if head.i == clause.i:
        return None
    dep = clause.dep_
    while governing_verb(head).i != head.i:
        dep, head = head.dep_, head.head
    return head, dep


def reporting_speakers(
    trigger: Token, index: dict[int, ActorMention], lexicon: SpeechLexicon | None = None
) -> list[ActorMention]:
    """The actors whose speech frames the trigger's clause, nearest frame first; ``[]`` if none.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kgraph.model import EntityType
    >>> words = ["Russia", "struck", "Kharkiv", ",", "Kyiv", "said"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 1, 1, 5, 1],
    ...           deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "parataxis"],
    ...           pos=["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "VERB"],
    ...           lemmas=["Russia", "strike", "Kharkiv", ",", "Kyiv", "say"])
    >>> kyiv = ActorMention(4, 5, 4, EntityRef(EntityType.COUNTRY, "Ukraine"))
    >>> [m.entity.name for m in reporting_speakers(doc[1], {4: kyiv})]
    ['Ukraine']
    """
    lexicon = lexicon or load_speech_lexicon()
    clause = governing_verb(trigger)
    seen: set[int] = set()
    while clause.i not in seen:
        seen.add(clause.i)
        for child in clause.children:
            if child.dep_ in _ATTACHED_DEPS and child.i > clause.i and is_speech_verb(child, lexicon):
                if not any(c.dep_ == "ccomp" for c in child.children):
                    found = speaker_mentions(child, index, lexicon)
                    if found:
                        return found
        found = _source_mentions(clause, index, lexicon)
        if found:
            return found
        preposition = clause.head
        if (
            clause.dep_ in {"pcomp", "pobj"}
            and preposition.dep_ == "prep"
            and preposition.lower_ in lexicon.claim_prepositions
        ):
            if _lemma(preposition.head) in lexicon.claim_verbs:  # "accused Rwanda of backing the M23"
                found = speaker_mentions(preposition.head, index, lexicon)
                if found:
                    return found
        step = _climb(clause)
        if step is None or detached_clause(clause):
            return []
        head, dep = step
        if dep in _CONTENT_DEPS and is_speech_verb(head, lexicon):
            found = speaker_mentions(head, index, lexicon)
            if found:
                return found
        clause = head
    return []


def reporting_speaker(trigger: Token, index: dict[int, ActorMention]) -> ActorMention | None:
    """The actor whose speech verb governs the trigger's clause, or ``None``.

    Args:
        trigger: the token of a relation ("struck" in "Kyiv said Russia struck Kharkiv").
        index: token index -> actor mention (``kgraph.nlp.extensions.mention_index(doc)``).

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kgraph.model import EntityRef, EntityType
    >>> words = ["Kyiv", "said", "Russia", "struck", "Kharkiv"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3],
    ...           deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
    ...           pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN"],
    ...           lemmas=["Kyiv", "say", "Russia", "strike", "Kharkiv"])
    >>> kyiv = ActorMention(0, 1, 0, EntityRef(EntityType.COUNTRY, "Ukraine"))
    >>> reporting_speaker(doc[3], {0: kyiv}).entity.name
    'Ukraine'
    """
    found = reporting_speakers(trigger, index)
    return found[0] if found else None


def speaks_for(doc: Doc, speaker: EntityRef, actor: EntityRef) -> bool:
    """True when ``speaker`` is ``actor`` or speaks for it per ``doc._.kg_relations``.

    The speaker leads or is affiliated with the actor (directly or through one body it
    is affiliated with: a ministry's spokesperson speaks for the state), the speaker is a
    state body the gazetteer places in the actor country ("the Kremlin" for Russia), or the
    actor is affiliated with the speaker (a government reporting what its army did).

    >>> import spacy
    >>> from kgraph.model import EntityType
    >>> from kgraph.nlp.extensions import register_extensions
    >>> register_extensions()
    >>> doc = spacy.blank("en")("x")
    >>> doc._.kg_relations = []
    >>> speaks_for(doc, EntityRef(EntityType.COUNTRY, "Israel"), EntityRef(EntityType.COUNTRY, "Israel"))
    True
    """
    if speaker == actor:
        return True
    links: dict[EntityRef, set[EntityRef]] = {}
    for relation in doc._.kg_relations or ():
        if relation.relation in _SPEAKS_FOR and relation.modality is Modality.ASSERTED:
            links.setdefault(relation.subject, set()).add(relation.object)
    if actor in links.get(speaker, set()) or speaker in links.get(actor, set()):
        return True
    first = links.get(speaker, set()) | _state_of(doc, speaker)
    return any(actor == middle or actor in links.get(middle, set()) | _state_of(doc, middle) for middle in first)


def _state_of(doc: Doc, body: EntityRef) -> set[EntityRef]:
    """The country a state body belongs to per the gazetteer ("the Kremlin" -> Russia).

    Only bodies of the state (ministries, armies, the presidency) speak for it; a rebel group
    the gazetteer places in a country does not.
    """
    info = (doc._.kg_entities or {}).get(body)
    if info is None or not info.country or info.country == body.name:
        return set()
    name = body.name.lower()
    if not any(word in name for word in load_speech_lexicon().state_bodies):
        return set()
    return {EntityRef(EntityType.COUNTRY, info.country)}


def attribute(
    trigger: Token, subject: EntityRef, index: dict[int, ActorMention], doc: Doc | None = None
) -> tuple[Modality, EntityRef | None]:
    """Modality and speaker of a relation whose trigger and subject are given.

    Non-asserted modality (``modality_of``) wins; inside reported speech the relation stays
    asserted when a speaker is the subject or speaks for it, else it is ``REPORTED`` by the
    nearest speaker.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kgraph.model import EntityType
    >>> from kgraph.nlp.extensions import register_extensions
    >>> register_extensions()
    >>> words = ["Kyiv", "said", "Russia", "struck", "Kharkiv"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3],
    ...           deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"], sent_starts=[1, 0, 0, 0, 0],
    ...           pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN"],
    ...           lemmas=["Kyiv", "say", "Russia", "strike", "Kharkiv"])
    >>> ukraine, russia = EntityRef(EntityType.COUNTRY, "Ukraine"), EntityRef(EntityType.COUNTRY, "Russia")
    >>> index = {0: ActorMention(0, 1, 0, ukraine), 2: ActorMention(2, 3, 2, russia)}
    >>> doc._.kg_relations, doc._.kg_entities = [], {}
    >>> modality, speaker = attribute(doc[3], russia, index, doc)
    >>> modality.value, speaker.name
    ('reported', 'Ukraine')
    >>> attribute(doc[3], ukraine, index, doc)
    (<Modality.ASSERTED: 'asserted'>, None)
    """
    modality = modality_of(trigger)
    if modality is not Modality.ASSERTED:
        return modality, None
    speakers = reporting_speakers(trigger, index)
    if not speakers:
        return Modality.ASSERTED, None
    doc = doc if doc is not None else trigger.doc
    lexicon = load_speech_lexicon()
    partners = _joint_actors(trigger, subject, index, lexicon)
    speakers = [as_state(s, doc) or s for s in speakers]  # "Bamako said": the city's state speaks
    for speaker in speakers:
        if any(speaks_for(doc, speaker.entity, actor) for actor in (subject, *partners)):
            return Modality.ASSERTED, None
        voiced = voiced_states(doc[speaker.root], speaker, lexicon)
        if any(speaks_for(doc, state, actor) for state in voiced for actor in (subject, *partners)):
            return Modality.ASSERTED, None  # "a State Department spokesman", "the Chinese defence ministry"
        phrase = _phrase(doc[speaker.root])
        owners = _possessors(phrase, index)
        for owner in owners:
            # "according to its state news agency": an unresolved "its" is the reported clause's subject.
            if owner is None or speaks_for(doc, owner, subject):
                return Modality.ASSERTED, None
        if _own_voice(phrase, subject, index, lexicon):
            return Modality.ASSERTED, None  # "the group's military spokesman said" of the group's own act
        if _is_press(speaker, phrase, lexicon):
            # The press reporting the news is the text's source, not a party's claim; state media
            # ("the official Syrian news agency") speak only for their state.
            if not any(t.lower_ in lexicon.state_words for t in phrase.subtree) or not owners:
                return Modality.ASSERTED, None
    return Modality.REPORTED, speakers[0].entity


def voiced_states(root: Token, speaker: ActorMention, lexicon: SpeechLexicon | None = None) -> set[EntityRef]:
    """The countries a state voice names in its own phrase: "a State Department spokesman", "the Chinese ministry".

    The phrase must be a voice of a state (a spokesperson, office, embassy or ministry, or a
    state body); the country is a name or demonym inside it, or the state of a well-known seat
    of government ("the White House", "the Kremlin"). A rival's or a UN agency's voice names none.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["a", "Chinese", "ministry", "spokesman"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[3, 2, 3, 3], deps=["det", "amod", "compound", "ROOT"])
    >>> voice = ActorMention(1, 4, 3, EntityRef(EntityType.ORGANIZATION, "Chinese ministry"))
    >>> sorted(s.name for s in voiced_states(doc[3], voice))
    ['China']
    """
    from kgraph.nlp.actors.gazetteer import Role, load_gazetteer

    lexicon = lexicon or load_speech_lexicon()
    phrase = _phrase(root)
    first = min(speaker.start, phrase.left_edge.i)
    last = max(speaker.end - 1, phrase.i)
    tokens = [t for t in root.doc[first : last + 1] if not (t.dep_ == "poss" and t.tag_ == "PRP$")]
    text = " " + " ".join(t.lower_ for t in tokens) + " "
    voice = any(t.lower_ in lexicon.voice_words for t in tokens) or any(
        f" {body} " in text for body in lexicon.state_bodies
    )
    if not voice:
        return set()
    states = {EntityRef(EntityType.COUNTRY, country) for seat, country in lexicon.body_states if f" {seat} " in text}
    gazetteer = load_gazetteer()
    for token in tokens:
        for reading in gazetteer.lookup(token.text):
            if reading.entry.type is EntityType.COUNTRY and reading.role in (Role.NAME, Role.DEMONYM):
                states.add(reading.entry.ref)
    if not states and not any(t.lower_ in lexicon.posted_words for t in tokens):
        # "a foreign ministry spokesman in Beijing": the capital a home voice speaks from (not an embassy's host)
        for prep in phrase.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for place in prep.subtree:
                    for reading in gazetteer.lookup(place.text):
                        entry = reading.entry
                        if entry.capital and entry.country and reading.role is Role.NAME:
                            states.add(EntityRef(EntityType.COUNTRY, entry.country))
    return states


def _own_voice(phrase: Token, subject: EntityRef, index: dict[int, ActorMention], lexicon: SpeechLexicon) -> bool:
    """A voice owned by an unresolved description of the subject's kind: "the group's spokesman" for a group."""
    if not any(t.lower_ in lexicon.voice_words for t in (phrase, *phrase.children)):
        return False
    for child in phrase.children:
        if child.dep_ != "poss" or child.i in index or child.pos_ != "NOUN":
            continue
        if not any(d.dep_ == "det" and d.lower_ == "the" for d in child.children):
            continue
        kinds = lexicon.owner_kinds.get(child.lemma_.lower(), ())
        if subject.type.value in kinds:
            return True
    return False


def _joint_actors(
    trigger: Token, subject: EntityRef, index: dict[int, ActorMention], lexicon: SpeechLexicon
) -> list[EntityRef]:
    """The other actors of a joint subject the relation's subject is part of.

    "Rwandan and Mozambican soldiers launched an offensive, the Rwandan army said": the army
    reports its own joint act, so it is asserted for Mozambique too.
    """
    clause = governing_verb(trigger)
    for _ in range(3):
        subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects or clause.dep_ not in {"conj", "xcomp", "advcl"}:
            break
        clause = clause.head
    actors = [m.entity for s in subjects for m in _phrase_mentions(s, index, lexicon)]
    if subject not in actors:
        return []
    return [a for a in dict.fromkeys(actors) if a != subject]


def _phrase(token: Token) -> Token:
    """The head of the noun phrase a mention's root is part of ("Itar-Tass" -> "agency")."""
    while token.dep_ in {"compound", "appos", "amod", "nmod"} and token.head.i != token.i:
        token = token.head
    return token


def _is_press(speaker: ActorMention, phrase: Token, lexicon: SpeechLexicon) -> bool:
    """A news agency, newspaper or broadcaster, by name or by the words of its phrase."""
    name = speaker.entity.name.lower()
    words = name.split()
    if name in lexicon.press_names or (len(words) > 1 and words[-1] in lexicon.masthead_words):
        return True
    return any(t.lower_ in lexicon.press_words for t in phrase.subtree if t.dep_ not in {"relcl", "acl"})


def _possessors(token: Token, index: dict[int, ActorMention]) -> list[EntityRef | None]:
    """Who owns a speaker phrase ("its news agency", "Iran's foreign ministry"); None for an unresolved pronoun."""
    owners: list[EntityRef | None] = []
    own = {m.entity for m in token.doc._.kg_mentions or () if m.start <= token.i < m.end}
    for child in token.children:
        if child.dep_ not in {"poss", "amod", "compound"}:
            continue
        # Mentions may nest ("Syria" inside "Syria's official news agency"): look at all of them.
        inner = [m.entity for m in token.doc._.kg_mentions or () if m.start <= child.i < m.end and m.entity not in own]
        if inner:
            owners.extend(inner)
        elif child.dep_ == "poss" and child.tag_ == "PRP$" and child.i not in index:
            owners.append(None)
    return owners
