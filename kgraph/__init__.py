"""kgraph: geopolitical knowledge graphs from news text.

``import kgraph`` is light: spaCy, rdflib and networkx load on first use of ``kgraph.build`` or
``kgraph.KnowledgeGraph`` (PEP 562 module ``__getattr__``).

>>> import kgraph
>>> kg = kgraph.build("Marco Rubio met Sergei Lavrov in Riyadh.")
>>> isinstance(kg, kgraph.KnowledgeGraph)
True
"""

import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from kgraph.errors import KGraphError
from kgraph.model import Document, EntityType, Modality, RelationType

if TYPE_CHECKING:
    from kgraph.build import build
    from kgraph.graph import KnowledgeGraph

__all__ = ["build", "KnowledgeGraph", "Document", "EntityType", "RelationType", "Modality", "KGraphError"]
__version__ = "0.1.0"


class _Package(ModuleType):
    """``kgraph.build`` stays the function when the submodule of the same name is imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "build" and isinstance(value, ModuleType):
            value = value.build
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name == "build":
        from kgraph.build import build

        return build
    if name == "KnowledgeGraph":
        from kgraph.graph import KnowledgeGraph

        return KnowledgeGraph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
