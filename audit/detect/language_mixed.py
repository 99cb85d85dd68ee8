"""language.mixed: a passage in another language inside an article, with its span.

An untranslated quote block or a foreign-language box left by the page pollutes a
monolingual corpus as much as a wrong-language article, but whole-article detection
cannot see it. We judge the text piece by piece with the same seeded langdetect:

1. each paragraph (line) long enough for a verdict; a paragraph that is confidently in
   the article's language is done in one call (most of them);
2. any other paragraph is judged sentence by sentence, so one foreign quote does not
   condemn its English frame;
3. consecutive foreign pieces of one language make a passage; it is reported when its
   letters reach `min_chars`.

False alarms this avoids: short lines ("Share", "Local News") and pieces under
`min_piece_chars` get no verdict; lists of names give low-probability guesses
("Erdoğan, Zelenskyy, Umerov" -> tr 0.43) under `min_probability`; a few foreign words
in another script inside a sentence ("Putin said «Мы готовы» in Istanbul") leave the
piece mixed-script, which is not judged. Thresholds were set on the
article-extraction-benchmark gold texts (benchmarks/bench_language.py, mixed section).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit.model import Article, Finding, span_finding
from audit.normalise.language import language_probabilities

CHECK = "language.mixed"
MIN_CHARS = 100  # letters a foreign passage needs before it is reported
MIN_PIECE_CHARS = 40  # letters a paragraph or sentence needs for a verdict of its own
MIN_PROBABILITY = 0.9  # langdetect probability for a piece to count as foreign
SURE_PARAGRAPH = 0.99  # a paragraph this sure of the article's language is not split
MIN_SCRIPT_SHARE = 0.8  # a piece whose letters mix scripts more than this is not judged

_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK"}  # Japanese writes in all three
_PARAGRAPH = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"\S.*?(?:[.!?…»”\"](?=\s)|$)", re.DOTALL)


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    letters: int
    language: str | None  # None: no verdict (short, unsure or mixed-script)
    probability: float


def find_mixed_language(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """Passages whose language is not the article's (or, unknown, the suite's)."""
    expected = {str(c).lower() for c in params.get("expected_languages", ["en"])}
    for article in articles:
        base = {article.language} if article.language else expected
        for run in foreign_passages(article.text, base, params):
            yield _finding(article, run, base)


def foreign_passages(
    text: str, base: set[str], params: Mapping[str, Any]
) -> list[list[Piece]]:
    """Runs of consecutive foreign pieces of one language, long enough to report."""
    min_chars = int(params.get("min_chars", MIN_CHARS))
    pieces = [p for p in _pieces(text, base, params) if p.language is not None]
    runs: list[list[Piece]] = []
    for piece in pieces:
        if piece.language in base:
            runs.append([])  # the article's language breaks a run
        elif runs and runs[-1] and runs[-1][-1].language == piece.language:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    return [run for run in runs if run and sum(p.letters for p in run) >= min_chars]


def _pieces(text: str, base: set[str], params: Mapping[str, Any]) -> Iterator[Piece]:
    """Paragraphs, or the sentences of a paragraph that is not clearly in `base`."""
    sure = float(params.get("sure_paragraph", SURE_PARAGRAPH))
    for paragraph in _PARAGRAPH.finditer(text):
        whole = _judge(text, paragraph.start(), paragraph.end(), params)
        if whole.language in base and whole.probability >= sure:
            yield whole
            continue
        sentences = list(_SENTENCE.finditer(paragraph.group()))
        if len(sentences) <= 1:
            yield whole
            continue
        for sentence in sentences:
            start = paragraph.start() + sentence.start()
            yield _judge(text, start, start + len(sentence.group().rstrip()), params)


def _judge(text: str, start: int, end: int, params: Mapping[str, Any]) -> Piece:
    piece = text[start:end]
    letters, share = _letters_and_script_share(piece)
    min_piece = int(params.get("min_piece_chars", MIN_PIECE_CHARS))
    min_script = float(params.get("min_script_share", MIN_SCRIPT_SHARE))
    if letters < min_piece or share < min_script:
        return Piece(start, end, letters, None, 0.0)
    ranked = language_probabilities(piece, min_chars=1)
    if not ranked or ranked[0][1] < float(params.get("min_probability", MIN_PROBABILITY)):
        return Piece(start, end, letters, None, ranked[0][1] if ranked else 0.0)
    return Piece(start, end, letters, ranked[0][0], ranked[0][1])


def _letters_and_script_share(piece: str) -> tuple[int, float]:
    """How many letters, and the share of them in the piece's main script."""
    scripts: dict[str, int] = {}
    for ch in piece:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            script = _SAME_SCRIPT.get(script, script)
            scripts[script] = scripts.get(script, 0) + 1
    letters = sum(scripts.values())
    return letters, (max(scripts.values()) / letters if letters else 0.0)


def _finding(article: Article, run: list[Piece], base: set[str]) -> Finding:
    start, end = run[0].start, run[-1].end
    language = run[0].language
    probability = min(p.probability for p in run)
    letters = sum(p.letters for p in run)
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
