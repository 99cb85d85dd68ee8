"""Persian news (thirty-first session: Fars News 2003-2023 and Varzesh3).

Older Iranian text writes Persian with Arabic's yeh and kaf (ي, ك) where Persian's own are
ی and ک, and langdetect's character n-grams then read it as Arabic: a whole article was
"unexpected", and Persian sentences were "a foreign passage" inside Persian ones. Its
function words say Persian. The shapes are the corpus's; the sentences are made up.
"""

from __future__ import annotations

from audit.normalise.language import detect_language, persian_by_words

# a rate table: currencies' names with "يك" ("one"), written with Arabic's letters
PERSIAN_ARABIC_LETTERS = "\n".join([
    "نوع ارز        نرخ به ريال        حجم معاملات", "يك يورو (واحد پول اروپا)   11935", "يك دلار آمريكا   9228",
    "يك پوند انگليس   18090", "يكصد ين ژاپن   7669", "يك فرانك سوئيس   7401", "يك دلار كانادا   7885",
    "يك كرون نروژ   1430", "يك كرون سوئد   1314", "يك دينار كويت   32100"])
ARABIC = (
    "أعلن البنك المركزي اليوم عن أسعار الصرف الرسمية للعملات الرئيسية، وقال إن الدولار "
    "الأمريكي ارتفع مقابل العملة المحلية. وأضاف أن هذا الارتفاع قد يستمر حتى نهاية الشهر، "
    "وذلك في ظل الطلب المتزايد على العملات الأجنبية في السوق.")


def test_persian_written_with_arabic_letters_is_persian() -> None:
    assert detect_language(PERSIAN_ARABIC_LETTERS).language == "fa"
    # a sentence: two of Persian's function words and none of Arabic's
    assert persian_by_words("انسان با كلام و لفظ خشك به خدا نمى رسد و راه نيست.") == ("fa", 1.0)
    assert persian_by_words("انسان با كلام و لفظ خشك به خدا نمى رسد.") is None  # one is not enough


def test_arabic_stays_arabic() -> None:
    assert detect_language(ARABIC).language == "ar"
    assert persian_by_words(ARABIC) is None
    # Arabic words Persian writes too ("كرد" Kurds, "اين" where), repeated: counted once, not enough
    assert persian_by_words("نواب كرد ومسلحون كرد يطالبون بالحكم الذاتي وقال كرد آخرون اين اين") is None


SENTENCES = [
    "تیم میزبان در نیمه اول بازی بهتری داشت و چند موقعیت خوب روی دروازه حریف ایجاد کرد.",
    "مهاجم جوان این تیم در دقیقه بیستم با یک ضربه دیدنی دروازه مهمان را باز کرد.",
    "بازیکنان تیم مهمان پس از این گل حملات خود را بیشتر کردند اما نتوانستند به گل برسند.",
    "در نیمه دوم سرمربی تیم میزبان با دو تعویض سعی کرد خط میانی را محکم تر کند.",
    "داور بازی در دقیقه هفتادم یک پنالتی برای تیم مهمان اعلام کرد که به گل تبدیل شد.",
    "در دقایق پایانی هر دو تیم برای رسیدن به گل پیروزی تلاش زیادی کردند.",
    "هواداران در تمام مدت بازی از تیم خود حمایت کردند و ورزشگاه پر از سر و صدا بود.",
    "این نتیجه باعث شد تیم میزبان همچنان در رده سوم جدول باقی بماند.",
]


def test_a_match_reports_label_over_its_persian_paragraph_is_no_chrome() -> None:
    # a paragraph of a script without case is one unit (no sentence is cut in it): read as
    # prose by its full stop, the label above it is an in-article heading, though it recurs
    from factories import make_article

    from audit.detect.leakage.boilerplate import find_boilerplate_lines

    articles = []
    for k in range(4):
        body = " ".join(SENTENCES[k:] + SENTENCES[:k])
        lead = f"به گزارش ورزش سه، دیدار هفته {k + 10} لیگ برتر با برتری یک بر صفر به پایان رسید."
        articles.append(make_article(f"{lead}\nشرح بازی:\n{body}\n", article_id=f"v{k}", publisher="varzesh3",
                                     language="fa"))
    assert [f.excerpt for f in find_boilerplate_lines(articles, {})] == []


def _presentation_forms(text: str) -> str:
    """Persian as a 2003 Fars News page writes it: each letter as its contextual presentation form
    (initial, medial, final, isolated), which NFKC reads back to the letters."""
    import unicodedata

    forms: dict[tuple[str, str], str] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0] in ("<isolated>", "<initial>", "<medial>", "<final>"):
            forms.setdefault((chr(int(parts[1], 16)), parts[0][1:-1]), chr(code))
    apart = set("اآأإدذرزژو")  # letters that join no letter after them
    words = []
    for word in text.split(" "):
        shaped = []
        for i, letter in enumerate(word):
            after = i > 0 and word[i - 1] not in apart and (word[i - 1], "initial") in forms
            before = i + 1 < len(word) and letter not in apart and (letter, "initial") in forms \
                and (word[i + 1], "final") in forms
            form = {(True, True): "medial", (True, False): "final", (False, True): "initial"}.get(
                (after, before), "isolated")
            shaped.append(forms.get((letter, form), forms.get((letter, "isolated"), letter)))
        words.append("".join(shaped))
    return " ".join(words)


def test_persian_in_presentation_forms_is_no_foreign_passage() -> None:
    # fa_news: a Fars News page of 2003 in presentation forms, its paragraphs 'ar' or 'ur' to
    # langdetect; a second reader (thirty-fifth session) read one such "Arabic passage" as Persian
    import unicodedata

    from audit.detect.language.mixed import _lacked_by_langdetect

    paragraph = " ".join(SENTENCES[4:]).replace("ی", "ي").replace("ک", "ك")
    shaped = _presentation_forms(paragraph)
    assert shaped != paragraph and unicodedata.normalize("NFKC", shaped) == paragraph
    assert _lacked_by_langdetect(shaped, "ar", {"fa"})
    assert not _lacked_by_langdetect(ARABIC, "ar", {"fa"})  # Arabic in its letters: a passage still
    # Icelandic, which langdetect lacks, read as Swedish inside a page read as Norwegian
    icelandic = "segir Malín Brand, en þær stöllur eru hluti stærri hóps útskúfaðra og fyrrverandi votta"
    assert _lacked_by_langdetect(icelandic, "sv", {"no"})
    assert not _lacked_by_langdetect(icelandic, "sv", {"en"})  # inside an English page: foreign still
