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


def _sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, bool]]:
    """Each detection trip the runs from now on send: its number of articles, and whether
    it went to the rerun's one worker of its own (`few`), not to the pool of `workers`."""
    sizes: list[tuple[int, bool]] = []
    real = workers_module._Trip.send

    def spy(self: Any, executor: Any, few: Any = None) -> None:
        if self.future is None:
            sizes.append((len(self.articles), few is not None and not self.wide))
        real(self, executor, few)

    monkeypatch.setattr(workers_module._Trip, "send", spy)
    return sizes


@pytest.fixture
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus, and the same with three articles edited, each in a batch of its own
    (batches of two or of ten): positions 1, 12 and 24."""
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    for position in (1, 12, 24):
        records[position] = {**records[position], "text": records[position]["text"] + " An edited sentence."}
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return first, second


@pytest.mark.parametrize(("batch", "trip", "expected"), [
    (2, None, [(3, False)]),  # a batch of 2 holds too few known lines: normalised by the workers
    (2, 1, [(1, False)] * 3),
    (10, None, [(3, True)]),  # 1 edited line and 7 or 9 known a batch: normalised here
    (10, 1, [(1, True)] * 3),
])
def test_a_rerun_s_changed_articles_of_many_batches_go_in_one_trip(
        corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        batch: int, trip: int | None, expected: list[tuple[int, bool]]) -> None:
    """One trip for the three edited articles of three batches (DETECT_TRIP: 32); with
    trips of one article, three trips, as each batch sent its own before. Batches
    normalised here send their trips to a worker of their own, the others to the pool;
    the outputs of a cold run either way."""
    first, second = corpora
    if trip is not None:
        monkeypatch.setattr(workers_module, "DETECT_TRIP", trip)
    monkeypatch.setattr(workers_module, "FEW_LINES", 6)  # the last batch of 10 holds 8 lines
    options = {**SMALL, "batch_size": batch}
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **options)
    sizes = _sent(monkeypatch)
    warm = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **options)
    assert sizes == expected
    assert warm.summary["findings_cache"]["misses"] > 0  # the edited articles were detected
    assert warm.summary["language_cache"]["misses"] == 3
    audit.run([second], out=tmp_path / "c", cache=None, **options)
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


def test_a_rerun_s_own_worker_is_forked_before_the_caches_load(
        corpora: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pipeline._few_for_rerun: a rerun (the cache kept the last run's lines) forks its one
    worker before it opens the findings cache (the worker then shares none of the caches'
    pages, which the parent would copy as it read them: workers.start_few), and the
    stage sends its trips there; a cold run forks none early. Outputs: a cold run's."""
    from audit import pipeline

    first, second = corpora
    monkeypatch.setattr(workers_module, "FEW_LINES", 6)
    options = {**SMALL, "batch_size": 10}
    events: list[Any] = []
    real_start, real_open = workers_module.start_few, pipeline.open_findings_cache

    def start(plan: Any) -> Any:
        pool = real_start(plan)
        events.append(("forked", pool, len(pool._processes)))
        return pool

    def opened(folder: Any) -> Any:
        events.append(("opened",))
        return real_open(folder)

    monkeypatch.setattr(workers_module, "start_few", start)
    monkeypatch.setattr(pipeline, "open_findings_cache", opened)
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **options)
    assert events == [("opened",)]  # cold: nothing kept, no early worker
    events.clear()
    pools: list[Any] = []
    real_send = workers_module._Trip.send

    def send(self: Any, executor: Any, few: Any = None) -> None:
        if self.future is None:
            pools.append(few)
        real_send(self, executor, few)

    monkeypatch.setattr(workers_module._Trip, "send", send)
    audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **options)
    (_, pool, processes), after = events
    assert processes == 1 and after == ("opened",)  # its process forked before the cache opened
    assert pools == [pool]  # the three edited articles' trip went to it
    assert pool._shutdown_thread  # shut down by the stage
    audit.run([second], out=tmp_path / "c", cache=None, **options)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")
