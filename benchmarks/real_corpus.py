"""A corpus of N real news articles as scraped corpora look, for the benchmarks.

    python benchmarks/real_corpus.py 2000 /tmp/corpus-2000.jsonl   (prints its duplicate rates)

Text nobody here wrote, fetched once into a cache OUTSIDE the repo (BENCH_CACHE, default
/work/cache/bench-run; third-party data is never committed):
- the BBC News dataset (Greene & Cunningham, ICML 2006: 2,225 articles of 2004-05, one
  file each, headline on the first line), from the public GitHub repository
  dejanbatanjac/bbc-article-classify-bert (folder bbc/): read from a local mirror of it
  when one exists (the search tool's `fetch`), else `git clone`d;
- the 181 gold bodies of ../shared/data/article-extraction-benchmark/ground-truth.json.

The first articles are those real articles whole. Past the pool's size (about 2,400),
an original article is 8 to 24 real sentences drawn (seeded) from the whole pool, none
longer than 35 words, so no 40-word passage repeats by chance. Then, at the rates of a
scraped corpus (RATES), some articles are exact copies (syndication), near copies (an
earlier article with a sentence dropped and one added), or carry a 50-90 word passage
lifted from an earlier article; every text is flattened into one paragraph (as many
extractors leave it), and some are mojibake: the UTF-8 bytes of the whole text decoded as
Windows-1252 (ftfy's `sloppy-windows-1252` codec, as a browser or a scraper does) or
Latin-1, the two ways ftfy's own test cases say real pages get it. `changed` edits 1% of
the articles (one sentence replaced) for a warm rerun.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-1252 codec)

CACHE = Path(os.environ.get("BENCH_CACHE", "/work/cache/bench-run"))
GOLD = Path(__file__).resolve().parents[1] / "../shared/data/article-extraction-benchmark/ground-truth.json"
BBC_REPO = "dejanbatanjac/bbc-article-classify-bert"
BBC_MIRROR = Path("/work/.mirror") / BBC_REPO.replace("/", "+") / "repo"
RATES = {"exact": 0.01, "near": 0.02, "passage": 0.02, "mojibake": 0.05}
SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘(]?[A-Z0-9])")
PUBLISHERS = [f"Publisher {k}" for k in range(40)]


@dataclass
class Corpus:
    """Records as written, and how many of each kind of copy or damage they hold."""

    records: list[dict]
    counts: dict[str, int] = field(default_factory=dict)


def _bbc_source() -> Path:
    """A git directory of the BBC dataset's repository: the local mirror, else a clone."""
    if BBC_MIRROR.exists():
        return BBC_MIRROR
    clone = CACHE / "bbc-src"
    if not clone.exists():
        print(f"cloning https://github.com/{BBC_REPO} into {clone}", file=sys.stderr)
        subprocess.run(["git", "clone", "--depth", "1", "--bare",
                        f"https://github.com/{BBC_REPO}", str(clone)], check=True)
    return clone


def bbc_articles() -> list[tuple[str, str]]:
    """(headline, body) of the 2,225 BBC articles, cached as JSONL after the first read."""
    cached = CACHE / "bbc.jsonl"
    if not cached.exists():
        git = _bbc_source()
        print(f"reading the BBC News dataset from {git} (github.com/{BBC_REPO})", file=sys.stderr)
        names = subprocess.run(["git", f"--git-dir={git}", "ls-tree", "-r", "--name-only", "HEAD", "bbc/"],
                               capture_output=True, text=True, check=True).stdout.split()
        CACHE.mkdir(parents=True, exist_ok=True)
        with cached.open("w", encoding="utf-8") as fh:
            for name in sorted(n for n in names if re.fullmatch(r"bbc/\w+/\d+\.txt", n)):
                raw = subprocess.run(["git", f"--git-dir={git}", "show", f"HEAD:{name}"],
                                     capture_output=True, check=True).stdout
                text = raw.decode("utf-8", errors="replace")  # a few files are Latin-1: "£" -> U+FFFD
                headline, _, body = text.strip().partition("\n")
                fh.write(json.dumps({"name": name, "title": headline.strip(), "text": body.strip()}) + "\n")
    with cached.open(encoding="utf-8") as fh:
        return [(r["title"], r["text"]) for r in map(json.loads, fh)]


def gold_articles() -> list[tuple[str, str]]:
    """(headline, body) of the 181 real pages' gold bodies; the headline is the first words."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    bodies = [item["articleBody"] for item in gold.values() if item.get("articleBody", "").strip()]
    return [(" ".join(body.split()[:8]), body) for body in bodies]


def flatten(text: str) -> str:
    """One paragraph: every line break and run of spaces made one space."""
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.split(text) if s]


def mojibake(text: str, rng: random.Random) -> str:
    """The whole text mis-decoded: UTF-8 bytes read as Windows-1252 (4 in 5) or Latin-1."""
    codec = "sloppy-windows-1252" if rng.random() < 0.8 else "latin-1"
    return text.encode("utf-8").decode(codec)


def _sampled(rng: random.Random, pool: list[str]) -> str:
    return " ".join(rng.sample(pool, rng.randint(8, 24)))


def _near_copy(text: str, rng: random.Random, pool: list[str]) -> str:
    """An edited re-run: one middle sentence dropped, one real sentence added at the end."""
    parts = sentences(text)
    del parts[rng.randrange(1, len(parts) - 1)]
    return " ".join([*parts, rng.choice(pool)])


def _with_passage(text: str, donor: str, rng: random.Random) -> str:
    """`text` with a 50-90 word run of `donor` inserted between two of its sentences."""
    words = donor.split()
    size = min(len(words), rng.randint(50, 90))
    start = rng.randrange(0, len(words) - size + 1)
    parts = sentences(text)
    at = rng.randrange(1, len(parts)) if len(parts) > 1 else 1
    return " ".join([*parts[:at], " ".join(words[start:start + size]), *parts[at:]])


def build(n: int, seed: int = 13, sources: list[tuple[str, str]] | None = None) -> Corpus:
    """N article records (id, title, published, publisher, text), seeded. `sources`, the
    (headline, body) pairs drawn from, default to BBC's and the gold bodies; the tests pass
    the gold bodies alone, which every clone next to ../shared has (no fetch, no network)."""
    rng = random.Random(seed)
    if sources is None:
        sources = bbc_articles() + gold_articles()
    real = {flatten(body): title for title, body in sources}  # exact-deduplicated
    pool = [(title, body) for body, title in real.items() if len(body.split()) >= 60]
    rng.shuffle(pool)
    short = [s for _, body in pool for s in sentences(body) if 6 <= len(s.split()) <= 35]
    counts = dict.fromkeys(("real", "sampled", "drawn", "exact", "near", "passage", "mojibake"), 0)
    counts["pool_sentences"] = len(short)
    records: list[dict] = []
    for i in range(n):
        kind, draw = "original", rng.random()
        if records and draw < RATES["exact"]:
            kind, text, title = "exact", *_earlier(records, rng)
        elif records and draw < RATES["exact"] + RATES["near"]:
            kind = "near"
            text, title = _earlier(records, rng, min_sentences=10)
            text = _near_copy(text, rng, short)
        else:
            if counts["real"] < len(pool):
                title, text = pool[counts["real"]]
                counts["real"] += 1
            else:
                text = _sampled(rng, short)
                counts["drawn"] += len(sentences(text))
                title = " ".join(text.split()[:8])
                counts["sampled"] += 1
            if records and draw < RATES["exact"] + RATES["near"] + RATES["passage"]:
                kind = "passage"
                text = _with_passage(text, _earlier(records, rng)[0], rng)
        counts[kind] = counts.get(kind, 0) + 1
        records.append({"id": f"news-{i}", "title": title, "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        "publisher": PUBLISHERS[i % len(PUBLISHERS)], "text": text, "_kind": kind})
    # Mis-decoding last (copies of a clean page stay clean), on texts it shows in: not pure ASCII.
    showing = [record for record in records if not record["text"].isascii()]
    for record in rng.sample(showing, min(len(showing), round(n * RATES["mojibake"]))):
        record["text"] = mojibake(record["text"], rng)
        counts["mojibake"] += 1
    return Corpus(records, counts)


def _earlier(records: list[dict], rng: random.Random, min_sentences: int = 0) -> tuple[str, str]:
    """(text, title) of an earlier original article (never a copy of a copy)."""
    for _ in range(50):
        record = records[rng.randrange(len(records))]
        if record["_kind"] == "original" and len(sentences(record["text"])) >= min_sentences:
            return record["text"], record["title"]
    return record["text"], record["title"]


def changed(records: list[dict], share: float = 0.01, seed: int = 7) -> list[dict]:
    """A copy of the records with `share` of the articles edited: one sentence replaced."""
    rng = random.Random(seed)
    out = [dict(r) for r in records]
    for record in rng.sample(out, max(1, round(len(out) * share))):
        parts = sentences(record["text"])
        parts[rng.randrange(len(parts))] = "This sentence was changed after the first audit."
        record["text"] = " ".join(parts)
    return out


def write(records: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps({k: v for k, v in record.items() if not k.startswith("_")},
                                ensure_ascii=False) + "\n")
    return path


def rates(corpus: Corpus) -> str:
    """The corpus's duplicate and damage rates: as built, and exact copies as measured."""
    n = len(corpus.records)
    keys = [hashlib.sha256(" ".join(r["text"].lower().split()).encode()).digest() for r in corpus.records]
    measured_exact = n - len(set(keys))
    c = corpus.counts
    reuse = (f" (each of the pool's {c['pool_sentences']:,} sentences used {c['drawn'] / c['pool_sentences']:.1f}"
             " times on average)") if c["sampled"] else ""
    return (f"{n:,} articles: {c['real']:,} real whole, {c['sampled']:,} of sampled real sentences{reuse}; "
            f"exact copies {c['exact'] / n:.1%} (measured: {measured_exact / n:.1%} of texts repeat one), "
            f"near copies {c['near'] / n:.1%}, sharing a lifted passage {c['passage'] / n:.1%}, "
            f"mojibake {c['mojibake'] / n:.1%}")


if __name__ == "__main__":
    built = build(int(sys.argv[1]))
    write(built.records, Path(sys.argv[2]))
    print(rates(built))
