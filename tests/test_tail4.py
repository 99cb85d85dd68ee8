"""The run's tail (docs/measurements/tail4.md): articles.parquet is written while the
report's preparation still runs, and `annotate` takes a short way for articles without
a chrome finding. Same outputs as before."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import audit.pipeline as pipeline
import audit.report as report
from audit.detect.clean import annotate, clean_text
from audit.model import Article, Finding
from audit.suite import load_suite

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUICK = {"on_problem": None, "data_docs": False, "workers": 1}


def test_articles_parquet_is_written_while_the_report_is_prepared(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The preparation waits (60 s at most: GX is imported and validates meanwhile) until
    the table's writing began: before, that writing began only once the preparation was
    done, so it waited its whole 60 s."""
    writing = threading.Event()
    waited: list[bool] = []
    prepare, write = report.prepare, pipeline.write_parquet_apart

    def prepare_after_writing(*args: Any, **kwargs: Any) -> Any:
        waited.append(writing.wait(60))
        return prepare(*args, **kwargs)

    def write_noted(*args: Any, **kwargs: Any) -> Any:
        writing.set()
        return write(*args, **kwargs)

    monkeypatch.setattr(report, "prepare", prepare_after_writing)
    monkeypatch.setattr(pipeline, "write_parquet_apart", write_noted)
    result = pipeline.run([SEEDS], suite=load_suite("news"), out=tmp_path / "run", **QUICK)
    assert waited == [True]
    table = pd.read_parquet(tmp_path / "run" / "articles.parquet")
    assert table["status"].tolist() == [result.status[i] for i in table["article_id"]]
    assert (tmp_path / "run" / "index.html").is_file()


def test_the_table_error_reaches_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("table")

    monkeypatch.setattr(pipeline, "article_table", broken)
    with pytest.raises(RuntimeError, match="table"):
        pipeline.run([SEEDS], suite=load_suite("news"), out=tmp_path / "run", **QUICK)
    assert not (tmp_path / "run").exists()


def _article(i: int, text: str, **extra: Any) -> Article:
    return Article(article_id=f"a{i}", source_uri=f"f#{i}", source_sha256="", title=None,
                   published=None, published_from="none", publisher=None, url=None, language="en",
                   language_prob=None, text=text, content_sha256="", extra=dict(extra))


def test_annotate_without_chrome_findings_is_what_the_long_way_gave() -> None:
    text = "Para one.\nREAD MORE: elsewhere\nPara two."
    cut = text.index("READ")
    articles = [_article(0, text), _article(1, text, author="Ann"), _article(2, text, author=""),
                _article(3, text)]
    findings = [Finding(article_id="a3", check="boilerplate.line", message="chrome",
                        start=cut, end=cut + len("READ MORE: elsewhere"))]
    annotate(articles, findings)
    assert [a.extra for a in articles[:3]] == [
        {"clean_text": text, "author": None}, {"author": "Ann", "clean_text": text},
        {"author": None, "clean_text": text}]
    assert articles[0].extra["clean_text"] is text
    assert articles[3].extra["clean_text"] == clean_text(articles[3], findings) != text
