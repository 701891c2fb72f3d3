"""Names NER misses or mistypes: datelines, acronyms never defined, named units ("X mission", "X gang
coalition") and landmarks ("Y temple", "Z department")."""

from __future__ import annotations

__all__ = ["NameRules", "is_acronym"]

import re

from spacy.tokens import Token

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.actors.canonical import clean_label
from kgraph.nlp.actors.resolution import ResolutionState, ResolverBase, SpanCandidate

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&\-]{1,7}$")
_ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "poss", "compound", "dative", "agent", "attr", "ROOT"}
)
_DATELINE_END = frozenset({",", "(", "—", "–", "-"})
_PLATFORM_NOUNS = frozenset({"platform", "network", "site", "service", "company"})


def is_acronym(text: str) -> bool:
    """True for an organisation-like acronym: capitals (digits allowed), at least two letters.

    >>> is_acronym("ELN"), is_acronym("M23"), is_acronym("Kenya"), is_acronym("A"), is_acronym("F-16")
    (True, True, False, False, False)
    """
    if not _ACRONYM.match(text) or re.search(r"-\d", text):
        return False  # "P-8", "F-16", "S-400": model designations
    return sum(c.isalpha() for c in text) >= 2 or bool(re.match(r"^[A-Z]\d{1,3}$", text))


class NameRules(ResolverBase):
    """Repairs of names NER misses or mistypes (mixed into ``ActorResolver``)."""

    def _datelines(self, state: ResolutionState) -> None:
        """ "PUERTO PRINCESA, Philippines (AP) —": a capitalised run opening a paragraph before a comma
        or dash is a place; the wire credit in brackets after it is no actor."""
        doc = state.doc
        for start in state.sentence_starts:
            if start > 0 and doc[start - 1].text.isupper() and doc[start - 1].is_alpha:
                continue  # the parser split an all-capitals run: its first word opened the dateline
            if start > 0 and "\n" not in doc[start - 1].whitespace_ and not doc[start - 1].is_space:
                continue  # only at the start of the text or of a paragraph
            end = start
            while end < len(doc) and doc[end].is_alpha and doc[end].text.isupper() and len(doc[end].text) > 1:
                end += 1
            if end == start or end >= len(doc) or doc[end].text not in _DATELINE_END:
                continue
            dash = next((k for k in range(end, min(end + 8, len(doc))) if doc[k].text in _DATELINE_END - {","}), None)
            if dash is None or any(t.pos_ in {"VERB", "AUX"} for t in doc[end:dash]):
                continue  # "AUSSOM, the African Union's mission, said": no dateline
            text = doc[start:end].text
            if not self.gazetteer.lookup(text) and state.free(start, end):
                name = " ".join(w.capitalize() for w in text.split())
                known = self._known_name(name)
                ref = known.ref if known is not None else EntityRef(EntityType.LOCATION, name)
                state.add(SpanCandidate(start, end, ref, text, source="dateline"))
            self._wire_credit(state, end)

    def _wire_credit(self, state: ResolutionState, after: int) -> None:
        """A bracketed credit ("(AP)", "(Reuters)") within a few tokens of a dateline: the news agency
        the gazetteer knows is named (an organisation of the text, never a party to its events); any
        other credit is no actor."""
        doc = state.doc
        for i in range(after, min(after + 6, len(doc) - 2)):
            if doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text[:1].isupper():
                known = self._known_org(doc[i + 1].text)
                if known is not None and state.free(i + 1, i + 2):
                    state.add(SpanCandidate(i + 1, i + 2, known.ref, doc[i + 1].text, kind=known.kind, source="credit"))
                state.taken.add(i + 1)
                return

    def _platform_x(self, state: ResolutionState) -> None:
        """ "X" is the social network when the text says so: "X (formerly Twitter)", "on X", "the
        platform X", "X's owner", "the X account"; a lone letter otherwise."""
        doc = state.doc
        for i in state.where(frozenset({"x"})):
            token = doc[i]
            if token.text != "X" or i in state.taken:
                continue
            before = doc[i - 1].lower_ if i > 0 else ""
            after = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            formerly = i + 2 < len(doc) and after == "(" and doc[i + 2].lower_ == "formerly"
            if (
                formerly
                or before in _PLATFORM_NOUNS
                or after in _PLATFORM_NOUNS | {"social", "account", "post", "posts", "app", "application", "'s", "’s"}
                or (before == "on" and after in {",", ".", "that", "on", "the", "late", "early", "in", "-", "—"})
            ):
                state.add(SpanCandidate(i, i + 1, EntityRef(EntityType.ORGANIZATION, "X"), "X", source="platform"))

    def _named_units(self, state: ResolutionState) -> None:
        """A proper name followed by a lower-case organisation or place head: "the Viv Ansanm gang
        coalition" and "the Multinational Security Support mission" are Organizations, "Arauca
        department" and "the Ta Muen Thom temple" are Locations (NER cut or mistyped them)."""
        doc = state.doc
        regions = self.words.place_suffixes | {"department"}  # "Arauca department" (lower case only)
        heads = self.words.unit_nouns | self.words.landmark_nouns | regions
        for i in state.where(heads):
            noun = doc[i]
            if not noun.text.islower() or noun.pos_ != "NOUN" or i == 0 or i in state.taken:
                continue
            if i + 1 < len(doc) and doc[i + 1].text.islower() and doc[i + 1].lower_ in self.words.unit_nouns:
                continue  # "gang" of "gang coalition": the last head takes the phrase
            end = i + 1
            j = i
            while j > 0 and doc[j - 1].text.islower() and doc[j - 1].lower_ in self.words.unit_nouns:
                j -= 1  # "gang coalition"
            start = j
            while start > 0 and self._proper(doc[start - 1], noun.lower_ in self.words.unit_nouns):
                start -= 1
            if start == j or start in state.taken or not state.free(start, end):
                continue
            proper = doc[start:j]
            if self.gazetteer.lookup(proper.text) or all(self._is_actor_word(t.text) for t in proper):
                continue
            if noun.lower_ in self.words.unit_nouns:
                named = all(t.ent_type_ in {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"} for t in proper)
                if len(proper) < 2 and not named:
                    continue
                # "the Fatah movement" is Fatah (NER knows the name); "the Multinational Security
                # Support mission" is only a name with its head noun
                ref = EntityRef(EntityType.ORGANIZATION, clean_label((proper if named else doc[start:end]).text))
            elif noun.lower_ in self.words.landmark_nouns:
                ref = EntityRef(EntityType.LOCATION, doc[start:end].text)
            elif proper[0].ent_type_ in {"ORG", "GPE", "LOC", "FAC", "PERSON", "NORP"}:
                ref = EntityRef(EntityType.LOCATION, doc[start:end].text)  # "Arauca department"
            else:
                continue
            alias = doc[start:end].text
            state.add(SpanCandidate(start, end, ref, alias, more=[proper.text], source="unit"))

    def _proper(self, token: Token, titles_allowed: bool = False) -> bool:
        """A capitalised proper-noun word of a name (title words only inside organisation names)."""
        return (
            token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.is_alpha
            and (titles_allowed or not self.titles.is_title_word(token.text))
            and token.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL"}
        )

    def _bare_acronyms(self, state: ResolutionState) -> None:
        """An acronym the text never defines and the gazetteer does not know, used as an argument
        ("The ELN accused ...", "AUSSOM said"): an Organization named by the acronym. Not inside an
        all-capitals run (a headline), not a listed non-actor acronym (GDP, CEO, ...)."""
        doc = state.doc
        stop = self.words.non_actor_acronyms
        for i, text in enumerate(state.texts):
            if i in state.taken or not is_acronym(text) or text.lower() in stop:
                continue
            token = doc[i]
            if token.pos_ not in {"PROPN", "NOUN"} or token.dep_ not in _ARGUMENT_DEPS:
                continue
            if token.ent_type_ and token.ent_type_ != "ORG":
                continue
            if self.gazetteer.lookup(text) or self.gazetteer.lookup(text.capitalize()):
                continue
            if any(0 <= k < len(doc) and doc[k].is_alpha and doc[k].text.isupper() for k in (i - 1, i + 1)):
                continue
            if self.titles.is_title_word(text):
                continue
            if token.dep_ == "compound" and not self._actor_head(token.head):
                continue  # "THAAD batteries", "LNG terminal": a thing, not an actor
            state.add(SpanCandidate(i, i + 1, EntityRef(EntityType.ORGANIZATION, text), text, source="acronym"))

    def _actor_head(self, head: Token) -> bool:
        """True when an acronym modifying ``head`` names its actor: "ELN fighters", "the ELN
        delegation", "ELN commander"."""
        words = self.words
        nouns = (
            words.member_nouns
            | words.non_state_nouns
            | words.group_nouns
            | words.state_nouns
            | words.unit_nouns
            | words.description_nouns
        )
        return head.lower_ in nouns or self.titles.is_title_word(head.text) or head.pos_ == "PROPN"
