"""The saved duplicate index: built and extended by runs, used by --against and the gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import make_article

from audit.detect.duplicates.exact import find_exact_duplicates
from audit.detect.duplicates.index import load_index, update_index
from audit.detect.duplicates.near import find_near_duplicates
from audit.detect.duplicates.passage import find_shared_passages
from audit.errors import UsageError
from audit.gating import gate
from audit.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def article(article_id: str, text: str) -> Article:
    return make_article(text, article_id=article_id)


def seed_articles() -> list[Article]:
    return [article(p.stem, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture()
def seed_index(tmp_path: Path) -> Path:
    folder = tmp_path / "index"
    assert update_index(folder, seed_articles()[:3]) == 3
    assert update_index(folder, seed_articles()) == 2  # incremental: only 003 and 004 are new
    return folder


def test_index_is_extended_not_rebuilt(seed_index: Path) -> None:
    index = load_index(seed_index)
    assert index.ids == [a.article_id for a in seed_articles()]
    assert json.loads((seed_index / "meta.json").read_text())["articles"] == 5
    assert index.exact_match("no such key") is None


def test_new_articles_are_checked_against_the_index(seed_index: Path) -> None:
    index = load_index(seed_index)
    seeds = {a.article_id[:3]: a.text for a in seed_articles()}
    exact = article("again", seeds["001"].replace("\u2019", "'"))
    near = article("partner", "KYIV (Reuters) - " + seeds["004"].replace("pessimistic", "gloomy"))
    quoting = article("quoting", "Cocoa prices rose in Accra on Monday. Stanovaya wrote: "
                      + " ".join(seeds["003"].splitlines()[21:23]) + " Traders expect rain this week.")
    corpus = [exact, near, quoting]
    params = {"_index": index, "threshold": 0.8, "min_words": 40}
    got = {(f.check, f.article_id, f.related_article_id)
           for finder in (find_exact_duplicates, find_near_duplicates, find_shared_passages)
           for f in finder(corpus, params)}
    assert got == {
        ("duplicate.exact", "again", "001_591b80880554c9fd"),
        ("duplicate.near", "partner", "004_1470410f0cd2c36e"),
        ("duplicate.passage", "quoting", "000_43dfd73fa4249051"),
    }
    # the quote is in 000 and 003: one finding in "quoting" names both (the longest run,
    # earliest on a tie, as related), not one finding per indexed article
    passage = next(f for f in find_shared_passages(corpus, params))
    assert passage.data["articles"] == 2
    assert passage.data["also_shared_with"] == ["003_ad27deec139d2dc8"]
    assert "003_ad27deec139d2dc8" in passage.message
    assert near.extra["duplicate_cluster"] == "004_1470410f0cd2c36e"
    assert quoting.extra["duplicate_cluster"] is None


def test_gate_rejects_what_is_already_ingested(tmp_path: Path) -> None:
    index = tmp_path / "ingested"
    first = gate([SEEDS], accepted=tmp_path / "a1.jsonl", quarantine=tmp_path / "q1.jsonl",
                 out=tmp_path / "run1", save_index=index, on_problem=None)
    admitted = len(first.accepted)
    assert len(load_index(index)) == admitted > 0
    second = gate([SEEDS], accepted=tmp_path / "a2.jsonl", quarantine=tmp_path / "q2.jsonl",
                  out=tmp_path / "run2", against=index, on_problem=None)
    assert second.accepted == []
    assert {r["check"] for reasons in second.quarantined.values() for r in reasons} >= {
        "duplicate.exact"}


def test_missing_index_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a duplicate index"):
        load_index(tmp_path / "nothing")


def test_cli_run_saves_and_uses_the_index(tmp_path: Path) -> None:
    import subprocess
    import sys

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "audit", "run", str(SEEDS), *args],
                              check=False, capture_output=True, text=True, cwd=SEEDS.parent)

    index = tmp_path / "index"
    assert cli("--out", str(tmp_path / "r1"), "--save-index", str(index)).returncode == 0
    assert cli("--out", str(tmp_path / "r2"), "--against", str(index)).returncode == 0
    lines = (tmp_path / "r2" / "findings.jsonl").read_text().splitlines()
    exact = {(f["article_id"], f["related_article_id"]) for f in map(json.loads, lines)
             if f["check"] == "duplicate.exact"}
    assert exact == {(a.article_id, a.article_id) for a in seed_articles()}
    bad = cli("--out", str(tmp_path / "r3"), "--against", str(tmp_path / "nowhere"))
    assert bad.returncode == 2 and "not a duplicate index" in bad.stderr


def test_an_index_of_another_format_is_refused_with_the_way_out(seed_index: Path) -> None:
    meta = json.loads((seed_index / "meta.json").read_text())
    (seed_index / "meta.json").write_text(json.dumps({**meta, "format": 1}))  # pickled-LSH era
    with pytest.raises(UsageError, match="other settings.*--save-index into an empty folder"):
        load_index(seed_index)
