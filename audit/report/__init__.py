"""Report: one self-contained HTML page a person wants to read (no CDN, no script).

Article text is always escaped (Jinja2 autoescape); findings' spans are shown as marks
in the text, each linked to its finding in the list beside it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from audit.model import Finding
from audit.report.clusters import duplicate_clusters

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
# A page a browser opens quickly: the worst articles in full, the rest counted.
MAX_ARTICLES_SHOWN = 500


def highlight_segments(text: str, spans: Sequence[tuple[int, int, int, str]]) -> list[dict[str, Any]]:
    """Cut text into segments, each with the findings covering it.

    spans: (start, end, finding number, severity). Overlapping spans give segments
    covered by several findings; the worst severity colours the segment.
    """
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    points = sorted(cuts)
    segments = []
    for left, right in zip(points, points[1:]):
        covering = [(n, sev) for s, e, n, sev in spans if s <= left and right <= e and s < e]
        worst = min((sev for _, sev in covering), key=SEVERITY_RANK.get, default=None)
        segments.append({"text": text[left:right], "refs": [n for n, _ in covering], "severity": worst})
    return segments


def write_report(
    path: Path,
    table: pd.DataFrame,
    findings: Sequence[Finding],
    summary: dict[str, Any],
    outcomes: list[dict[str, Any]],
) -> None:
    env = Environment(
        loader=PackageLoader("audit", "report/templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    by_article: dict[str, list[tuple[int, Finding]]] = defaultdict(list)
    for number, finding in enumerate(findings, start=1):
        by_article[finding.article_id].append((number, finding))
    def worst(article_id: str) -> int:
        return min((SEVERITY_RANK[f.severity] for _, f in by_article.get(article_id, [])), default=3)

    order = sorted(range(len(table)), key=lambda i: (worst(table["article_id"].iat[i]), i))
    shown = table.iloc[order[:MAX_ARTICLES_SHOWN]]
    articles = []
    for row in shown.to_dict("records"):
        own = sorted(by_article.get(row["article_id"], []),
                     key=lambda nf: (SEVERITY_RANK[nf[1].severity], nf[1].start or 0))
        spans = [(f.start, f.end, n, f.severity) for n, f in own if f.start is not None]
        articles.append({
            "row": row,
            "findings": own,
            "segments": highlight_segments(str(row["text"] or ""), spans),
            "worst": own[0][1].severity if own else None,
        })
    html = env.get_template("report.html.j2").render(
        summary=summary, articles=articles, outcomes=outcomes,
        hidden=len(table) - len(articles),
        clusters=duplicate_clusters(table),  # near-copy clusters side by side (issue 3)
    )
    path.write_text(html, encoding="utf-8")
