"""Dates on assertions: the words of the text resolved against the document date (our own sentences)."""

from __future__ import annotations

import pytest

from kgraph.build import BuildOptions, extract
from kgraph.dates import date_datatype, iso_date
from kgraph.engine.worker import worker_pipeline
from kgraph.model import Document, Relation, RelationType
from kgraph.nlp.dates import resolve_date


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("on Monday", "2025-03-12", "2025-03-10"),  # a Wednesday: the Monday before
        ("Wednesday", "2025-03-12", "2025-03-12"),  # the same weekday is the day itself
        ("last Wednesday", "2025-03-12", "2025-03-05"),
        ("Monday night", "2025-03-12", "2025-03-10"),
        ("yesterday", "2025-03-01", "2025-02-28"),
        ("last month", "2025-03-12", "2025-02"),
        ("last month", "2025-01-07", "2024-12"),
        ("earlier this month", "2025-03-12", "2025-03"),
        ("this year", "2025-03-12", "2025"),
        ("last week", "2025-03-12", "2025-03"),  # March 3-9
        ("last week", "2025-03-05", "2025"),  # Feb 24 - Mar 2 straddles two months: only the year
        ("on April 4", "2025-03-12", "2024-04-04"),  # no year: the last April 4 before the article
        ("on April 4", "2025-05-12", "2025-04-04"),
        ("March 2019", "2025-03-12", "2019-03"),
        ("in 2019", "2025-03-12", "2019"),
        ("Feb. 11, 2024", None, "2024-02-11"),
        ("on Monday", None, None),  # relative, and no document date: not resolved
        ("for decades", "2025-03-12", None),
        ("next month", "2025-03-12", None),  # no future dates for past events
    ],
)
def test_resolve_date(text: str, base: str | None, expected: str | None) -> None:
    assert resolve_date(text, base) == expected


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2025-03-10", "date"), ("2025-02", "gYearMonth"), ("2025", "gYear"), ("2025-02-30", None), ("soon", None)],
)
def test_date_datatype(value: str, datatype: str | None) -> None:
    expected = f"http://www.w3.org/2001/XMLSchema#{datatype}" if datatype else None
    assert date_datatype(value) == expected


def test_iso_date_of_timestamps_and_junk() -> None:
    assert iso_date("2025-03-12T08:00:00+01:00") == "2025-03-12"
    assert iso_date("12/03/2025") is None


def _relations(text: str, date: str | None = None) -> list[Relation]:
    nlp = worker_pipeline(BuildOptions())
    [records] = list(extract([Document("d1", text, source="Test Wire", date=date)], nlp))
    return records.relations


def _consult(relations: list[Relation]) -> Relation:
    found = [r for r in relations if r.relation is RelationType.CONSULTS_WITH]
    assert found, relations
    return found[0]


def test_on_monday_in_an_article_of_a_wednesday() -> None:
    relation = _consult(
        _relations("Foreign Minister Tomas Halvik met Chinese officials in Oslo on Monday.", "2025-03-12")
    )
    assert (relation.date, relation.date_text) == ("2025-03-10", "Monday")


def test_last_month_gives_a_year_month() -> None:
    relation = _consult(_relations("Last month, Norway held talks with Sweden in Stockholm.", "2025-03-12"))
    assert relation.date == "2025-02"
    assert relation.date_text is not None and "month" in relation.date_text.lower()


def test_month_and_day_without_a_year() -> None:
    relation = _consult(_relations("Germany hosted Poland for talks in Berlin on April 4.", "2025-03-12"))
    assert relation.date == "2024-04-04"


def test_dateline_gives_the_document_date() -> None:
    text = "OSLO, March 3, 2025 (Test Wire) - Norway held talks with Sweden in Stockholm."
    nlp = worker_pipeline(BuildOptions())
    [records] = list(extract([Document("d2", text)], nlp))
    assert records.document.date == "2025-03-03"
    assert _consult(records.relations).date == "2025-03-03"


def test_no_date_at_all() -> None:
    relation = _consult(_relations("Norway held talks with Sweden in Stockholm."))
    assert (relation.date, relation.date_text) == (None, None)


def test_relative_date_without_a_document_date_keeps_its_words() -> None:
    relation = _consult(_relations("Foreign Minister Tomas Halvik met Chinese officials in Oslo on Monday."))
    assert (relation.date, relation.date_text) == (None, "Monday")


def test_a_date_of_another_clause_does_not_count() -> None:
    text = "Norway, which joined the alliance in 1949, held talks with Sweden in Stockholm on Tuesday."
    relation = _consult(_relations(text, "2025-03-12"))
    assert relation.date == "2025-03-11"
