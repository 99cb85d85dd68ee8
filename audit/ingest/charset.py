"""Bytes to text: UTF-8 when it is, else the codec the bytes are written in.

A latin-1 `.txt` decoded as UTF-8 with replacements loses every accented letter
("Caf\ufffd soci\ufffdt\ufffd"). charset-normalizer guesses the codec from the bytes;
on short texts it ties many single-byte codecs (all read "Café" without a fault), so
the tie is broken by how common a codec is on the web (PREFERRED). Bytes that no codec
reads as plausible text are undecidable: the caller quarantines them with their bytes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Single- and multi-byte codecs in the order of their use on the web (W3Techs,
# "Usage statistics of character encodings", 2025: windows-1252/ISO-8859-1 first, then
# windows-1251, GB2312/GBK, Shift JIS, EUC-KR, windows-1250...). Python codec names.
PREFERRED = ("cp1252", "cp1251", "gb18030", "shift_jis", "euc_kr", "cp1250", "iso8859_2",
             "cp1256", "cp1253", "cp1254", "cp1255", "cp874", "big5", "euc_jp", "koi8_r")
MAX_CHAOS = 0.2  # charset-normalizer's own threshold for "this is not text in that codec"
TIE = 0.02  # chaos within this of the best guess counts as a tie


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python codec name: "utf-8", "cp1252", ...
    fault: str | None = None  # what a reader should report (a guessed codec)


def decode_bytes(data: bytes) -> Decoded | None:
    """The text of `data`, or None when no codec reads it as text (undecidable)."""
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    mostly = _mostly_utf8(data, bad_at)
    if mostly is not None and not mostly.text.replace(REPLACEMENT, "").isascii():
        return mostly  # UTF-8 letters and a stray byte: no single-byte codec reads the letters
    guess = _guess(data)
    if guess is None:
        return mostly
    text, encoding = guess
    return Decoded(text, encoding, f"not UTF-8 (invalid byte at {bad_at}): decoded as {encoding}, "
                                   "the codec guessed from the bytes")


REPLACEMENT = "\ufffd"
MAX_STRAY_SHARE = 0.001  # invalid bytes per byte that a UTF-8 text may hold and stay UTF-8 ...
MAX_STRAY = 3  # ... or this many, in a short one
# the source_encoding of such a text: not "utf-8", which says the bytes decode as UTF-8 (the
# known-lines cache reads a "utf-8" line's text again from its bytes: audit.normalise.known)
STRAY_UTF8 = "utf-8 (stray bytes)"


def _mostly_utf8(data: bytes, bad_at: int) -> Decoded | None:
    """UTF-8 with its few invalid bytes replaced (U+FFFD, which hygiene.encoding shows),
    or None when there are more than a stray few. A UTF-8 article with one stray byte
    (a truncated copy, a bad splice) was unreadable: no codec reads all of it, and
    charset-normalizer's guess, where it made one, read its UTF-8 letters as mojibake
    (a helper's review, twentieth session)."""
    text = data.decode("utf-8-sig", errors="replace")
    stray = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode())
    if stray > max(MAX_STRAY, MAX_STRAY_SHARE * len(data)):
        return None
    return Decoded(text, STRAY_UTF8, f"not UTF-8 at {stray} byte(s) (the first at {bad_at}): "
                                     "each read as U+FFFD")


# Codecs of scripts written without spaces between words, where a long run of letters is text.
UNSPACED_CODECS = frozenset({"gb18030", "shift_jis", "euc_kr", "big5", "euc_jp", "cp874"})
# A run of this many letters outside ASCII with no space: no word of an alphabet is so long
# (German's longest in use are ~40-60), but bytes that are no text, read in a codec whose
# upper half is all letters, are: random bytes 0xC0-0xFF read as Cyrillic (iso8859_5,
# cp1251) passed as text, a warning only (a helper's review, twentieth session).
_NO_WORD = re.compile(r"[^\s\x00-\x7f]{80}")


def _plausible(text: str, encoding: str) -> bool:
    return encoding in UNSPACED_CODECS or _NO_WORD.search(text) is None


def _guess(data: bytes) -> tuple[str, str] | None:
    guessed = _best_guess(data)
    return guessed if guessed is None or _plausible(*guessed) else None


def _best_guess(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes
    from charset_normalizer.md import mess_ratio

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    for encoding in PREFERRED:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text == str(best) or mess_ratio(text, MAX_CHAOS) <= best.chaos + TIE:
            return text, encoding
    return str(best), best.encoding
