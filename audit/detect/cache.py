"""Findings of per-article detectors, and the per-article shares of cross-article ones
(Detector.prepare), kept between runs: a nightly run re-reads only what changed.

A per-article detector's findings depend only on the article (its text, publication
date, language), the detector's params and its code and data. The key hashes all of
them, so an edited rule, a new threshold or a changed date never serves stale findings.
Cross-article detectors (duplicates, recurring chrome lines, contradictions) are never
cached; detectors reading the user's office-holder rows are, keyed by those files' content.

The workers' path (audit.detect.workers) keeps one entry per article (article_key): its
findings of every per-article detector and its small shares, each under the detector's
digest (name, code, data, params), so an edited detector misses only its own part of
each entry; large shares stay one row each in the Arrow file. Spark's path
(run_detectors) keeps one entry per (detector, article).
"""

from __future__ import annotations

import base64
import bisect
import contextlib
import gc
import hashlib
import inspect
import json
import marshal
import os
import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from audit import __version__
from audit.atomic import clean_stale, temp_name
from audit.model import Article, Finding

# The entries, an Arrow file (it was findings.parquet: decoding it was 0.06-0.2 s of CPU
# a 20,000-article rerun's start, where the Arrow file, mapped, is read in 0.02 s)
CACHE_FILE = "findings.arrow"
_STORED = ("check", "message", "start", "end", "excerpt", "related_article_id", "data")


# Libraries whose answers become findings: an upgrade (ftfy's repairs, langdetect's
# profiles, datasketch's hashing, rapidfuzz's scores) must not serve findings made by the
# old version. (What changes the text itself, trafilatura, charset-normalizer, changes
# its hash, already in every key.)
FINDING_LIBRARIES = ("ftfy", "langdetect", "datasketch", "rapidfuzz", "pyahocorasick", "numpy")


def data_fingerprint() -> str:
    """A hash of the tool version, the versions of FINDING_LIBRARIES and every shipped data
    file (read once per run)."""
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256(__version__.encode())
    for name in FINDING_LIBRARIES:
        try:
            digest.update(f"{name}=={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    data = Path(__file__).resolve().parents[1] / "data"
    for path in sorted(p for p in data.rglob("*") if p.is_file()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def code_fingerprint(find: Any, data_digest: str) -> str:
    """A hash of the detector's module source, of every audit module it imports (directly
    or not: paywall.text's answers change with audit/detect/spans.py too), and of the data."""
    digest = hashlib.sha256(data_digest.encode())
    source = inspect.getsourcefile(find)
    for path in _audit_imports(Path(source)) if source else []:
        digest.update(path.read_bytes())
    return digest.hexdigest()


_IMPORT = re.compile(r"^\s*(?:from|import)\s+(audit(?:\.\w+)*)(?:\s+import\s+(\([^)]*\)|[^\n]*))?",
                     re.MULTILINE)


def _audit_imports(path: Path) -> list[Path]:
    """`path` and the audit modules it imports, transitively, in a fixed order.

    The package's own `audit/__init__.py` is hashed (it holds `__version__`) but not
    followed: its imports are the lazy wrappers of the Python API (`audit.run` imports the
    pipeline, which imports the report), so following them made every detector that reads
    `__version__` through cache.py depend on the whole tool, and an edit to the report
    recomputed boilerplate's, near's and passage's shares for every article on the next rerun.
    """
    root = Path(__file__).resolve().parents[2]
    package = root / "audit" / "__init__.py"
    seen: dict[Path, None] = {}
    todo = [path.resolve()]
    while todo:
        current = todo.pop()
        if current in seen or not current.is_file():
            continue
        seen[current] = None
        if current == package:
            continue
        for name, names in _IMPORT.findall(current.read_text(encoding="utf-8")):
            base = root.joinpath(*name.split("."))
            modules = [base / f"{n.split()[0]}.py" for n in names.strip("()").split(",") if n.strip()]
            modules = [m for m in modules if m.is_file()]  # `from audit.detect import paywall`
            todo += modules or [base.with_suffix(".py"), base / "__init__.py"]
    return sorted(seen)


# Params naming files whose rows a detector reads (the user's office-holder rows): the key
# holds their content, so an edited file never serves findings made with the old rows.
FILE_PARAMS = ("office_holders_extra",)


def params_text(params: Mapping[str, Any]) -> str:
    """The params as the key holds them (made once per detector, not once per article)."""
    public = {k: v for k, v in params.items() if not k.startswith("_")}  # not the index
    for name in FILE_PARAMS:
        if public.get(name):
            paths = [public[name]] if isinstance(public[name], str) else public[name]
            public[f"{name}.sha256"] = [_file_digest(Path(p)) for p in paths]
    return json.dumps(public, sort_keys=True, default=str)


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the detector reports the missing file


# A key is two halves of 128 bits as hex: the detector's (name, code, data, params) and the
# article's (article_part). Each half is hashed once, the detector's per run and the
# article's per article, and a key is their concatenation: a rerun of 20,000 articles made
# 316,000 sha256 keys, one per (detector, article), 2 s of the parent's CPU (rerun.md).
# The old single-hash keys (64 hex of one sha256) are never equal to these: a cache written
# by that code is not served.
HALF = 32


def detector_digest(name: str, fingerprint: str, params: str) -> str:
    """The detector's half of every key it is looked up under: made once per run."""
    return hashlib.sha256("\x1f".join([name, fingerprint, params]).encode()).hexdigest()[:HALF]


def article_part(article: Article, prepared: bool = False) -> bytes:
    """The article's part: what a detector's findings for it depend on (for a prepared
    share, the title and URL too: boilerplate.line finds the headline with them)."""
    parts = [article.content_sha256, str(article.published), str(article.language)]
    if prepared:
        parts += [str(article.title), str(article.url)]
    return "\x1f".join(parts).encode()


def article_digest(part: bytes) -> str:
    """The article's half of its keys (from article_part): made once per article and kind
    (findings or prepared share), shared by all its detectors."""
    return hashlib.sha256(part).hexdigest()[:HALF]


def cache_key(detector: str, article: str) -> str:
    """The key of one detector's findings (or share) for one article: both halves."""
    return detector + article


# An article's entry key: this letter, then its half (never a 64-hex pair key). "A" was an
# entry kept as one JSON object; "B" is entry_text's (an "A" entry is never read as one)
ENTRY = "B"
_SEP = "\x1e"  # a control character: json.dumps escapes it in its text, never holds it


def entry_text(entry: Mapping[str, str]) -> str:
    """An article's entry as the cache keeps it: each detector's digest, then its part as
    JSON text (findings, or a small share), all joined by a separator that JSON text never
    holds. A rerun reads every unchanged article's entry, and parsing it as one JSON object
    (its shares' text escaped inside it) cost 10-20 us of 2 KB: parse_entry splits it in C,
    and findings lists that are empty (most) or shares (parsed by their steps: Shares)
    are never parsed there."""
    return _SEP.join(text for pair in entry.items() for text in pair)


def parse_entry(stored: str | None) -> dict[str, str]:
    """entry_text's entry: digest -> that part's JSON text; {} for None."""
    if not stored:
        return {}
    parts = stored.split(_SEP)
    return dict(zip(parts[::2], parts[1::2], strict=True))


def article_half(article: Article) -> str:
    """The article's half of its entry's key and of its prepared shares' keys: its part
    with the title and URL (article_part's `prepared`), hashed."""
    return article_digest(article_part(article, prepared=True))


def article_key(article: Article) -> str:
    """The key of the article's one entry for the workers' detectors (FindingsCache.entry):
    the prepared half, which holds the findings half's parts and the title and URL (a
    share's); a detector's own part is its digest inside the entry."""
    return ENTRY + article_half(article)


def stored_findings(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Findings as an entry keeps them (what `put` keeps, not yet as text)."""
    return [{name: getattr(f, name) for name in _STORED} for f in findings]


# json.dumps(value, default=str), without the encoder it builds on every call (a default
# makes it build one): the parent's store of a cold run encodes 14 parts an article
as_json = json.JSONEncoder(default=str).encode


def findings_text(findings: Sequence[Finding]) -> str:
    """Findings as an entry keeps them, as JSON text: "[]" for none (most detectors on
    most articles; json.dumps([]) costs 4 us, 1.4 s of the parent at 20,000 articles)."""
    return as_json(stored_findings(findings)) if findings else "[]"


def served_findings(stored: list[dict[str, Any]], article_id: str) -> list[Finding]:
    """The findings an entry kept, for the article now named `article_id`."""
    return [Finding(article_id=article_id, **item) for item in stored]


def findings_key(name: str, fingerprint: str, params: str, article: Article) -> str:
    """What a detector's findings for one article depend on, hashed."""
    return cache_key(detector_digest(name, fingerprint, params), article_digest(article_part(article)))


def prepared_key(name: str, fingerprint: str, params: str, article: Article) -> str:
    """As findings_key, for a cross-article detector's per-article share (Detector.prepare)."""
    return cache_key(detector_digest(f"{name}.prepare", fingerprint, params), article_half(article))


def packed_text(values: Any) -> str:
    """An array's bytes as base64 text: a prepared share the findings cache keeps as JSON,
    a third larger than the bytes, not 3-7x as a list of numbers."""
    import numpy as np

    return base64.b64encode(np.ascontiguousarray(values).tobytes()).decode("ascii")


def unpacked(text: str, dtype: type) -> Any:
    """The array packed_text made."""
    import numpy as np

    return np.frombuffer(base64.b64decode(text), dtype=dtype)


class _Kept:
    """The value of a share the findings cache holds for an unchanged article, read only if
    its step takes it (Shares). One object for all: `drop_shares` pops it without freeing
    anything."""

    def __repr__(self) -> str:
        return "KEPT"


KEPT = _Kept()


@dataclass(frozen=True)
class ShareSource:
    """Where an unchanged article's kept shares are read: the cache, and each share's
    detector digest with whether it is large (its own row) or small (a part of the
    article's entry)."""

    cache: FindingsCache
    digests: Mapping[str, tuple[str, bool]]


class Shares(dict):  # type: ignore[type-arg]
    """An article's prepared shares (Article.prepared); those the findings cache holds for
    an unchanged article are KEPT, read from the cache and parsed when its cross-article
    step takes them (`pop`, `get`, `[]`). A rerun with 1% changed read and parsed every
    unchanged article's five shares in the ingest stage (1.4 s of the parent's CPU at
    100,000 articles for the large ones alone), and the steps, whose saved states
    (audit.detect.saved) read only the changed and affected articles', dropped the rest
    (`drop_shares`: 1.9 s, freeing them in pages shared with passage's forked child)."""

    # a kept share's article: its half of its keys (article_digest), and its ShareSource
    __slots__ = ("half", "source")

    def pop(self, name: str, *default: Any) -> Any:
        value = super().pop(name, *default)
        return self._read(name, value, default) if value is KEPT else value

    def get(self, name: str, default: Any = None) -> Any:
        value = super().get(name, default)
        return self._read(name, value, (default,)) if value is KEPT else value

    def __getitem__(self, name: str) -> Any:
        value = super().__getitem__(name)
        return self._read(name, value, ()) if value is KEPT else value

    def _read(self, name: str, value: Any, default: tuple[Any, ...]) -> Any:
        """A kept share, read and parsed; what was made is frozen at once, as the ingest
        stage froze each batch's articles (workers.take_second): parsed in boilerplate's
        step, 20,000 shares' lists drew three full collections over the whole heap (0.5 s
        of CPU, more than the parse). A share the cache no longer holds (never while the
        run's detectors run) is absent: its step makes it again from the article."""
        source = getattr(self, "source", None)
        found = None if source is None else source.cache.kept_share(self.half, *source.digests[name])
        if found is None:
            if default:
                return default[0]
            raise KeyError(name)
        gc.freeze()
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        """A plain dict of the shares read or made (a worker's trip pickles the article):
        never the source, which holds the whole cache; a worker makes what it needs."""
        return (dict, ({k: v for k, v in dict.items(self) if v is not KEPT},))


def kept_shares(names: Sequence[str], half: str, source: ShareSource | None,
                had: Mapping[str, Any] | None = None) -> Shares:
    """The Shares of an unchanged article whose entry holds the shares `names` (after
    those it `had`)."""
    shares = Shares(had or ())
    shares.update(dict.fromkeys(names, KEPT))
    shares.half, shares.source = half, source
    return shares


_SCAN = json.JSONDecoder().scan_once  # json.loads's scanner without its Python wrapper


def _loaded(text: str) -> Any:
    """A value's JSON text parsed, as json.loads parses it: a string with no escape
    (duplicate.passage's share, 3.7 KB of base64) taken as it is; the rest by json's
    scanner at once (near's list), without json.loads's wrapper (2 us of its 4 a value)."""
    if text[:1] == '"' and "\\" not in text:
        return text[1:-1]
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        end = -1
    return value if end == len(text) else json.loads(text)


@dataclass
class FindingsCache:
    """Small values (findings, short shares) as JSON text in one dict, loaded whole; large
    shares (passage's word hashes, near's MinHash signature: ~6 KB an article) in an Arrow
    file read memory-mapped, so a rerun of 20,000 articles neither parses nor holds 120 MB
    of them as Python strings: only the rows it asks for are read."""

    path: Path | None
    # key -> JSON list of findings, or an entry (entry_text): a dict, or MappedEntries when
    # read from the cache's files
    entries: Any = field(default_factory=dict)
    hits: int = 0
    misses: int = 0
    large: Any = None  # the mapped Arrow table of large values (key, value), or None
    large_rows: dict[str, int] = field(default_factory=dict)  # its key -> row
    _rows: Any = None  # the mapped file's value column as raw buffers (_LargeRows), read per row
    fresh_large: dict[str, str] = field(default_factory=dict)  # added, not yet written
    # what normalising made of each JSONL line, by the line's sha256 (audit.normalise.known),
    # made under `known_context` (the keeper's: code, data, options); written when fresh
    known: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    known_context: str | None = None
    # the detectors' digests under which a kept line's entry was found complete (format 2:
    # audit.normalise.known.Complete; the keeper's order_digest), None for a format-1 file
    known_order: str | None = None
    known_fresh: bool = False
    # the lines as read (file and segments; under known_read's context and order), kept for
    # `save` to write only what this run changed (`_save_known`)
    known_read: tuple[dict[str, tuple[Any, ...]], str | None, str | None] | None = None
    _writer: Any = None  # the new large file, written a batch at a time (memory stays flat)
    _large_temp: Path | None = None  # its temporary name, this process's (audit.atomic)
    _large_target: Path | None = None  # what it becomes: the large file, or a segment of it
    # entries put by this run (in order): what a segment holds (Segments)
    fresh_keys: dict[str, None] = field(default_factory=dict)
    # entries this run wrote to the new file as they came (stream_entry), not held: the
    # keys only, in order; the rows not yet written (a block of STREAM_ROWS at most); the
    # file's writer and temporary name
    streamed: dict[str, None] = field(default_factory=dict)
    _unwritten: list[tuple[str, str]] = field(default_factory=list)
    _entry_writer: Any = None
    _entry_temp: Path | None = None
    # what each file is as loaded: its rows and its segments' (findings, large values)
    files: dict[str, Segments] = field(default_factory=dict)

    def get(self, key: str, article_id: str) -> list[Finding] | None:
        stored = self.entries.get(key)
        if stored is None:
            self.misses += 1
            return None
        self.hits += 1
        if stored == "[]":  # most (article, check) pairs: nothing found, nothing to parse
            return []
        return served_findings(json.loads(stored), article_id)

    def put(self, key: str, findings: Sequence[Finding]) -> None:
        self.fresh_keys[key] = None
        self.entries[key] = findings_text(findings)

    def entry(self, key: str) -> dict[str, str]:
        """An article's entry (article_key): detector digest -> that detector's findings
        or small share as JSON text (parse_entry), {} when the article has none. One
        lookup for all its detectors: a rerun of 20,000 articles looked up 16 keys an
        article and parsed 5 shares (2.8 s of the parent's CPU, rerun2.md)."""
        return parse_entry(self.entries.get(key))

    def put_entry(self, key: str, entry: Mapping[str, str]) -> None:
        self.entries[key] = entry_text(entry)
        self.fresh_keys[key] = None

    def stream_entry(self, key: str, entry: Mapping[str, str]) -> None:
        """put_entry for an entry this run will not read again (the workers' fresh entries):
        written to the new file a block at a time, not held. Held to the run's end, a cold
        run's entries were 1.9 KB an article of the parent's memory (190 MB at 100,000,
        through the cross-article stage: mem6.md). A key streamed already (a copy's article:
        the same content, title, URL, date and language, so the same parts) is not written twice."""
        if self.path is None:  # a run-local cache has no file: held, as put_entry holds it
            self.put_entry(key, entry)
            return
        if key in self.streamed:
            return
        self.streamed[key] = None
        self._unwritten.append((key, entry_text(entry)))
        if len(self._unwritten) >= STREAM_ROWS:
            self._write_entries([])

    def _write_entries(self, more: Sequence[str]) -> None:
        """The rows streamed and not yet written, then the held entries `more`, appended to
        the new entries file (opened on the first call)."""
        import pyarrow as pa

        schema = pa.schema([("key", pa.string()), ("findings", pa.large_string())])
        if self._entry_writer is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # two runs sharing the folder never write one file
            self._entry_temp = temp_name(_segment_temp(self.path))
            sink = pa.OSFile(str(self._entry_temp), "wb")
            self._entry_writer = (sink, pa.ipc.new_file(sink, schema))
        keys = [key for key, _ in self._unwritten] + list(more)
        texts = [text for _, text in self._unwritten] + [self.entries[k] for k in more]
        self._unwritten = []
        if keys:
            self._entry_writer[1].write_table(pa.table({"key": keys, "findings": texts}, schema=schema))

    def get_value(self, key: str) -> Any:
        """A prepared value (plain JSON) kept under `key`, small or large, or None."""
        stored = self._stored(key)
        if stored is None:
            self.misses += 1
            return None
        self.hits += 1
        return _loaded(stored)

    def get_values(self, keys: Sequence[str]) -> list[Any]:
        """get_value for each key (the same values and counts), counted once."""
        stored: list[str | None] = [self.entries.get(key) for key in keys]
        rows = self.large_rows
        for i, key in enumerate(keys):  # a row at a time: a take() of 400 rows across the
            if stored[i] is None and key in rows:  # file's chunks costs 20x as much
                stored[i] = self._large_text(rows[key])
        found = sum(text is not None for text in stored)
        self.hits += found
        self.misses += len(keys) - found
        return [None if text is None else _loaded(text) for text in stored]

    def has_value(self, key: str) -> bool:
        """Whether get_value would find a value under `key` (nothing read, nothing counted)."""
        return key in self.large_rows or key in self.entries

    def kept_share(self, half: str, digest: str, large: bool) -> Any:
        """A share kept for the article of key half `half` under the detector's `digest`,
        parsed (a large one: its own row; a small one: a part of its entry), else None.
        Not counted: the lookup that found it counted it (workers._Keeper.lookups)."""
        if large:
            stored = self._stored(cache_key(digest, half))
            return None if stored is None else _loaded(stored)
        stored = parse_entry(self.entries.get(ENTRY + half)).get(digest)
        return None if stored is None else json.loads(stored)

    def _stored(self, key: str) -> str | None:
        """The JSON text kept under `key`: an entry, else a large value's row, else None."""
        stored = self.entries.get(key)
        if stored is None and key in self.large_rows:
            stored = self._large_text(self.large_rows[key])
        return stored

    def _large_text(self, row: int) -> str:
        """One row of the mapped file's values."""
        if self._rows is None:
            self._rows = _LargeRows(self.large.column(1))
        return self._rows.text(row)

    def put_value(self, key: str, value: Any, large: bool = False) -> None:
        if not large:
            self.entries[key] = json.dumps(value)
            self.fresh_keys[key] = None
        elif self.path is not None and key not in self.large_rows:
            self.fresh_large[key] = json.dumps(value)
            if len(self.fresh_large) >= 2048:
                self._write_large()

    def _write_large(self) -> None:
        """Append the large values added so far to the new file: a segment of the large
        file, or (the first run, or segments past COMPACT_SHARE) the whole file again, the
        old rows first."""
        import pyarrow as pa

        schema = _large_schema()
        if self._writer is None:
            assert self.path is not None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            large = self.path.with_name(LARGE_FILE)
            whole = self.files.get(LARGE_FILE, Segments()).compacts(len(self.fresh_large))
            self._large_target = large if whole else segment_name(large)
            self._large_temp = temp_name(_segment_temp(large))
            sink = pa.OSFile(str(self._large_temp), "wb")
            self._writer = (sink, pa.ipc.new_file(sink, schema))
            if whole and self.large is not None:
                self._writer[1].write_table(self.large, max_chunksize=4096)
        self._writer[1].write_table(pa.table(
            {"key": list(self.fresh_large), "value": list(self.fresh_large.values())}, schema=schema))
        self.fresh_large = {}

    def save(self) -> None:
        """Write the cache atomically, when this run added to it."""
        if self.path is not None and self.known_fresh:
            self._save_known()
            self.known_fresh = False
        if self.path is None or not (self.misses or self.streamed):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        loaded = self.files.get(CACHE_FILE, Segments())
        streamed = self.streamed
        whole = loaded.compacts(len(self.fresh_keys) + len(streamed))
        # after the streamed rows, the held ones (a streamed key's older row is left out:
        # its streamed row holds its parts, grown)
        keys = [k for k in (self.entries if whole else self.fresh_keys) if k not in streamed]
        if keys or whole or streamed:
            self._write_entries(keys)
            sink, writer = self._entry_writer
            writer.close()
            sink.close()
            self._entry_writer = None
            assert self._entry_temp is not None
            # a run still mapping the old file reads on
            self._entry_temp.replace(self.path if whole else segment_name(self.path))
            if whole:
                loaded.remove()
        self.fresh_keys, self.streamed = {}, {}
        if self.fresh_large:
            self._write_large()
        if self._writer is not None:
            sink, writer = self._writer
            writer.close()
            sink.close()
            self._writer = None
            assert self._large_temp is not None and self._large_target is not None
            self._large_temp.replace(self._large_target)  # a run still mapping the old file reads on
            if self._large_target.name == LARGE_FILE:
                self.files.get(LARGE_FILE, Segments()).remove()

    def _save_known(self) -> None:
        """The known lines written: as a segment of what this run made or changed (a line
        new, or its entry's Complete changed) when the lines as read are under the same
        context and order, and the segments with it (and the lines read that this run no
        longer has, left in the file until then) stay under COMPACT_SHARE of the file; else
        whole, its segments gone. Written whole, the 100,000 lines of a 1%-changed rerun were
        0.3-0.5 s of marshal.dump holding the GIL (their strings shared with the run's
        articles, each a reference marshal records), on the parent's path as the tail began."""
        path = self.path.with_name(KNOWN_FILE)  # type: ignore[union-attr]
        path.parent.mkdir(parents=True, exist_ok=True)
        files = self.files.get(KNOWN_FILE, Segments())
        read = self.known_read
        if read is not None and read[1:] == (self.known_context, self.known_order) and path.is_file():
            lines = read[0]
            fresh = {key: value for key, value in self.known.items() if lines.get(key) is not value}
            # the lines read that this run has not (its corpus lost them): left in the file
            stale = len(lines) - (len(self.known) - sum(1 for key in fresh if key not in lines))
            if not files.compacts(len(fresh) + stale):
                segment = segment_name(path)
                partial = _segment_temp(segment)
                with partial.open("wb") as fh:
                    marshal.dump((KNOWN_FORMAT, self.known_context, fresh, self.known_order), fh, KNOWN_MARSHAL)
                partial.replace(segment)
                return
        partial = temp_name(path)
        with partial.open("wb") as fh:  # plain values only (known.remembered): no pickle
            marshal.dump((KNOWN_FORMAT, self.known_context, self.known, self.known_order), fh, KNOWN_MARSHAL)
        partial.replace(path)
        files.remove()


# A rerun with 1% changed rewrote both files whole (100,000 entries and 200,000 large
# rows: 1.8 s of CPU at 100,000 articles) for the 1% it added. It adds them as a segment
# beside each file (`findings-<stamp>.arrow`), which the next runs read after it (a key
# in a later one stands for the same value: keys hash all a value depends on); once the
# segments' rows pass COMPACT_SHARE of the file's, the file is written whole again with
# them, and they go. A killed run leaves a whole file and whole segments, or a segment
# more that repeats the new file's rows (read as the same values, removed next time).
# Past MAX_SEGMENTS too: runs that change an article or two must not leave thousands.
COMPACT_SHARE = 0.25
MAX_SEGMENTS = 16


@dataclass
class Segments:
    """A cache file as loaded: its own rows and its segments (paths, rows)."""

    rows: int = 0
    paths: list[Path] = field(default_factory=list)
    segment_rows: int = 0

    def compacts(self, adding: int) -> bool:
        """Whether the file is written whole rather than `adding` rows as a segment."""
        return (self.segment_rows + adding > COMPACT_SHARE * self.rows
                or len(self.paths) >= MAX_SEGMENTS)

    def remove(self) -> None:
        """The segments gone (their rows are in the file written whole)."""
        for path in self.paths:
            with contextlib.suppress(OSError):
                path.unlink()
        self.paths, self.segment_rows = [], 0


def segment_name(path: Path) -> Path:
    """A new segment of cache file `path`: named after the time, so they sort in order."""
    return path.with_name(f"{path.stem}-{time.time_ns():020d}-{os.getpid()}{path.suffix}")


def segments_of(path: Path) -> list[Path]:
    """The segments of cache file `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.stem}-*{path.suffix}"))


def _segment_temp(path: Path) -> Path:
    """The name a file or segment of `path` is written under first (audit.atomic.temp_name
    of it: clean_stale finds what a killed run left)."""
    return path.with_name(f"{path.name}.new")


class _LargeRows:
    """A large_string column's rows read from its buffers (offsets, UTF-8 bytes) as the
    file maps them: `column[row].as_py()` made a scalar first, 6 us a row, 1.2 s of a
    100,000 rerun's parent for its 200,000 large shares; this is about 1.5 us."""

    def __init__(self, column: Any) -> None:
        import numpy as np

        self.column = column
        self.starts: list[int] = []  # each chunk's first row
        self.chunks: list[tuple[Any, memoryview] | None] = []  # None: read by as_py (nulls)
        first = 0
        for chunk in column.chunks:
            self.starts.append(first)
            first += len(chunk)
            _, offsets, data = chunk.buffers()
            if chunk.null_count or str(chunk.type) != "large_string" or offsets is None or data is None:
                self.chunks.append(None)
                continue
            self.chunks.append((np.frombuffer(offsets, dtype=np.int64)[chunk.offset:chunk.offset + len(chunk) + 1],
                                memoryview(data)))

    def text(self, row: int) -> str:
        at = bisect.bisect_right(self.starts, row) - 1
        buffers = self.chunks[at]
        if buffers is None:
            return self.column[row].as_py()
        offsets, data = buffers
        start, end = offsets[row - self.starts[at]:row - self.starts[at] + 2].tolist()
        return str(data[start:end], "utf-8")


class MappedEntries:
    """The entries of the cache's files as a mapping: each key's row, its text read from
    the mapped files when asked (a new string each time), and this run's own on top.
    Loaded as a dict of 100,000 strings of 2 KB, they cost 200 MB and their reading, and
    each lookup of a rerun's parent, after the workers' fork, wrote to a page it shared
    with them (the string's reference count: a page copied, 7 us a lookup at 100,000)."""

    def __init__(self, keys: list[str], column: Any) -> None:
        self.rows = {key: row for row, key in enumerate(keys)}  # a later file's row wins
        self.texts = _LargeRows(column)
        self.own: dict[str, str] = {}

    def get(self, key: str, default: Any = None) -> Any:
        found = self.own.get(key)
        if found is not None:
            return found
        row = self.rows.get(key)
        return default if row is None else self.texts.text(row)

    def __getitem__(self, key: str) -> str:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: str, text: str) -> None:
        self.own[key] = text

    def __contains__(self, key: object) -> bool:
        return key in self.own or key in self.rows

    def __iter__(self) -> Iterator[str]:
        yield from self.rows
        yield from (key for key in self.own if key not in self.rows)

    def __len__(self) -> int:
        return len(self.rows) + sum(key not in self.rows for key in self.own)

    def __bool__(self) -> bool:
        return bool(self.rows or self.own)

    def values(self) -> Iterator[str]:
        return (self[key] for key in self)

    def clear(self) -> None:
        self.rows, self.own = {}, {}


LARGE_FILE = "prepared-large.arrow"
STREAM_ROWS = 2048  # streamed entries written a block at a time (4 MB of text at most)
KNOWN_FILE = "known-lines.marshal"
# of the file: its tuple's layout is audit.normalise.known's, in the context. 2: the
# lines' tuples end with their entry's Complete, and the file with the digests it is for;
# a format-1 file (format, context, lines) is still read (its lines have no Complete)
KNOWN_FORMAT = 2
# marshal's version 2: no back-references. From version 3 marshal records every object met
# twice, and the lines' strings are the run's articles' too: the 100,000 lines took 0.27-0.47 s
# to write (0.10 s for a 7,000-line segment), about twice version 2's, for 15% fewer bytes;
# both read as fast (0.21-0.22 s the 100,000).
KNOWN_MARSHAL = 2


def _large_schema() -> Any:
    import pyarrow as pa

    return pa.schema([("key", pa.string()), ("value", pa.large_string())])


def open_findings_cache(folder: str | Path | None) -> FindingsCache:
    """The cache kept in `folder`, or an empty run-local one when folder is None."""
    if folder is None:
        return FindingsCache(None)
    path = Path(folder) / CACHE_FILE
    known = path.with_name(KNOWN_FILE)
    for target in (path, path.with_name(LARGE_FILE), known):
        clean_stale(target)  # what killed runs left: a large file can be hundreds of MB
        clean_stale(_segment_temp(target))
    cache = FindingsCache(path)
    if known.is_file():
        with contextlib.suppress(Exception):  # damaged: every line is normalised again
            _read_known(cache, known)
    try:
        tables, cache.files[CACHE_FILE] = _tables(path)
        if tables:
            import pyarrow as pa

            keys = [key for table in tables for key in table.column(0).to_pylist()]
            cache.entries = MappedEntries(keys, pa.chunked_array(
                [chunk for table in tables for chunk in table.column(1).chunks], pa.large_string()))
    except Exception:  # a damaged cache is a slower run, never a failed one
        cache.entries, cache.files = {}, {}
        return cache
    try:
        tables, cache.files[LARGE_FILE] = _tables(path.with_name(LARGE_FILE))
        if tables:
            import pyarrow as pa

            cache.large = pa.concat_tables(tables)
            cache.large_rows = {k: i for i, k in enumerate(cache.large.column(0).to_pylist())}
    except Exception:  # damaged: those shares are made again
        cache.large, cache.large_rows = None, {}
        cache.files.pop(LARGE_FILE, None)
    return cache


def _read_known(cache: FindingsCache, path: Path) -> None:
    """The known lines of the file and of its segments (`_save_known`), each segment's over
    the file's (a segment under another context or order than the file's is left out)."""
    # read whole, then loads: marshal.load on a file reads it object by object
    # (a call per string), 0.09 s for 20,000 lines' tuples against 0.01 s
    kept = marshal.loads(path.read_bytes())
    form, context, lines = kept[:3]
    order = kept[3] if form == KNOWN_FORMAT and len(kept) == 4 else None
    if form not in (1, KNOWN_FORMAT) or not isinstance(lines, dict):
        return
    files = Segments(rows=len(lines))
    for segment in segments_of(path):
        files.paths.append(segment)  # each one removed when the file is written whole, read or not
        with contextlib.suppress(Exception):  # a damaged segment: its lines are made again
            part = marshal.loads(segment.read_bytes())
            if part[0] == KNOWN_FORMAT and part[1] == context and part[3] == order and isinstance(part[2], dict):
                lines.update(part[2])
                files.segment_rows += len(part[2])
    cache.known, cache.known_context, cache.known_order = lines, context, order
    cache.known_read = (lines, context, order)
    cache.files[KNOWN_FILE] = files


def _tables(path: Path) -> tuple[list[Any], Segments]:
    """The file's table and its segments', mapped, in order (none when neither is there)."""
    import pyarrow as pa

    loaded = Segments()
    tables = []
    if path.is_file():
        tables.append(pa.ipc.open_file(pa.memory_map(str(path))).read_all())
        loaded.rows = tables[0].num_rows
    for segment in segments_of(path):
        tables.append(pa.ipc.open_file(pa.memory_map(str(segment))).read_all())
        loaded.paths.append(segment)
        loaded.segment_rows += tables[-1].num_rows
    return tables, loaded
