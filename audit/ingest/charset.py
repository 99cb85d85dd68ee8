"""Bytes to text: UTF-8 when it is, else the codec the bytes are written in.

A latin-1 `.txt` decoded as UTF-8 with replacements loses every accented letter
("Caf\ufffd soci\ufffdt\ufffd"). charset-normalizer guesses the codec from the bytes;
on short texts it ties many single-byte codecs (all read "Café" without a fault), so
the tie is broken by how common a codec is on the web (PREFERRED). Bytes that no codec
reads as plausible text are undecidable: the caller quarantines them with their bytes.
"""

from __future__ import annotations

import codecs
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


# A page's declared charset (an HTTP header's, a <meta>'s) as the codec browsers read it in
# (the WHATWG Encoding Standard's labels, the common ones): ISO-8859-1 and ASCII pages are read
# as windows-1252, GB2312 as GBK, Shift_JIS as windows-31J, EUC-KR as windows-949. A label not
# here ("base64", "unicode_escape", "undefined": codecs Python has that no page is written in)
# is no declaration: the bytes are read as any input's.
WEB_CODECS = {
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8"), "utf-8"),
    **dict.fromkeys(("iso-8859-1", "iso8859-1", "latin1", "l1", "ascii", "us-ascii", "windows-1252", "cp1252",
                     "x-cp1252", "iso_8859-1", "cp819", "ibm819"), "windows-1252"),
    **{f"windows-{n}": f"cp{n}" for n in range(1250, 1259) if n != 1252},
    **{f"cp{n}": f"cp{n}" for n in range(1250, 1259) if n != 1252},
    **{f"iso-8859-{n}": f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **{f"iso8859-{n}": f"iso8859_{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)},
    **dict.fromkeys(("windows-874", "tis-620", "iso-8859-11"), "cp874"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk", "chinese", "gb_2312-80"), "gbk"),
    "gb18030": "gb18030", "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "windows-31j", "x-sjis"), "cp932"),
    **dict.fromkeys(("euc-jp", "x-euc-jp"), "euc_jp"), "iso-2022-jp": "iso2022_jp",
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "windows-949", "korean"), "cp949"),
    **dict.fromkeys(("koi8-r", "koi8", "cskoi8r"), "koi8_r"), "koi8-u": "koi8_u",
    "ibm866": "cp866", "macintosh": "mac_roman", "x-mac-cyrillic": "mac_cyrillic",
    **dict.fromkeys(("utf-16le", "utf-16"), "utf-16-le"), "utf-16be": "utf-16-be",
}
# windows-1252 as browsers read it: its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D)
# are the C1 controls of their value, as in ISO-8859-1, not an error (Python's cp1252 raises:
# one such byte made a declared ISO-8859-1 page a guessed cp1250 one, "après" read "aprčs")
_WINDOWS_1252 = {i: bytes([i]).decode("cp1252", errors="replace").replace(REPLACEMENT, chr(i)) for i in range(0x80, 0xA0)}


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "utf-16"))


def decode_declared(data: bytes, label: str, in_page: bool = False) -> Decoded | None:
    """The bytes in the codec a page declares (`label`, as WEB_CODECS reads it), as browsers
    read them: a byte-order mark first, whatever the label; then UTF-8 (a page declared
    ISO-8859-1 that is UTF-8 is common); a UTF-16 label `in_page` (a <meta>, written in
    ASCII bytes, cannot be UTF-16) read as UTF-8. None when the label is no web codec or
    the bytes do not decode in it."""
    codec = WEB_CODECS.get(label.strip().strip("\"'").lower())
    if codec is None:
        return None
    for bom, bom_codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(bom_codec), name)
            except UnicodeDecodeError:
                return None
    if in_page and codec.startswith("utf-16"):
        codec = "utf-8"
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if codec == "windows-1252":
        return Decoded(data.decode("latin-1").translate(_WINDOWS_1252), "cp1252")
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        return None


# where a page names its charset itself: <meta charset="..."> or <meta http-equiv=
# "Content-Type" content="text/html; charset=...">, in its first 1,024 bytes (as browsers look)
_META_CHARSET = re.compile(rb"<meta\b[^>]{0,300}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
META_BYTES = 1024


def meta_charset(data: bytes) -> str | None:
    """The charset a page's <meta> names in its first META_BYTES bytes, or None."""
    found = _META_CHARSET.search(data, 0, META_BYTES)
    return found.group(1).decode("ascii", "replace") if found else None
