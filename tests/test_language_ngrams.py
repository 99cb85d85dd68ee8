"""FastDetector (audit.normalise.ngrams) must be langdetect's Detector, only faster: the
same cleaned text, the same n-gram list in the same order, the same probabilities. Its
profiles (LazyProfiles, rows made on use) must be langdetect's own DetectorFactory's."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
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


# Texts whose trials run long: a few letters, one word over and over, two close languages
# (langdetect wavers between them; "A" and the Czech-Slovak pair reach ITERATION_LIMIT).
SLOW_TEXTS = [
    "A", "ok", "la la", "a b c", "mi", "xyz qwv", "the " * 40, "и " * 40, "casa " * 25,
    "Dobrý den, jak se máte? Dobrý deň, ako sa máte?",
    "Jeg har en hund og en kat. Jeg har en hund og ei katt.",
    "Der Hund und die Katze spielen. The dog and the cat are playing.",
    "Hola, ¿cómo estás? Olá, como você está? Tudo bem.",
    "Ik heb een hond. Ich habe einen Hund.",
    "Ciao come stai hello how are you bonjour comment ça va",
]
LANGUAGES = [
    "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
    "Le gouvernement a présenté mercredi un projet de loi sur la réforme des retraites devant l'Assemblée.",
    "El presidente del Gobierno anunció ayer nuevas medidas para contener la subida de los precios.",
    "O ministro da Economia disse que a inflação deverá recuar nos próximos meses, segundo o jornal.",
    "Il consiglio comunale ha approvato il bilancio dopo una lunga discussione durata tutta la notte.",
    "Rząd przyjął we wtorek projekt ustawy o zmianach w systemie ochrony zdrowia i finansowaniu szpitali.",
    "Правительство одобрило законопроект о поддержке малого бизнеса и снижении налоговой нагрузки.",
    "Уряд схвалив законопроєкт про підтримку малого бізнесу та зменшення податкового навантаження.",
    "Η κυβέρνηση ανακοίνωσε νέα μέτρα στήριξης για τις οικογένειες και τους συνταξιούχους.",
    "أعلنت الحكومة عن حزمة جديدة من الإجراءات لدعم الاقتصاد وخفض معدلات البطالة في البلاد.",
    "सरकार ने बुधवार को नई शिक्षा नीति की घोषणा की जिसमें कई बड़े बदलाव शामिल हैं।",
    "Hükümet çarşamba günü yeni bir ekonomik destek paketi açıkladı ve vergileri düşürdü.",
    "Pemerintah mengumumkan paket kebijakan ekonomi baru untuk mendorong pertumbuhan investasi.",
    "Regeringen presenterade på onsdagen ett nytt förslag om skatter och bidrag till barnfamiljer.",
]


def _stepwise_detect_block(detector: Detector) -> None:
    """FastDetector._detect_block as it was, one `random.choice` and one update a draw (the
    loop of langdetect 1.0.9 on a float64 vector): the reference its chunked loop must
    equal, bit for bit and in the random state it leaves."""
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    rows = detector.word_lang_prob_map
    langprob = np.zeros(len(detector.langlist))
    detector.random.seed(detector.seed)
    for _ in range(detector.n_trial):
        prob = np.array(detector._init_probability(), dtype=np.float64)
        alpha = detector.alpha + detector.random.gauss(0.0, 1.0) * detector.ALPHA_WIDTH
        weight = alpha / detector.BASE_FREQ
        i = 0
        while True:
            row = rows.get(detector.random.choice(ngrams))
            if row is not None:
                prob *= weight + row
            if i % 5 == 0:
                prob /= sum(prob.tolist())
                if max(0.0, *prob.tolist()) > detector.CONV_THRESHOLD or i >= detector.ITERATION_LIMIT:
                    break
            i += 1
        langprob += prob / detector.n_trial
    detector.langprob = langprob.tolist()


def _three(text: str, trials: int, **settings: float) -> tuple[Detector, Detector, Detector]:
    """langdetect's own detector, ours, and ours run by the stepwise reference, each with
    `trials` trials and the same class settings, their probabilities computed."""
    stock, fast = _both(text)
    reference = fast_detector_class()(_factory())
    reference.append(text)
    for detector in (stock, fast, reference):
        detector.n_trial = trials
        for name, value in settings.items():
            setattr(detector, name, value)
    stock._detect_block()
    fast._detect_block()
    _stepwise_detect_block(reference)
    return stock, fast, reference


@pytest.mark.parametrize("trials", [1, 3, 7])
def test_chunked_trials_equal_the_stepwise_loop_and_langdetect(trials: int) -> None:
    """Every probability the same float (==), and the random source left in the same state
    (the draws consumed exactly: later trials continue the same stream)."""
    texts = SLOW_TEXTS + LANGUAGES + EDGE_CASES + [p.read_text(encoding="utf-8") for p in SEEDS]
    for text in texts:
        stock, fast, reference = _three(text, trials)
        assert fast.langprob == reference.langprob == stock.langprob, text
        assert fast.random.getstate() == reference.random.getstate() == stock.random.getstate(), text


@pytest.mark.parametrize("settings", [
    {"ITERATION_LIMIT": 12},  # a limit between two normalisations: the break at i = 15
    {"ITERATION_LIMIT": 0},
    {"CONV_THRESHOLD": 2.0},  # never converges: every trial runs to i = ITERATION_LIMIT
])
def test_chunked_trials_stop_where_langdetect_stops(settings: dict[str, float]) -> None:
    assert Detector.ITERATION_LIMIT == 1000  # langdetect 1.0.9's, what the trials run to
    for text in ["a b c", "Der Hund und die Katze spielen. The dog and the cat are playing.", LANGUAGES[0]]:
        stock, fast, reference = _three(text, 3, **settings)
        assert fast.langprob == reference.langprob == stock.langprob, text
        assert fast.random.getstate() == reference.random.getstate() == stock.random.getstate(), text


def test_chunked_trials_skip_ngrams_without_a_row() -> None:
    """An n-gram the table lacks updates nothing, as langdetect's `_update_lang_prob` skips
    it (our table always has the rows; a detector given another table may not)."""
    text = LANGUAGES[0] + " " + SLOW_TEXTS[-1]
    fast, reference = fast_detector_class()(_factory()), fast_detector_class()(_factory())
    for detector in (fast, reference):
        detector.append(text)
    grams = sorted(set(fast._extract_ngrams()))  # (their rows made in the table)
    dropped = set(grams[::3])
    kept = {gram: row for gram, row in _factory().word_lang_prob_map.items() if gram not in dropped}
    fast.word_lang_prob_map = reference.word_lang_prob_map = kept
    fast._detect_block()
    _stepwise_detect_block(reference)
    assert fast.langprob == reference.langprob
    assert fast.random.getstate() == reference.random.getstate()


def test_chunked_trials_draw_as_choice_from_more_than_2_to_the_32_ngrams() -> None:
    """`random.choice` of a sequence of 2**33 + 7 items draws getrandbits(34): two words of
    the generator a draw; the written-out draw does the same."""

    class Huge:
        def __init__(self, grams: list[str]) -> None:
            self.grams = grams

        def __len__(self) -> int:
            return 2**33 + 7

        def __getitem__(self, index: int) -> str:
            return self.grams[index % len(self.grams)]

    text = LANGUAGES[1]
    fast, reference = fast_detector_class()(_factory()), fast_detector_class()(_factory())
    for detector in (fast, reference):
        detector.append(text)
        detector.cleaning_text()
        huge = Huge(detector._extract_ngrams())
        detector._extract_ngrams = lambda huge=huge: huge
    fast._detect_block()
    _stepwise_detect_block(reference)
    assert fast.langprob == reference.langprob
    assert fast.random.getstate() == reference.random.getstate()


def test_multiply_reduce_over_rows_multiplies_in_order() -> None:
    """np.multiply.reduce(stack, axis=0) is ((stack[0] * stack[1]) * stack[2]) * ..., to the
    last bit: what the chunked trials rely on (another order rounds otherwise, as shown)."""
    draw = np.random.default_rng(5)
    differs = 0
    for rows in (2, 3, 6):
        stack = draw.random((rows, 55)) ** draw.choice([1, 7, 40], size=(rows, 55)) + draw.random((rows, 55))
        stepwise = stack[0].copy()
        for row in stack[1:]:
            stepwise *= row
        out = np.empty(55)
        np.multiply.reduce(stack, axis=0, out=out)
        assert out.tolist() == stepwise.tolist()
        backwards = stack[-1].copy()
        for row in stack[-2::-1]:
            backwards *= row
        differs += backwards.tolist() != stepwise.tolist()
    assert differs  # the comparison sees the order
