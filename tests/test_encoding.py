"""hygiene.encoding and --fix-encoding: mojibake, control and replacement characters,
with ftfy's repair suggested in the finding and applied (and recorded) on request."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import make_article

from audit.detect.hygiene.encoding import find_encoding_problems
from audit.model import Article
from audit.normalise.encoding import find_repairs, repair_text

CLEAN = (
    "“I will be waiting for Putin in Türkiye on Thursday. Personally,” Zelenskiy said – "
    "Recep Tayyip Erdoğan, who met him in Ankara, was ready to host the talks… café."
)


def article(text: str) -> Article:
    return make_article(text)


def findings(text: str, **params: object) -> list:  # type: ignore[type-arg]
    return list(find_encoding_problems([article(text)], params))


def test_mojibake_word_is_flagged_with_its_repair() -> None:
    text = "French President FranÃ§ois Hollande said itâ€™s too early to talk."
    first, second = findings(text)
    assert (first.check, first.excerpt, first.start) == ("hygiene.encoding", "FranÃ§ois", 17)
    assert first.data["repaired"] == "François" and first.data["kind"] == "mojibake"
    assert "'François'" in first.message and "--fix-encoding" in first.message
    assert (second.excerpt, second.data["repaired"]) == ("itâ€™s", "it’s")
    assert text[second.start:second.end] == "itâ€™s"


def test_quotes_around_a_sentence_are_one_finding_per_damaged_word() -> None:
    text = "Zelenskiy said â€œI hope the Russians will not look for excusesâ€\x9d."
    found = findings(text)
    assert [(f.excerpt, f.data["repaired"]) for f in found] == [
        ("â€œI", "“I"), ("excusesâ€\x9d.", "excuses”.")]
    assert all(text[f.start:f.end] == f.excerpt for f in found)


def test_replacement_character_is_flagged_without_a_repair() -> None:
    text = "Putin called Turkish President Recep Tayyip Erdo\ufffdan on May 11."
    [finding] = findings(text)
    assert finding.excerpt == "Erdo\ufffdan"
    assert finding.data["kind"] == "replacement"
    assert finding.data["repaired"] == "Erdo\ufffdan"
    assert "U+FFFD" in finding.message and "re-extract" in finding.message


def test_a_c1_byte_ftfy_cannot_repair_is_not_said_to_be_repaired() -> None:
    """ftfy's synthetic case: a lone "\x81" (no cp1252 character); the message said "ftfy
    repair gives '\x81'", the same text."""
    [finding] = findings("These control characters are apparently intentional \x81 here.")
    assert finding.data["kind"] == "mojibake" and finding.data["codepoints"] == ["U+0081"]
    assert "cannot repair" in finding.message and "gives" not in finding.message
    [page_break] = findings("A page ends here.\x0c The next page of the report starts with this sentence.")
    assert "C1" not in page_break.message and "Control character" in page_break.message


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x85", "\ufeff"])
def test_control_characters_are_flagged(char: str) -> None:
    text = f"The Kremlin had for several{char} days declined to say who would go."
    [finding] = findings(text)
    assert finding.excerpt == f"several{char}"
    assert finding.data["codepoints"] == [f"U+{ord(char):04X}"]


def test_clean_news_prose_gives_nothing() -> None:
    assert findings(CLEAN) == []
    legit = ("Ângela Merkel visited São Paulo, Łódź and Zürich; ØRSTED paid €100 and £5 "
             "(©2024 Reuters), a naïve ½ share, Eyjafjallajökull.\tTabbed")
    assert findings(legit) == []
    assert findings("") == []


def test_seeds_have_no_encoding_findings() -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    for path in sorted(seeds.glob("*.txt")):
        assert findings(path.read_text(encoding="utf-8")) == [], path.name


def test_many_damaged_words_are_capped_with_a_summary_finding() -> None:
    text = " ".join(["FranÃ§ois"] * 12)
    found = findings(text, max_per_article=5)
    assert len(found) == 6
    assert found[-1].start is None and found[-1].data == {"kind": "more", "count": 7}


def test_repair_text_changes_only_damage() -> None:
    assert repair_text(CLEAN) == CLEAN  # curly quotes, dashes, ellipsis stay
    assert repair_text("La cafÃ© est fermÃ©e\x00.") == "La café est fermée."
    assert [(r.before, r.after) for r in find_repairs("a\nFranÃ§ois")] == [("FranÃ§ois", "François")]
    assert find_repairs("a\nFranÃ§ois")[0].start == 2


def test_fix_encoding_repairs_text_and_records_it(tmp_path: Path) -> None:
    from audit.pipeline import run

    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "moji", "text": "French President FranÃ§ois Hollande said itâ€™s over."},
            {"id": "clean", "text": CLEAN}]
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    plain = run([feed], out=tmp_path / "plain", on_problem=None)
    fixed = run([feed], out=tmp_path / "fixed", on_problem=None, fix_encoding=True)
    assert [f.excerpt for f in plain.findings if f.check == "hygiene.encoding"] == [
        "FranÃ§ois", "itâ€™s"]
    assert [f for f in fixed.findings if f.check == "hygiene.encoding"] == []
    by_id = {a.article_id: a for a in fixed.articles}
    assert by_id["moji"].text == "French President François Hollande said it’s over."
    assert by_id["moji"].extra["encoding_fixed"] == "FranÃ§ois -> François; itâ€™s -> it’s"
    assert by_id["clean"].text == CLEAN and "encoding_fixed" not in by_id["clean"].extra


@pytest.mark.parametrize("text, excerpt, repaired, kind", [
    # from the Leipzig French sentences (lingua-testdata): cp1252 ’ read as Latin-1
    ("Il faut s\x92engager davantage.", "s\x92engager", "s’engager", "mojibake"),
    ("The Kremlin had for several\x07 days declined.", "several\x07", "several", "control"),
    # from id_news (detik.com): "km²" read as Latin-1; the repair only drops the "Â", which shows
    ("Bali yang hanya seluas 5.780 kmÂ² terasa sangat ramai.", "kmÂ²", "km²", "mojibake"),
    # from the Leipzig Romanian sentences: U+FFFD itself mis-decoded; the letter is gone
    ("Guvernul a decis pďż˝nďż˝ acum.", "pďż˝nďż˝", "p\ufffdn\ufffd", "replacement"),
])
def test_kinds_and_repairs(text: str, excerpt: str, repaired: str, kind: str) -> None:
    [finding] = findings(text)
    assert (finding.excerpt, finding.data["repaired"], finding.data["kind"]) == (
        excerpt, repaired, kind)


def test_gate_fix_encoding_hands_on_the_repaired_text(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from audit.cli import app

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "moji", "published": "2025-05-15", "text": CLEAN + " "
                                "French President FranÃ§ois Hollande said itâ€™s over."}) + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["gate", str(feed), "--accepted", str(tmp_path / "ok.jsonl"),
                                      "--quarantine", str(tmp_path / "held.jsonl"),
                                      "--fix-encoding", "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in (tmp_path / "ok.jsonl").read_text().splitlines()]
    assert record["text"].endswith("French President François Hollande said it’s over.")
    assert record["encoding_fixed"] == "FranÃ§ois -> François; itâ€™s -> it’s"
    assert (tmp_path / "cache").is_dir()


# Le Temps (2019), one paragraph an article: a quote's closing guillemet glued to the next
# paragraph's opening one. ftfy reads "é»«" as the UTF-8 bytes of 黫 (precde.md).
GUILLEMETS = ("Celles-ci ont paralysé le pays, mettant en lumière une profonde fracture sociale.«Part de "
              "responsabilité»«Je prends ma part de responsabilité», a-t-il dit.")


def test_french_guillemets_after_an_accented_letter_are_not_mojibake() -> None:
    assert findings(GUILLEMETS) == []
    assert repair_text(GUILLEMETS) == GUILLEMETS
    # with real damage in the same text, only that is repaired
    both = GUILLEMETS + " Le président FranÃ§ois Hollande"
    assert [f.excerpt for f in findings(both)] == ["FranÃ§ois"]
    assert repair_text(both) == GUILLEMETS + " Le président François Hollande"


def test_chinese_mis_decoded_is_still_mojibake() -> None:
    """Guard: a Chinese name read as Latin-1 gives a run of CJK characters."""
    text = "President Xi Jinping (" + "习近平".encode().decode("latin-1") + ") spoke on Monday."
    assert [f.data["repaired"] for f in findings(text)] == ["(习近平)"]
