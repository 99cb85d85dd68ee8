"""The report built from a run folder: overview counts, trends, data files, bounds, no 'nan'.

(The report in a browser: tests/test_report_browser.py.)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from audit.cli import main
from audit.model import Finding
from audit.report import build_report, chunks, data

TEXT = ("Putin countered by offering direct talks in Istanbul with a Ukrainian delegation.\n"
        "Read more: our newsletter\nThe talks were due on April 31, officials said.")


def _run_folder(root: Path) -> Path:
    """A run folder as `corpus-audit run` leaves it, with two earlier runs in the history."""
    run = root / "latest"
    (run / "data_docs").mkdir(parents=True)
    table = pd.DataFrame({
        "article_id": ["a1", "a2", "<b>x</b>", "feed-3"],
        "source_uri": ["in/a.jsonl#line=1", "in/a.jsonl#line=2", "in/b.txt", "in/a.jsonl#line=3"],
        "source_sha256": ["s1", "s2", "s3", "s4"],
        "title": ["Talks in Istanbul", None, "<script>alert(1)</script>", float("nan")],
        "published": ["2025-05-15", "2025-06-01", None, None],
        "published_from": ["metadata", "dateline", "none", "none"],
        "publisher": ["Example", "Example", "<script>alert(2)</script>", float("nan")],
        "url": ["https://example.org/a", None, "javascript:alert(3)", None],
        "language": ["en", "en", "de", None],
        "text": [TEXT, TEXT.upper(), "Kurz.", ""],
        "content_sha256": ["c1", "c2", "c3", "c4"],
        "status": ["fail", "pass", "pass", "fail"],
    })
    table.to_parquet(run / "articles.parquet", index=False)
    findings = [
        Finding(article_id="a1", check="consistency.invalid_date", severity="warning", start=120,
                end=128, excerpt="April 31", message="April has 30 days; April 31 does not exist."),
        Finding(article_id="a1", check="boilerplate.line", severity="error", start=83, end=108,
                excerpt="Read more: our newsletter", message="Line is a newsletter promotion.",
                data={"signal": "phrase"}),
        Finding(article_id="feed-3", check="ingest.unreadable", severity="error",
                message="in/a.jsonl#line=3: not JSON."),
    ]
    with (run / "findings.jsonl").open("w") as fh:
        for f in findings:
            fh.write(json.dumps(f.to_json()) + "\n")
    summary = {"run_id": "r3", "started": "2026-12-02T06:00:00+00:00", "articles": 4,
               "tool": {"version": "0.1.0"}, "great_expectations": {"version": "1.24.1"},
               "suite": {"name": "news", "version": 1, "path": "/nowhere/news.json"},
               "status": {"pass": 2, "fail": 2}, "inputs": [{"path": "in"}], "problems": [],
               "counts": {"by_check": {"boilerplate.line": 1, "consistency.invalid_date": 1,
                                       "ingest.unreadable": 1},
                          "by_severity": {"error": 2, "warning": 1, "info": 0}}}
    (run / "summary.json").write_text(json.dumps(summary))
    history = [{"run_id": "r1", "by_check": {"boilerplate.line": 5, "hygiene.glued": 2}},
               {"run_id": "r2", "by_check": {"boilerplate.line": 3}}]
    (root / "history.jsonl").write_text("".join(json.dumps(h) + "\n" for h in history) + "{torn")
    (run / "unreadable.jsonl").write_text(json.dumps({
        "article_id": "feed-3", "file": "in/a.jsonl", "position": "line=3",
        "reason": "not JSON (Expecting value at column 1)", "raw": "{broken", "raw_chars": 7}) + "\n")
    (run / "data_docs" / "index.html").write_text(
        '<link href="https://cdn.jsdelivr.net/npm/bootstrap.css"><script src="//code.jquery.com/j.js">')
    return run


def _data(run: Path, name: str) -> Any:
    """A data file's payload, unpacked as report.js does."""
    return data.read_data_file(run / "data" / f"{name}.js")


def _view(run: Path, article_id: str) -> Any:
    meta = _data(run, "meta")
    return _data(run, f"view-{data.bucket(article_id, meta['view_files'])}").get(article_id)


def test_rebuilt_overview_counts_trends_and_escapes(tmp_path: Path) -> None:
    run = _run_folder(tmp_path)
    html = build_report(run).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    assert re.search(r"\b4\s+articles in\b", text) and re.search(r"\b2\s+failed\b", text)
    assert re.search(r"\b2\s+quarantined\b", text)  # both failures hold an error finding
    assert "<script>alert" not in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "javascript:" not in html and "nan" not in text.split()
    # boilerplate.line went 3 -> 1 since run r2; hygiene.glued is listed from the history
    row = re.search(r"boilerplate\.line</a></td>(.*?)</tr>", html, re.S).group(1)
    assert ">-2<" in row and "<polyline" in row and "<title>5 → 3 → 1</title>" in row
    assert "hygiene.glued" in html and "3 runs in the history" in text
    # the unreadable record: file, position, reason and raw excerpt
    assert re.search(r"in/a\.jsonl\s+line=3\s+not JSON \(Expecting value at column 1\)\s+\{broken", text)
    assert "cdn.jsdelivr.net, code.jquery.com: offline they open as unstyled pages" in text
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "unsafe" not in csp


def test_list_and_view_data(tmp_path: Path) -> None:
    run = _run_folder(tmp_path)
    build_report(run)
    meta = _data(run, "meta")
    assert meta["articles"] == 4 and meta["list"] == ["list-0"] and meta["view_files"] == 1
    assert meta["views"] == {"whole": 3, "evidence": 1, "none": 0}  # feed-3 has no text
    rows = _data(run, "list-0")
    assert rows["id"] == ["a1", "a2", "<b>x</b>", "feed-3"]
    assert rows["ti"] == ["Talks in Istanbul", "", "<script>alert(1)</script>", ""]  # never "nan"
    assert [meta["publishers"][p] if p >= 0 else None for p in rows["pb"]] == [
        "Example", "Example", "<script>alert(2)</script>", None]
    assert rows["sm"][0] == 1 | 2 and rows["nf"] == [2, 0, 0, 1] and rows["st"] == [1, 0, 0, 1]
    first = _view(run, "a1")
    assert first["pieces"] == [[0, TEXT]] and first["whole"]
    # worst first, then by position: the error is finding 1, the date finding 2
    assert [f[0] for f in first["f"]] == ["boilerplate.line", "consistency.invalid_date"]
    assert first["f"][1][2:6] == [120, 128, "April has 30 days; April 31 does not exist.", "April 31"]
    assert first["f"][0][7] == {"signal": "phrase"}


def test_long_text_comes_in_bounded_pieces() -> None:
    text = "word " * 40_000  # 200,000 characters
    c = data.CONTEXT_CHARS
    pieces = data.text_pieces(text, [(150_000, 150_004)], whole=True)
    assert [(s, len(t)) for s, t in pieces] == [(0, data.PIECE_CHARS), (150_000 - c, 2 * c + 4)]
    assert pieces[1][1] == text[150_000 - c:150_004 + c]
    beyond_budget = data.text_pieces(text, [(10, 14), (100, 104), (150_000, 150_004)], whole=False)
    assert [(s, len(t)) for s, t in beyond_budget] == [(0, 104 + c), (150_000 - c, 2 * c + 4)]


def test_the_size_budget_goes_to_the_worst_articles_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "EVIDENCE_SHARE", 1.0)  # the whole budget open to evidence first
    text = TEXT + " The talks went on." * 40  # longer than the span windows
    rows = [{"article_id": i, "text": text, "status": "pass"} for i in ("clean", "warned", "failed")]
    warned = [Finding(article_id="warned", check="consistency.invalid_date", severity="warning",
                      start=120, end=128, excerpt="April 31", message="April 31 does not exist.")]
    failed = [Finding(article_id="failed", check="boilerplate.line", severity="error", start=83,
                      end=108, excerpt="Read more: our newsletter", message="Newsletter line.")]
    by_article = {"warned": warned, "failed": failed}
    evidence = {r["article_id"]: chunks._weight(chunks._view_record(r, by_article.get(r["article_id"], []), False))
                for r in rows}
    whole = {r["article_id"]: chunks._weight(chunks._view_record(r, by_article.get(r["article_id"], []), True))
             for r in rows}
    # room for the error's evidence only: the warned and clean articles get no view
    views, used, shown = chunks.plan_views(rows, by_article, evidence["failed"])
    assert [v["article_id"] for v in views] == ["failed"] and not views[0]["whole"]
    assert views[0]["pieces"] == [[0, text[:108 + data.CONTEXT_CHARS]]]
    assert shown == {"whole": 0, "evidence": 1, "none": 2} and used == evidence["failed"]
    # every article's evidence, and one whole text: the worst article's
    budget = sum(evidence.values()) + whole["failed"] - evidence["failed"]
    views, _, shown = chunks.plan_views(rows, by_article, budget)
    assert [(v["article_id"], v["whole"]) for v in views] == [
        ("clean", False), ("warned", False), ("failed", True)]
    assert views[0]["pieces"] == [] and views[2]["pieces"] == [[0, text]]


def test_null_likes_are_never_text() -> None:
    assert [data.text_of(v) for v in (None, float("nan"), pd.NA, "x", 3)] == ["", "", "", "x", "3"]


def test_report_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    run = _run_folder(tmp_path)
    monkeypatch.setattr(sys, "argv", ["corpus-audit", "report", str(run)])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0 and capsys.readouterr().out.strip() == str(run / "index.html")
    assert (run / "assets" / "report.js").is_file() and (run / "data" / "clusters.js").is_file()
    monkeypatch.setattr(sys, "argv", ["corpus-audit", "report", str(tmp_path / "nowhere")])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2
    assert capsys.readouterr().err == (f"corpus-audit: error: {tmp_path / 'nowhere'}: not a run folder "
                                       "(missing articles.parquet, findings.jsonl, summary.json)\n")
