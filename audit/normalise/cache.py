"""A cache of language verdicts by content hash, so nightly runs skip unchanged text.

langdetect is most of a run's cost (about 5 ms an article, GX-NOTES.md; bench_run.py:
52 of 64 s at 10,000 articles) and its seeded verdict depends only on the text, so it
is kept per `content_sha256` between runs. The file name carries everything the
verdict depends on (langdetect version, seed, length limits, the fast path's rules and
thresholds): change one and the cache starts afresh instead of serving stale answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from audit.atomic import clean_stale, temp_name
from audit.normalise import language as lang


@dataclass
class LanguageCache:
    path: Path | None
    entries: dict[str, tuple[str | None, float | None]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    deferred: dict[str, str] | None = None  # set: misses wait for resolve() (engine spark)

    def guess(self, text: str, sha256: str) -> lang.LanguageGuess:
        if sha256 in self.entries:
            self.hits += 1
            return lang.LanguageGuess(*self.entries[sha256])
        self.misses += 1
        if self.deferred is not None:  # no verdict yet: resolve() gives it to the article
            self.deferred[sha256] = text
            return lang.LanguageGuess(None, None)
        found = lang.detect_language(text)
        self.entries[sha256] = (found.language, found.probability)
        return found

    def resolve(self, articles: Sequence[Any],
                detect_many: Callable[[dict[str, str]], dict[str, lang.LanguageGuess]]) -> None:
        """Verdicts for the deferred texts, all at once (on Spark executors), given to the
        articles that waited for them."""
        if not self.deferred:
            return
        guesses = detect_many(self.deferred)
        for sha256, guess in guesses.items():
            self.entries[sha256] = (guess.language, guess.probability)
        for article in articles:
            if article.content_sha256 in self.deferred and article.language is None:
                guess = guesses[article.content_sha256]
                article.language, article.language_prob = guess.language, guess.probability
        self.deferred = {}

    def save(self) -> None:
        """Write the cache (atomically: a killed run leaves the old file whole)."""
        if self.path is None or not self.misses:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        keys = list(self.entries)
        table = pa.table({
            "content_sha256": keys,
            "language": [self.entries[k][0] for k in keys],
            "probability": pa.array([self.entries[k][1] for k in keys], type=pa.float64()),
        })
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = temp_name(self.path)  # two runs sharing the folder never write one file
        pq.write_table(table, partial)
        partial.replace(self.path)


def open_language_cache(folder: str | Path | None) -> LanguageCache:
    """The cache kept in `folder`, or a run-local one when folder is None."""
    if folder is None:
        return LanguageCache(None)
    key = (f"langdetect-{version('langdetect')}-seed{lang.SEED}-{lang.MIN_CHARS}-{lang.MAX_CHARS}"
           f"-fast{lang.fast_path_version()}")
    path = Path(folder) / f"language-{key}.parquet"
    clean_stale(path)  # what killed runs left beside it
    cache = LanguageCache(path)
    if path.is_file():
        import pyarrow.parquet as pq

        try:  # ParquetFile, not read_table: that imports pyarrow.dataset and pandas (0.4 s)
            table = pq.ParquetFile(path).read().to_pydict()
        except Exception:  # a damaged cache is only a slower run, never a failed one
            return cache
        cache.entries = {
            sha: (language, prob)
            for sha, language, prob in zip(
                table["content_sha256"], table["language"], table["probability"]
            )
        }
    return cache
