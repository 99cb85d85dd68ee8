"""The shortcuts of issue 13's `split` pass answer as the code they replace, on real text.

`ascii_runs.runs` stands for three Unicode regexes (`[^\\W\\d_]+`, `[^\\W_]+`, `\\w+`) on texts
that are not ASCII: ingest's language fast path, the duplicate checks' words and
language.mixed's English test read their words through it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import realtext

from audit.normalise.ascii_runs import ALNUM, LETTERS, MAX_CUT, WORD, runs, spaced

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
TABLES = [(LETTERS, re.compile(r"[^\W\d_]+")), (ALNUM, re.compile(r"[^\W_]+", re.UNICODE)),
          (WORD, re.compile(r"\w+"))]
# code points whose case, width or class differ in ways that matter to a word regex
ODD = [0x130, 0x131, 0x17F, 0x2160, 0xB2, 0xBD, 0x660, 0x85, 0xA0, 0x2028, 0x3000, 0x200B,
       0xFEFF, 0x1F600, 0x10400, 0x1D7CE, 0xD800, 0xDFFF]
FILLER = "The talks in Istanbul went on_for 3rd-round days (May 5, 2025) - NATO said. "


def _contexts(ch: str) -> list[str]:
    """A code point at the text's ends, a word's edge, inside a word, alone and twice, in
    ASCII text."""
    return [f"{ch}{FILLER}ab{ch}cd 12{ch}_ {ch}{ch} x{ch} -{ch}- '{ch}' {ch}9 {FILLER * 2}{ch}"]


@pytest.mark.parametrize(("table", "pattern"), TABLES, ids=["letters", "alnum", "word"])
def test_runs_as_the_regex_on_every_code_point(table: bytes, pattern: re.Pattern[str]) -> None:
    points = [*range(128, 0x3100), *range(0xA000, 0xA100), *range(0xFF00, 0xFFFF), *ODD]
    for cp in points:
        for text in _contexts(chr(cp)):
            assert runs(text, table, pattern) == pattern.findall(text), hex(cp)
            assert spaced(text, table, pattern) is not None  # not the regex


@pytest.mark.parametrize(("table", "pattern"), TABLES, ids=["letters", "alnum", "word"])
def test_no_character_of_a_class_is_white_space(table: bytes, pattern: re.Pattern[str]) -> None:
    """`spaced`'s pieces are whole runs only if str.split and bytes.split cut no run:
    every code point the pattern takes is no white space to either."""
    taken = [chr(cp) for cp in range(0x110000) if pattern.fullmatch(chr(cp))]
    assert len(taken) > 100_000
    for ch in taken:
        assert ch.split() == [ch] and ch.encode("utf-8", "surrogatepass").split() == [ch.encode("utf-8")], hex(ord(ch))


@pytest.mark.parametrize(("table", "pattern"), TABLES, ids=["letters", "alnum", "word"])
def test_runs_past_the_limit_of_distinct_characters(table: bytes, pattern: re.Pattern[str]) -> None:
    """More than MAX_CUT distinct characters outside the class: the regex, the same runs."""
    marks = [chr(cp) for cp in range(0x2010, 0x2060) if not pattern.fullmatch(chr(cp))]
    assert len(marks) > MAX_CUT
    for n in (MAX_CUT, MAX_CUT + 1, len(marks)):
        text = "".join(f"wörd{i}{mark}naïve_x " for i, mark in enumerate(marks[:n])) + FILLER
        assert (spaced(text, table, pattern) is None) == (n > MAX_CUT)
        assert runs(text, table, pattern) == pattern.findall(text)
        assert runs(text.upper(), table, pattern) == pattern.findall(text.upper())


@pytest.mark.parametrize(("table", "pattern"), TABLES, ids=["letters", "alnum", "word"])
def test_runs_as_the_regex_in_other_scripts(table: bytes, pattern: re.Pattern[str]) -> None:
    """Both sides of the switch to the whole-text regex (one character in eight past ASCII)."""
    for word in ["Киеве", "東京の", "İstanbul’da", "Zelenskyy’s", "naïve", "ÃƒÂ©tÃ©"]:
        for n in range(0, 40):
            text = f"{word} " * n + (FILLER * 3)[: 200 - 5 * n] + f" {word}" * (n // 2)
            assert runs(text, table, pattern) == pattern.findall(text), (word, n)


def _real_texts() -> list[str]:
    # the seeds always (real articles, curly quotes: a fresh clone runs the test too), then the
    # benchmark corpora where this machine has them
    texts = [path.read_text("utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    if realtext.GOLD.is_file() and realtext.LINGUA.is_dir():
        texts += [json.loads(line)["text"] for line in realtext.records(2000) + realtext.multilingual(1000)]
    truth = ZYTE / "ground-truth.json"
    if truth.exists():
        bodies = [page["articleBody"] for page in json.loads(truth.read_text("utf-8")).values()]
        texts += bodies + [" ".join(body.split()) for body in bodies]
    return texts


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").splitlines() if path.exists() else []


def test_runs_as_the_regex_on_real_text() -> None:
    """The seeds, a quarter of the articles of c2000 and gate1000 (when this machine has them) and of
    the 181 gold bodies, as written and lowered: the same words, and `spaced` (not the
    regex) read most of them."""
    texts = [t for t in _real_texts() if not t.isascii()][::4]  # every article: docs/measurements/split-speed.md
    if not texts:
        pytest.skip("no real text on this machine")
    for text in texts:
        for table, pattern in TABLES:
            for form in (text, text.lower()):
                assert runs(form, table, pattern) == pattern.findall(form)
    read = sum(spaced(t, ALNUM, TABLES[1][1]) is not None for t in texts)
    assert read > len(texts) * 9 // 10  # most of these texts are read by `spaced`


# --- the chrome units' sentence end: their last character, not a regex over each unit

_SENTENCE_END = re.compile(r"[.!?…:;,\"”’»。！？]$")  # chrome_lines' regex before


def test_sentence_end_as_the_regex() -> None:
    """Every code point below U+3100 (and the full-width marks) last, after words and
    before white space the caller strips; and every unit of the gold bodies."""
    from audit.detect.leakage.chrome_lines import ends_like_a_sentence

    points = [*range(0x3100), 0xFF01, 0xFF1F, 0xFF0C, 0x1F600]
    for cp in points:
        for text in (chr(cp), f"He said so{chr(cp)}", f"a{chr(cp)}\n", f"{chr(cp)} x\n\t ", f"It ends.{chr(cp)}  "):
            text = text.rstrip()
            assert ends_like_a_sentence(text) == bool(_SENTENCE_END.search(text)), hex(cp)
    units = [u for body in _gold_bodies() for u in segment_units(body)]
    assert sum(ends_like_a_sentence(u.text.rstrip()) for u in units) > len(units) // 4
    for unit in units:
        assert ends_like_a_sentence(unit.text.rstrip()) == bool(_SENTENCE_END.search(unit.text.rstrip()))


def _gold_bodies() -> list[str]:
    truth = ZYTE / "ground-truth.json"
    if not truth.exists():
        pytest.skip("needs ../shared/data (article-extraction-benchmark)")
    bodies = [page["articleBody"] for page in json.loads(truth.read_text("utf-8")).values()]
    return bodies + [" ".join(body.split()) for body in bodies]


def segment_units(text: str) -> tuple:  # type: ignore[type-arg]
    from audit.detect.leakage.spans import segment

    return segment(text)


# --- titles: "Vice President" looked for right before the title, not from the text's start


def _whole_search(text: str, end: int) -> bool:
    from audit.detect.consistency.titles import _ignored_before

    return _ignored_before().search(text, 0, end) is not None


def test_office_word_before_as_the_whole_search() -> None:
    """Every place in texts built around each `ignore_before` word (as written, upper
    case, glued to a letter, run on with many spaces, hyphens and a line break), with
    every code point below U+3100 as the character before the title; and every
    capital letter of the gold bodies."""
    from audit.detect.consistency.titles import another_office_before, load_titles

    texts = []
    for word in load_titles()["ignore_before"]:
        for form in (word, word.upper(), word.title(), f"x{word}", f"{word}-", f"ex-{word}"):
            texts += [f"{form} President", f"The {form}  - \n President", f"{form}{' ' * 60}Minister",
                      f"said the {form}\nPrime Minister", f"{form}-President {form} -- King"]
    found = 0
    for text in texts:
        for end in range(len(text) + 1):
            expected = _whole_search(text, end)
            assert another_office_before(text, end) == expected, (text, end)
            found += expected
    assert found > 100
    for cp in range(0x3100):
        text = f"the vice{chr(cp)}President vice {chr(cp)}Premier"
        for end in (8, 9, len(text) - 7, len(text) - 8):
            assert another_office_before(text, end) == _whole_search(text, end), hex(cp)
    titles = re.compile(r"President|Minister|Secretary|Governor|Chancellor|King|Premier|Mayor")
    places = [(body, m.start()) for body in _gold_bodies()[:181] for m in titles.finditer(body)]
    assert len(places) > 100
    for body, end in places:
        assert another_office_before(body, end) == _whole_search(body, end)


# --- patterns that open with their character class, not a repeat of it (the same matches)

_REWRITTEN = [
    ("audit.detect.leakage.spans", "_SENTENCE_END", r"[.!?…]+", r"[.!?…][.!?…]*"),
    ("audit.normalise.encoding", "_NON_ASCII_RUN", r"[^\x00-\x7f]+", r"[^\x00-\x7f][^\x00-\x7f]*"),
]


@pytest.mark.parametrize(("module", "name", "before", "now"), _REWRITTEN, ids=["sentence_end", "non_ascii"])
def test_rewritten_patterns_find_what_they_found(module: str, name: str, before: str, now: str) -> None:
    """Each pattern against its form before (`X+` for `XX*`) on the gold bodies, flattened
    too, the articles of c2000 and gate1000 here, and every code point below U+3100 in
    sentences that end, run on and repeat marks."""
    import importlib

    pattern = getattr(importlib.import_module(module), name)
    assert now in pattern.pattern
    old = re.compile(pattern.pattern.replace(now, before, 1), pattern.flags)
    texts = _gold_bodies() + _real_texts()[::3]
    texts += [f"It ended{chr(cp)}. {chr(cp)}Then ..{chr(cp)} “So?” {chr(cp)}x…  A{chr(cp)}{chr(cp)}"
              for cp in range(0x3100)]
    found = 0
    for text in texts:
        spans = [m.span() for m in pattern.finditer(text)]
        assert spans == [m.span() for m in old.finditer(text)]
        found += len(spans)
    assert found > 1000


# --- one-character-class searches answered from the bytes (text.holds)

_CLASSES = [("audit.normalise.encoding", "_SUSPECT", "_NOT_SUSPECT"), ("audit.normalise", "_CONTROL", "_NOT_CONTROL")]


@pytest.mark.parametrize(("module", "name", "outside"), _CLASSES, ids=["suspect", "control"])
def test_holds_as_the_regex(module: str, name: str, outside: str) -> None:
    """text.holds(text, pattern, ...) is `pattern.search(text) is not None`: every code
    point below U+3100 (and the odd ones) alone, in ASCII text and beside other characters
    past ASCII; and the real texts."""
    import importlib

    from audit.normalise.text import holds

    mod = importlib.import_module(module)
    pattern, others = getattr(mod, name), getattr(mod, outside)
    texts = []
    for cp in [*range(0x3100), *range(0xFEF0, 0x10000), *ODD]:
        ch = chr(cp)
        texts += [ch, f"{FILLER}{ch}", f"caf\u00e9 {ch} \u2019s", f"\u2019{FILLER}\u201c{ch}"]
    texts += _real_texts()[::3]
    found = 0
    for text in texts:
        expected = pattern.search(text) is not None
        assert holds(text, pattern, others) == expected, ascii(text[:80])
        found += expected
    assert 100 < found < len(texts)
