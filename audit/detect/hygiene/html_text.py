"""hygiene.markup: a record whose text is an HTML page, not the article's text.

A scraper that stores the page source in the text field, or an extraction that failed
and kept the input, gives a "text" of tags, scripts and menus: `<!DOCTYPE html><html
lang="en"><head><meta charset=...>`. The other checks then read markup as prose:
boilerplate.line reported 39 to 397 spans an article on five such records of the Zyte
benchmark's pages (their code runs, menus above and below), all at `warning`, so three of
the five passed the suite and a gate would have accepted them into a training set. This
check says it once, for the whole record, at `error`: extract the page's main text first
(corpus-audit reads `.html` files so, with trafilatura).

A page is told by what only a page holds, not by tags alone: an article may quote a tag or
keep an embed's code (boilerplate.line's `markup` signal reports those runs), but only a
page opens `<html>`, `<head>` or `<body>`, and a stored page opens with them. So: a
document tag (`<!DOCTYPE html>`, `<html`, `<head`, `<body`) with nothing but markup and space
before it (an XML declaration, a comment), in the text's first HEAD_CHARS characters, and
MIN_TAGS tags or more. A tutorial whose first sentence quotes `<!DOCTYPE html>`, a security
story opening on the payload `<body onload=alert(1)>` are articles (a helper's review).
Not the share of the text in tags: a Webz.io story with an Instagram embed's `<blockquote class="instagram-media" ...>` is half tags by
its characters, and it is an article (the 52,503 records of the 46 real corpora hold no
page, and that one record over a share of 0.3). A body kept as HTML (`<p>...</p>` around
each paragraph, no document tags) is not this check's either.

A page's other findings are dropped (`unread_pages`): the checks that read prose found 644
boilerplate spans and 243 repeated "sentences" in those five pages' markup. The page is
recorded as not checked by them, and its one error says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding, span_finding

CHECK = "hygiene.markup"
MIN_TAGS = 20  # tags a page holds at the least (a bare page: html, head, title, body, a few p and div)
# an HTML tag (a letter after "<" or "</", attributes, ">"), a comment, a doctype: what a page is made of
_TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*(?:\s[^<>]{0,2000})?/?|[!?][^<>]{0,2000})>")
# (a comment holding "<" or ">" is counted in parts: a count, not a parse; a comment scanned to
# its "-->" made 5 MB of unclosed "<!--" a 20 s scan)
SHOWN = 60  # characters of the first document tag shown (its span)
HEAD_CHARS = 1000  # where a stored page's document tag stands (after an XML declaration, a comment)
_DOCUMENT = re.compile(r"<(?:!DOCTYPE\s+html|html|head|body)(?=[\s>])", re.IGNORECASE)


def html_page(text: str) -> tuple[int, float, re.Match[str]] | None:
    """(tags, their share of the text's characters, the first document tag) when the text
    is an HTML page, else None. Most texts hold no "<": one scan in C says so."""
    if text.count("<") < MIN_TAGS or (document := _DOCUMENT.search(text, 0, HEAD_CHARS)) is None:
        return None
    if _TAG.sub("", text[:document.start()]).strip(" \t\r\n\ufeff"):
        return None  # words before it: an article that quotes a page's tag
    tags = _TAG.findall(text)
    return (len(tags), sum(map(len, tags)) / len(text), document) if len(tags) >= MIN_TAGS else None


def find_html_texts(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding for an article whose text is an HTML page; its span is its first document
    tag ("<!DOCTYPE html>", "<html lang="en">"), the evidence a reader opens the record at."""
    for article in articles:
        page = html_page(article.text or "")
        if page is None:
            continue
        tags, share, first = page
        close = article.text.find(">", first.start())
        shown = article.text[first.start():close + 1 if 0 <= close < first.start() + SHOWN else first.start() + SHOWN]
        yield span_finding(
            article, CHECK, first.start(), first.start() + len(shown),
            f"The text is an HTML page, not the article's text: {tags:,} tags, {share:.0%} of its characters "
            f"({shown!r} ...); extract its main text first (corpus-audit reads .html files with trafilatura). "
            "The checks that read prose did not judge it.")


def unread_pages(findings: list[Finding], prose: Sequence[str], not_checked: dict[str, list[str]]) -> list[Finding]:
    """The findings without those of the `prose` checks (the suite's checks of the detectors
    that read a text as an article's prose: `Detector.prose`) on the articles this check
    found to be pages; each such article is recorded as not checked by them, as one in a
    language a check does not read. On a stored page they read markup, scripts and menus:
    910 findings on the five Zyte pages beside their five errors (boilerplate.line 644,
    duplicate.repeated 243, ...), each a claim about prose that is not there. What still
    judges a page is what holds of the record itself: its provenance, its copies
    (duplicate.exact, .near), its characters (hygiene.encoding), its language. Run on the
    merged findings, after the detectors (workers, Spark or here alike): the checks still
    run on a page (rare), and the findings and the cache stay those of each check alone."""
    pages = dict.fromkeys(f.article_id for f in findings if f.check == CHECK)
    if not pages:
        return findings
    for article_id in pages:
        skipped = not_checked.setdefault(article_id, [])
        skipped.extend(c for c in prose if c not in skipped)
    unread = set(prose)
    return [f for f in findings if f.check not in unread or f.article_id not in pages]
