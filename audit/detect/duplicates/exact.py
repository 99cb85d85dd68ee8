"""duplicate.exact: an article whose text equals another's, up to trivial differences.

Texts are compared on a key that ignores case, whitespace, quote style and
punctuation, so a re-save with curly quotes is still the same article. Each copy
points at the original: the earliest published, else the first seen.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from audit.detect.duplicates.titles import title_hint
from audit.model import Article, Finding
from audit.normalise.ascii_runs import ALNUM, ascii_runs, spaced
from audit.normalise.words import PLAIN_WORD, has_marks, words_of


def exact_key(text: str) -> str:
    """A hash of the text with case, accents' composition, spacing and punctuation folded."""
    # its words joined by one space: what replacing each run of non-word characters by a
    # space and stripping the ends gives, a third faster
    if text.isascii():  # NFKC leaves ASCII as it is, casefold is lower: the same words,
        # split after a byte translation (the Unicode word regex: 2.7x the time)
        folded = b" ".join(ascii_runs(text.lower(), ALNUM))
        return hashlib.sha256(folded).hexdigest()
    folded = unicodedata.normalize("NFKC", text).casefold()
    if has_marks(folded):  # words keep the marks on their letters (audit.normalise.words)
        return hashlib.sha256(" ".join(words_of(folded)).encode("utf-8", "surrogatepass")).hexdigest()
    found = spaced(folded, ALNUM, PLAIN_WORD)  # the words' UTF-8 bytes, each run between spaces
    if found is None:
        return hashlib.sha256(" ".join(PLAIN_WORD.findall(folded)).encode("utf-8", "surrogatepass")).hexdigest()
    return hashlib.sha256(b" ".join(found.split())).hexdigest()


BLANK = ""  # the share of a text of white space alone: never grouped, its key that of no words


def prepare(article: Article, params: Mapping[str, Any]) -> str:
    """The article's key, made in the workers (and kept in the findings cache between runs);
    BLANK for a text of white space alone. So the corpus step reads no text: in the parent,
    beside duplicate.passage's forked child, reading each text (`strip`) wrote its
    reference count and copied a page of every text (the corpus's texts held twice while
    the child lives: docs/measurements/mem6.md)."""
    return exact_key(article.text) if article.text.strip() else BLANK


@lru_cache(maxsize=1)
def _blank_key() -> str:
    """exact_key of any text of white space alone: the key of no words."""
    return exact_key("")


def find_exact_duplicates(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """One finding per copy; with `params["_index"]`, copies of indexed articles too. With
    the last run's keys (`params["_saved"]`: exact_saved) only changed texts are read."""
    index = params.get("_index")  # a saved earlier corpus (duplicate_index), given --against
    if params.get("_saved") is not None and index is None:
        from audit.detect.duplicates.exact_saved import remembered_duplicates

        yield from remembered_duplicates(articles, params["_saved"], _key_of, _copies)
        return
    groups: dict[str, list[tuple[int, Article]]] = {}
    for position, article in enumerate(articles):
        key, filled = _key_of(article)
        if filled:
            groups.setdefault(key, []).append((position, article))
    for key, members in groups.items():
        indexed_id = index.exact_match(key) if index is not None else None
        if indexed_id is not None:  # already ingested: every copy points at the indexed one
            yield from _indexed_copies(members, indexed_id)
            continue
        if len(members) < 2:
            continue
        yield from _copies(key, members)


def _key_of(article: Article) -> tuple[str, bool]:
    """An article's key (its prepared share, taken, else made) and whether it is more than
    white space (a text of punctuation alone is grouped, on the key of no words). From a
    share, the text is not read (prepare)."""
    key = article.prepared.pop("duplicate_exact", None)  # the registry's name for this check
    if key == BLANK:
        return _blank_key(), False
    if isinstance(key, str):
        return key, True
    return exact_key(article.text), bool(article.text.strip())


def _copies(key: str, members: list[tuple[int, Article]]) -> Iterator[Finding]:
    """The findings of one group of two or more (position, article): each copy points at
    the earliest published, else the first seen."""
    members.sort(key=lambda pair: (pair[1].published or date.max, pair[0]))
    original = members[0][1]
    for _, copy in members[1:]:
        same = "the same text as" if copy.content_sha256 == original.content_sha256 else (
            "the same text (up to case, spacing or punctuation) as"
        )
        hint = title_hint(copy.title, original.title)
        yield Finding(
            article_id=copy.article_id,
            check="duplicate.exact",
            message=f"Has {same} {original.article_id}.{hint}",
            related_article_id=original.article_id,
            data={"group_size": len(members), **({"titles_unrelated": True} if hint else {})},
        )


def _indexed_copies(members: list[tuple[int, Article]], indexed_id: str) -> Iterator[Finding]:
    for _, copy in members:
        yield Finding(
            article_id=copy.article_id,
            check="duplicate.exact",
            message=f"Has the same text as {indexed_id}, already in the index.",
            related_article_id=indexed_id,
            data={"group_size": len(members), "indexed": True},
        )
