"""duplicate.passage's process runs with numpy's huge pages off, and glibc's malloc keeping
what it frees, unless the user chose."""

import time
from pathlib import Path

from audit.detect.duplicates import passage_apart


def _unset(monkeypatch):
    for name in ("NUMPY_MADVISE_HUGEPAGE", *passage_apart.PASSAGE_MALLOC):
        monkeypatch.delenv(name, raising=False)


def test_huge_pages_off_by_default(monkeypatch):
    _unset(monkeypatch)
    monkeypatch.setenv("CORPUS_AUDIT_PROBE", "kept")
    env = passage_apart._passage_env()
    assert env["NUMPY_MADVISE_HUGEPAGE"] == "0"
    assert env["MALLOC_TRIM_THRESHOLD_"] == str(1 << 30) and env["MALLOC_TOP_PAD_"] == str(256 << 20)
    assert env["CORPUS_AUDIT_PROBE"] == "kept"  # the rest of the run's environment goes along


def test_the_users_setting_wins(monkeypatch):
    monkeypatch.setenv("NUMPY_MADVISE_HUGEPAGE", "1")
    monkeypatch.setenv("MALLOC_TOP_PAD_", "0")
    env = passage_apart._passage_env()
    assert env["NUMPY_MADVISE_HUGEPAGE"] == "1" and env["MALLOC_TOP_PAD_"] == "0"


def test_the_spawned_process_sees_it(monkeypatch):
    _unset(monkeypatch)
    process = passage_apart.Passage.spawn()
    assert process is not None
    try:
        pid = process.process.pid
        # /proc/PID/environ is the parent's until the child has exec'd its command line
        deadline = time.monotonic() + 30
        while b"passage_apart" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            assert time.monotonic() < deadline, "the spawned process never exec'd"
            time.sleep(0.01)
        seen = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert b"NUMPY_MADVISE_HUGEPAGE=0" in seen
        assert b"MALLOC_TRIM_THRESHOLD_=%d" % (1 << 30) in seen
    finally:
        process.close()
