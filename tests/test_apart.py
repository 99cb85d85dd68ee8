"""The cross-article pair apart (audit.detect.workers.start_apart): duplicate_near runs in
the parent while the child makes duplicate_passage's fingerprints and waits for near's
clusters through a pipe. Same findings and columns as near then passage in one process;
an error on either side comes out, and nobody waits forever."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from factories import make_article

from audit.detect import APART, registry, run_detectors
from audit.detect.workers import start_apart
from audit.model import Article, Finding
from audit.suite import load_suite

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(stem: str) -> str:
    return next(SEEDS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def _corpus() -> list[Article]:
    """Wire copies (near), a quoting article and a lifted quote (passage), other seeds."""
    wire = _seed("003")
    texts = {f"site{i}": f"{city} (AP) - {wire}" for i, city in enumerate(("ACCRA", "LAGOS", "NAIROBI"))}
    texts["quoting"] = ("Cocoa prices rose in Accra on Monday. Stanovaya wrote: "
                        + " ".join(wire.splitlines()[21:23]) + " Traders expect rain this week.")
    texts.update({f"seed{s}": _seed(s) for s in ("000", "001", "002", "004")})
    return [make_article(text, article_id=name) for name, text in texts.items()]


def test_near_here_and_passage_apart_give_the_findings_of_one_process() -> None:
    suite, pair = load_suite("news"), [d for d in registry() if d.name in APART]
    one, apart = _corpus(), _corpus()
    expected = run_detectors(one, suite, detectors=pair)  # near then passage, in this process
    got = run_detectors(apart, suite, detectors=pair, apart=start_apart)
    assert got.findings == expected.findings
    assert {f.check for f in got.findings} == {"duplicate.near", "duplicate.passage"}
    assert [a.extra for a in apart] == [a.extra for a in one]
    assert apart[1].extra["duplicate_cluster"] == "site0"  # near's column, set in this process
    assert set(got.seconds) == set(APART)


class _Fake:
    """A detector stand-in: `find` is any function (the child is forked, nothing pickled)."""

    def __init__(self, name: str, find: Any) -> None:
        self.name, self.find = name, find
        self.columns = ("duplicate_cluster",)  # the columns it may set (Detector.columns)


class _Stop(BaseException):
    """Not an Exception: not contained (as KeyboardInterrupt), it must still end the wait."""


def _near_stopped(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    raise _Stop("near stopped")


def _near_setting_then_failing(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    for article in articles:
        article.extra["duplicate_cluster"] = "half made"
    raise ValueError("near failed late")


def _passage_waiting(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    params["_clusters_ready"]()  # EOFError once the parent closes the pipe
    return iter(())


def _passage_reading(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """Waits for near's columns, then reports the articles that have a cluster."""
    params["_clusters_ready"]()
    return iter([Finding(article_id=a.article_id, check="duplicate.passage", message="x")
                 for a in articles if a.extra.get("duplicate_cluster")])


def _near_setting_much(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    for article in articles:  # far more than a pipe's buffer (64 KB) to send
        article.extra["duplicate_cluster"] = article.article_id * 500
    return iter(())


def _passage_failing(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    raise RuntimeError("passage failed before asking")


def _jobs(near: Any, passage: Any) -> list[Any]:
    articles = [make_article("text", article_id=f"article-{i:04d}") for i in range(300)]
    return [(_Fake(APART[0], near), articles, {}), (_Fake(APART[1], passage), articles, {})]


def test_an_error_of_near_here_is_contained_and_passage_goes_on_without_its_columns() -> None:
    jobs = _jobs(_near_setting_then_failing, _passage_reading)
    found, _, failed = start_apart(jobs)()
    assert failed == {APART[0]: "ValueError: near failed late"}
    assert found == {APART[1]: []}  # near's half-made columns were taken back, not sent
    assert all("duplicate_cluster" not in a.extra for a in jobs[0][1])


def test_a_stop_of_near_here_ends_the_childs_wait_and_comes_out() -> None:
    with pytest.raises(_Stop, match="near stopped"):
        start_apart(_jobs(_near_stopped, _passage_waiting))


def test_an_error_in_the_child_is_contained_though_near_had_much_to_send() -> None:
    jobs = _jobs(_near_setting_much, _passage_failing)
    found, _, failed = start_apart(jobs)()
    assert failed == {APART[1]: "RuntimeError: passage failed before asking"}
    assert found == {APART[0]: []}
    assert jobs[0][1][5].extra["duplicate_cluster"] == "article-0005" * 500  # near's, kept


def test_a_column_that_cannot_be_sent_is_the_error_reported() -> None:
    """_send keeps any error but a closed pipe, for wait() to raise instead of the
    child's EOFError."""
    from audit.detect.workers import _send

    class Writer:
        closed = False

        def send(self, value: object) -> None:
            raise TypeError("cannot pickle 'function' object")

        def close(self) -> None:
            self.closed = True

    writer, unsent = Writer(), []
    _send(writer, [], unsent)
    assert writer.closed and isinstance(unsent[0], TypeError)
