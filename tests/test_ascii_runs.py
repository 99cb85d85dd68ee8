"""Each ASCII table gives what its regex gives, on every ASCII character."""

from __future__ import annotations

import re

import pytest

from audit.normalise.ascii_runs import ALNUM, LETTERS, WORD, ascii_runs, ascii_words

ALL_ASCII = "".join(map(chr, range(128)))
SAMPLES = [ALL_ASCII, ALL_ASCII[::-1] * 2, "Kyiv's 2nd_round: talks (May 5) - NATO\tsaid\n", "", "___ 12"]


@pytest.mark.parametrize(("table", "pattern"), [
    (LETTERS, r"[^\W\d_]+"), (ALNUM, r"[^\W_]+"), (WORD, r"\w+"),
])
def test_table_gives_the_regex_runs(table: bytes, pattern: str) -> None:
    for text in SAMPLES:
        expected = re.findall(pattern, text)
        assert ascii_words(text, table) == expected
        assert [run.decode() for run in ascii_runs(text, table)] == expected
