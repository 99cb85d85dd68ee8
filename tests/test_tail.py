"""The run's tail, cheaper (docs/measurements/tail.md): GX's columns sent before the
article table is built, no cyclic collection in the tail, the overview's
facets counted without pandas, the packed data files gzipped by two threads. Same
outputs as before."""

from __future__ import annotations

import gc
import importlib
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import realtext

import audit.pipeline as pipeline
from audit.report import _rows, chunks, prepare, with_status
from audit.suite import load_suite
from audit.validate.child import InProcess

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUICK = {"on_problem": None, "data_docs": False, "workers": 1}
overview = importlib.import_module("audit.report.overview")  # audit.report.overview is also a function


def test_gx_gets_its_columns_while_the_table_is_being_built(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The table waits (10 s at most) until GX was asked: before, GX was asked only once
    the table was made, so the table waited its whole 10 s and says so."""
    asked = threading.Event()
    waited: list[bool] = []
    built = pipeline.article_table

    def table_after_gx(*args: Any, **kwargs: Any) -> Any:
        waited.append(asked.wait(10))
        return built(*args, **kwargs)

    class Asking(InProcess):
        def validate(self, frame, docs_dir):  # type: ignore[no-untyped-def]
            asked.set()
            return super().validate(frame, docs_dir)

    monkeypatch.setattr(pipeline, "article_table", table_after_gx)
    suite = load_suite("news")
    result = pipeline.run([SEEDS], suite=suite, out=tmp_path / "run", **QUICK,
                          validator=Asking(suite, "pandas", None))
    assert waited == [True]
    assert set(result.status.values()) == {"pass", "fail"}
    table = pd.read_parquet(tmp_path / "run" / "articles.parquet")
    assert table["status"].tolist() == [result.status[i] for i in table["article_id"]]


def test_the_tail_runs_without_the_collector_and_gives_it_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    columns = pipeline.signal_columns

    def looking(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return columns(*args, **kwargs)

    monkeypatch.setattr(pipeline, "signal_columns", looking)
    assert gc.isenabled()
    pipeline.run([SEEDS], out=tmp_path / "run", **QUICK)
    assert seen == [False]
    assert gc.isenabled()
    gc.disable()  # a caller that turned it off finds it off
    try:
        pipeline.run([SEEDS], out=tmp_path / "again", **QUICK)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _pandas_facets(rows: list[dict[str, Any]], findings: Any) -> list[dict[str, Any]]:
    """The overview's facets as they were counted before: a pandas groupby a facet."""
    from audit.model import split_uri
    from audit.report import svg
    from audit.report.data import text_of

    by_severity = {s: Counter() for s in overview.SEVERITIES}
    for f in findings:
        if f.severity in by_severity:
            by_severity[f.severity][f.article_id] += 1
    ids = [r["article_id"] for r in rows]
    frame = pd.DataFrame({
        "publisher": [text_of(r.get("publisher")) for r in rows],
        "file": [split_uri(text_of(r.get("source_uri")))[0] for r in rows],  # a reader's fragment off
        "language": [text_of(r.get("language")) for r in rows],
        "month": [text_of(r.get("published"))[:7] for r in rows],
        "failed": [r.get("status") == "fail" for r in rows],
        **{s: [by_severity[s].get(i, 0) for i in ids] for s in overview.SEVERITIES},
    })
    out = []
    for facet, title in overview.FACETS:
        stats = frame.groupby(facet, sort=False).agg(
            articles=("failed", "size"), failed=("failed", "sum"),
            **{s: (s, "sum") for s in overview.SEVERITIES}).reset_index()
        stats = stats.sort_values(["articles", facet], ascending=[False, True])
        top = int(stats["articles"].max()) if len(stats) else 0
        shown = []
        for record in stats.head(overview.TOP_VALUES).to_dict("records"):
            articles, failed = int(record["articles"]), int(record["failed"])
            shown.append({"value": record[facet], "articles": articles, "failed": failed,
                          "sev": {s: int(record[s]) for s in overview.SEVERITIES},
                          "bar": svg.bar([(articles - failed, "s-pass"), (failed, "s-fail")], top)})
        prefix = overview._common_folder(stats[facet].tolist()) if facet == "file" else ""
        for value in shown:
            value["label"] = value["value"][len(prefix):]
        out.append({"facet": facet, "title": title, "rows": shown, "prefix": prefix,
                    "more": max(len(stats) - overview.TOP_VALUES, 0), "distinct": len(stats)})
    return out


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, pd.DataFrame]:
    """200 real articles (the seeds without c2000): near copies, views, findings."""
    folder = tmp_path_factory.mktemp("real")
    result = realtext.quick_run(folder, 200)
    return result, pd.read_parquet(folder / "run" / "articles.parquet")


def test_the_facets_are_those_pandas_counted(real_run: tuple[Any, pd.DataFrame]) -> None:
    result, table = real_run
    rows = _rows(table)
    for n, row in enumerate(rows):  # failures, missing publishers, files in one folder, ties
        if n % 7 == 0:
            row["status"] = "fail"
        if n % 11 == 0:
            row["publisher"] = None
        if n % 5 == 0:
            row["source_uri"] = f"/data/feeds/part-{n % 3}.jsonl#line={n}"
    for some in (rows, rows[:1], rows[:30], []):
        assert overview._facets(some, result.findings) == _pandas_facets(some, result.findings)
    assert any(f["prefix"] for f in overview._facets(rows, result.findings))


def test_two_packing_threads_write_the_files_one_wrote(real_run: tuple[Any, pd.DataFrame],
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    result, table = real_run
    files = {}
    for packers in (1, 2):
        monkeypatch.setattr(chunks, "PACKERS", packers)
        monkeypatch.setattr(chunks.rd, "VIEW_CHUNK_CHARS", 50_000)  # many view files
        prepared = with_status(prepare(table, result.findings), table["status"].tolist())
        folder = tmp_path / str(packers)
        folder.mkdir()
        sizes = chunks.write_data(folder, prepared.rows, prepared.by_article, prepared.clusters,
                                  prepared.planned, prepared.listed)
        files[packers] = ({p.name: p.read_bytes() for p in sorted(folder.iterdir())}, sizes)
    assert len(files[2][0]) > 10
    assert files[1] == files[2]


def test_the_previous_runs_status_is_read_without_pandas(tmp_path: Path) -> None:
    """compare_with_previous reads two columns with pyarrow: the same answer; None for a
    missing, broken, or status-less previous table, as before."""
    from audit.report.history import compare_with_previous

    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "summary.json").write_text('{"run_id": "r0", "articles": 3, "counts": {"by_check": {"a": 2}}}')
    pd.DataFrame({"article_id": ["x", "y", "gone"], "status": ["pass", "fail", "pass"],
                  "text": ["t", "u", "v"]}).to_parquet(previous / "articles.parquet", index=False)
    summary = {"articles": 3, "counts": {"by_check": {"a": 1, "b": 1}}}
    answer = compare_with_previous(previous, summary, {"x": "fail", "y": "pass", "new": "fail"})
    assert answer == {"run_id": "r0", "articles": {"before": 3, "now": 3},
                      "findings_delta_by_check": {"a": -1, "b": 1}, "newly_failing": ["x"],
                      "fixed": ["y"], "new_articles": 1, "gone_articles": 1}
    (previous / "articles.parquet").write_text("not parquet")
    assert compare_with_previous(previous, summary, {}) is None
    pd.DataFrame({"article_id": ["x"]}).to_parquet(previous / "articles.parquet", index=False)
    assert compare_with_previous(previous, summary, {}) is None
    assert compare_with_previous(tmp_path / "nothing", summary, {}) is None
