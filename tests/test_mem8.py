"""The run's parent holds less per article (mem8, issue 13): the workers' fresh cache
entries go to the cache's file a block at a time instead of being held to the run's end,
and the cross-article shares hold one params dict, not a copy each, and boilerplate's
items as their JSON text."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from datetime import date
from pathlib import Path

from factories import make_article

from audit.detect.cache import CACHE_FILE, STREAM_ROWS, open_findings_cache, segments_of
from audit.detect.consistency import contradictions
from audit.detect.leakage import boilerplate


def _entry(i: int) -> dict[str, str]:
    return {"digest": f'["finding {i}"]', "other": "[]"}


def test_streamed_entries_are_not_held_and_are_served_by_the_next_run(tmp_path: Path) -> None:
    cache = open_findings_cache(tmp_path)
    count = 2 * STREAM_ROWS + 5
    for i in range(count):
        cache.stream_entry(f"B{i:05d}", _entry(i))
    cache.stream_entry("B00007", {"digest": '["a copy"]'})  # a copy's key: written once
    cache.misses += count
    assert not cache.entries and len(cache.streamed) == count
    assert len(cache._unwritten) == 5  # two blocks written already, five waiting
    cache.put_entry("B99999", {"digest": "[]"})  # a held entry (Spark's path) goes in too
    cache.save()
    assert not cache.streamed and cache._entry_writer is None
    again = open_findings_cache(tmp_path)
    assert len(again.entries) == count + 1
    assert again.entries.get("B00007") == 'digest\x1e["finding 7"]\x1eother\x1e[]'
    assert again.entries.get(f"B{count - 1:05d}") == f'digest\x1e["finding {count - 1}"]\x1eother\x1e[]'
    assert again.entries.get("B99999") == "digest\x1e[]"
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left


def _first_run(folder: Path, count: int) -> None:
    """A cold run's `count` entries, streamed and saved."""
    cache = open_findings_cache(folder)
    for i in range(count):
        cache.stream_entry(f"B{i:05d}", _entry(i))
    cache.misses += count
    cache.save()


def test_a_rerun_streams_a_segment_that_wins_over_the_old_rows(tmp_path: Path) -> None:
    _first_run(tmp_path, 100)
    whole = (tmp_path / CACHE_FILE).read_bytes()
    cache = open_findings_cache(tmp_path)
    cache.stream_entry("B00003", {"digest": '["grown"]'})  # an entry grown by the rerun
    cache.stream_entry("B00100", _entry(100))
    cache.misses += 2
    cache.save()
    assert (tmp_path / CACHE_FILE).read_bytes() == whole  # 2 rows: a segment beside it
    assert len(segments_of(tmp_path / CACHE_FILE)) == 1
    again = open_findings_cache(tmp_path)
    assert again.entries.get("B00003") == 'digest\x1e["grown"]'
    assert again.entries.get("B00100") == 'digest\x1e["finding 100"]\x1eother\x1e[]'
    assert len(again.entries) == 101


def test_a_compacting_rerun_writes_each_key_once(tmp_path: Path) -> None:
    _first_run(tmp_path, 10)
    cache = open_findings_cache(tmp_path)
    for i in range(5, 15):  # past COMPACT_SHARE: the file written whole again
        cache.stream_entry(f"B{i:05d}", {"digest": f'["new {i}"]'})
    cache.misses += 10
    cache.save()
    assert not segments_of(tmp_path / CACHE_FILE)
    import pyarrow as pa

    table = pa.ipc.open_file(pa.memory_map(str(tmp_path / CACHE_FILE))).read_all()
    keys = table.column(0).to_pylist()
    assert sorted(keys) == [f"B{i:05d}" for i in range(15)]  # no key twice
    again = open_findings_cache(tmp_path)
    assert again.entries.get("B00004") == 'digest\x1e["finding 4"]\x1eother\x1e[]'
    assert again.entries.get("B00005") == 'digest\x1e["new 5"]'


def test_contradictions_shares_hold_one_params_dict_pickled_once_a_batch() -> None:
    params = {"max_days": 40, "_index": object()}
    shares = [contradictions.prepare(make_article("No claims here.", article_id=f"a{i}",
                                                  published=date(2025, 5, 1)), params)
              for i in range(200)]
    assert shares[0]["claims"] == []
    assert all(s["params"] is shares[0]["params"] for s in shares)
    back = pickle.loads(pickle.dumps(shares))  # a batch's trip from a worker
    assert len({id(s["params"]) for s in back}) == 1
    assert back[0]["params"] == json.loads(json.dumps({"max_days": 40}))


SITE = ("Share this article\nFacebook\nTwitter\nEmail\n"
        "The council voted on Tuesday to close the library for repairs, its chair said.\n"
        "Sign up for our newsletter\nRead more\nCopyright 2025 Example News")


def test_boilerplate_items_are_text_and_find_the_same_lines_as_the_lists() -> None:
    article = replace(make_article(SITE), title="Library to close", url="https://example.com/a1")
    share = boilerplate.prepare(article, {})
    assert isinstance(share["items"], str)
    items = json.loads(share["items"])
    assert items and {item[0] for item in items} <= {"v", "p"}
    settings = boilerplate.Settings()
    from_text = boilerplate.article_findings(article, share["items"], [], None, settings)
    from_lists = boilerplate.article_findings(article, items, [], None, settings)
    assert from_text == from_lists and from_text
    other = make_article("Nothing but prose in this one sentence of news.", article_id="a2")
    assert boilerplate.prepare(other, {})["settings"] is share["settings"]  # one dict, not a copy


def test_a_cache_without_a_folder_holds_what_is_streamed() -> None:
    cache = open_findings_cache(None)
    cache.stream_entry("B00001", _entry(1))
    assert cache.entries["B00001"] == 'digest\x1e["finding 1"]\x1eother\x1e[]' and not cache.streamed
