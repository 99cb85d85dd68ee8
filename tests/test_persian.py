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
    assert persian_by_words("انسان با كلام و لفظ خشك به خدا نمى رسد و اين راه نيست.") is not None


def test_arabic_stays_arabic() -> None:
    assert detect_language(ARABIC).language == "ar"
    assert persian_by_words(ARABIC) is None
