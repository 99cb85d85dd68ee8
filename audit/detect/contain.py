"""Containment: a detector that raises on one article costs that article's check, not the run.

The mission says bad input gets one clear line naming the file and record, and nothing
is lost. So an error raised by a detector (or by normalising) on one article is caught
and recorded on the article (`Article.failed`: detector name -> "ExceptionType: message");
the article's findings from that detector are none, its checks are not checked (null
counts, never read as passed), nothing of it is cached (a rerun tries again), a problem
line goes to stderr and summary.json, and the gate quarantines the article. A
cross-article detector that raises gives no findings at all, and every article it was
to judge is not checked by it.

Per-article detectors run over batches: one call for the batch (one `try`, free when
nothing raises), and only when it raises, again article by article, so only the article
that raised loses its findings (a per-article detector's findings depend on the article
alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding

MAX_ERROR_CHARS = 300  # a problem line stays one readable line whatever the message


def describe_error(exc: BaseException) -> str:
    """`ExceptionType: message` on one line (a message's newlines and runs of spaces made
    one space), cut at MAX_ERROR_CHARS."""
    message = " ".join(str(exc).split())
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS - 1] + "…"


def find_contained(
    find: Callable[[Sequence[Article], Mapping[str, Any]], Iterable[Finding]],
    articles: Sequence[Article],
    params: Mapping[str, Any],
) -> tuple[list[Finding], dict[str, str]]:
    """A per-article detector's findings over `articles`, and the ones it raised on
    (article_id -> error). Findings come out article by article in input order either way."""
    try:
        return list(find(articles, params)), {}
    except Exception:  # which article raised is found next, one at a time
        pass
    findings: list[Finding] = []
    failed: dict[str, str] = {}
    for article in articles:
        try:
            findings.extend(find([article], params))
        except Exception as exc:  # contained: recorded, reported, not checked
            failed[article.article_id] = describe_error(exc)
    return findings, failed


def find_across(find: Callable[[Sequence[Article], Mapping[str, Any]], Iterable[Finding]],
                articles: Sequence[Article], params: Mapping[str, Any],
                columns: Sequence[str] = (),
                ) -> tuple[list[Finding], str | None]:
    """A cross-article detector's findings, or none and its error if it raises; the
    `columns` it sets (`extra`: cluster ids) are taken back, so none is half made. Only
    those are copied before it runs: a copy of every article's `extra` for each of six
    detectors was 0.1 s of a 20,000-article rerun. Only the values already there are kept
    (usually none): a list of each article's values was 0.05 s of duplicate.near's step
    on the critical path of a 100,000 rerun."""
    before = {column: [(i, a.extra[column]) for i, a in enumerate(articles) if column in a.extra]
              for column in columns}
    try:
        return list(find(articles, params)), None
    except Exception as exc:  # contained: the run goes on without this check
        for column, kept in before.items():
            for article in articles:
                article.extra.pop(column, None)
            for i, value in kept:
                articles[i].extra[column] = value
        return [], describe_error(exc)


def problem_line(article: Article, step: str, error: str) -> str:
    """The stderr / summary.json line for one article, worded as ingest's lines are
    (`<file>#record=N: <what>`): the file and record come first."""
    return f"{article.source_uri}: {step} failed on this article: {error}"


def whole_run_line(check: str, error: str) -> str:
    """The line for a cross-article check that raised: it ran on no article."""
    return f"{check} failed (a cross-article check: not run, every article not checked by it): {error}"
