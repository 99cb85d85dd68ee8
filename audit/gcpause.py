"""Python's cyclic garbage collector paused while a process loads what it keeps.

Importing a large package, or reading langdetect's 55 profiles into 87,598 entries,
makes hundreds of thousands of objects that all stay alive: each full collection the
growth triggers walks all of them again and frees nothing. Paused, GX's import in its
child costs 2.6 instead of 3.2 s of CPU and the profiles 0.29 instead of 0.40 s
(docs/measurements/gate2.md). Only around such loading: a run's own work makes
garbage cycles, and a long run must collect them.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache


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


_FREEZES = [0]  # frozen_heap blocks open in this process (gc.get_freeze_count walks the heap)


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Collections inside the block skip every object made before it (gc.freeze): the
    cross-article step of a 20,000-article run allocates little, yet its first full
    collection walked the whole corpus (0.3-0.4 s of the parent's CPU, in whichever
    detector it fell: provenance.missing's 0.41 s on a rerun). The objects are given back
    to the collector after the outermost block (a nested one, start_apart's around its
    fork, leaves them frozen)."""
    gc.freeze()
    _FREEZES[0] += 1
    try:
        yield
    finally:
        _FREEZES[0] -= 1
        if not _FREEZES[0]:
            gc.unfreeze()


def release_freed() -> None:
    """Give the system back the pages of memory this process freed (glibc's malloc_trim;
    nothing where the C library has no such call). Python keeps what it frees in its heap
    for its next allocations: after the cross-article detectors took the workers' shares
    (900 MB at 100,000 articles), that heap stayed resident to the end of the run, and
    beside duplicate.passage's forked child, the pages the parent had written since the
    fork counted twice (docs/measurements/mem6.md). Called where much was just freed and
    little is allocated next: 0.05 s at 20,000 articles."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None
