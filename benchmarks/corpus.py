"""A synthetic news corpus from written template sentences, for benchmarks (deterministic)."""

from __future__ import annotations

__all__ = ["generate_documents", "write_jsonl"]

import json
import random
from collections.abc import Iterator
from pathlib import Path

PEOPLE = [
    ("Secretary of State", "Marco Rubio", "United States"),
    ("Foreign Minister", "Sergei Lavrov", "Russia"),
    ("President", "Emmanuel Macron", "France"),
    ("Chancellor", "Friedrich Merz", "Germany"),
    ("Prime Minister", "Keir Starmer", "Britain"),
    ("President", "Volodymyr Zelensky", "Ukraine"),
    ("Foreign Minister", "Wang Yi", "China"),
    ("Prime Minister", "Narendra Modi", "India"),
    ("President", "Recep Tayyip Erdogan", "Turkey"),
    ("Foreign Minister", "Hakan Fidan", "Turkey"),
    ("President", "Luiz Inacio Lula da Silva", "Brazil"),
    ("Prime Minister", "Shigeru Ishiba", "Japan"),
    ("President", "Cyril Ramaphosa", "South Africa"),
    ("Foreign Minister", "Abbas Araghchi", "Iran"),
    ("Secretary-General", "Antonio Guterres", "United Nations"),
    ("Secretary-General", "Mark Rutte", "NATO"),
]
COUNTRIES = [
    "Ukraine",
    "Russia",
    "China",
    "India",
    "Iran",
    "Israel",
    "Egypt",
    "Qatar",
    "Poland",
    "Japan",
    "Brazil",
    "Mexico",
    "Canada",
    "Germany",
    "France",
    "Turkey",
    "Syria",
    "Sudan",
    "Kenya",
    "Nigeria",
]
ORGS = [
    "the European Union",
    "the United Nations",
    "NATO",
    "the African Union",
    "the World Bank",
    "the International Monetary Fund",
    "the Red Cross",
    "ASEAN",
]
CITIES = ["Geneva", "Brussels", "Istanbul", "Doha", "Cairo", "Vienna", "Riyadh", "Nairobi", "Warsaw", "Jakarta"]
TOPICS = [
    "the ceasefire",
    "grain exports",
    "the nuclear programme",
    "energy prices",
    "border security",
    "humanitarian corridors",
    "trade tariffs",
    "the prisoner exchange",
    "refugee flows",
    "debt relief",
]
TEMPLATES = [
    "{title} {person} met {person2} in {city} on {day} to discuss {topic}.",
    "{person} urged {org} to increase pressure on {country} over {topic}.",
    "{country} accused {country2} of violating the agreement on {topic}.",
    "{org} imposed new sanctions on {country} after talks in {city} collapsed.",
    "{person} said {country} would not accept any deal on {topic} that ignored its interests.",
    "{country} and {country2} signed an agreement on {topic} in {city}.",
    "{person} praised {org} for its work on {topic}, officials in {city} said.",
    "{country} rejected a proposal from {org} on {topic}.",
    "Forces from {country} attacked positions held by {country2} near the border, witnesses said.",
    "{person} did not meet {person2} during the summit in {city}.",
    "{org} called on {country} and {country2} to resume negotiations on {topic}.",
    "{country} sent humanitarian aid to {country2} as the crisis over {topic} deepened.",
    "{person}, the {title} of {nation}, warned {country} of serious consequences.",
    "Officials in {city} said the talks between {country} and {country2} could resume next week.",
    "{person} criticised {org} for its slow response to {topic}.",
    "{country} threatened to expel diplomats from {country2} over {topic}.",
    "{person2} welcomed the decision by {org} to send observers to {city}.",
    "Analysts said the dispute over {topic} was likely to dominate the meeting in {city}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _sentence(rng: random.Random) -> str:
    (title, person, nation), (_, person2, _) = rng.sample(PEOPLE, 2)
    country, country2 = rng.sample(COUNTRIES, 2)
    text = rng.choice(TEMPLATES).format(
        title=title,
        person=person,
        person2=person2,
        nation=nation,
        country=country,
        country2=country2,
        org=rng.choice(ORGS),
        city=rng.choice(CITIES),
        topic=rng.choice(TOPICS),
        day=rng.choice(DAYS),
    )
    return text[0].upper() + text[1:]


def generate_documents(count: int, *, seed: int = 7, sentences: tuple[int, int] = (8, 14)) -> Iterator[dict[str, str]]:
    """Yield ``count`` JSONL-ready articles, deterministic for a seed.

    >>> docs = list(generate_documents(2))
    >>> [d["id"] for d in docs]
    ['news-000000', 'news-000001']
    """
    rng = random.Random(seed)
    for number in range(count):
        lines = [_sentence(rng) for _ in range(rng.randint(*sentences))]
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        yield {
            "id": f"news-{number:06d}",
            "title": lines[0].rstrip("."),
            "date": f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}",
            "text": "\n\n".join(paragraphs),
        }


def write_jsonl(path: Path, count: int, *, seed: int = 7, sentences: tuple[int, int] = (8, 14)) -> int:
    """Write ``count`` generated articles to ``path``; the number of words written."""
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in generate_documents(count, seed=seed, sentences=sentences):
            words += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return words
