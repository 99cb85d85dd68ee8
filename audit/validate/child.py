"""Great Expectations in its own process, imported while the run detects (issue 13).

Importing GX costs 3-4 s of CPU on one thread (GX itself, scipy.stats, altair, pandas).
Done in a thread of the run's process, it fought that process's GIL and, in a rerun
whose workers are idle on cache hits, it was the run's critical path. So a run forks
one child at its start: the child imports GX at once, on the other core, then waits.
When detection is done the parent sends it the signal frame (ids, hashes and counts:
small) and the child runs the real GX validation and sends back the `Validation`; with
Data Docs asked, it then builds them while the parent writes its report, and `finish`
waits for them (the report's overview links them). The parent never imports GX.

An error in the child (a suite GX cannot load, any GX exception) is sent back and
raised by the parent as it was raised, with the child's traceback as a note; a child
that dies (killed, out of memory) ends the wait with a `RuntimeError` naming its exit
code, never a hang and never a pass. The child ends when the parent closes the pipe or
itself dies.

In-process instead, as before: engine "spark" (a Spark session does not survive a
fork), a process that already imported GX (the Python API from a notebook: nothing to
gain), a platform without fork.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import importlib.util
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
import traceback
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import heap
from audit.gcpause import paused_gc
from audit.stack import reserved
from audit.suite import Suite
from audit.validate import gx_imported_quietly

if TYPE_CHECKING:
    import pandas as pd

    from audit.validate import Validation

POLL_SECONDS = 0.5  # how often either side checks that the other is still there
# What GX imports for expectations our suites do not use (KL divergence and KS tests:
# scipy.stats; their charts: altair; the JSON-schema expectation: jsonschema) or for
# Data Docs only (mistune renders their markdown): 40% of GX's import CPU (2.3 of 5.9 s
# for scipy.stats and altair, measured on the shared host; docs/measurements/gate-speed.md,
# gate2.md). In the child they are stand-ins that import the real module at the first
# attribute read: a suite (or Data Docs) that uses them still gets them.
DEFERRED_MODULES = ("scipy.stats", "altair", "jsonschema", "mistune")
# Optional packages GX imports when installed, for what this child never does: Spark
# (the child validates on pandas only: engine spark validates in-process) and S3 stores
# and datasources (boto3, botocore: installed here by a test dependency, not by GX or
# us). The child sees them as a pandas-only install does: not installed, so GX's
# `try: import ... except ImportError` leaves them out (0.2-0.4 s and about 0.2 s).
NOT_INSTALLED = ("pyspark", "boto3", "botocore")


def gx_in_child(engine: str) -> bool:
    """Whether a run should validate in a child process (see the module docstring). Not
    when this process has other threads (a notebook, a web service calling the Python
    API): one of them may hold an import lock at the fork, and the child's GX import
    would wait on it for ever."""
    return (engine == "pandas" and "great_expectations" not in sys.modules
            and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


class GxChild:
    """The parent's handle on the child: `validate` once, `close` always.

    Without a suite (`fork_early`: before the CLI has read its options), the child
    imports GX and waits for `use(suite)`."""

    def __init__(self, suite: Suite | None) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, theirs = context.Pipe()
        self.process = context.Process(target=_child, args=(theirs, suite, os.getpid(), self.conn),
                                       name="great-expectations", daemon=True)
        self.process.start()  # forks here: the suite is inherited, not pickled
        theirs.close()  # the child's copy is the only one left: its exit is our EOF
        self.seconds: dict[str, float] = {}  # the child's import and validation, and our wait
        self.docs_pending = False  # validated; the child builds the Data Docs (`finish`)
        self.asked = False  # `validate` sent it a frame
        self.has_suite = suite is not None
        # the file that keeps Data Docs' compiled templates (audit.validate.docs), if any
        self.template_cache: Path | None = None

    def use(self, suite: Suite) -> None:
        """Give a child forked without a suite the run's: it prepares GX's validation of it
        (audit.validate.prepare) as soon as GX is imported."""
        if self.has_suite:
            raise RuntimeError("the Great Expectations process has its suite already")
        self.has_suite = True
        with contextlib.suppress(OSError):  # a child that died: `validate` says so
            self.conn.send(("suite", suite))

    def validate(self, frame: pd.DataFrame | Mapping[str, list[Any]], docs_dir: Path | None) -> Validation:
        """GX's validation of `frame` (what `audit.validate.validate` returns), from the
        child: a DataFrame, or plain columns the child makes one of (audit.validate.as_frame).

        With `docs_dir`, the child goes on to build the Data Docs: `finish` waits for them.
        """
        if not self.has_suite:
            raise RuntimeError("the Great Expectations process has no suite: call use(suite) first")
        sent = time.monotonic()
        self.docs_pending, self.asked = False, True
        try:
            self.conn.send(("frame", packed(frame), docs_dir, self.template_cache))
            reply = self._receive()
        except (EOFError, OSError):  # a closed pipe: the child is gone
            self.close()
            raise self._died() from None
        outcome, value, seconds = reply
        self.seconds = {"gx_import": seconds["import"], "gx_prepare": seconds["prepare"],
                        "gx_validate": seconds["validate"],
                        "wait_gx_import": max(0.0, seconds["ready_at"] - sent)}
        self.docs_pending = outcome == "ok" and docs_dir is not None
        if not self.docs_pending:
            self.close()
        if outcome == "error":
            raise value
        return value

    def finish(self) -> None:
        """Wait for the Data Docs the child builds after the validation (if asked); an
        error there is raised here, as it was raised in the child."""
        if not self.docs_pending:
            return
        self.docs_pending = False
        try:
            outcome, value, seconds = self._receive()
        except (EOFError, OSError):
            raise self._died() from None
        finally:
            self.close()
        self.seconds["gx_docs"] = seconds["docs"]
        if outcome == "error":
            raise value

    def _receive(self) -> Any:
        while not self.conn.poll(POLL_SECONDS):
            if not self.process.is_alive() and not self.conn.poll(0):
                raise self._died()
        return self.conn.recv()

    def _died(self) -> RuntimeError:
        self.process.join(5)
        return RuntimeError(
            f"the Great Expectations process ended (exit code {self.process.exitcode}) "
            "before it sent the validation; no article was validated"
        )

    def close(self) -> None:
        """End the child (idempotent): closing the pipe lets it exit; wait, then insist.
        A child never asked to validate (the run failed first) holds nothing: it is ended
        at once, not left to finish importing GX while the run waits."""
        self.conn.close()
        if not self.asked and self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


class InProcess:
    """The same calls as `GxChild`, validating in this process (GX imported when called)."""

    def __init__(self, suite: Suite, engine: str, spark_master: str | None) -> None:
        self.suite, self.engine, self.spark_master = suite, engine, spark_master
        self.seconds: dict[str, float] = {}
        self.template_cache: Path | None = None  # as GxChild's

    def validate(self, frame: pd.DataFrame | Mapping[str, list[Any]], docs_dir: Path | None) -> Validation:
        """On a reserved stretch of the frame stack, as the child (GX's first import may be
        this call's, at whatever depth the caller stands: audit.stack)."""
        from audit.validate import validate

        return reserved(functools.partial(validate, frame, self.suite, docs_dir, engine=self.engine,
                                          spark_master=self.spark_master, template_cache=self.template_cache))

    def finish(self) -> None:
        """Nothing to wait for: `validate` built the Data Docs."""

    def close(self) -> None:
        pass


SEPARATOR = "\x00"  # between a packed column's strings (a column holding one is sent as it is)


def packed(frame: Any) -> Any:
    """Plain columns (signal_columns') with each column of str and None joined into one
    str, its None positions apart: what the pipe carries as a few buffers, where a list
    is pickled a string at a time (five columns of 100,000: 0.13 s of the run's CPU
    against 0.03, holding the GIL the report's thread needs). A DataFrame, or a column
    with other values or holding the separator, is sent as it is. `unpacked` reverses it."""
    if not isinstance(frame, Mapping):
        return frame
    out: dict[str, Any] = {}
    for name, values in frame.items():
        out[name] = values
        if type(values) is not list or not values or not set(map(type, values)) <= {str, type(None)}:
            continue
        nones = [i for i, v in enumerate(values) if v is None] if None in values else []
        joined = SEPARATOR.join([v or "" for v in values] if nones else values)
        if joined.count(SEPARATOR) == len(values) - 1:  # no value holds the separator
            out[name] = _Packed(joined, nones)
    return out


@dataclass(frozen=True)
class _Packed:
    """A packed column: its strings joined by SEPARATOR, the positions of its None."""

    joined: str
    nones: list[int]


def unpacked(frame: Any) -> Any:
    """`packed`'s columns made lists again (the same values, in order)."""
    if not isinstance(frame, Mapping):
        return frame
    out: dict[str, Any] = {}
    for name, values in frame.items():
        if isinstance(values, _Packed):
            column: list[Any] = values.joined.split(SEPARATOR)
            for i in values.nones:
                column[i] = None
            values = column
        out[name] = values
    return out


def start_validator(suite: Suite, engine: str = "pandas",
                    spark_master: str | None = None) -> GxChild | InProcess:
    """The run's validator: the child `fork_early` started, given `suite`, when there is
    one and the run validates on pandas; else a child started now when
    `gx_in_child(engine)`; else this process."""
    early = take_early()
    if early is not None:
        if engine == "pandas" and early.process.is_alive():
            early.use(suite)
            return early
        early.close()
    return GxChild(suite) if gx_in_child(engine) else InProcess(suite, engine, spark_master)


_EARLY: list[GxChild] = []  # the child fork_early started, until start_validator takes it


def fork_early(args: list[str]) -> None:
    """Fork GX's child now, before the CLI imports typer and parses its options (0.1 s
    earlier: GX's import is the critical path of a small run, issue 13), when `args`
    (the command line after the program) ask for a command that validates on pandas:
    `run` or `gate`, no `--help`, no `--engine` but pandas. The suite comes later
    (`start_validator`); a child nobody takes is ended by `discard_early`.

    What both processes need is imported here first, once (pydantic; for `run` and a gate
    with `--out`, pandas, which their table needs): the child starts that much later and
    skips as much, so GX is ready as soon, for 0.05 s (0.35 s) less CPU than two imports."""
    if not args or args[0] not in ("run", "gate") or "--help" in args:
        return
    engines = [b for a, b in zip(args, [*args[1:], ""]) if a == "--engine"]
    engines += [a.partition("=")[2] for a in args if a.startswith("--engine=")]
    if any(e != "pandas" for e in engines) or not gx_in_child("pandas"):
        return
    with paused_gc():  # what both processes import, imported once, before the fork
        import pydantic  # noqa: F401 (GX's models; typer's option parsing: 0.05 s)

        if args[0] == "run" or any(a == "--out" or a.startswith("--out=") for a in args):
            import pandas  # noqa: F401 (the run's table: 0.3 s with numpy and pyarrow; a gate without --out has none)
    _EARLY.append(GxChild(None))


def take_early() -> GxChild | None:
    """The child `fork_early` started (once), or None."""
    return _EARLY.pop() if _EARLY else None


def discard_early() -> None:
    """End the child `fork_early` started if no run took it (a usage error, `--help`)."""
    early = take_early()
    if early is not None:
        early.close()


# ---- in the child ---------------------------------------------------------------------


def _child(conn: Any, suite: Suite | None, parent: int, parents_end: Any) -> None:
    """The child's life, `_serve`, on a reserved stretch of the frame stack: GX's import
    called at the depth where a chunk of CPython's frame stack ends, and thrashed it
    (audit.stack: 1.2-1.35 s of import instead of 0.8 s)."""
    reserved(_serve, conn, suite, parent, parents_end)


def _serve(conn: Any, suite: Suite | None, parent: int, parents_end: Any) -> None:
    """Import GX, prepare the validation of the suite, wait for the frame, validate it,
    send back the outcome.

    The fork copied the parent's end of the pipe into this process too: it is closed
    first, or the parent closing its own end would never read as EOF here, and a run that
    ended before validating (an error, no input) would wait `close`'s 5 s for nothing.
    Without a suite (`fork_early`), the first message is the suite."""
    parents_end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    heap.malloc_grows_ahead()  # a process of our own: malloc as the run's command line has it
    clock = time.perf_counter()
    _import_gx()
    seconds = {"import": time.perf_counter() - clock}
    try:
        if suite is None:
            if not _wait_for(conn, parent):
                return
            _, suite = conn.recv()
        clock = time.perf_counter()
        prepared = _prepare(suite)
        seconds.update(prepare=time.perf_counter() - clock, ready_at=time.monotonic())
        if not _wait_for(conn, parent):
            return
        _, frame, docs_dir, template_cache = conn.recv()
        frame = unpacked(frame)
    except EOFError:  # the run ended before validating (an error, an interrupt)
        return
    clock = time.perf_counter()
    build_docs = None
    try:
        from audit.validate import validate_then_docs

        validation, build_docs = validate_then_docs(frame, suite, docs_dir, prepared=prepared,
                                                    template_cache=template_cache)
        reply: tuple[str, Any, dict[str, float]] = ("ok", validation, seconds)
    except BaseException as exc:  # whatever it is, the parent raises it
        reply = ("error", _portable(exc), seconds)
    seconds["validate"] = time.perf_counter() - clock
    conn.send(reply)
    if build_docs is not None and docs_dir is not None:  # while the parent writes its report
        _send_docs(conn, build_docs)
    conn.close()


def _wait_for(conn: Any, parent: int) -> bool:
    """Whether a message came (or the pipe closed: recv says EOF); False if the parent died."""
    while not conn.poll(POLL_SECONDS):
        if os.getppid() != parent:  # the parent died: nobody will ask
            return False
    return True


def _prepare(suite: Suite) -> Any:
    """audit.validate.prepare(suite), or None if it raises: then the validation prepares
    again and raises the same error where the parent gets it."""
    from audit.validate import prepare

    try:
        return prepare(suite)
    except Exception:
        return None


def _send_docs(conn: Any, build_docs: Callable[[], None]) -> None:
    """Build the Data Docs, then tell the parent (`GxChild.finish`) how it went."""
    clock = time.perf_counter()
    try:
        build_docs()
        reply: tuple[str, Any, dict[str, float]] = ("ok", None, {})
    except BaseException as exc:
        reply = ("error", _portable(exc), {})
    reply[2]["docs"] = time.perf_counter() - clock
    with contextlib.suppress(OSError):  # the parent gave up (an error of its own): nobody waits
        conn.send(reply)


def _import_gx() -> None:
    """GX as a pandas-only install sees it: NOT_INSTALLED left out; DEFERRED_MODULES
    imported only if used; the garbage collector paused meanwhile (audit.gcpause)."""
    for name in NOT_INSTALLED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    defer_imports(DEFERRED_MODULES)
    # validate() imports it again, and its error is sent
    with paused_gc(), contextlib.suppress(Exception), gx_imported_quietly():
        import great_expectations  # noqa: F401
    gc.freeze()  # what the import made stays for the child's life: collections skip it


class _OnFirstUse(types.ModuleType):
    """Stands in for a module in `sys.modules` until an attribute is read from it: then
    the real module is imported and answers (now and for every later read)."""

    def __getattr__(self, attr: str) -> Any:  # only for what the stand-in lacks
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attr)


def defer_imports(names: tuple[str, ...]) -> None:
    """Put a stand-in for each module not imported yet (`import x`, `from pkg import x`
    then bind it without running it). Only for the GX child, which is a process of its own."""
    for name in names:
        try:
            spec = None if name in sys.modules else importlib.util.find_spec(name)
        except (ImportError, ValueError):  # its package is missing: GX's import says so
            spec = None
        if spec is None:
            continue
        stand_in = _OnFirstUse(name)
        stand_in.__spec__, stand_in.__file__ = spec, spec.origin
        sys.modules[name] = stand_in


def _portable(exc: BaseException) -> BaseException:
    """`exc` as it can travel through a pipe, carrying the child's traceback as a note."""
    from audit.errors import UsageError

    if not isinstance(exc, UsageError):  # a usage error is one line for the user: as is
        exc.add_note("in the Great Expectations process:\n" + "".join(traceback.format_exception(exc)))
    try:
        return pickle.loads(pickle.dumps(exc))
    except Exception:  # an exception GX made that does not pickle: its type and text
        plain = RuntimeError(f"{type(exc).__name__}: {exc}")
        for note in getattr(exc, "__notes__", ()):
            plain.add_note(note)
        return plain
