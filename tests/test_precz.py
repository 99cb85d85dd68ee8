"""False alarms read on the gilets jaunes and FakeNewsNet pages (docs/measurements/precz.md), fixed.

The texts are written here in the shapes those pages have (CNN's embedded tweets and "5 Things",
Wikipedia's section headings, thehill.com's share bar, a transcript reading a diary out); the
names and words are made up, the layout is the pages'.
"""

from __future__ import annotations

from datetime import date

from factories import make_article
from test_boilerplate_gj import article, flagged

from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.model import Article

# Three stories of one site, each quoting a tweet of the same account (the layout of CNN's embeds).
STORIES = [
    ["Protesters marched through the city centre for a fourth weekend, police said on Saturday evening.",
     "The mayor wrote on Twitter that the violence had to stop before the holidays began.",
     "The streets must be calm again. Shops and families deserve a peaceful Christmas.",
     "— Jane Q. Mayor (@janeqmayor)", "December 8, 2018",
     "Shop owners on the main avenue said takings had fallen by half since the protests started."],
    ["The council voted on Tuesday to extend the curfew on the old town until the end of the month.",
     "The mayor welcomed the vote in a post shortly after the meeting ended late in the evening.",
     "Thank you to every councillor who put the safety of our streets first tonight.",
     "— Jane Q. Mayor (@janeqmayor)", "December 11, 2018",
     "Opposition members said the curfew punished residents for the actions of a few people."],
    ["Rail workers joined the strike on Thursday, halting most trains into the capital for the day.",
     "The mayor urged commuters to work from home if they could and thanked the bus drivers.",
     "Buses will run all night. Please be patient with the drivers, they are doing their best.",
     "— Jane Q. Mayor (@janeqmayor)", "December 13, 2018",
     "Unions said the strike would go on until the government withdrew the pension plan."],
]


def test_a_tweets_signature_recurring_across_the_sites_stories_is_quoted_not_chrome() -> None:
    pages = [article("\n".join(lines), f"cnn{k}") for k, lines in enumerate(STORIES)]
    assert not any("@janeqmayor" in x for x in flagged(*pages))


def test_a_tweet_cut_into_short_lines_after_read_more_is_no_menu() -> None:
    text = "\n".join([
        "Police fired tear gas at the demonstrators, some of whom had set cars on fire near the avenue.",
        "Two photographers were hit by projectiles; one of them was taken to hospital in the evening.",
        "Read More", "More smoke on the boulevard", "#protest", "pic.twitter.com/AbCdEf1234",
        "— Sam Reporter (@samreporter)", "December 8, 2018",
        "One teacher filmed protesters smashing the windows of a cafe and posted the video online.",
        "The interior minister said more than a thousand people had been taken in for questioning."])
    found = flagged(article(text, "cnn-tweet"))
    assert "Read More" in found
    assert not any(x in found for x in ("More smoke on the boulevard", "pic.twitter.com/AbCdEf1234",
                                        "— Sam Reporter (@samreporter)"))


def test_a_quoted_tweet_that_opens_with_watch_is_the_tweet_not_a_teaser() -> None:
    text = "\n".join([
        "The governor declared a state of emergency on Saturday morning as the crowds kept growing.",
        "WATCH: Crowds clash near the statue downtown https://t.co/AbC123xyZ — City News (@CityNews) August 12, 2017",
        "The march began about two hours after state police had cleared the park near the statue."])
    assert flagged(article(text, "fake-tweet", publisher="example.com")) == []


# Wikipedia pages of one site: the headings recur, each with its edit link.
def wiki_page(name: str, k: int) -> Article:
    text = "\n".join([
        f"{name} is an American actor and television host, known for a long career on daytime television.",
        "Early life [ edit ]",
        f"{name} was born in a small town in Ohio, the second of four children of a schoolteacher.[1]",
        "Career [ edit ]",
        f"{name} began his career on local radio before moving to a national network in the 1990s.[2]",
        "References [ edit ]"])
    return article(text, f"wiki{k}", publisher="en.wikipedia.org", title=name)


def test_a_wikis_edit_link_is_chrome_and_its_heading_is_not() -> None:
    pages = [wiki_page(name, k) for k, name in enumerate(["Tom Example", "Rick Sample", "Joe Placeholder"])]
    assert flagged(*pages) == ["[ edit ]"] * 9


# CNN's "5 Things": the newsletter prompt's short lines, then numbered headings over paragraphs.
FIVE_THINGS = [
    "Here's what else you need to know to", "Get Up to Speed and Out the Door",
    '. (You can also get "5 Things You Need to Know Today" delivered to your inbox daily.', "Sign up here", ".)",
    "1. Harbor bridge",
    "The city's oldest bridge will close for repairs next week, and drivers are being told to expect long delays.",
    "Engineers found cracks in two of its supports during a routine inspection earlier this autumn.",
    "2. Trade talks",
    "Negotiators from both countries meet again today, hoping to settle their dispute over steel tariffs.",
    "Markets rose on Monday after both sides said they would hold off on new tariffs for now.",
]


def test_a_list_articles_numbered_headings_are_its_outline() -> None:
    found = flagged(article("\n".join(FIVE_THINGS), "cnn-5things", title="5 things to know for Monday"))
    assert "Sign up here" in found
    assert "1. Harbor bridge" not in found and "2. Trade talks" not in found


def test_a_comments_link_in_a_share_bar_run_into_the_story_opens_no_comments_section() -> None:
    # thehill.com as archived: the story, the share bar, then the story again, in one line
    story = ("The senator urged colleagues on Thursday to raise the hourly minimum wage to ten dollars. "
             "Business groups warned the rise would cost jobs in a still fragile economy. "
             "Supporters said wages had not kept pace with the soaring stock market. ")
    text = "Senator urges wage rise By Sam Writer - Tweet " + story + "Tweet View Comments " + story
    found = flagged(make_article(text, publisher="thehill.com"))
    assert "View Comments" in found
    assert not any("Business groups" in x for x in found)


def test_a_yearless_date_going_on_from_a_full_date_is_read_in_its_year() -> None:
    # A 2013 interview reading out a 1981 diary: April 7, 1981 was a Tuesday (in 2013, a Sunday)
    diary = ("SPAGNOLO: Day five, April 3rd, 1981. I was called at home and asked to return to the hospital.\n"
             "WALLACE: The doctor kept a diary during those weeks.\n"
             "SPAGNOLO: Day nine, {} April 7th -- I went to the president's room and spoke with him.")
    assert list(find_weekday_mismatches([make_article(diary.format("Tuesday,"), published=date(2013, 3, 31))],
                                        {})) == []
    [wrong] = find_weekday_mismatches([make_article(diary.format("Monday,"), published=date(2013, 3, 31))], {})
    assert wrong.excerpt == "Monday, April 7th"
