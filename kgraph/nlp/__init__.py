"""spaCy components in two stages: ``actors`` (actor resolution) then ``relations`` (relation extraction).

Shared by both: ``extensions`` (Doc/Span attributes), ``paragraphs``, ``pipeline``, ``convert`` and the
dictionary files under ``data/`` (``DATA_DIR``).
"""

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
