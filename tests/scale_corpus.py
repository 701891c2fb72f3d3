"""Short news articles written for the scale tests (engines, streaming, incremental store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

ARTICLES = {
    "a-geneva.txt": (
        "Foreign Minister Hakan Fidan met Secretary of State Marco Rubio in Geneva on Monday.\n\n"
        "Fidan urged the European Union to reopen talks with Turkey on customs rules."
    ),
    "b-cairo.txt": (
        "Egypt accused Ethiopia of breaking the agreement on the Nile dam. "
        "The African Union called on both countries to return to negotiations in Addis Ababa."
    ),
    "c-brussels.txt": (
        "NATO Secretary-General Mark Rutte met Chancellor Friedrich Merz in Brussels. "
        "Germany sent air defence systems to Poland, officials said."
    ),
    "d-warsaw.txt": (
        "Poland rejected a proposal from Russia on border crossings. "
        "Prime Minister Donald Tusk said Poland would not meet Russian officials until the drones stopped."
    ),
    "e-doha.txt": (
        "Qatar hosted talks between Israel and Hamas in Doha. "
        "The United Nations praised Qatar for its mediation, and Antonio Guterres met the Emir of Qatar."
    ),
    "f-tokyo.txt": (
        "Japan and India signed an agreement on semiconductor supply chains in Tokyo. "
        "Narendra Modi met Shigeru Ishiba and praised Japan for its investment."
    ),
}


def write_articles(folder: Path, names: list[str] | None = None) -> Path:
    """Write the articles (or only ``names``) as text files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or list(ARTICLES):
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")
    return folder


def share_test_pipeline(nlp: object) -> Iterator[None]:
    """Make the engines use the session's pipeline (forked workers inherit it)."""
    from kgraph.build import BuildOptions
    from kgraph.engine.worker import share_pipeline

    with share_pipeline(BuildOptions(), nlp):  # type: ignore[arg-type]
        yield
