"""language.mixed: a passage in another language inside an article, with its span.

An untranslated quote block or a foreign-language box left by the page pollutes a
monolingual corpus as much as a wrong-language article, but whole-article detection
cannot see it. We judge the text piece by piece with the same seeded langdetect:

1. each paragraph (line) long enough for a verdict; a paragraph plainly in the article's
   language by ingest's fast path (function words, a script or letters of its own) needs
   no langdetect call, one confidently in it by one quick call (3 langdetect trials, not
   7), and a one-paragraph article none when ingest's own langdetect verdict says as much;
2. any other paragraph is also judged sentence by sentence: when some sentences are in
   the article's language (a foreign quote in an English frame), the sentences are the
   pieces, else the paragraph is one piece with all its letters;
3. consecutive foreign pieces of one language make a passage; it is reported when its
   letters reach `min_chars` (CJK and Hangul characters count double).

False alarms this avoids: short lines ("Share", "Local News") and pieces under
`min_piece_chars` get no verdict of their own; lists of names, which langdetect may call
Turkish with probability 1.0 ("Recep Tayyip Erdoğan, Andriy Sybiha, Rustem Umerov"),
are recognised by their share of capitalised words; unsure guesses fall under
`min_probability`; a few foreign words in another script inside a sentence ("Putin said
«Мы готовы» in Istanbul") leave the piece mixed-script, which is not judged. On web pages
with their line breaks kept (docs/measurements/mixed-precision.md): URLs, e-mail addresses,
paths, markup and code are no language (left out of a piece's letters and verdict); a piece
holding more of the article language's function words than of the verdict's is not
foreign; a short comma list of keywords is not a sentence; Chinese characters without
Hangul or kana are Chinese, whatever langdetect's 'ko' or 'ja' (for a piece, and for
ingest's verdict on the article). Thresholds
were set on the article-extraction-benchmark gold texts (benchmarks/bench_language.py,
mixed section: no alarm on 161 clean English articles, one true Portuguese page found).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from audit.detect.hygiene.shifted import inside, shifted_runs, shifted_share
from audit.detect.language.not_language import (
    SIBLING_MIN_CHARS,
    SIBLING_MIN_PROBABILITY,
    close_kin,
    not_a_language,
    unmarked_kin,
)
from audit.model import Article, Finding, span_finding
from audit.normalise.ascii_runs import WORD, beyond_ascii, spaced
from audit.normalise.language import (
    MAX_CHARS,
    clear_language,
    fast_path,
    language_probabilities,
    letter_runs,
    persian_by_words,
    profile_languages,
    script_says,
    suite_languages,
    without_table_rows,
)

CHECK = "language.mixed"
MIN_CHARS = 60  # letters a foreign passage needs (bench: recall 65% at 100, 81% at 60, no new alarm)
MIN_PIECE_CHARS = 40  # letters a paragraph or sentence needs for a verdict of its own
MIN_FRAME_CHARS = 15  # letters a sentence needs to be recognised as the article's language
MIN_PROBABILITY = 0.9  # langdetect probability for a piece to count as foreign
# Verdicts langdetect gives for languages it lacks, and the others it gives them too (lingua
# testdata, one sentence of 60+ letters: Zulu 'sw' 81%, 'id' 7%, 'tl' 4%; Xhosa 'sw' 87%,
# 'tl' 5%, 'so' 4%; Shona, Tsonga, Ganda, Maori 'sw' 42-91%, 'so', 'id', 'tl', 'et', 'hr', 'lt',
# 'lv', 'sq' the rest; Icelandic 'no' 51%, 'sv' 21%, 'hu' 11%, 'et' 8%). An article read as 'sw'
# is as likely Zulu or Xhosa as Swahili, and its 'tl' sentence the same text: two South African
# Zulu pages (fundus) held a "Tagalog" passage each; Icelandic pages read as 'no' held
# "Hungarian" ones. Of 20 lingua articles of 10 sentences each, Zulu, Xhosa and Shona gave 8 such
# passages, Icelandic 2. (An article its record calls Irish, Kazakh or Malay is not judged at
# all: JUDGED_LANGUAGES.)
# The languages langdetect has profiles for (as the article table writes them, "zh", and as
# langdetect does, "zh-cn"): only an article in one of them is judged. In another (Kazakh, Armenian, Georgian,
# Mongolian, Serbian, given by the record), every passage is read as a language it is not:
# lingua's news sentences, ten a text, gave all 100 Kazakh and Mongolian texts "Russian"
# passages, Armenian and Georgian ones "Estonian" at probability 1.00, Serbian ones
# "Macedonian" (527 findings on 500 texts; a session's run, docs/measurements.md, forty-fifth).
# The registry gives this set as the detector's languages: those articles are "not checked".
JUDGED_LANGUAGES = profile_languages()
STAND_IN_KIN = {"sw": frozenset({"id", "so", "tl", "et", "hr", "lt", "lv", "sq"}), "no": frozenset({"hu", "et"})}
SURE_PARAGRAPH = 0.99  # a paragraph this sure of the article's language is not split
QUICK_TRIALS = 3  # langdetect trials of the first pass over each paragraph (default 7)
LANGDETECT_TRIALS = 7  # langdetect's own number of trials, which ingest's verdict used
MAX_NAME_SHARE = 0.6  # a piece with more capitalised words than this is a list of names
# A piece where one word of 4+ letters is this share of its words (and said 3+ times) is
# keyword spam, not a language sample: "generic vardenafil online - cheapest vardenafil online
# ... purchase vardenafil" called 'nl', "prozac buy canada - prozac buy cheap ..." 'pl' (spam
# comments of a Dragnet blog page: shares 0.25-0.43). Foreign passages found on the precision
# corpora have at most 0.11; 173 of 87,487 lingua-testdata sentences reach 0.2 (docs/
# measurements/precg.md).
MAX_KEYWORD_SHARE = 0.2
MIN_KEYWORD_REPEATS = 3
KEYWORD_MIN_LETTERS = 4
MIN_SCRIPT_SHARE = 0.8  # a piece whose letters mix scripts more than this is not judged
# A piece with this share of its words holding a digit, and no sentence's run of words
# without one, is a table of figures: "Shr 41 cts vs 28 cts Net 66.2 mln vs 41.8 mln Revs ..."
# reads as Swedish to langdetect with probability 1.0 (Reuters 1987: 20 of 20 such findings,
# shares 0.26-0.38, at most 7 words in a row without a digit; whole articles of Reuters 2017,
# the partisan 2017 set and BBC 2004-05 stay under a share of 0.18; a Portuguese NASCAR
# standings page, share 0.33, has a 35-word sentence and stays judged: precision-2026-12-03.md).
MAX_FIGURE_SHARE = 0.25
SENTENCE_RUN = 10
FIGURE_MAX_LETTERS = 6  # "FY1987", "2,432,179", "1st"; a clause of Chinese or Japanese holds more
SENTENCE_LETTERS = 80  # letters in a row without a figure: a sentence (ten words of eight letters)

# Not words of any language: URLs, e-mail addresses, paths and bracketed markup
# ("Abb.: http://...", "| Harwich and North Essex | Sir Bernard Jenkin | bernard.jenkin.mp@
# parliament.uk |", "[box_colored class=...]"). langdetect read the letters of such lines as
# Hungarian, Indonesian, German, Polish or English (precision: mixed-precision.md); they are
# left out of a piece's verdict and its letters. ASCII only, so a CJK clause around a URL stays.
_NOT_WORDS = re.compile(
    r"(?:https?://|ftp://|www\.|mailto:)[!-~]+"  # URL
    r"|[!-~]*[\w.+-]@[\w-]+\.[!-~]+"  # e-mail address
    r"|[!-~]*/[!-~]*"  # path, "and/or", "doi:10.1126/science"
    r"|\[[^\[\]\n]{0,200}\]"  # [markup], [1], [...]
    r"|<[^<>\n]{0,200}>"
    r"|[!-~]*(?:[A-Za-z0-9]_[A-Za-z0-9]|[A-Za-z0-9]\(|=)[!-~]*"  # code: snake_case, call(, =
    # a template's expression, quoted labels and all ('{{x.status === "pending" ? "En attente
    # de validation" : ...}}', a page's editing widget left in trafilatura's
    # lanouvellerepublique page, read as Italian)
    r"|\{\{[^{}\n]{0,2000}\}\}|\{%[^{}\n]{0,2000}%\}"
)
_NOT_WORD_MARKS = ("/", "@", "[", "<", "www.", "_", "(", "=", "{")
# A piece needs more than a verdict to be foreign when ARTICLE_WORDS_SHARE of its words,
# and more than of the verdict's language, are the article language's own function words,
# both languages' function words being known (audit/data/language_fast_path.json: Danish
# "Tendensen for de andre metaller er faldende" holds English "for", and Danish none listed)
# ("creditshelf kooperiert mit finleap und plant Akquisition der Valendo GmbH" called 'en'
# in a German article; "You can many popular dishes with bhindi like ..." called 'id').
ARTICLE_WORDS_MIN = 2
ARTICLE_WORDS_SHARE = 0.1
# A short piece that is a comma list of one- or two-word items is keywords, not a sentence
# ("docker, installation, install, Docker Engine, ..." called 'sv').
LIST_MAX_LETTERS = 100
LIST_MIN_ITEMS = 4
LIST_ITEM_WORDS = 2
# langdetect guesses among CJK languages by character n-grams: Traditional Chinese came out
# 'ko' with probability 1.0. Korean writes Hangul, Japanese kana; without them it is Chinese.

_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK"}  # Japanese writes in all three
# A character of these scripts says about as much as a short Latin word or syllable
# (one CJK character or Hangul block is ~2-3 Latin letters), so letters count double.
_DENSE = {"CJK": 2, "HANGUL": 2}
_WORD = re.compile(r"\w+")
_NOT_ASCII_LETTERS = bytes(b for b in range(256) if not (b < 128 and chr(b).isalpha()))  # UTF-8 bytes
_SENTENCE = re.compile(r"\S.*?(?:[.!?…»”“\"](?=\s)|$)", re.DOTALL)  # “: German closes a quote with it
_CLOSING = re.compile(r"[.!?…»”“\"](?=\s)")  # _SENTENCE's ends, for sentence_stops
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    letters: int
    language: str | None  # None: no verdict (short, unsure or mixed-script)
    probability: float


OBFUSCATED_SHARE = 0.5  # an article this much shifted text has no language verdict to compare with


def find_mixed_language(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """Passages whose language is not the article's (or, unknown, the suite's)."""
    expected = suite_languages(params.get("expected_languages", ["en"]))
    for article in articles:
        base = {article.language} if article.language else expected
        if _cjk_language(article.text, article.language or "") == "zh":
            base = base | {"zh"}  # a Chinese article labelled otherwise by its record (ingest's own verdicts went through script_says)
        verdict = None
        if article.language is not None and article.language_prob is not None:
            verdict = (article.language, article.language_prob)
        kin = STAND_IN_KIN.get(article.language or "", frozenset())
        obfuscated = shifted_runs(article.text)  # paywall.text's: not a language, and it misled the verdict
        if obfuscated and shifted_share(article.text, obfuscated) >= OBFUSCATED_SHARE:
            continue
        runs = foreign_passages(article.text, base, params, verdict)
        most = (_most_of(article.text, runs) if article.language is not None and len(article.text) > MAX_CHARS
                else set())
        titled = _title_script(article.title, article.language)
        for run in runs:
            if run[0].language in kin or run[0].language in most:
                continue
            if titled is not None and _main_script(article.text[run[0].start:run[-1].end]) == titled:
                continue
            passage = article.text[run[0].start:run[-1].end]
            if ((not obfuscated or not inside(obfuscated, run[0].start, run[-1].end)) and not _chrome(passage)
                    and not citations(passage) and not list_item_title(article.text, run[0].start, run[-1].end)):
                yield _finding(article, run, base)


def _most_of(text: str, runs: list[list[Piece]]) -> set[str]:
    """The languages whose passages hold more than half of the text's letters: the article is
    written in that language, its verdict (made on its first MAX_CHARS) is what is wrong, not
    its passages. A Portuguese story quoting Mark Zuckerberg's English post whole, then its
    translation (Fake.Br, fb-true-670: 8,200 characters of Portuguese, 5,300 of English, "en"
    by the opening), had its own lead and translation reported as Portuguese passages
    "inside an article in en". Only against a verdict made on the opening alone (a text past
    MAX_CHARS): a verdict on the whole text weighed its languages already (htmldate's German
    page under an English Wayback Machine banner, twice: 290 letters of English, 280 of
    German, "de" 0.86, the banner a passage), and a text too short for a verdict is judged
    against the suite's languages (a German text where English is expected is reported)."""
    by_language: dict[str, int] = {}
    for run in runs:
        language = run[0].language or ""
        by_language[language] = by_language.get(language, 0) + sum(p.letters for p in run)
    if not by_language:
        return set()
    total = _letters_and_script_share(_words_only(text))[0]  # counted as the pieces' letters are
    return {language for language, letters in by_language.items() if 2 * letters > total}


# Languages langdetect knows that are written in Latin letters: an article judged one of them
# whose title is in another script (below) was misjudged.
LATIN_WRITTEN = frozenset(["af", "ca", "cs", "cy", "da", "de", "en", "es", "et", "fi", "fr", "hr", "hu", "id", "it",
                           "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "so", "sq", "sv", "sw", "tl", "tr", "vi"])
TITLE_SCRIPT_SHARE = 0.8  # of a title's letters in one script other than Latin
TITLE_MIN_LETTERS = 5


def _title_script(title: str | None, language: str | None) -> str | None:
    """The script of the title when it says the article's verdict is wrong: the verdict is a
    language written in Latin letters, the title in another script. The page's chrome or
    code in English then outweighed its text (a Georgian story under YouTube's player text, a
    Hindi one under an English menu: docs/measurements.md, thirty-sixth session), and a
    passage in the title's script is the article's own text."""
    if language not in LATIN_WRITTEN or not title or title.isascii():  # (ASCII: Latin letters only)
        return None
    letters = _script_letters(title)
    script = _most_written(letters)
    total = sum(letters.values())
    return (script if script not in (None, "LATIN") and total >= TITLE_MIN_LETTERS
            and letters[script] >= TITLE_SCRIPT_SHARE * total else None)


def _main_script(passage: str) -> str | None:
    """The script most of the passage's letters are written in."""
    return _most_written(_script_letters(passage))


def _most_written(scripts: dict[str, int]) -> str | None:
    """The script of most letters (of as many, not Latin); None for no letter."""
    return max(scripts, key=lambda script: (scripts[script], script != "LATIN")) if scripts else None


def _chrome(passage: str) -> bool:
    """Whether a line of the passage starts or is a site-chrome phrase (boilerplate.line's):
    "Filed under: democracy, Regime Change | Tagged: dennis kucinich, impeachment" read as
    German (fresh21); chrome is boilerplate.line's to report, not a language's. Asked of the
    few passages found, not of every line."""
    from audit.detect.leakage.chrome_lines import hits_in, line_key

    return any(h.check == "boilerplate.line" and h.mode != "contains"
               for line in passage.splitlines() if line.strip() for h in hits_in(line_key(line), contains=False))


# A reference list's entries cite works in their own language: "[2] Smaldino, P. E. &
# McElreath, R. (2016) The natural selection of bad science. Royal Society Open Science, 3.
# https://doi.org/10.1098/rsos.160384" in a French blog post, "Quelle: Carlsen OCL et al.:
# Physical activity in pregnancy ... 2021. http://dx.doi.org/..." under a German one. A
# passage whose every line is such an entry is no foreign passage: all 7 false findings of 30
# in a read of the 46 corpora (docs/measurements.md, thirty-ninth session), on web pages'
# footnotes and sources. An entry shows two of: a reference mark or source label opening it
# ("[1]", "(1)", "₃", "- 34.", "Quelle:", "Source:"), a DOI or URL, a year as citations write it
# ("(2016)", "2016.", "(2020):", "2012;10(1):46–8"), "et al." or an author's initials ("Smaldino,
# P. E."), a "retrieved on".
_CITATION_OPENING = re.compile(
    r"\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|[\u2080-\u2089\u00b9\u00b2\u00b3\u2070-\u2079]+(?!\w)|(?:[-–•*]\s*)?\d{1,3}\.\s"
    r"|(?:Quellen?|Sources?|Fontes?|Fuentes?|Bronn?e?n?|Źródł[oa]|Kaynak(?:lar)?|Источники?|References?"
    r"|Literatur|Bibliogra(?:phie|fía|fia|phy))\s*:)")
_CITATION_MARKS = (
    re.compile(r"https?://|\bdoi:|\bwww\."),
    re.compile(r"\((?:1[5-9]|20)\d\d[a-z]?\)|\b(?:1[5-9]|20)\d\d[a-z]?[.:;](?!\d)"),
    re.compile(r"\bet al\.|\b[A-Z][a-zà-ÿ]+, (?:[A-Z]\. ?){1,3}"),
    re.compile(r"(?i)\b(?:abgerufen|abrufbar|retrieved|accessed|consulté|zugegriffen|acesso em|consultado)\b"),
    # A Persian or Arabic entry: a Hijri year ("1413ق", "1404 ق،", "1361."), a volume or edition
    # ("ج12", "چ2"), the publisher's city ("قم:", "بیروت،"), "no date" ("بی‌تا"). Fars' religious
    # essays list Arabic books in Persian entries: 4 of fa_news' 15 language.mixed findings, each
    # called an Arabic passage (a read of session 40)
    re.compile(r"(?<!\d)1[34]\d\d\s?(?:ق|ش|هـ)(?!\w)|(?<!\d)1[34]\d\d[.،:](?!\d)|(?<!\w)[جچ]\s?\d{1,2}(?!\d)"
               r"|(?<!\w)(?:قم|تهران|بیروت|مشهد|نجف|قاهره|القاهرة|بغداد|دمشق)\s?[:،]|(?<!\w)بی[\s\u200c]?تا(?!\w)"),
)
CITATION_MIN_MARKS = 2
# A line longer than an entry is entries run together (a flat page's source list: "Quellen -
# Braithwaite, V.A./Ebbesson, L.O.E. (2014): ... Nilsson, J. et al. (2019): ...", 910
# characters, 7 years) only with a year every CITATION_CHARS_PER_YEAR characters: a French
# article of 8,923 characters glued to a German one (odd-defr-4) has two marks somewhere and 6.
CITATION_MAX_CHARS = 400
CITATION_CHARS_PER_YEAR = 300
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def citations(passage: str) -> bool:
    """Whether every line of the passage is a reference list's entry, or entries (see above)."""
    lines = [line for line in passage.splitlines() if line.strip()]
    return bool(lines) and all(_citation(line) for line in lines)


def _citation(line: str) -> bool:
    if len(line) > CITATION_MAX_CHARS and len(_YEAR.findall(line)) * CITATION_CHARS_PER_YEAR < len(line):
        return False
    marks = int(_CITATION_OPENING.match(line) is not None)
    for pattern in _CITATION_MARKS:
        if marks >= CITATION_MIN_MARKS:
            break
        marks += pattern.search(line) is not None
    return marks >= CITATION_MIN_MARKS


# A list's item that is a title, not a sentence: the sources and related links a page lists
# under its story in their own language ("【関連情報】" / "・ Red alert: Rio backs £17m United new
# boy Kagawa to take Premier League by storm（The Daily Mail)", "■関連リンク" / "・Android
# Developers Blog: Helping you build beautiful, powerful, successful apps", "- foxnews.com:
# Venezuelan ‘dark fleet’ tanker evades US Coast Guard ..."). A second read of language.mixed
# (thirty-ninth session) called two such false; they were 8 of ja_news' 11 findings. The whole
# passage is one line, opens with a list's bullet, holds ITEM_MAX_WORDS words at most (links
# left out) and ends with no sentence mark; a bulleted quote ends with one, and stays judged.
ITEM_MAX_WORDS = 25
ITEM_BULLETS = "・•·*-–—"  # a list item's first mark (after spaces)
_ITEM_BULLET = re.compile(r"\s*[" + re.escape(ITEM_BULLETS) + "]")
_ITEM_URL = re.compile(r"(?:https?://|www\.)\S+")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’)）\]]*$")


def list_item_title(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole line that is a list's item and a title (see above)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    passage = text[start:end]
    if text[line_start:start].strip() or text[end:line_end].strip() or "\n" in passage.strip():
        return False
    if not _ITEM_BULLET.match(passage):
        return False
    title = _ITEM_URL.sub(" ", passage).strip().lstrip(ITEM_BULLETS + "\u3000 ").strip()
    return bool(title) and len(title.split()) <= ITEM_MAX_WORDS and not _SENTENCE_END.search(title)


def foreign_passages(
    text: str, base: set[str], params: Mapping[str, Any],
    verdict: tuple[str, float] | None = None,
) -> list[list[Piece]]:
    """Runs of consecutive foreign pieces of one language, long enough to report.

    `verdict` is ingest's (language, probability) for `text` (Article.language and
    .language_prob when detected, not given by the record): where langdetect made it,
    a paragraph that is the whole text needs no second call (see `_ingest_ranking`).
    """
    min_chars = int(params.get("min_chars", MIN_CHARS))
    pieces = [p for p in _pieces(text, base, params, verdict)
              if p.language is not None and not _not_foreign(text[p.start:p.end], p, base)]
    runs: list[list[Piece]] = []
    for piece in pieces:
        if piece.language in base:
            runs.append([])  # the article's language breaks a run
        elif runs and runs[-1] and runs[-1][-1].language == piece.language:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [_reach_forward(text, _reach_back(text, run, base, params), base, params)
            for run in runs if run and _reported(run, base, min_chars)]


def _reach_back(text: str, run: list[Piece], base: set[str], params: Mapping[str, Any]) -> list[Piece]:
    """The run with the sentences of its language just before it, on its line: a window of a
    long paragraph (_windows) where the foreign text begins was judged as a whole, in the
    article's language, and its last sentences, foreign, were left out of the span (a French
    article appended to a German page: the span began one to three sentences late). Judged
    one by one from the run backwards, while they are in the run's language; only for runs
    found, so a few langdetect calls a passage."""
    line = text.rfind("\n", 0, run[0].start) + 1
    line_start = max(line, run[0].start - REACH_CHARS)  # (a flat text's line is the whole article)
    before = [(m.start(), m.start() + len(m.group().rstrip()))
              for m in _SENTENCE.finditer(text, line_start, run[0].start)]
    if line_start > line and before:
        before = before[1:]  # the first, cut by the reach: no sentence to judge
    for start, end in reversed(before):
        if (piece := _in_run_language(text, start, end, run, base, params)) is None:
            break
        run = [piece, *run]
    return run


def _reach_forward(text: str, run: list[Piece], base: set[str], params: Mapping[str, Any]) -> list[Piece]:
    """The run with the sentences of its language just after it, on its line, as `_reach_back`
    takes those before: a window judged whole in the article's language held the passage's
    last sentences (a French tweet's second sentence, then its English attribution and the
    story: gilets jaunes, CNN, flattened; a reader's "partly", forty-third session)."""
    line_end = text.find("\n", run[-1].end)
    line_end = len(text) if line_end < 0 else line_end
    # no further than a window's reach (a flat text's line is the whole article): read lazily,
    # the first sentence of another language ends it
    reach = min(line_end, run[-1].end + REACH_CHARS)
    for m in _SENTENCE.finditer(text, run[-1].end, reach):
        if m.end() == reach < line_end:
            break  # a sentence cut by the reach: not judged
        start, end = m.start(), m.start() + len(m.group().rstrip())
        if not text[start:end].strip():
            continue
        if (piece := _in_run_language(text, start, end, run, base, params)) is None:
            break
        run = [*run, piece]
    return run


def _in_run_language(text: str, start: int, end: int, run: list[Piece], base: set[str],
                     params: Mapping[str, Any]) -> Piece | None:
    """text[start:end] judged as a piece, if it is foreign in the run's language (the step
    _reach_back and _reach_forward take sentence by sentence); else None."""
    piece = _plain(text, start, end, base, params) or _judge(text, start, end, params, base)
    if piece.language != run[0].language or _not_foreign(text[start:end], piece, base):
        return None
    return piece


def _reported(run: list[Piece], base: set[str], min_chars: int) -> bool:
    """Whether a run is long enough to report: in a close kin of the article's language
    (Danish in Norwegian, Catalan in Spanish), which langdetect tells apart only on longer
    text, it needs SIBLING_MIN_CHARS letters and every piece that sure (not_language)."""
    letters = sum(p.letters for p in run)
    if not close_kin(run[0].language, base):
        return letters >= min_chars
    return (letters >= max(min_chars, SIBLING_MIN_CHARS)
            and min(p.probability for p in run) >= SIBLING_MIN_PROBABILITY)


# English function words: a paragraph of an English article where they make up a
# quarter of the words is English prose, and needs no langdetect call (most paragraphs
# of a corpus; bench_language.py: 19.5 -> 6.2 ms per article, same recall and alarms).
_EN_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with", "as", "he", "be", "by", "at", "from", "his", "are", "have", "an", "has", "had", "not", "but", "they", "this", "which", "were", "their", "said", "will", "would", "been", "who", "its", "after"]
)
_EN_FUNCTION_BYTES = frozenset(w.encode("ascii") for w in _EN_FUNCTION_WORDS)
EN_FAST_SHARE = 0.25
EN_FAST_MIN_WORDS = 12
# Another language's piece: ingest's fast path with a paragraph's counts. Set on the
# lingua sentences and the gold/gate bodies' paragraphs and sentences (docs/measurements/
# language-speed.md): of the gold/gate pieces it calls in a language, 0 of 3,300
# paragraphs and 27 of 14,531 sentences get another or an unsure verdict from langdetect.
PLAIN_MIN_WORDS = 12
PLAIN_MIN_DISTINCT = 4
# ... and for an article not in English, PLAIN_MIN_SHARE of a piece's words its language's own
# function words, not ingest's 0.2: the words that say Spanish, French or Portuguese least
# ambiguously are not their commonest ("de", "la", "que", "a" are the table's for no language),
# so a Spanish paragraph of news holds 12-16% ("Ante esto, el cuerpo legal ...": 20 of 137), and
# 96 of 99 Spanish windows of the gate corpus went to langdetect, which said Spanish. Measured on
# the lingua sentences (all 75 languages) and the gate bodies' windows and sentences
# (/tmp/s36/plain_exp.py, thirty-sixth session): 558 pieces more called plain in their language,
# langdetect agreeing on 556 (the others: a Latin sentence "fr", langdetect "it"; a German
# sentence langdetect was unsure of). 0.1 also called Catalan windows Spanish: not taken.
# Not for an article in English as well (a Danish window was "en" at 0.1).
PLAIN_MIN_SHARE = 0.12


def _plainly_english(paragraph: str) -> bool:
    lowered = paragraph.lower()
    # \w+ runs as bytes (audit.normalise.ascii_runs: a byte translation and a split, a
    # third of the regex's time); the function words are ASCII, so a run is one of them
    # when its bytes are
    found = spaced(lowered, WORD, _WORD)
    if found is not None:
        words: list[Any] = found.split()
        function_words = _EN_FUNCTION_BYTES
    else:
        words, function_words = _WORD.findall(lowered), _EN_FUNCTION_WORDS
    if len(words) < EN_FAST_MIN_WORDS:
        return False
    return sum(map(function_words.__contains__, words)) / len(words) >= EN_FAST_SHARE


def _plain(
    text: str, start: int, end: int, base: set[str], params: Mapping[str, Any]
) -> Piece | None:
    """A piece plainly in the article's language, without langdetect: a paragraph, or a
    sentence of a paragraph that is not (a one-paragraph article, where every sentence
    used to cost a langdetect call). English by its own rule above, or by ingest's fast
    path (`clear_language`) as ingest runs it; another language by that fast path with
    a paragraph's word counts. Only pieces that would get a verdict of their own."""
    piece = text[start:end]
    if "en" in base and _plainly_english(piece):
        letters, _ = _letters_and_script_share(piece)
        return Piece(start, end, letters, "en", 1.0)
    if base <= {"en"}:  # English by ingest's own limits (not a short Danish paragraph)
        language = clear_language(piece)
    elif "en" in base:
        language = clear_language(piece, PLAIN_MIN_WORDS, PLAIN_MIN_DISTINCT)
    else:
        language = clear_language(piece, PLAIN_MIN_WORDS, PLAIN_MIN_DISTINCT, PLAIN_MIN_SHARE)
    if language not in base:
        return None
    letters, _ = _letters_and_script_share(piece)
    if letters < int(params.get("min_piece_chars", MIN_PIECE_CHARS)):
        return None
    if _mostly_names(piece, float(params.get("max_name_share", MAX_NAME_SHARE))):
        return None
    return Piece(start, end, letters, language, 1.0)


def _pieces(
    text: str, base: set[str], params: Mapping[str, Any], verdict: tuple[str, float] | None
) -> Iterator[Piece]:
    """Paragraphs, or the sentences of a paragraph that is not clearly in `base`."""
    sure = float(params.get("sure_paragraph", SURE_PARAGRAPH))
    for first, last in _paragraph_spans(text):
        if (plain := _plain(text, first, last, base, params)) is not None:
            yield plain
            continue
        known = verdict if (first, last) == (0, len(text)) else None  # what ingest judged
        quick = _judge(text, first, last, params, trials=QUICK_TRIALS, known=known)
        if quick.language in base and quick.probability >= sure:
            yield quick  # most paragraphs end here, at a third of the cost
            continue
        if quick.letters < int(params.get("min_piece_chars", MIN_PIECE_CHARS)):
            yield quick  # a short line ("Share this article") has no parts worth judging
            continue
        whole = _judge(text, first, last, params, known=known)
        sentences = []
        for m in _SENTENCE.finditer(text[first:last]):
            start = first + m.start()
            end = start + len(m.group().rstrip())
            sentences.append(_plain(text, start, end, base, params)
                             or _judge(text, start, end, params, base))
        # Sentences win only when some are in the article's language (a foreign quote in
        # an English frame); otherwise the paragraph's own verdict stands, with all its
        # letters (its short sentences would get no verdict of their own).
        if whole.language is None or any(p.language in base for p in sentences):
            yield from sentences
        else:
            yield whole


# A paragraph longer than twice this is judged in windows of about WINDOW_CHARS, cut at
# sentence ends: a one-paragraph article (a flattened corpus) was judged whole, and
# langdetect, sure of its majority language, hid a foreign quarter of it (a German page with
# a French article appended: 10 of 10 such records of multiling/odd.jsonl, none found).
WINDOW_CHARS = 800
REACH_CHARS = 2 * WINDOW_CHARS  # how far _reach_back and _reach_forward read, from the run


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of characters other than a line break: what
    `[^\\n]+` finds, from str.split (the regex tested each character: a sixth of the
    check on one-paragraph articles); a long one in windows (WINDOW_CHARS)."""
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if len(line) > 2 * WINDOW_CHARS:
            yield from _windows(text, start, end)
        elif line:
            yield start, end
        start = end + 1


def _windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """text[start:end] in runs of whole sentences of at least WINDOW_CHARS (the last takes
    what is left)."""
    at = start
    for stop in sentence_stops(text, start, end):
        if stop - at >= WINDOW_CHARS and end - stop >= WINDOW_CHARS // 2:
            yield at, stop
            at = stop
            while at < end and text[at].isspace():
                at += 1
    if at < end:
        yield at, end


def sentence_stops(text: str, start: int, end: int) -> Iterator[int]:
    """Where those of `_SENTENCE.finditer(text, start, end)`'s matches end that end at a
    closing mark (not at the text's end): each mark followed by a space, except a mark that
    starts a sentence (". Next": _SENTENCE's \\S takes it, so that sentence ends at a later
    mark). The marks are found by one C scan; _SENTENCE's lazy dot tried the alternation at
    each character (most of _windows' time on a one-paragraph article)."""
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    opens = first.start()  # where the current sentence starts
    for mark in _CLOSING.finditer(text, opens + 1, end):
        at = mark.start()
        if at == opens:  # a mark that opens the sentence does not close it
            continue
        yield at + 1
        after = _NON_SPACE.search(text, at + 1, end)
        if after is None:
            return
        opens = after.start()


def _judge(
    text: str, start: int, end: int, params: Mapping[str, Any],
    base: set[str] = frozenset(), trials: int | None = None,
    known: tuple[str, float] | None = None,
) -> Piece:
    """A verdict for text[start:end], or none (short, mixed-script or unsure).

    Pieces under `min_piece_chars` still get a verdict when it is the article's own
    language ("He then left the room."): that is what tells a foreign quote from its
    frame, and mistaking a short foreign sentence for the frame only shortens a span.
    """
    piece = _words_only(text[start:end])
    if known is not None and piece != text[start:end]:
        known = None  # ingest judged the text with its URLs and markup
    letters, share = _letters_and_script_share(piece)
    min_piece = int(params.get("min_piece_chars", MIN_PIECE_CHARS))
    min_script = float(params.get("min_script_share", MIN_SCRIPT_SHARE))
    short = letters < min_piece
    if (short and (not base or letters < MIN_FRAME_CHARS)) or share < min_script:
        return Piece(start, end, letters, None, 0.0)
    if _mostly_names(text[start:end], float(params.get("max_name_share", MAX_NAME_SHARE))):
        return Piece(start, end, letters, None, 0.0)
    if table_of_figures(text[start:end], float(params.get("max_figure_share", MAX_FIGURE_SHARE))):
        return Piece(start, end, letters, None, 0.0)
    if keyword_spam(piece):
        return Piece(start, end, letters, None, 0.0)
    ranked = _ingest_ranking(text, known, trials, params) if known else None
    if ranked is None:
        ranked = language_probabilities(piece, min_chars=1, trials=trials)
    sure = bool(ranked) and ranked[0][1] >= float(params.get("min_probability", MIN_PROBABILITY))
    if not sure:
        return Piece(start, end, letters, None, ranked[0][1] if ranked else 0.0)
    language = _cjk_language(piece, ranked[0][0])
    if short and language not in base:
        return Piece(start, end, letters, None, ranked[0][1])
    return Piece(start, end, letters, language, ranked[0][1])


def _words_only(piece: str) -> str:
    """The piece with URLs, e-mail addresses, paths and bracketed markup blanked out."""
    if not any(mark in piece for mark in _NOT_WORD_MARKS):
        return piece
    return _NOT_WORDS.sub(" ", piece)


def _cjk_language(piece: str, language: str) -> str:
    """langdetect's Korean or Japanese for Chinese characters without Hangul or kana:
    Chinese; a language of another script for mostly Chinese characters and kana: Chinese or
    Japanese (audit.normalise.language.script_says, which ingest's verdicts went through)."""
    said = script_says(piece, language)
    return said[0] if said is not None else language


SOUP_SHARE = 0.2  # of a piece's visible characters in symbols: no prose has so many


def _symbol_soup(piece: str) -> bool:
    """Whether a fifth of the piece's visible characters are symbols and punctuation: a PDF's
    stream dumped into an article ('4,".%VBLS.@&3O7*;$TQi-eN@h9kc@,DYWo5 ... endstream endobj',
    FakeNewsNet) was "Croatian" (p 1.00). Prose, with its quotes and dashes, holds a few in 100."""
    visible = [c for c in piece if not c.isspace()]
    symbols = sum(unicodedata.category(c)[0] in "PS" for c in visible)  # not marks: Hindi's vowel signs
    return bool(visible) and symbols >= SOUP_SHARE * len(visible)


# Icelandic (and Faroese), which langdetect lacks, write þ and ð; it reads them as Norwegian,
# Swedish, Hungarian, Estonian or Danish (see STAND_IN_KIN), the article and its passages alike
ICELANDIC_STAND_INS = frozenset({"no", "sv", "da", "hu", "et"})
_ICELANDIC_LETTER = re.compile(r"[þðÞÐ]")
_PRESENTATION_FORM = re.compile(r"[\ufb50-\ufdff\ufe70-\ufeff]")


def _lacked_by_langdetect(piece: str, language: str | None, base: set[str]) -> bool:
    """Whether a piece's foreign verdict is langdetect's stand-in for the article's own language:
    an Icelandic passage of an Icelandic page, both read as Scandinavian ("segir Malín Brand, en
    þær stöllur ...", 'sv' inside 'no': Morgunblaðið in fundus); Persian written in Arabic's
    presentation forms ("ﻭﻟﻲ ﺑﺎﻳﺪ ﺑﭙﺬﻳﺮﻳﻢ ...": a Fars News page of 2003), Arabic or Urdu to langdetect,
    Persian once the forms are the letters they stand for (NFKC), by langdetect or by its function
    words. A second reader, thirty-fifth session: 3 of 16 language.mixed findings so, false."""
    if language in ICELANDIC_STAND_INS and base & ICELANDIC_STAND_INS and _ICELANDIC_LETTER.search(piece):
        return True
    if _PRESENTATION_FORM.search(piece) is None:
        return False
    letters = unicodedata.normalize("NFKC", piece)
    ranked = language_probabilities(letters, min_chars=1)
    return bool(ranked and ranked[0][0] in base) or ("fa" in base and persian_by_words(letters) is not None)


# Urdu writes letters Persian does not (ٹ ڈ ڑ ں ھ ہ ے ۓ): a line of a Persian page with none
# of them is no Urdu passage, whatever langdetect says of its names ("داوران: کوپال ناظمی –
# جواد قنبریان ، حافظ عظیمی – ... ناظر: رسول فروغی", a varzesh3 preview's referees, 'ur' at 1.00).
_URDU_LETTER = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2\u06d3]")


def _not_foreign(piece: str, verdict: Piece, base: set[str]) -> bool:
    """Whether a piece langdetect called foreign is the article's language by its function
    words (or, for a Persian page's 'ur', by its letters), no language (placeholder or junk letters: not_language.not_a_language), or a
    short keyword list (see ARTICLE_WORDS_SHARE and LIST_MAX_LETTERS)."""
    if verdict.language in base or verdict.language is None:
        return False
    if not_a_language(_words_only(piece), verdict.language) or _symbol_soup(piece):
        return True
    if unmarked_kin(piece, verdict.language, base):
        return True  # Russian without ы, э, ё, called Bulgarian
    if _lacked_by_langdetect(piece, verdict.language, base):
        return True
    if verdict.language == "ur" and "fa" in base and _URDU_LETTER.search(piece) is None:
        return True
    words = letter_runs(_words_only(piece).lower())
    owner = fast_path().words
    counts = Counter(owner[w] for w in words if w in owner)
    own = max((counts[b] for b in base), default=0)
    known = set(owner.values())  # languages whose function words the fast path holds
    if (verdict.language in known and base & known and own >= ARTICLE_WORDS_MIN
            and own >= ARTICLE_WORDS_SHARE * len(words) and own > counts[verdict.language]):
        return True
    if verdict.letters >= LIST_MAX_LETTERS:
        return False
    if piece.rstrip().endswith((".", "!", "?", "…")):
        return False  # a sentence, whatever its commas ("..., Italia o de dondequiera que vivan!")
    items = [n for n in (len(letter_runs(item)) for item in piece.split(",")) if n]
    return len(items) >= LIST_MIN_ITEMS and sorted(items)[(len(items) - 1) // 2] <= LIST_ITEM_WORDS


def _ingest_ranking(
    text: str, known: tuple[str, float], trials: int | None, params: Mapping[str, Any]
) -> list[tuple[str, float]] | None:
    """langdetect's top guess for the whole `text`, told by ingest's verdict, or None
    (ask langdetect).

    Ingest judged the same string (text[:MAX_CHARS], as `language_probabilities` does)
    with the same seeded detector and 7 trials, unless its fast path decided (then
    nothing is known of langdetect). With the seed reset before the first trial, a
    run of q trials is the first q trials of the 7, each a probability of at most 1,
    so a 7-trial probability p means the q-trial one is at least (7p - (7 - q)) / q:
    p >= 0.9958 gives 3 trials >= 0.99. Probabilities come rounded to 4 places: one
    that close to a threshold is asked again."""
    language, probability = known
    if clear_language(text) is not None or without_table_rows(text[:MAX_CHARS]) is not None:
        return None  # the fast path's verdict, or one judged without a table's rows
    q = LANGDETECT_TRIALS if trials is None else trials
    lowest = (LANGDETECT_TRIALS * probability - (LANGDETECT_TRIALS - q)) / q
    blur = LANGDETECT_TRIALS * 0.5e-4 / q  # what rounding p to 4 places may move `lowest`
    thresholds = [float(params.get("min_probability", MIN_PROBABILITY))]
    if q < LANGDETECT_TRIALS:
        thresholds.append(float(params.get("sure_paragraph", SURE_PARAGRAPH)))
        if lowest < max(thresholds) + blur:
            return None  # the quick pass might be less sure than the bound: ask it
    if any(abs(lowest - t) <= blur for t in thresholds):
        return None
    return [(language, min(lowest, 1.0))]


def table_of_figures(text: str, max_share: float = MAX_FIGURE_SHARE) -> bool:
    """Whether `max_share` or more of the text's words (runs between spaces) are figures
    and no SENTENCE_RUN words in a row are free of one: langdetect's verdict on such text
    is a guess at the abbreviations between the numbers. A figure holds a digit and few
    letters ("66.2", "Q4", "1st"), and SENTENCE_LETTERS letters without a figure are a
    sentence too: Chinese and Japanese write no spaces between words, so a "word" there is
    a clause, and clauses holding a date made whole Chinese and Japanese articles tables of
    figures, which an English suite did not report (precision-multilingual.md)."""
    words = text.split()
    if not words or len(words) - sum(map(str.isalpha, words)) < max_share * len(words):
        return False  # fewer words than that hold anything but letters: fewer are figures
    figures = [_figure(word) for word in words]
    if sum(figures) < max_share * len(words):
        return False
    run = letters = 0
    for word, figure in zip(words, figures):
        run, letters = (0, 0) if figure else (run + 1, letters + sum(ch.isalpha() for ch in word))
        if run >= SENTENCE_RUN or letters >= SENTENCE_LETTERS:
            return False
    return True


def keyword_spam(piece: str) -> bool:
    """Whether one word of KEYWORD_MIN_LETTERS+ letters makes MAX_KEYWORD_SHARE of the piece's
    words, said MIN_KEYWORD_REPEATS times or more: a drug name or a brand stuffed between URLs
    and "buy", "online", "cheap". langdetect names a language for it with probability 1.0,
    guessing from the one word it sees again and again."""
    words = letter_runs(piece.lower())
    counts = Counter(w for w in words if len(w) >= KEYWORD_MIN_LETTERS)
    if not counts:
        return False
    repeats = counts.most_common(1)[0][1]
    return repeats >= MIN_KEYWORD_REPEATS and repeats >= MAX_KEYWORD_SHARE * len(words)


def _figure(word: str) -> bool:
    """A run between spaces that holds a digit and at most FIGURE_MAX_LETTERS letters."""
    return any(ch.isdigit() for ch in word) and sum(ch.isalpha() for ch in word) <= FIGURE_MAX_LETTERS


def _mostly_names(piece: str, max_share: float) -> bool:
    """A list of names ("Recep Tayyip Erdoğan, Andriy Sybiha, Rustem Umerov") reads as
    Turkish or Slovak to langdetect with probability 1.0; prose, even German with its
    capitalised nouns, has far fewer capitalised words."""
    words = [w for w in _WORD.findall(piece) if w[0].isalpha()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return bool(words) and capitalised / len(words) > max_share


def _letters_and_script_share(piece: str) -> tuple[int, float]:
    """How many letters (dense scripts weighted), and the share of the main script.

    ASCII letters (all LATIN) are counted in C on the UTF-8 bytes; the other characters
    (their bytes, the ASCII ones deleted) per distinct character (a paragraph of English
    news has a handful), not per character.
    """
    scripts = _script_letters(piece)
    letters = sum(scripts.values())
    if not letters:
        return 0, 0.0
    weighted = sum(n * _DENSE.get(script, 1) for script, n in scripts.items())
    return weighted, max(scripts.values()) / letters


def _script_letters(piece: str) -> dict[str, int]:
    """The piece's letters by script (`_script`), counted as `_letters_and_script_share` says."""
    scripts: dict[str, int] = {}
    raw = piece.encode("utf-8", "surrogatepass")
    ascii_letters = len(raw.translate(None, _NOT_ASCII_LETTERS))
    if ascii_letters:
        scripts["LATIN"] = ascii_letters
    beyond = beyond_ascii(raw) if len(raw) > len(piece) else ""
    for ch, n in Counter(beyond).items():
        if ch.isalpha():
            script = _script(ch)
            scripts[script] = scripts.get(script, 0) + n
    return scripts


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    """The script of a letter: the first word of its Unicode name (LATIN, CJK, ...)."""
    script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
    return _SAME_SCRIPT.get(script, script)


def _finding(article: Article, run: list[Piece], base: set[str]) -> Finding:
    start, end = run[0].start, run[-1].end
    language = run[0].language
    probability = min(p.probability for p in run)
    letters = sum(p.letters for p in run)
    if article.language is None:  # too short for an article verdict: judged against the suite
        # (a short German body read as "a passage inside an article in en" said what is not so;
        # precision-multilingual.md)
        message = (
            f"A passage of {letters} letters in {language!r} (probability {probability:.2f}) in an "
            f"article too short for a language verdict; the suite expects {', '.join(sorted(base))}."
        )
    else:
        message = (
            f"A passage of {letters} letters in {language!r} (probability {probability:.2f}) "
            f"inside an article in {', '.join(sorted(base))}: an untranslated quote or a "
            "foreign-language block left by the page."
        )
    return span_finding(
        article, CHECK, start, end, message,
        data={"language": language, "probability": round(probability, 4),
              "article_language": sorted(base), "letters": letters, "pieces": len(run)},
    )
