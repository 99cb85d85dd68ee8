"""boilerplate.line: chrome lines found with exact spans; headings and headlines stay content."""

from __future__ import annotations

from pathlib import Path

from audit.detect.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PARAGRAPH = ("President Vladimir Putin on Sunday called for direct, unconditional negotiations with "
             "Ukraine to be held in Istanbul this Thursday, a move Ukrainian President Volodymyr "
             "Zelenskiy described as a positive sign.")
PARAGRAPH_2 = ("Ankara, which has maintained diplomatic ties with both Kyiv and Moscow, has hosted "
               "previous rounds of prisoner-exchange talks and grain-corridor negotiations.")


def article(text: str, article_id: str = "a1", publisher: str | None = None) -> Article:
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields={"publisher": publisher, "language": "en"})
    return to_article(record, article_id)


def seed(stem: str) -> Article:
    path = next(SEEDS.glob(f"{stem}_*.txt"))
    return article(path.read_text(encoding="utf-8"), path.stem)


def flagged(*articles: Article, **params: object) -> list[str]:
    return [f.excerpt for f in find_boilerplate_lines(list(articles), params)]


def test_seed_002_chrome_lines_and_not_its_headings() -> None:
    a = seed("002")
    findings = list(find_boilerplate_lines([a], {}))
    assert [f.excerpt for f in findings] == [
        "back to top", "Share",
        "READ MORE: India and Pakistan Confirm Immediate Ceasefire after US-Mediated Talks",
        "Read more", "Local News",
    ]
    assert {f.check for f in findings} == {"boilerplate.line"}
    local = findings[-1]
    assert (local.start, local.end) == (a.text.rindex("Local News"), len(a.text))
    assert "section label" in local.message and "after the article's main body" in local.message
    text = " ".join(f.excerpt for f in findings)
    for heading in ("Historical Context of the Conflict", "Conclusion", "Putin Proposes Direct Peace Talks"):
        assert heading not in text


def test_seed_003_teaser_flagged_attribution_and_heading_kept() -> None:
    a = seed("003")
    assert flagged(a) == ["READ ALSO: BoG Governor Pushes for Fintech and Regulatory Unity in One Africa Vision"]


def test_seed_004_headline_is_content() -> None:
    assert "Ukraine talks in Istanbul go nowhere without Putin or Zelensky" not in flagged(seed("004"))


def test_menu_above_headline_is_chrome_headline_is_not() -> None:
    text = ("Home\nWorld\nPolitics\nBusiness\nOpinion\n"
            "Putin Proposes Direct Peace Talks in Istanbul\n" + PARAGRAPH + "\n" + PARAGRAPH_2)
    assert flagged(article(text)) == ["Home", "World", "Politics", "Business", "Opinion"]


def test_list_inside_the_body_is_content() -> None:
    text = (PARAGRAPH + "\nThe delegations named three conditions:\nA full ceasefire on land\n"
            "Prisoner exchanges of all for all\nNo new sanctions before June\n" + PARAGRAPH_2)
    assert flagged(article(text)) == []


def test_line_recurring_across_one_publisher_is_chrome_but_not_across_publishers() -> None:
    stamp = "Our correspondents report from Kyiv, Moscow and Istanbul for the Daily Wire Service."
    bodies = [PARAGRAPH, PARAGRAPH_2, PARAGRAPH.replace("Sunday", "Monday")]
    same = [article(f"{bodies[i]}\n{stamp}\n{bodies[i - 1]} Day {i}.", f"s{i}", "Daily Wire") for i in range(3)]
    found = list(find_boilerplate_lines(same, {}))
    assert [(f.article_id, f.excerpt, f.data["signal"]) for f in found] == [
        (f"s{i}", stamp, "recurring") for i in range(3)
    ]
    assert "recurs in 3 articles of daily wire" in found[0].message
    mixed = [article(f"{bodies[i]}\n{stamp}\n{bodies[i - 1]} Day {i}.", f"m{i}", f"Paper {i}") for i in range(3)]
    assert flagged(*mixed) == []


def test_lone_subscribe_link_is_chrome_and_says_it_is_not_a_paywall() -> None:
    text = "Subscribe\n" + PARAGRAPH + "\n" + PARAGRAPH_2
    (finding,) = find_boilerplate_lines([article(text)], {})
    assert finding.excerpt == "Subscribe" and (finding.start, finding.end) == (0, 9)
    assert "not a paywall block" in finding.message


def test_bad_text_never_raises() -> None:
    for text in ("", "\n\n\n", "\x00\ufffd", "Share"):
        list(find_boilerplate_lines([article(text)], {}))
