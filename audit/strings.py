"""The article table's text columns made as Arrow arrays directly (issue 13).

pandas makes a column of Python strings (and None) its `str` type, an Arrow large_string
array, through `ArrowStringArray._from_sequence`: a pass that checks each value, a copy
of the object array, then pyarrow's conversion of every string to UTF-8 in a new buffer.
At 100,000 articles that was 1.5 s of the run's validate stage (the thread that makes the
table while GX validates: its critical path), most of it for `text` and `clean_text`,
about 300 MB each.

Here a column of str and None goes to pyarrow once (`pa.array`), the result wrapped as
pandas' str type would have it; and `clean_text`, which *is* `text` (the same objects)
for every article without a chrome span (audit.detect.clean), is made of slices of the
text column's array: the same values without converting or copying its 300 MB. Such a
column is chunked (one chunk a run of shared or own rows); `contiguous` makes it one
array again (where bytes must be what one array gives: the Parquet writer's pages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import is_
from typing import Any

# a column usually made of the very strings of another (audit.detect.clean: clean_text is
# article.text unless a chrome span was cut out of it)
SHARED = {"clean_text": "text"}
MAX_RUNS = 4096  # runs of shared / own rows past which the column is converted whole


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
                made[name] = pa.chunked_array([pa.array(values, type=pa.large_string())])
        except (pa.ArrowException, UnicodeError):  # a lone surrogate: pandas' own answer (or error)
            continue
    return {name: pd.arrays.ArrowStringArray(array, dtype=dtype) for name, array in made.items()}


def shared_array(values: Sequence[str | None], partner_values: Sequence[str | None], partner: Any) -> Any:
    """`values` as a large_string ChunkedArray, given `partner` (the same for
    `partner_values`): where a value is its partner's very object, a slice of the
    partner's array; the other values converted together, once. Whole when they are
    too scattered (more than MAX_RUNS runs)."""
    import numpy as np
    import pyarrow as pa

    size = len(values)
    same = np.fromiter(map(is_, values, partner_values), dtype=bool, count=size)
    if same.all():
        return partner
    cuts = (np.flatnonzero(same[1:] != same[:-1]) + 1).tolist()
    if len(cuts) + 1 > MAX_RUNS:
        return pa.chunked_array([pa.array(values, type=pa.large_string())])
    base = partner.combine_chunks() if partner.num_chunks != 1 else partner.chunk(0)
    own = pa.array([v for v, shared in zip(values, same.tolist()) if not shared], type=pa.large_string())
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
