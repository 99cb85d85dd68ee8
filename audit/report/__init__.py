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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from audit.atomic import final_name
from audit.errors import UsageError
from audit.model import Article, Finding, split_uri
from audit.report import data as rd
from audit.report.chunks import VIEW_TEXTS, Listed, list_columns, plan_view_places, write_data
from audit.report.clusters import duplicate_clusters
from audit.report.history import read_history
from audit.report.overview import overview

STATIC = Path(__file__).resolve().parent / "static"
RUN_FILES = ("articles.parquet", "findings.jsonl", "summary.json")
SUITE_RESULTS = "suite_results.json"  # GX outcomes, kept so the report can be rebuilt
UNREADABLE = "unreadable.jsonl"  # unreadable records: file, position, reason, raw excerpt
RAW_EXCERPT_CHARS = 300


@dataclass
class Prepared:
    """What the report computes from the table and the findings, the articles' status
    aside: the run makes it while Great Expectations validates (issue 13), then gives
    it the status (`with_status`)."""

    rows: list[dict[str, Any]]  # _rows(table)
    by_article: dict[str, list[Finding]]  # _numbered(findings)
    clusters: list[dict[str, Any]]  # duplicate_clusters(rows)
    planned: tuple[list[dict[str, Any]], int, dict[str, int]]  # plan_views(rows, by_article)
    # list_columns(rows, by_article): the list files' columns but their status (0.4 s of
    # CPU at 20,000 articles, made while GX validates instead of after)
    listed: Listed | None = None
    # every value of the rows orjson_plain (the status aside: "pass" or "fail"), looked at
    # column by column: the view records' fields from the rows need no look of their own
    # when their data files are encoded (audit.report.chunks.write_data)
    rows_plain: bool = False
    # each view record's row (plan_view_places): with_status sets a record's status by its
    # row's place, not through a dict of every article's id (0.1 s at 100,000 articles)
    positions: list[int] | None = None
    # the data files written already (`write_data_ahead`): the statuses they hold, their
    # folder, and write_data's sizes; None when they are still to write
    written: tuple[list[str], Path, dict[str, int]] | None = None


def prepare(table: pd.DataFrame, findings: Sequence[Finding],
            columns: Mapping[str, list[Any]] | None = None) -> Prepared:
    """The report's rows, numbered findings, cluster diffs, view plan and list columns:
    none of them depends on the status but the rows', view records' and list files'
    status field. `columns`: the plain lists the table was made from
    (audit.pipeline.article_columns), whose strings the rows take (`_rows`)."""
    kinds: dict[str, set[type]] = {}
    values = _row_columns(table, columns, kinds)
    rows = _zip_rows(values)
    by_article = _numbered(findings)
    positions, views, used, shown = plan_view_places(rows, by_article)
    return Prepared(rows, by_article, duplicate_clusters(rows), (views, used, shown),
                    list_columns(rows, by_article, values), _rows_plain(values, kinds), positions)


def _rows_plain(columns: Mapping[str, list[Any]], kinds: Mapping[str, set[type]] | None = None) -> bool:
    """Whether the values of the rows that view records hold are all orjson_plain, looked
    at column by column (C loops over a flat list; language_prob's floats for their range),
    and the texts exact str or None: a record shows them as pieces, slices of them
    (audit.report.chunks.views_plain then looks only at the records' findings). `kinds`:
    the types of a column's values where _row_columns took them already (a column of
    str and None needs no other look)."""
    known = kinds or {}
    for name, values in columns.items():
        types = known.get(name)
        if name in VIEW_TEXTS:
            if not (types if types is not None else set(map(type, values))) <= TEXT_KINDS:
                return False
        elif not (types is not None and types <= TEXT_KINDS) and not rd.orjson_plain(values):
            return False
    return True


TEXT_KINDS = frozenset({str, type(None)})


def with_status(prepared: Prepared, status: Sequence[str]) -> Prepared:
    """`prepared` with each article's final status (table order): the same values, keys
    and key order as `prepare` of the table that has them. A view record's status is
    its row's, read by the row's place (`positions`) when prepare kept it."""
    if prepared.written is not None:
        if prepared.written[0] == list(status):
            return prepared  # the data files hold these statuses, and so do the rows and records
        # another status than the one they were written with: written again by _render (the
        # list files' columns made again from the rows: write_data consumed the ones made)
        prepared.written = None
    rows, records = prepared.rows, prepared.planned[0]
    for row, value in zip(rows, status, strict=True):
        row["status"] = value
    if prepared.positions is not None:
        for record, n in zip(records, prepared.positions, strict=True):
            record["status"] = status[n]
        return prepared
    by_id = {row["article_id"]: row["status"] for row in rows}
    for record in records:
        record["status"] = by_id[record["article_id"]]
    return prepared


def write_data_ahead(prepared: Prepared, data_dir: Path, status: Sequence[str]) -> Prepared:
    """The report's data files (data/: the list and the article views, most of the report's
    writing) written now, with `status`, a guess made before GX's validation ends
    (audit.pipeline.guessed_statuses): the run writes them while GX validates, when its
    process would otherwise wait (at 20,000 articles the report stage was 0.45 s after
    GX's answer, write_data 0.2 s of it). `with_status` keeps them when GX's statuses are
    the guess, else drops them and `_render` writes them again."""
    prepared = with_status(prepared, status)
    data_dir.mkdir(parents=True, exist_ok=True)
    listed, prepared.listed = prepared.listed, None  # write_data consumes them, whatever happens
    sizes = write_data(data_dir, prepared.rows, prepared.by_article, prepared.clusters, prepared.planned,
                       listed, prepared.rows_plain)
    prepared.written = (list(status), data_dir, sizes)
    return prepared


def write_report(
    path: Path,
    table: pd.DataFrame,
    findings: Sequence[Finding],
    summary: dict[str, Any],
    outcomes: list[dict[str, Any]],
    *,
    articles: Sequence[Article] | None = None,
    prepared: Prepared | None = None,
    docs_ready: Callable[[], None] | None = None,
) -> dict[str, int]:
    """Write index.html, assets/ and data/ beside `path`; return bytes written by part.
    `prepared`: `prepare(table, findings)` made earlier, with the table's status;
    `docs_ready`: waits for the run's Data Docs (built by GX's process meanwhile), which
    the overview links to: called after the data files are written, before it."""
    folder = path.parent
    (folder / SUITE_RESULTS).write_text(json.dumps(outcomes, default=str) + "\n", encoding="utf-8")
    if articles is not None:
        _write_unreadable(folder / UNREADABLE, articles)
    return _render(path, table, findings, summary, outcomes, _read_unreadable(folder / UNREADABLE),
                   prepared, docs_ready)


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
            file, where = split_uri(a.source_uri)
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
            unreadable: list[dict[str, Any]], prepared: Prepared | None = None,
            docs_ready: Callable[[], None] | None = None) -> dict[str, int]:
    folder = path.parent
    data_dir = folder / "data"
    shutil.copytree(STATIC, folder / "assets", dirs_exist_ok=True)

    prepared = prepared or prepare(table, findings)  # clusters: near copies side by side (issue 3)
    rows, clusters = prepared.rows, prepared.clusters
    if prepared.written is not None and prepared.written[1] == data_dir:  # write_data_ahead's, these statuses
        sizes = dict(prepared.written[2])
    else:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir(parents=True)
        sizes = write_data(data_dir, rows, prepared.by_article, clusters, prepared.planned, prepared.listed,
                           prepared.rows_plain)
    history = read_history(folder.parent / "history.jsonl", final_name(folder))
    env = Environment(loader=PackageLoader("audit", "report/templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True)
    template = env.get_template("report.html.j2")  # compiled (0.03 s) while GX builds its Data Docs
    if docs_ready is not None:  # the overview links them: from here on, the run's tail (issue 13)
        docs_ready()
    view = overview(rows, findings, summary, outcomes, unreadable, history, folder)
    view["clusters"] = [{"id": c["id"], "size": c["size"]} for c in clusters]
    html = template.render(summary=summary, **view)
    path.write_text(html, encoding="utf-8")
    sizes["index.html"] = path.stat().st_size
    return sizes


ROW_FIELDS = ("article_id", "source_uri", "source_sha256", "title", "published",
              "published_from", "publisher", "url", "language", "language_prob", "text",
              "content_sha256", "status", "clean_text", "author", "not_checked",
              "duplicate_cluster", "encoding_fixed", "check_failures")


def _rows(table: pd.DataFrame, source: Mapping[str, list[Any]] | None = None) -> list[dict[str, Any]]:
    """The table's rows as plain dicts (null-likes as None), only the report's columns
    (_row_columns' values, a dict a row)."""
    return _zip_rows(_row_columns(table, source))


def _zip_rows(columns: Mapping[str, list[Any]]) -> list[dict[str, Any]]:
    names = list(columns)
    return [dict(zip(names, values)) for values in zip(*columns.values())]


def _row_columns(table: pd.DataFrame, source: Mapping[str, list[Any]] | None = None,
                 kinds: dict[str, set[type]] | None = None) -> dict[str, list[Any]]:
    """The report's columns of the table as lists of plain values (null-likes as None).

    `source`: the lists the table was made from. A column pandas made a str column of
    holds those very strings (or a null), so they are taken from the list instead of
    back out of the table: pandas' str columns are Arrow arrays, and reading them back
    made a new Python string of each value (the texts: 300 MB at 100,000 articles). A
    list of str and None only is taken as it is (no copy: the rows read it, nobody
    changes it); `kinds` gets the types found in each list so taken."""
    present = [c for c in ROW_FIELDS if c in table.columns]
    columns = {}
    for c in present:  # column-wise: null-likes to None once per column, not per value
        if source is not None and c in source and isinstance(table[c].dtype, pd.StringDtype):
            values = source[c]
            types = set(map(type, values))
            if types <= {str, type(None)}:
                columns[c] = values if isinstance(values, list) else list(values)
                if kinds is not None:
                    kinds[c] = types
                continue
            columns[c] = [v if isinstance(v, str) else None for v in values]
            continue
        nulls = table[c].isna().tolist()
        columns[c] = [None if null else rd.plain(v) if not isinstance(v, str) else v
                      for v, null in zip(table[c].tolist(), nulls)]
    return columns


def _numbered(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Each article's findings, worst first then by position: number = place + 1."""
    by_article: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_article[finding.article_id].append(finding)
    for own in by_article.values():
        own.sort(key=lambda f: (rd.SEVERITY_RANK.get(f.severity, 3), f.start if f.start is not None else -1))
    return by_article
