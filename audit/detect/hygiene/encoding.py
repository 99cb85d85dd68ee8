"""hygiene.encoding: mojibake, control and replacement characters, with ftfy's repair.

Text decoded with the wrong codec ("FranÃ§ois", "itâ€™s") or with lost bytes
("Fran\ufffdois") is unreadable for people and poison for models trained on it. The
finding points at the damaged word and carries ftfy's repair, so a user can see what
`--fix-encoding` would do before asking for it. Finding and repairing share one code
path (audit.normalise.encoding), so the suggestion is exactly what the option applies.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.detect.hygiene.scripts import MixedWord, mixed_script_words
from audit.detect.hygiene.shifted import inside, shifted_runs
from audit.model import Article, Finding, span_finding
from audit.normalise.encoding import Repair, find_repairs

CHECK = "hygiene.encoding"
MAX_PER_ARTICLE = 50  # a wholly mis-decoded article says so in 50 findings, not 5,000


def find_encoding_problems(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """One finding per damaged word (adjacent damage in one word is one finding)."""
    limit = int(params.get("max_per_article", MAX_PER_ARTICLE))
    for article in articles:
        repairs = find_repairs(article.text)
        obfuscated = shifted_runs(article.text) if repairs else []  # paywall.text's, not a codec's
        repairs = [r for r in repairs if not inside(obfuscated, r.start, r.end)] if obfuscated else repairs
        for repair in repairs[:limit]:
            yield span_finding(
                article, CHECK, repair.start, repair.end, _message(repair),
                data={"kind": repair.kind, "repaired": repair.after,
                      "codepoints": _codepoints(repair.before)},
            )
        if len(repairs) > limit:
            last = repairs[limit - 1].end
            yield Finding(
                article_id=article.article_id, check=CHECK,
                message=f"{len(repairs) - limit} more damaged words after offset {last} are "
                        "not listed; the whole text is probably mis-decoded (try --fix-encoding).",
                data={"kind": "more", "count": len(repairs) - limit},
            )
        yield from _mixed_findings(article, mixed_script_words(article.text), limit)


def _mixed_findings(article: Article, words: list[MixedWord], limit: int) -> Iterator[Finding]:
    """One finding per word mixing Latin and Cyrillic letters (audit.detect.hygiene.scripts),
    at most `limit`, then one saying how many more."""
    for word in words[:limit]:
        lookalikes = [f"U+{ord(ch):04X}" for ch in dict.fromkeys(word.word) if not ch.isascii()]
        yield span_finding(
            article, CHECK, word.start, word.end,
            f"Word {word.word!r} mixes Latin and Cyrillic letters ({', '.join(lookalikes)}): look-alikes of "
            f"another script, which search and models read as another word (obfuscated or mistyped "
            f"text); in one script it reads {word.reading!r}.",
            data={"kind": "mixed_script", "repaired": word.reading, "codepoints": lookalikes},
        )
    if len(words) > limit:
        yield Finding(
            article_id=article.article_id, check=CHECK,
            message=f"{len(words) - limit} more words mixing Latin and Cyrillic letters after offset "
                    f"{words[limit - 1].end} are not listed: the text was written so on purpose, or typed "
                    "in two keyboard layouts.",
            data={"kind": "more_mixed_script", "count": len(words) - limit},
        )


def _message(repair: Repair) -> str:
    shown = _visible(repair.before)
    if repair.kind == "replacement" and repair.after == repair.before:
        return (f"Replacement character (U+FFFD) in {shown}: the original bytes were lost "
                "when the text was decoded; ftfy cannot restore them, re-extract the source.")
    if repair.kind == "replacement":
        return (f"Mojibake of lost characters {shown}: ftfy repair (--fix-encoding) can only "
                f"reduce it to {_visible(repair.after)}; re-extract the source.")
    if repair.kind == "control":
        return (f"Control character in {shown} ({', '.join(_codepoints(repair.before))}); "
                f"ftfy repair (--fix-encoding) removes it: {_visible(repair.after)}.")
    if repair.after == repair.before:  # nothing ftfy changes: a lone C1 byte ("\x81"), a form feed
        odd = _codepoints(repair.before)
        if odd and all(0x80 <= int(c[2:], 16) <= 0x9F for c in odd):  # cp1252 has no character for it
            return (f"Mojibake {shown} ({', '.join(odd)}): a byte of another codec left as a C1 "
                    "control; ftfy cannot repair it, re-extract the source.")
        return (f"Control character in {shown} ({', '.join(odd)}): not text, and ftfy leaves it; "
                "remove it or re-extract the source.")
    return (f"Mojibake {shown}: text decoded with the wrong codec; ftfy repair "
            f"(--fix-encoding) gives {_visible(repair.after)}.")


def _visible(text: str) -> str:
    """Quoted, with invisible characters written as escapes so a person can see them."""
    return repr(text) if text.isprintable() else ascii(text)


def _codepoints(text: str) -> list[str]:
    """The characters that are not plain printable text, as U+XXXX."""
    odd = [ch for ch in text if not ch.isprintable() or ch == "\ufffd"]
    return [f"U+{ord(ch):04X}" for ch in odd]
