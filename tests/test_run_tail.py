"""The run's tail overlapped with Great Expectations (issue 13): the report prepared
while GX validates, its status filled in after; articles.parquet written in a thread;
the Data Docs built by GX's process while the report is written. Same files as before."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pandas as pd
import pytest
import realtext

from audit.pipeline import article_table, run, write_outputs, write_parquet_apart
from audit.report import chunks, prepare, with_status, write_data_ahead
from audit.suite import load_suite

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The seeds' run (one article fails the suite), without a report of its own."""
    suite = load_suite("news")
    result = run([SEEDS], suite=suite, out=tmp_path_factory.mktemp("seeds") / "run",
                 on_problem=None, workers=1, data_docs=False, html_report=False)
    table = article_table(result.articles, result.findings, suite, {})
    table["status"] = [result.status[i] for i in table["article_id"]]
    assert set(table["status"]) == {"pass", "fail"}, "a failing article makes the test mean something"
    return result, table


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_report_prepared_before_the_status_is_the_same_report(seeds_run: tuple, tmp_path: Path) -> None:
    result, table = seeds_run
    before = table.copy()
    before["status"] = "pass"  # what article_table gives the run before GX decides
    prepared = with_status(prepare(before, result.findings), table["status"].tolist())
    assert {r["status"] for r in prepared.rows} == {"pass", "fail"}
    outcomes = type("V", (), {"outcomes": []})()
    waited = []
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    write_outputs(tmp_path / "old", table, result.findings, result.summary, result.articles, outcomes)
    write_outputs(tmp_path / "new", table, result.findings, result.summary, result.articles, outcomes,
                  True, prepared, lambda: waited.append(1))
    old, new = _files(tmp_path / "old"), _files(tmp_path / "new")
    assert waited == [1] and len(old) > 5
    assert old == new


@pytest.mark.parametrize("guess", ["right", "wrong"])
def test_data_files_written_ahead_with_a_guess_make_the_same_report(
        seeds_run: tuple, tmp_path: Path, guess: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data files written while GX validates, with guessed statuses: kept when GX's
    are the guess (not written twice), written again when not; the same files either way."""
    result, table = seeds_run
    statuses = table["status"].tolist()
    guessed = statuses if guess == "right" else ["pass"] * len(statuses)
    before = table.copy()
    before["status"] = "pass"
    prepared = write_data_ahead(prepare(before, result.findings), tmp_path / "new" / "data", guessed)
    assert (tmp_path / "new" / "data" / "meta.js").is_file()
    writes = []
    real_write_data = chunks.write_data
    monkeypatch.setattr("audit.report.write_data", lambda *a, **k: writes.append(1) or real_write_data(*a, **k))
    prepared = with_status(prepared, statuses)
    outcomes = type("V", (), {"outcomes": []})()
    (tmp_path / "old").mkdir()
    write_outputs(tmp_path / "old", table, result.findings, result.summary, result.articles, outcomes)
    assert writes == [1]
    write_outputs(tmp_path / "new", table, result.findings, result.summary, result.articles, outcomes,
                  True, prepared, lambda: None)
    assert writes == ([1] if guess == "right" else [1, 1])
    assert _files(tmp_path / "old") == _files(tmp_path / "new")


def test_the_parquet_written_in_a_thread_has_to_parquets_bytes(seeds_run: tuple, tmp_path: Path) -> None:
    _, table = seeds_run
    table.to_parquet(tmp_path / "pandas.parquet", index=False)
    write_parquet_apart(table, tmp_path / "apart.parquet").result()
    assert (tmp_path / "apart.parquet").read_bytes() == (tmp_path / "pandas.parquet").read_bytes()
    assert pd.read_parquet(tmp_path / "apart.parquet").equals(table)


@realtext.needs_gold
def test_on_real_articles_the_prepared_report_is_the_same(tmp_path: Path) -> None:
    """200 real articles: near-copy clusters and views, as in a run."""
    result = realtext.quick_run(tmp_path, 200)
    suite = load_suite("news")
    table = article_table(result.articles, result.findings, suite, {})
    table["status"] = [result.status[i] for i in table["article_id"]]
    before = table.copy()
    before["status"] = "pass"
    prepared = with_status(prepare(before, result.findings), table["status"].tolist())
    outcomes = type("V", (), {"outcomes": []})()
    for name, extra in (("old", ()), ("new", (True, prepared, lambda: None))):
        (tmp_path / name).mkdir()
        write_outputs(tmp_path / name, table, result.findings, result.summary, result.articles,
                      outcomes, *extra)
    assert _files(tmp_path / "old") == _files(tmp_path / "new")


def test_a_run_links_the_data_docs_its_gx_process_built_meanwhile(tmp_path: Path) -> None:
    out = tmp_path / "latest"
    result = run([SEEDS], out=out, on_problem=None, workers=1)
    assert (out / "data_docs" / "index.html").is_file()
    assert 'href="data_docs/index.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert "wait_gx_docs" in result.summary["seconds"] or "gx_docs" not in result.summary["seconds"]
    assert not multiprocessing.active_children()


def test_the_parquet_is_begun_before_the_summary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """articles.parquet, the report's longest part at 100,000 articles, is being written
    while the summary is made and compared with the last run; the file is the table's."""
    import audit.pipeline as pipeline

    begun: list[str] = []
    apart, summary = pipeline.write_parquet_apart, pipeline.build_summary
    monkeypatch.setattr(pipeline, "write_parquet_apart", lambda *a: begun.append("parquet") or apart(*a))
    monkeypatch.setattr(pipeline, "build_summary", lambda *a, **k: begun.append("summary") or summary(*a, **k))
    result = run([SEEDS], out=tmp_path / "run", on_problem=None, workers=1, data_docs=False)
    assert begun == ["parquet", "summary"]
    table = pd.read_parquet(tmp_path / "run" / "articles.parquet")
    assert table["status"].tolist() == [result.status[i] for i in table["article_id"]]


def test_a_failure_after_the_parquet_is_begun_leaves_the_last_run(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.pipeline as pipeline
    import audit.report.history as history

    out = tmp_path / "run"
    run([SEEDS], out=out, on_problem=None, workers=1, data_docs=False, html_report=False)
    before = _files(out)

    def broken(*args: object) -> None:
        raise RuntimeError("no comparison")

    monkeypatch.setattr(history, "compare_with_previous", broken)
    with pytest.raises(RuntimeError, match="no comparison"):
        pipeline.run([SEEDS], out=out, on_problem=None, workers=1, data_docs=False, html_report=False)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".run.lock", "history.jsonl", "run"]  # no work folder left


def test_the_input_files_hashed_while_gx_validates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """summary.json's input_files: a JSONL file of many records hashed whole (in a thread
    begun at the run's start: record_file_hashes), a file an article by its own hash;
    each file once."""
    import hashlib
    import json

    import audit.pipeline as pipeline

    lines = tmp_path / "many.jsonl"
    lines.write_text("".join(json.dumps({"id": f"a{n}", "title": f"Title {n}", "published": "2024-03-0{n}",
                                         "text": f"Article {n} says the council met on Monday. " * 5}) + "\n"
                             for n in range(1, 4)), encoding="utf-8")
    one = tmp_path / "one.txt"
    one.write_text("A plain text file of one article, long enough to be read as one.\n" * 3, encoding="utf-8")
    called: list[object] = []
    hashed = pipeline.input_files
    monkeypatch.setattr(pipeline, "input_files",
                        lambda articles, hashes=None: called.append(hashes) or hashed(articles, hashes))
    result = run([lines, one], out=tmp_path / "run", on_problem=None, workers=1, data_docs=False,
                 html_report=False)
    # once, given the JSONL file's hash made at the start (the .txt file's is its article's)
    assert called == [{str(lines): hashlib.sha256(lines.read_bytes()).hexdigest()}]
    files = {f["path"]: f["sha256"] for f in result.summary["input_files"]}
    assert files == {str(lines): hashlib.sha256(lines.read_bytes()).hexdigest(),
                     str(one): hashlib.sha256(one.read_bytes()).hexdigest()}
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["input_files"] == result.summary["input_files"]
