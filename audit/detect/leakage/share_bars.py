"""A share bar: the buttons a page puts by a story to share it, run together into one span.

A flattened page runs its share buttons together into one span of names ("About sharing Email
Facebook Messenger Messenger Twitter Pinterest WhatsApp LinkedIn" on BBC pages, "858shares
Pinterest Facebook Twitter Mix Flipboard" on a blog). One name alone on its line is in the
phrase list ("Facebook", "Pinterest": boilerplate.line's share lines); run together inside the
story's stretch, no phrase held the span, and the body's navigation-like units are left be
(Zyte's flat pages, forty-fourth session: such bars among the missed chrome inside the body).
A span is a share bar when it names MIN_NETWORKS networks or more and the bar's words
(audit/data/share_names.tsv) are BAR_SHARE of its words or more, and it is no sentence: a
sentence that names networks holds other words ("Facebook, Twitter and YouTube removed the
accounts"), or, short, a conjunction or a closing full stop ("Facebook, Twitter and Pinterest
shares fell 3%.": a review of the rule's first form found it called a bar).
"""

from __future__ import annotations

import re
from functools import lru_cache

from audit.detect.leakage.chrome_lines import Line, data_rows

MIN_NETWORKS = 3
BAR_SHARE = 0.6
BAR_MAX_WORDS = 20
_TOKEN = re.compile(r"[^\W\d_][\w+'’-]*|\d+[^\W\d_]*")  # a word ("google+", "e-mail"), or a count ("858shares")
# a word in lower case, then a sentence's closing mark ("... shares fell."; not a button's "URLCopied!")
_SENTENCE_END = re.compile(r"(?<![^\W\d_])[^\W\d_]*[.!?]['\"”’)]*$")
CONJUNCTIONS = frozenset(["and", "or", "und", "oder", "et", "ou", "y", "o", "e", "ed"])


@lru_cache(maxsize=1)
def _names() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The networks' names, the buttons' one-word names, and the words of two-word ones."""
    networks, buttons, pairs = set(), set(), set()
    for row in data_rows("share_names.tsv"):
        kind, word = row.split("\t")
        (networks if kind == "network" else pairs if " " in word else buttons).add(word)
    return frozenset(networks), frozenset(buttons), frozenset(w for pair in pairs for w in pair.split())


def _may_name_networks(key: str) -> bool:
    """A screen, on the unit's lower-case key: a bar names one of the commonest networks. Asked of
    every short unit (half a corpus's units), the tokens' count took 5.6 us a unit, 2.2 s of CPU
    over 20,000 articles (bench_run, forty-fourth session); this, 0.5 us."""
    return ("facebook" in key or "twitter" in key or "whatsapp" in key or "pinterest" in key
            or "linkedin" in key or "telegram" in key or "reddit" in key)


def share_bar(line: Line) -> bool:
    """Whether a unit is a share bar (see the module's docstring)."""
    if line.words > BAR_MAX_WORDS or line.words < MIN_NETWORKS or not _may_name_networks(line.key):
        return False
    tokens = [t.lower() for t in _TOKEN.findall(line.text)]
    end = _SENTENCE_END.search(line.text.rstrip())
    if CONJUNCTIONS.intersection(tokens) or (end is not None and end.group().rstrip(".!?'\"”’)").islower()):
        return False
    networks, buttons, pair_words = _names()
    named = {t for t in tokens if t in networks}
    if len(named) < MIN_NETWORKS:
        return False
    bar = sum(1 for t in tokens if t in networks or t in buttons or t in pair_words or t[:1].isdigit())
    return bar >= BAR_SHARE * len(tokens)
