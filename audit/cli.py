"""The `corpus-audit` command (Typer): run and gate, exit codes as SPEC.md says.

0: the run completed (whatever it found) / the gate accepted everything.
1: `--fail-on` severity found, or a check raised on an article so it is not checked /
   the gate quarantined something (an article a check raised on is quarantined).
2: bad usage, a missing path, a suite or input that cannot be read: one line on stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from audit.errors import UsageError
from audit.progress import make_progress

# What a run made, kept (and frozen: pipeline.run's `leftovers`) to `entry`'s os._exit,
# when the process's memory goes whole: a young collection of the tail's containers, then
# the tail's rows, view records and table and the result's articles freed one by one as
# the run and this command returned, took 0.6-1.1 s of a 100,000-article rerun's wall
# after its outputs were in place (docs/measurements/tail15.md)
KEPT: list[Any] = []


@contextlib.contextmanager
def _owned_process() -> Iterator[list[Any]]:
    """For `run` and `gate`, whose process the command line owns: KEPT emptied of a former
    run's (a process that runs several: tests) and handed over as the run's `leftovers`,
    and the run's new heap pages faulted in on the other core (audit.heap). Here, not in
    pipeline.run: malloc's options are the whole process's, and a caller of the Python API
    (a scheduler's worker) owns its process."""
    from audit.heap import pages_ahead

    KEPT.clear()
    with pages_ahead():
        yield KEPT

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Audit corpora of news articles: findings with evidence, judged by "
                       "Great Expectations suites.")


class FailOn(StrEnum):
    error = "error"
    warning = "warning"


SuiteOpt = Annotated[str, typer.Option("--suite", help="Suite name in expectations/ or a path.")]
TextField = Annotated[str, typer.Option("--text-field", help="Record field holding the text.")]
IdField = Annotated[str, typer.Option("--id-field", help="Record field holding the id.")]
DateField = Annotated[str, typer.Option("--published-field", help="Record field of the date.")]
FieldOpt = Annotated[list[str] | None, typer.Option("--field", help="Map another record field, NAME=FIELD, repeatable: title, url, publisher, language (e.g. --field publisher=source_domain for news-please records).")]


class Engine(StrEnum):
    pandas = "pandas"
    spark = "spark"


EngineOpt = Annotated[Engine, typer.Option("--engine", help="pandas, or spark: GX validates on its Spark engine and per-article detectors run on the executors (needs the spark extra).")]
MasterOpt = Annotated[str | None, typer.Option("--spark-master", help="Spark master URL (default: the active session, else local[*]).")]
AgainstOpt = Annotated[Path | None, typer.Option("--against", help="Also check duplicates against this saved index.")]
FixEncodingOpt = Annotated[bool, typer.Option("--fix-encoding", help="Repair mojibake and control characters (ftfy) before auditing; the table's encoding_fixed column says what changed.")]
SaveIndexOpt = Annotated[Path | None, typer.Option("--save-index", help="Add the (accepted) articles to this duplicate index.")]
WorkersOpt = Annotated[int | None, typer.Option("--workers", min=1, help="Processes that normalise and run the per-article checks (default: every core; 1: in this process). Findings do not depend on it.")]
BatchOpt = Annotated[int | None, typer.Option("--batch-size", min=1, help="Articles a worker takes at a time (default 200, fewer for a small input: at least 8 batches a worker): bounds the memory of the per-article stages.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", help="No progress on stderr (bars on a terminal, plain lines otherwise).")]


def _fields(text_field: str, id_field: str, published_field: str,  # type: ignore[no-untyped-def]
            mapped: list[str] | None = None):
    """The FieldMap of the options; `mapped`: --field's NAME=FIELD pairs (a record format of
    its own names, news-please's source_domain and title_page, needs more than the three)."""
    from dataclasses import fields as names_of

    from audit.errors import UsageError
    from audit.ingest import FieldMap

    chosen = {"text": text_field, "id": id_field, "published": published_field}
    names = [f.name for f in names_of(FieldMap)]
    for pair in mapped or []:
        name, sep, field = pair.partition("=")
        if not sep or name.strip() not in names or not field.strip():
            raise UsageError(f"--field {pair}: write NAME=FIELD, NAME one of {', '.join(names)}")
        chosen[name.strip()] = field.strip()
    return FieldMap(**chosen)


def _start_gx(suite: str, engine: Engine, spark_master: str | None):  # type: ignore[no-untyped-def]
    """The suite, and its validator started before the run's own imports (0.3-0.6 s), so
    that Great Expectations' import in its child begins that much earlier (issue 13)."""
    from audit.suite import load_suite
    from audit.validate.child import start_validator

    the_suite = load_suite(suite)
    return the_suite, start_validator(the_suite, engine.value, spark_master)


@app.command("run")
def run_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders; default seeds/.")] = None,
    suite: SuiteOpt = "news",
    out: Annotated[Path, typer.Option("--out", help="Run folder.")] = Path("reports/latest"),
    fail_on: Annotated[FailOn | None, typer.Option("--fail-on", help="Exit 1 on findings of this severity or worse, or when a check raised on an article (not checked).")] = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    published_field: DateField = "published",
    field: FieldOpt = None,
    against: AgainstOpt = None,
    save_index: SaveIndexOpt = None,
    fix_encoding: FixEncodingOpt = False,
    engine: EngineOpt = Engine.pandas,
    spark_master: MasterOpt = None,
    cache: Annotated[Path | None, typer.Option("--cache", help="Folder of language verdicts and per-article findings kept between runs (default: .cache beside --out).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Keep nothing between runs.")] = False,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Audit a corpus and write articles.parquet, findings.jsonl, summary.json, index.html."""
    the_suite, validator = _start_gx(suite, engine, spark_master)
    from audit.pipeline import run

    with _owned_process() as kept:
        result = run(paths or [Path("seeds")], suite=the_suite, out=out, validator=validator,
                     fields=_fields(text_field, id_field, published_field, field),
                     against=against, save_index=save_index, fix_encoding=fix_encoding,
                     engine=engine.value, spark_master=spark_master,
                     cache=None if no_cache else cache or out.parent / ".cache",
                     workers=workers, batch_size=batch_size, progress=make_progress(quiet),
                     leftovers=kept)
    KEPT.append(result)
    counts = result.summary["counts"]["by_severity"]
    status = result.summary["status"]
    typer.echo(
        f"{len(result.articles)} articles: {status.get('pass', 0)} pass, {status.get('fail', 0)} "
        f"fail; findings {counts['error']} error, {counts['warning']} warning, "
        f"{counts['info']} info -> {out}/index.html"
    )
    worst = {"error": ("error",), "warning": ("error", "warning")}
    if fail_on and (result.failed  # not checked after an error: not known to be clean
                    or any(f.severity in worst[fail_on.value] for f in result.findings)):
        raise typer.Exit(1)


@app.command("gate")
def gate_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to admit.")],
    accepted: Annotated[Path, typer.Option("--accepted", help="JSONL file (or folder) for accepted articles.")],
    quarantine: Annotated[Path, typer.Option("--quarantine", help="JSONL file (or folder) for quarantined articles.")],
    suite: SuiteOpt = "news",
    out: Annotated[Path | None, typer.Option("--out", help="Also keep the run's report here.")] = None,
    text_field: TextField = "text",
    id_field: IdField = "id",
    published_field: DateField = "published",
    field: FieldOpt = None,
    against: AgainstOpt = None,
    save_index: SaveIndexOpt = None,
    fix_encoding: FixEncodingOpt = False,
    engine: EngineOpt = Engine.pandas,
    spark_master: MasterOpt = None,
    cache: Annotated[Path | None, typer.Option("--cache", help="Folder of language verdicts and per-article findings kept between gate runs (default: none).")] = None,
    workers: WorkersOpt = None,
    batch_size: BatchOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Pre-ingest gate: every article goes to exactly one of --accepted and --quarantine."""
    the_suite, validator = _start_gx(suite, engine, spark_master)
    from audit.gating import gate

    with _owned_process() as kept:
        result = gate(paths, accepted=accepted, quarantine=quarantine, suite=the_suite, out=out,
                      validator=validator,
                      fields=_fields(text_field, id_field, published_field, field),
                      against=against, save_index=save_index, fix_encoding=fix_encoding,
                      engine=engine.value, spark_master=spark_master, cache=cache,
                      workers=workers, batch_size=batch_size, progress=make_progress(quiet),
                      leftovers=kept)
    KEPT.append(result)
    typer.echo(f"{len(result.accepted)} accepted -> {accepted}; "
               f"{len(result.quarantined)} quarantined -> {quarantine}")
    raise typer.Exit(result.exit_code)


@app.command("report")
def report_command(
    run_dir: Annotated[Path, typer.Argument(help="Run folder: articles.parquet, findings.jsonl, summary.json.")],
    open_report: Annotated[bool, typer.Option("--open", help="Open the report in the default browser.")] = False,
) -> None:
    """Rebuild a run folder's report (index.html, assets/, data/) from the run's outputs."""
    from audit.report import build_report

    path = build_report(run_dir)
    typer.echo(str(path))
    if open_report:
        import webbrowser

        webbrowser.open(path.resolve().as_uri())


def main() -> None:
    """Entry point: usage errors become one line on stderr and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except UsageError as exc:
        print(f"corpus-audit: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except typer.TyperException as exc:  # typer's own click: bad option, missing argument
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"corpus-audit: error: {message}", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


def entry() -> None:
    """The console command: `main`, then `os._exit` with its code once stdout and stderr are
    flushed. Every output is written, closed and renamed into place before `main` returns,
    and the workers and the GX child have ended; what is skipped is the interpreter's
    teardown, freeing every object of the run one by one (0.16 s after a 20,000-article
    rerun of 3.3 s). The Python API (`audit.run`, `audit.gate`) exits as usual."""
    try:
        main()
        code = 0
    except SystemExit as exc:
        if isinstance(exc.code, str):  # sys.exit("message"): Python prints it, exit code 1
            print(exc.code, file=sys.stderr)
        code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    if "audit.validate.child" in sys.modules:  # a child `python -m audit` forked for nothing
        from audit.validate.child import discard_early

        discard_early()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe: nothing left to say
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
