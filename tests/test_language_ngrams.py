"""FastDetector (audit.normalise.ngrams) must be langdetect's Detector, only faster: the
same cleaned text, the same n-gram list in the same order, the same probabilities. Its
profiles (LazyProfiles, rows made on use) must be langdetect's own DetectorFactory's."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from audit.normalise.language import SEED, _factory, language_probabilities
from audit.normalise.ngrams import LazyProfiles, extract_ngrams, fast_detector_class

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


@lru_cache(maxsize=1)
def _langdetect_factory() -> DetectorFactory:
    """langdetect's own factory, every row of its table made at load, seeded as ours."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = SEED
    return factory


def _both(text: str) -> tuple[Detector, Detector]:
    stock, fast = Detector(_langdetect_factory()), fast_detector_class()(_factory())
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
    vocabulary = _factory().vocabulary
    memo: dict[str, tuple[str, ...]] = {}
    first = extract_ngrams("the cat and the hat", vocabulary, memo)
    assert memo  # the words' n-grams were kept
    assert extract_ngrams("the hat and the cat", vocabulary, memo) == \
        extract_ngrams("the hat and the cat", vocabulary)
    assert first.count("the") == 2 and " th" in first


def test_language_probabilities_use_the_fast_detector() -> None:
    text = SEEDS[0].read_text(encoding="utf-8")
    stock = Detector(_langdetect_factory())
    stock.append(text[:5000])
    expected = [(g.lang.split("-")[0], float(g.prob)) for g in stock.get_probabilities()]
    assert language_probabilities(text) == expected


def test_lazy_profiles_are_langdetects_table_in_its_order() -> None:
    stock, lazy = _langdetect_factory(), LazyProfiles(PROFILES_DIRECTORY, seed=SEED)
    assert lazy.langlist == stock.langlist and lazy.seed == stock.seed
    assert lazy.vocabulary == stock.word_lang_prob_map.keys()
    lazy.fill(["th", "the", "ß", "ие", "the"])  # a few first, then the rest
    assert lazy.word_lang_prob_map["the"].tolist() == stock.word_lang_prob_map["the"]
    lazy.fill(lazy.vocabulary)
    rows = {gram: row.tolist() for gram, row in lazy.word_lang_prob_map.items()}
    assert rows == stock.word_lang_prob_map  # every row, float for float


def test_a_texts_ngrams_have_their_rows_before_the_trials() -> None:
    profiles = LazyProfiles(PROFILES_DIRECTORY, seed=SEED)
    detector = fast_detector_class()(profiles)
    detector.append(SEEDS[0].read_text(encoding="utf-8"))
    detector.cleaning_text()
    grams = detector._extract_ngrams()
    assert grams and set(grams) == profiles.word_lang_prob_map.keys()
    again = fast_detector_class()(profiles)  # words now in the memo: no row missing either
    again.append(SEEDS[0].read_text(encoding="utf-8"))
    again.cleaning_text()
    assert again._extract_ngrams() == grams


@pytest.mark.parametrize("trials", [1, 3, 7])
def test_trial_steps_give_langdetects_floats(trials: int) -> None:
    """_update_lang_prob and _normalize_prob rewritten as comprehensions: the same
    probabilities, to the last bit, at any number of trials, in many languages."""
    for text in EDGE_CASES + [p.read_text(encoding="utf-8") for p in SEEDS]:
        stock, fast = _both(text)
        stock.n_trial = fast.n_trial = trials
        assert [(g.lang, g.prob) for g in fast.get_probabilities()] == \
            [(g.lang, g.prob) for g in stock.get_probabilities()]


def test_trial_steps_equal_langdetects_on_random_vectors() -> None:
    """Each rewritten step against langdetect's own loop, bit for bit, on vectors whose
    rounding would show any change in the order of the operations."""
    import random

    draw = random.Random(13)
    stock, fast = Detector(_langdetect_factory()), fast_detector_class()(_factory())
    for _ in range(300):
        size = len(stock.langlist)
        prob = [draw.random() ** draw.choice([1, 5, 40]) for _ in range(size)]
        row = [0.0 if draw.random() < 0.7 else draw.random() ** 3 for _ in range(size)]
        stock.word_lang_prob_map = fast.word_lang_prob_map = {"ab": row}  # one gram, our row
        alpha = 0.5 + draw.gauss(0.0, 1.0) * 0.05
        ours, theirs = list(prob), list(prob)
        assert fast._update_lang_prob(ours, "ab", alpha) == stock._update_lang_prob(theirs, "ab", alpha)
        assert ours == theirs
        assert fast._update_lang_prob(ours, "zz", alpha) is stock._update_lang_prob(theirs, "zz", alpha)
        assert fast._normalize_prob(ours) == stock._normalize_prob(theirs) and ours == theirs
