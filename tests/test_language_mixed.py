"""language.mixed: a foreign paragraph or passage inside an article, with its span;
no alarm on short lines, names, or a quote of a few words."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import realtext
from factories import make_article
from test_language_fast import RUSSIAN as RUSSIAN_ARTICLE

from audit.detect.language import mixed as language_mixed
from audit.detect.language.mixed import find_mixed_language
from audit.detect.language.not_language import not_a_language
from audit.model import Article, RawRecord
from audit.normalise import to_article
from audit.normalise.language import clear_language, detect_language, language_probabilities

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "seeds" / "001_591b80880554c9fd.txt").read_text(encoding="utf-8")
ENGLISH = (
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
    "mood, considering the Russian delegation included no high-profile negotiator.\n"
    "Putin countered by offering direct talks in Istanbul with a Ukrainian delegation. "
    "Zelensky vowed to attend personally and called on Putin to do likewise."
)
FRENCH = (
    "Le président ukrainien a déclaré jeudi qu'il était prêt à rencontrer Vladimir Poutine "
    "à Istanbul, mais que la délégation russe n'avait pas le mandat nécessaire pour "
    "négocier un cessez-le-feu durable."
)
RUSSIAN = (
    "«Мы рассматриваем эти переговоры как продолжение мирного процесса в Стамбуле, "
    "который, к сожалению, был прерван украинской стороной три года назад», — сказал "
    "Мединский журналистам."
)


def article(text: str, language: str | None = "en") -> Article:
    return make_article(text, language=language)


def mixed(text: str, language: str | None = "en") -> list:  # type: ignore[type-arg]
    return list(find_mixed_language([article(text, language)], {"expected_languages": ["en"]}))


def test_foreign_paragraph_is_found_with_its_span() -> None:
    text = f"{ENGLISH}\n{FRENCH}\nThe Kremlin said Putin would not attend."
    [finding] = mixed(text)
    assert finding.check == "language.mixed"
    assert (finding.start, finding.end) == (text.index(FRENCH), text.index(FRENCH) + len(FRENCH))
    assert finding.excerpt == FRENCH
    assert finding.data["language"] == "fr" and finding.data["article_language"] == ["en"]
    assert "'fr'" in finding.message


def test_untranslated_quote_in_another_script_is_found() -> None:
    text = f"{ENGLISH}\n{RUSSIAN}"
    [finding] = mixed(text)
    assert finding.excerpt == RUSSIAN and finding.data["language"] == "ru"


def test_foreign_sentences_inside_an_english_paragraph_are_one_passage() -> None:
    paragraph = f"Medinsky spoke to reporters in Russian. {FRENCH} He then left the room."
    text = f"{ENGLISH}\n{paragraph}"
    [finding] = mixed(text)
    assert finding.excerpt == FRENCH


def test_unknown_article_language_falls_back_to_the_suite() -> None:
    [finding] = mixed(f"{ENGLISH}\n{FRENCH}", language=None)
    assert finding.data["article_language"] == ["en"]


def test_a_french_article_with_an_english_passage_flags_the_english() -> None:
    text = f"{FRENCH}\n{FRENCH.replace('jeudi', 'vendredi')}\n{ENGLISH}"
    found = mixed(text, language="fr")
    assert [f.data["language"] for f in found] == ["en"]
    assert found[0].excerpt == ENGLISH


def test_short_lines_names_and_short_quotes_are_not_flagged() -> None:
    lines = [
        "Share", "Local News", "Read more",
        "Recep Tayyip Erdoğan, Volodymyr Zelenskyy, Andriy Sybiha, Rustem Umerov.",
        "Putin said «Мы готовы к переговорам без предварительных условий» in Istanbul.",
        "Zelensky closed with “Slava Ukraini” and the French minister added “c'est la vie”.",
        "The Bankova (Ukraine’s equivalent of the Kremlin) has rejected the suggestion.",
        ENGLISH,
    ]
    assert mixed("\n".join(lines)) == []


def test_seed_and_empty_text_give_nothing() -> None:
    assert mixed(SEED) == []
    assert mixed("") == []
    assert mixed("\n\n\x00\ufffd 12 34") == []


@pytest.fixture
def langdetect_calls(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The trials of every langdetect call language.mixed makes."""
    calls: list[int | None] = []

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(kwargs.get("trials"))
        return language_probabilities(*args, **kwargs)

    monkeypatch.setattr(language_mixed, "language_probabilities", counted)
    return calls


def test_a_russian_article_needs_langdetect_only_for_its_english_paragraph(
    langdetect_calls: list[int | None],
) -> None:
    english = ("Medinsky told reporters that Moscow was ready to continue the talks in Istanbul, "
               "which he said had been interrupted by the Ukrainian side three years ago.")
    later = ("Переговоры продолжатся в пятницу утром, сообщили журналисты, которые были в зале. "
             "Ни одна из сторон пока не назвала состав рабочих групп, но оба министра обещали, "
             "что встреча будет короткой и деловой.")
    text = f"{RUSSIAN_ARTICLE}\n{english}\n{later}"
    [finding] = mixed(text, language="ru")
    assert finding.excerpt == english and finding.data["language"] == "en"
    assert finding.data["article_language"] == ["ru"]
    # The two Russian paragraphs are plainly Russian (ingest's fast path at a paragraph's
    # word counts); only the English one is judged: quick, then as a whole and by sentence.
    assert langdetect_calls == [3, None, None]


# A one-paragraph article that ingest's fast path leaves to langdetect (a French sentence
# in it), in French, where langdetect's 7-trial verdict is fr with probability 1.0.
ONE_PARAGRAPH = (
    "Le sélectionneur a déclaré jeudi qu'il était très content de revoir son joueur sur le "
    "terrain avant le match. Il a ajouté que toute l'équipe avait travaillé dur pendant la "
    "semaine pour préparer cette rencontre difficile. Le sélectionneur a déclaré mardi qu'il "
    "était très content de revoir son joueur sur le terrain avant le match. Simon Taylor has "
    "been named in the Scotland squad for Saturday's Six Nations clash with Italy, after nine "
    "months out with knee and arm injuries."
)


def test_a_one_paragraph_article_reuses_ingests_langdetect_verdict(
    langdetect_calls: list[int | None],
) -> None:
    assert clear_language(ONE_PARAGRAPH) is None
    guess = detect_language(ONE_PARAGRAPH)
    assert (guess.language, guess.probability) == ("fr", 1.0)
    article = make_article(ONE_PARAGRAPH, language="fr")
    params = {"expected_languages": ["en"]}
    without = list(find_mixed_language([article], params))  # language given by the record
    assert langdetect_calls == [3]
    article.language_prob = guess.probability
    langdetect_calls.clear()
    assert list(find_mixed_language([article], params)) == without
    assert langdetect_calls == []


def test_three_trials_are_the_first_three_of_seven() -> None:
    """What the reuse rests on: the seeded detector's q-trial run is the first q trials of
    its 7-trial run, so 3 trials are at least (7p - 4) / 3 sure of the 7 trials' guess,
    and exactly that when the 4 later trials are all sure of it (this text)."""
    text = "Zelensky vowed to attend personally"
    [(top, p7), _] = language_probabilities(text, min_chars=1)
    p3 = dict(language_probabilities(text, min_chars=1, trials=3))[top]
    assert (top, round(p7, 4), round(p3, 4)) == ("en", 0.7143, 0.3333)
    assert p3 == pytest.approx((7 * p7 - 4) / 3, abs=1e-5)


@pytest.mark.parametrize(("probability", "trials", "expected"), [
    (1.0, 3, [("fr", 1.0)]),
    (0.9958, 3, [("fr", pytest.approx(0.9902, abs=1e-4))]),  # 3 trials >= 0.99 for sure
    (0.9957, 3, None),  # they might be less sure than 0.99: ask langdetect
    (0.8571, 3, None),
    (0.8571, None, [("fr", 0.8571)]),  # the very call ingest made
    (0.9, None, None),  # rounded to 4 places, on the threshold: ask again
])
def test_what_ingests_verdict_says_of_a_langdetect_call(
    probability: float, trials: int | None, expected: object
) -> None:
    known = ("fr", probability)
    assert language_mixed._ingest_ranking(ONE_PARAGRAPH, known, trials, {}) == expected
    assert language_mixed._ingest_ranking(RUSSIAN_ARTICLE, ("ru", 1.0), trials, {}) is None  # fast path


def test_plainly_english_reads_ascii_as_the_word_regex_does() -> None:
    """The ASCII path (byte translation) counts the same words as `\\w+` on any text."""
    from audit.detect.language import mixed

    def by_regex(paragraph: str) -> bool:
        words = mixed._WORD.findall(paragraph.lower())
        return len(words) >= mixed.EN_FAST_MIN_WORDS and sum(
            w in mixed._EN_FUNCTION_WORDS for w in words) / len(words) >= mixed.EN_FAST_SHARE

    samples = ["".join(map(chr, range(128))) * 3, "The_of and to a in is that for it was on " * 2,
               "Zelensky said on Thursday that the talks in Istanbul would go on without Putin.",
               "Der Präsident sagte am Donnerstag, dass die Gespräche weitergehen würden, und the."]
    for text in samples:
        assert mixed._plainly_english(text) == by_regex(text)
    assert mixed._plainly_english(samples[2]) and not mixed._plainly_english(samples[3])


EARNINGS = ("Shr 41 cts vs 28 cts Net 66.2 mln vs 41.8 mln Revs 824.1 mln vs 693.3 mln Nine mths Shr "
            "1.50 dlrs vs 87 cts Net 236.1 mln vs 123.8 mln Revs 2.38 billion vs 2.02 billion Reuter")


def test_table_of_figures_is_no_foreign_passage_nor_foreign_article() -> None:
    """Reuters 1987 earnings tables (precision-2026-12-03.md): langdetect calls them Swedish
    with probability 1.0; a table of figures is in no language."""
    from audit.detect.language.unexpected import find_unexpected_language

    assert language_probabilities(EARNINGS, min_chars=1)[0][0] == "sv"  # what the checks used to report
    assert list(find_mixed_language([article(EARNINGS)], {})) == []
    assert list(find_unexpected_language([article(EARNINGS, "sv")], {"expected_languages": ["en"]})) == []
    assert len(list(find_unexpected_language([article(FRENCH, "fr")], {"expected_languages": ["en"]}))) == 1


def test_a_foreign_page_mostly_of_figures_is_still_judged() -> None:
    """The Zyte benchmark's Portuguese NASCAR standings page: a third of its words are
    figures, but it has sentences, so it is a page in Portuguese, not a table."""
    from audit.detect.language.mixed import table_of_figures

    standings = " ".join(f"{i} Piloto{i} {4000 - i} {i % 3} {i % 2}" for i in range(1, 30))
    page = ("Nesta página você terá sempre a classificação atualizada da NASCAR até a última corrida, "
            "coloque nos seus favoritos e venha sempre conferir. " + standings)
    assert table_of_figures(EARNINGS) and not table_of_figures(page)


def test_japanese_and_chinese_news_with_dates_are_not_tables_of_figures() -> None:
    """Real pages of htmldate's evaluation set (precision-multilingual.md): no spaces between
    words, so each run between spaces is a clause, and those holding a date or an amount
    made the article a "table of figures": an English suite did not report them."""
    from audit.detect.language.mixed import table_of_figures
    from audit.detect.language.unexpected import find_unexpected_language

    japanese = ("減税は24年6月ボーナスのタイミングで 岸田総理が会見で明らかに 政府が経済対策を決定したことを受け、"
                "岸田総理は先ほどから会見を行っています。")
    chinese = ("2020-04-01 10:29 財政部今天下午將公佈今年1-2月期統一發票中獎清冊，財政部透露，本期千萬中獎張數為18張。"
               "（資料照） 〔記者巫其倫／台北報導〕財政部今天下午將公佈今年1-2月期統一發票中獎清冊 "
               "今年1-2月期統一發票1000萬元特別獎獎號為「12620024」；200萬元特獎中獎號碼為「39793895」，"
               "1-2月期統一發票兌獎期限為4月6日至7月6日。")
    for text, language in ((japanese, "ja"), (chinese, "zh")):
        assert not table_of_figures(text)
        assert len(list(find_unexpected_language([article(text, language)], {"expected_languages": ["en"]}))) == 1
    assert table_of_figures(EARNINGS)


def test_a_short_text_without_an_article_verdict_is_not_called_an_english_article() -> None:
    """A short German record (htmldate's evaluation set, 84 letters) has no article language;
    its passage was reported "inside an article in en". Same finding, a message that is so."""
    text = "Dein wichtigster Touchpoint zur Digitalbranche. Dein wichtigster Touchpoint zur Digitalbranche."
    [finding] = mixed(text, None)
    assert finding.data["language"] == "de"
    assert "inside an article in en" not in finding.message and "too short" in finding.message


# Lines read on real pages with their line breaks kept (docs/measurements/mixed-precision.md):
# each was a finding of cb9625e that said what is not so.
GERMAN = (
    "Die Regierung hat am Donnerstag einen neuen Entwurf vorgelegt, der nach Ansicht der "
    "Opposition nicht weit genug geht. Die Abgeordneten wollen im Herbst über das Gesetz "
    "abstimmen, und die Verbände haben bereits ihre Kritik angekündigt."
)
SPANISH = (
    "El gobierno presentó el jueves un nuevo proyecto de ley que, según la oposición, no va "
    "lo bastante lejos. Los diputados votarán sobre la ley en otoño y las asociaciones ya "
    "anunciaron sus críticas."
)


@pytest.mark.parametrize("line, language", [
    ("Abb.: https://wakenewsautark.wordpress.com/2015/08/10/2015-autarkie-projekte-"
     "unterstutzen-wake-news-radiotv/", "de"),  # 'hu'
    ("Permalink: https://www.internetchemie.info/news/2021/jan21/heliumkerne-in-zinn-atomen-"
     "entdeckt.php", "de"),  # 'id'
    ("| Harwich and North Essex | Sir Bernard Jenkin | bernard.jenkin.mp@parliament.uk |", "en"),  # 'de'
    ("| Shrewsbury and Atcham | Daniel Kawczynski | daniel.kawczynski.mp@parliament.uk |", "en"),  # 'pl'
    ("$ cd /usr/src $ git clone https://github.com/PaulStoffregen/teensy_loader_cli.git", "de"),  # 'ca'
    ("LF 11 Elektronische Zusatzsysteme[box_colored class=“tablebox“ background=“#3D78BA“ "
     "title=“LF 14″]§57a[/box_colored] LF 7,8 Motormanagement Diesel[box_colored "
     "class=“tablebox“ background=“#3D78BA“ title=“LF 10″]Fahrwerkssysteme[/box_colored]", "de"),  # 'en'
])
def test_urls_addresses_paths_and_markup_are_no_language(line: str, language: str) -> None:
    frame = GERMAN if language == "de" else ENGLISH
    assert mixed(f"{frame}\n{line}\n{frame}", language=language) == []


def test_an_english_passage_with_a_url_is_still_found() -> None:
    tweet = ("HYDROXYCHLOROQUINE & AZITHROMYCIN, taken together, have a real chance to be one of "
             "the biggest game changers in the history of medicine. https://t.co/LEYob7Jofr")
    [finding] = mixed(f"{FRENCH}\n{tweet}\n{FRENCH}", language="fr")
    assert finding.data["language"] == "en" and finding.excerpt == tweet


@pytest.mark.parametrize("line, language", [
    ("creditshelf kooperiert mit finleap und plant Akquisition der Valendo GmbH", "de"),  # 'en'
    ("You can many popular dishes with bhindi like bhindi bhurji, bhindi do pyaza, Kurkure "
     "bhindi and bharwa bhindi.", "en"),  # 'id'
    ("- Con sensual fotografía, Edwin Luna y Kimberly Flores prometen sorprender a sus fans",
     "es"),  # 'en'
])
def test_a_line_with_the_articles_function_words_is_not_foreign(line: str, language: str) -> None:
    frame = {"de": GERMAN, "es": SPANISH}.get(language, ENGLISH)
    assert mixed(f"{frame}\n{line}\n{frame}", language=language) == []


@pytest.mark.parametrize("line, language", [
    ("Teksten går vel an, når vi tager datiden i betragtning. Tendensen for de andre metaller "
     "er faldende.", "da"),  # English "an", "for"; no Danish function word is listed
    ("Die Griekse ryk is deur Daniël as ‘n luiperd met vier vlerke voorgestel. Die Grondwet, "
     "met die Vryheidsmanifes as grondslag, verkondig dat Suid-Afrika aan almal wat daarin "
     "woon behoort.", "af"),
])
def test_a_language_without_listed_function_words_is_still_found(line: str, language: str) -> None:
    [finding] = mixed(f"{ENGLISH}\n{line}\n{ENGLISH}")
    assert finding.data["language"] == language and finding.excerpt == line


def test_taglish_with_a_few_english_words_is_still_found() -> None:
    line = ("ang buong statement ng ABS-CBN na kasalukuyang walang free TV dahil sa hindi "
            "pagbibigay ng franchise ng Congress sa network.")
    [finding] = mixed(f"{ENGLISH}\n{line}\n{ENGLISH}")
    assert finding.data["language"] == "tl"


@pytest.mark.parametrize("line", [
    "docker, installation, install, Docker Engine, Docker Engine, docker editions, stable, edge",  # 'sv'
    "- Sterile citrus soil mix OR peat, perlite, vermiculite, and organic fertilizer;",  # 'ro'
])
def test_a_short_keyword_list_is_not_a_foreign_passage(line: str) -> None:
    assert mixed(f"{ENGLISH}\n{line}\n{ENGLISH}") == []


def test_a_short_sentence_with_commas_is_still_found() -> None:
    line = "Querida gente de Europa, de Grecia, España, Italia o de dondequiera que vivan!"
    [finding] = mixed(f"{ENGLISH}\n{line}\n{ENGLISH}")
    assert finding.data["language"] == "es" and finding.excerpt == line


CHINESE = (
    "根據各超商自行公布的中獎資訊，統一超商共有4位消費者中千萬大獎，1人在南投縣南投市宏旺門市購買"
    "50元的CITY CAFE咖啡；1人在彰化縣社頭鄉金佳旺門市購買35元茶飲；1人則在台南市永康區砲校門市購買"
    "190元民生用品；另1人於新竹縣竹北市強興門市購買90元民生用品。"
)


def test_chinese_without_hangul_is_not_korean() -> None:
    opening = "是你嗎？ 1-2月期發票千萬獎開出18張。財政部今天公布1-2月期統一發票中獎號碼，共有18張千萬獎。"
    assert mixed(f"{opening}\n{CHINESE}", language="zh") == []
    # ingest's own 'ko' for a Chinese article (mc-0996) is the same misread
    assert mixed(f"{opening}\n{CHINESE}", language="ko") == []


def test_a_korean_passage_is_still_korean() -> None:
    korean = ("서울시는 목요일 새로운 교통 정책을 발표했으며, 시민들은 이번 조치가 출퇴근 시간을 "
              "줄일 것이라고 기대하고 있다.")
    [finding] = mixed(f"{ENGLISH}\n{korean}\n{ENGLISH}")
    assert finding.data["language"] == "ko"


def test_paragraph_spans_are_the_regex_runs() -> None:
    """_paragraph_spans gives what `[^\\n]+` finds: empty lines, line breaks at the ends,
    and the characters str.splitlines would cut at but the regex does not (\\r, U+2028, U+0085)."""
    import random
    import re

    from audit.detect.language.mixed import _paragraph_spans

    rng = random.Random(5)
    pieces = ["Paris", "\n", "\n\n", " ", "\r", "é", "\u2028", "\x85", "\r\n"]
    texts = ["", "\n", "one paragraph", *("".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
                                          for _ in range(5000))]
    for text in texts:
        assert list(_paragraph_spans(text)) == [m.span() for m in re.finditer(r"[^\n]+", text)], repr(text)


# --- what langdetect names a language but is none, or the article's close kin (precl.md) ---

# A Danish news page (mediacloud 2020, Danish business news; htmldate's evaluation set)
DANISH_PAGE = (
    "Norwegian-aktien har fået en flyvende start på 2020 efter Boeing-aftaler om erstatning for flyveforbud.\n"
    "Det pressede norske luftfartsselskab Norwegian har fået en flyvende start på 2020, hvor selskabets aktie er "
    "steget med omkring seks procent i værdi efter en times handel.\n"
    "Noget kunne tyde på, at den gode start på det nye årti ikke skyldes noget, Norwegian selv har gjort.\n"
    "Nytårsaftensdag oplyste Turkish Airlines, at selskabet havde indgået en aftale med flyproducenten Boeing om "
    "en erstatning for tab forbundet med et flyveforbud for Boeings 737 MAX-fly."
)
# A Norwegian blog post (UD Norwegian Bokmaal treebank, CC BY-SA 4.0)
NORWEGIAN_BLOG = (
    "Åh, jeg er så uerstattelig av meg!\n"
    "Så da betaler arbeidsgiver for at mor i stedet må sette sin karriere til side og være hjemme litt lenger. "
    "Og alle syns det er en god løsning.\n"
    "Men jäklar da!\n"
    "Jeg håper virkelig ikke dette er de samme folka som roper etter valgfrihet for familiene."
)
# Norwegian news prose of the same treebank: 300+ letters
NORWEGIAN_PASSAGE = (
    "Gulating lagmannsrett refser Bertelsen for opptrinnet. Tre år senere, i juli 2000, skriver daværende "
    "byrettsjustitiarius Erik Elstad til Justisdepartementet at saken lå i grenselandet mellom en dommers "
    "offentlige stilling og retten til å være privatperson. Elstad mener at Bertelsen burde ha vist mer "
    "varsomhet i sitt engasjement, noe Justisdepartementet sier seg enig i."
)


def _in(text: str, language: str) -> list:  # type: ignore[type-arg]
    return list(find_mixed_language([article(text, language)], {"expected_languages": [language]}))


def test_a_sentence_of_the_articles_close_kin_is_not_a_foreign_passage() -> None:
    # langdetect: 'no' at 1.00 for the Danish sentence, 'da' at 1.00 for the Norwegian one
    assert language_probabilities(DANISH_PAGE.splitlines()[2], min_chars=1)[0][0] == "no"
    assert _in(DANISH_PAGE, "da") == []
    assert _in(NORWEGIAN_BLOG, "no") == []


def test_a_long_sure_passage_in_a_close_kin_is_still_found() -> None:
    lines = DANISH_PAGE.splitlines()
    text = "\n".join([*lines[:2], NORWEGIAN_PASSAGE, *lines[3:]])
    [finding] = _in(text, "da")
    assert finding.excerpt == NORWEGIAN_PASSAGE and finding.data["language"] == "no"


def test_random_letters_are_no_language() -> None:
    # a test page of random letters (htmldate's evaluation set), 'pl' at 1.00
    junk = "Jv cxkqgk fgj woh Haobspm wwk Diir kjt, zjuqs ankiyl cpqui gawejs gryb imef, rcyfjyk Hyql."
    assert language_probabilities(junk, min_chars=1)[0] == ("pl", pytest.approx(1.0, abs=1e-3))
    assert mixed(f"{ENGLISH}\n{junk}\nThe Kremlin said Putin would not attend.") == []


def test_lorem_ipsum_is_no_language() -> None:
    # placeholder text left on a German church news page, 'ca' at 0.9998
    lorem = ("Dolor ipsam et est cumque. Laboriosam sed delectus rerum sint qui natus tenetur ea. Tenetur debitis "
             "aspernatur sapiente iure. Esse voluptatem eos sequi quia. Repellat odio libero et aliquam dicta. "
             "Voluptatem blanditiis iure numquam. Sint veritatis quia sunt non officia sapiente ipsam omnis.")
    german = ("Westerkappeln. „Der Grundsatz ist immer noch: Wir möchten den Kindern eine biblische Geschichte "
              "nahebringen.“ Melanie Wehmeier ist eifrige Mitarbeiterin im Kindergottesdienst-Team, und das schon "
              "seit vielen Jahren.")
    assert _in(f"{german}\n{lorem}", "de") == []


def test_real_latin_and_real_prose_are_languages() -> None:
    # Caesar is no placeholder (langdetect's guess for it: 'ca'); the prose of other tests neither
    latin = ("Gallia est omnis divisa in partes tres, quarum unam incolunt Belgae, aliam Aquitani, tertiam qui "
             "ipsorum lingua Celtae, nostra Galli appellantur.")
    assert not not_a_language(latin, "ca")
    assert not not_a_language(FRENCH, "fr") and not not_a_language(NORWEGIAN_PASSAGE, "no")


def test_a_wordpress_tag_line_is_chrome_not_a_language() -> None:
    """fresh21 (FakeNewsCorpus): the post footer "Filed under: ... | Tagged: ..." read as a
    German passage (probability 1.00); it is boilerplate.line's (now in its phrase list), not
    a language's. Guard: the French paragraph beside it is still found."""
    tags = "Filed under: democracy, Regime Change | Tagged: dennis kucinich, impeachment | 1 Comment »"
    text = f"{ENGLISH}\nContinue reading →\nAdvertisements\n{tags}"
    assert mixed(text) == []
    assert [f.excerpt for f in mixed(f"{ENGLISH}\n{FRENCH}\n{tags}")] == [FRENCH]


@realtext.needs_lingua
def test_no_foreign_passage_in_a_language_langdetect_lacks() -> None:
    """Zulu, Xhosa and Shona read as 'sw', Icelandic as 'no'; a sentence of the same text then
    reads as 'tl', 'hu', 'hr' ... (two Zulu pages and an Icelandic one of fundus, each a false
    passage). Articles of 10 Leipzig sentences (lingua testdata): none now in another verdict of those languages; before, 13 in 80.
    A real foreign passage in such an article's frame ('en' in 'sw') is still one."""
    found = read = 0
    for code in ("zu", "xh", "sn", "is"):
        lines = (realtext.LINGUA / f"{code}.txt").read_text(encoding="utf-8").splitlines()
        for k in range(0, 200, 10):
            a = to_article(RawRecord(source_uri="x", source_sha256="", record_id="z", text="\n".join(lines[k:k + 10]),
                                     fields={}), "z")
            if a.language not in ("sw", "no"):
                continue  # (a Shona article read as 'id': a frame the rule leaves alone)
            read += 1
            # ('en' and 'pt' are left: names and loanwords, "uDwaine Pretorius", "iTinto Antigo")
            found += sum(f.data["language"] not in ("en", "pt") for f in find_mixed_language([a], {}))
    assert found == 0 and read >= 70
    zulu = (realtext.LINGUA / "zu.txt").read_text(encoding="utf-8").splitlines()[:10]
    a = to_article(RawRecord(source_uri="x", source_sha256="", record_id="z", fields={},
                             text="\n".join([*zulu[:5], ENGLISH.replace("\n", " "), *zulu[5:]])), "z")
    assert a.language == "sw" and [f.data["language"] for f in find_mixed_language([a], {})] == ["en"]


def test_a_foreign_quarter_of_a_one_paragraph_article_is_found() -> None:
    """A flattened article is one paragraph: judged whole, langdetect was sure of its majority
    and a French article appended to a German one went unseen (multiling odd.jsonl: 10 of 10).
    A long paragraph is judged in windows of whole sentences; the French part is a passage."""
    german = ("Im Trubel des Alltags ist mir entgangen, dass dieser Blog im März sein fünfzehnjähriges Bestehen "
              "feierte. In dieser Zeit sind viele Beiträge entstanden, die ich mit der Welt geteilt habe. ") * 12
    french = ("Aurélie Trouvé, porte-parole d'Attac, était l'invitée de la radio pour parler du lancement du "
              "processus de référendum. Elle a expliqué que les citoyens devaient pouvoir se prononcer. ") * 4
    a = make_article(german + french.strip(), language="de")
    (found,) = find_mixed_language([a], {})
    assert found.data["language"] == "fr" and found.end == len(a.text.rstrip())
    # from its first sentence: the window where the French begins is judged whole, in German,
    # and the sentences before the run are judged one by one back to the German
    assert a.text[found.start:].startswith("Aurélie Trouvé")


def test_a_dumped_pdf_stream_is_no_language() -> None:
    """A PDF's stream inside a FakeNewsNet page ('4,".%VBLS.@&3O7*;$TQi ... endstream endobj')
    was a passage in 'hr' (p 1.00): a fifth of its visible characters are symbols."""
    junk = ('4,".%VBLS.@&3O7*;$TQi-eN@h9kc@,DYWo5-M.S&1F F.jNk:..Q\\XE(MHb:us-+:,=`:&@r_MdTr-Ut6\\QsVkn*,/b2ah'
            '\\scGRP,A/UF&g2-4U4L0>R@ ?beIu/QB8aqOBH:)84pF1,rJpD<=q]3#i?5AhS3kN`.T9ar$-#Y-sC8)X_Mr`>?7 endstream')
    assert list(find_mixed_language([make_article(f"{ENGLISH}\n{junk}\n{ENGLISH}")], {})) == []
    assert language_mixed._symbol_soup(junk) and not language_mixed._symbol_soup(RUSSIAN)


# Fake.Br (Brazilian news, twenty-sixth session): a Portuguese article, and Portuguese written
# without its accents, which langdetect called Spanish (p 1.00) in 5 of 7,200 articles.
PORTUGUESE = ("O partido decidiu expulsar o deputado federal após a Polícia Federal fazer buscas no gabinete "
              "dele na Câmara. Por meio de nota, a legenda informou que o afastamento já era algo acordado "
              "entre os filiados da sigla. ")
UNACCENTED = "Segundo o jornal, Lula pretende contar tudo e ate mesmo entregar documentos de grande valor."
SPANISH = ("El presidente del gobierno anunció ayer en Madrid que las elecciones generales se celebrarán "
           "en el mes de noviembre, después de una larga negociación con los partidos de la oposición, "
           "que habían pedido un adelanto electoral desde el verano pasado por la crisis económica. ")


def test_spanish_in_a_portuguese_article_needs_a_siblings_length() -> None:
    """Portuguese and Spanish are siblings (not_language.SIBLINGS): a short passage called
    Spanish in a Portuguese article is not reported; a long Spanish one still is."""
    assert language_mixed.close_kin("es", {"pt"}) and not language_mixed.close_kin("it", {"pt"})
    assert mixed(f"{PORTUGUESE}\n{UNACCENTED}\n{PORTUGUESE}", "pt") == []
    [found] = mixed(f"{PORTUGUESE}\n{SPANISH * 2}\n{PORTUGUESE * 2}", "pt")
    assert found.data["language"] == "es"


def test_passages_holding_most_of_the_article_say_its_verdict_is_wrong() -> None:
    """A Portuguese story quoting an English post whole, read "en" by its opening (fb-true-670):
    its Portuguese, most of its letters, is not a passage inside an English article. A
    Portuguese quarter of an English article still is."""
    english = ENGLISH * 6
    assert mixed(f"{PORTUGUESE * 10}\n{english}\n{PORTUGUESE * 14}", "en") == []
    [found] = mixed(f"{english}\n{PORTUGUESE * 6}\n{english}", "en")
    assert found.data["language"] == "pt"
    # a text the verdict read whole (under MAX_CHARS) keeps its passages, however long
    found = mixed(f"{PORTUGUESE * 2}\n{ENGLISH}\n{PORTUGUESE * 2}", "en")
    assert [f.data["language"] for f in found] == ["pt", "pt"]


def test_the_verdict_is_weighed_against_the_letters_of_words_not_of_code() -> None:
    """A German blog post under 5,000 characters of PHP warnings (hd-0075, read "en" by that
    opening): its German holds most of the text's words, though not of its letters with the
    warnings' paths and calls, which no piece counts either (thirty-sixth session)."""
    warning = ("Strict Standards: Non-static method nggGallery::get_option() should not be called statically "
               "in /www/htdocs/w00a2ebd/wp-content/plugins/nextgen-gallery/nggfunctions.php on line 813\n")
    assert mixed(warning * 30 + PORTUGUESE * 16, "en") == []
    [found] = mixed(warning * 30 + PORTUGUESE * 9, "en")  # under half of the words: a passage
    assert found.data["language"] == "pt"


def test_a_passage_in_the_titles_script_is_the_articles_own_text() -> None:
    """A story whose title is in Cyrillic, Devanagari or Georgian but whose verdict is a language
    of Latin letters was misjudged by its page's chrome (a Hindi Business Standard story under
    an English menu, "en" 0.71: mc-0855): its text in the title's script is no foreign passage."""
    text = f"{ENGLISH}\n{RUSSIAN}"
    russian_title = "Мединский: переговоры в Стамбуле продолжаются"
    assert list(find_mixed_language([dataclasses.replace(article(text), title=russian_title)],
                                    {"expected_languages": ["en"]})) == []
    for title, language in (("Talks in Istanbul go on", "en"), (russian_title, "uk")):
        found = find_mixed_language([dataclasses.replace(article(text, language), title=title)],
                                    {"expected_languages": ["en"]})
        assert RUSSIAN in [f.excerpt for f in found]  # (in a "uk" article, the English too)


@pytest.mark.parametrize(("title", "language", "script"), [
    ("सेबी को एमएफ मामले निपटाने चाहिए", "en", "DEVANAGARI"),
    ("266 ინფიცირებული და 67 გამოჯანმრთელებული", "en", "GEORGIAN"),
    ("证通电子：拟联合腾讯增资新三板企业盛灿科技", "ca", "CJK"),
    ("سند چشم‌انداز توسعه", "fa", None),  # a verdict in that script: nothing to say
    ("Мед", "en", None), ("2024", "en", None), ("«»—…", "en", None), ("", "en", None), (None, "en", None),
    ("Talks in Istanbul go on", "en", None), ("Zelensky «Мы готовы» talks in Istanbul", "en", None),
])
def test_the_titles_script_is_said_only_when_it_is_clear(title: str | None, language: str, script: str | None) -> None:
    assert language_mixed._title_script(title, language) == script


# Spanish news writes its least ambiguous function words sparingly: 12 of this paragraph's 78
# words are the table's Spanish ones (15%, under ingest's 20%)
SPANISH_NEWS = ("Ante esto, el equipo legal que pretende demostrar la inocencia del expresidente aseguró que el "
                "testigo no declararía en su contra, sino que aclararía a quién entregó el dinero y si fue verdad "
                "que envió fondos a la campaña. Los abogados explicaron a este diario que la fianza se está "
                "preparando y que varias organizaciones en Estados Unidos trabajan para ser garantes del acusado, "
                "mientras la fiscalía mantiene su postura. Según el juez, el caso ya está cerrado.")


def test_a_paragraph_of_an_article_not_in_english_is_plain_from_a_lower_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """PLAIN_MIN_SHARE: a Spanish paragraph of a Spanish article needs no langdetect call (96 of
    the gate corpus's 99 Spanish windows made one, each saying Spanish); in an article in
    English as well, ingest's share still holds."""
    assert language_probabilities(SPANISH_NEWS)[0][0] == "es" and clear_language(SPANISH_NEWS, 12, 4) is None

    def no_call(*args: object, **kwargs: object) -> None:
        raise AssertionError("langdetect called")

    monkeypatch.setattr(language_mixed, "language_probabilities", no_call)
    text = f"{SPANISH_NEWS}\n{SPANISH_NEWS}"
    piece = language_mixed._plain(text, 0, len(SPANISH_NEWS), {"es"}, {})
    assert piece is not None and piece.language == "es"
    assert language_mixed._plain(text, 0, len(SPANISH_NEWS), {"es", "en"}, {}) is None
    assert mixed(text, "es") == []


# A Russian dialogue line without ы, э, ё, made up on the shape of two ng.ru lines that were
# "Bulgarian" at p 1.00 (Nezavisimaya Gazeta, twenty-ninth session)
RUSSIAN_TURN = "– Не слушайте радио, слушайте меня! Вот, все готово – предохранители поменял."


def test_russian_without_its_own_letters_is_not_bulgarian() -> None:
    assert language_probabilities(RUSSIAN_TURN, min_chars=1)[0][0] == "bg"  # langdetect's verdict
    text = f"{RUSSIAN_ARTICLE}\n{RUSSIAN_TURN}\n{RUSSIAN_ARTICLE}"
    assert list(find_mixed_language([article(text, "ru")], {"expected_languages": ["ru"]})) == []
    # a Ukrainian line (і, ї, є) in a Russian article is still one
    ukrainian = "Президент України Володимир Зеленський прибув у четвер до Анкари, де зустрівся з президентом."
    found = list(find_mixed_language([article(f"{RUSSIAN_ARTICLE}\n{ukrainian}\n{RUSSIAN_ARTICLE}", "ru")],
                                     {"expected_languages": ["ru"]}))
    assert [f.excerpt for f in found] == [ukrainian]



# _SENTENCE with its closing mark named: the matches that end at one are sentence_stops'
_MARKED = re.compile(language_mixed._SENTENCE.pattern.replace("(?:[", "(?:(?P<mark>[", 1).replace(
    "(?=\\s)|$)", "(?=\\s))|$)", 1), re.DOTALL)


@pytest.mark.parametrize("text", [
    "One. Two! Three? Four… «Five» “Six” Seven\" eight", ". Lone dot starts. Then more. ", "...  . . x. y.",
    "“Zitat.“ Danach kommt mehr. Und Schluss.", "no mark at all", "   ", "", "a.b. c.\td.\nE. f!\u2003g",
    "Ends with mark.", "Ends with space. ", "x . . . y", "\u3000Wide.\u3000Space! End", ".\n", "a.\n",
])
def test_sentence_stops_are_where_the_sentence_pattern_ends_at_a_mark(text: str) -> None:
    """_windows cuts at sentence_stops, found by one scan for the closing marks: the same
    cuts _SENTENCE's matches made (a mark opening a sentence closes nothing), on any slice."""
    assert _MARKED.groupindex == {"mark": 1}
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            expected = [m.end() for m in _MARKED.finditer(text, start, end) if m.group("mark")]
            assert list(language_mixed.sentence_stops(text, start, end)) == expected, (text, start, end)


@realtext.needs_gold
def test_sentence_stops_match_the_sentence_pattern_on_real_one_paragraph_articles() -> None:
    import json

    texts = [json.loads(line)["text"] for line in realtext.records(300)]
    for text in texts:
        expected = [m.end() for m in _MARKED.finditer(text) if m.group("mark")]
        assert list(language_mixed.sentence_stops(text, 0, len(text))) == expected
    assert sum(len(list(language_mixed.sentence_stops(t, 0, len(t)))) > 3 for t in texts) > 200


# --- a reference list's entries are no foreign passage (mixed.citations) -----------------------

# Entries of the footnotes and sources under web pages of htmldate's and trafilatura's
# evaluation sets (pages_lines): each was reported as a foreign passage.
CITATIONS = [
    "[2] Smaldino, P. E. & McElreath, R. (2016) The natural selection of bad science. Royal Society "
    "Open Science, 3. https://doi.org/10.1098/rsos.160384",
    "Quelle: Carlsen OCL et al.: Physical activity in pregnancy: a Norwegian-Swedish mother-child birth "
    "cohort study. AJOG Global Reports 2021. 1. http://dx.doi.org/10.1016/j.xagr.2020.100002",
    "[1] Ford, Martin. 2016. The rise of the robots: technology and the threat of mass unemployment. "
    "Paperback edition. London: Oneworld.",
    "(1) Afrobarometer (2021): Les Tunisiens ont confiance en leurs tribunaux mais pensent que les gens "
    "ne sont pas égaux devant la loi.",
    "- 34. Parajuli S et al. Leflunomide induced DRESS syndrome: a case report. Nepal J Dermatol, Venereol "
    "Leprol. 2012;10(1):46–8.",  # Vancouver style, under an English page (read as Romanian)
    "₃ Intergovernmental Panel on Climate Change (2020): Climate Change and Land: An IPCC Special Report "
    "on climate change, desertification, land degradation, sustainable land management, abrufbar unter "
    "https://www.ipcc.ch/site/assets/uploads/sites/4/2020/02/SPM_Updated-Jan20.pdf.",
]
GERMAN = (
    "Der Stadtrat hat am Mittwoch den neuen Haushalt für das kommende Jahr beschlossen. Nach Angaben "
    "des Bürgermeisters fließt der größte Teil des Geldes in die Sanierung von Schulen, Straßen und "
    "Krankenhäusern. Die Abgeordneten diskutierten fast sechs Stunden über das Papier, und viele "
    "Bürger verfolgten die Sitzung im Internet."
)


@pytest.mark.parametrize("entry", CITATIONS)
def test_a_reference_list_entry_is_no_foreign_passage(entry: str) -> None:
    assert language_mixed.citations(entry)
    found = list(find_mixed_language([article(f"{GERMAN}\n{entry}", "de")], {"expected_languages": ["de"]}))
    assert found == []


def test_a_foreign_passage_with_a_year_or_a_link_is_still_one() -> None:
    """One mark is not an entry: an English paragraph ending on a year, or holding a link,
    inside a German article is still reported."""
    dated = f"{ENGLISH.splitlines()[0]} The talks were first held in 2016."
    linked = f"{ENGLISH.splitlines()[1]} See https://example.org/talks for the record."
    for passage in (dated, linked):
        assert not language_mixed.citations(passage)
        [finding] = find_mixed_language([article(f"{GERMAN}\n{passage}", "de")], {"expected_languages": ["de"]})
        assert finding.data["language"] == "en"


def test_a_passage_is_a_reference_list_only_when_every_line_is_an_entry() -> None:
    assert language_mixed.citations("\n".join(CITATIONS[:3]))
    assert not language_mixed.citations(f"{CITATIONS[0]}\n{ENGLISH.splitlines()[0]}")


def test_a_long_foreign_text_with_two_marks_is_no_reference_list() -> None:
    """A French article glued to a German one (odd-defr-4: 8,923 characters) had a link and a
    year "(2019)" somewhere; a line that long is entries run together only with a year every
    300 characters (a flat page's source list: 910 characters, 7 years)."""
    french = " ".join([FRENCH] * 6)
    glued = f"{french} Le rapport (2019) est en ligne sur https://example.org/rapport. {french}"
    assert len(glued) > 1000 and not language_mixed.citations(glued)
    run_together = " ".join(CITATIONS[:3])
    assert len(run_together) > 400 and language_mixed.citations(run_together)


# ja_news' pages list their sources and related links under the story, in their own language
# ("【関連情報】" / "・ Red alert: ..."): 8 of its 11 findings (a second read, thirty-ninth session).
LINKED = "Red alert: Rio backs £17m United new boy Kagawa to take Premier League by storm (The Daily Mail)"
QUOTED = "“We will not give up on the talks, whatever Moscow says,” the minister told reporters on Friday."


def test_a_listed_title_is_no_foreign_passage_but_a_listed_sentence_is() -> None:
    def found(item: str) -> list:  # type: ignore[type-arg]
        text = f"{GERMAN}\nMehr zum Thema:\n{item}"
        return list(find_mixed_language([article(text, "de")], {"expected_languages": ["de"]}))

    assert found(f"・ {LINKED}") == [] and found(f"- {LINKED}") == []
    # the contrast: the same title as a line of its own (no bullet), and a bulleted quote, are passages
    assert [f.data["language"] for f in found(LINKED)] == ["en"]
    assert [f.data["language"] for f in found(f"- {QUOTED}")] == ["en"]


def test_persian_entries_citing_arabic_books_are_a_reference_list() -> None:
    """Fars' essays (fa_news) list Arabic books in Persian entries: a Hijri year, a volume or
    edition, the publisher's city, "no date". Four such lists were called Arabic passages."""
    entries = ("3. ابن فهد حلّی، جمال الدین احمد، المهذب البارع فى شرح المختصر النافع، قم: مؤسسه النشر الاسلامى، 1413ق.\n"
               "4. اردبیلى، ملااحمد، مجمع الفائده و البرهان فى شرح ارشاد الاذهان، ج12، قم: مؤسسه نشر اسلامى، 1417ق.\n"
               "5. امام خمینى، سیّدروح الله، تهذیب الاصول، تقریر جعفر سبحانى، ج3، قم: دارالفکر، بی تا.")
    assert language_mixed.citations(entries)
    assert language_mixed.citations("1. ابن ابی‌الحدید، 1418 ق، شرح نهج‌البلاغه، بیروت، دار الکتب العلمیه.")
    # a hadith quoted with its source is one mark, and an Arabic passage still
    assert not language_mixed.citations(
        "لایسئل فی القبر الا من محض الایمان محضا او محض الکفر محضا و الاخرون یلهون عنهم. (مجلسی، 1403: 112 / 266)")
    # a numbered line of Arabic prose has one mark: still judged
    assert not language_mixed.citations("1. لا ولایه للحاکم الشرعی فی تزویج الصغیر ذکراً کان أو أنثى، مع فقد الأب والجد")


PERSIAN_PREVIEW = (
    "تیم فوتبال استقلال در هفته بیستم لیگ برتر امروز در ورزشگاه آزادی به مصاف سپاهان می‌رود و "
    "سرمربی این تیم گفته است که بازیکنانش برای کسب سه امتیاز این دیدار آماده هستند. این دو تیم در "
    "دور رفت به تساوی رسیده بودند و هواداران امیدوارند که این بار تیمشان پیروز میدان باشد.\n"
    "کادر فنی استقلال پیش از این بازی دو جلسه تمرین در اردوی تهران برگزار کرد و بازیکنان مصدوم "
    "هم به تمرینات گروهی بازگشتند، اما حضور مدافع میانی تیم در ترکیب اصلی هنوز قطعی نیست.\n")


def test_a_persian_line_of_names_is_no_urdu_passage() -> None:
    """varzesh3 (fa_news): a preview's line of referees, all names, was 'ur' at 1.00; Urdu
    writes letters Persian does not, and the line has none of them."""
    referees = "داوران: کوپال ناظمی – جواد قنبریان ، حافظ عظیمی – امیرعرب براقی – ناظر: رسول فروغی"
    assert language_mixed.language_probabilities(referees, min_chars=1)[0][0] == "ur"
    found = list(find_mixed_language([article(PERSIAN_PREVIEW + referees, "fa")], {"expected_languages": ["fa"]}))
    assert found == []
    # an Urdu sentence in the same page is still a passage
    urdu = "پاکستان کے وزیر اعظم نے کہا ہے کہ حکومت اگلے مہینے سے بجلی کی قیمتوں میں کمی کرے گی اور عوام کو ریلیف دیا جائے گا۔"
    found = list(find_mixed_language([article(PERSIAN_PREVIEW + urdu, "fa")], {"expected_languages": ["fa"]}))
    assert [f.data["language"] for f in found] == ["ur"]


# gilets jaunes (CNN, 2019-01-07), flattened: a minister's French tweet of two sentences, its
# attribution, then the English story; the span held the first sentence only (the window that
# holds the second was judged English whole: a reader's "partly").
CASTANER = (
    "Police have identified the man filmed punching officers on a Paris footbridge during Saturday's "
    "protests, and the interior minister said on Monday that he was now in custody. Interior Minister "
    "Christophe Castaner tweeted Monday that \"the individual who violently attacked the policemen on the "
    "Senghor footbridge on Saturday has turned himself in to Paris investigators.\" L'individu qui a "
    "violemment attaqué samedi des gendarmes mobiles sur la passerelle Senghor s'est présenté aux "
    "enquêteurs de la sûreté territoriale de Paris. Il a été immédiatement placé en garde à vue et devra "
    "répondre de ses actes devant la Justice. — Christophe Castaner (@CCastaner) January 7, 2019 Castaner "
    "described the attack \"cowardly and intolerable\" and praised the police for staying calm. On Monday "
    "the boxer identified himself in a video posted on Facebook and said he was defending himself, and "
    "his lawyer said he would answer the judges' questions.")


def test_a_foreign_passage_takes_its_sentences_after_it_on_its_line() -> None:
    """The run as found (the first French sentence) grows by the next sentence, French, and
    stops at the attribution and the story, English (_reach_forward, as _reach_back before it)."""
    start = CASTANER.index("L'individu")
    end = CASTANER.index("de Paris.", start) + len("de Paris.")
    run = [language_mixed._judge(CASTANER, start, end, {}, {"en"})]
    assert run[0].language == "fr"
    grown = language_mixed._reach_forward(CASTANER, run, {"en"}, {})
    assert CASTANER[grown[0].start:grown[-1].end].endswith("devant la Justice.")
    assert len(grown) == 2


def test_every_passage_found_is_grown_forward(monkeypatch: pytest.MonkeyPatch) -> None:
    """foreign_passages hands each run it reports to _reach_forward (the call, not only the helper)."""
    grown = []

    def spy(text, run, base, params):  # type: ignore[no-untyped-def]
        grown.append(text[run[0].start:run[-1].end])
        return run

    monkeypatch.setattr(language_mixed, "_reach_forward", spy)
    [finding] = mixed(f"{ENGLISH}\n{FRENCH}\nThe Kremlin said Putin would not attend.")
    assert grown == [FRENCH] == [finding.excerpt]


@realtext.needs_lingua
def test_an_article_in_a_language_langdetect_lacks_is_not_judged(tmp_path: Path) -> None:
    """Kazakh, Armenian, Georgian, Mongolian and Serbian texts (lingua's news sentences, ten a
    text) labelled so by their records: langdetect read every one of their passages as another
    language ("ru", "et" at 1.00, "mk"): 527 findings on 500 texts. They are "not checked" now;
    a Ukrainian one, which langdetect knows, is still judged."""
    import json

    import audit

    path = tmp_path / "c.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for lang in ("kk", "hy", "ka", "mn", "sr", "uk"):
            sentences = (realtext.LINGUA / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
            for k in range(3):
                fh.write(json.dumps({"id": f"{lang}-{k}", "language": lang, "published": "2024-05-01",
                                     "text": " ".join(sentences[k * 10:k * 10 + 10])}, ensure_ascii=False) + "\n")
    result = audit.run([path], out=None, on_problem=None, workers=1)
    assert not [f for f in result.findings if f.check == "language.mixed"]
    assert result.summary["counts"]["not_checked_by_check"]["language.mixed"] == 15


def test_a_templates_expression_is_no_language() -> None:
    # trafilatura's lanouvellerepublique page kept its editing widget's template (read as Italian)
    template = ('{{nrco.contentDetailController.content.status === "published" ? "Contenu publié" : '
                'nrco.contentDetailController.content.status === "pending" ? "En attente de validation" : '
                'nrco.contentDetailController.content.status === "refused" ? "Contenu refusé" : '
                'nrco.contentDetailController.content.status === "draft" ? "Brouillon" : "Inconnu"}}')
    text = f"{FRENCH}\n{template}\n{FRENCH.replace('jeudi', 'vendredi')}"
    assert mixed(text, language="fr") == []
    assert [f.data["language"] for f in mixed(f"{FRENCH}\n{{{{ x }}}} {ENGLISH}", language="fr")] == ["en"]
