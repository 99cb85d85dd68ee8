"""Ingest and normalise: each format, each bad input, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from audit.errors import UsageError
from audit.ingest import FieldMap, iter_records
from audit.normalise import build_articles
from audit.normalise.text import normalise_text

TEXT = (
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
    "mood, considering the Russian delegation included no high-profile negotiator."
)


def read_all(*paths: Path, fields: FieldMap | None = None):
    problems: list[str] = []
    articles, findings = build_articles(iter_records(list(paths), fields, problems.append))
    return articles, findings, problems


def test_txt_file_is_one_article_with_file_stem_id(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(TEXT + "\r\n", encoding="utf-8")
    articles, findings, problems = read_all(tmp_path / "a1.txt")
    assert [a.article_id for a in articles] == ["a1"]
    assert articles[0].text == TEXT  # CRLF and trailing newline normalised
    assert articles[0].source_uri.endswith("a1.txt")
    assert len(articles[0].source_sha256) == 64 and findings == [] and problems == []


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "x1", "text": TEXT, "title": "Talks", "published": "2025-05-15T10:00:00Z",
         "publisher": "Just the News", "url": "https://example.org/x1", "language": "en"},
        {"text": TEXT + " Again."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    articles, findings, _ = read_all(path)
    first, second = articles
    assert first.article_id == "x1" and first.publisher == "Just the News"
    assert str(first.published) == "2025-05-15" and first.published_from == "metadata"
    assert second.article_id == "feed-2" and second.source_uri.endswith("feed.jsonl#line=2")
    assert findings == []


def test_json_array_csv_and_parquet(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"id": "j1", "text": TEXT}]), encoding="utf-8")
    pd.DataFrame([{"id": "c1", "body": TEXT}]).to_csv(tmp_path / "b.csv", index=False)
    pd.DataFrame([{"id": "p1", "body": TEXT}, {"id": "p2", "body": TEXT + " More."}]).to_parquet(
        tmp_path / "c.parquet"
    )
    articles, findings, _ = read_all(tmp_path / "a.json")
    assert [a.article_id for a in articles] == ["j1"]
    articles, findings, _ = read_all(tmp_path / "b.csv", tmp_path / "c.parquet",
                                     fields=FieldMap(text="body"))
    assert [a.article_id for a in articles] == ["c1", "p1", "p2"] and findings == []


def test_html_main_text_extracted_by_trafilatura(tmp_path: Path) -> None:
    body = "".join(f"<p>{TEXT} Paragraph {n} adds more reporting on the talks.</p>" for n in range(4))
    html = (f"<html><head><title>Talks in Istanbul</title></head><body><nav>Home | World | "
            f"Sport</nav><article><h1>Talks in Istanbul</h1>{body}</article>"
            f"<footer>Copyright 2025 Example News</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    articles, findings, _ = read_all(tmp_path / "page.html")
    (article,) = articles
    assert "pessimistic mood" in article.text
    assert "Home | World" not in article.text and findings == []


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT + " Two.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    articles, _, _ = read_all(tmp_path)
    assert sorted(a.article_id for a in articles) == ["a", "b"]


def test_missing_path_and_unsupported_format_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nope.txt: no such file"):
        read_all(tmp_path / "nope.txt")
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(UsageError, match="unsupported format"):
        read_all(tmp_path / "x.docx")


def test_bad_inputs_become_rows_with_findings_and_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "latin1.txt").write_bytes(("Fran\xe7ois " + TEXT).encode("latin-1"))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": TEXT}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "nobody", "body": TEXT}) + "\n"
        + json.dumps({"id": "blank", "text": "   "}) + "\n"
        + json.dumps({"id": "ok", "text": TEXT + " Copy."}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    articles, findings, problems = read_all(tmp_path)
    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids)) == 9  # 3 txt + 5 jsonl records + the empty jsonl
    by_check: dict[str, list[str]] = {}
    for f in findings:
        by_check.setdefault(f.check, []).append(f.article_id)
    assert sorted(by_check["ingest.unreadable"]) == sorted(
        ["binary", "blank", "empty", "empty~2", "feed-2", "nobody"]
    )
    assert by_check["ingest.fault"] == ["latin1"]
    assert by_check["ingest.duplicate_id"] == ["empty~2", "ok~2"]  # empty.jsonl, empty.txt
    assert any("feed.jsonl#line=2: not JSON" in p for p in problems)
    assert any("feed.jsonl#line=3: no text field 'text' (fields: id, body)" in p for p in problems)
    assert any(p.endswith("binary.txt: binary file, not text") for p in problems)
    latin1 = next(a for a in articles if a.article_id == "latin1")
    assert latin1.text.startswith("Fran\ufffdois") and latin1.read_error is None
    broken = next(a for a in articles if a.article_id == "feed-2")
    assert broken.raw == "{not json\n" and broken.text == ""


def test_csv_without_text_field_reports_each_record(tmp_path: Path) -> None:
    pd.DataFrame([{"id": "a", "body": TEXT}, {"id": "b", "body": TEXT}]).to_csv(
        tmp_path / "x.csv", index=False
    )
    articles, findings, problems = read_all(tmp_path / "x.csv")
    assert [a.article_id for a in articles] == ["a", "b"]
    assert [f.check for f in findings] == ["ingest.unreadable"] * 2
    assert problems[0].endswith("x.csv#record=1: no text field 'text' (fields: id, body)")


def test_normalise_text_keeps_content_and_folds_layout() -> None:
    assert normalise_text("A\u0301 line  \r\n\r\n\r\n\r\nnext\t\n") == "\u00c1 line\n\nnext"
