"""When a relation happened: the date expression governing its clause, resolved against the document date.

"Rubio met Lavrov on Monday" in an article dated Wednesday 2025-03-12 happened on 2025-03-10.
Expressions are spaCy ``DATE`` entities attached to the trigger's clause; they are resolved by
a few rules of our own (weekdays, "this month", "last week") and by ``dateparser`` for the rest,
always against the document date and preferring the past. A relative expression with no
document date keeps its words (``date_text``) and gets no resolved date.
"""

from __future__ import annotations

__all__ = ["DatedExpression", "resolve_date", "governing_date", "dateline_date", "date_relations"]

import calendar
import datetime as dt
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from kgraph.dates import date_precision, iso_date, parse_day
from kgraph.model import Relation

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTH_ABBR = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
# An expression names a point in time only with one of these: a weekday, a month, a year, a relative word.
_ANCHOR = re.compile(
    r"\b(?:"
    + "|".join([*_WEEKDAYS, *_MONTHS, *(m + r"\.?" for m in _MONTH_ABBR if m != "may"), "sept"])
    + r"|(?:1[89]|20)\d\d|yesterday|today|tonight|ago|last|this|earlier|later|past|previous)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_WEEKDAY = re.compile(
    r"^(?:on\s+)?(?P<last>last\s+|this\s+past\s+|past\s+)?(?P<day>" + "|".join(_WEEKDAYS) + r")"
    r"(?:\s+(?:morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
_THIS_MONTH = re.compile(r"^(?:earlier|later|late|early)?\s*(?:in\s+)?this\s+month$", re.IGNORECASE)
_THIS_YEAR = re.compile(r"^(?:earlier|later|late|early)?\s*(?:in\s+)?this\s+year$", re.IGNORECASE)
_LAST_MONTH = re.compile(r"^(?:earlier|late|early)?\s*(?:in\s+)?(?:last|the\s+previous)\s+month$", re.IGNORECASE)
_WEEK_OF = re.compile(r"^(?:earlier|later)?\s*(last|previous|this|past)\s+week$", re.IGNORECASE)
_WEEK = re.compile(r"\bweek(?:end)?s?\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_LEADING = re.compile(r"^(?:on|in|at|the)\s+", re.IGNORECASE)
# Prepositions that make a date a bound or a span, not the time of the act ("president since 2019").
_NOT_TIME_OF_ACT = frozenset({"since", "until", "till", "by", "for", "through", "before", "after", "from", "within"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_SHARED_ADJUNCT_DEPS = frozenset({"conj", "xcomp"})


@dataclass(frozen=True, slots=True)
class DatedExpression:
    """A date expression and what it resolves to (an ISO day, month or year; None when it cannot be resolved).

    >>> DatedExpression("on Monday", "2025-03-10").value
    '2025-03-10'
    """

    text: str
    value: str | None


def _weekday(day: int, base: dt.date, strictly_before: bool) -> dt.date:
    back = (base.weekday() - day) % 7
    if back == 0 and strictly_before:
        back = 7
    return base - dt.timedelta(days=back)


def _month_before(base: dt.date) -> str:
    first = base.replace(day=1) - dt.timedelta(days=1)
    return f"{first.year:04d}-{first.month:02d}"


def _own_rules(text: str, base: dt.date) -> tuple[bool, str | None]:
    """Relative expressions decided here (matched, value); ``dateparser`` gets the rest."""
    if match := _WEEKDAY.match(text):
        day = _weekday(_WEEKDAYS[match.group("day").lower()], base, strictly_before=bool(match.group("last")))
        return True, day.isoformat()
    if _THIS_MONTH.match(text):
        return True, f"{base.year:04d}-{base.month:02d}"
    if _LAST_MONTH.match(text):
        return True, _month_before(base)
    if _THIS_YEAR.match(text):
        return True, f"{base.year:04d}"
    if match := _WEEK_OF.match(text):
        monday = base - dt.timedelta(days=base.weekday())
        if match.group(1).lower() in {"last", "previous"}:
            start, end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        elif match.group(1).lower() == "past":
            start, end = base - dt.timedelta(days=7), base
        else:
            start, end = monday, base
        if (start.year, start.month) == (end.year, end.month):
            return True, f"{start.year:04d}-{start.month:02d}"
        return True, f"{end.year:04d}" if start.year == end.year else None
    if _WEEK.search(text):
        return True, None  # other weeks ("two weeks ago") are no calendar unit of xsd: keep the words only
    return False, None


@lru_cache(maxsize=1)
def _parser_class() -> Any:
    try:
        from dateparser.date import DateDataParser  # imported on first use: it is slow to load
    except ImportError:  # an environment installed before kgraph required it
        warnings.warn(
            "dateparser is not installed (pip install dateparser): only weekdays and relative months are resolved",
            stacklevel=2,
        )
        return None
    return DateDataParser


@lru_cache(maxsize=64)
def _parser(base: dt.date | None) -> Any:
    parser_class = _parser_class()
    if parser_class is None:
        return None
    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
    return parser_class(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _dateparser(text: str, base: dt.date | None) -> str | None:
    parser = _parser(base)
    if parser is None:
        return None
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    found: dt.date = data.date_obj.date()
    if data.period == "year":
        return f"{found.year:04d}"
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    if data.period == "day":
        return found.isoformat()
    return None


def resolve_date(text: str, base: str | dt.date | None) -> str | None:
    """Resolve a date expression against the document date ``base`` (an ISO day), preferring the past.

    The value is an ISO day, year-month or year, as precise as the words are. Without a base
    only expressions that name their year are resolved.

    >>> [resolve_date(t, "2025-03-12") for t in ("on Monday", "last month", "on April 4", "earlier this month")]
    ['2025-03-10', '2025-02', '2024-04-04', '2025-03']
    >>> resolve_date("in March 2019", None), resolve_date("on Monday", None), resolve_date("for decades", "2025-03-12")
    ('2019-03', None, None)
    """
    day = parse_day(base) if isinstance(base, str) else base
    text = _POSSESSIVE.sub("", _LEADING.sub("", " ".join(text.split())))
    if not _ANCHOR.search(text):
        return None
    if day is not None:
        matched, value = _own_rules(text, day)
        if matched:
            return value
    elif not _YEAR.search(text):
        return None
    value = _dateparser(text, day)
    if value is None:
        return None
    if day is not None and value > day.isoformat():  # "past" preference still lets "this month" pass
        return None
    return value if date_precision(value) else None


def _clause_head(token: Token) -> Token:
    """The verb or auxiliary above ``token``, else its root (``Token.head`` is a new object on every access,
    so the root is found by index, never by identity).

    >>> import spacy
    >>> _clause_head(spacy.blank("en")("Monday")[0]).text
    'Monday'
    """
    while token.pos_ not in _CLAUSE_POS and token.head.i != token.i:
        token = token.head
    return token


def _attachment(span: Span) -> Token | None:
    """The word a date expression modifies, skipping its preposition; None for a bound ("since 2019")."""
    head = span.root.head
    if head is span.root:
        return None
    if head.pos_ == "ADP" or head.dep_ == "prep":
        if head.lower_ in _NOT_TIME_OF_ACT:
            return None
        return head.head if head.head is not head else None
    return head


def governing_date(doc: Doc, trigger: Token, *, skip: Iterable[range] = ()) -> Span | None:
    """The ``DATE`` entity that times the clause of ``trigger`` (the closest one), if any.

    The expression must modify the trigger's clause head (or the trigger itself); a verb joined
    to another ("met and signed") shares the date of the verb it is joined to.
    """
    skipped = list(skip)
    dates = [
        e
        for e in doc.ents
        if e.label_ == "DATE"
        and e.sent == trigger.sent
        and _ANCHOR.search(e.text)
        and not any(e.start in r for r in skipped)
    ]
    if not dates:
        return None
    head = _clause_head(trigger)
    heads = [head]
    while head.dep_ in _SHARED_ADJUNCT_DEPS and head.head is not head:
        head = _clause_head(head.head)
        heads.append(head)
    for clause in heads:
        timed = [
            e
            for e in dates
            if (attached := _attachment(e)) is not None and (attached == trigger or _clause_head(attached) == clause)
        ]
        if timed:
            return min(timed, key=lambda e: (abs(e.start - trigger.i), e.start))
    return None


def dateline_date(doc: Doc, dateline: range, base: str | None) -> str | None:
    """The day a wire dateline gives ("KYIV, March 3, 2025 (Reuters) -"), resolved against ``base``.

    >>> import spacy
    >>> doc = spacy.blank("en")("KYIV, March 3, 2025 (Reuters) - Talks began.")
    >>> dateline_date(doc, range(0, 10), None)
    '2025-03-03'
    """
    text = doc[dateline.start : dateline.stop].text
    _, _, rest = text.partition(",")
    rest = re.sub(r"\([^)]*\)", " ", rest).strip(" -\u2013\u2014")
    value = resolve_date(rest, base) if rest else None
    return value if value and date_precision(value) is not None else None


def _trigger_token(doc: Doc, relation: Relation) -> Token | None:
    first = relation.trigger.split()[0] if relation.trigger.split() else ""
    span = doc.char_span(relation.start_char, relation.end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return next((t for t in span if t.text == first), span.root)


def date_relations(
    doc: Doc, relations: Iterable[Relation], document_date: str | None, *, datelines: Iterable[range] = ()
) -> list[Relation]:
    """``relations`` with their ``date`` (text date, else the document's) and ``date_text`` (the words).

    A relative expression with no document date keeps ``date_text`` and no ``date``.
    """
    base = iso_date(document_date)
    day = base if base and parse_day(base) else None
    skip = list(datelines)
    out: list[Relation] = []
    for relation in relations:
        token = _trigger_token(doc, relation)
        span = governing_date(doc, token, skip=skip) if token is not None else None
        if span is None:
            out.append(relation if relation.date else replace(relation, date=base))
            continue
        value = resolve_date(span.text, day)
        out.append(replace(relation, date=value or (None if day is None else base), date_text=span.text))
    return out
