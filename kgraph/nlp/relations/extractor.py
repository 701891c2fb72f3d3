"""``kgraph_relations``: relations between actor mentions from the dependency parse, mapped by the lexicon.

The component runs every construction family of :mod:`kgraph.nlp.relations.patterns` over the
parse, then decides each candidate's modality and speaker (:func:`kgraph.nlp.relations.speech.attribute`)
and appends typed :class:`~kgraph.model.Relation` records to ``doc._.kg_relations``.
"""

from __future__ import annotations

__all__ = ["RelationExtractor", "make_relation_extractor", "doc_relations", "membership_cues"]

from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from kgraph.model import EntityRef, EntityType, Modality, Relation, RelationType
from kgraph.nlp.extensions import EntityInfo, mention_index, register_extensions
from kgraph.nlp.relations.cues import cue_words, read_cue_file
from kgraph.nlp.relations.lexicon import Lexicon, load_lexicon
from kgraph.nlp.relations.patterns import Candidate, Context, Pattern, find_candidates
from kgraph.nlp.relations.patterns.arguments import subjects_of
from kgraph.nlp.relations.patterns.expulsion import load_sanction_cues
from kgraph.nlp.relations.speech import attribute, speaks_for
from kgraph.nlp.user_files import UserFileComponent

# Which entity types each relation accepts (subject types, object types); None = any actor.
_PLACES = frozenset({EntityType.LOCATION})
_BODIES = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.GROUP})
_SIGNATURES: dict[RelationType, tuple[frozenset[EntityType] | None, frozenset[EntityType] | None]] = {
    RelationType.HOLDS_POSITION: (frozenset({EntityType.PERSON}), frozenset({EntityType.POSITION})),
    RelationType.AFFILIATED_WITH: (
        frozenset({EntityType.PERSON, EntityType.GROUP, EntityType.ORGANIZATION}),
        frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION}),
    ),
    RelationType.MEMBER_OF: (
        frozenset({EntityType.PERSON, EntityType.COUNTRY, EntityType.ORGANIZATION}),
        frozenset({EntityType.ORGANIZATION}),
    ),
    RelationType.LEADS: (frozenset({EntityType.PERSON}), _BODIES),
    RelationType.LOCATED_IN: (
        frozenset({EntityType.LOCATION, EntityType.ORGANIZATION}),
        frozenset({EntityType.LOCATION, EntityType.COUNTRY}),
    ),
    RelationType.CONSULTS_WITH: (
        frozenset(EntityType) - _PLACES - {EntityType.POSITION},
        frozenset(EntityType) - _PLACES - {EntityType.POSITION},
    ),
    RelationType.COOPERATES_WITH: (
        frozenset(EntityType) - _PLACES - {EntityType.POSITION},
        frozenset(EntityType) - _PLACES - {EntityType.POSITION},
    ),
}
_ACTORS = frozenset(EntityType) - {EntityType.POSITION}
_AVERTING = frozenset({"against", "from"})
_CLAUSAL = frozenset({Pattern.ACTIVE, Pattern.RELATIVE, Pattern.INHERITED})
_REASONS = frozenset({"for", "of", "over"})
_JUDGING = frozenset({RelationType.SUPPORTS, RelationType.ACCUSES})
_TIMES = frozenset({"DATE", "TIME"})
_MODIFIERS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "case"})


def _as_membership(candidate: Candidate, context: Context) -> Candidate:
    """A state "belonging to" an organisation is a member of it (not one that chairs it)."""
    if (
        candidate.relation is RelationType.AFFILIATED_WITH
        and candidate.subject.type is EntityType.COUNTRY
        and candidate.object.type is EntityType.ORGANIZATION
        and candidate.pattern in _CLAUSAL
        and any(
            e.relation is RelationType.AFFILIATED_WITH
            for e in context.lexicon.verb_forms(
                context.doc[candidate.trigger].lemma_, context.doc[candidate.trigger].text
            )
        )
    ):
        return replace(candidate, relation=RelationType.MEMBER_OF)
    return candidate


def _placed(candidate: Candidate, context: Context) -> Candidate:
    """A city sanctioned stands for its country: "recalled its ambassador from Moscow"."""
    if candidate.relation is RelationType.SANCTIONS and candidate.object.type is EntityType.LOCATION:
        info = (context.doc._.kg_entities or {}).get(candidate.object)
        country = getattr(info, "country", None)
        if country:
            return replace(candidate, object=EntityRef(EntityType.COUNTRY, country))
    return candidate


@lru_cache(maxsize=1)
def membership_cues() -> tuple[frozenset[str], frozenset[str]]:
    """The "part" nouns and the body nouns of ``data/membership.json``.

    >>> parts, bodies = membership_cues()
    >>> "part" in parts and "alliance" in bodies
    True
    """
    data, name = read_cue_file(None, "membership.json", "membership cues")
    return (
        cue_words(data, "part_nouns", name, "membership cues"),
        cue_words(data, "body_nouns", name, "membership cues"),
    )


def _part_of_other(candidate: Candidate, context: Context) -> bool:
    """ "Part of the EU's plan" is no membership: "part of" must name the body ("part of the CSTO alliance")."""
    trigger = context.doc[candidate.trigger]
    parts, bodies = membership_cues()
    if candidate.relation is not RelationType.MEMBER_OF or trigger.lower_ not in parts:
        return False
    wholes = [
        c for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"
    ]
    for whole in wholes:
        if any(m.entity == candidate.object for m in context.at(whole)):
            return False
        if whole.lemma_.lower() in bodies and whole.i in candidate.tokens:
            return False  # "part of the bloc", the bloc standing for the body named before
        if whole.lemma_.lower() in bodies and any(
            m.entity == candidate.object
            for c in whole.children
            if c.dep_ in ("compound", "nmod", "amod")
            for m in context.at(c)
        ):
            return False
    return True


def _with_instrument(candidate: Candidate, context: Context) -> Candidate:
    """An attack whose instrument is a sanction is a sanction: "targeted Iran with sanctions", "hit X with tariffs"."""
    if candidate.relation is not RelationType.ATTACKS:
        return candidate
    trigger = context.doc[candidate.trigger]
    instruments = {
        o.lemma_.lower()
        for p in trigger.children
        if p.dep_ == "prep" and p.lower_ == "with"
        for o in p.children
        if o.dep_ == "pobj"
    }
    if instruments & load_sanction_cues().instrument_nouns:
        return replace(candidate, relation=RelationType.SANCTIONS)
    return candidate


def _expulsions_win(candidates: list[Candidate]) -> list[Candidate]:
    """An order that expels an envoy is a sanction, not a request: "ordered the French ambassador to leave"."""
    expelled = {(c.trigger, c.subject, c.object) for c in candidates if c.relation is RelationType.SANCTIONS}
    return [
        c
        for c in candidates
        if not (c.relation is RelationType.APPEALS_TO and (c.trigger, c.subject, c.object) in expelled)
    ]


def _joined_in(candidate: Candidate, context: Context) -> bool:
    """ "Joined the EU in condemning X", "joined calls for a truce" is joining an act, not membership
    ("joined NATO in April" is membership: the "in" names a time; "joins A in the EAC" names the body)."""
    trigger = context.doc[candidate.trigger]
    if candidate.relation is not RelationType.MEMBER_OF or trigger.pos_ != "VERB":
        return False
    for prep in trigger.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "for"):
            continue
        for complement in prep.children:
            if complement.dep_ == "pcomp" or complement.tag_ == "VBG":
                return True
            if complement.dep_ == "pobj" and complement.ent_type_ not in _TIMES:
                # "joins A and B in the EAC": the body itself is named, A and B are its members
                return not any(m.entity == candidate.object for m in context.at(complement))
    _, bodies = membership_cues()
    return any(
        c.dep_ == "dobj" and not context.is_actor(c) and c.pos_ == "NOUN" and c.lemma_.lower() not in bodies
        for c in trigger.children
    )  # "joined calls by X" (but "joined the NATO alliance" is membership)


def _fits(candidate: Candidate) -> bool:
    subjects, objects = _SIGNATURES.get(candidate.relation, (_ACTORS, _ACTORS))
    return (
        candidate.subject != candidate.object
        and (subjects is None or candidate.subject.type in subjects)
        and (objects is None or candidate.object.type in objects)
    )


def _averted(trigger: Token) -> bool:
    """An act warned against or prevented is not asserted: "warned Pyongyang against supplying weapons"."""
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "nsubjpass") else trigger
    return verb.dep_ == "pcomp" and verb.head.lower_ in _AVERTING


def _judging_verb(trigger: Token, lexicon: Lexicon) -> Token | None:
    """The verb judging the act a trigger names: "thanked Kenya for standing with X" (the thanker's claim)."""
    prep = trigger.head
    if trigger.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in _REASONS:
        return None
    verb = prep.head
    judged = (
        any(e.relation in _JUDGING for e in lexicon.verb_forms(verb.lemma_, verb.text))
        if verb.pos_ in ("VERB", "AUX")
        else False
    )
    return verb if judged else None


def _issuing_verb(trigger: Token) -> Token | None:
    """The verb issuing the document a trigger modifies ("seek" in "seek a resolution censuring X")."""
    noun = trigger.head
    if trigger.dep_ == "acl" and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    return None


#: Evidence longer than this is clipped to the words around the trigger and the two actors.
MAX_EVIDENCE_CHARS = 400
_WINDOW = 3  # tokens kept on each side of a kept token


def clip_evidence(doc: Doc, first: int, last: int, keep: Iterable[int]) -> str:
    """The text of ``doc[first:last + 1]``; when longer than ``MAX_EVIDENCE_CHARS``, only the
    tokens near ``keep`` (the actors and the trigger), the gaps shown as `` … ``.

    >>> import spacy
    >>> doc = spacy.blank("en")("Venn met " + "Abel, " * 100 + "and Okoro in Vell.")
    >>> clip_evidence(doc, 0, len(doc) - 1, [0, 1, len(doc) - 4])
    'Venn met Abel, Abel … Abel, and Okoro in Vell.'
    """
    if doc[last].idx + len(doc[last]) - doc[first].idx <= MAX_EVIDENCE_CHARS:
        return doc[first : last + 1].text
    kept = sorted({j for i in keep for j in range(i - _WINDOW, i + _WINDOW + 1) if first <= j <= last})
    runs: list[list[int]] = []
    for i in kept:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    pieces = [doc[run[0] : run[-1] + 1].text for run in runs]
    return " … ".join(pieces)[: MAX_EVIDENCE_CHARS * 2]


def _relation(
    doc: Doc, candidate: Candidate, modality: Modality, speaker: EntityRef | None, sentence: tuple[int, int]
) -> Relation:
    start_token, end_token = sentence
    indices = [i for i in candidate.tokens if start_token <= i < end_token] or [candidate.trigger]
    first, last = doc[min(indices)], doc[max(indices)]
    while last.dep_ in _MODIFIERS and last.head.i > last.i and last.head.i < end_token:
        last = last.head  # "rejected Israel's demand", not "rejected Israel"
    start, end = first.idx, last.idx + len(last.text)
    return Relation(
        subject=candidate.subject,
        relation=candidate.relation,
        object=candidate.object,
        evidence=clip_evidence(doc, first.i, last.i, [*candidate.tokens, candidate.trigger]),
        trigger=candidate.trigger_text,
        confidence=candidate.pattern.confidence,
        modality=modality,
        speaker=speaker,
        start_char=start,
        end_char=end,
    )


def _dedupe(relations: Iterable[Relation]) -> list[Relation]:
    """One relation per (subject, relation, object, modality): the most confident, then the shortest evidence."""
    best: dict[tuple[object, ...], Relation] = {}
    for relation in relations:
        a, b = relation.subject, relation.object
        key = (
            (*sorted((a, b)), relation.relation, relation.modality)
            if relation.relation.symmetric
            else (a, b, relation.relation, relation.modality)
        )
        kept = best.get(key)
        if kept is None or (relation.confidence, -len(relation.evidence)) > (kept.confidence, -len(kept.evidence)):
            best[key] = relation
    return list(best.values())


def doc_relations(doc: Doc, lexicon: Lexicon) -> list[Relation]:
    """The relations the parse of ``doc`` states between its actor mentions (``doc`` is not changed).

    Static facts from appositions are decided first, so that reported speech can ask whether
    a speaker speaks for an actor ("its foreign minister said ...").

    >>> import spacy
    >>> register_extensions()
    >>> doc = spacy.blank("en")("Nothing here.")
    >>> doc._.kg_mentions, doc._.kg_relations = [], []
    >>> doc_relations(doc, load_lexicon())
    []
    """
    context = Context.build(doc, lexicon)
    candidates = [
        c
        for c in (
            _placed(_as_membership(_with_instrument(c, context), context), context) for c in find_candidates(context)
        )
        if _fits(c) and not _joined_in(c, context) and not _part_of_other(c, context)
    ]
    candidates = _expulsions_win(candidates)
    static = [
        _relation(doc, c, Modality.ASSERTED, None, context.sentence(c.trigger)) for c in candidates if not c.modal
    ]
    known = list(doc._.kg_relations or ())
    doc._.kg_relations = known + static
    index = mention_index(doc)
    found = list(static)
    try:
        for candidate in candidates:
            if not candidate.modal:
                continue
            if candidate.pattern is Pattern.ALLEGATION and (
                speaks_for(doc, candidate.subject, candidate.object)
                or speaks_for(doc, candidate.object, candidate.subject)
            ):
                continue  # "the Israeli army said its jets struck X": its own side's act, no allegation
            modality, speaker = attribute(doc[candidate.trigger], candidate.subject, index, doc)
            if modality is Modality.REPORTED and candidate.relation.symmetric:
                modality, speaker = attribute(doc[candidate.trigger], candidate.object, index, doc)
            if (
                modality is Modality.FUTURE
                and candidate.relation is RelationType.THREATENS
                and doc[candidate.trigger].pos_ == "NOUN"
            ):
                modality = Modality.ASSERTED  # "vowed countermeasures against X": the vow is the threat
            if modality is Modality.ASSERTED and _averted(doc[candidate.trigger]):
                modality = Modality.HYPOTHETICAL
            judge = _judging_verb(doc[candidate.trigger], lexicon) if modality is Modality.ASSERTED else None
            if judge is not None:
                # what X is thanked, praised or blamed for is the judge's claim, not the text's
                judges = [m.entity for m in subjects_of(context, judge)[0] if m.entity != candidate.subject]
                modality, speaker = Modality.REPORTED, (judges[0] if judges else None)
            issuer = _issuing_verb(doc[candidate.trigger])
            if modality is Modality.ASSERTED and issuer is not None:
                # "did not sign a statement backing X", "may seek a resolution censuring X"
                modality, speaker = attribute(issuer, candidate.subject, index, doc)
            found.append(_relation(doc, candidate, modality, speaker, context.sentence(candidate.trigger)))
    finally:
        doc._.kg_relations = known
    return _dedupe(_without_own_side([*known, *static], [_envoys_state([*known, *static], r) for r in found]))


def _envoys_state(static: Iterable[Relation], relation: Relation) -> Relation:
    """Expelling a named envoy sanctions the state the envoy serves: "expelled Rwandan ambassador Jean Habimana"."""
    if relation.relation is not RelationType.SANCTIONS or relation.object.type is not EntityType.PERSON:
        return relation
    static = list(static)
    envoy_nouns = load_sanction_cues().envoy_nouns
    titles = {
        r.object.name.lower()
        for r in static
        if r.subject == relation.object and r.relation is RelationType.HOLDS_POSITION
    }
    if not any(word in envoy_nouns for title in titles for word in title.split()):
        return relation
    states = sorted(
        r.object.name
        for r in static
        if r.subject == relation.object
        and r.relation is RelationType.AFFILIATED_WITH
        and r.object.type is EntityType.COUNTRY
        and r.object != relation.subject
    )
    if not states:
        return relation
    return replace(relation, object=EntityRef(EntityType.COUNTRY, states[0]))


def _without_own_side(static: Iterable[Relation], found: list[Relation]) -> list[Relation]:
    """Drop meetings, agreements and conflicts between an actor and a body it belongs to or leads:
    "Somalia, whose president attended the summit" is no meeting of Somalia with its president."""
    links = {
        frozenset((r.subject, r.object))
        for r in static
        if r.relation in (RelationType.AFFILIATED_WITH, RelationType.LEADS, RelationType.MEMBER_OF)
    }
    return [r for r in found if not (r.relation.symmetric and frozenset((r.subject, r.object)) in links)]


class RelationExtractor(UserFileComponent):
    """Find relations between actor mentions and append them to ``doc._.kg_relations``.

    Args:
        name: the component name.
        lexicon: a user JSONL lexicon that extends the built-in one.
    """

    user_file_attr, user_file_name = "lexicon_path", "lexicon.jsonl"

    def __init__(self, *, name: str = "kgraph_relations", lexicon: Path | None = None) -> None:
        self.name = name
        self.lexicon_path = lexicon
        register_extensions()
        self.lexicon: Lexicon = load_lexicon(lexicon)  # a malformed user lexicon fails here, naming file and line

    def reload(self) -> None:
        self.lexicon = load_lexicon(self.lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        if doc._.kg_mentions is None:
            doc._.kg_mentions = []
        found = doc_relations(doc, self.lexicon)
        existing = list(doc._.kg_relations or [])
        doc._.kg_relations = existing + found
        entities = doc._.kg_entities if doc._.kg_entities is not None else {}
        for relation in found:
            for ref in (relation.subject, relation.object):
                if ref not in entities:  # positions, and countries known only through a capital
                    entities[ref] = EntityInfo(ref, aliases={ref.name})
        doc._.kg_entities = entities
        doc._.kg_statements = list(doc._.kg_statements or [])
        return doc


@Language.factory("kgraph_relations", default_config={"lexicon": None})
def make_relation_extractor(nlp: Language, name: str, lexicon: str | None) -> RelationExtractor:
    """The ``kgraph_relations`` factory; ``lexicon`` is the path of a user JSONL lexicon."""
    return RelationExtractor(name=name, lexicon=Path(lexicon) if lexicon else None)
