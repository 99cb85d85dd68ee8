"""The chrome checks' shortcuts answer as the slower forms they replace.

lower_share reads tokens with str.split where it used one regex over every character;
the rule alternations of metadata.leak and paywall.text are skipped where the fixed
strings of their rules are missing (audit.detect.leakage.regex_literals). Both must change no
answer: here they meet the forms they replace on real sentences and on the characters
where Python's case folding and the regex engine's differ.
"""

from __future__ import annotations

import re

import pytest

from audit.detect.leakage import metadata_leak, paywall
from audit.detect.leakage.chrome_lines import CASED_MIN_WORDS, FUNCTION_WORDS, lower_share
from audit.detect.leakage.regex_literals import prefilter

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
