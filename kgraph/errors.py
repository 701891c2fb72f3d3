"""Errors raised by kgraph; every one says what was wrong, the bad value and a hint."""

from __future__ import annotations

__all__ = [
    "KGraphError",
    "InputError",
    "EmptyInputError",
    "FormatError",
    "ModelError",
    "DictionaryError",
    "StoreError",
    "OutputError",
    "ExitCode",
]

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``kgraph`` command (documented in the README)."""

    OK = 0
    ERROR = 1
    USAGE = 2
    INPUT = 3
    EMPTY = 4
    OUTPUT = 5
    MODEL = 6
    STORE = 7
    INTERRUPTED = 130


class KGraphError(Exception):
    """Base class of every error kgraph raises on purpose.

    >>> str(KGraphError("bad thing"))
    'bad thing'
    """

    exit_code: ExitCode = ExitCode.ERROR


class InputError(KGraphError):
    """An input path or document cannot be read (missing, binary, malformed)."""

    exit_code = ExitCode.INPUT


class EmptyInputError(InputError):
    """The inputs hold no text to process."""

    exit_code = ExitCode.EMPTY


class FormatError(KGraphError):
    """An unknown or unsupported output/input format."""

    exit_code = ExitCode.USAGE


class ModelError(KGraphError):
    """The spaCy model cannot be loaded."""

    exit_code = ExitCode.MODEL


class DictionaryError(KGraphError):
    """A user dictionary (actors, lexicon) is malformed."""

    exit_code = ExitCode.INPUT


class StoreError(KGraphError):
    """A triple store or SPARQL endpoint failed."""

    exit_code = ExitCode.STORE


class OutputError(KGraphError):
    """An output file cannot be written."""

    exit_code = ExitCode.OUTPUT
