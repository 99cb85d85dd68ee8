"""Literal prefilters for the rule alternations: skip a regex scan that cannot match.

A Python regex scans every character of a text; `str.__contains__` finds a fixed string
hundreds of times faster. Each rule of a kinded alternation (`chrome_lines.kinded_alternation`)
holds fixed strings every match of it contains ("Published", "Photo", "min" and "read");
read from the compiled pattern's parse tree, they say when a text cannot hold any match,
and the scan is skipped: the same matches, found only where they can be.

The reading is conservative: a rule where no fixed string is certain (a character class,
a repeat that may be empty, a lookaround) gives no prefilter at all, so `may_match`
is never False for a text the pattern matches in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

try:  # the stdlib's regex parser (sre_parse; re._parser since Python 3.11)
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons
    import sre_parse  # type: ignore[no-redef]

_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
# Characters that the engine's IGNORECASE matches to an ASCII letter but str.lower() does not
# turn into it ("ı", "ſ"; "İ" lowers to two characters): a text holding one is always scanned.
_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")

Clauses = list[frozenset[str]]  # every clause must hold: one of its strings is in the text


@dataclass(frozen=True)
class Prefilter:
    """For each alternative of a pattern, the clauses any match of it satisfies."""

    alternatives: tuple[tuple[frozenset[str], ...], ...]
    ignorecase: bool

    def may_match(self, text: str) -> bool:
        """False only when no alternative's fixed strings are all in the text (the first
        alternative that may match ends the test)."""
        if self.ignorecase:
            if any(c in text for c in _FOLD_EXCEPTIONS):
                return True
            text = text.lower()
        return any(_holds(alternative, text) for alternative in self.alternatives)

    def longest_first(self) -> Prefilter:
        """The same prefilter with each alternative's clauses asked longest first: a clause
        of long words ("subscribers") fails sooner than one of short ones ("the", "our")."""
        return Prefilter(tuple(tuple(sorted(alternative, key=lambda clause: -min(map(len, clause))))
                               for alternative in self.alternatives), self.ignorecase)

    def narrow(self, text: str) -> Prefilter | None:
        """The alternatives that may match in the text, None when none may: a part of the
        text (a line of it) needs only be asked about these."""
        if self.ignorecase:
            if any(c in text for c in _FOLD_EXCEPTIONS):
                return self
            text = text.lower()
        kept = tuple(alternative for alternative in self.alternatives if _holds(alternative, text))
        if not kept:
            return None
        return self if len(kept) == len(self.alternatives) else Prefilter(kept, self.ignorecase)


def _holds(clauses: tuple[frozenset[str], ...], text: str) -> bool:
    """Whether every clause has one of its strings in the text."""
    for clause in clauses:
        for fixed in clause:
            if fixed in text:
                break
        else:
            return False
    return True


def prefilter(pattern: re.Pattern[str]) -> Prefilter | None:
    """The literal prefilter of a compiled pattern, or None when some alternative has no
    certain fixed string (then every text must be scanned)."""
    ignorecase = bool(pattern.flags & re.IGNORECASE)
    try:
        tree = list(sre_parse.parse(pattern.pattern, pattern.flags))
        branches = [tree]
        if len(tree) == 1 and _name(tree[0][0]) == "BRANCH":
            branches = tree[0][1][1]
        alternatives = [tuple(_clauses(branch, ignorecase)) for branch in branches]
    except Exception:  # a parser of another shape: no prefilter, never a wrong one
        return None
    if not all(alternatives):
        return None
    return Prefilter(tuple(alternatives), ignorecase)


def _name(op: Any) -> str:
    return str(op)


def _clauses(items: Sequence[tuple[Any, Any]], ignorecase: bool) -> Clauses:
    """Clauses a match of this sequence satisfies (empty: none known)."""
    clauses: Clauses = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            clauses.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        name = _name(op)
        if name == "LITERAL" and (not ignorecase or av < 128):
            run.append(chr(av).lower() if ignorecase else chr(av))
            continue
        close_run()
        if name == "SUBPATTERN":
            _group, add_flags, _del_flags, sub = av
            if not ignorecase and add_flags & re.IGNORECASE:
                continue  # (?i:...) inside a case-sensitive pattern: nothing certain
            clauses += _clauses(sub, ignorecase)
        elif name == "ATOMIC_GROUP":
            clauses += _clauses(av, ignorecase)
        elif name in _REPEATS and av[0] >= 1:
            clauses += _clauses(av[2], ignorecase)
        elif name == "BRANCH":
            clauses += _either(_clauses(alt, ignorecase) for alt in av[1])
    close_run()
    return clauses


def _either(alternatives: Iterable[Clauses]) -> Clauses:
    """Clauses a match of any one of the alternatives satisfies: the k-th joins each
    alternative's k-th clause (its last when it has fewer), longest strings first
    ("Last [Uu]pdated" gives "pdated" and "Last ": both hold for "Last updated")."""
    ranked = [sorted(clauses, key=lambda c: -min(map(len, c))) for clauses in alternatives]
    if not ranked or not all(ranked):
        return []
    return [frozenset().union(*(c[min(k, len(c) - 1)] for c in ranked)) for k in range(max(map(len, ranked)))]
