"""The fixed cost of every run (issue 13): Data Docs' templates compiled once per run and
kept in the run's cache, GX's validation prepared before the frame comes, and GX's child
forked by `python -m audit` before the CLI's own imports. The same validation and the
same Data Docs pages as before."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jinja2
import pandas as pd
import pytest
import test_gx_child

import audit.validate
import audit.validate.child as child_module
import audit.validate.docs as docs_module
from audit.pipeline import run
from audit.suite import Suite

# the seeds' suite and signal frame, and a Validation without GX's expectation ids
suite, frame, _comparable = test_gx_child.suite, test_gx_child.frame, test_gx_child._comparable
ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _pages(folder: Path) -> dict[str, str]:
    """Data Docs' HTML pages with what differs between two builds masked: ids, times."""
    masks = [(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "ID"),
             (r"\d{8}T\d{6}\.\d+Z", "TIME"), (r"'_run_time_sort': [\d.]+", "TIME"),
             (r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(\+00:00|Z)?", "TIME")]
    pages = {}
    for path in folder.rglob("*.html"):
        text = path.read_text()
        for pattern, mask in masks:
            text = re.sub(pattern, mask, text)
        pages[re.sub(masks[1][0], "TIME", str(path.relative_to(folder)))] = text
    return pages


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the templates Jinja compiles from here on; no template cache of an
    earlier test (a fresh process's)."""
    names: list[str] = []
    real = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object,
                 **kwargs: object) -> object:
        names.append(str(name))
        return real(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    monkeypatch.setattr(docs_module, "_CACHES", {})
    return names


def test_data_docs_are_gx_default_pages_with_each_template_compiled_once(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path, compiled: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """GX's views make a Jinja environment a page: 51 compiles of 24 templates for the
    three pages. Through the cache each is compiled once, and the pages are the ones GX's
    default site builds (the views are GX's own, with a bytecode cache)."""
    ours = tmp_path / "ours"
    audit.validate.validate(frame, suite, ours)
    assert compiled and len(compiled) == len(set(compiled))
    ours_count = len(compiled)

    ours_site = docs_module.site_config

    def gx_default_site(docs_dir: Path, _cache: object) -> dict[str, object]:
        site = ours_site(docs_dir, None)
        del site["site_section_builders"]
        site["site_index_builder"] = {"class_name": "DefaultSiteIndexBuilder"}
        return site

    compiled.clear()
    monkeypatch.setattr(docs_module, "site_config", gx_default_site)
    default = tmp_path / "default"
    audit.validate.validate(frame, suite, default)
    assert len(compiled) > ours_count == len(set(compiled))  # each page compiled its own
    assert _pages(ours) == _pages(default) and len(_pages(ours)) == 3
    assert _files(ours) == _files(default)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file of a Data Docs folder but the pages, by path (times masked)."""
    return {re.sub(r"\d{8}T\d{6}\.\d+Z", "TIME", str(p.relative_to(folder))): p.read_bytes()
            for p in folder.rglob("*") if p.is_file() and p.suffix != ".html"}


def test_the_templates_kept_in_the_cache_folder_are_not_compiled_again(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path, compiled: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    kept = tmp_path / "cache" / audit.validate.TEMPLATES_FILE
    audit.validate.validate(frame, suite, tmp_path / "first", template_cache=kept)
    assert compiled and kept.is_file()
    first = _pages(tmp_path / "first")

    compiled.clear()
    monkeypatch.setattr(docs_module, "_CACHES", {})  # as the next run's process
    audit.validate.validate(frame, suite, tmp_path / "second", template_cache=kept)
    assert compiled == []
    assert _pages(tmp_path / "second") == first

    kept.write_bytes(b"not a cache")  # damaged: a miss, compiled again, written again
    monkeypatch.setattr(docs_module, "_CACHES", {})
    audit.validate.validate(frame, suite, tmp_path / "third", template_cache=kept)
    assert compiled and _pages(tmp_path / "third") == first
    assert docs_module._read(kept)


def test_a_cache_folder_that_cannot_be_written_is_not_an_error(
        frame: pd.DataFrame, suite: Suite, tmp_path: Path, compiled: list[str]) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    validation = audit.validate.validate(frame, suite, tmp_path / "docs",
                                         template_cache=blocked / audit.validate.TEMPLATES_FILE)
    assert validation.failed_ids and compiled and (tmp_path / "docs" / "index.html").is_file()


def test_a_run_keeps_the_templates_in_its_cache(tmp_path: Path) -> None:
    run([SEEDS], out=tmp_path / "latest", cache=tmp_path / "cache", on_problem=None, workers=1)
    assert docs_module._read(tmp_path / "cache" / audit.validate.TEMPLATES_FILE)


def test_a_prepared_validation_is_the_plain_one(frame: pd.DataFrame, suite: Suite) -> None:
    plain = audit.validate.validate(frame, suite, None)
    prepared = audit.validate.prepare(suite)
    validation, build_docs = audit.validate.validate_then_docs(frame, suite, None, prepared=prepared)
    build_docs()
    assert plain.failed_ids and _comparable(validation) == _comparable(plain)


def test_the_child_prepares_before_the_frame_comes(frame: pd.DataFrame, suite: Suite) -> None:
    child = child_module.GxChild(suite)
    try:
        validation = child.validate(frame, None)
    finally:
        child.close()
    assert child.seconds["gx_prepare"] > 0
    assert _comparable(validation) == _comparable(audit.validate.validate(frame, suite, None))


def test_which_commands_fork_early(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_module, "gx_in_child", lambda engine: engine == "pandas")
    monkeypatch.setattr(child_module, "GxChild", lambda suite: ("child", suite))
    for args in (["report", "x"], ["run", "--help"], ["run", "x", "--engine", "spark"],
                 ["gate", "x", "--engine=spark"], ["--help"], []):
        child_module.fork_early(args)
        assert child_module.take_early() is None, args
    for args in (["run"], ["run", "x", "--engine", "pandas"], ["gate", "x", "--engine=pandas"]):
        child_module.fork_early(args)
        assert child_module.take_early() == ("child", None), args


def test_the_early_child_validates_the_run(frame: pd.DataFrame, suite: Suite,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(child_module, "gx_in_child", lambda engine: True)  # GX imported here
    child_module.fork_early(["run", "seeds"])
    early = child_module._EARLY[0]
    validator = child_module.start_validator(suite)
    try:
        assert validator is early and not child_module._EARLY
        validation = validator.validate(frame, None)
    finally:
        validator.close()
    assert _comparable(validation) == _comparable(audit.validate.validate(frame, suite, None))


SCRIPT = textwrap.dedent("""
    import json, os, runpy, sys
    import audit.validate.child as child
    def note(event):
        with open(os.environ["FORKS"], "a") as out:
            out.write(json.dumps(event) + "\\n")
    real_init, real_validate = child.GxChild.__init__, child.GxChild.validate
    def init(self, suite):
        note({"typer": "typer" in sys.modules, "pandas": "pandas" in sys.modules,
              "suite": suite is not None})
        real_init(self, suite)
    def validate(self, frame, docs_dir):
        note({"validated": True})
        return real_validate(self, frame, docs_dir)
    child.GxChild.__init__, child.GxChild.validate = init, validate
    sys.argv = ["audit", *sys.argv[1:]]
    runpy.run_module("audit", run_name="__main__")
""")


def test_python_m_audit_forks_gx_before_typer(tmp_path: Path) -> None:
    """`python -m audit run` forks GX's child before the CLI imports typer, and the run
    validates with that child (no second one). Base: one child, forked after typer, with
    the suite."""
    forks = tmp_path / "forks.jsonl"
    done = subprocess.run([sys.executable, "-c", SCRIPT, "run", str(SEEDS), "--out", str(tmp_path / "o"),
                           "--cache", str(tmp_path / "k"), "--quiet"], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "FORKS": str(forks)},
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in forks.read_text().splitlines()]
    # pandas: the run's table needs it too, imported once before the fork (not in each process)
    assert events == [{"typer": False, "pandas": True, "suite": False}, {"validated": True}]
    assert (tmp_path / "o" / "data_docs" / "index.html").is_file()


def test_a_usage_error_ends_the_early_child(tmp_path: Path) -> None:
    marker = str(tmp_path / "no-such-input-marker")
    done = subprocess.run([sys.executable, "-m", "audit", "run", marker, "--no-such-option"],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "no-such-option" in done.stderr
    left = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and marker in (proc / "cmdline").read_text():
                left.append(proc.name)
        except OSError:
            continue
    assert left == []


def test_the_console_script_forks_early_too() -> None:
    """`corpus-audit` (the README's command) starts where `python -m audit` does, in
    audit.launch, which imports nothing before the fork. Base: audit.cli:entry, typer first."""
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["corpus-audit"] == "audit.launch:main"
    done = subprocess.run([sys.executable, "-c", "import sys, audit.launch; print(sorted(m for m in "
                           "('typer', 'pandas', 'audit.cli') if m in sys.modules))"],
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


def test_the_command_line_takes_arrows_memory_from_jemalloc_and_blas_on_one_thread() -> None:
    """audit.launch.process_defaults: jemalloc on Linux (pyarrow's mimalloc zeroes a 2 MB huge
    page at each fresh touch), OpenBLAS on one thread, the user's choices kept, no pool named
    elsewhere; and this pyarrow has the pool, without a warning, in a process that sets
    them as the command line does, with no BLAS thread beside numpy's."""
    from audit.launch import ARROW_POOL_VARIABLE, BLAS_THREADS_VARIABLE, process_defaults

    environ: dict[str, str] = {}
    process_defaults(environ, "linux", "x86_64")
    assert environ == {ARROW_POOL_VARIABLE: "jemalloc", BLAS_THREADS_VARIABLE: "1"}
    chosen = {ARROW_POOL_VARIABLE: "system", BLAS_THREADS_VARIABLE: "4"}
    process_defaults(chosen, "linux", "x86_64")
    assert chosen == {ARROW_POOL_VARIABLE: "system", BLAS_THREADS_VARIABLE: "4"}
    for platform, machine in (("darwin", "x86_64"), ("linux", "aarch64")):
        elsewhere: dict[str, str] = {}
        process_defaults(elsewhere, platform, machine)
        assert elsewhere == {BLAS_THREADS_VARIABLE: "1"}
    env = {k: v for k, v in os.environ.items() if k not in (ARROW_POOL_VARIABLE, BLAS_THREADS_VARIABLE)}
    done = subprocess.run([sys.executable, "-c", "import os; from audit.launch import process_defaults; "
                           "process_defaults(os.environ); import numpy; threads = len(os.listdir('/proc/self/task')); "
                           "import pandas, pyarrow as pa; print(pa.default_memory_pool().backend_name, threads)"],
                          env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=60)
    assert (done.stdout.split(), done.stderr) == (["jemalloc", "1"], "")
