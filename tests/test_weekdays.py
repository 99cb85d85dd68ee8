"""consistency.weekday: a weekday that does not match its date."""

from __future__ import annotations

from datetime import date

from consistency_helpers import article, spans

from audit.detect.consistency.weekdays import find_weekday_mismatches

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
        ("consistency.weekday_yearless", "Friday, 15 May")]
    assert list(find_weekday_mismatches([article(text)], {})) == []


def test_year_nearest_publication_across_new_year() -> None:
    text = "The ceasefire began on Tuesday, December 31, and collapsed within hours."
    # Dec 31, 2024 was a Tuesday; published Jan 2, 2025 the date is last week's.
    assert list(find_weekday_mismatches([article(text, date(2025, 1, 2))], {})) == []


def test_a_written_year_and_a_year_taken_from_the_record_are_two_checks() -> None:
    """The yearless finding is only as right as the record's date: its own check (info in news)."""
    text = "Talks opened on Friday, May 15, 2025 and went on to Sunday, May 19."
    found = list(find_weekday_mismatches([article(text, date(2025, 5, 20))], {}))
    assert spans(found) == [("consistency.weekday", "Friday, May 15, 2025"),
                            ("consistency.weekday_yearless", "Sunday, May 19")]
    assert "taken from the publication date" in found[1].message
    assert "taken from the publication date" not in found[0].message


def test_a_yearless_finding_names_the_nearest_year_its_weekday_fits() -> None:
    """l3s: a Thai court's ruling of Sunday, January 20 (2008) on a page the record dates
    2006-11-24; the year taken is 2007, and the message says 2008 fits, so the record's date
    may be the wrong one (a reader found it so in most of this check's findings)."""
    text = "The court ruled on Sunday January 20 that the party must be dissolved."
    [finding] = find_weekday_mismatches([article(text, date(2006, 11, 24))], {})
    assert finding.check == "consistency.weekday_yearless"
    assert finding.message == (
        "The text says Sunday, but January 20, 2007 is a Saturday (year 2007 taken from the "
        "publication date; it is a Sunday in 2008: if the text is of 2008, the record's date is "
        "the wrong one).")
    assert finding.data["fits_year"] == 2008


def test_a_weekday_before_a_range_of_days_may_be_any_of_them() -> None:
    """CleanEval's "Saturday and Sunday, January 20 and 21, 2007" (a page dated 2007-01-22):
    Sunday is the 21st, and the year written after the range is the date's year."""
    text = "two free concerts in the atrium, Saturday and Sunday, January 20 and 21, 2007. Tickets"
    assert list(find_weekday_mismatches([article(text, date(2007, 1, 22))], {})) == []
    wrong = text.replace("Sunday", "Monday")
    [finding] = find_weekday_mismatches([article(wrong, date(2007, 1, 22))], {})
    assert (finding.check, finding.excerpt) == ("consistency.weekday", "Monday, January 20")
    assert "January 20, 2007 is a Saturday" in finding.message
    # a range written with a dash, yearless: the weekday falls on its second day
    assert list(find_weekday_mismatches([article("open Sunday, June 7-8 only", date(2025, 6, 1))], {})) == []
    assert spans(list(find_weekday_mismatches([article("open Sunday, June 9-10 only", date(2025, 6, 1))], {}))) == [
        ("consistency.weekday_yearless", "Sunday, June 9")]


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
        ("consistency.weekday_yearless", "Sunday, May 18")]


def test_year_glued_after_the_date_is_its_year() -> None:
    """Issue 10: 'Sunday, 9 January-2011' is checked against 2011, not the publication year."""
    text = "Protesters gathered in Tunis on Sunday, 9 January-2011 and again a week later."
    assert list(find_weekday_mismatches([article(text, date(2017, 5, 12))], {})) == []
    wrong = "Protesters gathered in Tunis on Monday, 9 January-2011 and again a week later."
    [finding] = find_weekday_mismatches([article(wrong, date(2017, 5, 12))], {})
    assert finding.excerpt == "Monday, 9 January-2011"
    assert "January 9, 2011 is a Sunday" in finding.message
    assert "taken from the publication date" not in finding.message


def test_a_written_year_in_the_sentence_is_not_replaced_by_the_publication_year() -> None:
    text = ("The court ruled on Friday, May 15 that the 2015 election was valid, and the "
            "opposition appealed.")
    assert list(find_weekday_mismatches([article(text, date(2017, 5, 12))], {})) == []


def test_a_stated_year_in_an_older_story_is_used() -> None:
    text = "The verdict came on Friday, May 15, 2015, two years before this appeal."
    assert list(find_weekday_mismatches([article(text, date(2017, 5, 12))], {})) == []


def test_a_kick_off_time_after_the_date_is_not_its_year() -> None:
    """BBC fixtures: "Tuesday, 1 March 2000 GMT" is 20:00 GMT on 1 March 2005, not a wrong weekday of 2000."""
    fixture = "Blackburn v Leicester Ewood Park Tuesday, 1 March 2000 GMT Howard Webb (South Yorkshire) referees."
    assert list(find_weekday_mismatches([article(fixture, date(2005, 2, 25))], {})) == []
    [wrong] = find_weekday_mismatches([article(fixture.replace("Tuesday", "Monday"), date(2005, 2, 25))], {})
    assert "March 1, 2005 is a Tuesday" in wrong.message


def test_a_yearless_date_of_the_year_the_article_calls_last_year_fits_that_year() -> None:
    """An LA Times story of 2016-12-16 on "last year's" school shutdown: "Monday, Dec. 14"
    is 2015's (a Wednesday in 2016). Without the words, the publication's year is taken."""
    text = ("An internal report on last year's shutdown of the schools was released. "
            "The drama began at 10:01 p.m. on Monday, Dec. 14, when the board president got the email.")
    assert list(find_weekday_mismatches([article(text, date(2016, 12, 16))], {})) == []
    plain = text.replace("last year's ", "the ")
    assert spans(list(find_weekday_mismatches([article(plain, date(2016, 12, 16))], {}))) == [
        ("consistency.weekday_yearless", "Monday, Dec. 14")]
    # "last year" further on, about something else: the publication's year
    later = ("The drama began at 10:01 p.m. on Monday, Dec. 14, when the board president got the email. "
             + "The schools stayed closed all day while the police searched every building. " * 5
             + "He was elected president of the board last year, after a close vote.")
    assert spans(list(find_weekday_mismatches([article(later, date(2016, 12, 16))], {}))) == [
        ("consistency.weekday_yearless", "Monday, Dec. 14")]
    # a Monday in neither year: still found, with the publication's year
    wrong = text.replace("Monday", "Friday")
    assert spans(list(find_weekday_mismatches([article(wrong, date(2016, 12, 16))], {}))) == [
        ("consistency.weekday_yearless", "Friday, Dec. 14")]
