"""duplicate.repeated: the standfirst of seed 004 restated in its body, and the traps."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from factories import make_article

from audit.detect.duplicates.repeated import find_repeated_sentences
from audit.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(text: str) -> Article:
    return make_article(text, article_id="a")


def test_seed_004_standfirst_repeated_in_body() -> None:
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    findings = list(find_repeated_sentences([article(text)], {}))
    assert len(findings) == 1
    f = findings[0]
    assert f.check == "duplicate.repeated"
    assert f.excerpt == text[f.start:f.end] == (
        "European leaders had furiously demanded that Russian President Vladimir Putin agree "
        "to a 30-day ceasefire before negotiations could start")
    assert f.start > f.data["first_start"]  # reported on the later copy
    assert text[f.data["first_start"]:f.data["first_end"]].startswith("European leaders")


def test_recurring_names_and_titles_are_not_repeats() -> None:
    text = ("Russian President Vladimir Putin declined to travel to Istanbul. "
            "Ukrainian President Volodymyr Zelensky said he would go to Istanbul. "
            "Aides to Russian President Vladimir Putin said the delegation would be led by "
            "Vladimir Medinsky, while Ukrainian President Volodymyr Zelensky met Erdogan.")
    assert list(find_repeated_sentences([article(text)], {})) == []


def test_paragraph_said_three_times_is_reported_on_copies_two_and_three() -> None:
    para = ("The Kremlin said the delegation would be led by presidential aide Vladimir "
            "Medinsky, who headed the failed talks in the spring of 2022.")
    text = f"{para}\n\nTalks begin on Thursday.\n\n{para}\n\nAnalysts were sceptical.\n\n{para}"
    findings = list(find_repeated_sentences([article(text)], {}))
    assert [text[f.start:f.end] for f in findings] == [para.rstrip("."), para.rstrip(".")]
    assert [f.start for f in findings] == [text.index(para, 1), text.rindex(para)]


def test_nearly_repeated_sentence_with_a_changed_word() -> None:
    first = ("Zelensky vowed to attend personally and called on Putin to do likewise, "
             "though the Russian leader declined the offer on Wednesday night.")
    later = ("Zelenskyy vowed to attend personally and called on Putin to do the same, "
             "though the Russian leader declined the offer on Wednesday night.")
    text = f"{first} The talks were set for Istanbul. {later}"
    findings = list(find_repeated_sentences([article(text)], {}))
    assert len(findings) == 1 and findings[0].excerpt.startswith("Zelenskyy vowed")
    assert findings[0].excerpt.endswith("Wednesday night")


def test_min_words_param_and_odd_text() -> None:
    text = "Back to top. " * 3 + "\x00\ufffd" * 50
    assert list(find_repeated_sentences([article(text)], {})) == []
    short = "The ceasefire must come first, Macron said. The ceasefire must come first, Macron said."
    assert list(find_repeated_sentences([article(short)], {})) == []
    assert len(list(find_repeated_sentences([article(short)], {"min_words": 6}))) == 1


def test_one_sentence_said_thousands_of_times_is_one_loop_finding() -> None:
    sentence = "The ceasefire talks in Istanbul ended on Thursday without an agreement. "
    text = (sentence * 3000).strip()
    (found,) = find_repeated_sentences([article(text)], {})
    assert (found.data["first_start"], found.data["first_end"]) == (0, len(sentence) - 2)
    assert found.start == len(sentence) and found.end == len(text) - 1  # every later copy
    assert found.message.startswith("Degenerate text: the 11-word passage at characters 0-70")
    assert "about 2999 more times" in found.message


def test_a_refrain_between_different_sentences_is_not_a_loop() -> None:
    refrain = "Reporting by the Istanbul bureau of the agency."  # 20 times: a refrain
    towns = ["Ankara", "Kyiv", "Odesa", "Lviv", "Kharkiv", "Dnipro", "Izmir", "Bursa", "Konya",
             "Antalya", "Moscow", "Tallinn", "Riga", "Vilnius", "Warsaw", "Berlin", "Paris",
             "Madrid", "Lisbon", "Rome"]
    text = " ".join(f"{refrain} Envoys from {town} arrived." for town in towns)
    assert list(find_repeated_sentences([article(text)], {})) == []


def test_ascii_shortcuts_give_the_regex_words_and_folds() -> None:
    """Issue 13 (dup-dates-speed): ASCII texts are split with translate, ASCII words folded
    with lower(); both as the regex and the Unicode fold they skip."""
    from audit.detect.duplicates import tokens

    every = "".join(map(chr, range(128)))
    texts = [every, every[::-1], "Zelenskyy's  travelled_to Kyiv--on 15.05.2025 (AFP)\tx1y2 __ a"]
    texts += [path.read_text(encoding="utf-8").encode("ascii", "ignore").decode() for path in SEEDS.glob("*.txt")]
    assert len(texts) > 5
    for text in texts:
        assert tokens._words(text) == re.findall(r"[^\W_]+", text)
        for word in re.findall(r"[^\W_]+", text):
            assert tokens._fold_word(word) == _unicode_fold(word)


def _unicode_fold(word: str) -> str:
    import unicodedata

    from audit.detect.duplicates.tokens import _DOUBLED

    plain = "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))
    return _DOUBLED.sub(r"\1", plain)


def test_no_repeated_kgram_no_search() -> None:
    """find_repeated_sentences folds words only for texts where repeats_a_kgram (what
    kgram_positions would find) holds; text_word_hashes hashes the words as written."""
    from audit.detect.duplicates import tokens
    from audit.detect.duplicates.repeated import kgram_positions, repeats_a_kgram

    words = [f"w{n}" for n in range(40)]
    for text in (" ".join(words), " ".join(words + words[:5]), " ".join(words + words[:6]), "a b"):
        base = tokens.text_word_hashes(text)
        assert repeats_a_kgram(base, 6) == bool(kgram_positions(text.split(), 6)[1])
    assert repeats_a_kgram(tokens.text_word_hashes(" ".join(words + words[:6])), 6)
    for path in SEEDS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert tokens.text_word_hashes(text).tolist() == list(map(tokens.word_hash, tokens._folded_words(text)))
    for text in ("", "Zelenskyy’s café, naïve İstanbul 2025 ΑΘΗΝΑ", "x " * 3):  # read from the digests' bytes
        hashes = tokens.text_word_hashes(text)
        assert hashes.dtype == np.uint64 and not hashes.flags.writeable
        assert hashes.tolist() == list(map(tokens.word_hash, tokens._folded_words(text)))


def test_table_rows_with_other_figures_are_not_repeats() -> None:
    """Reuters 1987 (precision-2026-12-03.md): the quarter's and the year's note share their
    words, not their figures; 17 of 25 repeats read there and in Reuters 2017 were such rows."""
    text = ("Note: Qtr shr and net exclude tax gain of 4,573,000 dlrs or 17 cts share, versus gain of "
            "17,259,000 dlrs or 1.02 dlrs share Year shr and net exclude tax gain of 15,992,000 dlrs "
            "or 78 cts share, versus gain of 18,042,000 dlrs or 1.06 dlrs share Reuter")
    assert list(find_repeated_sentences([article(text)], {})) == []
    same = text.replace("15,992,000 dlrs or 78 cts", "4,573,000 dlrs or 17 cts").replace(
        "18,042,000 dlrs or 1.06", "17,259,000 dlrs or 1.02")
    (found,) = find_repeated_sentences([article(same)], {})
    assert found.excerpt.startswith("shr and net exclude tax gain of 4,573,000")


def test_a_url_slug_made_from_the_title_is_not_a_repeat() -> None:
    """FakeNewsCorpus (fresh21): the "Source:" URL's slug repeats the title's words; it is
    one token, not a sentence written twice. Guard: the title written out again is."""
    title = "Buyer of BTC.com for $1million Charged with Operating a Ponzi Scheme"
    body = ("The buyer of the domain was charged on Friday, prosecutors said in a statement. "
            "He denies every count and his lawyers say the case will collapse at trial.")
    slug = "https://www.example.com/2018/01/buyer-of-btc-com-for-1million-charged-with-operating-a-ponzi-scheme/"
    assert list(find_repeated_sentences([article(f"{title}\n{body}\nSource: {slug}")], {})) == []
    again = list(find_repeated_sentences([article(f"{title}\n{body}\n{title}.")], {}))
    assert [f.excerpt for f in again] == [title]


def test_a_loop_of_one_token_is_still_degenerate_text() -> None:
    """hd0457 (prec20): "imagebank.sweden.se" 43 times over, one token each time: the slug
    rule (_in_one_token) does not hide a loop."""
    text = "Sweden has opened a new image bank for the press. " + "imagebank.sweden.se\n" * 43
    found = list(find_repeated_sentences([article(text)], {}))
    assert len(found) == 1 and found[0].message.startswith("Degenerate text")


def test_a_chinese_sentence_written_twice_is_a_repeat() -> None:
    """A helper's review: the slug rule took a copy without a space for one token, and
    Chinese writes whole sentences without one."""
    sentence = ("国务院总理今天在北京主持召开常务会议，部署进一步扩大内需，促进消费和投资，"
                "会议指出，要加快推进重大项目建设，稳定就业，保障民生，推动经济持续回升向好，"
                "会议强调，各地区各部门要压实责任，狠抓落实，确保各项政策尽快见效。")  # 16 clauses: 16 "words"
    text = f"{sentence}记者从会议上了解到，相关部门将制定具体措施。{sentence}"
    found = list(find_repeated_sentences([article(text)], {}))
    assert len(found) == 1 and found[0].start > len(sentence)


QUOTE = "the ceasefire must come first and the talks in Istanbul can only follow after it"


def _filler() -> str:
    """Real text of no repeat, longer than the opening where a standfirst stands."""
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    assert len(text) > 1000 and list(find_repeated_sentences([article(text)], {})) == []
    return text


def test_a_quote_restated_inside_other_sentences_is_writing_not_a_repeat() -> None:
    """A read of 30 findings (session 40): 14 were writing that says a thing twice, most of
    them a quote's words inside two different sentences, past the text's opening."""
    filler = _filler()
    text = (f"{filler}\nThe minister said on Thursday that {QUOTE}, in a statement.\n{filler[:300]}\n"
            f"Officials repeated on Friday that {QUOTE}, aides said.")
    base = filler + "\n" + filler[:300]
    assert [f for f in find_repeated_sentences([article(text)], {}) if f.start > len(base)] == []


def test_a_sentence_written_twice_or_a_block_doubled_is_still_a_repeat() -> None:
    filler = _filler()
    sentence = f"Officials said on Friday that {QUOTE}."
    twice = f"{filler}\n{sentence} The talks were set for Monday.\n{sentence}"
    (found,) = [f for f in find_repeated_sentences([article(twice)], {}) if f.start > len(filler)]
    assert twice[found.start:found.end] == sentence.rstrip(".")
    # a tweet's words embedded twice, side by side, the second copy not opening a sentence
    doubled = f"{filler}\nShe wrote {QUOTE} {QUOTE} and left the room."
    (found,) = [f for f in find_repeated_sentences([article(doubled)], {}) if f.start > len(filler)]
    assert found.start == doubled.rindex(QUOTE)
