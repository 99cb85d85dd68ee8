"""Where the gate's wall and CPU go: per process (parent, workers, GX child, apart
child), per stage, and per function under cProfile.

    PYTHONPATH=TREE python benchmarks/profile_gate.py /work/scratch/gate1000.jsonl \\
        [--workers 2] [--profile DIR] [--repeat 3]

Runs `audit.gate` of TREE in this process as the CLI does (suite loaded and the GX
validator started first, then the gate), with wrappers around the entry points of the
forked processes (`_init_worker`, `_serve`, `_run_apart`) that record, in each
process, its start and end (wall, relative to the gate's start) and its CPU, and with
--profile a cProfile of each process (DIR/<role>-<pid>.prof; read them with
`python -m pstats`). Prints a timeline: one line per process, then the run's own
stage seconds (summary.json's `seconds`). The machine is shared: compare within a window.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

T0 = time.time()


def _record(role: str, log: Path, profile_dir: Path | None, start: float) -> Any:
    """Start a profile if asked; return the call that writes this process's line at exit."""
    profiler = cProfile.Profile() if profile_dir else None
    if profiler:
        profiler.enable()

    def finish() -> None:
        if profiler:
            profiler.disable()
            profiler.dump_stats(str(profile_dir / f"{role}-{os.getpid()}.prof"))
        usage = resource.getrusage(resource.RUSAGE_SELF)
        line = {"role": role, "pid": os.getpid(), "start": round(start - T0, 3),
                "end": round(time.time() - T0, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3)}
        with log.open("a") as fh:
            fh.write(json.dumps(line) + "\n")
    return finish


def _wrap_worker_init(log: Path, profile_dir: Path | None) -> None:
    """Pool workers: recorded from their initializer to their exit (multiprocessing's
    finalizers run in a child before it exits)."""
    from multiprocessing import util

    import audit.detect.workers as workers

    original = workers._init_worker

    @functools.wraps(original)
    def init(plan: Any, *rest: Any) -> None:
        start = time.time()
        original(plan, *rest)
        if os.getpid() != PARENT:
            util.Finalize(None, _record("worker", log, profile_dir, start), exitpriority=100)
    workers._init_worker = init


def _wrap_child(module: Any, name: str, role: str, log: Path, profile_dir: Path | None) -> None:
    """A forked child's target: recorded from its start to its return (not when the
    parent calls it: `_run_apart` runs duplicate_near's job in the parent too)."""
    original = getattr(module, name)

    @functools.wraps(original)
    def target(*args: Any) -> Any:
        if os.getpid() == PARENT:
            return original(*args)
        finish = _record(role, log, profile_dir, time.time())
        try:
            return original(*args)
        finally:
            finish()
    setattr(module, name, target)


PARENT = os.getpid()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--profile", type=Path, default=None)
    args = parser.parse_args()
    log = Path(tempfile.mkdtemp(prefix="profile-gate-")) / "processes.jsonl"
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    parent_profile = cProfile.Profile() if args.profile else None
    if parent_profile:
        parent_profile.enable()
    from audit.suite import load_suite
    from audit.validate import child

    _wrap_child(child, "_serve", "gx-child", log, args.profile)
    the_suite = load_suite("news")
    validator = child.start_validator(the_suite)
    started_gate = time.time()
    import audit.detect.workers as workers
    from audit.gating import gate

    _wrap_worker_init(log, args.profile)
    _wrap_child(workers, "_run_apart", "apart-child", log, args.profile)
    out = Path(tempfile.mkdtemp(prefix="profile-gate-out-"))
    result = gate([args.input], accepted=out / "a.jsonl", quarantine=out / "q.jsonl",
                  suite=the_suite, validator=validator, workers=args.workers,
                  batch_size=args.batch_size, on_problem=None)
    end = time.time()
    if parent_profile:
        parent_profile.disable()
        parent_profile.dump_stats(str(args.profile / f"parent-{os.getpid()}.prof"))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"gate: {len(result.accepted)} accepted, {len(result.quarantined)} quarantined; "
          f"imports before the gate {started_gate - T0:.2f} s")
    print(f"{'process':<12} {'pid':>7} {'start':>7} {'end':>7} {'wall':>7} {'cpu':>7}")
    print(f"{'parent':<12} {os.getpid():>7} {0:>7.2f} {end - T0:>7.2f} {end - T0:>7.2f} "
          f"{usage.ru_utime + usage.ru_stime:>7.2f}")
    for line in sorted(map(json.loads, log.read_text().splitlines()), key=lambda r: r["start"]):
        print(f"{line['role']:<12} {line['pid']:>7} {line['start']:>7.2f} {line['end']:>7.2f} "
              f"{line['end'] - line['start']:>7.2f} {line['cpu']:>7.2f}")
    print(f"children CPU (rusage) {children.ru_utime + children.ru_stime:.2f} s; total "
          f"{usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime:.2f} s")
    print("stages:", json.dumps(result.run.summary["seconds"]))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
