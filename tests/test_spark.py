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
            {"id": "c", "text": TEXT + " Unlock unlimited access\nSubscribe now"}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    on_pandas = audit.run([feed.parent], out=tmp_path / "pandas", on_problem=None)
    on_spark = audit.run([feed.parent], out=tmp_path / "spark", on_problem=None,
                         engine="spark", spark_master="local[1]")
    assert on_spark.status == on_pandas.status
    assert on_spark.status["b"] == "fail" and on_spark.status["feed-4"] == "fail"
    assert on_spark.status["a"] == "pass"
    stats = on_spark.summary["great_expectations"]["statistics"]
    assert stats == on_pandas.summary["great_expectations"]["statistics"]
    assert (tmp_path / "spark" / "data_docs" / "index.html").is_file()
