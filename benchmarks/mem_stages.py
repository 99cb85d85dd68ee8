"""Peak memory of `corpus-audit run` by stage, and what holds it (issue 13: memory bounded
by a batch, not by the corpus, for the per-article stages).

    python benchmarks/mem_stages.py FILE --cache DIR --out DIR [--workers 2] [--sizes] [--trace]

Runs the CLI's `run` in this process (same flags, `--quiet`), with the run's functions
wrapped so that each stage boundary is an event: ingest (normalise + per-article), the
cross-article detectors, annotate, the count columns, GX's validation, the table, the
report's preparation, the outputs. At each event the parent's peak RSS since the last
event is read from /proc/self/status (VmHWM) and reset (`clear_refs` 5), so each window
has its own exact peak; a thread samples the whole tree's RSS and PSS (workers, the
cross-article child, GX's child) every 0.25 s. Printed: a table of windows (parent peak,
tree peak RSS and PSS), then with `--sizes` the sizes of the main structures at the
boundaries (articles and their texts, prepared shares, findings, the caches, the table),
and with `--trace` tracemalloc's top lines at each boundary (slow: 20,000 articles at most).
Wall times here are not the run's: --sizes and --trace walk the heap at the boundaries.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_run import tree_pids  # noqa: E402  (the benchmarks folder is not a package)

EVENTS: list[tuple[float, str, float, float]] = []  # (seconds, event, VmHWM MB of the window, VmRSS MB)
SAMPLES: list[tuple[float, float, float]] = []  # (seconds, tree RSS MB, tree PSS MB)
# pid -> (first seen s, last seen s, peak RSS MB, peak PSS MB, peak private MB)
BY_PID: dict[int, list[float]] = {}
SIZES: list[tuple[str, dict[str, float]]] = []
HELD: dict[str, Any] = {}  # what the wrappers saw: the caches, the articles, the table
START = time.perf_counter()
OPTIONS = {"sizes": False, "trace": False, "inner": False, "trim": False}
LOCK = threading.Lock()


def _status() -> tuple[float, float]:
    hwm = rss = 0.0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            hwm = int(line.split()[1]) / 1024
        elif line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    return hwm, rss


PARENT = os.getpid()
INNER: list[str] = []  # events of the cross-article detectors' phases, any process (a file)
INNER_FILE = Path(os.environ.get("MEM_STAGES_INNER", "/tmp/mem_stages_inner.txt"))


def event(name: str) -> None:
    """End the current window: its parent peak, then a new window from here. In a forked
    child (the cross-article one), a line in INNER_FILE with its own window's peak."""
    if os.getpid() != PARENT:
        hwm, rss = _status()
        Path("/proc/self/clear_refs").write_text("5")
        split = _inherited_split()
        with INNER_FILE.open("a") as fh:
            fh.write(f"{time.perf_counter() - START:8.2f} pid {os.getpid()} {name:<44} window peak "
                     f"{hwm:8,.0f} MB, now {rss:8,.0f} MB; private in inherited mappings {split[0]:6,.0f}, "
                     f"in new ones {split[1]:6,.0f}\n")
        return
    with LOCK:
        hwm, rss = _status()
        Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
        EVENTS.append((time.perf_counter() - START, name, hwm, rss))


_AT_FORK: dict[int, set[int]] = {}  # child pid -> start addresses of the mappings it inherited


def _mappings() -> list[tuple[int, float]]:
    """(start address, private MB) of each mapping of this process."""
    out, start = [], 0
    for line in Path("/proc/self/smaps").read_text().splitlines():
        head = line.split(maxsplit=1)[0]
        if "-" in head and not head.endswith(":"):
            start = int(head.split("-")[0], 16)
        elif head in ("Private_Clean:", "Private_Dirty:"):
            out.append((start, int(line.split()[1]) / 1024))
    return out


def _inherited_split() -> tuple[float, float]:
    """In a forked child: private MB in the mappings it had at its first event (inherited
    from the parent: pages copied on write, or freed and reused there) and in later ones."""
    pid = os.getpid()
    mapped = _mappings()
    if pid not in _AT_FORK:
        _AT_FORK[pid] = {start for start, _ in mapped}
    inherited = sum(mb for start, mb in mapped if start in _AT_FORK[pid])
    return inherited, sum(mb for _, mb in mapped) - inherited


def _sampler(stop: threading.Event) -> None:
    me = os.getpid()
    while not stop.is_set():
        rss = pss = 0
        now = time.perf_counter() - START
        for pid in tree_pids(me):
            with contextlib.suppress(OSError, ValueError):
                own = {}
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    key, _, rest = line.partition(":")
                    if key in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                        own[key] = int(rest.split()[0]) / 1024
                rss += own.get("Rss", 0)
                pss += own.get("Pss", 0)
                seen = BY_PID.setdefault(pid, [now, now, 0.0, 0.0, 0.0])
                seen[1] = now
                seen[2] = max(seen[2], own.get("Rss", 0))
                seen[3] = max(seen[3], own.get("Pss", 0))
                seen[4] = max(seen[4], own.get("Private_Clean", 0) + own.get("Private_Dirty", 0))
        SAMPLES.append((now, rss, pss))
        stop.wait(0.25)


# ---- sizes of the main structures ---------------------------------------------------------

def deep(obj: Any, seen: set[int]) -> int:
    """Bytes of `obj` and what it holds (containers, dataclasses, numpy arrays), each
    object once (`seen`); classes, modules and functions not counted."""
    import numpy as np

    total, todo = 0, [obj]
    while todo:
        o = todo.pop()
        if id(o) in seen or (isinstance(o, (type, type(sys), Callable)) and not isinstance(o, (dict, list))):
            continue
        seen.add(id(o))
        try:
            total += sys.getsizeof(o)
        except TypeError:
            continue
        if isinstance(o, np.ndarray):
            if o.base is not None:
                todo.append(o.base)
            elif not o.flags.owndata:
                total += o.nbytes
            continue
        if isinstance(o, (str, bytes, int, float, bool, type(None), bytearray)):
            continue
        if isinstance(o, dict):
            todo.extend(o.keys())
            todo.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            todo.extend(o)
        elif hasattr(o, "__dict__"):
            todo.append(o.__dict__)
        if hasattr(type(o), "__slots__"):
            todo.extend(getattr(o, s) for s in type(o).__slots__ if hasattr(o, s))
    return total


def article_sizes(articles: list[Any]) -> dict[str, float]:
    """MB held by the articles, by part: texts, other fields, extra, prepared shares."""
    seen: set[int] = set()
    mb = 1 / 2**20
    text = sum(deep(a.text, seen) for a in articles)
    utf8 = sum(1 for a in articles if a.text is not None and not a.text.isascii()
               and sys.getsizeof(a.text) > len(a.text) * (2 if max(a.text, default="a") > "\xff" else 1) + 100)
    shells = sum(sys.getsizeof(a) + sys.getsizeof(a.__dict__) for a in articles)
    for a in articles:
        seen.update((id(a), id(a.__dict__)))
    fields = sum(deep(getattr(a, name), seen) for a in articles
                 for name in ("article_id", "source_uri", "source_sha256", "title", "published",
                              "publisher", "url", "language", "content_sha256", "raw", "failed"))
    extra = sum(deep(a.extra, seen) for a in articles)
    prepared: dict[str, int] = {}
    for a in articles:
        for name, value in a.prepared.items():
            prepared[name] = prepared.get(name, 0) + deep(value, seen)
        seen.add(id(a.prepared))
    out = {"articles: n": len(articles), "articles: text MB": text * mb,
           "articles: texts with a UTF-8 copy": utf8,
           "articles: objects+__dict__ MB": shells * mb, "articles: other fields MB": fields * mb,
           "articles: extra MB": extra * mb}
    out.update({f"articles: prepared[{name}] MB": size * mb for name, size in prepared.items()})
    return out


def measure_sizes(label: str, **named: Any) -> None:
    """Sizes at a boundary (outside the windows: the walk's own memory is not the run's)."""
    if not OPTIONS["sizes"]:
        return
    clock = time.perf_counter()
    mb = 1 / 2**20
    out: dict[str, float] = {}
    articles = named.pop("articles", None)
    if articles is not None:
        out.update(article_sizes(articles))
        seen = {id(a.text) for a in articles}  # findings' excerpts are their own strs
    else:
        seen = set()
    for name, value in named.items():
        if value is None:
            continue
        if hasattr(value, "memory_usage") and hasattr(value, "columns"):  # a DataFrame
            out[f"{name} MB"] = float(value.memory_usage(deep=True, index=True).sum()) * mb
        else:
            if isinstance(value, (list, dict)):
                out[f"{name}: n"] = len(value)
            out[f"{name} MB"] = deep(value, seen) * mb
    cache = HELD.get("findings_cache")
    if cache is not None:
        for attr in ("entries", "known", "values", "large"):
            part = getattr(cache, attr, None)
            if part is not None:
                with contextlib.suppress(TypeError):
                    out[f"findings cache .{attr}: n"] = len(part)
                out[f"findings cache .{attr} MB"] = _cache_part(part) * mb
    lang = HELD.get("language_cache")
    if lang is not None:
        out["language cache entries MB"] = deep(lang.entries, set()) * mb
    out["(walk seconds)"] = time.perf_counter() - clock
    SIZES.append((label, out))


def _cache_part(part: Any) -> int:
    column = getattr(part, "column", None)
    if column is not None:  # MappedEntries: keys in Python, texts in Arrow
        return deep(getattr(part, "keys", []), set()) + int(getattr(column, "nbytes", 0)) + deep(
            getattr(part, "fresh", {}), set())
    return deep(part, set())


TRACE: list[tuple[str, list[str]]] = []


def trace(label: str) -> None:
    if not OPTIONS["trace"]:
        return
    import tracemalloc

    snap = tracemalloc.take_snapshot()
    stats = snap.statistics("lineno")
    total = sum(s.size for s in stats) / 2**20
    lines = [f"traced {total:,.0f} MB"] + [
        f"{s.size / 2**20:9.1f} MB {s.count:>10,} {s.traceback[0].filename.replace(str(ROOT) + '/', '')}:"
        f"{s.traceback[0].lineno}" for s in stats[:15]]
    TRACE.append((label, lines))


# ---- the wrappers -----------------------------------------------------------------------

def _wrap(module: Any, name: str, label: str, after: Callable[..., None] | None = None) -> None:
    original = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        event(f"{label} begins")
        result = original(*args, **kwargs)
        event(f"{label} ends")
        if after is not None:
            after(result, *args, **kwargs)
        return result

    setattr(module, name, wrapped)


def install() -> None:
    """Wrap the run's stage functions (called once GX's child is forked, like the CLI's imports)."""
    import audit.detect.cache as findings_cache_mod
    import audit.detect.clean as clean
    import audit.detect.workers as workers
    import audit.normalise.cache as language_cache_mod
    import audit.pipeline as pipeline
    import audit.report as report
    import audit.validate.child as child

    def keep(name: str, open_cache: Callable[..., Any]) -> Callable[..., Any]:
        def opened(*args: Any, **kwargs: Any) -> Any:
            HELD[name] = made = open_cache(*args, **kwargs)
            return made
        return opened

    pipeline.open_findings_cache = keep("findings_cache", findings_cache_mod.open_findings_cache)
    pipeline.open_language_cache = keep("language_cache", language_cache_mod.open_language_cache)

    def after_ingest(stage: Any, *args: Any, **kwargs: Any) -> None:
        HELD["articles"] = stage.articles
        trace("after ingest")
        measure_sizes("after ingest", articles=stage.articles, found=stage.found,
                      ingest_findings=stage.ingest_findings)
        event("sizes after ingest")

    def after_cross(detection: Any, *args: Any, **kwargs: Any) -> None:
        trace("after cross-article")
        measure_sizes("after cross-article", articles=HELD.get("articles"),
                      findings=detection.findings, not_checked=detection.not_checked)
        event("sizes after cross-article")

    if OPTIONS["trim"]:  # an experiment: glibc's malloc_trim(0) at the stage boundaries
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        for module, name in ((pipeline, "run_detectors"), (clean, "annotate")):
            done = getattr(module, name)

            def trimmed(*args: Any, __done: Any = done, __name: str = name, **kwargs: Any) -> Any:
                made = __done(*args, **kwargs)
                event(f"before trim after {__name}")
                libc.malloc_trim(0)
                event(f"trimmed after {__name}")
                return made

            setattr(module, name, trimmed)

    def after_table(table: Any, *args: Any, **kwargs: Any) -> None:
        HELD["table"] = table

    _wrap(workers, "run_per_article", "ingest", after_ingest)
    _wrap(pipeline, "run_detectors", "cross-article", after_cross)
    _wrap(clean, "annotate", "annotate")
    _wrap(pipeline, "count_columns", "count columns")
    _wrap(pipeline, "signal_columns", "signal columns")
    _wrap(pipeline, "article_columns", "table columns (thread)")
    _wrap(pipeline, "article_table", "table (thread)", after_table)
    _wrap(report, "prepare", "report prepare (thread)")
    _wrap(child.GxChild, "validate", "validate (GX child)")
    _wrap(pipeline, "write_parquet_apart", "parquet to Arrow")
    _wrap(pipeline, "build_summary", "summary")

    def after_outputs(_: Any, *args: Any, **kwargs: Any) -> None:
        trace("after outputs")
        measure_sizes("at outputs", table=HELD.get("table"))

    _wrap(pipeline, "write_outputs", "write outputs", after_outputs)
    if OPTIONS["inner"]:
        install_inner()


def install_inner() -> None:
    """Events inside the cross-article detectors (near and the others in the parent,
    passage in its forked child): which phase holds the peak."""
    import audit.detect as detect
    import audit.detect.duplicates.near as near
    import audit.detect.duplicates.passage as passage
    import audit.detect.duplicates.seeds as seeds
    import audit.detect.workers as workers

    for module, names in ((passage, ["_corpus_words", "_outcomes", "_sides", "live_candidates",
                                     "edited_candidates", "pair_seeds", "live_pairs", "distinct"]),
                          (near, ["corpus_features", "verified_pairs", "_clusters"]),
                          ):
        for name in names:
            _wrap(module, name, f"  {module.__name__.rsplit('.', 1)[1]}.{name}")
    original = seeds.Fingerprints.of.__func__

    def of(cls: Any, *args: Any, **kwargs: Any) -> Any:
        event("  seeds.Fingerprints.of begins")
        made = original(cls, *args, **kwargs)
        event("  seeds.Fingerprints.of ends")
        return made

    seeds.Fingerprints.of = classmethod(of)
    _wrap(passage, "seed_groups", "  passage.seed_groups")
    found = detect.find_across

    def find_across(find: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(find, "__name__", "?")
        event(f"  find {name} begins")
        made = found(find, *args, **kwargs)
        event(f"  find {name} ends")
        return made

    detect.find_across = find_across
    workers.find_across = find_across


def main() -> None:
    argv = sys.argv[1:]
    for flag in ("--sizes", "--trace", "--inner", "--trim"):
        if flag in argv:
            argv.remove(flag)
            OPTIONS[flag[2:]] = True
    if OPTIONS["trace"]:
        import tracemalloc

        tracemalloc.start(1)
    import audit.validate.child as child

    started = child.start_validator

    stop = threading.Event()
    sampler = threading.Thread(target=_sampler, args=(stop,), daemon=True)

    def start_then_install(*args: Any, **kwargs: Any) -> Any:
        made = started(*args, **kwargs)  # GX's child forks first, as in the CLI (no other thread yet)
        install()
        sampler.start()
        return made

    child.start_validator = start_then_install
    event("start")
    from audit.cli import app

    sys.argv = ["corpus-audit", "run", *argv, "--quiet"]
    try:
        app(standalone_mode=False)
    finally:
        event("end")
        stop.set()
        if sampler.is_alive():
            sampler.join()
        report_all()


def report_all() -> None:
    print(f"\n{'window (parent: peak RSS of the window; tree: sampled)':<48}{'from s':>8}{'to s':>8}"
          f"{'parent pk':>10}{'rss end':>9}{'tree RSS':>9}{'tree PSS':>9}")
    for (t0, _, _, _), (t1, name, hwm, rss) in zip(EVENTS, EVENTS[1:]):
        inside = [(r, p) for t, r, p in SAMPLES if t0 <= t <= t1]
        tree_rss = max((r for r, _ in inside), default=0.0)
        tree_pss = max((p for _, p in inside), default=0.0)
        print(f"  up to {name:<40}{t0:>8.2f}{t1:>8.2f}{hwm:>10,.0f}{rss:>9,.0f}{tree_rss:>9,.0f}{tree_pss:>9,.0f}")
    print(f"  whole run: parent peak {max(h for _, _, h, _ in EVENTS):,.0f} MB; tree peak RSS "
          f"{max((r for _, r, _ in SAMPLES), default=0):,.0f} MB, PSS {max((p for _, _, p in SAMPLES), default=0):,.0f} MB")
    print("\n  by process (sampled): pid, seen from-to s, peak RSS, PSS, private MB")
    for pid, (first, last, rss, pss, private) in BY_PID.items():
        if last - first >= 0.2 or pss > 100:
            print(f"    {pid:>8}{'(parent)' if pid == os.getpid() else '':>9}{first:>8.2f}{last:>8.2f}"
                  f"{rss:>9,.0f}{pss:>9,.0f}{private:>9,.0f}")
    if OPTIONS["inner"] and INNER_FILE.exists():
        print("\n  inner events (any process; window peak: that process's since its last event):")
        for line in INNER_FILE.read_text().splitlines():
            print("    " + line)
        INNER_FILE.unlink()
    for label, sizes in SIZES:
        print(f"\n  sizes {label}:")
        for key, value in sizes.items():
            print(f"    {key:<44}{value:>12,.1f}")
    for label, lines in TRACE:
        print(f"\n  tracemalloc {label}:")
        for line in lines:
            print("    " + line)


if __name__ == "__main__":
    gc.collect()
    main()
