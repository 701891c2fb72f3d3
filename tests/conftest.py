"""Shared fixtures: the real spaCy pipeline (loaded once), the development gold sets, CLI runner.

The development gold sets live outside the repository. ``KGRAPH_EVAL_DIR`` names their folder
(default: ``eval`` inside the ``shared`` folder next to the clone); tests that need them skip
with a one-line reason when it is absent, so a fresh clone passes on its own.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = Path(os.environ.get("KGRAPH_EVAL_DIR") or ROOT.parent / "shared" / "eval")
DEV_SET = EVAL_DIR / "dev.jsonl"
PEER_SET = EVAL_DIR / "peer_plover.jsonl"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default kgraph pipeline over the real small English model."""
    from kgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


def eval_set(name: str) -> Path:
    """Path of a development gold set (``dev.jsonl``, ...); skip the test when the eval folder is absent."""
    path = EVAL_DIR / name
    if not path.is_file():
        pytest.skip(f"development set {name} not found (set KGRAPH_EVAL_DIR to the folder holding it)")
    return path


@pytest.fixture(scope="session")
def dev_set() -> Path:
    """Path of the development gold set ``dev.jsonl`` (skips when absent)."""
    return eval_set("dev.jsonl")


@pytest.fixture(scope="session")
def dev_documents(dev_set: Path) -> list[dict[str, Any]]:
    """The gold documents of the development set ``dev.jsonl`` (skips when absent)."""
    return [json.loads(line) for line in dev_set.read_text(encoding="utf-8").splitlines() if line.strip()]


def require_tool(name: str) -> str:
    """Path of an external tool; skip locally when missing, fail in CI (which installs it)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name!r} is not installed (Debian package; .ci/run installs it)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def run_cli(
    *args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m kgraph ARGS`` as a user would and capture its output."""
    return subprocess.run(
        [sys.executable, "-m", "kgraph", *args], input=input, capture_output=True, cwd=cwd, timeout=timeout, check=False
    )
