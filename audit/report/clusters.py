"""Near-copy clusters for the report: members side by side, differing words marked.

A reviewer deciding whether a cluster is wire copy or a false match wants to see what
differs, not two walls of text. Each member is diffed word by word against the
cluster's original (the article whose id names the cluster); the original marks the
words that at least one shown member lacks. The diff is audit.normalise.diff
(rapidfuzz's LCS, windowed for long texts): difflib cost the square of the length,
7 s of a 2,000-article run (issue 13).
"""

from __future__ import annotations

import re
from typing import Any

from audit.normalise.diff import opcodes

CLUSTER_COLUMN = "duplicate_cluster"  # set by audit.detect.duplicates.near
MAX_CLUSTERS = 50  # the report stays light; every cluster id is in articles.parquet
MAX_MEMBERS = 3  # columns side by side that still fit a screen
_PIECES = re.compile(r"\s+|\S+")


def _segments(pieces: list[str], changed: set[int]) -> list[dict[str, Any]]:
    """Runs of pieces, each marked changed or not (whitespace never starts a mark)."""
    runs: list[tuple[bool, list[str]]] = []  # joined once at the end: += on a str in a dict
    # copied the run each time (a long unchanged text cost the square of its length)
    for i, piece in enumerate(pieces):
        space = piece.isspace()
        flag = not space and i in changed
        if runs and (runs[-1][0] == flag or space):
            runs[-1][1].append(piece)
        else:
            runs.append((flag, [piece]))
    return [{"text": "".join(parts), "changed": flag} for flag, parts in runs]


def _matched(a: list[str], b: list[str]) -> tuple[set[int], set[int]]:
    """Indexes of a and of b that the diff pairs up."""
    left: set[int] = set()
    right: set[int] = set()
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            left.update(range(i1, i2))
            right.update(range(j1, j2))
    return left, right


def duplicate_clusters(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters of two or more articles, biggest first, with diff-marked segments (from
    the report's rows, audit.report._rows: a null is None there)."""
    if not rows or CLUSTER_COLUMN not in rows[0]:
        return []
    groups: dict[Any, list[dict[str, Any]]] = {}  # first appearance order, as groupby(sort=False)
    for row in rows:
        cluster_id = row[CLUSTER_COLUMN]
        if cluster_id is not None:
            groups.setdefault(cluster_id, []).append({"article_id": row["article_id"],
                                                      "text": row["text"]})
    # plain lists, not groupby + to_dict per cluster (4 ms a cluster, issue 13)
    clusters = []
    for cluster_id, members in groups.items():
        if len(members) < 2:
            continue
        members.sort(key=lambda r: r["article_id"] != cluster_id)  # the original first
        clusters.append((cluster_id, len(members), members[:MAX_MEMBERS]))
    clusters.sort(key=lambda c: -c[1])
    return [_with_diff(cid, size, members) for cid, size, members in clusters[:MAX_CLUSTERS]]


def _with_diff(cluster_id: str, size: int, members: list[dict[str, Any]]) -> dict[str, Any]:
    pieces = [_PIECES.findall(str(m["text"] or "")) for m in members]
    original_kept = set(range(len(pieces[0])))
    shown = [{"id": members[0]["article_id"], "segments": []}]
    for member, own in zip(members[1:], pieces[1:]):
        left, right = _matched(pieces[0], own)
        original_kept &= left
        changed = set(range(len(own))) - right
        shown.append({"id": member["article_id"], "segments": _segments(own, changed)})
    shown[0]["segments"] = _segments(pieces[0], set(range(len(pieces[0]))) - original_kept)
    return {"id": cluster_id, "size": size, "members": shown}
