"""duplicate.near: re-syndicated copies of the seed articles, and the traps around them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from factories import make_article

from audit.detect.duplicates.near import CLUSTER_COLUMN, find_near_duplicates
from audit.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(article_id: str, text: str, published: date | None = None) -> Article:
    return make_article(text, article_id=article_id, published=published,
                        content_sha256=article_id)


def seed(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def resyndicated(text: str) -> str:
    """What a wire partner does: new headline, a dateline, one paragraph cut, a word changed."""
    lines = text.splitlines()
    body = [line for i, line in enumerate(lines[1:]) if i != 6]
    edited = "\n".join(["Talks in Turkey stall as Putin stays away", *body])
    return "ISTANBUL (AP) - " + edited.replace("pessimistic", "gloomy", 1)


def test_resyndicated_copy_points_at_the_earlier_original() -> None:
    original = article("wire", seed("004"), date(2025, 5, 15))
    copy = article("partner", resyndicated(seed("004")), date(2025, 5, 16))
    findings = list(find_near_duplicates([copy, original], {"threshold": 0.8}))
    assert [(f.article_id, f.check, f.related_article_id) for f in findings] == [
        ("partner", "duplicate.near", "wire")]
    assert 0.8 <= findings[0].data["jaccard"] < 1.0
    assert findings[0].start is None
    assert copy.extra[CLUSTER_COLUMN] == original.extra[CLUSTER_COLUMN] == "wire"


def test_articles_on_the_same_talks_are_not_near_copies() -> None:
    # 000 and 003 share the Stanovaya quote (a passage), not their text as a whole.
    corpus = [article(s, seed(s)) for s in ("000", "001", "002", "003", "004")]
    assert list(find_near_duplicates(corpus, {"threshold": 0.8})) == []
    assert [a.extra[CLUSTER_COLUMN] for a in corpus] == [None] * 5


def test_exact_copy_is_clustered_but_left_to_duplicate_exact() -> None:
    first, second = article("a", seed("001")), article("b", seed("001").upper())
    assert list(find_near_duplicates([first, second], {"threshold": 0.8})) == []
    assert first.extra[CLUSTER_COLUMN] == second.extra[CLUSTER_COLUMN] == "a"


def test_threshold_comes_from_params() -> None:
    text = seed("003")
    words = text.split()
    every_12th_changed = " ".join(w if i % 12 else "changed" for i, w in enumerate(words))
    pair = [article("x", text), article("y", every_12th_changed)]
    assert list(find_near_duplicates(pair, {"threshold": 0.8})) == []
    found = list(find_near_duplicates(pair, {"threshold": 0.5}))
    assert [(f.article_id, f.related_article_id) for f in found] == [("y", "x")]


@pytest.mark.parametrize("text", ["", "Share", "   \n\x00\ufffd"])
def test_empty_or_tiny_texts_never_raise(text: str) -> None:
    corpus = [article("e1", text), article("e2", text)]
    assert list(find_near_duplicates(corpus, {"threshold": 0.8})) == []
    assert corpus[0].extra == {CLUSTER_COLUMN: None}


def test_exact_key_of_ascii_text_is_the_unicode_folding() -> None:
    """exact_key reads ASCII text by a byte translation; it must give the key the NFKC +
    casefold + word regex folding gives (which non-ASCII text still takes)."""
    import hashlib
    import re
    import unicodedata

    from audit.detect.duplicates.exact import exact_key

    def folded_key(text: str) -> str:
        folded = " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).casefold()))
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()

    seed = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))[0]
    texts = ["".join(map(chr, range(128))) * 2, "  Kyiv_said  NO-deal\t(2025)\n", "", "___",
             seed.read_text(encoding="utf-8").encode("ascii", "ignore").decode()]
    for text in texts:
        assert text.isascii() and exact_key(text) == folded_key(text)
    assert exact_key("The  deal, said KYIV.") == exact_key("the deal said kyiv")
    assert exact_key("Café") == folded_key("Café") != exact_key("Cafe")
