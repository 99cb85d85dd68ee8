"""The report's preparation on a rerun, cheaper (docs/measurements/rtail.md): the view
plan's bare records made in C loops, view records' status by their row's place, the list
files' columns from the rows' columns, str columns taken uncopied, view records looked at
only where they hold findings. Same plan, rows, files and bytes as the ways they replace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import realtext

import audit.pipeline as pipeline
from audit.report import _row_columns, _rows_plain, _zip_rows, chunks, prepare, with_status
from audit.report import data as rd
from audit.suite import load_suite


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, pd.DataFrame, dict[str, Any]]:
    """300 real articles: findings on some, whole texts, near-copy clusters; the table and
    the plain columns the run made it of (pipeline.article_columns)."""
    result = realtext.quick_run(tmp_path_factory.mktemp("rtail"), 300)
    suite = load_suite("news")
    counts = pipeline.count_columns(result.articles, result.findings, suite, {})
    columns = pipeline.article_columns(result.articles, {}, {}, counts)
    table = pipeline.article_table(result.articles, result.findings, suite, {}, {}, counts, columns)
    return result, table, columns


def _plan_one_by_one(rows: list[dict[str, Any]], by_article: dict[str, Any], budget: int) -> Any:
    """plan_views' first pass as it was: a Python loop over every article, bare ones too."""
    total = budget
    left = int(total * rd.EVIDENCE_SHARE)
    owns = [by_article.get(row["article_id"], chunks.NOTHING) for row in rows]
    order = sorted((i for i, own in enumerate(owns) if own), key=lambda i: (chunks._worst(owns[i]), -len(owns[i]), i))
    order += [i for i, own in enumerate(owns) if not own]
    views = {}
    for i in order:
        if owns[i]:
            record = chunks._view_record(rows[i], owns[i], whole=False)
            weight = chunks._weight(record)
        else:
            record, weight = chunks._bare_record(rows[i]), chunks.BARE_WEIGHT
        if weight <= left:
            views[i], left = record, left - weight
    return sorted(views), left


@pytest.mark.parametrize("budget", [0, 1_000, 30_000, 200_000, 2_000_000, None])
def test_bare_records_in_bulk_are_those_the_loop_took(
        real_run: tuple[Any, pd.DataFrame, dict[str, Any]], budget: int | None) -> None:
    """Budgets from none to all: the evidence views kept are the loop's (bare ones cut at
    the same article), and plan_views is plan_view_places less the places, which are
    each record's row."""
    result, table, columns = real_run
    rows = _zip_rows(_row_columns(table, columns))
    by_article = prepare(table, result.findings, columns).by_article
    places, views, used, shown = chunks.plan_view_places(rows, by_article, budget)
    assert chunks.plan_views(rows, by_article, budget) == (views, used, shown)
    assert [rows[n]["article_id"] for n in places] == [v["article_id"] for v in views]
    if budget is not None:
        kept, _ = _plan_one_by_one(rows, by_article, budget)
        assert places == kept or set(places) <= set(kept)  # whole texts never add a view
        assert places == kept
    bare = sum(1 for n in places if not by_article.get(rows[n]["article_id"]))
    # bare records come after every article with findings: all of them with room for all (it
    # asserted 0 < bare at 30,000 bytes, which held by one record: four findings fewer on
    # these 300 articles, twenty-first session, and the views with findings filled it)
    assert budget != 2_000_000 or bare == sum(1 for r in rows if not by_article.get(r["article_id"]))


def test_status_by_place_is_status_by_id(real_run: tuple[Any, pd.DataFrame, dict[str, Any]]) -> None:
    """Records get their row's status by the row's place: the same as by the article's id."""
    result, table, columns = real_run
    status = ["fail" if n % 3 == 0 else "pass" for n in range(len(table))]
    by_place = with_status(prepare(table, result.findings, columns), status)
    by_id = prepare(table, result.findings, columns)
    by_id.positions = None
    with_status(by_id, status)
    assert by_place.planned == by_id.planned and by_place.rows == by_id.rows
    assert {r["status"] for r in by_place.planned[0]} == {"pass", "fail"}


def test_list_columns_from_columns_equal_those_from_rows(
        real_run: tuple[Any, pd.DataFrame, dict[str, Any]]) -> None:
    """The list files' columns (and dictionaries' codes, in order) from the rows' columns
    are those made row by row; a field the rows lack is None in each, as row.get gave."""
    result, table, columns = real_run
    values = _row_columns(table, columns)
    rows = _zip_rows(values)
    by_article = prepare(table, result.findings, columns).by_article
    for drop in (None, "publisher"):
        shown = {k: v for k, v in values.items() if k != drop}
        plain_rows = [{k: v for k, v in row.items() if k != drop} for row in rows]
        dicts, cut = chunks.list_columns(plain_rows, by_article, shown)
        dicts0, cut0 = chunks.list_columns(plain_rows, by_article)
        assert cut == cut0 and {k: d.values for k, d in dicts.items()} == {k: d.values for k, d in dicts0.items()}
    assert len(cut) >= 1 and any(cut[0][2]["nf"])


def test_str_lists_are_taken_as_they_are(real_run: tuple[Any, pd.DataFrame, dict[str, Any]]) -> None:
    """A str column of the table whose list holds only str and None is the very list (no
    copy), its types kept; a list with another value is still made None there."""
    _, table, columns = real_run
    kinds: dict[str, set[type]] = {}
    values = _row_columns(table, columns, kinds)
    assert values["text"] is columns["text"] and kinds["text"] <= {str, type(None)}
    odd = dict(columns, title=[float("nan"), *columns["title"][1:]])
    assert _row_columns(table, odd)["title"][0] is None
    assert _rows_plain(values, kinds)


def test_views_looked_at_where_they_hold_findings_only(
        real_run: tuple[Any, pd.DataFrame, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With plain rows, orjson_plain sees the findings of the records that have some, never
    a piece of text; the files are those json alone writes. A text that is a str subclass
    makes the rows not plain (a whole text is a piece as it is)."""
    result, table, columns = real_run
    looked: list[Any] = []
    plain = rd.orjson_plain
    monkeypatch.setattr(rd, "orjson_plain", lambda value: looked.append(value) or plain(value))

    def files(folder: Path, prepared: Any) -> dict[str, bytes]:
        with_status(prepared, table["status"].tolist())
        folder.mkdir()
        chunks.write_data(folder, prepared.rows, prepared.by_article, prepared.clusters, prepared.planned,
                          prepared.listed, prepared.rows_plain)
        return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}

    prepared = prepare(table, result.findings, columns)
    assert prepared.rows_plain
    fast = files(tmp_path / "fast", prepared)
    # the records' part looked at: a list of their `f` lists, each finding 8 values;
    # never a piece ([start, text]) nor a clean text (the old look's list mixed them in)
    (records_looked,) = [v for v in looked if isinstance(v, list) and v and isinstance(v[0], list)]
    assert len(records_looked) == sum(1 for r in prepared.planned[0] if r["f"]) > 10
    assert all(isinstance(f, list) and f and all(len(x) == 8 for x in f) for f in records_looked)
    monkeypatch.setattr(rd, "orjson", None)
    assert files(tmp_path / "json", prepare(table, result.findings, columns)) == fast

    class Text(str):
        pass

    odd = dict(columns, text=[Text(columns["text"][0]), *columns["text"][1:]])
    assert not prepare(table, result.findings, odd).rows_plain
