"""Articles of JSONL lines the last run normalised, made again from what it made of them.

A nightly rerun reads a corpus whose lines are, but for a few, the last run's byte for
byte. Each line went to a worker to be parsed and normalised (about 25 us) and came back
as a pickled Article (12 us more to unpickle in the parent): 100,000 unchanged lines
cost 5 s of the workers' CPU and 2.6 s of the parent's (issue 13: the rerun's ingest
stage, 7.2 s). An article depends only on its line's bytes, the field names, the run's
normalising options and the code (its id and `source_uri` on where the line is: those
are given again): so what normalising made of a line is kept under the line's sha256
(its `source_sha256`), and a line whose hash is known becomes its article here, from
its own text field and what was kept (`article_of`), without a worker.

Only what can be made again from the line alone is kept (`remembered`): a line that was
unreadable, failed to normalise, or was repaired (--fix-encoding) goes to the workers
every time. The language, when the record did not give it, is left to the language
cache, as for any line. The keeper (audit.detect.workers) ties the kept facts to the
code, data and options that made them (`FindingsCache.known_context`).
"""

from __future__ import annotations

import codecs
import json
import re
from datetime import date
from json.decoder import scanstring
from typing import Any

import orjson

from audit.ingest import RawLine
from audit.ingest.readers import ENCODING, json_record
from audit.model import Article, Finding, RawRecord
from audit.normalise import _ingest_findings, control_findings
from audit.normalise.plausible import DateBounds, date_as_read, set_aside_implausible

# What is kept of a line, a tuple of plain values (the cache writes it with marshal):
# (record id, fault, characters when cut, title, publication date as an ordinal and
#  published_from, both as read (audit.normalise.plausible judges them each run),
#  publisher, url, the record gave the language, language, probability,
#  content_sha256, codec, the text: the normalised text when it is not the line's own text
#  field, else where that field's string starts in the decoded line (None: not found),
#  whether reading left nothing to say: no fault, no cut, no control character,
#  its findings-cache entry when complete: `Complete` or None)
Known = tuple[Any, ...]
# An article's entry (audit.detect.cache.article_key) that held every part the run's
# detectors read for its language and no findings (`[]` each): its key half, then the
# publication date and language as the half hashed them (str(), as article_part). Kept
# with the known line (format 2 of the file, under the detectors' digests: the keeper's
# `order_digest`), a rerun's unchanged article is served by whether its entry is still
# there, without reading, splitting and matching it (look_up: 7 us an article, 0.14 s of
# a 20,000 rerun's parent)
# An entry complete with findings is kept too, its parsed findings fourth (detector ->
# the findings as stored, for those that found some): 6% of a rerun's unchanged articles,
# each looked up in full (its 2 KB entry read, split and matched: 27 us) until then
Complete = tuple[Any, ...]
WHOLE = 16  # a kept tuple's length (format 2); format 1's lacked the entry
_EXTRA = {"source_id", "source_encoding"}


_BOM = codecs.BOM_UTF8


def decoded(line: bytes) -> str:
    """A UTF-8 line as "utf-8-sig" decodes it (a leading BOM dropped), without that
    codec's Python wrapper: 0.2 us a line where "utf-8-sig" took 0.6, at every known line."""
    return line[3:].decode() if line[:3] == _BOM else line.decode()


def own_text(line: RawLine, at: int) -> str:
    """The string of the line's text field, which starts at `at` of the decoded line
    (text_at's). orjson reads the whole line in about half the time json's scanner takes
    for the field alone (decoding the line, then unescaping 2-4 KB char by char: 0.77 s
    against 0.42 s for 100,000 lines). The same string: a line text_at placed is valid
    JSON whose last `name` field holds that string (json_record's reading: the last of a
    repeated name), and orjson keeps the last too; a line orjson reads otherwise (a BOM,
    a lone surrogate, NaN: it raises) or whose field is not a string is scanned as before."""
    try:
        value = orjson.loads(line.line).get(line.fields.text)
    except (orjson.JSONDecodeError, AttributeError):
        value = None
    return value if type(value) is str else scanstring(decoded(line.line), at)[0]


def text_at(line: bytes, name: str, text: str) -> int | None:
    """Where the string of the line's field `name` starts in the decoded line, when the
    string read there is `text` (the record's): json's own scanner reads it again from
    there (3.7 us, where parsing the whole line took 6.3). Checked here, so a field named
    twice, or its name inside another string, is never taken for it."""
    whole = decoded(line)
    for match in re.finditer(re.escape(json.dumps(name)) + r"\s*:\s*\"", whole):
        try:
            if scanstring(whole, match.end())[0] == text:
                return match.end()
        except ValueError:
            continue
    return None


def remembered(record: RawRecord, article: Article, cut: int | None, at: int | None) -> Known | None:
    """What to keep of the article a line's `record` gave (`at`: text_at's, for the line),
    or None when it cannot be made again from the line alone (unreadable, failed,
    repaired: see the module)."""
    if record.error or article.read_error or article.failed or article.raw is not None:
        return None
    published, published_from = date_as_read(article)
    if article.extra.keys() != _EXTRA or (published is not None and type(published) is not date):
        return None
    encoding = record.fields.get(ENCODING)
    given = bool(record.fields.get("language"))  # as to_article decides
    own = encoding == "utf-8" and article.text == record.text
    silent = record.fault is None and cut is None and not control_findings(article)
    return (record.record_id, record.fault, cut, article.title,
            published.toordinal() if published is not None else None,
            published_from, article.publisher, article.url, given,
            article.language if given else None, article.language_prob if given else None,
            article.content_sha256, encoding, at if own else article.text, silent, None)


def complete_of(known: Known) -> Complete | None:
    """The line's article's entry when the run that kept it found it complete, else None."""
    return known[15] if len(known) == WHOLE else None


def with_complete(known: Known, complete: Complete | None) -> Known:
    """The kept tuple with its entry's `complete` (format 2), or without (None)."""
    return (*known[:15], complete)


def record_id(known: Known) -> str | None:
    """The record's own id (naming the article: audit.detect.workers._provisional_id)."""
    return known[0]


def article_of(known: Known, line: RawLine, sha256: str,
               dates: DateBounds | None = None) -> tuple[Article, bool]:
    """The article normalising made of `line` (whose hash is `sha256`), to be named (its
    `article_id` is ""), and whether its language waits for the language cache; its
    date judged against this run's `dates`, as to_article judges it."""
    (source_id, _, _, title, published, published_from, publisher, url, given,
     language, probability, content, encoding, text, _) = known[:15]
    if type(text) is int:  # the line's text field, as its record read it (a UTF-8 line)
        text = own_text(line, text)
    elif text is None:
        text = json_record(decoded(line.line))[0][line.fields.text]  # as the reader took it
    article = Article(
        article_id="", source_uri=line.uri, source_sha256=sha256, title=title,
        published=None if published is None else date.fromordinal(published),
        published_from=published_from, publisher=publisher, url=url, language=language,
        language_prob=probability, text=text, content_sha256=content,
        extra={"source_id": source_id, "source_encoding": encoding},
    )
    set_aside_implausible(article, dates)
    return article, not given


def ingest_of(known: Known, article: Article) -> list[Finding]:
    """The named article's ingest findings (audit.normalise._ingest_findings)."""
    return [] if known[14] else _ingest_findings(article, known[1], known[2])
