"""A cold run on real one-paragraph articles, profiled per stage and per function.

    python benchmarks/profile_core.py build [--n 2000] [--out /work/cache/speedcore/corpus.jsonl]
    python benchmarks/profile_core.py run [--corpus ...] [--out DIR] [--profile FILE]

`build` makes the corpus issue 13 describes: the 181 gold bodies of
../shared/data/article-extraction-benchmark flattened into one paragraph each, cut and
shuffled into varied articles (different openings, lengths and sentence orders, so they
are not copies), a fifth of them damaged as wrong-codec extraction damages text
(`text.encode("utf-8").decode("cp1252", errors="replace")`, whole or in part).
`run` runs `audit.pipeline.run` cold on it (no cache) and prints the seconds per stage
and per detector; with --profile, cProfile's top functions by cumulative time too.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import re
import sys
import time
from pathlib import Path

GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def build_corpus(n: int, seed: int = 13) -> list[dict[str, str]]:
    """n one-paragraph articles from the gold bodies; about a fifth with mojibake."""
    rng = random.Random(seed)
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    bodies = [" ".join(item["articleBody"].split()) for _, item in sorted(gold.items())]
    records = []
    for number in range(n):
        sentences = _SENTENCES.split(bodies[number % len(bodies)])
        start = rng.randrange(max(1, len(sentences) // 3))
        keep = sentences[start:start + rng.randint(5, 60)]
        if len(keep) > 3 and rng.random() < 0.5:  # reorder a few sentences
            i, j = rng.sample(range(len(keep)), 2)
            keep[i], keep[j] = keep[j], keep[i]
        text = " ".join(keep)
        roll = rng.random()
        if roll < 0.1:  # the whole article read with the wrong codec
            text = text.encode("utf-8").decode("cp1252", errors="replace")
        elif roll < 0.2:  # one part of it (a quote box pasted from another page)
            a = rng.randrange(len(text))
            b = min(len(text), a + rng.randint(50, 800))
            text = text[:a] + text[a:b].encode("utf-8").decode("cp1252", errors="replace") + text[b:]
        records.append({"id": f"a{number:05d}", "text": text})
    return records


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["build", "run"])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--corpus", default="/work/cache/speedcore/corpus.jsonl")
    parser.add_argument("--out", default="/work/cache/speedcore/run")
    parser.add_argument("--profile")
    args = parser.parse_args()
    if args.command == "build":
        records = build_corpus(args.n)
        with open(args.corpus, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        chars = sum(len(r["text"]) for r in records) / len(records)
        print(f"{len(records)} articles, mean {chars:.0f} chars -> {args.corpus}")
        return
    clock = time.perf_counter()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    from audit.pipeline import run

    result = run([args.corpus], out=args.out, on_problem=None)
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    wall = time.perf_counter() - clock
    n = len(result.articles)
    print(f"{n} articles, wall {wall:.1f} s ({n / wall:.0f} articles/s, imports included)")
    for stage, seconds in result.summary["seconds"].items():
        print(f"  {stage:32} {seconds:8.2f} s")
    if profiler:
        pstats.Stats(args.profile, stream=sys.stdout).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
