"""duplicate.exact and .near say when a copy's title and its original's share no word: the same
text under unrelated titles is seldom one story syndicated twice (a read, thirty-ninth
session: 10 of 22 such findings were Yahoo records whose text is a stock-news feed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from hashlib import sha256

from factories import make_article
from test_duplicate_near import resyndicated, seed

from audit.detect.duplicates.exact import find_exact_duplicates
from audit.detect.duplicates.near import find_near_duplicates
from audit.detect.duplicates.titles import unrelated_titles
from audit.model import Article

FEED = ("Shares of Comcast rose 2% in premarket trading after the company reported quarterly results "
        "that beat estimates. See more from Benzinga: click here for options trades.")


def titled(article_id: str, text: str, title: str | None, day: int = 1) -> Article:
    return replace(make_article(text, article_id=article_id, published=date(2020, 1, day),
                                content_sha256=sha256(text.encode()).hexdigest()), title=title)


def test_unrelated_titles_share_no_word_but_their_fillers() -> None:
    assert unrelated_titles("Instant Pot Duo Evo Plus hits record low $70 in one-day Amazon sale",
                            "After Math: Microsoft turns the big 3")
    assert unrelated_titles("The talks in Istanbul", "The war of words")  # "the", "in", "of" say nothing
    assert not unrelated_titles("설날 앞둔 전통시장", "설날 앞둔 재래시장")  # one story, one word changed
    assert not unrelated_titles("Ukraine talks stall", "Talks in Turkey stall as Putin stays away")
    assert not unrelated_titles(None, "After Math") and not unrelated_titles("", "After Math")
    assert not unrelated_titles("2020", "After Math")  # a title of no word says nothing
    # Sina's photo sets (zh_news): two stories' titles share only the portal's "photo set" label
    assert unrelated_titles("组图：Ella单手抱劲宝妈妈力爆棚 写短诗自夸太有才华了",
                            "组图：聂远接地气逛菜市场货比三家 亲自下厨被鲁豫赞好吃到哭")


def test_an_exact_copy_under_an_unrelated_title_says_so() -> None:
    feed = [titled("yf-1", FEED, "Pinterest says it will adopt workplace culture recommendations", 1),
            titled("yf-2", FEED, "Kickstarter cautionary tale 'Unsung Story' hits Steam early access", 2)]
    [finding] = find_exact_duplicates(feed, {})
    assert finding.message.startswith("Has the same text as yf-1. Their titles share no word (")
    assert "often a page's feed, template or error page" in finding.message
    assert finding.data["titles_unrelated"] is True
    story = [titled("a", FEED, "Comcast shares rise after results", 1), titled("b", FEED, "Comcast beats estimates", 2)]
    [finding] = find_exact_duplicates(story, {})
    assert finding.message == "Has the same text as a." and "titles_unrelated" not in finding.data


def test_a_near_copy_under_an_unrelated_title_says_so() -> None:
    original = titled("wire", seed("004"), "Ukraine talks in Istanbul go nowhere", 1)
    related = titled("partner", resyndicated(seed("004")), "Talks in Turkey stall as Putin stays away", 2)
    [finding] = find_near_duplicates([related, original], {"threshold": 0.8})
    assert "titles share no word" not in finding.message and "titles_unrelated" not in finding.data
    unrelated = replace(related, title="Pinterest adopts workplace culture recommendations")
    [finding] = find_near_duplicates([unrelated, original], {"threshold": 0.8})
    assert "Their titles share no word ('Pinterest adopts" in finding.message
    assert finding.data["titles_unrelated"] is True
