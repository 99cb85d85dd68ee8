"""Ingest: paths in, RawRecords out, one per input article, lazily.

Every record that a file holds comes out, readable or not: an unreadable one carries
`error` and its raw content, so the run reports it and the gate quarantines it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from audit.errors import UsageError
from audit.ingest.readers import READERS, FieldMap, RawLine, read_file
from audit.model import RawRecord

__all__ = ["READERS", "FieldMap", "RawLine", "iter_records", "list_inputs"]


def list_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and folders (recursively) into the readable input files, sorted
    within a folder, each file once (the first place it is named).

    A path that does not exist is a usage error (exit 2); a folder with no readable
    file is one too, since auditing nothing is never what was meant.
    """
    if not paths:
        raise UsageError("no input given: name a file or folder")
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            found = _walk(path)
            if not found:
                exts = ", ".join(sorted(READERS))
                raise UsageError(f"{path}: folder holds no input file ({exts})")
            files.extend(found)
        elif path.suffix.lower() not in READERS:
            raise UsageError(f"{path}: unsupported format {path.suffix!r}" if path.suffix else
                             f"{path}: no file extension, so no format to read it by")
        else:
            files.append(path)
    if len(paths) == 1:  # one file, or one folder walked once (_walk): nothing twice
        return files
    # a file given twice, or with its folder, is read once: each file's real path (a
    # syscall or more a file, paid only where two paths are given)
    seen: set[str] = set()
    return [f for f in files if not ((real := os.path.realpath(f)) in seen or seen.add(real))]  # type: ignore[func-returns-value]


def _walk(folder: Path) -> list[Path]:
    """The input files under `folder`, sorted: linked folders followed (each real folder
    once, so a link loop ends), and a link to nothing kept, so that reading it says so
    (an unreadable record). pathlib's rglob (Python 3.11) skipped a linked folder's
    files and a dangling link without a word (a helper's review, twentieth session)."""
    found: list[Path] = []
    seen: set[str] = set()
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        seen.add(real)
        found.extend(Path(root, name) for name in files if Path(name).suffix.lower() in READERS)
    return sorted(found)


def iter_records(
    paths: Sequence[str | Path],
    fields: FieldMap | None = None,
    on_problem: Callable[[str], None] | None = None,
    lines: bool = False,
    files: Sequence[Path] | None = None,
) -> Iterator[RawRecord | RawLine]:
    """Yield every record of every input, reporting each problem as one line. With
    `lines`, JSONL lines come unparsed (RawLine): whoever parses them reports their
    problems (audit.detect.workers.run_per_article). `files`: list_inputs(paths), when
    the caller listed them already (a folder of a million files is walked once)."""
    fields = fields or FieldMap()
    for path in list_inputs(paths) if files is None else files:
        for record in read_file(path, fields, lines):
            if isinstance(record, RawLine):
                yield record
                continue
            if record.error and on_problem:
                on_problem(f"{record.source_uri}: {record.error}")
            yield record
