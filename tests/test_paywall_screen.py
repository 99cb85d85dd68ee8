"""paywall.text's screens and the segmentation's loops answer as the code they replace.

A unit opens a block only when it is cut (a paywall-cut phrase, a cut template) or an
appeal (an appeal template); `paywall._may_open` rules a unit out first when the cut and
appeal templates' fixed words are not in it (regex_literals), and `_may_start` finds each
template trigger once a key. Both must change no block: here they meet the code without
them on the 181 Zyte benchmark pages (which hold paywall and support-appeal blocks), in
both shapes (one block a line, one paragraph), and on the seeds. The segmentation every
chrome check reads (spans.segment, paid by paywall.text as the first of them) reads the
first words of a sentence in a loop and the word before a full stop by rsplit: both meet
the forms they replace here too.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

import pytest

from audit.detect.leakage import metadata_leak, paywall
from audit.detect.leakage.chrome_lines import Line
from audit.detect.leakage.spans import (
    _SENTENCE_END,
    ABBREVIATIONS,
    MONTHS,
    ORDINAL_BEFORE,
    SMALL_WORDS,
    TITLE_RUN_MIN,
    _is_capitalised,
    _opens_title_run,
    segment,
    sentence_ends,
)

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
pytestmark = pytest.mark.skipif(not (ZYTE / "html").exists(),
                                reason="needs ../shared/data (article-extraction-benchmark)")


@pytest.fixture(scope="module")
def articles() -> list[tuple[Line, ...]]:
    """Each Zyte page's units in both shapes, and the seeds' (written and flattened)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_boilerplate  # beside bench_real.py: builds the pages' lines as the benchmark reads them

    units = []
    for page in bench_boilerplate.load(ZYTE):
        for shape in ("lines", "flat"):
            article = page.article(shape)
            units.append(segment(article.text, article.title, article.url))
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        units += [segment(text), segment(" ".join(text.split()))]
    return units


def _units(articles: list[tuple[Line, ...]]) -> Iterator[Line]:
    return (unit for lines in articles for unit in lines)


def test_may_open_every_unit_that_opens(articles: list[tuple[Line, ...]]) -> None:
    """No unit that is cut or an appeal is ruled out; and the pages hold both kinds."""
    opening = [u for u in _units(articles) if paywall._is_cut(u) or paywall._is_appeal(u)]
    assert sum(bool(paywall._is_cut(u)) for u in opening) >= 2
    assert sum(bool(paywall._is_appeal(u)) and not paywall._is_cut(u) for u in opening) >= 2
    assert all(paywall._may_open(u) for u in opening)
    ruled_out = sum(not paywall._may_open(u) for u in _units(articles))
    assert ruled_out > 0.9 * sum(1 for _ in _units(articles))  # the screen spares most units


def _blocks_summary(lines: tuple[Line, ...]) -> list[tuple[int, int, bool, list[str]]]:
    paywall._kept_blocks.clear()
    return [(b.start, b.end, b.cut, b.phrases) for b in paywall.paywall_blocks(lines)]


def test_blocks_as_without_the_screen(articles: list[tuple[Line, ...]], monkeypatch: pytest.MonkeyPatch) -> None:
    screened = [_blocks_summary(lines) for lines in articles]
    monkeypatch.setattr(paywall, "_may_open", lambda line: True)
    assert [_blocks_summary(lines) for lines in articles] == screened
    kinds = {cut for blocks in screened for _, _, cut, _ in blocks}
    assert kinds == {True, False}  # paywall blocks and support appeals both compared


def test_blocks_memo_by_identity(articles: list[tuple[Line, ...]]) -> None:
    """The second call with the same tuple reads the memo; an equal tuple, or a tuple whose
    id a tuple no longer held once had, is read again; the memo keeps BLOCKS_KEPT."""
    lines = next(units for units in articles if paywall.paywall_blocks(units))
    first = paywall.paywall_blocks(lines)
    assert [id(b) for b in paywall.paywall_blocks(lines)] == [id(b) for b in first]
    again = paywall.paywall_blocks(tuple([*lines]))
    assert [(b.start, b.end, b.cut, b.phrases) for b in again] == [(b.start, b.end, b.cut, b.phrases) for b in first]
    other = tuple([*next(units for units in articles if units and not paywall.paywall_blocks(units))])
    paywall._kept_blocks[id(other)] = (lines, tuple(first))  # its id held for another tuple
    assert paywall.paywall_blocks(other) == []
    for i in range(paywall.BLOCKS_KEPT + 5):
        paywall.paywall_blocks(tuple([*articles[i % len(articles)]]))
    assert len(paywall._kept_blocks) <= paywall.BLOCKS_KEPT


def _reference_may_start(lines: tuple[Line, ...]) -> set[int]:
    """_may_start as it was: every place of each trigger looked up."""
    found = {i for i, ln in enumerate(lines) if ln.hits}
    joined = "\n".join(ln.key for ln in lines)
    ends = list(accumulate(len(ln.key) + 1 for ln in lines))
    for trigger in paywall.TEMPLATE_TRIGGERS:
        at = joined.find(trigger)
        while at >= 0:
            found.add(bisect_right(ends, at))
            at = joined.find(trigger, at + 1)
    return found


def test_may_start_finds_each_trigger_once_a_key(articles: list[tuple[Line, ...]]) -> None:
    repeated = [("$5 $6 £7", "a $1 b $2"), ("trial trial", "no"), ("", "x")]
    cases = list(articles) + [tuple(Line(i, 0, len(k), k, k, 3, False) for i, k in enumerate(keys))
                              for keys in repeated]
    assert any(_reference_may_start(lines) for lines in cases)
    for lines in cases:
        assert paywall._may_start(lines) == _reference_may_start(lines)


def test_may_match_as_narrow(articles: list[tuple[Line, ...]]) -> None:
    """The early-ending may_match and the longest-first order answer as narrow did."""
    filters = [paywall._templates()[2], metadata_leak._inline()[2], paywall._opening_words()]
    texts = [u.text for u in _units(articles)] + ["SİGN İN to continue reading", "ſubscribe now to keep reading"]
    for words in filters:
        assert words is not None
        reordered = words.longest_first()
        answers = [words.narrow(text) is not None for text in texts]
        assert any(answers) and not all(answers)
        assert [words.may_match(text) for text in texts] == answers
        assert [reordered.may_match(text) for text in texts] == answers


# --- the segmentation's loops (spans._cuts, spans._split_title_runs) -------------------------

def _reference_opens(head: list[str]) -> bool:
    """_split_title_runs' first-six-words test as it was: any() over _is_capitalised."""
    return not any(not _is_capitalised(word) and word.lower() not in SMALL_WORDS for word in head[:TITLE_RUN_MIN])


def test_opens_title_run_as_any(articles: list[tuple[Line, ...]]) -> None:
    """Every code point below U+3000 as a word's first character (then a letter, a mark), in
    each of the six places; and the first six words of every unit of the pages."""
    base = ["Home", "World", "of", "Politics", "Business", "Opinion", "rest"]
    heads = [u.text.split(None, TITLE_RUN_MIN) for u in _units(articles)]
    for cp in range(1, 0x3000):
        c = chr(cp)
        if c.isspace():
            continue
        for place in range(TITLE_RUN_MIN):
            for word in (c, c + "x", c + "'A", "“" + c):
                heads.append([*base[:place], word, *base[place + 1:]])
    answers = [_reference_opens(head) for head in heads]
    assert any(answers) and not all(answers)
    assert [_opens_title_run(head) for head in heads] == answers


def _reference_sentence_ends(line: str) -> list[int]:
    """_cuts' sentence loop as it was: the whole window split (with the day-or-ordinal rule of
    precision-multilingual.md: a month name after the figure, or a German article before it)."""
    ends = []
    for m in _SENTENCE_END.finditer(line):
        if not line[m.end() - 1].isspace():  # a glued end (since the twenty-second session): two a-z letters before it
            if re.fullmatch(r"[a-z]{2}", line[max(0, m.start() - 2):m.start()]):
                ends.append(m.end())
            continue
        window = line[max(0, m.start() - 24):m.start()].split()
        before = window[-1].lower().rstrip(".") if window else ""
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        if before.isascii() and before.isdigit() and len(before) <= 3:
            following = re.match(r"[^\W\d_]+", line[m.end():])
            if (following and following.group().lower() in MONTHS) or (
                    len(window) >= 2 and window[-2].lower() in ORDINAL_BEFORE):
                continue
        ends.append(m.end())
    return ends


def test_sentence_ends_as_before(articles: list[tuple[Line, ...]]) -> None:
    """The pages' text, and an abbreviation or an initial before a full stop with every
    white space str.split knows before it and after it (rsplit(None, 1) reads the same last
    word as split()[-1])."""
    spaces = [chr(cp) for cp in range(0x3001) if chr(cp).isspace()]
    lines = [u.text for u in _units(articles)]
    lines += [f"He met{a}Mr.{b}Putin.{a}Then V{b}.{a}Tusk came{a}.{b}Dr{a}. Who. Then{b}left." for a in spaces for b in spaces]
    answers = [_reference_sentence_ends(line) for line in lines]
    assert sum(map(len, answers)) > 1000
    assert [sentence_ends(line) for line in lines] == answers
