"""duplicate.passage's process runs with numpy's huge pages off unless the user chose."""

import time
from pathlib import Path

from audit.detect.duplicates import passage_apart


def test_huge_pages_off_by_default(monkeypatch):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    monkeypatch.setenv("CORPUS_AUDIT_PROBE", "kept")
    env = passage_apart._passage_env()
    assert env["NUMPY_MADVISE_HUGEPAGE"] == "0"
    assert env["CORPUS_AUDIT_PROBE"] == "kept"  # the rest of the run's environment goes along


def test_the_users_setting_wins(monkeypatch):
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    assert passage_apart._passage_env()["NUMPY_MADVISE_HUGEPAGE"] == "1"


def test_the_spawned_process_sees_it(monkeypatch):
    monkeypatch.delenv("NUMPY_MADVISE_HUGEPAGE", raising=False)
    process = passage_apart.Passage.spawn()
    assert process is not None
    try:
        pid = process.process.pid
        # /proc/PID/environ is the parent's until the child has exec'd its command line
        deadline = time.monotonic() + 30
        while b"passage_apart" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            assert time.monotonic() < deadline, "the spawned process never exec'd"
            time.sleep(0.01)
        assert b"NUMPY_MADVISE_HUGEPAGE=0" in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    finally:
        process.close()
