"""audit.normalise.words: a word keeps the combining marks written on its letters."""

from __future__ import annotations

import re
import unicodedata

from factories import make_article

from audit.detect.duplicates.exact import exact_key
from audit.detect.duplicates.passage import find_shared_passages
from audit.detect.duplicates.tokens import tokenise
from audit.normalise.words import MARKS_FILE, mark_ranges, word_pattern, word_spans, words_of

# hindi.business-standard.com (prec20): a heading of its menu, and a sentence
HINDI = "अर्थनामा विश्लेषण"


def test_the_marks_file_is_this_python_s_unicode() -> None:
    """The shipped ranges are every code point of general category M* in Unicode 14 (Python
    3.11), as a scan finds them; a later Unicode (Python 3.12 on) only adds marks."""
    shipped = {c for low, high in mark_ranges(MARKS_FILE.read_text(encoding="utf-8")) for c in range(low, high + 1)}
    scanned = {c for c in range(0x110000) if unicodedata.category(chr(c)).startswith("M")}
    assert "Unicode 14.0.0 " in MARKS_FILE.read_text(encoding="utf-8")
    assert shipped == scanned if unicodedata.unidata_version == "14.0.0" else shipped <= scanned


def test_a_devanagari_word_is_one_word_with_its_vowel_signs() -> None:
    """`[^\\W_]+` cut "अर्थनामा" into "अर", "थन", "म": four words, and a span ended before
    the last vowel sign."""
    assert word_pattern().findall(f"{HINDI} test_x café") == ["अर्थनामा", "विश्लेषण", "test", "x", "café"]
    tokens = tokenise(HINDI)
    assert len(tokens) == 2 and tokens.span(0, 2) == (0, len(HINDI))
    assert exact_key("अर्थनामा") != exact_key("अर्थनाम")  # a vowel sign apart: not the same text


def test_a_passage_shared_in_hindi_ends_with_its_last_vowel_sign() -> None:
    words = ("सरकार ने बुधवार को नई आर्थिक नीति की घोषणा की जिसके तहत छोटे उद्योगों को सस्ते कर्ज "
             "दिए जाएंगे और निर्यात बढ़ाने के लिए विशेष क्षेत्र बनाए जाएंगे वित्त मंत्री ने कहा कि "
             "इससे लाखों लोगों को रोजगार मिलेगा और महंगाई पर भी काबू पाया जा सकेगा विपक्ष ने इस "
             "नीति को चुनावी घोषणा बताया और कहा कि पिछली योजनाओं का लाभ आम लोगों तक नहीं पहुंचा")
    market = ("मुंबई में शेयर बाजार आज तेजी के साथ बंद हुआ और निवेशकों ने बैंकिंग तथा ऊर्जा कंपनियों के "
              "शेयरों में जमकर खरीदारी की जबकि विदेशी निवेशक लगातार तीसरे दिन बिकवाली करते रहे। ") * 2
    rain = ("दिल्ली में तेज बारिश से कई इलाकों में यातायात प्रभावित रहा और मौसम विभाग ने अगले दो दिनों "
            "के लिए चेतावनी जारी की है जबकि स्कूलों को एहतियात के तौर पर बंद रखा गया। ") * 2
    one = make_article(f"{market}{words}। बाजार कल फिर खुलेगा।", article_id="a", language="hi")
    two = make_article(f"{rain}{words}। मौसम विभाग ने चेतावनी दी।", article_id="b", language="hi")
    found = list(find_shared_passages([one, two], {"min_words": 40}))
    assert [f.article_id for f in found] == ["a", "b"]
    assert all(f.excerpt == words for f in found)


def test_a_mark_on_no_letter_is_no_word_and_thai_keeps_its_breaks() -> None:
    """A helper's review: the variation selector of "❤️" and an accent after a space became
    words of their own ("❤️" and "❤" were two texts); and Thai, written without spaces
    between words, became one "word" a phrase (a page of 338 tokens made 99): its marks
    stay word breaks, as before."""
    text = "We \u2764\ufe0f New York \u0301ok"
    assert words_of(text) == ["We", "New", "York", "ok"]
    assert [text[a:b] for a, b in word_spans(text)] == ["We", "New", "York", "ok"]
    assert exact_key("We \u2764\ufe0f New York") == exact_key("We \u2764 New York")
    thai = "ภาษาไทยครับ"
    assert words_of(thai) == re.findall(r"[^\W_]+", thai) == ["ภาษาไทยคร", "บ"]
