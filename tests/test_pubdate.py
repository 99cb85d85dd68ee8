"""Publication dates that cannot be the article's (audit.normalise.plausible).

Real-shaped records: FakeNewsNet's pages carry a prank generator's 2059 date, scrapers and
databases write their null as 0001-01-01 or a Unix 0 (docs/measurements/precx.md). Such a
date is set aside: provenance.missing names the field and the value, the table has no date,
and no date-relative check reads the text against it (on the old code the weekday check
fired on all three, relative_date on the epoch one, and year 1 made relative_date raise).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import audit
from audit.detect.hygiene.provenance import UNDATED
from audit.model import Article
from audit.normalise.dates import url_date
from audit.normalise.plausible import DateBounds, implausible, set_aside_implausible
from audit.pipeline import RunResult

# A wire story's opening (the shape of the PolitiFact pages' text): a weekday with its date,
# a relative date, a title.
TEXT = ("President Barack Obama said on Tuesday, March 1, that the Senate would vote tomorrow, "
        "March 2, after a week of talks with Republican leaders on the spending bill.\n\n"
        "Last week the appropriations committee met twice and agreed on the text, aides said, "
        "and the House is expected to take it up before the recess.")
RUN_DATE = date(2026, 12, 4)
FAST = {"on_problem": None, "data_docs": False, "html_report": False, "workers": 1}
DATE_CHECKS = ("consistency.weekday", "consistency.relative_date", "consistency.date",
               "consistency.title_anachronism", "consistency.contradiction")
# the message of a record with no date of its own (a text may still date what it reports)
NO_DATE = f"No usable publication date in the record's metadata or its text. {UNDATED}"


def _corpus(path: Path) -> Path:
    records = [
        {"id": "zero", "publisher": "example.com", "published": "0001-01-01T00:00:00Z", "text": TEXT},
        {"id": "prank", "publisher": "example.com", "published": "2059-03-01", "text": TEXT},
        {"id": "epoch", "publisher": "example.com", "published": "1970-01-01T00:00:00Z", "text": TEXT},
        {"id": "unix0", "publisher": "example.com", "published": 0, "text": TEXT},
        {"id": "real", "publisher": "example.com", "published": "2016-03-01", "text": TEXT},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _by_article(result: RunResult) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for f in result.findings:
        if not f.check.startswith("duplicate."):
            found.setdefault(f.article_id, []).append((f.check, f.message))
    return found


def test_implausible_dates_are_set_aside_and_reported(tmp_path: Path) -> None:
    result = audit.run([_corpus(tmp_path / "c.jsonl")], out=tmp_path / "out", cache=None,
                       run_date=RUN_DATE, **FAST)
    found = _by_article(result)
    assert found["zero"] == [("provenance.missing", "published '0001-01-01' (from the record's metadata) is "
                              "not a plausible publication date: a zero date (0001-01-01: the null of .NET, "
                              "Go and many databases).")]
    assert found["prank"] == [("provenance.missing", "published '2059-03-01' (from the record's metadata) is "
                               "not a plausible publication date: after the run's date (2026-12-04).")]
    assert [c for c, _ in found["epoch"]] == ["provenance.missing"]
    assert "'1970-01-01'" in found["epoch"][0][1]
    # a number is not read as a date at all: no date, as before, and reading says why
    assert found["unix0"] == [
        ("ingest.fault", f"{tmp_path / 'c.jsonl'}#line=4: field 'published' (0) is not a date: ignored."),
        ("provenance.missing", NO_DATE)]
    assert "real" not in found  # 2016-03-01 is a Tuesday: nothing to say
    missing = {f.article_id: f.data for f in result.findings if f.check == "provenance.missing"}
    assert missing["prank"]["implausible"] == {"published": "2059-03-01", "from": "metadata",
                                               "why": "after the run's date (2026-12-04)"}
    assert not result.failed  # year 1 made relative_date raise (OverflowError)
    by_id = {a.article_id: a for a in result.articles}
    assert [by_id[i].published for i in ("zero", "prank", "epoch", "real")] == [None, None, None, date(2016, 3, 1)]
    assert by_id["prank"].published_from == "none"


def test_the_run_date_decides(tmp_path: Path) -> None:
    """On 2059-02-28 (UTC), 2059-03-01 is the next day: plausible (a time zone ahead), and the
    date checks read the text against it (March 1, 2059 is a Saturday)."""
    result = audit.run([_corpus(tmp_path / "c.jsonl")], out=tmp_path / "out", cache=None,
                       run_date=date(2059, 2, 28), **FAST)
    checks = [c for c, _ in _by_article(result)["prank"]]
    assert "consistency.weekday_yearless" in checks and "provenance.missing" not in checks


def test_a_cached_verdict_does_not_go_stale(tmp_path: Path) -> None:
    """A rerun with a cache on a later day judges the date again: the known line and the
    cached findings give what a cold run on that day gives."""
    corpus = _corpus(tmp_path / "c.jsonl")
    cache = tmp_path / "cache"
    audit.run([corpus], out=tmp_path / "a", cache=cache, run_date=RUN_DATE, **FAST)
    later = audit.run([corpus], out=tmp_path / "b", cache=cache, run_date=date(2059, 2, 28), **FAST)
    cold = audit.run([corpus], out=tmp_path / "c", cache=None, run_date=date(2059, 2, 28), **FAST)
    assert [f.to_json() for f in later.findings] == [f.to_json() for f in cold.findings]
    assert (tmp_path / "b" / "findings.jsonl").read_bytes() == (tmp_path / "c" / "findings.jsonl").read_bytes()
    back = audit.run([corpus], out=tmp_path / "d", cache=cache, run_date=RUN_DATE, **FAST)
    first = (tmp_path / "a" / "findings.jsonl").read_bytes()
    assert (tmp_path / "d" / "findings.jsonl").read_bytes() == first
    assert [f.check for f in back.findings if f.article_id == "prank"].count("provenance.missing") == 1


def _article(published: date, source: str = "metadata") -> Article:
    return Article(article_id="a", source_uri="u", source_sha256="", title=None, published=published,
                   published_from=source, publisher=None, url=None, language="en",  # type: ignore[arg-type]
                   language_prob=None, text="", content_sha256="")


@pytest.mark.parametrize(("published", "source", "why"), [
    (date(2026, 12, 5), "metadata", None),  # the run's next day: a time zone ahead
    (date(2026, 12, 6), "metadata", "after the run's date (2026-12-04)"),
    (date(2059, 8, 23), "dateline", "after the run's date (2026-12-04)"),
    (date(1799, 12, 31), "metadata", "before 1800, the suite's earliest year (meta.corpus_audit.dates)"),
    (date(1800, 1, 1), "metadata", None),
    (date(1970, 1, 1), "dateline", None),  # "January 1, 1970" in the text is what the text says
    (date(1970, 1, 2), "metadata", None),
])
def test_bounds(published: date, source: str, why: str | None) -> None:
    assert implausible(published, source, DateBounds(run_date=RUN_DATE)) == why  # type: ignore[arg-type]


def test_set_aside_keeps_the_date_as_evidence() -> None:
    article = _article(date(1, 1, 1))
    set_aside_implausible(article, DateBounds(run_date=RUN_DATE))
    assert (article.published, article.published_from) == (None, "none")
    assert article.published_set_aside is not None and article.published_set_aside.value == date(1, 1, 1)
    kept = _article(date(2016, 3, 1))
    set_aside_implausible(kept, DateBounds(run_date=RUN_DATE))
    assert kept.published == date(2016, 3, 1) and kept.published_set_aside is None


def test_the_suite_sets_the_earliest_year(tmp_path: Path) -> None:
    news = json.loads((Path(audit.__file__).parent.parent / "expectations" / "news.json").read_text())
    news["meta"]["corpus_audit"]["dates"] = {"earliest_year": 1700}
    suite = tmp_path / "archive.json"
    suite.write_text(json.dumps(news), encoding="utf-8")
    corpus = tmp_path / "old.jsonl"
    corpus.write_text(json.dumps({"id": "old", "publisher": "p", "published": "1750-05-01",
                                  "text": TEXT.replace("President Barack Obama", "The governor")}) + "\n")
    default = audit.run([corpus], out=tmp_path / "a", cache=None, run_date=RUN_DATE, **FAST)
    archive = audit.run([corpus], suite=str(suite), out=tmp_path / "b", cache=None, run_date=RUN_DATE, **FAST)
    assert any("before 1800" in f.message for f in default.findings if f.check == "provenance.missing")
    assert archive.articles[0].published == date(1750, 5, 1)


def test_a_cached_run_never_serves_another_dates_evidence(tmp_path: Path) -> None:
    """The same text with a null date, then with none: both have the same cache keys (no
    `published`), so the evidence naming '0001-01-01' must not come from a cache (it does
    not: provenance.missing runs every run; a cached one would need the evidence in its key)."""
    first, second = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    first.write_text(json.dumps({"id": "a", "publisher": "p", "published": "0001-01-01", "text": TEXT}) + "\n")
    second.write_text(json.dumps({"id": "a", "publisher": "p", "text": TEXT}) + "\n")
    audit.run([first], out=tmp_path / "a", cache=tmp_path / "cache", run_date=RUN_DATE, **FAST)
    rerun = audit.run([second], out=tmp_path / "b", cache=tmp_path / "cache", run_date=RUN_DATE, **FAST)
    assert [f.message for f in rerun.findings if f.check == "provenance.missing"] == [
        NO_DATE]


# A registry page's shape (a real one, docs/measurements.md, twentieth session): its date
# only on a line of its own, which metadata.leak reads as a date line; the record has none.
DATE_LINE_TEXT = ("Daily Legal News - New Corporations\n- Company Name\n- GREEN LAWNS LLC\n- Effective Date\n"
                  "- Saturday, July 25, 2020\n- Type\n- Limited Liability Company\nThe company was filed by its "
                  "two founders, who said they would mow lawns in the county and hire three people before "
                  "the end of the season.\n")


def test_a_date_read_from_a_date_line_is_not_reported_missing(tmp_path: Path) -> None:
    """The date a metadata.leak line gives (audit.detect.clean.annotate) fills the table's
    `published` after provenance.missing ran: its finding said "No publication date in the
    record's metadata or its text" beside a row dated 2020-07-25 (from dateline). It goes;
    a set-aside date that a stamp replaces goes too."""
    corpus = tmp_path / "c.jsonl"
    stamped = "Published: May 15, 2025 10:59pm\n" + TEXT
    corpus.write_text(json.dumps({"id": "registry", "text": DATE_LINE_TEXT}) + "\n"
                      + json.dumps({"id": "zero", "published": "0001-01-01", "text": stamped}) + "\n"
                      + json.dumps({"id": "none", "text": TEXT}) + "\n")
    result = audit.run([corpus], out=tmp_path / "out", cache=None, run_date=RUN_DATE, **FAST)
    by_id = {a.article_id: a for a in result.articles}
    assert (by_id["registry"].published, by_id["registry"].published_from) == (date(2020, 7, 25), "dateline")
    assert (by_id["zero"].published, by_id["zero"].published_from) == (date(2025, 5, 15), "dateline")
    found = _by_article(result)
    assert [c for c, _ in found["registry"]] == ["metadata.leak"]
    assert "provenance.missing" not in [c for c, _ in found["zero"]]
    assert found["none"] == [("provenance.missing", NO_DATE)]
    table = pd.read_parquet(tmp_path / "out" / "articles.parquet").set_index("article_id")
    assert table.loc["registry", "n_provenance_missing"] == 0 and table.loc["none", "n_provenance_missing"] == 1


def test_after_stamps_keeps_what_is_still_missing() -> None:
    from dataclasses import replace

    from audit.detect.hygiene.provenance import after_stamps, missing_finding

    article = Article(article_id="a", source_uri="", source_sha256="", title=None, published=None,
                      published_from="none", publisher=None, url=None, language="en", language_prob=1.0,
                      text="Some text.", content_sha256="")
    before = replace(missing_finding(article, ("published", "publisher", "source_uri")), severity="error")
    assert before.message == f"No usable publication date, publisher, source in the record's metadata or its text. {UNDATED}"
    article.published, article.published_from = date(2025, 5, 15), "dateline"
    other = replace(before, article_id="b")
    after = after_stamps([before, other], [article], {"a"})
    assert after[1] is other  # another article's finding, as it was
    assert after[0].severity == "error" and after[0].data == {"missing": ["publisher", "source_uri"]}
    assert after[0].message == "No usable publisher, source in the record's metadata or its text."
    article.publisher, article.source_uri = "example.com", "mem/a.txt"
    assert after_stamps([before], [article], {"a"}) == []


def test_a_published_value_that_is_no_date_is_said(tmp_path: Path) -> None:
    """"2024-02-30", "not a date", 12345, true: dropped in silence, and provenance.missing
    said the record's metadata gave no date (a helper's review, twentieth session)."""
    values = ["2024-02-30", "not a date", 12345, True, "2024-05-01T25:99:00"]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"v{n}", "published": value, "text": TEXT}) + "\n"
                              for n, value in enumerate(values))
                      + json.dumps({"id": "ok", "published": "Tue, 1 Mar 2016 10:00:00 GMT", "text": TEXT}) + "\n")
    result = audit.run([corpus], out=None, cache=None, run_date=RUN_DATE, **FAST)
    faults = {f.article_id: f.message.split(": ", 1)[1] for f in result.findings if f.check == "ingest.fault"}
    assert faults == {f"v{n}": f"field 'published' ({json.dumps(value)}) is not a date: ignored."
                      for n, value in enumerate(values)}
    by_id = {a.article_id: a for a in result.articles}
    assert by_id["ok"].published == date(2016, 3, 1) and by_id["ok"].published_from == "metadata"
    assert all(by_id[f"v{n}"].published is None for n in range(len(values)))


@pytest.mark.parametrize("value, expected", [
    ("11 de julho de 2017", date(2017, 7, 11)),  # Fake.Br's records (Brazilian news)
    (" 3 de Março de 2018 ", date(2018, 3, 3)),
    ("3 de marco de 2018", date(2018, 3, 3)),  # the accent left out
    ("1 de octubre de 1999", date(1999, 10, 1)),
    ("1er mars 2020", date(2020, 3, 1)),
    ("10 août 2019 à 14h", date(2019, 8, 10)),
    ("5. März 2024", date(2024, 3, 5)),
    ("12 luglio 2021", date(2021, 7, 12)),
    ("12 mei 2021", date(2021, 5, 12)),
    ("31 de fevereiro de 2017", None),  # no such day
    ("julho de 2017", None), ("11 de julho", None),  # no day, no year: no date
    ("28/2/18", date(2018, 2, 28)),  # Fake.Br: day first, a two-digit year (said "not a date")
    ("2/28/2018", date(2018, 2, 28)), ("28-2-75", date(1975, 2, 28)), ("4.4.2019", date(2019, 4, 4)),
    ("3/4/18", None),  # the 3rd of April or the 4th of March: no date guessed
    ("14/12/0201", None), ("30/2/18", None),  # a year typed short, no such day
])
def test_a_date_field_in_another_language_is_read(value: str, expected: date | None) -> None:
    from audit.normalise.dates import parse_metadata_date

    assert parse_metadata_date(value) == expected


def test_a_portuguese_date_field_is_the_metadata_date(tmp_path: Path) -> None:
    """1,109 of Fake.Br's 7,200 records date themselves "11 de julho de 2017": each had an
    ingest fault and provenance.missing's "No usable publication date"."""
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "pt", "published": "11 de julho de 2017", "text": TEXT}) + "\n")
    result = audit.run([corpus], out=None, cache=None, run_date=RUN_DATE, **FAST)
    assert result.articles[0].published == date(2017, 7, 11)
    assert result.articles[0].published_from == "metadata"
    assert not [f for f in result.findings if f.check in ("ingest.fault", "provenance.missing")]


# DICE's Italian crime news (Gazzetta di Modena) has no date field, only its URL's path
MODENA_URL = "https://gazzettadimodena.gelocal.it/modena/cronaca/2020/01/30/news/recuperato-un-fuoristrada-rubato-a-prignano-1.38404652"


@pytest.mark.parametrize(("url", "expected"), [
    (MODENA_URL, date(2020, 1, 30)),
    ("https://elpais.com/elpais/2020/02/18/ciencia/1582045946_459487.html", date(2020, 2, 18)),
    ("https://example.com/news/2019-05-12/budget", date(2019, 5, 12)),
    # a slug after year and month, a two-digit year, a date in the query, no URL
    ("http://www.theatlantic.com/entertainment/archive/2012/11/99-problems-but-mitt-aint-one/264587/", None),
    ("http://www.cnn.com/TRANSCRIPTS/1611/13/sotu.01.html", None),
    ("https://example.com/search?from=/2019/05/12/", None),
    (None, None),
])
def test_a_urls_path_date(url: str | None, expected: date | None) -> None:
    assert url_date(url) == expected


def test_a_records_url_dates_it_when_no_field_does(tmp_path: Path) -> None:
    """A record without `published` whose URL holds the day has that date, read from its
    metadata: provenance.missing said "No usable publication date" of 283 of DICE's 804
    records, and of 500 of the Spanish Fake News Corpus's. The field, then a date line,
    come first; a URL without a day dates nothing."""
    corpus = tmp_path / "c.jsonl"
    records = [
        {"id": "url", "url": MODENA_URL, "text": TEXT},
        {"id": "field", "url": MODENA_URL, "published": "2020-01-31", "text": TEXT},
        {"id": "line", "url": MODENA_URL, "text": "Published: May 15, 2025 10:59pm\n" + TEXT},
        {"id": "dayless", "url": "https://example.com/2020/01/budget", "text": TEXT},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = audit.run([corpus], out=None, cache=None, run_date=RUN_DATE, **FAST)
    dated = {a.article_id: (a.published, a.published_from) for a in result.articles}
    assert dated == {"url": (date(2020, 1, 30), "metadata"), "field": (date(2020, 1, 31), "metadata"),
                     "line": (date(2025, 5, 15), "dateline"), "dayless": (None, "none")}
    missing = {f.article_id for f in result.findings if f.check == "provenance.missing"}
    assert missing == {"dayless"}
