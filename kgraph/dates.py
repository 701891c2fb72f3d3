"""Calendar values of kgraph: ISO dates, year-months and years, and their XSD datatypes.

One place decides whether a string is a valid date value and which ``xsd:`` type it gets,
so that no output ever carries an ill-typed date literal.
"""

from __future__ import annotations

__all__ = [
    "XSD_NS",
    "DatePrecision",
    "date_datatype",
    "date_precision",
    "date_span",
    "in_range",
    "check_bound",
    "iso_date",
    "parse_day",
]

import calendar
import datetime as dt
import re
from enum import Enum

from kgraph.errors import UsageError

XSD_NS = "http://www.w3.org/2001/XMLSchema#"

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")


class DatePrecision(str, Enum):
    """How much of a calendar date a value says, with its XSD datatype.

    >>> DatePrecision.MONTH.datatype
    'http://www.w3.org/2001/XMLSchema#gYearMonth'
    """

    DAY = "day"
    MONTH = "month"
    YEAR = "year"

    @property
    def datatype(self) -> str:
        return XSD_NS + {"day": "date", "month": "gYearMonth", "year": "gYear"}[self.value]


def date_precision(value: str) -> DatePrecision | None:
    """The precision of an ISO value ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None when it is no valid date.

    >>> [date_precision(v) for v in ("2025-03-10", "2025-03", "2025", "2025-02-30", "March")]
    [<DatePrecision.DAY: 'day'>, <DatePrecision.MONTH: 'month'>, <DatePrecision.YEAR: 'year'>, None, None]
    """
    if _DAY.match(value):
        return DatePrecision.DAY if parse_day(value) is not None else None
    if match := _MONTH.match(value):
        return DatePrecision.MONTH if 1 <= int(match.group(2)) <= 12 and int(match.group(1)) > 0 else None
    if _YEAR.match(value):
        return DatePrecision.YEAR if int(value) > 0 else None
    return None


def date_datatype(value: str) -> str | None:
    """The XSD datatype IRI a date value is written with, or None when it must stay plain text.

    >>> date_datatype("2025-03-10"), date_datatype("2025-13")
    ('http://www.w3.org/2001/XMLSchema#date', None)
    """
    precision = date_precision(value)
    return precision.datatype if precision else None


def parse_day(value: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a ``date``; None when it is not a real calendar day.

    >>> parse_day("2024-02-29"), parse_day("2025-02-29")
    (datetime.date(2024, 2, 29), None)
    """
    if not _DAY.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def iso_date(value: str | None) -> str | None:
    """A document date as an ISO value (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``), or None.

    Timestamps keep their day; anything else that is not a valid ISO value gives None.

    >>> iso_date("2025-03-12T09:30:00Z"), iso_date("2025-03"), iso_date("yesterday"), iso_date(None)
    ('2025-03-12', '2025-03', None, None)
    """
    if not value:
        return None
    value = value.strip()
    if match := _TIMESTAMP.match(value):
        value = match.group(1)
    return value if date_precision(value) else None


def date_span(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a date value covers; None when it is no valid date.

    >>> date_span("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    """
    precision = date_precision(value)
    if precision is DatePrecision.DAY:
        day = dt.date.fromisoformat(value)
        return day, day
    if precision is DatePrecision.MONTH:
        year, month = int(value[:4]), int(value[5:7])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if precision is DatePrecision.YEAR:
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    return None


def in_range(value: str | None, since: str | None = None, until: str | None = None) -> bool:
    """True when the date ``value`` can lie between ``since`` and ``until`` (inclusive, either may be open).

    A month or a year counts when it overlaps the range; an undated or invalid value only
    passes an open range.

    >>> in_range("2025-03-10", "2025-03-01", "2025-03-31"), in_range("2025-02", "2025-02-20"), in_range(None, "2025")
    (True, True, False)
    """
    if since is None and until is None:
        return True
    span = date_span(value) if value else None
    if span is None:
        return False
    lower = date_span(since) if since else None
    upper = date_span(until) if until else None
    low = lower[0] if lower else dt.date.min
    high = upper[1] if upper else dt.date.max
    return span[0] <= high and span[1] >= low


def check_bound(name: str, value: str | None) -> str | None:
    """Validate a ``--since``/``--until`` bound: an ISO day, year-month or year.

    >>> check_bound("--since", "2025-03")
    '2025-03'
    >>> check_bound("--until", "March")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: --until must be a date YYYY-MM-DD, YYYY-MM or YYYY, got 'March'
    """
    if value is not None and date_precision(value) is None:
        raise UsageError(f"{name} must be a date YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}")
    return value
