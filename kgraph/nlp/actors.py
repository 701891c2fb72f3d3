"""``kgraph_actors``: resolve entity spans to canonical actors, one entity per actor per document.

Sources, in order of trust: acronym definitions in the text, the gazetteer spans set by the
``kgraph_gazetteer`` span ruler (countries, demonyms, capitals, organisations), the statistical NER,
then repairs (surnames inside DATE entities, re-mentions NER missed), groups and anaphora.
"""

from __future__ import annotations

__all__ = ["ActorResolver", "make_actor_resolver"]

from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kgraph.model import EntityRef, EntityType
from kgraph.nlp import coref, groups
from kgraph.nlp.canonical import PersonNames, clean_label, find_acronyms
from kgraph.nlp.extensions import ActorMention, EntityInfo, register_extensions
from kgraph.nlp.gazetteer import SPANS_KEY, Candidate, Gazetteer, GazetteerEntry, Role, load_gazetteer
from kgraph.nlp.mention_facts import FactBuilder
from kgraph.nlp.titles import TitleLexicon, TitlePhrase, load_titles
from kgraph.nlp.wordclasses import WordClasses, load_word_classes

_NER_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.LOCATION,
    "LOC": EntityType.LOCATION,
    "FAC": EntityType.LOCATION,
}
_REPAIR_LABELS = frozenset(
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
_NER_WINS_INSIDE = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"})
_US_STATE_CUES = frozenset({"state", "governor", "county", "atlanta", "savannah", "senator", "u.s.", "us", "american"})


_ACTING = frozenset({EntityType.COUNTRY, EntityType.ORGANIZATION})
_ACTING_SUFFIXES = frozenset(
    {"backed", "led", "linked", "allied", "aligned", "sponsored", "supported", "funded", "brokered", "armed", "installed"}
)


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    ref: EntityRef
    alias: str
    geonames_id: int | None = None
    country: str | None = None
    kind: str | None = None
    source: str = "ner"
    owner: EntityRef | None = None  # a Group's country or organisation
    more: list[str] = field(default_factory=list)  # further surface forms seen for this mention


@dataclass(slots=True)
class _State:
    doc: Doc
    spans: list[_Span] = field(default_factory=list)
    titles: list[tuple[TitlePhrase, int, int, _Span | None]] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    texts: list[str] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    idx: list[int] = field(default_factory=list)
    text: str = ""

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building a Span."""
        return self.text[self.idx[start] : self.idx[end - 1] + len(self.texts[end - 1])]

    def where(self, words: frozenset[str] | set[str]) -> list[int]:
        """Indices of the tokens whose lower-case text is in ``words`` (no Token objects built)."""
        return [i for i, lower in enumerate(self.lowers) if lower in words]

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def add(self, span: _Span) -> None:
        self.spans.append(span)
        self.taken.update(range(span.start, span.end))


class ActorResolver:
    """Turn gazetteer spans and ``doc.ents`` into canonical ``ActorMention``s and in-mention facts."""

    def __init__(self, *, name: str = "kgraph_actors", actors: str | None = None) -> None:
        self.name = name
        self.actors = Path(actors) if actors else None
        self._gazetteer: Gazetteer | None = None
        self._titles: TitleLexicon | None = None
        self._words: WordClasses | None = None
        register_extensions()

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

    # -- the component --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        state = _State(doc)
        for token in doc:
            state.texts.append(token.text)
            state.idx.append(token.idx)
        state.text = doc.text
        state.lowers = [t.lower() for t in state.texts]
        self._acronym_map: dict[str, EntityRef] = {}
        self._kinds: dict[EntityRef, set[str]] = {}
        self._acronyms(state)
        persons = self._persons(state)
        self._gazetteer_spans(state)
        self._ner(state, persons)
        self._rementions(state)
        self._joined_pairs(state)
        names = PersonNames([s.ref.name for s in state.spans if s.ref.type is EntityType.PERSON])
        self._canonical_people(state, names)
        self._canonical_orgs(state)
        self._groups(state)
        mentions, infos = self._mentions(state)
        mentions = self._anaphora(state, mentions, infos)
        doc._.kg_mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.entity))
        doc._.kg_entities = infos
        facts = FactBuilder(doc, doc._.kg_mentions, infos, self.gazetteer, state.lowers)
        facts.titles(state.titles)
        facts.possessives()
        facts.hyphen_compounds()
        facts.places()
        facts.owned({s.ref: s for s in state.spans if s.owner is not None})
        doc._.kg_relations = list(doc._.kg_relations or []) + facts.relations
        return doc

    # -- sources --------------------------------------------------------------------------------
    def _acronyms(self, state: _State) -> None:
        doc = state.doc
        for definition in find_acronyms(doc):
            long_start = definition.long_start + (1 if doc[definition.long_start].lower_ == "the" else 0)
            long_text = clean_label(doc[long_start : definition.long_end].text)
            known = self._known_name(long_text) or self._known_name(definition.short)
            if known is not None:
                ref, kind = known.ref, known.kind
            else:
                ref, kind = EntityRef(EntityType.ORGANIZATION, long_text), None
            if ref.type not in _ACTING or not state.free(long_start, definition.short_end):
                continue
            state.add(_Span(long_start, definition.long_end, ref, long_text, kind=kind, source="acronym"))
            state.add(
                _Span(definition.short_start, definition.short_end, ref, definition.short, kind=kind, source="acronym")
            )
            self._acronym_map[definition.short] = ref

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

    def _persons(self, state: _State) -> list[tuple[int, int]]:
        """PERSON entities with titles, ranks and honorifics stripped; records the title phrases."""
        doc = state.doc
        out = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" and not self._titled_ent(state, ent):
                continue
            start, end = ent.start, ent.end
            while end > start and doc[end - 1].text in {"'s", "’s", "'", "’"}:
                end -= 1
            while (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
            ):
                end += 2  # "Han Duck" + "-soo": NER cut the name at its hyphen
            first = start
            while start < end and (
                self.titles.is_title_word(doc[start].text)
                or self._is_actor_word(doc[start].text)
                or doc[start].lower_ == "the"
            ):
                start += 1
            if end - start == 1 and not any(self.titles.is_title_word(t.text) for t in doc[first:start]):
                start = first  # "Georgian Dream" is a name, not "Dream" with a demonym in front
            while end < len(doc) and self._continues_name(state, end):
                end += 1  # "Maria Corina" + "Machado"
            if start >= end or not state.free(start, end) or self._town_of(doc, start):
                continue
            if end - start == 1 and self.gazetteer.lookup(doc[start].text):
                continue
            out.append((start, end))
        return out + self._titled_names(state, out)

    def _continues_name(self, state: _State, i: int) -> bool:
        """True when token ``i`` is a capitalised proper noun that NER left off the end of a name."""
        token = state.doc[i]
        return (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.ent_iob_ in {"O", ""}
            and not state.doc[i - 1].whitespace_ == ""
            and token.is_alpha
            and not self.titles.is_title_word(token.text)
            and not self.gazetteer.lookup(token.text)
        )

    @staticmethod
    def _town_of(doc: Doc, start: int) -> bool:
        """ "the town of Avdiivka": a place whatever NER says."""
        return (
            start >= 2
            and doc[start - 1].lower_ == "of"
            and doc[start - 2].lower_ in {"town", "city", "village", "port", "district", "region", "province"}
        )

    def _titled_ent(self, state: _State, ent: Span) -> bool:
        """An ORG/GPE entity that a capitalised title proves to be a person ("Vice-President Moody Awori")."""
        if ent.label_ not in {"ORG", "GPE", "NORP"} or not 2 <= len(ent) <= 4 or self.gazetteer.lookup(ent.text):
            return False
        if not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in ent):
            return False
        title = self._title_before(state, ent.start)
        return title is not None and title[0].position is not None and state.doc[ent.start - 1].text[:1].isupper()

    def _titled_names(self, state: _State, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names NER missed that a capitalised title proves: "Commission Chairperson Amara Diallo"."""
        doc = state.doc
        covered = {i for s, e in persons for i in range(s, e)}
        out = []
        for i in state.where(self.titles.head_words):
            token = doc[i]
            if not token.text[:1].isupper():
                continue
            start = token.i + 1
            end = start
            while (
                end < len(doc)
                and doc[end].pos_ == "PROPN"
                and doc[end].text[:1].isupper()
                and not self.titles.is_title_word(doc[end].text)
                and not self.gazetteer.lookup(doc[end].text)
            ):
                end += 1
            if (
                end - start >= 2
                and end - start <= 4
                and not any(i in covered for i in range(start, end))
                and state.free(start, end)
            ):
                if all(doc[i].ent_type_ in {"", "PERSON"} for i in range(start, end)):
                    out.append((start, end))
                    covered.update(range(start, end))
        return out

    def _is_actor_word(self, text: str) -> bool:
        return any(c.entry.type in {EntityType.COUNTRY, EntityType.ORGANIZATION} for c in self.gazetteer.lookup(text))

    def _title_before(self, state: _State, start: int) -> tuple[TitlePhrase, int] | None:
        """The title phrase right before the name at ``start`` and where its affiliation ends."""
        doc = state.doc
        i = start
        found = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        actor = next((s for s in found if s.end == start and self._is_actor_word(s.text)), None)
        if actor is not None and actor.start > 1 and doc[actor.start - 1].lower_ in {"of", "for"}:
            end = actor.start - 1  # "Prime Minister of Britain Keir Starmer"
            i = end
            while i > 0 and self.titles.is_title_word(doc[i - 1].text):
                i -= 1
            phrase = self.titles.analyse(doc, i, end) if i < end else None
            if phrase is not None:
                return phrase, i
            i = start
        while i > 0 and (
            self.titles.is_title_word(doc[i - 1].text)
            or (doc[i - 1].lower_ in {"of", "for"} and i < start)
            or (doc[i - 1].text == "-" and i > 1 and self.titles.is_title_word(doc[i - 2].text))
        ):
            i -= 1
        while i < start and doc[i].lower_ in {"of", "for", "the"}:
            i += 1
        if i == start:
            return None
        if i > 0 and doc[i - 1].pos_ in {"NOUN", "ADJ"} and not doc[i - 1].text[:1].isupper():
            return None  # "foreign policy chief": the title began with words we do not know
        phrase = self.titles.analyse(doc, i, start)
        if phrase is None:
            return None
        return phrase, i

    def _gazetteer_spans(self, state: _State) -> None:
        doc = state.doc
        found = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        georgia_us = self._georgia_is_us_state(state)
        for span in filter_spans(found):
            readings = self.gazetteer.lookup(span.text)
            if not readings or readings[0].role is Role.IGNORE:
                state.taken.update(range(span.start, span.end))
                continue
            if not state.free(span.start, span.end):
                continue
            if self._inside_ner_name(span):
                continue
            reading = self._choose(readings, georgia_us)
            resolved = self._resolve_reading(span, reading)
            if resolved is not None:
                state.add(resolved)

    def _inside_ner_name(self, span: Span) -> bool:
        """True when a longer PERSON/ORG/... entity contains ``span`` ("Bank of England", "Jordan Peterson")."""
        doc = span.doc
        ents = [e for e in (_ent_at(doc, span.start), _ent_at(doc, span.end - 1)) if e is not None]
        for ent in ents:
            if ent.start <= span.start and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
                if ent.label_ in _REPAIR_LABELS:
                    return False
                inner = doc[ent.start : ent.end]
                words = [t for t in inner if not (t.lower_ == "the" or t.text in {"'s", "’s"})]
                rest = [t for t in words if not (span.start <= t.i < span.end)]
                if all(self.titles.is_title_word(t.text) or self._is_actor_word(t.text) or t.is_punct for t in rest):
                    return False  # "Moldovan President" or "Vienna Austria": the gazetteer wins
                return True
        return False

    def _georgia_is_us_state(self, state: _State) -> bool:
        """ "Georgia" is the US state when the text says so; the country otherwise (documented rule).

        US-state cues: "state of Georgia", "U.S."/"US"/"American" right before it, "Atlanta", a governor,
        county or senator in the same sentence. "Tbilisi" or "Georgian" anywhere keeps the country.
        """
        doc = state.doc
        texts = set(state.texts)
        if "Georgia" not in texts or "Tbilisi" in texts or "Georgian" in texts or "Georgians" in texts:
            return False
        for i in (i for i, text in enumerate(state.texts) if text == "Georgia"):
            token = doc[i]
            before = doc[max(0, token.i - 3) : token.i].text.lower()
            if "state of" in before or before.endswith(("u.s.", "us", "american")):
                return True
            if any(t.lower_ in _US_STATE_CUES - {"u.s.", "us", "american", "state"} for t in token.sent):
                return True
        return False

    def _choose(self, readings: list[Candidate], georgia_us: bool) -> Candidate:
        if len(readings) == 1:
            return readings[0]
        user = [r for r in readings if r.entry.key.startswith("user:")]
        if user:
            return user[0]
        states = [r for r in readings if r.entry.us_state]
        if states and georgia_us:
            return states[0]
        for preferred in (
            [r for r in readings if r.entry.type is EntityType.COUNTRY],
            [r for r in readings if r.entry.capital],  # "Washington" the capital, not the state
            [r for r in readings if not r.entry.us_state],
        ):
            if preferred:
                return preferred[0]
        return readings[0]

    def _resolve_reading(self, span: Span, reading: Candidate) -> _Span | None:
        entry = reading.entry
        doc = span.doc
        start, end = span.start, span.end
        if entry.type is None:
            return None
        if reading.role is Role.PLURAL and doc[start].lower_ == "the" and end < len(doc):
            if doc[end - 1].dep_ in {"amod", "compound", "nmod"} and doc[end - 1].head.i >= end:
                # "The Sudanese government": an adjective, not "the Sudanese" people
                start += 1
                reading = Candidate(entry, Role.DEMONYM)
                span = doc[start:end]
        if reading.role in {Role.DEMONYM, Role.PLURAL}:
            head = doc[end - 1].head
            if reading.role is Role.DEMONYM and doc[end - 1].dep_ in {"amod", "compound", "nmod"} and head.i > end - 1:
                if head.lower_ in self.words.state_nouns and all(
                    t.pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT"} for t in doc[end : head.i]
                ):
                    return _Span(
                        start,
                        head.i + 1,
                        entry.ref,
                        doc[start : head.i + 1].text,
                        entry.geonames_id,
                        source="gazetteer",
                    )
            return _Span(start, end, entry.ref, span.text, entry.geonames_id, source="gazetteer")
        if entry.type is EntityType.LOCATION and entry.capital and entry.country and self._acts(span):
            target = self._city_actor(entry)
            if target is not None:
                return _Span(start, end, target.ref, span.text, target.geonames_id, source="capital")
        if (
            entry.type is EntityType.LOCATION
            and end < len(doc)
            and doc[end].lower_ in self.words.place_suffixes - {"state"}
        ):
            name = doc[start : end + 1].text  # "Belgorod region" is not the city of Belgorod
            return _Span(
                start, end + 1, EntityRef(EntityType.LOCATION, name), name, country=entry.country, source="gazetteer"
            )
        if entry.type is EntityType.COUNTRY:
            head = doc[end - 1].head
            if (
                doc[end - 1].dep_ == "poss"
                and head.lower_ in self.words.state_nouns
                and head.i > end - 1
                and head.i - end <= 2
            ):
                return _Span(
                    start, head.i + 1, entry.ref, doc[start : head.i + 1].text, entry.geonames_id, source="gazetteer"
                )
        return _Span(
            start,
            end,
            entry.ref,
            span.text,
            entry.geonames_id,
            country=entry.country,
            kind=entry.kind,
            source="gazetteer",
        )

    def _city_actor(self, entry: GazetteerEntry) -> GazetteerEntry | None:
        if entry.acts_for:
            return self.gazetteer.entry(EntityType.ORGANIZATION, entry.acts_for) or self.gazetteer.country(
                entry.acts_for
            )
        return self.gazetteer.country(entry.country or "")

    def _acts(self, span: Span) -> bool:
        """Does a capital act ("Beijing said", "accused Tehran", "Riyadh's proposal") rather than host?"""
        root = span.root
        doc = span.doc
        if span.end + 1 < len(doc) and doc[span.end].text == "-":
            # "Vienna-based" is a place; "Moscow-backed", "Tehran-funded" are the government acting
            return doc[span.end + 1].lower_ in _ACTING_SUFFIXES
        if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ in {"GPE", "LOC"}:
            return False  # "Hanoi, Vietnam"
        node = root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        dep = node.dep_
        if dep == "dobj" and node.head.lemma_ in self.words.place_verbs:
            return False  # "shelled Juba", "visited Beijing"
        if dep in {"nsubj", "nsubjpass", "dobj", "poss", "dative", "agent", "attr"}:
            return True
        if dep == "pobj":
            prep = node.head
            if prep.lower_ in self.words.venue_prepositions:
                return False
            if prep.lower_ == "to":
                return prep.head.lemma_ not in self.words.motion_verbs and prep.head.lower_ not in {
                    "trip",
                    "visit",
                    "flight",
                    "return",
                }
            return True
        if dep == "compound" and node.head.lower_ in {"government", "regime", "authorities", "administration"}:
            return True
        return False

    def _ner(self, state: _State, persons: list[tuple[int, int]]) -> None:
        doc = state.doc
        person_spans = set(persons)
        for start, end in persons:
            title = self._title_before(state, start)
            span = _Span(
                start, end, EntityRef(EntityType.PERSON, state.span_text(start, end)), state.span_text(start, end)
            )
            if self._appos_org(doc[start:end]):
                span.ref = EntityRef(EntityType.ORGANIZATION, clean_label(state.span_text(start, end)))
            if not state.free(start, end):
                # a name the gazetteer (or a user dictionary) already resolved keeps its title facts
                known = [s for s in state.spans if (s.start, s.end) == (start, end) and s.ref.type is EntityType.PERSON]
                if not known:
                    continue
                span = known[0]
            else:
                state.add(span)
            if title is not None:
                phrase, title_start = title
                alias_start = self._affiliation_start(state, title_start)
                state.titles.append((phrase, alias_start, end, span))
                span.more.append(span.alias)
                span.alias = state.span_text(alias_start, end)
                state.taken.update(range(title_start, start))
        for ent in doc.ents:
            if ent.label_ == "PERSON" and any(s <= ent.start < e or ent.start <= s < ent.end for s, e in person_spans):
                continue
            entity_type = _NER_TYPES.get(ent.label_)
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
                end -= 1
            if entity_type is None or start >= end or not state.free(start, end):
                continue
            if not any(t.text[:1].isupper() for t in doc[start:end]):
                continue
            if all(self.titles.is_title_word(t.text) for t in doc[start:end]) and self._in_title(doc, end):
                continue
            if entity_type is EntityType.LOCATION and end < len(doc) and doc[end].lower_ in self.words.place_suffixes:
                end += 1
            if ent.label_ == "PERSON":
                continue
            span_text = clean_label(state.span_text(start, end))
            alias = state.span_text(start, end)
            if entity_type is EntityType.ORGANIZATION:
                start, end, span_text = self._extend_org(doc, start, end)
                qualified = self._qualified_body(state, start, span_text)
                if qualified is not None:
                    span_text = alias = qualified
            state.add(_Span(start, end, EntityRef(entity_type, span_text), alias))
        self._place_patterns(state)

    def _qualified_body(self, state: _State, start: int, name: str) -> str | None:
        """ "Ukraine's Defence Ministry": a generic body name keeps its country, so that the defence
        ministries of two countries stay two nodes across documents ("Munitions Industry Department" is
        specific enough on its own)."""
        doc = state.doc
        if start < 2 or doc[start - 1].text not in {"'s", "’s"}:
            return None
        owner = next((s for s in state.spans if s.end == start - 1 and s.ref.type is EntityType.COUNTRY), None)
        if owner is None:
            return None
        generic = self.words.body_nouns | {"of", "for", "and", "the", "affairs", "ministry"}
        words = name.lower().split()
        if not any(w in self.words.body_nouns or w == "ministry" for w in words):
            return None
        if all(w in generic or self.titles.is_title_word(w) for w in words):
            return f"{doc[owner.start : start].text} {name}"
        return None

    def _in_title(self, doc: Doc, end: int) -> bool:
        """True when the tokens right after ``end`` continue a title into a person's name."""
        i = end
        while i < len(doc) and (self.titles.is_title_word(doc[i].text) or doc[i].lower_ in {"of", "for"}):
            i += 1
        return i < len(doc) and doc[i].ent_type_ == "PERSON"

    def _affiliation_start(self, state: _State, title_start: int) -> int:
        """Include the country/organisation right before a title ("US Secretary of State ...")."""
        doc = state.doc
        i = title_start
        if i > 0 and doc[i - 1].text in {"'s", "’s"}:
            i -= 1
        for span in state.spans:
            if span.end == i and span.ref.type in {EntityType.COUNTRY, EntityType.ORGANIZATION}:
                return span.start
        found = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        for match in found:
            if match.end == i:
                return int(match.start)
        for ent in doc.ents:
            if ent.end == i and ent.label_ in {"ORG", "GPE", "NORP"}:
                return int(ent.start) + (1 if doc[ent.start].lower_ == "the" else 0)
        return title_start

    def _appos_org(self, span: Span) -> bool:
        """ "two Chinese companies, Hexin Microtech and Zhongyuan Avionics": a name in apposition to an org noun."""
        node = span.root
        if any(c.dep_ == "appos" and c.lower_ in self.words.org_nouns for c in node.children):
            return True  # "Georgian Dream, the ruling party, ..."
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        return node.dep_ == "appos" and node.head.lower_ in self.words.org_nouns

    @staticmethod
    def _extend_org(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
        """Repair an ORG cut before its last word ("the Party of Action and" + "Solidarity")."""
        if doc[end - 1].lower_ in {"and", "of", "for", "&"} and end < len(doc) and doc[end].text[:1].isupper():
            end += 1
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                end += 1
        return start, end, clean_label(doc[start:end].text)

    def _place_patterns(self, state: _State) -> None:
        """Places NER missed: "the town of Sake", "the disputed Essequibo region"."""
        doc = state.doc
        for i in state.where(self.words.place_suffixes | {"town", "city", "village", "port", "district"}):
            token = doc[i]
            if token.lower_ in self.words.place_suffixes and token.i > 0 and doc[token.i - 1].pos_ == "PROPN":
                start = token.i - 1
                while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
                    start -= 1
                if state.free(start, token.i + 1) and doc[start].text[:1].isupper():
                    name = doc[start : token.i + 1].text
                    state.add(_Span(start, token.i + 1, EntityRef(EntityType.LOCATION, name), name))
            if token.lower_ in {"town", "city", "village", "port", "district"} and token.i + 2 < len(doc):
                of, first = doc[token.i + 1], doc[token.i + 2]
                if (
                    of.lower_ == "of"
                    and first.pos_ == "PROPN"
                    and first.text[:1].isupper()
                    and state.free(first.i, first.i + 1)
                ):
                    end = first.i + 1
                    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                        end += 1
                    text = doc[first.i : end].text
                    state.add(_Span(first.i, end, EntityRef(EntityType.LOCATION, text), text))

    def _joined_pairs(self, state: _State) -> None:
        """ "U.S.-China talks": one token naming two actors gets a mention of each."""
        for i, text in enumerate(state.texts):
            if "-" not in text or i in state.taken:
                continue
            parts = [p for p in text.split("-") if p]
            readings = [self.gazetteer.lookup(p) for p in parts]
            if len(parts) < 2 or not all(r and r[0].entry.type in _ACTING and r[0].role is not Role.IGNORE for r in readings):
                continue
            for part, reading in zip(parts, readings):
                entry = reading[0].entry
                state.spans.append(_Span(i, i + 1, entry.ref, part, entry.geonames_id, source="gazetteer"))
            state.taken.add(i)

    def _rementions(self, state: _State) -> None:
        """Later (or earlier) mentions of a name already resolved that NER missed or mislabelled."""
        doc = state.doc
        known: dict[str, _Span] = {}
        for span in state.spans:
            if span.ref.type in {EntityType.PERSON, EntityType.ORGANIZATION, EntityType.LOCATION, EntityType.COUNTRY}:
                text = state.span_text(span.start, span.end)
                if text[:1].isupper():
                    known.setdefault(text, span)
                if span.ref.type is EntityType.PERSON and len(span.ref.name.split()) > 1:
                    known.setdefault(span.ref.name.split()[-1], span)
        by_first: dict[str, list[str]] = {}
        for text in known:
            by_first.setdefault(text.split()[0], []).append(text)
        for i, token_text in enumerate(state.texts):
            if i in state.taken or token_text not in by_first:
                continue
            token = doc[i]
            for text in sorted(by_first[token.text], key=len, reverse=True):
                size = len(text.split())
                window = doc[token.i : token.i + size]
                if (
                    window.text == text
                    and state.free(window.start, window.end)
                    and token.pos_ in {"PROPN", "NOUN", "X"}
                ):
                    source = known[text]
                    state.add(
                        _Span(
                            window.start,
                            window.end,
                            source.ref,
                            window.text,
                            source.geonames_id,
                            source.country,
                            source.kind,
                            "remention",
                        )
                    )
                    break

    # -- canonical names ------------------------------------------------------------------------
    def _canonical_people(self, state: _State, names: PersonNames) -> None:
        for span in state.spans:
            text = state.span_text(span.start, span.end)
            if span.ref.type is EntityType.PERSON and span.source != "gazetteer":
                span.ref = EntityRef(EntityType.PERSON, names.resolve(clean_label(text)))
            elif (
                span.source in {"ner", "gazetteer", "remention"}
                and span.ref.type in {EntityType.ORGANIZATION, EntityType.LOCATION}
                and span.end - span.start == 1
                and not (span.source == "gazetteer" and span.ref.type is EntityType.ORGANIZATION)
            ):
                # "Lloyd Austin ... Austin said": a surname beats a city or an NER guess
                if text in names.full or (names.knows(text) and names.resolve(text) != text):
                    span.ref = EntityRef(EntityType.PERSON, names.resolve(text))

    def _canonical_orgs(self, state: _State) -> None:
        """One node per organisation: acronyms and partial names ("Treasury") to the fullest name."""
        orgs = [s for s in state.spans if s.ref.type is EntityType.ORGANIZATION]
        full_names = sorted({s.ref.name for s in orgs}, key=lambda n: -len(n.split()))
        for span in orgs:
            name = span.ref.name
            if name in self._acronym_map:
                span.ref = self._acronym_map[name]
                continue
            words = name.split()
            containing = [
                f for f in full_names if f != name and len(f.split()) > len(words) and _contains_words(f.split(), words)
            ]
            if len(containing) == 1 and span.source != "gazetteer":
                span.ref = EntityRef(EntityType.ORGANIZATION, containing[0])

    def _groups(self, state: _State) -> None:
        """Collectives: "the French delegation" and "Rwandan rebels" become Groups; "a Hamas delegation"
        and "Hamas fighters" stand for the organisation; "displaced families in Goma"."""
        doc = state.doc
        words = self.words
        collective = words.group_nouns | words.non_state_nouns | words.member_nouns
        for i in state.where(words.body_nouns | collective | words.people_nouns | {"community"}):
            token = doc[i]
            lower = token.lower_
            if lower in words.body_nouns and token.pos_ in {"NOUN", "PROPN"} and token.i not in state.taken:
                if self._body(state, token):
                    continue
            if token.pos_ == "NOUN" and lower in collective and token.i not in state.taken:
                modifiers = [
                    s
                    for s in state.spans
                    if token.left_edge.i <= s.start
                    and s.end <= token.i
                    and s.ref.type in {EntityType.COUNTRY, EntityType.ORGANIZATION, EntityType.LOCATION}
                ]
                if modifiers and self._collective(state, token, modifiers[-1]):
                    continue
            if lower == "community" and token.i > 0 and doc[token.i - 1].lower_ == "international":
                start = token.i - 1
                if state.free(start, token.i + 1):
                    alias = doc[max(0, start - 1) : token.i + 1].text
                    state.add(_Span(start, token.i + 1, EntityRef(EntityType.GROUP, "international community"), alias))
                continue
            if self._members_from(state, token):
                continue
            people = groups.people_phrase(token)
            if people is not None and state.free(people.start, token.i + 1):
                ref = EntityRef(EntityType.GROUP, people.name)
                state.add(_Span(people.start, people.end, ref, doc[people.np_start : people.end].text, source="group"))

    def _body(self, state: _State, noun: Token) -> bool:
        """ "the Chinese foreign ministry", "Poland's parliament": a government body of a country."""
        doc = state.doc
        left = noun.left_edge.i
        owners = [s for s in state.spans if left <= s.start and s.end <= noun.i and s.ref.type is EntityType.COUNTRY]
        if not owners:
            return False
        owner = owners[0]
        between = doc[owner.end : noun.i]
        if any(t.pos_ not in {"ADJ", "NOUN", "PROPN"} and t.text not in {"'s", "’s"} for t in between):
            return False
        if any(i in state.taken and not owner.start <= i < owner.end for i in range(owner.start, noun.i + 1)):
            return False
        name = doc[owner.start : noun.i + 1].text
        body = _Span(owner.start, noun.i + 1, EntityRef(EntityType.ORGANIZATION, name), name, source="body")
        body.owner = owner.ref
        state.spans.remove(owner)
        state.add(body)
        state.spans.append(owner)
        return True

    def _members_from(self, state: _State, noun: Token) -> bool:
        """ "Fighters from JNIM attacked ...": a subject made of an actor's members is that actor."""
        if (
            noun.dep_ not in {"nsubj", "nsubjpass"}
            or noun.lower_ not in self.words.member_nouns | self.words.state_nouns
        ):
            return False
        roots = {state.doc[s.start : s.end].root.i: s for s in state.spans if s.ref.type in _ACTING}
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "of"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in roots:
                        actor = roots[obj.i]
                        start = noun.left_edge.i
                        state.spans.append(
                            _Span(start, actor.end, actor.ref, state.doc[start : actor.end].text, source="members")
                        )
                        state.taken.update(range(start, actor.end))
                        return True
        return False

    def _collective(self, state: _State, noun: Token, owner: _Span) -> bool:
        """Resolve "<owner> <noun>"; True when handled."""
        doc = state.doc
        role = groups.classify_collective(noun, owner.ref.type)
        if role is groups.GroupRole.ACTOR:
            if owner.ref.type is EntityType.LOCATION:
                return False
            owner.end = max(owner.end, noun.i + 1)  # "a Hamas delegation", "Hamas fighters": the organisation
            owner.alias = doc[owner.start : owner.end].text
            state.taken.update(range(owner.start, owner.end))
            return True
        if role is groups.GroupRole.NONE:
            return False
        phrase = groups.group_phrase(noun)
        if any(i in state.taken and not owner.start <= i < owner.end for i in range(phrase.start, phrase.end)):
            return False
        affiliated = role is groups.GroupRole.AFFILIATED_GROUP and owner.ref.type is not EntityType.LOCATION
        alias = doc[phrase.np_start : phrase.end].text
        group = _Span(phrase.start, phrase.end, EntityRef(EntityType.GROUP, phrase.name), alias, source="group")
        group.owner = owner.ref if affiliated else None
        state.spans.remove(owner)
        state.add(group)
        state.spans.append(owner)  # the country mention stays, nested inside the group
        return True

    # -- output ---------------------------------------------------------------------------------
    def _mentions(self, state: _State) -> tuple[list[ActorMention], dict[EntityRef, EntityInfo]]:
        doc = state.doc
        infos: dict[EntityRef, EntityInfo] = {}
        mentions = []
        for span in sorted(state.spans, key=lambda s: (s.start, s.end)):
            if not span.ref.name.strip():
                continue
            info = infos.setdefault(span.ref, EntityInfo(span.ref))
            for alias in (span.alias, *span.more):
                info.aliases.add(clean_label(alias) or alias)
            if span.geonames_id and not info.geonames_id:
                info.geonames_id = span.geonames_id
            if span.country and not info.country and span.ref.type is not EntityType.GROUP:
                info.country = span.country
            root = span.start if span.end - span.start == 1 else doc[span.start : span.end].root.i
            mentions.append(ActorMention(span.start, span.end, root, span.ref))
        for ref, info in infos.items():
            if info.geonames_id is None and ref.type in {EntityType.COUNTRY, EntityType.LOCATION}:
                entry = self.gazetteer.entry(ref.type, ref.name)
                if entry is not None:
                    info.geonames_id = entry.geonames_id
        self._kinds = {
            ref: {
                k
                for k in [getattr(self.gazetteer.entry(ref.type, ref.name), "kind", None), ref.name.split()[-1].lower()]
                if k
            }
            for ref in infos
            if ref.type is EntityType.ORGANIZATION
        }
        for ref in self._kinds:
            if ref.name.endswith(("Armed Forces", "Army")):
                self._kinds[ref].add("army")
            if any(w in ref.name for w in ("Rebels", "Movement")) or ref.name == "M23":
                self._kinds[ref].add("rebels")
            self._kinds[ref].add("group") if "kind" not in self._kinds[ref] else None
        return mentions, infos

    def _anaphora(
        self, state: _State, mentions: list[ActorMention], infos: dict[EntityRef, EntityInfo]
    ) -> list[ActorMention]:
        doc = state.doc
        mentions = sorted(mentions, key=lambda m: m.start)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        by_root = {m.root: m for m in mentions}
        resolved: dict[int, ActorMention] = {}
        added: list[ActorMention] = []
        sentence_starts = [s.start for s in doc.sents]
        anaphors = coref.PRONOUNS | frozenset(coref.PLURAL_HEADS) | self.words.description_nouns
        for i in state.where(anaphors):
            if i in covered:
                continue
            token = doc[i]
            lower = token.lower_
            if lower not in anaphors or token.pos_ not in {"PRON", "NOUN", "DET"}:
                continue
            current = sorted(mentions + added, key=lambda m: m.start)
            if lower in coref.PERSONAL or lower in coref.NEUTER:
                ref = coref.resolve_pronoun(token, current, by_root, resolved)
                if ref is not None:
                    mention = ActorMention(token.i, token.i + 1, token.i, ref, pronoun=True)
                    added.append(mention)
                    resolved[token.i] = mention
            elif lower in coref.PLURAL:
                window = sentence_starts[max(0, bisect_right(sentence_starts, token.i) - 3)]
                for ref in coref.resolve_plural(token, current, None, None, window):
                    added.append(ActorMention(token.i, token.i + 1, token.i, ref, pronoun=True))
            elif lower in coref.PLURAL_HEADS and token.pos_ == "NOUN":
                anaphor = coref.plural_anaphor(token)
                if anaphor is not None:
                    start = token.left_edge.i
                    for ref in coref.resolve_plural(token, current, *anaphor):
                        added.append(ActorMention(start, token.i + 1, token.i, ref))
            elif lower in self.words.description_nouns and token.pos_ == "NOUN" and token.i > 0:
                det = [c for c in token.children if c.dep_ == "det" and c.lower_ == "the"]
                others = [
                    c for c in token.children if c.dep_ in {"amod", "compound", "nmod"} and not _is_hyphen_modifier(c)
                ]
                if det and not others and not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
                    inside = {m.entity for m in current if det[0].i <= m.start and m.end <= token.i}
                    ref = coref.resolve_description(token, self._kinds, current, exclude=inside)
                    if ref is not None:
                        start = det[0].i
                        added.append(ActorMention(start, token.i + 1, token.i, ref))
                        infos[ref].aliases.add(doc[start : token.i + 1].text)
        return mentions + added


def _ent_at(doc: Doc, i: int) -> Span | None:
    """The entity covering token ``i`` (walks back over its IOB tags; no scan of ``doc.ents``)."""
    token = doc[i]
    if not token.ent_iob_ or token.ent_iob_ == "O":
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type_)


def _is_hyphen_modifier(token: Token) -> bool:
    return any(t.text == "-" for t in token.subtree) or token.lower_ in {
        "linked",
        "based",
        "backed",
        "affiliated",
        "allied",
        "led",
    }


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i : i + size] == shorter for i in range(len(longer) - size + 1))


@Language.factory("kgraph_actors", default_config={"actors": None})
def make_actor_resolver(nlp: Language, name: str, actors: str | None) -> ActorResolver:
    """Factory of the ``kgraph_actors`` component; ``actors`` is an optional user dictionary path."""
    return ActorResolver(name=name, actors=actors)
