"""A long line's units made together (pieces.piece_lines, spans.scan_line) equal the units
made span by span as before: `split_line` with its own find_markers, then `make_line` for
each span (every field of every Line, and prose and navlike).

The shortcuts: a paragraph written with single spaces is split once and each span takes
its tokens as a run of the paragraph's; one automaton pass over the lowered paragraph finds
the markers and whether any "contains" phrase is there, and when none is, no span's key is
searched for one. Met here on the seeds (as written and flattened), on real sentences run
together with chrome, on texts that must take the slower way (a double space, a tab, a
cut inside a word, "İ", whose lower form is two characters, a Greek sigma), and on the
corpora of the gold bodies and of several languages made from ../shared/data (realtext.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import realtext

from audit.detect.leakage.chrome_lines import (
    _BULLET,
    BULLET_MARKS,
    Line,
    PhraseHit,
    make_line,
    phrase_table,
    physical_lines,
    share_between,
    token_cases,
)
from audit.detect.leakage.spans import (
    _SENTENCE_END,
    ABBREVIATIONS,
    HEADLINE_COVER,
    SPLIT_MIN_WORDS,
    _ordinal,
    _slug_line,
    find_markers,
    headline_ranges,
    scan_line,
    segment,
    sentence_ends,
    split_line,
    trusted_title,
)

ROOT = Path(__file__).resolve().parents[1]


def reference_segment(text: str, title: str | None = None, url: str | None = None) -> tuple[Line, ...]:
    """spans.segment as it was: every span made by make_line, markers by find_markers."""
    units: list[Line] = []
    lines = list(physical_lines(text))
    title = trusted_title(title, url, lines[0][1] if lines else "")
    for start, body in lines:
        titles = headline_ranges(body, title, url)
        if len(body.split(None, SPLIT_MIN_WORDS)) <= SPLIT_MIN_WORDS:
            covered = sum(b - a for a, b in titles) >= HEADLINE_COVER * len(body)
            units.append(make_line(len(units), start, body, headline=covered or _slug_line(body, title, url)))
            continue
        title_set = set(titles)
        for a, b, marker in split_line(body, titles):
            hit = PhraseHit("boilerplate.line", marker.kind, "marker", marker.phrase) if marker else None
            units.append(make_line(len(units), start + a, body[a:b], piece=True, marker=hit,
                                   headline=(a, b) in title_set))
    return tuple(units)


CHROME = ("Home World Politics Business Opinion Sign In Subscribe The president said on Monday that talks "
          "would go on. READ MORE: Talks Resume In Istanbul As Ankara Hosts Both Sides The two countries "
          "agreed to meet again. Advertisement Officials in Kyiv said the offer was not serious. Share this "
          "article Sign up for our newsletter to get the news delivered to your inbox every morning. "
          "© 2024 The Daily Example. All rights reserved. Privacy Policy Terms of Use Cookie Settings "
          "Unlock unlimited access for just $1 per week. Already a subscriber? Sign in. Related Links "
          "Russia And Ukraine Meet In Turkey For First Direct Talks Since 2022 Comments Leave a comment")
SENTENCES = [
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic mood.",
    "\"The company,\" he said, \"will (probably) announce 2nd-quarter results on the 15th.\"",
    "Die Bundesregierung und der Bundestag haben das Gesetz am 6. September 1944 mit großer Mehrheit beschlossen.",
    "Mr. Putin met U.S. officials at 3 p.m. on Friday, and Vladimir V. Putin said nothing else.",
]


def _texts() -> list[tuple[str, str | None, str | None]]:
    texts: list[tuple[str, str | None, str | None]] = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        written = seed.read_text(encoding="utf-8")
        flat = " ".join(written.split())
        texts += [(written, None, None), (flat, None, None), (flat, written.split("\n")[0], None)]
    body = " ".join([*SENTENCES, CHROME, *SENTENCES])
    texts += [(body, None, None), (body, "Talks Resume In Istanbul As Ankara Hosts Both Sides", None)]
    glued = body.replace("go on. READ MORE:", "go ahead.READ MORE:").replace("serious. Share", "serious.Share")
    texts += [(glued, None, None), (glued, "ntinues Talks Resume In Istanbul", None)]  # cuts inside a word
    for odd in ("  ", "\t", " \u00a0", "İ", "ΟΔΟΣ ", "x.Share this article ", "Foo:", " : "):
        texts.append((body.replace(" the ", f" the{odd}", 3), None, None))  # the slower ways
        texts.append((body.replace("Turkey", f"Tur{odd.strip() or 'k'}key"), "Talks Resume In Istanbul", None))
    return texts


def _corpus(lines: tuple[str, ...], limit: int) -> list[tuple[str, str | None, str | None]]:
    records = [json.loads(line) for line in lines[:limit]]
    return [(record.get("text") or "", record.get("title"), record.get("url")) for record in records]


def _assert_same(text: str, title: str | None, url: str | None) -> None:
    made, reference = segment.__wrapped__(text, title, url), reference_segment(text, title, url)
    assert made == reference
    assert [(u.prose, u.navlike) for u in made] == [(u.prose, u.navlike) for u in reference]


@pytest.mark.parametrize("number", range(len(_texts())))
def test_units_as_made_span_by_span(number: int) -> None:
    text, title, url = _texts()[number]
    _assert_same(text, title, url)


def test_the_texts_take_both_ways() -> None:
    """The texts above reach the fast way and each slower one (else the test proves little)."""
    units = [u for text, title, url in _texts() for u in segment.__wrapped__(text, title, url)]
    assert sum(u.piece for u in units) > 300 and any(u.hits for u in units) and any(u.marker for u in units)


@realtext.needs_lingua
def test_units_as_made_span_by_span_on_real_corpora() -> None:
    for text, title, url in _corpus(realtext.records(400), 400) + _corpus(realtext.multilingual(300), 300):
        _assert_same(text, title, url)


def test_scan_line_finds_the_markers_and_every_contains_phrase() -> None:
    """scan_line's markers are find_markers'; when it says no "contains" phrase, no span's key
    holds one (the phrase table's own automaton over each key)."""
    inside = phrase_table().inside
    lines = [body for text, _, _ in _texts() for _, body in physical_lines(text)]
    said = []
    for body in lines:
        markers, contains, _ = scan_line(body)
        assert markers == find_markers(body)
        said.append(contains)
        if not contains:
            assert not any(list(inside.iter(u.key)) for u in reference_segment(body) if u.piece)
    assert any(said) and not all(said)


def test_scan_line_keeps_the_screen_on_where_lowering_adds_a_character() -> None:
    """A span's key is lowered by str.lower, which makes "İ" two characters ("i" and a combining
    dot): a phrase can then be in a key and not in the same-length lowered line that the
    automaton reads, so such a line is never screened out (it was a length test of two strings
    of equal length, always false)."""
    plain = " ".join(SENTENCES)
    assert scan_line(plain)[1] is False  # the screen works on an ordinary line
    turkish = plain.replace("Turkey", "TÜRKİYE")
    assert "İ".lower() != "i" and len(turkish.lower()) > len(turkish)
    markers, contains, _ = scan_line(turkish)
    assert contains is True
    assert markers == find_markers(turkish)


# --- seg3: the shortcuts of sentence_ends, the bullet marks and the packed case sums ----------

_OLD_BULLET = re.compile(r"^[\s•·▪●◦‣∙*>|»›‹«→←\-–—]+")


def _reference_sentence_ends(line: str) -> list[int]:
    """sentence_ends as it was: the class pattern over every line, every end read by its word."""
    ends = []
    for m in _SENTENCE_END.finditer(line):
        at = m.start()
        if not line[m.end() - 1].isspace():  # a glued end (since the twenty-second session): two a-z letters before it
            if re.fullmatch(r"[a-z]{2}", line[max(0, at - 2):at]):
                ends.append(m.end())
            continue
        window = line[max(0, at - 24):at].rsplit(None, 1)
        before = window[-1].lower().rstrip(".") if window else ""
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        if before.isascii() and before.isdigit() and len(before) <= 3 and _ordinal(line, window, m.end()):
            continue
        ends.append(m.end())
    return ends


def test_sentence_ends_as_before() -> None:
    lines = [body for text, _, _ in _texts() for _, body in physical_lines(text)]
    lines += ["Mr. Putin spoke. Sept. Nov. 12. Januar vor dem 20. Jahrhundert. Hello. Wait! Why? So… Yes. U.S. Army",
              "Capt. Smith. Corp. Inc. Bigger. Words. abcde. Abcd. X. 123. am 6. September 1944. Ende",
              "Short. Tall? Sentences... And more. (Quoted.) \"Done.\" Next"]
    for line in lines:
        assert sentence_ends(line) == _reference_sentence_ends(line), line
    assert any("!" in line or "?" in line for line in lines) and any("!" not in line for line in lines)


def test_bullet_marks_as_the_old_pattern() -> None:
    """chrome_lines.BULLET_MARKS (the key slice's bullet test) and _BULLET, built from them, take
    the characters the hand-written class took, every code point."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        old = _OLD_BULLET.match(c) is not None
        assert (_BULLET.match(c) is not None) == old, hex(cp)
        assert (c in BULLET_MARKS or c.isspace()) == old, hex(cp)


def test_share_of_a_run_too_long_to_pack() -> None:
    """A run of 2^20 lower-case tokens would carry into the upper-case count of the packed sum."""
    cases = [token_cases(["word"])[0]] * (1 << 20) + token_cases(["Word"] * 9)
    assert share_between(cases, 0, 1 << 20) == 1.0
    assert share_between(cases, (1 << 20) - 9, len(cases)) == 0.5
    assert share_between(cases, 0, 7) is None
