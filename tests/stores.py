"""Real SPARQL servers for integration tests: ``oxigraph serve`` and Virtuoso Open Source.

Each starts on 127.0.0.1 on free ports with a throwaway database folder, and is stopped after.
Missing programs skip the tests locally and fail them in CI (``require_tool``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.conftest import require_tool


@dataclass(frozen=True)
class Server:
    """A running SPARQL server: its base URL and what ``kgraph load``/``query`` need to reach it."""

    name: str
    url: str
    load_options: tuple[str, ...] = ()
    query_options: tuple[str, ...] = ()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(process: subprocess.Popen[bytes], probe: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(probe, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(encoding="utf-8", errors="replace")[-500:] if log.exists() else ""
            raise RuntimeError(f"server did not start ({probe}): {tail}")
        time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[Server]:
    """``oxigraph serve`` (PyPI ``oxigraph``) with a store in ``folder``; plain defaults, no union graph."""
    binary = shutil.which("oxigraph") or require_tool("oxigraph")
    port = free_port()
    log = folder / "oxigraph.log"
    folder.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(process, f"{url}/query?query=ASK%7B%7D", log)
        yield Server("oxigraph", url)
    finally:
        _stop(process)


VIRTUOSO_MERGED_GRAPH = "https://w3id.org/kgraph/id/merged"

_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = {db}
NumberOfBuffers = 2000
MaxDirtyBuffers = 1200
CheckpointInterval = 0
ThreadsPerQuery = 1
MaxClientConnections = 4

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
MaxClientConnections = 4
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@contextmanager
def virtuoso_server(folder: Path) -> Iterator[Server]:
    """Virtuoso Open Source (Debian ``virtuoso-opensource``) with a new database in ``folder``.

    Graphs are loaded through ``/sparql-graph-crud-auth`` (SPARQL 1.1 Graph Store protocol,
    HTTP Digest authentication as ``dba``, whose password is ``dba`` in a new database). Virtuoso's
    Graph Store has no default graph, so the merged graph goes to a named graph that queries
    then name as their default graph (``--default-graph``).
    """
    binary = require_tool("virtuoso-t")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(_VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = folder / "virtuoso.log"
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait(process, f"{url}/sparql?query=ASK%7B%7D", log)
        merged = ("--default-graph", VIRTUOSO_MERGED_GRAPH)
        yield Server("virtuoso", url, ("--user", "dba:dba", *merged), merged)
    finally:
        _stop(process)
