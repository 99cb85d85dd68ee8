"""Words that mix Latin and Cyrillic letters: look-alikes of another script inside a word.

"cоntar cоn dоcumentоs" reads as Spanish, but each "о" is Cyrillic U+043E: a search for
"contar" does not find it, a tokenizer cuts it into rare pieces, a language model learns a
word nobody writes. Fake-news sites write such text on purpose, to slip past filters (the
Spanish Fake News Corpus: 9 records of 1,543, 51 to 137 such words each); a keyboard left in
the wrong layout writes single ones ("Nаval", FakeNewsCorpus; "Trеimе", a Romanian page), and
ad blocks hide from ad blockers so ("Аdvеrtіѕе wіth thе Веlіzе ...", a Belizean news page).
No language writes Latin and Cyrillic letters inside one word, so every such word is damage,
whatever the script of the article. Greek letters are left out: science writes them beside
Latin ones ("TNFα", "IFN-γ").

Reported by hygiene.encoding (the SPEC's "broken Unicode"), each word with its reading in the
script most of its letters are in: what a repair would give. `--fix-encoding` does not apply it
(ftfy leaves such words as they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CYRILLIC = re.compile(r"[\u0400-\u052f]")
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")
# Cyrillic letters drawn like Latin ones (Unicode's confusables, the common ones), and back
_LOOK_LATIN, _LOOK_CYRILLIC = "аеорсухіјѕԁһԛԝӏАВЕКМНОРСТХІЈЅ", "aeopcyxijsdhqwlABEKMHOPCTXIJS"
_TO_LATIN = str.maketrans(_LOOK_LATIN, _LOOK_CYRILLIC)
_TO_CYRILLIC = str.maketrans(_LOOK_CYRILLIC.replace("l", ""), _LOOK_LATIN.replace("ӏ", ""))


_ROMAN = frozenset("IVXLCDM")  # a Roman numeral's letters: typed in both scripts, read in Latin


@dataclass(frozen=True)
class MixedWord:
    """A word of Latin and Cyrillic letters: offsets into the text, and the word in one script."""

    start: int
    end: int
    word: str
    reading: str  # its look-alikes in the script of most of its letters (the word itself if none)


def mixed_script_words(text: str) -> list[MixedWord]:
    """Every word holding both a Latin (A-Z) and a Cyrillic letter, in order. A text without
    a Cyrillic letter is passed over by one scan (most texts; an ASCII one by isascii)."""
    if text.isascii() or _CYRILLIC.search(text) is None or _LATIN.search(text) is None:
        return []
    found = []
    latin_text: bool | None = None  # whether the text writes more Latin letters than Cyrillic: read once, if asked
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isascii() or _LATIN.search(word) is None or _CYRILLIC.search(word) is None:
            continue
        latin = _latin(word)
        if latin is None:
            if latin_text is None:
                latin_text = len(_LATIN.findall(text)) >= len(_CYRILLIC.findall(text))
            latin = latin_text
        found.append(MixedWord(m.start(), m.end(), word, word.translate(_TO_LATIN if latin else _TO_CYRILLIC)))
    return found


def _latin(word: str) -> bool | None:
    """Whether a mixed word is a Latin one: its Cyrillic letters all look Latin and some Latin
    letter has no Cyrillic look-alike ("Веlіzе": l, z), or, when both scripts (or neither) write
    such letters, most of its letters are Latin ("прoблема" is Cyrillic: п, б, л, м). None when
    as many are of each: the text's own script decides ("ВC" in a Russian story is "ВС", the
    Supreme Court, with a Latin C; it read "BC": ng_ru, a second reader, thirty-fifth session)."""
    if set(word.translate(_TO_LATIN)) <= _ROMAN:
        return True  # "ХХI", "ХIХ", "ХVIII": a Roman numeral (Nezavisimaya Gazeta: 31 words) is Latin
    cyrillic = _CYRILLIC.findall(word)
    latin = _LATIN.findall(word)
    own_cyrillic = any(ch not in _LOOK_LATIN for ch in cyrillic)
    own_latin = any(ch not in _LOOK_CYRILLIC for ch in latin)
    if own_cyrillic != own_latin:
        return own_latin
    return None if len(latin) == len(cyrillic) else len(latin) > len(cyrillic)
