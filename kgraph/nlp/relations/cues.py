"""The cue lexicons of modality and reported speech, read from ``kgraph/nlp/data/*.json``.

``modality.json`` lists the words that make a statement negated, hypothetical, future,
conditional or a question; ``speech.json`` the verbs of saying, accusation frames and the
marks of a press source. Both load lazily (on first use) and are cached.
"""

from __future__ import annotations

__all__ = [
    "ModalityLexicon",
    "SpeechLexicon",
    "read_cue_file",
    "cue_words",
    "load_modality_lexicon",
    "load_speech_lexicon",
]

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from kgraph.errors import DictionaryError
from kgraph.model import Modality


def read_cue_file(path: Path | None, builtin: str, what: str) -> tuple[dict[str, Any], str]:
    """Read a JSON cue file: ``path``, or the built-in ``kgraph/nlp/data/<builtin>``.

    Returns the JSON object and the name to use in error messages; any problem raises
    ``DictionaryError`` naming ``what`` and the file.

    >>> data, name = read_cue_file(None, "directives.json", "directive cues")
    >>> name, "tell" in data["directing_verbs"]
    ('kgraph/nlp/data/directives.json', True)
    """
    name = str(path) if path is not None else f"kgraph/nlp/data/{builtin}"
    try:
        if path is None:
            text = resources.files("kgraph.nlp").joinpath(f"data/{builtin}").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as error:
        raise DictionaryError(f"cannot read the {what} {name!r}: {error}") from None
    except json.JSONDecodeError as error:
        raise DictionaryError(f"{what} {name!r} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise DictionaryError(f"{what} {name!r} must hold a JSON object, got {type(data).__name__}")
    return data, name


def cue_words(data: dict[str, Any], key: str, name: str, what: str) -> frozenset[str]:
    """The lower-cased word list ``data[key]``; ``DictionaryError`` when it is not a list.

    >>> sorted(cue_words({"verbs": ["Say", "tell"]}, "verbs", "x.json", "cues"))
    ['say', 'tell']
    """
    value = data.get(key)
    if not isinstance(value, list):
        raise DictionaryError(f"{what} {name!r}: {key!r} must be a list of words, got {value!r}")
    return frozenset(str(word).lower() for word in value)


@dataclass(frozen=True, slots=True)
class ModalityLexicon:
    """The cues of ``modality.json``, typed; ``Modality`` values instead of strings."""

    modal_auxiliaries: dict[str, Modality]
    negation_words: frozenset[str]
    ceased_adverbs: frozenset[str]  # adverbs a negation turns into "not any more": "no longer", "no more"
    hedge_adverbs: dict[str, Modality]
    clause_marks: dict[str, Modality]
    indirect_question_marks: frozenset[str]
    independent_marks: frozenset[str]
    negating_prepositions: frozenset[str]
    future_modifiers: frozenset[str]
    future_words: frozenset[str]
    later_with: frozenset[str]
    verb_governors: dict[str, Modality]
    progressive_governors: dict[str, Modality]
    noun_governors: dict[str, Modality]
    object_governors: dict[str, Modality]
    nominal_modifiers: dict[str, Modality]
    not_yet_adverbs: frozenset[str]
    negating_heads: frozenset[str]
    event_argument_prepositions: frozenset[str]
    comment_nouns: frozenset[str]
    agreement_governors: frozenset[str]
    cooperation_complements: frozenset[str]
    not_yet_verbs: frozenset[str]
    commissive_governors: frozenset[str]
    threat_words: frozenset[str]


def _modalities(data: dict[str, Any], key: str, path: str) -> dict[str, Modality]:
    try:
        return {str(word).lower(): Modality(value) for word, value in data[key].items()}
    except (KeyError, AttributeError) as error:
        raise DictionaryError(f"modality lexicon {path!r} lacks a mapping {key!r}: {error!r}") from None
    except ValueError as error:
        raise DictionaryError(
            f"modality lexicon {path!r}, section {key!r}: {error}; valid values: {[m.value for m in Modality]}"
        ) from None


def _words(data: dict[str, Any], key: str, path: str) -> frozenset[str]:
    return cue_words(data, key, path, "modality lexicon")


@lru_cache(maxsize=4)
def load_modality_lexicon(path: Path | None = None) -> ModalityLexicon:
    """Read the modality cues (the built-in ``modality.json`` unless ``path`` is given).

    >>> load_modality_lexicon().modal_auxiliaries["will"]
    <Modality.FUTURE: 'future'>
    """
    data, name = read_cue_file(path, "modality.json", "modality lexicon")
    time = data.get("future_time", {})
    return ModalityLexicon(
        modal_auxiliaries=_modalities(data, "modal_auxiliaries", name),
        negation_words=_words(data, "negation_words", name),
        ceased_adverbs=_words(data, "ceased_adverbs", name),
        hedge_adverbs=_modalities(data, "hedge_adverbs", name),
        clause_marks=_modalities(data, "clause_marks", name),
        indirect_question_marks=_words(data, "indirect_question_marks", name),
        independent_marks=_words(data, "independent_marks", name),
        negating_prepositions=_words(data, "negating_prepositions", name),
        future_modifiers=_words(time, "modifiers", name),
        future_words=_words(time, "words", name),
        later_with=_words(time, "later_with", name),
        verb_governors=_modalities(data, "verb_governors", name),
        progressive_governors=_modalities(data, "progressive_governors", name),
        noun_governors=_modalities(data, "noun_governors", name),
        object_governors=_modalities(data, "object_governors", name),
        nominal_modifiers=_modalities(data, "nominal_modifiers", name),
        not_yet_adverbs=_words(data.get("not_yet", {}), "adverbs", name),
        negating_heads=_words(data, "negating_heads", name),
        event_argument_prepositions=_words(data, "event_argument_prepositions", name),
        comment_nouns=_words(data, "comment_nouns", name),
        agreement_governors=_words(data, "agreement_governors", name),
        cooperation_complements=_words(data, "cooperation_complements", name),
        not_yet_verbs=_words(data.get("not_yet", {}), "verbs", name),
        commissive_governors=_words(data, "commissive_governors", name),
        threat_words=_words(data, "threat_words", name),
    )


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The cues of ``speech.json``."""

    speech_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    claim_prepositions: frozenset[str]
    addressee_verbs: frozenset[str]
    addressee_prepositions: frozenset[str]
    source_prepositions: frozenset[str]
    speaker_prepositions: frozenset[str]
    press_words: frozenset[str]
    press_names: frozenset[str]
    masthead_words: frozenset[str]
    state_words: frozenset[str]
    state_bodies: frozenset[str]
    voice_words: frozenset[str] = frozenset()
    body_states: tuple[tuple[str, str], ...] = ()
    owner_kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    posted_words: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_speech_lexicon(path: Path | None = None) -> SpeechLexicon:
    """Read the speech cues (the built-in ``speech.json`` unless ``path`` is given).

    >>> "say" in load_speech_lexicon().speech_verbs
    True
    """
    data, name = read_cue_file(path, "speech.json", "speech lexicon")

    def words(key: str) -> frozenset[str]:
        return cue_words(data, key, name, "speech lexicon")

    return SpeechLexicon(
        speech_verbs=words("speech_verbs"),
        claim_verbs=words("claim_verbs"),
        claim_prepositions=words("claim_prepositions"),
        addressee_verbs=words("addressee_verbs"),
        addressee_prepositions=words("addressee_prepositions"),
        source_prepositions=words("source_prepositions"),
        speaker_prepositions=words("speaker_prepositions"),
        press_words=words("press_words"),
        press_names=words("press_names"),
        masthead_words=words("masthead_words"),
        state_words=words("state_words"),
        state_bodies=words("state_bodies"),
        voice_words=words("voice_words"),
        body_states=_pairs(data, "body_states", name),
        owner_kinds=_kinds(data, "owner_kinds", name),
        posted_words=words("posted_words"),
    )


def _kinds(data: dict[str, Any], key: str, name: str) -> dict[str, tuple[str, ...]]:
    """A ``{"noun": ["EntityType value", ...]}`` table."""
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(
        isinstance(v, list) and all(isinstance(k, str) for k in v) for v in value.values()
    ):
        raise DictionaryError(f"speech lexicon {name!r}: {key!r} must map nouns to lists of types, got {value!r}")
    return {str(k).lower(): tuple(v) for k, v in value.items()}


def _pairs(data: dict[str, Any], key: str, name: str) -> tuple[tuple[str, str], ...]:
    """A ``{"phrase": "Country"}`` table as sorted ``(lower-case phrase, country)`` pairs."""
    value = data.get(key, {})
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise DictionaryError(f"speech lexicon {name!r}: {key!r} must map phrases to country names, got {value!r}")
    return tuple(sorted((str(k).lower(), v) for k, v in value.items()))
