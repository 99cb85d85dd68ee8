"""The validate stage's own work, cheaper (docs/measurements/tail3.md): the article table
made from columns instead of a dict an article, the report's rows taking their strings
from those columns instead of back out of the table, the cluster diffs from the rows.
The same table, parquet bytes and report as before."""

from __future__ import annotations

import copy
import io
import json
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import audit.pipeline as pipeline
from audit.model import Article
from audit.report import _rows, prepare
from audit.suite import load_suite

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _table_by_rows(articles: list[Article], suite: Any, not_checked: dict[str, list[str]],
                   failed: dict[str, dict[str, str]] | None, counts: list[dict[str, Any]]) -> pd.DataFrame:
    """The article table as it was made before (a dict an article): the reference."""
    names = [name for name in pipeline.TABLE_COLUMNS if name != "status"]
    rows = []
    for a, counted in zip(articles, counts, strict=True):
        row = a.row(names)
        row["status"] = "pass"
        row["not_checked"] = ",".join(sorted(set(not_checked.get(a.article_id, ())))) or None
        row.update(a.extra)
        row.update(counted)
        if failed:
            errors = failed.get(a.article_id)
            row["check_failures"] = json.dumps(errors, ensure_ascii=False) if errors else None
        rows.append(row)
    table = pd.DataFrame(rows, columns=None if rows else pipeline.TABLE_COLUMNS)
    for check in suite.rules:
        if pipeline.signal_column(check) not in table:
            table[pipeline.signal_column(check)] = pd.Series(dtype="int64")
    return table


def _parquet(table: pd.DataFrame) -> bytes:
    out = io.BytesIO()
    table.to_parquet(out, index=False)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> Any:
    suite = load_suite("news")
    result = pipeline.run([SEEDS], suite=suite, out=tmp_path_factory.mktemp("seeds") / "run",
                          on_problem=None, workers=1, data_docs=False, html_report=False)
    return suite, result


def _odd(articles: list[Article]) -> tuple[list[Article], dict[str, list[str]], dict[str, dict[str, str]]]:
    """The seeds' articles with extras of every awkward kind: keys that appear only later
    (after the counts), over a field, over a count, ints and bools with gaps, all None."""
    odd = [copy.copy(a) for a in articles]
    for n, a in enumerate(odd):
        a.extra = dict(a.extra)
        if n % 3 == 1:
            a.extra["late_int"] = n  # missing elsewhere: NaN, so float64
        if n % 2:
            a.extra["late_str"] = f"s{n}"  # strings and NaN: pandas' str
        if n % 2 == 0 and n:
            a.extra["flag"] = n == 2  # bools and NaN: object
        if n == 3:
            a.extra["title"] = f"over {n}"  # an extra over a field keeps the field's place
        if n == 4:
            a.extra["n_paywall_text"] = 99  # a count wins over an extra of its name
            a.extra["status"] = "odd"
        a.extra["nothing"] = None
    not_checked = {odd[3].article_id: ["paywall.text", "language.mixed"],
                   odd[1].article_id: ["duplicate.near"]}
    failed = {odd[2].article_id: {"paywall": "ValueError: x"}}
    return odd, not_checked, failed


def _cases(suite: Any, result: Any) -> list[tuple[str, list[Article], dict[str, list[str]], Any]]:
    odd, not_checked, failed = _odd(result.articles)
    with_failures = [copy.copy(a) for a in odd]
    with_failures[0] = copy.copy(with_failures[0])
    with_failures[0].extra = {**with_failures[0].extra, "check_failures": "an extra"}
    return [("seeds", result.articles, {}, None), ("odd", odd, not_checked, failed),
            ("odd, nothing failed", odd, not_checked, None),
            ("check_failures extra", with_failures, not_checked, failed),
            ("one", result.articles[:1], {}, None), ("none", [], {}, None)]


def test_the_table_from_columns_is_the_one_a_dict_an_article_made(seeds_run: Any) -> None:
    suite, result = seeds_run
    for label, articles, not_checked, failed in _cases(suite, result):
        counts = list(pipeline.signal_counts(articles, result.findings, suite, not_checked))
        before = _table_by_rows(articles, suite, not_checked, failed, counts)
        plain = pipeline.article_table(articles, result.findings, suite, not_checked, failed)
        counted = pipeline.count_columns(articles, result.findings, suite, not_checked)
        known = pipeline.signal_columns(articles, result.findings, suite, not_checked, counted)
        columns = pipeline.article_columns(articles, not_checked, failed, counted, known)
        as_run = pipeline.article_table(articles, result.findings, suite, not_checked, failed,
                                        counted, columns)  # GX's lists and count arrays reused
        for now in (plain, as_run):
            assert list(now.columns) == list(before.columns), label
            assert now.dtypes.tolist() == before.dtypes.tolist(), label
            pd.testing.assert_frame_equal(now, before, obj=label)
            assert _parquet(now) == _parquet(before), label
    articles, not_checked, failed = _odd(result.articles)
    odd = pipeline.article_table(articles, result.findings, suite, not_checked, failed)
    assert list(odd.columns)[-4:] == ["check_failures", "late_int", "late_str", "flag"]  # after the counts
    assert odd["late_int"].dtype == "float64" and odd["flag"].dtype == object
    assert odd["late_str"].dtype == "str" and odd["late_str"].isna().sum() == 3


def test_the_reports_rows_take_the_articles_strings(seeds_run: Any) -> None:
    """The rows hold the articles' own strings (not copies read back out of the table's
    Arrow columns) and equal the rows read back from the table."""
    suite, result = seeds_run
    for label, articles, not_checked, failed in _cases(suite, result)[:2]:
        counts = pipeline.count_columns(articles, result.findings, suite, not_checked)
        known = pipeline.signal_columns(articles, result.findings, suite, not_checked, counts)
        made: Future[Any] = Future()
        prepared = pipeline._table_and_report(articles, result.findings, suite, not_checked,
                                              failed or {}, counts, True, known, made)
        table = made.result()
        assert prepared.rows == _rows(table), label
        for row, article in zip(prepared.rows, articles, strict=True):
            assert row["text"] is article.text and row["title"] is (article.extra.get("title")
                                                                     or article.title)
        again = prepare(table, result.findings)  # without the columns: read back from the table
        assert again.clusters == prepared.clusters and again.planned == prepared.planned, label


def _counts_by_article(articles: Any, findings: Any, suite: Any, not_checked: dict[str, list[str]]) -> list[dict]:
    """The counts as they were made before: a dict of counts per article id, then per article."""
    own: dict[str, dict[str, int]] = {}
    for f in findings:
        own.setdefault(f.article_id, {}).setdefault(f.check, 0)
        own[f.article_id][f.check] += 1
    return [{pipeline.signal_column(check): None if check in not_checked.get(a.article_id, ())
             else own.get(a.article_id, {}).get(check, 0) for check in suite.rules} for a in articles]


def test_counted_column_by_column_as_article_by_article() -> None:
    """A repeated id (each copy gets the id's counts), a finding of an unknown article or
    of a check outside the suite (not counted), a check both found and not checked (None)."""
    from types import SimpleNamespace

    suite = load_suite("news")
    checks = list(suite.rules)
    articles = [SimpleNamespace(article_id=i) for i in ("a", "b", "a", "c")]
    findings = [SimpleNamespace(article_id=i, check=c) for i, c in (
        ("a", checks[0]), ("a", checks[0]), ("b", checks[3]), ("zz", checks[0]), ("c", "not.a.check"),
        ("c", checks[1]), ("b", checks[2]))]
    not_checked = {"c": [checks[1], checks[1], "not.a.check"], "a": [checks[5]], "nobody": [checks[0]]}
    columns = pipeline.count_columns(articles, findings, suite, not_checked)
    assert list(columns) == [pipeline.signal_column(c) for c in checks]
    expected = _counts_by_article(articles, findings, suite, not_checked)
    assert [dict(zip(columns, values)) for values in zip(*columns.values())] == expected
    assert list(pipeline.signal_counts(articles, findings, suite, not_checked)) == expected
    assert columns[pipeline.signal_column(checks[0])] == [2, 0, 2, 0]
    assert columns[pipeline.signal_column(checks[1])][3] is None


def test_gx_gets_the_frame_the_table_gave_when_a_check_judged_nobody(seeds_run: Any) -> None:
    """Counts sent as arrays: int64; float64 with NaN when some article was not judged; a
    list of None (pandas: object) when no article was (a cross-article check that failed)."""
    from audit.validate import as_frame

    suite, result = seeds_run
    checks = list(suite.rules)
    not_checked = {a.article_id: [checks[-1]] for a in result.articles}  # judged nobody
    not_checked[result.articles[0].article_id].append(checks[2])  # not judged one article
    sent = pipeline.signal_columns(result.articles, result.findings, suite, not_checked)
    frame = as_frame(sent, suite)
    before = pipeline.signal_frame(pipeline.article_table(result.articles, result.findings, suite,
                                                          not_checked), suite)
    pd.testing.assert_frame_equal(frame, before, check_exact=True)
    assert frame[pipeline.signal_column(checks[-1])].dtype == object
    assert frame[pipeline.signal_column(checks[2])].dtype == "float64"
    assert frame[pipeline.signal_column(checks[0])].dtype == "int64"
    assert type(sent[pipeline.signal_column(checks[0])]).__name__ == "ndarray"


def test_a_bare_view_is_the_view_record_of_an_article_without_findings(seeds_run: Any) -> None:
    from audit.report import chunks

    suite, result = seeds_run
    table = pipeline.article_table(result.articles, result.findings, suite, {})
    rows = _rows(table)
    rows.append({**rows[0], "text": None, "clean_text": None})  # no text at all
    for row in rows:
        bare, made = chunks._bare_record(row), chunks._view_record(row, [], whole=False)
        assert json.dumps(bare) == json.dumps(made)  # keys, their order and values
        assert chunks._weight(made) == chunks.BARE_WEIGHT


def _plan_views_before(rows: list[dict], by_article: dict, budget: int) -> tuple:
    """plan_views as it was (a _view_record for every article): the reference."""
    from audit.report import chunks

    left = int(budget * chunks.rd.EVIDENCE_SHARE)
    order = sorted(range(len(rows)), key=lambda i: (chunks._worst(by_article.get(rows[i]["article_id"], [])),
                                                    -len(by_article.get(rows[i]["article_id"], [])), i))
    views, weights = {}, {}
    for i in order:
        record = chunks._view_record(rows[i], by_article.get(rows[i]["article_id"], []), whole=False)
        texts = chunks._texts_weight(record)
        weight = chunks._weight(record, texts)
        if weight <= left:
            views[i], weights[i], left = record, (weight, texts), left - weight
    left += budget - int(budget * chunks.rd.EVIDENCE_SHARE)
    for i in order:
        if i not in views or not rows[i].get("text"):
            continue
        weight, texts = weights[i]
        if chunks._whole_cost(rows[i]) - weight > left:
            continue
        whole = chunks._whole_fields(rows[i], by_article.get(rows[i]["article_id"], []))
        extra = chunks._texts_weight(whole) - texts
        if extra <= left:
            views[i].update(whole)
            left -= extra
    whole = sum(1 for v in views.values() if v["whole"])
    return ([views[i] for i in sorted(views)], budget - left,
            {"whole": whole, "evidence": len(views) - whole, "none": len(rows) - len(views)})


def test_the_views_planned_are_those_planned_a_record_an_article(seeds_run: Any) -> None:
    """With findings of every severity, articles without, an empty findings list, and
    budgets that leave some articles out and some texts in pieces."""
    from audit.report import _numbered, chunks

    suite, result = seeds_run
    many = [copy.copy(a) for a in result.articles for _ in range(8)]
    for n, a in enumerate(many):
        a.article_id = f"{a.article_id}-{n}"
    findings = [replace(f, article_id=f"{f.article_id}-{n}") for f in result.findings
                for n in range(0, 40, 3)]
    table = pipeline.article_table(many, findings, suite, {})
    rows = _rows(table)
    by_article = _numbered(findings)
    by_article[rows[5]["article_id"]] = []
    assert any(row["article_id"] not in by_article for row in rows)
    for budget in (3_000, 20_000, 60_000, chunks.rd.VIEW_BUDGET_CHARS):
        now, before = chunks.plan_views(rows, by_article, budget), _plan_views_before(rows, by_article, budget)
        assert json.dumps(now) == json.dumps(before), budget


def test_codes_of_a_column_are_the_codes_one_by_one() -> None:
    from audit.report.data import Dictionary

    values = ["b", None, "a", "", "b", 7, "7", float("nan"), "a", "c"]
    one, many = Dictionary(), Dictionary()
    assert many.codes(values) == [one.code(v) for v in values]
    assert many.values == one.values


def test_frame_without_pandas_internal_equals_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """A pandas whose convert_object_array has another signature (or none) gets the public
    from_records path: the same frame, not an error (the fast path is pandas-internal)."""
    import numpy as np
    import pandas.core.internals.construction as construction

    columns = {"article_id": ["a", "b", "c"], "title": ["Ünïcode", None, "x"],
               "count": [0, None, 2], "typed": np.array([1, 0, 3], dtype="int64")}
    fast = pipeline._frame(columns)

    original = construction.convert_object_array

    calls = []

    def other_signature(content: Any, **kwargs: Any) -> Any:  # the first call is _frame's own
        calls.append(len(content))
        if len(calls) == 1:
            raise TypeError("convert_object_array() got an unexpected keyword argument 'dtype'")
        return original(content, **kwargs)

    monkeypatch.setattr(construction, "convert_object_array", other_signature)
    slow = pipeline._frame(columns)
    assert len(calls) == 2  # refused, then pandas' public path (which uses it internally)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["count"].dtype == "float64" and fast["typed"].dtype == "int64"
