"""Canonical names within a document: label cleaning, acronym definitions, surnames -> full names."""

from __future__ import annotations

__all__ = ["clean_label", "AcronymDefinition", "find_acronyms", "match_acronym", "PersonNames"]

import re
from dataclasses import dataclass

from spacy.tokens import Doc

_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&+\-.]{0,9}$")
_MINOR = frozenset({"of", "and", "for", "the", "in", "on", "de", "al", "wal", "el", "la", "du", "des", "&"})


def clean_label(text: str) -> str:
    """An entity label from a span's text: no leading article, trailing possessive or stray punctuation.

    >>> clean_label("the European Union's")
    'European Union'
    >>> clean_label("The Hague")
    'The Hague'
    """
    text = " ".join(text.split())
    text = re.sub(r"(’s|'s|’|')$", "", text).strip()
    if re.match(r"^(the|The|THE) ", text) and text not in _KEEP_THE:
        text = text[4:]
    return text.strip(' ,;:."“”‘’') if not text.endswith(".") or text.count(".") < 2 else text.strip(' ,;:"“”')


_KEEP_THE = frozenset({"The Hague", "The Gambia", "The Bahamas"})


def match_acronym(short: str, long: str) -> bool:
    """Schwartz-Hearst test: do the letters of ``short`` occur in order in ``long``, the first one
    starting a word and each other at a word start or later in the same word?

    >>> match_acronym("IAEA", "International Atomic Energy Agency")
    True
    >>> match_acronym("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin")
    True
    >>> match_acronym("AfD", "Alternative for Germany")  # a translated name: see find_acronyms
    False
    >>> match_acronym("EU", "the summit")
    False
    """
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not long:
        return False
    s, l_ = len(letters) - 1, len(long) - 1
    text = long.lower()
    while s >= 0:
        c = letters[s]
        while l_ >= 0 and (text[l_] != c or (s == 0 and l_ > 0 and text[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return False
        l_ -= 1
        s -= 1
    words = [w for w in re.split(r"[\s\-]+", long) if w]
    return bool(words) and words[0][0].lower() == letters[0] and len(words) <= max(len(letters) * 2, len(letters) + 5)


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """``long`` tokens ``long_start:long_end`` defined as the acronym at ``short_start:short_end``."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int
    long: str
    short: str


def find_acronyms(doc: Doc) -> list[AcronymDefinition]:
    """Find "Long Form (ACR)" definitions: the shortest capitalised long form whose letters match.

    >>> import spacy
    >>> doc = spacy.blank("en")("Talks with the Rapid Support Forces (RSF) failed.")
    >>> [(d.long, d.short) for d in find_acronyms(doc)]
    [('Rapid Support Forces', 'RSF')]
    """
    found = []
    for token in doc[:-2]:
        if token.text != "(":
            continue
        short, close = doc[token.i + 1], doc[token.i + 2]
        if close.text != ")" or not _ACRONYM.match(short.text) or sum(c.isupper() for c in short.text) < 2:
            continue
        best = None
        for start in range(token.i - 1, max(-1, token.i - 12), -1):
            first = doc[start]
            if first.is_sent_start and start != token.i - 1 and not first.text[:1].isupper():
                break
            if first.text in {",", ";", "(", ")", "."} or first.is_space:
                break
            if not first.text[:1].isupper() or first.text.lower() in _MINOR:
                continue
            long = doc[start : token.i].text
            if match_acronym(short.text, long):
                best = start
                break
        if best is None:
            best = _capitalised_run(doc, token.i, short.text)
        if best is not None:
            found.append(AcronymDefinition(best, token.i, short.i, short.i + 1, doc[best : token.i].text, short.text))
    return found


def _capitalised_run(doc: Doc, end: int, short: str) -> int | None:
    """Start of the run of capitalised words (minor words inside) ending at ``end`` whose first
    letter is the acronym's: a translated name ("Alternative for Germany (AfD)")."""
    start = end
    while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].text.lower() in _MINOR):
        start -= 1
    while start < end and doc[start].text.lower() in _MINOR:
        start += 1
    if end - start >= 2 and doc[start].text[:1].lower() == short[:1].lower():
        return start
    return None


class PersonNames:
    """Resolve partial person names to the fullest name seen in the document.

    >>> names = PersonNames(["Marco Rubio", "Rubio", "Donald Trump"])
    >>> names.resolve("Rubio"), names.resolve("Trump"), names.resolve("Lavrov")
    ('Marco Rubio', 'Donald Trump', 'Lavrov')
    """

    def __init__(self, names: list[str]) -> None:
        self.full = sorted({n for n in names if len(n.split()) > 1}, key=lambda n: (-len(n.split()), n))
        self._parts: dict[str, set[str]] = {}
        self._firsts: dict[str, set[str]] = {}  # "Kim" -> "Kim Jong Un": family name first
        for name in self.full:
            for part in name.split()[1:]:
                self._parts.setdefault(part, set()).add(name)
            self._parts.setdefault(" ".join(name.split()[1:]), set()).add(name)
            self._firsts.setdefault(name.split()[0], set()).add(name)

    def _candidates(self, name: str) -> set[str]:
        return self._parts.get(name) or self._firsts.get(name, set())

    def resolve(self, name: str) -> str:
        """The full name ``name`` abbreviates, when exactly one full name ends with or contains it
        (or, failing that, begins with it: "Kim" for "Kim Jong Un").

        >>> PersonNames(["Kim Jong Un", "Kim"]).resolve("Kim")
        'Kim Jong Un'
        """
        if name in self.full:
            return name
        candidates = self._candidates(name)
        if len(candidates) == 1:
            return next(iter(candidates))
        return name

    def knows(self, name: str) -> bool:
        """True if ``name`` is a full name or an unambiguous later part of one (a given name alone
        never turns a place into a person: "Florence Parly ... in Florence")."""
        return name in self.full or len(self._parts.get(name, ())) == 1
