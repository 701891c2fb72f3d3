"""Shared pieces of the patterns: the candidate item, the pattern enum and the extraction context."""

from __future__ import annotations

__all__ = ["Pattern", "Candidate", "Context", "Event", "hand_parsed"]

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum

from spacy.tokens import Doc, Span, Token

from kgraph.model import EntityRef, EntityType, RelationType
from kgraph.nlp.extensions import ActorMention
from kgraph.nlp.relations.lexicon import Lexicon


class Pattern(str, Enum):
    """The construction that produced a candidate; each has its own confidence.

    >>> Pattern.ACTIVE.confidence
    0.9
    """

    ACTIVE = "active"
    PASSIVE = "passive"
    INHERITED = "inherited"
    RELATIVE = "relative"
    SUPPORT = "support"
    NOMINAL = "nominal"
    BETWEEN = "between"
    APPOSITION = "apposition"
    TITLE = "title"
    MEMBER = "member"
    DESCRIPTOR = "descriptor"
    HYPHEN = "hyphen"
    ANAPHORA = "anaphora"
    ALLEGATION = "allegation"
    UNMAPPED = "unmapped"

    @property
    def confidence(self) -> float:
        """The confidence given to relations found by this pattern."""
        return _CONFIDENCE[self]


_CONFIDENCE = {
    Pattern.ACTIVE: 0.9,
    Pattern.PASSIVE: 0.85,
    Pattern.INHERITED: 0.8,
    Pattern.RELATIVE: 0.8,
    Pattern.SUPPORT: 0.8,
    Pattern.NOMINAL: 0.7,
    Pattern.BETWEEN: 0.75,
    Pattern.APPOSITION: 0.85,
    Pattern.TITLE: 0.85,
    Pattern.MEMBER: 0.8,
    Pattern.DESCRIPTOR: 0.7,
    Pattern.HYPHEN: 0.75,
    Pattern.ANAPHORA: 0.6,
    Pattern.ALLEGATION: 0.6,
    Pattern.UNMAPPED: 0.4,
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation found by a pattern, before modality and speech are decided.

    ``tokens`` are the token indices that show the relation (arguments and trigger);
    the evidence is the text they span. ``trigger`` is the token whose modality counts.
    """

    subject: EntityRef
    relation: RelationType
    object: EntityRef
    trigger: int
    trigger_text: str
    tokens: tuple[int, ...]
    pattern: Pattern
    modal: bool = True


@dataclass(frozen=True, slots=True)
class Event:
    """A trigger with actor subjects, kept so later anaphors ("the strikes") can find their agent."""

    relation: RelationType
    trigger: int
    subjects: tuple[ActorMention, ...]
    objects: tuple[ActorMention, ...] = ()
    lemma: str = ""
    clausal: bool = True


@dataclass(slots=True)
class Context:
    """The document, its actor mentions indexed by token, and the lexicon."""

    doc: Doc
    lexicon: Lexicon
    mentions: list[ActorMention]
    by_token: dict[int, list[ActorMention]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    positions: dict[EntityRef, EntityRef] = field(default_factory=dict)
    tokens: list[Token] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)
    datelines: tuple[range, ...] = ()

    @classmethod
    def build(cls, doc: Doc, lexicon: Lexicon) -> Context:
        """Index ``doc._.kg_mentions`` by token (a token may carry several mentions: "both sides")."""
        heads = _RELATIONAL_HEADS | {t for t in lexicon.titles if " " not in t}
        datelines = tuple(find_datelines(doc))
        mentions = [
            _trim(doc, m, heads)
            for m in doc._.kg_mentions or ()
            if not any(m.start in line for line in datelines)  # "NAIROBI, Feb. 11 -" is no actor
        ]
        by_token: dict[int, list[ActorMention]] = defaultdict(list)
        for mention in mentions:
            for i in range(mention.start, mention.end):
                by_token[i].append(mention)
        context = cls(
            doc=doc,
            lexicon=lexicon,
            mentions=mentions,
            by_token=dict(by_token),
            tokens=list(doc),
            sentence_starts=[s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0],
            datelines=datelines,
        )
        for relation in doc._.kg_relations or ():
            if relation.relation is RelationType.HOLDS_POSITION:
                context.positions.setdefault(relation.subject, relation.object)
        return context

    def at(self, token: Token) -> list[ActorMention]:
        """The mentions covering ``token`` (those whose root it is first)."""
        found = self.by_token.get(token.i, [])
        if len(found) > 1:
            rooted = [m for m in found if m.root == token.i]
            if rooted:
                return rooted
            widest = max(m.end - m.start for m in found)
            return [m for m in found if m.end - m.start == widest]
        return list(found)

    def sentence(self, i: int) -> tuple[int, int]:
        """The token range ``(start, end)`` of the sentence holding token ``i``."""
        at = bisect_right(self.sentence_starts, i) - 1
        end = self.sentence_starts[at + 1] if at + 1 < len(self.sentence_starts) else len(self.doc)
        return self.sentence_starts[max(at, 0)], end

    def sentence_start(self, i: int, back: int = 0) -> int:
        """The first token of the sentence ``back`` sentences before the one holding token ``i``."""
        at = bisect_right(self.sentence_starts, i) - 1
        return self.sentence_starts[max(at - back, 0)] if self.sentence_starts else 0

    def country_of(self, mention: ActorMention) -> ActorMention | None:
        """The country a place mention lies in, per the gazetteer (``EntityInfo.country``), as a mention."""
        info = (self.doc._.kg_entities or {}).get(mention.entity)
        country = getattr(info, "country", None)
        if mention.entity.type is not EntityType.LOCATION or not country:
            return None
        return replace(mention, entity=EntityRef(EntityType.COUNTRY, country))

    def is_actor(self, token: Token) -> bool:
        """True when a mention covers ``token``."""
        return token.i in self.by_token


def find_datelines(doc: Doc) -> Iterator[range]:
    """The wire datelines of ``doc``: an upper-case place and a comma opening a paragraph, up to a dash.

    >>> import spacy
    >>> doc = spacy.blank("en")("NAIROBI, Feb. 11 - Kenya said. GENEVA talks began - slowly.")
    >>> [doc[r.start:r.stop].text for r in find_datelines(doc)]
    ['NAIROBI, Feb. 11 -']
    >>> doc = spacy.blank("en")("BEIRUT - (Reuters) - Israel struck.")
    >>> [doc[r.start:r.stop].text for r in find_datelines(doc)]
    ['BEIRUT - (Reuters) -']
    """
    for token in doc:
        if not (token.i == 0 or "\n" in doc[token.i - 1].text_with_ws or doc[token.i - 1].is_space):
            continue
        if not (token.is_upper and token.is_alpha and len(token) > 1):
            continue
        window = doc[token.i : token.i + _DATELINE_WIDTH]
        comma = next((t.i for t in window if t.text == ","), None)
        dash = next((t.i for t in window if t.text in _DASHES), None)
        if comma is not None and dash is not None and comma < dash:
            yield range(token.i, dash + 1)
        elif dash is not None:
            end = _agency_dateline(window)
            if end is not None:
                yield range(token.i, end + 1)  # "UNITED NATIONS (AP) -": upper-case place and the agency credit


def _agency_dateline(window: Span) -> int | None:
    """The closing dash of upper-case words and a parenthesised agency credit, a dash allowed before it:
    "UNITED NATIONS (AP) -", "BEIRUT - (Reuters) -"; ``None`` otherwise."""
    tokens = list(window)
    at = 0
    while at < len(tokens) and tokens[at].is_upper and tokens[at].is_alpha:
        at += 1
    if at == 0:
        return None
    if at < len(tokens) and tokens[at].text in _DASHES:
        at += 1
    if at >= len(tokens) or tokens[at].text != "(":
        return None
    closing = next((i for i in range(at, len(tokens)) if tokens[i].text == ")"), None)
    if closing is None or closing + 1 >= len(tokens) or tokens[closing + 1].text not in _DASHES:
        return None
    return tokens[closing + 1].i


_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_DATELINE_WIDTH = 12
POSITION = EntityType.POSITION
# Heads that name other actors through their modifier: "NATO members" are not NATO.
_RELATIONAL_HEADS = frozenset({"member", "members", "ally", "allies", "partner", "partners", "neighbour", "neighbours"})


def _trim(doc: Doc, mention: ActorMention, heads: frozenset[str] | set[str]) -> ActorMention:
    """Drop a relational or role head noun from a body's mention ("NATO members", "Treasury spokesperson")."""
    last = doc[mention.end - 1]
    if (
        mention.end - mention.start > 1
        and last.lower_ in heads
        and not mention.pronoun
        and mention.entity.type is not EntityType.PERSON
    ):
        return replace(mention, end=mention.end - 1, root=mention.end - 2 if mention.root == last.i else mention.root)
    return mention


def hand_parsed(
    words: list[str],
    heads: list[int],
    deps: list[str],
    *,
    pos: list[str],
    lemmas: list[str] | None = None,
    tags: list[str] | None = None,
    actors: dict[int, tuple[EntityType, str]] | None = None,
    lexicon: Lexicon | None = None,
) -> Context:
    """A context over a hand-built parse (one-token actor mentions), for examples and unit tests.

    >>> context = hand_parsed(["Kenya", "met", "Uganda"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
    ...                       pos=["PROPN", "VERB", "PROPN"], actors={0: (EntityType.COUNTRY, "Kenya")})
    >>> [m.entity.name for m in context.mentions]
    ['Kenya']
    """
    import spacy

    from kgraph.nlp.extensions import register_extensions
    from kgraph.nlp.relations.lexicon import load_lexicon

    register_extensions()
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=lemmas or [w.lower() for w in words],
    )
    doc._.kg_mentions = [
        ActorMention(i, i + 1, i, EntityRef(kind, name)) for i, (kind, name) in sorted((actors or {}).items())
    ]
    doc._.kg_relations = []
    return Context.build(doc, lexicon or load_lexicon())
