"""CPU milliseconds an article of each per-article step, as a worker runs them.

    python benchmarks/bench_per_article.py [FILE.jsonl] [--n 2000] [--shared]

Without FILE, the real-text corpus of benchmarks/real_corpus.py (BBC News and the gold
bodies, one paragraph each, copies and mojibake at real rates) is built with N articles.
Each batch of 200 articles is normalised, its language detected (fast path, then seeded
langdetect), and every per-article detector and every cross-article detector's
per-article share (`Detector.prepare`) runs over it in registry order, as
audit.detect.workers runs them: what sharing the segmentation between the chrome checks
buys shows here. CPU time of this one process (`time.process_time`), so a busy machine
moves the figures less than wall time would.

Some work is memoised and read by several detectors: the first to run pays for it (the
chrome checks' segmentation, `spans.segment`, is paid by paywall; the duplicate checks'
word hashes, `tokens.text_word_hashes`, by duplicate_repeated). `--shared` times that work
on its own row, just before the detector that would pay for it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--shared", action="store_true", help="time the shared memoised work on rows of its own")
    args = parser.parse_args()
    from audit.detect import registry
    from audit.detect.workers import BATCH_SIZE, plan_for
    from audit.ingest import iter_records
    from audit.normalise import to_article
    from audit.normalise.cache import LanguageCache
    from audit.normalise.language import detect_language
    from audit.suite import load_suite

    path = args.file
    if path is None:
        import real_corpus  # beside this file

        path = real_corpus.write(real_corpus.build(args.n).records, Path(tempfile.mkdtemp()) / "corpus.jsonl")
    records = list(iter_records([path]))
    plan = plan_for(load_suite("news"))
    shared = shared_steps() if args.shared else {}
    detectors = {d.name: d for d in registry()}
    spent: dict[str, float] = defaultdict(float)
    judged = 0
    for first in range(0, len(records), BATCH_SIZE):
        waiting = LanguageCache(None, deferred={})
        clock = time.process_time()
        batch = [to_article(r, f"a{first + i}", language_cache=waiting)
                 for i, r in enumerate(records[first:first + BATCH_SIZE])]
        spent["normalise"] += time.process_time() - clock
        clock = time.process_time()
        for article in batch:
            guess = detect_language(article.text)
            article.language, article.language_prob = guess.language, guess.probability
        spent["language"] += time.process_time() - clock
        batch = [a for a in batch if a.read_error is None]
        judged += len(batch)
        for name in plan.names + getattr(plan, "prepare", ()):  # older trees: no prepared shares
            detector, params = detectors[name], plan.params[name]
            chosen = [a for a in batch if detector.supports(a)]
            if name in shared:
                label, step = shared[name]
                clock = time.process_time()
                for article in chosen:
                    step(article)
                spent[label] += time.process_time() - clock
            clock = time.process_time()
            if name in plan.names:
                list(detector.find(chosen, params))
            else:
                for article in chosen:
                    detector.prepare(article, params)
            spent[name if name in plan.names else f"{name}.prepare"] += time.process_time() - clock
    print(f"{judged:,} articles of {path}: CPU ms an article, most first")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<26} {seconds / judged * 1000:6.2f}")
    print(f"  {'total':<26} {sum(spent.values()) / judged * 1000:6.2f}")


def shared_steps() -> dict[str, tuple[str, Callable[[Any], object]]]:
    """Detector -> (row, the memoised step it would pay for the others that read it too)."""
    from audit.detect.duplicates.tokens import text_word_hashes
    from audit.detect.leakage.spans import segment

    return {"paywall": ("chrome segmentation (shared)", lambda a: segment(a.text or "", a.title, a.url)),
            "duplicate_repeated": ("word hashes (shared)", lambda a: text_word_hashes(a.text))}


if __name__ == "__main__":
    main()
