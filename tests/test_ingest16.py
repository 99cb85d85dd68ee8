"""A rerun's unchanged articles served cheaper (ingest16, issue 13): a kept line's Complete
also keeps its entry's findings, so an unchanged article with findings is served without
reading its entry (look_up). The outputs stay a cold run's."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

import audit
from audit.detect.cache import KNOWN_FILE
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
