"""The findings cache's files on a rerun (shares.md): what a run adds is a segment beside
each file, the files are written whole again only when the segments pass COMPACT_SHARE
of their rows, and a killed run's leftovers never change what is served."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from audit.detect.cache import (
    CACHE_FILE,
    COMPACT_SHARE,
    LARGE_FILE,
    MAX_SEGMENTS,
    FindingsCache,
    MappedEntries,
    open_findings_cache,
    segments_of,
)


def _add(cache: FindingsCache, start: int, count: int) -> None:
    """`count` entries and large values, as a run's misses would add them."""
    for i in range(start, start + count):
        cache.put_entry(f"B{i:05d}", {"digest": f'["finding {i}"]'})
        cache.put_value(f"L{i:05d}", f"large {i}", large=True)
    cache.misses += count


def _served(folder: Path, count: int) -> tuple[list[str | None], list[object]]:
    cache = open_findings_cache(folder)
    return ([cache.entries.get(f"B{i:05d}") for i in range(count)],
            cache.get_values([f"L{i:05d}" for i in range(count)]))


def _expected(count: int) -> tuple[list[str], list[str]]:
    return ([f'digest\x1e["finding {i}"]' for i in range(count)], [f"large {i}" for i in range(count)])


def test_a_rerun_adds_a_segment_and_leaves_the_files_as_they_were(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    _add(cache, 0, 100)
    cache.save()
    files = {name: (tmp_path / name).read_bytes() for name in (CACHE_FILE, LARGE_FILE)}
    assert not segments_of(tmp_path / CACHE_FILE) and not segments_of(tmp_path / LARGE_FILE)
    cache = open_findings_cache(tmp_path)
    _add(cache, 100, 10)
    cache.save()
    for name, content in files.items():  # not rewritten: 10 rows a segment, beside them
        assert (tmp_path / name).read_bytes() == content
        assert len(segments_of(tmp_path / name)) == 1
    assert _served(tmp_path, 111) == (_expected(110)[0] + [None], _expected(110)[1] + [None])
    cache = open_findings_cache(tmp_path)
    cache.save()  # nothing added: nothing written
    assert len(segments_of(tmp_path / CACHE_FILE)) == 1


def test_segments_past_the_share_are_compacted_into_the_files(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    _add(cache, 0, 100)
    cache.save()
    added = 100
    while len(segments_of(tmp_path / CACHE_FILE)) < 2:
        cache = open_findings_cache(tmp_path)
        _add(cache, added, 10)
        cache.save()
        added += 10
    cache = open_findings_cache(tmp_path)
    _add(cache, added, int(COMPACT_SHARE * 100))  # past the share with the two segments
    cache.save()
    added += int(COMPACT_SHARE * 100)
    assert not segments_of(tmp_path / CACHE_FILE) and not segments_of(tmp_path / LARGE_FILE)
    assert _served(tmp_path, added) == _expected(added)


def test_a_killed_runs_leftovers_serve_the_same(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    _add(cache, 0, 100)
    cache.save()
    cache = open_findings_cache(tmp_path)
    _add(cache, 100, 10)
    cache.save()
    kept = [tmp_path / "kept", tmp_path / "kept-large"]
    segments = [*segments_of(tmp_path / CACHE_FILE), *segments_of(tmp_path / LARGE_FILE)]
    for segment, copy in zip(segments, kept, strict=True):
        shutil.copy(segment, copy)
    cache = open_findings_cache(tmp_path)
    _add(cache, 110, 40)
    cache.save()  # compacted: the segments' rows are in the files now
    assert not segments_of(tmp_path / CACHE_FILE)
    for segment, copy in zip(segments, kept, strict=True):  # killed before they were removed
        copy.rename(segment)
    dead = 2 ** 22 + 1  # no such process: its temporaries are a killed run's
    while True:
        try:
            os.kill(dead, 0)
            dead += 1
        except ProcessLookupError:
            break
        except PermissionError:
            dead += 1
    stale = tmp_path / f".{CACHE_FILE}.new.tmp-{dead}-abcdef"
    stale.write_bytes(b"half a file")
    assert _served(tmp_path, 150) == _expected(150)
    assert not stale.exists()


def test_the_files_entries_are_read_from_the_mapped_files_a_later_segment_first(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    _add(cache, 0, 100)
    cache.save()
    cache = open_findings_cache(tmp_path)
    assert isinstance(cache.entries, MappedEntries) and len(cache.entries) == 100
    cache.put_entry("B00003", {"digest": '["grown"]'})  # an entry grown by a run: a segment's row
    cache.misses += 1
    cache.save()
    cache = open_findings_cache(tmp_path)
    assert cache.entries.get("B00003") == 'digest\x1e["grown"]' and len(cache.entries) == 100
    assert cache.entries.get("B00004") == 'digest\x1e["finding 4"]' and "B00100" not in cache.entries
    assert sorted(cache.entries) == [f"B{i:05d}" for i in range(100)]


def test_many_small_segments_are_compacted_too(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    _add(cache, 0, 1000)
    cache.save()
    for run in range(MAX_SEGMENTS):
        cache = open_findings_cache(tmp_path)
        _add(cache, 1000 + run, 1)
        cache.save()
        assert len(segments_of(tmp_path / CACHE_FILE)) == run + 1
    cache = open_findings_cache(tmp_path)
    _add(cache, 1000 + MAX_SEGMENTS, 1)
    cache.save()
    assert not segments_of(tmp_path / CACHE_FILE) and not segments_of(tmp_path / LARGE_FILE)
    assert _served(tmp_path, 1001 + MAX_SEGMENTS) == _expected(1001 + MAX_SEGMENTS)
