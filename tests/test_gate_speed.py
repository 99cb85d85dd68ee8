"""The gate's fixed costs (issue 13: 1,000 articles in <= 5 s): a gate without --out
writes nothing but its two files; forked workers share the parent's langdetect profiles;
a small input is cut into batches for every worker; the GX child leaves scipy.stats,
altair, jsonschema, mistune and the AWS packages unimported (gate2.md) and validates the
run's plain columns as GX in-process validates the article table's frame."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest
from factories import TEXT

import audit
import audit.detect.workers as workers_module
from audit.normalise.language import _factory, clear_language
from audit.progress import count_records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
# 20 words in 253 characters: too few words for the fast path, so langdetect decides
GERMAN = ("Die Bundesregierung beschloss gestern umfangreiche Entlastungsmaßnahmen für "
          "energieintensive Industriebetriebe, nachdem monatelange Verhandlungen zwischen "
          "Koalitionspartnern, Gewerkschaftsvertretern und Arbeitgeberverbänden endlich "
          "abgeschlossen wurden.")
QUICK = {"on_problem": None, "data_docs": False, "html_report": False}

# Run in a fresh interpreter: every file this process opens for writing or folder it makes
# (Python's audit events), during a gate of the seeds without --out.
RECORD_WRITES = """
import json, os, sys
written = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        mode, flags = args[1], args[2]
        if (mode and any(c in mode for c in "wxa+")) or (not mode and flags & (os.O_WRONLY | os.O_RDWR)):
            written.append(os.fsdecode(args[0]))
    elif event == "os.mkdir":
        written.append(os.fsdecode(args[0]))
sys.addaudithook(hook)
import audit
result = audit.gate([sys.argv[1]], accepted=sys.argv[2], quarantine=sys.argv[3], on_problem=None)
print(json.dumps({"written": written, "out_dir": str(result.run.out_dir),
                  "articles": len(result.run.articles), "summary": sorted(result.run.summary)}))
"""


def test_a_gate_without_out_writes_nothing_but_its_two_files(tmp_path: Path) -> None:
    accepted, quarantine = tmp_path / "ok" / "a.jsonl", tmp_path / "held" / "q.jsonl"
    done = subprocess.run([sys.executable, "-c", RECORD_WRITES, str(SEEDS), str(accepted), str(quarantine)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    written = {Path(p).resolve() for p in report["written"] if "__pycache__" not in p}
    allowed = {accepted.parent, quarantine.parent}
    unexpected = [p for p in written if p not in allowed and p.parent not in allowed]
    assert not unexpected, f"a gate without --out wrote {unexpected}"
    assert any(p.parent == accepted.parent for p in written)  # the hook saw the real outputs
    assert report["out_dir"] == "None" and report["articles"] == 5
    assert {"counts", "status", "seconds", "compared_to_previous"} <= set(report["summary"])
    assert len(accepted.read_text().splitlines()) + len(quarantine.read_text().splitlines()) == 5


def test_a_run_without_out_returns_what_a_run_with_out_writes(tmp_path: Path) -> None:
    kept = audit.run([SEEDS], out=tmp_path / "latest", **QUICK, workers=1)
    bare = audit.run([SEEDS], out=None, **QUICK, workers=1)
    assert bare.out_dir is None and sorted(p.name for p in tmp_path.iterdir()) == [
        ".latest.lock", "history.jsonl", "latest"]  # the run's lock (audit.atomic.writing) stays, free
    assert bare.status == kept.status and bare.findings == kept.findings
    assert bare.summary["counts"] == kept.summary["counts"]


def _record_profile_loads(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each process that reads langdetect's profile files appends its pid to `log`."""
    from audit.normalise.ngrams import LazyProfiles

    real = LazyProfiles.__init__

    def load_profile(self: LazyProfiles, directory: str, seed: int | None = None) -> None:
        with log.open("a") as fh:
            fh.write(f"{os.getpid()}\n")
        real(self, directory, seed)

    monkeypatch.setattr(LazyProfiles, "__init__", load_profile)
    _factory.cache_clear()  # as in a fresh process: nothing loaded yet


def test_forked_workers_do_not_read_the_profiles_again(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert clear_language(GERMAN) is None  # langdetect decides these, in the workers
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"de{i}", "text": f"{GERMAN} Nummer {i}."} for i in range(8)]
    feed.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    log = tmp_path / "loads"
    _record_profile_loads(log, monkeypatch)
    try:
        result = audit.run([feed], out=tmp_path / "r", **QUICK, workers=2, batch_size=2)
    finally:
        _factory.cache_clear()  # the next user loads the real thing again
    assert {a.language for a in result.articles} == {"de"}
    assert log.read_text().split() == [str(os.getpid())]  # once, here, before the fork


def test_with_cached_verdicts_the_parent_does_not_load_the_profiles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rerun knows most languages: loading the profiles here would only delay it."""
    cache = tmp_path / "cache"
    audit.run([SEEDS], out=tmp_path / "first", cache=cache, **QUICK, workers=2)
    log = tmp_path / "loads"
    _record_profile_loads(log, monkeypatch)
    try:
        audit.run([SEEDS], out=tmp_path / "second", cache=cache, **QUICK, workers=2)
    finally:
        _factory.cache_clear()
    assert str(os.getpid()) not in (log.read_text().split() if log.exists() else [])


def _no_fingerprint(*_args: object) -> str:
    raise AssertionError("a cache key's fingerprint made without a cache")


def test_without_a_cache_no_cache_key_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The keys' fingerprints read and hash every detector's sources, before the workers
    start: without a cache nothing would use them."""
    monkeypatch.setattr(workers_module, "code_fingerprint", _no_fingerprint)
    result = audit.run([SEEDS], out=tmp_path / "r", cache=None, **QUICK, workers=2)
    assert len(result.articles) == 5
    with pytest.raises(AssertionError, match="without a cache"):  # with one, they are made
        audit.run([SEEDS], out=tmp_path / "c", cache=tmp_path / "cache", **QUICK, workers=2)


def test_a_small_input_is_cut_into_batches_for_every_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    feed = tmp_path / "feed.jsonl"
    rows = [{"id": f"n{i}", "text": f"{TEXT} This was report number {i} of the day."} for i in range(100)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    sizes: list[int] = []
    real = workers_module._batches

    def batches(*args, **kwargs):  # type: ignore[no-untyped-def]
        for batch in real(*args, **kwargs):
            sizes.append(len(batch.numbered))
            yield batch

    monkeypatch.setattr(workers_module, "_batches", batches)
    small = audit.run([feed], out=tmp_path / "small", **QUICK, workers=2)
    assert sum(sizes) == 100 and max(sizes) == workers_module.MIN_BATCH and len(sizes) >= 2 * 2
    sizes.clear()
    whole = audit.run([feed], out=tmp_path / "whole", **QUICK, workers=2, batch_size=200)
    assert sizes == [100]
    assert (tmp_path / "small" / "findings.jsonl").read_bytes() == \
        (tmp_path / "whole" / "findings.jsonl").read_bytes()
    assert small.status == whole.status


def test_batch_sizes_and_counting_stop() -> None:
    size = workers_module.batch_size_for
    assert size(1000, 2) == 63 and size(2000, 2) == 125
    assert size(100_000, 2) == size(None, 2) == size(1000, 1) == workers_module.BATCH_SIZE
    assert size(10, 2) == workers_module.MIN_BATCH


def test_counting_records_can_stop_early(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "a"}\n\n' * 50)
    assert count_records([feed]) == 50
    assert count_records([feed], stop_at=10) == 10
    assert count_records([feed, feed], stop_at=60) == 60


def test_a_deferred_module_is_imported_at_its_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    from audit.validate.child import defer_imports

    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    defer_imports(("colorsys", "no_such_module_here"))
    import colorsys

    assert "rgb_to_hsv" not in vars(colorsys)  # bound, not run
    assert colorsys.rgb_to_hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
    assert "rgb_to_hsv" in vars(sys.modules["colorsys"])  # the real one now
    assert "no_such_module_here" not in sys.modules


# Run in a fresh interpreter, as the GX child imports GX (no GX imported before it).
VALIDATE_AS_THE_CHILD = """
import gc, pickle, sys
LEFT_OUT = {left_out!r}
from dataclasses import asdict
from audit.suite import load_suite
from audit.validate import validate
from audit.validate.child import _import_gx
_import_gx()
imported = {m: m in sys.modules for m in ("great_expectations", *LEFT_OUT)}
collector = (gc.isenabled(), gc.get_freeze_count() > 100_000)  # GX's import frozen out of its walks
columns = pickle.load(open(sys.argv[1], "rb"))  # plain columns, as the run sends them (gate2.md)
validation = validate(columns, load_suite("news"), None)
from scipy import stats  # a suite that uses it still gets it
import jsonschema
jsonschema.validate(3, {"type": "integer"})
pickle.dump((imported, collector, asdict(validation), float(stats.entropy([0.5, 0.5], [0.25, 0.75]))),
            open(sys.argv[2], "wb"))
"""
# what GX imports that the child leaves out (deferred, or seen as not installed)
LEFT_OUT = ("scipy.stats._stats_py", "altair.vegalite", "jsonschema.validators", "mistune.markdown",
            "botocore.client", "boto3.session")


def _comparable(validation: dict) -> dict:  # type: ignore[type-arg]
    for outcome in validation["outcomes"]:
        del outcome["expectation_id"]  # new UUIDs at each suite load
    return validation


def test_the_gx_child_skips_what_our_suites_do_not_use_and_validates_the_same(tmp_path: Path) -> None:
    from scipy import stats

    from audit.pipeline import article_table, signal_columns, signal_frame
    from audit.suite import load_suite
    from audit.validate import validate

    suite = load_suite("news")
    result = audit.run([SEEDS], suite=suite, out=tmp_path / "r", **QUICK, workers=1)
    frame = signal_frame(article_table(result.articles, result.findings, suite, {}), suite)
    columns = signal_columns(result.articles, result.findings, suite, {})
    (tmp_path / "columns.pkl").write_bytes(pickle.dumps(columns))
    done = subprocess.run([sys.executable, "-c", VALIDATE_AS_THE_CHILD.replace("{left_out!r}", repr(LEFT_OUT)),
                           str(tmp_path / "columns.pkl"), str(tmp_path / "out.pkl")],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    imported, collector, there, entropy = pickle.loads((tmp_path / "out.pkl").read_bytes())
    assert imported == {"great_expectations": True, **dict.fromkeys(LEFT_OUT, False)}
    assert collector == (True, True)
    here = asdict(validate(frame, suite, None))
    assert here["failed_ids"], "the seeds have an article that fails: the comparison must see it"
    assert _comparable(there) == _comparable(here)
    assert entropy == float(stats.entropy([0.5, 0.5], [0.25, 0.75]))
