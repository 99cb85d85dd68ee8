"""Speedup of `--workers` and peak memory by batch size, on real news text.

    python benchmarks/bench_workers.py 5000                  (1 vs 2 workers, cold, no cache)
    python benchmarks/bench_workers.py 5000 --batch 64 256 1024   (peak memory by batch size)
    python benchmarks/bench_workers.py --gate 1000            (the gate's wall, GX import included)

Text: the 181 gold bodies of ../shared/data/article-extraction-benchmark (real pages,
written by nobody here), flattened into one paragraph each as scraped corpora are, and
varied (seeded): a random run of each body's sentences, a few sentences of another body
mixed in, about 3% with mojibake made the way extraction makes it (UTF-8 read as
cp1252), about 2% near copies of an earlier article. Every run is a fresh
`python -m audit` process; peak memory sums the PSS of the process tree (parent and
workers, shared pages counted once), sampled from /proc every 50 ms. The machine has 2 cores shared with other sessions:
compare figures of one invocation, not across invocations.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_run import tree_pids  # beside this file: benchmarks/ is not a package

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"


def gold_sentences() -> list[list[str]]:
    """Each gold body as its list of sentences (line breaks flattened away)."""
    bodies = [item["articleBody"] for item in json.loads(GOLD.read_text()).values()]
    split = [re.split(r"(?<=[.!?])\s+", " ".join(body.split())) for body in bodies]
    return [[s for s in sentences if len(s.split()) >= 4] for sentences in split if len(sentences) > 3]


def mojibake(text: str) -> str:
    """UTF-8 bytes read as cp1252: what a wrong charset makes of a scraped page."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def build_corpus(n: int, path: Path, seed: int = 13) -> Path:
    rng = random.Random(seed)
    bodies = gold_sentences()
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if texts and rng.random() < 0.02:  # a near copy: an earlier article, lightly edited
                words = rng.choice(texts).split()
                del words[rng.randrange(len(words))]
                text = " ".join(words)
            else:
                body = rng.choice(bodies)
                start = rng.randrange(max(1, len(body) - 8))
                sentences = body[start:start + rng.randint(8, 40)]
                sentences += rng.sample(rng.choice(bodies), 2)
                text = " ".join(sentences)
                if rng.random() < 0.03:
                    text = mojibake(text)
            texts.append(text)
            record = {"id": f"real-{i}", "text": text, "published": f"2025-05-{1 + i % 28:02d}",
                      "publisher": f"Publisher {i % 23}"}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def tree_pss_mb(pid: int) -> float:
    """Proportional memory (PSS) of `pid` and all its descendants, in MB (from /proc):
    pages a forked worker shares with the parent are counted once, not once a process."""
    total = 0
    for current in tree_pids(pid):
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (the process and its workers) and peak memory (PSS) of
    the process tree (MB) of one command. CPU seconds hardly depend on the machine's load."""
    cpu = cpu_of_children()
    clock = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_pss_mb(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - clock
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{err}")
    return wall, cpu_of_children() - cpu, peak


def audit_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "audit", *args, "--quiet"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=5000)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--batch", type=int, nargs="*", default=[])
    parser.add_argument("--gate", action="store_true", help="time the gate on N articles")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = build_corpus(args.n, Path(tmp) / f"real-{args.n}.jsonl")
        print(f"corpus: {args.n} articles from {len(gold_sentences())} gold bodies, "
              f"{corpus.stat().st_size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.2f}")
        if args.gate:
            for workers in args.workers:
                wall, cpu, peak = timed(audit_command(
                    "gate", str(corpus), "--accepted", f"{tmp}/a.jsonl", "--quarantine",
                    f"{tmp}/q.jsonl", "--workers", str(workers)))
                print(f"gate {args.n} articles, {workers} worker(s): {wall:.2f} s wall, "
                      f"{cpu:.2f} s CPU, peak PSS {peak:.0f} MB; load average {os.getloadavg()[0]:.2f}")
            return
        for batch in args.batch or [None]:
            walls = {}
            for workers in args.workers:
                extra = ["--batch-size", str(batch)] if batch else []
                wall, cpu, peak = timed(audit_command("run", str(corpus), "--out", f"{tmp}/out",
                                                      "--no-cache", "--workers", str(workers),
                                                      *extra))
                walls[workers] = wall
                seconds = json.loads((Path(tmp) / "out" / "summary.json").read_text())["seconds"]
                stages = ", ".join(f"{k}={v:.1f}" for k, v in seconds.items()
                                   if not k.startswith("detect.") or v >= 0.5)
                print(f"{workers} worker(s), batch {batch or 'default'}: {wall:.1f} s wall, "
                      f"{args.n / wall:.0f} articles/s, {cpu:.1f} s CPU, peak PSS {peak:.0f} MB, "
                      f"load average {os.getloadavg()[0]:.2f}; {stages}")
            for workers in sorted(walls)[1:]:
                print(f"speedup of {workers} workers over {sorted(walls)[0]}: "
                      f"{walls[sorted(walls)[0]] / walls[workers]:.2f}x wall")


if __name__ == "__main__":
    main()
