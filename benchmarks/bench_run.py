"""Throughput and peak memory of `corpus-audit run`, by stage, on N real-text articles.

    python benchmarks/bench_run.py 1000 10000
    python benchmarks/bench_run.py --cold 100000    (first run only, no warm rerun)
    python benchmarks/bench_run.py --cold --engine spark 3000   (detection and GX on Spark, local[*])

Text: the five seeds and the 300 ABC news documents of the Lee corpus that the gensim
wheel ships (gensim/test/test_data/lee_background.cor). The wheel is fetched once with
`pip download` into benchmarks/.cache (a benchmark-time step; the tool itself never
reaches the network). Each article is 14 sentences drawn (seeded) from that pool, with
a headline and a dateline, so articles are varied and not exact copies. Each N runs in
its own process so peak RSS is that run's alone.
"""

from __future__ import annotations

import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
LEE = "gensim/test/test_data/lee_background.cor"


def lee_documents() -> list[str]:
    wheels = sorted(CACHE.glob("gensim-*.whl"))
    if not wheels:
        CACHE.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "gensim==4.4.0", "--no-deps",
                        "-q", "-d", str(CACHE)], check=True)
        wheels = sorted(CACHE.glob("gensim-*.whl"))
    with zipfile.ZipFile(wheels[-1]) as wheel:
        return wheel.read(LEE).decode("utf-8").splitlines()


def sentence_pool() -> list[str]:
    texts = lee_documents() + [p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")]
    pool = []
    for text in texts:
        pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    return pool


def build_corpus(n: int, folder: Path) -> Path:
    rng = random.Random(n)
    pool = sentence_pool()
    path = folder / f"corpus-{n}.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            sentences = rng.sample(pool, 14)
            paragraphs = ["\n".join(sentences[k:k + 2]) for k in range(0, 14, 2)]
            day = 1 + i % 28
            record = {
                "id": f"bench-{i}",
                "title": " ".join(sentences[0].split()[:8]),
                "published": f"2025-05-{day:02d}",
                "publisher": f"Publisher {i % 17}",
                "text": "\n\n".join(paragraphs),
            }
            fh.write(json.dumps(record) + "\n")
    return path


def measure(n: int, rerun: bool = True, engine: str = "pandas") -> dict:
    """Run the audit on N articles in this process and return figures."""
    import audit

    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(n, Path(tmp))
        clock = time.perf_counter()
        result = audit.run([corpus], out=Path(tmp) / "out", on_problem=None,
                           cache=Path(tmp) / "cache", engine=engine)
        wall = time.perf_counter() - clock
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures = {"n": n, "wall": wall, "peak_mb": peak_mb, "seconds": result.summary["seconds"],
                   "findings": len(result.findings)}
        del result
        if rerun:  # the nightly case: the same corpus again, language verdicts and findings cached
            clock = time.perf_counter()
            again = audit.run([corpus], out=Path(tmp) / "out", on_problem=None,
                              cache=Path(tmp) / "cache", engine=engine)
            figures["rerun_wall"] = time.perf_counter() - clock
            figures["rerun_ingest"] = again.summary["seconds"]["ingest_normalise"]
    return figures


def main(sizes: list[int], rerun: bool = True, engine: str = "pandas") -> None:
    print(f"engine {engine}" + (": peak MB is the driver's Python alone (not Spark's JVM or "
                                "workers)" if engine == "spark" else ""))
    print(f"{'N':>7} {'wall s':>8} {'art/s':>8} {'peak MB':>8}  stages (s)")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one" if rerun else "--one-cold", str(n),
                              engine], capture_output=True, text=True, check=True)
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        stages = figures["seconds"]
        top = ", ".join(f"{k}={v:.2f}" for k, v in stages.items()
                        if not k.startswith("detect.") or v >= 0.05)
        print(f"{n:>7} {figures['wall']:>8.2f} {n / figures['wall']:>8.0f} "
              f"{figures['peak_mb']:>8.0f}  {top}")
        if rerun:
            print(f"{'':>7} rerun of the same corpus (caches warm): "
                  f"{figures['rerun_wall']:.2f} s, ingest_normalise={figures['rerun_ingest']:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] in ("--one", "--one-cold"):
        print(json.dumps(measure(int(sys.argv[2]), rerun=sys.argv[1] == "--one", engine=sys.argv[3])))
    else:
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("sizes", type=int, nargs="*", default=[1000, 10000])
        parser.add_argument("--cold", action="store_true", help="first run only, no warm rerun")
        parser.add_argument("--engine", choices=("pandas", "spark"), default="pandas")
        args = parser.parse_args()
        main(args.sizes, rerun=not args.cold, engine=args.engine)
