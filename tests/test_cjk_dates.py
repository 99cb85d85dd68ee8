"""Dates in Chinese, Japanese and Korean, read by the date checks and the dateline (forty-fourth
session). Figures each followed by the mark of year, month and day ("2018年11月4日", "2018년 11월
4일"), the weekday after the date; until then zh_news, ja_news and ko_news were not date-checked
at all. The sentences around the dates are made up.
"""

from __future__ import annotations

from datetime import date

import pytest
from factories import make_article

from audit.detect import registry
from audit.detect.consistency.dates import find_invalid_dates
from audit.detect.consistency.weekdays import find_weekday_mismatches
from audit.normalise.dates import find_cjk_dates, publication_date


@pytest.mark.parametrize(("text", "read"), [
    ("2018年11月4日（星期日）上午", [(2018, 11, 4, 6)]),
    ("11月3日，2018年体操世锦赛在多哈开幕", [(None, 11, 3, None)]),  # "2018年体操": a year, no date
    ("2018년 11월 4일 (일) 오전", [(2018, 11, 4, 6)]),
    ("2018년 11월 5일 월요일", [(2018, 11, 5, 0)]),
    ("平成30年11月4日(日)に", [(2018, 11, 4, 6)]),  # a Japanese era's year
    ("令和元年5月1日(水)", [(2019, 5, 1, 2)]),
    ("１１月４日（日）", [(None, 11, 4, 6)]),  # full-width figures
    ("11月4号周日", [(None, 11, 4, 6)]),
    ("据报道，10月31日-11月2日举行", [(None, 10, 31, None), (None, 11, 2, None)]),
])
def test_cjk_dates_with_their_weekdays(text: str, read: list[tuple[int | None, int, int, int | None]]) -> None:
    assert [(m.year, m.month, m.day, m.weekday) for m in find_cjk_dates(text)] == read


@pytest.mark.parametrize("text", [
    "农历2月30日是春节后的第30天",  # the lunar calendar: a month of 30 days
    "版本v1.11月3日发布",  # a figure runs into the month
    "13月5日",  # no such month
    "2018年度の決算",  # a fiscal year, no date
])
def test_what_is_no_cjk_date(text: str) -> None:
    assert find_cjk_dates(text) == []


def test_a_cjk_date_that_does_not_exist_and_a_wrong_weekday_are_found() -> None:
    invalid = make_article("公司表示，合同已于2018年2月30日签署。", language="zh", article_id="zh")
    [finding] = find_invalid_dates([invalid], {})
    assert finding.excerpt == "2018年2月30日"
    wrong = make_article("会议于2018年11月4日（星期一）在北京举行。", language="zh", article_id="zh2")
    [mismatch] = find_weekday_mismatches([wrong], {})
    assert mismatch.excerpt == "2018年11月4日（星期一）" and "Sunday" in mismatch.message
    right = make_article("会議は2018年11月4日(日)に東京で開かれた。", language="ja", article_id="ja")
    assert list(find_weekday_mismatches([right], {})) == []


def test_the_date_checks_run_on_cjk_articles() -> None:
    by_name = {d.name: d for d in registry()}
    for name in ("dates", "weekdays"):
        assert {"zh", "ja", "ko"} <= set(by_name[name].languages)


def test_a_head_line_of_a_cjk_date_is_a_dateline() -> None:
    assert publication_date("2018年11月05日 08:30\n新浪体育讯 北京时间11月5日消息") == (date(2018, 11, 5), "dateline")
    assert publication_date("  2018년 11월 5일 (월)\n본문") == (date(2018, 11, 5), "dateline")
    assert publication_date("11月5日 08:30\n正文") == (None, "none")  # no year
    assert publication_date("2018年11月5日，公司宣布了新的计划，并表示将在明年推出。\n") == (None, "none")  # a sentence


def test_last_year_in_cjk_is_the_year_of_a_yearless_date() -> None:
    """ja_news (ld-sports-watch-4960611, 2010-08-22): "昨年7月11日（土）" is last year's Saturday."""
    said = "スタジアムは謝罪した。昨年7月11日（土）に開催された同一カードでも同じ事態が起こっていたのだ。"
    assert list(find_weekday_mismatches([make_article(said, language="ja", published=date(2010, 8, 22))], {})) == []
    bare = said.replace("昨年", "")
    [finding] = find_weekday_mismatches([make_article(bare, language="ja", published=date(2010, 8, 22))], {})
    assert "it is a Saturday in 2009" in finding.message


def test_a_cjk_day_word_with_its_day_disagreeing_with_the_record_date() -> None:
    """ja_news (ld-smax-6644560, dated 2012-06-10): "本日25日（金）に発売" was written on May 25, a
    Friday: the bracketed weekday picks the month. Korean's "오늘(20일)" on a page dated the 21st is
    within the check's day of tolerance; "今日1日" is "all day today", no date."""
    from audit.detect.consistency.relative_dates import find_relative_date_conflicts

    def found(text: str, language: str, published: date) -> list[str]:
        article = make_article(text, language=language, published=published)
        return [f.data["stated"] for f in find_relative_date_conflicts([article], {})]

    assert found("いよいよ本日25日（金）にKDDIから発売となる", "ja", date(2012, 6, 10)) == ["May 25, 2012"]
    assert found("昨天（4日）上午，记者从市政府获悉", "zh", date(2018, 11, 9)) == ["November 4, 2018"]
    assert found("본문 오늘(20일) 아침에 봤을 때는", "ko", date(2021, 12, 21)) == []
    assert found("——今日1日ここにいて、作品に出ている", "ja", date(2011, 9, 26)) == []
    assert found("本日22日（火）に東京スカイツリーがOPEN", "ja", date(2012, 5, 22)) == []
    assert found("3日間の日程で、明日5日から開かれる", "ja", date(2012, 3, 4)) == []


# --- cases from a review of the session's change (helper-203) ---------------------------------


def test_a_figure_after_a_cjk_date_is_no_year() -> None:
    for text in ("イベントは12月1日（土）2000円で開催。", "12월 1일(토) 2000명이 참석했다.", "12月1日（周六）2000余人参加。"):
        article = make_article(text, language="ja", published=date(2018, 11, 20))
        assert list(find_weekday_mismatches([article], {})) == [], text  # December 1, 2018: a Saturday


@pytest.mark.parametrize("text", [
    "２０１６年２月２９日に発表された。",  # a full-width year, read
    "更新日:2016年2月29日",  # a colon before the year
    "2016（平成28）年2月29日に発表された。",  # a year mark after a year not read: no yearless date
])
def test_a_cjk_date_keeps_its_year(text: str) -> None:
    article = make_article(text, language="ja", published=date(2017, 3, 1))
    assert list(find_invalid_dates([article], {})) == []


def test_a_sentence_opening_with_a_cjk_date_is_no_dateline() -> None:
    assert publication_date("2018年11月4日に結婚しました。\n") == (None, "none")
    assert publication_date("2018년 11월 4일 결혼했습니다.\n") == (None, "none")
    assert publication_date("2018年11月2日 9时00分\n") == (date(2018, 11, 2), "dateline")


def test_a_cjk_sentence_ends_at_its_full_stop() -> None:
    """The year of the sentence before ("2012年の話だ。") is not the date's sentence's year."""
    text = "2012年の話だ。12月1日（金）に開催された。"
    [finding] = find_weekday_mismatches([make_article(text, language="ja", published=date(2018, 11, 20))], {})
    assert finding.excerpt == "12月1日（金）"


@pytest.mark.parametrize("text", ["今日2日目", "今日3日連続", "昨日3日振り", "오늘 3일째", "今天3号线", "明天5号楼",
                                  "今日\n\n12日のニュース一覧", "一昨日5日に"])
def test_a_count_of_days_or_a_number_is_no_day_of_the_month(text: str) -> None:
    from audit.detect.consistency.relative_dates import find_relative_date_conflicts

    article = make_article(text, language="ja", published=date(2012, 6, 10))
    assert list(find_relative_date_conflicts([article], {})) == []


def test_the_record_date_hint_reads_a_cjk_day_again() -> None:
    from audit.detect.consistency.relative_dates import find_relative_date_conflicts

    article = make_article("いよいよ本日25日にKDDIから発売", language="ja", published=date(2012, 6, 10),
                           url="http://example.jp/2012/05/25/htc.html")
    [finding] = find_relative_date_conflicts([article], {})
    assert finding.data["record_date_fits"] == "2012-05-25"
    placeholder = make_article("明日5日に発売", language="ja", published=date(9999, 12, 31))
    assert list(find_relative_date_conflicts([placeholder], {})) == []  # no overflow


def test_relative_dates_run_on_cjk_articles() -> None:
    by_name = {d.name: d for d in registry()}
    assert {"zh", "ja", "ko"} <= set(by_name["relative_dates"].languages)


def test_a_reprinted_items_day_word_is_its_own() -> None:
    """livedoor (ld-smax-6709742, a round-up dated 2012-06-30): each earlier story's opening is
    reprinted under its headline, its "本日28日（木）" right for its own date. A held-out read of
    5,367 articles found all 19 CJK relative-date findings to be such items."""
    from audit.detect.consistency.relative_dates import find_relative_date_conflicts

    item = "NTTドコモから本日28日（木）に発売開始されたスマートフォン「GALAXY SIII SC-06D」。"
    for headline in ("■本日発売！2012年夏モデル最強スマホをさっそく購入して開封した", "第2位　新機種が発売"):
        roundup = make_article(f"今週の記事をまとめた。\n\n{headline}\n{item}", language="ja", published=date(2012, 6, 30))
        assert list(find_relative_date_conflicts([roundup], {})) == []
    story = make_article(f"今週の記事をまとめた。\n\n{item}", language="ja", published=date(2012, 6, 30))
    assert len(list(find_relative_date_conflicts([story], {}))) == 1


def test_a_date_after_this_year_is_read_yearless() -> None:
    """"今年3月5日（火）" (this year's March 5): a yearless date, judged in the publication's year;
    only a figure's or an era's year mark not read leaves a date out (8f2fd04 left this out too)."""
    assert [(m.year, m.month, m.day, m.weekday) for m in find_cjk_dates("今年3月5日（火）に")] == [(None, 3, 5, 1)]
    assert [(m.year, m.day) for m in find_cjk_dates("2016 年2月29日")] == [(2016, 29)]
