"""A bounded memo of a pure function of one word, shared by the detector families."""

from __future__ import annotations

from typing import Any


class WordMemo(dict):  # type: ignore[type-arg]
    """A bounded memo of a pure function of one word, read by dict's own C lookup (a
    hit costs a third of an lru_cache call; an article's 500 words pass through several
    of these: the duplicate checks' folds and hashes, the chrome checks' word cases).
    Emptied when full: words of one corpus recur."""

    def __init__(self, function: Any, limit: int = 1 << 18) -> None:
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, word: str) -> Any:
        if len(word) > LONGEST_KEPT:  # a URL or a blob of encoded data: not kept
            return self.function(word)
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = self.function(word)
        return value


LONGEST_KEPT = 64  # characters: words recur, blobs do not, and a full memo of blobs is large
