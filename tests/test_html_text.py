"""hygiene.markup: a record whose text is an HTML page (audit.detect.hygiene.html_text)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import audit
from audit.detect.hygiene.html_text import find_html_texts, unread_pages
from audit.model import Article, span_finding

ROOT = Path(__file__).resolve().parents[1]
ZYTE = ROOT.parent / "shared" / "data" / "article-extraction-benchmark"
PROSE = ("The council met on Tuesday and agreed the budget for the coming year after a long debate. "
         "Residents had asked for more money for the libraries and the swimming pool. ")
# a Webz.io story's Instagram embed, as its record kept it: half the text's characters are tags
EMBED = ('<blockquote class="instagram-media" data-instgrm-captioned data-instgrm-permalink='
         '"https://www.instagram.com/reel/CyPlfjfo9sW/" data-instgrm-version="14" style=" background:#FFF; '
         'border:0; margin: 1px; max-width:540px;"><div style="padding:16px;"> <a href="https://www.instagram.com/'
         'reel/CyPlfjfo9sW/" target="_blank"> ' + '<div style="display: flex; flex-direction: row;"></div> ' * 30
         + '</a></div></blockquote> <script async src="//www.instagram.com/embed.js"></script>')


def article(text: str, article_id: str = "a1") -> Article:
    return Article(article_id=article_id, source_uri=f"mem/{article_id}", source_sha256="", title=None,
                   published=None, published_from="none", publisher=None, url=None, language="en",
                   language_prob=None, text=text, content_sha256="")


def found(text: str) -> list[str]:
    return [f.excerpt for f in find_html_texts([article(text)], {})]


@pytest.mark.skipif(not (ZYTE / "html").exists(), reason="needs ../shared/data (article-extraction-benchmark)")
def test_a_stored_page_fails_the_suite_once_with_its_document_tag(tmp_path: Path) -> None:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(gold)[:3]
    with (tmp_path / "c.jsonl").open("w", encoding="utf-8") as fh:
        for key in keys:
            page = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
            fh.write(json.dumps({"id": key[:8], "text": page, "url": gold[key]["url"]}) + "\n")
        fh.write(json.dumps({"id": "story", "text": PROSE * 3}) + "\n")
    result = audit.run([tmp_path / "c.jsonl"], out=None, on_problem=None, workers=1)
    marked = [f for f in result.findings if f.check == "hygiene.markup"]
    assert sorted(f.article_id for f in marked) == sorted(k[:8] for k in keys)
    assert all(f.severity == "error" and f.excerpt.lower().startswith(("<html", "<!doctype html"))
               and "extract its main text" in f.message for f in marked)
    assert all(result.status[k[:8]] == "fail" for k in keys)  # three of five had passed on warnings
    # the checks that read prose do not judge a page (hundreds of boilerplate spans before)
    assert {f.check for f in result.findings if f.article_id != "story"} <= {
        "hygiene.markup", "provenance.missing", "ingest.too_large"}
    unjudged = result.summary["counts"]["not_checked_by_check"]
    assert unjudged["boilerplate.line"] == unjudged["duplicate.repeated"] == len(keys)  # the pages, not the story
    assert "hygiene.markup" not in unjudged and result.status["story"] == "pass"


def test_a_page_is_not_judged_by_the_checks_that_read_prose() -> None:
    page = "<!DOCTYPE html><html><head><title>x</title></head><body>" + "<p>Share</p>" * 30 + "</body></html>"
    pages = [article(page, "page"), article(PROSE + "Share\n" * 3, "story")]
    marked = list(find_html_texts(pages, {}))
    found_ = [*marked, *(span_finding(a, "boilerplate.line", 0, 5, "chrome") for a in pages),
              span_finding(pages[0], "duplicate.exact", 0, 5, "a copy")]
    not_checked: dict[str, list[str]] = {"page": ["language.mixed"]}
    kept = unread_pages(found_, ["boilerplate.line", "language.mixed"], not_checked)
    assert [(f.article_id, f.check) for f in kept] == [
        ("page", "hygiene.markup"), ("story", "boilerplate.line"), ("page", "duplicate.exact")]
    assert not_checked == {"page": ["language.mixed", "boilerplate.line"]}  # the suite's, once each
    assert "did not judge it" in marked[0].message
    assert unread_pages(found_[1:], ["boilerplate.line"], {}) == found_[1:]  # no page: unchanged


def test_an_article_with_an_embed_or_quoting_html_is_no_page() -> None:
    assert found("<!DOCTYPE html><html><head><title>x</title></head><body>" + "<p>a</p>" * 10 + "</body></html>")
    assert not found(PROSE + EMBED + PROSE)  # an article with an embed's code: boilerplate.line's
    tutorial = PROSE * 10 + "Every page starts with <html> and holds <head> and <body>: " + "<p>a</p> " * 20
    assert not found(tutorial)  # quoted far into the text
    assert not found("<html><body>" + PROSE + "</body></html>")  # a few tags: an article wrapped, not a page
    assert not found(PROSE * 5)
    # words before the document tag: an article quoting it (a helper's review)
    assert not found("Every page opens with <!DOCTYPE html> and then <html>, <head> and <body>. " + "<p>x</p>\n" * 20)
    assert not found("A payload as short as <body onload=alert(1)> was enough. " + "<td>1</td>" * 12)
    # markup before it is a stored page's: an XML declaration, a comment
    assert found('<?xml version="1.0"?>\n<!-- saved -->\n<!DOCTYPE html>\n<html lang="en"><head></head><body>'
                 + "<p>a</p>" * 20) == ["<!DOCTYPE html>"]


def test_every_check_of_a_prose_detector_leaves_a_page_unjudged(tmp_path: Path) -> None:
    # a helper's review: weekdays' yearless check, not in a hand-kept list, still judged a page
    para = "<p>The council met on Friday, May 15 and agreed the budget after a long debate about the libraries.</p>"
    page = ("<!DOCTYPE html><html><head><title>Budget</title></head><body>" + "<div><span>menu</span></div>" * 12
            + "<article>" + para + "<p>Residents asked for money for the pool.</p></article></body></html>")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "page", "text": page, "published": "2025-06-01"}) + "\n")
    result = audit.run([tmp_path / "c.jsonl"], out=None, on_problem=None, workers=1)
    assert {f.check for f in result.findings} == {"hygiene.markup"}
    unjudged = result.summary["counts"]["not_checked_by_check"]
    assert unjudged["consistency.weekday_yearless"] == unjudged["consistency.weekday"] == 1
