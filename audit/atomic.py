"""Outputs that are whole or absent: written under a temporary name, then renamed.

A run or a gate killed at any moment (SIGKILL, a full disk, a closed laptop) must leave
the last good outputs as they were, never half a file where a scheduler expects one.
Every output is written to `.<name>.tmp-<pid>-<random>` in the folder it belongs in
(a rename is atomic only inside one file system) and renamed into place when complete.
Temporary names carry the writer's process id, so the next run removes those of dead
writers (`clean_stale`) and leaves a concurrent writer's alone.

Files and folders are made with the user's umask (plain `open`/`os.mkdir`, not
`tempfile`, whose 0600 files and 0700 folders made `reports/latest/` private).
"""

from __future__ import annotations

import bz2
import contextlib
import ctypes
import fcntl
import gzip
import io
import lzma
import os
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

LEGACY_GRACE_SECONDS = 3600  # `.latest.xxxx` of older versions (no pid): stale after an hour
_RENAME_EXCHANGE = 2  # renameat2 flag (Linux >= 3.15): swap two paths atomically
_AT_FDCWD = -100


def temp_name(target: Path, kind: str = "tmp") -> Path:
    """A hidden sibling of `target` naming this process: `.articles.jsonl.tmp-4242-a1b2c3`."""
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:6]}")


_HELD: set[int] = set()  # this process's lock descriptors (writing): a forked child closes its copies


def _close_held() -> None:
    """In a forked child: its copies of the locks' descriptors closed. A flock belongs to
    the open file, which a fork shares: a worker orphaned by a killed run kept the --out
    folder locked until it ended (a helper's fork audit)."""
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


os.register_at_fork(after_in_child=_close_held)


@contextlib.contextmanager
def writing(target: Path, flag: str) -> Iterator[None]:
    """Hold `target`'s lock (`.NAME.lock` beside it, its links resolved) while a run writes
    it. Two runs into one --out both ended "done", and the folder held the last one's
    outputs (a helper's review, twentieth session): the second now stops at once with one
    line. flock: released when the holder ends, however it ends, so a killed run leaves no
    lock to clear; taken on a read-only descriptor, so another user's run can take the lock
    file a first user made. Where the filesystem locks nothing (NFS without a lock daemon,
    some FUSE mounts: ENOLCK, EOPNOTSUPP) or the lock file cannot be opened, the run goes on
    unlocked, as before the lock was there."""
    real = Path(os.path.realpath(target))
    real.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(real.with_name(f".{real.name}.lock"), os.O_RDONLY | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    _HELD.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            from audit.errors import UsageError

            raise UsageError(f"{target}: another run is writing it ({flag}); try again when it ends") from None
        except OSError:
            pass  # no locking here: unlocked, as before
        yield
    finally:
        _HELD.discard(fd)
        os.close(fd)


def final_name(folder: Path) -> str:
    """The name `folder` will have: the target's of a temp_name, else its own."""
    made = _TEMP.match(folder.name)
    return made["name"] if made else folder.name


@contextlib.contextmanager
def atomic_files(*targets: str | Path, encoding: str = "utf-8") -> Iterator[list[IO[str]]]:
    """Write text files under temporary names; they replace the targets only when all are
    whole (written and synced), renamed one right after another at the end. A target named
    `.gz`, `.bz2`, `.xz` or `.zst` is written compressed so (a gate's `--accepted
    ok.jsonl.gz`: what a pipeline that reads compressed corpora reads next)."""
    paths = [Path(t) for t in targets]
    partials = [temp_name(p) for p in paths]
    handles: list[IO[str]] = []
    raws: list[IO[bytes]] = []  # each handle's file (itself, when not compressed)
    try:
        for path, partial in zip(paths, partials, strict=True):
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, raw = _text_writer(partial, path, encoding)
            handles.append(handle)
            raws.append(raw)
        yield handles
        for fh, raw in zip(handles, raws, strict=True):
            if fh is not raw:  # the compressor's end (gzip's trailer) written, its file left open
                fh.close()
            raw.flush()
            os.fsync(raw.fileno())
            raw.close()
        for path, partial in zip(paths, partials, strict=True):
            partial.replace(path)
    except BaseException:
        for fh, raw in zip(handles, raws, strict=False):
            for handle in (fh, raw):  # a compressor's close writes (and may fail as the write did)
                with contextlib.suppress(OSError, ValueError):
                    handle.close()
        for partial in partials:
            partial.unlink(missing_ok=True)
        raise


def _text_writer(partial: Path, target: Path, encoding: str) -> tuple[IO[str], IO[Any]]:
    """A text handle on `partial`, compressed as `target`'s name says, and the file under it
    (the handle itself when plain). The compressors are given the open file, which they
    leave open at their close, so that it can be synced after their last bytes."""
    from audit.ingest.compressed import compression

    kind = compression(target)
    if kind is None:
        handle = partial.open("x", encoding=encoding)
        return handle, handle
    raw = partial.open("xb")
    packed: Any
    if kind == "gzip":
        # no temp name, no time: the same bytes each run; level 6 as gzip(1)'s (9: twice the CPU)
        packed = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=6)
    elif kind == "bz2":
        packed = bz2.BZ2File(raw, "wb")
    elif kind == "xz":
        packed = lzma.LZMAFile(raw, "wb")  # noqa: SIM115 (closed by atomic_files)
    else:
        import zstandard

        packed = zstandard.ZstdCompressor(write_checksum=True).stream_writer(raw, closefd=False)  # as zstd(1)
    return io.TextIOWrapper(packed, encoding=encoding), raw


def file_in_the_way(path: Path) -> Path | None:
    """The file (not folder) at `path`'s place or above it that stops a folder being made
    there, or None: `--out notes.txt/run` or `--cache corpus.jsonl` raised mkdir's
    NotADirectoryError or FileExistsError as a traceback, not a usage error."""
    for part in (path, *path.parents):
        if part.exists():
            return None if part.is_dir() else part
    return None


def check_replaceable(path: Path, mark: str, what: str, option: str) -> None:
    """A UsageError unless `path` is a folder a writer may replace whole: missing (and no
    file above it), empty, or one such a writer made (it holds `mark`). `what` names such
    a folder ("run folder"), `option` the option that gave the path. A helper's review
    (twentieth session) found `--out corpus` replaced the user's corpus with the run, and
    `--save-index corpus.jsonl` the input with an index."""
    from audit.errors import UsageError

    blocked = file_in_the_way(path)
    if blocked == path:
        raise UsageError(f"{path}: a file, not a {what}: not replaced; give {option} a folder")
    if blocked is not None:
        raise UsageError(f"{path}: cannot make the {what} there ({blocked} is a file)")
    if path.is_dir() and not (path / mark).is_file() and any(path.iterdir()):
        raise UsageError(f"{path}: a folder that is not a {what} (no {mark}): not replaced; "
                         f"give {option} a new or empty folder, or an earlier {what}")


def make_work_dir(out_dir: Path) -> Path:
    """An empty folder beside `out_dir` to build the next run in (user's umask)."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    work = temp_name(out_dir)
    work.mkdir()
    return work


def replace_dir(work: Path, out_dir: Path) -> None:
    """Put the finished run `work` at `out_dir`; the previous run goes only once it is.

    On Linux the two folders are swapped in one step (renameat2 RENAME_EXCHANGE), so
    there is no moment without `out_dir`; elsewhere the old one is first moved aside
    (`clean_stale` puts it back if the process dies between the two renames).
    """
    if not out_dir.exists():
        work.rename(out_dir)
        return
    if _exchange(work, out_dir):
        shutil.rmtree(work, ignore_errors=True)  # now holds the previous run
        return
    old = temp_name(out_dir, "old")
    out_dir.rename(old)
    work.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return done == 0


_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<kind>tmp|old)-(?P<pid>\d+)-[0-9a-f]{6}$")


def clean_stale(target: Path) -> list[Path]:
    """Remove what killed writers of `target` left beside it; return what was removed.

    A temporary of a live process is left alone. When `target` is missing but a dead
    writer's `old` copy is there, that copy is the last good output: it is put back.
    Temporary folders of older versions (`.latest.k3j2h1`, no pid) go once an hour old.
    """
    parent = target.parent
    if not parent.is_dir():
        return []
    removed: list[Path] = []
    for path in sorted(parent.iterdir(), key=_mtime, reverse=True):
        match = _TEMP.match(path.name)
        if match and match["name"] == target.name:
            if _alive(int(match["pid"])):
                continue
            if match["kind"] == "old" and not target.exists():
                path.rename(target)  # died between the two renames: the old run comes back
                continue
        elif not _legacy_temp(path, target):
            continue
        _remove(path)
        removed.append(path)
    return removed


_RUN_PARTS = {"data_docs", "articles.parquet", "findings.jsonl", "index.html", "summary.json"}


def _legacy_temp(path: Path, target: Path) -> bool:
    """`tempfile.mkdtemp(prefix=".latest.")` folders of versions before pids were named:
    8 random characters, holding nothing but parts of a run (never a user's own folder)."""
    prefix = f".{target.name}."
    if not (path.name.startswith(prefix) and re.fullmatch(r"[a-z0-9_]{8}", path.name[len(prefix):])
            and path.is_dir() and time.time() - _mtime(path) > LEGACY_GRACE_SECONDS):
        return False
    return {child.name for child in path.iterdir()} <= _RUN_PARTS


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
