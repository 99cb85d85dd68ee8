"""seg4: three shortcuts of the segmentation give what the longer ways gave.

- `has_cjk` answers False without the regex for a text whose characters are all below U+0100
  (it encodes to Latin-1): the CJK ranges start at U+3040.
- `piece_lines` counts each space of a paragraph once: after an aligned span the token index
  moves by the span's own spaces (the lower-case share reads the paragraph's token cases from
  there), also after spans cut inside a word, which take the slower way.
- `spans._title_ranges` reads segment's lowered paragraph when it has the line's length.
"""

from __future__ import annotations

import pytest
from test_pieces import CHROME, SENTENCES, reference_segment

from audit.detect.leakage.chrome_lines import _CJK, has_cjk, make_line
from audit.detect.leakage.pieces import piece_lines
from audit.detect.leakage.spans import _lower, _title_ranges, segment, split_line

CJK_CASES = [
    "", "plain ASCII words", "Zelenskiy traf Präsident Erdoğan nicht, sagte der Sprecher",  # ğ: above U+00FF
    "Café, crème brûlée et façade: déjà vu à Genève", "ÿ at U+00FF", "Ā at U+0100", "price 5 € a month",
    "東京で会議 Tokyo talks", "서울 Seoul", "ぁ at U+3041", "\u303f just below the ranges", "\u3040 the first one",
    "a lone surrogate \ud800 here", "Latin-1 ÿ then 中", "\u9fff", "\uac00", "\ud7af", "\ud7b0",
]


@pytest.mark.parametrize("text", CJK_CASES)
def test_has_cjk_as_the_pattern(text: str) -> None:
    assert has_cjk(text) == (_CJK.search(text) is not None)


def test_has_cjk_cases_take_both_ways() -> None:
    """Latin-1 texts (the shortcut) and others, with and without CJK (the pattern)."""
    latin = [t for t in CJK_CASES if all(ord(c) < 0x100 for c in t)]
    assert len(latin) >= 4 and not any(has_cjk(t) for t in latin)
    assert sum(has_cjk(t) for t in CJK_CASES) >= 6
    assert any(not has_cjk(t) and any(ord(c) >= 0x100 for c in t) for t in CJK_CASES)


def _paragraph_with_cuts_inside_words() -> str:
    body = " ".join([*SENTENCES, CHROME, *SENTENCES, *SENTENCES])
    return body.replace("go on. READ MORE:", "go ahead.READ MORE:").replace("serious. Share", "serious.Share")


def test_piece_lines_shares_after_spans_cut_inside_words() -> None:
    """Spans cut inside a word come before and between aligned ones: every aligned span's
    share, word count and key are those make_line gives for it alone."""
    body = _paragraph_with_cuts_inside_words()
    spans = [(a, b, None, False) for a, b, _ in split_line(body)]
    made = piece_lines(body, 0, spans, 0, True, body.lower())
    reference = [make_line(k, a, body[a:b], piece=True) for k, (a, b, _, _) in enumerate(spans)]
    assert made == reference
    aligned = [(a, b) for a, b, _, _ in spans if (a == 0 or body[a - 1] == " ") and (b == len(body) or body[b] == " ")]
    assert len(aligned) < len(spans)  # some took the slower way
    assert sum(u.lower_share is not None for u in made) >= 8


def test_segment_with_cuts_inside_words_as_span_by_span() -> None:
    body = _paragraph_with_cuts_inside_words()
    for title in (None, "Talks Resume In Istanbul As Ankara Hosts Both Sides"):
        assert segment.__wrapped__(body, title, None) == reference_segment(body, title, None)


@pytest.mark.parametrize("line", [
    "Talks resume in Istanbul as Ankara hosts both sides. TALKS RESUME IN ISTANBUL again and talks resume in istanbul",
    "İstanbul: TALKS RESUME İN ISTANBUL, then Talks Resume In Istanbul once more",  # İ lowers to two characters
    "ΟΔΟΣ Talks Resume In Istanbul ΟΔΟΣ",
])
def test_title_ranges_read_the_lowered_line(line: str) -> None:
    title = "Talks Resume In Istanbul"
    found = _title_ranges(line, title, line.lower())
    assert found == _title_ranges(line, title)
    assert found and all(_lower(line)[a:b] == _lower(title) for a, b in found)


def test_a_dateline_or_an_opening_in_capitals_goes_with_its_sentence() -> None:
    """L3S-GN1, flattened: the run of a stamp's capitalised words ended at the dateline's last
    word, and "NEW" stayed with the stamp ("... 2008 NEW" / "YORK -- It is HBO to go.")."""
    tail = (" The premium cable channel unit has rolled out a new service for fans who want to watch its "
            "shows on their phones and laptops.")
    text = ("Service To Be Launched In Wisconsin Cities POSTED: 7:54 am EST January 23, 2008 UPDATED: 8:49 "
            "am EST January 23, 2008 NEW YORK -- It is HBO to go." + tail)
    assert [ln.text for ln in segment(text)][1] == "NEW YORK -- It is HBO to go."
    menu = "Home | World | US | Politics | TECH FBI agents raided the offices of the company on Monday." + tail
    assert [ln.text for ln in segment(menu)][:2] == [  # no dateline's mark: the menu keeps its "TECH"
        "Home | World | US | Politics | TECH", "FBI agents raided the offices of the company on Monday."]
