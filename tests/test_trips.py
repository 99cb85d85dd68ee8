"""Detection trips (audit.detect.workers._Trip): a rerun's few changed articles of many
batches go to a worker together, and each batch takes back its own part; the outputs are
a cold run's whatever the trips carried."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import audit
from audit.detect import workers as workers_module
from audit.detect.workers import BatchResult, _in_batch
from audit.model import Finding
from tests.test_rerun import _outputs, _records

SMALL = {"on_problem": None, "data_docs": False, "workers": 2, "batch_size": 2}


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of articles of each detection trip the runs from now on send."""
    sizes: list[int] = []
    real = workers_module._Trip.send

    def spy(self: Any, executor: Any) -> None:
        if self.future is None:
            sizes.append(len(self.articles))
        real(self, executor)

    monkeypatch.setattr(workers_module._Trip, "send", spy)
    return sizes


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus, and the same with three articles edited, each in a batch of its own
    (batches of two): positions 1, 9 and 20."""
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for position in (1, 9, 20):
        records[position] = {**records[position], "text": records[position]["text"] + " An edited sentence."}
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return first, second


@pytest.mark.parametrize(("trip", "expected"), [(None, [3]), (1, [1, 1, 1])])
def test_a_rerun_s_changed_articles_of_many_batches_go_in_one_trip(
        corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        trip: int | None, expected: list[int]) -> None:
    """One trip for the three edited articles of three batches (DETECT_TRIP: 32); with
    trips of one article, three trips, as each batch sent its own before; the outputs of a
    cold run either way."""
    first, second = corpora
    if trip is not None:
        monkeypatch.setattr(workers_module, "DETECT_TRIP", trip)
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **SMALL)
    sizes = _sent(monkeypatch)
    warm = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **SMALL)
    assert sizes == expected
    assert warm.summary["findings_cache"]["misses"] > 0  # the edited articles were detected
    assert warm.summary["language_cache"]["misses"] == 3
    audit.run([second], out=tmp_path / "c", cache=None, **SMALL)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")


def test_a_batch_takes_its_own_part_of_a_trip() -> None:
    """A trip of five articles, the batch's two from position 2 (its positions 3 and 7):
    only theirs come back, at the batch's positions; the trip's seconds go with the batch
    at its start only."""
    def found(position: int) -> list[Finding]:
        return [Finding(article_id=f"art-{position}", check="text.paywall", message="m")]

    def trip() -> BatchResult:
        return BatchResult(None, [0, 2, 3, 4], verdicts={p: ("en", 0.9) for p in (0, 2, 3, 4)},
                           findings={"paywall": {p: found(p) for p in range(5)}},
                           prepared={"duplicate_exact": {p: f"key-{p}" for p in range(5)}},
                           seconds={"paywall": 0.5}, failed={"titles": {3: "boom", 4: "other"}})

    mine = _in_batch(trip(), [3, 7], 2)
    assert mine.deferred == [3, 7]
    assert mine.verdicts == {3: ("en", 0.9), 7: ("en", 0.9)}
    assert mine.findings == {"paywall": {3: found(2), 7: found(3)}}
    assert mine.prepared == {"duplicate_exact": {3: "key-2", 7: "key-3"}}
    assert mine.failed == {"titles": {7: "boom"}}
    assert mine.seconds == {}
    head = _in_batch(trip(), [0, 1], 0)
    assert head.seconds == {"paywall": 0.5}
    assert head.findings == {"paywall": {0: found(0), 1: found(1)}}
    assert head.deferred == [0]
