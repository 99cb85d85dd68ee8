"""Known lines, format 2 (ingest4, issue 13): a kept line remembers whether its article's
findings-cache entry was complete with no findings (audit.normalise.known.Complete), so a
rerun serves the unchanged article without reading its entry (look_up). The outputs must
be a cold run's; a Complete made for other detectors, another date or language, or an
entry no longer there is never served; a format-1 file still reads."""

from __future__ import annotations

import json
import marshal
from datetime import date
from pathlib import Path

import pytest

import audit
from audit.detect import workers as workers_module
from audit.detect.cache import KNOWN_FILE, KNOWN_FORMAT, open_findings_cache
from audit.normalise.known import complete_of
from tests.test_known import TWO, _lines, _parsed
from tests.test_rerun import _outputs, _records


def _looked_up(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles the runs from now on look up in their entries (look_up)."""
    ids: list[str] = []
    real = workers_module.look_up

    def spy(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        ids.append(article.article_id)
        return real(article, *args, **kwargs)

    monkeypatch.setattr(workers_module, "look_up", spy)
    return ids


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    return path


def _kept(cache: Path) -> tuple:
    return marshal.loads((cache / KNOWN_FILE).read_bytes())


def test_a_rerun_serves_complete_entries_unread_and_gives_a_cold_runs_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()
    first = _write(tmp_path / "first.jsonl", records)
    edited = [dict(r) for r in records]
    edited[9]["text"] += " An edited sentence."
    second = _write(tmp_path / "second.jsonl", edited)
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **TWO)
    form, _, lines, order = _kept(tmp_path / "cache")
    assert form == KNOWN_FORMAT == 2 and order
    complete = [line for line in lines.values() if complete_of(line) is not None]
    assert len(complete) >= len(records) // 2  # the cold run kept them: most find nothing
    looked = _looked_up(monkeypatch)
    warm = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **TWO)
    # those with findings; not the edited one (new: its language is found first, then detected)
    edited_complete = [complete_of(line) is not None for line in lines.values() if line[0] == "art-9"]
    assert "art-9" not in looked
    assert len(looked) == len(records) - len(complete) - (edited_complete == [False])
    cold = audit.run([second], out=tmp_path / "c", cache=None, **TWO)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")
    assert warm.summary["findings_cache"]["misses"] > 0  # the edited article
    before = warm.summary["findings_cache"]["hits"]
    again = audit.run([second], out=tmp_path / "d", cache=tmp_path / "cache", **TWO)
    assert again.summary["findings_cache"]["misses"] == 0
    assert again.summary["findings_cache"]["hits"] > before  # counted as look_up counts them
    assert _outputs(tmp_path / "d") == _outputs(tmp_path / "c")
    assert [a.article_id for a in again.articles] == [a.article_id for a in cold.articles]


def test_a_complete_is_not_served_for_other_detectors_another_date_or_a_lost_entry(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()
    source = _write(tmp_path / "in.jsonl", records)
    cache = tmp_path / "cache"
    audit.run([source], out=tmp_path / "a", cache=cache, **TWO)
    form, context, lines, order = _kept(cache)
    looked = _looked_up(monkeypatch)
    # made for other detectors: every article looked up, the Completes made again
    (cache / KNOWN_FILE).write_bytes(marshal.dumps((form, context, lines, "other digests")))
    audit.run([source], out=tmp_path / "b", cache=cache, **TWO)
    assert len(looked) == len(records)
    assert _kept(cache)[3] == order
    # another run date: the dates of May 2025 are in the future on 2025-05-12, set aside,
    # so those articles' keys are not the kept ones
    early = date(2025, 5, 12)
    audit.run([source], out=tmp_path / "c", cache=cache, run_date=early, **TWO)
    cold = audit.run([source], out=tmp_path / "d", cache=None, run_date=early, **TWO)
    assert any(a.published_set_aside is not None for a in cold.articles)
    assert _outputs(tmp_path / "c") == _outputs(tmp_path / "d")
    # the findings cache lost: nothing served from a Complete
    for path in cache.glob("findings*.arrow"):
        path.unlink()
    looked.clear()
    lost = audit.run([source], out=tmp_path / "e", cache=cache, **TWO)
    assert len(looked) == len(records)
    assert lost.summary["findings_cache"]["misses"] > len(records)  # the entries made again
    audit.run([source], out=tmp_path / "f", cache=None, **TWO)
    assert _outputs(tmp_path / "e") == _outputs(tmp_path / "f") == _outputs(tmp_path / "b")


def test_a_format_1_file_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file as the last version wrote it: (1, context, lines of 15 values)."""
    records = _records()
    source = _write(tmp_path / "in.jsonl", records)
    cache = tmp_path / "cache"
    audit.run([source], out=tmp_path / "a", cache=cache, **TWO)
    _, context, lines, _ = _kept(cache)
    old = {sha: line[:15] for sha, line in lines.items()}
    (cache / KNOWN_FILE).write_bytes(marshal.dumps((1, context, old)))
    opened = open_findings_cache(cache)
    assert opened.known == old and opened.known_context == context and opened.known_order is None
    parsed = _parsed(monkeypatch)
    looked = _looked_up(monkeypatch)
    audit.run([source], out=tmp_path / "b", cache=cache, **TWO)
    assert parsed == [] and len(looked) == len(records)  # its lines served, entries looked up
    assert _kept(cache)[0] == 2 and any(complete_of(line) for line in _kept(cache)[2].values())
    audit.run([source], out=tmp_path / "c", cache=None, **TWO)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")
    assert json.loads((tmp_path / "b" / "findings.jsonl").read_text().splitlines()[0])
