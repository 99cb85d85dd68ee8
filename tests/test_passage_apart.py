"""duplicate.passage in a process of its own (audit.detect.duplicates.passage_apart), not
a fork of the run: the process that runs it does not hold the run's heap (issue 13:
the forked child held a private copy of every page either process touched, 45 KB an
article of the run's peak), and its findings are those of one process."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from test_apart import _corpus, _Fake, _near_stopped, _Stop

from audit.detect import APART, registry, run_detectors, workers
from audit.detect.duplicates import passage_apart
from audit.detect.workers import start_apart
from audit.suite import load_suite

BALLAST_MB = 600  # held by the run while passage runs: a fork would hold it too


def _children(root: int) -> list[int]:
    """`root`'s child processes: those whose stat names it as their parent."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == root:
                found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def test_passage_runs_beside_the_run_without_holding_its_heap() -> None:
    """While the run holds BALLAST_MB in Python objects, no process beside it is ever
    that large (a forked child maps and holds the run's pages: base0's was), and the
    findings are those of near then passage in one process."""
    suite, pair = load_suite("news"), [d for d in registry() if d.name in APART]
    one, apart = _corpus(), _corpus()
    expected = run_detectors(one, suite, detectors=pair)
    ballast = [bytes(1 << 20) + bytes([i % 256]) for i in range(BALLAST_MB)]  # pages written: resident
    largest: dict[int, float] = {}
    done = threading.Event()
    earlier = set(_children(os.getpid()))  # an earlier test's child still ending is not this run's

    ours, forked, execd = _cmdline(os.getpid()), {}, set()

    def sample() -> None:
        # A child still running our command line is a fork: until it execs it shows our whole
        # RSS (at load 9 a sample caught the passage process's fork at 1,154 MB before its
        # exec). Such samples count only for a child never seen after an exec: a fork that
        # runs the detectors itself, as base0's did.
        while not done.is_set():
            for pid in set(_children(os.getpid())) - earlier:
                before, rss, after = _cmdline(pid), _rss_mb(pid), _cmdline(pid)
                if before and before != ours:  # exec'd before the RSS was read
                    largest[pid] = max(largest.get(pid, 0.0), rss)
                elif before:
                    forked[pid] = max(forked.get(pid, 0.0), rss)
                if after and after != ours:
                    execd.add(pid)
            done.wait(0.005)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        got = run_detectors(apart, suite, detectors=pair, apart=start_apart)
    finally:
        done.set()
        sampler.join()
    assert len(ballast) == BALLAST_MB
    assert got.findings == expected.findings
    assert {f.check for f in got.findings} == {"duplicate.near", "duplicate.passage"}
    largest.update({pid: rss for pid, rss in forked.items() if pid not in execd})
    assert largest, "no process ran beside the run"
    assert max(largest.values()) < BALLAST_MB / 2, largest


def _passage_jobs() -> list[Any]:
    suite = load_suite("news")
    articles = _corpus()
    return [(detector, articles, suite.params_for(tuple(c for c in detector.checks if c in suite.rules)))
            for detector in registry() if detector.name in APART]


def test_a_stop_of_near_here_ends_passages_process_and_comes_out() -> None:
    jobs = _passage_jobs()
    jobs[0] = (_Fake(APART[0], _near_stopped), jobs[0][1], {})
    before = set(_children(os.getpid()))
    with pytest.raises(_Stop, match="near stopped"):
        start_apart(jobs)
    assert not set(_children(os.getpid())) - before  # nothing left running


def test_a_process_that_ended_before_its_run_leaves_passage_to_a_forked_child(
        monkeypatch: pytest.MonkeyPatch) -> None:
    suite, pair = load_suite("news"), [d for d in registry() if d.name in APART]
    expected = run_detectors(_corpus(), suite, detectors=pair)
    dead = passage_apart.Passage.spawn()
    assert dead is not None
    dead.process.kill()
    dead.process.wait()
    monkeypatch.setattr(workers, "_PASSAGE", [dead])
    got = run_detectors(_corpus(), suite, detectors=pair, apart=start_apart)
    assert got.findings == expected.findings and not got.failed_checks


def test_the_articles_passage_reads_are_asked_for_in_blocks_cold_and_rerun(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each request is a round trip to the run's process, whose thread waits for the
    interpreter lock: the articles are asked for a block at a time (Corpus.prefetch), in
    a rerun's recomputed pairs too (one request an article made its 100,000 rerun slower)."""
    import test_rerun
    from factories import passage_in_thread

    import audit
    from audit.detect.duplicates import passage_state

    asked: list[int] = []
    real = passage_apart._Served._articles
    monkeypatch.setattr(passage_apart._Served, "_articles",
                        lambda self, docs: asked.append(len(docs)) or real(self, docs))
    monkeypatch.setattr(passage_apart.Passage, "spawn", staticmethod(passage_in_thread))
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    first = test_rerun._records()
    for name, records in (("first", first), ("second", test_rerun._rerun_records(first))):
        corpus = test_rerun._write(records, tmp_path / f"{name}.jsonl")
        asked.clear()
        audit.run([corpus], out=tmp_path / name, cache=tmp_path / "cache", on_problem=None,
                  data_docs=False, workers=2)
        # one request for the pairs read (a block), one for the findings' other articles
        assert asked and len(asked) <= 2, (name, asked)
    assert (tmp_path / "cache" / "cross" / "duplicate_passage.npz").is_file()


def test_a_run_stopped_early_ends_the_passage_process_it_started(tmp_path: Path) -> None:
    """An error out of on_problem during ingest (an orchestrator's callback) left the
    duplicate.passage process the run had started alive and idle; the next call's GX child
    held a copy of its connection, so closing it gave no EOF and the next call waited 10 s
    for it (a helper's review, twentieth session)."""
    import json

    import audit

    corpus = tmp_path / "c.jsonl"
    good = [json.dumps({"id": f"a{n}", "text": f"Story {n}. The council met on Tuesday. " * 20}) for n in range(60)]
    corpus.write_text("\n".join([*good[:30], "{broken", *good[30:]]) + "\n")

    def stop(line: str) -> None:
        raise KeyError(line)

    before = set(_children(os.getpid()))
    with pytest.raises(KeyError):
        audit.run([corpus], out=tmp_path / "out", workers=2, on_problem=stop, data_docs=False, html_report=False)
    assert not set(_children(os.getpid())) - before  # nothing left running
    again = audit.run([corpus], out=tmp_path / "out", workers=2, on_problem=None, data_docs=False, html_report=False)
    assert len(again.articles) == 61
    assert not set(_children(os.getpid())) - before


def test_a_rerun_stopped_before_its_stage_ends_its_early_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun forks its one-worker pool before the caches load (workers.start_few); an
    interrupt while they loaded left that worker alive (the command line's os._exit skips
    the executor's own ending; a helper saw it hold a scheduler's stderr pipe for 10 min)."""
    import json

    import audit
    import audit.pipeline as pipeline

    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": f"Story {n}. The council met on Tuesday. " * 20})
                              + "\n" for n in range(40)))
    audit.run([corpus], out=tmp_path / "out", cache=tmp_path / "cache", workers=2, on_problem=None)
    before = set(_children(os.getpid()))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "open_language_cache", interrupted)
    with pytest.raises(KeyboardInterrupt):
        audit.run([corpus], out=tmp_path / "out", cache=tmp_path / "cache", workers=2, on_problem=None)
    assert not set(_children(os.getpid())) - before


def test_the_process_reads_the_urls_that_name_a_site() -> None:
    """site_template needs an article's URL when it has no publisher: passage's process is
    sent it (before, its articles had none, and sn.dk's comment policy stayed a passage)."""
    from test_duplicate_passage import _two_pages

    suite, pair = load_suite("news"), [d for d in registry() if d.name in APART]

    def corpus() -> list[Any]:
        return _corpus() + _two_pages(url="https://sn.dk/Danmark/artikel/1")

    expected = run_detectors(corpus(), suite, detectors=pair)
    got = run_detectors(corpus(), suite, detectors=pair, apart=start_apart)
    assert got.findings == expected.findings
    assert [f.article_id for f in got.findings if f.check == "boilerplate.line"] == ["p001", "p002"]


def test_a_suite_without_boilerplate_keeps_a_template_a_passage() -> None:
    """A helper's review: with duplicate.passage asked and boilerplate.line not, the sn.dk
    template vanished (its finding's check was not the suite's). run_detectors tells passage
    what the suite asks for (`_also`), here and in passage's own process."""
    from dataclasses import replace

    from test_duplicate_passage import SN_DK, _two_pages

    news = load_suite("news")
    suite = replace(news, rules={c: r for c, r in news.rules.items() if c != "boilerplate.line"})
    pair = [d for d in registry() if d.name in APART]
    for apart in (None, start_apart):
        found = run_detectors(_two_pages(**SN_DK), suite, detectors=pair, apart=apart).findings
        assert [f.check for f in found] == ["duplicate.passage"] * 2
