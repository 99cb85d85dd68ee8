"""The report's near-copy clusters: members side by side, differing words marked."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.pipeline import run
from audit.report import _rows
from audit.report.clusters import duplicate_clusters

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_differing_words_are_marked_on_both_sides() -> None:
    table = pd.DataFrame({
        "article_id": ["wire", "partner", "other"],
        "text": ["Talks in Istanbul ended after two hours.",
                 "ISTANBUL (AP) - Talks in Istanbul ended after ninety minutes.", "Rain."],
        "duplicate_cluster": ["wire", "wire", None],
    })
    [cluster] = duplicate_clusters(_rows(table))
    assert (cluster["id"], cluster["size"]) == ("wire", 2)
    original, partner = cluster["members"]
    assert [s["text"] for s in original["segments"] if s["changed"]] == ["two hours."]
    assert [s["text"] for s in partner["segments"] if s["changed"]] == [
        "ISTANBUL (AP) - ", "ninety minutes."]
    assert "".join(s["text"] for s in partner["segments"]) == table["text"][1]


def test_run_report_shows_the_cluster(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8")
    (corpus / "a_wire.txt").write_text(text, encoding="utf-8")
    (corpus / "b_partner.txt").write_text("KYIV (Reuters) - " + text.replace("pessimistic", "gloomy"),
                                        encoding="utf-8")
    result = run([corpus], out=tmp_path / "run", on_problem=None)
    assert [(f.article_id, f.related_article_id) for f in result.findings
            if f.check == "duplicate.near"] == [("b_partner", "a_wire")]
    html = (tmp_path / "run" / "index.html").read_text(encoding="utf-8")
    assert "Near-copy clusters" in html and "cluster a_wire · 2 articles" in html
    assert '["gloomy ",1]' in (tmp_path / "run" / "data" / "clusters.js").read_text(encoding="utf-8")
    table = pd.read_parquet(tmp_path / "run" / "articles.parquet")
    assert table.set_index("article_id")["duplicate_cluster"].to_dict() == {
        "b_partner": "a_wire", "a_wire": "a_wire"}
