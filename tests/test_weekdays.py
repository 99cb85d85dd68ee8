"""consistency.weekday: a weekday that does not match its date."""

from __future__ import annotations

from datetime import date

from consistency_helpers import article, spans

from audit.detect.weekdays import find_weekday_mismatches

SEED_003 = ("The Ukrainian President had challenged the Rusian President to meet him in person, "
            "today, Thursday, May 15, 2025, in Istanbul. However, late on Wednesday, May 14, 2025, "
            "it said that Putin would not be attending.")


def test_right_weekdays_of_the_seeds_pass() -> None:
    texts = [article(SEED_003, date(2025, 5, 15)), article("Sunday, June 1, 2025\n\nPutin Proposes Talks")]
    assert list(find_weekday_mismatches(texts, {})) == []


def test_wrong_weekday_with_a_stated_year_is_found_even_undated() -> None:
    text = "The Kremlin said on Friday, May 15, 2025, that Putin would not attend."
    [finding] = find_weekday_mismatches([article(text)], {})
    assert (finding.check, finding.excerpt) == ("consistency.weekday", "Friday, May 15, 2025")
    assert "May 15, 2025 is a Thursday" in finding.message


def test_yearless_date_takes_the_year_of_publication_and_is_skipped_when_undated() -> None:
    text = "Russian-Ukrainian negotiations will start in Istanbul on Friday, 15 May."
    assert spans(list(find_weekday_mismatches([article(text, date(2025, 5, 12))], {}))) == [
        ("consistency.weekday", "Friday, 15 May")]
    assert list(find_weekday_mismatches([article(text)], {})) == []


def test_year_nearest_publication_across_new_year() -> None:
    text = "The ceasefire began on Tuesday, December 31, and collapsed within hours."
    # Dec 31, 2024 was a Tuesday; published Jan 2, 2025 the date is last week's.
    assert list(find_weekday_mismatches([article(text, date(2025, 1, 2))], {})) == []


def test_ambiguous_numeric_date_passes_when_either_reading_fits() -> None:
    # 05/06/2025: June 5 (Thursday) or May 6 (Tuesday)
    ok = article("The summit opened on Thursday 05/06/2025 in Brussels.")
    bad = article("The summit opened on Friday 05/06/2025 in Brussels.")
    assert list(find_weekday_mismatches([ok], {})) == []
    assert spans(list(find_weekday_mismatches([bad], {}))) == [("consistency.weekday", "Friday 05/06/2025")]


def test_invalid_dates_are_left_to_invalid_date() -> None:
    assert list(find_weekday_mismatches([article("on Thursday, April 31, 2025")], {})) == []


def test_yearless_date_far_from_publication_may_be_either_year() -> None:
    # Published in November 2019: "Saturday, May 18" is May 18, 2019 (a Saturday), not 2020.
    text = "The exhibition opened on Saturday, May 18, and closes in January."
    assert list(find_weekday_mismatches([article(text, date(2019, 11, 19))], {})) == []
    assert spans(list(find_weekday_mismatches([article(text.replace("Saturday", "Sunday"),
                                                        date(2019, 11, 19))], {}))) == [
        ("consistency.weekday", "Sunday, May 18")]
