"""clean_text, the author column, and the gate handing on clean text where the suite says so."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from audit.detect.clean import annotate, clean_text
from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.detect.leakage.metadata_leak import find_metadata_leaks
from audit.detect.leakage.paywall import find_paywall_blocks
from audit.gating import gate
from audit.model import Article, RawRecord
from audit.normalise import to_article

ROOT = Path(__file__).resolve().parents[1]


def seed(stem: str) -> Article:
    path = next((ROOT / "seeds").glob(f"{stem}_*.txt"))
    record = RawRecord(source_uri=str(path), source_sha256="", record_id=path.stem,
                       text=path.read_text(encoding="utf-8"), fields={"language": "en"})
    return to_article(record, path.stem)


def chrome_findings(a: Article) -> list:
    return [*find_boilerplate_lines([a], {}), *find_paywall_blocks([a], {}), *find_metadata_leaks([a], {})]


def test_clean_text_of_seed_004_drops_stamp_and_paywall_keeps_headline() -> None:
    a = seed("004")
    clean = clean_text(a, chrome_findings(a))
    assert clean.startswith("Ukraine talks in Istanbul go nowhere without Putin or Zelensky\n\nZelensky and")
    assert "Published:" not in clean and "Unlock unlimited access" not in clean and "Support Just" not in clean
    assert clean.endswith("told to leave the White House.")
    assert "\n\n\n" not in clean


def test_annotate_takes_byline_and_stamp_into_the_columns() -> None:
    text = ("By Anna Kovalenko\nPublished: May 15, 2025 10:59pm\n"
            + "Zelensky arrived in Ankara on Thursday to meet Turkish President Erdogan, then said he "
              "would not travel on to Istanbul.\n" * 3)
    a = to_article(RawRecord(source_uri="mem/x.txt", source_sha256="", record_id="x", text=text,
                             fields={"language": "en", "published": None}), "x")
    a.published, a.published_from = None, "none"  # as if the record had no date at all
    annotate([a], chrome_findings(a))
    assert a.extra["author"] == "Anna Kovalenko"
    assert a.published is not None and a.published.isoformat() == "2025-05-15"
    assert a.extra["clean_text"].startswith("Zelensky arrived in Ankara")


def test_annotate_takes_the_date_a_byline_gives() -> None:
    """FakeNewsCorpus (fresh21): "By Pam Martens and Russ Martens: April 4, 2016" opened an
    article whose record had no date; provenance.missing said the text gave none."""
    text = ("By Pam Martens and Russ Martens: April 4, 2016\n"
            + "Tomorrow the Senate Banking Committee will hold a hearing on the regulation of Wall Street.\n" * 3)
    a = to_article(RawRecord(source_uri="mem/x.txt", source_sha256="", record_id="x", text=text,
                             fields={"language": "en"}), "x")
    annotate([a], chrome_findings(a))
    assert (a.published, a.published_from, a.extra["author"]) == (date(2016, 4, 4), "dateline",
                                                                   "Pam Martens and Russ Martens")


def test_gate_hands_on_clean_text_and_keeps_paywalled_article_out(tmp_path: Path) -> None:
    result = gate([ROOT / "seeds"], accepted=tmp_path / "ok.jsonl", quarantine=tmp_path / "q.jsonl",
                  out=tmp_path / "run", on_problem=None)
    accepted = {r["article_id"]: r for r in map(json.loads, (tmp_path / "ok.jsonl").open())}
    record = accepted["002_9fe07d5a7dbb1c83"]
    assert record["cleaned_of"] == ["boilerplate.line", "metadata.leak"]
    assert not record["text"].startswith("back to top") and "Local News" not in record["text"]
    assert "Historical Context of the Conflict" in record["text"]
    assert "004_1470410f0cd2c36e" in result.quarantined
    assert any(r["check"] == "paywall.text" for r in result.quarantined["004_1470410f0cd2c36e"])


def test_clean_text_cuts_spans_out_of_a_one_paragraph_article() -> None:
    body = ("President Vladimir Putin on Sunday called for direct, unconditional negotiations with Ukraine "
            "to be held in Istanbul this Thursday, a move Ukrainian President Volodymyr Zelenskiy "
            "described as a positive sign.")
    after = "Ankara has hosted previous rounds of prisoner-exchange talks and grain-corridor negotiations."
    text = (f"{body} READ MORE: India and Pakistan Confirm Immediate Ceasefire after US-Mediated Talks "
            f"{after} Share this slide")
    a = to_article(RawRecord(source_uri="mem/p.txt", source_sha256="", record_id="p", text=text,
                             fields={"language": "en"}), "p")
    assert clean_text(a, chrome_findings(a)) == f"{body} {after}"
