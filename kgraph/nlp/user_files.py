"""spaCy serialisation for kgraph components whose only data is one optional user file.

``kgraph_actors`` reads a user actor dictionary and ``kgraph_relations`` a user lexicon; everything
else they use ships with the package. ``nlp.to_disk`` copies the user file into the component's
folder and ``spacy.load`` of that folder reads it back, so a saved pipeline carries its dictionaries.
"""

from __future__ import annotations

__all__ = ["UserFileComponent"]

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any


class UserFileComponent:
    """Mixin: ``initialize``, ``to_disk`` and ``from_disk`` for one optional user file.

    A component sets ``user_file_attr`` (the attribute holding the file's ``Path`` or ``None``) and
    ``user_file_name`` (its name inside the saved folder), and implements ``reload()``.
    """

    user_file_attr: str
    user_file_name: str

    def reload(self) -> None:
        """Read the data again after the user file changed."""
        raise NotImplementedError

    def _user_file(self) -> Path | None:
        value = getattr(self, self.user_file_attr)
        return Path(value) if value else None

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Any = None, **config: Any
    ) -> None:
        """Reload the data; ``initialize(path=FILE)`` switches to another user file first."""
        if config.get("path") is not None:
            setattr(self, self.user_file_attr, Path(config["path"]))
        self.reload()

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        source = self._user_file()
        if source is not None:
            shutil.copyfile(source, folder / self.user_file_name)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Any:
        saved = Path(path) / self.user_file_name
        setattr(self, self.user_file_attr, saved if saved.is_file() else None)
        self.reload()
        return self
