"""A page's code left in the text: HTML tags and script, an embed's as often as the page's.

An extractor that keeps an embed's fallback markup, or a crawler that stores a field's HTML,
leaves tags in the body: an Instagram embed's `<blockquote class="instagram-media" ...>` and
its 6,000 characters of `<div style=...>` in a Times of India story (Webz.io's news set), a
YouTube `<iframe>` (FakeNewsNet), `<a href=...><img src=...>` after "Here's the video:" and a
comment form's "You may use these HTML tags" (Dragnet), a tweet's `<blockquote
class="twitter-tweet">` and Facebook's SDK loader `(function(d, s, id) { var js, ... }(document,
'script', 'facebook-jssdk'));` glued into the prose (ISOT's Fake.csv, 9 of 1,413 records).
None of it is the article's; the old checks saw only its repeated pieces (duplicate.repeated
on `div style=` runs) or nothing. boilerplate.line reports each run of it, inside a line of
prose as much as on a line of its own (edit_links does the same for a wiki's "[ edit ]").

Kept narrow, for precision: only HTML's element names are tags, and a run of them is code
when an element or attribute says so (`_as_code`); the article's own formatting left in
(`<i>`, a link around its words) is not reported, since its words are the article's. Script
counts from a function or loader opening to its balanced close.
"""

from __future__ import annotations

import re

# A tag: an HTML element's name right after "<" (or "&lt;"), attributes, up to its ">" ("&gt;");
# a closing tag. Only HTML's names: "<stdin>", "<year>", "<VAD ÄDELT ÄR DU ...>" (a motto in a
# catalogue) are a program's or a writer's angle brackets (real pages, twenty-third session).
_HTML_NAMES = ("a|abbr|acronym|article|aside|audio|b|big|blockquote|br|button|canvas|caption|center|cite|code"
               "|dd|del|details|div|dl|dt|em|embed|figcaption|figure|font|footer|form|g|h[1-6]|header|hr|i"
               "|iframe|img|input|ins|label|li|link|main|mark|meta|nav|noscript|object|ol|option|p|path"
               "|picture|pre|q|s|script|section|select|small|source|span|strike|strong|style|sub|summary"
               "|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|tr|tt|u|ul|video")
_TAG = re.compile(rf"(?:<|(&lt;))/?(?:{_HTML_NAMES})(?![\w.-])((?:\s[^<>]{{0,10000}}?)?)/?\s*(?:>|&gt;)", re.IGNORECASE)
# What makes a run of tags a page's code rather than the article's own formatting left in
# (`<i>loves</i>`, `<a href=...>as Factcheck pointed out</a>`: the words are the article's):
# an element that is never prose, an attribute that only a template or an embed writes, no
# words between the tags at all, or markup escaped into the text.
_EMBED_TAG = re.compile(r"(?:<|&lt;)/?(?:script|iframe|svg|style|img|video|audio|embed|object|noscript|source"
                        r"|picture|canvas|form|input|button|textarea|select|link|meta)\b", re.IGNORECASE)
_EMBED_ATTRIBUTE = re.compile(r"\s(?:style|class|id|data-[\w-]+|width|height|frameborder|src|async|charset)=",
                              re.IGNORECASE)
GAP_CHARS = 120  # text between two tags that still joins them in one run (an embed's caption) ...
GAP_WORDS = 12  # ... in this many words at most, and no sentence's end in it (_joins)
_SENTENCE_IN_GAP = re.compile(r"[.!?][\"”’)]*\s+[A-Z]")
# Script that starts a loader or a function: what runs from here to its balanced close is code.
_SCRIPT_OPEN = re.compile(r"\(\s*function\s*\([^()]{0,40}\)\s*\{|\bfunction\s*\([^()]{0,40}\)\s*\{"
                          r"|\b(?:window|document)\.\w+(?:\.\w+)*\s*(?:=|\()|\bgoogletag\.cmd\.push\(")
_SCRIPT_WORDS = ("function", "window.", "document.", "googletag")  # one of them in every opening
SCRIPT_MAX_CHARS = 8000


def markup_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of markup and script in text[start:end], in order, as (start, end)."""
    spans: list[tuple[int, int]] = []
    if text.find("<", start, end) >= 0 or text.find("&lt;", start, end) >= 0:
        spans.extend(_tag_runs(text, start, end))
    if any(text.find(word, start, end) >= 0 for word in _SCRIPT_WORDS):
        spans.extend(_scripts(text, start, end))
    return _merged(spans) if spans else spans


def _tag_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Tags a short caption apart at most (_joins), as runs; those that are a page's code (see _EMBED_TAG)."""
    runs: list[tuple[int, int]] = []
    tags: list[re.Match[str]] = []
    for m in _TAG.finditer(text, start, end):
        if tags and not _joins(text, tags[-1].end(), m.start()):
            runs.extend(_as_code(text, tags))
            tags = []
        tags.append(m)
    return runs + _as_code(text, tags) if tags else runs


def _joins(text: str, start: int, end: int) -> bool:
    """Whether the text between two tags leaves them one run: short and no sentence of prose
    (an embed's "View this post on Instagram", "A post shared by ..."). A paragraph between
    two images is the article's, and the images two runs: one run across them took the whole
    of a story with a picture after each paragraph."""
    if end - start > GAP_CHARS:
        return False
    gap = text[start:end]
    return len(gap.split()) <= GAP_WORDS and _SENTENCE_IN_GAP.search(gap) is None


def _as_code(text: str, tags: list[re.Match[str]]) -> list[tuple[int, int]]:
    """The run of `tags` as one span when it is a page's code (see _EMBED_TAG), else none."""
    start, end = tags[0].start(), tags[-1].end()
    embed = [m for m in tags if _EMBED_TAG.match(m.group(0))]
    code = (any(m.group(1) for m in tags)  # escaped
            or any(_EMBED_ATTRIBUTE.search(m.group(2)) for m in tags)
            or any("=" in m.group(2) for m in embed)  # <img src=...>, but a "<path>" placeholder is prose
            or (len(tags) > 1 and not any(ch.isalpha() for a, b in zip(tags, tags[1:])
                                          for ch in text[a.end():b.start()])))
    return [(start, end)] if code else []


def _scripts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Each script from its opening to its balanced close. An opening that never closes within
    SCRIPT_MAX_CHARS gives up there, and the search goes on from where it gave up: each
    character is read once (an opening every few characters of a minified script dump, 480 KB
    that never closed, took 10 s when each opening read its 8,000 characters again)."""
    out: list[tuple[int, int]] = []
    at = start
    while (m := _SCRIPT_OPEN.search(text, at, end)) is not None:
        if m.group().endswith("(") and text.startswith(")", m.end()):  # "document.write()の無効化":
            at = m.end()  # an API named in the prose (InfoQ's article on a browser mode), no call of a page's
            continue
        # "(function ... }(...));" closes with its outer bracket, "function (...) {" with its body
        body = m.end() - 1 if m.group().endswith("{") and not m.group().startswith("(") else m.start()
        close, stopped = _balanced_end(text, body, min(end, m.start() + SCRIPT_MAX_CHARS))
        if close is None:  # never closed within reach: no script we can bound
            at = max(m.end(), stopped)
            continue
        out.append((m.start(), close))
        at = close
    return out


def _balanced_end(text: str, start: int, limit: int) -> tuple[int | None, int]:
    """Where the statement opened at `start` ends: at a ";" outside every bracket, or where
    its brackets all close and no call, member or argument follows ("}(document, ...)" goes
    on; "}));" ends after the ";"); None when it does not end before `limit`. With where the
    reading stopped."""
    depth = 0
    for i in range(start, limit):
        c = text[i]
        if c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
            if depth < 0:
                return None, i
            if depth == 0:
                after = text[i + 1:i + 2]
                if after == ";":
                    return i + 2, i + 2
                if after not in ("(", ".", ",", ")"):
                    return i + 1, i + 1
        elif c == ";" and depth == 0:
            return i + 1, i + 1
    return None, limit


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones made one (a script inside a run of tags)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
