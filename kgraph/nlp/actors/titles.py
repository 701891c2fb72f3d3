"""Titles, ranks and roles before a person's name ("US Secretary of State Marco Rubio", "General X")."""

from __future__ import annotations

__all__ = ["TitleLexicon", "TitlePhrase", "load_titles", "position_name"]

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from kgraph.nlp import DATA_DIR

DATA_FILE = DATA_DIR / "titles.json"
_CONNECTORS = frozenset({"of", "for"})
_PAST = frozenset({"former", "ex", "late", "then", "outgoing"})
_TEMPORARY = frozenset({"acting", "interim", "caretaker"})
_LOWER_WORDS = frozenset({"of", "for", "the", "and", "in", "on", "to"})
_GENERIC_HEADS = frozenset({"chief", "head"})


def position_name(words: list[str]) -> str:
    """The canonical Position name of a title's words: capitalised, connectors kept lower case.

    >>> position_name(["secretary", "of", "state"])
    'Secretary of State'
    >>> position_name(["Defence", "Minister"])
    'Defence Minister'
    """
    out = []
    for word in words:
        if word.lower() in _LOWER_WORDS:
            out.append(word.lower())
        elif word.isupper() and len(word) > 1:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(out)


@dataclass(frozen=True, slots=True)
class TitlePhrase:
    """Tokens ``start:end`` of a title before a name.

    ``position`` is the canonical Position name (``None`` for a bare rank, honorific or role);
    ``leads`` is true when the holder heads the body named with the title.
    """

    start: int
    end: int
    position: str | None
    leads: bool
    text: str


class TitleLexicon:
    """The title vocabulary of ``data/titles.json``.

    >>> lex = load_titles()
    >>> lex.is_title_word("Minister"), lex.is_title_word("Rubio")
    (True, False)
    """

    def __init__(self, data: dict[str, object]) -> None:
        heads: dict[str, dict[str, bool]] = data["heads"]  # type: ignore[assignment]
        self.heads = {tuple(h.lower().split()): bool(v["leads"]) for h, v in heads.items()}
        self.modifiers = {m.lower() for m in data["modifiers"]}  # type: ignore[attr-defined]
        self.no_lead = {m.lower() for m in data["no_lead_modifiers"]}  # type: ignore[attr-defined]
        self.domains = {tuple(d.lower().split()) for d in data["domains"]}  # type: ignore[attr-defined]
        self.ranks = {tuple(r.lower().split()) for r in data["ranks"]}  # type: ignore[attr-defined]
        self.honorifics = {tuple(h.lower().split()) for h in data["honorifics"]}  # type: ignore[attr-defined]
        self.roles = {tuple(r.lower().split()) for r in data["roles"]}  # type: ignore[attr-defined]
        words: set[str] = set(self.modifiers)
        for group in (self.heads, self.domains, self.ranks, self.honorifics, self.roles):
            for phrase in group:
                words.update(phrase)
        self.words = frozenset(words - _LOWER_WORDS)
        self.head_words = frozenset(w for h in self.heads for w in h)

    def is_title_word(self, text: str) -> bool:
        """True if ``text`` may be part of a title, rank or honorific."""
        return text.lower() in self.words

    def _strip_prefix(self, words: list[str], table: set[tuple[str, ...]]) -> int:
        lowered = [w.lower() for w in words]
        for size in range(min(4, len(words)), 0, -1):
            if tuple(lowered[:size]) in table:
                return size
        return 0

    def _strip_trailing_rank(self, words: list[str]) -> list[str]:
        """ "Army Chief General" -> "Army Chief"; a rank word that completes a title stays ("Secretary General").

        >>> load_titles()._strip_trailing_rank(["Spokesman", "Major"])
        ['Spokesman']
        >>> load_titles()._strip_trailing_rank(["Secretary", "General"])
        ['Secretary', 'General']
        """
        while len(words) > 1:
            lowered = [w.lower() for w in words]
            size = next((n for n in (3, 2, 1) if n < len(lowered) and tuple(lowered[-n:]) in self.ranks), 0)
            if not size or any(tuple(lowered[-k:]) in self.heads for k in (2, 3) if k <= len(lowered)):
                break
            words = words[:-size]
        return words

    def analyse(self, doc: Doc, start: int, end: int) -> TitlePhrase | None:
        """Read ``doc[start:end]`` as a title; ``None`` when it holds no title, rank or role."""
        words: list[str] = []
        for token in doc[start:end]:
            if words and (token.text == "-" or words[-1].endswith("-")) and not doc[token.i - 1].whitespace_:
                words[-1] += token.text  # "Vice-President" is three tokens
            else:
                words.append(token.text)
        if not words:
            return None
        i = 0
        while i < len(words):
            skip = self._strip_prefix(words[i:], self.honorifics) or self._strip_prefix(words[i:], self.ranks)
            if not skip:
                break
            i += skip
        rest = words[i:]
        text = doc[start:end].text
        if any(w.lower() in _PAST for w in rest):
            return TitlePhrase(start, end, None, False, text)  # "Former President X" holds nothing now
        while rest and rest[0].lower() in _TEMPORARY:
            rest = rest[1:]  # "caretaker prime minister" holds the office of Prime Minister
        rest = self._strip_trailing_rank(rest)  # "Spokesman Major X": the rank belongs to the name
        if not rest:
            return TitlePhrase(start, end, None, False, text)
        lowered = tuple(w.lower() for w in rest)
        if lowered in self.roles:
            return TitlePhrase(start, end, None, False, text)
        head_leads: bool | None = None
        j = 0
        while j < len(lowered):
            size = next((n for n in (3, 2, 1) if tuple(lowered[j : j + n]) in self.heads), 0)
            if size:
                head_leads = self.heads[tuple(lowered[j : j + size])]
            j += size or 1
        if head_leads is None:
            return None
        if not all(w in self.words or w in _CONNECTORS or w == "the" for w in lowered):
            return None
        leads = head_leads and not (set(lowered) & self.no_lead)
        if lowered[-1] in _GENERIC_HEADS and len(lowered) > 1 and lowered[0] not in _GENERIC_HEADS:
            leads = False  # "Army Chief", "Policy Chief": the chief of a branch or area, not of the body named
        if lowered[0] in {"envoy", "special"} and "representative" not in lowered:
            return TitlePhrase(start, end, None, False, text)
        return TitlePhrase(start, end, position_name(list(rest)), leads, text)


@lru_cache(maxsize=2)
def load_titles(path: Path = DATA_FILE) -> TitleLexicon:
    """The title lexicon (cached)."""
    return TitleLexicon(json.loads(path.read_text(encoding="utf-8")))
