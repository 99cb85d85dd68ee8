"""A flattened page's share buttons run together into one span (audit.detect.leakage.share_bars):
chrome inside the story's stretch, where a navigation-like unit is otherwise left be. The bars
are from the Zyte benchmark's pages (BBC, a blog, Sputnik); the story around them is made up."""

from __future__ import annotations

import pytest
from test_boilerplate_precision import LUMINAR, LUMINAR_LEAD, article

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.chrome_lines import make_line
from audit.detect.leakage.share_bars import share_bar

# each as the page runs it in: BBC's after "Share this story" and before "More on this story"
# (two markers, so the bar is a span of its own), the blog's after "Sharing is caring!"
BARS = [
    ("Related Topics Sweden Wikileaks Share this story", "About sharing Email Facebook Messenger Messenger "
     "Twitter Pinterest WhatsApp LinkedIn", "More on this story Video Julian Assange dragged from embassy"),
    ("written by Regan Sharing is caring!", "858shares Pinterest Facebook Twitter Mix Flipboard", ""),
]


@pytest.mark.parametrize(("before", "bar", "after"), BARS)
def test_a_share_bar_inside_a_flat_story_is_chrome(before: str, bar: str, after: str) -> None:
    text = f"{LUMINAR_LEAD} {before} {bar} {after} {LUMINAR}"
    found = {text[f.start:f.end]: f.message for f in find_boilerplate_lines([article(text)], {})}
    assert "share bar" in found[bar]
    assert not any(LUMINAR_LEAD[:40] in span for span in found)  # the story is no part of it


@pytest.mark.parametrize("sentence", [
    "Facebook, Twitter, Instagram and YouTube removed the accounts.",
    "He posted the video on Facebook, Twitter and Instagram on Monday.",
    "Facebook Twitter",  # two names: a bar's, or a heading's; the phrase list judges a line of one
    "Facebook, Twitter and Pinterest shares fell 3%.",  # short, but a sentence (helper-203's review)
    "Facebook, Twitter, Pinterest shares fell.",
])
def test_a_sentence_naming_networks_is_no_share_bar(sentence: str) -> None:
    assert not share_bar(make_line(0, 0, sentence))
    text = f"{LUMINAR_LEAD} {sentence} {LUMINAR}"
    assert [text[f.start:f.end] for f in find_boilerplate_lines([article(text)], {})] == []
