"""The run's tail on a rerun, cheaper (docs/measurements/tail5.md): GX names unexpected
rows by the frame's index, not a `DataFrame.at` a row; the view records are not looked
at whole before orjson writes them when their rows were looked at column by column.
Same results and bytes as before."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import realtext

from audit.report import chunks, prepare, with_status
from audit.report import data as rd
from audit.suite import load_suite, signal_column
from audit.validate import as_frame, indexed_by_id, validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _signal_columns(suite: Any, n: int = 300) -> dict[str, Any]:
    """GX's columns as the run sends them: an id twice, a missing hash, counts with
    findings here and there, one count with articles it did not judge (NaN)."""
    ids = [f"a{i}" for i in range(n)]
    ids[40] = ids[41] = "twice"
    hashes: list[str | None] = [f"{i:064x}" for i in range(n)]
    hashes[7] = None
    columns: dict[str, Any] = {"article_id": ids, "content_sha256": hashes,
                               "published": ["2024-01-02"] * n, "published_from": ["field"] * n,
                               "language": ["en"] * n}
    for k, check in enumerate(suite.rules):
        counts = np.zeros(n, dtype=np.int64)
        counts[k::17] = k % 3  # some zero columns, some with findings
        columns[signal_column(check)] = counts
    some = signal_column(next(iter(suite.rules)))
    judged = columns[some].astype(np.float64)
    judged[::5] = np.nan
    judged[3] = 2.0
    columns[some] = judged
    return columns


def test_gx_names_unexpected_rows_by_the_index_with_the_same_results(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Every unexpected row's id comes from the frame's index (no `DataFrame.at`: base
    read one a row), and the results are the expected ones: each count column's ids
    with a count above 0 in row order, the repeated id, the missing hash."""
    suite = load_suite("news")
    columns = _signal_columns(suite)
    at_reads = []
    indexer = type(pd.DataFrame({"x": [1]}).at)
    read = indexer.__getitem__
    monkeypatch.setattr(indexer, "__getitem__", lambda self, key: at_reads.append(key) or read(self, key))
    validation = validate(columns, suite)
    assert at_reads == []
    frame = as_frame(columns, suite)
    by_column = {o.column: o for o in validation.outcomes if o.type == "expect_column_values_to_be_between"}
    unexpected = 0
    for check in suite.rules:
        column = signal_column(check)
        expected = [i for i, v in zip(frame["article_id"], frame[column], strict=True) if v > 0]
        assert by_column[column].unexpected_ids == expected
        unexpected += len(expected)
    assert unexpected > 50
    (unique,) = [o for o in validation.outcomes if o.type == "expect_column_values_to_be_unique"]
    assert unique.unexpected_ids == ["twice", "twice"]
    (hashed,) = [o for o in validation.outcomes if o.type == "expect_column_values_to_not_be_null"]
    assert hashed.unexpected_ids == ["a7"]
    indexed = indexed_by_id(frame)  # the caller's frame keeps its own index
    assert frame.index.name is None and indexed.index.name == "article_id"
    assert indexed.index.tolist() == frame["article_id"].tolist()


@pytest.fixture(scope="module")
def real_table(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, pd.DataFrame]:
    """200 real articles (the seeds without c2000): views, whole texts, findings."""
    folder = tmp_path_factory.mktemp("real5")
    result = realtext.quick_run(folder, 200)
    return result, pd.read_parquet(folder / "run" / "articles.parquet")


def _data_files(folder: Path, table: pd.DataFrame, findings: Any) -> dict[str, bytes]:
    prepared = with_status(prepare(table, findings), table["status"].tolist())
    folder.mkdir()
    chunks.write_data(folder, prepared.rows, prepared.by_article, prepared.clusters, prepared.planned,
                      prepared.listed, prepared.rows_plain)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_view_records_are_not_looked_at_whole_and_their_files_are_jsons(
        real_table: tuple[Any, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With rows looked at column by column, no look at a whole list of view records or
    of list columns (base looked at every value of each); the files are those json alone
    writes (orjson not used at all)."""
    result, table = real_table
    looked: list[Any] = []
    plain = rd.orjson_plain
    monkeypatch.setattr(rd, "orjson_plain", lambda value: looked.append(value) or plain(value))
    monkeypatch.setattr(rd, "VIEW_CHUNK_CHARS", 50_000)  # several view files
    fast = _data_files(tmp_path / "fast", table, result.findings)
    assert not any(isinstance(value, list) and value and isinstance(value[0], dict) and "pieces" in value[0]
                   for value in looked)
    assert not any(isinstance(value, dict) and "ex" in value for value in looked)
    assert len(fast) > 5
    monkeypatch.setattr(rd, "orjson", None)
    assert _data_files(tmp_path / "json", table, result.findings) == fast


@pytest.mark.parametrize("odd", [3e-05, datetime.date(2024, 1, 2), float("nan")])
def test_a_row_orjson_would_write_otherwise_leaves_the_records_looked_at(
        real_table: tuple[Any, pd.DataFrame], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        odd: Any) -> None:
    """A tiny float, a date (json: default=str) in a row column: the rows are not plain,
    the records are looked at whole and the files are json's (a NaN is None in the rows)."""
    result, table = real_table
    table = table.copy()
    values: list[Any] = table["language_prob"].tolist()
    values[3] = odd
    table["language_prob"] = pd.Series(values, dtype=object)
    prepared = prepare(table, result.findings)
    assert prepared.rows_plain == (odd != odd)  # NaN: a null, None in the rows
    monkeypatch.setattr(rd, "VIEW_CHUNK_CHARS", 50_000)
    fast = _data_files(tmp_path / "fast", table, result.findings)
    monkeypatch.setattr(rd, "orjson", None)
    assert _data_files(tmp_path / "json", table, result.findings) == fast
