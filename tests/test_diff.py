"""audit.normalise.diff and the cheap mojibake test: same answers as difflib and ftfy's
is_bad, in time that does not grow with the square of the text (issue 13)."""

from __future__ import annotations

import time
from difflib import SequenceMatcher
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

from audit.normalise.diff import opcodes, windowed_opcodes
from audit.normalise.encoding import REPAIR_CONFIG, find_repairs, looks_bad

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
