"""WARC inputs (audit.ingest.warc): a crawl's HTML pages, each extracted as an .html file's;
what is no page passed over; a cut or damaged file keeps the pages before the damage and
adds one unreadable record naming the record; nothing is lost or raised."""

from __future__ import annotations

import codecs
import gzip
import json
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import audit
from audit.detect.workers import MIN_BATCH, batch_size_for
from audit.ingest import iter_records, list_inputs
from audit.ingest.page_cache import open_page_cache
from audit.ingest.readers import decode_page
from audit.model import RawRecord

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
STORY = ("<html><head><title>Budget {n}</title></head><body><nav>Home | World | Sport</nav><article>"
         "<h1>Council agrees budget {n}</h1><p>The council met on Tuesday and agreed the budget for the "
         "coming year after a long debate about the libraries of ward {n}.</p><p>Residents had asked for "
         "more money for the swimming pool, and the mayor said the town could not afford it this year.</p>"
         "</article></body></html>")


def write_warc(path: Path, items: list[tuple[str, str, bytes, list[tuple[str, str]]]]) -> None:
    """(kind, url, payload, HTTP headers) each: a response ("200 OK" first header pair is the
    status), a request, a resource or a revisit, as a crawler writes them."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for kind, url, payload, headers in items:
            if kind == "response":
                status, *rest = headers
                http = StatusAndHeaders(status[1], rest, protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(payload), http_headers=http))
            elif kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(b""), http_headers=http))
            else:
                writer.write_record(writer.create_warc_record(url, kind, payload=BytesIO(payload),
                                                              warc_content_type=dict(headers).get("Content-Type")))


def page(n: int, url: str | None = None, charset: str = "utf-8") -> tuple[str, str, bytes, list[tuple[str, str]]]:
    return ("response", url or f"https://news.example.org/{n}", STORY.format(n=n).encode(charset),
            [("status", "200 OK"), ("Content-Type", f"text/html; charset={charset}")])


def crawl() -> list[tuple[str, str, bytes, list[tuple[str, str]]]]:
    """Three pages among what a crawl also holds: requests, an image, a redirect, a 404 page."""
    return [("request", "https://news.example.org/1", b"", []), page(1),
            ("response", "https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200),
             [("status", "200 OK"), ("Content-Type", "image/png")]),
            ("response", "https://news.example.org/old", b"", [("status", "301 Moved Permanently"),
                                                              ("Location", "https://news.example.org/2")]),
            page(2), ("response", "https://news.example.org/gone", STORY.format(n=404).encode(),
                      [("status", "404 Not Found"), ("Content-Type", "text/html")]),
            ("resource", "file:///saved/3.html", STORY.format(n=3).encode(), [("Content-Type", "text/html")])]


def test_a_crawls_pages_are_its_articles_and_the_rest_is_passed_over(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc.gz", crawl())
    got = list(iter_records([tmp_path / "crawl.warc.gz"]))
    assert [(r.source_uri.rsplit("#", 1)[1], r.fields.get("url"), r.error) for r in got] == [
        ("record=2", "https://news.example.org/1", None), ("record=5", "https://news.example.org/2", None),
        ("record=7", "file:///saved/3.html", None)]
    assert all("agreed the budget" in r.text and "Home | World" not in r.text for r in got)  # extracted
    assert got[0].fields["title"] == "Council agrees budget 1" and got[0].fields["encoding"] == "utf-8"
    assert all(len(r.record_id) == 36 and r.record_id.count("-") == 4 for r in got)  # WARC-Record-ID's uuid
    assert len({r.record_id for r in got}) == 3
    # the same records plain and compressed otherwise (zstd, as any input)
    write_warc(tmp_path / "plain.warc", crawl())
    (tmp_path / "z.warc.zst").write_bytes(zstandard.ZstdCompressor().compress((tmp_path / "plain.warc").read_bytes()))
    for other in ("plain.warc", "z.warc.zst"):
        assert [r.text for r in iter_records([tmp_path / other])] == [r.text for r in got]
    assert len(list_inputs([tmp_path])) == 3  # a .warc is an input of a folder


def test_a_declared_charset_is_read_as_browsers_read_it(tmp_path: Path) -> None:
    latin = STORY.format(n=1).replace("agreed", "\u201cagreed\u201d the caf\u00e9").encode("cp1252")
    declared_latin_but_utf8 = STORY.format(n=2).replace("agreed", "agreed the caf\u00e9").encode("utf-8")
    write_warc(tmp_path / "c.warc", [
        ("response", "https://a.example/1", latin, [("status", "200 OK"), ("Content-Type", "text/html; charset=ISO-8859-1")]),
        ("response", "https://a.example/2", declared_latin_but_utf8,
         [("status", "200 OK"), ("Content-Type", "text/html; charset=iso-8859-1")])])
    first, second = iter_records([tmp_path / "c.warc"])
    assert "\u201cagreed\u201d the caf\u00e9" in first.text and first.fields["encoding"] == "cp1252"
    assert "agreed the caf\u00e9" in second.text and second.fields["encoding"] == "utf-8"  # not "cafÃ©"


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_cut_warc_keeps_its_pages_before_the_cut_and_names_the_record(tmp_path: Path, name: str) -> None:
    items = [page(n) for n in range(1, 5)]
    write_warc(tmp_path / name, items)
    data = (tmp_path / name).read_bytes()
    whole = len(list(iter_records([tmp_path / name])))
    assert whole == 4
    for cut in range(40, len(data), max(1, len(data) // 60)):
        (tmp_path / "cut" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "cut" / name).write_bytes(data[:cut])
        got = list(iter_records([tmp_path / "cut" / name]))  # never raises
        good, bad = [r for r in got if not r.error], [r for r in got if r.error]
        assert [r.fields["url"] for r in good] == [f"https://news.example.org/{n}" for n in range(1, len(good) + 1)]
        if bad:  # one record for the rest, naming where the data stops
            assert len(bad) == 1 and got[-1] is bad[0]
            assert bad[0].source_uri.endswith(f"#record={len(good) + 1}") or "no HTML page" in bad[0].error
            assert "truncated" in bad[0].error or "not a WARC record" in bad[0].error or "no HTML page" in bad[0].error
        else:  # a cut between two records (the records after it are not in the file at all), or in
            assert len(good) < 4 or (len(good) == 4 and not data[cut:].strip())  # the last one's blank lines
    # garbage inside the file: the pages before it stand
    second = data.index(b"WARC/1.0", 10) if name == "crawl.warc" else None
    if second is not None:
        (tmp_path / "g.warc").write_bytes(data[:second] + b"not a record\r\n\r\n" + data[second:])
        got = list(iter_records([tmp_path / "g.warc"]))
        assert [r.error is None for r in got] == [True, False]
        assert got[1].source_uri.endswith("#record=2") and "not a WARC record" in got[1].error


def test_a_warc_without_pages_or_with_a_page_without_text_is_reported(tmp_path: Path) -> None:
    write_warc(tmp_path / "none.warc", [("request", "https://a.example/", b"", [])])
    write_warc(tmp_path / "blank.warc", [("response", "https://a.example/b", b"<html><body></body></html>",
                                         [("status", "200 OK"), ("Content-Type", "text/html")]), page(7)])
    (tmp_path / "empty.warc").write_bytes(b"")
    got = {r.source_uri: r.error for r in iter_records([tmp_path])}
    assert got[str(tmp_path / "none.warc")].startswith("no HTML page or text in the WARC file (1 record:")
    assert got[str(tmp_path / "empty.warc")] == "empty file, no records"
    assert got[f"{tmp_path / 'blank.warc'}#record=1"] == "no main text found in HTML"
    assert got[f"{tmp_path / 'blank.warc'}#record=2"] is None


def test_the_run_accounts_for_every_page_and_says_where_the_bad_one_is(tmp_path: Path) -> None:
    items = [page(n) for n in range(1, 4)]
    write_warc(tmp_path / "c.warc", items)
    data = (tmp_path / "c.warc").read_bytes()
    (tmp_path / "c.warc").write_bytes(data[:len(data) - 200])  # the third page cut
    done = subprocess.run([sys.executable, "-m", "audit", "run", str(tmp_path / "c.warc"), "--out",
                           str(tmp_path / "out"), "--no-cache", "--quiet"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"{tmp_path / 'c.warc'}#record=3: the WARC file ends early (a truncated file)" in done.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["articles"] == 3


@pytest.mark.skipif(not (ZYTE / "html").exists(), reason="needs ../shared/data (article-extraction-benchmark)")
def test_real_pages_from_a_warc_read_as_the_same_pages_as_html_files(tmp_path: Path) -> None:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:6]
    items = [("response", gold[k]["url"], gzip.decompress((ZYTE / "html" / f"{k}.html.gz").read_bytes()),
              [("status", "200 OK"), ("Content-Type", "text/html")]) for k in keys]
    write_warc(tmp_path / "z.warc.gz", items)
    from_warc = [r.text for r in iter_records([tmp_path / "z.warc.gz"])]
    from_html = [r.text for k in keys for r in iter_records([ZYTE / "html" / f"{k}.html.gz"])]
    assert from_warc == from_html and all(len(t) > 200 for t in from_warc)
    result = audit.run([tmp_path / "z.warc.gz"], out=None, on_problem=None, workers=1)
    assert [a.url for a in result.articles] == [gold[k]["url"] for k in keys]  # where each was fetched


def test_pages_are_extracted_by_the_workers_with_the_same_results(tmp_path: Path) -> None:
    items = [page(n) for n in range(1, 40)]
    items.insert(5, ("response", "https://news.example.org/blank", b"<html><body></body></html>",
                     [("status", "200 OK"), ("Content-Type", "text/html")]))
    write_warc(tmp_path / "c.warc.gz", items)
    (tmp_path / "html").mkdir()
    for n in range(3):
        (tmp_path / "html" / f"p{n}.html").write_text(STORY.format(n=n), encoding="utf-8")
    (tmp_path / "html" / "empty.html").write_text("", encoding="utf-8")
    for target in (tmp_path / "c.warc.gz", tmp_path / "html"):
        unmade = list(iter_records([target], lines=True))
        assert unmade and not any(isinstance(item, RawRecord) for item in unmade)  # extracted later
        assert [item.record() for item in unmade] == list(iter_records([target]))
        runs = []
        for workers in (1, 2):
            told: list[str] = []
            result = audit.run([target], out=None, on_problem=told.append, workers=workers)
            runs.append(([a.article_id for a in result.articles], [a.text for a in result.articles],
                         result.findings, told))
        assert runs[0] == runs[1]
        ids, _, _, told = runs[0]
        assert len(ids) == len(unmade) and len(told) == 1  # the blank page, or the empty file, said once
    assert batch_size_for(None, 2, pages=True) == MIN_BATCH < batch_size_for(None, 2)


def test_a_rerun_takes_the_pages_it_extracted_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    items = [page(n) for n in range(1, 9)] + [("response", "https://news.example.org/blank", b"<html><body></body></html>",
                                              [("status", "200 OK"), ("Content-Type", "text/html")])]
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "c.warc.gz", items)
    (tmp_path / "in" / "p.html").write_text(STORY.format(n=99), encoding="utf-8")
    first = audit.run([tmp_path / "in"], out=None, on_problem=None, workers=2, cache=tmp_path / "cache")
    kept = list((tmp_path / "cache").glob("pages-*.sqlite"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as db:
        assert db.execute("SELECT count(*) FROM pages").fetchone()[0] == 9  # 8 pages and the .html; not the blank one
    import trafilatura

    def extract(*args: object, **kwargs: object) -> str:
        raise AssertionError("extracted again")

    monkeypatch.setattr(trafilatura, "bare_extraction", extract)  # the forked workers inherit it
    for workers in (1, 2):
        with pytest.raises(AssertionError, match="extracted again"):  # the blank page is extracted each time
            audit.run([tmp_path / "in"], out=None, on_problem=None, workers=workers, cache=tmp_path / "cache")
    write_warc(tmp_path / "in" / "c.warc.gz", items[:-1])  # the same pages (new record ids), none blank
    again = audit.run([tmp_path / "in"], out=None, on_problem=None, workers=2, cache=tmp_path / "cache")
    assert [(a.source_uri, a.source_sha256, a.text, a.title, a.url, a.published) for a in again.articles] == [
        (a.source_uri, a.source_sha256, a.text, a.title, a.url, a.published) for a in first.articles
        if a.read_error is None]
    assert [f.check for f in again.findings] == [f.check for f in first.findings if f.check != "ingest.unreadable"]
    kept[0].write_bytes(b"not a database")  # a damaged cache: extracted again, never a failed run
    monkeypatch.undo()
    assert len(audit.run([tmp_path / "in"], out=None, on_problem=None, workers=1, cache=tmp_path / "cache").articles) == 9


def test_a_wet_files_texts_are_articles_as_they_are(tmp_path: Path) -> None:
    text = ("Council agrees budget\nThe council met on Tuesday and agreed the budget for the coming year.\n"
            "Residents had asked for more money for the swimming pool.")
    with (tmp_path / "CC-MAIN-1.warc.wet.gz").open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("CC-MAIN-1.warc.wet.gz", {"software": "test"}))
        for n, language in ((1, "eng,deu"), (2, None)):
            headers = [("WARC-Identified-Content-Language", language)] if language else []
            record = writer.create_warc_record(f"https://www.news.example.org/{n}", "conversion",
                                               payload=BytesIO(text.encode()), warc_content_type="text/plain",
                                               warc_headers_dict=dict(headers))
            writer.write_record(record)
    first, second = iter_records([tmp_path])
    assert first.text == second.text == text  # line by line, as the crawl gave it
    assert first.fields == {"url": "https://www.news.example.org/1", "publisher": "news.example.org",
                            "language": "eng", "encoding": "utf-8"}
    assert first.source_uri.endswith("CC-MAIN-1.warc.wet.gz#record=2") and "language" not in second.fields
    result = audit.run([tmp_path], out=None, on_problem=None, workers=1)
    assert result.articles[0].language == "en" and result.articles[0].published is None


def test_charsets_as_browsers_read_them(tmp_path: Path) -> None:
    # a helper's review: "charset=base64" crashed the run; one undefined cp1252 byte lost an
    # ISO-8859-1 declaration (then guessed cp1250: "après" read "aprčs"); <meta charset> was unread
    french = STORY.format(n=1).replace("agreed", "agreed apr\u00e8s").encode("cp1252").replace(b"apr", b"\x9dapr", 1)
    greek = ('<!DOCTYPE html><html><head><meta charset="windows-1253"><title>x</title></head><body><article><p>'
             + "Το δημοτικό συμβούλιο ενέκρινε την Πέμπτη τον προϋπολογισμό για το επόμενο έτος. " * 3
             + "</p></article></body></html>").encode("cp1253")
    latin_no_label = STORY.format(n=3).replace("agreed", "agreed caf\u00e9").encode("cp1252")
    write_warc(tmp_path / "c.warc", [
        ("response", "https://a.example/1", french, [("status", "200 OK"), ("Content-Type", "text/html; charset=ISO-8859-1")]),
        ("response", "https://a.example/2", greek, [("status", "200 OK"), ("Content-Type", "text/html")]),
        ("response", "https://a.example/3", latin_no_label, [("status", "200 OK"), ("Content-Type", "text/html; charset=base64")])])
    first, second, third = iter_records([tmp_path / "c.warc"])
    assert "agreed apr\u00e8s" in first.text and first.fields["encoding"] == "cp1252" and first.fault is None
    assert "Το δημοτικό συμβούλιο" in second.text and second.fields["encoding"] == "cp1253"
    assert "caf\u00e9" in third.text and third.error is None  # no codec a page is written in: guessed


def test_a_damaged_record_or_payload_is_said_not_read_as_a_page(tmp_path: Path) -> None:
    write_warc(tmp_path / "three.warc", [page(1), page(2), page(3)])
    data = (tmp_path / "three.warc").read_bytes()
    second = data.index(b"WARC/1.0", 10)
    lengths = [m for m in __import__("re").finditer(rb"Content-Length: \d+\r\n", data)]
    cases = {"stray.warc": data[:second] + b"this is some stray text here\r\n\r\n" + data[second:],
             "length.warc": data[:lengths[1].start()] + b"Content-Length: abc\r\n" + data[lengths[1].end():]}
    for name, damaged in cases.items():
        (tmp_path / name).write_bytes(damaged)
        got = list(iter_records([tmp_path / name]))
        assert [r.error is None for r in got] == [True, False], name  # page 1, then record 2 named
        assert got[1].source_uri.endswith("#record=2")
    body = gzip.compress(STORY.format(n=1).encode() * 400)
    write_warc(tmp_path / "enc.warc", [("response", "https://a.example/1", body[:len(body) // 3],
                                        [("status", "200 OK"), ("Content-Type", "text/html"),
                                         ("Content-Encoding", "gzip")]), page(2)])
    cut, whole = iter_records([tmp_path / "enc.warc"])
    assert "Content-Encoding data is damaged or cut short" in cut.error and whole.error is None
    # Common Crawl cuts payloads at 1 MiB: the page is read, with a fault that says so
    with (tmp_path / "t.warc").open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://a.example/t", "response", payload=BytesIO(
            STORY.format(n=5).encode()), http_headers=http, warc_headers_dict={"WARC-Truncated": "length"}))
    [kept] = iter_records([tmp_path / "t.warc"])
    assert kept.error is None and "WARC-Truncated: length" in kept.fault


def test_problem_lines_come_in_input_order_whoever_made_the_record(tmp_path: Path) -> None:
    # a helper's review: a page's problem was told when its batch came back, a WARC's damage
    # and another file's as read, so their order changed with the workers and the cache
    (tmp_path / "in").mkdir()
    write_warc(tmp_path / "in" / "cut.warc", [
        ("response", "https://x.example/1", b"<html><body></body></html>", [("status", "200 OK"), ("Content-Type", "text/html")]),
        page(2)])
    with (tmp_path / "in" / "cut.warc").open("ab") as fh:
        fh.write(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Len")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in" / "p.jsonl").write_text('{"id": "a", "text": "A story about the council."}\n{bad\n',
                                            encoding="utf-8")
    inputs = [tmp_path / "in" / name for name in ("cut.warc", "empty.txt", "p.jsonl")]
    told_by_run = []
    for workers, cache in ((1, None), (2, None), (2, tmp_path / "cache"), (2, tmp_path / "cache")):
        told: list[str] = []
        audit.run(inputs, out=None, on_problem=told.append, workers=workers, cache=cache)
        told_by_run.append([line.split(": ")[0].rsplit("/", 1)[-1] for line in told])
    assert told_by_run[0] == ["cut.warc#record=1", "cut.warc#record=3", "empty.txt", "p.jsonl#line=2"]
    assert all(order == told_by_run[0] for order in told_by_run)


def test_plain_text_is_an_article_only_in_a_wet_file(tmp_path: Path) -> None:
    write_warc(tmp_path / "crawl.warc", [
        page(1), ("response", "https://news.example.org/robots.txt", b"User-agent: *\nDisallow: /private/\n",
                  [("status", "200 OK"), ("Content-Type", "text/plain")]),
        ("resource", "metadata://gnu.org/software/wget/warc/wget.log", b"--2024-01-01 10:00:00-- https://x/\n",
         [("Content-Type", "text/plain")])])
    assert [r.fields["url"] for r in iter_records([tmp_path / "crawl.warc"])] == ["https://news.example.org/1"]


def test_an_untyped_page_after_a_bom_or_a_comment_is_a_page(tmp_path: Path) -> None:
    body = STORY.format(n=1).encode()
    write_warc(tmp_path / "u.warc", [
        ("response", "https://a.example/1", b"\xef\xbb\xbf" + body, [("status", "200 OK")]),
        ("response", "https://a.example/2", b"<!-- saved -->\n<!DOCTYPE html>" + body, [("status", "200 OK")]),
        ("response", "https://a.example/3", b"GIF89a" + bytes(600), [("status", "200 OK")])])
    assert [r.fields["url"] for r in iter_records([tmp_path / "u.warc"])] == ["https://a.example/1", "https://a.example/2"]


def test_a_page_cache_locked_by_another_run_is_left_whole(tmp_path: Path) -> None:
    cache = open_page_cache(tmp_path)
    cache.put("k", RawRecord(source_uri="u", source_sha256="s", record_id="r", text="a text", fields={}))
    cache.close()
    [kept] = tmp_path.glob("pages-*.sqlite")
    other = sqlite3.connect(kept, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # a run saving into it
    try:
        waiting = open_page_cache(tmp_path)
        assert waiting.path is None and kept.exists()  # read and write none of it; never deleted
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert sqlite3.connect(kept).execute("SELECT count(*) FROM pages").fetchone()[0] == 1
    kept.write_bytes(b"not a database" * 100)  # damaged: set aside, a new one begun
    fresh = open_page_cache(tmp_path)
    assert fresh.path == kept and (tmp_path / (kept.name + ".damaged")).exists() and not kept.exists()


@pytest.mark.parametrize(("data", "content_type", "text", "encoding"), [
    # a <meta> naming UTF-16 (it cannot be: it is ASCII bytes) over cp1252 bytes: guessed as before
    ('<meta charset="utf-16"><p>Le conseil a adopté</p>'.encode("cp1252"), "", "Le conseil a adopté", "cp1252"),
    # a byte-order mark decides, whatever the label says
    (codecs.BOM_UTF16_BE + "<p>Le conseil a adopté</p>".encode("utf-16-be"), "text/html; charset=utf-16",
     "Le conseil a adopté", "utf-16"),
    (codecs.BOM_UTF16_LE + "<p>Le conseil a adopté</p>".encode("utf-16-le"), "text/html; charset=iso-8859-1",
     "Le conseil a adopté", "utf-16"),
])
def test_utf16_labels_and_byte_order_marks(data: bytes, content_type: str, text: str, encoding: str) -> None:
    decoded, codec, _ = decode_page(data, content_type)
    assert decoded is not None and text in decoded and codec == encoding


def test_a_gate_quarantines_a_too_large_page_whole_extracting_it_alone_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    import trafilatura

    from audit.suite import load_suite

    news = load_suite("news")
    suite = replace(news, limits=replace(news.limits, max_article_chars=400))
    long_story = STORY.replace("</article>", "<p>" + "The debate went on late into the night. " * 30 + "</p></article>")
    write_warc(tmp_path / "c.warc", [page(1), ("response", "https://news.example.org/long",
                                               long_story.format(n=2).encode(),
                                               [("status", "200 OK"), ("Content-Type", "text/html")]), page(3)])
    calls: list[int] = []
    extract = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: calls.append(1) or extract(*a, **k))
    result = audit.gate([tmp_path / "c.warc"], accepted=tmp_path / "ok.jsonl", quarantine=tmp_path / "q.jsonl",
                        suite=suite, on_problem=None, workers=1)
    [line] = [json.loads(x) for x in (tmp_path / "q.jsonl").open() if "long" in json.loads(x)["url"]]
    assert line["article_id"] in result.quarantined and len(line["raw"]) > 1000 > 400 >= len(line["text"])
    assert len(calls) == 4  # each page once, and the long one again for its whole text (not all three)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_stopped_by_its_record_limit_still_says_the_records_read_before(tmp_path: Path, workers: int) -> None:
    # a helper's review: lines told when their batch came back were lost when the run stopped
    from dataclasses import replace

    from audit.errors import UsageError
    from audit.suite import load_suite

    news = load_suite("news")
    suite = replace(news, limits=replace(news.limits, max_records=3))
    (tmp_path / "m.csv").write_text('id,text\na,""\nb,"The council met on Tuesday."\nc,"."\nd,"More."\ne,"Yet more."\n',
                                    encoding="utf-8")
    told: list[str] = []
    with pytest.raises(UsageError, match="more than 3"):
        audit.run([tmp_path / "m.csv"], out=None, on_problem=told.append, workers=workers, suite=suite)
    assert [line.split(": ")[0].rsplit("#", 1)[1] for line in told] == ["record=1", "record=3"]


def test_an_extracted_pages_fields_are_nfc_as_extract_gave_them() -> None:
    from audit.ingest.readers import extracted_page

    html = ('<html><head><title>Cafe\u0301 news</title><link rel="canonical" href="https://cafe\u0301.example/n">'
            '</head><body><article><p>' + "The council met on Tuesday and agreed the budget for the year. " * 5
            + "</p></article></body></html>")
    record = extracted_page("u", "r", html.encode(), html, "utf-8", None)
    assert record.fields["title"] == "Caf\u00e9 news" and record.fields["publisher"] == "caf\u00e9.example"


def test_a_page_cache_damaged_past_its_header_is_set_aside_when_read(tmp_path: Path) -> None:
    cache = open_page_cache(tmp_path)
    for n in range(2000):
        cache.put(f"k{n}", RawRecord(source_uri="u", source_sha256="s", record_id="r", text="a text " * 50, fields={}))
    cache.close()
    [kept] = tmp_path.glob("pages-*.sqlite")
    data = bytearray(kept.read_bytes())
    for at in range(8192, len(data), 4096):  # its pages, not its header: it still opens
        data[at:at + 200] = b"\xff" * 200
    kept.write_bytes(bytes(data))
    damaged = open_page_cache(tmp_path)
    assert damaged.look(_Keyed("k5")) == (_Keyed("k5"), "k5")  # not served; to be kept anew
    damaged.put("new", RawRecord(source_uri="u", source_sha256="s", record_id="r", text="x", fields={}))
    damaged.close()
    assert (tmp_path / (kept.name + ".damaged")).exists()
    assert open_page_cache(tmp_path).look(_Keyed("new"))[0].text == "x"  # the run's pages, in a new file


@dataclass(frozen=True)
class _Keyed:
    """A page the cache is asked about, its key given."""

    key: str
    uri: str = "u"
    record_id: str = "r"

    def cache_key(self) -> tuple[str, str]:
        return self.key, "s"
