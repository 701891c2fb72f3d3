"""Grammatical gender of people, for he/his vs she/her agreement in pronoun resolution."""

from __future__ import annotations

__all__ = ["Gender", "GenderCues", "load_gender_cues", "pronoun_gender"]

import json
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from kgraph.nlp import DATA_DIR

DATA_FILE = DATA_DIR / "gender.json"
_MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
_FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


class Gender(str, Enum):
    """The gender a pronoun or a cue states."""

    MALE = "male"
    FEMALE = "female"


def pronoun_gender(pronoun: str) -> Gender | None:
    """The gender of a personal pronoun, ``None`` for others.

    >>> pronoun_gender("Her"), pronoun_gender("it")
    (<Gender.FEMALE: 'female'>, None)
    """
    lower = pronoun.lower()
    if lower in _MALE_PRONOUNS:
        return Gender.MALE
    if lower in _FEMALE_PRONOUNS:
        return Gender.FEMALE
    return None


@dataclass(frozen=True, slots=True)
class GenderCues:
    """Gendered words (titles, honorifics, role nouns) and given names from ``data/gender.json``."""

    male_words: frozenset[str]
    female_words: frozenset[str]
    male_names: frozenset[str]
    female_names: frozenset[str]

    def of_words(self, words: list[str]) -> Gender | None:
        """The gender the words around a name state ("Mrs", "Queen", "spokeswoman"); ``None`` when
        they state none or both.

        >>> load_gender_cues().of_words(["Foreign", "Minister", "Mrs", "Lind"])
        <Gender.FEMALE: 'female'>
        """
        lowered = [w.lower() for w in words]
        pairs = {" ".join(lowered[i : i + 2]) for i in range(len(lowered) - 1)}
        found = {Gender.MALE for w in (*lowered, *pairs) if w in self.male_words}
        found |= {Gender.FEMALE for w in (*lowered, *pairs) if w in self.female_words}
        return next(iter(found)) if len(found) == 1 else None

    def of_name(self, name: str) -> Gender | None:
        """The gender of a full name's given name, when it is a listed one.

        >>> load_gender_cues().of_name("Anna Berg"), load_gender_cues().of_name("Berg")
        (<Gender.FEMALE: 'female'>, None)
        """
        parts = name.split()
        if len(parts) < 2:
            return None
        first = parts[0].lower()
        if first in self.male_names:
            return Gender.MALE
        if first in self.female_names:
            return Gender.FEMALE
        return None


@lru_cache(maxsize=2)
def load_gender_cues(path: Path = DATA_FILE) -> GenderCues:
    """Read the gender cues (cached)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return GenderCues(**{name: frozenset(w.lower() for w in data[name]) for name in GenderCues.__dataclass_fields__})
