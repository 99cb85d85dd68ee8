"""A rerun's unchanged articles served cheaper (ingest16, issue 13): a kept line's Complete
also keeps its entry's findings, so an unchanged article with findings is served without
reading its entry (look_up); and a worker tells the parent which kept Completes' entries and
large rows the cache lacks (`_unheld_rows`), so the parent stops probing them one by one.
The outputs stay a cold run's."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

import audit
from audit.detect import workers as workers_module
from audit.detect.cache import ENTRY, KNOWN_FILE, open_findings_cache
from audit.normalise.known import complete_of
from tests.test_ingest4 import _looked_up, _write
from tests.test_known import TWO
from tests.test_rerun import _outputs, _records


def _completes(cache: Path) -> list[tuple]:
    return [complete_of(line) for line in marshal.loads((cache / KNOWN_FILE).read_bytes())[2].values()]


def test_an_unchanged_article_with_findings_is_served_from_its_complete(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write(tmp_path / "in.jsonl", _records())
    cache = tmp_path / "cache"
    audit.run([source], out=tmp_path / "a", cache=cache, **TWO)
    assert all(c is None or len(c) == 3 for c in _completes(cache))  # the cold run: none found
    looked = _looked_up(monkeypatch)
    first = audit.run([source], out=tmp_path / "b", cache=cache, **TWO)
    assert looked  # those with findings, read in full once
    with_findings = [c for c in _completes(cache) if c is not None and len(c) == 4]
    assert len(with_findings) == len(looked)
    assert all(c[3] and all(isinstance(v, list) and v for v in c[3].values()) for c in with_findings)
    looked.clear()
    again = audit.run([source], out=tmp_path / "c", cache=cache, **TWO)
    assert looked == []  # every article served from its Complete
    assert again.summary["findings_cache"] == {**first.summary["findings_cache"]}
    audit.run([source], out=tmp_path / "d", cache=None, **TWO)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c") == _outputs(tmp_path / "d")


def test_unheld_rows_names_the_completes_whose_entry_or_large_row_is_gone(tmp_path: Path) -> None:
    source = _write(tmp_path / "in.jsonl", _records())
    cache = tmp_path / "cache"
    audit.run([source], out=tmp_path / "a", cache=cache, **TWO)
    audit.run([source], out=tmp_path / "b", cache=cache, **TWO)
    opened = open_findings_cache(cache)
    halves = [c[0] for c in map(complete_of, opened.known.values()) if c is not None]
    digests = sorted({key[:-len(halves[0])] for key in opened.large_rows})
    assert halves and len(digests) == 2  # near's and passage's rows
    known = dict(opened.known)
    lost = ("0" * len(halves[0]), "None", "en")
    known["gone"] = (*next(iter(known.values()))[:15], lost)
    partial = halves[0]  # its entry stays, one of its large rows goes
    del opened.large_rows[digests[0] + partial]
    assert ENTRY + partial in opened.entries
    workers_module._HELD_CHECK = (known, opened, digests)
    try:
        no_entry, no_row = workers_module._unheld_rows()
    finally:
        workers_module._HELD_CHECK = None
    assert no_entry == {lost[0]}
    assert no_row[digests[0]] == {lost[0], partial}
    assert no_row[digests[1]] == {lost[0]}


def _all_lacking() -> tuple[set[str], dict[str, set[str]]]:
    """A worker's answer that every kept Complete's entry is gone (run in the worker)."""
    assert workers_module._HELD_CHECK is not None
    return {c[0] for c in map(complete_of, workers_module._HELD_CHECK[0].values()) if c}, {}


def test_the_parent_serves_by_the_workers_answer_or_checks_each_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = _write(tmp_path / "in.jsonl", _records())
    cache = tmp_path / "cache"
    audit.run([source], out=tmp_path / "a", cache=cache, **TWO)
    audit.run([source], out=tmp_path / "b", cache=cache, **TWO)
    answers: list[object] = []
    real = workers_module._Keeper.unheld

    def waited(self):  # type: ignore[no-untyped-def]
        if self.unheld_rows is not None:  # the answer before the first batch, every time
            self.unheld_rows.exception()
        answers.append(real(self))
        return answers[-1]

    monkeypatch.setattr(workers_module._Keeper, "unheld", waited)
    served = audit.run([source], out=tmp_path / "c", cache=cache, **TWO)
    assert answers and all(a is not None and not a[0] for a in answers)  # all held, told
    # a worker that says every entry is lacking: each key is probed as before, same outputs
    monkeypatch.setattr(workers_module, "_unheld_rows", _all_lacking)
    answers.clear()
    checked = audit.run([source], out=tmp_path / "d", cache=cache, **TWO)
    assert answers and all(a is not None and a[0] for a in answers)
    assert checked.summary["findings_cache"] == served.summary["findings_cache"]
    assert checked.summary["findings_cache"]["misses"] == 0
    audit.run([source], out=tmp_path / "e", cache=None, **TWO)
    assert _outputs(tmp_path / "c") == _outputs(tmp_path / "d") == _outputs(tmp_path / "e")
