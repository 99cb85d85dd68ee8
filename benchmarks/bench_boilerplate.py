"""Precision and recall of the chrome checks on real pages nobody here wrote, in two shapes.

Data: the Zyte article-extraction benchmark (181 real pages, gold main text, MIT), read
from ../shared/data/article-extraction-benchmark/ (never copied into the repo).
Each page becomes text the way a naive extractor would give it (all visible text, one
block a line: lxml, script/style/noscript/template/head removed). A block is labelled
content if it is part of the gold text, chrome otherwise; a short block (< 6 words) that
also occurs in the gold text is ambiguous and left out; the page's headline (its first
<h1>, also given to the audit as the record's title) is scored apart, since the gold
bodies leave it out but the audit keeps it as content.
Shapes: "lines" (one block a line) and "flat" (the blocks joined by spaces: one paragraph,
as scraped corpora hold articles). A block counts as flagged when findings of
boilerplate.line, paywall.text or metadata.leak cover at least half its characters.
Baseline: datatrove's C4 line rules (c4_filters.py, reimplemented below); C4 splits on
newlines, so a flattened page is one line for it.
Split: pages whose id starts with 0-7 are dev, 8-f test (fixed, by sha-256 id); rules
tuned on these pages were tuned on dev only from this version on (see docs/measurements/chrome.md).

A second set: --set l3s, L3S-GN1 (621 Google
News pages of 2008, Kohlschütter et al. 2010), whose annotators marked each block of the page
as headline, full text, supplemental, related content, comments or not content (load_l3s):
full text is content, supplemental (datelines, bylines, captions) is left out, the rest chrome.
Its annotators kept wire credits and copyright lines in the full text ("(Reporting by ...)",
"Copyright 2008 Associated Press"), which metadata.leak and boilerplate.line call chrome: part
of its false positives are that difference of definition, not errors. No rule was tuned on it
before the forty-third session; that session's two (a sidebar's comments header, links between
pipes) were found on its dev pages (ids 0-7): its test pages are the held-out figure.

Run: python benchmarks/bench_boilerplate.py [DATA_DIR] [--set zyte|l3s] [--false-positives N] [--scaling]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import time
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import lxml.html

from audit.detect.leakage import boilerplate, metadata_leak, paywall
from audit.model import Article, Finding
from audit.normalise.text import merged_spans

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/article-extraction-benchmark"
BLOCK_TAGS = frozenset(
    ["address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "option", "button", "label", "title"]
)
DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "head")
AMBIGUOUS_WORDS = 6
_SPACE = re.compile(r"\s+")


def parse(html: bytes) -> lxml.html.HtmlElement:
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        text = html.decode("cp1252", "replace")
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def headline(root: lxml.html.HtmlElement) -> str | None:
    """The page's first <h1> of three words or more: the title a corpus record would carry."""
    for h1 in root.iter("h1"):
        text = _SPACE.sub(" ", h1.text_content()).strip()
        if len(text.split()) >= 3:
            return text
    return None


def naive_lines(root: lxml.html.HtmlElement) -> list[str]:
    """All visible text, one block a line, whitespace collapsed, empty lines dropped."""
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


def label(line: str, gold_lines: set[str], gold_text: str, title: str | None) -> str | None:
    """'content', 'chrome', 'headline', or None for an ambiguous short line.

    The gold bodies leave the headline out; the audit keeps it as content, so the
    headline line is scored apart (how often it is flagged), neither chrome nor content.
    """
    if title and line == title:
        return "headline"  # one per page kept by one_headline
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
C4_ELLIPSIS = "..."
C4_POLICY = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
             "use cookies")


def c4_flags(lines: Sequence[str]) -> list[bool]:
    """Which lines C4 drops; C4 splits on newlines, so a flattened page is one line for it."""
    whole = " ".join(lines).lower()
    if "lorem ipsum" in whole or "{" in whole:
        return [True] * len(lines)
    out = []
    for ln in lines:
        low = ln.lower()
        out.append(not ln.endswith(C4_END) or ln.endswith(C4_ELLIPSIS) or "javascript" in low
                   or len(ln.split()) < 3 or any(p in low for p in C4_POLICY))
    return out


def one_headline(labels: list[str | None]) -> list[str | None]:
    """Keep one headline a page: the last title line before the first content line (the
    <h1> above the body); the title repeated in menus or teaser lists is left out."""
    first = next((i for i, lab in enumerate(labels) if lab == "content"), len(labels))
    places = [i for i, lab in enumerate(labels) if lab == "headline"]
    keep = max((i for i in places if i < first), default=places[0] if places else None)
    return [None if lab == "headline" and i != keep else lab for i, lab in enumerate(labels)]


@dataclass
class Page:
    key: str
    url: str
    title: str | None
    lines: list[str]
    labels: list[str | None]

    @property
    def split(self) -> str:
        """Held-out split fixed by the page id (sha-256 hex): 0-7 dev, 8-f test."""
        return "dev" if self.key[0] in "01234567" else "test"

    def article(self, shape: str, with_title: bool = True) -> Article:
        text = ("\n" if shape == "lines" else " ").join(self.lines)
        return Article(article_id=self.key[:12], source_uri=f"bench/{self.key}.html", source_sha256="",
                       title=self.title if with_title else None, published=None, published_from="none",
                       publisher=urlparse(self.url).netloc, url=self.url, language=None,
                       language_prob=None, text=text, content_sha256="")

    def unit_spans(self) -> list[tuple[int, int]]:
        """Each original line's span (the same offsets in both shapes: one separator char)."""
        spans, offset = [], 0
        for ln in self.lines:
            spans.append((offset, offset + len(ln)))
            offset += len(ln) + 1
        return spans


def load(data: Path) -> list[Page]:
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in sorted(gold.items()):
        with gzip.open(data / "html" / f"{key}.html.gz") as fh:
            root = parse(fh.read())
        title = headline(root)
        lines = naive_lines(root)
        body = _SPACE.sub(" ", item["articleBody"])
        gold_lines = {_SPACE.sub(" ", g).strip() for g in item["articleBody"].split("\n")}
        labels = [label(ln, gold_lines, body, title) for ln in lines]
        pages.append(Page(key, item["url"], title, lines, one_headline(labels)))
    return pages


L3S_MIRROR = Path("/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo")
L3S_FOLDER = "page-signal-master/GoldStandard"
# L3S-GN1's classes (Kohlschütter et al. 2010): 0 not content, 1 headline, 2 full text,
# 3 supplemental (datelines, bylines, captions), 4 related content, 5 user comments
L3S_LABELS = {"0": "chrome", "1": "headline", "2": "content", "3": None, "4": "chrome", "5": "chrome"}
L3S_MAJORITY = 0.8  # a block whose characters are not this much of one class is left out
_L3S_CLASS = re.compile(r"\bx-nc-sel(\d)\b")


def l3s_blocks(root: lxml.html.HtmlElement) -> list[tuple[str, str | None]]:
    """Each visible block of an annotated L3S-GN1 page (naive_lines' blocks) and its label:
    the class of most of its characters (text outside every annotation is class 0)."""
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None:
            el.drop_tree()
    parts: list[tuple[str, str]] = []

    def walk(el: lxml.html.HtmlElement, cls: str) -> None:
        if not isinstance(el.tag, str):
            return
        found = _L3S_CLASS.search(el.get("class") or "")
        cls = found.group(1) if found else cls
        block = el.tag in BLOCK_TAGS
        if block:
            parts.append(("\n", cls))
        if el.text:
            parts.append((el.text, cls))
        for child in el:
            walk(child, cls)
            if child.tail:
                parts.append((child.tail, cls))
        if block:
            parts.append(("\n", cls))

    walk(root, "0")
    blocks: list[tuple[str, str | None]] = []
    text: list[str] = []
    weight: dict[str, int] = defaultdict(int)
    for piece, cls in [*parts, ("\n", "0")]:
        chunks = piece.split("\n")
        for k, chunk in enumerate(chunks):
            if k:  # a block ends
                line = _SPACE.sub(" ", "".join(text)).strip()
                if line:
                    top = max(weight, key=weight.__getitem__)
                    blocks.append((line, L3S_LABELS[top] if weight[top] >= L3S_MAJORITY * sum(weight.values()) else None))
                text, weight = [], defaultdict(int)
            text.append(chunk)
            weight[cls] += len(chunk.strip())
    return blocks


def load_l3s(mirror: Path = L3S_MIRROR) -> list[Page]:
    """L3S-GN1 (621 Google News pages of 2008, annotated block by block by people; in
    j-szulc/html-cleaning-dataset-merged, a mirror the search tool's fetch brings): the
    same naive lines as the Zyte pages, each labelled by its annotation. The pages carry no
    URL: each gets a host of its own, so no page is read as another's site."""
    git = mirror / ".git" if (mirror / ".git").is_dir() else mirror
    listing = subprocess.run(["git", f"--git-dir={git}", "ls-tree", "-r", "--name-only", "HEAD", L3S_FOLDER],
                             capture_output=True, text=True, check=True).stdout.split()
    pages = []
    for name in sorted(n for n in listing if n.endswith(".txt")):
        html = subprocess.run(["git", f"--git-dir={git}", "show", f"HEAD:{name}"], capture_output=True,
                              check=True).stdout
        key = Path(name).stem.replace("-", "")
        blocks = l3s_blocks(parse(html))
        labels = one_headline([lab for _, lab in blocks])
        kept = [i for i, lab in enumerate(labels) if lab == "headline"]  # the one scored: the record's title
        title = blocks[kept[0]][0] if kept else None
        pages.append(Page(key, f"https://l3s-{key[:8]}.example/", title, [ln for ln, _ in blocks], labels))
    return pages


def covered(units: Sequence[tuple[int, int]], findings: Sequence[Finding], share: float = 0.5) -> list[bool]:
    """Whether findings cover at least `share` of each unit's characters (one sweep)."""
    merged = merged_spans((f.start, f.end) for f in findings if f.start is not None and f.end is not None)
    out, k = [], 0
    for start, end in units:
        while k < len(merged) and merged[k][1] <= start:
            k += 1
        got, j = 0, k
        while j < len(merged) and merged[j][0] < end:
            got += min(end, merged[j][1]) - max(start, merged[j][0])
            j += 1
        out.append(end > start and got >= share * (end - start))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    headlines: int = 0
    headlines_flagged: int = 0

    def add(self, labels: Sequence[str | None], flags: Sequence[bool]) -> None:
        for lab, flag in zip(labels, flags):
            self.tp += flag and lab == "chrome"
            self.fp += flag and lab == "content"
            self.fn += (not flag) and lab == "chrome"
            self.headlines += lab == "headline"
            self.headlines_flagged += flag and lab == "headline"

    def text(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return (f"P {p:.3f} R {r:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}; "
                f"headlines flagged {self.headlines_flagged}/{self.headlines})")


CHECKS: dict[str, Callable[..., Any]] = {"boilerplate.line": boilerplate.find_boilerplate_lines,
                                         "paywall.text": paywall.find_paywall_blocks,
                                         "metadata.leak": metadata_leak.find_metadata_leaks}


def finding_verdicts(page: Page, findings: Sequence[Finding]) -> list[tuple[Finding, bool]]:
    """Each finding judged whole: true when the labelled characters it covers are mostly
    chrome (headlines count as content), false when mostly content; unlabelled ones left out."""
    units = page.unit_spans()
    starts = [a for a, _ in units]
    out = []
    for f in findings:
        if f.start is None or f.end is None:
            continue
        chrome = content = 0
        for k in range(max(0, bisect_right(starts, f.start) - 1), len(units)):
            a, b = units[k]
            if a >= f.end:
                break
            overlap = min(b, f.end) - max(a, f.start)
            if overlap > 0 and page.labels[k] == "chrome":
                chrome += overlap
            elif overlap > 0 and page.labels[k] in ("content", "headline"):
                content += overlap
        if chrome or content:
            out.append((f, chrome >= content))
    return out


def run_checks(articles: Sequence[Article], params: dict[str, Any]) -> tuple[dict[str, list[Finding]], float]:
    clock = time.perf_counter()
    found: dict[str, list[Finding]] = defaultdict(list)
    for find in CHECKS.values():
        for f in find(articles, params):
            found[f.article_id].append(f)
    return found, time.perf_counter() - clock


def scaling(pages: Sequence[Page]) -> str:
    """Seconds for one flattened paragraph of growing length: linear cost stays ~constant per MB."""
    flat = " ".join(" ".join(p.lines) for p in pages)
    out = []
    for size in (100_000, 400_000, 1_600_000):
        text = (flat * (1 + size // max(1, len(flat))))[:size]
        art = Page("f" * 12, "https://example.org/x", None, [text], [None]).article("flat")
        _, sec = run_checks([art], {})
        out.append(f"{size // 1000}k chars {sec:.2f} s ({sec / size * 1e6:.2f} s/MB)")
    return ", ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--set", choices=("zyte", "l3s"), default="zyte",
                        help="zyte: the Zyte pages (DATA); l3s: L3S-GN1's annotated Google News pages (a mirror)")
    parser.add_argument("--false-positives", type=int, default=30, help="how many to print per shape")
    parser.add_argument("--scaling", action="store_true", help="also time one paragraph of 0.1-1.6 MB")
    parser.add_argument("--no-title", action="store_true",
                        help="records without a title (the headline is still scored apart)")
    args = parser.parse_args()
    pages = load(args.data) if args.set == "zyte" else load_l3s()
    n_units = sum(len(p.lines) for p in pages)
    n = {k: sum(lab == k for p in pages for lab in p.labels) for k in ("chrome", "content", "headline")}
    print(f"pages {len(pages)} (dev {sum(p.split == 'dev' for p in pages)}, test "
          f"{sum(p.split == 'test' for p in pages)}), units {n_units}: chrome {n['chrome']}, content "
          f"{n['content']}, headline {n['headline']}, ambiguous (left out) {n_units - sum(n.values())}")
    print("A unit (one block of the page) counts as flagged when findings cover >= half its characters.")
    fps: dict[str, list[str]] = {}
    for shape in ("lines", "flat"):
        articles = [p.article(shape, with_title=not args.no_title) for p in pages]
        found, seconds = run_checks(articles, {})
        scores = {name: Score() for name in ("all", "dev", "test", "c4", "c4 dev", "c4 test")}
        fps[shape] = []
        per_finding: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for page, art in zip(pages, articles):
            for f, ok in finding_verdicts(page, found[art.article_id]):
                per_finding[f.check][0 if ok else 1] += 1
            flags = covered(page.unit_spans(), found[art.article_id])
            c4 = c4_flags(page.lines if shape == "lines" else [art.text])
            c4 = c4 if shape == "lines" else c4 * len(page.lines)
            for name, f in (("all", flags), (page.split, flags), ("c4", c4), (f"c4 {page.split}", c4)):
                scores[name].add(page.labels, f)
            fps[shape] += [f"{urlparse(page.url).netloc}: {ln[:110]!r}"
                           for ln, lab, f in zip(page.lines, page.labels, flags) if f and lab == "content"]
        print(f"\n[{shape}] one {'block a line' if shape == 'lines' else 'paragraph a page (lines joined by spaces)'}"
              f"; {seconds / len(pages) * 1000:.1f} s per 1,000 pages")
        for name in ("all", "dev", "test"):
            c4name = "c4" if name == "all" else f"c4 {name}"
            print(f"  {name:<5} audit {scores[name].text()}")
            print(f"  {'':<5} C4    {scores[c4name].text()}")
        print("  each finding judged whole (mostly chrome characters = true): " + ", ".join(
            f"{c} {t / (t + n):.3f} ({t} true, {n} false)" for c, (t, n) in sorted(per_finding.items())))
        signals: dict[str, int] = defaultdict(int)
        for fs in found.values():
            for f in fs:
                signals[f"{f.check}:{f.data.get('signal', f.data.get('kind', ''))}"] += 1
        print("  findings by check:signal: " + ", ".join(f"{k} {v}" for k, v in sorted(signals.items())))
    for shape, lines in fps.items():
        print(f"\nfalse positives [{shape}] ({len(lines)}; first {args.false_positives}):")
        for ln in lines[:args.false_positives]:
            print("  " + ln)
    if args.scaling:
        print("\nscaling (one flattened paragraph): " + scaling(pages))
    print(f"peak memory (max RSS of this process) {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
