"""Shared fixtures: the real spaCy pipeline (loaded once), the dev gold set, CLI runner."""

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
DEV_SET = ROOT.parent / "shared" / "eval" / "dev.jsonl"
PEER_SET = ROOT.parent / "shared" / "eval" / "peer_plover.jsonl"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The default kgraph pipeline over the real small English model."""
    from kgraph.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def dev_documents() -> list[dict[str, Any]]:
    """The gold documents of ``../shared/eval/dev.jsonl``."""
    if not DEV_SET.exists():
        pytest.fail(f"the dev set is missing at {DEV_SET}")
    return [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]


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
