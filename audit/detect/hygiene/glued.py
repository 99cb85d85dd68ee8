"""hygiene.glued: sentences glued together by extraction ("on 15 April.Two years later").

When an extractor drops the line break or space between two sentences, the end of one
runs into the start of the next. Sentence splitters, tokenisers and dedup shingles then
see one invented word ("April.Two"), so it is worth flagging. The shape is a word, a
sentence end (. ! ?), maybe a quote, then a capitalised word, with no space. What looks
the same but is fine, and is left alone:
- initials and dotted abbreviations ("U.S.Army", "J.D.Vance", "a.m.The", "(R-W.Va.)"):
  the word before the dot follows another dot or ends in a single letter;
- decimals ("3.5"), ellipses ("go...We", "go … .We"), lower-case joins ("example.com");
- titles and honorifics ("Mr.Putin", "St.Petersburg"), domain names ("Amazon.Com",
  "Halo.Bungie.Org", "One.Tel"), URLs, e-mail addresses and paths (the token holds "://",
  "www.", "@" or "/"), and names written with the mark inside ("FRITZ!Box", "News.Az");
- a date written the continental way, a day and a month name ("the 6.Juli Banken",
  "Datum: 03.Mär.19");
- a list item's number after a bullet or at a line's start ("- 2.Misture rapidamente":
  a recipe's steps, a real Portuguese page of trafilatura's evaluation set), or of 1-2 digits
  and maybe a letter after a sentence's end ("reservation. 2.If arrival date allows");
- markup and code: a token with "<" or ">" ("<Place.Performance>"), a name given a value
  ("exports.Cow = Cow;");
- in an article in a language that writes ordinals with a dot (German, the Nordic and
  most Central European languages), a number of 1-3 digits before a capitalised word:
  an ordinal ("vom 2.Weltkrieg", "in die 3.Liga"), not a sentence ending on a figure;
- a writer who leaves out spaces after punctuation ("Sadly,with such a diverse country,the
  reality ... regional differences.And"): a comma joining two words in the same stretch of
  the line says the text was typed that way. Extraction drops the break between two blocks;
  it does not take the space out after a comma inside a sentence (reader comments of
  L3S-GN1 and Dragnet's pages, docs/measurements/precg.md);
- a run of up to three Latin words set between Japanese or Chinese text: a name ("「AR.Drone」").
Devanagari has no capitals: there a word, a sentence mark and a word, no space, are glued
("कर ली.पोलार्ड"), but for initials and abbreviations ("डॉ.", "के.एम."). Nor has Hangul:
"밝혔다.또" is glued, but for a one-syllable word ("행.재정적": a lost middle dot).
Word lists: audit/data/glued_exceptions.txt.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from audit.detect.hygiene.shifted import inside, shifted_runs
from audit.model import Article, Finding, span_finding

CHECK = "hygiene.glued"
# Languages that write an ordinal as a figure and a dot ("2. Weltkrieg", "3. divisjon",
# "18. století"): German, Danish, Norwegian, Swedish dates, Finnish, Icelandic, Estonian,
# Latvian, Czech, Slovak, Polish, Hungarian, Slovene, Croatian, Serbian, Bosnian, Turkish
# (langdetect codes). In them, "2.Weltkrieg" is an ordinal with its space dropped (real
# German page, htmldate's evaluation set: docs/measurements/precision-multilingual.md);
# in English "in 2013.Still" or "scored 5.The" is a sentence glued on a figure.
ORDINAL_DOT_LANGUAGES = frozenset(["de", "da", "no", "sv", "fi", "is", "et", "lv", "cs", "sk", "pl", "hu",
                                   "sl", "hr", "sr", "bs", "tr"])
MAX_ORDINAL_DIGITS = 3  # "100.Geburtstag"; a year glued on a sentence has four
# A word not preceded by a dot or a word character, a sentence end, an optional quote,
# then a word (checked for a capital in code: `re` has no Unicode-uppercase class).
_GLUE = re.compile(
    r"(?<![.\w])(?P<left>[\w'’\-]*[\w%)\]])(?P<end>[.!?])(?P<quote>[\"“”‘’']?)"
    r"(?P<right>[^\W\d_][\w'’\-]*)"
)
# Devanagari (Hindi, Marathi, Nepali) has no capitals, and Python's \w leaves out its vowel
# signs, so _GLUE never matches it: BBC Hindi's pages run their sentences together ("जीत हासिल
# कर ली.पोलार्ड ने", 3,325 pairs in its 344 articles, none found). A Devanagari word, a full
# stop, danda or question mark, then a Devanagari letter, no space; not an initial (a word of
# one letter, the Latin letters' names: "आर.भागवत") or an abbreviation ("डॉ.", "उ.कोरिया"):
# [abbreviation] of the word lists; nor the first of a chain of initials ("के.एम. बीनामोल").
_DEVANAGARI = "\u0900-\u0963\u0966-\u097f\u200c\u200d"  # its letters and signs (and the joiners inside
# a word), not the danda and double danda, which end a sentence: "गए।टीम.अब" is two pairs
_DEVANAGARI_GLUE = re.compile(
    rf"(?<![{_DEVANAGARI}\w.])(?P<left>[{_DEVANAGARI}]+)(?P<end>[.\u0964?!])(?P<quote>)"
    rf"(?P<right>[\u0904-\u0939\u0958-\u0961\u0972-\u097f][{_DEVANAGARI}]*)"
)
# Whether a text may hold such a pair at all: opening with a class, it lets the engine skip to
# a Devanagari character in C, where _DEVANAGARI_GLUE tries its lookbehind at every position
# (2,000 Webz.io texts that hold none: 1.4 ms against 8.6)
_HAS_DEVANAGARI = re.compile(rf"[{_DEVANAGARI}][.\u0964?!][{_DEVANAGARI}]")
# Hangul has no capitals either: Korean news run together ("진술했는데요.하지만", "밝혔다.또",
# "있다.특허청은": 157 pairs in 2,000 Naver articles, none found). A word ending in a Hangul
# syllable (digits before it: "20일"), a full stop, question or exclamation mark, then a Hangul
# word, no space. The right word is in a lookahead, so the next pair may start from it.
_HANGUL_GLUE = re.compile(
    r"(?<![\w.])(?P<left>\w*[\uac00-\ud7a3])(?P<end>[.?!])(?P<quote>)(?=(?P<right>[\uac00-\ud7a3]\w*))"
)
_HAS_HANGUL = re.compile(r"[\uac00-\ud7a3][.?!][\uac00-\ud7a3]")  # as _HAS_DEVANAGARI
# What follows a quoted question or exclamation written without its quotes ("왜?라는 질문",
# "the question 'why?'"): the quotative endings, not a new sentence
_QUOTATIVE = ("라고", "라는", "라며", "라면", "이라", "하고", "하는", "하며", "하면서", "란")
_URL_MARKS = ("://", "www.", "@", "/", "\\")  # and a Windows path's backslash (zh_news: "C:" ... "Microsoft.MicrosoftEdge...")
# Where a glued pair can be: a sentence end, maybe a quote, then a letter. A match holds
# no whitespace, so _GLUE runs only over the space-delimited tokens holding such a place
# (the same matches as a scan of the whole text, at a fraction of the cost: issue 13).
_CANDIDATE = re.compile(r"[.!?][\"“”‘’']?[^\W\d_]")
_GAPS = (" ", "\n", "\t")


@dataclass(frozen=True)
class Exceptions:
    abbreviations: frozenset[str]
    tlds: frozenset[str]
    months: frozenset[str]
    names: frozenset[str]  # whole names written with a sentence mark inside ("FRITZ!Box")


@lru_cache(maxsize=1)
def exceptions() -> Exceptions:
    """Read the word lists once (they ship in the package, audit/data)."""
    sections: dict[str, set[str]] = {"abbreviation": set(), "tld": set(), "month": set(), "name": set()}
    current = "abbreviation"
    text = resources.files("audit.data").joinpath("glued_exceptions.txt").read_text("utf-8")
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            continue
        sections[current].add(line.lower())
    return Exceptions(*(frozenset(sections[name]) for name in ("abbreviation", "tld", "month", "name")))


def find_glued_sentences(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """One finding per glued pair of words, spanning both ("April.Two")."""
    rules = exceptions()
    for article in articles:
        ordinals = article.language in ORDINAL_DOT_LANGUAGES
        paths: list[str] | None = None  # read once an article, when a glued pair needs them
        obfuscated = shifted_runs(article.text)  # "Gppe.Usvdlt" is "Food-Trucks" shifted: paywall.text's
        for match in glue_matches(article.text):
            cut = _uncased_head(match["left"])  # "编辑推荐Dr.Martens": the Latin word is "Dr"
            if cut and _item_marker(match["left"][cut:]):
                continue  # "……袜子3.Converse": a list's item after text written without spaces
            if not _is_glued(match, article.text, rules, cut):
                continue
            if obfuscated and inside(obfuscated, match.start(), match.end()):
                continue
            if _ordinal(match["left"]) and (ordinals or _list_number(article.text, match.start())):
                continue
            if _item_marker(match["left"]) and _after_sentence(article.text, match.start()):
                continue  # "reservation. 2.If arrival date allows": a list's item, typed without a space
            if _markup_or_code(article.text, match):
                continue
            if _typed_without_spaces(article.text, match.start(), match.end()):
                continue
            if _name_start(match["left"][cut:]) and _name_in_cjk(
                    article.text, match.start() + cut, match.start("right") + len(_right_word(match))):
                continue  # "「AR.Drone」", "「Going!Sports&News」": a name inside Japanese or Chinese
            if paths is None:
                paths = _module_paths(article.text, rules)
            if paths and _namespace(match["left"], paths):
                continue  # "library.ThingIWant" beside "library.things.thing_i_want"
            yield _finding(article, match, cut)
        if _HAS_HANGUL.search(article.text):
            for match in _HANGUL_GLUE.finditer(article.text):
                if _hangul_glued(match, article.text):
                    yield _finding(article, match, right=match["right"])
        if _HAS_DEVANAGARI.search(article.text):
            for match in _devanagari_matches(article.text):
                if _devanagari_glued(match, article.text, rules):
                    yield _finding(article, match, right=match["right"])


def _devanagari_matches(text: str) -> Iterator[re.Match[str]]:
    """_DEVANAGARI_GLUE's matches, each next one sought from the last one's right word: in
    "गए।टीम.अब" both pairs ("गए।टीम", "टीम.अब"), which share a word (finditer gave the first)."""
    at = 0
    while (match := _DEVANAGARI_GLUE.search(text, at)) is not None:
        yield match
        at = match.start("right")


# A run of Latin words inside Japanese, Chinese or Korean text, set between its letters or
# brackets: a product's, a show's or a song's name ("フランス生まれのリモコンヘリ「AR.Drone」",
# "日本テレビ「Going!Sports&News」", "ジングルベル feat.Pentaphonic」": livedoor news, 28 of its 28
# glued findings), not two English sentences, which run on longer ("网友评论：I really need some
# help.He never answered me."), or end on a word in lower case ("网友评论说help.He从来不回答我").
# NAME_IN_CJK_WORDS words at most, CJK on both sides, the left word capitalised (or "feat").
_LATIN_RUN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .!?&'’-")
_CJK_TEXT = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
NAME_IN_CJK_WORDS = 3
_NAME_LINKS = frozenset(["feat", "ft"])  # "featuring", lower case before a performer's name ("ジングルベル feat.Pentaphonic」")


def _name_start(left: str) -> bool:
    """Whether the left word may start a name: capitalised, or "feat" (only inside CJK text:
    English writes "no mean feat.The coach")."""
    return left[:1].isupper() or left.lower() in _NAME_LINKS


def _name_in_cjk(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is in a run of Latin words set between CJK text on both sides."""
    a, b, floor, ceiling = start, end, max(0, start - TOKEN_REACH), min(len(text), end + TOKEN_REACH)
    while a > floor and text[a - 1] in _LATIN_RUN:
        a -= 1
    while b < ceiling and text[b] in _LATIN_RUN:
        b += 1
    return (a > 0 and b < len(text) and len(text[a:b].split()) <= NAME_IN_CJK_WORDS
            and _CJK_TEXT.match(text, a - 1) is not None and _CJK_TEXT.match(text, b) is not None)


def _devanagari_glued(match: re.Match[str], text: str, rules: Exceptions) -> bool:
    """Whether a Devanagari pair is two sentences (_DEVANAGARI_GLUE): the left word is more than
    one character ("है" and "था", a letter and its vowel sign, end most sentences) and no
    abbreviation or initial, and the right word is not an initial (two characters at most, or
    a letter's name) followed by its dot."""
    left, right = match["left"], match["right"]
    if len(left) <= 1 or left in rules.abbreviations:
        return False
    return not (text[match.end():match.end() + 1] == "." and (len(right) <= 2 or right in rules.abbreviations))


def _hangul_glued(match: re.Match[str], text: str) -> bool:
    """Whether a Hangul pair is two sentences (_HANGUL_GLUE): the left word is more than one
    character (a dot inside a word of one syllable stands for a lost middle dot: "행.재정적",
    "시.도당", "administrative and financial", "city and province"); a question or exclamation
    mark is not one of a row of them between words (a middle dot decoded as "?": "태릉?홍릉?창동")
    nor a quotation's, its quotative ending after it ("왜?라는")."""
    if len(match["left"]) <= 1:
        return False
    if match["end"] == ".":
        return True
    before, after = text[match.start() - 1:match.start()], text[match.end("right"):match.end("right") + 1]
    return not (before in ("?", "!") or after in ("?", "!") or match["right"].startswith(_QUOTATIVE))


# Two words joined by a comma with no space ("country,the", "car,I"): not in a number ("1,000"),
# a URL, an e-mail or a dotted name ("Minmote.no,inspirerende" counts from "no" on: not at all).
_COMMA_JOIN = re.compile(r"(?<![\w/@.])[^\W\d_]{2,},[^\W\d_]+(?![\w/@.])")
WRITER_REACH = 300  # characters either side of a glued pair, within its line, read for comma joins


def _typed_without_spaces(text: str, start: int, end: int) -> bool:
    """Whether the writer of the glued pair's stretch leaves out spaces after punctuation: a
    comma joins two words within WRITER_REACH characters of it on its line. On L3S-GN1's and
    Dragnet's pages every such stretch was a reader's comment typed so ("I have been in love
    with NANO.Iwill like to book ... the car,I have"); no glued pair of c2000, the BBC or the
    Zyte gold bodies has one near it."""
    left = max(text.rfind("\n", 0, start) + 1, start - WRITER_REACH)
    line_end = text.find("\n", end)
    right = min(len(text) if line_end < 0 else line_end, end + WRITER_REACH)
    return _COMMA_JOIN.search(text, left, right) is not None


def glue_matches(text: str) -> Iterator[re.Match[str]]:
    """`_GLUE.finditer(text)`, scanning only the tokens that hold a candidate joint."""
    done = 0
    for candidate in _CANDIDATE.finditer(text):
        at = candidate.start()
        if at < done:
            continue
        start = max(text.rfind(gap, 0, at) for gap in _GAPS) + 1
        ends = [end for end in (text.find(gap, at) for gap in _GAPS) if end >= 0]
        done = min(ends) if ends else len(text)
        yield from _GLUE.finditer(text, start, done)


_INITIAL_GLUED = re.compile(r"[A-Z][a-z]+[A-Z]")  # a first name and the initial after it


def _uncased_head(left: str) -> int:
    """How many characters of the left word are written in a script without case, up to its
    last such letter: Chinese writes no spaces, so "短靴来自Dr" is one word to a regular
    expression, and a reader's word is "Dr" (zh_news: "Dr.Martens", "Mr.Bags", "Ltd.Archelis"
    were called glued sentences). 0 for a word with none."""
    for i in range(len(left) - 1, -1, -1):
        if unicodedata.category(left[i]) == "Lo":  # not "ʼ" (Lm), an apostrophe inside a word
            return 0 if i == len(left) - 1 else i + 1  # a left word all in such a script: judged whole
    return 0


def _right_word(match: re.Match[str]) -> str:
    """The right word up to a letter of a script without case ("He从来不回答我" is "He")."""
    right = match["right"]
    for i, ch in enumerate(right):
        if unicodedata.category(ch) == "Lo" and i > 0:
            return right[:i]
    return right


def _is_glued(match: re.Match[str], text: str, rules: Exceptions, cut: int = 0) -> bool:
    left, right = match["left"][cut:], _right_word(match)
    if not left or not (right[0].isupper() and len(right) > 1 and right[1].islower()):
        return False  # "example.com", "ASP.NET", "U.S.A"
    last_part = re.split(r"[-'’]", left)[-1]
    if len(last_part) == 1 and last_part.isalpha():
        return False  # an initial: "J.Smith", "(R-W.Va.)"; "a.Meeting" is too short to judge
    if _INITIAL_GLUED.fullmatch(left):
        return False  # "的DanielF.Kripke博士", "（KipS.Thorne）": a name's initial, its spaces left out
    if left.lower() in rules.abbreviations:
        return False
    if f"{left}{match['end']}{right.split('-')[0]}".lower() in rules.names:
        return False  # "FRITZ!Box", "Xamarin.Android": a product's or a site's name
    if right.lower() in rules.tlds and not _letter_at(text, match.end()):
        return False  # "Amazon.Com"
    if left.isascii() and left.isdigit() and len(left) <= 2 and 1 <= int(left) <= 31 \
            and right.lower() in rules.months:  # "²".isdigit() too, and int("²") raises
        return False  # "6.Juli": a day and its month
    if _name_tail(text, match.start("right") + len(right)):
        return False  # "mod.Bar()": a call in code
    token = _token_around(text, match.start() + cut, match.start("right") + len(right))
    return not (any(mark in token for mark in _URL_MARKS) or _domain(token, rules) or _enclosed(token)
                or _abbreviation_chain(token))


# A call in code: member names, then an opening bracket with no space ("mod.Bar()",
# "GeneralMills.PandoSites.RegisterControlInstance(moduleName, ...)").
_CALL = re.compile(r"(?:\.\w+)*\(")


def _name_tail(text: str, end: int) -> bool:
    """Whether the right word is called as code: it opens a bracket with no space, maybe after
    more member names ("mybar = mod.Bar()" on a Python blog, "GeneralMills.PandoSites.Register
    ControlInstance(" in a page's script: the multilingual set, docs/measurements/precb.md). A
    sentence's first word is not. Not a full stop alone: "the Russians.Seriously.Shep Smith" is
    glued twice (ISOT 2017)."""
    return _CALL.match(text, end) is not None


# A dotted path after a word: a lower-case part, then more dotted parts ("library.things.thing_i_want",
# "stuff.bigstuff.Stuffometer"); its last part tells a module path from a domain ("Obama.pic.twitter.com").
_DOTTED_PATH = re.compile(r"\.[^\W\d_A-Z][\w]*(?:\.[\w]+)+")


PATH_PREFIX = 100  # characters kept before a module path: a left word is never longer


def _module_paths(text: str, rules: Exceptions) -> list[str]:
    """The text before each module path in the text ("from library.things.thing_i_want import
    ...", "import stuff.bigstuff.Stuffometer": a Python blog of the multilingual set): a dot, a
    lower-case part, more dotted parts, not ending in a domain ending ("Obama.pic.twitter.com",
    "Breitbart.com": ISOT 2017, where "Obama.In" and "Breitbart.The" are glued). One scan of
    the text, at every dot that a lower-case letter follows."""
    found: list[str] = []
    path = _DOTTED_PATH.search(text)
    while path is not None:
        if path.group().rsplit(".", 1)[-1].lower() not in rules.tlds:
            found.append(text[max(0, path.start() - PATH_PREFIX):path.start()])
        path = _DOTTED_PATH.search(text, path.start() + 1)
    return found


def _namespace(left: str, paths: list[str]) -> bool:
    """Whether the left word opens one of the text's module paths (a whole word there: not
    preceded by a letter or digit), so "library.ThingIWant" names a member of it. A word that
    ends a sentence is not also written before a module path; one glued lower-case word
    ("it.featured image via ...") is no path (a glued sentence too)."""
    return any(before.endswith(left) and (len(before) == len(left) or not before[-len(left) - 1].isalnum())
               for before in paths)


def _ordinal(left: str) -> bool:
    """A figure of 1-3 ASCII digits: an ordinal where the language writes "2." for "2nd"."""
    return left.isascii() and left.isdigit() and len(left) <= MAX_ORDINAL_DIGITS


def _list_number(text: str, start: int) -> bool:
    """Whether the figure at `start` opens a list item: it starts a line, or follows a bullet."""
    before = text[max(0, start - 3):start]
    bullet = before.endswith(" ") and before.rstrip(" ").endswith(("-", "–", "•", "*", "·"))
    return start == 0 or before.endswith("\n") or bullet


# An item's number or letter in a list written as running text: 1-2 digits, maybe a letter
# ("2.If", "5b.Audio", "C.Bathrooms" is an initial already), after a sentence's end. A bed-and-
# breakfast association's standards ("... reservation. 2.If arrival date allows ... 3.Inns must
# answer ...") and a numbered heading ("... listen on. 5b.Audio downloads") of CleanEval's pages
# (docs/measurements/precr.md): the item was typed so. A figure that ends a sentence follows a
# word ("for about $120.It has"), not a sentence's end.
_ITEM_MARKER = re.compile(r"\d{1,2}[a-z]?")
# (Chinese and Japanese end a sentence with a full-width mark and need no space after it:
# "……视觉丰富度。3.Oversized防风衣", zh_news)
_SENTENCE_END_BEFORE = re.compile(r"(?:[.!?:][\"”’')\]]?\s+|[。！？：；][\"”’」』）)]?\s*)$")


def _item_marker(left: str) -> bool:
    return left.isascii() and _ITEM_MARKER.fullmatch(left) is not None


def _after_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` follows a sentence's end and a space (or a line's start)."""
    return _list_number(text, start) or _SENTENCE_END_BEFORE.search(text[max(0, start - 12):start]) is not None


# Markup and code: a token inside a tag ("<Place.Performance>1998</Place.Performance>", "<dc:
# Contributor.Orchestra>": XML examples of a metadata paper) or a name given a value ("exports.Cow
# = Cow;", a JavaScript example of Readability's test pages); a glued sentence has neither.
_ASSIGNED = re.compile(r"\s*=(?!=)")


def _markup_or_code(text: str, match: re.Match[str]) -> bool:
    token = _token_around(text, match.start(), match.end())
    return "<" in token or ">" in token or _ASSIGNED.match(text, match.end()) is not None


def _domain(token: str, rules: Exceptions) -> bool:
    """A dotted name of capitalised words whose last part is a domain ending ("Halo.Bungie.Org";
    "application.Cleveland.com" is a sentence glued onto a domain)."""
    parts = token.strip(".,;:!?\"'“”‘’()[]").split(".")
    return (len(parts) >= 3 and parts[-1].lower() in rules.tlds
            and all(p.isalnum() and p[:1].isupper() for p in parts[:-1]))


# Marks that open and close a quoted or bracketed word: a dotted token inside a pair of them is
# a title, an account or a file name ("›Struktur.Wandel‹", an exhibition; "\"Hin.Gehört.Spezial\"",
# a podcast; "(gele.Finegil.Image2014v1)", a picture's file name: real German and Italian pages,
# precision-2026-12-03b.md), not two sentences; a glued sentence opens or closes a quote, not both
# ("„schlichteten!Wissen", "region.”Harry").
_OPENERS = "\"'“‘„‚«‹›»(["
_CLOSERS = "\"'”’“‘»›‹«)]"
_TRAILING_PUNCT = ".,;:!?"


def _enclosed(token: str) -> bool:
    """Whether the token is one quoted or bracketed item (trailing punctuation aside)."""
    core = token.rstrip(_TRAILING_PUNCT)
    return len(core) > 2 and core[0] in _OPENERS and core[-1] in _CLOSERS


def _abbreviation_chain(token: str) -> bool:
    """Whether the dotted token holds a part of one letter: an abbreviated name ("reg.Gen.m.b.H.",
    a German cooperative's legal form), where a glued sentence has words on both sides."""
    parts = token.strip(_TRAILING_PUNCT + _OPENERS + _CLOSERS).split(".")
    return len(parts) >= 3 and any(len(part) == 1 and part.isalpha() for part in parts)


def _letter_at(text: str, index: int) -> bool:
    return index < len(text) and text[index].isalpha()


# What ends a token: white space, or a letter of a script written without spaces or case
# (Chinese, Japanese, Korean, Arabic, Hebrew, Thai, Devanagari): a Chinese sentence is one
# "token" to white space, and a "/" in its date is no URL around a glued pair in it.
_TOKEN_EDGE = re.compile(r"[\s\u0590-\u06ff\u0900-\u097f\u0e00-\u0e7f\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
TOKEN_REACH = 300  # characters read either side: a spaceless text's matches cost linear time


def _token_around(text: str, start: int, end: int) -> str:
    """The token holding the match (for URLs, paths, e-mails), within TOKEN_REACH of it."""
    before = _TOKEN_EDGE.split(text[max(0, start - TOKEN_REACH):start])[-1]
    after = _TOKEN_EDGE.split(text[end:end + TOKEN_REACH], maxsplit=1)[0]
    return f"{before}{text[start:end]}{after}"


def _finding(article: Article, match: re.Match[str], cut: int = 0, right: str | None = None) -> Finding:
    """The finding for a glued pair; `cut`: the left word's characters in a script without
    case, left out of its span (_uncased_head); `right`: the right word, when it is not
    _right_word's (Devanagari: all of it is in a script without case)."""
    joint = match.start("right")
    left, right = match["left"][cut:], right or _right_word(match)
    end = joint + len(right)
    message = (
        f"Two sentences glued without a space at {article.text[match.start() + cut:end]!r}: "
        f"'…{left}{match['end']}{match['quote']}' runs straight into "
        f"'{right}…' (a line break or space lost in extraction, or missing in the page itself)."
    )
    return span_finding(
        article, CHECK, match.start() + cut, end, message,
        data={"left": left, "right": right, "joint": joint},
    )
