"""Work of the run's tail begun before it (docs/measurements/tail16.md): the text
column's Arrow array made after ingest (audit.strings.made_early, taken by string_arrays
only for the very same strings), the input files hashed at the run's start
(pipeline.record_file_hashes), the last run's statuses read then."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import audit.pipeline as pipeline
import audit.strings as strings
from audit.pipeline import _frame, write_parquet_apart

ROWS = 2000


def _columns() -> dict[str, list]:
    text = [f"Article {n} — café {n % 7}. " * 60 if n % 3 else f"plain {n} " * 150 for n in range(ROWS)]
    text[4] = None
    clean = list(text)
    clean[50] = text[50][:40]
    return {"article_id": [f"id{n}" for n in range(ROWS)], "text": text, "clean_text": clean}


def test_an_early_array_is_the_array_made_in_the_tail(tmp_path: Path) -> None:
    columns = _columns()
    early = strings.made_early(list(columns["text"]))  # another list, the same strings
    assert early is not None
    made, late = _frame(columns, {"text": early}), _frame(columns)
    assert made["text"].array._pa_array is early[1]  # taken, not made again
    assert early[1].equals(late["text"].array._pa_array)
    pd.testing.assert_frame_equal(made, late, check_exact=True)
    write_parquet_apart(made, tmp_path / "early.parquet").result()
    write_parquet_apart(late, tmp_path / "late.parquet").result()
    assert (tmp_path / "early.parquet").read_bytes() == (tmp_path / "late.parquet").read_bytes()


def test_an_early_array_of_other_strings_is_not_taken() -> None:
    columns = _columns()
    early = strings.made_early(list(columns["text"]))
    assert early is not None
    columns["text"] = list(columns["text"])
    columns["text"][7] = "".join(columns["text"][7])  # an equal string, another object
    columns["text"][8] = "replaced after ingest"
    made = _frame(columns, {"text": early})
    assert made["text"].array._pa_array is not early[1]
    assert made["text"].tolist()[8] == "replaced after ingest"
    pd.testing.assert_frame_equal(made, _frame(columns), check_exact=True)


def test_made_early_leaves_what_string_arrays_would_not_make() -> None:
    assert strings.made_early([None, None]) is None  # pandas: object
    assert strings.made_early(["a", 3]) is None  # other values: pandas decides
    assert strings.made_early(["bad \ud800 surrogate"] * 300) is None  # pyarrow's error, later


def test_polite_batches_give_the_same_array(monkeypatch: pytest.MonkeyPatch) -> None:
    values = _columns()["text"]
    pauses: list[float] = []
    monkeypatch.setattr(strings.time, "sleep", pauses.append)
    polite = strings.encoded_array(values, 100, polite=True)
    assert len(pauses) == (ROWS + 99) // 100  # the GIL offered after each batch
    assert polite.equals(pa.array(values, type=pa.large_string()))
    assert polite.equals(strings.encoded_array(values))


def test_record_files_are_hashed_at_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    (folder / "b.txt").write_text("a text of its own")
    hashes = pipeline.record_file_hashes([folder])
    assert hashes == {str(folder / "a.jsonl"): hashlib.sha256((folder / "a.jsonl").read_bytes()).hexdigest()}
    assert pipeline.record_file_hashes([tmp_path / "missing"]) == {}  # the run says why, later


def test_a_run_uses_the_early_hashes_and_the_same_outputs(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"a{n}", "text": f"Story {n}. " + "Words here. " * 40,
                                          "published": "2025-05-01"}) + "\n" for n in range(30)))
    taken: list[object] = []
    real = strings._same_objects

    def spy(values: object, others: object) -> bool:
        taken.append(real(values, others))
        return taken[-1]

    monkeypatch.setattr(strings, "_same_objects", spy)
    first = pipeline.run([corpus], out=tmp_path / "out")
    assert taken == [True]  # the early text array was the table's
    sha = hashlib.sha256(corpus.read_bytes()).hexdigest()
    assert first.summary["input_files"] == [{"path": str(corpus), "sha256": sha}]
    # the second run read the first's statuses at its start: the same comparison as before
    second = pipeline.run([corpus], out=tmp_path / "out")
    compared = second.summary["compared_to_previous"]
    assert compared["articles"] == {"before": 30, "now": 30}
    assert compared["newly_failing"] == [] and compared["fixed"] == []
    table = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert table["text"].tolist() == [a.text for a in second.articles]
