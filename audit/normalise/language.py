"""Article language by langdetect, seeded so the same text always gets the same answer.

langdetect's module-level factory is global state with an unset seed (GX-NOTES.md:
'Hello' came out fi 243 times and no 57 times in 300 calls). We build our own factory
from the profiles shipped in the langdetect wheel (no network) and seed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

MIN_CHARS = 200  # below this langdetect guesses; shorter texts get no verdict
MAX_CHARS = 5000  # the opening of a long article decides its language; keeps cost flat
SEED = 0


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # ISO 639-1, None when the text is too short to judge
    probability: float | None


@lru_cache(maxsize=1)
def _factory():  # type: ignore[no-untyped-def]
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.seed = SEED
    return factory


def detect_language(text: str, min_chars: int = MIN_CHARS) -> LanguageGuess:
    """The most probable language and its probability, or no verdict for short text."""
    ranked = language_probabilities(text, min_chars)
    if not ranked:
        return LanguageGuess(None, None)
    language, probability = ranked[0]
    return LanguageGuess(language, round(probability, 4))


def language_probabilities(
    text: str, min_chars: int = MIN_CHARS, trials: int | None = None
) -> list[tuple[str, float]]:
    """Every language langdetect sees in the text, most probable first ([] below min_chars).

    A fresh detector from the seeded factory each call: langdetect seeds the detector's
    random source from the factory, so the same text gives the same list in any order
    of calls and in any process. `trials` below langdetect's 7 is faster and more
    sure of itself: fit for a quick "clearly this language?" pass, not a final verdict.
    """
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:MAX_CHARS]
    if len(sample.strip()) < min_chars:
        return []
    detector = _factory().create()
    if trials is not None:
        detector.n_trial = trials
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # no letters at all
        return []
    return [(_short_code(guess.lang), float(guess.prob)) for guess in ranked]


def language_code(value: object) -> str | None:
    """A language as the table holds it: ISO 639-1, lower case ("en-US", "EN" -> "en").

    Metadata gives tags like "en-US" or "en_GB"; compared raw with a suite's "en" they
    would make an English article unexpected and skip every English-only check.
    """
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code or None


def _short_code(code: str) -> str:
    """langdetect says zh-cn / zh-tw; the table uses ISO 639-1."""
    return code.split("-", maxsplit=1)[0]
