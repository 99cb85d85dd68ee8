"""The units cut from one long line, made together from the line's tokens read once.

`spans.segment` cuts a paragraph (a flattened article: ~2,400 characters, ~20 units) into
spans; each span becomes a Line with its key, word count and lower-case share. Made one by
one (`chrome_lines.make_line`), every span splits its text, looks up each token's case in
a memo of tens of thousands of words and joins its tokens again for its key. A paragraph
whose words are separated by single spaces (nearly every flattened text) is split once
here, each token's case looked up once, and a span that starts and ends at a space (nearly
every one) takes its tokens as a run of the paragraph's: its text is then its tokens joined
by spaces (its key needs no join), its word count the run's length, its share a count over
the run's cases. Any other span, or paragraph, is made by `make_line` as before; both ways
give equal Lines (tests/test_pieces.py).
"""

from __future__ import annotations

from collections.abc import Sequence

from audit.detect.leakage.chrome_lines import (
    BULLET_MARKS,
    CASED_MIN_WORDS,
    TRAILING_MARKS,
    Line,
    PhraseHit,
    has_cjk,
    hits_in,
    joined_key,
    make_line,
    phrase_table,
    share_between,
    token_cases,
    unit,
    word_count,
)

Span = tuple[int, int, "PhraseHit | None", bool]  # start, end in the line, its marker, headline


def piece_lines(body: str, start: int, spans: Sequence[Span], first_index: int, contains: bool = True,
                lowered: str | None = None) -> list[Line]:
    """The Lines of a long line's spans (`start`: the line's offset in the text; spans as
    offsets into `body`, stripped, in order, not overlapping), indexed from `first_index`.

    `contains`: False when no phrase of the phrase list's "contains" entries is in the
    lowered line (`spans.scan_line`): then none is in a span's key either, when the line's
    words are separated by single spaces (a key is then its span's text lowered, bullets
    and closing marks stripped, " :" made ":"; `scan_line` says True for a phrase holding
    ":" or a sigma, whose lower form depends on what follows it).

    `lowered`: body.lower(), when the caller has it. A span's key is then a slice of it with
    the closing marks stripped, when the span starts with no bullet and the line lowers
    character for character, holds no sigma (its lower form depends on the letters around
    it) and no " :" (a key makes it ":")."""
    tokens = body.split()
    if " ".join(tokens) != body:  # a run of white space other than one space: span by span
        return [make_line(first_index + k, start + a, body[a:b], piece=True, marker=marker, headline=headline)
                for k, (a, b, marker, headline) in enumerate(spans)]
    cases = token_cases(tokens)
    ascii_body = body.isascii()
    cjk = not ascii_body and has_cjk(body)  # else a span's words are its tokens
    sliced = (lowered is not None and len(lowered) == len(body) and " :" not in lowered
              and (ascii_body or "Σ" not in body))
    table = phrase_table()
    lines: list[Line] = []
    last = len(body)
    # body[:counted] holds `spaces` spaces: the token index at `counted`. After an aligned span
    # `counted` moves to its end (its n - 1 spaces are known), so each space is counted once.
    counted, spaces = 0, 0
    for k, (a, b, marker, headline) in enumerate(spans):
        text = body[a:b]
        if (a and body[a - 1] != " ") or (b < last and body[b] != " "):  # cut inside a token
            lines.append(make_line(first_index + k, start + a, text, piece=True, marker=marker, headline=headline))
            continue
        spaces += body.count(" ", counted, a)
        n = text.count(" ") + 1  # its tokens are tokens[spaces:spaces + n]
        bullet = text[0] in BULLET_MARKS
        if sliced and not bullet:
            key = lowered[a:b]  # type: ignore[index]
            key = key.rstrip(TRAILING_MARKS) or key
        else:
            key = joined_key(text)
        hits = hits_in(key, contains) if contains or key in table.entries or table.may_start(key) else ()
        lines.append(unit(first_index + k, start + a, text, key, word_count(text, n) if cjk else n, bullet, True,
                          marker, share_between(cases, spaces, spaces + n) if n >= CASED_MIN_WORDS else None,
                          headline, hits))
        counted = b
        spaces += n - 1  # body[:b] holds the spaces of body[:a] and the span's n - 1
    return lines

