"""Memory of the cross-article step (issue 13, docs/measurements/mem6.md).

- duplicate.exact judges from its prepared shares alone: the text is not read, so the
  parent, beside duplicate.passage's forked child, writes no reference count into (and
  copies no page of) every text. A blank text's share says it is blank.
- duplicate.passage's corpus words are built in one buffer: the shares' decoded bytes are
  not held in a list beside their concatenation (the corpus's words twice).
"""

from __future__ import annotations

import tracemalloc

import numpy as np
from factories import make_article

from audit.detect.duplicates import exact
from audit.detect.duplicates.exact import find_exact_duplicates
from audit.detect.duplicates.passage import _corpus_words
from audit.detect.duplicates.passage import prepare as passage_prepare
from audit.detect.duplicates.seeds import word_hashes
from audit.model import Article

STORY = ("The council voted on Tuesday to close the old bridge for repairs, which the engineers "
         "said could take two years. Residents asked for a ferry in the meantime.")


class Unread(str):
    """A text that fails the test when read as a text (strip, split, casefold ...)."""

    def __getattribute__(self, name: str):  # type: ignore[no-untyped-def]
        raise AssertionError(f"the text was read ({name}) though its share was there")


def with_share(article: Article) -> Article:
    """The article as the workers hand it over: its exact share made, its text then unreadable."""
    article.prepared["duplicate_exact"] = exact.prepare(article, {})
    article.text = Unread(article.text)
    return article


def corpus() -> list[Article]:
    texts = [STORY, STORY.upper().replace(".", " ."), "  \n\t ", "A different story entirely, about the harvest.",
             "\u3000\n", STORY]
    return [make_article(text, article_id=f"a{n}") for n, text in enumerate(texts)]


def test_exact_findings_from_shares_without_reading_any_text() -> None:
    expected = [(f.article_id, f.related_article_id, f.message, f.data)
                for f in find_exact_duplicates(corpus(), {})]
    assert [(a, r) for a, r, _, _ in expected] == [("a1", "a0"), ("a5", "a0")]
    shared = [with_share(a) for a in corpus()]
    got = [(f.article_id, f.related_article_id, f.message, f.data) for f in find_exact_duplicates(shared, {})]
    assert got == expected


def test_a_blank_texts_share_says_it_is_blank_and_it_is_never_grouped() -> None:
    blank, other_blank = make_article("  \n ", article_id="b0"), make_article("\u3000", article_id="b1")
    assert exact.prepare(blank, {}) == exact.BLANK
    assert exact._key_of(with_share(blank)) == (exact.exact_key(""), False)
    assert list(find_exact_duplicates([with_share(other_blank), with_share(make_article(" ", article_id="b2"))],
                                      {})) == []


def test_passage_corpus_words_hold_the_words_once() -> None:
    rng = np.random.default_rng(13)
    words = [" ".join(f"w{n}" for n in rng.integers(0, 5000, size=int(size)))
             for size in rng.integers(200, 400, size=600)]
    articles = [make_article(text, article_id=f"p{n}") for n, text in enumerate(words)]
    for article in articles:
        article.prepared["duplicate_passage"] = passage_prepare(article, {})
    wanted = [word_hashes(a.text) for a in articles]
    total = sum(w.nbytes for w in wanted)
    tracemalloc.start()
    try:
        made = _corpus_words(articles, range(len(articles)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert np.array_equal(made.words, np.concatenate(wanted))
    assert made.offsets.tolist() == np.concatenate([[0], np.cumsum([len(w) for w in wanted])]).tolist()
    assert all("duplicate_passage" not in a.prepared for a in articles)  # taken, not held twice
    # one buffer (grown by at most an eighth) and one decoded share at a time; a list of
    # the decoded shares and their join held 2x the words
    assert peak < 1.5 * total, (peak, total)
