"""The article table's `published` for HTML pages, against htmldate's annotated evaluation pages.

    python benchmarks/bench_pubdate.py [--pages DIR]

Data: htmldate's evaluation set (adbar/htmldate, Apache-2.0; the pages are third-party web
pages): tests/eval/*.html with their publication day annotated in tests/eval_default.json and
tests/eval_mediacloud_2020.json (999 annotations, 744 pages present). Read from a local mirror
(the search tool's `fetch` of github:adbar/htmldate into /work/.mirror); the pages are written
to DIR (default /work/scratch/htmldate/pages, outside the repo) once.

What it measures: a run over the pages as a user would give them (`audit.run` on the folder:
the HTML reader, trafilatura's metadata, then the contract's order of date sources); the share
of pages whose `published` is the annotated day, by `published_from`, and how far the others
are. Side by side: htmldate's `find_date` on the same bytes with its default settings and with
`original_date=True` (what trafilatura asks for), so the figure reads against the tool a user
would pick for dates alone.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

MIRROR = Path("/work/.mirror/adbar+htmldate/repo")
ANNOTATIONS = ("tests/eval_default.json", "tests/eval_mediacloud_2020.json")


def _show(name: str) -> bytes | None:
    git = MIRROR / ".git" if (MIRROR / ".git").is_dir() else MIRROR
    done = subprocess.run(["git", f"--git-dir={git}", "show", f"HEAD:{name}"], capture_output=True)
    return done.stdout if done.returncode == 0 else None


def pages(folder: Path) -> dict[str, str]:
    """File name -> annotated day, the pages written to `folder` if not there yet."""
    if not MIRROR.exists():
        sys.exit("no mirror of adbar/htmldate: bring it with the search tool's fetch (github:adbar/htmldate)")
    days: dict[str, str] = {}
    folder.mkdir(parents=True, exist_ok=True)
    for name in ANNOTATIONS:
        for entry in json.loads(_show(name) or b"{}").values():
            page = folder / entry["file"]
            if not page.exists():
                data = _show(f"tests/eval/{entry['file']}")
                if data is None:
                    continue
                page.write_bytes(data)
            days[entry["file"]] = entry["date"]
    return days


def _bucket(found: str, gold: str) -> str:
    days = abs((date.fromisoformat(found) - date.fromisoformat(gold)).days)
    return "1-3 days off" if days <= 3 else "4-31 days off" if days <= 31 else "1-12 months off" if days <= 365 else "over a year off"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=Path("/work/scratch/htmldate/pages"))
    args = parser.parse_args()
    days = pages(args.pages)

    import pyarrow.parquet as pq
    from htmldate import find_date

    from audit import run

    with tempfile.TemporaryDirectory() as tmp:
        result = run([args.pages], out=Path(tmp) / "run", data_docs=False, html_report=False)
        rows = pq.read_table(Path(tmp) / "run" / "articles.parquet",
                             columns=["source_uri", "published", "published_from"]).to_pylist()
    ours: Counter[tuple[str, str]] = Counter()
    for row in rows:
        gold = days.get(Path(row["source_uri"].split("#")[0]).name)
        if gold is None:
            continue
        found = str(row["published"])[:10] if row["published"] else None
        verdict = "right" if found == gold else "no date" if found is None else _bucket(found, gold)
        ours[(row["published_from"], verdict)] += 1
    judged = sum(ours.values())
    right = sum(n for (_, verdict), n in ours.items() if verdict == "right")
    print(f"htmldate's evaluation pages: {len(days)} annotated and present, {len(result.articles)} read by the run")
    print(f"corpus-audit published = annotated day: {right}/{judged} ({right / max(1, judged):.1%})")
    for (source, verdict), n in sorted(ours.items(), key=lambda item: -item[1]):
        print(f"  from {source:9s} {verdict:16s} {n}")
    read = {Path(row["source_uri"].split("#")[0]).name for row in rows} & set(days)
    for label, options in (("default", {}), ("original_date=True", {"original_date": True})):
        hits = 0
        for name in read:  # the pages the run read: the same denominator
            gold = days[name]
            html = (args.pages / name).read_bytes().decode("utf-8", "replace")
            with contextlib.suppress(Exception):  # a page htmldate cannot read counts as a miss
                hits += find_date(html, **options) == gold
        print(f"htmldate find_date, {label}: {hits}/{len(read)} ({hits / max(1, len(read)):.1%})")


if __name__ == "__main__":
    main()
