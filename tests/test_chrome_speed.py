"""The chrome checks' shortcuts answer as the slower forms they replace.

lower_share reads tokens with str.split where it used one regex over every character;
the rule alternations of metadata.leak and paywall.text are skipped where the fixed
strings of their rules are missing (audit.detect.leakage.regex_literals). Both must change no
answer: here they meet the forms they replace on real sentences and on the characters
where Python's case folding and the regex engine's differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import ahocorasick
import pytest

from audit.detect.leakage import metadata_leak, paywall
from audit.detect.leakage.chrome_lines import (
    _BULLET,
    CASED_MIN_WORDS,
    FUNCTION_WORDS,
    Line,
    PhraseHit,
    _mode_holds,
    hits_in,
    line_key,
    lower_share,
    phrase_table,
)
from audit.detect.leakage.regex_literals import prefilter
from audit.detect.leakage.spans import (
    SMALL_WORDS,
    TITLE_RUN_MIN,
    _back_off,
    _is_capitalised,
    _run_end,
    _split_title_runs,
    segment,
)
from audit.normalise.dates import find_dates

# The regex lower_share used before (chrome_lines, until the str.split form).
_REFERENCE = re.compile(r"(?<!\S)[^\w\s]*(?!(?:" + "|".join(FUNCTION_WORDS) + r")\b)([^\W\d_])", re.IGNORECASE)


def reference_share(text: str) -> float | None:
    firsts = _REFERENCE.findall(text)
    lower, upper = sum(map(str.islower, firsts)), sum(map(str.isupper, firsts))
    return lower / (lower + upper) if lower + upper >= CASED_MIN_WORDS else None


SENTENCES = [
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic mood.",
    "Home World Politics Business Opinion Sign In Subscribe The Wall Street Journal Tech News",
    "\"The company,\" he said, \"will (probably) announce 2nd-quarter results on the 15th.\"",
    "Die Bundesregierung und der Bundestag haben das Gesetz am Donnerstag mit großer Mehrheit beschlossen.",
    "İN THE İSTANBUL Of ıN ſo The An And ı İ _under_score 3rd ²nd ½ ‘Quoted’ «Guillemets» —dash",
    "Что происходит в Киеве и в Москве после переговоров в Стамбуле на этой неделе",
    "東京 の ニュース 速報 政治 経済 国際 スポーツ 芸能 ライフ 天気 地震",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_lower_share_as_the_regex(text: str) -> None:
    assert lower_share(text) == reference_share(text)


def test_lower_share_every_character() -> None:
    """Code points in front of, inside and around words (every one below U+3000), against the regex."""
    for cp in [*range(0, 0x3000), *range(0x3000, 0x110000, 97)]:
        c = chr(cp)
        text = f"{c}n The {c}he Word ({c}x {c}Abc the{c} And Of {c}{c} x{c} In {c}ab"
        assert lower_share(text) == reference_share(text), hex(cp)


def test_prefilter_reads_fixed_strings() -> None:
    inline = prefilter(metadata_leak._inline()[0])
    assert inline is not None
    assert not inline.may_match("He said the minister had left on Thursday.")
    assert inline.may_match("A 5 min read")
    assert inline.may_match("The minister had already left.")  # "min" and "read" apart: scanned, no match
    assert inline.narrow("Published: May 15, 2025") is not None
    assert prefilter(re.compile(r"\d+|[a-z]+")) is None  # no fixed string: every text is scanned


@pytest.mark.parametrize("text", [
    "Start your free trial today and keep reading.",
    "Become a supporter from only $5 a month.",
    "SİGN İN to continue reading",  # the regex folds "İ" to "i", str.lower does not
    "ſubscribe now to keep reading",  # the long s is an "s" to the regex
    "Make a monthly contribution to support independent journalism now.",
    "This article is available to subscribers.",
])
def test_paywall_prefilter_never_skips_a_match(text: str) -> None:
    pattern, kinds, words = paywall._templates()
    assert words is not None and pattern.search(text) is not None
    assert words.may_match(text)
    assert paywall._template_matches(text) == tuple(
        (kinds[m.lastgroup or ""], m.group().lower()) for m in pattern.finditer(text))


def test_prefilter_skips_texts_without_the_words() -> None:
    words = paywall._templates()[2]
    assert words is not None
    assert not words.may_match("The central bank left interest rates unchanged on Thursday.")


# --- the per-unit shortcuts of the segmentation (branch seg-speed) ---------------------------

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _seed_texts() -> list[str]:
    """The seeds as written and flattened to one paragraph (as scraped corpora hold them)."""
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return texts + [" ".join(t.split()) for t in texts]


def _units() -> list[Line]:
    return [u for text in _seed_texts() for u in segment(text)]


def _reference_hits(key: str) -> tuple[PhraseHit, ...]:
    """hits_in as it was: one automaton of every phrase, each match's modes checked."""
    automaton = ahocorasick.Automaton()
    for phrase, entries in phrase_table().entries.items():
        automaton.add_word(phrase, entries)
    automaton.make_automaton()
    hits = []
    for end, entries in automaton.iter(key):
        hits += [h for h in entries if _mode_holds(h.mode, key, end - len(h.phrase) + 1, end)]
    return tuple(hits)


def test_hits_as_one_automaton_of_all_phrases() -> None:
    """Phrases run together in every order and join (ends and starts shared, nested phrases),
    and the units of the seeds: the same hits in the same order."""
    phrases = list(phrase_table().entries)
    keys = {u.key for u in _units()} | set(phrases)
    for a, b in zip(phrases, phrases[1:] + phrases[:1]):
        keys |= {a + b, f"{a} {b}", f"{b}: {a}", f"x{a}x", f"{a} and {b}s"}
    assert any(_reference_hits(k) for k in keys)
    for key in keys:
        assert hits_in(key) == _reference_hits(key), key


def _reference_key(text: str) -> str:
    """line_key as it was: lowered, bullets stripped, then split and joined."""
    key = _BULLET.sub("", text.lower())
    key = " ".join(key.split()).replace(" :", ":")
    stripped = key.rstrip(" :|»›‹«→←-–—·•.…")
    return stripped if stripped else key


def test_line_key_joins_before_lowering() -> None:
    """Every code point below U+3000 next to bullets, spaces, colons and a Greek sigma (whose
    lower form depends on what follows it)."""
    for cp in range(0x3000):
        c = chr(cp)
        for text in (c, f"• {c}Σ", f"AΣ{c} b", f"x {c} :", f"·{c}Σ", f"{c}  :y", f"– {c}ΣΑ Σ\t{c}"):
            text = text.strip()
            assert line_key(text, text.split()) == _reference_key(text), hex(cp)
    for unit in _units():
        assert unit.key == _reference_key(unit.text)


def test_units_as_the_dataclass_makes_them() -> None:
    """make_line sets a Line's fields at once: equal to Line(...) with the same fields, same hash."""
    for unit in _units():
        made = Line(**{f.name: getattr(unit, f.name) for f in fields(Line)})
        assert unit == made and hash(unit) == hash(made) and repr(unit) == repr(made)
        assert (unit.prose, unit.navlike) == (made.prose, made.navlike)
        assert unit.__dict__["prose"] is unit.prose  # computed once, then read from the instance


def _reference_title_runs(line: str, start: int, end: int) -> list[int]:
    """spans._split_title_runs without its first-six-words test."""
    words: list[re.Match[str]] = []
    for word in re.finditer(r"\S+", line[:end]):
        if word.start() < start:
            continue
        words.append(word)
        if not _is_capitalised(word.group()) and word.group().lower() not in SMALL_WORDS:
            break
    if len(words) <= TITLE_RUN_MIN:
        return []
    stop, caps = _run_end(words, 0, len(words))
    if caps < TITLE_RUN_MIN or stop >= len(words):
        return []
    cut = _back_off(words, 0, stop)
    return [words[cut].start()] if 0 < cut < len(words) else []


@pytest.mark.parametrize("line", [
    "Home World Politics Business Opinion Sign In The president said on Monday that talks would go on.",
    "Home News Sport Weather Of The Week And More Ankara has hosted the talks.",
    "The president said on Monday that talks would go on.",
    "A B C D E F",
    "A B C D E F g",
    "Top Stories In Brief From The US President Vladimir Putin called.",
    "“Quoted” Words Are 2nd Class & Things | More Stuff — here",
])
def test_title_runs_as_before(line: str) -> None:
    for start in range(len(line)):
        if start == 0 or line[start - 1] == " ":
            assert _split_title_runs(line, start, len(line)) == _reference_title_runs(line, start, len(line))


def _reference_date_line(body: str) -> object:
    """metadata_leak._date_line without its first-character test."""
    if re.search(r"\d", body) is None:
        return None
    mentions = find_dates(body)
    if not mentions or mentions[0].start > 0 or mentions[0].year is None:
        return None
    rest = body[mentions[0].end:].strip()
    if len(rest) > 16 or (rest and not metadata_leak._TIME.search(rest) and len(rest) > 4):
        return None
    return mentions[0].to_date() or None


def _outcome(read: Callable[[str], object], body: str) -> object:
    try:
        return read(body)
    except Exception as error:  # find_dates raised on "ſunday" once: the two must then raise alike
        return type(error)


def test_date_line_starts_as_a_date_can() -> None:
    """Every code point below U+3000 in front of dates of each form and in place of their first
    letter (the long s is an "s" to the date patterns' IGNORECASE)."""
    dates = ["Sunday, June 1, 2025", "1 June 2025", "2025-06-01", "01/06/2025", "Nov. 19, 2019 8:03 am ET",
             "June 1, 2025", "Tue 3 June 2025", "March 3, 2020", "Friday, 13 March 2020"]
    assert all(_reference_date_line(d) for d in dates)
    for cp in range(0x3000):
        for d in dates if cp < 128 else dates[:2]:
            for body in (chr(cp) + d, chr(cp) + d[1:]):
                assert _outcome(metadata_leak._date_line, body) == _outcome(_reference_date_line, body), body
