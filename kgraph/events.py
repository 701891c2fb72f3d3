"""One event, many reports: the assertions of the same act by the same actors, joined into events.

Reports of one relation between the same two actors (either order for symmetric relations)
are one event when their dates lie within ``window`` days of each other (single linkage over
the sorted dates). A report's date is the day its text gives ("on Monday"), else the date
of its document; two different days given by the texts are two events. Events are computed
from the assertions, never stored as state: a graph read back, merged with another in any
order, or grown by a day of news, yields its events again, and their IRIs
(:func:`kgraph.iri.event_iri`) depend on the event, not on the order the reports came in.
"""

from __future__ import annotations

__all__ = ["DEFAULT_WINDOW", "Event", "EVENT_RELATIONS", "find_events"]

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kgraph.dates import DatePrecision, date_precision, iso_date, parse_day
from kgraph.graph import Assertion, DocumentInfo
from kgraph.iri import event_iri
from kgraph.model import RelationType
from kgraph.ontology import DEFAULT_BASE

#: Days between two reports of one event, at most.
DEFAULT_WINDOW = 3
#: Relations that are acts (they have a PLOVER category); static relations make no events.
EVENT_RELATIONS = frozenset(r for r in RelationType if r.plover is not None)


@dataclass(frozen=True, slots=True)
class Event:
    """An act reported once or more: the relation, its actors (entity IRIs) and its reports.

    ``date`` is the day the texts give (or the month or year, when every report gives only
    that), else the first report's date; ``sources`` counts the
    distinct outlets (document sources, or documents without one).
    """

    iri: str
    relation: RelationType
    subject: str
    object: str
    date: str | None
    reports: tuple[str, ...]
    documents: tuple[str, ...]
    sources: int
    first_report: str | None
    last_report: str | None


@dataclass(frozen=True, slots=True)
class _Report:
    assertion: Assertion
    reported: dt.date | None  # the document's day
    stated: dt.date | None  # the day the text gives
    said: str | None = None  # the month or year the text gives, when it gives no day

    @property
    def anchor(self) -> dt.date | None:
        return self.stated or self.reported


def _report(assertion: Assertion, documents: Mapping[str, DocumentInfo]) -> _Report:
    info = documents.get(assertion.document)
    reported_iso = iso_date(info.date) if info else None
    reported = parse_day(reported_iso) if reported_iso else None
    stated = None
    if assertion.date_text and assertion.date and date_precision(assertion.date) is DatePrecision.DAY:
        stated = parse_day(assertion.date)
    if reported is None and stated is None and assertion.date and date_precision(assertion.date) is DatePrecision.DAY:
        reported = parse_day(assertion.date)  # an assertion read without its document keeps its own day
    said = assertion.date if assertion.date_text and stated is None else None
    return _Report(assertion, reported, stated, said if said and date_precision(said) else None)


def _clusters(reports: list[_Report], window: int) -> list[list[_Report]]:
    """Single linkage over the sorted dates; a second stated day starts a new event."""
    dated = sorted((r for r in reports if r.anchor), key=lambda r: (r.anchor, r.stated is None, r.assertion.iri))
    clusters: list[list[_Report]] = []
    stated: dt.date | None = None
    for report in dated:
        assert report.anchor is not None
        current = clusters[-1] if clusters else None
        last = current[-1].anchor if current else None
        joins = (
            current is not None
            and last is not None
            and (report.anchor - last).days <= window
            and (report.stated is None or stated is None or report.stated == stated)
        )
        if not joins:
            clusters.append([])
            stated = None
        clusters[-1].append(report)
        stated = stated or report.stated
    undated = sorted((r for r in reports if not r.anchor), key=lambda r: r.assertion.iri)
    if undated:
        clusters.append(undated)
    return clusters


def _source(info: DocumentInfo | None, document: str) -> str:
    return (info.source or info.id) if info else document


def find_events(
    assertions: Iterable[Assertion],
    documents: Mapping[str, DocumentInfo],
    *,
    window: int = DEFAULT_WINDOW,
    base: str = DEFAULT_BASE,
) -> list[Event]:
    """The events the asserted ``assertions`` report, sorted by IRI.

    >>> from kgraph.model import Modality
    >>> docs = {f"d{i}": DocumentInfo(f"d{i}", f"d{i}", f"Outlet {i}", None, f"2025-03-1{i}") for i in (1, 2)}
    >>> reports = [Assertion(f"a{i}", "s", RelationType.ATTACKS, "o", f"d{i}", "...", "hit", 0.9) for i in (1, 2)]
    >>> [(e.date, e.reports, e.sources) for e in find_events(reports, docs)]
    [('2025-03-11', ('a1', 'a2'), 2)]
    """
    groups: dict[tuple[RelationType, str, str], list[_Report]] = defaultdict(list)
    for assertion in assertions:
        if assertion.relation not in EVENT_RELATIONS or not assertion.modality.asserted:
            continue
        ends = (assertion.subject, assertion.object)
        if assertion.relation.symmetric:
            ends = (min(ends), max(ends))
        groups[(assertion.relation, ends[0], ends[1])].append(_report(assertion, documents))
    events: list[Event] = []
    for (relation, subject, obj), reports in groups.items():
        for cluster in _clusters(reports, window):
            stated = next((r.stated for r in cluster if r.stated), None)
            first = cluster[0].anchor
            key = f"on-{stated.isoformat()}" if stated else (f"from-{first.isoformat()}" if first else "undated")
            coarse = {r.said for r in cluster}
            day = stated or first
            when = day.isoformat() if day else None
            if stated is None and len(coarse) == 1 and None not in coarse:
                when = coarse.pop()  # every report says only "in 2019" or "last month"
            reported = sorted(r.reported for r in cluster if r.reported)
            document_iris = sorted({r.assertion.document for r in cluster})
            events.append(
                Event(
                    iri=str(event_iri(relation, subject, obj, key, base)),
                    relation=relation,
                    subject=subject,
                    object=obj,
                    date=when,
                    reports=tuple(sorted(r.assertion.iri for r in cluster)),
                    documents=tuple(document_iris),
                    sources=len({_source(documents.get(d), d) for d in document_iris}),
                    first_report=reported[0].isoformat() if reported else None,
                    last_report=reported[-1].isoformat() if reported else None,
                )
            )
    return sorted(events, key=lambda e: e.iri)
