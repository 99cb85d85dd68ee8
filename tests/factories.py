"""One way for tests to make an Article from text (detector tests need no ingest)."""

from __future__ import annotations

from datetime import date
from typing import Any

from audit.model import Article

# A paragraph of real-shaped English news text, shared by the whole-run tests.
TEXT = (
    "Putin countered by offering direct talks in Istanbul with a Ukrainian delegation. "
    "Zelensky vowed to attend personally and called on Putin to do likewise, though he "
    "declined. Putin had not offered a face-to-face meeting with Zelensky, officials said."
)


def make_article(
    text: str,
    *,
    article_id: str = "a1",
    published: date | None = None,
    language: str | None = "en",
    publisher: str | None = None,
    content_sha256: str = "",
    url: str | None = None,
) -> Article:
    return Article(
        article_id=article_id, source_uri=f"{article_id}.txt", source_sha256="", title=None,
        published=published, published_from="metadata" if published else "none",
        publisher=publisher, url=url, language=language, language_prob=None, text=text,
        content_sha256=content_sha256,
    )


def read_article(text: str, record_id: str = "a", **fields: Any) -> Article:
    """The article a run makes of a record (audit.normalise.to_article: a title, a language, a
    publisher given as the record's `fields`), for detectors that read what ingest sets."""
    from audit.model import RawRecord
    from audit.normalise import to_article

    return to_article(RawRecord(source_uri=f"mem/{record_id}.txt", source_sha256="", record_id=record_id,
                                text=text, fields=fields), record_id)


class _ServingThread:
    """passage_apart's process as a thread (subprocess.Popen's wait, kill, returncode)."""

    def __init__(self, fd: int) -> None:
        import threading

        from audit.detect.duplicates import passage_apart

        self.returncode: int | None = None
        self.thread = threading.Thread(target=passage_apart.serve, args=(fd,), daemon=True)
        self.thread.start()

    def wait(self, timeout: float | None = None) -> int:
        self.thread.join(timeout)
        self.returncode = 0
        return 0

    def kill(self) -> None:
        pass


def passage_in_thread() -> Any:
    """duplicate.passage's own process (passage_apart.Passage) as a thread of this one:
    the same requests and answers, where a test's monkeypatches and spies are."""
    import socket
    from multiprocessing.connection import Connection

    from audit.detect.duplicates import passage_apart

    ours, theirs = socket.socketpair()
    return passage_apart.Passage(Connection(ours.detach()), _ServingThread(theirs.detach()))
