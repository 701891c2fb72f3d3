"""Shared state of actor resolution: span candidates, per-document state, the rule base class."""

from __future__ import annotations

__all__ = [
    "ACTING",
    "ACTING_SUFFIXES",
    "NER_TYPES",
    "REPAIR_LABELS",
    "SpanCandidate",
    "ResolutionState",
    "ResolverBase",
]

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.gazetteer import Gazetteer, GazetteerEntry, Role, load_gazetteer
from kgraph.nlp.actors.titles import TitleLexicon, TitlePhrase, load_titles
from kgraph.nlp.actors.wordclasses import WordClasses, load_word_classes

NER_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
}
# NER labels a gazetteer match or a known name may overrule ("April 4, Rubio" is no DATE).
REPAIR_LABELS = frozenset(
    {
        "DATE",
        "TIME",
        "CARDINAL",
        "ORDINAL",
        "QUANTITY",
        "MONEY",
        "PERCENT",
        "NORP",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
        "PRODUCT",
        "LANGUAGE",
    }
)
ACTING = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION})
# "Moscow-backed": a capital before these acts for its government ("Vienna-based" does not).
ACTING_SUFFIXES = frozenset(
    {
        "backed",
        "led",
        "linked",
        "allied",
        "aligned",
        "sponsored",
        "supported",
        "funded",
        "brokered",
        "armed",
        "installed",
    }
)


@dataclass(slots=True)
class SpanCandidate:
    """Tokens ``start:end`` resolved to ``ref``; ``alias`` (and ``more``) are the surface forms seen.

    ``owner`` is the country or organisation a Group or government body belongs to; ``source`` says
    which rule produced the span ("gazetteer", "ner", "acronym", "group", ...).
    """

    start: int
    end: int
    ref: EntityRef
    alias: str
    geonames_id: int | None = None
    country: str | None = None
    kind: str | None = None
    source: str = "ner"
    owner: EntityRef | None = None
    more: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ResolutionState:
    """What is known about one ``Doc`` while its actors are resolved."""

    doc: Doc
    spans: list[SpanCandidate] = field(default_factory=list)
    titles: list[tuple[TitlePhrase, int, int, SpanCandidate]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)
    text: str = ""
    acronyms: dict[str, EntityRef] = field(default_factory=dict)  # "IAEA" -> its organisation
    kinds: dict[EntityRef, set[str]] = field(default_factory=dict)  # organisation -> "agency", "court", ...
    sentence_starts: list[int] = field(default_factory=list)  # first token of each sentence, ascending

    @classmethod
    def of(cls, doc: Doc) -> ResolutionState:
        """A fresh state with the token texts read once, from arrays (building Tokens is costly)."""
        text = doc.text
        rows = doc.to_array([IDX, LENGTH, SENT_START]).tolist() if len(doc) else []
        offsets = [(start, size) for start, size, _ in rows]
        state = cls(doc, text=text, idx=[start for start, _ in offsets])
        state.sentence_starts = [i for i, row in enumerate(rows) if i == 0 or row[2] == 1]
        state.texts = [text[start : start + size] for start, size in offsets]
        state.lowers = [t.lower() for t in state.texts]
        return state

    def sentence_of(self, i: int) -> int:
        """The first token of the sentence holding token ``i`` (no ``Token.sent`` walk)."""
        return self.sentence_starts[max(0, bisect_right(self.sentence_starts, i) - 1)]

    def sentence_end(self, i: int) -> int:
        """The end (exclusive) of the sentence holding token ``i``."""
        k = bisect_right(self.sentence_starts, i)
        return self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.doc)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building a Span."""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.texts[end - 1])]

    def where(self, words: frozenset[str] | set[str]) -> list[int]:
        """Indices of the tokens whose lower-case text is in ``words``."""
        return [i for i, lower in enumerate(self.lowers) if lower in words]

    def free(self, start: int, end: int) -> bool:
        """True if no token of ``start:end`` belongs to a span yet."""
        return not any(i in self.taken for i in range(start, end))

    def add(self, span: SpanCandidate) -> None:
        """Keep ``span`` and mark its tokens as taken."""
        self.spans.append(span)
        self.taken.update(range(span.start, span.end))


class ResolverBase:
    """The data every rule reads, loaded on first use: gazetteer, titles, word classes."""

    actors: Path | None
    _gazetteer: Gazetteer | None
    _titles: TitleLexicon | None
    _words: WordClasses | None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.actors)
        return self._gazetteer

    @property
    def words(self) -> WordClasses:
        if self._words is None:
            self._words = load_word_classes()
        return self._words

    @property
    def titles(self) -> TitleLexicon:
        if self._titles is None:
            self._titles = load_titles()
        return self._titles

    def _is_actor_word(self, text: str) -> bool:
        return any(c.entry.type in {EntityType.COUNTRY, EntityType.ORGANIZATION} for c in self.gazetteer.lookup(text))

    def _known_name(self, text: str) -> GazetteerEntry | None:
        for candidate in self.gazetteer.lookup(text):
            if candidate.entry.type is not None and candidate.role is Role.NAME:
                return candidate.entry
        return None

    def _known_org(self, text: str) -> GazetteerEntry | None:
        for candidate in self.gazetteer.lookup(text):
            if candidate.entry.type is EntityType.ORGANIZATION:
                return candidate.entry
        return None
