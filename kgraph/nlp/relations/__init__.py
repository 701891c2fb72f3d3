"""Stage 2, relation extraction: typed relations between the resolved actors, with modality and speech.

The ``kgraph_relations`` component is ``extractor.RelationExtractor``; ``make_relation_extractor`` is
re-exported lazily for the ``spacy_factories`` entry point (importing this package imports no spaCy).
"""

from typing import Any

__all__ = ["make_relation_extractor"]


def __getattr__(name: str) -> Any:
    if name == "make_relation_extractor":
        from kgraph.nlp.relations.extractor import make_relation_extractor

        return make_relation_extractor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
