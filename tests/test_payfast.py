"""The payfast screens answer as the code they spare (docs/measurements/payfast.md).

shifted._may_hold returns False at once for a text without "/": the four counts it skips
would have found no "/ " or "/\\n" (slashes 0 < 3). paywall._blocks returns no block at once
when no line may start one: its loop opens blocks only at lines `_may_start` names.
"""

from __future__ import annotations

from audit.detect.hygiene import shifted
from audit.detect.leakage import paywall
from audit.detect.leakage.spans import segment

# Funke's WAZ body shifted by one (as in shifted.py's docstring), and the same read back.
SHIFTED = "Ejf Gppe.Usvdlt tjoe xjfefs jo Xjuufo/ Tdipo tfju Xpdifo jtu ebt tp/ Voe ft xjse ovo nfis/ "
PLAIN = "Die Food-Trucks sind wieder in Witten. Schon seit Wochen ist das so. Und es wird nun mehr. "


def _old_may_hold(text: str) -> bool:
    slashes = text.count("/ ") + text.count("/\n")
    return slashes >= 3 and slashes > text.count(". ") + text.count(".\n")


def test_may_hold_as_before() -> None:
    texts = [SHIFTED * 3, PLAIN * 3, SHIFTED + PLAIN, "a/ b/ c/ d", "a/\nb/\nc/\n", "no slash here. ",
             "http://x.org/a/b/c", "", "/ / /", ". / / /"]
    assert shifted._may_hold(SHIFTED * 3)  # the screen lets shifted text through
    assert not shifted._may_hold(PLAIN * 3)
    for text in texts:
        assert shifted._may_hold(text) == _old_may_hold(text), text
    assert shifted.shifted_runs(SHIFTED * 3) != []


def test_blocks_without_start() -> None:
    """A paywall text still gives its block; a text with no trigger gives none, as the loop would."""
    cut = segment("The council met on Monday. Subscribe to continue reading. Already a subscriber? Sign in.")
    assert paywall._may_start(cut)
    assert [b.cut for b in paywall._blocks(cut)] == [True]
    plain = segment(PLAIN)
    assert not paywall._may_start(plain)
    assert paywall._blocks(plain) == ()
