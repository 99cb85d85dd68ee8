"""Ingest: paths in, RawRecords out, one per input article, lazily.

Every record that a file holds comes out, readable or not: an unreadable one carries
`error` and its raw content, so the run reports it and the gate quarantines it.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from audit.errors import UsageError
from audit.ingest.compressed import (
    COMPRESSIONS,
    compressed_parquet,
    compression,
    format_suffix,
    missing_package,
)
from audit.ingest.readers import COMPRESSED_PARQUET, READERS, FieldMap, RawLine, read_file
from audit.model import RawRecord

__all__ = [
    "READERS",
    "FieldMap",
    "RawLine",
    "all_pages",
    "input_at_or_under",
    "input_folder_holding",
    "is_page",
    "iter_records",
    "list_inputs",
    "not_read_line",
]


def input_folder_holding(target: Path, paths: Sequence[str | Path]) -> Path | None:
    """The given input folder that `target` (an output: the run folder, the gate's files,
    an index) is in, by real paths, or None. The next run would read what is written
    there (findings.jsonl, articles.parquet, accepted.jsonl) as articles."""
    real = Path(os.path.realpath(target))
    for given in map(Path, paths):
        if given.is_dir() and Path(os.path.realpath(given)) in real.parents:
            return given
    return None


def input_at_or_under(target: Path, paths: Sequence[str | Path]) -> Path | None:
    """The given input that is `target` or inside it, by real paths, or None: what writing
    `target` (replacing it whole, or writing over it) would destroy."""
    real = Path(os.path.realpath(target))
    for given in map(Path, paths):
        mine = Path(os.path.realpath(given))
        if mine == real or real in mine.parents:
            return given
    return None


def list_inputs(paths: Sequence[str | Path], avoid: Path | None = None,
                not_read: dict[Path, list[str]] | None = None) -> list[Path]:
    """Expand files and folders (recursively) into the readable input files, sorted
    (a compressed one, `corpus.jsonl.gz`, `.bz2`, `.xz`, `.zst`, by the format inside it)
    within a folder; a file named twice, or with its folder, once (the first place).
    `not_read` gets, for each folder given, the files under it of no input format (a
    `.ndjson` or `.xml` of articles would otherwise be left out without a word).

    A path that does not exist is a usage error (exit 2); a folder with no readable
    file is one too, since auditing nothing is never what was meant; so is a linked
    folder that leads into `avoid` (the run's own folder: it would read its output).
    """
    if not paths:
        raise UsageError("no input given: name a file or folder")
    files: list[Path] = []
    named: set[str] = set()  # the files of no input format named so far (in `not_read`)
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            skipped: list[str] = []
            found = _walk(path, avoid, skipped)
            # a file under two folders given is named once
            if not_read is not None and (fresh := [n for n in skipped if n not in named]):
                not_read[path] = fresh
                named.update(fresh)
            if not found:
                exts = ", ".join(sorted(READERS))
                raise UsageError(f"{path}: folder holds no input file ({exts})")
            if (missing := next(filter(None, map(missing_package, found)), None)) is not None:
                raise UsageError(missing)
            files.extend(found)
        elif format_suffix(path) not in READERS:
            raise UsageError(_no_format(path))
        elif compressed_parquet(path):
            raise UsageError(f"{path}: {COMPRESSED_PARQUET}")
        elif (missing := missing_package(path)) is not None:
            raise UsageError(missing)
        else:
            files.append(path)
    if not _overlap(paths):  # one path, or paths apart: no file is named twice
        return files
    # a file given twice, or with its folder, is read once: each file's real path (a
    # syscall or more a file: 17 s for a million, paid only where the given paths overlap)
    seen: set[str] = set()
    return [f for f in files if not ((real := os.path.realpath(f)) in seen or seen.add(real))]  # type: ignore[func-returns-value]


# what a run folder holds (audit.pipeline writes them): an input folder holding one would read
# its findings.jsonl and articles.parquet as articles (1,703 rows of "no text field", a helper's
# review, twentieth session)
RUN_FOLDER_MARKS = frozenset({"summary.json", "findings.jsonl", "articles.parquet"})


def _overlap(paths: Sequence[str | Path]) -> bool:
    """Whether two given paths are one, or one is in the other (by real paths)."""
    reals = [Path(os.path.realpath(p)) for p in paths]
    given = set(reals)
    return len(given) < len(reals) or any(parent in given for real in reals for parent in real.parents)


def _walk(folder: Path, avoid: Path | None = None, skipped: list[str] | None = None) -> list[Path]:
    """The input files under `folder`, sorted: linked folders followed (each real folder
    once, so a link loop ends), and a link to nothing kept, so that reading it says so
    (an unreadable record). pathlib's rglob (Python 3.11) skipped a linked folder's
    files and a dangling link without a word (a helper's review, twentieth session)."""
    found: list[Path] = []
    seen: set[str] = set()
    shun = os.path.realpath(avoid) if avoid is not None else None
    for root, folders, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            folders[:] = []
            continue
        if shun is not None and (real == shun or real.startswith(shun + os.sep) or shun.startswith(real + os.sep)):
            raise UsageError(f"{root}: leads into the run folder {avoid} (or a folder holding it): the run "
                             "would read its own output")
        seen.add(real)
        if set(files) >= RUN_FOLDER_MARKS:  # a run's outputs, not articles
            raise UsageError(f"{root}: a run folder ({', '.join(sorted(RUN_FOLDER_MARKS))}) inside the input: "
                             "its files would be read as articles; move it out, or name the input files")
        found.extend(Path(root, name) for name in files if _readable(name))
        # (hidden files and folders, ".DS_Store", ".git/", are no one's articles)
        if skipped is not None and not any(part.startswith(".") for part in Path(os.path.relpath(root, folder)).parts):
            skipped.extend(os.path.join(root, name) for name in files
                           if not _readable(name) and not name.startswith("."))
    return sorted(found)


def _readable(name: str) -> bool:
    """Whether a file of this name is an input: a format a reader reads, maybe compressed
    (not a compressed Parquet file: list_inputs refuses one named, a folder's is not read)."""
    return format_suffix(name) in READERS and not compressed_parquet(name)


def _no_format(path: Path) -> str:
    """Why a named file is no input, in one line."""
    if compression(path) is not None:
        inner = format_suffix(path)
        return (f"{path}: unsupported format {inner!r} inside the {compression(path)} file" if inner else
                f"{path}: a {compression(path)} file with no format before {path.suffix!r} "
                f"(name it as its format, e.g. corpus.jsonl{path.suffix})")
    return (f"{path}: unsupported format {path.suffix!r}" if path.suffix else
            f"{path}: no file extension, so no format to read it by")


SHOWN_NOT_READ = 3  # file names a "not read" line shows


def not_read_line(folder: Path, names: Sequence[str]) -> str:
    """One line for the files under a folder given that no reader reads, by extension."""
    kinds = Counter(_kind(n) for n in names)
    shown = ", ".join(sorted(os.path.relpath(n, folder) for n in names)[:SHOWN_NOT_READ])
    more = f" and {len(names) - SHOWN_NOT_READ} more" if len(names) > SHOWN_NOT_READ else ""
    return (f"{folder}: {len(names)} file{'s' if len(names) > 1 else ''} not read, of no input format "
            f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items(), key=lambda kn: (-kn[1], kn[0])))}; read: "
            f"{' '.join(sorted(READERS))}, also compressed: {' '.join(COMPRESSIONS)}): {shown}{more}")


PAGE_FORMATS = frozenset({".html", ".htm", ".warc"})  # inputs whose records are pages to extract


def is_page(path: Path) -> bool:
    """Whether the input holds pages to extract (.html, .warc), the costliest records to make."""
    return format_suffix(path) in PAGE_FORMATS


def all_pages(files: Sequence[Path]) -> bool:
    """Whether every input holds pages to extract."""
    return bool(files) and all(map(is_page, files))


def _kind(name: str) -> str:
    """A file's extension for the "not read" line: ".gz" alone says nothing of what is in it."""
    path = Path(name)
    if compression(path) is not None:
        return (Path(path.stem).suffix.lower() + path.suffix.lower()) if format_suffix(path) else path.suffix.lower()
    return path.suffix.lower() or "no extension"


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
            if not isinstance(record, RawRecord):  # unmade (read_file's `lines`): its maker reports it
                yield record
                continue
            if record.error and on_problem:
                on_problem(f"{record.source_uri}: {record.error}")
            yield record
