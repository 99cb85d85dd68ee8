"""Containment (audit.detect.contain): a detector that raises on one article costs that
article's check, not the run. The failure is injected by patching a detector's function
to raise on a marked text; the patch is made before the workers fork, so it holds with
--workers 1 (in this process) and --workers 2 (forked workers, and start_apart's child).

What must hold: every other article gets the findings of a run without the failure; the
failed article is a row, not checked by that check (null count, the error in
`check_failures`), fails, and is quarantined by the gate; one problem line names its
file and record; nothing of the failure is cached (a rerun tries again)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from factories import TEXT, make_article
from test_report_browser import CHROMEDRIVER, CHROMIUM, _open, _wait, browser  # noqa: F401 (a fixture)

import audit
import audit.normalise
from audit.detect.consistency import contradictions, dates
from audit.detect.contain import describe_error, find_across, find_contained
from audit.detect.duplicates import near, passage
from audit.detect.leakage import boilerplate
from audit.model import Article, Finding
from audit.pipeline import RunResult
from audit.report.data import read_data_file

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
MARKER = "Kestrelmark"  # the text a patched detector raises on
INJECTED = "ValueError: injected failure"
FAILING = {"on": True}  # read in the forked workers too (copied at the fork)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, and a feed whose third record (marked) has an invalid date: a finding that
    a cached failure would lose on the rerun."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, folder / "seeds")
    rows = [
        {"id": "good", "text": TEXT, "published": "2025-05-15", "publisher": "Example"},
        {"id": "copy", "text": TEXT.replace("Putin", "PUTIN"), "published": "2025-05-16"},
        {"id": "marked", "text": TEXT + f" The talks were due on April 31. {MARKER} reported.",
         "published": "2025-05-15"},
        {"id": "other", "text": TEXT + " The talks were due on April 31.", "published": "2025-05-17"},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def _run(corpus: Path, out: Path, workers: int, cache: Path | None = None,
         problems: list[str] | None = None) -> RunResult:
    return audit.run([corpus], out=out, workers=workers, cache=cache, data_docs=False,
                     on_problem=None if problems is None else problems.append)


@pytest.fixture(scope="module")
def baseline(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    result = _run(corpus, tmp_path_factory.mktemp("base") / "r", workers=1)
    return [f.to_json() for f in result.findings]


def _raising_on_marker(real: Any) -> Any:
    def find(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterable[Finding]:
        if FAILING["on"] and any(MARKER in a.text for a in articles):
            raise ValueError("injected\nfailure")  # one line in the report: newlines go
        return real(articles, params)
    return find


def _raising(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterable[Finding]:
    raise RuntimeError("cross-article check broke")


@pytest.fixture
def dates_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    FAILING["on"] = True
    monkeypatch.setattr(dates, "find_invalid_dates", _raising_on_marker(dates.find_invalid_dates))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_detector_raising_on_one_article_costs_that_articles_check_only(
        corpus: Path, baseline: list[dict[str, Any]], tmp_path: Path, workers: int,
        dates_failing: None) -> None:
    problems: list[str] = []
    result = _run(corpus, tmp_path / "r", workers, cache=tmp_path / "cache", problems=problems)
    lost = [f for f in baseline if f["article_id"] == "marked" and f["check"] == "consistency.invalid_date"]
    assert lost  # the marked article has this finding when nothing raises
    assert [f.to_json() for f in result.findings] == [f for f in baseline if f not in lost]
    assert problems == [f"{corpus / 'feed.jsonl'}#line=3: consistency.invalid_date failed on this "
                        f"article: {INJECTED}"]
    assert result.summary["problems"] == problems
    assert result.summary["check_failures"] == {"consistency.invalid_date": {
        "articles": 1, "whole_run": False, "error": INJECTED}}
    table = pd.read_parquet(result.out_dir / "articles.parquet").set_index("article_id")
    assert len(table) == 9  # every input article is a row
    assert table.loc["marked", "not_checked"] == "consistency.invalid_date"
    assert pd.isna(table.loc["marked", "n_consistency_invalid_date"])
    assert json.loads(table.loc["marked", "check_failures"]) == {"consistency.invalid_date": INJECTED}
    assert table.loc["marked", "status"] == "fail" and result.status["marked"] == "fail"
    assert table.loc["other", "n_consistency_invalid_date"] == 1
    assert table["check_failures"].drop("marked").isna().all()
    [view] = [v["marked"] for v in map(read_data_file, (result.out_dir / "data").glob("view-*.js"))
              if "marked" in v]  # what the report's article view draws as "not checked"
    assert json.loads(view["check_failures"]) == {"consistency.invalid_date": INJECTED}

    FAILING["on"] = False  # the same patched function (the same cache keys), not raising now
    again = _run(corpus, tmp_path / "r", workers, cache=tmp_path / "cache")
    assert [f.to_json() for f in again.findings] == baseline  # the failure was not cached
    assert again.summary["check_failures"] == {} and again.failed == {}
    assert again.summary["findings_cache"]["hits"] > 0


def test_the_gate_quarantines_an_article_a_check_raised_on(
        corpus: Path, tmp_path: Path, dates_failing: None) -> None:
    FAILING["on"] = False
    clean = audit.gate([corpus], accepted=tmp_path / "a0.jsonl", quarantine=tmp_path / "q0.jsonl",
                       workers=2, on_problem=None)
    FAILING["on"] = True
    gated = audit.gate([corpus], accepted=tmp_path / "a.jsonl", quarantine=tmp_path / "q.jsonl",
                       workers=2, on_problem=None)
    assert "marked" in clean.accepted or "marked" in clean.quarantined
    assert gated.quarantined["marked"][0] == {
        "check": "consistency.invalid_date", "severity": "error",
        "message": f"not checked: consistency.invalid_date failed on this article: {INJECTED}",
        "start": None, "end": None, "excerpt": ""}
    assert set(gated.accepted) == set(clean.accepted) - {"marked"}
    assert len(gated.accepted) + len(gated.quarantined) == len(gated.run.articles) == 9
    assert gated.exit_code == 1


@pytest.mark.parametrize(("module", "name", "check", "workers"), [
    (passage, "find_shared_passages", "duplicate.passage", 2),  # start_apart's forked child
    (passage, "find_shared_passages", "duplicate.passage", 1),
    (near, "find_near_duplicates", "duplicate.near", 2),  # the lead, here beside the child
    (contradictions, "find_contradictions", "consistency.contradiction", 2),
])
def test_a_cross_article_check_that_raises_did_not_run_and_the_run_goes_on(
        corpus: Path, baseline: list[dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        module: Any, name: str, check: str, workers: int) -> None:
    monkeypatch.setattr(module, name, _raising)
    problems: list[str] = []
    result = _run(corpus, tmp_path / "r", workers, problems=problems)
    got = [f.to_json() for f in result.findings]
    # (without near's clusters, passage makes them itself, as when the suite has no near)
    assert got == [f for f in baseline if f["check"] != check]
    error = "RuntimeError: cross-article check broke"
    assert problems == [f"{check} failed (a cross-article check: not run, every article not "
                        f"checked by it): {error}"]
    assert result.summary["check_failures"][check] == {"articles": 9, "whole_run": True, "error": error}
    table = pd.read_parquet(result.out_dir / "articles.parquet")
    assert table["not_checked"].str.contains(check, regex=False).all()
    assert (table["status"] == "fail").all()


def test_a_share_that_raises_in_the_workers_leaves_the_article_out_of_that_check(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cross-article check's per-article share (`prepare`) raising on one article."""
    real = boilerplate.prepare
    monkeypatch.setattr(boilerplate, "prepare", lambda a, p: (_ for _ in ()).throw(KeyError("x"))
                        if MARKER in a.text else real(a, p))
    problems: list[str] = []
    result = _run(corpus, tmp_path / "r", 2, problems=problems)
    assert problems == [f"{corpus / 'feed.jsonl'}#line=3: boilerplate.line failed on this article: "
                        "KeyError: 'x'"]
    assert result.failed == {"marked": {"boilerplate.line": "KeyError: 'x'"}}
    assert not [f for f in result.findings if f.article_id == "marked" and f.check == "boilerplate.line"]


@pytest.mark.parametrize("workers", [1, 2])
def test_normalising_that_raises_keeps_the_record_as_unreadable(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    real = audit.normalise.publication_date

    def dating(text: str, given: Any, **options: Any) -> Any:
        if MARKER in text:
            raise OverflowError("date out of range")
        return real(text, given, **options)

    monkeypatch.setattr(audit.normalise, "publication_date", dating)
    problems: list[str] = []
    gated = audit.gate([corpus], accepted=tmp_path / "a.jsonl", quarantine=tmp_path / "q.jsonl",
                       workers=workers, on_problem=problems.append)
    uri = f"{corpus / 'feed.jsonl'}#line=3"
    assert problems == [f"{uri}: normalise failed on this article: OverflowError: date out of range"]
    held = {json.loads(x)["article_id"]: json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()}
    assert MARKER in held["marked"]["raw"]  # the text is kept for whoever looks at it
    assert [r["check"] for r in held["marked"]["quarantine_reasons"]] == ["normalise", "ingest.unreadable"]
    assert len(gated.accepted) + len(gated.quarantined) == 9


def test_find_contained_equals_find_and_loses_only_the_article_that_raised() -> None:
    articles = [make_article(TEXT + f" It was due on April {31 + i}.", article_id=f"a{i}",
                             published=None) for i in range(4)]
    params: dict[str, Any] = {}
    whole = list(dates.find_invalid_dates(articles, params))
    assert find_contained(dates.find_invalid_dates, articles, params) == (whole, {})
    articles[2].text += f" {MARKER}"
    FAILING["on"] = True
    found, failed = find_contained(_raising_on_marker(dates.find_invalid_dates), articles, params)
    assert failed == {"a2": INJECTED}
    assert found == [f for f in whole if f.article_id != "a2"]


def test_an_error_is_one_short_line() -> None:
    assert describe_error(KeyError("sept")) == "KeyError: 'sept'"
    assert describe_error(ValueError()) == "ValueError"
    long = describe_error(RuntimeError("x\n" * 500))
    assert "\n" not in long and len(long) == 300 and long.endswith("…")


def test_on_spark_executors_an_article_a_detector_raised_on_is_not_checked_nor_cached(
        tmp_path: Path, dates_failing: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The executors' function (audit.detect.spark), run here on one pandas batch: Spark's
    Python workers are not forks of this process, so a patch would not reach them."""
    from audit.detect import registry, run_detectors
    from audit.detect import spark as on_spark
    from audit.detect.cache import open_findings_cache
    from audit.suite import load_suite

    monkeypatch.setattr(on_spark, "_map_partitions", lambda session, frame, schema, work, out, parts:
                        pd.concat(list(work(iter([frame])))))
    articles = [make_article(TEXT + " It was due on April 31." + (f" {MARKER}" if i == 1 else ""),
                             article_id=f"a{i}", content_sha256=f"sha{i}") for i in range(3)]
    cache = open_findings_cache(tmp_path)
    detection = run_detectors(articles, load_suite("news"), [d for d in registry() if d.name == "dates"],
                              cache=cache, spread=lambda jobs: on_spark.spread_on_spark(None, jobs))
    assert [f.article_id for f in detection.findings] == ["a0", "a2"]
    assert detection.failed == {"a1": {"consistency.invalid_date": INJECTED}}
    assert detection.not_checked == {"a1": ["consistency.invalid_date"]}
    assert len(cache.entries) == 2  # a0 and a2 only: a rerun tries a1 again


@pytest.mark.parametrize("workers", [1, 2])
def test_language_detection_that_raises_leaves_the_language_unknown_and_the_article_held(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    import audit.normalise.language as language

    real = language.detect_language

    def detecting(text: str, *args: Any) -> Any:
        if MARKER in text:
            raise IndexError("profile missing")
        return real(text, *args)

    monkeypatch.setattr(language, "detect_language", detecting)
    problems: list[str] = []
    gated = audit.gate([corpus], accepted=tmp_path / "a.jsonl", quarantine=tmp_path / "q.jsonl",
                       workers=workers, on_problem=problems.append)
    assert problems == [f"{corpus / 'feed.jsonl'}#line=3: normalise failed on this article: "
                        "language detection: IndexError: profile missing"]
    marked = next(a for a in gated.run.articles if a.article_id == "marked")
    assert marked.language is None and gated.run.status["marked"] == "fail"
    assert gated.quarantined["marked"][0]["check"] == "normalise"
    assert len(gated.accepted) + len(gated.quarantined) == 9


@pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                    reason="needs Debian's chromium and chromium-driver (as test_report_browser)")
def test_the_reports_article_view_says_which_check_failed_and_why(
        corpus: Path, tmp_path: Path, dates_failing: None, browser: Any) -> None:  # noqa: F811
    result = _run(corpus, tmp_path / "r", 1)
    _open(browser, result.out_dir, "#a/marked")
    _wait(browser, lambda d: d.find_elements("css selector", "table.provenance"))
    shown = browser.find_element("css selector", "table.provenance").text
    assert f"not checked consistency.invalid_date: failed ({INJECTED})" in shown
    assert "language not supported" not in shown


def test_a_cross_article_check_that_raises_leaves_its_columns_as_they_were() -> None:
    """find_across takes back what the check set: a column an article had gets its value
    back, one it had not is removed; with no error, the check's values stay."""
    articles = [make_article(TEXT, article_id=f"a{i}") for i in range(4)]
    articles[1].extra["cluster"] = "before-1"
    articles[3].extra["cluster"] = None
    articles[2].extra["other"] = "kept"

    def setting_then_failing(chosen: Sequence[Article], params: Mapping[str, Any]) -> Iterable[Finding]:
        for article in chosen:
            article.extra["cluster"] = "half made"
            article.extra["other"] = "not a column of the check"
        raise ValueError("late")

    found, error = find_across(setting_then_failing, articles, {}, ("cluster",))
    assert (found, error) == ([], "ValueError: late")
    assert [a.extra.get("cluster", "absent") for a in articles] == ["absent", "before-1", "absent", None]
    assert [a.extra["other"] for a in articles] == ["not a column of the check"] * 4

    def setting(chosen: Sequence[Article], params: Mapping[str, Any]) -> Iterable[Finding]:
        for article in chosen:
            article.extra["cluster"] = article.article_id
        return []

    assert find_across(setting, articles, {}, ("cluster",)) == ([], None)
    assert [a.extra["cluster"] for a in articles] == ["a0", "a1", "a2", "a3"]
