"""The overview: what a team reads first each morning, counted here and drawn as SVG.

Articles in, passed, failed, quarantined; findings by check and severity; the same by
publisher, source file, language and publication month; the checks that moved since
the previous run with each one's trend over the run history; unreadable records; the
suite's results; whether the Great Expectations Data Docs open offline.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

from audit.model import Finding, split_uri
from audit.report import svg
from audit.report.data import text_of

SEVERITIES = ("error", "warning", "info")
TOP_VALUES = 12  # rows per breakdown table; the list filters reach every value
FACETS = (("publisher", "Publisher"), ("file", "Source file"), ("language", "Language"),
          ("month", "Publication month"))


def overview(rows: list[dict[str, Any]], findings: Sequence[Finding], summary: dict[str, Any],
             outcomes: list[dict[str, Any]], unreadable: list[dict[str, Any]],
             history: list[dict[str, Any]], folder: Path) -> dict[str, Any]:
    """Everything the overview template shows."""
    return {
        "counts": _counts(rows, findings, summary),
        "checks": _by_check(findings, history, summary.get("counts", {}).get("not_checked_by_check", {})),
        "facets": _facets(rows, findings),
        "months": _month_chart(rows),
        "moves": _moves(summary, history),
        "outcomes": outcomes,
        "unreadable": unreadable,
        "data_docs": data_docs_note(folder / "data_docs"),
    }


def _counts(rows: list[dict[str, Any]], findings: Sequence[Finding],
            summary: dict[str, Any]) -> dict[str, Any]:
    failed_ids = {r["article_id"] for r in rows if r.get("status") == "fail"}
    errors_by_article: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.severity == "error":
            errors_by_article[f.article_id].append(f)
    from audit.detect.clean import cleanable  # the gate's rule: cleaned, not quarantined

    params = _suite_params(summary)
    quarantined = sum(1 for i in failed_ids if not cleanable(errors_by_article.get(i, []), params))
    return {"articles": len(rows), "passed": len(rows) - len(failed_ids), "failed": len(failed_ids),
            "quarantined": quarantined, "findings": len(findings),
            "by_severity": Counter(f.severity for f in findings)}


def _suite_params(summary: dict[str, Any]) -> dict[str, Any]:
    """Each check's suite params, read from the run's suite file if it is still there."""
    try:
        from audit.suite import load_suite

        suite = load_suite(summary["suite"]["path"])
    except Exception:  # a rebuilt report whose suite file moved: count every failure
        return {}
    return {check: rule.params for check, rule in suite.rules.items()}


def _by_check(findings: Sequence[Finding], history: list[dict[str, Any]],
              unjudged: Mapping[str, int] | None = None) -> list[dict[str, Any]]:
    """Each check's findings by severity and the articles it did not judge (`unjudged`, the
    summary's not_checked_by_check: another language, no date, a failure; a zero there is
    not a pass); checks found in earlier runs only, with zeros."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for run in history:
        for check in run.get("by_check", {}):
            counts.setdefault(check, Counter())
    unjudged = unjudged or {}
    for check in unjudged:
        counts.setdefault(check, Counter())
    articles: dict[str, set[str]] = defaultdict(set)
    for f in findings:
        counts[f.check][f.severity] += 1
        articles[f.check].add(f.article_id)
    top = max((sum(c.values()) for c in counts.values()), default=0)
    out = []
    for check, c in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        out.append({"check": check, "by_severity": c, "total": sum(c.values()),
                    "articles": len(articles[check]), "not_checked": unjudged.get(check, 0),
                    "bar": svg.bar([(c[s], f"s-{s}") for s in SEVERITIES], top)})
    return out


def _facet_values(rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Each article's value of each facet ('' for none)."""
    return {
        "publisher": [text_of(r.get("publisher")) for r in rows],
        "file": [split_uri(text_of(r.get("source_uri")))[0] for r in rows],
        "language": [text_of(r.get("language")) for r in rows],
        "month": [text_of(r.get("published"))[:7] for r in rows],
    }


def _facets(rows: list[dict[str, Any]], findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Per facet: the values with most articles, with failures and findings by severity;
    ties ordered by value. Articles and failures a value are counted by Counter (C); the
    findings by severity only over the rows that have some: a loop over every row and
    severity was 0.1 s of CPU at 20,000 articles, 0.5 s at 100,000, on the report's
    critical path."""
    by_severity: dict[str, Counter[str]] = {s: Counter() for s in SEVERITIES}
    for f in findings:
        if f.severity in by_severity:
            by_severity[f.severity][f.article_id] += 1
    found = set().union(*by_severity.values())
    ids = [r["article_id"] for r in rows]
    failed = [r.get("status") == "fail" for r in rows]
    # (row, errors, warnings, infos) of each row with a finding
    severe = [(n, *(by_severity[s].get(i, 0) for s in SEVERITIES)) for n, i in enumerate(ids) if i in found]
    out = []
    values_of = _facet_values(rows)
    for facet, title in FACETS:
        values = values_of[facet]
        failures = Counter(compress(values, failed))
        stats = {value: [articles, failures[value], 0, 0, 0]  # articles, failed, error, warning, info
                 for value, articles in Counter(values).items()}
        for n, *counts in severe:
            entry = stats[values[n]]
            for k, count in enumerate(counts, 2):
                entry[k] += count
        ordered = sorted(stats.items(), key=lambda kv: (-kv[1][0], kv[0]))
        top = ordered[0][1][0] if ordered else 0
        shown = []
        for value, (articles, failures_, *severities) in ordered[:TOP_VALUES]:
            shown.append({"value": value, "articles": articles, "failed": failures_,
                          "sev": dict(zip(SEVERITIES, severities)),
                          "bar": svg.bar([(articles - failures_, "s-pass"), (failures_, "s-fail")], top)})
        prefix = _common_folder([value for value, _ in ordered]) if facet == "file" else ""
        for value in shown:
            value["label"] = value["value"][len(prefix):]
        out.append({"facet": facet, "title": title, "rows": shown, "prefix": prefix,
                    "more": max(len(ordered) - TOP_VALUES, 0), "distinct": len(ordered)})
    return out


def _common_folder(paths: list[str]) -> str:
    """The folder all these paths share, with its trailing slash ('' if none)."""
    paths = [p for p in paths if p]
    if len(paths) < 2:
        return ""
    try:
        folder = os.path.commonpath(paths)
    except ValueError:  # absolute and relative paths mixed
        return ""
    return folder.rstrip("/") + "/" if folder and folder not in paths else ""


def _month_chart(rows: list[dict[str, Any]]) -> Any:
    months = Counter(text_of(r.get("published"))[:7] for r in rows)
    months.pop("", None)
    return svg.columns(sorted(months.items())[-60:])


def _moves(summary: dict[str, Any], history: list[dict[str, Any]]) -> dict[str, Any]:
    """Checks whose count changed since the previous run, and each check's trend."""
    runs = [h for h in history if h.get("run_id") != summary.get("run_id")]
    now = summary.get("counts", {}).get("by_check", {})
    runs.append({"run_id": summary.get("run_id"), "by_check": now})
    checks = sorted({c for r in runs for c in r["by_check"]})
    previous = summary.get("compared_to_previous") or None
    delta = (previous or {}).get("findings_delta_by_check") or {}
    if previous is None and len(runs) > 1:
        before = runs[-2]["by_check"]
        delta = {c: now.get(c, 0) - before.get(c, 0) for c in checks
                 if now.get(c, 0) != before.get(c, 0)}
    trends = []
    for check in checks:
        values = [int(r["by_check"].get(check, 0)) for r in runs]
        trends.append({"check": check, "now": values[-1], "delta": delta.get(check, 0),
                       "line": svg.trend(values)})
    trends.sort(key=lambda t: (-abs(t["delta"]), t["check"]))
    return {"runs": len(runs), "previous": previous, "by_check": {t["check"]: t for t in trends},
            "moved": [t for t in trends if t["delta"]]}


_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["'](https?:)?//([^/"']+)""", re.I)


def data_docs_note(folder: Path) -> dict[str, Any]:
    """Whether the Data Docs page exists, and the remote hosts it loads assets from."""
    index = folder / "index.html"
    if not index.is_file():
        return {"exists": False, "hosts": []}
    try:
        html = index.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {"exists": False, "hosts": []}
    hosts = sorted({m.group(2) for m in _REMOTE.finditer(html)})
    return {"exists": True, "hosts": hosts}

