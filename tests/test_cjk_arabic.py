"""Chinese and Arabic news (thirtieth session: Sina's 2018 pages, SaudiNewsNet 2015).

Chinese writes no spaces, so a Latin word glued to Chinese text is one "word" to a regular
expression ("短靴来自Dr.Martens"), sports pages sign with the writer's pen name in brackets
("（罗森）"), and the Saudi Press Agency closes each story with "// انتهى //" and the time it
was sent ("19:23 ت م"). The shapes are the corpora's; the sentences are made up.
"""

from __future__ import annotations

from factories import make_article

from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.model import Article, RawRecord
from audit.normalise import to_article

STORIES_ZH = [
    "周日晚上，主队在主场以三分优势险胜对手，后卫在最后一秒完成抢断，全场观众起立欢呼。",
    "新赛季开始前，俱乐部宣布与年轻中锋续约四年，球队经理表示他是球队未来的核心。",
    "昨天的比赛中，客队在第三节打出一波十五比二的进攻高潮，最终以十分的优势赢得比赛。",
    "球队官方宣布，主教练将在赛季结束后离任，他在执教的五年里带领球队三次进入季后赛。",
]


def glued(text: str, language: str = "zh") -> list[str]:
    return [f.excerpt for f in find_glued_sentences([make_article(text, language=language)], {})]


def test_a_latin_word_after_chinese_text_is_judged_alone() -> None:
    # "Dr." and "Mr." are abbreviations, "DanielF." a name and its initial with the spaces left
    # out, "3." a list's item after a full-width full stop, a Windows path no sentence
    assert glued("这双短靴来自Dr.Martens，说起来已经有六十年的历史了。") == []
    assert glued("包先生Mr.Bags在社交媒体上发布了新品。") == []
    assert glued("加州大学的DanielF.Kripke博士发现，睡眠时间与寿命有关。") == []
    assert glued("今年的防风衣增添了视觉丰富度。3.Oversized防风衣，耍帅就要长一点。") == []
    assert glued("删除以下文档：C:\\Windows\\SystemApps\\Microsoft.MicrosoftEdgeDevTools并重启。") == []
    # English glued inside a Chinese page still is, its span from the Latin word
    [finding] = list(find_glued_sentences([make_article("网友评论：I really need some help.He never answered me.",
                                                        language="zh")], {}))
    assert finding.excerpt == "help.He" and finding.data["left"] == "help"
    # glued to Chinese on both sides: the span is the Latin words alone
    text = "网友评论说help.He从来不回答我。"
    [finding] = list(find_glued_sentences([make_article(text, language="zh")], {}))
    assert (finding.excerpt, finding.start, finding.data["right"]) == ("help.He", 5, "He")


def test_a_pen_name_in_brackets_closing_a_writers_stories_is_a_sign_off() -> None:
    texts = [f"{story}\n\u3000\u3000（罗森）\n\n" for story in STORIES_ZH[:3]]
    found = list(find_boilerplate_lines([make_article(t, article_id=f"z{k}", publisher="sina", language="zh")
                                         for k, t in enumerate(texts)], {}))
    assert [(f.excerpt, f.data["signal"]) for f in found] == [("（罗森）", "sign_off")] * 3
    # a longer run of Chinese is a phrase, not a name: it stays recurring chrome
    texts = [f"{story}\n查看最新行情" for story in STORIES_ZH[:3]]
    found = list(find_boilerplate_lines([make_article(t, article_id=f"q{k}", publisher="sina", language="zh")
                                         for k, t in enumerate(texts)], {}))
    assert [(f.excerpt, f.data["signal"]) for f in found] == [("查看最新行情", "recurring")] * 3
    # brackets are read as a pen name's only around Chinese: "(Continued)" stays chrome
    texts = [f"{story}\n(Continued)" for story in STORIES_ZH[:3]]
    found = list(find_boilerplate_lines([make_article(t, article_id=f"c{k}", publisher="sina", language="zh")
                                         for k, t in enumerate(texts)], {}))
    assert [(f.excerpt, f.data["signal"]) for f in found] == [("(Continued)", "recurring")] * 3


def test_the_agencys_end_mark_and_its_time_of_sending() -> None:
    text = ("جدة 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس\n"
            "أعلنت الهيئة العامة للأرصاد عن توقعات بهطول أمطار رعدية على عدد من مناطق المملكة خلال الأيام المقبلة، "
            "ودعت المواطنين إلى الحذر والابتعاد عن مجاري السيول.\n// انتهى //\n19:23 ت م")
    article = make_article(text, language="ar")
    [mark] = list(find_boilerplate_lines([article], {}))
    assert (mark.excerpt, mark.data["signal"]) == ("// انتهى //", "wire_mark")
    assert mark.message.endswith("is a news agency's mark ending a story or a part of it "
                                 "(phrase list: '// انتهى //'): not the story's text.")
    [stamp] = list(find_metadata_leaks([article], {}))
    assert (stamp.excerpt, stamp.data["kind"]) == ("19:23 ت م", "stamp")


def normalised(text: str) -> Article:
    return to_article(RawRecord(source_uri="mem/a.txt", source_sha256="", record_id="a", text=text, fields={}), "a")


def test_an_arabic_dateline_dates_the_story() -> None:
    # the Hijri date first, then "الموافق" ("corresponding to") and the Gregorian one
    article = normalised(" تبوك 21 شوال 1436 هـ الموافق 06 اغسطس 2015 م واس\n"
                         " أعلنت الجامعة عن فتح باب التسجيل في برامجها للعام الدراسي القادم.")
    assert (str(article.published), article.published_from) == ("2015-08-06", "dateline")
    # a Hijri date alone is no Gregorian one
    assert normalised(" جدة 26 شوال 1436 هـ واس\n أعلنت الجامعة عن فتح باب التسجيل.").published is None


def test_arabic_dates_are_read_with_their_weekday_in_both_month_namings() -> None:
    from audit.normalise.dates import find_local_dates

    [friday] = find_local_dates("وصل الوفد يوم الجمعة 17 يوليو 2015 إلى الرياض")
    assert (friday.day, friday.month, friday.year, friday.weekday) == (17, 7, 2015, 4)
    [levant] = find_local_dates("الأربعاء، 5 آب، 2015")  # the Levant's names, Arabic commas
    assert (levant.day, levant.month, levant.year, levant.weekday) == (5, 8, 2015, 2)
    [monday] = find_local_dates("الإثنين 10 أغسطس 2015")  # Monday with its hamza
    assert monday.weekday == 0
    assert find_local_dates("في 26 شوال 1436 هـ") == []


def test_a_field_of_a_pages_script_is_no_source_credit() -> None:
    # Sina's video player's settings left in the text: "source: ''," was "a source line"
    text = (f"{STORIES_ZH[0]}\n\t\t\t\tsource: '',\t//视频发布来源。如：新华网。\n{STORIES_ZH[1]}\n"
            "Photo: Reuters")
    found = list(find_metadata_leaks([make_article(text, language="zh")], {}))
    assert [(f.excerpt, f.data["kind"]) for f in found] == [("Photo: Reuters", "credit")]


def test_a_pages_css_does_not_make_a_chinese_story_english() -> None:
    from audit.normalise.language import script_says

    css = (".tech-quotation{padding:20px 20px 0px;background:url(//n.sinaimg.cn/tech/content/quote.png) "
           "no-repeat 0 0 #f4f4f4;margin-bottom:30px;} .tech-con p{margin-bottom:30px} "
           ".tech-con p a:visited{color: #4b729f !important;} ") * 2
    story = "".join(STORIES_ZH[:2])
    verdict = script_says(f"微软又一专利曝光 {css}{story}", "en")
    assert verdict is not None and verdict[0] == "zh"
    # a page half English prose, half Chinese keeps langdetect's word
    english = ("The phrase means that someone was deceived by others and had no idea of the truth at all. "
               "It is often used when a friend hides a surprise party from you until the very last minute. ") * 2
    assert script_says(english + STORIES_ZH[2], "en") is None


def test_a_chinese_pages_source_author_and_original_title_lines_are_metadata() -> None:
    story = STORIES_ZH[0] + STORIES_ZH[1]
    text = (f"原标题：《BBC今日短语：Crisis averted 危机已解除》\n\u3000\u3000稿件来源：足球报\n\u3000\u3000{story}\n"
            f"作者：周宏达\n{story}\n（责任编辑：岳权利 HN152）\n来源：人民日报中央厨房\u3000{STORIES_ZH[2]}")
    found = list(find_metadata_leaks([make_article(text, language="zh")], {}))
    assert [(f.excerpt, f.data["kind"]) for f in found] == [
        ("原标题：《BBC今日短语：Crisis averted 危机已解除》", "syndication"), ("稿件来源：足球报", "credit"),
        ("作者：周宏达", "byline"), ("（责任编辑：岳权利 HN152）", "byline")]  # not the paragraph "来源：..."
    assert [f.data.get("author") for f in found[2:]] == ["周宏达", "岳权利"]
    assert "is a source line" in found[1].message


def test_a_bilingual_lesson_called_english_is_said_to_be_half_chinese() -> None:
    from audit.detect.language.unexpected import find_unexpected_language

    lesson = ("The phrase means that someone was deceived by others and had no idea of the truth. "
              "这个短语指某人被别人欺骗，对真相毫不知情。") * 3
    article = make_article(lesson, language="en")
    article.language_prob = 1.0
    [finding] = list(find_unexpected_language([article], {"expected_languages": ["zh"], "min_probability": 0.9}))
    assert finding.message.startswith("Written in 'en' (probability 1.00), though ")
    assert "of its letters are Chinese characters or kana (a bilingual text?); the suite expects zh." in finding.message
    # an English text with a Chinese name in it is English, said plainly
    article = make_article("The company's founder, 马云, spoke to investors in New York on Monday. " * 3, language="en")
    article.language_prob = 1.0
    [finding] = list(find_unexpected_language([article], {"expected_languages": ["zh"]}))
    assert finding.message == "Written in 'en' (probability 1.00); the suite expects zh."


def test_a_title_made_of_the_first_sentences_words_is_no_headline_above_it() -> None:
    # an Arabic column titled "سحر الدقيقة 119", words of its first sentence, followed by a comma
    from audit.detect.leakage.boilerplate import find_boilerplate_lines

    text = (" أكثر ما سيميز ديربي العاصمة عما سبقه من مباريات الفريقين هو سحر الدقيقة 119، وما أطلق عليه "
            "المشجعون اسما خاصا، فعلى الرغم من أن الفريق سبق وأن فاز في الدقيقة الأخيرة، إلا أن لمباراة "
            "النهائي أهمية أكبر، كونها جاءت في عصر مواقع التواصل الاجتماعي التي أعطت الحدث الكثير من الزخم.")
    article = to_article(RawRecord(source_uri="mem/c.txt", source_sha256="", record_id="c", text=text,
                                   fields={"title": "سحر الدقيقة 119", "language": "ar"}), "c")
    assert list(find_boilerplate_lines([article], {})) == []
