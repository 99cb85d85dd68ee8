"""duplicate.passage's two longest steps after the run's other detectors end, split in
two (audit.detect.duplicates.beside, xwall): half in a fork of passage's process, on the
core the run leaves idle. The findings and candidates must be one process's."""

from __future__ import annotations

import json
import os
from typing import Any

import numpy as np
import pytest
import realtext
from factories import make_article

from audit.detect.duplicates import beside, candidates, passage
from audit.detect.duplicates.passage import find_shared_passages


def test_in_two_runs_one_half_in_another_process() -> None:
    here, there = beside.in_two(lambda: os.getpid(), lambda: (os.getpid(), np.arange(5)))
    assert here == os.getpid()
    assert there[0] != os.getpid()  # the child's
    assert there[1].tolist() == [0, 1, 2, 3, 4]


def test_a_child_that_fails_leaves_its_half_to_this_process() -> None:
    parent = os.getpid()

    def there() -> str:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "computed here"

    assert beside.in_two(lambda: 1, there) == (1, "computed here")


def test_an_error_here_ends_the_child_and_is_raised() -> None:
    with pytest.raises(ValueError, match="here"):
        beside.in_two(lambda: (_ for _ in ()).throw(ValueError("here")), lambda: 2)


@realtext.needs_gold
def test_halves_give_the_candidates_and_findings_of_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 gold-corpus articles (lifted passages and edited copies): live_candidates
    split in blocks of 4,000 members over two processes, and every candidate pair's
    verification, give the same codes and the same findings as one process."""
    corpus = [make_article(r["text"], article_id=r["id"]) for r in map(json.loads, realtext.records(2000))]
    lives: list[np.ndarray] = []
    real_live = passage.live_candidates

    def spied_live(*args: Any, **kwargs: Any) -> np.ndarray:
        lives.append(real_live(*args, **kwargs))
        return lives[-1]

    splits: list[int] = []

    def counted(here: Any, there: Any) -> Any:
        splits.append(os.getpid())
        return beside.in_two(here, there)

    monkeypatch.setattr(passage, "live_candidates", spied_live)
    one = list(find_shared_passages(corpus, {}))
    monkeypatch.setattr(candidates, "SPLIT_MEMBERS", 1)
    monkeypatch.setattr(candidates, "BLOCK_MEMBERS", 8000)  # halves: blocks of 4,000, several each
    monkeypatch.setattr(passage, "SPLIT_PAIRS", 1)
    monkeypatch.setattr(candidates, "in_two", counted)
    monkeypatch.setattr(passage, "in_two", counted)
    two = list(find_shared_passages(corpus, {"_halves": 2}))
    assert len(splits) == 2  # live_candidates' groups, then the pairs' verification
    assert lives[1].tolist() == lives[0].tolist()
    assert len(lives[0]) > 50
    assert two == one
    assert sum(f.check == "duplicate.passage" for f in one) > 20
