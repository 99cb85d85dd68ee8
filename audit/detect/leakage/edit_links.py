"""A wiki's edit link after a section heading: chrome inside a line that is content.

A MediaWiki page gives each section heading an edit link, and extraction keeps it on the
heading's line: "Career [ edit ]", "Personal life [ edit ]", "TV Shows[edit]" (the Wikipedia
pages of FakeNewsNet's GossipCop set, a DramaWiki page of the multilingual pages). The same
headings recur across a site's pages, so recurrence called the whole line chrome (37 findings
on GossipCop, docs/measurements/precf.md, precz.md). The heading's words are the page's
outline; the link is the wiki's chrome: boilerplate.line reports the link alone, on every
heading that has one, and leaves the heading's words be.
"""

from __future__ import annotations

import re

from audit.detect.leakage.chrome_lines import NAV_MAX_WORDS, Line

# The link closing a heading's line, after at least one word: "[ edit ]", "[edit]", "[edit source]".
_EDIT_LINK = re.compile(r"(?<=\w)[\s\"”’)]*(\[\s*edit(?:\s+source)?\s*\])\s*$", re.IGNORECASE)


def edit_link(line: Line) -> tuple[int, int] | None:
    """The span (in the article's text) of the edit link that ends a heading's line (at most
    NAV_MAX_WORDS words), if any."""
    if "dit" not in line.text or line.words > NAV_MAX_WORDS:
        return None  # most lines; a sentence is no heading
    m = _EDIT_LINK.search(line.text)
    return (line.start + m.start(1), line.start + m.end(1)) if m else None
