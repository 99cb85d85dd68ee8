"""The report driven in headless Chromium: search, filter, article view, hostile input.

The corpus goes through the real readers, normalisation and detectors (Great
Expectations is left out to keep this fast: an article fails here when it has an error
finding). Screenshots land in reports/test-screenshots/ (ignored by git) to be looked at.
Skips only when Debian's chromium or chromedriver is not installed (.ci/run installs them).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SHOTS = ROOT / "reports" / "test-screenshots"
HOSTILE_ID = "<img src=x onerror=\"document.title='pwned'\">"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": "<img src=x onerror=\"document.title='pwned'\"> Talks in <b>Istanbul</b>",
    "url": "javascript:document.title='pwned'",
    "publisher": "<script>document.title='pwned'</script>",
    "published": "2025-05-15",
    "text": "<script>document.title='pwned'</script> Putin countered by offering direct talks "
            "in Istanbul. <a href=\"javascript:document.title='pwned'\">Read more</a>\n"
            "The talks were due on April 31, officials said.",
}

pytestmark = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of the seeds, a hostile article and an unreadable line."""
    from audit.detect import run_detectors
    from audit.detect.clean import annotate
    from audit.ingest import iter_records
    from audit.normalise import build_articles
    from audit.pipeline import article_table, build_summary
    from audit.report import write_report
    from audit.suite import load_suite

    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    (folder / "feed.jsonl").write_text(json.dumps(HOSTILE) + "\n{broken line\n", encoding="utf-8")
    suite = load_suite("news")
    articles, findings = build_articles(iter_records([folder], None, on_problem=lambda _: None))
    detection = run_detectors(articles, suite)
    findings = [f for f in findings + detection.findings if f.check in suite.rules]
    findings = [replace(f, severity=suite.rules[f.check].severity) for f in findings]
    annotate(articles, findings)
    table = article_table(articles, findings, suite, detection.not_checked)
    failing = {f.article_id for f in findings if f.severity == "error"}
    table["status"] = ["fail" if i in failing else "pass" for i in table["article_id"]]
    status = dict(zip(table["article_id"], table["status"]))
    validation = SimpleNamespace(gx_version="(not run in this test)", success=None, statistics={})
    summary = build_summary(datetime.now(UTC), [folder], articles, findings, status, suite, validation, {}, [])
    out = tmp_path_factory.mktemp("run") / "latest"
    out.mkdir()
    write_report(out / "index.html", table, findings, summary, [], articles=articles)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver, report: Path, hash_: str = "") -> None:  # type: ignore[no-untyped-def]
    driver.get("about:blank")  # a fresh document: no state from the previous test
    driver.get((report / "index.html").as_uri() + hash_)


def _wait(driver, condition, seconds: float = 10):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: condition(d))


def _listed_ids(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows tbody a.aid')).map(a => a.textContent)")


def _shot(driver, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def test_search_finds_an_article(report: Path, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, report, "#list")
    _wait(browser, lambda d: len(_listed_ids(d)) == 7)  # 5 seeds, the hostile one, the broken line
    box = browser.find_element("id", "q")
    box.send_keys("zelenskiy welcomes")
    _wait(browser, lambda d: _listed_ids(d) == ["002_9fe07d5a7dbb1c83"])
    assert "1 of 7 articles" in browser.find_element("id", "list-status").text
    assert "#list?q=zelenskiy+welcomes" in browser.current_url
    _shot(browser, "search")


def test_a_filter_narrows_the_list(report: Path, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import Select

    _open(browser, report, "#list")
    _wait(browser, lambda d: len(_listed_ids(d)) == 7)
    Select(browser.find_element("id", "f-check")).select_by_value("consistency.invalid_date")
    _wait(browser, lambda d: len(_listed_ids(d)) < 7)
    # "April 31" in the hostile article, "April 31" in seed 000 (the seeds' planted errors)
    assert sorted(_listed_ids(browser)) == ["000_43dfd73fa4249051", HOSTILE_ID]
    Select(browser.find_element("id", "f-check")).select_by_value("")
    Select(browser.find_element("id", "f-status")).select_by_value("fail")
    _wait(browser, lambda d: len(_listed_ids(d)) < 7)
    assert set(_listed_ids(browser)) >= {"feed-2"}  # the unreadable line fails
    assert all(td.text == "fail" for td in browser.find_elements("css selector", "#rows tbody td.fail"))
    _shot(browser, "filter-fail")


def test_article_view_shows_numbered_spans(report: Path, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, report, "#a/002_9fe07d5a7dbb1c83")
    _wait(browser, lambda d: d.find_elements("css selector", "#article mark"))
    marks = browser.find_elements("css selector", "#article .text mark")
    numbers = [s.text for s in browser.find_elements("css selector", "#article .text sup.n")]
    items = browser.find_elements("css selector", "#article ol.findings > li")
    assert marks[0].text == "back to top"
    # numbers follow the findings list (worst first, then by position), each used once
    assert len(numbers) == len({*numbers}) and {int(n) for n in numbers} <= set(range(1, len(items) + 1))
    first = items[int(numbers[0]) - 1].text  # the number on "back to top" names its finding
    assert "navigation link" in first and "boilerplate.line" in first
    assert "error" in items[0].text or "warning" in items[0].text  # worst first: no info on top
    assert "2025-06-01 (from dateline)" in browser.find_element("css selector", "table.provenance").text
    _shot(browser, "article")


def test_hostile_article_runs_no_script(report: Path, browser) -> None:  # type: ignore[no-untyped-def]
    title = "corpus-audit · news · "
    for hash_ in ("", "#list", "#list?q=pwned", "#a/" + quote(HOSTILE_ID, safe="")):
        _open(browser, report, hash_)
        if hash_.startswith("#a/"):
            _wait(browser, lambda d: d.find_elements("css selector", "#article mark"))
            view = browser.find_element("id", "article").text
            assert "<script>document.title='pwned'</script> Putin countered" in view
            assert "javascript:document.title='pwned' (not a web address: not linked)" in view
            assert "April 31" in [m.text for m in browser.find_elements("css selector", "#article mark")]
            _shot(browser, "hostile-article")
        elif hash_.startswith("#list"):
            _wait(browser, lambda d: HOSTILE_ID in _listed_ids(d))
            _shot(browser, "hostile-list")
        else:
            assert "<script>document.title='pwned'</script>" in browser.find_element("id", "overview").text
            browser.set_window_size(1400, 3000)  # the whole overview in one picture
            _shot(browser, "overview")
            browser.set_window_size(1400, 1000)
        state = browser.execute_script("""return {
            title: document.title,
            imgs: document.querySelectorAll('img').length,
            js_links: document.querySelectorAll('a[href^="javascript:" i]').length,
            handlers: document.querySelectorAll('[onerror], [onclick], [onload]').length,
            scripts: Array.from(document.scripts).map(s => s.getAttribute('src'))}""")
        assert state["title"].startswith(title) and "pwned" not in state["title"]
        assert state["imgs"] == 0 and state["js_links"] == 0 and state["handlers"] == 0
        assert all(s and s.startswith(("assets/", "data/")) for s in state["scripts"])
    csp = browser.find_element("css selector", "meta[http-equiv='Content-Security-Policy']")
    policy = csp.get_attribute("content")
    assert "script-src 'self'" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_unreadable_record_shows_file_position_and_raw(report: Path, browser) -> None:  # type: ignore[no-untyped-def]
    _open(browser, report)
    rows = browser.find_elements("css selector", "table.unreadable tr")
    cells = [td.text for td in rows[1].find_elements("css selector", "td")]
    assert cells[0].endswith("feed.jsonl") and cells[1] == "line=2"
    assert cells[2].startswith("not JSON") and cells[3] == "{broken line"
    assert "nan" not in browser.find_element("id", "overview").text.split()
