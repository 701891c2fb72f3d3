"""The relation lexicon: verbs, nouns, support verbs and titles that trigger relations, loaded from JSONL.

Each line of a lexicon file is one JSON object of one of four kinds:

- ``{"verb": "call", "prep": "on", "relation": "appealsTo"}``: a verb; ``prep`` (a string or a list)
  names the prepositions that introduce the object, and no ``prep`` means the direct object.
  ``"inverse": true`` swaps subject and object ("receive aid from"); ``"mutual": true`` makes a
  directed relation hold both ways among the participants ("exchange fire"). ``"verbs": [...]`` on a verb
  makes it a trigger only as the complement of those verbs ("vowed to retaliate against X": threatens).
- ``{"noun": "talk", "prep": ["with", "between"], "relation": "consultsWith"}``: a nominal trigger;
  ``"verbs": [...]`` restricts the support verbs it needs when it is an object ("suspend relations").
- ``{"support": "hold"}``: a support (light) verb whose object noun carries the relation ("hold talks").
- ``{"title": "prime minister", "leads": true}``: a position title; ``leads`` marks heads of a body;
  ``"position": false`` marks a role that is no formal title ("head of", "leader": leads, no holdsPosition).
"""

from __future__ import annotations

__all__ = ["TriggerKind", "LexiconEntry", "Lexicon", "read_lexicon", "load_lexicon", "DEFAULT_LEXICON"]

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path

from kgraph.errors import DictionaryError
from kgraph.jsonl import read_jsonl
from kgraph.model import RelationType
from kgraph.nlp import DATA_DIR

DEFAULT_LEXICON = DATA_DIR / "lexicon.jsonl"
DIRECT_OBJECT = ""


class TriggerKind(str, Enum):
    """What a lexicon line describes.

    >>> TriggerKind("noun") is TriggerKind.NOUN
    True
    """

    VERB = "verb"
    NOUN = "noun"
    SUPPORT = "support"
    TITLE = "title"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One trigger: a verb or noun lemma (or a title phrase) and what it means.

    >>> LexiconEntry(TriggerKind.VERB, "urge", RelationType.APPEALS_TO).preps
    ('',)
    """

    kind: TriggerKind
    lemma: str
    relation: RelationType | None = None
    preps: tuple[str, ...] = (DIRECT_OBJECT,)
    inverse: bool = False
    mutual: bool = False
    verbs: tuple[str, ...] = ()
    leads: bool = False
    position: bool = True


@dataclass(slots=True)
class Lexicon:
    """Lexicon entries indexed by lemma for the extraction patterns.

    >>> lexicon = Lexicon.from_entries([LexiconEntry(TriggerKind.VERB, "urge", RelationType.APPEALS_TO)])
    >>> [e.relation.value for e in lexicon.verbs("urge")]
    ['appealsTo']
    """

    verb_entries: dict[str, list[LexiconEntry]] = field(default_factory=dict)
    noun_entries: dict[str, list[LexiconEntry]] = field(default_factory=dict)
    support_verbs: set[str] = field(default_factory=set)
    titles: dict[str, LexiconEntry] = field(default_factory=dict)
    _longest: int | None = None

    @classmethod
    def from_entries(cls, entries: Iterable[LexiconEntry]) -> Lexicon:
        """Index ``entries``; a later entry with the same kind, lemma and preps replaces an earlier one."""
        lexicon = cls()
        for entry in entries:
            lexicon.add(entry)
        return lexicon

    def add(self, entry: LexiconEntry) -> None:
        """Add one entry (user entries override built-in ones with the same lemma and prepositions)."""
        self._longest = None
        if entry.kind is TriggerKind.SUPPORT:
            self.support_verbs.add(entry.lemma)
        elif entry.kind is TriggerKind.TITLE:
            self.titles[" ".join(entry.lemma.replace("-", " ").split())] = entry
        else:
            table = self.verb_entries if entry.kind is TriggerKind.VERB else self.noun_entries
            same = [e for e in table.get(entry.lemma, []) if e.preps != entry.preps or e.verbs != entry.verbs]
            table[entry.lemma] = [*same, entry]

    def verbs(self, lemma: str) -> Sequence[LexiconEntry]:
        """The verb entries for ``lemma`` (lower-case)."""
        return self.verb_entries.get(lemma.lower(), ())

    def verb_forms(self, lemma: str, text: str) -> Sequence[LexiconEntry]:
        """The verb entries for a token's lemma, or for its word form when the lemmatiser missed it ("fined").

        >>> lexicon = Lexicon.from_entries([LexiconEntry(TriggerKind.VERB, "fine", RelationType.SANCTIONS)])
        >>> lexicon.verb_forms("fin", "fined")[0].lemma
        'fine'
        >>> lexicon = Lexicon.from_entries([LexiconEntry(TriggerKind.VERB, "extol", RelationType.SUPPORTS)])
        >>> lexicon.verb_forms("extoll", "extolled")[0].lemma
        'extol'
        """
        found = self.verbs(lemma)
        if found:
            return found
        word = text.lower()
        for suffix, replacement in (
            ("ied", "y"),
            ("ies", "y"),
            ("ed", "e"),
            ("ed", ""),
            ("d", ""),
            ("es", ""),
            ("s", ""),
            ("ing", "e"),
            ("ing", ""),
        ):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                found = self.verbs(word[: -len(suffix)] + replacement)
                if found:
                    return found
        for suffix in ("ed", "ing"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) > 2 and stem[-1] == stem[-2]:
                return self.verbs(stem[:-1])
        return ()

    def nouns(self, lemma: str) -> Sequence[LexiconEntry]:
        """The noun entries for ``lemma`` (lower-case)."""
        return self.noun_entries.get(lemma.lower(), ())

    def is_support(self, lemma: str) -> bool:
        """True when ``lemma`` is a support verb ("hold" talks, "impose" sanctions)."""
        return lemma.lower() in self.support_verbs

    @property
    def longest_title(self) -> int:
        """The number of words of the longest title phrase."""
        if self._longest is None:
            self._longest = max((len(t.split()) for t in self.titles), default=0)
        return self._longest


def _as_tuple(value: object, *, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.lower() for v in value)
    raise DictionaryError(f"{where}: {key!r} must be a string or a list of strings, not {value!r}")


def _entry(record: dict[str, object], *, where: str) -> LexiconEntry:
    kinds = [k for k in TriggerKind if k.value in record]
    if len(kinds) != 1:
        raise DictionaryError(
            f"{where}: a lexicon line needs exactly one of 'verb', 'noun', 'support', 'title', got {sorted(record)!r}"
        )
    kind = kinds[0]
    lemma = record[kind.value]
    if not isinstance(lemma, str) or not lemma.strip():
        raise DictionaryError(f"{where}: {kind.value!r} must be a non-empty string, not {lemma!r}")
    relation: RelationType | None = None
    if kind in (TriggerKind.VERB, TriggerKind.NOUN):
        label = record.get("relation")
        try:
            relation = RelationType(label)
        except ValueError:
            valid = ", ".join(r.value for r in RelationType)
            raise DictionaryError(f"{where}: unknown relation {label!r} (valid: {valid})") from None
    preps = _as_tuple(record.get("prep"), where=where, key="prep") or (DIRECT_OBJECT,)
    return LexiconEntry(
        kind=kind,
        lemma=" ".join(lemma.lower().split()),
        relation=relation,
        preps=preps,
        inverse=bool(record.get("inverse", False)),
        mutual=bool(record.get("mutual", False)),
        verbs=_as_tuple(record.get("verbs"), where=where, key="verbs"),
        leads=bool(record.get("leads", False)),
        position=bool(record.get("position", True)),
    )


def read_lexicon(path: str | Path) -> list[LexiconEntry]:
    """Read the entries of one JSONL lexicon file.

    Raises:
        DictionaryError: the file is missing or a line is malformed (the message names file and line).

    >>> entries = read_lexicon(DEFAULT_LEXICON)
    >>> any(e.lemma == "urge" for e in entries)
    True
    """
    source = Path(path)
    entries = []
    for line in read_jsonl(source, what="lexicon", comments=True):
        entries.append(_entry(line.record, where=line.where))
    return entries


@lru_cache(maxsize=8)
def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The built-in lexicon (every ``data/lexicon*.jsonl``), extended by a user file.

    >>> lexicon = load_lexicon()
    >>> lexicon.titles["prime minister"].leads
    True
    """
    files = sorted(DEFAULT_LEXICON.parent.glob("lexicon*.jsonl"))
    entries = [e for f in files for e in read_lexicon(f)]
    if extra is not None:
        entries.extend(read_lexicon(extra))
    return Lexicon.from_entries(entries)
