"""What a read of FakeNewsCorpus' sample (twenty-fourth session) found: beforeitsnews' chrome
in flat text, an all-capitals writer's report, syndication footers.

The chrome lines are the pages'; the stories around them are made up.
"""

from __future__ import annotations

from test_boilerplate_gj import article

from audit.detect.leakage.boilerplate import find_boilerplate_lines

STORIES = [
    ("The council voted on Tuesday to extend the curfew on the old town until the end of the month. "
     "Opposition members said the curfew punished residents for the actions of a few people."),
    ("Shop owners on the main avenue said takings had fallen by half since the protests started. "
     "The chamber of commerce asked the city for a rent holiday until the spring."),
    ("Astronomers have found a black hole pushing stars around in a globular cluster. "
     "The finding, made with a telescope in Chile, was published in a journal on Wednesday."),
    ("The pope told journalists that mission must be at the heart of their work. "
     "He spoke to a gathering of Catholic media in Rome on the feast of their patron saint."),
]
CHROME = ("% of readers think this story is Fact. Add your two cents. "
          "Headline: Bitcoin & Blockchain Searches Exceed Trump! Blockchain Stocks Are Next!")


MORE = ("Officials in {0} said more would be known by the end of the week, when a report is due. "
        "Residents of {0} were invited to a public meeting at the town hall on Thursday evening. "
        "A spokesman for the mayor of {0} said the city had not yet received a formal request.")
TOWNS = ["Leeds", "Bristol", "Norwich", "Exeter"]


def _flat(n: int, chrome: str) -> list:
    return [article(f"Title number {i} of the day {chrome} {STORIES[i % 4]} {MORE.format(TOWNS[i])}", f"b{i}",
                    publisher="beforeitsnews.com", title=f"Title number {i} of the day") for i in range(n)]


def test_a_short_recurring_sentence_between_chrome_sentences_of_flat_text_is_chrome() -> None:
    found = list(find_boilerplate_lines(_flat(4, CHROME), {"recur_min_docs_prose": 3}))
    for i in range(4):
        assert [f.excerpt for f in found if f.article_id == f"b{i}"] == ["% of readers think this story is Fact.", "Add your two cents.",
                       "Headline: Bitcoin & Blockchain Searches Exceed Trump!", "Blockchain Stocks Are Next!"]


def test_a_short_recurring_sentence_of_the_story_is_not_chrome() -> None:
    """"He declined to comment." recurs in the publisher's articles, between sentences of
    their stories: not beside chrome, so not chrome."""
    arts = [article(f"Title {i} of the day {STORIES[i].replace('. ', '. He declined to comment. ', 1)}",
                    f"s{i}", publisher="example.com", title=f"Title {i} of the day") for i in range(4)]
    found = [f.excerpt for f in find_boilerplate_lines(arts, {"recur_min_docs_prose": 3})]
    assert "He declined to comment." not in found


FOOTERS = [
    "The post The Integrated Non-USD Platforms appeared first on Silver For The People.",
    "This article was written by Tyler Durden and originally published at Zero Hedge.",
    "This article has been contributed by SHTF Plan.",
    "Republished with permission from Bill Marler and Marler Clark.",
]


def _leaks(text: str) -> list[tuple[str, str]]:
    from audit.detect.leakage.metadata_leak import find_metadata_leaks

    a = article(text, "f1", publisher="example.com", title="Title of the day")
    return [(a.text[f.start:f.end], f.data["kind"]) for f in find_metadata_leaks([a], {})]


def test_syndication_footers_are_metadata_on_their_line_and_in_flat_text() -> None:
    for footer in FOOTERS:
        assert _leaks("\n".join([STORIES[0], STORIES[1], footer])) == [(footer, "syndication")], footer
        assert _leaks(" ".join([STORIES[0], footer, STORIES[1]])) == [(footer, "syndication")], footer


def test_a_story_that_says_where_another_story_was_published_is_not_a_footer() -> None:
    for sentence in ("The story was published on Monday by the Times, and it was read widely.",
                     "The post office was closed on Monday after the storm.",
                     "The video appeared first on Facebook before it was taken down."):
        assert _leaks(" ".join([STORIES[0], sentence, STORIES[1]])) == [], sentence
        assert _leaks("\n".join([STORIES[0], sentence, STORIES[1]])) == [], sentence


def test_a_video_widget_and_an_ad_label_of_realnews_pages_are_chrome() -> None:
    from test_boilerplate_gj import flagged

    widget = "Embed Cuba Seeing More Tech Entrepreneurs 0:39 autoplay autoplay Copy this code to your website or blog"
    for label in (widget, "Story continues below…"):
        text = "\n".join([STORIES[0], label, STORIES[1]])
        assert flagged(article(text, "r1", publisher="nbcnews.com")) == [label], label


def test_a_credit_in_flat_text_ends_where_the_next_sentence_starts() -> None:
    for credit, sentence in [
            ("Credit: NASA/JPL-Caltech/SwRI/MSSS", "Jupiter looks beautiful in pearls!"),
            ("Credit: Christopher Go", "The photos were taken during Sunday's close flyby."),
            ("Photo Credit: www.facebook.com/WhiteHouse", "How close is the president to following that path?")]:
        assert _leaks(" ".join([STORIES[0], credit, sentence, STORIES[1]])) == [(credit, "credit")], credit


def test_a_credits_own_lower_case_words_stay_in_it() -> None:
    for credit in ("Photo: Bureau of Land Management", "Photo: Museo del Prado, Madrid"):
        found = _leaks(" ".join([STORIES[0], credit, "The curfew ended on Friday.", STORIES[1]]))
        assert found == [(credit, "credit")], credit


REPORT = [  # an all-capitals market report, lines as beforeitsnews carried it (FakeNewsCorpus fnc-1411)
    "Usa Dollar Tanks On Mnuchin Statement",
    "USA INDEX BREAKS 90 AND ENDS AT 89.25/USA 10 YR BOND NOTE AT 2.65%/GOLD RISES $25.00 TO $1357.15/"
    "SILVER RISES 56 CENTS TO $17.50 AND BREAKS THE HUGE $17.25 RESISTANCE/HUGE SILVER EFP ISSUANCE OF 2598 "
    "CONTRACTS/NOTHING ADDED INTO THE SLV/HUGE NUMBER OF SWAMP STORIES FOR YOU TONIGHT",
    "GOLD: $1357.15 UP $25.00",
    "SHANGHAI GOLD FIX: FIRST FIX 10 15 PM EST (2:15 SHANGHAI LOCAL TIME)",
    "NY PRICE OF GOLD AT EXACT SAME TIME: $1341.15",
    "LONDON FIRST GOLD FIX: 5:30 am est $1350.50",
    "NUMBER OF NOTICES FILED TODAY FOR JANUARY CONTRACT: 8 NOTICE(S) FOR 800 OZ.",
    "Today, we had the open interest in silver FELL BY A TINY 76 contracts from 200,061 DOWN TO 199,985 with "
    "the small rise in price of silver yesterday, and the bankers kept on issuing the private contracts.",
    "OUR BANKERS USED THEIR EMERGENCY PROCEDURE TO ISSUE ANOTHER GOOD 2598 PRIVATE EFP'S FOR DELIVERY OVER "
    "IN LONDON WITH A FIAT BONUS.",
    "BUT WE ALSO HAD ANOTHER STRONG 2598 EFP'S ISSUED TRANSFERRING COMEX LONGS OVER TO LONDON.",
    "TOGETHER WITH THE GOOD SIZED AMOUNT OF SILVER OUNCES STANDING FOR JANUARY, DEMAND FOR PHYSICAL SILVER "
    "INTENSIFIES AS WE WITNESS A HUGE NUMBER OF EFP'S ISSUED.",
    "CHINA IS VERY HAPPY TODAY (GOOD MARKETS AND A WEAKER USA DOLLAR)",
]


def test_a_report_written_in_capitals_is_not_chrome_around_its_one_lower_case_paragraph() -> None:
    """Its capitals read as link text (a long capitalised line says "menu"), and its one
    paragraph in lower case was the body: 46 of the report's lines were head and tail chrome.
    A page mostly in capitals has no body by line shape: phrases and recurrence decide."""
    from test_boilerplate_gj import flagged

    assert flagged(article("\n".join(REPORT), "c1", publisher="beforeitsnews.com", title=REPORT[0])) == []
    # the same capitals as a small part of a page in lower case: still chrome there
    page = "\n".join([REPORT[0], REPORT[1], REPORT[2], *STORIES, MORE.format("Leeds"), REPORT[8]])
    assert REPORT[1] in flagged(article(page, "c2", publisher="beforeitsnews.com", title=REPORT[0]))

