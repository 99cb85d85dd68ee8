"""Known lines (audit.normalise.known): a rerun makes the article of a line the last run
normalised from the line and what was kept, in the parent, instead of a worker parsing
and normalising it again; the article must be the one normalising makes, the outputs a
cold run's, wherever the line now stands."""

from __future__ import annotations

import json
import marshal
from pathlib import Path

import pytest

import audit
from audit.detect import workers as workers_module
from audit.detect.cache import KNOWN_FILE
from audit.ingest import FieldMap, RawLine
from audit.model import Article
from audit.normalise import _ingest_findings, to_article_contained
from audit.normalise.cache import LanguageCache
from audit.normalise.known import article_of, ingest_of, remembered, text_at
from tests.test_rerun import _outputs, _records

TWO = {"on_problem": None, "data_docs": False, "workers": 2, "batch_size": 5}


def _normalised(line: bytes, uri: str, fields: FieldMap, max_chars: int | None) -> tuple[Article, list]:
    """What the workers make of a line (normalise_batch), language left to the cache."""
    record = RawLine(uri, line, fields).record()
    article = to_article_contained(record, "id-1", language_cache=LanguageCache(None, deferred={}),
                                   max_chars=max_chars)
    cut = len(record.text) if max_chars is not None and len(record.text) > max_chars else None
    return article, _ingest_findings(article, record.fault, cut)


LINES = [  # each line's own kind of trouble
    json.dumps({"id": "a", "title": 'He said "text": "no"', "text": "Caf\u00e9 \"quoted\"\nline two\ttab"},
               ensure_ascii=False),
    json.dumps({"id": "b", "text": "ASCII only, escaped: caf\u00e9 \u2014 dash"}),  # \\u escapes
    '{"text": "first value", "id": "c", "text": "the second value wins"}',  # named twice
    json.dumps({"id": "d", "text": "Cut here: " + "word " * 40, "language": "EN-us"}),  # cut, language given
    json.dumps({"id": "e", "text": "A bell\u0007 rings", "published": "2025-05-14"}),  # control char
    json.dumps({"text": "No id at all, named by its line.", "url": ["a", "list"]}),  # fault
    json.dumps({"id": "g", "text": "  Spaces and\r\nwindows\r\nline ends  \u00a0"}),  # normalised text
    "\ufeff" + json.dumps({"id": "h", "text": "Behind a byte order mark: caf\u00e9"}, ensure_ascii=False),
]


@pytest.mark.parametrize("line", LINES)
def test_a_known_line_gives_the_article_normalising_gives(line: str) -> None:
    fields, max_chars = FieldMap(), 120
    raw = (line + "\n").encode("utf-8")
    record = RawLine("in.jsonl#line=3", raw, fields).record()
    article, _ = _normalised(raw, "in.jsonl#line=3", fields, max_chars)
    cut = len(record.text) if len(record.text) > max_chars else None
    known = remembered(record, article, cut, text_at(raw, fields.text, record.text))
    assert known is not None
    known = marshal.loads(marshal.dumps(known))  # as the cache keeps it
    moved, found = _normalised(raw, "in.jsonl#line=9", fields, max_chars)  # the line moved
    made, waits = article_of(known, RawLine("in.jsonl#line=9", raw, fields), record.source_sha256)
    made.article_id = "id-1"
    assert made == moved and made.extra == moved.extra
    assert waits == (moved.language is None)
    assert ingest_of(known, made) == found


def test_text_at_is_where_the_record_s_own_text_is_read() -> None:
    raw = LINES[2].encode()
    at = text_at(raw, "text", "the second value wins")
    assert at is not None and raw.decode()[at:].startswith("the second")
    assert text_at(LINES[0].encode(), "text", "Caf\u00e9 \"quoted\"\nline two\ttab") == LINES[0].index(
        '"text": "') + len('"text": "')
    assert text_at(raw, "text", "not in the line") is None


def test_a_line_that_cannot_be_made_again_is_not_kept() -> None:
    fields = FieldMap()
    raw = b'{"id": "x", "text": "Caf\xe9 in cp1252 bytes, a codec guessed"}\n'
    record = RawLine("in.jsonl#line=1", raw, fields).record()
    article, _ = _normalised(raw, "in.jsonl#line=1", fields, None)
    known = remembered(record, article, None, None)
    assert known is not None and isinstance(known[13], str)  # not UTF-8: the text is kept
    broken = RawLine("in.jsonl#line=2", b'{"id": "y", "text": \n', fields).record()
    unreadable = to_article_contained(broken, "y")
    assert remembered(broken, unreadable, None, None) is None


def _parsed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The records the runs from now on parse and send to the workers (not known)."""
    parsed: list[object] = []
    real = workers_module._batches

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        for batch in real(*args, **kwargs):
            parsed.extend(item for _, _, item in batch.numbered)
            yield batch

    monkeypatch.setattr(workers_module, "_batches", spy)
    return parsed


def _lines(records: list[dict]) -> list[str]:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines[5] = json.dumps({k: v for k, v in records[5].items() if k != "id"})  # named by its line
    lines[6] = json.dumps({**records[6], "id": records[0]["id"]})  # a repeated id
    return lines


def test_a_rerun_with_moved_edited_and_new_lines_gives_a_cold_runs_outputs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines shift (one inserted at the top, one removed), so a known line's uri, default
    id and ingest findings are not the last run's; one is edited, one made unreadable."""
    records = _records()
    first = tmp_path / "first.jsonl"
    first.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    edited = [dict(r) for r in records]
    edited[9]["text"] += " An edited sentence."
    lines = _lines(edited)
    del lines[12]
    lines.insert(0, json.dumps({"id": "new", "text": records[3]["text"] + " New."}))
    lines.insert(4, '{"id": "broken", "text": ')
    second = tmp_path / "second.jsonl"
    second.write_text("\n".join(lines) + "\n", encoding="utf-8")
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", **TWO)
    assert (tmp_path / "cache" / KNOWN_FILE).is_file()
    parsed = _parsed(monkeypatch)
    warm = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", **TWO)
    assert len(parsed) == 3  # the new, edited and broken lines; every other one was known
    cold = audit.run([second], out=tmp_path / "c", cache=None, **TWO)
    assert _outputs(tmp_path / "b") == _outputs(tmp_path / "c")
    assert [a.article_id for a in warm.articles] == [a.article_id for a in cold.articles]
    assert [a.source_uri for a in warm.articles] == [a.source_uri for a in cold.articles]
    assert all(a.language == "en" for a in warm.articles if a.read_error is None)  # from the language cache
    assert warm.summary["language_cache"]["hits"] == len(warm.articles) - 3  # new, edited, broken
    assert warm.problems == cold.problems
    before = len(parsed)
    again = audit.run([second], out=tmp_path / "d", cache=tmp_path / "cache", **TWO)
    assert len(parsed) - before == 1  # the broken line only: the new and edited ones are known now
    assert _outputs(tmp_path / "d") == _outputs(tmp_path / "c")
    assert again.summary["findings_cache"]["misses"] == 0


def test_known_lines_are_not_served_under_other_options_or_when_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records()
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(_lines(records)) + "\n", encoding="utf-8")
    audit.run([source], out=tmp_path / "a", cache=tmp_path / "cache", **TWO)
    parsed = _parsed(monkeypatch)
    audit.run([source], out=tmp_path / "b", cache=tmp_path / "cache", fix_encoding=True, **TWO)
    assert len(parsed) == len(records)  # another option: every line normalised again
    audit.run([source], out=tmp_path / "c", cache=tmp_path / "cache", **TWO)
    assert len(parsed) == 2 * len(records)  # the last run kept them under its own options
    audit.run([source], out=tmp_path / "d", cache=tmp_path / "cache", **TWO)
    assert len(parsed) == 2 * len(records)  # served
    (tmp_path / "cache" / KNOWN_FILE).write_bytes(b"\x00damaged")
    audit.run([source], out=tmp_path / "e", cache=tmp_path / "cache", **TWO)
    assert len(parsed) == 3 * len(records)
    cold = tmp_path / "f"
    audit.run([source], out=cold, cache=None, **TWO)
    assert _outputs(tmp_path / "e") == _outputs(cold) == _outputs(tmp_path / "d")


def test_a_rerun_keeps_its_few_new_lines_as_a_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The known lines of a rerun that changed a few are written as a segment beside the file,
    not the file whole again (a 1%-changed 100,000 rerun: 0.3-0.5 s of marshal.dump holding
    the GIL); the next run reads both. Past a quarter of the file the file is written whole and
    its segments go; a damaged segment's lines are normalised again."""
    from audit.detect.cache import segments_of

    records = _records()
    cache, known = tmp_path / "cache", tmp_path / "cache" / KNOWN_FILE

    def run(recs: list[dict], name: str) -> None:
        source = tmp_path / f"{name}.jsonl"
        source.write_text("\n".join(_lines(recs)) + "\n", encoding="utf-8")
        audit.run([source], out=tmp_path / name, cache=cache, **TWO)

    def settled(recs: list[dict], name: str) -> bytes:
        """Run twice: the second keeps each line's entry found complete (most of the lines
        of this small corpus: the file is written whole)."""
        run(recs, name)
        run(recs, name + "2")
        assert segments_of(known) == []
        return known.read_bytes()

    whole = settled(records, "a")
    edited = [dict(r) for r in records]
    edited[9]["text"] += " An edited sentence."
    parsed = _parsed(monkeypatch)
    run(edited, "b")
    assert len(parsed) == 1 and known.read_bytes() == whole and len(segments_of(known)) == 1
    run(edited, "c")
    assert len(parsed) == 1  # the edited line is known now, from the segment
    audit.run([tmp_path / "c.jsonl"], out=tmp_path / "cold", cache=None, **TWO)
    assert _outputs(tmp_path / "c") == _outputs(tmp_path / "cold")
    many = [{**r, "text": r["text"] + " Changed."} if n % 2 else r for n, r in enumerate(edited)]
    run(many, "d")
    assert known.read_bytes() != whole and segments_of(known) == []  # half of it new: whole again
    settled(edited, "e")
    edited[3]["text"] += " Another edit."
    run(edited, "f")
    (segment,) = segments_of(known)
    segment.write_bytes(b"\x00damaged")
    parsed.clear()
    run(edited, "g")
    assert len(parsed) == 1  # the damaged segment's line, normalised again
    assert len(segments_of(known)) == 2 and segment in segments_of(known)  # kept until the file is written whole
    run([{**r, "text": r["text"] + " Changed."} for r in edited], "h")
    assert segments_of(known) == []  # written whole: the damaged segment gone too
    audit.run([tmp_path / "g.jsonl"], out=tmp_path / "cold2", cache=None, **TWO)
    assert _outputs(tmp_path / "g") == _outputs(tmp_path / "cold2")
