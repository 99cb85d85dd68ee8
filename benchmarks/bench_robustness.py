"""Every bad input of issue 11 through the gate: what the tool did, records in and out.

Each case writes its input into a temporary folder and runs the real gate (news suite)
on it; the table says how many records went in, how many rows the article table has,
how many were accepted and quarantined, and which ingest/duplicate checks fired. The
first case (a 50 MB article) also prints its time, the process's peak memory and the
size of its report.

Run: python benchmarks/bench_robustness.py [--big-mb 50]
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from audit.errors import UsageError
from audit.gating import gate
from audit.suite import load_suite

TEXT = ("Ukrainian President Volodymyr Zelensky arrived in Turkey on Thursday in a pessimistic "
        "mood, considering the Russian delegation included no high-profile negotiator. ")
SHOWN = ("ingest.", "duplicate.repeated", "hygiene.encoding")


def jsonl(folder: Path, rows: list[object]) -> Path:
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def big_article(folder: Path, megabytes: int) -> tuple[Path, int]:
    sentence = "The ceasefire talks in Istanbul ended on Thursday without an agreement. "
    text = sentence * (megabytes * 1_000_000 // len(sentence))
    return jsonl(folder, [{"id": "big", "text": text}]), 1


def corrupt_parquet(folder: Path) -> tuple[Path, int]:
    path = folder / "in.parquet"
    rows = [{"id": f"r{i}", "text": f"{TEXT}Number {i}."} for i in range(60)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=10)
    column = pq.ParquetFile(path).metadata.row_group(2).column(1)
    start = column.dictionary_page_offset or column.data_page_offset
    data = bytearray(path.read_bytes())
    data[start + 5 : start + column.total_compressed_size - 2] = b"\xab" * (column.total_compressed_size - 7)
    path.write_bytes(bytes(data))
    return path, 60


def non_string_text(folder: Path) -> tuple[Path, int]:
    return jsonl(folder, [{"id": "int", "text": 12345}, {"id": "list", "text": ["a", "b"]},
                          {"id": "dict", "text": {"a": 1}}, {"id": "bool", "text": True}]), 4


def latin1_txt(folder: Path) -> tuple[Path, int]:
    path = folder / "latin1.txt"
    path.write_bytes(("At the café in Zürich, the envoys' résumés were read aloud. " + TEXT)
                     .encode("latin-1"))
    return path, 1


def utf16_txt(folder: Path) -> tuple[Path, int]:
    path = folder / "utf16.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    return path, 1


def undecidable_txt(folder: Path) -> tuple[Path, int]:
    path = folder / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    return path, 1


def duplicate_ids(folder: Path) -> tuple[Path, int]:
    return jsonl(folder, [{"id": i, "text": f"{TEXT}Copy {n}."}
                          for n, i in enumerate(["same", "same", "same~2"])]), 3


def nul_in_text(folder: Path) -> tuple[Path, int]:
    return jsonl(folder, [{"id": "nul", "text": TEXT + "\u0000 Talks went on."}]), 1


def broken_csv(folder: Path) -> tuple[Path, int]:
    path = folder / "in.csv"
    path.write_text(f'id,text\nok,"{TEXT}"\nnul,"{TEXT}\x00"\nextra,"{TEXT}",surplus\n',
                    encoding="utf-8")
    return path, 3


def hostile_json_lines(folder: Path) -> tuple[Path, int]:
    path = folder / "in.jsonl"
    path.write_bytes(b'{"id": "cut", "text": "half a rec\n' + b"[" * 100_000 + b"\n"
                     + b'{"id": "bin", "text": "a\x00b"}\n' + b"\n\n"
                     + json.dumps({"id": "fine", "text": TEXT}).encode() + b"\n")
    return path, 4


def empty_and_binary_files(folder: Path) -> tuple[Path, int]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "png.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "empty.jsonl").write_text("\n")
    return folder, 3


CASES: dict[str, Callable[[Path], tuple[Path, int]]] = {
    "parquet, row group 2 of 6 corrupt": corrupt_parquet,
    "JSONL text 12345, list, dict, true": non_string_text,
    "latin-1 .txt": latin1_txt,
    "UTF-16 .txt with BOM": utf16_txt,
    "undecidable bytes .txt": undecidable_txt,
    "ids same, same, same~2": duplicate_ids,
    "NUL inside JSONL text": nul_in_text,
    "CSV: NUL in one record, an extra cell in another": broken_csv,
    "JSONL: cut line, 100,000 nested [, NUL byte, blank lines": hostile_json_lines,
    "empty .txt, PNG as .txt, blank .jsonl": empty_and_binary_files,
}


def run_case(name: str, make: Callable[[Path], tuple[Path, int]], suite) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """The table row of one case, and the size of its report in bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        path, records_in = make(folder)
        result = gate([path], accepted=Path(tmp) / "ok.jsonl", quarantine=Path(tmp) / "bad.jsonl",
                      suite=suite, on_problem=None, out=Path(tmp) / "run")
        checks = Counter(f.check for f in result.run.findings if f.check.startswith(SHOWN))
        table = result.run.articles
        notes = ", ".join(f"{c} x{n}" for c, n in sorted(checks.items())) or "none"
        ids = ", ".join(a.article_id for a in table) if len(table) <= 4 else f"{len(table)} ids"
        codecs = sorted({str(a.extra.get("source_encoding")) for a in table})
        raw = sum(1 for a in table if a.raw and a.raw.startswith("base64:"))
        row = (f"| {name} | {records_in} | {len(table)} | {len(result.accepted)} | "
               f"{len(result.quarantined)} | {notes}; ids {ids}; codec {'/'.join(codecs)}"
               f"{f'; {raw} kept as base64 bytes' if raw else ''} |")
        return row, (Path(tmp) / "run" / "index.html").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big-mb", type=int, default=50)
    args = parser.parse_args()
    suite = load_suite("news")
    print("| bad input | records in | rows out | accepted | quarantined | what the tool did |")
    print("|---|---|---|---|---|---|")
    clock = time.perf_counter()
    row, report = run_case(f"one sentence repeated to {args.big_mb} MB",
                           lambda f: big_article(f, args.big_mb), suite)
    big = (f"{args.big_mb} MB article: {time.perf_counter() - clock:.1f} s wall, "
           f"{time.process_time():.1f} s CPU, peak RSS "
           f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, index.html "
           f"{report / 1e6:.2f} MB")
    print(row)
    for name, make in CASES.items():
        print(run_case(name, make, suite)[0])
    with tempfile.TemporaryDirectory() as tmp:
        limited = json.loads(Path(suite.path).read_text())
        limited["meta"]["corpus_audit"]["limits"] = {"max_records": 3}
        (Path(tmp) / "s.json").write_text(json.dumps(limited))
        path = jsonl(Path(tmp), [{"text": TEXT}] * 4)
        try:
            gate([path], accepted=Path(tmp) / "a.jsonl", quarantine=Path(tmp) / "q.jsonl",
                 suite=str(Path(tmp) / "s.json"), on_problem=None)
        except UsageError as exc:
            print(f"| 4 records, suite limit max_records 3 | 4 | 0 | 0 | 0 | exit 2: {exc} |")
    print()
    print(big)
    print()
    repeat_scaling()


def repeat_scaling() -> None:
    """duplicate.repeated's CPU time on loops and on many short repeats, doubling sizes:
    linear work doubles with the size (the old pair scan grew 4x on the second kind)."""
    import random

    from audit.detect.duplicates.repeated import find_repeated_sentences
    from audit.model import Article

    def seconds(text: str) -> tuple[float, int]:
        article = Article(article_id="a", source_uri="a", source_sha256="", title=None,
                          published=None, published_from="none", publisher=None, url=None,
                          language="en", language_prob=None, text=text, content_sha256="")
        clock = time.process_time()
        found = list(find_repeated_sentences([article], {}))
        return time.process_time() - clock, len(found)

    sentence = "The ceasefire talks in Istanbul ended on Thursday without an agreement. "
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(5000)]
    print("| text | characters | CPU s | findings |")
    print("|---|---|---|---|")
    for copies in (1000, 2000, 4000, 8000):
        text = sentence * copies
        cpu, found = seconds(text)
        print(f"| one sentence x{copies} | {len(text):,} | {cpu:.2f} | {found} |")
    for count in (500, 1000, 2000, 4000):
        phrases = [" ".join(rng.choice(vocab) for _ in range(8)) + "." for _ in range(count)]
        text = " ".join(phrases + phrases[::-1])  # each 8-word phrase twice, far apart
        cpu, found = seconds(text)
        print(f"| {count} 8-word phrases, each twice | {len(text):,} | {cpu:.2f} | {found} |")


if __name__ == "__main__":
    main()
