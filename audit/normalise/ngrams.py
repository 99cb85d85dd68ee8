"""langdetect's own detector, with its text -> n-gram step done in fewer Python calls.

langdetect (1.0.9) reads a text one character at a time: each character goes through
`NGram.normalize` (a binary search for its Unicode block), then `NGram.add_char`, then
up to three slices and dictionary lookups, all in Python method calls. On 2-5 KB news
texts that is half of langdetect's time; the other half is its random trials, whose
draws (its seeded `random.Random`) and arithmetic we keep, on a numpy vector of the
languages' probabilities instead of a list, the updates between two normalisations applied
together (`_detect_block`: the same floats).

`FastDetector` is langdetect's `Detector` with the same text handling rewritten on
whole strings: the characters normalised through one translation table (each distinct
character normalised once, by langdetect's own `NGram.normalize`), the n-grams read off
the normalised string by position. It yields the same n-gram list, in the same order,
so the same random draws pick the same n-grams and the probabilities are the same
floats; tests/test_language_ngrams.py compares both on real text in many languages.

Why the positions suffice (langdetect's NGram buffer, worked through): the buffer is
reset at every space and holds at most 3 characters, so after reading position j of the
normalised text (spaces collapsed, a space in front) it is the text's last 1, 2 or 3
characters up to j that follow the previous space; a character that is upper case after
an upper-case one (inside "NATO") adds no n-grams.

`LazyProfiles` stands in for langdetect's `DetectorFactory`: the same profiles, languages
in the same order, but each n-gram's row of probabilities is made when a text first holds
the n-gram. langdetect's own loader makes all 87,598 rows of 55 floats up front (0.4-0.5 s
of CPU, every process that detects a language); a news corpus's texts use a few thousand.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

import numpy as np

_SPACES = re.compile(" +")
_ASCII_LETTER_RANGE = re.compile("[A-z]")  # langdetect's 'A' <= ch <= 'z' (with [\]^_`)
_FROM_U0300 = re.compile("[\u0300-\U0010ffff]")


class _Normalised(dict):  # type: ignore[type-arg]
    """code point -> langdetect's normalised character, filled on first sight (str.translate
    asks for each character; a dict hit stays in C)."""

    def __missing__(self, code: int) -> str:
        from langdetect.utils.ngram import NGram

        value = NGram.normalize(chr(code))
        self[code] = value
        return value


@lru_cache(maxsize=1)
def _table() -> _Normalised:
    return _Normalised()


@lru_cache(maxsize=1)
def fast_detector_class() -> type:
    """`Detector` with the text steps replaced (imported lazily: langdetect is loaded in
    the processes that detect, not at package import)."""
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    class FastDetector(Detector):  # type: ignore[misc]
        def __init__(self, factory: LazyProfiles) -> None:
            super().__init__(factory)
            self.vocabulary = factory.vocabulary
            self.fill = factory.fill
            self.word_memo = factory.word_ngrams

        def append(self, text: str) -> None:
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            text = text[: self.max_text_length]
            # langdetect drops a space that follows a space (of the raw text)
            self.text += _SPACES.sub(" ", text) if "  " in text else text

        def cleaning_text(self) -> None:
            # langdetect compares unicode_block(ch), an int, with a block name, so every
            # character from U+0300 on counts as non-Latin: kept as it does it.
            latin = len(_ASCII_LETTER_RANGE.findall(self.text))
            non_latin = len(_FROM_U0300.findall(self.text))
            if latin * 2 < non_latin:
                self.text = _ASCII_LETTER_RANGE.sub("", self.text)

        def _extract_ngrams(self) -> list[str]:
            return extract_ngrams(self.text, self.vocabulary, self.word_memo, self.fill)

        def _detect_block(self) -> None:
            # langdetect's own loop (1.0.9): the same draws from its seeded random source in
            # the same order, the same floats, on a float64 vector of the 55 probabilities.
            # - A draw is `random.choice(ngrams)` written out: Random._randbelow_with_getrandbits,
            #   getrandbits(k) until below len(ngrams); the same calls without choice's two
            #   Python frames.
            # - The draws from one normalisation to the next (iterations 0, 1-5, 6-10, ...) are
            #   applied together: their rows stacked under `prob` (one C join of the vectors'
            #   bytes), `weight` added to the rows (langdetect's `weight + row[i]`, the same
            #   rounding), and the stack multiplied down into `prob` by np.multiply.reduce, in
            #   order, ((prob * f1) * f2) * ... as langdetect's updates (numpy sums pairwise, it
            #   does not multiply so). A gram without a row adds none, as langdetect skips it.
            # - The normalisation is Python's sum, left to right (numpy's pairwise sum can round
            #   otherwise), and its quotients and maximum are those of langdetect's loop.
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            rows, n = self.word_lang_prob_map, len(ngrams)
            bits = n.bit_length()
            langprob = np.zeros(len(self.langlist))
            self.random.seed(self.seed)
            getrandbits = self.random.getrandbits
            for _ in range(self.n_trial):
                prob = np.array(self._init_probability(), dtype=np.float64)
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                weight = alpha / self.BASE_FREQ
                i, draws = 0, 1  # the iteration that normalises, the draws up to it
                while True:
                    stack = [prob]
                    for _ in range(draws):
                        r = getrandbits(bits)
                        while r >= n:
                            r = getrandbits(bits)
                        row = rows.get(ngrams[r])
                        if row is not None:
                            stack.append(row)
                    # (LazyProfiles' rows are float64 vectors, as `prob`)
                    factors = np.frombuffer(bytearray().join(stack)).reshape(len(stack), -1)
                    factors[1:] += weight
                    np.multiply.reduce(factors, axis=0, out=prob)
                    sump = sum(prob.tolist())
                    if not sump:
                        raise ZeroDivisionError("float division by zero")  # as the list's p / sump
                    prob /= sump
                    if max(0.0, *prob.tolist()) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                    i, draws = i + 5, 5
                langprob += prob / self.n_trial
            self.langprob = langprob.tolist()

    return FastDetector


class LazyProfiles:
    """What langdetect's `Detector` reads of its factory (`word_lang_prob_map`, `langlist`,
    `seed`), from the same profile files in the same order as `DetectorFactory.load_profile`
    reads them, the table's rows made on first use (`fill`) by `add_profile`'s arithmetic.

    `vocabulary` is every n-gram of the profiles: what langdetect's table holds as keys,
    so `FastDetector` keeps the same n-grams of a text. A detector of these profiles must
    be a `FastDetector`, which fills the rows of a text's n-grams before its trials read
    them; langdetect's own `Detector` would see an unfilled table.
    """

    def __init__(self, directory: str, seed: int | None = None) -> None:
        names = os.listdir(directory)  # langdetect's order, and its row length
        self.size = len(names)
        self.langlist: list[str] = []
        self.profiles: list[tuple[dict[str, int], list[int]]] = []
        for name in names:
            path = os.path.join(directory, name)
            if name.startswith(".") or not os.path.isfile(path):
                continue
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            self.langlist.append(data["name"])
            self.profiles.append((data["freq"], data["n_words"]))
        self.vocabulary: frozenset[str] = frozenset().union(*(freq for freq, _ in self.profiles))
        self.word_lang_prob_map: dict[str, np.ndarray] = {}
        self.seed = seed
        self.word_ngrams: dict[str, tuple[str, ...]] = {}  # FastDetector's memo of a word's n-grams

    def fill(self, grams: Iterable[str]) -> None:
        """Make the rows of these n-grams that are not made yet: each profile's n-grams
        among them found by one set intersection (in C), not a lookup a gram and profile."""
        missing = set(grams).difference(self.word_lang_prob_map)
        if not missing:
            return
        rows = {gram: [0.0] * self.size for gram in missing}
        for index, (freq, n_words) in enumerate(self.profiles):
            for gram in freq.keys() & missing:
                length = len(gram)
                if 1 <= length <= 3:
                    rows[gram][index] = 1.0 * freq[gram] / n_words[length - 1]
        self.word_lang_prob_map.update((gram, np.array(row, dtype=np.float64)) for gram, row in rows.items())

    def get_lang_list(self) -> list[str]:
        return list(self.langlist)


def extract_ngrams(text: str, vocabulary: frozenset[str] | dict[str, Any],
                   memo: dict[str, tuple[str, ...]] | None = None,
                   fill: Callable[[list[str]], None] | None = None) -> list[str]:
    """The n-grams langdetect's `Detector._extract_ngrams` finds in `text`, in its order.

    The buffer starts afresh at each space, so a word's n-grams depend on the word alone
    (and on whether a space ends it): they are made once a word and vocabulary (a news
    text says "the" a hundred times). `memo` keeps them between calls (one memo for
    one vocabulary, and one `fill`: a word's n-grams go to it when first made).
    """
    norm = text.translate(_table())
    if "  " in norm:
        norm = _SPACES.sub(" ", norm)
    words = norm.lstrip(" ").split(" ")
    memo = {} if memo is None else memo
    if len(memo) > MEMO_WORDS:
        memo.clear()
    found: list[str] = []
    new: list[str] = []  # n-grams of the words first seen
    last = len(words) - 1
    for k, word in enumerate(words):
        padded = f" {word} " if k < last else f" {word}"
        grams = memo.get(padded)
        if grams is None:
            grams = memo[padded] = _grams(padded, vocabulary)
            new.extend(grams)
        found.extend(grams)
    if fill is not None and new:
        fill(new)
    return found


MEMO_WORDS = 200_000


def _grams(s: str, vocabulary: frozenset[str] | dict[str, Any]) -> tuple[str, ...]:
    """langdetect's n-grams of one space-led word: after each character, the last 1, 2
    and 3 characters since the space, unless the character is upper case after an
    upper-case one (inside "NATO"), each kept if the profiles know it."""
    found: list[str] = []
    previous = " "
    for j in range(1, len(s)):
        ch = s[j]
        if ch.isupper() and previous.isupper():
            previous = ch
            continue
        if ch != " " and ch in vocabulary:
            found.append(ch)
        gram = s[j - 1:j + 1]
        if gram in vocabulary:
            found.append(gram)
        if previous != " ":
            gram = s[j - 2:j + 1]
            if gram in vocabulary:
                found.append(gram)
        previous = ch
    return tuple(found)
