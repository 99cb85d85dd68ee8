"""The article list and the article views as data files (see audit.report.data).

Every article has a list row. Its view (provenance, numbered findings with their
reasons, the text around each span, or the whole text) is planned against a size
budget, worst articles first: at 100,000 articles the texts alone would be about 300 MB.
Views go to files by a hash of the article id, so an article view loads one file, not
the list; list and view files are packed (gzip + base64).
"""

from __future__ import annotations

import math
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from audit.model import Finding, split_uri
from audit.report import data as rd

PACKERS = 2  # threads that gzip and write the packed data files
Listed = tuple[dict[str, rd.Dictionary], list[tuple[int, int, dict[str, list[Any]]]]]


def list_columns(rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
                 columns: dict[str, list[Any]] | None = None) -> Listed:
    """The dictionaries and each list file's (first row, end, columns), the status column
    ("st") left None: all of it but the status, so the run makes it while GX validates
    (audit.report.prepare); write_data fills the status in from the rows. Codes are given
    in row order, chunk by chunk, as write_data gave them. `columns`: the rows' values
    column by column (audit.report._row_columns: the rows are made of them), read a
    slice at a time instead of a `row.get` a row and field (0.2 s at 100,000 articles)."""
    dicts = {name: rd.Dictionary() for name in ("check", "publisher", "language", "month", "file")}
    for check in sorted({f.check for own in by_article.values() for f in own}):
        dicts["check"].code(check)
    cuts = [0, *range(rd.LIST_FIRST_ROWS, len(rows), rd.LIST_CHUNK_ROWS), len(rows)]
    if columns is None or not all(len(v) == len(rows) for v in columns.values()):
        columns = {name: [row.get(name) for row in rows] for name in LIST_FIELDS}
    return dicts, [(first, end, _list_columns_of(columns, first, end, by_article, dicts))
                   for first, end in zip(cuts, cuts[1:])]


LIST_FIELDS = ("article_id", "title", "text", "publisher", "language", "published", "source_uri")


def _list_columns_of(columns: dict[str, list[Any]], first: int, end: int,
                     by_article: dict[str, list[Finding]], dicts: dict[str, rd.Dictionary]) -> dict[str, list[Any]]:
    """Columns of list rows first..end: strings coded through `dicts` (in row order within
    each dictionary, column by column), severities as bit masks; the status column None
    (the rows' status may not be known yet: with_list_status fills it). Values are None or
    plain (audit.report._rows), hence `or ""`; a field the rows lack is None in each."""
    nothing = [None] * (end - first)
    ids, titles, texts, publishers, languages, published, uris = (
        columns[name][first:end] if name in columns else nothing for name in LIST_FIELDS)
    check = dicts["check"].code
    owns = [by_article.get(i, ()) for i in ids]
    dates = [str(p or "") for p in published]
    bits = rd.SEVERITY_BIT
    return {
        "id": [str(i) for i in ids],
        "ti": [str(t or "")[:200] for t in titles],
        "ex": [excerpt(str(t or "")) for t in texts],
        "st": None,
        "wv": [_worst(own) if own else 3 for own in owns],
        "sm": [_mask(own, bits) for own in owns],
        "nf": [len(own) for own in owns],
        "ck": [sorted({check(f.check) for f in own}) if own else [] for own in owns],
        "pb": dicts["publisher"].codes(publishers),
        "lg": dicts["language"].codes(languages),
        "mo": dicts["month"].codes([d[:7] for d in dates]),
        "sf": dicts["file"].codes([split_uri(str(u or ""))[0] for u in uris]),
        "dt": dates,
    }


def with_list_status(listed: Listed, rows: list[dict[str, Any]]) -> Listed:
    """The list files' status column from the rows' status (in place: the key keeps its place)."""
    for first, end, columns in listed[1]:
        columns["st"] = _status_column(rows[first:end])
    return listed


def write_data(folder: Path, rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
               clusters: list[dict[str, Any]],
               planned: tuple[list[dict[str, Any]], int, dict[str, int]] | None = None,
               listed: Listed | None = None, rows_plain: bool = False) -> dict[str, int]:
    """data/meta.js, list-N.js (every article), view-N.js (planned views), clusters.js.
    `planned`: plan_views(rows, by_article), `listed`: list_columns(rows, by_article), when
    made earlier (their status is the rows' now). `rows_plain`: every value of the rows is
    orjson_plain (audit.report.prepare looked at them column by column)."""
    dicts, chunks = with_list_status(listed or list_columns(rows, by_article), rows)
    listed = None  # its columns are dropped below as they are encoded
    sizes = {"list": 0, "view": 0, "clusters": 0}
    list_chunks = []
    packing: list[tuple[str, Future[int]]] = []
    # Packed files are gzipped and written by threads while this one encodes the next
    # (zlib releases the GIL): at 20,000 articles the report's two halves overlap. Two
    # threads: gzip takes as long as the JSON encoding, and with one thread the last files
    # waited for it while a core was free (docs/measurements/tail.md).
    with ThreadPoolExecutor(max_workers=PACKERS) as writer:

        def pack(kind: str, name: str, body: bytes) -> None:
            packing.append((kind, writer.submit(rd.write_body, folder, name, body, packed=True)))
            _settle(packing, sizes, keep=PACKERS + 1)

        for n in range(len(chunks)):
            name = f"list-{len(list_chunks)}"
            columns, chunks[n] = chunks[n][2], (0, 0, {})  # once encoded, not needed
            # plain by construction (_list_columns_of: exact str, int and lists of int): no look
            pack("list", name, rd.encode_body(columns, plain=True))
            del columns
            list_chunks.append(name)

        views, used, shown = planned or plan_views(rows, by_article)
        planned = None  # views are dropped below as they are encoded
        buckets = max(1, math.ceil(used / rd.VIEW_CHUNK_CHARS))
        # each file's records as {article id: place in views}: the last record of an id at
        # the first one's place, as a dict of the records themselves kept them
        files: list[dict[str, int]] = [{} for _ in range(buckets)]
        for n, record in enumerate(views):
            files[rd.bucket(record["article_id"], buckets)][record["article_id"]] = n
        # Each record encoded as a member ("id":{...}) in the rows' order, then each file
        # joined from its members: the same bytes as the file's dict encoded whole, but
        # encoding file by file (records in CRC order, all over memory) cost 2.5 times as
        # much (0.5 s against 0.2 s at 100,000 articles)
        members = rd.encode_members(views, [record["article_id"] for record in views],
                                    plain=views_plain(views) if rows_plain else None)
        del views
        for k in range(buckets):
            places, files[k] = files[k], {}
            pack("view", f"view-{k}", b"{" + b",".join([members[n] for n in places.values()]) + b"}")
        del members
    _settle(packing, sizes, keep=0)

    sizes["clusters"] = rd.write_data_file(folder, "clusters", _bounded_clusters(clusters))
    meta = {"articles": len(rows), "list": list_chunks, "view_files": buckets, "page": 50,
            "views": shown, **{f"{k}s": d.values for k, d in dicts.items()},
            "clusters": [c["id"] for c in clusters]}
    sizes["meta"] = rd.write_data_file(folder, "meta", meta)
    return sizes


def views_plain(views: list[dict[str, Any]]) -> bool | None:
    """Whether view records whose rows are plain (audit.report.prepare: their values all
    orjson_plain, their texts exact str or None) are so too: their other fields are made
    here of known types (len and clean_len ints, whole a bool, pieces a list of [int,
    slice of the text], clean a slice of the clean text or None, f a list of lists), so
    only what f holds is looked at, and only where there is something (most records have
    no finding). True, or None (not known: the records are looked at whole). A look at
    the pieces too took 0.3 s of the GIL at 100,000 articles (their texts: 40 MB)."""
    own = [record["f"] for record in views if record["f"]]
    return True if rd.orjson_plain(own) else None


def _settle(packing: list[tuple[str, Future[int]]], sizes: dict[str, int], keep: int = 2) -> None:
    """Wait for the oldest files being packed until `keep` are left: the encoded bodies
    waiting for the packing threads are bounded, not the whole report at once."""
    while len(packing) > keep:
        kind, future = packing.pop(0)
        sizes[kind] += future.result()


def plan_views(rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
               budget: int | None = None) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """The views that fit the budget, worst articles first; characters used; counts by
    level (plan_view_places without the records' rows)."""
    return plan_view_places(rows, by_article, budget)[1:]


def plan_view_places(rows: list[dict[str, Any]], by_article: dict[str, list[Finding]],
                     budget: int | None = None) -> tuple[list[int], list[dict[str, Any]], int, dict[str, int]]:
    """Each view record's row (its place in `rows`), the views that fit the budget, worst
    articles first; characters used; counts by level.

    First pass, within EVIDENCE_SHARE of the budget: each article's provenance, findings
    and span windows; second pass: the whole text (up to PIECE_CHARS, and its clean text)
    in the same order while room lasts.
    An article past the budget has no view record: the page says where its data is.
    """
    total = rd.VIEW_BUDGET_CHARS if budget is None else budget
    left = int(total * rd.EVIDENCE_SHARE)  # the rest, and what evidence leaves, for whole texts
    owns = [by_article.get(row["article_id"], NOTHING) for row in rows]
    # worst first: (worst severity, -findings, position); an article without findings is
    # (3, 0, position), after every article with one: those keep their order, unsorted
    order = sorted((i for i, own in enumerate(owns) if own),
                   key=lambda i: (_worst(owns[i]), -len(owns[i]), i))
    found = len(order)  # articles with a finding, then those without
    order += [i for i, own in enumerate(owns) if not own]
    views: dict[int, dict[str, Any]] = {}
    weights: dict[int, tuple[int, int]] = {}  # a view's weight and its texts' (_weight)
    for i in order[:found]:
        record = _view_record(rows[i], owns[i], whole=False)
        texts = _texts_weight(record)
        weight = _weight(record, texts)
        if weight <= left:
            views[i], weights[i], left = record, (weight, texts), left - weight
    # 85% of articles: no span, no finding (_view_record's answer, made directly). Each
    # weighs BARE_WEIGHT, so those that fit are the first left // BARE_WEIGHT of them (once
    # one does not fit, none after it does): made in C loops (map), not a Python loop
    fit = order[found:][:left // BARE_WEIGHT]
    views.update(zip(fit, map(_bare_record, map(rows.__getitem__, fit))))
    weights.update(dict.fromkeys(fit, (BARE_WEIGHT, 0)))
    left -= BARE_WEIGHT * len(fit)
    left += total - int(total * rd.EVIDENCE_SHARE)
    for i in order:
        if i not in views or not rows[i].get("text"):
            continue
        weight, texts = weights[i]
        if _whole_cost(rows[i]) - weight > left:  # (an estimate: no record made)
            continue
        whole = _whole_fields(rows[i], owns[i])
        extra = _texts_weight(whole) - texts  # provenance and findings weigh the same
        if extra <= left:
            views[i].update(whole)  # the same keys, in the same order, as _view_record(whole=True)
            left -= extra
    whole = sum(1 for v in views.values() if v["whole"])
    used = total - left
    shown = {"whole": whole, "evidence": len(views) - whole, "none": len(rows) - len(views)}
    places = sorted(views)
    return places, [views[i] for i in places], used, shown


NOTHING: list[Finding] = []  # an article's findings when it has none (never appended to)
BARE_WEIGHT = 400  # _weight of a view without pieces and findings: every view's base weight


def _bare_record(row: dict[str, Any]) -> dict[str, Any]:
    """`_view_record(row, [], whole=False)`: the same keys, order and values."""
    record = _without_texts(row)
    record["len"] = len(row.get("text") or "")
    record["whole"], record["pieces"], record["clean"] = False, [], None
    record["clean_len"] = len(row.get("clean_text") or "")
    record["f"] = []
    return record


def _worst(own: list[Finding]) -> int:
    return min((rd.SEVERITY_RANK.get(f.severity, 3) for f in own), default=3)


def _status_column(rows: list[dict[str, Any]]) -> list[int]:
    return [1 if row.get("status") == "fail" else 0 for row in rows]


def excerpt(text: str) -> str:
    """The list's excerpt: `" ".join(text[:2 * EXCERPT_CHARS].split())[:EXCERPT_CHARS]`,
    whitespace runs made one space. Its first EXCERPT_CHARS characters as they are when
    they are printable (every whitespace but the ASCII space is not: str.split's
    separators are control, separator or bidi-space characters) with no space at either
    end and none doubled, as 99.9% of the 100,000 corpus's are: one scan instead of a
    split into words and a join (0.23 -> 0.12-0.18 s at 100,000 articles)."""
    head = text[:rd.EXCERPT_CHARS]
    if head.isprintable() and head[:1] != " " and head[-1:] != " " and "  " not in head:
        return head
    return " ".join(text[:rd.EXCERPT_CHARS * 2].split())[:rd.EXCERPT_CHARS]


def _mask(own: Any, bits: dict[str, int]) -> int:
    mask = 0
    for f in own:
        mask |= bits.get(f.severity, 0)
    return mask


VIEW_TEXTS = frozenset({"text", "clean_text"})  # shown as pieces, not as fields


def _view_record(row: dict[str, Any], own: list[Finding], whole: bool) -> dict[str, Any]:
    """What the article view shows: provenance, text pieces, numbered findings."""
    text, clean = row.get("text") or "", row.get("clean_text") or ""  # None or str (_rows)
    spans = [(f.start, f.end) for f in own if f.start is not None and f.end is not None]
    record = _without_texts(row)
    record.update({
        "len": len(text),
        "whole": whole and len(text) <= rd.PIECE_CHARS,
        "pieces": rd.text_pieces(text, spans, whole),
        "clean": clean[:rd.PIECE_CHARS] if whole and clean and clean != text else None,
        "clean_len": len(clean),
        "f": [[f.check, f.severity, f.start, f.end, f.message, f.excerpt[:300],
               f.related_article_id, f.data or None] for f in own],
    })
    return record


def _without_texts(row: dict[str, Any]) -> dict[str, Any]:
    """The row less its texts, its keys in their order: a copy less two keys (0.3 us), not
    a comprehension over its 19 (2.8 us; 100,000 rows)."""
    record = row.copy()
    for key in VIEW_TEXTS:
        record.pop(key, None)
    return record


def _whole_fields(row: dict[str, Any], own: list[Finding]) -> dict[str, Any]:
    """What `_view_record(..., whole=True)` sets differently from the evidence view."""
    text, clean = row.get("text") or "", row.get("clean_text") or ""
    spans = [(f.start, f.end) for f in own if f.start is not None and f.end is not None]
    return {"whole": len(text) <= rd.PIECE_CHARS, "pieces": rd.text_pieces(text, spans, True),
            "clean": clean[:rd.PIECE_CHARS] if clean and clean != text else None}


def _whole_cost(row: dict[str, Any]) -> int:
    """At least what a whole-text view of this row weighs (its findings aside)."""
    text, clean = row.get("text") or "", row.get("clean_text") or ""
    return 400 + min(len(text), rd.PIECE_CHARS) + (min(len(clean), rd.PIECE_CHARS) if clean != text else 0)


def _weight(record: dict[str, Any], texts: int | None = None) -> int:
    """About the JSON size of a view record, without encoding it twice (`texts`: its
    _texts_weight, when known)."""
    texts = _texts_weight(record) if texts is None else texts
    return BARE_WEIGHT + texts + sum(len(f[4]) + len(f[5]) + 60 for f in record["f"])


def _texts_weight(record: dict[str, Any]) -> int:
    return sum(len(t) for _, t in record["pieces"]) + len(record["clean"] or "")


def _bounded_clusters(clusters: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Clusters with each member's marked text cut at PIECE_CHARS."""
    out = []
    for cluster in clusters:
        members = []
        for member in cluster["members"]:
            segments, used = [], 0
            for seg in member["segments"]:
                if used >= rd.PIECE_CHARS:
                    break
                piece = seg["text"][: rd.PIECE_CHARS - used]
                segments.append([piece, 1 if seg["changed"] else 0])
                used += len(piece)
            total = sum(len(s["text"]) for s in member["segments"])
            members.append({"id": member["id"], "segments": segments, "cut": total - used})
        out.append({"id": cluster["id"], "size": cluster["size"], "members": members})
    return out
