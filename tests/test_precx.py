"""False alarms read on FakeNewsNet's pages (PolitiFact's and GossipCop's sources), fixed.

Each text is real, cut from a page of armstjc/FakeNewsNet's `news content.json` files
(docs/measurements/precx.md): debate transcripts of CNN, a 2018 article looking back on
2016, a celebrity timeline, a 2016 piece on "the prospect of a President Trump".
"""

from __future__ import annotations

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article

# three CNN debate transcripts (2008), each around one of its "(APPLAUSE)" lines
DEBATES = [
    ("It's imperative we do it. It's a part of economic justice, which on Dr. King's holiday is part "
     "of his unfinished legacy.\n\nWOLF BLITZER, CNN: All right.\n\nSenator Obama?\n\n(APPLAUSE)\n\n"
     "SEN. BARACK OBAMA: Well, we do meet on the King holiday. And I think it's important to remember "
     "that, in the march on Washington, where Dr. King always talks about -- or it's always repeated, "
     "the dream."),
    ("We'll continue to make a difference for America.\n\nThank you all very much.\n\n(APPLAUSE)\n\n"
     "BROWN: Senator Clinton, thank you.\n\nBROWN: Senator Obama?\n\n(APPLAUSE)\n\nSEN. BARACK OBAMA: "
     "First of all, thank you so much to the University of Texas for hosting us, and it's a great honor "
     "to share the stage once again with Senator Clinton."),
    ("That's the kind of leadership that I showed when I was a state legislator. And that's the kind of "
     "leadership that I'll show as president of the United States.\n\nGRAVEL: Wait a minute...\n\n"
     "(APPLAUSE)\n\nCOOPER: Our next question is for Senator Biden.\n\nQUESTION: Hello. This question "
     "is for all of the candidates. Partisanship played a major role in why nothing can be done in "
     "Washington today."),
]


def article(text: str, article_id: str, publisher: str | None = None, published: str | None = None,
            title: str = "") -> Article:
    fields = {"publisher": publisher, "language": "en", "published": published, "title": title}
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields=fields)
    return to_article(record, article_id)


def test_transcript_stage_directions_recurring_across_a_broadcaster_are_not_chrome() -> None:
    arts = [article(text, f"t{i}", "cnn.com") for i, text in enumerate(DEBATES)]
    assert [f.excerpt for f in find_boilerplate_lines(arts, {})] == []
    # in its place, a site's chrome line (washingtonpost.com's, in 6 of its pages there) still is
    promo = "Gift Article Share"
    arts = [article(text.replace("(APPLAUSE)", promo, 1), f"t{i}", "washingtonpost.com")
            for i, text in enumerate(DEBATES)]
    assert {("t0", promo), ("t2", promo)} <= {(f.article_id, f.excerpt) for f in find_boilerplate_lines(arts, {})}
