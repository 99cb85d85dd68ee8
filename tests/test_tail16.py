"""Work of the run's tail that needs no article begun at the run's start
(docs/measurements/tail16.md): the input files hashed (pipeline.record_file_hashes) and
the last run's statuses read (pipeline._last_statuses), in threads beside the ingest stage."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

import audit.pipeline as pipeline


def test_record_files_are_hashed_at_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n')
    (folder / "b.txt").write_text("a text of its own")
    hashes = pipeline.record_file_hashes([folder])
    assert hashes == {str(folder / "a.jsonl"): hashlib.sha256((folder / "a.jsonl").read_bytes()).hexdigest()}
    assert pipeline.record_file_hashes([tmp_path / "missing"]) == {}  # the run says why, later


def test_a_run_takes_the_early_hashes_and_statuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [{"id": f"a{n}", "text": f"Story {n}. " + "Words here. " * 40, "published": "2025-05-01"}
            for n in range(30)]
    rows[3]["text"] = "Subscribe now to keep reading. " + rows[3]["text"]  # paywall.text: an error
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
    hashed_again: list[str] = []
    real = pipeline._file_sha256
    monkeypatch.setattr(pipeline, "_file_sha256", lambda path: hashed_again.append(path) or real(path))
    read: list[object] = []
    last = pipeline._last_statuses
    monkeypatch.setattr(pipeline, "_last_statuses", lambda out_dir: read.append(last(out_dir)) or read[-1])
    first = pipeline.run([corpus], out=tmp_path / "out")
    sha = hashlib.sha256(corpus.read_bytes()).hexdigest()
    assert first.summary["input_files"] == [{"path": str(corpus), "sha256": sha}]
    assert hashed_again == [str(corpus)]  # once, at the start: input_files took that hash
    assert read == [None]  # no run before
    fails = {a.article_id for a in first.articles if first.status[a.article_id] == "fail"}
    assert fails  # the paywall line
    rows[3]["text"] = "A fresh story. " + "Other words here. " * 40  # no paywall now
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows))
    second = pipeline.run([corpus], out=tmp_path / "out")
    assert read[-1] == first.status  # the first run's statuses, read at the second's start
    compared = second.summary["compared_to_previous"]
    assert compared["articles"] == {"before": 30, "now": 30}
    now_failing = {a.article_id for a in second.articles if second.status[a.article_id] == "fail"}
    assert "a3" in fails - now_failing
    assert set(compared["fixed"]) == fails - now_failing
    assert set(compared["newly_failing"]) == now_failing - fails
    assert second.summary["input_files"] == [{"path": str(corpus), "sha256": hashlib.sha256(corpus.read_bytes()).hexdigest()}]
    table = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert table["status"].tolist() == [second.status[a.article_id] for a in second.articles]


def test_a_run_lists_its_inputs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The count, the records and the files' hashes share one listing: a folder of many
    files is walked once, not three times."""
    import audit.ingest as ingest

    folder = tmp_path / "in"
    (folder / "deep").mkdir(parents=True)
    (folder / "a.jsonl").write_text('{"id": "j1", "text": "One story told here."}\n')
    (folder / "deep" / "b.txt").write_text("Another story, told in a file of its own.")
    listings: list[list[Path]] = []
    real = ingest.list_inputs

    def counted(paths: object, **options: object) -> list[Path]:
        listings.append(real(paths, **options))  # type: ignore[arg-type]
        return listings[-1]

    monkeypatch.setattr(ingest, "list_inputs", counted)
    monkeypatch.setattr(pipeline, "list_inputs", counted)
    result = pipeline.run([folder], out=tmp_path / "out", workers=2)
    assert listings == [[folder / "a.jsonl", folder / "deep" / "b.txt"]]
    assert sorted(a.article_id for a in result.articles) == ["b", "j1"]
    assert [f["path"] for f in result.summary["input_files"]] == [str(folder / "a.jsonl"), str(folder / "deep" / "b.txt")]
