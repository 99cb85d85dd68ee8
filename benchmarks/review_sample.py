"""A seeded sample of each check's findings of a run, each with its context, to read.

    python benchmarks/review_sample.py RUN_DIR [--check CHECK] [--k 25] [--seed 20261203] [--width 220]
        [--per-article] [--language de]

RUN_DIR is a `corpus-audit run --out` folder (findings.jsonl, articles.parquet). For
each check with findings (or only CHECK), up to K findings drawn with random.Random(seed)
are printed: article id, publication date, message, and the text around the span with the
span between [[ and ]]. Precision is a person's verdict on each; this prints what they
read (docs/measurements/precision-2026-12-03.md). Each finding has a sample number, so the
verdicts can be written against it. `--per-article` draws at most one finding an article
(first the articles, then one finding of each), so a few odd pages holding dozens of a
check's findings do not fill the sample; `--language` keeps articles of that language
(the run's `language` column) only (precision-multilingual.md).
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq


def load(run: Path) -> tuple[dict[str, list[dict]], dict[str, dict]]:
    """Findings by check, and each article's text and date by id."""
    by_check: dict[str, list[dict]] = defaultdict(list)
    with open(run / "findings.jsonl", encoding="utf-8") as handle:
        for line in handle:
            finding = json.loads(line)
            by_check[finding["check"]].append(finding)
    table = pq.read_table(run / "articles.parquet", columns=["article_id", "text", "published", "title", "language"])
    articles = {row["article_id"]: row for row in table.to_pylist()}
    return by_check, articles


def context(text: str, start: int | None, end: int | None, width: int) -> str:
    """The span in its surrounding text, marked; the text's head when there is no span."""
    if start is None or end is None:
        return text[: 2 * width].replace("\n", " / ")
    left = max(0, start - width)
    right = min(len(text), end + width)
    span = text[start:end]
    if len(span) > 3 * width:
        span = span[: width] + " ... " + span[-width:]
    out = ("..." if left else "") + text[left:start] + "[[" + span + "]]" + text[end:right] + ("..." if right < len(text) else "")
    return out.replace("\n", " / ")


def draw(findings: list[dict], k: int, seed: int, per_article: bool) -> list[dict]:
    """K findings at random; with per_article, K articles at random and one finding of each."""
    rng = random.Random(seed)
    if not per_article:
        return rng.sample(findings, min(k, len(findings)))
    by_article: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_article[finding["article_id"]].append(finding)
    chosen = rng.sample(sorted(by_article), min(k, len(by_article)))
    return [rng.choice(by_article[article_id]) for article_id in chosen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", type=Path)
    parser.add_argument("--check")
    parser.add_argument("--k", type=int, default=25)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--width", type=int, default=220)
    parser.add_argument("--per-article", action="store_true")
    parser.add_argument("--language")
    args = parser.parse_args()
    by_check, articles = load(args.run)
    for check in sorted(by_check):
        if args.check and check != args.check:
            continue
        findings = [f for f in by_check[check]
                    if not args.language or articles.get(f["article_id"], {}).get("language") == args.language]
        sample = draw(findings, args.k, args.seed, args.per_article)
        print(f"=== {check}: {len(findings)} findings in {len(articles)} articles, {len(sample)} sampled")
        for number, finding in enumerate(sample, 1):
            article = articles.get(finding["article_id"], {})
            text = article.get("text") or ""
            print(f"--- #{number} {finding['article_id']} ({article.get('language')}) published={article.get('published')} "
                  f"related={finding.get('related_article_id')}")
            print(f"    {finding['message'][:300]}")
            print(f"    {context(text, finding.get('start'), finding.get('end'), args.width)}")


if __name__ == "__main__":
    main()
