"""The gate's fixed costs, second pass (issue 13; docs/measurements/gate2.md): the run
sends GX plain columns and the GX child makes the DataFrame, so a gate without --out
never imports pandas; the garbage collector paused around loading. What the GX child
leaves out of GX's import: test_gate_speed.py."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import realtext

import audit
from audit.gcpause import paused_gc
from audit.pipeline import article_table, signal_columns, signal_frame
from audit.suite import load_suite, signal_column
from audit.validate import as_frame
from audit.validate.child import InProcess

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUICK = {"on_problem": None, "data_docs": False, "html_report": False}


class _Keeping(InProcess):
    """Validates here, keeping what the run sent."""

    def validate(self, frame, docs_dir):  # type: ignore[no-untyped-def]
        self.sent = frame
        return super().validate(frame, docs_dir)


def _frames(paths: list[Path], workers: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What GX got before (the article table's signal columns) and what it gets now, with
    the run's own not-checked articles (a null count in what it sent)."""
    suite = load_suite("news")
    keeping = _Keeping(suite, "pandas", None)
    result = audit.run(paths, suite=suite, out=None, **QUICK, workers=workers, validator=keeping)
    sent = keeping.sent
    assert isinstance(sent, dict), "plain columns, not a DataFrame"
    counts = [signal_column(check) for check in suite.rules]
    not_checked = {i: [c for c, column in zip(suite.rules, counts) if pd.isna(sent[column][row])]
                   for row, i in enumerate(sent["article_id"])}
    assert any(not_checked.values()), "some article is not checked by some check: null counts"
    before = signal_frame(article_table(result.articles, result.findings, suite, not_checked), suite)
    return before, as_frame(sent, suite)


def test_the_columns_make_the_frame_the_article_table_made() -> None:
    before, now = _frames([SEEDS])
    pd.testing.assert_frame_equal(now, before, check_exact=True)
    assert now.isna().to_numpy().any()  # a null count: float64 with NaN, as before


@realtext.needs_lingua
def test_the_columns_make_the_same_frame_on_real_multilingual_text(tmp_path: Path) -> None:
    before, now = _frames([realtext.write(tmp_path / "gate1000.jsonl", realtext.multilingual(1000))], workers=2)
    pd.testing.assert_frame_equal(now, before, check_exact=True)


def test_no_article_gives_the_article_tables_types() -> None:
    suite = load_suite("news")
    before = signal_frame(article_table([], [], suite, {}), suite)
    pd.testing.assert_frame_equal(as_frame(signal_columns([], [], suite, {}), suite), before)


# Run in a fresh interpreter: the gate's own process, without --out, with two workers.
GATE_MODULES = """
import json, sys
import audit
result = audit.gate([sys.argv[1]], accepted=sys.argv[2], quarantine=sys.argv[3], on_problem=None,
                    workers=2)
print(json.dumps({"pandas": "pandas" in sys.modules, "gx": "great_expectations" in sys.modules,
                  "accepted": len(result.accepted), "quarantined": len(result.quarantined)}))
"""


def test_a_gate_without_out_never_imports_pandas(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", GATE_MODULES, str(SEEDS), str(tmp_path / "a.jsonl"),
                           str(tmp_path / "q.jsonl")], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert report == {"pandas": False, "gx": False, "accepted": report["accepted"],
                      "quarantined": report["quarantined"]}
    assert report["accepted"] + report["quarantined"] == 5 and report["quarantined"]


def test_the_collector_is_paused_in_the_block_only() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # as it was: a caller that paused it keeps it paused
    finally:
        gc.enable()


def test_a_record_over_the_size_limit_is_quarantined_whole(tmp_path: Path) -> None:
    """The run audits a too-long text's first max_article_chars characters and the table
    keeps only those; its quarantine line keeps the whole text as `raw`, read again from
    the file (a quarantine of 200,000 of 20,000,000 characters lost the rest)."""
    from dataclasses import replace

    from audit.suite import load_suite

    news = load_suite("news")
    suite = replace(news, limits=replace(news.limits, max_article_chars=500))
    long_text = "The council met on Tuesday and agreed the budget for the year. " * 40
    (tmp_path / "data#2024").mkdir()  # a "#" in the path is the path's (it took the file for "data")
    corpus = tmp_path / "data#2024" / "c.jsonl"
    corpus.write_text(json.dumps({"id": "long", "text": long_text}) + "\n"
                      + json.dumps({"id": "short", "text": "The mayor opened the new library on Monday."}) + "\n")
    result = audit.gate([corpus], accepted=tmp_path / "ok.jsonl", quarantine=tmp_path / "q.jsonl", suite=suite,
                  on_problem=None, workers=1)
    assert "long" in result.quarantined
    [line] = [json.loads(x) for x in (tmp_path / "q.jsonl").open() if json.loads(x)["article_id"] == "long"]
    assert len(line["text"]) <= 500 and line["raw"] == long_text
    assert "ingest.too_large" in [r["check"] for r in line["quarantine_reasons"]]
