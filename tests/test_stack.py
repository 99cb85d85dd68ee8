"""audit.stack: a call on a reserved stretch of CPython's frame stack (gh-142183)."""

from __future__ import annotations

import resource
import sys
import types

import pytest

from audit.stack import reserved

CALLS = 2_000  # calls at one depth: a chunk's end costs at least a page fault each


def _small() -> None:
    pass


# A frame larger than a step of _faults_at's recursion (100 empty slots), so that some
# depth leaves less room than it needs at a chunk's end, whatever the depth below.
_leaf = types.FunctionType(_small.__code__.replace(
    co_varnames=tuple(f"slot{i}" for i in range(100)), co_nlocals=100), {})


def _faults_at(depth: int) -> int:
    """Page faults of CALLS calls made `depth` frames below here."""
    if depth:
        return _faults_at(depth - 1)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(CALLS):
        _leaf()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def _worst_depth(depths: range) -> tuple[int, int]:
    """The depth whose calls faulted most, and how often."""
    return max((_faults_at(d), d) for d in depths)[::-1]


def test_reserved_passes_arguments_and_results_and_errors() -> None:
    assert reserved(divmod, 17, 5) == (3, 2)
    assert reserved(lambda: "plain") == "plain"
    with pytest.raises(ZeroDivisionError):
        reserved(divmod, 1, 0)


@pytest.mark.skipif(sys.implementation.name != "cpython", reason="CPython's frame stack")
def test_no_depth_under_reserved_thrashes_a_chunk() -> None:
    depths = range(0, 300, 1)
    depth, faults = _worst_depth(depths)
    if faults < CALLS // 2:
        pytest.skip("no depth here maps a chunk per call (this CPython keeps one aside)")
    # the same calls, now under the reserved frame: no depth up to 300 frames below it
    # crosses a chunk's end
    depth, faults = reserved(_worst_depth, depths)
    assert faults < CALLS // 10, (depth, faults)
    # a reserved call under another: its frame cannot share the outer one's chunk either
    depth, faults = reserved(reserved, _worst_depth, depths)
    assert faults < CALLS // 10, (depth, faults)
