"""Broken Unicode and its repair, by ftfy: one place for the detector and `--fix-encoding`.

ftfy's defaults also straighten curly quotes, expand ligatures and rewrite line breaks;
those are style, not damage, and would move offsets for no reason. So we keep only the
fixes that undo damage: mis-decoded UTF-8 (mojibake), C1 and other control characters,
terminal escapes and lone surrogates. Replacement characters (U+FFFD) mean the bytes are
gone: ftfy cannot bring them back, so they are reported with no repair.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS

from audit.normalise.diff import Opcode, opcodes
from audit.normalise.text import ascii_outside, holds

Kind = Literal["mojibake", "control", "replacement"]

# Only the damage-undoing steps of ftfy (ftfy docs, "TextFixerConfig").
REPAIR_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=True, fix_encoding=True,
    restore_byte_a0=True, replace_lossy_sequences=True, decode_inconsistent_utf8=True,
    fix_c1_controls=True, fix_latin_ligatures=False, fix_character_width=False,
    uncurl_quotes=False, fix_line_breaks=False, fix_surrogates=True, remove_control_chars=True,
    normalization="NFC", explain=False,
)
# Control characters a plain text may not hold (tab and newline are fine), BOM, U+FFFD.
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffd]")
_WORD_EDGE = re.compile(r"\s")


@dataclass(frozen=True)
class Repair:
    """One damaged stretch of a text: offsets into the original and what ftfy makes of it."""

    start: int
    end: int
    before: str
    after: str  # the repaired stretch; equal to `before` when nothing can be repaired
    kind: Kind


_NOT_SUSPECT = ascii_outside(_SUSPECT)


def needs_repair(text: str) -> bool:
    """A cheap test first: most texts are clean and never reach the diff."""
    return holds(text, _SUSPECT, _NOT_SUSPECT) or looks_bad(text)


# ftfy's badness patterns are all short (seven characters at most: "ГўВЂВ.x") and each
# holds a non-ASCII character, so only the neighbourhoods of non-ASCII characters can
# match. Its one `^` pattern ("Ã " at the start) cannot fire at a window's start either:
# a window starts at the text's start or BAD_CONTEXT ASCII characters before the
# first non-ASCII one. On English news (curly quotes every few hundred characters) this
# is ~20x cheaper than is_bad over the whole text (3.9 ms per 2,800-character article).
BAD_CONTEXT = 8
# "[^\x00-\x7f]+" written so that the pattern opens with its class: the engine then skips
# to the next non-ASCII character in C (the same runs, half the scan's time)
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f][^\x00-\x7f]*")


def looks_bad(text: str) -> bool:
    """ftfy's `is_bad(text)`, asked only of the windows around non-ASCII characters."""
    if text.isascii():
        return False
    start = end = -1
    for m in _NON_ASCII_RUN.finditer(text):
        left, right = max(0, m.start() - BAD_CONTEXT), m.end() + BAD_CONTEXT
        if left <= end:
            end = right
            continue
        if end >= 0 and is_bad(text[start:end]):
            return True
        start, end = left, right
    return end >= 0 and is_bad(text[start:end])


# ftfy.fix_text(line, REPAIR_CONFIG) of a damaged line, as ftfy's fix_and_explain runs
# it, with one change: its mojibake test, is_bad(text), asked only of the windows around
# non-ASCII characters (looks_bad, which equals it). ftfy asks it of the whole line at
# each round, of the repaired line too, where no pattern matches and the search reads
# every character: 1.1 ms of is_bad for a 2,800-character line, three times, 85% of
# fix_text's time on the damaged texts of c2000. tests/test_diff.py checks the result
# against ftfy.fix_text on damaged real text.
_FIX_ORDER = ("fix_c1_controls", "fix_latin_ligatures", "fix_character_width", "uncurl_quotes",
              "fix_line_breaks", "fix_surrogates", "remove_terminal_escapes", "remove_control_chars")
_ENCODING_CONFIG = ftfy.TextFixerConfig(explain=False)  # what fix_and_explain's fix_encoding(text) uses
# remove_control_chars is a str.translate, slow on non-ASCII text: run where one is
_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(CONTROL_CHARS)) + "]")


# The steps above are ftfy 6.3's internals (pyproject pins ftfy to 6.3.x); an ftfy
# without them gets fix_text itself, slower but the same.
_HAS_STEPS = hasattr(ftfy, "_fix_encoding_one_step_and_explain") and hasattr(ftfy, "FIXERS") \
    and all(name in ftfy.FIXERS for name in _FIX_ORDER)


def fix_line(line: str) -> str:
    """ftfy.fix_text(line, REPAIR_CONFIG) for a line without a line break."""
    if len(line) > REPAIR_CONFIG.max_decode_length or REPAIR_CONFIG.unescape_html or not _HAS_STEPS:
        return ftfy.fix_text(line, REPAIR_CONFIG)  # ftfy cuts it in pieces, or unescapes first
    while True:
        before = line
        line = _fix_encoding(line)
        for name in _FIX_ORDER:
            if getattr(REPAIR_CONFIG, name) and (name != "remove_control_chars" or _CONTROL.search(line)):
                line = ftfy.FIXERS[name](line)
        if REPAIR_CONFIG.normalization:
            line = unicodedata.normalize(REPAIR_CONFIG.normalization, line)
        if line == before:
            return line


def _fix_encoding(text: str) -> str:
    """ftfy.fix_encoding(text): a mojibake step again while the text looks bad (ftfy's step
    returns a text that does not look bad, or ASCII, unchanged)."""
    while looks_bad(text):
        fixed = ftfy._fix_encoding_one_step_and_explain(text, _ENCODING_CONFIG).text
        if fixed == text:
            return text
        text = fixed
    return text


def repair_text(text: str) -> str:
    """The text with ftfy's damage-undoing fixes applied (nothing else changes), but for the
    decodings `find_repairs` does not trust (`misread`): where one is, only the others are
    applied, stretch by stretch, so that --fix-encoding changes what the findings name."""
    if not needs_repair(text):
        return text
    repairs = _all_repairs(text)
    if not any(misread(r, line) for r, line in repairs):
        return ftfy.fix_text(text, REPAIR_CONFIG)
    out, at = [], 0
    for repair, line in repairs:
        if not misread(repair, line):
            out += [text[at:repair.start], repair.after]
            at = repair.end
    return "".join(out) + text[at:]


@lru_cache(maxsize=1)
def _cjk() -> re.Pattern[str]:
    """Han, kana and Hangul: scripts whose characters UTF-8 writes in three bytes, which
    Latin-1 reads as three ordinary characters ("é»«" is the bytes of 黫). Compiled when a
    repair is first judged: the character set's compilation costs 4 M instructions, which
    every process would pay at import."""
    return re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002ffff]")


def misread(repair: Repair, line: str) -> bool:
    """A mojibake repair that makes one lone CJK character in a line with none: ftfy read a
    Latin word's last letter and two guillemets as UTF-8 ("responsabilité»«Je" -> "responsabilit
    黫Je", Le Temps 2019: a French quote's closing guillemet glued to the next paragraph's
    opening one; precde.md). Text really mis-decoded from Chinese, Japanese or Korean gives a
    run of such characters (a name has two or more), and a line that holds the script
    already is read as ftfy reads it."""
    return (repair.kind == "mojibake" and len(_cjk().findall(repair.after)) == 1
            and _cjk().search(line) is None)


def describe_repairs(repairs: list[Repair]) -> str:
    """What --fix-encoding changed, one table cell: "FranÃ§ois -> François; ..."."""
    return "; ".join(
        f"{_shown(r.before)} -> {_shown(r.after)}" for r in repairs if r.before != r.after
    )


def _shown(text: str) -> str:
    return text if text.isprintable() else ascii(text)


def find_repairs(text: str) -> list[Repair]:
    """Every damaged stretch of `text`, widened to whole words, line by line (but the
    decodings `misread` names)."""
    if not needs_repair(text):
        return []
    return [repair for repair, line in _all_repairs(text) if not misread(repair, line)]


def _all_repairs(text: str) -> list[tuple[Repair, str]]:
    """Each damaged stretch of `text` (needing repair) with the line it is in."""
    if "\n" not in text:  # one paragraph: the caller's test was the line's own
        return [(repair, text) for repair in _line_repairs(text, 0)]
    repairs: list[tuple[Repair, str]] = []
    offset = 0
    for line in text.split("\n"):
        if needs_repair(line):
            repairs.extend((repair, line) for repair in _line_repairs(line, offset))
        offset += len(line) + 1
    return repairs


def _line_repairs(line: str, offset: int) -> list[Repair]:
    fixed = fix_line(line)
    ops = opcodes(line, fixed)
    damaged = [(i1, max(i2, i1 + 1)) for tag, i1, i2, _, _ in ops if tag != "equal"]
    damaged += [(m.start(), m.end()) for m in _SUSPECT.finditer(line)]  # U+FFFD stays
    starts = [op[1] for op in ops]
    repairs = []
    for left, right, parts in _word_spans(line, sorted(damaged)):
        after = fixed[_map_start(ops, starts, left, len(fixed)): _map_end(ops, starts, right)]
        before = line[left:right]
        kind = _kind("".join(line[a:b] for a, b in parts), before, after)
        repairs.append(Repair(offset + left, offset + right, before, after, kind))
    return repairs


def _word_spans(
    line: str, damaged: list[tuple[int, int]]
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """Damaged stretches widened to whole words; stretches in one word make one span."""
    spans: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in damaged:
        left, right = _word_bounds(line, start, end)
        if spans and left <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(right, spans[-1][1]), spans[-1][2] + [(start, end)])
        else:
            spans.append((left, right, [(start, end)]))
    return spans


def _map_start(ops: list[Opcode], starts: list[int], i: int, size: int) -> int:
    """Where position i of the line starts in the fixed line (`starts`: each block's i1)."""
    for k in range(max(0, bisect_right(starts, i) - 1), len(ops)):
        tag, i1, i2, j1, _ = ops[k]
        if i1 == i and k and ops[k - 1][1] == ops[k - 1][2] == i:
            return ops[k - 1][3]  # text inserted right where the span starts is its own
        if i1 <= i < i2:
            return j1 + (i - i1) if tag == "equal" else j1
        if i1 > i:
            break
    return size


def _map_end(ops: list[Opcode], starts: list[int], i: int) -> int:
    """Where a span of the line ending (exclusive) at i ends in the fixed line."""
    for k in range(max(0, bisect_right(starts, i - 1) - 1), len(ops)):
        tag, i1, i2, j1, j2 = ops[k]
        if i1 < i <= i2:
            return j1 + (i - i1) if tag == "equal" else j2
        if i1 >= i:
            break
    return 0


def _word_bounds(line: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to the whitespace-delimited word(s) around it, for the excerpt."""
    left = start
    while left > 0 and not _WORD_EDGE.match(line[left - 1]) and start - left < 40:
        left -= 1
    right = end
    while right < len(line) and not _WORD_EDGE.match(line[right]) and right - end < 40:
        right += 1
    return left, min(right, len(line))


def _kind(damaged: str, before: str, after: str) -> Kind:
    """replacement: characters are lost (U+FFFD, before or after ftfy); control: the
    repair only deletes invisible characters; mojibake: the repair decodes afresh
    (C1 characters such as \x92 are cp1252 read as Latin-1, so they are mojibake too).
    A deleted character that shows is mojibake too: "kmÂ²" is "km²"'s UTF-8 read as
    Latin-1, the repair drops its "Â" (id_news, 2026-12-07 read: called a control
    character, with no code point to name)."""
    if "\ufffd" in damaged or "\ufffd" in after:
        return "replacement"
    if after == "".join(ch for ch in before if ch not in damaged) and not any(ch.isprintable() for ch in damaged):
        return "control"
    return "mojibake"
