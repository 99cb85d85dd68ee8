"""duplicate.repeated: a sentence or paragraph repeated inside one article.

Extraction often keeps the standfirst and then the body that restates it (seed 004:
"... agree to a 30-day ceasefire before negotiations could start." twice), or a
paragraph twice when a page has two layouts. Every word 6-gram that occurs twice in
the article is a seed; seeds are grown across small differences (the repeat is often
"nearly" the same: a name dropped, a clause added) with the same alignment as
duplicate.passage. A repeat of `min_words` or more is reported on its later copy, with
the first copy's offsets as evidence. Recurring short phrases (titles, names, "the
talks in Istanbul") stay below `min_words` and are not repeats.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from audit.detect.duplicate_tokens import (
    Tokens,
    config_from_params,
    extend_match,
    kgram_hashes,
    tokenise,
)
from audit.model import Article, Finding, span_finding


@dataclass(frozen=True, kw_only=True)
class RepeatConfig:
    min_words: int = 12  # seed 004's repeat is 20 words; recurring names/titles are under 8
    kgram: int = 6  # seed length: shorter repeats start no search
    max_copies: int = 8  # a 6-gram seen more often is a refrain (lists, tables): skipped

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> RepeatConfig:
        return config_from_params(cls, params)


def repeated_runs(words: list[str], cfg: RepeatConfig) -> list[tuple[int, int, int, int]]:
    """(first_start, first_end, later_start, later_end) word ranges of each repeat."""
    positions: dict[int, list[int]] = {}
    for pos, value in enumerate(kgram_hashes(words, cfg.kgram).tolist()):
        positions.setdefault(value, []).append(pos)
    runs: list[tuple[int, int, int, int]] = []
    for places in positions.values():
        if len(places) < 2 or len(places) > cfg.max_copies:
            continue
        for x, first in enumerate(places):
            for later in places[x + 1 :]:
                if later - first < cfg.kgram or _covered(runs, first, later):
                    continue
                if words[first : first + cfg.kgram] != words[later : later + cfg.kgram]:
                    continue  # hash collision
                sa, ea, sb, eb = extend_match(words, words, first, later, cfg.kgram, stop_a=later)
                runs.append((sa, min(ea, sb), sb, eb))
    kept = [r for r in runs if min(r[1] - r[0], r[3] - r[2]) >= cfg.min_words]
    return _one_per_later_copy(kept)


def _covered(runs: list[tuple[int, int, int, int]], first: int, later: int) -> bool:
    return any(sa <= first < ea and sb <= later < eb for sa, ea, sb, eb in runs)


def _one_per_later_copy(runs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """A text said three times is reported on copies 2 and 3, once each."""
    kept: list[tuple[int, int, int, int]] = []
    for run in sorted(runs, key=lambda r: (r[2], -(r[3] - r[2]), r[0])):
        if not any(k[2] <= run[2] and run[3] <= k[3] for k in kept):
            kept.append(run)
    return kept


def repeat_finding(article: Article, tokens: Tokens, run: tuple[int, int, int, int]) -> Finding:
    first_start, first_end = tokens.span(run[0], run[1])
    start, end = tokens.span(run[2], run[3])
    words = run[3] - run[2]
    return span_finding(
        article, "duplicate.repeated", start, end,
        f"Repeats {words} words already written earlier in the article (characters "
        f"{first_start}-{first_end}: \"{_clip(article.text[first_start:first_end])}\").",
        data={"words": words, "first_start": first_start, "first_end": first_end},
    )


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def find_repeated_sentences(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """Each repeat of min_words or more, reported on its later copy."""
    cfg = RepeatConfig.from_params(params)
    for article in articles:
        tokens = tokenise(article.text)
        for run in repeated_runs(tokens.words, cfg):
            yield repeat_finding(article, tokens, run)
