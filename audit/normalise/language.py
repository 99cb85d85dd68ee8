"""Article language: a fast path for clear texts, seeded langdetect for the rest.

langdetect's module-level factory is global state with an unset seed (GX-NOTES.md:
'Hello' came out fi 243 times and no 57 times in 300 calls). We build our own factory
from the profiles shipped in the langdetect wheel (no network) and seed it.

langdetect costs 5 to 7 ms an article (most of it reading the text into n-grams, in
Python), most of a cold run's ingest (issue 13). Most articles of a news corpus are
plainly in one language, which a glance shows: a script written by one language only
(Greek, Hebrew, Thai, Hangul, ...), in a script shared by several languages the letters
only one of them writes (ы, э, ё: Russian; ї, є, ґ: Ukrainian), or, in Latin script,
many of one language's own function words and few of another's. Those get their verdict from the fast path
(audit/data/language_fast_path.json; probability 1.0, what langdetect gives such texts
after rounding); every text the fast path is not sure of goes to langdetect as before.
Agreement with langdetect on every text: benchmarks/bench_language.py (>= 99.5%).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from audit.normalise.ascii_runs import LETTERS, beyond_ascii, runs
from audit.normalise.ngrams import LazyProfiles, fast_detector_class
from audit.normalise.text import ascii_cases

MIN_CHARS = 200  # below this langdetect guesses; shorter texts get no verdict
MAX_CHARS = 5000  # the opening of a long article decides its language; keeps cost flat
SEED = 0


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # ISO 639-1, None when the text is too short to judge
    probability: float | None


@lru_cache(maxsize=1)
def _factory() -> LazyProfiles:
    """langdetect's 55 profiles, seeded; their table's rows made as texts need them."""
    from langdetect.detector_factory import PROFILES_DIRECTORY

    return LazyProfiles(PROFILES_DIRECTORY, seed=SEED)


def preload() -> None:
    """Read now what detect_language reads on first use (langdetect's 55 profiles,
    0.1 s; the fast path's rules): a process about to fork workers that all detect
    languages reads them once, and the workers share its copy."""
    _factory()
    fast_detector_class()
    fast_path()


def detect_language(text: str, min_chars: int = MIN_CHARS) -> LanguageGuess:
    """The most probable language and its probability, or no verdict for short text. A
    text in a non-Latin script misread as a whole (`script_misread`) is judged by its repair."""
    if len(text[:MAX_CHARS].strip()) < min_chars:
        return LanguageGuess(None, None)
    text = script_misread(text[:MAX_CHARS]) or text
    clear = clear_language(text)
    if clear is not None:
        return LanguageGuess(clear, 1.0)
    ranked = language_probabilities(text, min_chars)
    if not ranked:
        return LanguageGuess(None, None)
    language, probability = ranked[0]
    if probability < UNSURE:
        rest = without_table_rows(text[:MAX_CHARS])
        again = language_probabilities(rest, min_chars) if rest is not None else []
        if again and again[0][1] >= UNSURE:
            language, probability = again[0]
    said = script_says(text[:MAX_CHARS], language)
    if said is not None:
        return LanguageGuess(*said)
    return LanguageGuess(language, round(probability, 4))


# A page that is mostly a table of names and figures (a NASCAR standings page in Portuguese:
# "1 Kyle Busch 5040 5 1 17 27", 40 rows under three Portuguese sentences; a detik MotoGP
# schedule: "13:55 WIB | Moto3 – Free Practice 1") leaves langdetect unsure, and it leans to
# the names' language: both were 'en' at 0.86, and language.mixed then called the page's own
# sentences foreign. An unsure verdict is asked again without the rows, when they are many;
# a verdict that is sure then is the page's.
UNSURE = 0.9  # langdetect's probability below which a table's rows are set aside
TABLE_ROWS_MIN = 3
TABLE_ROWS_SHARE = 1 / 3  # of the opening's lines
ROW_NAMED_SHARE = 0.8  # of a row's words opening with a capital or a digit
_ROW_WORD = re.compile(r"[^\W_]+")


def without_table_rows(sample: str) -> str | None:
    """The sample without the lines that are a table's rows (two words or more, nearly all
    capitalised or figures), or None when they are too few to matter."""
    if sample.count("\n") + 1 < TABLE_ROWS_MIN:
        return None
    lines = sample.split("\n")
    kept = [line for line in lines if not _table_row(line)]
    rows = len(lines) - len(kept)
    if rows < TABLE_ROWS_MIN or rows < TABLE_ROWS_SHARE * sum(1 for line in lines if line.strip()):
        return None
    return "\n".join(kept)


def _table_row(line: str) -> bool:
    words = _ROW_WORD.findall(line)
    named = sum(w[0].isdigit() or w[0].isupper() for w in words)
    return len(words) >= 2 and named >= ROW_NAMED_SHARE * len(words)


# A non-Latin script's UTF-8 read as Windows-1252 or Latin-1, as a scraper that guessed the
# codec leaves it: each Cyrillic, Greek, Hebrew or Arabic letter becomes a lead byte's
# character ("Ð", "Ñ", "Î", "×", "Ø", "Ù") and a continuation byte's ("€", "¬", "§", ...), each
# CJK, Devanagari or Hangul character a lead ("ä", "å", "à", "ì") and two continuations. What
# is left is Latin letters and marks, which the fast path and langdetect read as a Latin-script
# language, sure of it: an Egyptian ministry's statement in Arabic was 'da' (p 1.00: "ø" is
# Danish), and so read, 40 of 40 texts of each corpus were 'pt' (Russian, Japanese), 'sv' or
# 'da' (Chinese), 'da' (Arabic, Persian) (docs/measurements.md, thirty-ninth session). Such
# a text is judged by ftfy's repair of it when the repair is mostly in another script than
# Latin; a Latin-script text misread ("FÃ¼r", "entrÃ©") keeps its verdict, which is right
# already (its leads, "Ã" and "Â", are not counted here).
_CONTINUATIONS = "".join(sorted(set(bytes(range(0x80, 0xC0)).decode("latin-1"))
                                | set(bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore"))))
_MISREAD_PAIR = re.compile("[\u00ce-\u00ef][" + re.escape(_CONTINUATIONS) + "]")
MISREAD_MIN_PAIRS = 20  # such pairs in the opening: a few are a stray misread name or symbol
MISREAD_SCRIPT_SHARE = 0.5  # share of the repair's letters past Latin


def script_misread(sample: str) -> str | None:
    """ftfy's repair of `sample` when it is a non-Latin script's UTF-8 misread as Windows-1252
    or Latin-1 (see above), else None. Texts without the lead-and-continuation pairs (nearly
    all) cost one regex scan."""
    if sample.isascii() or len(_MISREAD_PAIR.findall(sample)) < MISREAD_MIN_PAIRS:
        return None
    import ftfy

    repaired = ftfy.fix_encoding(sample)
    letters = sum(map(len, _LETTERS.findall(repaired)))
    past_latin = sum(map(len, _NOT_LATIN.findall(repaired)))
    return repaired if letters and past_latin >= MISREAD_SCRIPT_SHARE * letters else None


def script_says(sample: str, language: str) -> tuple[str, float] | None:
    """The language the script of `sample` says where langdetect's `language` cannot be
    right, with the share of the sample's letters in that script (CJK_WEIGHT each); None
    when it can be. langdetect reads a text as character n-grams and has Chinese
    characters in its Korean and Japanese profiles; on real pages nobody here wrote
    (docs/measurements.md, twentieth session) it called a Taiwanese news story Korean
    (550 Chinese characters, no Hangul: ko 0.86), a Chinese forum page Norwegian, and a
    Japanese book page with English words in it English (en 0.71 on 739 kana and
    Chinese characters against 609 Latin letters). So:
    - Korean without Hangul, or Japanese without kana, but with Chinese characters or kana,
      is Japanese when kana are among them, else Chinese;
    - any other language but Chinese, where Chinese characters and kana are CJK_MIN_SHARE
      of the letters, is Japanese when kana are among them, else Chinese (a page half in
      English and half in Chinese, 0.5, keeps langdetect's word); with KANA_MIN kana or
      more, KANA_MIN_SHARE is enough (a Japanese page half of code samples).
    The share, not langdetect's probability, is the verdict's `language_prob`: the suite's
    min_probability then keeps language.unexpected from calling a page of mixed scripts
    wholly foreign."""
    if language == "zh" or sample.isascii():
        return None
    if language == "ar":  # (its float: the share of the function words counted that are Persian)
        return persian_by_words(sample)
    counted = cjk_share(sample)
    if counted is None:
        return None
    share, kana, rest = counted
    if (language == "ja" and kana) or (language == "ko" and HANGUL.search(rest)):
        return None
    # Korean or Japanese with no letter of its own script, whatever the share; else a majority
    if language not in _OWN_SCRIPT and share < (KANA_MIN_SHARE if kana >= KANA_MIN else CJK_MIN_SHARE):
        return None
    return ("ja" if kana else "zh"), share


# Persian written with Arabic's yeh and kaf (ي, ك, where Persian's own are ی, ک: older Iranian
# text writes them, pre-2011 Fars News among it) reads to langdetect's character n-grams as
# Arabic: a Persian currency table was "ar" (language.unexpected), 8 of 30 language.mixed
# findings on fa_news were Persian sentences so written. Its function words, in either
# spelling, say Persian; these are words Arabic does not write (not "من", "به", "هم", "كرد"
# Kurds, "مي" May, which it does; "اين" is its "where" without the hamza: counted once),
# against Arabic's own.
PERSIAN_WORDS = frozenset(["در", "را", "است", "این", "اين", "که", "كه", "می", "مى", "نمى", "برای", "براي", "نیز", "نيز", "یک", "يك", "شد", "شده", "آن", "تا", "از", "نیست", "نيست", "بود", "شود", "کند", "كند", "خود", "اگر", "خواهد", "باید", "بايد"])
ARABIC_WORDS = frozenset(["في", "على", "إلى", "الى", "عن", "التي", "الذي", "أن", "كان", "هذا", "هذه", "مع", "قد", "لم", "لن", "ذلك"])
PERSIAN_MIN_WORDS = 3  # ... and twice Arabic's; or two, and none of Arabic's (a sentence)
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670]")  # harakat: "فِي" is "في"
_ARABIC_SCRIPT_WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06fc]+")  # letters: not "،", "؟"


def persian_by_words(sample: str) -> tuple[str, float] | None:
    """("fa", the Persian words' share of the function words counted) when a text langdetect
    read as Arabic writes PERSIAN_MIN_WORDS of Persian's function words and twice Arabic's, or
    one fewer and none of Arabic's (a sentence: "... و با كلام و لفظ ... انسان به خدا نمى رسد.");
    else None (langdetect's Arabic stands)."""
    words = _ARABIC_SCRIPT_WORD.findall(_ARABIC_MARKS.sub("", sample))
    persian = sum(w in PERSIAN_WORDS for w in words) - max(0, words.count("اين") - 1)  # "where", once
    arabic = sum(w in ARABIC_WORDS for w in words)
    if (persian >= PERSIAN_MIN_WORDS and persian >= 2 * arabic) or (persian >= PERSIAN_MIN_WORDS - 1 and not arabic):
        return "fa", round(persian / (persian + arabic), 4)
    return None


def cjk_share(sample: str, weight: int | None = None) -> tuple[float, int, str] | None:
    """The share of the sample's letters that are Chinese characters or kana (`weight` each,
    CJK_WEIGHT when None; code's letters left out: _code_letters), its kana and its characters
    past ASCII; None when it has neither. script_says' measure, and (each character once) language.unexpected's
    words for a text half in another script ("Written in 'en' ... 45% of its letters ...")."""
    # the scripts looked for past ASCII only (in C): a German or French text's few accents,
    # not its every character (language.mixed asks this of each non-ASCII article)
    rest = beyond_ascii(sample.encode("utf-8", "surrogatepass"))
    han, kana = len(HAN.findall(rest)), len(KANA.findall(rest))
    if not han and not kana:
        return None
    cjk = (CJK_WEIGHT if weight is None else weight) * (han + kana)
    return round(cjk / (sum(map(len, letter_runs(sample))) - _code_letters(sample) - han - kana + cjk), 4), kana, rest


# A run of ASCII holding a mark of code or a path: a page's CSS or script left in the text
# (".tech-quotation{padding:20px", "url(//n.sinaimg.cn/...)", "#f4f4f4;margin-bottom:30px;}"), a
# Windows path (its backslashes). Its letters are no language's: Sina's Chinese tech
# stories under their page's CSS were English by letters (CJK share 0.53-0.64), and language.mixed
# then called their own Chinese "a foreign passage" (a second reader: 5 false of 8, thirtieth session).
_ASCII_RUN = re.compile(r"[!-~]+")
_CODE_MARK = re.compile(r"[{}=\\<>]|;(?=\S)|://|[A-Za-z0-9][:#][A-Za-z0-9]")  # not a sentence's ";"
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def _code_letters(sample: str) -> int:
    """The ASCII letters of the sample's runs of code (_CODE_MARK), left out of its letters."""
    return sum(len(_ASCII_LETTER.findall(run)) for run in _ASCII_RUN.findall(sample) if _CODE_MARK.search(run))


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
    if in_capitals(sample):
        sample = sample.lower()
    detector = fast_detector_class()(_factory())  # langdetect's Detector, its text steps faster
    if trials is not None:
        detector.n_trial = trials
    detector.append(sample)
    try:
        ranked = detector.get_probabilities()
    except LangDetectException:  # no letters at all
        return []
    return [(_short_code(guess.lang), float(guess.prob)) for guess in ranked]


CAPITALS_SHARE = 0.6  # of a sample's ASCII letters: from this share of capitals it is read lower-cased
LATIN_MIN_SHARE = 0.3  # of its characters ASCII letters: a page of another script with "CNN" in it is left as it is


def in_capitals(sample: str) -> bool:
    """Whether a sample is written in capitals (CAPITALS_SHARE of its ASCII letters or more):
    langdetect reads it lower-cased. Its profiles are n-grams of ordinary text, and a chain
    message written in capitals ("OS LO VOY A PONER EN MAYÚSCULAS ...", the Spanish Fake News
    Corpus) came out Portuguese with probability 1.00, Spanish when lower-cased (3 of 1,543
    records changed, each to Spanish; no verdict of the other corpora did). Counted on bytes
    (audit.normalise.text.ascii_cases, as boilerplate's _capitals_share)."""
    upper, lower = ascii_cases(sample)
    letters = upper + lower
    return letters >= LATIN_MIN_SHARE * len(sample) and upper >= CAPITALS_SHARE * letters


def language_code(value: object) -> str | None:
    """A language as the table holds it: ISO 639-1, lower case ("en-US", "EN" -> "en"; "eng",
    "eng_Latn", "English" -> "en": audit/data/language_codes.tsv).

    Metadata gives tags like "en-US" or "en_GB", ISO 639-2/3 codes ("deu", "fra") or a
    language's name; compared raw with a suite's "en" they would make an English article
    unexpected and skip every English-only check (and language.mixed leave a "Norwegian"
    article labelled "nb" uncheckable: langdetect says "no"). Anything else is kept as given.
    """
    code = _CODE_PART.split(str(value or "").strip().lower(), maxsplit=1)[0]
    return _code_aliases().get(code, code) or None


_CODE_PART = re.compile(r"[-_\s(]")  # "en-US", "eng_Latn", "portuguese (brazil)": the first part


@lru_cache(maxsize=1)
def _code_aliases() -> dict[str, str]:
    """language_codes.tsv: each other code or name, for its ISO 639-1 code."""
    aliases: dict[str, str] = {}
    table = resources.files("audit.data").joinpath("language_codes.tsv").read_text(encoding="utf-8")
    for line in table.splitlines():
        if line.strip() and not line.startswith("#"):
            code, others = line.split("\t")
            aliases.update((other, code) for other in others.split(","))
    return aliases


def _short_code(code: str) -> str:
    """langdetect says zh-cn / zh-tw; the table uses ISO 639-1."""
    return code.split("-", maxsplit=1)[0]


@lru_cache(maxsize=1)
def profile_languages() -> frozenset[str]:
    """The languages langdetect has profiles for, as it names them ("zh-cn") and as the table
    does ("zh"): the files of its profiles folder, one a language."""
    import os

    from langdetect.detector_factory import PROFILES_DIRECTORY

    names = os.listdir(PROFILES_DIRECTORY)
    return frozenset(names) | frozenset(map(_short_code, names))


def suite_languages(values: Iterable[object]) -> set[str]:
    """A suite's expected languages, read as the records' tags are (language_code: "eng" and
    "nb" in a suite are "en" and "no", as in a record)."""
    return {language_code(value) or str(value).lower() for value in values}


# The fast path: what a glance at the opening of a text shows (thresholds set on
# lingua-testdata and the benchmark pages, benchmarks/bench_language.py).
FAST_CHARS = 2000  # the opening looked at
FAST_MIN_WORDS = 30  # fewer words than this: langdetect decides
FAST_MIN_SHARE = 0.2  # share of the words that are the language's own function words
FAST_MARGIN = 4.0  # ... at least this many times the next language's share
FAST_MIN_DISTINCT = 8  # different function words seen ("he ... he ... he" is not English)
SCRIPT_SHARE = 0.95  # share of the letters in one language's own script
MARKED_MIN = 3  # a language's own letters (ы, э, ё for Russian) a shared-script text needs ...
MARKED_SHARE = 0.005  # ... and their share of the script's letters (Russian news: ~2%)
RARE_PER_MARKED = 0.25  # letters the language hardly writes (ъ), at most this per own letter
LATIN_OWN_SHARE = 0.015  # a Latin-script language's own letters (ł ś ź ż ń: Polish news ~3.3%) ...
LATIN_MIN_WORDS = 2  # ... and its own words, different ones ("się", "że", "jest")
_LETTERS = re.compile(r"[^\W\d_]+")
_NOT_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())  # of ASCII bytes
_NOT_LATIN = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
KANA = re.compile(r"[\u3040-\u30ff]")  # hiragana and katakana: Japanese
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")  # CJK ideographs
# Chinese characters and kana count this many letters each (a character says about as much
# as a short Latin word or syllable), and where they are at least this share of the opening's
# letters so counted, the text is Chinese or Japanese whatever langdetect said.
CJK_WEIGHT = 2
CJK_MIN_SHARE = 0.65
# Kana are Japanese's alone: an opening with this many of them is Japanese from a lower share.
# Postlight's fixtures hold two Japanese programming pages whose openings are half code (a
# book page's errata, a blog post on Go): langdetect said en 0.71 on their first 5,000
# characters (ja 0.9999 on the whole text), their CJK shares 0.43-0.54, so every English-only
# check (the consistency checks) ran on Japanese prose.
# An English story quoting a Japanese name or phrase has tens of kana, not hundreds.
KANA_MIN = 100
KANA_MIN_SHARE = 0.4
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_OWN_SCRIPT = {"ko": HANGUL, "ja": KANA}


@dataclass(frozen=True)
class MarkedLetters:
    """A language clear in a script it shares by the letters only it uses there."""

    language: str
    first: int  # the script's code points
    last: int
    own: frozenset[str]
    others: frozenset[str]  # letters only the script's other languages use
    rare: frozenset[str]  # letters the language writes far less often than the others


@dataclass(frozen=True)
class LatinLetters:
    """A Latin-script language clear by letters only it writes (Polish: ł ś ź ż ń), when the
    text writes no letter past ASCII the language does not, and some of its own words."""

    language: str
    own: frozenset[str]
    writes: frozenset[str]  # every letter past ASCII the language writes
    words: frozenset[str]  # words of its alone among langdetect's languages


@dataclass(frozen=True)
class FastPath:
    words: dict[str, str]  # function word -> its language (words of two languages left out)
    starts: list[int]  # script ranges, sorted by first code point
    ranges: list[tuple[int, int, str]]  # (first, last, language)
    marked: tuple[MarkedLetters, ...] = ()
    latin: tuple[LatinLetters, ...] = ()


@lru_cache(maxsize=1)
def fast_path() -> FastPath:
    """The rules, read once from audit/data/language_fast_path.json."""
    raw = json.loads(resources.files("audit.data").joinpath("language_fast_path.json")
                     .read_text("utf-8"))
    owners: dict[str, set[str]] = {}
    for language, words in raw["function_words"].items():
        for word in words:
            owners.setdefault(word, set()).add(language)
    words = {w: next(iter(langs)) for w, langs in owners.items() if len(langs) == 1}
    ranges = sorted((lo, hi, lang) for lang, spans in raw["unique_scripts"].items()
                    for lo, hi in spans)
    marked = tuple(
        MarkedLetters(lang, rule["script"][0], rule["script"][1], frozenset(rule["own"]),
                      frozenset(rule["others"]), frozenset(rule["rare"]))
        for lang, rule in raw.get("marked_letters", {}).items())
    latin = tuple(LatinLetters(lang, frozenset(rule["own"]), frozenset(rule["writes"]), frozenset(rule["words"]))
                  for lang, rule in raw.get("latin_letters", {}).items())
    return FastPath(words, [lo for lo, _, _ in ranges], ranges, marked, latin)


def fast_path_version() -> str:
    """A short hash of the fast path's rules and thresholds (part of the cache key)."""
    import hashlib

    rules = resources.files("audit.data").joinpath("language_fast_path.json").read_bytes()
    limits = (FAST_CHARS, FAST_MIN_WORDS, FAST_MIN_SHARE, FAST_MARGIN, FAST_MIN_DISTINCT,
              SCRIPT_SHARE, MARKED_MIN, MARKED_SHARE, RARE_PER_MARKED, LATIN_OWN_SHARE, LATIN_MIN_WORDS, "script_says", _ASCII_RUN.pattern, _CODE_MARK.pattern, CJK_WEIGHT, CJK_MIN_SHARE,
              KANA_MIN, KANA_MIN_SHARE, "capitals", CAPITALS_SHARE, LATIN_MIN_SHARE,
              "persian", sorted(PERSIAN_WORDS), sorted(ARABIC_WORDS), PERSIAN_MIN_WORDS,
              _ARABIC_MARKS.pattern, _ARABIC_SCRIPT_WORD.pattern,
              "misread", _MISREAD_PAIR.pattern, MISREAD_MIN_PAIRS, MISREAD_SCRIPT_SHARE,
              "table", UNSURE, TABLE_ROWS_MIN, TABLE_ROWS_SHARE, ROW_NAMED_SHARE, _ROW_WORD.pattern)
    return hashlib.sha256(rules + repr(limits).encode()).hexdigest()[:8]


def clear_language(
    text: str, min_words: int = FAST_MIN_WORDS, min_distinct: int = FAST_MIN_DISTINCT,
    min_share: float = FAST_MIN_SHARE,
) -> str | None:
    """The language when the opening of the text leaves no doubt, else None.

    `min_words` is the fewest words a verdict from words or marked letters needs (a
    script of one language needs none), `min_distinct` the fewest different function
    words of the language a verdict from words needs, `min_share` their share of the words.
    """
    sample = text[:FAST_CHARS].lower()
    words = letter_runs(sample)
    if sample.isascii():  # its letters and no other script's, counted in C
        letters, foreign, past = len(sample.encode("ascii").translate(None, _NOT_LETTERS)), [], ""
    else:  # ASCII holds no letter of another script: looked for past ASCII only
        letters = sum(map(len, words))
        past = beyond_ascii(sample.encode("utf-8", "surrogatepass"))
        foreign = _NOT_LATIN.findall(past)
    if not letters:
        return None
    if len(foreign) > letters * (1 - SCRIPT_SHARE):
        if (language := _clear_script(foreign, letters)) is not None:
            return language
        return _clear_marked(foreign, letters) if len(words) >= min_words else None
    if foreign:
        return None  # Latin with a sprinkle of another script: let langdetect weigh it
    language = _clear_words(words, min_words, min_distinct, min_share)
    if language is None and past and len(words) >= min_words:
        return _clear_latin(past, words, letters)
    return language


def letter_runs(text: str) -> list[str]:
    """`_LETTERS.findall(text)`: runs of letters. An ASCII text (half of an English news
    corpus) is read by a byte translation and a split, a third of the regex's time (its
    Unicode letter class is tested character by character), a text with a few characters
    past ASCII mostly so too (`ascii_runs.runs`; tested equal)."""
    return runs(text, LETTERS, _LETTERS)


def _clear_script(foreign: list[str], letters: int) -> str | None:
    rules = fast_path()
    kana = sum(1 for ch in foreign if KANA.match(ch))
    han = sum(1 for ch in foreign if HAN.match(ch))
    if kana >= 0.2 * letters and kana + han >= SCRIPT_SHARE * letters:
        return "ja"
    if han >= SCRIPT_SHARE * letters:
        return "zh"
    counts: Counter[str] = Counter()
    for ch in foreign:
        at = bisect_right(rules.starts, ord(ch)) - 1
        if at >= 0 and ord(ch) <= rules.ranges[at][1]:
            counts[rules.ranges[at][2]] += 1
    if counts:
        language, n = counts.most_common(1)[0]
        if n >= SCRIPT_SHARE * letters:
            return language
    return None


def _clear_marked(foreign: list[str], letters: int) -> str | None:
    """A language among the others of its script by its own letters: Russian by enough
    ы, э, ё, none of the letters only Ukrainian, Belarusian, Macedonian, Serbian, Kazakh,
    ... use, and few ъ (Bulgarian); Ukrainian by ї, є, ґ likewise."""
    counts = Counter(foreign)  # a few dozen distinct letters
    for rule in fast_path().marked:
        script = sum(n for ch, n in counts.items() if rule.first <= ord(ch) <= rule.last)
        if script < SCRIPT_SHARE * letters:
            continue
        own = sum(counts[ch] for ch in rule.own)
        if (own >= max(MARKED_MIN, MARKED_SHARE * script)
                and not any(counts[ch] for ch in rule.others)
                and sum(counts[ch] for ch in rule.rare) <= RARE_PER_MARKED * own):
            return rule.language
    return None


def _clear_latin(past: str, words: list[str], letters: int) -> str | None:
    """A language among the others of the Latin script by its own letters (`past`: the
    text's characters past ASCII): Polish by enough ł ś ź ż ń, no letter past ASCII that
    Polish does not write, and LATIN_MIN_WORDS of the words only Polish writes."""
    counts = Counter(past)  # a few dozen distinct characters
    written = {ch for ch in counts if ch.isalpha()}
    for rule in fast_path().latin:
        own = sum(counts[ch] for ch in rule.own)
        if (own >= max(MARKED_MIN, LATIN_OWN_SHARE * letters) and written <= rule.writes
                and len(rule.words.intersection(words)) >= LATIN_MIN_WORDS):
            return rule.language
    return None


def _clear_words(words: list[str], min_words: int, min_distinct: int, min_share: float) -> str | None:
    if len(words) < min_words:
        return None
    owner = fast_path().words
    # only the function words counted (a third of a text's words), both steps in C
    counts = Counter(filter(owner.__contains__, words))
    seen = counts.keys()
    if not seen:
        return None
    by_language: Counter[str] = Counter()
    for word in seen:
        by_language[owner[word]] += counts[word]
    ranked = by_language.most_common(2)
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if n < min_share * len(words) or n < FAST_MARGIN * second:
        return None
    distinct = sum(1 for word in seen if owner[word] == top)
    return top if distinct >= min_distinct else None
