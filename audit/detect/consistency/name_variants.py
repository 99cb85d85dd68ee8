"""consistency.name_variant: one person spelled several ways in one article.

"Zelenskiy" ten times and "Zelensky" twice in one article is an editing or merging
defect (two sources pasted together, a house style applied halfway). Two sources of
evidence, both kept to surnames of one person:
- the office-holders table's spellings (transliterations such as Zelenskyy /
  Zelensky / Zelenskiy, Sybiha / Sibiga);
- fuzzy matching (rapidfuzz) of other capitalised words against the surnames of
  people the article names, for typos the table cannot list ("Zelenskky").
- given-name transliterations before one surname ("Sergei Lavrov" / "Sergey Lavrov",
  "Aleksandr" / "Alexander Lukashenko"), from the variant groups of
  audit/data/office_given_names.tsv, for anyone, in the table or not: the surname must
  be spelled the same (folded) and both given names must belong to one group.
Different people are never merged: a surname after another first name ("Hunter
Biden") is not the table person, nor is a fuzzy candidate the article writes after another
person's given name anywhere ("Martin Schulz ... Schulz, que trató de hacer lo propio": the
SPD's former leader, not a typo of Olaf Scholz; El Confidencial 2018, precde.md), and a
fuzzy candidate must not itself be a table spelling of someone else, nor follow a definite
article ("de la Hollandie") or carry "[sic]". The article's most frequent spelling is taken
as its own; each other spelling is reported once, at its first occurrence, with the counts.
The fuzzy typos are not looked for in articles in German (and Luxembourgish), which
capitalise every noun and start questions with a verb: a capital there does not say
"name", and common words sit one edit from a surname ("Die Frage steht im Raum: Merken
Trump und Pence nicht", read as a variant of Merkel: a real German page,
docs/measurements/precision-multilingual.md). The table's and given names' spellings are.
By default spellings that differ only in diacritics (Erdoğan / Erdogan) are one
spelling; suite param `fold_diacritics: false` reports them too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from audit.detect.consistency.office_holders import (
    NameHit,
    OfficeTable,
    first_name_fits,
    fold,
    load_table,
    needs_first_name,
    preceding_word,
)
from audit.model import Article, Finding, span_finding

CHECK = "consistency.name_variant"
# Typos: at most one edit (a transposition counts as one: OSA distance) in a surname of 6
# to 9 letters, two from 10 letters on; suite param "max_edits" overrides both.
MIN_FUZZY_LENGTH = 6  # shorter words are too often other words ("Xi", "Lula")
LONG_SURNAME = 10
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)*(?![\w-])")
NOUNS_CAPITALISED = frozenset(["de", "lb"])  # langdetect codes: no fuzzy typos in them (see above)
GIVEN_NAMES_PATH = Path(__file__).resolve().parents[2] / "data" / "office_given_names.tsv"


@dataclass(frozen=True)
class Spelling:
    """One occurrence of a person's surname as written."""

    start: int
    end: int
    person_id: str
    form: str  # the surname as written
    key: str  # what counts as the same spelling (folded unless diacritics matter)


def _key(form: str, fold_diacritics: bool) -> str:
    return fold(form) if fold_diacritics else form.casefold()


def table_spellings(text: str, table: OfficeTable, fold_diacritics: bool) -> list[Spelling]:
    """The surname inside every table name found in the text."""
    hits = [hit for hit in table.find_names(text) if hit.surname_form is not None]
    elsewhere = _surname_of_someone_else(text, table, hits)
    found = []
    for hit in hits:
        if hit.spelling == hit.surname_form and hit.person_id in elsewhere:
            continue
        if _alias(hit.surname_form, table.people[hit.person_id].name):
            continue
        start = hit.start + hit.spelling.rindex(hit.surname_form)
        found.append(Spelling(start, start + len(hit.surname_form), hit.person_id,
                              hit.surname_form, _key(hit.surname_form, fold_diacritics)))
    return found


ALIAS_MAX_RATIO = 50  # a table form this far from the name's last word is another name, no spelling


@lru_cache(maxsize=4096)  # a property of the table's forms: judged once each, not at every mention
def _alias(form: str, name: str) -> bool:
    """Whether a table form of a person is a second name, not a spelling of the surname: none of
    its words is one of the canonical name's, nor is it a near spelling of its last ("Jokowi"
    of Joko Widodo). "Presiden Joko Widodo (Jokowi)" is how Indonesian news names him: 12 of 12
    name_variant findings on Indonesian news were that (thirty-second session). A
    transliteration ("Sibiga" of Sybiha, ratio 67) or a full-name form ("Xi Jinping") stays."""
    words = [fold(w) for w in name.split()]
    key = fold(form)
    return not set(key.split()) & set(words) and fuzz.ratio(key, words[-1]) < ALIAS_MAX_RATIO


def _surname_of_someone_else(text: str, table: OfficeTable, hits: Sequence[NameHit]) -> set[str]:
    """The table people whose bare surname the article gives to someone else: it writes
    the surname after another given name ("Marianne Williamson", which find_names does not
    take for Gavin Williamson) and never after one of theirs. Its bare "Williamson" is then
    hers, not his: on a real page (docs/measurements.md, twentieth session) the typo
    "Willliamson" was reported as a variant of Gavin Williamson's name in an article about
    Marianne Williamson's campaign."""
    named = {hit.person_id for hit in hits if hit.spelling != hit.surname_form}
    bare: dict[str, set[str]] = {}
    for hit in hits:
        if hit.spelling == hit.surname_form and hit.person_id not in named:
            bare.setdefault(hit.person_id, set()).add(hit.spelling)
    elsewhere = set()
    for person_id, forms in bare.items():
        person = table.people[person_id]
        if any(_another_given_name(preceding_word(text, m.start()), person)
               for form in forms for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text)):
            elsewhere.add(person_id)
    return elsewhere


NOT_GIVEN_NAMES_PATH = Path(__file__).resolve().parents[2] / "data" / "not_given_names.txt"


@lru_cache(maxsize=1)
def not_given_names() -> frozenset[str]:
    """Capitalised words that are no given name before a surname (audit/data/not_given_names.txt)."""
    lines = NOT_GIVEN_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _another_given_name(previous: str, person: Any) -> bool:
    """Whether the word before a surname is a given name other than the person's: a
    capitalised word, not a title (first_name_fits), not a calendar or function word."""
    return (len(previous) >= 2 and previous.isalpha() and previous not in not_given_names()
            and not first_name_fits(previous, person))


def fuzzy_spellings(text: str, table: OfficeTable, known: list[Spelling], fold_diacritics: bool,
                    max_edits: int | None) -> list[Spelling]:
    """Capitalised words one typo away from a surname the article already uses."""
    surnames: dict[str, str] = {}
    for s in known:
        person = table.people[s.person_id]
        for form in person.surname_forms:
            if len(form) >= MIN_FUZZY_LENGTH and " " not in form and form not in needs_first_name():
                surnames[fold(form)] = s.person_id
    if not surnames:
        return []
    taken = {(s.start, s.end) for s in known}
    spelled = table.folded_surnames
    found = []
    others: set[str] = set()  # words the article writes after another person's given name
    for m in _WORD.finditer(text):
        word = m.group()
        # the cheap tests first: most words are short or lower case, and folding each
        # (NFKD and a pass over its characters) was two fifths of the check
        if not word[0].isupper() or len(word) < MIN_FUZZY_LENGTH or m.span() in taken:
            continue
        folded = fold(word)
        if folded in spelled:
            continue
        edits = max_edits if max_edits is not None else (2 if len(word) >= LONG_SURNAME else 1)
        best = process.extractOne(folded, list(surnames), scorer=OSA.distance, score_cutoff=edits)
        if best is None or _inflection(folded, best[0]):
            continue
        person = table.people[surnames[best[0]]]
        previous = preceding_word(text, m.start())
        if not first_name_fits(previous, person):
            others.add(folded)
            continue
        if previous.casefold() in ARTICLES or _SIC.match(text, m.end()):
            continue
        found.append(Spelling(m.start(), m.end(), person.person_id, word, _key(word, fold_diacritics)))
    return [s for s in found if fold(s.form) not in others]


# Definite articles: a capitalised word after one is a noun or a place, not a person's
# surname ("grognard de la Hollandie", Le Devoir 2019: Hollande's years, not a typo of him).
ARTICLES = frozenset(["the", "la", "le", "les", "el", "los", "las", "il", "lo", "gli", "der", "die", "das",
                      "den", "dem", "het"])
# "[sic]" right after a word: the writer says the spelling is the source's ("«Micron [sic]
# Rothschild ...»", a tag quoted by Le Devoir 2019).
_SIC = re.compile(r"\s*[\[(]sic[\])]", re.IGNORECASE)


def _inflection(word: str, surname: str) -> bool:
    """'Putins', 'Zelenskyys': the surname plus an ending, not another spelling."""
    return word.startswith(surname) or surname.startswith(word)


@dataclass(frozen=True)
class Variants:
    """One person spelled several ways: the main spelling (most used, then first written),
    the first sighting of each other spelling, and how often each form was written."""

    person_id: str
    main: Spelling
    others: list[Spelling]
    counts: Counter[str]  # spelling key -> uses
    forms: dict[str, int]  # written form -> uses of its key


def spelled_several_ways(spellings: list[Spelling], preferred: frozenset[str] = frozenset()) -> Iterator[Variants]:
    """The people of `spellings` written in two or more ways, in order of first mention. The main
    spelling is the commonest; of two as common, one in `preferred` (the table's own spellings,
    not a near miss), then the first written: 'Rousseff' (1x) and 'Rouseff' (1x) reported the
    right spelling as the variant (Fake.Br; a second reader, thirty-fifth session)."""
    by_person: dict[str, list[Spelling]] = {}
    for s in sorted(spellings, key=lambda s: s.start):
        by_person.setdefault(s.person_id, []).append(s)
    for person_id, items in by_person.items():
        counts = Counter(s.key for s in items)
        if len(counts) < 2:
            continue
        main_key = max(counts, key=lambda k: (counts[k], k in preferred, -min(s.start for s in items if s.key == k)))
        main = next(s for s in items if s.key == main_key)
        others = [next(s for s in items if s.key == key) for key in counts if key != main_key]
        yield Variants(person_id, main, others, counts, {s.form: counts[s.key] for s in items})


def variant_findings(article: Article, spellings: list[Spelling], table: OfficeTable,
                     preferred: frozenset[str] = frozenset()) -> Iterator[Finding]:
    for v in spelled_several_ways(spellings, preferred):
        main, counts = v.main, v.counts
        for first in v.others:
            message = (f"'{first.form}' ({counts[first.key]}x) and '{main.form}' ({counts[main.key]}x) both "
                       f"name {table.people[v.person_id].name} in this article.")
            yield span_finding(article, CHECK, first.start, first.end, message, data={
                "person_id": v.person_id, "spelling": first.form, "main_spelling": main.form,
                "counts": v.forms})


@lru_cache(maxsize=1)
def given_name_groups() -> dict[str, int]:
    """Each given-name spelling to its variant group (office_given_names.tsv)."""
    groups: dict[str, int] = {}
    lines = GIVEN_NAMES_PATH.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            for spelling in line.split("\t"):
                groups[spelling.strip()] = number
    return groups


@lru_cache(maxsize=1)
def _given_name_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(given_name_groups(), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<given>{names})\s+(?:[A-Z]\.\s+)?"
                      r"(?P<surname>(?:(?:bin|ibn|abu|al|el)[\s-]+)?[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?)(?![\w-])")


@lru_cache(maxsize=1)
def _given_name_automaton() -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for name in given_name_groups():
        automaton.add_word(name, len(name))
    automaton.make_automaton()
    return automaton


def _given_name_matches(text: str) -> Iterator[re.Match[str]]:
    """What _given_name_pattern().finditer(text) gives, tried only where a given name
    starts (found in one automaton pass): the regex's 145-name alternation tried at every
    position of the text was 1 ms an article, most of the check."""
    pattern, reach = _given_name_pattern(), 0
    starts = sorted({end - n + 1 for end, n in _given_name_automaton().iter(text)})
    for start in starts:
        if start < reach:
            continue
        m = pattern.match(text, start)
        if m:
            reach = m.end()
            yield m


def given_name_spellings(text: str, fold_diacritics: bool) -> list[Spelling]:
    """Given names of one variant group before one surname: "Sergei Lavrov", "Sergey Lavrov".

    The spelling's person is the (group, folded surname) pair; its span is the given name.
    """
    groups = given_name_groups()
    found = []
    for m in _given_name_matches(text):
        person = f"given:{groups[m['given']]}:{fold(' '.join(m['surname'].split()))}"
        found.append(Spelling(m.start("given"), m.end("given"), person, m["given"],
                              _key(m["given"], fold_diacritics)))
    return found


def given_name_findings(article: Article, spellings: list[Spelling]) -> Iterator[Finding]:
    for v in spelled_several_ways(spellings):
        main, counts = v.main, v.counts
        match = _given_name_pattern().match(article.text, main.start)
        full = f"{main.form} {' '.join(match['surname'].split())}" if match else main.form
        for first in v.others:
            message = (f"Given name '{first.form}' ({counts[first.key]}x) and '{main.form}' ({counts[main.key]}x) "
                       f"both name {full} in this article (transliterations of one name).")
            yield span_finding(article, CHECK, first.start, first.end, message, data={
                "person_id": None, "spelling": first.form, "main_spelling": main.form,
                "counts": v.forms, "given_name": True})


def find_name_variants(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    table = load_table(params)
    fold_diacritics = bool(params.get("fold_diacritics", True))
    max_edits = params.get("max_edits")
    for article in articles:
        yield from given_name_findings(article, given_name_spellings(article.text, fold_diacritics))
        known = table_spellings(article.text, table, fold_diacritics)
        if not known:
            continue
        fuzzy = [] if article.language in NOUNS_CAPITALISED else fuzzy_spellings(
            article.text, table, known, fold_diacritics, None if max_edits is None else int(max_edits))
        yield from variant_findings(article, known + fuzzy, table, frozenset(s.key for s in known))
