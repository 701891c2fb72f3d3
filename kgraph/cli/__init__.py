"""The ``kgraph`` command: a typer app whose commands parse options and delegate."""

from __future__ import annotations

__all__ = ["app", "main"]

import signal
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Annotated, Any, TextIO

import click
import typer

from kgraph.errors import ExitCode, KGraphError, Terminated

app = typer.Typer(
    name="kgraph",
    help="Build geopolitical knowledge graphs (RDF, networkx, HTML) from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: flags without type placeholders, options with PATH/TEXT metavars
)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("kgraph")
        except PackageNotFoundError:  # running from a source tree that was never installed
            number = "unknown"
        print(f"kgraph {number}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", help="Print kgraph's version and exit.", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """Build geopolitical knowledge graphs (RDF, networkx, HTML) from news text."""


def _register_commands() -> None:
    from kgraph.cli import build, evaluate, io  # noqa: F401  (each module adds its commands to ``app``)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    print(f"kgraph: warning: {one_line(str(message))}", file=sys.stderr)


_LINE_BREAKS = {code: f"\\x{code:02x}" for code in (*range(0x09), *range(0x0A, 0x20), 0x7F)} | {
    0x0A: "\\n",
    0x0D: "\\r",
    0x85: "\\x85",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def one_line(text: str) -> str:
    r"""``text`` with line breaks and control characters escaped: a quoted name cannot split a message.

    >>> one_line("a.txt\nkgraph: error: forged")
    'a.txt\\nkgraph: error: forged'
    """
    return text.translate(_LINE_BREAKS)


_signals_seen: list[int] = []


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _signals_seen.append(signum)
    if len(_signals_seen) == 1:  # a repeated SIGTERM must not interrupt the cleanup of the first
        raise Terminated(f"signal {signum}")


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """Turn SIGTERM into ``Terminated`` (a ``KeyboardInterrupt``) so cleanup code runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    _signals_seen.clear()
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# typer >= 0.25 vendors click: its exceptions are not ``click``'s, so accept both families.
_ABORTS: tuple[type[BaseException], ...] = (click.exceptions.Abort, typer.Abort, KeyboardInterrupt)
_EXITS: tuple[type[BaseException], ...] = (click.exceptions.Exit, typer.Exit)
_CLICK_ERRORS: tuple[type[BaseException], ...] = (
    click.ClickException,
    getattr(typer, "TyperException", click.ClickException),
)


def _usage_error(error: BaseException) -> int:
    """One line for a command-line usage error (or the help text when no arguments were given)."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError" and ctx is not None:
        print(ctx.get_help().rstrip(), file=sys.stderr)  # the help, once
        return int(ExitCode.USAGE)
    message = error.format_message() if hasattr(error, "format_message") else str(error)
    hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
    print(f"kgraph: error: {message}{hint}", file=sys.stderr)
    return int(getattr(error, "exit_code", ExitCode.USAGE) or ExitCode.USAGE)


def _interrupted(error: BaseException) -> int:
    terminated = bool(_signals_seen) or isinstance(error, Terminated)
    print(f"kgraph: {'terminated' if terminated else 'interrupted'}; outputs left as they were", file=sys.stderr)
    return int(ExitCode.TERMINATED if terminated else ExitCode.INTERRUPTED)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; turns errors into one line and an exit code.

    Every expected failure prints ``kgraph: error: ...`` (one line, no traceback) and
    returns an :class:`~kgraph.errors.ExitCode`; SIGINT and SIGTERM leave outputs as
    they were.

    >>> main(["build", "article.txt", "-o", "graph.ttl", "--format", "nope"])
    2
    """
    _register_commands()
    previous_showwarning = warnings.showwarning
    warnings.showwarning = _show_warning
    try:
        with _sigterm_raises():
            status = app(args=argv, standalone_mode=False, prog_name="kgraph")
            # typer turns KeyboardInterrupt (and so SIGTERM's Terminated) into a returned 130
            if status == ExitCode.INTERRUPTED and not isinstance(status, bool):
                return _interrupted(KeyboardInterrupt())
    except KGraphError as error:
        print(f"kgraph: error: {one_line(str(error))}", file=sys.stderr)
        return int(error.exit_code)
    except _ABORTS as error:
        return _interrupted(error)
    except _EXITS as done:
        return int(getattr(done, "exit_code", 0))
    except _CLICK_ERRORS as error:
        return _usage_error(error)
    except BrokenPipeError:
        return int(ExitCode.OK)
    except MemoryError:
        print("kgraph: error: out of memory; split the input or lower --batch-size", file=sys.stderr)
        return int(ExitCode.ERROR)
    finally:
        warnings.showwarning = previous_showwarning
    return int(ExitCode.OK)


def run() -> Any:
    sys.exit(main())
