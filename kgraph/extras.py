"""Optional dependencies (``pip install 'kgraph[EXTRA]'``): a clear one-line error when one is missing."""

from __future__ import annotations

__all__ = ["MissingExtraError", "require_extra"]

import importlib
from types import ModuleType

from kgraph.errors import KGraphError


class MissingExtraError(KGraphError):
    """A feature needs an optional dependency that is not installed."""


def require_extra(module: str, extra: str, feature: str) -> ModuleType:
    """Import ``module`` for ``feature``, or raise a one-line error naming the extra to install.

    >>> require_extra("json", "none", "reading JSON").__name__
    'json'
    >>> require_extra("no_such_mod", "dask", "--engine dask")
    Traceback (most recent call last):
    ...
    kgraph.extras.MissingExtraError: --engine dask needs the optional dependency 'no_such_mod': pip install ...dask]'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"{feature} needs the optional dependency {module!r}: pip install 'kgraph[{extra}]'"
        ) from None
