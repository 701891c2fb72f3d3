"""People: PERSON entities with titles and ranks stripped, titles that prove a name, surnames."""

from __future__ import annotations

__all__ = ["PeopleRules"]

from spacy.tokens import Doc, Span, Token

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.canonical import PersonNames, clean_label
from kgraph.nlp.actors.gazetteer import SPANS_KEY
from kgraph.nlp.actors.resolution import ResolutionState, ResolverBase, SpanCandidate
from kgraph.nlp.actors.titles import TitlePhrase

_NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "di", "du", "dos", "das", "del", "la", "le", "bin", "ibn"}
)
_PERSONAL_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})


class PeopleRules(ResolverBase):
    """Rules that find and name people (mixed into ``ActorResolver``)."""

    def _persons(self, state: ResolutionState) -> list[tuple[int, int]]:
        """PERSON entities with titles, ranks and honorifics stripped; records the title phrases."""
        doc = state.doc
        out = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" and not self._titled_ent(state, ent):
                continue
            if self._people_modifier(ent) or self._members_of_named(ent):
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
            while end < len(doc) and doc[end - 1].lower_ in _NAME_PARTICLES and self._proper_word(doc[end]):
                end += 1  # "Ursula von der" + "Leyen": NER cut the name after its particle
            first = start
            if ent.label_ != "PERSON":
                start = self._embedded_title(state, ent)
                end = min(end, _name_end(ent, start))  # "State Ilse Marten urged Europe": NER ran on
            while start < end and (
                self.titles.is_title_word(doc[start].text)
                or self._is_actor_word(doc[start].text)
                or doc[start].lower_ == "the"
            ):
                start += 1
            if end - start == 1 and not any(self.titles.is_title_word(t.text) for t in doc[first:start]):
                start = first  # "Georgian Dream" is a name, not "Dream" with a demonym in front
            while start > 0 and end - start < 4 and self._given_name_before(state, start, end):
                start -= 1  # "Nadia" (tagged a place) + "Adeyemi" (untagged) + "Mwangi": NER cut the name
            while end < len(doc) and self._continues_name(state, end):
                end += 1  # "Maria Corina" + "Machado"
            if start >= end or not state.free(start, end) or self._town_of(doc, start):
                continue
            if ent.label_ == "PERSON" and start == first and self._place_not_person(state, start, end):
                text = state.span_text(start, end)
                state.add(SpanCandidate(start, end, EntityRef(EntityType.LOCATION, text), text, source="ner"))
                continue
            if end - start == 1 and self.gazetteer.lookup(doc[start].text):
                continue
            out.append((start, end))
        return _merged(out + self._titled_names(state, out))

    def _embedded_title(self, state: ResolutionState, ent: Span) -> int:
        """The name's start in an entity that runs an organisation, a title and a name together
        ("Union Commission Chairperson Ilse Marten"); the organisation part becomes its own span."""
        doc = state.doc
        start = self._name_start_in_ent(ent)
        title_start = start
        while title_start > ent.start and (
            self.titles.is_title_word(doc[title_start - 1].text) or doc[title_start - 1].lower_ in {"of", "for"}
        ):
            title_start -= 1
        prefix_start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        text = clean_label(state.span_text(prefix_start, title_start)) if prefix_start < title_start else ""
        known = self._known_name(text) if text else None
        if text and state.free(prefix_start, title_start) and (known is not None or not self.gazetteer.lookup(text)):
            # a demonym ("Kazakh President ...") is left to the gazetteer step
            ref = known.ref if known is not None else EntityRef(EntityType.ORGANIZATION, text)
            alias = state.span_text(prefix_start, title_start)
            state.add(SpanCandidate(prefix_start, title_start, ref, alias, source="ner"))
        return start

    def _given_name_before(self, state: ResolutionState, start: int, end: int) -> bool:
        """True when the token before a name is a further name word NER left out or mistyped as a
        one-word place or organisation: capitalised, a compound of the name, known to no list."""
        doc = state.doc
        token = doc[start - 1]
        if not (token.is_alpha and token.text[:1].isupper() and not token.text.isupper() and token.pos_ == "PROPN"):
            return False
        if token.dep_ != "compound" or not start <= token.head.i < end or (start - 1) in state.taken:
            return False
        if token.ent_iob_ == "I" or (start < len(doc) and doc[start].ent_iob_ == "I" and token.ent_iob_ == "B"):
            return False  # inside a longer entity
        if self.titles.is_title_word(token.text) or self.gazetteer.lookup(token.text):
            return False
        return token.lower_ not in self.words.all_words

    def _place_not_person(self, state: ResolutionState, start: int, end: int) -> bool:
        """A name NER took for a person that the text uses as a place: somewhere it is the object of
        "in", "into", "across" or "throughout" ("residents in Kalvana"), and nowhere does a title, a
        personal pronoun after it or a verb of saying show a person. Places do not speak."""
        doc = state.doc
        text = state.span_text(start, end)
        if start > 0 and self.titles.is_title_word(doc[start - 1].text):
            return False
        located = False
        for i in (k for k, t in enumerate(state.texts) if t == doc[start].text):
            if state.span_text(i, min(i + end - start, len(doc))) != text:
                continue
            root = doc[i : i + end - start].root
            if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ in self.words.speaker_verbs:
                return False
            if any(lower in {"he", "she", "his", "her"} for lower in state.lowers[i + 1 : state.sentence_end(i)]):
                if root.dep_ in {"nsubj", "nsubjpass", "appos"}:
                    return False
            if i > 0 and (doc[i - 1].text in {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."}):
                return False
            if root.dep_ == "pobj" and root.head.lower_ in {"in", "into", "across", "throughout", "inside"}:
                located = True
        return located

    def _subject_names(self, state: ResolutionState) -> None:
        """A capitalised name NER missed as a clause subject, in a sentence naming another person or
        using he/she: "Rubio met Lavrov" (NER found only Lavrov), "Rubio said he would travel". Words
        the gazetteer, the title lexicon or the rule word classes know are never names; the whole
        compound run is taken ("Marco Rubio")."""
        doc = state.doc
        person_sents = {state.sentence_of(s.start) for s in state.spans if s.ref.type is EntityType.PERSON}
        person_sents |= {state.sentence_of(i) for i in state.where(_PERSONAL_PRONOUNS)}  # "Rubio said he ..."
        if not person_sents:
            return
        known = self.words.all_words
        for i, text in enumerate(state.texts):
            if not text[:1].isupper() or i in state.taken:
                continue
            token = doc[i]
            if (
                token.dep_ not in {"nsubj", "nsubjpass"}
                or token.pos_ != "PROPN"
                or token.head.pos_ not in {"VERB", "AUX"}
                or token.i in state.taken
                or state.sentence_of(token.i) not in person_sents
            ):
                continue
            start = token.i
            while (
                start > state.sentence_of(token.i)
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].pos_ == "PROPN"
            ):
                start -= 1
            run = doc[start : token.i + 1]
            if not all(self._name_word(state, t.i, known) for t in run) or not state.free(start, token.i + 1):
                continue
            text = run.text
            state.add(SpanCandidate(start, token.i + 1, EntityRef(EntityType.PERSON, text), text, source="subject"))

    def _person_not_place(self, state: ResolutionState, start: int, end: int) -> bool:
        """A place NER guessed that the gazetteer does not know and the clause shows is a person:
        it speaks ("Blinken said"), is coordinated with a person ("Khan and Modi") or is met by one
        ("Kristersson met Stoltenberg"). Places are visited, not met, and do not tell reporters."""
        doc = state.doc
        span = doc[start:end]
        if self.gazetteer.lookup(span.text) or not all(self._proper_word(t) for t in span):
            return False
        if start > 0 and doc[start - 1].lower_ in {"the", "a", "an"}:
            return False  # "the North admitted": names of people take no article
        root = span.root
        head = root.head
        if root.dep_ == "nsubj" and head.lemma_ in self.words.speaker_verbs:
            return True
        people = {s.start for s in state.spans if s.ref.type is EntityType.PERSON}
        roots = {doc[s.start : s.end].root.i for s in state.spans if s.ref.type is EntityType.PERSON}
        if (root.dep_ == "conj" and head.i in roots) or any(c.dep_ == "conj" and c.i in roots for c in root.children):
            return True
        if root.dep_ == "dobj" and head.lemma_ in {"meet", "phone", "call", "thank", "congratulate"}:
            return any(c.dep_ == "nsubj" and c.i in roots for c in head.children) or bool(people)
        return False

    def _person_not_org(self, state: ResolutionState, start: int, end: int) -> bool:
        """ "Rubio said he would travel": a one-word organisation NER guessed that speaks and is then
        "he" or "she" in its own sentence is a person."""
        doc = state.doc
        token = doc[start]
        if end - start != 1 or not self._proper_word(token) or self.gazetteer.lookup(token.text):
            return False
        if token.dep_ != "nsubj" or token.head.lemma_ not in self.words.speaker_verbs:
            return False
        return any(lower in {"he", "she"} for lower in state.lowers[end : state.sentence_end(start)])

    @staticmethod
    def _proper_word(token: Token) -> bool:
        return token.pos_ == "PROPN" and token.text[:1].isupper() and not token.text.isupper()

    def _name_word(self, state: ResolutionState, i: int, known: frozenset[str]) -> bool:
        """True when token ``i`` may be part of a person's name NER missed."""
        token = state.doc[i]
        return (
            token.is_alpha
            and token.text[:1].isupper()
            and not token.text.isupper()
            and token.ent_iob_ in {"O", ""}
            and not self.titles.is_title_word(token.text)
            and not self.gazetteer.lookup(token.text)
            and token.lower_ not in known
        )

    def _people_modifier(self, ent: Span) -> bool:
        """ "the Hutu majority", "a Karen guerrilla stronghold": a one-word PERSON modifying a noun for
        a people or fighters names an ethnic group, not a person."""
        doc = ent.doc
        if len(ent) != 1 or ent.end >= len(doc) or not doc[ent.end].text.islower():
            return False
        head = doc[ent.end].lower_
        nouns = self.words.non_state_nouns | self.words.people_nouns
        return head in nouns or head + "s" in nouns or head in {"majority", "minority", "community", "tribe"}

    def _members_of_named(self, ent: Span) -> bool:
        """ "Jaish al-Adl militants": a PERSON of two or more words before a fighters/militants noun
        names an armed group (``_ner`` reads it as an Organization)."""
        doc = ent.doc
        return (
            ent.label_ == "PERSON"
            and len(ent) > 1
            and ent.end < len(doc)
            and doc[ent.end].text.islower()
            and doc[ent.end].lower_ in self.words.member_nouns & self.words.non_state_nouns
        )

    def _continues_name(self, state: ResolutionState, i: int) -> bool:
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

    def _titled_ent(self, state: ResolutionState, ent: Span) -> bool:
        """An entity NER typed as an organisation or place that a title proves to be a person: a title
        before it ("Vice-President Moody Awori", "government spokeswoman Yolande Makolo"), a title NER ran
        into it ("Secretary of" + "State Ilse Marten"), or a title in apposition ("Ilse Marten, the new Dutch
        prime minister"; "Norway's foreign minister, Ilse Marten,")."""
        if ent.label_ in {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
            return False
        doc = state.doc
        start = self._name_start_in_ent(ent)
        name = doc[start : _name_end(ent, start)]
        while len(name) and name[-1].text in {"'s", "’s", "'", "’"}:
            name = doc[start : name.end - 1]
        if not 1 <= len(name) <= 4 or self.gazetteer.lookup(name.text) or not self._name_tokens(name):
            return False
        if self._appos_title(name.root):
            return True
        if len(name) < 2 or start == 0:
            return False
        title = self._title_before(state, start)
        before = doc[start - 1]
        if start == ent.start and (
            before.lower_ in self.titles.head_words
            and before.text.isalpha()
            and before.text.islower()
            and self.titles.is_title_word(before.text)
        ):
            return True  # "government spokeswoman Yolande Makolo"
        if title is None or not (before.text[:1].isupper() or before.text == "-"):
            return False
        return title[0].position is not None or start > ent.start or title[0].text[:1].isupper()

    def _name_start_in_ent(self, ent: Span) -> int:
        """Where a person's name begins inside an entity that starts with title words ("State Ilse Marten"
        after "Secretary of"; "Union Commission Chairperson Ilse Marten" keeps its organisation part)."""
        doc = ent.doc
        start = ent.start
        while start < ent.end and (self.titles.is_title_word(doc[start].text) or doc[start].lower_ in {"of", "for"}):
            start += 1
        if start > ent.start:
            return start
        for i in range(ent.end - 2, ent.start, -1):
            if doc[i].lower_ in self.titles.head_words and doc[i].text[:1].isupper() and ent.end - i - 1 >= 2:
                return i + 1
        return start

    def _name_tokens(self, name: Span) -> bool:
        """Every word is a capitalised proper-noun word that no title, actor or place list knows."""
        return all(
            (t.text == "-" or (t.text[:1].isupper() and t.pos_ == "PROPN" and not t.text.isupper()))
            and not self.titles.is_title_word(t.text)
            and not self.gazetteer.lookup(t.text)
            for t in name
        )

    def _appos_title(self, root: Token) -> bool:
        """True when a title noun phrase stands in apposition to ``root`` ("Ilse Marten, the Dutch prime
        minister" or "the Dutch prime minister, Ilse Marten")."""

        def titled(token: Token) -> bool:
            return token.pos_ in {"NOUN", "PROPN"} and token.lower_ in self.titles.head_words | {
                "minister",
                "president",
                "spokesperson",
                "spokesman",
                "spokeswoman",
                "ambassador",
                "envoy",
                "chief",
                "director",
                "secretary",
                "commander",
                "counterpart",
            }

        if root.dep_ == "appos" and titled(root.head):
            return True
        return any(c.dep_ == "appos" and titled(c) for c in root.children)

    def _titled_names(self, state: ResolutionState, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Names NER missed that a capitalised title proves ("Commission Chairperson Ilse Marten") or a
        title in apposition ("a Treasury spokesperson, Ilse Marten,")."""
        doc = state.doc
        covered = {i for s, e in persons for i in range(s, e)}
        out = []
        for token in doc:
            if token.pos_ != "PROPN" or token.ent_iob_ not in {"O", ""} or token.i in covered:
                continue
            start = token.i
            while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == token.i:
                start -= 1
            name = doc[start : token.i + 1]
            if (
                1 < len(name) <= 4
                and all(t.ent_iob_ in {"O", ""} for t in name)
                and self._name_tokens(name)
                and self._appos_title(token)
                and state.free(start, token.i + 1)
            ):
                out.append((start, token.i + 1))
                covered.update(range(start, token.i + 1))
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

    def _title_before(self, state: ResolutionState, start: int) -> tuple[TitlePhrase, int] | None:
        """The title phrase right before the name at ``start`` and where its affiliation ends."""
        doc = state.doc
        i = start
        found = doc.spans[SPANS_KEY] if SPANS_KEY in doc.spans else []
        actor: Span | None = next((s for s in found if s.end == start and self._is_actor_word(s.text)), None)
        if actor is None and start > 0 and doc[start - 1].ent_type_ == "ORG":
            ent = _ent_ending_at(doc, start)  # "Spokesperson for the Moldovan Foreign Ministry Ilse Marten"
            if ent is not None and ent.start > 1 and not all(self.titles.is_title_word(t.text) for t in ent):
                actor = doc[ent.start + 1 : ent.end] if doc[ent.start].lower_ == "the" else ent
        if actor is not None and actor.start > 1 and doc[actor.start - 1].lower_ == "the":
            actor = doc[actor.start - 1 : actor.end]
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

    def _affiliation_start(self, state: ResolutionState, title_start: int) -> int:
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
        """ "two Japanese firms, Kanto Optics and Sendai Marine": a name in apposition to an org noun."""
        node = span.root
        if any(c.dep_ == "appos" and c.lower_ in self.words.org_nouns for c in node.children):
            return True  # "Georgian Dream, the ruling party, ..."
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        return node.dep_ == "appos" and node.head.lower_ in self.words.org_nouns

    def _canonical_people(self, state: ResolutionState, names: PersonNames) -> None:
        person_texts = {state.span_text(s.start, s.end) for s in state.spans if s.ref.type is EntityType.PERSON}
        for span in state.spans:
            text = state.span_text(span.start, span.end)
            if span.ref.type is EntityType.PERSON and span.source != "gazetteer":
                span.ref = EntityRef(EntityType.PERSON, names.resolve(clean_label(text)))
            elif (
                span.source in {"ner", "remention"}
                and span.ref.type in {EntityType.ORGANIZATION, EntityType.LOCATION}
                and text in person_texts
                and not self.gazetteer.lookup(text)
            ):
                # "Brazil's Lula ... Lula said": one unknown name is one actor; where NER also read it
                # as a person, the person wins over its place or organisation guess
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


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping name spans as one ("Ilse" + "Ilse Van Marten" + "Marten": NER cut a name in two).

    >>> _merged([(0, 1), (0, 3), (2, 3), (5, 7)])
    [(0, 3), (5, 7)]
    """
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _name_end(ent: Span, start: int) -> int:
    """The end of the name from ``start``: NER sometimes runs an entity on over the verb after it.

    >>> import spacy
    >>> doc = spacy.blank("en")("Ilse Marten urged Europe")
    >>> doc[2].pos_ = "VERB"
    >>> _name_end(doc[0:4], 0)
    2
    """
    doc = ent.doc
    for i in range(start, ent.end):
        if doc[i].pos_ in {"VERB", "AUX"}:
            return i
    return ent.end


def _ent_ending_at(doc: Doc, end: int) -> Span | None:
    """The entity whose last token is ``end - 1``."""
    start = end - 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B":
        return None
    return doc[start:end]
