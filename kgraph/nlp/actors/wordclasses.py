"""The word classes the actor rules read, from ``data/actor_words.json`` (see its ``_comment``)."""

from __future__ import annotations

__all__ = ["WordClasses", "load_word_classes"]

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kgraph.nlp import DATA_DIR

DATA_FILE = DATA_DIR / "actor_words.json"


@dataclass(frozen=True, slots=True)
class WordClasses:
    """Lower-case word sets, one per rule.

    >>> words = load_word_classes()
    >>> "officials" in words.state_nouns, "rebels" in words.state_nouns, "rebels" in words.non_state_nouns
    (True, False, True)
    """

    state_nouns: frozenset[str]
    member_nouns: frozenset[str]
    non_state_nouns: frozenset[str]
    group_nouns: frozenset[str]
    affiliated_nouns: frozenset[str]
    people_nouns: frozenset[str]
    org_nouns: frozenset[str]
    description_nouns: frozenset[str]
    place_suffixes: frozenset[str]
    venue_prepositions: frozenset[str]
    motion_verbs: frozenset[str]
    place_verbs: frozenset[str]
    body_nouns: frozenset[str]
    unit_nouns: frozenset[str]
    landmark_nouns: frozenset[str]
    non_actor_acronyms: frozenset[str]
    state_body_nouns: frozenset[str]
    speaker_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    quantity_words: frozenset[str]

    @property
    def all_words(self) -> frozenset[str]:
        """Every word of every class (none of them is a name)."""
        out: set[str] = set()
        for name in self.__dataclass_fields__:
            out |= getattr(self, name)
        return frozenset(out)


@lru_cache(maxsize=2)
def load_word_classes(path: Path = DATA_FILE) -> WordClasses:
    """Read the word classes (cached)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return WordClasses(**{name: frozenset(w.lower() for w in data[name]) for name in WordClasses.__dataclass_fields__})
