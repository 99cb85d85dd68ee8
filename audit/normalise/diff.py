"""difflib-shaped opcodes in time that does not grow with the square of the length.

difflib's SequenceMatcher (and one LCS table over two whole texts) costs the square
of the length: on 2,000 one-paragraph articles, diffing each mojibake line with its
ftfy repair took 64 of 115 s (issue 13), and rapidfuzz's LCS on a 96k-character line
takes 1.6 s and 600 MB. Small pairs go to rapidfuzz's LCS (Indel, in C) whole; long
pairs are walked: equal stretches skipped by comparing slices, each difference aligned
by the same LCS on a window from where it starts. Used by the encoding repairs
(characters) and by the report's cluster diffs (words).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import Indel

Opcode = tuple[str, int, int, int, int]  # difflib's shape: tag, i1, i2, j1, j2
MAX_CELLS = 4_000_000  # len(a) * len(b) up to which one LCS runs over the whole pair
WINDOW = 512  # items of each side aligned at once (a repaired stretch is far shorter)
_PREFIX_STEP = 64


def opcodes(a: Sequence[Any], b: Sequence[Any]) -> list[Opcode]:
    """Opcodes from a to b as difflib gives them (adjacent changes in one block)."""
    if len(a) * len(b) <= MAX_CELLS:
        return _merged([tuple(op) for op in Indel.opcodes(a, b)])  # type: ignore[misc]
    return windowed_opcodes(a, b)


def windowed_opcodes(a: Sequence[Any], b: Sequence[Any], window: int = WINDOW) -> list[Opcode]:
    """Opcodes in time linear in the length, for texts that differ in short stretches.

    Only each window's first half is kept (alignment near a cut edge is unsure); the
    walk resumes at the last equal block that starts there. A difference longer than
    half a window is still found, in pieces, but may be aligned less well than a
    whole-text LCS would.
    """
    ops: list[Opcode] = []
    i = j = 0
    while True:
        same = _common_prefix(a, b, i, j)
        if same:
            ops.append(("equal", i, i + same, j, j + same))
            i, j = i + same, j + same
        if i == len(a) and j == len(b):
            break
        end_a, end_b = min(len(a), i + window), min(len(b), j + window)
        aligned = Indel.opcodes(a[i:end_a], b[j:end_b])
        if end_a == len(a) and end_b == len(b):
            cut_a, cut_b = end_a - i, end_b - j
        else:
            cut_a, cut_b = _resume_at(aligned, window // 2, end_a - i, end_b - j)
        ops.extend((op.tag, i + op.src_start, i + op.src_end, j + op.dest_start,
                    j + op.dest_end) for op in aligned
                   if op.src_end <= cut_a and op.dest_end <= cut_b)
        i, j = i + cut_a, j + cut_b
    return _merged(ops)


def _resume_at(aligned: Any, half: int, size_a: int, size_b: int) -> tuple[int, int]:
    """The start of the last equal block in the window's first half; else of the first
    equal block further on; else the end of the window (nothing in common)."""
    equal = [op for op in aligned if op.tag == "equal" and op.src_start + op.dest_start > 0]
    early = [op for op in equal if op.src_start <= half and op.dest_start <= half]
    if early:
        return early[-1].src_start, early[-1].dest_start
    if equal:
        return equal[0].src_start, equal[0].dest_start
    return size_a, size_b


def _common_prefix(a: Sequence[Any], b: Sequence[Any], i: int, j: int) -> int:
    """How many items a[i:] and b[j:] share at their start (slices, not an item loop)."""
    same = 0
    step = _PREFIX_STEP
    while step:
        if (i + same + step <= len(a) and j + same + step <= len(b)
                and a[i + same: i + same + step] == b[j + same: j + same + step]):
            same += step
        else:
            step //= 2
    return same


def _merged(ops: list[Opcode]) -> list[Opcode]:
    """Adjacent blocks of one kind (equal, or any change) joined; empty blocks dropped."""
    out: list[Opcode] = []
    for tag, i1, i2, j1, j2 in ops:
        if i1 == i2 and j1 == j2:
            continue
        change = tag != "equal"
        if out and (out[-1][0] != "equal") == change:
            _, p1, _, q1, _ = out[-1]
            out[-1] = (_change_tag(p1, i2, q1, j2) if change else "equal", p1, i2, q1, j2)
        else:
            out.append((_change_tag(i1, i2, j1, j2) if change else "equal", i1, i2, j1, j2))
    return out


def _change_tag(i1: int, i2: int, j1: int, j2: int) -> str:
    return "delete" if j1 == j2 else "insert" if i1 == i2 else "replace"
