"""A nightly rerun (issue 13): what the cache serves must give the outputs a cold run gives.

The corpus is made of the seeds' real paragraphs, with near copies, a lifted passage, an
exact copy and a recurring footer, so that every cross-article check has something to
find; the rerun changes one article, removes one and adds one: the edit and the addition
move the cross-article findings of articles that did NOT change. findings.jsonl, the article
table and the report's data files must be byte-identical to a cold --no-cache run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import audit
from audit.detect.hygiene import glued
from audit.model import Article, Finding

ROOT = Path(__file__).resolve().parents[1]
FOOTER = "Read more: our coverage of the war in Ukraine and the peace talks in Istanbul."
FAST = {"on_problem": None, "data_docs": False, "workers": 1}


def _paragraphs() -> list[str]:
    """The seeds' paragraphs of 25 words or more, in file order."""
    out = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        out += [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if len(p.split()) >= 25]
    return out


def _records() -> list[dict[str, Any]]:
    """24 articles of three paragraphs each (one publisher's eight carry a footer line),
    an exact copy, two near copies and an article lifting a passage of another."""
    paragraphs = _paragraphs()
    records = []
    for n in range(24):
        body = [paragraphs[(3 * n + k) % len(paragraphs)] for k in range(3)]
        publisher = f"Publisher {n % 3}"
        if publisher == "Publisher 0":
            body.append(FOOTER)
        records.append({"id": f"art-{n}", "text": "\n".join(body), "publisher": publisher,
                        "published": f"2025-05-{10 + n % 15:02d}"})
    records.append({**records[2], "id": "exact-copy"})
    records.append({**records[4], "id": "near-copy",
                    "text": records[4]["text"].replace(" the ", " a ", 2)})
    records.append({**records[6], "id": "near-copy-2",
                    "text": records[6]["text"] + " Officials declined to comment."})
    lifted = " ".join(records[8]["text"].split()[:60])
    records.append({"id": "lifts", "publisher": "Publisher 1", "published": "2025-05-20",
                    "text": paragraphs[-1] + "\n" + lifted + "\n" + paragraphs[-2]})
    return records


def _rerun_records(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One article changed (it becomes a near copy of art-10), one removed (the exact copy:
    art-2 loses its duplicate.exact partner), one added (it lifts a passage of art-12)."""
    out = [dict(r) for r in records if r["id"] != "exact-copy"]
    changed = next(r for r in out if r["id"] == "art-15")
    changed["text"] = records[10]["text"].replace(" and ", " & ", 1)
    lifted = " ".join(records[12]["text"].split()[:70])
    out.append({"id": "added", "publisher": "Publisher 2", "published": "2025-05-21",
                "text": _paragraphs()[1] + "\n" + lifted})
    return out


def _write(records: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _outputs(folder: Path) -> dict[str, bytes]:
    """What a rerun must give as a cold run does: findings, the table, the report's data."""
    files = {"findings.jsonl": (folder / "findings.jsonl").read_bytes(),
             "articles.parquet": (folder / "articles.parquet").read_bytes()}
    for path in sorted((folder / "data").glob("*.js")):
        files[f"data/{path.name}"] = path.read_bytes()
    return files


def _cross(folder: Path, article_id: str) -> set[tuple[str, str | None]]:
    """An article's cross-article findings: (check, related article)."""
    lines = [json.loads(line) for line in (folder / "findings.jsonl").read_text().splitlines()]
    return {(f["check"], f["related_article_id"]) for f in lines
            if f["article_id"] == article_id and f["check"].startswith(("duplicate.", "boilerplate."))}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A cold run that fills the cache, the rerun that uses it, and a cold run of the rerun's input."""
    tmp = tmp_path_factory.mktemp("rerun")
    records = _records()
    first = _write(records, tmp / "in" / "first.jsonl")
    second = _write(_rerun_records(records), tmp / "in" / "second.jsonl")
    audit.run([first], out=tmp / "a" / "out", cache=tmp / "cache", **FAST)
    warm = audit.run([second], out=tmp / "b" / "out", cache=tmp / "cache", **FAST)
    audit.run([second], out=tmp / "c" / "out", cache=None, **FAST)
    return {"first": tmp / "a" / "out", "warm": tmp / "b" / "out", "cold": tmp / "c" / "out",
            "summary": warm.summary}


def test_a_rerun_gives_the_outputs_of_a_cold_run(runs: dict[str, Any]) -> None:
    warm, cold = _outputs(runs["warm"]), _outputs(runs["cold"])
    assert sorted(warm) == sorted(cold) and any(name.startswith("data/") for name in warm)
    for name in cold:
        assert warm[name] == cold[name], f"{name} differs from a cold run's"


def test_the_rerun_was_served_by_the_cache_and_its_edits_moved_unchanged_articles(runs: dict[str, Any]) -> None:
    """Else the equality above proves nothing: the cache served most of the rerun, the edit
    and the addition each changed findings of an article left as it was, the removal took
    the exact copy's."""
    cache = runs["summary"]["findings_cache"]
    assert cache["hits"] > 10 * cache["misses"] > 0
    first, warm = runs["first"], runs["warm"]
    assert ("duplicate.exact", "art-2") in _cross(first, "exact-copy")  # removed in the rerun
    assert not any(check == "duplicate.exact" for check, _ in _cross(warm, "art-2") | _cross(warm, "exact-copy"))
    # art-10 did not change; art-15 was edited into a near copy of it
    assert ("duplicate.near", "art-15") in _cross(warm, "art-10") - _cross(first, "art-10")
    # art-12 did not change; the added article lifts a passage of it
    assert ("duplicate.passage", "added") in _cross(warm, "art-12") - _cross(first, "art-12")


def _marked(articles: list[Article], params: Any) -> Iterator[Finding]:
    """hygiene.glued as a newer version of its code would find it: one more finding each."""
    yield from original_find(articles, params)
    for article in articles:
        yield Finding(article_id=article.article_id, check="hygiene.glued", message="newer code")


original_find = glued.find_glued_sentences


def test_findings_cached_by_older_code_are_not_served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A detector whose code changed (here: its function lives in another file) gets new keys:
    the rerun gives what the new code finds, as a run without the cache does."""
    corpus = _write(_records(), tmp_path / "in" / "corpus.jsonl")
    audit.run([corpus], out=tmp_path / "a" / "out", cache=tmp_path / "cache", **FAST)
    monkeypatch.setattr(glued, "find_glued_sentences", _marked)
    warm = audit.run([corpus], out=tmp_path / "b" / "out", cache=tmp_path / "cache", **FAST)
    cold = audit.run([corpus], out=tmp_path / "c" / "out", cache=None, **FAST)
    assert sum(f.message == "newer code" for f in warm.findings) == len(warm.articles)
    assert (tmp_path / "b" / "out" / "findings.jsonl").read_bytes() == \
        (tmp_path / "c" / "out" / "findings.jsonl").read_bytes()
    assert warm.summary["findings_cache"]["misses"] == len(warm.articles)  # that detector only
    assert cold.summary["findings_cache"]["hits"] == 0
    # its new part was added to each article's entry, the others' parts kept: all served
    again = audit.run([corpus], out=tmp_path / "d" / "out", cache=tmp_path / "cache", **FAST)
    assert again.summary["findings_cache"]["misses"] == 0
    assert (tmp_path / "d" / "out" / "findings.jsonl").read_bytes() == \
        (tmp_path / "c" / "out" / "findings.jsonl").read_bytes()


def test_one_entry_an_article_holds_every_detector_but_the_large_shares(runs: dict[str, Any]) -> None:
    """The workers' path looks up one entry an article (its findings and small shares under
    each detector's digest), not one per (detector, article); the large shares are rows of
    their own. Articles with the same text, date, language, title and URL share one."""
    import pyarrow as pa

    from audit.detect.cache import CACHE_FILE, ENTRY, LARGE_FILE, segments_of

    cache = runs["warm"].parents[1] / "cache"
    keys = [key for path in [cache / CACHE_FILE, *segments_of(cache / CACHE_FILE)]  # the rerun's: a segment
            for key in pa.ipc.open_file(pa.memory_map(str(path))).read_all().column("key").to_pylist()]
    assert keys and all(k.startswith(ENTRY) for k in keys)
    # the first run's articles, the exact copy sharing art-2's entry; the rerun's two new texts
    assert len(keys) == len(_records()) - 1 + 2
    assert (cache / LARGE_FILE).is_file()
