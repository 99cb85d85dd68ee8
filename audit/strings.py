"""The article table's text columns made as Arrow arrays directly (issue 13).

pandas makes a column of Python strings (and None) its `str` type, an Arrow large_string
array, through `ArrowStringArray._from_sequence`: a pass that checks each value, a copy
of the object array, then `pa.array`, which converts each string to UTF-8. At 100,000
articles that was 1.3-1.8 s of the validate stage's critical path (the thread that makes
the table while GX validates), nearly all of it for `text` and `clean_text`, about 300 MB
each, and most of that system time: pyarrow keeps a UTF-8 copy inside each str that is
not ASCII (PyUnicode_AsUTF8AndSize: 125 MB more at 100,000 articles, held as long as the
articles) and grows its buffer by doubling, each time fresh memory the kernel must hand
over (docs/measurements/table.md: 0.9-1.2 s of system time for the text column alone).

Here a column of str and None is made once, as pandas' str type would have it:
- a column of long strings (`text`) is encoded a batch at a time into one growing buffer
  (io.BytesIO, which grows in place) and handed to Arrow without a copy; short ones
  (ids, dates, titles) go to `pa.array`, where none of this matters;
- `clean_text`, which *is* `text` (the same objects) for every article without a chrome
  span (audit.detect.clean), is made of slices of the text column's array: the same
  values, its 300 MB neither converted nor copied. Such a column is chunked (one chunk
  a run of shared or own rows); `contiguous` makes it one array again where bytes must
  be what one array gives (the Parquet writer's pages: articles.parquet keeps its bytes).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import is_, is_not
from typing import Any

# a column usually made of the very strings of another (audit.detect.clean: clean_text is
# article.text unless a chrome span was cut out of it)
SHARED = {"clean_text": "text"}
# a column of more runs (of shared rows, of own rows) than one every RUN_ROWS rows is
# converted whole: the 100,000 rerun's clean_text has 6,481 runs (3,367 own rows, spread);
# a chunk costs about what converting a string does, and a column of a chunk a row
# would be slow to read back
RUN_ROWS = 4
LONG_CHARS = 256  # characters a row on average from which a column is encoded, not pa.array'd
BATCH = 8192  # strings encoded at a time (their bytes objects, freed after each batch)


def string_arrays(columns: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    """pandas' str arrays for those of `names` whose lists hold only str and None (and
    some str): the arrays pandas' inference would make of them, equal in type and
    values. {} when this pandas does not make such columns its pyarrow-backed str (then
    pandas converts them all, as before)."""
    dtype = _str_dtype()
    if dtype is None:
        return {}
    import pandas as pd
    import pyarrow as pa

    made: dict[str, Any] = {}  # name -> the column's pyarrow ChunkedArray
    for name in names:
        values = columns[name]
        kinds = set(map(type, values))
        if str not in kinds or not kinds <= {str, type(None)}:
            continue  # not pandas' str (None alone: object), or other values: pandas decides
        partner = SHARED.get(name)
        try:
            if partner in made:
                made[name] = shared_array(values, columns[partner], made[partner])
            else:
                made[name] = pa.chunked_array([large_string_array(values)])
        except (pa.ArrowException, UnicodeError):  # a lone surrogate: pandas' own answer (or error)
            continue
    return {name: pd.arrays.ArrowStringArray(array, dtype=dtype) for name, array in made.items()}


def large_string_array(values: Sequence[str | None]) -> Any:
    """`pa.array(values, type=pa.large_string())` (str and None): the same array, made by
    `encoded_array` when the strings are long."""
    import pyarrow as pa

    if sum(map(len, filter(None, values))) >= LONG_CHARS * len(values):
        return encoded_array(values)
    return pa.array(values, type=pa.large_string())


def encoded_array(values: Sequence[str | None]) -> Any:
    """A large_string array of `values` (str and None) from their UTF-8 bytes, encoded a
    batch at a time (C loops: map, writelines) into one buffer that Arrow takes as it is.
    No UTF-8 copy is left inside the strings; the buffer grows in place. A lone
    surrogate raises UnicodeEncodeError, as pyarrow's conversion does."""
    import numpy as np
    import pyarrow as pa

    size = len(values)
    valid = None
    if None in values:  # None -> "" with its validity bit 0
        valid = np.fromiter(map(is_not, values, repeat(None)), dtype=bool, count=size)
        values = [v if v is not None else "" for v in values]
    data = io.BytesIO()
    ends = np.zeros(size + 1, dtype=np.int64)
    for start in range(0, size, BATCH):
        batch = list(map(str.encode, values[start:start + BATCH]))
        ends[start + 1:start + 1 + len(batch)] = np.fromiter(map(len, batch), dtype=np.int64,
                                                             count=len(batch))
        data.writelines(batch)
    np.cumsum(ends, out=ends)
    bitmap, nulls = None, 0
    if valid is not None:
        bitmap, nulls = pa.py_buffer(np.packbits(valid, bitorder="little")), int(size - valid.sum())
    return pa.LargeStringArray.from_buffers(size, pa.py_buffer(ends), pa.py_buffer(data.getbuffer()),
                                            bitmap, nulls)


def shared_array(values: Sequence[str | None], partner_values: Sequence[str | None], partner: Any) -> Any:
    """`values` as a large_string ChunkedArray, given `partner` (the same for
    `partner_values`): where a value is its partner's very object, a slice of the
    partner's array; the other values converted together, once. Whole when they are
    too scattered (more runs than one every RUN_ROWS rows)."""
    import numpy as np
    import pyarrow as pa

    size = len(values)
    same = np.fromiter(map(is_, values, partner_values), dtype=bool, count=size)
    if same.all():
        return partner
    cuts = (np.flatnonzero(same[1:] != same[:-1]) + 1).tolist()
    if (len(cuts) + 1) * RUN_ROWS > size:
        return pa.chunked_array([large_string_array(values)])
    base = partner.combine_chunks() if partner.num_chunks != 1 else partner.chunk(0)
    own = large_string_array([v for v, shared in zip(values, same.tolist()) if not shared])
    pieces, used = [], 0
    for start, end in zip([0, *cuts], [*cuts, size]):
        if same[start]:
            pieces.append(base.slice(start, end - start))
        else:
            pieces.append(own.slice(used, end - start))
            used += end - start
    return pa.chunked_array(pieces, type=pa.large_string())


def contiguous(table: Any) -> Any:
    """An Arrow table with each column one array (a chunked column concatenated; one
    chunk kept as it is): what a column converted whole gives a writer."""
    if all(column.num_chunks <= 1 for column in table.columns):
        return table
    return table.combine_chunks()


def _str_dtype() -> Any:
    """The dtype pandas infers for strings and None, when it is Arrow-backed (pandas 3's
    `str`); None otherwise (pandas 2 makes them object columns)."""
    import numpy as np
    import pandas as pd

    try:
        from pandas.core.internals.construction import convert_object_array

        sample = convert_object_array([np.array(["a", None], dtype=object)], dtype=None)[0]
    except (ImportError, TypeError):
        return None
    if type(sample).__name__ != "ArrowStringArray" or not isinstance(sample.dtype, pd.StringDtype):
        return None
    return sample.dtype
