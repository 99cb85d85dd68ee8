"""Python's cyclic garbage collector paused while a process loads what it keeps.

Importing a large package, or reading langdetect's 55 profiles into 87,598 entries,
makes hundreds of thousands of objects that all stay alive: each full collection the
growth triggers walks all of them again and frees nothing. Paused, GX's import in its
child costs 2.6 instead of 3.2 s of CPU and the profiles 0.29 instead of 0.40 s
(docs/measurements/gate2.md). Only around such loading: a run's own work makes
garbage cycles, and a long run must collect them.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector as it was after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
