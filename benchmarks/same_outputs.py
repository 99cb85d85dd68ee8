"""Whether two run folders hold the same outputs (a rerun against a `--no-cache` run, or
one tree's run against another's): findings.jsonl and unreadable.jsonl byte for byte,
data/* byte for byte or, where the bytes differ, by what they hold (a packed file is gzip by
ISA-L or by zlib, as installed), articles.parquet as a table, summary.json without what differs by run (timings,
paths, run id, cache counters, history). Prints what differs; exit 1 if anything does.

    python benchmarks/same_outputs.py OUT_A OUT_B
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from audit.report.data import read_data_file

BY_RUN = {"seconds", "history", "run_id", "findings_cache", "language_cache", "suite", "out",
          "cache", "started", "finished", "peak_rss_mb"}


def _plain(summary: Any) -> Any:
    """The summary without the keys that differ from run to run."""
    if isinstance(summary, dict):
        return {k: _plain(v) for k, v in summary.items() if k not in BY_RUN}
    if isinstance(summary, list):
        return [_plain(v) for v in summary]
    return summary


def differences(a: Path, b: Path) -> list[str]:
    found = []
    for name in ("findings.jsonl", "unreadable.jsonl"):
        there = [(d / name).read_bytes() if (d / name).exists() else None for d in (a, b)]
        if there[0] != there[1]:
            found.append(name)
    if not pq.read_table(a / "articles.parquet").equals(pq.read_table(b / "articles.parquet")):
        found.append("articles.parquet")
    names = sorted({p.name for p in (a / "data").iterdir()} | {p.name for p in (b / "data").iterdir()})
    for name in names:
        one, two = a / "data" / name, b / "data" / name
        if not (one.exists() and two.exists() and (one.read_bytes() == two.read_bytes()
                                                   or read_data_file(one) == read_data_file(two))):
            found.append(f"data/{name}")
    one, two = (_plain(json.loads((d / "summary.json").read_text())) for d in (a, b))
    found += [f"summary.json: {key}" for key in sorted(set(one) | set(two)) if one.get(key) != two.get(key)]
    return found


if __name__ == "__main__":
    differ = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(differ) or "same")
    sys.exit(1 if differ else 0)
