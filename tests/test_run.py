"""End to end: a run through real Great Expectations, the gate, and the command line."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from factories import TEXT

import audit
from audit.errors import UsageError
from audit.report.data import read_data_file
from audit.suite import load_suite

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def mixed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds plus good, duplicated and broken records: 5 + 6 input articles."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, folder / "seeds")
    rows = [
        {"id": "good", "text": TEXT, "published": "2025-05-15", "publisher": "Example"},
        {"id": "copy", "text": TEXT.replace("Putin", "PUTIN"), "published": "2025-05-16"},
        {"id": "nodate", "text": TEXT + " The talks were due on April 31."},
    ]
    lines = [json.dumps(r) for r in rows] + ["{broken", json.dumps({"id": "empty", "text": ""})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    return folder


@pytest.fixture(scope="module")
def run_result(mixed_corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out") / "latest"
    return audit.run([mixed_corpus], out=out, on_problem=None)


def test_every_input_article_is_one_row(run_result) -> None:
    table = pd.read_parquet(run_result.out_dir / "articles.parquet")
    assert len(table) == 11 and table["article_id"].is_unique
    spec_columns = ["article_id", "source_uri", "source_sha256", "title", "published",
                    "published_from", "publisher", "url", "language", "text",
                    "content_sha256", "status"]
    assert all(c in table.columns for c in spec_columns)
    assert set(table["status"]) <= {"pass", "fail"}


def test_status_comes_from_gx_error_expectations(run_result) -> None:
    table = pd.read_parquet(run_result.out_dir / "articles.parquet").set_index("article_id")
    # duplicate.exact and ingest.unreadable are errors in the news suite: those rows fail
    assert table.loc["copy", "status"] == "fail" and table.loc["copy", "n_duplicate_exact"] == 1
    assert table.loc["feed-4", "status"] == "fail" and table.loc["blob", "status"] == "fail"
    assert table.loc["empty", "status"] == "fail"
    # a warning (invalid date) does not fail the article
    assert table.loc["nodate", "n_consistency_invalid_date"] == 1
    assert table.loc["nodate", "status"] == "pass"
    summary = json.loads((run_result.out_dir / "summary.json").read_text())
    statistics = summary["great_expectations"]["statistics"]
    assert statistics["evaluated_expectations"] == len(load_suite("news").document["expectations"])
    assert summary["articles"] == 11 and summary["status"]["fail"] >= 4


def test_findings_point_into_the_text(run_result) -> None:
    table = pd.read_parquet(run_result.out_dir / "articles.parquet").set_index("article_id")
    lines = (run_result.out_dir / "findings.jsonl").read_text().splitlines()
    findings = [json.loads(line) for line in lines]
    spans = [f for f in findings if f["start"] is not None]
    assert spans, "some findings must carry spans"
    for f in spans:
        assert table.loc[f["article_id"], "text"][f["start"]:f["end"]] == f["excerpt"]
    copy = next(f for f in findings if f["check"] == "duplicate.exact")
    assert copy["article_id"] == "copy" and copy["related_article_id"] == "good"
    date = next(f for f in findings if f["check"] == "consistency.invalid_date"
                and f["article_id"] == "nodate")
    assert date["excerpt"] == "April 31" and date["severity"] == "warning"


def test_outputs_and_report_escape_text(run_result, tmp_path: Path) -> None:
    out = run_result.out_dir
    assert (out / "data_docs" / "index.html").is_file()
    html = (out / "index.html").read_text()
    views = [read_data_file(p) for p in (out / "data").glob("view-*.js")]  # the article views
    nodate = next(v["nodate"] for v in views if "nodate" in v)
    assert ["consistency.invalid_date", "warning", "April 31"] in [[f[0], f[1], f[5]] for f in nodate["f"]]
    assert 'src="http' not in html and html.lower().count("<script") == 1  # assets/report.js
    (tmp_path / "x.jsonl").write_text(json.dumps({"id": "xss", "text": "<script>alert(1)</script> "
                                                  + TEXT}) + "\n")
    result = audit.run([tmp_path / "x.jsonl"], out=tmp_path / "o", on_problem=None)
    page = (result.out_dir / "index.html").read_text()  # texts are data, drawn as text (test_report_browser)
    [view] = [read_data_file(p)["xss"] for p in (result.out_dir / "data").glob("view-*.js")]
    assert "<script>alert" not in page and view["pieces"][0][1].startswith("<script>alert(1)</script> Putin")


def test_seed_dates_and_invalid_date(tmp_path: Path) -> None:
    result = audit.run([SEEDS], out=tmp_path / "seeds", on_problem=None)
    table = pd.read_parquet(result.out_dir / "articles.parquet").set_index("article_id")
    assert table.loc["002_9fe07d5a7dbb1c83", ["published", "published_from"]].tolist() == [
        "2025-06-01", "dateline"]
    assert table.loc["003_ad27deec139d2dc8", ["published", "published_from"]].tolist() == [
        "2025-05-15", "text"]
    assert table.loc["004_1470410f0cd2c36e", "published"] == "2025-05-15"
    assert table.loc["000_43dfd73fa4249051", "published_from"] == "none"
    assert table.loc["002_9fe07d5a7dbb1c83", "title"].startswith("Putin Proposes Direct Peace")
    invalid = [f for f in result.findings if f.check == "consistency.invalid_date"]
    assert [(f.article_id, f.excerpt) for f in invalid] == [("000_43dfd73fa4249051", "April 31")]


def test_gate_accounts_for_every_article(mixed_corpus: Path, tmp_path: Path) -> None:
    result = audit.gate([mixed_corpus], accepted=tmp_path / "a.jsonl",
                        quarantine=tmp_path / "q.jsonl", on_problem=None)
    accepted = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    held = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text().splitlines()]
    assert len(accepted) + len(held) == 11 == len(result.run.articles)
    assert {r["article_id"] for r in accepted}.isdisjoint({r["article_id"] for r in held})
    broken = next(r for r in held if r["article_id"] == "feed-4")
    assert broken["raw"] == "{broken\n"
    assert broken["quarantine_reasons"][0]["check"] == "ingest.unreadable"
    assert result.exit_code == 1


def test_suite_that_loses_an_expectation_fails_the_run(tmp_path: Path) -> None:
    document = json.loads((ROOT / "expectations" / "news.json").read_text())
    document["expectations"].append(
        {"type": "expect_column_values_to_be_nonsense", "kwargs": {"column": "article_id"}}
    )
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    with pytest.raises(UsageError, match="broken.json"):
        audit.run([SEEDS / "001_591b80880554c9fd.txt"], suite=str(path), out=tmp_path / "o",
                  on_problem=None)
    assert not (tmp_path / "o").exists()


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "audit", *args], cwd=cwd, capture_output=True, check=False,
                          text=True, timeout=300)


def test_cli_usage_errors_exit_2_with_one_line(tmp_path: Path) -> None:
    missing = cli("run", str(tmp_path / "nowhere"))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"corpus-audit: error: {tmp_path / 'nowhere'}: no such file or folder"]
    bad_option = cli("run", "--no-such-option")
    assert bad_option.returncode == 2 and "Traceback" not in bad_option.stderr
    assert cli("gate", str(SEEDS)).returncode == 2  # --accepted/--quarantine missing


def test_cli_gate_and_fail_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    (tmp_path / "in" / "b.txt").write_text(TEXT)  # exact copy: an error finding
    run = cli("run", str(tmp_path / "in"), "--out", str(tmp_path / "r"), "--fail-on", "error")
    assert run.returncode == 1, run.stderr
    # not a terminal: progress as plain lines on stderr, one per stage at its end
    assert "corpus-audit: normalise + per-article: 2/2 articles" in run.stderr
    assert "corpus-audit: validate (GX): 1/1 steps" in run.stderr
    ok = cli("run", str(tmp_path / "in" / "a.txt"), "--out", str(tmp_path / "r2"), "--quiet",
             "--workers", "1")
    assert ok.returncode == 0 and "1 articles" in ok.stdout and ok.stderr == ""
    gate = cli("gate", str(tmp_path / "in"), "--accepted", str(tmp_path / "acc"),
               "--quarantine", str(tmp_path / "q"))
    assert gate.returncode == 1, gate.stderr
    assert len((tmp_path / "acc" / "articles.jsonl").read_text().splitlines()) == 1
    assert len((tmp_path / "q" / "articles.jsonl").read_text().splitlines()) == 1


def test_second_run_compares_with_the_first(tmp_path: Path) -> None:
    one = tmp_path / "in" / "one.txt"
    one.parent.mkdir()
    one.write_text(TEXT)
    audit.run([one.parent], out=tmp_path / "r" / "latest", on_problem=None)
    (one.parent / "two.txt").write_text(TEXT)  # an exact copy arrives: a new failure
    second = audit.run([one.parent], out=tmp_path / "r" / "latest", on_problem=None)
    compared = second.summary["compared_to_previous"]
    assert compared["newly_failing"] == [] and compared["new_articles"] == 1
    assert compared["findings_delta_by_check"]["duplicate.exact"] == 1
    history = (tmp_path / "r" / "history.jsonl").read_text().splitlines()
    assert len(history) == 2 and json.loads(history[1])["articles"] == 2
    assert "Since the previous run" in (tmp_path / "r" / "latest" / "index.html").read_text()


def test_language_cache_serves_unchanged_text(tmp_path: Path) -> None:
    seed = SEEDS / "002_9fe07d5a7dbb1c83.txt"
    first = audit.run([seed], out=tmp_path / "r1", cache=tmp_path / "cache", on_problem=None)
    second = audit.run([seed], out=tmp_path / "r2", cache=tmp_path / "cache", on_problem=None)
    assert first.summary["language_cache"]["misses"] == 1
    assert second.summary["language_cache"] == {**first.summary["language_cache"],
                                                "hits": 1, "misses": 0}
    cached, fresh = second.articles[0], first.articles[0]
    assert (cached.language, cached.language_prob) == (fresh.language, fresh.language_prob)
    assert cached.language == "en" and cached.language_prob > 0.9


def test_findings_cache_gives_the_same_findings_and_follows_params(tmp_path: Path) -> None:
    first = audit.run([SEEDS], out=tmp_path / "r1", cache=tmp_path / "c", on_problem=None)
    second = audit.run([SEEDS], out=tmp_path / "r2", cache=tmp_path / "c", on_problem=None)
    assert first.summary["findings_cache"]["hits"] == 0
    assert second.summary["findings_cache"]["misses"] == 0
    assert second.summary["findings_cache"]["hits"] == first.summary["findings_cache"]["misses"] > 0
    key = lambda f: (f.article_id, f.check, f.start, f.end, f.message)  # noqa: E731
    assert sorted(map(key, second.findings)) == sorted(map(key, first.findings))
    assert any(f.check == "duplicate.repeated" for f in second.findings)  # a cached check
    # a changed threshold is a different key: repeats of 12+ words are not looked up again
    document = json.loads((ROOT / "expectations" / "news.json").read_text())
    for expectation in document["expectations"]:
        if expectation["meta"].get("check") == "duplicate.repeated":
            expectation["meta"]["params"]["min_words"] = 200
    (tmp_path / "strict.json").write_text(json.dumps(document))
    third = audit.run([SEEDS], suite=str(tmp_path / "strict.json"), out=tmp_path / "r3",
                      cache=tmp_path / "c", on_problem=None)
    assert third.summary["findings_cache"]["misses"] == 5  # the five seeds, that detector only
    assert not any(f.check == "duplicate.repeated" for f in third.findings)


def test_spread_runs_per_article_detectors_on_what_the_cache_misses() -> None:
    """The contract audit.detect.spark fills: one job of (detector, articles, params),
    cached articles left out, findings as the local run gives them (Spark itself: test_spark)."""
    from audit.detect import run_detectors
    from audit.detect.cache import FindingsCache
    from audit.ingest import iter_records
    from audit.normalise import build_articles
    from audit.suite import load_suite

    articles, _ = build_articles(iter_records([SEEDS], None, on_problem=None))
    suite = load_suite("news")
    jobs_seen: list[dict[str, list[str]]] = []

    def spread(jobs):  # type: ignore[no-untyped-def]
        jobs_seen.append({d.name: [a.article_id for a in arts] for d, arts, _ in jobs})
        return {d.name: list(d.find(arts, params)) for d, arts, params in jobs}

    def seen(result):  # type: ignore[no-untyped-def]
        return sorted((f.article_id, f.check, f.start, f.message, f.severity) for f in result.findings)

    local = run_detectors(articles, suite, cache=FindingsCache(None))
    cache = FindingsCache(None)
    first = run_detectors(articles, suite, cache=cache, spread=spread)
    second = run_detectors(articles, suite, cache=cache, spread=spread)
    assert seen(first) == seen(second) == seen(local)
    assert "duplicate_repeated" in jobs_seen[0] and len(jobs_seen[0]["duplicate_repeated"]) == 5
    assert "duplicate_near" not in jobs_seen[0]  # cross-article: stays in the driver
    assert all(ids == [] for ids in jobs_seen[1].values())  # all served by the cache
    assert "spread_per_article" in first.seconds and "duplicate_repeated" not in first.seconds


def test_the_shipped_suite_is_found_from_any_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A pipeline's worker runs from its own folder: `--suite news` still resolves, to the
    suite the package carries (audit/expectations links to expectations/; wheels copy it)."""
    from audit.suite import find_suite_file, load_suite

    monkeypatch.chdir(tmp_path)
    found = find_suite_file("news")
    assert found.parent.parent == Path(audit.__file__).parent  # inside the package, as in a wheel
    repo_suite = Path(__file__).resolve().parents[1] / "expectations" / "news.json"
    assert found.read_bytes() == repo_suite.read_bytes()
    assert load_suite("news").name == json.loads(repo_suite.read_text())["name"]


def test_sibling_run_folders_keep_their_own_history(tmp_path: Path) -> None:
    """reports/nightly and reports/other share history.jsonl: each run's trend and "since
    previous" read its own folder's lines only (before: the sibling's runs were in its
    trend, and a run of 1 article was compared with one of 5)."""
    seed = SEEDS / "002_9fe07d5a7dbb1c83.txt"
    audit.run([seed], out=tmp_path / "r" / "nightly", on_problem=None)
    audit.run([SEEDS], out=tmp_path / "r" / "other", on_problem=None)
    audit.run([seed], out=tmp_path / "r" / "nightly", on_problem=None)
    lines = [json.loads(line) for line in (tmp_path / "r" / "history.jsonl").read_text().splitlines()]
    assert [(h["run_folder"], h["articles"]) for h in lines] == [("nightly", 1), ("other", 5), ("nightly", 1)]
    html = (tmp_path / "r" / "nightly" / "index.html").read_text()
    assert "2 runs in the history" in html
    assert "3 runs in the history" not in html


def test_the_result_and_summary_name_paths_a_scheduler_can_use_elsewhere(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative paths given by a caller in its working folder: RunResult.out_dir is absolute,
    and summary.json's inputs say each as given and absolute."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    result = audit.run(["in"], out="r", on_problem=None)
    assert result.out_dir == tmp_path / "r"
    summary = json.loads((tmp_path / "r" / "summary.json").read_text())
    assert summary["inputs"] == [{"path": "in", "absolute": str(tmp_path / "in")}]


def test_a_second_run_into_a_folder_being_written_stops_with_one_line(tmp_path: Path) -> None:
    """Two runs into one --out both said "done" and the folder held the last one's outputs:
    while a run holds the folder's lock, another (API or CLI) is a usage error naming it,
    and the folder is left to the first; once it ends, a run goes ahead."""
    from audit.atomic import writing

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT)
    out = tmp_path / "r"
    with writing(out, "--out"):
        with pytest.raises(UsageError, match="another run is writing it"):
            audit.run([tmp_path / "in"], out=out, on_problem=None)
        second = cli("run", str(tmp_path / "in"), "--out", str(out), "--quiet")
        assert second.returncode == 2 and not out.exists()
        assert second.stderr.strip().splitlines() == [
            f"corpus-audit: error: {out}: another run is writing it (--out); try again when it ends"]
    assert audit.run([tmp_path / "in"], out=out, on_problem=None).out_dir == out


def test_numpy_random_is_imported_before_the_run_starts_a_thread(tmp_path: Path) -> None:
    """A fork during a thread's import of numpy.random left its import lock held in the
    worker, whose first MinHash waited on it forever (a gate hung); langdetect's six, the
    same (a helper forced it): the run imports them in its own thread before it starts any
    other. Checked in a fresh interpreter, where nothing imported them yet."""
    script = (
        "import sys\n"
        "from audit import pipeline\n"
        "lazy = ('numpy.random', 'six', 'langdetect.detector')\n"
        "assert not any(m in sys.modules for m in lazy), 'imported already: the check proves nothing'\n"
        "seen = []\n"
        "real = pipeline._apart\n"
        "def spy(call, *a, **k):\n"
        "    seen.append(all(m in sys.modules for m in lazy))\n"
        "    return real(call, *a, **k)\n"
        "pipeline._apart = spy\n"
        f"pipeline.run([{str(SEEDS / '002_9fe07d5a7dbb1c83.txt')!r}], out={str(tmp_path / 'r')!r}, on_problem=None)\n"
        "assert seen and all(seen), seen\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_the_lock_is_shared_by_users_and_skipped_where_nothing_locks(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A helper's review: the lock file was opened read-write, so a second user's run failed
    on the first user's 0644 file; and a filesystem without locks (ENOLCK) failed every run."""
    import errno
    import fcntl

    from audit.atomic import writing

    out = tmp_path / "r"
    opened: list[int] = []
    real_open = os.open

    def spy(path: Any, flags: int, *args: Any) -> int:
        opened.append(flags)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", spy)
    with writing(out, "--out"):
        pass
    monkeypatch.setattr(os, "open", real_open)
    assert opened and opened[0] & os.O_ACCMODE == os.O_RDONLY  # (root reads any file: the flags tell)
    real_flock = fcntl.flock

    def no_locks(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_locks)
    with writing(out, "--out"), writing(out, "--out"):  # unlocked: both go on
        pass
    monkeypatch.setattr(fcntl, "flock", real_flock)
    (tmp_path / "link").symlink_to(out, target_is_directory=True)
    with writing(out, "--out"), pytest.raises(UsageError, match="another run"), \
            writing(tmp_path / "link", "--out"):  # one lock, by either name
        pass


def test_a_forked_child_does_not_keep_the_lock(tmp_path: Path) -> None:
    """A flock belongs to the open file, which a fork shares: a worker outliving its run
    (orphaned by a SIGKILL) kept --out locked. A forked child closes its copy: once the run
    lets go, the folder is free while the child lives on."""
    import multiprocessing
    import time

    from audit.atomic import writing

    out = tmp_path / "r"
    context = multiprocessing.get_context("fork")
    started = context.Event()

    def live() -> None:  # its fork's hooks have run by now
        started.set()
        time.sleep(5)

    with writing(out, "--out"):
        child = context.Process(target=live)
        child.start()
        assert started.wait(10)
    try:
        with writing(out, "--out"):  # before: "another run is writing it" until the child ended
            assert child.is_alive()
    finally:
        child.terminate()
        child.join()


def test_a_path_holding_a_hash_sign_keeps_its_files_and_ids(tmp_path: Path) -> None:
    """A folder named "c#1": the file, a record's id and unreadable.jsonl's file were cut at
    its "#" (partition("#")), as if the folder were the file; summary.json hashed no such
    file. split_uri takes only a reader's own fragment off."""
    from audit.model import split_uri
    from audit.pipeline import run

    folder = tmp_path / "c#1"
    folder.mkdir()
    good = {"text": "The council met on Monday to discuss the budget for the coming year, officials said."}
    (folder / "news.jsonl").write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    result = run([folder], out=tmp_path / "out", workers=1, on_problem=None)
    uri = str(folder / "news.jsonl")
    assert split_uri(f"{uri}#line=2") == (uri, "line=2") and split_uri(uri) == (uri, "")
    assert sorted(a.article_id for a in result.articles) == ["news-1", "news-2"]
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert [f["path"] for f in summary["input_files"]] == [uri]
    assert len(summary["input_files"][0]["sha256"]) == 64
    unreadable = [json.loads(line) for line in (tmp_path / "out" / "unreadable.jsonl").read_text().splitlines()]
    assert [(u["file"], u["position"]) for u in unreadable] == [(uri, "line=2")]


def test_files_of_no_input_format_in_a_folder_are_named_not_left_out_silently(tmp_path: Path) -> None:
    """htmldate's evaluation pages: one page of 744 had no extension (".net" as pathlib reads
    "colours-of-the-soul.alhelm.net") and the run read 743 without a word."""
    from audit.pipeline import run

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "page.alhelm.net").write_text("<html><p>" + TEXT + "</p></html>", encoding="utf-8")
    (folder / "sub" / "b.xml").write_text("<doc/>", encoding="utf-8")
    (folder / "sub" / "c.xml").write_text("<doc/>", encoding="utf-8")
    (folder / "sub" / "d.txt").write_text(TEXT + " Another.", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\0")  # hidden: not named
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")  # nor under a hidden folder
    result = run([folder], out=None, workers=1, on_problem=None, html_report=False, data_docs=False)
    assert sorted(a.article_id for a in result.articles) == ["a", "d"]
    assert result.problems == [
        f"{folder}: 3 files not read, of no input format (.xml 2, .net 1; read: .csv .htm .html .json "
        ".jsonl .parquet .txt .warc .wet, also compressed: .gz .bz2 .xz .zst): page.alhelm.net, sub/b.xml, sub/c.xml"]
    both = run([folder, folder / "sub"], out=None, workers=1, on_problem=None, html_report=False, data_docs=False)
    assert len(both.problems) == 1  # sub/'s files are named once, under the first folder given
