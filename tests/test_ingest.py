"""Ingest and normalise: each format, each bad input, nothing lost."""

from __future__ import annotations

import base64
import codecs
import hashlib
import json
import random
from pathlib import Path

import pandas as pd
import pytest

from audit.errors import UsageError
from audit.ingest import FieldMap, iter_records
from audit.normalise import build_articles
from audit.normalise.text import normalise_text

TEXT = (
    "Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
    "mood, considering the Russian delegation included no high-profile negotiator."
)


def read_all(*paths: Path, fields: FieldMap | None = None):
    problems: list[str] = []
    articles, findings = build_articles(iter_records(list(paths), fields, problems.append))
    return articles, findings, problems


def test_txt_file_is_one_article_with_file_stem_id(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(TEXT + "\r\n", encoding="utf-8")
    articles, findings, problems = read_all(tmp_path / "a1.txt")
    assert [a.article_id for a in articles] == ["a1"]
    assert articles[0].text == TEXT  # CRLF and trailing newline normalised
    assert articles[0].source_uri.endswith("a1.txt")
    assert len(articles[0].source_sha256) == 64 and findings == [] and problems == []


def test_jsonl_records_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        {"id": "x1", "text": TEXT, "title": "Talks", "published": "2025-05-15T10:00:00Z",
         "publisher": "Just the News", "url": "https://example.org/x1", "language": "en"},
        {"text": TEXT + " Again."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    articles, findings, _ = read_all(path)
    first, second = articles
    assert first.article_id == "x1" and first.publisher == "Just the News"
    assert str(first.published) == "2025-05-15" and first.published_from == "metadata"
    assert second.article_id == "feed-2" and second.source_uri.endswith("feed.jsonl#line=2")
    assert findings == []


def test_json_array_csv_and_parquet(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps([{"id": "j1", "text": TEXT}]), encoding="utf-8")
    pd.DataFrame([{"id": "c1", "body": TEXT}]).to_csv(tmp_path / "b.csv", index=False)
    pd.DataFrame([{"id": "p1", "body": TEXT}, {"id": "p2", "body": TEXT + " More."}]).to_parquet(
        tmp_path / "c.parquet"
    )
    articles, findings, _ = read_all(tmp_path / "a.json")
    assert [a.article_id for a in articles] == ["j1"]
    articles, findings, _ = read_all(tmp_path / "b.csv", tmp_path / "c.parquet",
                                     fields=FieldMap(text="body"))
    assert [a.article_id for a in articles] == ["c1", "p1", "p2"] and findings == []


def test_html_main_text_extracted_by_trafilatura(tmp_path: Path) -> None:
    body = "".join(f"<p>{TEXT} Paragraph {n} adds more reporting on the talks.</p>" for n in range(4))
    html = (f"<html><head><title>Talks in Istanbul</title></head><body><nav>Home | World | "
            f"Sport</nav><article><h1>Talks in Istanbul</h1>{body}</article>"
            f"<footer>Copyright 2025 Example News</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    articles, findings, _ = read_all(tmp_path / "page.html")
    (article,) = articles
    assert "pessimistic mood" in article.text
    assert "Home | World" not in article.text and findings == []


def test_folder_is_searched_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT + " Two.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    articles, _, _ = read_all(tmp_path)
    assert sorted(a.article_id for a in articles) == ["a", "b"]


def test_missing_path_and_unsupported_format_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="nope.txt: no such file"):
        read_all(tmp_path / "nope.txt")
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(UsageError, match="unsupported format"):
        read_all(tmp_path / "x.docx")


def test_a_text_with_no_letter_or_digit_is_unreadable(tmp_path: Path) -> None:
    """fa_news: 13 records whose text is "." passed the audit (duplicate.exact of each other)."""
    (tmp_path / "feed.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                for i, t in (("dot", "."), ("dots", " ... \n—"), ("ok", TEXT), ("digits", "1917"), ("fa", "ایران"))),
        encoding="utf-8")
    (tmp_path / "mark.txt").write_text("***\n", encoding="utf-8")
    articles, findings, problems = read_all(tmp_path)
    assert len(articles) == 6  # every record is a row
    assert sorted(f.article_id for f in findings if f.check == "ingest.unreadable") == ["dot", "dots", "mark"]
    assert any(p.endswith("feed.jsonl#line=1: no letter or digit in field 'text' ('.')") for p in problems)
    assert any(p.endswith("mark.txt: no letter or digit in the text ('***')") for p in problems)


def test_mojibake_of_signs_only_is_text_not_unreadable(tmp_path: Path) -> None:
    """ftfy's in-the-wild case: Hebrew "בהודעה" as UTF-8 read as cp1252 is all signs ("×", "‘"):
    no letter, yet text that hygiene.encoding names, not an empty record."""
    (tmp_path / "feed.jsonl").write_text(
        "".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                for i, t in (("he", "בהודעה".encode().decode("cp1252")), ("stars", "*** ---"))),
        encoding="utf-8")
    articles, findings, problems = read_all(tmp_path)
    assert [a.article_id for a in articles] == ["he", "stars"]
    assert [f.article_id for f in findings if f.check == "ingest.unreadable"] == ["stars"]
    assert not any("feed.jsonl#line=1" in p for p in problems)


def test_bad_inputs_become_rows_with_findings_and_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "latin1.txt").write_bytes(("Fran\xe7ois " + TEXT).encode("latin-1"))
    (tmp_path / "feed.jsonl").write_text(
        json.dumps({"id": "ok", "text": TEXT}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "nobody", "body": TEXT}) + "\n"
        + json.dumps({"id": "blank", "text": "   "}) + "\n"
        + json.dumps({"id": "ok", "text": TEXT + " Copy."}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    articles, findings, problems = read_all(tmp_path)
    ids = [a.article_id for a in articles]
    assert len(ids) == len(set(ids)) == 9  # 3 txt + 5 jsonl records + the empty jsonl
    by_check: dict[str, list[str]] = {}
    for f in findings:
        by_check.setdefault(f.check, []).append(f.article_id)
    assert sorted(by_check["ingest.unreadable"]) == sorted(
        ["binary", "blank", "empty", "empty~2", "feed-2", "nobody"]
    )
    assert by_check["ingest.fault"] == ["latin1"]
    assert by_check["ingest.duplicate_id"] == ["empty~2", "ok~2"]  # empty.jsonl, empty.txt
    assert any("feed.jsonl#line=2: not JSON" in p for p in problems)
    assert any("feed.jsonl#line=3: no text field 'text' (fields: id, body)" in p for p in problems)
    assert any(p.endswith("binary.txt: binary file, not text") for p in problems)
    latin1 = next(a for a in articles if a.article_id == "latin1")
    assert latin1.text.startswith("François Ukrainian") and latin1.read_error is None
    assert latin1.extra["source_encoding"] == "cp1252"  # decoded as what it is, not U+FFFD
    raw = ("Fran\xe7ois " + TEXT).encode("latin-1")
    assert latin1.source_sha256 == hashlib.sha256(raw).hexdigest()  # the bytes' hash kept
    broken = next(a for a in articles if a.article_id == "feed-2")
    assert broken.raw == "{not json\n" and broken.text == ""


def test_csv_without_text_field_reports_each_record(tmp_path: Path) -> None:
    pd.DataFrame([{"id": "a", "body": TEXT}, {"id": "b", "body": TEXT}]).to_csv(
        tmp_path / "x.csv", index=False
    )
    articles, findings, problems = read_all(tmp_path / "x.csv")
    assert [a.article_id for a in articles] == ["a", "b"]
    assert [f.check for f in findings] == ["ingest.unreadable"] * 2
    assert problems[0].endswith("x.csv#record=1: no text field 'text' (fields: id, body): is it 'body'? "
                                "--text-field body")


def test_normalise_text_keeps_content_and_folds_layout() -> None:
    assert normalise_text("A\u0301 line  \r\n\r\n\r\n\r\nnext\t\n") == "\u00c1 line\n\nnext"


def test_corrupt_parquet_row_group_is_one_record_and_the_others_are_kept(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": f"r{i}", "text": f"{TEXT} Number {i}."} for i in range(60)]
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=10)
    column = pq.ParquetFile(path).metadata.row_group(2).column(1)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start + 5 : start + column.total_compressed_size - 2] = b"\xab" * (
        column.total_compressed_size - 7)  # group 2's page headers destroyed
    path.write_bytes(bytes(data))
    articles, findings, problems = read_all(path)
    assert len(articles) == 51  # 50 intact rows and one record for the bad group
    kept = [a.article_id for a in articles if a.read_error is None]
    assert kept == [f"r{i}" for i in range(60) if not 20 <= i < 30]
    bad = next(a for a in articles if a.read_error)
    assert bad.source_uri.endswith("feed.parquet#row_group=2&records=21-30")
    assert "row group 2 (records 21-30, 10 rows) unreadable" in bad.read_error
    assert bad.raw.startswith("base64:") and len(problems) == 1
    assert [f.check for f in findings] == ["ingest.unreadable"]


@pytest.mark.parametrize("value, shown", [(12345, "int (12345)"), (["a", "b"], 'list (["a", "b"])'),
                                          ({"a": 1}, 'dict ({"a": 1})'), (True, "bool (true)")])
def test_non_string_text_is_unreadable_never_str(tmp_path: Path, value, shown) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "x", "text": value}) + "\n", encoding="utf-8")
    articles, findings, _ = read_all(path)
    assert articles[0].text == "" and articles[0].raw == json.dumps({"id": "x", "text": value}) + "\n"
    assert articles[0].read_error == f"text field 'text' holds a {shown}, not a string"
    assert [f.check for f in findings] == ["ingest.unreadable"]


def test_undecidable_bytes_are_quarantined_with_the_bytes(tmp_path: Path) -> None:
    data = bytes(range(0x80, 0x100)) * 4  # no codec reads this as text
    (tmp_path / "noise.txt").write_bytes(data)
    articles, findings, _ = read_all(tmp_path / "noise.txt")
    assert "undecidable bytes" in articles[0].read_error
    assert base64.b64decode(articles[0].raw.removeprefix("base64:")) == data
    assert [f.check for f in findings] == ["ingest.unreadable"]


def test_cp1251_jsonl_line_is_decoded_and_its_codec_recorded(tmp_path: Path) -> None:
    line = '{"id": "ru", "text": "Президент прибыл в Стамбул в четверг для переговоров."}\n'
    (tmp_path / "ru.jsonl").write_bytes(line.encode("cp1251"))
    articles, findings, _ = read_all(tmp_path / "ru.jsonl")
    assert articles[0].text == "Президент прибыл в Стамбул в четверг для переговоров."
    assert articles[0].extra["source_encoding"] == "cp1251"
    assert [f.check for f in findings] == ["ingest.fault"]  # guessed: said, not silent


def test_renamed_ids_never_take_an_input_id(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    ids = ["same", "same", "same~2", "same"]
    path.write_text("".join(json.dumps({"id": i, "text": f"{TEXT} {n}."}) + "\n"
                            for n, i in enumerate(ids)), encoding="utf-8")
    articles, findings, _ = read_all(path)
    assert [a.article_id for a in articles] == ["same", "same~3", "same~2", "same~4"]
    assert [a.extra["source_id"] for a in articles] == ids  # the table keeps the input's id
    assert [f.article_id for f in findings if f.check == "ingest.duplicate_id"] == ["same~3", "same~4"]


def test_control_characters_in_jsonl_text_are_an_error_finding(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "nul", "text": "Talks\u0000 began \u0007today."}) + "\n",
                    encoding="utf-8")
    articles, findings, _ = read_all(path)
    assert articles[0].text == "Talks\x00 began \x07today."  # kept as read, not mangled
    (found,) = [f for f in findings if f.check == "ingest.control_chars"]
    assert (found.start, found.end) == (5, 6) and "U+0000 x1, U+0007 x1" in found.message


def test_limits_cut_a_huge_article_and_stop_too_many_records(tmp_path: Path) -> None:
    from audit.suite import Limits

    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "All talk. " * 1000}) + "\n"
                    + json.dumps({"id": "small", "text": TEXT}) + "\n", encoding="utf-8")
    limits = Limits(max_article_chars=500, max_records=2)
    articles, findings = build_articles(iter_records([path]), limits=limits)
    assert len(articles[0].text) <= 500 and articles[1].text == TEXT
    (found,) = [f for f in findings if f.check == "ingest.too_large"]
    assert found.article_id == "big" and found.data == {"characters": 10000, "kept": 499}
    with pytest.raises(UsageError, match="more than 1 records in one run"):
        build_articles(iter_records([path]), limits=Limits(max_records=1))


def test_suite_limits_are_read_and_checked(tmp_path: Path) -> None:
    from audit.suite import load_suite

    assert load_suite("news").limits.max_article_chars == 200_000
    document = json.loads((Path(__file__).resolve().parents[1] / "expectations" / "news.json").read_text())
    document["meta"]["corpus_audit"]["limits"] = {"max_records": 0}
    (tmp_path / "s.json").write_text(json.dumps(document))
    with pytest.raises(UsageError, match="limit max_records must be a whole number above 0"):
        load_suite(str(tmp_path / "s.json"))


def test_problem_lines_on_stderr_are_capped_and_every_one_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """30 broken records: 20 lines and one pointer on stderr, all 30 in summary.json."""
    from audit.pipeline import PROBLEM_LINES, run

    lines = [json.dumps({"id": f"ok{i}", "text": "A plain sentence about the weather."}) for i in range(3)]
    lines += ["{broken json"] * 30
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run([feed], out=tmp_path / "run", html_report=False, data_docs=False)
    printed = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(result.problems) == 30 and len(result.articles) == 33
    assert printed[:PROBLEM_LINES] == result.problems[:PROBLEM_LINES]
    assert len(printed) == PROBLEM_LINES + 1 and "more problems than 20" in printed[-1]
    saved = json.loads((tmp_path / "run" / "summary.json").read_text())["problems"]
    assert saved == result.problems
    assert "summary.json (problems)" in printed[-1]
    run([feed], out=None, html_report=False, data_docs=False)  # no folder: no summary.json to point to
    told = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert told[-1] == "... more problems than 20: the rest are not printed (with --out, the run's summary.json keeps every one)"


def test_a_run_over_max_records_fails_before_any_work_when_counted(tmp_path: Path) -> None:
    """The records are counted first (all of them with progress shown; --quiet counts
    up to the batch plan's "small", so a small input whole): over the suite's limit, the
    run says so at once, its out folder never made. Where the count is cut short or
    unknown (CSV, JSON), the workers' stage stops at the first record over the limit."""
    from dataclasses import replace

    from audit.pipeline import run
    from audit.progress import make_progress
    from audit.suite import Limits, load_suite

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": TEXT}) + "\n" for i in range(4)), encoding="utf-8")
    suite = replace(load_suite("news"), limits=Limits(max_records=3))
    for quiet in (False, True):
        with pytest.raises(UsageError, match=r"feed.jsonl: 4 records, more than 3 in one run"):
            run([feed], suite=suite, out=tmp_path / "run", cache=None, progress=make_progress(quiet),
                html_report=False, data_docs=False)
        assert not (tmp_path / "run").exists()
    ok = replace(load_suite("news"), limits=Limits(max_records=4))
    assert len(run([feed], suite=ok, out=tmp_path / "run", cache=None, progress=make_progress(False),
                   html_report=False, data_docs=False).articles) == 4


def test_a_quiet_run_over_max_records_fails_before_any_work_when_estimated_over(tmp_path: Path) -> None:
    """--quiet counts up to the batch plan's "small" only (1,600 records with one worker);
    past it, an input whose size says it may hold over half the limit is counted whole
    (audit.progress.count_if_over): over the limit, the run fails at once, naming the
    count, its out folder never made. Under the limit, it runs (every record a row)."""
    from dataclasses import replace

    from audit.pipeline import run
    from audit.progress import count_if_over, make_progress
    from audit.suite import Limits, load_suite

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "text": "A plain sentence."}) + "\n\n"
                            for i in range(2_000)), encoding="utf-8")  # blank lines: no records
    assert count_if_over([feed], 1_800) == 2_000 and count_if_over([feed], 2_000) is None
    assert count_if_over([feed], 5_000) is None  # estimated 4,000 lines (blank ones too): counted, 2,000
    assert count_if_over([feed], 9_000) is None  # estimated under half the limit: not counted
    suite = replace(load_suite("news"), limits=Limits(max_records=1_800))
    with pytest.raises(UsageError, match=r"feed.jsonl: 2,000 records, more than 1,800 in one run"):
        run([feed], suite=suite, out=tmp_path / "run", cache=None, progress=make_progress(True),
            workers=1, html_report=False, data_docs=False)
    assert not (tmp_path / "run").exists()
    ok = replace(load_suite("news"), limits=Limits(max_records=2_000))
    assert len(run([feed], suite=ok, out=tmp_path / "run", cache=None, progress=make_progress(True),
                   workers=1, html_report=False, data_docs=False).articles) == 2_000


def test_a_csv_of_a_header_alone_is_said_not_dropped(tmp_path: Path) -> None:
    """`id,text` and no row: the file was in no output at all (a helper's review, twentieth
    session), where an empty JSONL, CSV or parquet file is an unreadable record."""
    (tmp_path / "head.csv").write_text("id,text\n")
    (tmp_path / "bad.csv").write_text('id,text\n"a,"b\n')  # one unreadable row: that record alone
    articles, findings, problems = read_all(tmp_path / "head.csv")
    assert [(a.article_id, a.read_error) for a in articles] == [("head", "a header and no records")]
    assert [f.check for f in findings] == ["ingest.unreadable"]
    assert problems == [f"{tmp_path / 'head.csv'}: a header and no records"]
    articles, _, _ = read_all(tmp_path / "bad.csv")
    assert [a.read_error for a in articles] == ["CSV record broken at line 2 (',' expected after '\"')"]


def test_a_broken_csv_record_is_one_unreadable_record_and_the_reader_goes_on(tmp_path: Path) -> None:
    """A quote left open swallowed the records after it into one text, silently (c3 was
    lost in c2's text: a helper's review, twentieth session); text after a closing quote
    was glued on. Each is now an unreadable record holding its lines, and the next
    record is read."""
    (tmp_path / "open.csv").write_text('id,text\nc1,The council met on Tuesday.\n'
                                       'c2,"Unterminated quote starts here\nc3,Third article about the weather.\n')
    (tmp_path / "after.csv").write_text('id,text\na,"abc"def\nb,The mayor opened the library.\n'
                                        'c,He is 5\'11" tall and said ""hi"".\n'
                                        'd,"A space after the closing quote is no fault." \n')
    articles, _, problems = read_all(tmp_path / "open.csv")
    assert [(a.article_id, a.read_error) for a in articles] == [
        ("c1", None), ("open-2", "CSV record broken at line 3 (unexpected end of data)")]
    assert articles[1].raw == 'c2,"Unterminated quote starts here\nc3,Third article about the weather.\n'
    assert problems == [f"{tmp_path / 'open.csv'}#record=2: CSV record broken at line 3 (unexpected end of data)"]
    articles, _, _ = read_all(tmp_path / "after.csv")
    assert [(a.article_id, a.read_error is None) for a in articles] == [
        ("after-1", False), ("b", True), ("c", True), ("d", True)]
    assert articles[3].text == "A space after the closing quote is no fault."
    assert articles[2].text == 'He is 5\'11" tall and said ""hi"".'  # a bare quote in a field is text


def test_a_utf16_jsonl_file_is_read_line_by_line(tmp_path: Path) -> None:
    """Windows PowerShell's `>` writes UTF-16 with a byte order mark: its lines are not
    split at b"\\n" bytes (that gave 3 unreadable records for 2 good ones)."""
    lines = [json.dumps({"id": "w1", "text": TEXT}), json.dumps({"id": "w2", "text": "Żółć " + TEXT})]
    (tmp_path / "wide.jsonl").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-16"))
    (tmp_path / "wide32.jsonl").write_bytes(("\n".join(lines) + "\n").encode("utf-32"))
    for name, codec in (("wide.jsonl", "utf-16"), ("wide32.jsonl", "utf-32")):
        articles, _, problems = read_all(tmp_path / name)
        assert [(a.article_id, a.read_error) for a in articles] == [("w1", None), ("w2", None)]
        assert articles[1].text.startswith("Żółć Ukrainian President")
        assert [a.extra["source_encoding"] for a in articles] == [codec, codec] and not problems
    assert [a.source_uri.rsplit("#", 1)[1] for a in articles] == ["line=1", "line=2"]
    (tmp_path / "bad.jsonl").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate's half
    articles, _, _ = read_all(tmp_path / "bad.jsonl")
    assert len(articles) == 1 and articles[0].read_error.startswith("not utf-16 after its byte order mark")


def test_linked_folders_are_read_and_a_dangling_link_is_said(tmp_path: Path) -> None:
    """A linked folder's files were left out, and a link to nothing skipped, both silently."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "far.txt").write_text(TEXT)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "near.txt").write_text(TEXT)
    (corpus / "linked").symlink_to(elsewhere, target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)  # walked once, not for ever
    (corpus / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "lost.jsonl").symlink_to(tmp_path / "missing.jsonl")  # counted for the ETA: it raised
    articles, _, problems = read_all(corpus)
    expected = [("far", True), ("gone", False), ("lost", False), ("near", True)]
    assert sorted((a.article_id, a.read_error is None) for a in articles) == expected
    assert [p for p in problems if "gone.txt" in p] and "cannot read" in problems[0]
    from audit.pipeline import run

    result = run([corpus], out=None, workers=1, on_problem=None, cache=None)
    assert sorted((a.article_id, a.read_error is None) for a in result.articles) == expected


def test_what_is_said_of_a_line_that_is_no_record_reads_as_english(tmp_path: Path) -> None:
    """"record is a int", "record is a NoneType", "starting at at column 19" (a review's list)."""
    from audit.ingest.readers import _line_record

    said = [_line_record("x#line=1", line, FieldMap()).error
            for line in (b"42", b"null", b"[1]", b'{"text": "abc')]
    assert said[:3] == ["record is a number, not an object", "record is null, not an object",
                        "record is a list, not an object"]
    assert said[3] == "not JSON (Unterminated string starting at column 10)"
    (tmp_path / "README").write_text("x")
    with pytest.raises(UsageError, match="no file extension"):
        read_all(tmp_path / "README")


def test_a_utf8_text_with_a_stray_byte_is_read_as_utf8(tmp_path: Path) -> None:
    """One byte that is not UTF-8 in a UTF-8 article made the whole record unreadable ("no
    codec reads them as text"); now it is read as U+FFFD and said. A latin-1 text stays
    latin-1 (cp1252), and bytes with many strays stay undecidable."""
    from audit.ingest.charset import decode_bytes

    utf8 = "Café society: Zürich and São Paulo. ".encode() * 20
    read = decode_bytes(utf8 + b"\xff end")
    assert read is not None and read.encoding == "utf-8 (stray bytes)" and read.text.endswith("Paulo. \ufffd end")
    assert read.fault == f"not UTF-8 at 1 byte(s) (the first at {len(utf8)}): each read as U+FFFD"
    assert decode_bytes("Café society in Zürich.".encode("latin-1")).encoding == "cp1252"
    assert decode_bytes(bytes(range(128, 256)) * 4) is None
    line = json.dumps({"id": "s", "text": "Zürich, São Paulo and the café. " * 10}, ensure_ascii=False).encode()
    (tmp_path / "s.jsonl").write_bytes(line[:-2] + b"\xff" + line[-2:] + b"\n")
    articles, findings, _ = read_all(tmp_path / "s.jsonl")
    assert articles[0].read_error is None and "\ufffd" in articles[0].text
    assert [f.check for f in findings] == ["ingest.fault"]
    from audit.pipeline import run

    # with a cache (the command line's default): the known-lines cache read the line again as
    # UTF-8 and raised (a review's find); a rerun serves it as the cold run made it
    runs = [run([tmp_path / "s.jsonl"], out=None, workers=1, on_problem=None, cache=tmp_path / "c")
            for _ in range(2)]
    assert [[(a.article_id, a.text, a.extra["source_encoding"]) for a in r.articles] for r in runs] == [
        [("s", articles[0].text, "utf-8 (stray bytes)")]] * 2
    assert runs[1].summary["findings_cache"]["hits"] > 0


def test_an_id_made_for_a_record_never_takes_another_records_own(tmp_path: Path) -> None:
    """gen.json: a record without id (made: "gen-1"), then one whose own id is "gen-1". The
    second was renamed "gen-1~2", its own id lost to a made one (a helper's review)."""
    (tmp_path / "gen.json").write_text(json.dumps([{"text": TEXT}, {"id": "gen-1", "text": TEXT + " Again."}]))
    articles, findings, _ = read_all(tmp_path / "gen.json")
    assert [(a.article_id, a.extra["source_id"]) for a in articles] == [("gen-1~2", None), ("gen-1", "gen-1")]
    assert [f.message for f in findings if f.check == "ingest.duplicate_id"] == [
        "The id made for this record ('gen-1', from its file and position) is another record's; "
        "renamed 'gen-1~2' (a name no input record has)."]
    from audit.pipeline import run

    for workers in (1, 2):  # the workers' naming (audit.detect.workers._final_ids) the same
        result = run([tmp_path / "gen.json"], out=None, workers=workers, on_problem=None, cache=None)
        assert [a.article_id for a in result.articles] == ["gen-1~2", "gen-1"]


def test_a_csv_header_naming_a_column_twice_is_said(tmp_path: Path) -> None:
    """Two `text` columns: a row's dict keeps the last, silently (a review's list)."""
    (tmp_path / "two.csv").write_text("id,text,text\na,First text of the row.,Second text of the row.\n")
    articles, findings, _ = read_all(tmp_path / "two.csv")
    assert articles[0].text == "Second text of the row."
    assert [f.message.split(": ", 1)[1] for f in findings if f.check == "ingest.fault"] == [
        "header names 'text' more than once: the last such column read."]


def test_a_key_named_twice_in_a_jsonl_record_is_said(tmp_path: Path) -> None:
    """json keeps the last value of a repeated key, and the first was lost unsaid (a text
    given twice: the first article's text gone). Said as the record's fault, cold and from a
    rerun's cache; a '":' inside a value, or a nested object's own keys, are no repeat."""
    twice = json.dumps({"id": "twice", "text": TEXT, "again": TEXT + " Again."}).replace('"again"', '"text"')
    lines = [twice,
             json.dumps({"id": "quoted", "text": TEXT + ' He said": no.'}),
             json.dumps({"id": "nested", "text": TEXT, "meta": {"id": 1, "text": "x"}})]
    (tmp_path / "k.jsonl").write_text("\n".join(lines) + "\n")
    from audit.pipeline import run

    for _ in range(2):
        result = run([tmp_path / "k.jsonl"], out=None, workers=1, on_problem=None, cache=tmp_path / "c")
        faults = {f.article_id: f.message for f in result.findings if f.check == "ingest.fault"}
        assert list(faults) == ["twice"] and "repeated key 'text' (the last value kept)" in faults["twice"]
        assert next(a for a in result.articles if a.article_id == "twice").text.endswith("Again.")


def test_a_key_named_twice_in_a_json_files_record_is_said(tmp_path: Path) -> None:
    """As a JSONL line's: a record of a JSON file's array that names "text" twice says so
    (the first text was lost unsaid); its neighbours, a nested object's own keys and a
    '":' inside a value are no repeat, and a lone surrogate's scrub keeps the fault."""
    twice = json.dumps({"id": "twice", "text": TEXT, "again": TEXT + " Again."}).replace('"again"', '"text"')
    scrubbed = json.dumps({"id": "scrub", "text": TEXT + " \\ud800", "again": TEXT}).replace('"again"', '"text"')
    scrubbed = scrubbed.replace("\\\\ud800", "\\ud800")
    items = [twice, json.dumps({"id": "quoted", "text": TEXT + ' He said": no.'}),
             json.dumps({"id": "nested", "text": TEXT, "meta": {"id": 2}}).replace('"id": 2', '"id": 1, "id": 2'),
             scrubbed]
    (tmp_path / "k.json").write_text("[" + ",\n".join(items) + "]")
    articles, findings, _ = read_all(tmp_path / "k.json")
    faults = {f.article_id: f.message for f in findings if f.check == "ingest.fault"}
    assert sorted(faults) == ["scrub", "twice"]
    assert "repeated key 'text' (the last value kept)" in faults["twice"]
    assert "repeated key 'text'" in faults["scrub"]
    assert next(a for a in articles if a.article_id == "twice").text.endswith("Again.")
    assert len(articles) == 4
    # one object, not an array: the same
    (tmp_path / "one.json").write_text(twice)
    _, findings, _ = read_all(tmp_path / "one.json")
    assert ["repeated key 'text'" in f.message for f in findings if f.check == "ingest.fault"] == [True]


def test_a_utf16_jsonl_file_is_decoded_a_chunk_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Decoded whole, a UTF-16 file held its bytes, text and lines at once. Chunks of 7 bytes
    cut lines, characters and a surrogate pair (an emoji) apart: the records are the same, and
    a bad byte is counted in the file, past what the decoder held back."""
    from audit.ingest import readers

    lines = [json.dumps({"id": f"w{n}", "text": f"Record {n} 🙂 Żółć " + TEXT}, ensure_ascii=False) for n in range(4)]
    (tmp_path / "wide.jsonl").write_bytes(("\n".join(lines) + "\n\n").encode("utf-16"))
    whole, _, _ = read_all(tmp_path / "wide.jsonl")
    monkeypatch.setattr(readers, "WIDE_CHUNK", 7)
    chunked, _, _ = read_all(tmp_path / "wide.jsonl")
    assert [(a.article_id, a.text, a.source_uri, a.source_sha256) for a in chunked] == [
        (a.article_id, a.text, a.source_uri, a.source_sha256) for a in whole]
    assert [a.article_id for a in chunked] == ["w0", "w1", "w2", "w3"] and "🙂" in chunked[3].text
    data = ("\n".join(lines)).encode("utf-16-le")
    (tmp_path / "bad.jsonl").write_bytes(codecs.BOM_UTF16_LE + data[:40] + b"\x00\xdc" + data[40:])
    articles, _, _ = read_all(tmp_path / "bad.jsonl")
    assert [a.read_error for a in articles] == [
        "not utf-16 after its byte order mark (illegal encoding at byte 42)"]


def test_bytes_that_read_as_one_long_word_of_letters_are_undecidable(tmp_path: Path) -> None:
    """Random bytes 0xC0-0xFF read as Cyrillic (every byte a letter in iso8859_5 and cp1251):
    1 record in 6 passed the gate as text, with a warning. A run of 80 non-ASCII letters with no
    space is no word of an alphabet: undecidable, quarantined with its bytes. Real Cyrillic,
    Greek and German (a 84-letter compound is ASCII but for one letter) still decode, and Chinese
    in gb18030, written without spaces, too."""
    from audit.ingest.charset import decode_bytes

    rng = random.Random(2)
    noise = [bytes(rng.randrange(0xC0, 0x100) for _ in range(300)) for _ in range(30)]
    assert all(decode_bytes(b'{"id": "x", "text": "' + n + b'"}') is None for n in noise)
    for text, codec in (("Привет, как дела? Это обычный русский текст в кодировке Windows-1251.", "cp1251"),
                        ("Ελληνικό κείμενο σε κωδικοποίηση Windows-1253, με κενά ανάμεσα στις λέξεις.", "cp1253"),
                        ("Die Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstaltsgebäude "
                         "steht in Wien, sagte ein Sprecher am Montag.", "cp1252"),
                        ("北京时间今天上午国务院新闻办公室举行新闻发布会介绍今年前三季度国民经济运行情况" * 3, "gb18030")):
        decoded = decode_bytes(text.encode(codec))
        assert decoded is not None and decoded.text == text, codec
    (tmp_path / "noise.jsonl").write_bytes(b'{"id": "n", "text": "' + noise[0] + b'"}\n')
    articles, _, _ = read_all(tmp_path / "noise.jsonl")
    assert articles[0].read_error == "undecidable bytes: not UTF-8 and no codec reads them"
