"""The article table's str columns made as Arrow arrays directly, clean_text of text's
slices where it holds the same strings (audit.strings, docs/measurements/table.md): the
frame pandas' inference made, and the same articles.parquet bytes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import audit.strings as strings
from audit.pipeline import _frame, write_parquet_apart

ROWS = 3000  # texts of about 2 KB: several Parquet pages a column


def _columns() -> dict[str, list]:
    """Columns as article_columns gives them: texts (some not ASCII), clean_text the very
    text objects but where a span was cut (own strings, in runs and alone), nulls in both."""
    text = [f"Article {n} — café {n % 7}. " * 70 if n % 3 else f"plain {n} " * 200 for n in range(ROWS)]
    text[5] = None
    clean = list(text)
    for n in [*range(100, 140), 777, 1500, 2999]:
        clean[n] = text[n][: len(text[n]) // 2]  # a new string
    clean[9] = None  # unreadable: no clean text though a text
    return {"article_id": [f"id{n}" for n in range(ROWS)], "text": text,
            "language_prob": [0.5] * ROWS, "clean_text": clean,
            "author": [None] * (ROWS - 1) + ["Ann"], "url": [None] * ROWS}


def _reference(columns: dict[str, list]) -> pd.DataFrame:
    """The frame pandas infers from one tuple a row (what _frame stands for)."""
    return pd.DataFrame.from_records(list(zip(*columns.values(), strict=True)), columns=list(columns))


def test_the_frame_is_the_one_pandas_infers(tmp_path: Path) -> None:
    columns = _columns()
    made, reference = _frame(columns), _reference(columns)
    assert made.dtypes.tolist() == reference.dtypes.tolist()
    assert made["url"].dtype == object and made["text"].dtype == "str"
    pd.testing.assert_frame_equal(made, reference, check_exact=True)
    clean = made["clean_text"].array._pa_array
    text = made["text"].array._pa_array.chunk(0)
    assert clean.num_chunks == 10  # runs: shared, own (9), shared, own (100-139), ...: slices
    assert clean.chunk(0).buffers()[2].address == text.buffers()[2].address  # text's bytes, not a copy
    write_parquet_apart(made, tmp_path / "made.parquet").result()
    reference.to_parquet(tmp_path / "reference.parquet", index=False)
    assert (tmp_path / "made.parquet").read_bytes() == (tmp_path / "reference.parquet").read_bytes()
    assert pq.read_table(tmp_path / "made.parquet").equals(pq.read_table(tmp_path / "reference.parquet"))


def test_a_clean_text_that_is_the_text_is_its_array() -> None:
    columns = _columns()
    columns["clean_text"] = list(columns["text"])
    made = _frame(columns)
    assert made["clean_text"].array._pa_array is made["text"].array._pa_array
    pd.testing.assert_frame_equal(made, _reference(columns), check_exact=True)


def test_scattered_own_strings_are_converted_whole(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(strings, "RUN_ROWS", ROWS // 3)  # 10 runs > 3
    columns = _columns()
    made, reference = _frame(columns), _reference(columns)
    assert made["clean_text"].array._pa_array.num_chunks == 1
    pd.testing.assert_frame_equal(made, reference, check_exact=True)


def test_a_lone_surrogate_gets_pandas_own_answer() -> None:
    columns = _columns()
    columns["text"][3] = "half a pair \ud800"
    assert "text" not in strings.string_arrays(columns, list(columns))
    with pytest.raises(UnicodeEncodeError):
        _reference(columns)
    with pytest.raises(UnicodeEncodeError):  # pandas' error, as before
        _frame(columns)


def test_long_strings_are_encoded_into_the_array_pyarrow_makes() -> None:
    import pyarrow as pa

    values = ["", None, "ascii " * 60, "café " * 60, "emoji 🎉 " * 40, None, "日本語 " * 90, "x" * 300]
    made = strings.encoded_array(values)
    made.validate(full=True)
    assert made.equals(pa.array(values, type=pa.large_string()))
    assert made.null_count == 2 and made.type == pa.large_string()
    few = [values[2], values[3]] * (strings.BATCH + 3)  # more than a batch
    assert strings.encoded_array(few).equals(pa.array(few, type=pa.large_string()))
    with pytest.raises(UnicodeEncodeError):
        strings.encoded_array(["half a pair \ud800"])


def test_the_texts_keep_no_utf8_copy() -> None:
    """pyarrow's conversion leaves a UTF-8 copy inside each str that is not ASCII (held as
    long as the articles: 125 MB at 100,000); the encoded column leaves none."""
    import sys

    columns = _columns()
    before = sum(map(sys.getsizeof, filter(None, columns["text"])))
    _frame(columns)
    assert sum(map(sys.getsizeof, filter(None, columns["text"]))) == before
