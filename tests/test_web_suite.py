"""The web suite (expectations/web.json): the news suite with boilerplate.line at info,
for pages that are not news, where its findings were 0.50-0.63 true on CleanEval
(docs/measurements/precr.md)."""

from __future__ import annotations

from pathlib import Path

import audit
from audit.pipeline import RunResult
from audit.suite import load_suite

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_web_suite_is_the_news_suite_but_boilerplate_line() -> None:
    news, web = load_suite("news"), load_suite("web")
    assert web.name == "web" and web.path.name == "web.json"
    # a check added to news and not to web (or a threshold changed in one) fails here
    assert set(web.rules) == set(news.rules)
    assert {c for c in news.rules if news.rules[c] != web.rules[c]} == {"boilerplate.line"}
    assert (news.rules["boilerplate.line"].severity, web.rules["boilerplate.line"].severity) == ("warning", "info")
    assert web.rules["boilerplate.line"].params == news.rules["boilerplate.line"].params
    assert web.limits == news.limits and web.earliest_year == news.earliest_year
    assert web.settings["expected_languages"] == news.settings["expected_languages"]


def test_web_suite_run_has_the_same_findings_with_boilerplate_as_info(tmp_path: Path) -> None:
    news = audit.run([SEEDS], out=tmp_path / "news", on_problem=None)
    web = audit.run([SEEDS], suite="web", out=tmp_path / "web", on_problem=None)

    def spans(result: RunResult) -> dict[tuple, str]:
        return {(f.article_id, f.check, f.start, f.end, f.message): f.severity for f in result.findings}

    said_news, said_web = spans(news), spans(web)
    assert said_news.keys() == said_web.keys()
    boilerplate = [key for key in said_web if key[1] == "boilerplate.line"]
    assert boilerplate, "the seeds carry site chrome lines"
    assert {said_news[k] for k in boilerplate} == {"warning"} and {said_web[k] for k in boilerplate} == {"info"}
    assert {k: v for k, v in said_web.items() if k[1] != "boilerplate.line"} == \
        {k: v for k, v in said_news.items() if k[1] != "boilerplate.line"}
    assert web.status == news.status  # warnings and infos never fail an article
    assert web.summary["suite"]["name"] == "web"
