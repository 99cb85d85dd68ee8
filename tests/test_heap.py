"""audit.heap: the heap's new pages are faulted in by its thread, not by the allocating one.

Each case runs in a fresh interpreter (a heap of its own): it allocates 48 MB of 3 KB
strings, the size of article texts, and counts its main thread's minor faults meanwhile."""

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
    import contextlib, sys, time
    from audit.heap import pages_ahead

    def faults():
        return int(open("/proc/thread-self/stat").read().rsplit(")", 1)[1].split()[7])

    with pages_ahead() if sys.argv[1] == "ahead" else contextlib.nullcontext():
        kept = []
        before = faults()
        for block in range(16):  # 3 MB at a time, the populating thread given a moment
            kept.extend(bytes([block]) * 3000 + bytes(i % 7) for i in range(1000))
            time.sleep(0.03)
        print(faults() - before)
""")


def _faults(mode: str) -> int:
    done = subprocess.run([sys.executable, "-c", _CASE, mode], capture_output=True, text=True,
                          check=True, timeout=120,
                          cwd=Path(audit.__file__).parents[1])  # this tree's audit
    return int(done.stdout)


def test_the_allocating_thread_takes_fewer_faults() -> None:
    plain, ahead = _faults("plain"), _faults("ahead")
    assert plain > 8000  # 48 MB of new pages: one fault a 4 KB page
    assert ahead < plain / 4


def test_the_thread_ends_with_the_block() -> None:
    with pages_ahead():
        assert any(t.name == "heap-pages" for t in threading.enumerate())
    assert not any(t.name == "heap-pages" for t in threading.enumerate())
