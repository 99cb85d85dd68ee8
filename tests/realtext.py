"""Real articles for the tests that need a corpus of them, on every clone next to ../shared.

The benchmark corpora (/work/scratch/c2000.jsonl, gate1000.jsonl) exist only where someone
built them, so tests reading them were skipped on a fresh clone, or took the five seeds
instead and failed. These corpora are made from ../shared/data alone, with the benchmark's own
builder (benchmarks/real_corpus.py: one paragraph each, exact and near copies, shared
passages, mojibake at a scraped corpus's rates): the 181 real pages' gold bodies, and for
several languages the lingua test sentences (Leipzig news-crawl text).
"""

from __future__ import annotations

import functools
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
GOLD = DATA / "article-extraction-benchmark" / "ground-truth.json"
LINGUA = DATA / "lingua-testdata" / "language-testdata" / "sentences"
needs_gold = pytest.mark.skipif(not GOLD.is_file(), reason="needs ../shared/data (article-extraction-benchmark)")
needs_lingua = pytest.mark.skipif(not (GOLD.is_file() and LINGUA.is_dir()),
                                  reason="needs ../shared/data (article-extraction-benchmark, lingua-testdata)")
LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "pl", "ru", "tr", "ar", "zh", "ja")


@functools.cache
def _builder():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import real_corpus

    return real_corpus


@functools.cache
def records(n: int) -> tuple[str, ...]:
    """N JSONL lines of the gold bodies' corpus, seeded (the same on every machine)."""
    builder = _builder()
    corpus = builder.build(n, sources=builder.gold_articles())
    return tuple(json.dumps({k: v for k, v in r.items() if not k.startswith("_")}, ensure_ascii=False)
                 for r in corpus.records)


@functools.cache
def multilingual(n: int) -> tuple[str, ...]:
    """N JSONL lines: the gold corpus's articles with, one in three, an article of 6-14 real
    sentences in one of LANGUAGES (seeded), as a gate's mixed feed holds them."""
    rng = random.Random(5)
    pools = {lang: (LINGUA / f"{lang}.txt").read_text(encoding="utf-8").splitlines() for lang in LANGUAGES}
    lines = list(records(n))
    for i in range(0, n, 3):
        lang = LANGUAGES[(i // 3) % len(LANGUAGES)]
        text = " ".join(rng.sample(pools[lang], rng.randint(6, 14)))
        lines[i] = json.dumps({"id": f"ml-{i}", "title": text[:60], "published": "2025-03-04",
                               "publisher": f"Publisher {lang}", "text": text}, ensure_ascii=False)
    return tuple(lines)


def write(path: Path, lines: tuple[str, ...]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def quick_run(folder: Path, n: int) -> Any:
    """The news suite's run of `records(n)` into folder/"run", one worker, no Data Docs and
    no HTML (what the report tests read); skips the test where ../shared/data is missing."""
    if not GOLD.is_file():
        pytest.skip("needs ../shared/data (article-extraction-benchmark)")
    from audit import pipeline
    from audit.suite import load_suite

    corpus = write(folder / f"c{n}.jsonl", records(n))
    return pipeline.run([corpus], suite=load_suite("news"), out=folder / "run", on_problem=None,
                        data_docs=False, workers=1, html_report=False)
