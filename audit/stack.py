"""A call run on a reserved stretch of CPython's frame stack (CPython issue gh-142183).

CPython keeps a thread's Python frames in chunks of 16 KB and frees a chunk as soon as
the frame at its start returns (3.13 and 3.14 got a fix in 2026: one chunk kept aside;
3.11 and 3.12 did not). Code that keeps calling at the depth where a chunk ends then
maps a fresh chunk and unmaps it on every such call: a system call each way and the
page faults of fresh memory between. Great Expectations' import in its child process
(audit.validate.child) did it 44,600 times a run, by strace, and took 1.2-1.35 s instead
of 0.8 s; nothing else of a run came near (the workers, passage's process and the run's
own threads: 13 to 250 chunks each). Which depth thrashes depends on every frame below
it, so no depth of our own choosing is safe: `reserved` runs the call under a frame of
16,500 empty local slots (132 KB). A frame larger than 128 KB fits in no chunk that holds
another such frame, so CPython puts it at the start of a fresh chunk of 256 KB (a
`reserved` call under another too), and everything the call does deeper than that frame
fits in the 127 KB the chunk has left (hundreds of frames) without crossing a chunk's end.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
SLOTS = 16_500  # 8-byte slots: 132 KB, more than 128 KB by itself, so its chunk is 256 KB


def reserved(call: Callable[..., T], *args: Any) -> T:
    """`call(*args)`, on a reserved stretch of the frame stack where CPython has chunks
    (plainly elsewhere: PyPy, or an interpreter whose code objects refuse the slots)."""
    holder = _holder()
    return holder(call, *args) if holder is not None else call(*args)


def _run(call: Callable[..., Any], *args: Any) -> Any:
    return call(*args)


@lru_cache(maxsize=1)
def _holder() -> Callable[..., Any] | None:
    """`_run` with SLOTS more local variables in its code: the same call, a larger frame."""
    if sys.implementation.name != "cpython":
        return None
    code = _run.__code__
    try:
        names = code.co_varnames + tuple(f"_slot{i}" for i in range(SLOTS))
        return types.FunctionType(code.replace(co_varnames=names, co_nlocals=len(names)),
                                  _run.__globals__, "reserved_run")
    except (TypeError, ValueError):  # another interpreter's code objects
        return None
