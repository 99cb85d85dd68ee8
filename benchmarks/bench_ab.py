"""Two source trees, alternately, on the gate and on a rerun: wall, CPU, critical path.

    python benchmarks/bench_ab.py BASE_TREE NEW_TREE --pairs 3 \\
        --gate /work/scratch/gate1000.jsonl --cold /work/scratch/c2000.jsonl \\
        --rerun c2000-changed.jsonl --out /tmp/ab

Each measurement is a fresh `python -m audit` process with PYTHONPATH set to the tree;
the trees take turns (A B, B A, A B, ...) so that a busy minute on the shared 2-core
host weighs on both. Per pair: the gate (--workers 2, no report), then, with --cold, a
cold `run` with a fresh --cache, and with --rerun too, a `run` of the rerun file with
that cache. Prints one line per
measurement (wall, CPU of the process tree, summary.json's stages) and the medians;
keeps each tree's last outputs under --out so findings and gate files can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

STAGES = ("ingest_normalise", "wait_gx_import", "detect", "validate", "report", "gx_import")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(tree: str, args: list[str]) -> tuple[float, float]:
    """(wall, CPU) of `python -m audit ARGS` run from `tree`."""
    env = {**os.environ, "PYTHONPATH": tree}
    cpu, clock = children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "audit", *args, "--quiet"], cwd=tree, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - clock
    if done.returncode not in (0, 1):
        raise SystemExit(f"{tree}: audit {' '.join(args)} failed:\n{done.stderr}")
    return wall, children_cpu() - cpu


def stages(out: Path) -> dict[str, float]:
    seconds = json.loads((out / "summary.json").read_text())["seconds"]
    return {k: seconds[k] for k in STAGES if k in seconds}


def measure(tree: str, label: str, args: argparse.Namespace) -> dict[str, object]:
    """The gate, a cold run and a rerun from one tree."""
    out = Path(args.out) / label
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    row: dict[str, object] = {"tree": label, "load": round(os.getloadavg()[0], 2)}
    row["gate"] = timed(tree, ["gate", args.gate, "--accepted", str(out / "accepted.jsonl"),
                               "--quarantine", str(out / "quarantine.jsonl"), "--workers", "2"])
    if not args.cold:
        return row
    cache = out / "cache"
    row["cold"] = timed(tree, ["run", args.cold, "--out", str(out / "cold" / "latest"),
                               "--cache", str(cache), "--workers", "2"])
    row["cold_stages"] = stages(out / "cold" / "latest")
    if not args.rerun:
        return row
    row["rerun"] = timed(tree, ["run", args.rerun, "--out", str(out / "rerun" / "latest"),
                                "--cache", str(cache), "--workers", "2"])
    row["rerun_stages"] = stages(out / "rerun" / "latest")
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("new")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--gate", required=True)
    parser.add_argument("--cold", help="also a cold run of this file")
    parser.add_argument("--rerun", help="with --cold: then a run of this file with its cache")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rows: list[dict[str, object]] = []
    for pair in range(args.pairs):
        order = [("base", args.base), ("new", args.new)]
        for label, tree in order if pair % 2 == 0 else order[::-1]:
            rows.append(measure(tree, label, args))
            print(json.dumps(rows[-1]), flush=True)
    for label in ("base", "new"):
        mine = [r for r in rows if r["tree"] == label]
        parts = []
        measured = [w for w in ("gate", "cold", "rerun") if w in mine[0]]
        for what in measured:
            wall = statistics.median(r[what][0] for r in mine)  # type: ignore[index]
            cpu = statistics.median(r[what][1] for r in mine)  # type: ignore[index]
            parts.append(f"{what} {wall:.2f} s wall / {cpu:.2f} s CPU")
        if "rerun" in measured:
            share = statistics.median(r["rerun"][0] / r["cold"][0] for r in mine)  # type: ignore[index]
            parts.append(f"rerun/cold {share:.0%}")
        print(f"{label}: medians of {len(mine)}: {'; '.join(parts)}")


if __name__ == "__main__":
    main()
