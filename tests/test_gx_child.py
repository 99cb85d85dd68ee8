"""Great Expectations in its child process (audit.validate.child): the same Validation as
in-process, errors raised by the parent as they were raised, and no hang when the child
dies or the parent does."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time
from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

import audit.validate
import audit.validate.child as child_module
from audit.errors import UsageError
from audit.pipeline import SIGNAL_FIELDS, article_table, run, signal_frame
from audit.suite import Suite, load_suite
from audit.validate.child import GxChild, gx_in_child

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def suite() -> Suite:
    return load_suite("news")


@pytest.fixture(scope="module")
def frame(suite: Suite, tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The seeds' signal frame, as the run hands it to GX (one article fails the suite)."""
    result = run([SEEDS], suite=suite, out=tmp_path_factory.mktemp("seeds") / "run",
                 on_problem=None, workers=1, data_docs=False, html_report=False)
    return signal_frame(article_table(result.articles, result.findings, suite, {}), suite)


def _raise_value_error(*_args: object, **_kwargs: object) -> None:
    raise ValueError("boom inside GX")


class _Unpicklable(Exception):
    def __reduce__(self) -> object:
        raise TypeError("cannot pickle this one")


def _raise_unpicklable(*_args: object, **_kwargs: object) -> None:
    raise _Unpicklable("made by a GX plugin")


def _kill_self(*_args: object, **_kwargs: object) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _comparable(validation: object) -> dict[str, object]:
    """The validation without GX's expectation ids (new UUIDs at each suite load)."""
    out = asdict(validation)  # type: ignore[call-overload]
    for outcome in out["outcomes"]:
        del outcome["expectation_id"]
    return out


def test_the_child_sends_back_what_gx_finds_in_process(frame: pd.DataFrame, suite: Suite) -> None:
    here = audit.validate.validate(frame, suite, None)
    child = GxChild(suite)
    there = child.validate(frame, None)
    assert here.failed_ids, "the seeds have an article that fails: the comparison must see it"
    assert _comparable(there) == _comparable(here)
    assert set(child.seconds) == {"gx_import", "gx_prepare", "gx_validate", "wait_gx_import"}
    assert not child.process.is_alive()


def test_plain_columns_go_packed_and_validate_as_in_process(frame: pd.DataFrame, suite: Suite) -> None:
    """The run sends plain columns (signal_columns'); their strings go joined (packed)."""
    columns = {name: (frame[name].tolist() if frame[name].dtype == object or name in SIGNAL_FIELDS
                      else frame[name].to_numpy()) for name in frame.columns}
    columns["published"] = [None, *columns["published"][1:]]  # a None kept in its place
    assert any(isinstance(v, child_module._Packed) for v in child_module.packed(columns).values())
    here = audit.validate.validate(pd.DataFrame(columns), suite, None)
    there = GxChild(suite).validate(columns, None)
    assert _comparable(there) == _comparable(here)


def test_packing_keeps_every_value_in_place() -> None:
    import pickle

    import numpy as np

    columns = {"ids": ["a", "", None, "b"], "nones": [None, None], "held": ["p\x00q", "r"],
               "counts": np.arange(3), "ints": [1, 2], "empty": [], "blank": ["", ""]}
    sent = child_module.packed(columns)
    assert {k for k, v in sent.items() if isinstance(v, child_module._Packed)} == {"ids", "nones", "blank"}
    back = child_module.unpacked(pickle.loads(pickle.dumps(sent)))
    assert back.keys() == columns.keys()
    for name, values in columns.items():
        assert list(back[name]) == list(values), name
        assert type(back[name]) is type(values), name


def test_an_error_in_the_child_is_raised_with_its_traceback(
        frame: pd.DataFrame, suite: Suite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit.validate, "validate_then_docs", _raise_value_error)  # before the fork
    with pytest.raises(ValueError, match="boom inside GX") as raised:
        GxChild(suite).validate(frame, None)
    notes = "".join(getattr(raised.value, "__notes__", []))
    assert "in the Great Expectations process" in notes and "_raise_value_error" in notes


def test_an_error_that_does_not_pickle_keeps_its_type_and_text(
        frame: pd.DataFrame, suite: Suite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit.validate, "validate_then_docs", _raise_unpicklable)
    with pytest.raises(RuntimeError, match="_Unpicklable: made by a GX plugin"):
        GxChild(suite).validate(frame, None)


def test_a_suite_gx_cannot_load_is_the_same_usage_error(frame: pd.DataFrame, tmp_path: Path) -> None:
    """A real GX error in the child: the expectation type GX does not know."""
    document = json.loads((ROOT / "expectations" / "news.json").read_text())
    document["expectations"].append({"type": "expect_column_to_be_a_novel", "kwargs": {"column": "text"}})
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document))
    broken = load_suite(str(path))
    with pytest.raises(UsageError) as here:
        audit.validate.validate(frame, broken, None)
    with pytest.raises(UsageError) as there:
        GxChild(broken).validate(frame, None)
    assert str(there.value) == str(here.value) and str(path) in str(there.value)


def test_a_child_killed_while_validating_ends_the_wait(
        frame: pd.DataFrame, suite: Suite, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit.validate, "validate_then_docs", _kill_self)
    clock = time.monotonic()
    with pytest.raises(RuntimeError, match=r"exit code -9\) before it sent the validation"):
        GxChild(suite).validate(frame, None)
    assert time.monotonic() - clock < 30


def test_a_child_killed_before_the_frame_is_sent_ends_the_wait(frame: pd.DataFrame, suite: Suite) -> None:
    child = GxChild(suite)
    os.kill(child.process.pid, signal.SIGKILL)  # type: ignore[arg-type]
    child.process.join(10)
    with pytest.raises(RuntimeError, match="exit code -9"):
        child.validate(frame, None)


def _start_child_then_die(suite: Suite, writer: multiprocessing.connection.Connection) -> None:
    writer.send(GxChild(suite).process.pid)
    os.kill(os.getpid(), signal.SIGKILL)


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "\nState:\tZ" in state  # a zombie nobody reaps is gone too


def test_the_child_ends_when_its_parent_dies(suite: Suite) -> None:
    reader, writer = multiprocessing.Pipe(duplex=False)
    parent = multiprocessing.get_context("fork").Process(target=_start_child_then_die, args=(suite, writer))
    parent.start()
    grandchild = reader.recv()
    parent.join(30)
    deadline = time.monotonic() + 30  # it may still be importing GX: then it polls
    while not _gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(grandchild)


def test_a_run_fails_when_gx_fails_in_the_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_module, "gx_in_child", lambda engine: True)  # GX imported here
    monkeypatch.setattr(audit.validate, "validate_then_docs", _raise_value_error)
    out = tmp_path / "latest"
    with pytest.raises(ValueError, match="boom inside GX"):
        run([SEEDS], out=out, on_problem=None, workers=1, data_docs=False, html_report=False)
    assert not out.exists()
    assert not multiprocessing.active_children()


def test_a_run_that_fails_before_validating_ends_its_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import audit.pipeline as pipeline

    monkeypatch.setattr(child_module, "gx_in_child", lambda engine: True)
    monkeypatch.setattr(pipeline, "run_detectors", _raise_value_error)
    clock = time.monotonic()
    with pytest.raises(ValueError, match="boom inside GX"):
        run([SEEDS], out=tmp_path / "latest", on_problem=None, workers=1)
    assert not multiprocessing.active_children()
    assert time.monotonic() - clock < 60


def test_where_a_run_validates() -> None:
    assert not gx_in_child("spark")  # a Spark session does not survive a fork
    assert "great_expectations" in __import__("sys").modules  # the fixtures validated here
    assert not gx_in_child("pandas")  # already imported: nothing to gain from a child


def test_a_process_with_other_threads_validates_in_process(monkeypatch) -> None:
    """A thread holding an import lock at the fork left the child's GX import waiting for
    ever (a notebook or web service calling the Python API): such a process does not fork."""
    import sys
    import threading

    monkeypatch.delitem(sys.modules, "great_expectations", raising=False)  # as if GX were not imported yet
    with monkeypatch.context() as alone:  # earlier tests' GX may leave threads running here
        alone.setattr(threading, "active_count", lambda: 1)
        assert gx_in_child("pandas")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not gx_in_child("pandas")
    finally:
        release.set()
        other.join()


def test_the_child_builds_the_data_docs_after_sending_the_validation(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path) -> None:
    """The Validation comes back before the Data Docs are built (the run writes its report
    meanwhile); `finish` waits for them: the same pages as GX's own checkpoint action
    builds in process."""
    here = tmp_path / "here"
    audit.validate.validate(frame, suite, here)
    child = GxChild(suite)
    there = tmp_path / "there"
    validation = child.validate(frame, there)
    assert child.docs_pending and child.process.is_alive()
    child.finish()
    assert not child.process.is_alive() and child.seconds["gx_docs"] > 0
    assert validation.failed_ids
    pages = sorted(p.relative_to(here).parts[0] for p in here.rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(there).parts[0] for p in there.rglob("*.html"))
    assert "index.html" in {p.name for p in there.iterdir()}


def _docs_raise(*_args: object, **_kwargs: object) -> tuple[object, object]:
    """A validation that succeeds, then Data Docs that fail."""
    frame, suite = _args[0], _args[1]
    validation, _ = REAL_VALIDATE_THEN_DOCS(frame, suite, None)

    def build() -> None:
        raise OSError("disk full while writing the Data Docs")
    return validation, build


REAL_VALIDATE_THEN_DOCS = audit.validate.validate_then_docs


def test_an_error_in_the_data_docs_is_raised_by_finish(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit.validate, "validate_then_docs", _docs_raise)
    child = GxChild(suite)
    assert child.validate(frame, tmp_path / "docs").failed_ids
    with pytest.raises(OSError, match="disk full"):
        child.finish()
    assert not child.process.is_alive()


def test_a_run_that_ends_before_validating_lets_the_child_go_at_once(suite: Suite) -> None:
    """`close` before `validate` (a missing path, no input, an interrupt) ends the child at
    once: the run's error is not held up by GX's import, nor (as when the fork had left
    the child a copy of the parent's end, so it never saw EOF) by `close`'s 5 s join."""
    child = GxChild(suite)
    started = time.monotonic()
    child.close()
    assert not child.process.is_alive()
    assert time.monotonic() - started < 0.5  # GX's import alone is about 1 s


def test_a_child_whose_parent_closed_the_pipe_sees_eof(suite: Suite) -> None:
    """The child's copy of the parent's end is closed at its start, so the parent's close
    reads as EOF there: the child exits by itself (code 0), not killed after a timeout."""
    child = GxChild(suite)
    child.asked = True  # as after `validate`: `close` waits for the child instead of ending it
    child.close()
    assert child.process.exitcode == 0


def test_the_child_sets_its_malloc_and_runs_on_a_reserved_stack(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path, monkeypatch) -> None:
    """The child (forked: it inherits these stand-ins) tells its malloc to keep what it
    frees (audit.heap) and serves on a reserved stretch of the frame stack (audit.stack)."""
    marks = tmp_path / "marks"

    def mark(name: str) -> None:
        with marks.open("a") as out:
            out.write(f"{name} {os.getpid()}\n")

    real_reserved = child_module.reserved
    monkeypatch.setattr(child_module.heap, "malloc_grows_ahead", lambda: mark("malloc"))
    monkeypatch.setattr(child_module, "reserved", lambda call, *args: (mark("reserved"), real_reserved(call, *args)))
    gx = GxChild(suite)
    try:
        assert gx.validate(frame, None).success is False  # it served, the seed that fails
    finally:
        gx.close()
    lines = marks.read_text().split()
    assert lines[0::2] == ["reserved", "malloc"] and set(lines[1::2]) == {str(gx.process.pid)}


def test_in_process_validation_runs_on_a_reserved_stack(frame: pd.DataFrame, suite: Suite, monkeypatch) -> None:
    """InProcess.validate (Spark, a caller with threads) goes through audit.stack.reserved too."""
    calls = []
    real_reserved = child_module.reserved
    monkeypatch.setattr(child_module, "reserved", lambda call, *args: (calls.append(call), real_reserved(call, *args))[1])
    validation = child_module.InProcess(suite, "pandas", None).validate(frame, None)
    assert len(calls) == 1 and validation.success is False


def test_a_caller_that_turns_warnings_into_errors_or_logs_at_debug(tmp_path: Path) -> None:
    """An orchestrator's strict process: warnings made errors had every run fail on GX's
    own import (DeprecationWarning: module 'sre_constants' is deprecated); logging at DEBUG
    printed about 2,600 of GX's records a call (a helper's review, twentieth session)."""
    import subprocess
    import sys

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    code = ("import logging, warnings, audit\n"
            "warnings.simplefilter('error')\n"
            "logging.basicConfig(level=logging.DEBUG)\n"
            f"r = audit.run([{str(seeds)!r}], out={str(tmp_path / 'out')!r}, on_problem=None)\n"
            "print('statuses', sorted(r.status.values()))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "statuses ['fail', 'pass', 'pass', 'pass', 'pass']"
    assert len(done.stderr.splitlines()) < 50
