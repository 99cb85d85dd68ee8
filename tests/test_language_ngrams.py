"""FastDetector (audit.normalise.ngrams) must be langdetect's Detector, only faster: the
same cleaned text, the same n-gram list in the same order, the same probabilities."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from langdetect.detector import Detector

from audit.normalise.language import _factory, language_probabilities
from audit.normalise.ngrams import extract_ngrams, fast_detector_class

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EDGE_CASES = [
    "NATO and the EU met in Brussels; the UN's WHO said ABc D is OK.",  # capitals
    "  leading spaces,   runs   of spaces and a trailing one ",
    "See https://example.com/a?b=1&c=2 or write to press@example.org today, please.",
    unicodedata.normalize("NFD", "Tiếng Việt là ngôn ngữ chính thức của Việt Nam và có dấu."),
    "ایران یکی از کشورهای خاورمیانه است و پایتخت آن تهران می‌باشد",  # Farsi yeh
    "東京都は日本の首都であり、ひらがなとカタカナも使われる。中国語の文章も少し。",
    "한국어 문장은 한글로 쓴다 그리고 Seoul 이라는 도시가 있다",
    "Москва — столица России, а Moscow is its English name in a few Latin words.",
    "TheÂ€™ mojibake Ã© of a page read as cp1252 â€” still text",
    "a b c I A x Y z",  # one-letter words, upper and lower
    "ÅÄÖ ÆØ ß ÿ œ Œ ǅ ǈ ș ț Ș Ț",  # Latin-1 exclusions, Romanian commas, title case
]


def _both(text: str) -> tuple[Detector, Detector]:
    factory = _factory()
    stock, fast = Detector(factory), fast_detector_class()(factory)
    stock.append(text)
    fast.append(text)
    return stock, fast


@pytest.mark.parametrize("text", EDGE_CASES + [p.read_text(encoding="utf-8") for p in SEEDS])
def test_same_text_ngrams_and_probabilities_as_langdetect(text: str) -> None:
    stock, fast = _both(text)
    assert fast.text == stock.text
    stock.cleaning_text()
    fast.cleaning_text()
    assert fast.text == stock.text
    assert fast._extract_ngrams() == stock._extract_ngrams()
    stock, fast = _both(text)
    assert [(g.lang, g.prob) for g in fast.get_probabilities()] == \
        [(g.lang, g.prob) for g in stock.get_probabilities()]


def test_word_memo_gives_the_same_ngrams_on_a_second_text() -> None:
    vocabulary = _factory().word_lang_prob_map
    memo: dict[str, tuple[str, ...]] = {}
    first = extract_ngrams("the cat and the hat", vocabulary, memo)
    assert memo  # the words' n-grams were kept
    assert extract_ngrams("the hat and the cat", vocabulary, memo) == \
        extract_ngrams("the hat and the cat", vocabulary)
    assert first.count("the") == 2 and " th" in first


def test_language_probabilities_use_the_fast_detector() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    stock = Detector(_factory())
    stock.append(text[:5000])
    expected = [(g.lang.split("-")[0], float(g.prob)) for g in stock.get_probabilities()]
    assert language_probabilities(text) == expected
