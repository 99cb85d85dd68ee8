"""find_dates: one scan per text shared by its callers, and the stretch-only scan finds
exactly what a scan of the whole text finds."""

from __future__ import annotations

import re

from audit.normalise import dates
from audit.normalise.dates import find_dates


def whole_text_scan(text: str) -> list[tuple[int, int, int, int, int | None]]:
    """The same patterns over the whole text, as find_dates scanned before issue 13."""
    found: list[tuple[int, int, int, int, int | None]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (dates._MONTH_DAY, dates._DAY_MONTH, dates._ISO, dates._NUMERIC):
        for m in pattern.finditer(text):
            mention = dates._mention(m)
            if mention and not any(m.start() < e and s < m.end() for s, e in taken):
                found.append((mention.start, mention.end, mention.day, mention.month, mention.year))
                taken.append((m.start(), m.end()))
    return sorted(found)


def test_stretch_scan_equals_whole_text_scan() -> None:
    text = (
        "The talks, first set for \"Thursday, May 15, 2025\", moved to 16 May; the memo (dated "
        "15.05.2025.1) and build 3.4.2021.5 are not dates. Kyiv said on 5/15/2025: \"May 15:30 "
        "is the time\". The report of 2025-05-14 came out on Jan. 5, 2025 and the 31st of "
        "April 2020 never was.\nPublished: Wednesday,\n\n  14 May 2025 at 10:59pm."
    )
    got = [(m.start, m.end, m.day, m.month, m.year) for m in find_dates(text)]
    assert got == whole_text_scan(text)
    assert [text[s:e] for s, e, *_ in got] == [
        "Thursday, May 15, 2025", "16 May", "5/15/2025", "2025-05-14", "Jan. 5, 2025",
        "the 31st of April 2020", "Wednesday,\n\n  14 May 2025"]


def test_each_caller_gets_its_own_list_from_one_scan() -> None:
    text = "Kyiv, May 15, 2025 - the talks of Thursday, May 15, 2025 went on."
    dates._scan_dates.cache_clear()
    first = find_dates(text)
    first.clear()  # a caller changing its list changes nobody else's
    second = find_dates(text)
    assert len(second) == 2 and second is not first
    info = dates._scan_dates.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    assert info.maxsize == dates.DATE_MEMO
    assert re.fullmatch(r"May 15, 2025", text[second[0].start:second[0].end])
