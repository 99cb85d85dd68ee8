"""The whole seeds acceptance, end to end through Great Expectations, in the tests.

tests/data/seeds_acceptance.json is a copy of ../shared/acceptance/seeds.json (so CI
needs no shared folder); where the shared file exists, the copy must equal it. The
matching rule is the shared checker's (check_run.py): same article and check, `match`
found case-insensitively in the excerpt or in text[start:end], `related` equal.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import audit

ROOT = Path(__file__).resolve().parents[1]
COPY = Path(__file__).with_name("data") / "seeds_acceptance.json"
SHARED = ROOT.parent / "shared" / "acceptance" / "seeds.json"
EXPECTED = json.loads(COPY.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("acceptance") / "latest"
    audit.run([ROOT / "seeds"], out=out, on_problem=None)
    findings = [json.loads(x) for x in (out / "findings.jsonl").read_text().splitlines()]
    table = pd.read_parquet(out / "articles.parquet")
    return findings, table


def matches(entry: dict, finding: dict, texts: dict[str, str]) -> bool:
    if entry["article_id"] not in ("*", finding["article_id"]) or finding["check"] != entry["check"]:
        return False
    if entry.get("related") and finding["related_article_id"] != entry["related"]:
        return False
    needle = entry.get("match", "").lower()
    hay = [finding.get("excerpt") or ""]
    if finding["start"] is not None:
        hay.append(texts[finding["article_id"]][finding["start"]:finding["end"]])
    return not needle or any(needle in h.lower() for h in hay)


def test_copy_equals_the_shared_acceptance_file() -> None:
    if not SHARED.is_file():
        pytest.skip("../shared/acceptance/seeds.json not present")
    assert json.loads(SHARED.read_text(encoding="utf-8")) == EXPECTED


@pytest.mark.parametrize("entry", EXPECTED["required"], ids=lambda e: f"{e['check']}:{e['match']}")
def test_required(seeds_run, entry: dict) -> None:
    findings, table = seeds_run
    texts = dict(zip(table["article_id"], table["text"]))
    assert any(matches(entry, f, texts) for f in findings)


@pytest.mark.parametrize("entry", EXPECTED["forbidden"], ids=lambda e: f"{e['check']}:{e['match']}")
def test_forbidden(seeds_run, entry: dict) -> None:
    findings, table = seeds_run
    texts = dict(zip(table["article_id"], table["text"]))
    assert [f["message"] for f in findings if matches(entry, f, texts)] == []


def test_published_dates(seeds_run) -> None:
    _, table = seeds_run
    published = dict(zip(table["article_id"], table["published"]))
    assert {k: published[k] for k in EXPECTED["published"]} == EXPECTED["published"]
