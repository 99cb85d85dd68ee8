"""Workers (audit.detect.workers): the same outputs from one process or several, batches
of any size, caches looked up in the parent; progress on stderr (audit.progress)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from factories import TEXT

import audit
from audit.progress import Progress, count_records, make_progress

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FRENCH = ("Le gouvernement a annoncé mardi une série de mesures pour soutenir les agriculteurs "
          "touchés par la sécheresse, qui dure depuis le début du printemps dans le sud du pays. "
          "Les syndicats jugent ces aides insuffisantes et appellent à manifester samedi.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two seeds, and records that reach every per-article path: repeated ids, an
    unreadable record, mojibake, a glued sentence, an impossible date, French, a copy."""
    folder = tmp_path_factory.mktemp("corpus")
    (folder / "seeds").mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / "seeds" / seed.name)
    rows = [
        {"id": "a", "text": TEXT, "published": "2025-05-15"},
        {"id": "a", "text": TEXT + " The caf\u00c3\u00a9 opened on April 31, 2025.It was full."},
        {"id": "weekday", "published": "2025-06-01",
         "text": TEXT + " The vote on Thursday, May 30, 2025 was close."},
        {"id": "fr", "text": FRENCH},
        {"id": "same", "text": TEXT},
        {"id": "paywall", "text": TEXT + "\nSubscribe now for unlimited access to our journalism."},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + ["{broken"]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


QUICK = {"on_problem": None, "data_docs": False, "html_report": False}  # not what is tested here


def _outputs(folder: Path) -> tuple[bytes, pd.DataFrame]:
    return (folder / "findings.jsonl").read_bytes(), pd.read_parquet(folder / "articles.parquet")


def test_workers_and_batches_give_byte_identical_findings(corpus: Path, tmp_path: Path) -> None:
    whole = audit.run([corpus], out=tmp_path / "whole", **QUICK, workers=1,
                      batch_size=1000)
    findings, table = _outputs(tmp_path / "whole")
    for workers, batch in ((1, 2), (2, 2), (2, 5)):
        out = tmp_path / f"w{workers}b{batch}"
        result = audit.run([corpus], out=out, **QUICK, workers=workers, batch_size=batch)
        other_findings, other_table = _outputs(out)
        assert other_findings == findings
        pd.testing.assert_frame_equal(other_table, table)
        assert result.status == whole.status
    checks = {(f.article_id, f.check) for f in whole.findings}
    assert {("a~2", "ingest.duplicate_id"), ("a~2", "consistency.invalid_date"),
            ("a~2", "hygiene.glued"), ("a~2", "hygiene.encoding"), ("same", "duplicate.exact"),
            ("weekday", "consistency.weekday"), ("feed-7", "ingest.unreadable")} <= checks
    languages = dict(zip(table["article_id"], table["language"]))
    assert languages["fr"] == "fr" and languages["a"] == "en"
    # per-article findings come out article by article in input order, within each check
    order = {article_id: n for n, article_id in enumerate(table["article_id"])}
    for check in ("hygiene.glued", "duplicate.repeated", "consistency.invalid_date"):
        positions = [order[f.article_id] for f in whole.findings if f.check == check]
        assert positions == sorted(positions)


def test_caches_are_looked_up_in_the_parent_and_filled_by_workers(corpus: Path,
                                                                   tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = audit.run([corpus], out=tmp_path / "r1", cache=cache, **QUICK, workers=2,
                      batch_size=3)
    second = audit.run([corpus], out=tmp_path / "r2", cache=cache, **QUICK, workers=2,
                       batch_size=3)
    assert _outputs(tmp_path / "r1")[0] == _outputs(tmp_path / "r2")[0]
    # "same" repeats "a": one verdict computed, the repeat served within the run
    assert first.summary["language_cache"]["misses"] == len(first.articles) - 1
    assert second.summary["language_cache"] == {**first.summary["language_cache"],
                                                "hits": len(first.articles), "misses": 0}
    assert second.summary["findings_cache"]["misses"] == 0
    assert second.summary["findings_cache"]["hits"] == first.summary["findings_cache"]["misses"] > 0
    # one article changed: only it is normalised anew and judged again
    feed = corpus / "feed.jsonl"
    changed = tmp_path / "changed"
    shutil.copytree(corpus, changed)
    (changed / "feed.jsonl").write_text(feed.read_text().replace("close.", "very close."))
    third = audit.run([changed], out=tmp_path / "r3", cache=cache, **QUICK, workers=2,
                      batch_size=3)
    assert third.summary["language_cache"]["misses"] == 1
    # the English article is judged by every per-article detector (12), and the per-article
    # shares of boilerplate.line, duplicate.exact, .near, .passage and contradiction are
    # prepared again (5): the rest come from the cache, the large shares from its Arrow file
    assert third.summary["findings_cache"]["misses"] == 12 + 5
    assert (cache / "prepared-large.arrow").is_file()
    weekday = [f for f in third.findings if f.article_id == "weekday"]
    assert any(f.check == "consistency.weekday" for f in weekday)


def test_a_run_without_readers_skips_data_docs_and_the_html_report(corpus: Path,
                                                                   tmp_path: Path) -> None:
    audit.run([corpus], out=tmp_path / "r", **QUICK, workers=1)
    made = {p.name for p in (tmp_path / "r").iterdir()}
    assert {"findings.jsonl", "articles.parquet", "summary.json"} <= made
    assert "index.html" not in made and "data_docs" not in made


def test_plain_progress_lines_name_the_stage_rate_and_eta(capsys: pytest.CaptureFixture[str]) -> None:
    progress = Progress("lines", every=0.0)
    with progress.stage("normalise + per-article", 400) as advance:
        advance(200)
        advance(200)
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("corpus-audit: normalise + per-article: 200/400 articles, ")
    assert "ETA" in lines[0] and "/s" in lines[0]
    assert lines[-1].startswith("corpus-audit: normalise + per-article: 400/400 articles")
    assert "done in" in lines[-1]
    with Progress("none").stage("quiet", 10) as advance:
        advance(10)
    assert capsys.readouterr().err == ""
    assert make_progress(quiet=True).mode == "none"
    assert make_progress().mode == "lines"  # pytest's stderr is not a terminal


def test_record_totals_for_the_eta(corpus: Path) -> None:
    files = [*sorted((corpus / "seeds").glob("*.txt")), corpus / "feed.jsonl"]
    assert count_records(files) == 2 + 7
    assert count_records([corpus / "x.csv"]) is None  # counting a CSV means parsing it
