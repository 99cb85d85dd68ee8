"""A lone surrogate escape in JSON ("\\ud83d" of an emoji cut in two, as scraped tweets hold
them) is valid JSON whose string no UTF-8 writer takes: the run crashed at its end and wrote
nothing, losing every record. The readers replace it with U+FFFD, say so (ingest.fault), and
hygiene.encoding reports the lost character; a cached rerun gives the same outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import audit
from audit.ingest.readers import LONE_SURROGATE_FAULT, FieldMap, read_file
from tests.test_known import TWO
from tests.test_rerun import _outputs, _records

CUT_EMOJI = '{"id": "tweet", "title": "Cut \\ud83d", "text": "A post that ended in an emoji cut in two \\ud83d and went on. ' \
            'Then more words of the post, so that it reads as an article would."}'
PAIR = '{"id": "pair", "text": "A whole emoji \\ud83d\\ude00 escaped as a pair is one character."}'


def _lines(tmp_path: Path) -> Path:
    lines = [json.dumps(r) for r in _records()[:6]] + [CUT_EMOJI, PAIR]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_lone_surrogate_is_replaced_and_told_a_pair_is_left_alone(tmp_path: Path) -> None:
    records = {r.record_id: r for r in read_file(_lines(tmp_path), FieldMap())}
    cut, pair = records["tweet"], records["pair"]
    assert cut.error is None and cut.fault == LONE_SURROGATE_FAULT
    assert "two \ufffd and" in cut.text and cut.fields["title"] == "Cut \ufffd"
    assert pair.fault is None and "\U0001f600" in pair.text


def test_a_json_array_record_with_a_lone_surrogate_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(f"[{CUT_EMOJI}, {PAIR}]", encoding="utf-8")
    cut, pair = read_file(path, FieldMap())
    assert cut.fault == LONE_SURROGATE_FAULT and "\ufffd" in cut.text and pair.fault is None


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_with_a_lone_surrogate_writes_everything_cached_or_not(tmp_path: Path, workers: int) -> None:
    source = _lines(tmp_path)
    options = {**TWO, "workers": workers}
    cold = audit.run([source], out=tmp_path / "cold", cache=tmp_path / "cache", **options)
    again = audit.run([source], out=tmp_path / "again", cache=tmp_path / "cache", **options)
    audit.run([source], out=tmp_path / "none", cache=None, **options)
    assert again.summary["findings_cache"]["misses"] == 0
    assert _outputs(tmp_path / "cold") == _outputs(tmp_path / "none") == _outputs(tmp_path / "again")
    assert len(cold.articles) == 8
    found = [json.loads(line) for line in (tmp_path / "none" / "findings.jsonl").read_text().splitlines()]
    tweet = {(f["check"], f["excerpt"]) for f in found if f["article_id"] == "tweet"}
    assert ("ingest.fault", "") in tweet
    assert any(check == "hygiene.encoding" and "\ufffd" in excerpt for check, excerpt in tweet)
