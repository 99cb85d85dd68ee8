"""A rerun's ingest stage made cheaper (ingest3.md): the workers parse the JSONL lines and
name the records, the shares stay in the cache until taken (shares.md); the outputs stay a cold run's."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

import audit
from audit.detect import workers as workers_module
from audit.detect.cache import (
    ENTRY,
    KEPT,
    ShareSource,
    cache_key,
    entry_text,
    kept_shares,
    open_findings_cache,
    parse_entry,
)
from audit.detect.saved import drop_shares
from audit.ingest import RawLine, iter_records
from tests.test_known import _parsed
from tests.test_rerun import _outputs, _records, _write

TWO = {"on_problem": None, "data_docs": False, "workers": 2, "batch_size": 5}


def _awkward(records: list[dict]) -> list[str]:
    """The records as lines, with ids repeated in one batch and across batches, records
    with no id, and lines that are not records (bad JSON, an array, a missing text)."""
    records = [dict(r) for r in records]
    for n in (0, 1, 2, 7):  # findings of their own (mojibake), to be told apart by id
        records[n]["text"] += f" The cafÃ© number {n} reopened."
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[1] = json.dumps({**records[1], "id": records[0]["id"]})  # in the same batch of 5
    lines[7] = json.dumps({**records[7], "id": records[2]["id"]})  # a batch later
    lines[12] = json.dumps({k: v for k, v in records[12].items() if k != "id"})  # named by its line
    lines[13] = json.dumps({**records[13], "id": f"{records[0]['id']}\x1f2"})  # a provisional name
    lines.insert(9, '{"id": "broken", "text": ')
    lines.insert(16, '["a list"]')
    lines.insert(18, '{"id": "no-text"}')
    return lines


@pytest.mark.parametrize("known_lines", [False, True])
def test_a_rerun_whose_workers_parse_and_name_the_records_gives_a_cold_runs_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, known_lines: bool) -> None:
    """Without known lines (audit.normalise.known: a run whose first input is not a JSONL
    line), the workers parse and name a rerun's lines; with them (every JSONL run with a
    kept cache), the known lines are made in the parent and only the others are parsed,
    there too. Either way the outputs and ids are a cold run's."""
    if not known_lines:
        monkeypatch.setattr(workers_module._Keeper, "start_known", lambda self, fields: None)
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(_awkward(records)) + "\n", encoding="utf-8")
    edited = [dict(r) for r in records]
    edited[3]["text"] += " An edited sentence at the end."
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(_awkward(edited)) + "\n\n", encoding="utf-8")
    sent = _parsed(monkeypatch)
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **TWO)
    assert not any(isinstance(item, RawLine) for item in sent)  # a cold run parses here
    before = len(sent)
    warm = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **TWO)
    if known_lines:  # the edited line and the three unreadable ones, parsed here
        assert len(sent) - before == 4 and not any(isinstance(item, RawLine) for item in sent)
    else:
        assert sum(isinstance(item, RawLine) for item in sent) == len(warm.articles)
    cold = audit.run([second], out=tmp_path / "c", cache=None, **TWO)
    assert warm.summary["findings_cache"]["hits"] > 0
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")
    assert warm.problems == cold.problems and len(cold.problems) == 3
    ids = [a.article_id for a in warm.articles]
    assert ids == [a.article_id for a in cold.articles] and len(set(ids)) == len(ids)
    assert sum(1 for i in ids if i.startswith(records[0]["id"])) == 3
    found = [json.loads(line) for line in (tmp_path / "b" / "findings.jsonl").read_text().splitlines()]
    assert len({f["article_id"] for f in found if "Ã©" in (f["excerpt"] or "")}) == 4


def test_iter_records_gives_lines_that_parse_to_its_records(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_awkward(_records())) + "\n", encoding="utf-8")
    told: list[str] = []
    parsed = list(iter_records([path], on_problem=told.append))
    lines = list(iter_records([path], on_problem=told.append, lines=True))
    assert len(told) == 3  # the lines' problems are told by whoever parses them
    assert all(isinstance(line, RawLine) for line in lines)
    assert [line.record() for line in lines] == parsed  # type: ignore[union-attr]


def test_a_kept_share_is_read_and_parsed_only_when_taken(tmp_path: Path) -> None:
    source = _write(_records(), tmp_path / "in.jsonl")
    audit.run([source], out=tmp_path / "cold", cache=tmp_path / "cache", **TWO)
    cache = open_findings_cache(tmp_path / "cache")
    entry = parse_entry(next(iter(cache.entries.values())))
    texts = [v for v in entry.values() if isinstance(v, str)]
    assert any(json.loads(t).get("items") is not None for t in texts if t.startswith("{"))
    half = "0" * 32
    cache.entries[ENTRY + half] = entry_text({"small": '{"items": [["p", 0, 5]]}', "found": "[]"})
    cache.entries[cache_key("large", half)] = '"packed"'
    where = ShareSource(cache, {"boilerplate": ("small", False), "duplicate_passage": ("large", True),
                                "duplicate_exact": ("none", False)})
    shares = kept_shares(("boilerplate", "duplicate_passage", "duplicate_exact"), half, where, {"x": 1})
    assert dict(shares) == {"x": 1, "boilerplate": KEPT, "duplicate_passage": KEPT, "duplicate_exact": KEPT}
    assert pickle.loads(pickle.dumps(shares)) == {"x": 1}  # a worker's trip: never the cache
    assert shares.get("boilerplate") == {"items": [["p", 0, 5]]} == shares["boilerplate"]
    assert shares.pop("boilerplate", None) == {"items": [["p", 0, 5]]}
    assert shares.pop("boilerplate", None) is None and shares["duplicate_passage"] == "packed"
    assert shares.pop("duplicate_exact", None) is None  # the entry lacks it: made again by its step
    drop_shares([SimpleNamespace(prepared=shares)], "duplicate_passage")  # dropped unread
    assert shares.pop("duplicate_passage", None) is None and dict(shares) == {"x": 1}
