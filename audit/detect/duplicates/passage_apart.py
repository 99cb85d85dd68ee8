"""duplicate.passage in a process of its own, not a fork of the run (issue 13).

A child forked from the run at its cross-article step inherits the whole corpus (2 GB at
100,000 articles) and then holds a private copy of every page either process touches,
and in Python reading an object writes it (its reference count): 45 KB an article of the
run's peak came from that child (docs/measurements/mem6.md). This one is spawned before
the ingest stage (`Passage.spawn`: its imports are done while the workers normalise) and
holds only what it makes. It asks the run's process (a thread there serves it: `_Served`)
for what it reads, as Corpus does of the articles:

- the words of every article (cold) or of the changed ones (a rerun), as the shares the
  workers made (base64 text), in blocks of SHARES_BLOCK articles: decoded as they come;
- each article's id and content digest (passage_state's identities and names);
- the families, once duplicate.near has run in the run's process;
- the texts, ids, publishers and URLs of the articles it reads (the pairs that share a passage,
  then those its findings name): a few thousand of 100,000, told before they are read.

Its findings, its seconds and its error (contained: find_across) come back at the end.
"""

from __future__ import annotations

import atexit
import binascii
import gc
import io
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import fields
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import numpy as np

import audit
from audit.detect.contain import find_across
from audit.detect.duplicates import passage, passage_state
from audit.detect.duplicates.seeds import CorpusWords, word_hashes
from audit.detect.saved import drop_shares, write_deferred
from audit.model import Article, Finding

NAME = "duplicate_passage"  # the registry's name for the detector, and of its shares
CHECK = "duplicate.passage"
SHARES_BLOCK = 2048  # articles' shares sent at once: about 7 MB of text
FINDING_FIELDS = tuple(f.name for f in fields(Finding))  # a finding sent as its values, in this order
REAL_FIND = passage.find_shared_passages  # only the real detector runs there (not a stand-in)


# glibc's malloc in passage's process (read by glibc when the process starts): what it frees
# stays in its heap for its next arrays, up to 1 GB, and the heap grows 256 MB ahead (address
# space: a page costs only when touched). Its process makes and drops arrays of tens to
# hundreds of MB; with glibc's defaults each came from fresh pages, each page a fault:
# 680-700 MB of faults and 0.8-1.0 s of system time in a 100,000-article rerun, against
# 380 MB and 0.25-0.8 s so (docs/measurements.md, nineteenth session).
PASSAGE_MALLOC = {"MALLOC_TRIM_THRESHOLD_": str(1 << 30), "MALLOC_TOP_PAD_": str(256 << 20)}


def _passage_env() -> dict[str, str]:
    """The run's environment, with numpy's huge pages off and glibc's malloc keeping what it
    frees (PASSAGE_MALLOC), unless the user set them.

    numpy asks the kernel for transparent huge pages on every large array it allocates
    (`madvise`, where the host's THP mode is "madvise", as here). Passage's process makes
    and drops arrays of hundreds of MB (live_candidates, the seed groups): with huge pages
    the kernel spent 1.0-1.1 s of its ~2 s zeroing and compacting them, 0.3 s without
    (xwall.md), and the cross-article stage of a 20,000 cold run was 0.3-0.4 s shorter.
    Only this process: the run's own arrays are smaller and short-lived, and the run's
    malloc has its settings from audit.heap."""
    return {**PASSAGE_MALLOC, **os.environ,
            "NUMPY_MADVISE_HUGEPAGE": os.environ.get("NUMPY_MADVISE_HUGEPAGE", "0")}


class Passage:
    """The process, started with a new interpreter (not multiprocessing's spawn, which
    would import the caller's main module again) and idle until `start` gives it a run's
    articles: one run, then it ends."""

    def __init__(self, conn: Connection, process: Any) -> None:
        self.conn = conn  # ours, to its `serve`
        self.process = process  # as subprocess.Popen: wait(timeout), kill(), returncode

    @classmethod
    def spawn(cls) -> Passage | None:
        """A new process, or None where this platform cannot start one so."""
        ours, theirs = socket.socketpair()
        root = str(Path(audit.__file__).resolve().parent.parent)  # the audit this run imported
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                f"from audit.detect.duplicates.passage_apart import serve; serve({theirs.fileno()})")
        try:
            process = subprocess.Popen([sys.executable, "-c", code], pass_fds=(theirs.fileno(),), env=_passage_env())
        except (OSError, ValueError):
            ours.close()
            return None
        finally:
            theirs.close()
        return cls(Connection(ours.detach()), process)

    def close(self) -> None:
        """An idle process ends: told so (SIGTERM), as well as by the end of its connection.
        The EOF alone may never come: a process forked since it was spawned (the next run's
        GX child) holds a copy of our end, and the next run waited 10 s in `_reap` for a
        process left idle by an aborted run (a helper's review, twentieth session). An idle
        process writes nothing, so ending it loses nothing."""
        self.conn.close()
        if self.process.poll() is None:
            self.process.terminate()
        self._reap()

    def _reap(self) -> None:
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def start(self, articles: Sequence[Article], params: Mapping[str, Any]) -> Running:
        """Run duplicate.passage over `articles` there (Running: wait for its result)."""
        sent = {k: v for k, v in params.items() if k != "_clusters_ready"}
        self.conn.send(("run", len(articles), sent))
        served = _Served(self.conn, articles, passage.PassageConfig.from_params(params))
        thread = threading.Thread(target=served.serve, name="duplicate.passage served", daemon=True)
        thread.start()
        return Running(self, served, thread, articles)


class Running:
    """A run's duplicate.passage in its process: `near_done()` once duplicate.near's
    columns are on the articles (the families are sent only then), then `wait()` for its
    findings, seconds and error, or `abort()`."""

    def __init__(self, process: Passage, served: _Served, thread: threading.Thread,
                 articles: Sequence[Article]) -> None:
        self.process, self.served, self.thread, self.articles = process, served, thread, articles

    def near_done(self) -> None:
        self.served.near_done.set()

    def wait(self) -> Result:
        """The result, as soon as it is sent: the process then writes its state (0.3 s at
        100,000 articles, on the critical path of a rerun before), and is waited for by
        `settle`, at the run's end."""
        self.thread.join()
        try:
            if self.served.result is not None and self.served.error is None:
                WRITING.append(self.process)
            else:
                self.process._reap()
            drop_shares(self.articles, NAME)  # those it did not ask for (a rerun's unchanged articles)
            if self.served.error is not None:
                raise self.served.error
            if self.served.result is None:
                raise RuntimeError(f"duplicate.passage's process ended without its result "
                                   f"(exit code {self.process.process.returncode})")
            return self.served.result
        finally:
            self.process.conn.close()

    def abort(self) -> None:
        """The run stops: the process is ended, and the thread serving it."""
        self.served.aborted = True
        self.served.near_done.set()
        self.process.process.kill()
        self.thread.join()
        self.process.conn.close()
        self.process._reap()


Result = tuple[list[Finding], float, str | None]  # findings, seconds, error

WRITING: list[Passage] = []  # processes that sent their result and are writing their state
STATE_WAIT = 600.0  # seconds a state's writing is waited for (then the process is ended)


def settle() -> None:
    """Wait for the processes still writing their state (a run's end; the next run's
    start, which reads it): never two runs' states written at once, nor a run that ends
    before its state is whole. One that takes longer than STATE_WAIT is ended: its
    half-written files are never read (their tokens; clean_stale)."""
    while WRITING:
        process = WRITING.pop()
        try:
            process.process.wait(timeout=STATE_WAIT)
        except subprocess.TimeoutExpired:
            process.process.kill()
            process.process.wait()


atexit.register(settle)  # callers that run the detectors without pipeline.run


def usable(job: Any) -> bool:
    """Whether a cross-article job can run in the spawned process: the real detector,
    over the run's articles alone (not against a saved index, whose words it would read
    whole)."""
    detector, _, params = job
    return detector.name == NAME and detector.find is REAL_FIND and params.get("_index") is None


class _Served:
    """The run's side: answers the process's requests until it sends its result."""

    def __init__(self, conn: Any, articles: Sequence[Article], cfg: passage.PassageConfig) -> None:
        self.conn, self.articles, self.cfg = conn, articles, cfg
        self.near_done = threading.Event()
        self.aborted = False
        self.result: Result | None = None
        self.error: BaseException | None = None

    def serve(self) -> None:
        try:
            while True:
                kind, *asked = self.conn.recv()
                if kind == "done":
                    plain, seconds, error = asked[0]
                    self.result = ([Finding(**dict(zip(FINDING_FIELDS, values))) for values in plain], seconds, error)
                    return
                getattr(self, f"_{kind}")(*asked)
        except EOFError:
            return  # the process ended without a result: wait() says so
        except BaseException as exc:  # wait() raises it in the run's thread
            self.error = exc

    def _shares(self, docs: Sequence[int]) -> None:
        """Each asked article's share (taken off it), in blocks: the shares' base64 text
        joined, their lengths, and the texts of the articles without one (None)."""
        for start in range(0, len(docs), SHARES_BLOCK):
            texts: dict[int, str] = {}
            parts = []
            for i, doc in enumerate(docs[start : start + SHARES_BLOCK]):
                prep = self.articles[doc].prepared.pop(NAME, None)
                if isinstance(prep, str):
                    parts.append(prep)
                else:
                    parts.append("")
                    texts[i] = self.articles[doc].text
            lengths = np.fromiter(map(len, parts), np.int64, len(parts))
            self.conn.send((lengths, texts))
            self.conn.send_bytes("".join(parts).encode("ascii"))

    def _ids(self) -> None:
        """Each article's id and content digest, as two lists: a list of 100,000 pairs took
        1.7 times the CPU to make and pickle, here, where the run's thread is making
        duplicate.near's clusters meanwhile (the two share the interpreter's lock)."""
        self.conn.send(([a.article_id for a in self.articles], [passage_state.content_of(a) for a in self.articles]))

    def _articles(self, docs: Sequence[int]) -> None:
        """What passage reads of an article it names or reads (Remote.prefetch): plain
        values, not the Article (whose pickling took 90 microseconds, 0.9 s a 10,000)."""
        self.conn.send([(a.article_id, a.source_uri, a.publisher, a.url, a.text)
                        for a in map(self.articles.__getitem__, docs)])

    def _families(self) -> None:
        self.near_done.wait()
        if self.aborted:
            return  # the run stopped: nothing to wait for
        self.conn.send(passage.family_codes(self.articles, self.cfg))


class Remote(passage.Corpus):
    """The process's side: the articles it is given, as Corpus reads them, asked for."""

    def __init__(self, conn: Any, n: int) -> None:
        super().__init__([])
        self.conn, self.n = conn, n
        self.fetched: dict[int, Article] = {}
        self.ids: tuple[list[str], list[str]] | None = None  # each article's id, and its content digest
        self.waited = 0.0  # seconds waiting for duplicate.near (not passage's own)

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, doc: int) -> Article:  # type: ignore[override]
        if doc not in self.fetched:
            self.prefetch([doc])
        return self.fetched[doc]

    def prefetch(self, docs: Iterable[int]) -> None:
        missing = sorted({int(doc) for doc in docs} - self.fetched.keys())
        if missing:
            self.conn.send(("articles", missing))
            for doc, (article_id, source_uri, publisher, url, text) in zip(missing, self.conn.recv()):
                self.fetched[doc] = Article(
                    article_id=article_id, source_uri=source_uri, source_sha256="", title=None, published=None,
                    published_from="none", publisher=publisher, url=url, language=None, language_prob=None,
                    text=text, content_sha256="")

    def _shares(self, docs: list[int]) -> Iterator[bytes]:
        """The word hashes of `docs` as bytes, in their order (passage.prepare's shares, decoded)."""
        self.conn.send(("shares", docs))
        for _ in range(0, len(docs), SHARES_BLOCK):
            lengths, texts = self.conn.recv()
            view = memoryview(self.conn.recv_bytes())
            at = 0
            for i, length in enumerate(lengths.tolist()):
                yield (word_hashes(texts[i]).tobytes() if i in texts
                       else binascii.a2b_base64(view[at : at + length]))
                at += length
            del view

    def words(self, docs: Iterable[int], known: Mapping[int, np.ndarray] | None = None) -> CorpusWords:
        """As passage._corpus_words, the shares asked for."""
        docs = list(docs)
        asked = iter(self._shares([doc for doc in docs if known is None or doc not in known]))
        buffer = io.BytesIO()
        lengths = []
        for doc in docs:
            part = known[doc].tobytes() if known is not None and doc in known else next(asked)
            lengths.append(len(part) // 8)
            buffer.write(part)
        offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(lengths, np.int64, len(lengths)), out=offsets[1:])
        return CorpusWords(np.frombuffer(buffer.getbuffer(), dtype=np.uint64), offsets)

    def word_hashes(self, docs: Iterable[int]) -> dict[int, np.ndarray]:
        docs = list(docs)
        return {doc: np.frombuffer(part, dtype=np.uint64) for doc, part in zip(docs, self._shares(docs))}

    def _ids(self) -> tuple[list[str], list[str]]:
        if self.ids is None:
            self.conn.send(("ids",))
            self.ids = self.conn.recv()
        return self.ids

    def identities(self) -> list[bytes]:
        return [passage_state.identity(i, content) for i, content in zip(*self._ids())]

    def names(self, docs: Sequence[int] | None = None) -> np.ndarray:
        ids = self._ids()[0]
        return passage_state.names_of(ids if docs is None else [ids[doc] for doc in docs])

    def families(self, cfg: passage.PassageConfig) -> Sequence[Any]:
        clock = time.perf_counter()
        self.conn.send(("families",))
        codes = self.conn.recv()
        self.waited += time.perf_counter() - clock
        return codes


def serve(fd: int) -> None:
    """The process: one run's duplicate.passage, then its result sent, and out."""
    conn = Connection(fd)
    gc.freeze()  # the imports' objects: never walked again by the collector (the forked child's were not)
    try:
        _, n, params = conn.recv()
    except EOFError:
        return  # the run did not need it
    clock = time.perf_counter()
    remote = Remote(conn, n)
    # this process has no threads and holds only its arrays: live_candidates' groups and the
    # pairs' verification go half to a fork of it (beside.in_two), on the core the run
    # leaves idle once its other detectors end (docs/measurements/xwall.md)
    later: list[Callable[[], None]] = []  # the state's writing: after the findings are sent
    found, error = find_across(passage.find_shared_passages, remote, {**params, "_halves": 2, "_later": later})
    plain = [tuple(getattr(f, name) for name in FINDING_FIELDS) for f in found]  # pickled as tuples: a
    # slotted dataclass pickles through dataclasses' __getstate__, in Python (0.2 s for 5,700 under load)
    conn.send(("done", (plain, time.perf_counter() - clock - remote.waited, error)))
    conn.close()
    write_deferred(later)  # the run goes on meanwhile; it waits for this process at its end (settle)
