"""The seeds acceptance (../shared/acceptance/seeds.json) for consistency.*, without GX:
real ingest and normalisation, the registry's detectors, the news suite's params."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from audit.detect import registry, run_detectors
from audit.ingest import iter_records
from audit.model import Finding
from audit.normalise import build_articles
from audit.suite import load_suite

ROOT = Path(__file__).resolve().parents[1]
ACCEPTANCE = ROOT.parent / "shared" / "acceptance" / "seeds.json"
# The entries as of issue 4, kept here so the test runs without the shared folder.
REQUIRED = [
    ("000_43dfd73fa4249051", "consistency.invalid_date", "April 31"),
    ("000_43dfd73fa4249051", "consistency.name_variant", "Zelensky"),
    ("002_9fe07d5a7dbb1c83", "consistency.title_anachronism", "former U.S. President Donald Trump"),
    ("002_9fe07d5a7dbb1c83", "consistency.title_anachronism", "Olaf Scholz"),
    ("002_9fe07d5a7dbb1c83", "consistency.title_anachronism", "Shoigu"),
    ("002_9fe07d5a7dbb1c83", "consistency.relative_date", "tomorrow, May 12"),
    ("002_9fe07d5a7dbb1c83", "consistency.contradiction", "Scholz"),
    ("003_ad27deec139d2dc8", "consistency.name_variant", "Zelenskky"),
]
FORBIDDEN = [
    ("003_ad27deec139d2dc8", "consistency.title_anachronism", "former culture minister"),
    ("002_9fe07d5a7dbb1c83", "consistency.title_anachronism", "formerly Twitter"),
    ("004_1470410f0cd2c36e", "consistency.title_anachronism", "Boris Johnson"),
    ("004_1470410f0cd2c36e", "consistency.title_anachronism", "Vance"),
    ("000_43dfd73fa4249051", "consistency.title_anachronism", "Merz"),
    ("000_43dfd73fa4249051", "consistency.title_anachronism", "Starmer"),
    ("000_43dfd73fa4249051", "consistency.title_anachronism", "Tusk"),
    ("003_ad27deec139d2dc8", "consistency.weekday", "Thursday, May 15, 2025"),
    ("002_9fe07d5a7dbb1c83", "consistency.weekday", "Sunday, June 1, 2025"),
]


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    articles, _ = build_articles(iter_records([ROOT / "seeds"]))
    detectors = [d for d in registry() if d.checks[0].startswith("consistency.")]
    return run_detectors(articles, load_suite("news"), detectors).findings


def _matches(finding: Finding, article_id: str, check: str, needle: str) -> bool:
    return (finding.article_id == article_id and finding.check == check
            and needle.lower() in finding.excerpt.lower())


@pytest.mark.parametrize(("article_id", "check", "needle"), REQUIRED)
def test_required(findings: list[Finding], article_id: str, check: str, needle: str) -> None:
    assert any(_matches(f, article_id, check, needle) for f in findings)


@pytest.mark.parametrize(("article_id", "check", "needle"), FORBIDDEN)
def test_forbidden(findings: list[Finding], article_id: str, check: str, needle: str) -> None:
    assert not any(_matches(f, article_id, check, needle) for f in findings)


def test_contradiction_names_the_other_article(findings: list[Finding]) -> None:
    [scholz] = [f for f in findings if f.check == "consistency.contradiction"
                and f.article_id.startswith("002") and "Scholz" in f.excerpt]
    assert scholz.related_article_id == "000_43dfd73fa4249051"


def test_lists_match_the_shared_acceptance_file() -> None:
    if not ACCEPTANCE.is_file():
        pytest.skip("shared acceptance file not present")
    expected = json.loads(ACCEPTANCE.read_text(encoding="utf-8"))
    def mine(entries: list[dict]) -> list[tuple[str, str, str]]:
        return [(e["article_id"], e["check"], e["match"]) for e in entries
                if e["check"].startswith("consistency.")]
    assert mine(expected["required"]) == REQUIRED
    assert mine(expected["forbidden"]) == FORBIDDEN
