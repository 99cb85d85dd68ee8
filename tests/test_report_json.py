"""The report's data files encoded by orjson when its bytes are json.dumps' (audit.report.data):
the same bytes as json.dumps(ensure_ascii=False, separators=(",", ":"), default=str) in UTF-8
for every value, whichever encoder wrote them, and orjson really used for a report's payloads."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import gzip
import json
import math
import random
import uuid
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
import realtext

from audit.report import chunks
from audit.report import data as rd


def _json(value: Any) -> bytes:
    """What the data files held before orjson (json.dumps, then UTF-8)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def _same(value: Any) -> None:
    assert rd.encode_body(value) == _json(value), value


def test_every_code_point_but_the_surrogates_is_written_as_json_writes_it() -> None:
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(chars)
    assert rd.orjson_plain(text)
    _same(text)
    _same(chars[:0x3000])  # one string a character: controls, quotes, backslash, U+2028, BOM
    _same({c: c for c in chars[:0x800]})


def test_lone_surrogates_fail_as_they_did() -> None:
    """json.dumps keeps a lone surrogate and its UTF-8 encoding raises; orjson refuses it
    (TypeError), so json writes it and the same error comes out."""
    for text in ("\ud800", "a\udfffb", ["ok", {"k": "x\udc80"}]):
        with pytest.raises(UnicodeEncodeError):
            _json(text)
        with pytest.raises(UnicodeEncodeError):
            rd.encode_body(text)


def test_floats_are_written_as_json_writes_them() -> None:
    rng = random.Random(13)
    floats = [0.0, -0.0, 1.0, 0.1, 1 / 3, 1e-4, 9.99e-5, 1e-5, 1e-7, 1e15, 9.999e15, 1e16, 1e17, 1.5e300,
              5e-324, -2.5e-8, 2.0 ** 53, 123456789.123, math.pi * 1e20, math.nan, math.inf, -math.inf]
    floats += [rng.random() * 10 ** rng.randint(-12, 20) * rng.choice((1, -1)) for _ in range(20_000)]
    for x in floats:
        _same(x)
        _same({"p": [x, "text"]})
    _same(floats)
    assert not rd.orjson_plain([0.5, 1e-5]) and not rd.orjson_plain({"x": math.nan})
    assert rd.orjson_plain([0.5, 1e-4, 0.0, -3.25, 1e15])


class _Kind(enum.Enum):
    A = 1


class _Word(str, enum.Enum):  # noqa: UP042 - the str mixin is what is tested
    A = "word"


class _Number(enum.IntEnum):
    A = 3


class _Text(str):
    pass


@dataclasses.dataclass
class _Point:
    x: int = 1


def test_values_json_gives_to_default_or_orjson_writes_its_own_way() -> None:
    numpy = pytest.importorskip("numpy")
    odd = [_Kind.A, _Word.A, _Number.A, _Text("t"), datetime.date(2024, 2, 29),
           datetime.datetime(2024, 2, 29, 12, 0), uuid.UUID(int=7), _Point(), numpy.float64(0.5),
           numpy.int64(3), numpy.bool_(True), (1, "a"), {1, 2}, b"bytes", 1 + 2j,
           2 ** 64, -(2 ** 63) - 1, 2 ** 63, {1: "int key"}, {None: 1, True: 2, 1.5: 3},
           OrderedDict(b=1, a=2), {"nested": [[[]]], "empty": {}}, [], {}, "", None, True, False]
    for value in odd:
        _same(value)
        _same([value, {"in": value}])
    assert not rd.orjson_plain(_Kind.A) and not rd.orjson_plain([datetime.date(2024, 1, 1)])


def test_depth_and_cycles() -> None:
    deep: Any = "bottom"
    for _ in range(300):  # deeper than orjson goes: json writes it
        deep = [deep]
    assert not rd.orjson_plain(deep)
    _same(deep)
    shallow: Any = 1
    for _ in range(200):
        shallow = {"k": [shallow]}
    assert rd.orjson_plain(shallow) is False  # 400 levels of containers
    shared = {"x": [1.5, "s"]}
    near = [shared, {"again": shared}]  # one container twice, near the top: orjson writes it
    assert rd.orjson_plain(near)
    _same(near)
    far: Any = shared
    for _ in range(10):
        far = [far]
    assert not rd.orjson_plain([far, far])  # met twice far down: json writes it
    _same([far, far])
    loop: list[Any] = []
    loop.append(loop)
    wide: list[Any] = [1]
    wide.extend([wide, wide])
    for cycle in (loop, wide):
        assert rd.orjson_plain(cycle) is False  # answers, does not hang
        with pytest.raises(ValueError, match="Circular"):
            rd.encode_body(cycle)


def test_unpacked_files_escape_line_separators_as_before(tmp_path: Path) -> None:
    payload = {"t": "a\u2028b\u2029c", "n": "é\n"}
    rd.write_data_file(tmp_path, "meta", payload)
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    assert (tmp_path / "meta.js").read_bytes() == f"AUDIT_LOAD({json.dumps('meta')},{body});\n".encode()
    assert rd.read_data_file(tmp_path / "meta.js") == payload


@realtext.needs_gold
def test_real_articles_are_written_by_orjson_with_json_bytes() -> None:
    records = [json.loads(line) for line in realtext.records(2000)]
    assert sum(any(ord(c) > 127 for c in r["text"]) for r in records) > 100  # real non-ASCII text
    views = {str(i): {**r, "len": len(r["text"]), "pieces": [[0, r["text"]], [5, r["text"][5:90]]],
                      "language_prob": 0.9999957, "f": [["check", "warning", 3, 9, "m", "ex", None,
                                                         {"score": 0.25, "spans": [[1, 2]]}]]}
             for i, r in enumerate(records)}
    assert rd.orjson_plain(views)  # the fast path is taken
    _same(views)


def _packed_body(path: Path) -> bytes:
    text = path.read_text(encoding="utf-8")
    blob = text[text.index(',"') + 2:text.rindex('",1);')]
    return gzip.decompress(base64.b64decode(blob))


def _views(n: int, odd: dict[int, Any]) -> list[dict[str, Any]]:
    """View-like records of real-looking text; `odd`: record number -> a finding's data."""
    words = ["Le", "café", "d'été", "—", "naïve", "façade,", "東京", "«quoted»", '"x"', "\\", "\t\n\x01", "end"]
    return [{"article_id": f"a{i}", "title": " ".join(words[i % 7:]), "language_prob": 0.5 + i / (4 * n),
             "pieces": [[0, " ".join(words * (i % 5 + 1))]],
             "f": [["check", "warning", 1, 4, "m", "ex", None, odd.get(i, {"share": 0.25})]]}
            for i in range(n)]


@pytest.mark.parametrize("odd", [{}, {7: {"share": 3e-05}}, {3: {"when": datetime.datetime(2024, 1, 2, 3, 4)}}])
def test_view_files_are_their_records_encoded_whole(tmp_path: Path, odd: dict[int, Any]) -> None:
    """write_data joins each view file from records encoded one by one in the rows' order:
    the same bytes as each file's {id: record} dict given to json.dumps, also when one
    record is not orjson's to write (a tiny float, a date) and when an id comes twice."""
    views = _views(3000, odd)
    views.append({**views[5], "title": "the same id again"})  # a dict keeps the last, at the first's place
    used = 4 * rd.VIEW_CHUNK_CHARS  # four files
    chunks.write_data(tmp_path, [], {}, [], (views, used, {"whole": 0, "evidence": 3000, "none": 0}))
    old: list[dict[str, Any]] = [{} for _ in range(4)]
    for record in views:
        old[rd.bucket(record["article_id"], 4)][record["article_id"]] = record
    for k in range(4):
        assert _packed_body(tmp_path / f"view-{k}.js") == _json(old[k])
    assert sum(len(f) for f in old) == 3000 and rd.orjson_plain(views) == (not odd)


def test_members_are_the_objects_members() -> None:
    for keys, values in ((["a", "b"], [1, {"x": [0.5]}]), (["é", "\u2028"], [1e-5, math.nan]),
                         ([1, None, 2.5], ["int key", "None key", "float key"]), ([], [])):
        members = rd.encode_members(values, keys)
        assert b"{" + b",".join(members) + b"}" == _json(dict(zip(keys, values)))
