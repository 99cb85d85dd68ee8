"""--field NAME=FIELD: a record format's own names for title, url, publisher and language
(news-please's records: maintext, date_publish, source_domain, title_page)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

TEXT = ("The council met on Tuesday and agreed the budget for the coming year after a long debate. "
        "Residents had asked for more money for the libraries and the swimming pool. ") * 3


def test_a_news_please_record_is_read_with_its_own_field_names(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from audit.cli import app

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"filename": "x", "maintext": TEXT, "date_publish": "2019-05-02 10:00:00",
                                "source_domain": "example.com", "title_page": "Budget agreed",
                                "url": "https://example.com/budget"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(feed), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1",
                                      "--text-field", "maintext", "--published-field", "date_publish",
                                      "--field", "publisher=source_domain", "--field", "title=title_page"])
    assert result.exit_code == 0, result.output
    (row,) = pq.read_table(tmp_path / "out" / "articles.parquet",
                           columns=["publisher", "title", "published", "url"]).to_pylist()
    assert row["publisher"] == "example.com" and row["title"] == "Budget agreed"
    assert str(row["published"]).startswith("2019-05-02") and row["url"] == "https://example.com/budget"


def test_a_field_option_without_a_known_name_is_one_line_and_exit_2(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf-8")
    for bad in ("publisher", "author=byline", "title="):
        done = subprocess.run([sys.executable, "-m", "audit", "run", str(feed), "--out", str(tmp_path / "out"),
                               "--quiet", "--field", bad], capture_output=True, text=True, timeout=120)
        assert done.returncode == 2
        assert done.stderr.strip().splitlines() == [
            f"corpus-audit: error: --field {bad}: write NAME=FIELD, NAME one of text, id, title, url, publisher, "
            "published, language"]
