"""kgraph: geopolitical knowledge graphs from news text.

>>> import kgraph
>>> kg = kgraph.build("Marco Rubio met Sergei Lavrov in Riyadh.")
>>> isinstance(kg, kgraph.KnowledgeGraph)
True
"""

from kgraph.build import build
from kgraph.errors import KGraphError
from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, EntityType, Modality, RelationType

__all__ = ["build", "KnowledgeGraph", "Document", "EntityType", "RelationType", "Modality", "KGraphError"]
__version__ = "0.1.0"
