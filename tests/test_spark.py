"""The suite on Great Expectations' own Spark engine gives the verdicts pandas gives.

Needs the `spark` extra (pyspark in GX's pinned range) and a Java runtime; CI installs
both. Slow (a Spark session starts), so it runs once on a small mixed corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import audit

pytest.importorskip("pyspark")

TEXT = (
    "Putin countered by offering direct talks in Istanbul with a Ukrainian delegation. "
    "Zelensky vowed to attend personally and called on Putin to do likewise, though he "
    "declined. Putin had not offered a face-to-face meeting with Zelensky, officials said."
)


def test_spark_engine_matches_pandas(tmp_path: Path) -> None:
    feed = tmp_path / "in" / "feed.jsonl"
    feed.parent.mkdir()
    rows = [{"id": "a", "text": TEXT, "published": "2025-05-15"},
            {"id": "b", "text": TEXT, "published": "2025-05-16"},  # exact copy: error
            {"id": "c", "text": TEXT + "\nUnlock unlimited access to our journalism.\n"
             "Become a member today for just $1 a week.\nSubscribe now"},
            {"id": "d", "published": "2025-06-01",  # per-article checks, run on executors
             "text": TEXT + " The vote on Thursday, May 30, 2025 was close.It went on. "
                     "The caf\u00c3\u00a9 opened April 31, 2025."}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    on_pandas = audit.run([feed.parent], out=tmp_path / "pandas", on_problem=None)
    on_spark = audit.run([feed.parent], out=tmp_path / "spark", on_problem=None,
                         engine="spark", spark_master="local[1]")
    assert on_spark.status == on_pandas.status
    # per-article detectors ran in Spark's mapInPandas, and found what pandas found
    assert "detect.spread_per_article" in on_spark.summary["seconds"]
    assert "detect.spread_per_article" not in on_pandas.summary["seconds"]
    def seen(result):  # type: ignore[no-untyped-def]
        return sorted((f.article_id, f.check, f.start, f.end, f.message, f.excerpt, f.severity,
                       str(f.data)) for f in result.findings)
    assert seen(on_spark) == seen(on_pandas)
    # language verdicts came from one Spark job, and equal langdetect's in this process
    def languages(result):  # type: ignore[no-untyped-def]
        return [(a.article_id, a.language, a.language_prob) for a in result.articles]
    assert languages(on_spark) == languages(on_pandas)
    assert on_spark.articles[0].language == "en" and on_spark.articles[0].language_prob > 0.9
    checks = {(f.article_id, f.check) for f in on_spark.findings}
    assert {("d", "consistency.weekday"), ("d", "consistency.invalid_date"),
            ("d", "hygiene.glued"), ("d", "hygiene.encoding"), ("c", "paywall.text")} <= checks
    assert on_spark.status["b"] == "fail" and on_spark.status["feed-5"] == "fail"
    assert on_spark.status["a"] == "pass"
    stats = on_spark.summary["great_expectations"]["statistics"]
    assert stats == on_pandas.summary["great_expectations"]["statistics"]
    assert (tmp_path / "spark" / "data_docs" / "index.html").is_file()
