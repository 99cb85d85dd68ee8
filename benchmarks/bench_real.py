"""Every check of the real `news` suite on real article bodies, for a person to review.

    python benchmarks/bench_real.py [--sample K] [--seed 7] [--shape lines|flat|both]
    python benchmarks/bench_real.py --jsonl /work/cache/news.jsonl [--limit N]
    python benchmarks/bench_real.py --source extracted --list boilerplate.line


Texts: the 181 gold article bodies of the Zyte article-extraction benchmark
(/work/shared/data/article-extraction-benchmark/ground-truth.json, read in place), as
published: the publication date is the /YYYY/MM/DD/ (or /YYYY-MM-DD/) of the URL when it
has one; otherwise no metadata date is given and the normal ingest decides (a dateline
in the text, or undated). Two shapes of the same texts: as is (one block a line) and
flattened into one paragraph (lines joined by spaces: how scraped corpora often hold
text). `--jsonl` reads another real corpus instead (one JSON object a line with `text`,
`published` ISO date, optional `url`/`publisher`/`id`), e.g. a fetched news dataset.
`--source extracted` reads the same 181 pages as an extractor gives them instead of the
gold bodies: trafilatura's main text of the raw HTML (favor_recall, comments kept), the
text real corpora hold, chrome it missed included. `--list CHECK` prints every finding of
one check with the signal that decided it and, on extracted text, whether its text is in
the gold body (then it is a false alarm unless a person reads it otherwise).

Everything goes through the real ingest (audit.normalise.build_articles: language
detection, dates) and audit.detect.run_detectors with the `news` suite, so the figures
are those a user gets. Printed: findings per check per 1,000 articles for every check
of the suite; every consistency.* finding (article, check, excerpt, message) so each
can be reviewed by hand; with --sample K, K sampled findings of each other check.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlparse

from audit.detect import run_detectors
from audit.model import Article, Finding, RawRecord
from audit.normalise import build_articles
from audit.suite import load_suite

GOLD = Path("/work/shared/data/article-extraction-benchmark/ground-truth.json")
HTML = GOLD.parent / "html"
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?:[/-]|$)")


def url_date(url: str) -> str | None:
    """'2017-05-12' from '.../2017/05/12/...', None when the URL has no valid date."""
    m = _URL_DATE.search(url)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def gold_records() -> list[dict[str, str | None]]:
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    return [{"id": gold_id[:8], "text": r["articleBody"], "url": r["url"],
             "published": url_date(r["url"])} for gold_id, r in data.items()]


def extracted_records() -> list[dict[str, str | None]]:
    """The 181 pages as trafilatura extracts them (main text with comments, recall first)."""
    import gzip

    import trafilatura

    out = []
    for row in gold_records():
        gold_id = next(k for k in _gold_ids() if k[:8] == row["id"])
        with gzip.open(HTML / f"{gold_id}.html.gz") as handle:
            html = handle.read()
        text = trafilatura.extract(html, url=row["url"], include_comments=True, favor_recall=True) or ""
        out.append({**row, "text": text, "gold": row["text"]})
    return out


def _gold_ids() -> list[str]:
    return list(json.loads(GOLD.read_text(encoding="utf-8")))


def jsonl_records(path: Path, limit: int | None) -> list[dict[str, str | None]]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                break
            row = json.loads(line)
            out.append({"id": str(row.get("id", number)), "text": row["text"],
                        "url": row.get("url"), "published": row.get("published"),
                        "publisher": row.get("publisher")})
    return out


def flatten(text: str) -> str:
    """One paragraph: the lines joined by single spaces."""
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def to_raw(rows: Iterable[dict[str, str | None]], shape: str) -> list[RawRecord]:
    raw = []
    for row in rows:
        text = str(row["text"])
        url = row.get("url")
        fields = {"url": url, "publisher": row.get("publisher") or (urlparse(url).netloc if url else None),
                  "published": row.get("published")}
        raw.append(RawRecord(source_uri=f"{row['id']}#{shape}", source_sha256="", record_id=str(row["id"]),
                             text=flatten(text) if shape == "flat" else text,
                             fields={k: v for k, v in fields.items() if v}))
    return raw


def audit(rows: list[dict[str, str | None]], shape: str) -> tuple[list[Article], list[Finding]]:
    articles, _ = build_articles(to_raw(rows, shape))
    return articles, run_detectors(articles, load_suite("news")).findings


def print_rates(shape: str, articles: list[Article], findings: list[Finding], checks: list[str]) -> None:
    counts = Counter(f.check for f in findings)
    dated = sum(a.published is not None for a in articles)
    print(f"\n## {shape}: {len(articles)} articles ({dated} dated), {len(findings)} findings")
    print(f"{'check':34} {'findings':>8} {'per 1,000 articles':>19}")
    for check in checks:
        print(f"{check:34} {counts[check]:8d} {1000 * counts[check] / max(1, len(articles)):19.1f}")


def describe(finding: Finding, by_id: dict[str, Article]) -> str:
    article = by_id[finding.article_id]
    excerpt = finding.excerpt.replace("\n", " / ")
    lines = [f"- [{finding.check}] {finding.article_id} ({article.published}, {article.url}) "
             f"{finding.severity}\n    excerpt: {excerpt[:200]!r}\n    message: {finding.message}"]
    if finding.start is not None:
        context = article.text[max(0, finding.start - 160):finding.end + 160].replace("\n", " / ")
        lines.append(f"    context: ...{context}...")
    return "\n".join(lines)


def print_findings(articles: list[Article], findings: list[Finding], sample: int, seed: int) -> None:
    by_id = {a.article_id: a for a in articles}
    consistency = [f for f in findings if f.check.startswith("consistency.")]
    print(f"\n### every consistency finding ({len(consistency)})")
    for finding in sorted(consistency, key=lambda f: (f.check, f.article_id, f.start or 0)):
        print(describe(finding, by_id))
    if sample:
        rng = random.Random(seed)
        others = sorted({f.check for f in findings} - {f.check for f in consistency})
        for check in others:
            of_check = [f for f in findings if f.check == check]
            print(f"\n### {check}: {min(sample, len(of_check))} of {len(of_check)} sampled")
            for finding in rng.sample(of_check, min(sample, len(of_check))):
                print(describe(finding, by_id))


def list_check(check: str, articles: list[Article], findings: list[Finding],
               gold: dict[str, str]) -> None:
    """Every finding of one check with its signal; on extracted text, whether it is gold text."""
    by_id = {a.article_id: a for a in articles}
    of_check = sorted((f for f in findings if f.check == check), key=lambda f: (f.article_id, f.start or 0))
    signals = Counter(str(f.data.get("signal", "")) for f in of_check)
    print(f"\n### every {check} finding ({len(of_check)}; by signal: {dict(sorted(signals.items()))})")
    flat_gold = {k: " ".join(v.split()) for k, v in gold.items()}
    for f in of_check:
        art = by_id[f.article_id]
        in_gold = ""
        record = art.source_uri.split("#")[0]
        if record in flat_gold:
            in_gold = " IN-GOLD" if " ".join(f.excerpt.split()) in flat_gold[record] else " not-in-gold"
        context = art.text[max(0, (f.start or 0) - 100):(f.end or 0) + 100].replace("\n", " / ")
        print(f"- {f.article_id} [{f.data.get('signal')}]{in_gold} {f.excerpt[:160]!r}\n    ...{context}...")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=int, default=0, help="sampled findings of each other check")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shape", choices=("lines", "flat", "both"), default="both")
    parser.add_argument("--jsonl", type=Path, help="another real corpus instead of the gold bodies")
    parser.add_argument("--limit", type=int, help="first N records of --jsonl")
    parser.add_argument("--source", choices=("gold", "extracted"), default="gold",
                        help="the gold bodies, or the pages as trafilatura extracts them")
    parser.add_argument("--list", metavar="CHECK", help="print every finding of this check")
    args = parser.parse_args()
    if args.jsonl:
        rows = jsonl_records(args.jsonl, args.limit)
    else:
        rows = extracted_records() if args.source == "extracted" else gold_records()
    gold = {str(r["id"]): str(r["gold"]) for r in rows if r.get("gold")}
    checks = sorted(load_suite("news").rules)
    shapes = ("lines", "flat") if args.shape == "both" else (args.shape,)
    for shape in shapes:
        articles, findings = audit(rows, shape)
        print_rates(shape, articles, findings, checks)
        print_findings(articles, findings, args.sample, args.seed)
        if args.list:
            list_check(args.list, articles, findings, gold)


if __name__ == "__main__":
    main()
