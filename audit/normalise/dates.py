"""Reading dates in English news text, and finding an article's publication date.

A mention keeps what the text says (weekday, day, month, year: each may be missing) and
its span, without forcing it into a valid date: "April 31" must survive reading so that
the consistency checks can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from audit.model import DateSource

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r"),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
# "Thursday, May 15, 2025" / "May 15" and "Thursday, 15 May 2025" / "15 May"
_MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!:\d){_YEAR}(?![\d,]\d)", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    rf"\b{_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}(?!\d)", re.IGNORECASE
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
_STAMP = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date)\s*(?:on|:)?\s*", re.IGNORECASE
)
_TODAY = re.compile(r"\btoday,?\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A date as written; fields the text leaves out are None."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None  # Monday = 0, as datetime.weekday()

    def to_date(self, year: int | None = None) -> date | None:
        """The calendar date, or None when it does not exist or has no year."""
        try:
            return date(self.year or year, self.month, self.day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in the text, in order, without overlaps."""
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MONTH_DAY, _DAY_MONTH, _ISO):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _mention(m)
            if mention:
                mentions.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(mentions, key=lambda d: d.start)


def _mention(m: re.Match[str]) -> DateMention | None:
    parts = m.groupdict()
    month_text = parts["month"].lower()
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.rstrip(".")]
    day = int(parts["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = parts.get("weekday")
    return DateMention(
        start=m.start(), end=m.end(), day=day, month=month,
        year=int(parts["year"]) if parts.get("year") else None,
        weekday=WEEKDAYS[weekday.lower()] if weekday else None,
    )


def parse_metadata_date(value: Any) -> date | None:
    """A date from a record field: a date, a datetime, or an ISO or common string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    found = find_dates(text)
    return found[0].to_date() if found else None


def publication_date(
    text: str, metadata_value: Any = None, head_lines: int = 8
) -> tuple[date | None, DateSource]:
    """The publication date and where it came from: metadata, dateline, text or none.

    Dateline: a line near the top that is a full date, alone or after a stamp such as
    "Published:". Text: a "today, Thursday, May 15, 2025" style statement anywhere.
    A date that does not exist (April 31) is never taken as the publication date.
    """
    if (found := parse_metadata_date(metadata_value)) is not None:
        return found, "metadata"
    for line in text.split("\n")[:head_lines]:
        body = line[_STAMP.match(line).end() if _STAMP.match(line) else 0:]
        for mention in find_dates(body):
            if mention.start == 0 and mention.year and (d := mention.to_date()):
                rest = body[mention.end:].strip()
                if len(rest) <= 12:  # a time such as "10:59pm" may follow
                    return d, "dateline"
    for mention in find_dates(text):
        if mention.year and _TODAY.search(text[max(0, mention.start - 12): mention.start]):
            if (d := mention.to_date()) is not None:
                return d, "text"
    return None, "none"
