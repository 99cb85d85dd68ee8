"""The command line's first step, for `corpus-audit` and `python -m audit` alike.

A command that validates on pandas (`run`, `gate`) forks Great Expectations' child
first, before the CLI imports typer and parses its options: GX's import, the critical
path of a small run, starts 0.1 s earlier (audit.validate.child.fork_early; issue 13).
This module imports nothing else, so that the fork comes first.
"""

import os
import sys
from collections.abc import MutableMapping

# Set for the command line's processes (process_defaults), unless the user set them. As
# environment variables, read by pyarrow and OpenBLAS when they start, they reach the
# processes the run forks or spawns (GX's child, the workers, duplicate.passage's) too.
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"
BLAS_THREADS_VARIABLE = "OPENBLAS_NUM_THREADS"


def process_defaults(environ: MutableMapping[str, str], platform: str = sys.platform,
                     machine: str | None = None) -> None:
    """The command line's process settings (the Python API leaves its caller's as they are):

    - Arrow's memory from jemalloc instead of pyarrow's default mimalloc (Linux, x86-64). pyarrow's
      mimalloc asks for transparent huge pages, so a fresh stretch of its heap costs the
      kernel 2 MB of zeroing at first touch; the run's Arrow memory (pandas' str columns,
      articles.parquet's writing, GX's frame) is mostly fresh, and a 100,000-article rerun
      spent 5-6 s of system time, a quarter of its CPU, zeroing pages. With jemalloc:
      2.6-3.7 s, and 9.0-9.9 s of wall against 10.3-10.6 s in one window, less apart in
      others (docs/measurements.md, eighteenth session). Linux on x86-64 only (`machine`:
      os.uname()'s): where it was measured, and where pyarrow's builds have jemalloc
      (elsewhere it may not, and pyarrow would warn about the name; on arm64, kernels with
      64 KB pages are common, and a jemalloc is built for one page size).
    - numpy's OpenBLAS on one thread: its pool's threads spin after a BLAS call (0.15 s of
      CPU a 100,000-article rerun, in the run's process and passage's, under `perf`), on
      cores the run's own processes use; nothing here needs BLAS on several threads."""
    machine = os.uname().machine if machine is None and hasattr(os, "uname") else machine
    if platform.startswith("linux") and (machine or "").lower() in ("x86_64", "amd64"):
        environ.setdefault(ARROW_POOL_VARIABLE, "jemalloc")
    environ.setdefault(BLAS_THREADS_VARIABLE, "1")


def main() -> None:
    process_defaults(os.environ)  # before pandas' import (fork_early) loads pyarrow and numpy
    from audit.validate.child import fork_early

    fork_early(sys.argv[1:])
    from audit.cli import entry  # after the fork, on purpose

    entry()
