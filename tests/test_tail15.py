"""The rerun's tail, fifteenth pass (docs/measurements/tail15.md): the command line keeps
what a run made to its exit (no young collection of the tail's containers, no freeing
one by one after the outputs are in place); the last run's statuses read from its one
file without pyarrow's dataset layer, beside GX's validation."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from audit.pipeline import run
from audit.report.history import compare_with_previous, read_statuses

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
QUICK = {"on_problem": None, "data_docs": False, "workers": 1}


@pytest.fixture
def unfrozen() -> object:
    """gc.freeze'd objects given back to the collector after the test (the run froze them)."""
    yield None
    gc.unfreeze()


def test_a_run_given_leftovers_keeps_its_table_and_freezes_what_exists(tmp_path: Path, unfrozen: object) -> None:
    """The caller's list gets the run's table (and the report's preparation) and the
    objects that exist are frozen: the collector does not walk them once it is on again.
    Without `leftovers`, nothing is frozen (the Python API, as before)."""
    gc.unfreeze()
    plain = run([SEEDS], out=tmp_path / "plain", **QUICK)
    assert gc.get_freeze_count() == 0
    kept: list[object] = []
    result = run([SEEDS], out=tmp_path / "kept", leftovers=kept, **QUICK)
    tables = [o for o in kept if isinstance(o, pd.DataFrame)]
    assert len(tables) == 1 and list(tables[0]["article_id"]) == [a.article_id for a in result.articles]
    assert gc.get_freeze_count() > 10_000 and gc.isenabled()
    assert result.status == plain.status
    for name in ("findings.jsonl", "unreadable.jsonl"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()
    assert pd.read_parquet(tmp_path / "kept" / "articles.parquet").equals(
        pd.read_parquet(tmp_path / "plain" / "articles.parquet"))


def test_the_command_line_keeps_the_run_to_its_exit(tmp_path: Path, unfrozen: object) -> None:
    """`corpus-audit run` hands the run a list (cli.KEPT) and adds its result: both stay
    until the process's os._exit; a next run in the same process drops the former's."""
    from audit import cli
    from audit.pipeline import RunResult

    args = ["run", str(SEEDS), "--no-cache", "--quiet", "--workers", "1"]
    for name in ("first", "second"):
        cli.app([*args, "--out", str(tmp_path / name)], standalone_mode=False)
        results = [o for o in cli.KEPT if isinstance(o, RunResult)]
        assert [r.out_dir for r in results] == [tmp_path / name]
        assert sum(isinstance(o, pd.DataFrame) for o in cli.KEPT) == 1
        assert (tmp_path / name / "index.html").is_file()
    cli.KEPT.clear()


def test_the_gate_command_keeps_its_run_to_the_exit_too(tmp_path: Path, unfrozen: object) -> None:
    """`corpus-audit gate` hands its run the same list and adds its GateResult; what it
    admits and quarantines is what the Python API's gate (no leftovers) gives."""
    from audit import cli
    from audit.gating import GateResult, gate

    args = ["gate", str(SEEDS), "--quiet", "--workers", "1"]
    code = cli.app([*args, "--accepted", str(tmp_path / "ok"), "--quarantine", str(tmp_path / "bad")],
                   standalone_mode=False)
    assert code == 1  # a seed is quarantined
    kept = [o for o in cli.KEPT if isinstance(o, GateResult)]
    assert len(kept) == 1 and sum(isinstance(o, pd.DataFrame) for o in cli.KEPT) == 0  # no --out: no table
    assert gc.get_freeze_count() > 10_000
    plain = gate([SEEDS], accepted=tmp_path / "ok2", quarantine=tmp_path / "bad2", on_problem=None, workers=1)
    assert (sorted(plain.accepted), sorted(plain.quarantined)) == (sorted(kept[0].accepted), sorted(kept[0].quarantined))
    for name in ("ok", "bad"):
        assert (tmp_path / name / "articles.jsonl").read_bytes() == (tmp_path / f"{name}2" / "articles.jsonl").read_bytes()
    cli.KEPT.clear()


def test_statuses_are_read_from_the_one_file_without_the_dataset_layer(tmp_path: Path) -> None:
    """pq.read_table imported pyarrow.dataset (0.3 s of CPU) at its first call; the
    statuses are read by ParquetFile: the same dict, and no such import."""
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    pd.DataFrame({"article_id": ["a", "b"], "status": ["pass", "fail"], "text": ["x", "y"]}).to_parquet(
        run_dir / "articles.parquet", index=False)
    code = ("import sys; from pathlib import Path; from audit.report.history import read_statuses; "
            f"print(read_statuses(Path({str(run_dir)!r}))); print('pyarrow.dataset' in sys.modules)")
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=ROOT).stdout.splitlines()
    assert lines == ["{'a': 'pass', 'b': 'fail'}", "False"]
    assert read_statuses(tmp_path / "missing") is None
    pd.DataFrame({"article_id": ["a"]}).to_parquet(run_dir / "articles.parquet", index=False)
    assert read_statuses(run_dir) is None


def test_statuses_read_beforehand_give_the_same_comparison(tmp_path: Path) -> None:
    """The run reads them beside GX's validation; given, they are not read again (the
    file may be gone): the same answer as reading them then."""
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "summary.json").write_text(json.dumps({"run_id": "r0", "articles": 2,
                                                      "counts": {"by_check": {"a": 1}}}))
    pd.DataFrame({"article_id": ["x", "y"], "status": ["pass", "fail"]}).to_parquet(
        previous / "articles.parquet", index=False)
    summary = {"articles": 2, "counts": {"by_check": {"a": 2}}}
    status = {"x": "fail", "y": "pass"}
    read_then = compare_with_previous(previous, summary, status)
    old = read_statuses(previous)
    (previous / "articles.parquet").unlink()
    assert compare_with_previous(previous, summary, status, old) == read_then
    assert read_then is not None and read_then["newly_failing"] == ["x"] and read_then["fixed"] == ["y"]
    assert compare_with_previous(previous, summary, status) is None
