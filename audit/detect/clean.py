"""The clean text, and what leaked metadata tells the table, once all findings are known.

Runs after detection (audit.pipeline calls `annotate`): every line that a chrome finding
(boilerplate.line, paywall.text, metadata.leak) covers is removed from `text` to give the
`clean_text` column; offsets in findings keep pointing into `text`. A byline found in the
body fills the `author` column, and a "Published: ..." stamp fills `published` when the
record had no date of its own. The gate can hand the clean text on instead of rejecting
an article when every reason against it is a check whose suite params say
`"gate_clean": true` (see `cleanable`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from audit.model import Article, Finding
from audit.normalise.plausible import DateBounds, implausible
from audit.suite import Suite

CHROME_CHECKS = frozenset({"boilerplate.line", "paywall.text", "metadata.leak"})


def clean_text(article: Article, findings: Iterable[Finding]) -> str:
    """`article.text` without the spans the chrome findings cover.

    A finding covers a whole line or a span inside running text (a "READ MORE: ..."
    teaser inside a one-paragraph article): the span is cut out, the spaces around it
    become one, a line left blank goes, and blank runs collapse. One pass over the text.
    """
    spans = sorted((f.start, f.end) for f in findings
                   if f.check in CHROME_CHECKS and f.start is not None and f.end is not None)
    if not spans:
        return article.text
    text = article.text
    pieces: list[str] = []
    offset = 0
    for start, end in spans:
        if end <= offset:
            continue
        pieces.append(text[offset:max(offset, start)])
        offset = max(offset, end)
    pieces.append(text[offset:])
    out: list[str] = []
    last = ""  # the last character written
    for i, piece in enumerate(pieces):
        piece = piece.lstrip(" \t") if i else piece  # a cut came before it
        piece = piece.rstrip(" \t") if i + 1 < len(pieces) else piece  # a cut comes after it
        if not piece:
            continue
        if i and last not in ("", "\n") and not piece.startswith("\n"):
            out.append(" ")  # "said. READ MORE: ... The" -> "said. The"
        out.append(piece)
        last = piece[-1]
    kept: list[str] = []
    for line in "".join(out).split("\n"):
        line = line if line.strip() else ""
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def annotate(articles: Sequence[Article], findings: Iterable[Finding],
             dates: DateBounds | None = None) -> set[str]:
    """Set `clean_text` and `author` in each article's extra columns; fill a missing date
    (from a "Published: ..." stamp, unless it is implausible within `dates`). Returns the
    ids of the articles so dated (their provenance.missing findings are to be made again:
    audit.detect.hygiene.provenance.after_stamps)."""
    dated: set[str] = set()
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.check in CHROME_CHECKS:
            by_article[finding.article_id].append(finding)
    for article in articles:
        mine = by_article.get(article.article_id)
        if mine is None:  # no chrome finding (most articles): the text as it is, no byline or stamp
            article.extra["clean_text"] = article.text if article.read_error is None else None
            if not article.extra.get("author"):
                article.extra["author"] = None
            continue
        article.extra["clean_text"] = clean_text(article, mine) if article.read_error is None else None
        leaks = [f.data for f in mine if f.check == "metadata.leak"]
        if not article.extra.get("author"):
            article.extra["author"] = next((d["author"] for d in leaks if d.get("author")), None)
        if article.published is None:
            stamp = next((d["published"] for d in leaks if d.get("published")), None)
            if stamp and (dates is None or implausible(date.fromisoformat(stamp), "dateline", dates) is None):
                article.published, article.published_from = date.fromisoformat(stamp), "dateline"
                dated.add(article.article_id)
    return dated


def _gate_clean(check: str, rule_params: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether the suite lets the gate clean this check's lines away (opt-in, exactly true)."""
    return check in CHROME_CHECKS and rule_params.get(check, {}).get("gate_clean") is True


def cleanable(findings: Iterable[Finding], rule_params: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether every error finding is of a check the suite lets the gate clean away.

    `rule_params` maps a check id to its suite params; a paywall block stays an error
    unless a suite explicitly says otherwise (the article is incomplete, not dirty).
    """
    errors = [f for f in findings if f.severity == "error"]
    return bool(errors) and all(_gate_clean(f.check, rule_params) for f in errors)


def hand_on_clean(record: dict[str, Any], article: Article, findings: Sequence[Finding],
                  suite: Suite) -> bool:
    """Put the clean text into a gate record when the suite says so; True if that saves it.

    A check opts in with `"gate_clean": true` in its suite params. The record's `text`
    becomes the clean text (`cleaned_of` names the checks) whenever such a check found
    something; the return value says whether every error against the article was of
    such a check, so the gate may accept the cleaned article instead of quarantining it.
    """
    params = {check: rule.params for check, rule in suite.rules.items()}
    opted = sorted({f.check for f in findings if _gate_clean(f.check, params)})
    if not opted or article.read_error is not None:
        return False
    record["text"] = article.extra.get("clean_text") or clean_text(article, findings)
    record["cleaned_of"] = opted
    return cleanable(findings, params)
