"""``kgraph_actors``: resolve entity spans to canonical actors, one entity per actor per document.

Sources, in order of trust: acronym definitions in the text, the gazetteer spans set by the
``kgraph_gazetteer`` span ruler (countries, demonyms, capitals, organisations), the statistical NER,
then repairs (surnames inside DATE entities, re-mentions NER missed), groups and anaphora. The rules
live in ``people``, ``places`` and ``groups``; in-mention facts in ``mention_facts``; anaphora in
``coref``.
"""

from __future__ import annotations

__all__ = ["ActorResolver", "make_actor_resolver"]

from bisect import bisect_right
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors import coref
from kgraph.nlp.actors.canonical import PersonNames, clean_label, find_acronyms
from kgraph.nlp.actors.gazetteer import Gazetteer, Role
from kgraph.nlp.actors.gender import Gender, load_gender_cues, pronoun_gender
from kgraph.nlp.actors.groups import GroupRules
from kgraph.nlp.actors.mention_facts import FactBuilder
from kgraph.nlp.actors.names import NameRules
from kgraph.nlp.actors.people import PeopleRules
from kgraph.nlp.actors.places import PlaceRules
from kgraph.nlp.actors.resolution import ACTING, NER_TYPES, ResolutionState, SpanCandidate
from kgraph.nlp.actors.titles import TitleLexicon
from kgraph.nlp.actors.wordclasses import WordClasses
from kgraph.nlp.extensions import ActorMention, EntityInfo, register_extensions
from kgraph.nlp.user_files import UserFileComponent

# People's roles NER sometimes runs an organisation's name into ("a State Department Spokesman").
_ROLE_TAILS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officials", "adviser", "advisor"})


class ActorResolver(PeopleRules, PlaceRules, GroupRules, NameRules, UserFileComponent):
    """Turn gazetteer spans and ``doc.ents`` into canonical ``ActorMention``s and in-mention facts."""

    user_file_attr, user_file_name = "actors", "actors.jsonl"

    def __init__(self, *, name: str = "kgraph_actors", actors: str | None = None) -> None:
        self.name = name
        self.actors = Path(actors) if actors else None
        self._gazetteer: Gazetteer | None = None
        self._titles: TitleLexicon | None = None
        self._words: WordClasses | None = None
        register_extensions()

    def reload(self) -> None:
        self._gazetteer = self._titles = self._words = None

    def __call__(self, doc: Doc) -> Doc:
        state = ResolutionState.of(doc)
        self._acronyms(state)
        self._datelines(state)
        self._platform_x(state)
        self._named_units(state)
        persons = self._persons(state)
        self._gazetteer_spans(state)
        self._ner(state, persons)
        self._bare_acronyms(state)
        self._subject_names(state)
        self._rementions(state)
        self._joined_pairs(state)
        names = PersonNames([s.ref.name for s in state.spans if s.ref.type is EntityType.PERSON])
        self._canonical_people(state, names)
        self._canonical_orgs(state)
        self._groups(state)
        self._collectives(state)
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

    def _acronyms(self, state: ResolutionState) -> None:
        doc = state.doc
        for definition in find_acronyms(doc):
            long_start = definition.long_start + (1 if doc[definition.long_start].lower_ == "the" else 0)
            long_start = self._country_prefix(doc, long_start)
            long_text = clean_label(doc[long_start : definition.long_end].text)
            known = self._known_name(long_text) or self._known_name(definition.short)
            if known is not None:
                ref, kind = known.ref, known.kind
            else:
                ref, kind = EntityRef(EntityType.ORGANIZATION, long_text), None
            if ref.type not in ACTING or not state.free(long_start, definition.short_end):
                continue
            state.add(SpanCandidate(long_start, definition.long_end, ref, long_text, kind=kind, source="acronym"))
            state.add(
                SpanCandidate(
                    definition.short_start, definition.short_end, ref, definition.short, kind=kind, source="acronym"
                )
            )
            state.acronyms[definition.short] = ref

    def _country_prefix(self, doc: Doc, start: int) -> int:
        """ "US Central Command (CENTCOM)": NER's organisation name keeps the country word in front of
        the words the acronym spells (a possessive "China's" is never part of the name)."""
        if doc[start].ent_iob_ != "I" or doc[start].ent_type_ != "ORG":
            return start
        first = start
        while first > 0 and start - first < 2 and doc[first].ent_iob_ == "I":
            first -= 1
        if doc[first].ent_iob_ != "B" or doc[first].lower_ == "the":
            return start
        prefix = doc[first:start]
        if all(
            any(c.entry.type is EntityType.COUNTRY and c.role is Role.NAME for c in self.gazetteer.lookup(t.text))
            for t in prefix
        ):
            return first
        return start

    def _ner(self, state: ResolutionState, persons: list[tuple[int, int]]) -> None:
        doc = state.doc
        person_spans = set(persons)
        for start, end in persons:
            title = self._title_before(state, start)
            span = SpanCandidate(
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
                # "Spokesperson for the Moldovan Foreign Ministry X": the body after "for" stays free for NER
                connector = phrase.end < start and doc[phrase.end].lower_ in {"of", "for"}
                state.taken.update(range(title_start, phrase.end if connector else start))
        for ent in doc.ents:
            if ent.label_ == "PERSON" and any(s <= ent.start < e or ent.start <= s < ent.end for s, e in person_spans):
                continue
            entity_type = NER_TYPES.get(ent.label_)
            if self._members_of_named(ent):
                entity_type = EntityType.ORGANIZATION
            start, end = ent.start, ent.end
            while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
                start += 1
            while end > start and (doc[end - 1].text in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct):
                end -= 1
            while end - start > 1 and (
                (doc[end - 1].lower_ in {"of", "and", "for"} and entity_type is not EntityType.ORGANIZATION)
                or (entity_type is EntityType.ORGANIZATION and doc[end - 1].lower_ in _ROLE_TAILS)
            ):
                end -= 1  # "West Bank City of", "State Department Spokesman": NER ran past the name
            if entity_type is EntityType.ORGANIZATION and self._town_of(doc, start):
                entity_type = EntityType.LOCATION  # "the southern city of Susangerd"
            if entity_type is None or start >= end or not state.free(start, end):
                continue
            if not any(t.text[:1].isupper() for t in doc[start:end]):
                continue
            if all(self.titles.is_title_word(t.text) for t in doc[start:end]) and self._in_title(state, end):
                continue
            if (entity_type is EntityType.LOCATION and self._person_not_place(state, start, end)) or (
                entity_type is EntityType.ORGANIZATION and self._person_not_org(state, start, end)
            ):
                text = state.span_text(start, end)
                state.add(SpanCandidate(start, end, EntityRef(EntityType.PERSON, text), text, source="ner"))
                continue
            if entity_type is EntityType.LOCATION and end < len(doc) and doc[end].lower_ in self.words.place_suffixes:
                end += 1
            if ent.label_ == "PERSON" and entity_type is EntityType.PERSON:
                continue
            span_text = clean_label(state.span_text(start, end))
            alias = state.span_text(start, end)
            if entity_type is EntityType.ORGANIZATION:
                start, end, span_text = self._extend_org(doc, start, end)
                qualified = self._qualified_body(state, start, span_text)
                if qualified is not None:
                    span_text = alias = qualified
            state.add(SpanCandidate(start, end, EntityRef(entity_type, span_text), alias))
        self._place_patterns(state)

    def _qualified_body(self, state: ResolutionState, start: int, name: str) -> str | None:
        """ "Ukraine's Defence Ministry": a generic body name keeps its country, so that the defence
        ministries of two countries stay two nodes across documents ("Aerospace Industries Organization" is
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

    def _in_title(self, state: ResolutionState, end: int) -> bool:
        """True when the tokens right after ``end`` continue a title into a person's name ("Defence" of
        "Polish Defence Minister Ilse Marten")."""
        doc = state.doc
        i = end
        while i < len(doc) and (self.titles.is_title_word(doc[i].text) or doc[i].lower_ in {"of", "for"}):
            i += 1
        if i >= len(doc):
            return False
        person = any(s.start == i and s.ref.type is EntityType.PERSON for s in state.spans)
        return person or doc[i].ent_type_ == "PERSON"

    @staticmethod
    def _extend_org(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
        """Repair an ORG cut before its last word ("the Party of Action and" + "Solidarity")."""
        if doc[end - 1].lower_ in {"and", "of", "for", "&"} and end < len(doc) and doc[end].text[:1].isupper():
            end += 1
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN":
                end += 1
        return start, end, clean_label(doc[start:end].text)

    def _rementions(self, state: ResolutionState) -> None:
        """Later (or earlier) mentions of a name already resolved that NER missed or mislabelled."""
        doc = state.doc
        known: dict[str, SpanCandidate] = {}
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
                        SpanCandidate(
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

    def _canonical_orgs(self, state: ResolutionState) -> None:
        """One node per organisation: acronyms and partial names ("Treasury") to the fullest name."""
        orgs = [s for s in state.spans if s.ref.type is EntityType.ORGANIZATION]
        full_names = [(n, n.split()) for n in sorted({s.ref.name for s in orgs}, key=lambda n: -len(n.split()))]
        for span in orgs:
            name = span.ref.name
            if name in state.acronyms:
                span.ref = state.acronyms[name]
                continue
            words = name.split()
            containing = [f for f, parts in full_names if len(parts) > len(words) and _contains_words(parts, words)]
            if len(containing) == 1 and span.source != "gazetteer":
                span.ref = EntityRef(EntityType.ORGANIZATION, containing[0])

    def _mentions(self, state: ResolutionState) -> tuple[list[ActorMention], dict[EntityRef, EntityInfo]]:
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
            if span.source == "credit":
                continue  # the wire credit names the agency; it takes part in no event of the text
            root = span.start if span.end - span.start == 1 else doc[span.start : span.end].root.i
            mentions.append(ActorMention(span.start, span.end, root, span.ref))
        for ref, info in infos.items():
            if info.geonames_id is None and ref.type in {EntityType.COUNTRY, EntityType.LOCATION}:
                entry = self.gazetteer.entry(ref.type, ref.name)
                if entry is not None:
                    info.geonames_id = entry.geonames_id
        state.kinds = {ref: self._kinds_of(ref) for ref in infos if ref.type is EntityType.ORGANIZATION}
        return mentions, infos

    def _kinds_of(self, ref: EntityRef) -> set[str]:
        """The common nouns "the X" may use for an organisation: its gazetteer kind, its name's head
        noun ("Ministry of Commerce" -> ministry), "army" for armed forces; "group" when nothing is known.
        """
        entry = self.gazetteer.entry(ref.type, ref.name)
        words = ref.name.lower().split()
        head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
        kinds = {head}
        if entry is not None and entry.kind:
            kinds.add(entry.kind)
        else:
            kinds.add("group")
        if ref.name.endswith(("Armed Forces", "Army", "Military")):
            kinds.add("army")
        return kinds

    def _genders(self, state: ResolutionState) -> dict[EntityRef, Gender]:
        """The gender of each person the text states: a gendered title or honorific with the name
        ("Queen", "Mrs", "spokeswoman"), else a listed given name ("Anna Berg"). Conflicting cues give none."""
        cues = load_gender_cues()
        found: dict[EntityRef, set[Gender]] = {}
        doc = state.doc
        for span in state.spans:
            if span.ref.type is not EntityType.PERSON:
                continue
            words = [w for alias in (span.alias, *span.more) for w in alias.split()]
            if span.start > 0:
                words.append(doc[span.start - 1].text)
            gender = cues.of_words(words) or cues.of_name(span.ref.name)
            if gender is not None:
                found.setdefault(span.ref, set()).add(gender)
        return {ref: next(iter(g)) for ref, g in found.items() if len(g) == 1}

    def _anaphora(
        self, state: ResolutionState, mentions: list[ActorMention], infos: dict[EntityRef, EntityInfo]
    ) -> list[ActorMention]:
        doc = state.doc
        mentions = sorted(mentions, key=lambda m: m.start)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        by_root = {m.root: m for m in mentions}
        resolved: dict[int, ActorMention] = {}
        added: list[ActorMention] = []
        sentence_starts = state.sentence_starts
        genders = self._genders(state)
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
                ref = coref.resolve_pronoun(token, current, by_root, resolved, genders, sentence_starts)
                gender = pronoun_gender(lower)
                if ref is not None and ref.type is EntityType.PERSON and gender is not None:
                    genders.setdefault(ref, gender)  # "his"/"her" agreement for the pronouns that follow
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
                    ref = coref.resolve_description(token, state.kinds, current, exclude=inside)
                    if ref is not None:
                        start = det[0].i
                        added.append(ActorMention(start, token.i + 1, token.i, ref))
                        infos[ref].aliases.add(doc[start : token.i + 1].text)
        return mentions + added


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
