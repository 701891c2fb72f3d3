"""Stage 1, actor resolution: entity spans to canonical actors (people, states, organisations, groups, places).

The ``kgraph_actors`` component is ``resolver.ActorResolver``; ``make_actor_resolver`` is re-exported
lazily for the ``spacy_factories`` entry point (importing this package imports no spaCy).
"""

from typing import Any

__all__ = ["make_actor_resolver"]


def __getattr__(name: str) -> Any:
    if name == "make_actor_resolver":
        from kgraph.nlp.actors.resolver import make_actor_resolver

        return make_actor_resolver
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
