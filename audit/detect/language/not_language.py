"""What langdetect names a language but a reader would not: close kin, junk letters, placeholder.

langdetect always answers with one of its 55 languages, and with probability 1.00 on
text that is none of them or that two of them share. language.mixed reported (docs/
measurements/mixed-precision.md, precl.md):
- a Danish sentence as Norwegian ("Noget kunne tyde på, at den gode start på det nye årti
  ikke skyldes noget, Norwegian selv har gjort.", 'no' at 1.00 in a Danish page) and a
  Norwegian one as Danish ("Så da betaler arbeidsgiver for at mor i stedet må sette sin
  karriere til side ...", 'da' at 1.00 in a Norwegian blog): close languages;
- random letters as Polish ("Jv cxkqgk fgj woh Haobspm wwk Diir kjt, ...", 'pl' at 1.00);
- lorem ipsum as Catalan ("Dolor ipsam et est cumque. Laboriosam sed delectus ...").
The rules here say when a verdict is no evidence of a foreign passage. Each was set on
lingua-testdata sentences (../shared/data/lingua-testdata; 75 languages), precl.md.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Languages langdetect confuses with each other on one sentence (>= 1.5% of sentences of
# 40+ letters called the other at probability >= 0.9, 300 lingua sentences a language):
# Catalan -> Spanish 2.8%, Czech -> Slovak 4.0%, Danish -> Norwegian 2.6%, Norwegian
# Bokmål -> Danish 3.1%, Nynorsk -> Swedish 2.0%; no other pair of its languages reaches 1.5%.
# Portuguese -> Spanish is 0.4% of lingua's sentences (2 of 527), but Brazilian news is not
# lingua's: of Fake.Br's 7,200 articles (twenty-sixth session), every Spanish passage found in a
# Portuguese one (5, 60-134 letters, p 1.00) was Portuguese: sentences written without their
# accents ("ate mesmo"), a headline, Spanish film titles in a Portuguese sentence.
SIBLINGS = (frozenset({"da", "no", "sv"}), frozenset({"ca", "es"}), frozenset({"cs", "sk"}),
            frozenset({"pt", "es"}))
# Letters a run in a sibling of the article's language needs, and the probability each of
# its pieces needs: the confusion falls with length (texts cut at 60/100/150/200/250
# letters, 300 of each of da nb nn sv ca es cs sk: 44, 26, 8, 1 and 0 of 2,400 called a
# sibling), but langdetect's probability alone says little (1.00 on the 79-letter Danish
# sentence above; a 267-letter paragraph of the Danish treebank called Norwegian at 0.977).
# At 250 letters and 0.99, 0 of 2,400 lingua texts are called a sibling and 97-100% of each
# language's own texts still are called it (ca 291/300, nb 292/300, the rest 295-300).
SIBLING_MIN_CHARS = 250
SIBLING_MIN_PROBABILITY = 0.99
# A piece whose letter trigrams are mostly unknown to the profile of the language langdetect
# named is not text in it. Of 507 lingua sentences written in ASCII letters with a right
# verdict (>= 0.9), the lowest share is 0.62 (Swahili) and 1% are under 0.69 (of 1,550 in
# Latin script, 0.38: Vietnamese); the random letters above have 0.21. ASCII letters only:
# the profiles of Indic, Thai and CJK scripts hold few trigrams (medians 0.0-0.56), and languages langdetect does not know fit no profile
# (Yoruba, with its ẹ, ọ and tone marks, called 'vi': 6 of 17 sure verdicts under 0.35 on
# two-sentence passages, and 1 of 98 Azerbaijani; no passage written in ASCII letters of any
# of the 75 lingua languages is under it). Random letters are typed or generated in ASCII.
MIN_PROFILE_SHARE = 0.35
# A piece of 5+ words, 60%+ of them words of placeholder text (audit/data/placeholder_latin.txt):
# no sentence pair of any of the 75 lingua languages reaches 50% (real Latin: "Gallia est
# omnis divisa in partes tres ..." 23%).
PLACEHOLDER_SHARE = 0.6
PLACEHOLDER_MIN_WORDS = 5

_WORDS = re.compile(r"[^\W\d_]+")


def close_kin(language: str | None, base: set[str]) -> bool:
    """Whether `language` is a sibling (SIBLINGS) of one of the article's languages."""
    return any(language in group and not group.isdisjoint(base) for group in SIBLINGS)


# The letters a Cyrillic language writes that Russian does not (lingua's sentences of 40+
# letters holding one: bg 626 of 891 (ъ), mk 815 of 926, sr 815 of 832, uk 842 of 856). A
# Russian line langdetect calls one of them without any of its letters is Russian written
# without ы, э, ё: two dialogue lines of Nezavisimaya Gazeta (ng.ru, twenty-ninth session) were
# "Bulgarian" at p 1.00 ("– Не слушайте Интернет, слушайте меня! ..."). A passage of Bulgarian
# without ъ in a Russian article goes unseen (3 in 10 of lingua's).
CYRILLIC_MARKS = {"bg": "ъ", "mk": "јѓќѕљњџ", "sr": "јђћљњџ", "uk": "іїєґ"}
CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "bg", "mk", "sr", "be", "kk", "mn"})


def unmarked_kin(piece: str, language: str, base: set[str]) -> bool:
    """Whether a piece called `language` (of CYRILLIC_MARKS) in an article of another
    Cyrillic language holds none of its letters: no evidence of a foreign passage."""
    marks = CYRILLIC_MARKS.get(language)
    if marks is None or language in base or not base & CYRILLIC_LANGUAGES:
        return False
    lowered = piece.lower()
    return not any(ch in lowered for ch in marks)


def not_a_language(piece: str, language: str) -> bool:
    """Whether a piece langdetect called `language` is placeholder text or junk letters."""
    words = _WORDS.findall(piece.lower())
    if len(words) >= PLACEHOLDER_MIN_WORDS:
        known = _placeholder_words()
        if sum(w in known for w in words) >= PLACEHOLDER_SHARE * len(words):
            return True
    return profile_share(piece, language) < MIN_PROFILE_SHARE


def profile_share(piece: str, language: str) -> float:
    """Share of the piece's letter trigrams (inside words, or at a word's edge) that the
    langdetect profile of `language` holds; 1.0 for text with letters past ASCII."""
    words = _WORDS.findall(piece)
    if not words or not all(w.isascii() for w in words):
        return 1.0
    profile = _profiles().get(language)
    if profile is None:
        return 1.0
    grams = [g for w in words for g in _trigrams(f" {w} ")]
    if not grams:
        return 1.0
    return sum(g in profile for g in grams) / len(grams)


def _trigrams(padded: str) -> list[str]:
    return [padded[i:i + 3] for i in range(len(padded) - 2)]


@lru_cache(maxsize=1)
def _profiles() -> dict[str, frozenset[str]]:
    """Each langdetect profile's trigrams, by ISO 639-1 code (zh-cn and zh-tw merged)."""
    from audit.normalise.language import _factory

    factory = _factory()
    out: dict[str, set[str]] = {}
    for name, (freq, _) in zip(factory.langlist, factory.profiles):
        out.setdefault(name.split("-")[0], set()).update(g for g in freq if len(g) == 3)
    return {code: frozenset(grams) for code, grams in out.items()}


@lru_cache(maxsize=1)
def _placeholder_words() -> frozenset[str]:
    text = resources.files("audit.data").joinpath("placeholder_latin.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())
