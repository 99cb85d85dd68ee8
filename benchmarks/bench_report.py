"""Size and build time of the HTML report, and its first view in headless Chromium.

    python benchmarks/bench_report.py 10000 100000
    python benchmarks/bench_report.py --no-browser 10000

A synthetic run (no detectors, no Great Expectations: the report is what is measured):
N articles of 14 sentences drawn (seeded) from bench_run.py's pool (the 300 ABC news
documents of the Lee corpus and the seeds: real text, so packed sizes are honest), 40 publishers, 5 languages,
36 months, 20 source files; about a third of the articles with 1 to 6 findings (spans
into the text, some whole-article, a tenth of them errors); near-copy clusters of 2-3.
Goals (issue 12): first view under 1 s at 100,000 articles, report files under 60 MB.

Browser figures (Debian's /usr/bin/chromium via selenium, a fresh profile each):
overview = the page's first contentful paint; list = from navigation to the first page
of rows, then to all list files merged; search = the list's own filter+sort time for a
query; article = from navigation to an article view with its marks drawn.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd
from bench_run import sentence_pool  # benchmarks/ is on sys.path when run as a script

from audit.model import Finding
from audit.report import write_report
from audit.report.clusters import duplicate_clusters

CHECKS = [("boilerplate.line", "warning"), ("paywall.text", "error"), ("metadata.leak", "warning"),
          ("consistency.invalid_date", "warning"), ("hygiene.glued", "info"),
          ("duplicate.near", "warning"), ("language.mixed", "info"), ("duplicate.exact", "error")]


def synthetic_run(n: int) -> tuple[pd.DataFrame, list[Finding], dict]:
    rng = random.Random(n)
    pool = sentence_pool()  # bench_run's: the Lee corpus (gensim's test data) and the seeds
    rows, findings = [], []
    for i in range(n):
        text = "\n\n".join(" ".join(rng.sample(pool, 2)) for _ in range(7))
        if i % 100 in (1, 2):  # near copies of the article before: a few words changed
            words = rows[-1]["text"].split(" ")
            for k in rng.sample(range(len(words)), 6):
                words[k] = words[k].upper()
            text = " ".join(words)
        article_id = f"art-{i:06d}"
        month = f"{2023 + (i % 36) // 12}-{1 + i % 12:02d}"
        own = []
        if rng.random() < 0.33:
            for _ in range(rng.randint(1, 6)):
                check, severity = rng.choice(CHECKS)
                if rng.random() < 0.15:
                    own.append(Finding(article_id=article_id, check=check, severity=severity,
                                       message=f"{check}: whole-article finding."))
                    continue
                start = rng.randrange(0, max(len(text) - 40, 1))
                end = start + rng.randint(5, 40)
                own.append(Finding(article_id=article_id, check=check, severity=severity, start=start,
                                   end=end, excerpt=text[start:end], message=f"{check} at {start}.",
                                   data={"rule": "synthetic", "phrase": text[start:end][:20]}))
        findings += own
        cluster = f"art-{i - i % 100:06d}" if i % 100 < 3 else None
        rows.append({
            "article_id": article_id, "source_uri": f"feeds/feed-{i % 20}.jsonl#line={i}",
            "source_sha256": f"{i:064x}", "title": text.split(".")[0][:90],
            "published": f"{month}-{1 + i % 28:02d}", "published_from": "metadata",
            "publisher": f"Publisher {i % 40}", "url": f"https://news.example/{i}",
            "language": ["en", "en", "en", "de", "fr", "es", "uk"][i % 7], "language_prob": 0.99,
            "text": text, "content_sha256": f"{i:064x}",
            "status": "fail" if any(f.severity == "error" for f in own) else "pass",
            "clean_text": text, "duplicate_cluster": cluster,
        })
    table = pd.DataFrame(rows)
    by_check: dict[str, int] = {}
    by_severity = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        by_check[f.check] = by_check.get(f.check, 0) + 1
        by_severity[f.severity] += 1
    summary = {"run_id": f"bench-{n}", "started": "2026-12-02T06:00:00+00:00", "articles": n,
               "tool": {"version": "bench"}, "great_expectations": {"version": "-"},
               "suite": {"name": "news", "version": 1, "path": "-"}, "inputs": [{"path": "feeds"}],
               "status": dict(table["status"].value_counts()), "problems": [],
               "counts": {"by_check": by_check, "by_severity": by_severity}}
    return table, findings, summary


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def browser_times(index: Path, article_id: str) -> dict[str, float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    wait = WebDriverWait(driver, 60, poll_frequency=0.01)
    out = {}
    try:
        driver.get(index.as_uri())
        out["overview_paint_s"] = wait.until(lambda d: d.execute_script(
            "const p = performance.getEntriesByName('first-contentful-paint')[0];"
            "return p && p.startTime")) / 1000
        out["overview_load_s"] = driver.execute_script(
            "const t = performance.timing; return t.loadEventEnd - t.navigationStart") / 1000
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(index.as_uri() + "#list")
        wait.until(lambda d: d.execute_script("return document.querySelectorAll('#rows tbody tr').length"))
        out["list_first_page_s"] = time.perf_counter() - start
        wait.until(lambda d: "loading" not in d.find_element("id", "list-status").text)
        out["list_all_s"] = time.perf_counter() - start
        box = driver.find_element("id", "q")
        box.send_keys("istanbul")
        wait.until(lambda d: "istanbul" in d.current_url)
        status = driver.find_element("id", "list-status").text
        out["search_ms"] = float(re.search(r"(\d+) ms", status).group(1))
        out["search_hits"] = float(re.match(r"([\d,]+) of", status).group(1).replace(",", ""))
        box.clear()
        box.send_keys("talks")  # a second search: the lower-cased index is built by now
        wait.until(lambda d: "q=talks" in d.current_url)
        status = driver.find_element("id", "list-status").text
        out["search2_ms"] = float(re.search(r"(\d+) ms", status).group(1))
        driver.get("about:blank")
        start = time.perf_counter()
        driver.get(index.as_uri() + "#a/" + article_id)
        wait.until(lambda d: d.find_elements("css selector", "#article ol.findings li"))
        out["article_view_s"] = time.perf_counter() - start
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--keep", type=Path, help="write the reports here (else a temporary folder)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="bench-report-"))
    for n in args.sizes:
        table, findings, summary = synthetic_run(n)
        out = base / f"run-{n}" / "latest"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        start = time.perf_counter()
        duplicate_clusters(table)  # clusters.py's word diff, timed apart (reworked in another branch)
        diff_seconds = time.perf_counter() - start
        start = time.perf_counter()
        sizes = write_report(out / "index.html", table, findings, summary, [])
        seconds = time.perf_counter() - start
        total = folder_bytes(out)
        parts = ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items())
        meta = (out / "data" / "meta.js").read_text(encoding="utf-8")
        views = re.search(r'"views":(\{[^}]*\})', meta).group(1)
        print(f"{n:>7} articles, {len(findings)} findings: build {seconds:.1f} s, of which "
              f"{diff_seconds:.1f} s the clusters' word diff; "
              f"files {total / 1e6:.1f} MB in all ({len(list(out.rglob('*')))} files; {parts}); "
              f"article views {views}")
        if not args.no_browser:
            worst = next(f.article_id for f in findings if f.severity == "error")
            times = browser_times(out / "index.html", worst)
            print("         chromium: " + ", ".join(f"{k} {v:.3f}" if k.endswith("_s") else f"{k} {v:.0f}"
                                                   for k, v in times.items()))
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
