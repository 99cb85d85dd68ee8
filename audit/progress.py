"""Progress of a long run, on stderr: a rich bar per stage on a terminal, plain lines
elsewhere (logs of a scheduler), nothing with `--quiet`.

A stage is a context manager that is advanced by a number of articles (or steps);
the bar shows the rate and, when the total is known, the ETA. Plain lines come at
most every `every` seconds, so a log of a million-article run stays short.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol


class Advance(Protocol):
    def __call__(self, done: int = 1) -> None: ...


@dataclass
class Progress:
    """Where progress goes: "bar" (rich), "lines" (plain stderr lines) or "none"."""

    mode: str = "none"
    every: float = 5.0  # seconds between plain lines
    _bars: Any = field(default=None, repr=False)

    @contextmanager
    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> Iterator[Advance]:
        if self.mode == "bar":
            with self._rich_stage(name, total, unit) as advance:
                yield advance
        elif self.mode == "lines":
            with self._plain_stage(name, total, unit) as advance:
                yield advance
        else:
            yield lambda done=1: None

    @contextmanager
    def _rich_stage(self, name: str, total: int | None, unit: str) -> Iterator[Advance]:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as Bars

        columns = [TextColumn("{task.description:<22}"), BarColumn(), MofNCompleteColumn(),
                   TaskProgressColumn(), TextColumn("{task.fields[rate]}"),
                   TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
        clock = time.perf_counter()
        # no refresh thread: workers are forked while a stage is open (audit.detect.workers)
        with Bars(*columns, console=Console(stderr=True), auto_refresh=False) as bars:
            task = bars.add_task(name, total=total, rate="")

            def advance(done: int = 1) -> None:
                bars.advance(task, done)
                finished = bars.tasks[0].completed
                spent = time.perf_counter() - clock
                rate = f"{finished / spent:,.0f} {unit}/s" if spent > 0 and unit == "articles" else ""
                bars.update(task, rate=rate, refresh=True)

            bars.refresh()
            yield advance
            if total is None:
                bars.update(task, total=bars.tasks[0].completed)
            bars.refresh()

    @contextmanager
    def _plain_stage(self, name: str, total: int | None, unit: str) -> Iterator[Advance]:
        clock = last = time.perf_counter()
        done_so_far = 0

        def line(final: bool) -> None:
            spent = time.perf_counter() - clock
            rate = done_so_far / spent if spent > 0 else 0.0
            of = f"/{total}" if total is not None else ""
            eta = ""
            if not final and total and rate > 0:
                eta = f", ETA {max(0.0, (total - done_so_far) / rate):.0f} s"
            state = f"done in {spent:.1f} s" if final else f"{spent:.0f} s{eta}"
            print(f"corpus-audit: {name}: {done_so_far}{of} {unit}, {rate:,.0f}/s, {state}",
                  file=sys.stderr, flush=True)

        def advance(done: int = 1) -> None:
            nonlocal done_so_far, last
            done_so_far += done
            if time.perf_counter() - last >= self.every:
                last = time.perf_counter()
                line(final=False)

        yield advance
        line(final=True)


def make_progress(quiet: bool = False) -> Progress:
    """Bars on a terminal, plain lines when stderr is not one, nothing when quiet."""
    if quiet:
        return Progress("none")
    return Progress("bar" if sys.stderr.isatty() else "lines")


def count_if_over(files: Sequence[Path], limit: int) -> int | None:
    """The inputs' record count when it is over `limit`, else None: for a run that did not
    count them whole (--quiet counts only up to the batch plan's "small"; the ETA leaves large
    compressed inputs uncounted), so that an input
    over the suite's max_records fails at once, not at its first record over the limit
    after that many records' work (340 s at 1,000,000 lines over 500,000). Counting reads
    every line (about 0.1 s a 100,000 of them), so it is made only when an estimate reaches
    half the limit: a JSONL file's size at the line length of its first megabyte, plus what
    count_records knows without reading (a file a record, Parquet's metadata). A nightly
    rerun of 100,000 articles under the 500,000 default never pays it; an input whose first
    lines are much longer than the rest may be estimated under and fail late, as before."""
    from audit.ingest.compressed import compression, format_suffix

    estimate = 0.0
    for path in files:
        if format_suffix(path) == ".jsonl":
            try:
                size = path.stat().st_size
                if compression(path) is None:
                    with path.open("rb") as fh:
                        head = fh.read(1 << 20)
                    estimate += size * max(head.count(b"\n"), 1) / max(len(head), 1)
                else:
                    estimate += _compressed_lines(path, size)
            except OSError:  # the reader says what is wrong with it
                continue
        else:
            estimate += count_records([path], limit) or 0
    if estimate < limit / 2:
        return None
    total = count_records(files, compressed=True)
    return total if total is not None and total > limit else None


COMPRESSED_SAMPLE = 1 << 20  # compressed bytes decompressed to estimate a compressed file's lines


def _compressed_lines(path: Path, size: int) -> float:
    """A compressed JSONL file's lines: counted in its first COMPRESSED_SAMPLE bytes of
    compressed data (all of them, exact, when the file is no larger), scaled to its size by
    what the decompressor took (a small file read ahead whole said "the lines of its first
    megabyte": 5,897 for 60,000, a helper's review)."""
    from audit.ingest.compressed import open_input

    lines = 0
    with open_input(path) as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            lines += block.count(b"\n")
            if fh.raw.consumed >= COMPRESSED_SAMPLE:
                return size * max(lines, 1) / fh.raw.consumed
    return float(lines)


COUNT_COMPRESSED_MAX = 16 << 20  # bytes of a compressed JSONL file counted whole for an ETA (gzip: 0.1 s, bzip2: 1-2 s)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # the reader says what is wrong with it
        return 0


def count_records(files: Sequence[Path], stop_at: int | None = None, *, compressed: bool = False) -> int | None:
    """How many records the inputs hold, when cheap to know (for the ETA), else None.

    JSONL: its non-blank lines; .txt/.html: one per file; .parquet: its metadata.
    CSV and JSON need parsing to count, so their totals are unknown; so are inputs whose
    compressed JSONL files together pass COUNT_COMPRESSED_MAX (its lines are known only by
    decompressing all of it: a GB of bzip2 is a minute before the run starts), unless
    `compressed` (count_if_over: a file that may hold more than the limit is counted). With
    `stop_at`, counting stops once the total reaches it (the batch size only needs to know
    whether the input is small; audit.detect.workers.batch_size_for).
    """
    from audit.ingest.compressed import compressed_parquet, compression, format_suffix, open_input

    if stop_at is None and not compressed and sum(
            _size(p) for p in files if compression(p) is not None and format_suffix(p) == ".jsonl") > COUNT_COMPRESSED_MAX:
        return None  # (the inputs' compressed JSONL together: a folder of 1,000 shards of 15 MB too)
    total = 0
    for path in files:
        suffix = format_suffix(path)
        if suffix == ".jsonl":
            try:
                with open_input(path) as fh:
                    for line in fh:
                        if line.strip():
                            total += 1
                            if stop_at is not None and total >= stop_at:
                                return total
            except OSError:  # a dangling link, a file gone, data cut short (DamagedInput): one
                total += 1  # unreadable record more, which the reader says
        elif suffix in (".txt", ".html", ".htm"):
            total += 1
        elif suffix == ".parquet" and not compressed_parquet(path):
            import pyarrow.parquet as pq

            try:
                total += pq.ParquetFile(path).metadata.num_rows
            except Exception:  # unreadable: the reader reports it; the total stays a guess
                return None
        else:
            return None
        if stop_at is not None and total >= stop_at:
            return total
    return total
