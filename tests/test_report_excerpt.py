"""The list's excerpt by one scan when its head needs no whitespace folding
(audit.report.chunks.excerpt, docs/measurements/table.md): the same string as the split
and join it stands for, for any text."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from audit.report import data as rd
from audit.report.chunks import excerpt

SPACES = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())  # str.split's separators


def _folded(text: str) -> str:
    return " ".join(text[:rd.EXCERPT_CHARS * 2].split())[:rd.EXCERPT_CHARS]


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab é日🎉\u00ad") | st.sampled_from(SPACES) | st.characters(),
               max_size=260))
def test_the_excerpt_is_the_folded_head(text: str) -> None:
    assert excerpt(text) == _folded(text)


def test_the_edges_of_the_head() -> None:
    word = "w" * 99
    cases = ["", " ", "a", "a ", " a", "a  b", "a\u00a0b", "a\nb", word + "x", word + " ", word + "  x",
             word + "xyz more", "x" * 100 + " " * 150 + "y", "a " * 50 + "\n", word + "\u2028y",
             "tab\there", "a\x1cb", "x" * 300]
    for text in cases:
        assert excerpt(text) == _folded(text), repr(text)
    assert excerpt("Plain words, one space each.") == "Plain words, one space each."
    assert excerpt("Two  spaces\nand a line") == "Two spaces and a line"
