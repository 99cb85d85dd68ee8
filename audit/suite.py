"""Suites: Great Expectations suite files that also carry our severities and thresholds.

A suite file is a GX 1.x ExpectationSuite as JSON. Each expectation that judges a
check says so in its `meta`: `{"check": "paywall.text", "severity": "error",
"params": {...}}` and reads the column `n_paywall_text` (the number of findings of
that check in the article). Suite-wide settings sit in `meta.corpus_audit`. So the
suite file is the one place where a team decides what runs, how severe it is and with
which thresholds; the code only holds defaults.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit.errors import UsageError

SEVERITIES = ("error", "warning", "info")
PACKAGE_ROOT = Path(__file__).resolve().parent


@dataclass(frozen=True, kw_only=True)
class CheckRule:
    """What the suite says about one check."""

    check: str
    severity: str
    params: dict[str, Any] = field(default_factory=dict)


def too_many_records(where: str, limit: int, total: int | None = None) -> UsageError:
    """The error of a run over the suite's max_records: `where` is the first record over
    it, or the inputs when their count (`total`) was known before any work."""
    said = f"{total:,} records, more than {limit:,}" if total is not None else f"more than {limit:,} records"
    return UsageError(f"{where}: {said} in one run, the suite's limit "
                      "(meta.corpus_audit.limits.max_records): split the input or raise it")


@dataclass(frozen=True, kw_only=True)
class Limits:
    """What one run takes in, set in the suite's `meta.corpus_audit.limits` (issue 11).

    Defaults keep a hostile input from taking the machine: a 50 MB article (one sentence
    repeated a million times) took 4.5 minutes and 1.4 GB unlimited.
    """

    # 200,000 characters is about 33,000 words, above the longest long-form features
    # (the 181 article-extraction-benchmark gold bodies: longest 53,372 characters).
    max_article_chars: int = 200_000
    # The run holds the table in memory: 100,000 articles took 1.8 GB (docs/measurements.md).
    max_records: int = 500_000

    @classmethod
    def from_settings(cls, settings: dict[str, Any], path: Path) -> Limits:
        given = settings.get("limits") or {}
        if not isinstance(given, dict):
            raise UsageError(f"{path}: meta.corpus_audit.limits must be an object")
        values: dict[str, int] = {}
        for name, value in given.items():
            if name not in cls.__dataclass_fields__:
                known = ", ".join(cls.__dataclass_fields__)
                raise UsageError(f"{path}: unknown limit {name!r} (limits: {known})")
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise UsageError(f"{path}: limit {name} must be a whole number above 0, not {value!r}")
            values[name] = value
        return cls(**values)


# Before the first dated news archives most corpora hold (the suite can lower it): a
# year 1 or 1066 is a scraper's null or a typo, not a publication date.
EARLIEST_YEAR = 1800


def earliest_year_of(settings: dict[str, Any], path: Path) -> int:
    """meta.corpus_audit.dates.earliest_year, checked (a whole number from 1)."""
    given = settings.get("dates") or {}
    if not isinstance(given, dict) or set(given) - {"earliest_year"}:
        raise UsageError(f"{path}: meta.corpus_audit.dates must be an object with only earliest_year")
    value = given.get("earliest_year", EARLIEST_YEAR)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(f"{path}: dates.earliest_year must be a whole number above 0, not {value!r}")
    return value


@dataclass(frozen=True, kw_only=True)
class Suite:
    name: str
    path: Path
    version: str
    sha256: str
    settings: dict[str, Any]  # meta.corpus_audit
    rules: dict[str, CheckRule]  # by check id
    document: dict[str, Any]  # the file's JSON, handed to GX as is
    limits: Limits = field(default_factory=Limits)
    # no publication date before this year is plausible (audit.normalise.plausible); set in
    # meta.corpus_audit.dates.earliest_year (an archive of older papers lowers it)
    earliest_year: int = EARLIEST_YEAR

    def params_for(self, checks: tuple[str, ...]) -> dict[str, Any]:
        """Suite-wide settings overlaid with the params of the given checks."""
        merged = dict(self.settings)
        for check in checks:
            if check in self.rules:
                merged.update(self.rules[check].params)
        return merged


def signal_column(check: str) -> str:
    """The table column holding the number of findings of `check` in each article."""
    return "n_" + check.replace(".", "_")


def find_suite_file(name_or_path: str) -> Path:
    """A path as given, else `expectations/<name>.json` here, else the suites the package
    ships (audit/expectations links to the repo's expectations/, and the wheel copies it)."""
    given = Path(name_or_path)
    if given.suffix == ".json" or given.exists():
        if not given.is_file():
            raise UsageError(f"{given}: suite file not found")
        return given
    for folder in (Path.cwd() / "expectations", PACKAGE_ROOT / "expectations"):
        candidate = folder / f"{name_or_path}.json"
        if candidate.is_file():
            return candidate
    raise UsageError(f"suite {name_or_path!r}: no expectations/{name_or_path}.json found")


def load_suite(name_or_path: str = "news") -> Suite:
    """Read and check a suite file; any fault is a UsageError naming the file."""
    path = find_suite_file(name_or_path)
    raw = path.read_bytes()
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: suite is not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(document, dict) or not isinstance(document.get("expectations"), list):
        raise UsageError(f"{path}: suite has no 'expectations' list")
    rules: dict[str, CheckRule] = {}
    for number, expectation in enumerate(document["expectations"], start=1):
        meta = expectation.get("meta") or {}
        if "check" not in meta:
            continue
        severity = meta.get("severity")
        if severity not in SEVERITIES:
            raise UsageError(
                f"{path}: expectation {number} ({meta['check']}): severity must be one of "
                f"{', '.join(SEVERITIES)}, not {severity!r}"
            )
        column = (expectation.get("kwargs") or {}).get("column")
        if column != signal_column(meta["check"]):
            raise UsageError(
                f"{path}: expectation {number} ({meta['check']}) must read column "
                f"{signal_column(meta['check'])!r}, not {column!r}"
            )
        rules[meta["check"]] = CheckRule(
            check=meta["check"], severity=severity, params=dict(meta.get("params") or {})
        )
    settings = dict((document.get("meta") or {}).get("corpus_audit") or {})
    return Suite(
        name=str(document.get("name") or path.stem),
        path=path,
        version=str(settings.get("version", "0")),
        sha256=hashlib.sha256(raw).hexdigest(),
        settings=settings,
        rules=rules,
        document=document,
        limits=Limits.from_settings(settings, path),
        earliest_year=earliest_year_of(settings, path),
    )
