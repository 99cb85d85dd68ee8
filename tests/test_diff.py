"""audit.normalise.diff and the cheap mojibake test: same answers as difflib and ftfy's
is_bad, in time that does not grow with the square of the text (issue 13)."""

from __future__ import annotations

import json
import time
from difflib import SequenceMatcher
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from audit.normalise.diff import opcodes, windowed_opcodes
from audit.normalise.encoding import REPAIR_CONFIG, find_repairs, fix_line, looks_bad

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def flat_seed_text() -> str:
    """The five seed articles as one paragraph (33k characters), as a flattened corpus has."""
    return " ".join(" ".join(p.read_text("utf-8").split()) for p in sorted(SEEDS.glob("*.txt")))


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_windowed_opcodes_match_difflib_on_a_repaired_seed_paragraph() -> None:
    text = flat_seed_text()[:3000]  # difflib itself is slow: it has the square cost
    damaged = text[:1000] + mojibake(text[1000:2000]) + text[2000:]
    fixed = ftfy.fix_text(damaged, REPAIR_CONFIG)
    ours = windowed_opcodes(damaged, fixed, window=128)
    theirs = SequenceMatcher(None, damaged, fixed, autojunk=False).get_opcodes()
    assert ours == theirs
    assert sum(1 for op in ours if op[0] != "equal") >= 5


def test_opcodes_of_word_lists_pair_up_the_shared_words() -> None:
    a, b = (text.split() for text in (
        "Moscow said on Thursday that the talks in Istanbul would go ahead",
        "Moscow said late on Thursday that talks in Istanbul would go ahead"))
    ops = opcodes(a, b)
    assert [op for op in ops if op[0] != "equal"] == [("insert", 2, 2, 2, 3),
                                                      ("delete", 5, 6, 6, 6)]


def test_whole_paragraph_mojibake_is_repaired_word_by_word_quickly() -> None:
    text = mojibake(flat_seed_text())
    clock = time.perf_counter()
    repairs = find_repairs(text)
    seconds = time.perf_counter() - clock
    assert len(repairs) > 100
    assert all(text[r.start:r.end] == r.before for r in repairs)
    shown = {(r.before, r.after) for r in repairs}
    assert ("Zelenskyâ€™s", "Zelensky’s") in shown or any("â€™" in b for b, _ in shown)
    assert seconds < 5  # difflib took minutes on this line


def test_looks_bad_agrees_with_ftfy_is_bad() -> None:
    text = flat_seed_text()
    samples = [text, mojibake(text[:400]), text[:300] + " FranÃ§ois " + text[300:600],
               "Ã at the start", "plain ascii only", "café – “quoted” … ok",
               "Ã\xa0 la carte", "the ГўВЂВ™s mess", text[:2000] + "Â£5" + text[2000:2600]]
    assert [looks_bad(s) for s in samples] == [is_bad(s) for s in samples]
    assert looks_bad(samples[1]) and not looks_bad(text)


GOLD = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark" / "ground-truth.json"


def damaged_lines(bodies: list[str]) -> list[str]:
    """Each body damaged as extraction damages text: the whole or a part read with the
    wrong codec (cp1252, its sloppy form, Latin-1: C1 controls), twice, bytes lost
    (U+FFFD), control characters, terminal escapes, a byte-order mark."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    lines = []
    for n, body in enumerate(bodies):
        codec = ("cp1252", "sloppy-windows-1252", "latin-1")[n % 3]
        wrong = body.encode("utf-8").decode(codec, errors="replace")
        cut = len(body) // 3
        lines += [wrong, body[:cut] + wrong[cut:2 * cut] + body[2 * cut:],
                  wrong.encode("utf-8").decode("sloppy-windows-1252"),
                  body[:cut] + "\x00\x1b[31m\ufeff\u206a\x92s" + body[cut:]]
    return lines


def test_fix_line_is_ftfy_fix_text() -> None:
    """fix_line asks ftfy's mojibake test of windows only; the repairs are ftfy's."""
    bodies = [" ".join(p.read_text("utf-8").split()) for p in sorted(SEEDS.glob("*.txt"))]
    if GOLD.exists():
        gold = json.loads(GOLD.read_text(encoding="utf-8"))
        bodies += [" ".join(item["articleBody"].split()) for _, item in sorted(gold.items())][:60]
    lines = damaged_lines(bodies) + bodies + ["Ã at the start", "FranÃ§ois", "", "plain"]
    fixed = [fix_line(line) for line in lines]
    assert fixed == [ftfy.fix_text(line, REPAIR_CONFIG) for line in lines]
    assert sum(a != b for a, b in zip(lines, fixed)) > len(lines) // 2  # ftfy had work to do
