"""boilerplate.line on the gilets jaunes corpus (feryah/gilets_jaunes: Guardian, Irish Times and
CNN pages; docs/measurements/precy.md). Each text is a short real snippet of a page whose
finding a reader judged false."""

from __future__ import annotations

from audit.detect.leakage.boilerplate import find_boilerplate_lines
from audit.model import Article, RawRecord
from audit.normalise import to_article

# CNN, 2016-07-15 (an officer shot in Dallas): CNN Health's box inside the article; the story goes on.
ABBOTT = ["Abbott was shot in the arm and the leg during the ambush, which left five officers dead and "
          "nine others wounded, and he spent hours in surgery before he could call home.",
          "His wife, who was at home with their children that night, didn't even know the extent of "
          "what her husband had been through until the next morning, Abbott said.",
          "Join the conversation",
          "See the latest news and share your comments with CNN Health on", "Facebook", "and", "Twitter", ".",
          'During the standoff he sent a text reading "I\'m alive," and that "Everything\'s good." She said '
          '"Okay, I\'m going to bed. Wake me up when you get home."',
          "As she slept, Abbott knew he wouldn't be home anytime soon. After getting medical treatment for "
          'his wounds, he sent his wife another text: "I\'ll tell you about it later."',
          "CNN's Meridith Edwards contributed to this report."]


def article(text: str, article_id: str = "a1", *, publisher: str | None = "CNN",
            title: str = "Dallas officer: 'I was shot' texts to wife") -> Article:
    fields = {"publisher": publisher, "language": "en", "url": None, "title": title}
    record = RawRecord(source_uri=f"mem/{article_id}.txt", source_sha256="", record_id=article_id,
                       text=text, fields=fields)
    return to_article(record, article_id)


def flagged(*articles: Article) -> list[str]:
    return [f.excerpt for f in find_boilerplate_lines(list(articles), {})]


def test_a_share_your_comments_box_inside_the_article_starts_no_comments_section() -> None:
    found = flagged(article("\n".join(ABBOTT)))
    assert not any("standoff" in x or "slept" in x for x in found)
    assert "Join the conversation" in found  # the box itself is chrome


def test_the_share_box_flattened_starts_no_comments_section() -> None:
    found = flagged(article(" ".join(ABBOTT)))
    assert not any("standoff" in x or "slept" in x for x in found)
