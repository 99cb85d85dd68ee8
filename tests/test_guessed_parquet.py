"""articles.parquet and the report's data files written while GX validates, with the
statuses GX will give when the suite's error expectations are its count bounds
(pipeline.guessed_statuses), kept only when GX's statuses are the same; else written
again after GX, as before."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from audit import pipeline
from audit.pipeline import guessed_statuses, run
from audit.suite import load_suite

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUICK = {"on_problem": None, "data_docs": False, "workers": 1, "cache": None}


def _written(folder: Path) -> dict[str, str]:
    table = pd.read_parquet(folder / "articles.parquet")
    return dict(zip(table["article_id"], table["status"], strict=True))


def test_the_guess_is_gx_statuses_on_the_seeds_and_the_file_holds_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[list[str] | None] = []
    real = pipeline.guessed_statuses

    def watched(*args: object) -> list[str] | None:
        made.append(real(*args))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(pipeline, "guessed_statuses", watched)
    result = run([SEEDS], out=tmp_path / "o", **QUICK)
    assert made and made[0] is not None
    assert "fail" in made[0] and "pass" in made[0]  # the seeds: one error article
    assert dict(zip([a.article_id for a in result.articles], made[0], strict=True)) == result.status
    assert _written(tmp_path / "o") == result.status


def test_a_wrong_guess_is_written_again_with_gx_statuses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    right = run([SEEDS], out=tmp_path / "right", **QUICK)
    monkeypatch.setattr(pipeline, "guessed_statuses", lambda suite, signals, unjudged:
                        ["pass"] * len(signals["article_id"]))
    wrong = run([SEEDS], out=tmp_path / "wrong", **QUICK)
    assert "fail" in wrong.status.values() and _written(tmp_path / "wrong") == wrong.status == right.status
    assert pd.read_parquet(tmp_path / "wrong" / "articles.parquet").equals(
        pd.read_parquet(tmp_path / "right" / "articles.parquet"))
    # the report's data files, written ahead with the wrong guess, were written again
    data = {name: {p.name: p.read_bytes() for p in (tmp_path / name / "data").iterdir()}
            for name in ("right", "wrong")}
    assert len(data["right"]) > 3 and data["wrong"] == data["right"]


def test_no_guess_for_error_expectations_of_another_shape() -> None:
    news = load_suite("news")
    signals = {"article_id": ["a", "b", "c"], **{f"n_{c.replace('.', '_')}": [0, 0, 0] for c in news.rules}}
    signals["n_duplicate_exact"] = [0, 2, None]
    assert guessed_statuses(news, signals, {}) == ["pass", "fail", "pass"]
    assert guessed_statuses(news, signals, {"c": {"x": "boom"}}) == ["pass", "fail", "fail"]
    document = json.loads(json.dumps(news.document))
    for expectation in document["expectations"]:
        if (expectation.get("meta") or {}).get("check") == "duplicate.exact":
            expectation["kwargs"]["max_value"] = 1  # two copies allowed: GX's own bounds decide
    assert guessed_statuses(replace(news, document=document), signals, {}) is None
    document["expectations"] = [{"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "language",
                                 "value_set": ["en"]}, "meta": {"severity": "error"}}]
    assert guessed_statuses(replace(news, document=document), signals, {}) is None
