"""False alarms read on Fundus's news pages (docs/measurements/precn.md), fixed.

A German regional paper serves the paywalled body with every character shifted one code point
up; the scraper keeps it. The German sentences below are written here (made up, in the shape of
such a page: a readable title and teaser, then the shifted body with a readable subheading).
"""

from __future__ import annotations

from factories import make_article

from audit.detect.hygiene.encoding import find_encoding_problems
from audit.detect.hygiene.glued import find_glued_sentences
from audit.detect.hygiene.shifted import is_shifted, shifted_runs
from audit.detect.language.mixed import find_mixed_language
from audit.detect.leakage.paywall import find_paywall_blocks

_UP = {code: code + 1 for code in range(0x21, 0x24F)}

BODY = [
    "Die Food-Trucks sind wieder in der Stadt. Schon bei der ersten Ausgabe kamen viele Gäste, "
    "und auch in diesem Jahr ist der Platz am Samstag voll.",
    "Wäre da nicht das heiße Wetter. Denn diesmal stehen die Trucks nicht im Schatten der Bäume, "
    "sondern auf dem Parkplatz an der Straße. Das schont die Wurzeln, aber nicht die Besucher.",
    "Unter den Segeln sind Bierbänke aufgebaut, viele Plätze bleiben frei. „Zu heiß“, sagt eine "
    "Besucherin, die mit ihrer Freundin schon Tacos und Burger probiert hat.",
]
PAGE = "\n".join([
    "Hitze dämpft den Appetit beim Street Food Festival",
    "Zum zweiten Mal sind die Food-Trucks in die Stadt gekommen. Was gab es auf die Gabel?",
    BODY[0].translate(_UP),
    BODY[1].translate(_UP),
    "Spezialitäten von allen Kontinenten",
    BODY[2].translate(_UP),
])


def test_a_shifted_body_is_one_paywall_finding_over_its_lines() -> None:
    page = make_article(PAGE, language="de")
    found = [f for f in find_paywall_blocks([page], {}) if f.data.get("kind") == "obfuscated"]
    assert len(found) == 1
    assert PAGE[found[0].start:found[0].end].startswith("Ejf Gppe.Usvdlt")
    assert found[0].end == len(PAGE)  # the readable subheading between shifted lines joins them
    assert "'Die Food-Trucks sind wieder'" in found[0].message


def test_one_paragraph_page_keeps_its_readable_teaser_out_of_the_finding() -> None:
    flat = " ".join(PAGE.split("\n"))
    found = [f for f in find_paywall_blocks([make_article(flat, language="de")], {})
             if f.data.get("kind") == "obfuscated"]
    assert [flat[f.start:f.start + 15] for f in found] == ["Ejf Gppe.Usvdlt"]


def test_inside_shifted_text_nothing_is_glued_mixed_or_mis_decoded() -> None:
    page = make_article(PAGE, language="nl")  # langdetect's verdict on such a page
    assert "Gppe.Usvdlt" in PAGE  # "Food-Trucks": the hyphen became a dot
    assert list(find_glued_sentences([page], {})) == []
    assert list(find_mixed_language([page], {"expected_languages": ["de"]})) == []
    assert [f for f in find_encoding_problems([page], {}) if f.start >= PAGE.index("Ejf")] == []


def test_plain_text_and_a_real_glued_pair_are_left_as_they_were() -> None:
    plain = "\n".join([*BODY, "Fehler gefunden?Jetzt melden."])
    page = make_article(plain, language="de")
    assert shifted_runs(plain) == []
    assert not any(is_shifted(line) for line in BODY)
    assert [plain[f.start:f.end] for f in find_glued_sentences([page], {})] == ["gefunden?Jetzt"]
    assert not [f for f in find_paywall_blocks([page], {}) if f.data.get("kind") == "obfuscated"]


def test_english_prose_with_slashes_is_not_shifted() -> None:
    text = ("Shares rose 5/ 6 per cent on the day/ week, traders said. If prices hold up, the index "
            "will gain/ lose little. It is up to the bank/ the fund to decide.")
    assert shifted_runs(text) == []


def _cut(text: str) -> list[str]:
    return [text[f.start:f.end] for f in find_paywall_blocks([make_article(text)], {})]


def test_a_feature_for_premium_subscribers_only_is_news_not_a_paywall() -> None:
    text = ("The fitness app announced a feature that writes a summary of each workout for its users.\n"
            "This will be available to premium subscribers only.\n"
            "The company would not say which language model it uses, but said tests were under way.")
    assert _cut(text) == []


def test_subscribers_only_about_the_text_or_the_reader_still_cuts() -> None:
    for line in ("Subscribers only", "This article is for subscribers only.",
                 "You can read this story in full as one of our subscribers only.",
                 "This includes unlimited access to the site and subscriber-only newsletters."):
        text = f"The council met on Tuesday to discuss the budget for next year.\n{line}"
        assert _cut(text) == [line], line


def test_the_dates_of_a_timelines_entries_are_its_structure_not_metadata() -> None:
    from audit.detect.leakage.metadata_leak import find_metadata_leaks

    text = "\n".join([
        "The stadium has hosted the city's biggest games for a hundred years. Some of them:",
        "Oct. 6, 1923: First football game. The home side beat the visitors 23-7. Attendance: 12,836.",
        "Sept. 29, 1946: The new team's first game at the stadium. The club had moved from the north that "
        "spring. Attendance: 30,500.",
        "Jan. 15, 1967: The first championship game. It was not called the final at the time. Attendance: 61,946.",
        "Nov. 30, 1974: \u201cThe Comeback\u201d (City vs. County). The home side erased a 24-point deficit and "
        "routed the defending champions 55-24. With the home side trailing 24-0, its halfback scored with 10 "
        "seconds left in the first half. He then ran back the opening kickoff of the second half 102 yards.",
    ])
    assert list(find_metadata_leaks([make_article(text)], {})) == []
    single = "The team won the final.\nNov. 30, 1974:\nThe crowd of 80,000 stayed for an hour after the whistle."
    assert [single[f.start:f.end] for f in find_metadata_leaks([make_article(single)], {})] == ["Nov. 30, 1974:"]


def test_a_japanese_address_with_urls_is_not_shifted() -> None:
    text = ("株式会社サンプル（SAMPLE Inc.） 大阪本社：〒530-0001 大阪府大阪市北区梅田2-4-9 タワー13F 東京本社：〒100-0006 "
            "東京都千代田区有楽町2-2-1 X-PRESS有楽町12F URL: https://www.example.co.jp/ - 種類 - 商品サービス - "
            "関連URL - https://www.example.ne.jp/ - https://www.example.com/ - 12F")
    assert shifted_runs(text) == []
