"""find_dates: one scan per text shared by its callers, and the stretch-only scan finds
exactly what a scan of the whole text finds."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

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


# Issue 13 (dup-dates-speed): the patterns scan windows around date cores, not every
# stretch with a digit. Below, the stretch scan as it was, against find_dates.
GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
_STRETCH = re.compile(r"[\w\s,./-]+")


def stretch_scan(text: str) -> list[tuple[int, int, int, int, int | None, int | None, bool]]:
    """find_dates before the windows: the four patterns over each stretch holding a digit."""
    found, taken = [], []
    stretches = [m.span() for m in _STRETCH.finditer(text) if re.search(r"\d", m.group())]
    for pattern in (dates._MONTH_DAY, dates._DAY_MONTH, dates._ISO, dates._NUMERIC):
        for start, end in stretches:
            for m in pattern.finditer(text, start, min(len(text), end + 3)):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                if mention := dates._mention(m):
                    found.append(mention)
                    taken.append((m.start(), m.end()))
    return sorted(_fields(d) for d in found)


def _fields(d: dates.DateMention) -> tuple[int, int, int, int, int | None, int | None, bool]:
    return d.start, d.end, d.day, d.month, d.year, d.weekday, d.ambiguous


def date_like_texts(count: int, seed: int = 13) -> list[str]:
    """Texts of month and weekday names, numbers, suffixes and separators, glued in
    every order: dates next to dates, split by odd spaces, inside other numbers."""
    words = ["May", "may", "MARCH", "Sept", "sept.", "Jan.", "december", "Thursday", "thurs", "Mon",
             "wed", "the", "of", "st", "nd", "th", "GMT", "hrs", "CEST", "h", "1", "5", "12", "15", "31", "29",
             "2025", "1999", "2000", "05", "123", "٣", "x_1"]
    glue = [" ", " ", " ", ", ", ". ", "  ", "\n", "\t", "/", "-", ":", "", "'", "(", "–", "      "]
    rng = random.Random(seed)
    return ["".join(rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 30)))
            for _ in range(count)]


def test_windows_find_what_the_stretch_scan_finds() -> None:
    texts = date_like_texts(3000)
    assert sum(bool(stretch_scan(t)) for t in texts) > 500  # the test meets many dates
    for text in texts:
        assert [_fields(d) for d in find_dates(text)] == stretch_scan(text), text


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/data (article-extraction-benchmark)")
def test_windows_on_real_articles() -> None:
    bodies = [item["articleBody"] for item in json.loads(GOLD.read_text(encoding="utf-8")).values()]
    texts = bodies + [" ".join(b.split()) for b in bodies]  # as extracted and as one paragraph
    assert sum(bool(stretch_scan(t)) for t in texts) > 50
    for text in texts:
        assert [_fields(d) for d in find_dates(text)] == stretch_scan(text)


def test_ascii_digit_cores_only_where_every_digit_is_ascii() -> None:
    """The cores found with [0-9] (texts whose digits are all ASCII) are those \\d finds;
    a digit past ASCII (Arabic-Indic, full width) sends the text to the \\d scans."""
    texts = date_like_texts(2000, seed=7)
    texts += [t.replace("5", "\uff15") for t in texts[:300]] + [t.replace("1", "١") for t in texts[300:600]]

    def cores(text: str, core: re.Pattern[str], backward: re.Pattern[str]) -> list[tuple[int, int]]:
        size = len(text)
        return [(m.start(), m.end(1)) for m in core.finditer(text)] + [
            (size - m.end(1), size - m.start()) for m in backward.finditer(text[::-1])]

    ascii_only = 0
    for text in texts:
        expected = cores(text, dates._CORE, dates._CORE_REVERSED)
        if dates._ascii_digits_only(text):
            ascii_only += 1
            assert cores(text, dates._CORE_ASCII, dates._CORE_REVERSED_ASCII) == expected, text
        else:
            assert any(ch.isdecimal() and not ch.isascii() for ch in text)
    assert 500 < ascii_only < len(texts)


class _Recorded:
    """A compiled pattern that notes how far each of its matches could read."""

    def __init__(self, pattern: re.Pattern[str], spans: list[int]) -> None:
        self.pattern, self.spans = pattern, spans

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        self.spans.append((len(text) if endpos is None else endpos) - pos)
        return self.pattern.match(text, pos, len(text) if endpos is None else endpos)


def test_many_dates_in_long_prose_are_read_in_bounded_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prose without quotes or colons is one stretch of date characters: read from every
    window to its end, 3,000 dates in 200,000 characters took 2.4 s (quadratic). Each
    window now reads a few dozen characters, and finds what the whole-text scan finds."""
    rng = random.Random(5)
    filler = "and the committee of the regional council went on with the long review of the plan"
    text = " ".join(f"The minister said on {rng.choice(['Monday', 'Friday'])}, April {rng.randint(1, 31)}, "
                    f"20{rng.randint(10, 25)} that the plan {filler} of 3/{rng.randint(1, 12)}/2020 was final "
                    f"{filler}." for _ in range(400))
    spans: list[int] = []
    monkeypatch.setattr(dates, "_SEGMENT", _Recorded(dates._SEGMENT, spans))
    dates._scan_dates.cache_clear()
    got = [(m.start, m.end, m.day, m.month, m.year) for m in find_dates(text)]
    assert got == whole_text_scan(text) and len(got) >= 700
    assert len(spans) >= 700 and max(spans) < 200
