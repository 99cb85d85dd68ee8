"""What the findings cache's keys depend on: nothing stale is ever served."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from audit.detect.cache import _audit_imports, code_fingerprint, findings_key, prepared_key
from audit.detect.leakage import boilerplate, paywall
from audit.model import Article


def _article(**changes: object) -> Article:
    base = Article(article_id="a", source_uri="mem/a.txt", source_sha256="", title="Talks resume in Istanbul",
                   published=date(2025, 5, 15), published_from="record", publisher="Daily Wire",
                   url="https://example.com/2025/05/15/talks-resume", language="en", language_prob=0.99,
                   text="Talks resume in Istanbul.", content_sha256="c0ffee")
    return replace(base, **changes)


def test_a_detector_fingerprint_covers_the_audit_modules_it_imports() -> None:
    """paywall.text's answers change with the segmentation in spans.py, not only paywall.py."""
    names = {p.name for p in _audit_imports(Path(paywall.__file__))}
    assert {"paywall.py", "spans.py", "chrome_lines.py", "model.py"} <= names
    assert "near.py" not in names  # `from audit.detect.leakage import x` reads x, not the package
    assert code_fingerprint(paywall.find_paywall_blocks, "d") != code_fingerprint(paywall.find_paywall_blocks, "e")


def test_the_packages_api_wrappers_do_not_pull_the_whole_tool_into_a_fingerprint() -> None:
    """boilerplate's share reads `__version__` through cache.py; audit/__init__.py's lazy
    `audit.run` imports the pipeline and the report, whose edits must not recompute every
    article's share (they did: an edit to the report redid boilerplate and near)."""
    names = {p.name for p in _audit_imports(Path(boilerplate.__file__))}
    assert {"boilerplate.py", "cache.py", "__init__.py"} <= names  # the version is still in
    assert not names & {"pipeline.py", "gating.py", "cli.py", "chunks.py"}


def test_a_prepared_value_is_keyed_by_title_and_url_too() -> None:
    """boilerplate.line's per-article share finds the headline with the title and URL."""
    fp = code_fingerprint(boilerplate.prepare, "d")
    key = prepared_key("boilerplate", fp, "{}", _article())
    assert key != prepared_key("boilerplate", fp, "{}", _article(title="Another headline"))
    assert key != prepared_key("boilerplate", fp, "{}", _article(url="https://example.com/other"))
    assert key == prepared_key("boilerplate", fp, "{}", _article(article_id="b"))
    assert key != findings_key("boilerplate", fp, "{}", _article())


def test_the_users_office_rows_are_keyed_by_their_content_not_their_name(tmp_path: Path) -> None:
    """titles and name variants are cached per article: an edited rows file must not serve
    findings made with the old rows."""
    from audit.detect.cache import params_text

    rows = tmp_path / "extra.csv"
    rows.write_text("person_id,name,office,country,start,end\n")
    before = params_text({"office_holders_extra": [str(rows)], "grace_days": 2})
    rows.write_text("person_id,name,office,country,start,end\nx,X Y,president,Freedonia,2020-01-01,\n")
    after = params_text({"office_holders_extra": [str(rows)], "grace_days": 2})
    assert before != after
    assert params_text({"grace_days": 2}) == '{"grace_days": 2}'


def test_large_shares_live_in_the_mapped_arrow_file_and_survive_a_second_run(tmp_path) -> None:
    from audit.detect.cache import LARGE_FILE, open_findings_cache

    first = open_findings_cache(tmp_path)
    first.put_value("small", [1, 2])
    for n in range(3000):  # more than one written batch
        first.put_value(f"k{n}", [n, "x" * 50], large=True)
    first.misses = 1
    first.save()
    assert (tmp_path / LARGE_FILE).is_file() and "k1" not in first.entries
    second = open_findings_cache(tmp_path)
    assert second.get_value("k2999") == [2999, "x" * 50] and second.get_value("small") == [1, 2]
    assert second.get_value("k3000") is None and (second.hits, second.misses) == (2, 1)
    second.put_value("k3000", ["new"], large=True)
    second.put_value("k5", ["again"], large=True)  # already kept: not written twice
    second.save()
    third = open_findings_cache(tmp_path)
    assert len(third.large_rows) == 3001
    assert third.get_value("k3000") == ["new"] and third.get_value("k5") == [5, "x" * 50]
    (tmp_path / LARGE_FILE).write_bytes(b"damaged")
    assert open_findings_cache(tmp_path).get_value("k5") is None  # made again, no failure


def test_two_runs_sharing_a_cache_folder_each_write_their_own_temporary(tmp_path) -> None:
    """A nightly run and a gate may share --cache: a fixed `.partial` name let the second
    truncate the first one's half-written large file, and the first then failed to rename."""
    import os

    from audit.detect.cache import CACHE_FILE, LARGE_FILE, open_findings_cache

    first, second = open_findings_cache(tmp_path), open_findings_cache(tmp_path)
    for n in range(2100):  # past one written batch: the first has its large file open
        first.put_value(f"a{n}", [n], large=True)
    first.put_value("small-a", [1])
    second.put_value("b0", ["b"], large=True)
    second.put_value("small-b", [2])
    first.misses = second.misses = 1
    second.save()
    first.save()  # was FileNotFoundError: the second had renamed the shared `.partial`
    last = open_findings_cache(tmp_path)
    assert last.get_value("a2099") == [2099] and last.get_value("small-a") == [1]
    assert last.get_value("b0") is None  # whole files: the last writer's, not a mix
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([CACHE_FILE, LARGE_FILE])
    dead = tmp_path / f".{LARGE_FILE}.tmp-{2**22 + 1}-abcdef"  # no such pid: a killed run's
    dead.write_bytes(b"half")
    mine = tmp_path / f".{LARGE_FILE}.tmp-{os.getpid()}-abcdef"  # a live writer's: kept
    mine.write_bytes(b"half")
    open_findings_cache(tmp_path)
    assert not dead.exists() and mine.exists()


def test_a_new_version_of_a_library_behind_findings_is_a_new_key(monkeypatch) -> None:
    """ftfy's repairs are encoding's findings: ftfy 6.4 must not be served 6.3's."""
    import importlib.metadata

    from audit.detect.cache import data_fingerprint

    before = data_fingerprint()
    real = importlib.metadata.version
    monkeypatch.setattr(importlib.metadata, "version",
                        lambda name: "6.4.0" if name == "ftfy" else real(name))
    assert data_fingerprint() != before
    monkeypatch.setattr(importlib.metadata, "version", real)
    assert data_fingerprint() == before


def test_findings_kept_as_text_are_what_json_dumps_made_of_them() -> None:
    """findings_text (the parent's store, with its one encoder) writes the text json.dumps
    wrote: a date in a finding's data is its str, none is "[]", and a cache made by either
    is read the same."""
    import json

    from audit.detect.cache import findings_text, served_findings, stored_findings
    from audit.model import Finding

    found = [Finding(article_id="a", check="consistency.weekday", message="Tuesday, “May 12”", start=3, end=9,
                     excerpt="é", data={"date": date(2025, 5, 12), "n": 2})]
    assert findings_text([]) == "[]" == json.dumps([])
    assert findings_text(found) == json.dumps(stored_findings(found), default=str)
    assert served_findings(json.loads(findings_text(found)), "b")[0].data == {"date": "2025-05-12", "n": 2}
