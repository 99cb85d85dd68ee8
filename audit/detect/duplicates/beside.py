"""Half of a step in a fork of this process, on the core the run leaves idle (xwall).

duplicate.passage's own process (passage_apart) is the cross-article stage's critical
path: the run's process ends its other detectors about a second before it, then waits,
one core idle (docs/measurements/xwall.md). Its longest step after that point, settling
the seed groups (candidates.live_candidates), works on blocks of groups whose results are
a union, so half of the blocks can be settled in a child forked from that process; and
so can half of the candidate pairs' verification (passage._outcomes). The fork is cheap
there: that process holds only its own arrays (a few hundred MB, read, not written, by
the child), not the corpus. The child's result comes back pickled through a pipe.
If the fork or the child fails, its half is computed here: the result never depends on it.
"""

from __future__ import annotations

import os
import pickle
import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def in_two(here: Callable[[], T], there: Callable[[], U]) -> tuple[T, U]:
    """(here(), there()) with there() run in a forked child meanwhile, its result pickled
    back. Only for a process without threads (a fork copies none of them) whose child
    needs nothing but what it holds: it only computes, writes and exits."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no memory or processes left: both halves here
        os.close(read)
        os.close(write)
        return here(), there()
    if pid == 0:  # the child: no cleanup of the parent's objects (os._exit)
        os.close(read)
        code = 1
        try:
            data = pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        mine = here()
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:  # it failed: its half is computed here
        return mine, there()
    return mine, pickle.loads(data)
