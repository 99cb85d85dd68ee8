"""Validate: the suite decides, through Great Expectations' own validation.

GX sees only the signal columns (ids, hashes, per-check finding counts), never the
text: detectors already read it once (GX-NOTES.md: a regex scan of the text column is
three quarters of GX's cost). Each article's status comes from GX's results: an
article fails when it is an unexpected row of an expectation whose severity is error.
GX is imported here, lazily, never at package import (3 s, 217 MB).
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit.errors import UsageError
from audit.suite import Suite, signal_column

if TYPE_CHECKING:  # pandas is imported with GX: not when the run imports this module
    import pandas as pd

ID_COLUMN = "article_id"
TEMPLATES_FILE = "gx-templates.bin"  # in a run's cache folder: Data Docs' templates (audit.validate.docs)


@dataclass
class ExpectationOutcome:
    expectation_id: str
    type: str
    column: str | None
    check: str | None
    severity: str | None
    success: bool
    unexpected_count: int
    unexpected_ids: list[str] = field(default_factory=list)


@dataclass
class Validation:
    success: bool
    outcomes: list[ExpectationOutcome]
    failed_ids: set[str]  # articles unexpected in an error-severity expectation
    statistics: dict[str, Any]
    gx_version: str


def as_frame(table: pd.DataFrame | Mapping[str, Any], suite: Suite) -> pd.DataFrame:
    """The table GX validates: a DataFrame as given, or one made from plain columns, lists
    or numpy arrays (audit.pipeline.signal_columns: the run's process does not import
    pandas for it).
    Without rows, the suite's count columns are int64 and the others object, as the
    article table's are (pandas would make them all float64)."""
    import pandas as pd

    if isinstance(table, pd.DataFrame):
        return table
    frame = pd.DataFrame(dict(table))
    if frame.empty:
        counts = {signal_column(check) for check in suite.rules}
        frame = frame.astype({c: "int64" if c in counts else object for c in frame.columns})
    return frame


def indexed_by_id(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its article ids as its index too, named as their column (the frame
    itself when it has no such column or a named index already: then as given).

    GX names each unexpected row by `unexpected_index_column_names` (article_id). On an
    unnamed index it reads that column row by row (`DataFrame.at`, 18,000 unexpected rows
    in the 100,000 rerun: 0.2 of GX's 1.0 s of CPU); on an index of that name it takes the
    index's values as they are. The same ids, in the same order, and the same results
    (tests/test_tail5.py); the column is still there for the expectations on it."""
    import pandas as pd

    if ID_COLUMN not in frame.columns or frame.index.name is not None or frame.index.nlevels != 1:
        return frame
    indexed = frame.copy(deep=False)  # the caller's frame keeps its index
    indexed.index = pd.Index(frame[ID_COLUMN], name=ID_COLUMN)
    return indexed


def validate(
    table: pd.DataFrame | Mapping[str, list[Any]],
    suite: Suite,
    docs_dir: Path | None = None,
    *,
    engine: str = "pandas",
    spark_master: str | None = None,
    template_cache: Path | None = None,
) -> Validation:
    """Run the suite on the table with a GX Checkpoint; build Data Docs into docs_dir.

    engine "spark" hands the table to GX's own Spark execution engine (a SparkSession
    on `spark_master`, or the active one), so the suite runs where the cluster is.
    `template_cache`: the file that keeps Data Docs' compiled templates (audit.validate.docs).
    """
    validation, build_docs = validate_then_docs(table, suite, docs_dir, engine=engine,
                                                spark_master=spark_master,
                                                template_cache=template_cache)
    build_docs()
    return validation


@dataclass
class Prepared:
    """What GX validates a table with, made before the table exists: the ephemeral
    context with the suite, the datasource, the validation definition and the checkpoint.
    GX's child makes it while it waits for the run's frame (0.05-0.1 s: issue 13)."""

    gx: Any
    context: Any
    checkpoint: Any
    engine: str


@contextlib.contextmanager
def gx_imported_quietly() -> Iterator[None]:
    """Around GX's import: its own deprecation warnings ignored, and its logger at ERROR
    from the start. A caller that turns warnings into errors (`warnings.simplefilter(
    "error")`, as a strict test harness or a service does) had every run fail on GX's
    import ("DeprecationWarning: module 'sre_constants' is deprecated"); a caller logging
    at DEBUG got 2,600 of GX's records a call, each expectation's registration (a helper's
    review, twentieth session)."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        yield


def prepare(suite: Suite, engine: str = "pandas") -> Prepared:
    """GX's context, suite, datasource and checkpoint for `suite` on `engine`: everything
    but the table and the Data Docs site (which needs the run's folder)."""
    with gx_imported_quietly():
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    gx_suite = context.suites.add(_load_gx_suite(gx, suite))
    if engine == "spark":
        source = context.data_sources.add_spark("corpus")
    elif engine == "pandas":
        source = context.data_sources.add_pandas("corpus")
    else:
        raise UsageError(f"engine {engine!r}: use pandas or spark")
    batch = source.add_dataframe_asset("articles").add_batch_definition_whole_dataframe("run")
    definition = context.validation_definitions.add(
        gx.ValidationDefinition(name=f"{suite.name}-run", data=batch, suite=gx_suite)
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name=f"{suite.name}-checkpoint",
            validation_definitions=[definition],
            actions=[],  # Data Docs: build_docs below, once the caller has the Validation
            # Trap 4: point failures at article_id, never copy text values into results.
            result_format={
                "result_format": "COMPLETE",
                "unexpected_index_column_names": [ID_COLUMN],
                "exclude_unexpected_values": True,
                "return_unexpected_index_query": False,
            },
        )
    )
    return Prepared(gx=gx, context=context, checkpoint=checkpoint, engine=engine)


def validate_then_docs(
    table: pd.DataFrame | Mapping[str, list[Any]],
    suite: Suite,
    docs_dir: Path | None = None,
    *,
    engine: str = "pandas",
    spark_master: str | None = None,
    prepared: Prepared | None = None,
    template_cache: Path | None = None,
) -> tuple[Validation, Callable[[], None]]:
    """`validate`'s Validation, and the call that then builds its Data Docs (nothing
    without `docs_dir`): the same UpdateDataDocsAction a checkpoint runs after its
    validation, run by the caller. Data Docs are about half of GX's time at 20,000 rows
    (Jinja templates compiled, results rendered: fixed costs, not rows), and nothing of
    the run waits for them but the move of the run folder into place, so the GX process
    sends the Validation first and builds them while the run writes its report (issue 13).
    `prepared`: `prepare(suite, engine)`, made beforehand (used once: a validation leaves
    its results in its context).
    """
    from great_expectations.checkpoint.actions import ActionContext

    table = as_frame(table, suite)
    prepared = prepared or prepare(suite, engine)
    gx, context = prepared.gx, prepared.context
    frame: Any = spark_frame(table, spark_master) if engine == "spark" else indexed_by_id(table)
    docs_action = None
    if docs_dir is not None:
        from audit.validate.docs import site_config

        context.add_data_docs_site(site_name="run", site_config=site_config(docs_dir, template_cache))
        docs_action = gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["run"])
    result = prepared.checkpoint.run(batch_parameters={"dataframe": frame})
    (run_result,) = result.run_results.values()
    outcomes = [_outcome(r) for r in run_result.results]
    failed = {i for o in outcomes if o.severity == "error" for i in o.unexpected_ids}
    validation = Validation(
        success=bool(run_result.success),
        outcomes=outcomes,
        failed_ids=failed,
        statistics=dict(run_result.statistics),
        gx_version=gx.__version__,
    )

    def build_docs() -> None:
        if docs_action is not None:  # as Checkpoint._run_actions runs it
            from audit.validate.docs import keep_templates

            docs_action._data_context = context
            docs_action.run(checkpoint_result=result, action_context=ActionContext())
            keep_templates(template_cache)

    return validation, build_docs


def spark_frame(table: pd.DataFrame, master: str | None) -> Any:
    """The table as a Spark DataFrame (Arrow carries nullable counts across)."""
    return spark_session(master).createDataFrame(table)


def spark_session(master: str | None) -> Any:
    """The Spark session on the given master, else the active one, else local[*].

    pyspark comes with the `spark` extra (GX's own pin: a bare pyspark 4.3 makes
    `python -c` exit early, GX-NOTES.md). getOrCreate: detection and validation of one
    run share the session.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "engine spark needs pyspark: pip install 'corpus-audit[spark]'"
        ) from None
    builder = SparkSession.builder.appName("corpus-audit").config(
        "spark.sql.execution.arrow.pyspark.enabled", "true"
    ).config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    elif SparkSession.getActiveSession() is None:
        builder = builder.master("local[*]")
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def _load_gx_suite(gx: Any, suite: Suite) -> Any:
    """Build the GX suite from the file; losing an expectation on load is an error.

    GX drops expectations it cannot build with only a logged traceback (GX-NOTES.md
    trap 1), and a gate would then pass everything: count them.
    """
    document = {k: v for k, v in suite.document.items() if k in ("name", "expectations", "meta")}
    # GX logs the traceback of each expectation it drops (56 lines on stderr before ours,
    # a helper's review, twentieth session): ours below says it in one line
    gx_logger = logging.getLogger("great_expectations.core.expectation_suite")
    level = gx_logger.level
    gx_logger.setLevel(logging.CRITICAL)
    try:
        gx_suite = gx.ExpectationSuite(**document)
    except Exception as exc:  # GX raises many types for a malformed suite
        raise UsageError(f"{suite.path}: Great Expectations cannot load the suite ({exc})") from None
    finally:
        gx_logger.setLevel(level)
    wanted, got = len(suite.document["expectations"]), len(gx_suite.expectations)
    if got != wanted:
        known = {e.expectation_type for e in gx_suite.expectations}
        lost = sorted({e.get("type", "?") for e in suite.document["expectations"]} - known)
        raise UsageError(
            f"{suite.path}: Great Expectations loaded {got} of {wanted} expectations "
            f"(not: {', '.join(map(str, lost)) or 'one of a type it loaded elsewhere'}); "
            "an unknown expectation type would silently pass everything"
        )
    return gx_suite


def _outcome(result: Any) -> ExpectationOutcome:
    config = result.expectation_config
    meta = config.meta or {}
    details = result.result or {}
    ids: list[str] = []
    for entry in details.get("unexpected_index_list") or []:
        value = entry.get(ID_COLUMN) if isinstance(entry, dict) else entry
        ids.extend(map(str, value) if isinstance(value, list) else [str(value)])
    return ExpectationOutcome(
        expectation_id=str(config.id),
        type=config.type,
        column=config.kwargs.get("column"),
        check=meta.get("check"),
        severity=meta.get("severity"),
        success=bool(result.success),
        unexpected_count=int(details.get("unexpected_count") or 0),
        unexpected_ids=ids,
    )
