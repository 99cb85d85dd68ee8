"""The date reader and consistency.invalid_date, on seed sentences."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from consistency_helpers import article, spans

from audit.detect.consistency.dates import find_invalid_dates
from audit.normalise.dates import find_dates, find_relative_dates, publication_date

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_reads_the_common_english_forms() -> None:
    text = ("talks on May 15, then 15 May, Thursday, May 15, 2025, 15/05/2025, 2025-05-15 "
            "and 05/06/2025.")
    found = [(text[d.start:d.end], d.day, d.month, d.year, d.weekday, d.ambiguous) for d in find_dates(text)]
    assert found == [
        ("May 15", 15, 5, None, None, False),
        ("15 May", 15, 5, None, None, False),
        ("Thursday, May 15, 2025", 15, 5, 2025, 3, False),
        ("15/05/2025", 15, 5, 2025, None, False),
        ("2025-05-15", 15, 5, 2025, None, False),
        ("05/06/2025", 5, 6, 2025, None, True),
    ]


def test_month_first_numeric_date_when_only_that_reading_exists() -> None:
    [mention] = find_dates("The deal was signed on 5/15/2025 in Kyiv.")
    assert (mention.month, mention.day, mention.ambiguous) == (5, 15, False)


def test_version_numbers_and_times_are_not_dates() -> None:
    assert find_dates("Update v1.2.2025 shipped at 10:59pm on build 3.4.2021.5") == []


def test_relative_words_resolve_against_the_publication_date() -> None:
    text = "a ceasefire starting tomorrow, talks last week, a vote next month and on Thursday"
    sunday = date(2025, 6, 1)
    got = [(text[r.start:r.end], r.ranges(sunday)) for r in find_relative_dates(text)]
    assert got == [
        ("tomorrow", [(date(2025, 6, 2), date(2025, 6, 2))]),
        ("last week", [(date(2025, 5, 19), date(2025, 5, 31))]),
        ("next month", [(date(2025, 7, 1), date(2025, 7, 31))]),
        ("on Thursday", [(date(2025, 5, 29), date(2025, 5, 29)), (date(2025, 6, 5), date(2025, 6, 5))]),
    ]


def test_publication_dates_of_the_seeds_are_kept() -> None:
    def read(name: str) -> tuple[date | None, str]:
        [path] = SEEDS.glob(f"{name}_*.txt")
        return publication_date(path.read_text(encoding="utf-8"))

    assert read("002") == (date(2025, 6, 1), "dateline")
    assert read("003")[0] == date(2025, 5, 15)
    assert read("004")[0] == date(2025, 5, 15)


def test_invalid_dates_april_31_and_february_29_of_a_common_year() -> None:
    text = ("Bankova also signed off on a hard negotiated mineral deal on April 31 that Trump "
            "has been promoting. The vote was set for February 29, 2025, then for 31/06/2025. "
            "February 29, 2024 was a leap day.")
    found = list(find_invalid_dates([article(text)], {}))
    assert spans(found) == [("consistency.invalid_date", "April 31"),
                            ("consistency.invalid_date", "February 29, 2025"),
                            ("consistency.invalid_date", "31/06/2025")]
    assert "April has 30 days" in found[0].message


def test_consistency_detectors_never_raise_on_broken_text() -> None:
    import random

    from audit.detect.consistency import (
        contradictions,
        name_variants,
        relative_dates,
        titles,
        weekdays,
    )

    rng = random.Random(1)
    pieces = ["February 29", "Feb. 30, 1900", "0/0/2020", "31/31/2025", "Monday, 00 May", "tomorrow,",
              "today, Sunday", "this Friday, February 30", "President", "former ", "-elect", "Zelenskyy",
              "Zelenskkkyy", "\n", "\x00", "ğ", "then-", "Scholz, the German chancellor", "12/12/2099"]
    corpus = [article("".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))),
                      rng.choice([None, date(2000, 1, 1), date(2024, 2, 29), date(2099, 12, 31)]), str(n))
              for n in range(300)]
    finders = [find_invalid_dates, weekdays.find_weekday_mismatches,
               relative_dates.find_relative_date_conflicts, titles.find_title_anachronisms,
               name_variants.find_name_variants, contradictions.find_contradictions]
    by_id = {a.article_id: a for a in corpus}
    found = [f for finder in finders for f in finder(corpus, {})]
    assert found and all(f.excerpt == by_id[f.article_id].text[f.start:f.end] for f in found)


def test_regex_case_twins_do_not_stop_a_run(tmp_path: Path) -> None:
    """re.IGNORECASE reads ſ as s, ı and İ as i, the Kelvin sign as k; the month, weekday
    and title tables were looked up with lower(), which does not: KeyError, run stopped."""
    import json

    from audit.pipeline import run

    text = ("On ſept 5, 2025 the talks began in Istanbul; on ſunday, ſeptember 7, they ended "
            "and former Preſident Joe Biden said nothing. \u212aing Charles spoke on Frıday.")
    source = tmp_path / "twins.jsonl"
    source.write_text(json.dumps({"id": "t1", "text": text, "published": "2025-09-08"}) + "\n")
    result = run([source], out=tmp_path / "out", workers=1, on_problem=None)
    assert [a.article_id for a in result.articles] == ["t1"]
    from audit.normalise.dates import find_dates

    assert [(d.day, d.month) for d in find_dates(text)][:2] == [(5, 9), (7, 9)]
