"""Places and states: gazetteer readings, capitals acting for their government, places NER missed."""

from __future__ import annotations

__all__ = ["PlaceRules"]

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.gazetteer import SPANS_KEY, Candidate, GazetteerEntry, Role
from kgraph.nlp.actors.resolution import (
    ACTING,
    ACTING_SUFFIXES,
    REPAIR_LABELS,
    ResolutionState,
    ResolverBase,
    SpanCandidate,
)

_US_STATE_CUES = frozenset({"governor", "county", "atlanta", "savannah", "senator"})


class PlaceRules(ResolverBase):
    """Rules over the gazetteer's spans and place names (mixed into ``ActorResolver``)."""

    def _gazetteer_spans(self, state: ResolutionState) -> None:
        doc = state.doc
        found = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        georgia_us = self._georgia_is_us_state(state)
        for span in filter_spans(found):
            readings = self.gazetteer.lookup(span.text)
            if not readings or readings[0].role is Role.IGNORE:
                if not self._inside_ner_name(span):  # "Shia" blocks nothing inside "Mohammed Shia al-Sudani"
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
                if ent.label_ in REPAIR_LABELS or any(t.pos_ in {"VERB", "AUX"} for t in ent):
                    return False  # a repairable label, or NER ran a name on over its verb
                inner = doc[ent.start : ent.end]
                words = [t for t in inner if not (t.lower_ == "the" or t.text in {"'s", "’s"})]
                rest = [t for t in words if not (span.start <= t.i < span.end)]
                if all(self.titles.is_title_word(t.text) or self._is_actor_word(t.text) or t.is_punct for t in rest):
                    return False  # "Moldovan President" or "Vienna Austria": the gazetteer wins
                return True
        return False

    def _georgia_is_us_state(self, state: ResolutionState) -> bool:
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

    def _resolve_reading(self, span: Span, reading: Candidate) -> SpanCandidate | None:
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
                    return SpanCandidate(
                        start,
                        head.i + 1,
                        entry.ref,
                        doc[start : head.i + 1].text,
                        entry.geonames_id,
                        source="gazetteer",
                    )
            return SpanCandidate(start, end, entry.ref, span.text, entry.geonames_id, source="gazetteer")
        if entry.type is EntityType.LOCATION and entry.capital and entry.country and self._acts(span):
            target = self._city_actor(entry)
            if target is not None:
                return SpanCandidate(start, end, target.ref, span.text, target.geonames_id, source="capital")
        if (
            entry.type is EntityType.LOCATION
            and end < len(doc)
            and doc[end].lower_ in self.words.place_suffixes - {"state"}
        ):
            name = doc[start : end + 1].text  # "Belgorod region" is not the city of Belgorod
            return SpanCandidate(
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
                return SpanCandidate(
                    start, head.i + 1, entry.ref, doc[start : head.i + 1].text, entry.geonames_id, source="gazetteer"
                )
        return SpanCandidate(
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
            return doc[span.end + 1].lower_ in ACTING_SUFFIXES
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
        if dep == "compound" and self.titles.is_title_word(node.head.text):
            return node.head.lower_ not in {"mayor", "governor"}  # "Kremlin spokesman"; a mayor runs the city
        return False

    def _place_patterns(self, state: ResolutionState) -> None:
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
                    state.add(SpanCandidate(start, token.i + 1, EntityRef(EntityType.LOCATION, name), name))
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
                    state.add(SpanCandidate(first.i, end, EntityRef(EntityType.LOCATION, text), text))

    def _joined_pairs(self, state: ResolutionState) -> None:
        """ "U.S.-China talks": one token naming two actors gets a mention of each."""
        for i, text in enumerate(state.texts):
            if "-" not in text or i in state.taken:
                continue
            parts = [p for p in text.split("-") if p]
            readings = [self.gazetteer.lookup(p) for p in parts]
            if len(parts) < 2 or not all(
                r and r[0].entry.type in ACTING and r[0].role is not Role.IGNORE for r in readings
            ):
                continue
            for part, reading in zip(parts, readings, strict=True):
                entry = reading[0].entry
                state.spans.append(SpanCandidate(i, i + 1, entry.ref, part, entry.geonames_id, source="gazetteer"))
            state.taken.add(i)


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
