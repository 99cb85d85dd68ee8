"""Run a command; print its wall time and the peak RSS (summed) and PSS of its process tree.

    python benchmarks/measure_tree.py python -m audit run CORPUS.jsonl --out OUT --cache CACHE --workers 2

For one-off runs such as 100,000 articles cold (bench_run.py builds its own corpus and
runs datatrove beside it). Memory is sampled twice a second from /proc: PSS counts the
pages forked workers share with the parent once, RSS summed counts them in each process.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path


def tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    found, at = [pid], 0
    while at < len(found):
        try:
            children = Path(f"/proc/{found[at]}/task/{found[at]}/children").read_text().split()
        except OSError:
            children = []
        found += [int(child) for child in children]
        at += 1
    return found


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS summed, PSS) of the tree, in MB."""
    rss = pss = 0
    for member in tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def main() -> None:
    clock = time.perf_counter()
    process = subprocess.Popen(sys.argv[1:])
    peak = [0.0, 0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = memory_mb(process.pid)
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            time.sleep(0.5)

    sampler = threading.Thread(target=sample)
    sampler.start()
    process.wait()
    done.set()
    sampler.join()
    print(f"wall {time.perf_counter() - clock:.1f} s, rc {process.returncode}, "
          f"peak RSS summed {peak[0]:.0f} MB, peak PSS {peak[1]:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
