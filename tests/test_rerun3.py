"""The rerun's parent made cheaper (rerun3.md): the same records, counts, lookups and cache."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import audit
from audit.detect.cache import CACHE_FILE, FindingsCache, open_findings_cache
from audit.ingest.readers import FieldMap, _from_mapping, _with_encoding, read_jsonl
from audit.pipeline import signal_counts
from audit.suite import load_suite, signal_column
from tests.test_rerun import FAST, _outputs, _records, _write


def test_a_jsonl_record_gets_its_codec_and_faults_as_with_encoding_gave_them(tmp_path: Path) -> None:
    """A cp1252 line (a guessed codec: a decoding fault) whose title is a list (a field
    fault): read_jsonl now makes the record at once; the fields, their order and the
    joined fault are what _with_encoding(_from_mapping(...)) made."""
    obj = {"id": "a1", "text": "Café société, the long text of the article.", "title": ["x"], "url": "u"}
    line = json.dumps(obj, ensure_ascii=False).encode("cp1252") + b"\n"
    path = tmp_path / "in.jsonl"
    path.write_bytes(line + json.dumps({**obj, "id": "a2", "title": "ok"}).encode() + b"\n")
    got = list(read_jsonl(path, FieldMap()))
    assert got[0].fields["encoding"] == "cp1252" and "; field(s) 'title' (list)" in got[0].fault
    assert got[1].fields["encoding"] == "utf-8" and got[1].fault is None
    for record, raw, codec, fault in [(got[0], line, "cp1252", got[0].fault.split("; ")[0]),
                                      (got[1], path.read_bytes().splitlines(True)[1], "utf-8", None)]:
        old = _with_encoding(_from_mapping(record.source_uri, raw, json.loads(raw.decode(codec)),
                                           FieldMap()), codec, fault)
        assert record == old and list(record.fields) == list(old.fields)


def test_signal_counts_once_counted_are_a_counters_counts() -> None:
    """Zeros for an article nothing found in, None where a check did not judge it."""
    suite = load_suite("news")
    checks = list(suite.rules)
    articles = [SimpleNamespace(article_id=i) for i in ("a", "b", "c")]
    findings = [SimpleNamespace(article_id="a", check=checks[0])] * 2 + \
               [SimpleNamespace(article_id="c", check=checks[1])]
    got = list(signal_counts(articles, findings, suite, {"b": [checks[2]], "c": [checks[0]]}))
    assert [list(row) for row in got] == [[signal_column(c) for c in checks]] * 3
    assert got[0][signal_column(checks[0])] == 2 and got[0][signal_column(checks[1])] == 0
    assert got[1][signal_column(checks[2])] is None and sum(v or 0 for v in got[1].values()) == 0
    assert got[2][signal_column(checks[0])] is None and got[2][signal_column(checks[1])] == 1
    assert got[0] is not got[1]  # every row its own dict


def test_get_values_serves_and_counts_as_get_value(tmp_path: Path) -> None:
    cache = FindingsCache(tmp_path / CACHE_FILE)
    cache.put_value("small", {"a": [1, 2]})
    for n in range(5):
        cache.put_value(f"large{n}", f"packed{n}", large=True)
    cache.misses = 1  # something to save
    cache.save()
    keys = ["large3", "small", "nothing", "large0"]
    one, many = open_findings_cache(tmp_path), open_findings_cache(tmp_path)
    assert many.get_values(keys) == [one.get_value(k) for k in keys] == ["packed3", {"a": [1, 2]}, None, "packed0"]
    assert (many.hits, many.misses) == (one.hits, one.misses) == (3, 1)


def test_a_rerun_without_its_large_shares_counts_each_miss_once(tmp_path: Path) -> None:
    """The large shares (near's signatures, passage's word hashes) lost: the rerun makes them
    again, counts one miss each (not a second one when it stores them), gives the cold run's
    outputs, and the next run is served everything."""
    source = _write(_records(), tmp_path / "in.jsonl")
    audit.run([source], out=tmp_path / "cold", cache=tmp_path / "cache", **FAST)
    (tmp_path / "cache" / "prepared-large.arrow").unlink()
    warm = audit.run([source], out=tmp_path / "warm", cache=tmp_path / "cache", **FAST)
    assert warm.summary["findings_cache"]["misses"] == 2 * len(warm.articles)
    assert _outputs(tmp_path / "warm") == _outputs(tmp_path / "cold")
    third = audit.run([source], out=tmp_path / "third", cache=tmp_path / "cache", **FAST)
    assert third.summary["findings_cache"]["misses"] == 0
