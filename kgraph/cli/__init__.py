"""The ``kgraph`` command: a typer app whose commands parse options and delegate."""

from __future__ import annotations

__all__ = ["app", "main"]

import sys
import warnings
from typing import Any, TextIO

import click
import typer

from kgraph.errors import ExitCode, KGraphError

app = typer.Typer(
    name="kgraph",
    help="Build geopolitical knowledge graphs (RDF, networkx, HTML) from news text.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Build geopolitical knowledge graphs (RDF, networkx, HTML) from news text."""


def _register_commands() -> None:
    from kgraph.cli import build, evaluate  # noqa: F401  (each module adds its commands to ``app``)


def _show_warning(
    message: Warning | str, category: type[Warning], filename: str, lineno: int, file: TextIO | None = None, line: str | None = None
) -> None:
    print(f"kgraph: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; turns errors into one line and an exit code."""
    _register_commands()
    warnings.showwarning = _show_warning  # type: ignore[assignment]
    try:
        app(args=argv, standalone_mode=False)
    except KGraphError as error:
        print(f"kgraph: error: {error}", file=sys.stderr)
        return int(error.exit_code)
    except click.exceptions.Abort:
        print("kgraph: interrupted; outputs left as they were", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        print("kgraph: interrupted; outputs left as they were", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return int(ExitCode.USAGE)
    except BrokenPipeError:
        return int(ExitCode.OK)
    return int(ExitCode.OK)


def run() -> Any:
    sys.exit(main())
