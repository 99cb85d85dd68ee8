"""False alarms read on the other four folders of an HTML-cleaning benchmark merge, fixed.

Mozilla Readability's test pages, CleanPortalEval's portal pages and CleanEval 2007's web pages
as trafilatura extracts them (docs/measurements/precr.md): a press review citing the "Toronto
Sun", a hotel's offers for a December of another year than the page's, a blog index whose
posts end "Comments (0)", rules numbered "2.If" in running text, XML and script examples, a
speech saying "we can make a contribution". Every text below is written here in those shapes.
"""

from __future__ import annotations

from datetime import date

from factories import make_article

from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.paywall import find_paywall_blocks
from audit.model import Article, RawRecord
from audit.normalise import to_article


def _weekdays(text: str, published: date) -> list[str]:
    return [text[f.start:f.end] for f in find_weekday_mismatches([make_article(text, published=published)], {})]


def _glued(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_glued_sentences([make_article(text)], {})]


# --- consistency.weekday ------------------------------------------------------------------

def test_sun_after_a_city_is_a_newspaper_not_sunday() -> None:
    text = ("Opinion roundup. Why the new bridge costs too much. Mary Stone, Riverton Sun, January 29. "
            "A library for every town. Joe Hill, Harbour Sun, 26 July 1995.")
    assert _weekdays(text, date(2005, 1, 30)) == []  # January 29, 2005 was a Saturday


def test_sun_that_starts_a_date_is_still_sunday() -> None:
    text = "Doors open Sun, January 29, and the show runs until the first week of March."
    assert _weekdays(text, date(2005, 1, 10)) == ["Sun, January 29"]  # a Saturday in 2005
    stamp = "Posted Sun, January 29 by the editors."
    assert _weekdays(stamp, date(2005, 1, 10)) == ["Sun, January 29"]


def test_a_schedule_that_fits_another_year_is_the_years_fault_not_the_texts() -> None:
    text = ("Winter breaks. Grand Hotel, city centre: Tue 26th Dec from 79 pounds, Wed 27th Dec from 79 pounds, "
            "Thu 28th Dec from 85 pounds. Book before the end of the month.")
    assert _weekdays(text, date(2004, 7, 30)) == []  # all three right in 2006, none in 2004


def test_dates_that_all_name_one_weekday_are_no_schedule_of_another_year() -> None:
    text = ("Spring classic. When: Sun, April 24. Route: from the coast to the hills.\n"
            "Autumn classic. When: Sun, October 16. Route: around the lakes.")
    # both Saturdays in 1999, both Sundays in 2005: the writer took every race for a Sunday
    assert _weekdays(text, date(1999, 9, 3)) == ["Sun, April 24", "Sun, October 16"]


def test_a_single_wrong_weekday_in_a_schedule_is_still_found() -> None:
    text = ("The festival opens on Friday, June 10, and closes on Friday, June 12, with a concert in the park.")
    # June 10, 2011 was a Friday; June 12 was a Sunday: the two disagree, so no other year is to blame
    assert _weekdays(text, date(2011, 6, 1)) == ["Friday, June 12"]


# --- boilerplate.line: a comments link that counts none --------------------------------------

def _article(text: str) -> Article:
    record = RawRecord(source_uri="mem/a1.txt", source_sha256="", record_id="a1", text=text,
                       fields={"publisher": "A Small Blog", "language": "en", "url": None,
                               "title": "Notes from the valley"})
    return to_article(record, "a1")


POSTS = " ".join([  # one post after another in one stretch of text, as a blog's index page runs
    "The river was high again this morning, and the ferry did not run until noon. I walked to the bridge "
    "instead and watched the water carry whole trees past the old mill.",
    "Posted by Sam on July 29, 2006 4:56 PM Comments: 0 Fresh bread",
    "The bakery on the corner has started selling rye bread again. It is the same recipe the old owner used, "
    "and the queue on Saturday went all the way to the post office.",
    "Nobody seems to mind the wait, because the baker hands out warm rolls to the children in the line.",
])


def test_a_comments_link_counting_none_opens_no_comments_section() -> None:
    found = [f.excerpt for f in find_boilerplate_lines([_article(POSTS)], {})]
    assert not any("rye bread" in x or "warm rolls" in x for x in found)
    other = POSTS.replace("Comments: 0", "Comments (0)")
    assert not any("warm rolls" in f.excerpt for f in find_boilerplate_lines([_article(other)], {}))


def test_a_comments_header_with_a_count_still_opens_the_section() -> None:
    found = [f.excerpt for f in find_boilerplate_lines([_article(POSTS.replace("Comments: 0", "Comments: 2"))], {})]
    assert any("rye bread" in x for x in found) and any("warm rolls" in x for x in found)


# --- hygiene.glued: list items typed without a space, markup and code ------------------------

def test_numbered_rules_typed_without_a_space_are_no_glued_sentences() -> None:
    text = ("Rules for member houses. Prices must be shown to guests when they book. 2.If there is time, a letter "
            "must repeat the prices. 3.Houses must answer the phone politely. We checked the notes. 5b.Audio guides "
            "are welcome.")
    assert _glued(text) == []


def test_a_sentence_ending_on_a_figure_is_still_glued() -> None:
    assert _glued("The device will sell for about $120.It comes in three colours.") == ["120.It"]
    assert _glued("Turnout rose to 61.The mayor called it a good day.") == ["61.The"]


def test_xml_tags_and_assignments_are_no_glued_sentences() -> None:
    text = ("An example record: <Show.Opening>2001-05-04</Show.Opening> <Venue.Name>Town Hall</Venue.Name>\n"
            "In the script we write exports.Parser = Parser; and then call it.")
    assert _glued(text) == []
    assert _glued("The hall was full.Everyone stayed late.") == ["full.Everyone"]


# --- paywall.text: the speaker makes the contribution --------------------------------------

def _paywall(text: str) -> list[str]:
    return [f.excerpt for f in find_paywall_blocks([make_article(text)], {})]


def test_we_can_make_a_contribution_in_a_speech_is_no_appeal() -> None:
    text = ("Our agency will act only in a few private suits. Those suits will be chosen where we can make a "
            "contribution on important legal questions. That is the plan for the coming year.")
    assert _paywall(text) == []


def test_asking_the_reader_to_make_a_contribution_is_still_an_appeal() -> None:
    text = ("The council met on Tuesday to discuss the budget for the new school.\n"
            "If you value our reporting, please make a contribution today to keep it free for everyone.")
    assert len(_paywall(text)) == 1
