"""Output targets a run or a gate must not replace, and inputs named oddly (a helper's
adversarial review, twentieth session): each is a usage error before any work, and
what was there stays."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import audit
from audit.errors import UsageError

FAST = {"on_problem": None, "data_docs": False, "html_report": False, "workers": 1, "cache": None}
ONE = json.dumps({"id": "a1", "text": "The council met on Tuesday and agreed the budget for the year."}) + "\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.jsonl").write_text(ONE)
    (folder / "notes.md").write_text("keep me")
    return folder


def test_out_that_holds_the_inputs_is_refused_and_kept(corpus: Path) -> None:
    with pytest.raises(UsageError, match="not a run folder"):
        audit.run([corpus], out=corpus, **FAST)
    assert sorted(p.name for p in corpus.iterdir()) == ["good.jsonl", "notes.md"]
    (corpus / "summary.json").write_text("{}")  # looks like a run folder, and holds the input
    with pytest.raises(UsageError, match="holds the input"):
        audit.run([corpus / "good.jsonl"], out=corpus, **FAST)
    assert (corpus / "good.jsonl").read_text() == ONE


def test_out_inside_an_input_folder_is_refused(corpus: Path) -> None:
    """The next run would read the run's findings.jsonl and articles.parquet as articles."""
    with pytest.raises(UsageError, match="inside the input folder"):
        audit.run([corpus], out=corpus / "report", **FAST)
    assert not (corpus / "report").exists()


def test_out_that_is_a_file_or_under_one_is_refused(corpus: Path, tmp_path: Path) -> None:
    notes = corpus / "notes.md"
    with pytest.raises(UsageError, match="a file, not a run folder"):
        audit.run([corpus / "good.jsonl"], out=notes, **FAST)
    with pytest.raises(UsageError, match="is a file"):
        audit.run([corpus / "good.jsonl"], out=notes / "run", **FAST)
    assert notes.read_text() == "keep me"
    other = tmp_path / "other"
    other.mkdir()
    (other / "thesis.txt").write_text("mine")
    with pytest.raises(UsageError, match="not a run folder"):
        audit.run([corpus / "good.jsonl"], out=other, **FAST)
    assert (other / "thesis.txt").read_text() == "mine"


def test_an_empty_folder_or_an_earlier_run_is_a_fine_out(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    first = audit.run([corpus / "good.jsonl"], out=out, **FAST)
    assert (out / "summary.json").is_file() and [a.article_id for a in first.articles] == ["a1"]
    again = audit.run([corpus / "good.jsonl"], out=out, **FAST)  # the run folder it made
    assert again.summary["compared_to_previous"] is not None


def test_save_index_and_cache_targets(corpus: Path, tmp_path: Path) -> None:
    good = corpus / "good.jsonl"
    with pytest.raises(UsageError, match="not a duplicate index"):
        audit.run([good], out=tmp_path / "out", save_index=corpus, **FAST)
    with pytest.raises(UsageError, match="a file, not a duplicate index"):
        audit.run([good], out=tmp_path / "out", save_index=good, **FAST)
    assert good.read_text() == ONE and (corpus / "notes.md").read_text() == "keep me"
    with pytest.raises(UsageError, match="cannot keep the cache there"):
        audit.run([good], out=tmp_path / "out", **{**FAST, "cache": good})
    assert good.read_text() == ONE


def test_gate_targets(corpus: Path, tmp_path: Path) -> None:
    good = corpus / "good.jsonl"
    same = tmp_path / "g" / "same.jsonl"
    with pytest.raises(UsageError, match="both --accepted and --quarantine"):
        audit.gate([good], accepted=same, quarantine=same, on_problem=None, workers=1)
    with pytest.raises(UsageError, match="both --accepted and --quarantine"):
        audit.gate([good], accepted=tmp_path / "g", quarantine=tmp_path / "g" / "articles.jsonl",
                   on_problem=None, workers=1)
    with pytest.raises(UsageError, match="an input of this gate"):
        audit.gate([good], accepted=good, quarantine=tmp_path / "q.jsonl", on_problem=None, workers=1)
    with pytest.raises(UsageError, match="is a file"):
        audit.gate([good], accepted=good / "x.jsonl", quarantine=tmp_path / "q.jsonl", on_problem=None, workers=1)
    assert good.read_text() == ONE and not same.exists()


def test_inputs_named_twice_or_alone(corpus: Path, tmp_path: Path) -> None:
    good = corpus / "good.jsonl"
    twice = audit.run([good, good, corpus], out=None, **FAST)
    assert [a.article_id for a in twice.articles] == ["a1"]  # read once, not renamed a1~2
    alone = audit.run(str(good), out=None, **FAST)  # a path alone, not a sequence of letters
    assert [a.article_id for a in alone.articles] == ["a1"]
    assert alone.summary["inputs"] == [{"path": str(good), "absolute": str(good)}]
    with pytest.raises(UsageError, match="no input given"):
        audit.run([], out=None, **FAST)


def test_the_command_line_says_one_line_and_exits_2(corpus: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "audit", "run", str(corpus), "--out", str(corpus), "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"corpus-audit: error: {corpus}: a folder that is not a run folder (no summary.json): not replaced; "
        "give --out a new or empty folder, or an earlier run folder"]
    assert sorted(p.name for p in corpus.iterdir()) == ["good.jsonl", "notes.md"]


def test_a_suite_with_an_unknown_expectation_type_is_one_line_and_exit_2(corpus: Path, tmp_path: Path) -> None:
    """GX drops an expectation it cannot build, with only a logged traceback (GX-NOTES.md
    trap 1): a gate would then pass what that expectation guards. The run stops with one
    line naming the type; GX's traceback (56 lines on stderr before it) is not printed."""
    document = json.loads((Path(__file__).resolve().parents[1] / "expectations" / "news.json").read_text())
    document["expectations"][0]["type"] = "expect_nonexistent_thing"
    total = len(document["expectations"])
    (tmp_path / "broken.json").write_text(json.dumps(document))
    done = subprocess.run([sys.executable, "-m", "audit", "run", str(corpus / "good.jsonl"), "--suite",
                           str(tmp_path / "broken.json"), "--out", str(tmp_path / "out"), "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"corpus-audit: error: {tmp_path / 'broken.json'}: Great Expectations loaded {total - 1} of {total} expectations "
        "(not: expect_nonexistent_thing); an unknown expectation type would silently pass everything"]
    assert not (tmp_path / "out").exists()


def test_outputs_inside_an_input_folder_or_reached_by_a_link(corpus: Path, tmp_path: Path) -> None:
    """A review's finds: a link in the input folder to the reports folder made the second
    run read the first one's findings.jsonl and articles.parquet as articles; a gate's
    accepted file or an index inside the input folder would be read by the next gate."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (corpus / "more").symlink_to(reports, target_is_directory=True)
    with pytest.raises(UsageError, match="leads into the run folder"):
        audit.run([corpus], out=reports / "latest", **FAST)
    (corpus / "more").unlink()
    with pytest.raises(UsageError, match="inside the input folder"):
        audit.gate([corpus], accepted=corpus / "accepted.jsonl", quarantine=tmp_path / "q.jsonl",
                   on_problem=None, workers=1)
    with pytest.raises(UsageError, match="inside the input folder"):
        audit.run([corpus], out=tmp_path / "out", save_index=corpus / "index", **FAST)
    assert sorted(p.name for p in corpus.iterdir()) == ["good.jsonl", "notes.md"]


def test_out_dot_is_the_folder_it_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--out .` in an empty folder ended in a traceback ('.' has no name to swap)."""
    (tmp_path / "in.jsonl").write_text(ONE)
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    result = audit.run([tmp_path / "in.jsonl"], out=".", **FAST)
    assert result.out_dir == here and (here / "summary.json").is_file()


def test_an_input_folder_holding_a_run_folder_is_refused(corpus: Path, tmp_path: Path) -> None:
    """`audit.run("..")` read an earlier run's findings.jsonl and articles.parquet as articles
    (1,703 rows of "no text field")."""
    first = tmp_path / "first"
    audit.run([corpus / "good.jsonl"], out=first, **FAST)
    holder = tmp_path / "holder"
    holder.mkdir()
    (holder / "good.jsonl").write_text(ONE)
    first.rename(holder / "old-run")
    with pytest.raises(UsageError, match="a run folder .* inside the input"):
        audit.run([holder], out=tmp_path / "out", **FAST)
