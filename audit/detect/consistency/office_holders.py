"""The office-holders table and the people it names, shared by the consistency checks.

`audit/data/office_holders.csv` says who held which office when (sources and review
notes in office_holders.md); `office_titles.json` says how titles and countries are
written. Users add or correct rows with `params["office_holders_extra"]`: a path (or a
list of paths) to CSV files with the same columns, read after the shipped table; a
row with the same person_id, office, country and start replaces the shipped one.

Names are found with one Aho-Corasick automaton over every spelling of every person
(STYLE.md habit 7), case-sensitive because names are capitalised ("May" vs "may").
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from audit.errors import UsageError
from audit.normalise.text import strip_accents

DATA = Path(__file__).resolve().parents[2] / "data"
TABLE_PATH = DATA / "office_holders.csv"
TITLES_PATH = DATA / "office_titles.json"
# Words that may sit between a first name and a surname, or before a name, without
# making it another person ("President Joe Biden", "Mr. Putin").
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Dame", "Madam", "General"})


@dataclass(frozen=True)
class Term:
    """One person in one office, from `start` until `end` (exclusive; None = in office)."""

    person_id: str
    office: str
    country: str
    start: date
    end: date | None
    source: str
    note: str = ""

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass
class Person:
    person_id: str
    name: str
    surname_forms: set[str] = field(default_factory=set)  # spellings of the surname alone
    first_names: set[str] = field(default_factory=set)
    spellings: set[str] = field(default_factory=set)  # every key of the automaton for them
    terms: list[Term] = field(default_factory=list)


@dataclass(frozen=True)
class NameHit:
    """A spelling of a table person found in a text."""

    start: int
    end: int
    person_id: str
    spelling: str
    surname_form: str | None  # the surname spelling inside it, None for a bare short form


NAMES_MEMO = 1024  # texts: more than a batch (audit.detect.workers.BATCH_SIZE, 200)


@dataclass
class OfficeTable:
    people: dict[str, Person]
    terms_by_office: dict[tuple[str, str], list[Term]]
    automaton: Any
    titles: dict[str, Any]
    # answers of pure functions of a text and this table for the last texts, by kind
    # (`remembered`): several detectors ask for each article's names (titles,
    # name_variants, contradiction's share) and title mentions (titles, contradiction's
    # share) a batch apart; the answers are tuples of frozen values
    _memos: dict[str, dict[str, tuple[Any, ...]]] = field(default_factory=dict, repr=False, compare=False)

    def holder_on(self, office: str, country: str, day: date) -> Term | None:
        """Who held the office on that day, per the table (None: vacant or not covered)."""
        return next((t for t in self.terms_by_office.get((office, country), []) if t.holds(day)), None)

    @cached_property
    def folded_surnames(self) -> frozenset[str]:
        """Every surname spelling of every person, folded: such a word is never a typo."""
        return frozenset(fold(f) for p in self.people.values() for f in p.surname_forms)

    def covers(self, office: str, country: str) -> bool:
        return (office, country) in self.terms_by_office

    def covered_from(self, office: str, country: str) -> date | None:
        """The first day the table knows the office's holders (its first row's start).

        Coverage starts per office, not in one year (US president 1993, India's president
        2012: office_holders.md): before it the table cannot say who held the office, so
        "U.S. President George Bush said" in 1990 is not George W. Bush's anachronism.
        """
        terms = self.terms_by_office.get((office, country))
        return terms[0].start if terms else None

    @cached_property
    def first_covered(self) -> date | None:
        """The earliest day any office is covered: an article before it cannot be judged."""
        return min((terms[0].start for terms in self.terms_by_office.values() if terms), default=None)

    def knows_holders(self, terms: Iterable[Term], day: date) -> bool:
        """Whether the table covers every office of these terms on `day`."""
        return all((start := self.covered_from(t.office, t.country)) is not None and start <= day
                   for t in terms)

    def terms_of(self, person_id: str, offices: Iterable[str], country: str | None = None) -> list[Term]:
        wanted = set(offices)
        return [t for t in self.people[person_id].terms
                if t.office in wanted and (country is None or t.country == country)]

    def find_names(self, text: str) -> tuple[NameHit, ...]:
        """Every table spelling in the text on word boundaries, longest first at a place."""
        return self.remembered("names", text, self._find_names)

    def remembered(self, kind: str, text: str, make: Callable[[str], Iterable[Any]]) -> tuple[Any, ...]:
        """tuple(make(text)), kept for the last NAMES_MEMO texts of this kind: `make` must be
        a pure function of the text and this table giving frozen values."""
        memo = self._memos.setdefault(kind, {})
        known = memo.get(text)
        if known is None:
            if len(memo) >= NAMES_MEMO:
                memo.clear()
            known = memo[text] = tuple(make(text))
        return known

    def _find_names(self, text: str) -> list[NameHit]:
        hits: list[NameHit] = []
        taken_until = -1
        for start, end, spelling, owners in sorted(_raw_hits(self.automaton, text),
                                                   key=lambda h: (h[0], -h[1])):
            if start < taken_until or not _bounded(text, start, end):
                continue
            owner = _pick_owner(text, start, owners, self.people)
            if owner is None or (spelling in needs_first_name() and not _introduced(text, start)):
                continue
            person = self.people[owner]
            form = _surname_in(spelling, person.surname_forms)
            hits.append(NameHit(start, end, owner, spelling, form))
            taken_until = end
        return hits


def _raw_hits(automaton: Any, text: str) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
    if len(automaton) == 0:
        return
    for last, (spelling, owners) in automaton.iter(text):
        yield last - len(spelling) + 1, last + 1, spelling, owners


def _bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-")


def _pick_owner(text: str, start: int, owners: tuple[str, ...], people: dict[str, Person]) -> str | None:
    """The person a spelling names here; None when a first name says it is someone else.

    "Hunter Biden" is not Joe Biden: a capitalised word right before a surname that is
    neither one of the person's first names nor a title or honorific is a different
    first name. Several owners (two Ivanovs) are told apart by that first name too.
    """
    previous = preceding_word(text, start)
    plausible = [p for p in owners if first_name_fits(previous, people[p])]
    if len(plausible) == 1:
        return plausible[0]
    named = [p for p in plausible if previous in people[p].first_names]
    return named[0] if len(named) == 1 else None


def _introduced(text: str, start: int) -> bool:
    """A common-word surname ("May", "Brown") counts only after a title or honorific."""
    previous = preceding_word(text, start)
    return _is_title_word(previous)


def _is_title_word(word: str) -> bool:
    """'Mr.', 'President', 'President-elect', 'then-Chancellor': not a first name."""
    return word.rstrip(".") in HONORIFICS or any(p in title_words() for p in word.lower().split("-"))


def first_name_fits(previous: str, person: Person) -> bool:
    return (not previous or not previous[0].isupper() or previous in person.first_names
            or _is_title_word(previous))


def preceding_word(text: str, start: int) -> str:
    """The word right before `start` on the same line ('' after punctuation or a line start)."""
    head = text[max(0, start - 40):start]
    words = head.split()
    if not head or head[-1] not in " \u00a0" or not words:
        return ""
    word = words[-1]
    if word[-1] in ",;:“”\"'()" or (word.endswith(".") and word[:-1] not in HONORIFICS):
        return ""
    return word.lstrip("“\"'(")


def _surname_in(spelling: str, forms: set[str]) -> str | None:
    found = [f for f in forms if f == spelling or spelling.endswith(" " + f) or (" " + f + " ") in spelling]
    return max(found, key=len) if found else None


def fold(text: str) -> str:
    """Casefold and strip diacritics: 'Erdoğan' and 'Erdogan' compare equal."""
    return strip_accents(text.casefold().replace("ı", "i"))


@lru_cache(maxsize=1)
def load_titles() -> dict[str, Any]:
    return json.loads(TITLES_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    titles = load_titles()
    words = {w for phrase in titles["titles"] for w in phrase.split()}
    words |= {w.lower() for names in titles["countries"].values() for n in names for w in n.split()}
    return frozenset(words | set(titles["modifiers"]))


@lru_cache(maxsize=1)
def needs_first_name() -> frozenset[str]:
    return frozenset(load_titles()["surnames_needing_first_name"])


def _read_rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#") and line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: office holders table cannot be read ({exc})") from None
    yield from csv.DictReader(lines)


_REQUIRED = ("person_id", "name", "surname", "office", "country", "start")


def _check_row(path: Path, number: int, row: Mapping[str, str | None]) -> None:
    """A user's extra table is input: a bad row stops the run with its file and row."""
    missing = [c for c in _REQUIRED if not (row.get(c) or "").strip()]
    faults = [f"missing {', '.join(missing)}"] if missing else []
    for column in ("start", "end"):
        try:
            if row.get(column):
                date.fromisoformat(str(row[column]))
        except ValueError:
            faults.append(f"{column} is not an ISO date")
    if faults:
        raise UsageError(f"{path}: office holders row {number}: {'; '.join(faults)}")


def _extra_paths(params: Mapping[str, Any]) -> tuple[str, ...]:
    extra = params.get("office_holders_extra") or ()
    return (extra,) if isinstance(extra, str) else tuple(str(p) for p in extra)


def load_table(params: Mapping[str, Any] | None = None) -> OfficeTable:
    """The shipped table plus the user's extra rows (params["office_holders_extra"]).

    Cached per process, keyed also by the extra files' size and time of change, so a
    scheduler process that runs many audits sees a user's edited rows.
    """
    extra = _extra_paths(params or {})
    return _load_table(extra, tuple(_stamp(path) for path in extra))


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None  # _read_rows reports the missing file
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _load_table(extra: tuple[str, ...], stamps: tuple[tuple[int, int] | None, ...]) -> OfficeTable:
    rows: dict[tuple[str, str, str, str], dict[str, str]] = {}
    for path in (TABLE_PATH, *map(Path, extra)):
        for number, row in enumerate(_read_rows(path), start=1):
            _check_row(path, number, row)
            rows[(row["person_id"], row["office"], row["country"], row["start"])] = row
    people: dict[str, Person] = {}
    by_office: dict[tuple[str, str], list[Term]] = {}
    for row in rows.values():
        person = people.setdefault(row["person_id"], Person(row["person_id"], row["name"]))
        _add_spellings(person, row)
        term = Term(row["person_id"], row["office"], row["country"], date.fromisoformat(row["start"]),
                    date.fromisoformat(row["end"]) if row.get("end") else None,
                    row.get("source", ""), row.get("note") or "")
        person.terms.append(term)
        by_office.setdefault((term.office, term.country), []).append(term)
    for terms in by_office.values():
        terms.sort(key=lambda t: t.start)
    return OfficeTable(people, by_office, _build_automaton(people), load_titles())


def _add_spellings(person: Person, row: Mapping[str, str]) -> None:
    surname = row["surname"].strip()
    variants = [v.strip() for v in (row.get("variants") or "").split("|") if v.strip()]
    width = len(surname.split())
    person.surname_forms |= {surname} | {v for v in variants if len(v.split()) == width}
    for full in (row["name"], *[v for v in variants if len(v.split()) > width]):
        tokens = full.split()
        person.first_names |= {t for t in tokens[: len(tokens) - width]}
    person.spellings |= {row["name"], surname, *variants}
    person.spellings |= {f"{first} {form}" for first in person.first_names for form in person.surname_forms
                         if first[0].isupper()}


def _build_automaton(people: Mapping[str, Person]) -> Any:
    owners: dict[str, list[str]] = {}
    for person in people.values():
        for spelling in person.spellings:
            owners.setdefault(spelling, []).append(person.person_id)
    automaton = ahocorasick.Automaton()
    for spelling, ids in owners.items():
        automaton.add_word(spelling, (spelling, tuple(sorted(set(ids)))))
    if len(automaton):
        automaton.make_automaton()
    return automaton
