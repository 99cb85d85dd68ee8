"""Embedded tweets: what an article quotes, not its site's chrome.

An embedded tweet comes out of a page as its text (words, hashtags, a pic.twitter.com or t.co
link), then its signature "— Name (@handle)" and its date ("December 8, 2018"), on one line or
on several. Articles quoting one tweet repeat its words, and a site embeds the same accounts
again and again, so recurrence across a publisher's articles called them chrome: the signature
"— Donald J. Trump (@realDonaldTrump)" in 4 CNN pages of feryah/gilets_jaunes, a tweet's short
lines a menu ("More tear gas on the champs" / "#giletsjaunes" / "pic.twitter.com/…" / "— Saskya
Vandoorne (@SaskyaCNN)"), sentences of a quoted tweet in 3-8 partisan articles of ISOT 2017
(docs/measurements/precz.md, precision-2026-12-03c.md). The date line below a signature is the
embed's metadata and stays metadata.leak's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audit.detect.leakage.chrome_lines import Line

_HANDLE = r"\(@\w{1,15}\)"
_DATE = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
         r" \d{1,2}, \d{4}")
# A tweet's signature with its date, where extraction left it: "Name (@handle) June 29, 2017".
_TWEET_SIGNATURE = re.compile(_HANDLE + r"\s*" + _DATE)
# A unit that ends in a signature: "— Donald J. Trump (@realDonaldTrump)", maybe its date after it,
# maybe the tweet's text before it ("Too bad! — Name (@handle) May 1, 2018").
_SIGNATURE_END = re.compile(r"[—–]\s*[^\s—–][^\n—–]{0,60}?\s" + _HANDLE + r"(?:\s*" + _DATE + r")?\s*$")
TWEET_REACH = 400  # characters above a signature a tweet's text may take (280, its link, the name)
PICTURE_LINK = "pic.twitter.com/"  # a tweet's picture link: the unit holding it is the tweet's text


def quoted_tweet(text: str, end: int) -> bool:
    """Whether the line ending at `end` is inside an embedded tweet: a tweet's signature
    follows within TWEET_REACH characters (read only for the few lines that recur)."""
    return _TWEET_SIGNATURE.search(text, end, end + TWEET_REACH) is not None


def signature(line: Line) -> bool:
    """Whether a unit ends in a tweet's signature ("— Name (@handle)", its date maybe after)."""
    return "(@" in line.text and _SIGNATURE_END.search(line.text) is not None


def tweet_lines(lines: Sequence[Line]) -> set[int]:
    """The units of embedded tweets: a unit holding a picture link or a signature with its date,
    a unit ending in a signature, and the lines above that one within TWEET_REACH characters
    (its text, line by line), up to a line with a phrase-list hit ("Read More" above the embed)
    or another tweet's signature."""
    found: set[int] = set()
    for ln in lines:
        if "(@" not in ln.text and PICTURE_LINK not in ln.text:
            continue  # most lines
        if PICTURE_LINK in ln.text or _TWEET_SIGNATURE.search(ln.text):
            found.add(ln.index)
        if signature(ln):
            found.add(ln.index)
            found.update(_text_above(lines, ln))
    return found


def _text_above(lines: Sequence[Line], sign: Line) -> list[int]:
    above = []
    for ln in reversed(lines[:sign.index]):
        if ln.start < sign.start - TWEET_REACH or ln.hits or ln.marker is not None or signature(ln):
            break
        above.append(ln.index)
    return above
