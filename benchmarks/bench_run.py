"""Wall, CPU, articles/s and peak RSS of `corpus-audit run` by stage, beside datatrove and a floor.

    python benchmarks/bench_run.py 2000 20000            (cold run, warm rerun, datatrove, floor)
    python benchmarks/bench_run.py --cold 100000         (cold run only, with datatrove and floor)
    python benchmarks/bench_run.py --workers 2 20000     (passed to `corpus-audit run --workers`)
    python benchmarks/bench_run.py --cold --engine spark 3000

Corpus: benchmarks/real_corpus.py (real BBC News and gold article bodies, one paragraph
each, exact and near copies, lifted passages, mojibake at stated rates, printed per N).
On that SAME file, in the same run, each in its own child process, with the process tree's
RSS and CPU seconds sampled from /proc every 0.1 s:
- a cold `corpus-audit run` (fresh caches), every check, GX and the report; per stage, the
  seconds of the run's summary.json, the CPU and peak RSS sampled while that stage ran (stages
  are placed back to back ending at the process's exit; the rest is start-up: imports);
- a warm rerun of the same corpus with 1% of the articles changed (same --cache and --out),
  then one more with nothing changed, and a warm run of the 5 seeds: the fixed cost any run pays;
- datatrove 0.10's GopherRepetitionFilter + GopherQualityFilter + C4QualityFilter after a
  JsonlReader, 1 task, and 2 tasks over the same records split into 2 files (datatrove
  splits work by file). It runs in a venv built once in the cache (BENCH_CACHE, default
  /work/cache/bench-run) from PyPI: datatrove==0.10.0 and spacy==3.8.18 (datatrove 0.10
  splits English words with spacy.blank("en"): no model download; nltk is not used), orjson;
- a floor: read each line, parse its JSON, sha256 the text, one regex scan.
Fetching and building happen at benchmark time only; the tool never reaches the network.
Wall times on a shared machine swing with its load: there, CPU seconds and the ratios of
one run are the figures to trust (the goals of issue 13 are in wall time on a quiet machine).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_corpus  # the benchmarks folder is not a package: imported from beside this file

ROOT = Path(__file__).resolve().parents[1]
VENV = real_corpus.CACHE / "datatrove-venv"
DATATROVE_PINS = ["datatrove==0.10.0", "spacy==3.8.18", "orjson", "regex"]  # the versions measured; datatrove.utils.text imports regex without requiring it
GOALS = {"articles_per_s": 700, "peak_mb": 1536, "x_datatrove": 5.0, "rerun_share": 0.10}
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

DATATROVE_RUN = """
import sys
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter
from datatrove.pipeline.readers import JsonlReader
folder, tasks, logs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
LocalPipelineExecutor(
    pipeline=[JsonlReader(folder, glob_pattern="*.jsonl"), GopherRepetitionFilter(),
              GopherQualityFilter(), C4QualityFilter()],
    tasks=tasks, workers=tasks, logging_dir=logs,
).run()
"""

FLOOR_SCAN = re.compile(r"Ã.|â€|\b(?:January|February|March|April|May|June|July|August|September|"
                        r"October|November|December) \d{1,2}\b")


@dataclass
class Measured:
    """One child process: wall and CPU seconds, peak RSS of its whole tree, usage over time."""

    wall: float
    peak_mb: float
    samples: list[tuple[float, float, float]] = field(default_factory=list)  # (seconds, MB, CPU s)
    stages: dict[str, float] = field(default_factory=dict)  # from summary.json, for audit runs
    cpu: float = 0.0  # user + system seconds: steadier than wall on a shared machine
    peak_pss_mb: float = 0.0  # the tree's peak PSS: pages that forked workers share counted once
    system: float = 0.0  # of `cpu`, the kernel's (waited-for processes): on a VM whose fresh
    # memory is dear, what swings between identical runs (docs/measurements.md, eighteenth session)


def tree_pids(root: int) -> list[int]:
    """`root` and all its descendants (workers, Spark's JVM), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_pss(root: int) -> float:
    """Proportional set size of a process and its descendants, MB: a page shared by a forked
    worker and its parent counts half in each, so the sum is the memory the tree holds (RSS
    summed counts it twice)."""
    kb = 0
    for pid in tree_pids(root):
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    kb += int(line.split()[1])
                    break
    return kb / 1024


def tree_usage(root: int) -> tuple[float, float]:
    """(resident MB, CPU seconds) of a process and its descendants, from /proc; CPU counts the
    root's ended children too (cutime, cstime)."""
    rss, ticks = 0, 0
    for pid in tree_pids(root):
        with contextlib.suppress(OSError, IndexError):  # a process that just ended
            rss += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KB
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += sum(int(x) for x in fields[11:15 if pid == root else 13])  # utime stime [cutime cstime]
    return rss / 1024, ticks / CLOCK_TICKS


def measure(cmd: list[str], log: Path, env: dict | None = None) -> Measured:
    """Run `cmd`, its output into `log`, sampling its tree's RSS; fail loudly on a bad exit."""
    samples: list[tuple[float, float, float]] = []
    pss: list[float] = []
    ended = threading.Event()
    with log.open("w") as out:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
                                 env={**os.environ, **(env or {})})

        def sample() -> None:
            while not ended.is_set():
                mb, cpu = tree_usage(child.pid)
                if mb:  # not once the process has ended (nothing left to read)
                    samples.append((time.perf_counter() - start, mb, cpu))
                    if len(samples) % 10 == 1:  # each second: reading smaps costs the run CPU
                        pss.append(tree_pss(child.pid))
                ended.wait(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # CPU seconds of it and the workers it waited for
        wall = time.perf_counter() - start
        ended.set()
        sampler.join()
        child.returncode = code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{cmd[:4]} exited {code}; its output: {log}\n{log.read_text()[-2000:]}")
    sampled_cpu = max((cpu for _, _, cpu in samples), default=0.0)  # workers nobody waited for
    return Measured(wall, max((mb for _, mb, _ in samples), default=0.0), samples,
                    cpu=max(usage.ru_utime + usage.ru_stime, sampled_cpu), peak_pss_mb=max(pss, default=0.0),
                    system=usage.ru_stime)


def cli_options() -> str:
    return subprocess.run([sys.executable, "-m", "audit", "run", "--help"], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "200"}).stdout


def audit_run(corpus: Path, work: Path, name: str, extra: list[str]) -> Measured:
    """`corpus-audit run` as a user runs it, this worktree's code; stages from summary.json."""
    cmd = [sys.executable, "-m", "audit", "run", str(corpus), "--out", str(work / "out"),
           "--cache", str(work / "cache"), *extra]
    run = measure(cmd, work / f"{name}.log", env={"PYTHONPATH": str(ROOT)})
    seconds = json.loads((work / "out" / "summary.json").read_text())["seconds"]
    run.stages = {k: float(v) for k, v in seconds.items()}
    return run


def fixed_floor(work: Path, extra: list[str]) -> Measured:
    """A warm run of the 5 seed articles: the cost every run pays whatever its size (Python's
    start-up, imports, GX's import and validation, the report), measured after one cold run."""
    work.mkdir()
    audit_run(ROOT / "seeds", work, "seeds-cold", extra)
    return audit_run(ROOT / "seeds", work, "seeds-warm", extra)


# summary.json seconds that do not follow one another in the run's process: the GX child
# imports while the run detects, and the run's wait for it is inside `validate`.
CONCURRENT = ("gx_import", "gx_validate", "wait_gx_import")


def stage_table(run: Measured, n: int) -> list[str]:
    """Wall, articles/s, CPU seconds and sampled peak RSS per top-level stage, start-up first.
    CPU per stage is the tree's CPU between the samples inside the stage (0.1 s apart)."""
    top = {k: v for k, v in run.stages.items() if "." not in k and k not in CONCURRENT}
    windows, end = [], run.wall
    for name, seconds in reversed(top.items()):  # back to back, ending at the exit
        windows.append((name, end - seconds, end))
        end -= seconds
    windows.append(("start-up (imports)", 0.0, max(end, 0.0)))
    lines = [f"    {'stage':<22}{'wall s':>8}{'art/s':>9}{'CPU s':>8}{'art/CPUs':>9}{'peak MB':>9}"]
    for name, begin, stop in reversed(windows):
        inside = [(mb, cpu) for t, mb, cpu in run.samples if begin <= t <= stop] or [(0.0, 0.0)]
        cpu = max(c for _, c in inside) - min(c for _, c in inside)
        rates = (f"{n / (stop - begin):>9,.0f}{cpu:>8.1f}{n / cpu if cpu else 0:>9,.0f}"
                 if stop > begin and "start" not in name else f"{'':>9}{cpu:>8.1f}{'':>9}")
        lines.append(f"    {name:<22}{stop - begin:>8.2f}{rates}{max(mb for mb, _ in inside):>9,.0f}")
    beside = [f"{k} {run.stages[k]:.2f} s" for k in CONCURRENT if k in run.stages]
    if beside:  # the GX child's own clock (audit/validate/child.py), not the run's stages
        lines.append("    in the GX child, beside the stages: " + ", ".join(beside))
    slow = sorted(((v, k) for k, v in run.stages.items() if k.startswith("detect.")), reverse=True)[:6]
    if slow:
        lines.append("    slowest detectors: " + ", ".join(f"{k[7:]} {v:.1f} s" for v, k in slow))
    return lines


def ensure_datatrove() -> Path:
    """The venv's python with datatrove 0.10 and spaCy (no model: a blank English tokenizer); built once."""
    python = VENV / "bin" / "python"
    ready = VENV / ".bench-ready"
    if not ready.exists() or ready.read_text().split() != DATATROVE_PINS:
        print(f"building {VENV} from PyPI: {' '.join(DATATROVE_PINS)} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *DATATROVE_PINS], check=True)
        ready.write_text(" ".join(DATATROVE_PINS) + "\n")
    return python


def datatrove_run(python: Path, corpus: Path, work: Path, tasks: int) -> Measured:
    folder = work / f"datatrove-in-{tasks}"
    folder.mkdir()
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // tasks)
    for k in range(tasks):  # datatrove gives each task whole files
        (folder / f"part-{k}.jsonl").write_text("".join(lines[k * size:(k + 1) * size]), encoding="utf-8")
    return measure([str(python), "-c", DATATROVE_RUN, str(folder), str(tasks), str(work / f"datatrove-logs-{tasks}")],
                   work / f"datatrove-{tasks}.log")


def datatrove_kept(work: Path, tasks: int) -> str:
    """Documents the last filter kept, summed over tasks, from datatrove's own stats."""
    stats = json.loads((work / f"datatrove-logs-{tasks}" / "stats.json").read_text())
    kept = [s["stats"].get("forwarded", 0) for s in stats if "C4" in s.get("name", "")]
    return f"kept {sum(kept):,}" if kept else ""


def floor(corpus: Path) -> None:
    """Read, parse, sha256, one regex scan: the least any auditing tool must do."""
    hits = 0
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            hashlib.sha256(text.encode("utf-8")).digest()
            hits += sum(1 for _ in FLOOR_SCAN.finditer(text))
    print(hits)


def row(name: str, run: Measured, n: int, audit: Measured | None) -> str:
    """One line of the side-by-side table; ratios are its time over the cold audit's."""
    ratios = (f"{run.wall / audit.wall:>9.2f}x{run.cpu / audit.cpu:>9.2f}x" if audit else f"{'':>20}")
    return (f"  {name:<32}{run.wall:>9.2f}{n / run.wall:>9,.0f}{run.cpu:>9.2f}{n / run.cpu:>9,.0f}"
            f"{run.peak_mb:>9,.0f}{ratios}")


def bench(n: int, args: argparse.Namespace, extra: list[str]) -> None:
    corpus_built = real_corpus.build(n, seed=args.seed)
    print(f"\n== N = {n:,}: {real_corpus.rates(corpus_built)}")
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        work = Path(tmp)
        corpus = real_corpus.write(corpus_built.records, work / "corpus.jsonl")
        print(f"  file {corpus.stat().st_size / 1e6:,.1f} MB; each run as it ends:")
        runs: dict[str, Measured] = {}

        def record(name: str, run: Measured) -> Measured:
            runs[name] = run
            print(row(name, run, n, None), flush=True)
            return run

        record("read-hash-scan floor", measure([sys.executable, __file__, "--floor", str(corpus)], work / "floor.log"))
        if not args.skip_datatrove:
            python = ensure_datatrove()
            for tasks in (1, 2):
                record(f"datatrove C4+Gopher, {tasks} task{'s' * (tasks > 1)}", datatrove_run(python, corpus, work, tasks))
        cold = record("corpus-audit run, cold", audit_run(corpus, work, "cold", extra))
        print("  the cold run by stage:")
        for line in stage_table(cold, n):
            print(line)
        if not args.cold:
            changed = real_corpus.write(real_corpus.changed(corpus_built.records), work / "corpus.jsonl")
            record("corpus-audit run, 1% changed", audit_run(changed, work, "warm", extra))
            record("corpus-audit run, no change", audit_run(changed, work, "same", extra))
            runs["fixed"] = fixed_floor(work / "seeds", extra)
        print(f"\n  {'same file, same run':<32}{'wall s':>9}{'art/s':>9}{'CPU s':>9}{'art/CPUs':>9}"
              f"{'peak MB':>9}{'x wall':>10}{'x CPU':>10}")
        print("  (x: the cold audit's speed as a multiple of that run's, i.e. its time over the audit's)")
        for name, run in runs.items():
            if name != "fixed":
                print(row(name, run, n, None if name.endswith("cold") else cold))
        if not args.skip_datatrove:
            print(f"  datatrove {datatrove_kept(work, 1)} of {n:,} (1 task)")
        goals(n, runs)


def goals(n: int, runs: dict[str, Measured]) -> None:
    """The figures issue 13 asks for, each against its goal."""
    cold = runs["corpus-audit run, cold"]
    verdict = [f"{n / cold.wall:,.0f} art/s wall, {n / cold.cpu:,.0f} per CPU second "
               f"(goal >= {GOALS['articles_per_s']} wall on 2 cores at 20,000)",
               f"peak {cold.peak_mb:,.0f} MB RSS summed over the tree, {cold.peak_pss_mb:,.0f} MB PSS "
               f"(goal <= {GOALS['peak_mb']:,})"]
    for name, run in runs.items():
        if name.startswith("datatrove"):
            verdict.append(f"{run.wall / cold.wall:.2f}x the speed of {name} by wall, "
                           f"{run.cpu / cold.cpu:.2f}x by CPU (goal >= {GOALS['x_datatrove']:.0f}x)")
    warm = runs.get("corpus-audit run, 1% changed")
    if warm:
        verdict.append(f"rerun {warm.wall / cold.wall:.1%} of cold (goal <= {GOALS['rerun_share']:.0%})")
    fixed = runs.get("fixed")
    if fixed:  # what any run costs whatever its size: the goal's room for per-article work is what is left
        verdict.append(f"a warm run of the 5 seeds (the fixed cost: start-up, GX, report) {fixed.wall:.2f} s "
                       f"= {fixed.wall / cold.wall:.1%} of this cold run")
    if n >= 100_000:
        verdict.append(f"{cold.wall / 60:.1f} min for {n:,} cold (goal <= 3 min at 100,000)")
    print("  goals: " + "; ".join(verdict))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="*", default=[2000, 20000])
    parser.add_argument("--cold", action="store_true", help="cold run only, no warm rerun")
    parser.add_argument("--workers", type=int, help="passed to `corpus-audit run --workers` if it has it")
    parser.add_argument("--engine", choices=("pandas", "spark"), default="pandas")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--skip-datatrove", action="store_true", help="no datatrove runs (quick checks)")
    args = parser.parse_args()
    options = cli_options()
    extra = ["--engine", args.engine] if args.engine != "pandas" else []
    if args.workers is not None:
        if "--workers" in options:
            extra += ["--workers", str(args.workers)]
        else:
            print("this corpus-audit has no --workers option: running without it", file=sys.stderr)
    if "--quiet" in options:
        extra.append("--quiet")
    print(f"corpus-audit run {' '.join(extra)} | machine: {os.cpu_count()} cores, shared with other "
          f"work (timings noisy; the ratios of one run are the figures to trust)")
    for n in args.sizes:
        bench(n, args, extra)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--floor":
        floor(Path(sys.argv[2]))
    else:
        main()
