"""``kgraph_gazetteer``: the gazetteer as a registered spaCy component.

A ``SpanRuler`` whose phrase patterns are the gazetteer's surface forms (built-in data files plus
an optional user dictionary ``actors``), matched case-sensitively into ``doc.spans["kgraph_gazetteer"]``.
``nlp.add_pipe("kgraph_gazetteer", after="ner")`` on a loaded model is ready to use: the patterns
load on the first document unless ``from_disk`` restored saved ones first (``to_disk``/``from_disk``
are inherited, so a saved pipeline keeps a user dictionary's patterns even when its file is gone);
``initialize`` reloads them, optionally from another dictionary.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = nlp.add_pipe("kgraph_gazetteer")
>>> doc = nlp("Talks in Ukraine.")
>>> [(s.text, s.label_) for s in doc.spans["kgraph_gazetteer"]]
[('Ukraine', 'NAME')]
"""

from __future__ import annotations

__all__ = ["GazetteerRuler", "make_gazetteer_ruler"]

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc
from spacy.training import Example

from kgraph.nlp.actors.gazetteer import SPANS_KEY, load_gazetteer


class GazetteerRuler(SpanRuler):
    """A span ruler holding the gazetteer's phrase patterns (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "kgraph_gazetteer", *, actors: str | None = None) -> None:
        super().__init__(nlp, name, spans_key=SPANS_KEY, phrase_matcher_attr="ORTH", validate=False, overwrite=True)
        self.actors = actors
        self._loaded = False

    def _load_patterns(self) -> None:
        self.clear()
        self.add_patterns(load_gazetteer(Path(self.actors) if self.actors else None).patterns())
        self._loaded = True

    def __call__(self, doc: Doc) -> Doc:
        if not self._loaded:
            self._load_patterns()
        return super().__call__(doc)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerRuler:
        super().from_disk(path, exclude=exclude)
        self._loaded = True
        return self

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]] | None = None,
        *,
        nlp: Language | None = None,
        patterns: Any = None,
        actors: str | None = None,
    ) -> None:
        """Reload the gazetteer patterns, from the user dictionary ``actors`` when given."""
        if actors is not None:
            self.actors = actors
        self._load_patterns()
        if patterns:
            self.add_patterns(patterns)


@Language.factory("kgraph_gazetteer", default_config={"actors": None})
def make_gazetteer_ruler(nlp: Language, name: str, actors: str | None) -> GazetteerRuler:
    """The ``kgraph_gazetteer`` factory; ``actors`` is an optional user dictionary path."""
    return GazetteerRuler(nlp, name, actors=actors)
