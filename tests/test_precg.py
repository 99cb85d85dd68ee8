"""False alarms read on two HTML-cleaning benchmarks' news pages (docs/measurements/precg.md), fixed.

L3S-GN1 (Google News, 2008) and Dragnet's news and blog pages, as trafilatura extracts them:
reader comments typed without spaces, spam comments stuffed with a drug's name, an auction's
lots and a sports release whose page metadata has the wrong year, a byline bar whose "Comments"
link sits before the review. Every text below is written here in those shapes.
"""

from __future__ import annotations

from datetime import date

from factories import make_article

from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.language.mixed import find_mixed_language, keyword_spam
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article


def _glued(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_glued_sentences([make_article(text)], {})]


# --- hygiene.glued: a writer who leaves out spaces ------------------------------------------

COMMENT = ("Posted by: Ravi | Jan 11, 2008\n"
           "Saw the picture of the little car,I think it is great.Want to buy one for my father as soon as "
           "it comes,he drives to the market every day.Please tell me the price in our city.")


def test_a_comment_typed_without_spaces_after_commas_is_no_extraction_glue() -> None:
    assert _glued(COMMENT) == []
    assert _glued(" ".join(COMMENT.split("\n"))) == []  # one paragraph: the same


def test_glue_in_prose_that_spaces_its_commas_is_still_found() -> None:
    text = ("The council met on Monday, and the vote was close.Two members left early, the clerk said.\n"
            "Saw the picture of the little car,I think it is great.")
    assert _glued(text) == ["close.Two"]  # the comma join is on another line
    assert _glued("Prices rose 1,250 points.Traders were calm, analysts said.") == ["points.Traders"]


# --- language.mixed: keyword spam is no language --------------------------------------------

SPAM = ("generic kormadine online - cheapest kormadine online http://www.buykormadineonline.example.com "
        "purchase kormadine online")  # a made-up drug; langdetect calls the line Estonian at 1.00


def test_keyword_spam_is_recognised_and_prose_is_not() -> None:
    assert keyword_spam(SPAM)
    assert not keyword_spam("El ayuntamiento aprobó ayer el presupuesto de la ciudad para el año que viene, "
                            "con más dinero para las escuelas y para el transporte de la ciudad.")


def test_a_spam_comment_in_an_english_post_is_no_foreign_passage() -> None:
    text = "\n".join([
        "We spent the weekend knitting hats for the winter market, and the wool came out softer than we hoped.",
        "Posted by: Anna at October 12, 2012 3:00 PM",
        SPAM,
        "Posted by: zentrovilbuy at October 20, 2012 10:47 AM",
        "Lovely colours! I am going to try the pattern with the blue yarn I bought last spring.",
    ])
    params = {"expected_languages": ["en"]}
    assert list(find_mixed_language([make_article(text)], params)) == []
    spanish = text.replace(SPAM, "Me encantan los colores de estos gorros, los voy a tejer para mis nietos este "
                                 "invierno y les enviaré una foto cuando estén terminados.")
    found = list(find_mixed_language([make_article(spanish)], params))
    assert len(found) == 1 and "'es'" in found[0].message  # a Spanish comment still is one


# --- consistency.weekday: the year is the one the text gives --------------------------------

def _weekdays(text: str, published: date) -> list[str]:
    return [text[f.start:f.end] for f in find_weekday_mismatches([make_article(text, published=published)], {})]


def test_a_year_after_a_full_stop_and_a_line_break_is_the_next_lots_not_the_dates() -> None:
    text = ("The collection will be sold at the harbour auction on Saturday, 18th August.\n"
            "1932 roadster pedal car, painted red. Estimate: $8,000 to $12,000.")
    assert _weekdays(text, date(2012, 8, 9)) == []  # August 18, 2012 was a Saturday
    same_line = "The sale is on Saturday, 18th August-1932, the catalogue says."
    assert _weekdays(same_line, date(2012, 8, 9)) == ["Saturday, 18th August-1932"]  # a Thursday


def test_a_year_written_in_a_numeric_date_can_be_the_yearless_dates_year() -> None:
    text = ("The Spartans return to action on Saturday, January 19, with the home opener against the visitors.\n"
            "Courtesy: State Athletics | Release: 01/10/2008")
    assert _weekdays(text, date(2008, 10, 1)) == []  # the page's date is wrong; 2008 fits
    wrong = text.replace("Saturday", "Sunday")
    assert _weekdays(wrong, date(2008, 10, 1)) == ["Sunday, January 19"]  # no year fits Sunday


# --- boilerplate.line: "Comments" in a byline bar ---------------------------------------------

REVIEW = "\n".join([
    "| | | |", "| | | | | |",
    "| A quiet film about a loud family By JANE DOE Valley Daily News January 17, 2008 Comments Print Email "
    "I saw the film on a rainy afternoon. It follows a girl who moves back home after college and finds that "
    "nothing in the house has changed. The script is gentle and funny, and it never tells the audience what to "
    "think. The music is worth a word too: a few old folk songs that fit each scene. It is the best small film "
    "of the winter, and it deserves a bigger audience than it will get. |",
    "| | |",
    "| January 4, 2008 - At the movies: Now showing December 21, 2007 - At the movies: Now showing |",
    "| | BACK | | TOP OF PAGE | |",
    "| Privacy Policy \\| Advertise \\| Contact Us \\| Archives \\| Subscribe All contents © Copyright 2008 "
    "Valley Daily News |",
])


def _article(text: str) -> Article:
    record = RawRecord(source_uri="mem/a1.txt", source_sha256="", record_id="a1", text=text,
                       fields={"publisher": "Valley Daily News", "language": "en", "url": None,
                               "title": "Valley Daily News for Riverton and the valley towns"})
    return to_article(record, "a1")


def test_comments_in_a_byline_bar_before_the_review_starts_no_comments_section() -> None:
    found = [f.excerpt for f in find_boilerplate_lines([_article(REVIEW)], {})]
    assert not any("rainy afternoon" in x or "folk songs" in x or "best small film" in x for x in found)


def test_a_comments_header_followed_by_comments_still_starts_the_section() -> None:
    text = "\n".join([
        "The town will open its new library in March, the mayor said on Tuesday, after two years of work.",
        "The building has room for 80,000 books and a hall for concerts and readings.",
        "Comments",
        "Finally! We have waited for this for a long time and the old one was far too small.",
        "Will it be open on Sundays? That is when most families have time to go.",
    ])
    found = [f.excerpt for f in find_boilerplate_lines([_article(text)], {})]
    assert any("Finally!" in x for x in found) and any("Sundays" in x for x in found)
