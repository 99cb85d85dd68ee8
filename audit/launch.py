"""The command line's first step, for `corpus-audit` and `python -m audit` alike.

A command that validates on pandas (`run`, `gate`) forks Great Expectations' child
first, before the CLI imports typer and parses its options: GX's import, the critical
path of a small run, starts 0.1 s earlier (audit.validate.child.fork_early; issue 13).
This module imports nothing else, so that the fork comes first.
"""

import os
import sys
from collections.abc import MutableMapping

# Arrow's allocator for the command line's processes (arrow_pool). The environment
# variable, read by pyarrow when it first allocates, reaches the processes the run
# forks or spawns (GX's child, the workers, duplicate.passage's process) as well.
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


def arrow_pool(environ: MutableMapping[str, str], platform: str = sys.platform) -> None:
    """Arrow's memory from jemalloc instead of pyarrow's default mimalloc, on Linux, unless
    the user chose a pool. Why: pyarrow's mimalloc asks for transparent huge pages, so a
    fresh stretch of its heap costs the kernel 2 MB of zeroing at first touch; the run's
    Arrow memory (pandas' str columns, articles.parquet's writing, GX's frame) is mostly
    fresh, and a 100,000-article rerun spent 5-6 s of system time, a quarter of its CPU,
    zeroing pages. With jemalloc: 2.6-3.7 s, and 8.99-9.85 s of wall against 10.29-10.63 s
    (docs/measurements.md, eighteenth session). Linux only: pyarrow's Linux builds have
    jemalloc (elsewhere it may not, and pyarrow would warn about the name); the Python API
    leaves its caller's process as it is."""
    if platform.startswith("linux"):
        environ.setdefault(ARROW_POOL_VARIABLE, "jemalloc")


def main() -> None:
    arrow_pool(os.environ)  # before pandas' import (fork_early) loads pyarrow
    from audit.validate.child import fork_early

    fork_early(sys.argv[1:])
    from audit.cli import entry  # after the fork, on purpose

    entry()
