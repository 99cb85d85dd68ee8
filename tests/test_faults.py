"""A run or a gate killed (SIGKILL) at each stage leaves the last good outputs whole.

Each kill happens in a forked child process (it shares the loaded imports, so a kill
costs a fraction of a second, not a fresh interpreter): the child patches one stage to
SIGKILL itself, then runs. The parent checks the previous outputs byte for byte and
that the next run removes what the killed one left.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from audit.atomic import clean_stale, temp_name

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def small_suite(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The news suite cut to its ingest and duplicate checks: the same outputs to write,
    a fraction of the Great Expectations time (the kills test the writing, not checks)."""
    document = json.loads((ROOT / "expectations" / "news.json").read_text())
    document["expectations"] = [e for e in document["expectations"]
                                if (e.get("meta") or {}).get("check", "").startswith(("ingest.", "duplicate.exact"))]
    path = tmp_path_factory.mktemp("suite") / "small.json"
    path.write_text(json.dumps(document))
    return str(path)


def _die(*_args: object, **_kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _after(original: Callable[..., object]) -> Callable[..., object]:
    def call_then_die(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)
        _die()
    return call_then_die


def _patch_run_stage(stage: str) -> None:
    import audit.pipeline as pipeline
    import audit.validate as validate
    from audit.validate.child import GxChild

    if stage == "detect":
        pipeline.run_detectors = _die  # type: ignore[assignment]
    elif stage == "validate":  # the run's own process, whether GX runs in a child or here
        GxChild.validate = _die  # type: ignore[method-assign]
        validate.validate = _die  # type: ignore[assignment]
    elif stage == "report":  # every file written in the temporary folder, not yet moved
        pipeline.write_outputs = _after(pipeline.write_outputs)  # type: ignore[assignment]


def _patch_gate_stage(stage: str) -> None:
    import audit.gating as gating

    if stage == "detect":  # inside the gate's own run
        import audit.pipeline as pipeline

        pipeline.run_detectors = _die  # type: ignore[assignment]
    elif stage == "writing":  # killed with two records written to the temporary files
        calls = iter(range(100))
        original = gating.hand_on_clean

        def hand_on_then_die(*args: object) -> object:
            if next(calls) == 2:
                _die()
            return original(*args)
        gating.hand_on_clean = hand_on_then_die  # type: ignore[assignment]
    elif stage == "synced":  # both files whole on disk, not yet renamed
        os.fsync = _after(os.fsync)  # type: ignore[assignment]


def _killed_run(stage: str, out: str, suite: str) -> None:
    from audit.pipeline import run

    _patch_run_stage(stage)
    run([SEEDS], out=out, suite=suite, on_problem=None)


def _killed_gate(stage: str, accepted: str, quarantine: str, suite: str) -> None:
    from audit.gating import gate

    _patch_gate_stage(stage)
    gate([SEEDS], accepted=accepted, quarantine=quarantine, suite=suite, on_problem=None)


def _kill_in_child(target: Callable[..., None], *args: str) -> int:
    """Run target in a forked child that kills itself; its (now dead) process id."""
    child = multiprocessing.get_context("fork").Process(target=target, args=args)
    child.start()
    child.join(120)
    assert child.exitcode == -signal.SIGKILL
    return child.pid  # type: ignore[return-value]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _assert_whole_run(out: Path, run_id: str) -> None:
    summary = json.loads((out / "summary.json").read_text())
    assert summary["run_id"] == run_id
    table = pd.read_parquet(out / "articles.parquet")
    assert len(table) == summary["articles"] == 5
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text().splitlines()]
    assert len(findings) == sum(summary["counts"]["by_severity"].values())
    assert (out / "index.html").read_text().rstrip().endswith("</html>")


def test_a_run_killed_at_each_stage_leaves_the_last_run_whole(tmp_path: Path, small_suite: str) -> None:
    from audit.pipeline import run

    old_umask = os.umask(0o022)
    try:
        out = tmp_path / "reports" / "latest"
        first = run([SEEDS], out=out, suite=small_suite, on_problem=None)
        assert out.stat().st_mode & 0o777 == 0o755  # the user's umask, not mkdtemp's 0700
        before = _snapshot(out)
        for stage in ("detect", "validate", "report"):
            _kill_in_child(_killed_run, stage, str(out), small_suite)
            assert _snapshot(out) == before, stage
        left = [p.name for p in out.parent.iterdir() if p.name.startswith(".latest.tmp-")]
        assert left, "the killed report stage leaves its temporary folder"
        _assert_whole_run(out, first.summary["run_id"])
        second = run([SEEDS], out=out, suite=small_suite, on_problem=None)
        _assert_whole_run(out, second.summary["run_id"])
        assert sorted(p.name for p in out.parent.iterdir()) == [".latest.lock", "history.jsonl", "latest"]
    finally:
        os.umask(old_umask)


def test_a_gate_killed_while_writing_leaves_the_last_pair_whole(tmp_path: Path, small_suite: str) -> None:
    from audit.gating import gate

    accepted, quarantine = tmp_path / "ok" / "accepted.jsonl", tmp_path / "bad" / "quarantine.jsonl"
    result = gate([SEEDS], accepted=accepted, quarantine=quarantine, suite=small_suite,
                  on_problem=None)
    before = accepted.read_bytes(), quarantine.read_bytes()
    assert len(before[0].splitlines()) + len(before[1].splitlines()) == 5
    assert len(result.accepted) + len(result.quarantined) == 5
    dead = _kill_in_child(_killed_gate, "detect", str(accepted), str(quarantine), small_suite)
    runs_left = list(Path(tempfile.gettempdir()).glob(f"corpus-audit-gate-{dead}-*"))
    assert not runs_left, "a gate without --out writes no run folder, even killed in its run"
    assert (accepted.read_bytes(), quarantine.read_bytes()) == before
    for stage in ("writing", "synced"):  # two records written / both files whole, not renamed
        _kill_in_child(_killed_gate, stage, str(accepted), str(quarantine), small_suite)
        assert (accepted.read_bytes(), quarantine.read_bytes()) == before, stage
    assert any(p.name.startswith(".accepted.jsonl.tmp-") for p in accepted.parent.iterdir())
    gate([SEEDS], accepted=accepted, quarantine=quarantine, suite=small_suite, on_problem=None)
    assert [p.name for p in accepted.parent.iterdir()] == ["accepted.jsonl"]  # cleaned
    assert [p.name for p in quarantine.parent.iterdir()] == ["quarantine.jsonl"]


def _dead_pid() -> int:
    child = multiprocessing.get_context("fork").Process(target=os._exit, args=(0,))
    child.start()
    child.join()
    return child.pid  # type: ignore[return-value]


def test_clean_stale_puts_back_the_run_a_killed_fallback_swap_moved_aside(tmp_path: Path) -> None:
    """Off Linux the swap is two renames; killed between them, `out` is missing and the
    old run sits under its temporary name: the next run's clean_stale puts it back."""
    out = tmp_path / "latest"
    out.mkdir()
    (out / "summary.json").write_text('{"run_id": "last-good"}')
    out.rename(temp_name(out, "old").with_name(f".latest.old-{_dead_pid()}-abcdef"))
    clean_stale(out)
    assert json.loads((out / "summary.json").read_text()) == {"run_id": "last-good"}
    assert [p.name for p in tmp_path.iterdir()] == ["latest"]


def test_clean_stale_spares_live_writers_and_user_folders(tmp_path: Path) -> None:
    out = tmp_path / "latest"
    out.mkdir()
    dead, live = _dead_pid(), os.getpid()
    paths = {name: tmp_path / name for name in (
        f".latest.tmp-{dead}-abcdef", f".latest.tmp-{live}-abcdef", ".latest.k3j2h1x9",
        ".latest.backup12", f".other.tmp-{dead}-abcdef")}
    for path in paths.values():
        (path / "data_docs").mkdir(parents=True)
    (paths[".latest.backup12"] / "my-notes.txt").write_text("mine")
    hour_ago = time.time() - 7200
    for path in paths.values():
        os.utime(path, (hour_ago, hour_ago))
    removed = clean_stale(out)
    assert sorted(p.name for p in removed) == sorted([f".latest.tmp-{dead}-abcdef", ".latest.k3j2h1x9"])
    assert paths[f".latest.tmp-{live}-abcdef"].exists() and paths[".latest.backup12"].exists()
    assert paths[f".other.tmp-{dead}-abcdef"].exists() and out.exists()
