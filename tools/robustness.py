"""Robustness variants of a gold JSONL set: the same facts, reworded.

Each variant keeps every gold fact and rewrites the text, the entity names and aliases, the relation
ends and the evidence consistently, so that a variant scores like its source unless the extractor
depends on the exact wording:

- ``renamed``: every person gets another (invented) name of the same gender, in the text, names,
  aliases, relations and evidence ("Rasa Jankauskiene" -> "Mira Ostrava" throughout);
- ``adverbials``: sentences that open with an actor's name get a fronted adverbial ("On Monday, ...");
- ``relatives``: a person's or body's name before its verb gets a non-restrictive relative clause
  ("Ankara, which has long followed the issue, urged ...");
- ``synonyms``: trigger verbs are swapped for synonyms from the same lexicon relation ("criticised" ->
  "denounced", "urged" -> "called on");
- ``all``: the four together.

An edit whose result would no longer keep every evidence a verbatim substring of the text is skipped,
so the variant stays a valid gold set. Output is deterministic for a given ``--seed``.

Usage::

    python tools/robustness.py GOLD.jsonl -o OUT_DIR [--seed 7]
    kgraph evaluate OUT_DIR/renamed.jsonl   # compare with: kgraph evaluate GOLD.jsonl

>>> variant_of({"id": "d", "text": "Anna Berg criticised Norway.", "entities": [
...     {"name": "Anna Berg", "type": "Person", "aliases": ["Berg"]},
...     {"name": "Norway", "type": "Country", "aliases": []}],
...     "relations": [{"subject": "Anna Berg", "relation": "accuses", "object": "Norway",
...     "evidence": "Anna Berg criticised Norway"}]}, "synonyms", seed=1)["text"]
'Anna Berg denounced Norway.'
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

Record = dict[str, Any]
KINDS = ("renamed", "adverbials", "relatives", "synonyms")

# Invented replacement names: given names by gender and surnames of several origins.
_MALE = """Anders Tomasz Kwame Rashid Mateo Ilya Hiroshi Farid Lucas Emeka Dmitri Joaquin Yusuf Henrik Rohan
Viktor Samir Tiago Olusegun Milan Arjun Bakhyt Nikolai Omar Stefan Kofi Rafael Jonas Tariq Marek""".split()
_FEMALE = """Ingrid Amara Sofia Leila Marta Yuki Nadia Chiara Zanele Olga Priya Helena Fatou Irena Lucia Aylin
Mirela Daniela Noura Katrin Esther Svetlana Camila Ayesha Birgit Thandiwe Renata Ana Mariam Elif""".split()
_SURNAMES = """Halvorsen Okafor Castellanos Nakamura Petrovic Mbeki Lindqvist Haddad Kowalczyk Rahimov Ferreira
Osei Varga Takahashi Dimitrov Mensah Quintero Novak Aziz Bergstrom Kariuki Moreau Yilmaz Santos Eriksen Banda
Vasquez Horvath Qureshi Adeyemi Kovalenko Lindgren Mwangi Salazar Orlov Fischer Nkosi Duarte Hakimi Sorensen""".split()
_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "de", "da", "di", "du", "dos", "das", "del", "van", "von", "der", "la"}
)
_ADVERBIALS = ("On Monday, ", "Earlier this week, ", "Late on Friday, ", "On Tuesday evening, ")
# (pattern, replacement) pairs keeping the lexicon relation of the trigger.
_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"\bcriticised\b", "denounced"),
    (r"\bcriticized\b", "denounced"),
    (r"\bcondemned\b", "decried"),
    (r"\burged\b", "called on"),
    (r"\bpraised\b", "commended"),
    (r"\bmet with\b", "held talks with"),
    (r"\brejected\b", "dismissed"),
    (r"(?<!-)\bbacked\b", "supported"),
    (r"\battacked\b", "struck"),
    (r"\bprovided\b", "supplied"),
    (r"\bslammed\b", "lambasted"),
    (r"\bblamed\b", "faulted"),
)
_PERSON_CLAUSE = ", who has held the post since 2021,"
_BODY_CLAUSE = ", which has long followed the issue,"


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(pattern) + r"(?![\w-])")


def _gender(first: str, text: str, surname: str) -> str:
    """ "m", "f" or "?" from the pronoun that first follows the surname in the text."""
    at = text.find(surname)
    if at < 0:
        return "?"
    window = text[at : at + 400]
    he = re.search(r"\b(he|his|him)\b", window, re.IGNORECASE)
    she = re.search(r"\b(she|her|hers)\b", window, re.IGNORECASE)
    if he and (not she or he.start() < she.start()):
        return "m"
    if she:
        return "f"
    return "?"


def _name_map(record: Record, rng: random.Random) -> dict[str, str]:
    """Old name word -> new name word for every person, skipping words other actors' names use."""
    people = [e for e in record["entities"] if e["type"] == "Person"]
    others = {
        w
        for e in record["entities"]
        if e["type"] not in {"Person", "Position"}
        for n in (e["name"], *e.get("aliases", []))
        for w in re.findall(r"[\w-]+", n)
    }
    surnames = list(_SURNAMES)
    rng.shuffle(surnames)
    mapping: dict[str, str] = {}
    for person in people:
        words = [w for w in person["name"].split() if w.lower() not in _PARTICLES]
        if not words:
            continue
        gender = _gender(words[0], record["text"], words[-1])
        for k, word in enumerate(words):
            if word in mapping or word in others or not word[:1].isupper() or len(word) < 2:
                continue
            if k == 0 and len(words) > 1:
                pool = _FEMALE if gender == "f" else _MALE if gender == "m" else _MALE + _FEMALE
                choice = rng.choice([n for n in pool if n not in mapping.values()] or pool)
            else:
                choice = surnames.pop() if surnames else f"{word}son"
            mapping[word] = choice
    return mapping


def _apply(record: Record, edit: Callable[[str], str], *, names: bool) -> Record:
    """Apply ``edit`` to the text and evidence (and, when ``names``, to entity names, aliases and relation ends)."""
    out = copy.deepcopy(record)
    out["text"] = edit(record["text"])
    for relation in out["relations"]:
        relation["evidence"] = edit(relation["evidence"])
        if names:
            relation["subject"] = edit(relation["subject"])
            relation["object"] = edit(relation["object"])
    if names:
        for entity in out["entities"]:
            entity["name"] = edit(entity["name"])
            entity["aliases"] = [edit(a) for a in entity.get("aliases", [])]
        if "notes" in out:
            out["notes"] = edit(out["notes"])
    return out


def _valid(record: Record) -> bool:
    return all(r["evidence"] in record["text"] for r in record["relations"])


def rename(record: Record, rng: random.Random) -> Record:
    """Every person renamed consistently."""
    mapping = _name_map(record, rng)
    if not mapping:
        return copy.deepcopy(record)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(mapping, key=len, reverse=True)) + r")(?![\w-])"
    )

    def edit(text: str) -> str:
        return pattern.sub(lambda m: mapping[m.group(1)], text)

    out = _apply(record, edit, names=True)
    return out if _valid(out) else copy.deepcopy(record)


def _sentence_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-Z])|\n+", text):
        starts.append(match.end())
    return sorted(set(s for s in starts if s < len(text)))


def front_adverbials(record: Record, rng: random.Random) -> Record:
    """ "Norway criticised ..." -> "On Monday, Norway criticised ..." for sentences opening with a name."""
    out = copy.deepcopy(record)
    names = sorted(
        {n for e in record["entities"] for n in (e["name"], *e.get("aliases", [])) if n[:1].isupper()},
        key=len,
        reverse=True,
    )
    for start in reversed(_sentence_starts(record["text"])):
        text = out["text"]
        rest = text[start:]
        if not any(rest.startswith(n + " ") or rest.startswith(n + ",") for n in names):
            continue
        if rest.startswith(("The ", "A ", "An ")):
            continue
        phrase = rng.choice(_ADVERBIALS)
        candidate = copy.deepcopy(out)
        candidate["text"] = text[:start] + phrase + text[start:]
        if _valid(candidate):
            out = candidate
    return out


def relative_clauses(record: Record, rng: random.Random) -> Record:
    """ "Anna Berg said" -> "Anna Berg, who has held the post since 2021, said" (first such mention of each actor)."""
    out = copy.deepcopy(record)
    for entity in record["entities"]:
        if entity["type"] not in {"Person", "Country", "Organization"}:
            continue
        clause = _PERSON_CLAUSE if entity["type"] == "Person" else _BODY_CLAUSE
        name = entity["name"]
        match = re.search(
            r"(?<![\w-])" + re.escape(name) + r" (said|told|urged|called|criticised|criticized|condemned"
            r"|accused|met|rejected|warned|praised|welcomed|signed|announced|sent|imposed|expelled)\b",
            out["text"],
        )
        before = out["text"][max(0, match.start() - 5) : match.start()] if match else ""
        if match is None or before.endswith((" and ", ", ", " or ")):
            continue  # "A and B urged": a clause on B alone would change the subject's number
        old = match.group(0)
        new = f"{name}{clause} {match.group(1)}"
        candidate = copy.deepcopy(out)
        candidate["text"] = out["text"][: match.start()] + new + out["text"][match.end() :]
        for relation in candidate["relations"]:
            if relation["evidence"] not in candidate["text"]:
                relation["evidence"] = relation["evidence"].replace(old, new, 1)
        if _valid(candidate):
            out = candidate
    return out


def synonyms(record: Record, rng: random.Random) -> Record:
    """Trigger verbs swapped for synonyms of the same relation."""

    def edit(text: str) -> str:
        for pattern, replacement in _SYNONYMS:
            text = re.sub(pattern, replacement, text)
        return text

    out = _apply(record, edit, names=False)
    return out if _valid(out) else copy.deepcopy(record)


_STEPS: dict[str, Callable[[Record, random.Random], Record]] = {
    "renamed": rename,
    "adverbials": front_adverbials,
    "relatives": relative_clauses,
    "synonyms": synonyms,
}


def variant_of(record: Record, kind: str, *, seed: int = 7) -> Record:
    """One variant of one gold record; ``kind`` is one of ``KINDS`` or "all"."""
    rng = random.Random(f"{seed}:{record.get('id', '')}:{kind}")
    steps = KINDS if kind == "all" else (kind,)
    out = record
    for step in steps:
        out = _STEPS[step](out, rng)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="a gold JSONL file (one annotated document per line)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="directory for the variant JSONL files")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--kinds", default=",".join((*KINDS, "all")), help="comma-separated variant kinds")
    args = parser.parse_args(argv)
    try:
        records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as error:
        print(f"robustness: cannot read {args.gold}: {error}", file=sys.stderr)
        return 2
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in (*KINDS, "all")]
    if unknown:
        print(f"robustness: unknown variant kind(s): {', '.join(unknown)}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for kind in kinds:
        lines = [json.dumps(variant_of(r, kind, seed=args.seed), ensure_ascii=False) for r in records]
        target = args.out / f"{kind}.jsonl"
        tmp = target.with_suffix(".jsonl.part")
        tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
        tmp.replace(target)
        changed = sum(1 for r, line in zip(records, lines, strict=True) if json.loads(line) != r)
        print(f"{target}: {len(lines)} documents, {changed} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
