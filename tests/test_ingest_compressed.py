"""Compressed inputs (audit.ingest.compressed): `corpus.jsonl.gz`, `.bz2`, `.xz`, `.zst` read
as the format inside, the same records as the plain file; damaged data is one unreadable
record naming the file and line, after every record read before it; nothing is lost."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

import pytest
import zstandard

import audit
from audit.errors import UsageError
from audit.ingest import iter_records, list_inputs, not_read_line
from audit.ingest.readers import FieldMap, read_file
from audit.progress import count_if_over, count_records

COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": lambda data: zstandard.ZstdCompressor().compress(data)}
TEXTS = ["The council met on Tuesday and agreed the budget for the year.",
         "The mayor opened the new library on Monday, two years late.",
         "Flooding closed the river road for the third time this winter.",
         "Le conseil municipal a voté le budget mardi soir à l'unanimité."]


def jsonl(n: int = 400) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"{TEXTS[i % 4]} ({i})", "title": f"Story {i}"},
                               ensure_ascii=False).encode() + b"\n" for i in range(n))


def records(path: Path) -> list[tuple[str | None, str, str, str | None]]:
    return [(r.record_id, r.text, r.source_sha256, r.error) for r in read_file(path, FieldMap())]


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_a_compressed_jsonl_gives_the_plain_files_records(tmp_path: Path, suffix: str) -> None:
    data = jsonl()
    plain, packed = tmp_path / "c.jsonl", tmp_path / f"c.jsonl{suffix}"
    plain.write_bytes(data)
    packed.write_bytes(COMPRESS[suffix](data))
    got = list(read_file(packed, FieldMap()))
    assert [(r.record_id, r.text, r.source_sha256, r.error) for r in got] == records(plain)
    assert len(got) == 400 and got[7].source_uri == f"{packed}#line=8"
    # the rerun's path: lines handed on unparsed
    assert [line.record().text for line in read_file(packed, FieldMap(), lines=True)] == [r.text for r in got]


def test_whole_file_formats_compressed_and_their_ids(tmp_path: Path) -> None:
    (tmp_path / "a1.txt.gz").write_bytes(gzip.compress(TEXTS[0].encode()))
    rows = [{"id": "x", "text": TEXTS[1]}, {"id": "y", "text": TEXTS[2]}]
    (tmp_path / "b.json.xz").write_bytes(lzma.compress(json.dumps(rows).encode()))
    (tmp_path / "c.csv.bz2").write_bytes(bz2.compress(f'id,text\nz,"{TEXTS[3]}"\n'.encode()))
    got = {r.record_id: r.text for r in iter_records([tmp_path])}
    assert got == {"a1": TEXTS[0], "x": TEXTS[1], "y": TEXTS[2], "z": TEXTS[3]}


@pytest.mark.parametrize("suffix", [".gz", ".xz", ".zst"])
def test_a_file_cut_short_keeps_the_records_before_the_cut_and_says_where(tmp_path: Path, suffix: str) -> None:
    data = b"".join(json.dumps({"id": f"r{i}", "text": f"Record {i}: " + "word " * 400}).encode() + b"\n"
                    for i in range(3000))
    packed = COMPRESS[suffix](data)
    path = tmp_path / f"c.jsonl{suffix}"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    problems: list[str] = []
    got = list(iter_records([path], on_problem=problems.append))
    good = [r for r in got if not r.error]
    assert 0 < len(good) < 3000 and [r.record_id for r in good] == [f"r{i}" for i in range(len(good))]
    (bad,) = [r for r in got if r.error]
    assert bad is got[-1] and bad.source_uri == f"{path}#line={len(good) + 1}"
    assert "data ends early (a truncated file)" in bad.error and f"({len(good)} records before it)" in bad.error
    assert problems == [f"{bad.source_uri}: {bad.error}"]


def test_data_that_is_not_what_its_name_says_is_one_unreadable_record(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(jsonl(3))  # plain JSONL named .gz
    (tmp_path / "b.jsonl.bz2").write_bytes(b"not bzip2 at all")  # ("BZh9" and garbage: damaged bz2 data)
    (tmp_path / "c.txt.gz").write_bytes(b"\x1f\x8b\x08\x00 broken")
    got = list(iter_records([tmp_path]))
    assert len(got) == 3 and all(r.error and r.text == "" for r in got)
    assert got[0].error.startswith("not gzip data (") and "incorrect header check" in got[0].error
    assert got[1].error.startswith("not bz2 data") and got[1].source_uri.endswith("b.jsonl.bz2#line=1")
    assert got[2].record_id == "c" and "gzip" in got[2].error


@pytest.mark.parametrize("suffix", sorted(COMPRESS))
def test_what_follows_a_complete_stream_and_does_not_decode_is_said_not_dropped(tmp_path: Path, suffix: str) -> None:
    """bz2 and lzma's readers drop such trailing data without a word, zstandard's too: the
    10 records after the first stream were lost unsaid (a helper's review)."""
    path = tmp_path / f"c.jsonl{suffix}"
    path.write_bytes(COMPRESS[suffix](jsonl(400)) + b"BZh9 garbage after the stream " * 3)
    got = list(read_file(path, FieldMap()))
    assert len(got) == 401 and not any(r.error for r in got[:400])
    kind = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}[suffix]
    assert got[400].error.startswith(f"damaged {kind} data")
    assert "(400 records before it)" in got[400].error


def test_zstd_is_read_a_bounded_piece_at_a_time_and_with_long_windows(tmp_path: Path) -> None:
    """A 120 MB file of one repeated line is 10 KB of zstd: its first record took the whole
    chunk's output at once (315 MB for 300 MB); `zstd --long` frames were refused."""
    import io
    import tracemalloc

    line = json.dumps({"id": "r", "text": TEXTS[0]}).encode() + b"\n"
    params = zstandard.ZstdCompressionParameters.from_level(3, window_log=28, write_content_size=False)
    buf = io.BytesIO()
    with zstandard.ZstdCompressor(compression_params=params).stream_writer(buf, closefd=False) as writer:
        for _ in range(60):
            writer.write(line * (2_000_000 // len(line)))
    path = tmp_path / "big.jsonl.zst"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    first = next(iter(read_file(path, FieldMap())))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert first.text == TEXTS[0] and not first.error
    assert peak < 30_000_000


def test_a_cut_csv_or_utf16_jsonl_keeps_its_records_before_the_cut(tmp_path: Path) -> None:
    rows = "".join(f'r{i},"{TEXTS[i % 4]} ({i})"\n' for i in range(3000))
    packed = gzip.compress(("id,text\n" + rows).encode(), compresslevel=1)
    (tmp_path / "c.csv.gz").write_bytes(packed[: len(packed) // 2])
    wide = "\ufeff" + jsonl(3000).decode("utf-8")
    packed = gzip.compress(wide.encode("utf-16-le"), compresslevel=1)
    (tmp_path / "w.jsonl.gz").write_bytes(packed[: len(packed) // 2])
    for name, unit in (("c.csv.gz", "record"), ("w.jsonl.gz", "line")):
        got = list(read_file(tmp_path / name, FieldMap()))
        good = [r for r in got if not r.error]
        assert len(good) > 500 and [r.record_id for r in good] == [f"r{i}" for i in range(len(good))]
        assert len(got) == len(good) + 1 and got[-1].source_uri.endswith(f"#{unit}={len(good) + 1}")
        assert "data ends early" in got[-1].error


def test_what_is_no_input(tmp_path: Path) -> None:
    (tmp_path / "t.parquet.gz").write_bytes(gzip.compress(b"PAR1"))
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"x"))
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(jsonl(2)))
    with pytest.raises(UsageError, match="compressed Parquet file"):
        list_inputs([tmp_path / "t.parquet.gz"])
    with pytest.raises(UsageError, match="no format before '.gz'"):
        list_inputs([tmp_path / "notes.gz"])
    not_read: dict[Path, list[str]] = {}
    assert list_inputs([tmp_path], not_read=not_read) == [tmp_path / "c.jsonl.gz"]
    line = not_read_line(tmp_path, not_read[tmp_path])
    assert "2 files not read" in line and ".parquet.gz 1" in line and ".gz 1" in line and ".zst" in line


def test_counts_of_compressed_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(5000)))
    assert count_records([path]) == 5000 and count_records([path], stop_at=10) == 10
    # over a limit: found (its size is 7% of the text's, so the size alone would say "small")
    assert count_if_over([path], 3000) == 5000 and count_if_over([path], 6000) is None
    # a small file that zstd packs tight: read ahead whole, it was "the lines of its first MB"
    tight = tmp_path / "t.jsonl.zst"
    tight.write_bytes(zstandard.ZstdCompressor().compress(b'{"text": "the same line again"}\n' * 60_000))
    assert tight.stat().st_size < 20_000 and count_if_over([tight], 12_000) == 60_000


def test_zstd_without_its_package_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from audit.ingest import compressed

    path = tmp_path / "c.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(jsonl(3)))
    monkeypatch.setattr(compressed, "zstandard", None)
    for given in (path, tmp_path):
        with pytest.raises(UsageError, match="needs the zstandard package"):
            list_inputs([given])


def test_input_files_hash_a_compressed_file_as_it_is(tmp_path: Path) -> None:
    import hashlib

    from audit.ingest import iter_records as records_of
    from audit.model import Article
    from audit.pipeline import input_files

    path = tmp_path / "a1.txt.gz"
    path.write_bytes(gzip.compress(TEXTS[0].encode()))
    (record,) = list(records_of([path]))
    article = Article(article_id="a1", source_uri=record.source_uri, source_sha256=record.source_sha256, title=None,
                      published=None, published_from="none", publisher=None, url=None, language=None,
                      language_prob=None, text=record.text, content_sha256="")
    assert record.source_sha256 == hashlib.sha256(TEXTS[0].encode()).hexdigest()  # the text's
    assert input_files([article]) == [{"path": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}]


def test_a_gate_accounts_for_every_record_of_a_cut_gzip_file(tmp_path: Path) -> None:
    whole = gzip.compress(jsonl(400))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    result = audit.gate([tmp_path / "in"], accepted=tmp_path / "ok.jsonl", quarantine=tmp_path / "q.jsonl",
                        on_problem=None, workers=1)
    accepted = (tmp_path / "ok.jsonl").read_text(encoding="utf-8").splitlines()
    quarantined = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    cut = [q for q in quarantined if "truncated" in json.dumps(q)]
    assert len(cut) == 1 and result.exit_code == 1
    read = len(accepted) + len(quarantined) - 1  # the records before the cut
    assert 0 < read < 400 and f"({read} records before it)" in json.dumps(cut[0])


def test_a_gate_writes_compressed_outputs_that_the_next_gate_reads(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.jsonl.gz").write_bytes(gzip.compress(jsonl(40)))
    ok, bad = tmp_path / "out" / "ok.jsonl.gz", tmp_path / "out" / "q.jsonl.xz"
    result = audit.gate([tmp_path / "in"], accepted=ok, quarantine=bad, on_problem=None, workers=1)
    assert ok.is_file() and bad.is_file() and not (ok / "articles.jsonl").exists()
    accepted = gzip.decompress(ok.read_bytes()).decode("utf-8").splitlines()
    quarantined = lzma.decompress(bad.read_bytes()).decode("utf-8").splitlines()
    assert len(accepted) == len(result.accepted) > 0 and len(accepted) + len(quarantined) == 40
    assert gzip.decompress(ok.read_bytes())[:10] == b'{"article_'  # one JSON record a line
    again = audit.gate([ok], accepted=tmp_path / "ok2.jsonl", quarantine=tmp_path / "q2.jsonl",
                       on_problem=None, workers=1)
    assert len(again.accepted) + len(again.quarantined) == len(accepted)
    assert not list((tmp_path / "out").glob(".*tmp-*"))  # no partial file left


def test_a_large_compressed_file_is_not_decompressed_whole_for_an_eta(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from audit import progress

    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(5000)))
    monkeypatch.setattr(progress, "COUNT_COMPRESSED_MAX", path.stat().st_size - 1)
    assert count_records([path]) is None  # the ETA's total: unknown
    assert count_records([path], stop_at=100) == 100  # "is it small?" still answered
    assert count_if_over([path], 3000) == 5000  # and over the limit, counted


def test_padding_a_format_allows_is_no_damage_and_damage_is_not_a_wrong_name(tmp_path: Path) -> None:
    """xz and gzip readers skip null bytes after a stream; a damaged file of the right format
    is "damaged" or "fails its checksum", not "not gzip data" (a helper's review)."""
    data = jsonl(500)
    (tmp_path / "a.jsonl.xz").write_bytes(lzma.compress(data[:len(data) // 2]) + b"\0" * 4
                                         + lzma.compress(data[len(data) // 2:]))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data) + b"\0" * 100)
    for name in ("a.jsonl.xz", "b.jsonl.gz"):
        got = list(read_file(tmp_path / name, FieldMap()))
        assert len(got) == 500 and not any(r.error for r in got)
    crc = bytearray(gzip.compress(jsonl(40)))
    crc[-6] ^= 0xFF  # the CRC-32 of the member
    (tmp_path / "c.jsonl.gz").write_bytes(bytes(crc))
    (bad,) = [r for r in read_file(tmp_path / "c.jsonl.gz", FieldMap()) if r.error]
    assert bad.error.startswith("gzip data fails its checksum") and "may be damaged" in bad.error


def test_a_compressed_gate_output_that_fails_leaves_no_partial_file(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A gate that fails while writing leaves no partial file, even when the compressor's own
    close fails too (a full disk fails both: the cleanup stopped there, a helper's review)."""
    from audit.atomic import atomic_files

    for suffix in sorted(COMPRESS):
        with pytest.raises(RuntimeError), atomic_files(tmp_path / f"ok.jsonl{suffix}", tmp_path / "q.jsonl") as (ok, _):
            ok.write("x" * 100_000)
            raise RuntimeError("the run failed")
    assert list(tmp_path.iterdir()) == []
    close, failed = gzip.GzipFile.close, []

    def full_disk(self: gzip.GzipFile) -> None:
        if not failed:
            failed.append(True)
            raise OSError(28, "No space left on device")
        close(self)

    monkeypatch.setattr(gzip.GzipFile, "close", full_disk)
    with pytest.raises(RuntimeError), atomic_files(tmp_path / "ok.jsonl.gz") as (ok,):
        ok.write("x" * 100_000)
        raise RuntimeError("the disk is full")
    assert failed and list(tmp_path.iterdir()) == []


def test_a_large_compressed_input_over_max_records_fails_at_once_with_progress(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from audit import progress
    from audit.errors import UsageError as Usage
    from audit.pipeline import run
    from audit.progress import Progress
    from audit.suite import load_suite

    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl(300)))
    monkeypatch.setattr(progress, "COUNT_COMPRESSED_MAX", 100)  # "large"
    news = load_suite("news")
    suite = replace(news, limits=replace(news.limits, max_records=50))
    with pytest.raises(Usage, match="300 records"):
        run([path], suite=suite, out=None, on_problem=None, workers=1, progress=Progress("lines"))
