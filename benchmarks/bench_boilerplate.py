"""Line-level precision and recall of the chrome checks on real pages nobody here wrote.

Data: the Zyte article-extraction benchmark (181 real pages, gold main text, MIT), read
from ../shared/data/article-extraction-benchmark/ (never copied into the repo).
Each page becomes text the way a naive extractor would give it (all visible text, one
block a line: lxml, script/style/noscript/template removed). A line is labelled:
content if it is part of the gold text, chrome otherwise; a short line (< 6 words) that
also occurs in the gold text is ambiguous and left out. The score counts a line as
flagged when a finding of boilerplate.line, paywall.text or metadata.leak covers it.
The baseline is datatrove's C4 line rules (c4_filters.py, reimplemented below).

Run: python benchmarks/bench_boilerplate.py [DATA_DIR] [--recurrence-min-docs N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlparse

import lxml.html

from audit.detect import boilerplate, metadata_leak, paywall
from audit.model import Article, Finding

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "option", "button", "label", "title"]
)
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
AMBIGUOUS_WORDS = 6
_SPACE = re.compile(r"\s+")


def naive_lines(html: bytes) -> list[str]:
    """All visible text, one block a line, whitespace collapsed, empty lines dropped."""
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        text = html.decode("cp1252", "replace")
    root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        block = isinstance(el.tag, str) and el.tag in BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(root)
    return [_SPACE.sub(" ", ln).strip() for ln in "".join(parts).split("\n") if ln.strip()]


def label(line: str, gold_lines: set[str], gold_text: str) -> str | None:
    """'content', 'chrome', or None for an ambiguous short line."""
    short = len(line.split()) < AMBIGUOUS_WORDS
    in_gold = line in gold_lines or line in gold_text
    if in_gold:
        return None if short else "content"
    return "chrome"


# datatrove C4 line rules (src/datatrove/pipeline/filters/c4_filters.py, C4QualityFilter):
# drop lines without terminal punctuation, lines with "javascript", lines with fewer than
# 3 words (min_num_sentences applies per document, not per line), lines with policy
# substrings; documents with "lorem ipsum" or "{" are dropped whole (all their lines).
C4_END = (".", "?", "!", '"', "'")
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
             "use cookies")


def c4_flags(lines: Sequence[str]) -> list[bool]:
    whole = " ".join(lines).lower()
    if "lorem ipsum" in whole or "{" in whole:
        return [True] * len(lines)
    out = []
    for ln in lines:
        low = ln.lower()
        out.append(not ln.endswith(C4_END) or "javascript" in low or len(ln.split()) < 3
                   or any(p in low for p in C4_POLICY))
    return out


def load(data: Path) -> list[tuple[Article, list[str], set[str], str]]:
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(gold.items()):
        with gzip.open(data / "html" / f"{key}.html.gz") as fh:
            lines = naive_lines(fh.read())
        body = _SPACE.sub(" ", item["articleBody"])
        gold_lines = {_SPACE.sub(" ", g).strip() for g in item["articleBody"].split("\n")}
        text = "\n".join(lines)
        article = Article(article_id=key[:12], source_uri=f"bench/{key}.html", source_sha256="",
                          title=None, published=None, published_from="none",
                          publisher=urlparse(item["url"]).netloc, url=item["url"], language=None,
                          language_prob=None, text=text, content_sha256="")
        pages.append((article, lines, gold_lines, body))
    return pages


def flagged_lines(article: Article, findings: Sequence[Finding]) -> list[bool]:
    spans = sorted((f.start, f.end) for f in findings if f.start is not None)
    out, offset = [], 0
    for ln in article.text.split("\n"):
        start, end = offset, offset + len(ln)
        out.append(any(s < end and start < e for s, e in spans))
        offset = end + 1
    return out


def score(name: str, labels: list[list[str | None]], flags: list[list[bool]]) -> None:
    tp = fp = fn = 0
    for page_labels, page_flags in zip(labels, flags):
        for lab, flag in zip(page_labels, page_flags):
            if lab is None:
                continue
            tp += flag and lab == "chrome"
            fp += flag and lab == "content"
            fn += (not flag) and lab == "chrome"
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"{name:<34} precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--recurrence-min-docs", type=int, default=None)
    args = parser.parse_args()
    pages = load(args.data)
    articles = [p[0] for p in pages]
    labels = [[label(ln, gl, body) for ln in lines] for _, lines, gl, body in pages]
    params = {} if args.recurrence_min_docs is None else {"recur_min_docs": args.recurrence_min_docs}
    checks: dict[str, Callable] = {"boilerplate.line": boilerplate.find_boilerplate_lines,
                                   "paywall.text": paywall.find_paywall_blocks,
                                   "metadata.leak": metadata_leak.find_metadata_leaks}
    by_check: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    for check, find in checks.items():
        clock = time.perf_counter()
        by_check[check] = list(find(articles, params))
        seconds[check] = time.perf_counter() - clock
    n_lines = sum(len(p[1]) for p in pages)
    n_chrome = sum(lab == "chrome" for page in labels for lab in page)
    n_amb = sum(lab is None for page in labels for lab in page)
    print(f"pages {len(pages)}, lines {n_lines}, chrome {n_chrome}, content {n_lines - n_chrome - n_amb}, "
          f"ambiguous (left out) {n_amb}, text {sum(len(a.text) for a in articles) / 1e6:.1f} MB")

    def flags_of(checks_used: Sequence[str]) -> list[list[bool]]:
        return [flagged_lines(a, [f for c in checks_used for f in by_check[c] if f.article_id == a.article_id])
                for a in articles]

    score("all three checks", labels, flags_of(list(checks)))
    for check in checks:
        score(f"  {check} alone", labels, flags_of([check]))
    score("baseline: datatrove C4 line rules", labels, [c4_flags(p[1]) for p in pages])
    publisher = {a.article_id: a.publisher for a in articles}
    print("paywall blocks: " + "; ".join(f"{publisher[f.article_id]} {f.excerpt!r}" for f in by_check["paywall.text"]))
    signals: dict[str, int] = {}
    for f in by_check["boilerplate.line"]:
        signals[f.data["signal"]] = signals.get(f.data["signal"], 0) + 1
    print("boilerplate.line findings by deciding signal: " + ", ".join(f"{k} {v}" for k, v in sorted(signals.items())))
    per_k = {c: 1000 * s / len(articles) for c, s in seconds.items()}
    print("seconds per 1,000 articles: " + ", ".join(f"{c} {s:.2f}" for c, s in per_k.items())
          + f", total {sum(per_k.values()):.2f}"
          + f" (avg article {sum(len(a.text) for a in articles) / len(articles) / 1000:.1f} k chars)")
    print(f"peak memory (max RSS of this process, incl. data) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
