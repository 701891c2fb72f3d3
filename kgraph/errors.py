"""Errors raised by kgraph; every one says what was wrong, the bad value and a hint."""

from __future__ import annotations

__all__ = [
    "KGraphError",
    "UsageError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "FormatError",
    "ModelError",
    "DictionaryError",
    "StoreError",
    "OutputError",
    "ExitCode",
    "Terminated",
]

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the ``kgraph`` command (documented in ``SECURITY.md``).

    >>> int(ExitCode.INPUT), ExitCode(130).name
    (3, 'INTERRUPTED')
    """

    OK = 0  #: success (warnings, if any, were printed)
    ERROR = 1  #: any other kgraph error (e.g. a failed SPARQL query)
    USAGE = 2  #: bad option value: unknown --format, bad --base, missing argument
    INPUT = 3  #: an input cannot be read: missing path, binary file, malformed JSONL line, bad dictionary
    EMPTY = 4  #: the inputs hold no text at all
    OUTPUT = 5  #: an output file cannot be written (folder missing, not writable, disk full)
    MODEL = 6  #: the spaCy model cannot be loaded
    STORE = 7  #: a triple store or SPARQL endpoint failed
    INTERRUPTED = 130  #: Ctrl-C (SIGINT); outputs left as they were
    TERMINATED = 143  #: SIGTERM; outputs left as they were


class KGraphError(Exception):
    """Base class of every error kgraph raises on purpose.

    >>> str(KGraphError("bad thing"))
    'bad thing'
    """

    exit_code: ExitCode = ExitCode.ERROR


class UsageError(KGraphError):
    """A command-line option or API argument has a bad value (``--base``, ``--format``, ...)."""

    exit_code = ExitCode.USAGE


class InputError(KGraphError):
    """An input path or document cannot be read (missing, binary, malformed)."""

    exit_code = ExitCode.INPUT


class EmptyInputError(InputError):
    """The inputs hold no text to process."""

    exit_code = ExitCode.EMPTY


class BinaryInputError(InputError):
    """An input holds NUL bytes: it is a binary file, not text (skipped inside folders)."""


class FormatError(UsageError):
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


class Terminated(KeyboardInterrupt):
    """Raised by kgraph's SIGTERM handler so that ``finally``/cleanup code runs as for Ctrl-C.

    It is a ``KeyboardInterrupt`` (not a ``KGraphError``): library code never swallows it,
    and :func:`kgraph.io.atomic_output` removes its temporary file.

    >>> isinstance(Terminated(), KeyboardInterrupt)
    True
    """
