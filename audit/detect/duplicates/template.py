"""Whether a passage that two articles of one site share is that site's page template.

duplicate.passage finds long runs of words two articles share. On real pages (prec20:
1,500 pages nobody here wrote), half of those it found between two articles of ONE site
were the site's page around the story, not a passage: sn.dk's comment policy ending two
of its stories, hindi.business-standard.com's nav bar above two and its footer of ads
below them. boilerplate.line's recurrence calls such a block chrome once site_chrome_docs
articles of the site carry it; two articles are too few for a count. What tells them
apart from a passage the site re-used (the BBC closed two election stories on the same
Kennedy quote): the template sits at the same edge of both pages, as far from it in each,
AND reads as chrome: it gives its own site's address (a comment policy naming sn.dk), a
copyright or policy line, a phrase of boilerplate.line's list (a newsletter sign-up), or it
is a run of short pieces between separators (a menu). A
re-used paragraph of the story is none of these, and stays a shared passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from audit.detect.leakage.spans import sentence_ends
from audit.model import Article, Finding, span_finding
from audit.normalise.text import merged_spans

Span = tuple[int, int]
PIECES = re.compile(r"\s*[|\n\u00a6\u2022\u00b7]+\s*")  # a menu's separators, and line breaks
SHORT_PIECE_WORDS = 3  # a menu's entries, a table's cells
MENU_SHARE = 0.5  # of the block's words in short pieces
MENU_PIECES = 6


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


def site_addresses(article: Article) -> set[str]:
    """The addresses a page may give of its own site: its host without "www." and its
    registered domain ("business-standard.com" of hindi.business-standard.com, "bbc.co.uk"),
    and the publisher when it is written as one. Not a bare name: "Reuters" opens every
    wire lead ("WASHINGTON (Reuters) - ..."), and "Time" is a word (a helper's review)."""
    found: set[str] = set()
    for value in (_host(article.url), article.publisher):
        value = (value or "").strip().casefold().removeprefix("www.")
        if not value or " " in value or "." not in value:
            continue
        labels = value.split(".")
        found.add(value)
        cut = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2  # bbc.co.uk
        if len(labels) > cut:
            found.add(".".join(labels[-cut:]))
    return found


def names_site(block: str, addresses: set[str]) -> bool:
    folded = block.casefold()
    return any(re.search(rf"(?<![\w-]){re.escape(address)}(?![\w-])", folded) for address in addresses)


CHROME_MARKS = re.compile(r"©|\bcopyright\b|all rights reserved|privacy policy|terms of (?:use|service)"
                          r"|\bcookies?\b", re.IGNORECASE)


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
    addresses = set().union(*(site_addresses(a) for a in (article, *(other for other, _, _ in sides))))
    return (names_site(block, addresses) or menu_shaped(block) or CHROME_MARKS.search(block) is not None
            or chrome_phrased(block))


# What boilerplate.line's phrase list says, in a line of the block, that a page's template says:
# a newsletter's sign-up ("Der BR24 Newsletter informiert Sie ... Hier geht's zur Anmeldung",
# ending two BR24 pages of fundus), a share, related-link or comments label, a cookie or
# consent notice, a Subscribe or support offer
TEMPLATE_KINDS = frozenset({"newsletter", "share", "related", "comments", "cookie", "consent", "footer",
                            "paywall-offer", "disclaimer"})


def chrome_phrased(block: str) -> bool:
    """Whether lines holding such a phrase make up half the block or more: two CNN columns
    opening on the author's bio, a disclaimer and her weekly series' own first paragraph
    (gilets_jaunes) share a phrase line, but most of the block is her text: a passage."""
    from audit.detect.leakage.spans import segment

    units = segment(block)  # lines, and a flat text's sentences: the chrome checks' own units
    phrased = sum(u.end - u.start for u in units
                  if any(h.kind in TEMPLATE_KINDS for h in (*u.hits, *([u.marker] if u.marker else []))))
    return phrased > 0 and 2 * phrased >= sum(u.end - u.start for u in units)


SNAP_CHARS = 40  # a template's run this near its line's start or end takes the whole line
_STOP = re.compile(r"[.!?][\"”’)]*(?:\s|\(?[A-Z][a-z])")  # a sentence's end, whatever follows it, or glued
SENTENCE_SNAP_CHARS = 120  # ... and, inside a long line, this near its sentence's start, the sentence


def line_snapped(text: str, span: Span) -> Span:
    """The span grown to its lines' ends when only a few characters of them are left out:
    the shared run starts after what differs between the pages ("02:45 PM", a byline's
    date before "| Advertisements") and stops before a last full stop, mid-line. In a long
    line (flat text) its start goes back to its sentence's when that is near: the run starts
    after the reporter's name that differs ("To contact the reporters on this story: Nabila
    Ahmed in New York at ...;[Jenny Surane ...]") or inside an update note ("(Updates to add
    futures prices [in fifth paragraph.)"): yahoo_flat's Bloomberg closes, 2 of a read's 8."""
    start, end = span
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if start - line_start <= SNAP_CHARS:
        start = line_start
    else:
        first = max(line_start, start - SENTENCE_SNAP_CHARS)
        openings = sentence_ends(text[first:start + 3])  # (+3: whether a sentence starts at `start`, "(Ad")
        near = [at for at in openings if at < start - first]
        # not past a sentence end the splitter did not count ("... a two-week low. --With assistance
        # from Masaki Kondo, [Adam Haigh ...": the credit, not the story's last sentence, is the start)
        if start - first not in openings and near and not _STOP.search(text, first + near[-1], start):
            start = first + near[-1]  # mid-sentence, its start near
    if line_end - end <= SNAP_CHARS:
        end = line_end
    return start, end


def template_finding(article: Article, span: Span, others: Sequence[str], total: int | None = None) -> Finding:
    """The template said as the chrome it is: boilerplate.line, naming the other articles
    (`others`, the first MAX_NAMED of `total`), over the whole lines it covers (line_snapped)."""
    start, end = line_snapped(article.text, span)
    where = "ends" if len(article.text) - end <= start else "opens"
    return span_finding(
        article, "boilerplate.line", start, end,
        f"A {len(article.text[start:end].split())}-word block that {where} {1 + (total or len(others))} articles of "
        f"{site_of(article)} in this run, at the same place in each (also in {', '.join(others[:3])}"
        f"{', ...' if len(others) > 3 else ''}): the site's page template, not article text.",
        data={"signal": "site_template", "also_in": list(others)},
    )


# Checks whose findings say a span is the page's, not the story's: a duplicate.passage finding
# they cover for half or more is that chrome shared, claimed twice. In a read of 15 passage
# findings on the 46 corpora (thirty-ninth session) 8 were a site's footer, bio, sidebar or
# menu; 196 of the 4,306 passages were so covered (AP's and Dow Jones' copyright notices,
# Earthtimes' menu, Benzinga's and Metro's footers, a CNN columnist's bio, a share button's
# script), none a story's text.
CHROME_CHECKS = ("boilerplate.line", "metadata.leak", "paywall.text")
# Checks whose findings claim a span that the chrome findings may claim already: a shared
# passage (above), and a foreign passage that is a site's chrome in another language (a German
# rating widget on an English page, an English subscription offer on an Indian one: 4 of the
# 162 language.mixed findings on the 46 corpora).
COVERED_CHECKS = ("duplicate.passage", "language.mixed")


def without_covered(findings: list[Finding], share: float = 0.5) -> list[Finding]:
    """The findings less those claiming text other findings claim already, for `share` or more
    of their span: a site_template finding inside boilerplate.line's own findings in its article
    (a helper's review: mc0789's footer inside the tail block already found), and a
    duplicate.passage or language.mixed finding inside the article's chrome findings
    (CHROME_CHECKS). The findings as they came when there is none of these (most runs)."""
    claims = [f for f in findings if f.start is not None and (
        f.check in COVERED_CHECKS or (f.check == "boilerplate.line" and f.data.get("signal") == "site_template"))]
    if not claims:
        return findings
    own: dict[str, list[Span]] = {}  # boilerplate.line's own findings: what a template is weighed against
    chrome: dict[str, list[Span]] = {}  # every chrome finding: what a passage is weighed against
    for f in findings:
        if f.check in CHROME_CHECKS and f.start is not None:
            span = (f.start, f.end or f.start)
            chrome.setdefault(f.article_id, []).append(span)
            if f.check == "boilerplate.line" and f.data.get("signal") != "site_template":
                own.setdefault(f.article_id, []).append(span)
    dropped = set()
    for claim in claims:
        against = chrome if claim.check in COVERED_CHECKS else own
        end = claim.end or claim.start
        covered = sum(max(0, min(stop, end) - max(begin, claim.start))
                      for begin, stop in merged_spans(against.get(claim.article_id, [])))
        if covered >= share * max(1, end - claim.start):
            dropped.add(id(claim))
    return [f for f in findings if id(f) not in dropped]
