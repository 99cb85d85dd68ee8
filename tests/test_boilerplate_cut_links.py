"""boilerplate.line on bodies scraped with their links' words cut out (docs/measurements/precy.md).

The texts are cut from the Irish Times's and CNN's articles of the gilets jaunes press corpus
(feryah/gilets_jaunes): where a link stood, the scrape broke the line and dropped its words, so
"The" / "US president" / "deal." are left on lines of their own, and recur across the paper's
articles as common words do. Recurrence must not call them chrome; CNN's own chrome broken the
same way ("Sign up for our new" / "newsletter", "Twitter" / "and" / "Facebook") still is.
"""

from __future__ import annotations

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article

CUT = [
    "I did not want LREM to support one camp against another,” Mr Castaner said on Sunday ({i}).\nThe\n"
    "have announced they will field a list in the election of May {i}, led by\n"
    ", a 31-year-old care-giver who has appeared widely in French media during the crisis ({i}).",
    "Brigitte and Emmanuel Macron greet US president Donald Trump at the Arc de Triomphe. Photograph: "
    "Benoit Tessier/AFP/Getty Images {i}\nUS president\nlaunched a barrage of {i} tweets against his French counterpart\n"
    "on Tuesday, 48 hours after Macron criticised Trump’s nationalism ({i}).",
    "MPs will vote on Monday ({i}) on whether to take control of the parliamentary timetable this week to vote on "
    "Theresa May’s\ndeal.\nChancellor of the exchequer {i}\nacknowledged on Sunday that if MPs reject the deal they "
    "will have to seek a cross-party majority ({i}).",
]
CHROME = "For more opinion...\nSign up for our new\nnewsletter\n.\nJoin us on\nTwitter\nand\nFacebook"
BODY = ["Thousands of demonstrators marched on Saturday in what was their {i}th weekend of action in Paris.",
        "There was also an overnight arson attack on a residence in Brittany, the {i}th this winter, police said.",
        "The demonstrations began in mid-November over fuel taxes and have since broadened into a revolt ({i}).",
        "Several thousand people marched on Saturday beside symbols of power such as the Senate, day {i}.",
        "One participant's hand was severely injured when he tried to pick up a grenade, report {i} said.",
        "The government has said it will not change course, and ministers met on Monday for the {i}th time."]


def _texts(middle: list[str], n: int = 12) -> list[str]:
    """n articles of one paper: six sentences of their own around `middle`'s lines (formatted with i)."""
    return ["\n".join([*BODY[:3], *(m.format(i=i) for m in middle), *BODY[3:]]).format(i=i) for i in range(n)]


def _article(text: str, article_id: str, publisher: str) -> Article:
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id, text=text,
                       fields={"publisher": publisher, "language": "en", "title": f"Protests, week {article_id}"})
    return to_article(record, article_id)


def _flagged(texts: list[str], publisher: str) -> set[str]:
    arts = [_article(t, f"{publisher}-{i}", publisher) for i, t in enumerate(texts)]
    return {f.excerpt for f in find_boilerplate_lines(arts, {})}


def test_pieces_of_a_sentence_cut_at_its_links_are_not_chrome_though_they_recur() -> None:
    for cut in CUT:
        assert _flagged(_texts([cut]), "irishtimes") == set(), cut


def test_chrome_broken_the_same_way_is_still_chrome() -> None:
    assert {"Sign up for our new", "and", "Twitter", "Facebook"} <= _flagged(_texts([CHROME]), "cnn")
