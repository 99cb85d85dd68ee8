"""Whether a passage that two articles of one site share is that site's page template.

duplicate.passage finds long runs of words two articles share. On real pages (prec20:
1,500 pages nobody here wrote), half of those it found between two articles of ONE site
were the site's page around the story, not a passage: sn.dk's comment policy ending two
of its stories, hindi.business-standard.com's nav bar above two and its footer of ads
below them. boilerplate.line's recurrence calls such a block chrome once site_chrome_docs
articles of the site carry it; two articles are too few for a count. What tells them
apart from a passage the site re-used (the BBC closed two election stories on the same
Kennedy quote): the template sits at the same edge of both pages, as far from it in each,
AND reads as chrome: it names its own site (a policy, a copyright line), or it is a run
of short pieces between separators (a menu). A re-used paragraph of the story is
neither, and stays a shared passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from audit.model import Article, Finding, span_finding

Span = tuple[int, int]
PIECES = re.compile(r"\s*[|\n\u00a6\u2022\u00b7]+\s*")  # a menu's separators, and line breaks
SHORT_PIECE_WORDS = 3  # a menu's entries, a table's cells
MENU_SHARE = 0.5  # of the block's words in short pieces
MENU_PIECES = 6
MIN_NAME = 4  # a site's name this short ("bt", "sn") is matched as its whole host only


def site_of(article: Article) -> str | None:
    """The article's site: its publisher, else its URL's host; None when neither is known
    (a folder would make one site of a whole JSONL file of many sites)."""
    if article.publisher and article.publisher.strip():
        return article.publisher.strip().lower()
    host = _host(article.url)
    return host.removeprefix("www.") if host else None


def _host(url: str | None) -> str | None:
    try:
        return urlsplit(url).hostname if url else None
    except ValueError:  # "http://[::1": no host to trust
        return None


def site_names(article: Article) -> set[str]:
    """How a page may name its own site: its publisher, its host without "www.", and the
    host's name ("business-standard", "business standard" of hindi.business-standard.com)."""
    names: set[str] = set()
    for value in (article.publisher, _host(article.url)):
        value = (value or "").strip().casefold()
        if not value:
            continue
        if len(value) >= MIN_NAME or "." in value:
            names.add(value.removeprefix("www."))
        labels = value.split(".")
        if " " not in value and len(labels) >= 2 and len(labels[-2]) >= MIN_NAME:
            names.update({labels[-2], labels[-2].replace("-", " ")})
    return names


def names_site(block: str, names: set[str]) -> bool:
    folded = block.casefold()
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded) for name in names)


def menu_shaped(block: str) -> bool:
    """Most of the block's words in pieces of a few words between separators: a menu, a
    row of links or table cells, not sentences."""
    pieces = [len(p.split()) for p in PIECES.split(block) if p.strip()]
    words = sum(pieces)
    return (len(pieces) >= MENU_PIECES and words > 0
            and sum(n for n in pieces if n <= SHORT_PIECE_WORDS) >= MENU_SHARE * words)


def at_same_edge(here: Span, size: int, there: Span, other_size: int, edge: int, slack: int) -> bool:
    """Whether the span sits near the same edge of both texts (within `edge` characters),
    as far from it in each (give or take `slack`)."""
    head = max(here[0], there[0]) <= edge and abs(here[0] - there[0]) <= slack
    after, after_there = size - here[1], other_size - there[1]
    return head or (max(after, after_there) <= edge and abs(after - after_there) <= slack)


def is_template(article: Article, sides: Sequence[tuple[Article, Span, Span]], edge: int, slack: int) -> bool:
    """Whether the passage of `article` that each of `sides` (the other article, the span
    here, the span there) shares is the site's template (see the module's docstring)."""
    site = site_of(article)
    if site is None or not sides or any(site_of(other) != site for other, _, _ in sides):
        return False
    size = len(article.text)
    if not all(at_same_edge(here, size, there, len(other.text), edge, slack) for other, here, there in sides):
        return False
    block = article.text[min(h[0] for _, h, _ in sides):max(h[1] for _, h, _ in sides)]
    names = set().union(*(site_names(a) for a in (article, *(other for other, _, _ in sides))))
    return names_site(block, names) or menu_shaped(block)


SNAP_CHARS = 40  # a template's run this near its line's start or end takes the whole line


def line_snapped(text: str, span: Span) -> Span:
    """The span grown to its lines' ends when only a few characters of them are left out:
    the shared run starts after what differs between the pages ("02:45 PM", a byline's
    date before "| Advertisements") and stops before a last full stop, mid-line."""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if start - line_start <= SNAP_CHARS:
        start = line_start
    if line_end - end <= SNAP_CHARS:
        end = line_end
    return start, end


def template_finding(article: Article, span: Span, others: Sequence[str]) -> Finding:
    """The template said as the chrome it is: boilerplate.line, naming the other articles,
    over the whole lines it covers (line_snapped)."""
    start, end = line_snapped(article.text, span)
    where = "ends" if len(article.text) - end <= start else "opens"
    return span_finding(
        article, "boilerplate.line", start, end,
        f"A {len(article.text[start:end].split())}-word block that {where} {1 + len(others)} articles of "
        f"{site_of(article)} in this run, at the same place in each (also in {', '.join(others[:3])}"
        f"{', ...' if len(others) > 3 else ''}): the site's page template, not article text.",
        data={"signal": "site_template", "also_in": list(others)},
    )
