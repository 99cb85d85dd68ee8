"""The rerun's ingest and detect stages, per unchanged article (rhead, issue 13): a known
line's text read by orjson is the string json's scanner reads there, on every kind of
line text_at places; duplicate.near run in the run's process beside passage's own
process copies and compares no article's columns, and its error is still contained."""

from __future__ import annotations

import json
import re
from json.decoder import scanstring

import pytest
from test_apart import _Fake, _near_setting_then_failing
from test_passage_apart import _passage_jobs

from audit.detect import APART, registry, run_detectors, workers
from audit.detect.workers import start_apart
from audit.ingest import FieldMap, RawLine
from audit.normalise import known
from audit.normalise.known import decoded, own_text, text_at
from audit.suite import load_suite

LINES = [  # (the line, whether orjson reads it: else json's scanner does)
    (json.dumps({"id": "a", "title": 'He said "text": "no"', "text": "Caf\u00e9 \"quoted\"\nline\ttab \\ end"},
                ensure_ascii=False), True),
    (json.dumps({"id": "b", "text": "escaped: caf\u00e9 \u2014 \U0001f600 dash"}), True),  # \\u escapes, a pair
    ('{"text": "first value", "id": "c", "text": "the second value wins"}', True),  # named twice
    ('{"text": "a string", "id": "d", "text": 12}', False),  # the last one is no string
    ('{"id": "e", "score": NaN, "text": "json reads NaN, orjson does not"}', False),
    ('{"id": "f", "text": "a lone surrogate \\ud800 here"}', False),
    ('{"id": "f2", "title": "a lone low one \\udc00", "text": "elsewhere"}', False),
    ("\ufeff" + json.dumps({"id": "g", "text": "behind a byte order mark"}), False),
    ('{"id": "h", "big": 123456789012345678901234567890, "text": "a big number before"}', True),
]


@pytest.mark.parametrize(("line", "fast"), LINES)
def test_a_known_lines_text_is_the_string_json_reads_there(
        line: str, fast: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = (line + "\n").encode("utf-8")
    whole = decoded(raw)
    value = json.loads(whole)["text"]  # the record's text, where text_at places it (else the first)
    at = text_at(raw, "text", value) if isinstance(value, str) else None
    at = at if at is not None else next(m.end() for m in re.finditer(r'"text":\s*"', whole))
    expected = scanstring(whole, at)[0]
    item = RawLine("in.jsonl#line=1", raw, FieldMap())
    assert own_text(item, at) == expected
    if fast:  # read without json's scanner
        monkeypatch.setattr(known, "scanstring", lambda *_: pytest.fail("scanned"))
        assert own_text(item, at) == expected


def test_text_at_and_own_text_agree_on_a_field_named_twice() -> None:
    raw = LINES[2][0].encode()
    at = text_at(raw, "text", "the second value wins")
    assert at is not None
    assert own_text(RawLine("x#line=1", raw, FieldMap()), at) == "the second value wins"


def test_near_here_beside_passages_process_copies_no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real pair, passage in its own process: near's columns are set on the run's own
    articles, so none is copied before it runs nor compared after (base: _run_apart's
    `before` and `_changed` over every article)."""
    suite, pair = load_suite("news"), [d for d in registry() if d.name in APART]
    expected = run_detectors(_passage_jobs()[0][1], suite, detectors=pair)
    monkeypatch.setattr(workers, "_changed", lambda *_: pytest.fail("columns compared"))
    got = run_detectors(_passage_jobs()[0][1], suite, detectors=pair, apart=start_apart)
    assert got.findings == expected.findings
    assert {f.check for f in got.findings} == {"duplicate.near", "duplicate.passage"}


def test_an_error_of_near_beside_passages_process_is_contained() -> None:
    jobs = _passage_jobs()
    jobs[0] = (_Fake(APART[0], _near_setting_then_failing), jobs[0][1], {})
    found, seconds, failed = start_apart(jobs)()
    assert failed == {APART[0]: "ValueError: near failed late"}
    assert APART[0] not in found and APART[1] in found
    assert set(seconds) == set(APART)
    assert {f.check for f in found[APART[1]]} == {"duplicate.passage"}  # it went on (its own clusters)


def test_the_cross_article_stage_sets_off_no_collection_and_leaves_the_collector_as_it_was() -> None:
    """A rerun's steps load a million objects that stay alive (their saved states): the
    collections their growth set off walked them for nothing (rhead.md). None now, the
    collector enabled again after, and what the stage kept frozen until the corpus is."""
    import gc

    suite = load_suite("news")
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    articles = _passage_jobs()[0][1] * 40  # enough allocations for young collections
    gc.callbacks.append(count)
    try:
        assert gc.isenabled()
        got = run_detectors(articles, suite, apart=start_apart)
    finally:
        gc.callbacks.remove(count)
    assert got.findings
    assert collections == []
    assert gc.isenabled() and gc.get_freeze_count() == 0
