"""The heap's new pages faulted in by a thread of their own, ahead of the run's allocations.

A 100,000-article rerun makes about 300 MB of article texts (2-4 KB strings, which
malloc takes from its brk heap) in the ingest stage alone, and the run's parent takes
each of their pages with a minor fault on first touch: 189,000 faults in the stage, its
main thread's 0.6-1.0 s of system time (docs/measurements/ingest5.md, known15.md). The
texts cannot be made later or elsewhere (the article table and the report read them all),
but their pages can be made earlier and elsewhere: malloc is told to grow its heap a pad
at a time (M_TOP_PAD), and a thread asks the kernel to populate what malloc has mapped
but not yet handed out (madvise MADV_POPULATE_WRITE: zero pages, no content changed),
on the core a rerun's parent leaves idle while its workers wait. The main thread then
finds its pages there: its faults in the ingest stage halve (docs/measurements/known15.md).

Used by the command line (audit.cli's run) and in the processes a run makes itself (GX's
child: `malloc_grows_ahead`): malloc's options are the process's, and a program calling
the Python API keeps its own. Linux 5.14+ with glibc only; elsewhere,
or if a call fails, nothing is done. Setting
M_TOP_PAD turns glibc's dynamic mmap threshold off, so the threshold is set to where the
dynamic one ends (32 MB, trimming at twice that), so blocks the run frees and makes again
(numpy arrays, long lists) keep coming from the heap, not from fresh mappings.
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PAD = 32 << 20  # malloc's heap grows this much ahead of what it hands out
EVERY = 0.01  # seconds between looks at the heap's end: the texts come at ~150 MB/s, so
# the pad lasts 0.2 s; rarer looks take the GIL from the main thread less often
_M_TRIM_THRESHOLD, _M_TOP_PAD, _M_MMAP_THRESHOLD = -1, -2, -3  # glibc's mallopt
_MMAP_THRESHOLD = 32 << 20  # glibc's DEFAULT_MMAP_THRESHOLD_MAX on 64-bit
_MADV_POPULATE_WRITE = 23  # Linux 5.14
_PAGE = 4096


def _libc() -> ctypes.CDLL | None:
    """glibc, with the three calls typed; None where it is not this process's C library."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.gnu_get_libc_version  # noqa: B018 (glibc only: musl has no such call)
        libc.sbrk.restype = ctypes.c_void_p
        libc.sbrk.argtypes = [ctypes.c_long]
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    except (OSError, AttributeError):
        return None
    return libc


def populate(libc: ctypes.CDLL, done: int) -> int:
    """The heap's stretch from `done` to its end (sbrk(0)) populated; that end returned,
    or -1 on a kernel without the advice (EINVAL). A stretch the heap gave back meanwhile
    fails (ENOMEM): skipped, harmless."""
    end = libc.sbrk(0) or 0
    if (end > done and libc.madvise(done, end - done, _MADV_POPULATE_WRITE) != 0
            and ctypes.get_errno() == 22):  # EINVAL: an older kernel
        return -1
    return end


def _populate(libc: ctypes.CDLL, stop: threading.Event) -> None:
    """Until `stop`: each new stretch of the heap populated once."""
    done = (libc.sbrk(0) or 0) // _PAGE * _PAGE
    while not stop.wait(EVERY) and done >= 0:
        done = populate(libc, done)


def grows_ahead(libc: ctypes.CDLL) -> bool:
    """malloc told to grow its heap PAD ahead (see the module); whether it took all three."""
    return bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
                and libc.mallopt(_M_TRIM_THRESHOLD, 2 * _MMAP_THRESHOLD)
                and libc.mallopt(_M_TOP_PAD, PAD))


def malloc_grows_ahead() -> bool:
    """This process's malloc told to grow its heap ahead and keep what it frees, as
    `pages_ahead` tells it, without the thread: for the processes the run makes itself.
    GX's child (forked before the command line sets the run's) frees and makes again its
    frame's filtered copies, tens of MB each, once per metric: with glibc's defaults each
    was a fresh mapping, 0.4-0.6 s of system time in a 100,000-article rerun, 0.2-0.3 s so
    (docs/measurements.md, nineteenth session). Whether it took (see `grows_ahead`)."""
    libc = _libc()
    return libc is not None and grows_ahead(libc)


@contextmanager
def pages_ahead() -> Iterator[None]:
    """Inside the block, the heap's pages are faulted in by a thread (see the module);
    after it the thread ends (malloc keeps its settings: they only say how it grows)."""
    libc = _libc()
    if libc is None or not grows_ahead(libc):
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(target=_populate, args=(libc, stop), name="heap-pages", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
