"""boilerplate.line: a long run of chrome lines before or after the body is one finding."""

from __future__ import annotations

from test_boilerplate_precision import TITAN, TITAN_2, article

from audit.detect.clean import clean_text
from audit.detect.leakage.boilerplate import EDGE_BLOCK_LINES, find_boilerplate_lines

# a ministry's menu, above its text (prec20: hd0293, 491 such lines)
MENU = ["Rente", "Wer ist versichert?", "Finanzierung der Gesetzlichen Rentenversicherung", "Versorgungsmedizin",
        "Arbeitsmarkt", "Arbeitsrecht", "Arbeitsschutz", "Soziale Sicherung", "Teilhabe", "Europa und die Welt",
        "Ministerium", "Service", "Presse", "Gebärdensprache", "Leichte Sprache"]
HEADLINE = "Scientists unveil first global geological map of Titan"  # the title of test_boilerplate_precision's article
FOOTER = ["Related Articles", "Hours after reveal, 2020 Mitsubishi Mirage get kitted out"]


def test_a_long_run_of_lines_after_the_body_is_one_finding_spanning_them() -> None:
    """prec20: four pages gave 1,331 of 2,098 findings, one a line of their menus, tables
    and lists; a run of EDGE_BLOCK_LINES or more is one claim, whose span covers the run
    (the clean text loses the same characters)."""
    items = [f"Teaser number {n}: the council meets again" for n in range(12)]
    text = "\n".join([TITAN, TITAN_2, *FOOTER, *items, "Share"])
    page = article(text)
    found = list(find_boilerplate_lines([page], {}))
    assert [(f.excerpt.split("\n")[0], f.data["signal"]) for f in found] == [
        ("Related Articles", "phrase"), (FOOTER[1], "tail"), ("Share", "phrase")]
    block = found[1]
    assert text[block.start:block.end] == "\n".join([FOOTER[1], *items])
    assert block.message.startswith(f"A block of 13 lines, {FOOTER[1][:40]!r} to {items[-1][:40]!r}, after the "
                                    "article's main body, where 'Related Articles' says site chrome follows")
    assert clean_text(page, found).strip() == f"{TITAN}\n{TITAN_2}"


def test_a_menu_above_the_body_is_one_finding_a_short_one_a_finding_a_line() -> None:
    """Above the headline: a menu of 15 lines is one finding, of 9 a finding a line."""
    long_menu = article("\n".join([*MENU, HEADLINE, TITAN, TITAN_2]))
    found = list(find_boilerplate_lines([long_menu], {}))
    assert [(f.excerpt.split("\n")[0], f.data["signal"]) for f in found] == [("Rente", "head")]
    assert found[0].end == len("\n".join(MENU)) and "A block of 15 lines, 'Rente' to 'Leichte Sprache'" in found[0].message
    short = MENU[:EDGE_BLOCK_LINES - 1]
    found = list(find_boilerplate_lines([article("\n".join([*short, HEADLINE, TITAN, TITAN_2]))], {}))
    assert [f.excerpt for f in found] == short
