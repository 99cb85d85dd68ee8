"""Whether two copies' titles are unrelated: a hint for duplicate.exact's and .near's messages.

Equal or near-equal texts under titles that share no word are seldom one story syndicated
twice: a read of the findings on the 46 corpora (thirty-ninth session) found 10 of 22
duplicate.exact and .near findings to be Yahoo Finance records whose text is a stock-news
feed, not the story their title names; others were a site's slogan (Sina), a section's
description (Habertürk) or a test page. 637 of the 1,617 exact and near findings on those
corpora paired titles with no word in common. The finding stands (the texts are copies);
its message says what the titles suggest, so a reader looks for an extraction failure, not
syndication. A story sold under two headlines ("Italy 17-28 Ireland", "O'Driscoll saves
Irish blushes": BBC) reads the same way, hence the hedged words.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{2,}")
# Words every headline language reuses: shared, they say nothing of the story. Chinese portals
# open a title with its kind ("组图：" a photo set, "视频：" a video): Sina's photo sets whose
# text is the portal's slogan shared only that label (zh_news, 89 records; a read of session 40)
_FILLER = frozenset(["the", "an", "and", "or", "of", "to", "in", "on", "for", "with", "at", "by", "from", "is",
                     "are", "as", "its", "it", "this", "that", "new", "der", "die", "das", "und", "von", "mit",
                     "den", "le", "la", "les", "des", "et", "du", "de", "el", "los", "las", "en", "del", "il",
                     "di", "da", "do", "组图", "图集", "图文", "视频"])


def _words(title: str) -> set[str]:
    return {w for w in _WORD.findall(title.lower()) if w not in _FILLER}


def unrelated_titles(first: str | None, second: str | None) -> bool:
    """Whether both titles hold words and share none of them."""
    if not first or not second:
        return False
    a, b = _words(first), _words(second)
    return bool(a) and bool(b) and not (a & b)


def title_hint(first: str | None, second: str | None) -> str:
    """The words a message adds when the titles are unrelated, else ""."""
    if not unrelated_titles(first, second):
        return ""
    return (f" Their titles share no word ({_short(first)!r} / {_short(second)!r}): the same text under "
            f"unrelated titles is often a page's feed, template or error page that the scraper kept "
            f"instead of either story.")


def _short(title: str | None, limit: int = 60) -> str:
    text = " ".join((title or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
