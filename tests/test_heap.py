"""audit.heap: the heap's new pages are faulted in ahead, not by the allocating thread.

Each case runs in a fresh interpreter (a heap of its own): it allocates 16 MB of 3 KB
strings, the size of article texts, and counts its thread's minor faults meanwhile. The
populating is called here once, not by pages_ahead's thread, so the count does not
depend on when that thread gets a core (on a loaded host it falls behind: less gain,
never a wrong result)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import audit
from audit.heap import _libc, pages_ahead

pytestmark = pytest.mark.skipif(_libc() is None, reason="glibc on Linux only")

_CASE = textwrap.dedent("""
    import sys
    from audit.heap import PAD, _libc, malloc_grows_ahead, populate

    def faults():
        return int(open("/proc/thread-self/stat").read().rsplit(")", 1)[1].split()[7])

    libc, kept = _libc(), []
    if sys.argv[1] == "ahead":
        assert malloc_grows_ahead()  # grows_ahead on this process's glibc
        start = libc.sbrk(0)
        while libc.sbrk(0) == start:  # until malloc grows its heap: by PAD now
            kept.append(bytes(3000) + bytes(len(kept) % 7))
        assert libc.sbrk(0) - start >= PAD
        assert populate(libc, start // 4096 * 4096) == libc.sbrk(0)
    before = faults()
    kept.extend(bytes([i % 251]) * 3000 + bytes(i % 7) for i in range(5000))  # 15 MB < PAD
    print(faults() - before)
""")


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _CASE, mode], capture_output=True, text=True,
                          check=True, timeout=120,
                          cwd=Path(audit.__file__).parents[1])  # this tree's audit
    return int(done.stdout)


def test_pages_populated_ahead_take_no_fault_when_used() -> None:
    plain, ahead = _faults("plain"), _faults("ahead")
    assert plain > 3500  # 15 MB of new pages: one fault a 4 KB page
    assert ahead < plain / 10


def test_the_thread_ends_with_the_block() -> None:
    with pages_ahead():
        assert any(t.name == "heap-pages" for t in threading.enumerate())
    assert not any(t.name == "heap-pages" for t in threading.enumerate())
