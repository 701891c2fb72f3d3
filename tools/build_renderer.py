"""Rebuild the browser renderer bundled with the HTML explorer from the npm registry.

The page draws with sigma.js (WebGL) on a graphology graph. Both are MIT-licensed and ship
minified UMD builds in their npm packages; this script installs the pinned versions into a
temporary folder with ``npm``, joins the two builds into ``kgraph/export/vendor/renderer.min.js``
(source-map comments removed, so nothing in the page points anywhere) and copies their licences
beside it. The page never loads anything at run time.

Usage: ``python tools/build_renderer.py`` (needs Node.js and npm).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGES = {"graphology": "0.26.0", "sigma": "3.0.2"}
#: (package, UMD build inside it, global it defines), in load order
BUILDS = [("graphology", "dist/graphology.umd.min.js", "graphology"), ("sigma", "dist/sigma.min.js", "Sigma")]
VENDOR = Path(__file__).resolve().parent.parent / "kgraph" / "export" / "vendor"
_SOURCE_MAP = re.compile(r"^//[#@] sourceMappingURL=.*$", re.M)


def build(target: Path = VENDOR) -> Path:
    """Install the pinned packages in a temporary folder and write the bundle and licences to ``target``."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm is needed to rebuild the renderer")
    with tempfile.TemporaryDirectory(prefix="kgraph-renderer-") as folder:
        work = Path(folder)
        (work / "package.json").write_text(json.dumps({"name": "kgraph-renderer", "private": True}))
        specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
        subprocess.run([npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", *specs], cwd=work, check=True)
        parts = []
        notices = []
        for package, build_path, global_name in BUILDS:
            root = work / "node_modules" / package
            version = json.loads((root / "package.json").read_text())["version"]
            code = _SOURCE_MAP.sub("", (root / build_path).read_text(encoding="utf-8")).strip()
            parts.append(f"/* {package} {version} ({global_name}), MIT licence: see {package}.LICENSE.txt */\n{code}\n")
            licence = next(root.glob("LICENSE*"))
            notices.append((package, licence.read_text(encoding="utf-8")))
        target.mkdir(parents=True, exist_ok=True)
        bundle = target / "renderer.min.js"
        bundle.write_text("".join(parts), encoding="utf-8")
        for package, text in notices:
            (target / f"{package}.LICENSE.txt").write_text(text, encoding="utf-8")
    return bundle


if __name__ == "__main__":
    path = build()
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
