"""A rerun's ingest stage, fifth pass (ingest5, issue 13): a batch whose few lines are new
or changed normalises them in the parent (no worker round trip), served complete entries
checked in line, and a JSONL line that is not UTF-8 in a run with a cache (its text is not
served from the line: it was text_at that decoded it as UTF-8, and raised). The outputs
must be a `--no-cache` run's, with and without workers, bad records told and accounted for."""

from __future__ import annotations

import gc
import json
import os
from pathlib import Path

import pytest

import audit
from audit.detect import workers as workers_module
from tests.test_known import TWO
from tests.test_rerun import _outputs, _records

BATCHES_OF_20 = {**TWO, "batch_size": 20}
BATCHES_OF_14 = {**TWO, "batch_size": 14}  # 28 records: two batches, one edited line each


def _bad_lines(records: list[dict]) -> list[bytes]:
    """The articles' lines with unreadable records between them, and a cp1252 one."""
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    cp1252 = json.dumps({"id": "cp", "text": "Caf\u00e9 cr\u00e8me, \u2019quoted\u2019 in a cp1252 line. " * 4},
                        ensure_ascii=False).encode("cp1252")
    bad = [b"not json at all", b"\x00\x01 binary", b"[1, 2]", b'{"id": "nt", "title": "no text"}',
           b"   ", cp1252, b"\xef\xbb\xbf" + lines[3], b'{"id": "e", "text": ""}', b'{"id": "cut", "text": "cu']
    for at, line in zip(range(2, 2 + 3 * len(bad), 3), bad, strict=True):
        lines.insert(at, line)
    return lines


_HERE: list[tuple[int, list[str]]] = []  # the batches normalise_batch was called for, here
_REAL = workers_module.normalise_batch


def _normalise_batch(numbered, *args):  # type: ignore[no-untyped-def]
    """normalise_batch, noting its records (a module's function: a worker's trip pickles it)."""
    _HERE.append((os.getpid(), [item.record_id for _, _, item in numbered]))
    return _REAL(numbered, *args)


def _problems(folder: Path) -> list[str]:
    lines = [json.loads(line) for line in (folder / "findings.jsonl").read_text().splitlines()]
    return sorted(f["message"] for f in lines if f["check"] == "ingest.unreadable")


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_records_and_a_cp1252_line_with_a_cache_give_the_no_cache_outputs(
        tmp_path: Path, workers: int) -> None:
    records = _records()
    lines = _bad_lines(records)
    first = tmp_path / "first.jsonl"
    first.write_bytes(b"\n".join(lines) + b"\n")
    edited = list(lines)
    edited[0] = json.dumps({**records[0], "text": records[0]["text"] + " An edited sentence."}).encode()
    edited[2] = b'{"id": "fixed", "text": "Not JSON before, an article now, with a few words in it."}'
    second = tmp_path / "second.jsonl"
    second.write_bytes(b"\n".join(edited) + b"\n")
    options = {**BATCHES_OF_20, "workers": workers}
    for name, source, unreadable in (("first", first, 6), ("second", second, 5)):
        told: dict[str, list[str]] = {"cache": [], "none": []}
        for kind, cache in (("cache", tmp_path / "cache"), ("none", None)):
            audit.run([source], out=tmp_path / f"{name}-{kind}", cache=cache,  # raised on the cp1252 line
                      **{**options, "on_problem": told[kind].append})
        assert _outputs(tmp_path / f"{name}-cache") == _outputs(tmp_path / f"{name}-none")
        assert told["cache"] == told["none"] and len(told["cache"]) == unreadable
        assert len(_problems(tmp_path / f"{name}-cache")) == unreadable  # accounted for
    again = audit.run([second], out=tmp_path / "again", cache=tmp_path / "cache", **options)
    assert again.summary["findings_cache"]["misses"] == 0
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "second-none")


def test_a_reruns_few_changed_lines_are_normalised_in_the_parent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    edited = [dict(r) for r in records]
    edited[9]["text"] += " An edited sentence."
    edited[21]["text"] += " Another edited sentence."
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(json.dumps(r) for r in edited) + "\n", encoding="utf-8")
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **BATCHES_OF_14)
    _HERE.clear()
    monkeypatch.setattr(workers_module, "normalise_batch", _normalise_batch)
    audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **BATCHES_OF_14)
    # a worker's calls are in its own memory: those listed here ran in this process
    assert [(os.getpid(), ["art-9"]), (os.getpid(), ["art-21"])] == _HERE
    audit.run([second], out=tmp_path / "c", cache=None, **BATCHES_OF_14)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")


_FLAGS: list[Path] = []  # where a worker writes whether its collector runs (set before the fork)
_REAL_DETECT = workers_module.detect_batch


def _detect_batch(*args):  # type: ignore[no-untyped-def]
    """detect_batch, noting in the file whether the worker's collector runs."""
    with _FLAGS[0].open("a") as fh:
        fh.write(f"{gc.isenabled()}\n")
    return _REAL_DETECT(*args)


def test_a_reruns_workers_collect_though_the_parent_paused_its_collector(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stage pauses the parent's collector while it makes the known lines' articles;
    the workers forked meanwhile must not inherit the pause."""
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    edited = [dict(r) for r in records]
    edited[9]["text"] += " An edited sentence."
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(json.dumps(r) for r in edited) + "\n", encoding="utf-8")
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **BATCHES_OF_14)
    _FLAGS[:] = [tmp_path / "flags"]
    monkeypatch.setattr(workers_module, "detect_batch", _detect_batch)
    audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **BATCHES_OF_14)
    assert gc.isenabled()
    assert (tmp_path / "flags").read_text().split() == ["True"]  # the edited article's batch
