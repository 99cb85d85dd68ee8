"""Report: the page a data team opens every morning, at 10 or 100,000 articles.

`index.html` is the overview, rendered here (Jinja2 autoescape, inline SVG charts): it
shows without any script. The article list and the article views are drawn by
`assets/report.js` (shipped in the package, no framework, no CDN) from the data files
of `audit.report.data`. A Content-Security-Policy in the page allows scripts and styles
from the report's folder only: no inline script, no inline handler, no remote load, so
a hostile title or text stays text even if it were ever put in the page unescaped.

`build_report(run_dir)` rebuilds it from a run folder (`corpus-audit report DIR`).
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from audit.errors import UsageError
from audit.model import Article, Finding
from audit.report import data as rd
from audit.report.clusters import duplicate_clusters
from audit.report.history import read_history
from audit.report.overview import overview

STATIC = Path(__file__).resolve().parent / "static"
RUN_FILES = ("articles.parquet", "findings.jsonl", "summary.json")
SUITE_RESULTS = "suite_results.json"  # GX outcomes, kept so the report can be rebuilt
UNREADABLE = "unreadable.jsonl"  # unreadable records: file, position, reason, raw excerpt
RAW_EXCERPT_CHARS = 300


def write_report(
    path: Path,
    table: pd.DataFrame,
    findings: Sequence[Finding],
    summary: dict[str, Any],
    outcomes: list[dict[str, Any]],
    *,
    articles: Sequence[Article] | None = None,
) -> dict[str, int]:
    """Write index.html, assets/ and data/ beside `path`; return bytes written by part."""
    folder = path.parent
    (folder / SUITE_RESULTS).write_text(json.dumps(outcomes, default=str) + "\n", encoding="utf-8")
    if articles is not None:
        _write_unreadable(folder / UNREADABLE, articles)
    return _render(path, table, findings, summary, outcomes, _read_unreadable(folder / UNREADABLE))


def build_report(run_dir: Path) -> Path:
    """Rebuild `run_dir/index.html` from the run's articles.parquet, findings and summary."""
    missing = [name for name in RUN_FILES if not (run_dir / name).is_file()]
    if missing:
        raise UsageError(f"{run_dir}: not a run folder (missing {', '.join(missing)})")
    table = pd.read_parquet(run_dir / "articles.parquet")
    summary = json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))
    findings = []
    with (run_dir / "findings.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                row["data"] = row.get("data") or {}
                findings.append(Finding(**row))
    results = run_dir / SUITE_RESULTS
    outcomes = json.loads(results.read_text(encoding="utf-8")) if results.is_file() else []
    path = run_dir / "index.html"
    _render(path, table, findings, summary, outcomes, _read_unreadable(run_dir / UNREADABLE))
    return path


def _write_unreadable(path: Path, articles: Sequence[Article]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            if a.read_error is None:
                continue
            file, _, where = a.source_uri.partition("#")
            fh.write(json.dumps({
                "article_id": a.article_id, "file": file, "position": where or None,
                "reason": a.read_error, "raw": (a.raw or "")[:RAW_EXCERPT_CHARS],
                "raw_chars": len(a.raw or ""),
            }, ensure_ascii=False) + "\n")


def _read_unreadable(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _render(path: Path, table: pd.DataFrame, findings: Sequence[Finding],
            summary: dict[str, Any], outcomes: list[dict[str, Any]],
            unreadable: list[dict[str, Any]]) -> dict[str, int]:
    folder = path.parent
    data_dir = folder / "data"
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    shutil.copytree(STATIC, folder / "assets", dirs_exist_ok=True)

    rows = _rows(table)
    by_article = _numbered(findings)
    clusters = duplicate_clusters(table)  # near-copy clusters side by side (issue 3)
    sizes = _write_data(data_dir, rows, by_article, clusters)
    history = read_history(folder.parent / "history.jsonl")
    view = overview(rows, findings, summary, outcomes, unreadable, history, folder)
    view["clusters"] = [{"id": c["id"], "size": c["size"]} for c in clusters]
    env = Environment(loader=PackageLoader("audit", "report/templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    html = env.get_template("report.html.j2").render(summary=summary, **view)
    path.write_text(html, encoding="utf-8")
    sizes["index.html"] = path.stat().st_size
    return sizes


ROW_FIELDS = ("article_id", "source_uri", "source_sha256", "title", "published",
              "published_from", "publisher", "url", "language", "language_prob", "text",
              "content_sha256", "status", "clean_text", "author", "not_checked",
              "duplicate_cluster", "encoding_fixed")


def _rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The table's rows as plain dicts (null-likes as None), only the report's columns."""
    present = [c for c in ROW_FIELDS if c in table.columns]
    columns = {c: table[c].tolist() for c in present}
    return [{c: rd.plain(columns[c][i]) for c in present} for i in range(len(table))]


def _numbered(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Each article's findings, worst first then by position: number = place + 1."""
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_article[finding.article_id].append(finding)
    for own in by_article.values():
        own.sort(key=lambda f: (rd.SEVERITY_RANK.get(f.severity, 3), f.start if f.start is not None else -1))
    return by_article


def _worst(own: list[Finding]) -> int:
    return min((rd.SEVERITY_RANK.get(f.severity, 3) for f in own), default=3)


def _write_data(folder: Path, rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
                clusters: list[dict[str, Any]]) -> dict[str, int]:
    """data/meta.js, list-N.js (every article), view-N.js (each article's view)."""
    dicts = {name: rd.Dictionary() for name in ("check", "publisher", "language", "month", "file")}
    for check in sorted({f.check for own in by_article.values() for f in own}):
        dicts["check"].code(check)
    sizes = {"list": 0, "view": 0, "clusters": 0}
    list_chunks = []
    for first in range(0, len(rows), rd.LIST_CHUNK_ROWS):
        part = rows[first:first + rd.LIST_CHUNK_ROWS]
        payload = _list_rows(part, by_article, dicts)
        name = f"list-{len(list_chunks)}"
        sizes["list"] += rd.write_data_file(folder, name, payload)
        list_chunks.append(name)

    whole = _whole_text_budget(rows, by_article)
    records = ((i, rec, len(json.dumps(rec, ensure_ascii=False)))
               for i, row in enumerate(rows)
               for rec in [_view_record(row, by_article.get(row["article_id"], []), i in whole)])
    view_starts = []
    for group in rd.chunked(records, rd.VIEW_CHUNK_CHARS):
        name = f"view-{len(view_starts)}"
        sizes["view"] += rd.write_data_file(folder, name, {"first": group[0][0],
                                                           "articles": [r for _, r in group]})
        view_starts.append(group[0][0])

    sizes["clusters"] = rd.write_data_file(folder, "clusters", _bounded_clusters(clusters))
    meta = {"articles": len(rows), "list": list_chunks, "views": view_starts,
            "page": 50, **{f"{k}s": d.values for k, d in dicts.items()},
            "clusters": [c["id"] for c in clusters]}
    sizes["meta"] = rd.write_data_file(folder, "meta", meta)
    return sizes


def _list_rows(rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
               dicts: dict[str, rd.Dictionary]) -> dict[str, list[Any]]:
    """Columns of list rows: strings coded through `dicts`, severities as bit masks."""
    cols: dict[str, list[Any]] = {k: [] for k in
                                  ("id", "ti", "ex", "st", "wv", "sm", "nf", "ck", "pb", "lg", "mo", "sf", "dt")}
    for row in rows:
        own = by_article.get(row["article_id"], [])
        cols["id"].append(rd.text_of(row["article_id"]))
        cols["ti"].append(rd.text_of(row.get("title"))[:200])
        cols["ex"].append(" ".join(rd.text_of(row.get("text"))[:rd.EXCERPT_CHARS * 2].split())[:rd.EXCERPT_CHARS])
        cols["st"].append(1 if row.get("status") == "fail" else 0)
        cols["wv"].append(_worst(own))
        mask = 0
        for f in own:
            mask |= rd.SEVERITY_BIT.get(f.severity, 0)
        cols["sm"].append(mask)
        cols["nf"].append(len(own))
        cols["ck"].append(sorted({dicts["check"].code(f.check) for f in own}))
        cols["pb"].append(dicts["publisher"].code(row.get("publisher")))
        cols["lg"].append(dicts["language"].code(row.get("language")))
        published = rd.text_of(row.get("published"))
        cols["mo"].append(dicts["month"].code(published[:7]))
        cols["dt"].append(published)
        cols["sf"].append(dicts["file"].code(rd.text_of(row.get("source_uri")).partition("#")[0]))
    return cols


def _whole_text_budget(rows: list[dict[str, Any]], by_article: dict[str, list[Finding]]) -> set[int]:
    """Indexes of the articles shown whole: worst first, while the budget lasts."""
    def priority(i: int) -> tuple[int, int, int]:
        own = by_article.get(rows[i]["article_id"], [])
        return (_worst(own), -len(own), i)

    left = rd.FULL_TEXT_BUDGET
    whole = set()
    for i in sorted(range(len(rows)), key=priority):
        text = rd.text_of(rows[i].get("text"))
        clean = rd.text_of(rows[i].get("clean_text"))
        cost = min(len(text), rd.PIECE_CHARS) + (min(len(clean), rd.PIECE_CHARS) if clean != text else 0)
        if cost <= left:
            whole.add(i)
            left -= cost
    return whole


def _view_record(row: dict[str, Any], own: list[Finding], whole: bool) -> dict[str, Any]:
    """What the article view shows: provenance, text pieces, numbered findings."""
    text = rd.text_of(row.get("text"))
    spans = [(f.start, f.end) for f in own if f.start is not None and f.end is not None]
    clean = rd.text_of(row.get("clean_text"))
    record = {key: row.get(key) for key in row if key not in {"text", "clean_text"}}
    record.update({
        "len": len(text),
        "whole": whole and len(text) <= rd.PIECE_CHARS,
        "pieces": rd.text_pieces(text, spans, whole),
        "clean": clean[:rd.PIECE_CHARS] if whole and clean and clean != text else None,
        "clean_len": len(clean),
        "f": [[f.check, f.severity, f.start, f.end, f.message, f.excerpt[:300],
               f.related_article_id, f.data or None] for f in own],
    })
    return record


def _bounded_clusters(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters with each member's marked text cut at PIECE_CHARS."""
    out = []
    for cluster in clusters:
        members = []
        for member in cluster["members"]:
            segments, used = [], 0
            for seg in member["segments"]:
                if used >= rd.PIECE_CHARS:
                    break
                piece = seg["text"][: rd.PIECE_CHARS - used]
                segments.append([piece, 1 if seg["changed"] else 0])
                used += len(piece)
            total = sum(len(s["text"]) for s in member["segments"])
            members.append({"id": member["id"], "segments": segments, "cut": total - used})
        out.append({"id": cluster["id"], "size": cluster["size"], "members": members})
    return out
