"""What a cross-article detector keeps between runs, beside the findings cache.

A rerun with 1% of the articles changed gave the parent's cross-article step (near,
boilerplate, ...) the whole corpus again: 2 s of CPU at 20,000 articles for findings
that moved on a few hundred. A detector that declares `Detector.saved` gets
`params["_saved"]`, a SavedState: numpy arrays it wrote at the end of its last run,
in `<cache folder>/cross/<name>.npz`, and it writes them again at the end of this one.

What it keeps must let it give exactly the findings of a run without them: either
values of pure functions of one article's content (duplicate.near's band keys, the
Jaccard of two texts), or the previous corpus's counts with what they were counted
from (boilerplate.line). The file carries a fingerprint of the detector's code, its
data, the libraries and its params (audit.detect.cache): any change of those, a
damaged file, or none at all, and the detector computes everything as a cold run does.
Arrays only (`allow_pickle=False`): a cache folder is never a way to run code.
"""

from __future__ import annotations

import contextlib
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.atomic import clean_stale, temp_name

FOLDER = "cross"
_FINGERPRINT = "_fingerprint"


@dataclass(frozen=True)
class SavedState:
    """One detector's saved arrays: `path` holds them, made under `fingerprint`."""

    path: Path
    fingerprint: str

    def load(self) -> dict[str, Any] | None:
        """The arrays the last run wrote under this fingerprint, else None."""
        import numpy as np  # here: the gate imports this package without needing numpy

        if not self.path.is_file():
            return None
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if str(data[_FINGERPRINT]) != self.fingerprint:
                    return None
                return {name: data[name] for name in data.files if name != _FINGERPRINT}
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
            return None  # damaged or foreign: a cold computation, never a failed run

    def save(self, arrays: dict[str, Any]) -> None:
        """Write the arrays atomically (a killed run leaves the last whole file). A state
        that cannot be written (a full disk) makes the next run slower, never this one fail:
        the detector's findings are made already."""
        import numpy as np

        partial = temp_name(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("xb") as fh:
                np.savez(fh, **{_FINGERPRINT: np.array(self.fingerprint)}, **arrays)
            partial.replace(self.path)
        except OSError:
            for path in (partial, self.path):  # never a state older than the last run's
                with contextlib.suppress(OSError):
                    path.unlink(missing_ok=True)


def saved_state(cache_path: Path, name: str, fingerprint: str) -> SavedState:
    """The state of detector `name` kept beside the findings cache file `cache_path`."""
    path = cache_path.parent / FOLDER / f"{name}.npz"
    clean_stale(path)  # what killed runs left
    return SavedState(path, fingerprint)


def drop_shares(articles: Iterable[Any], name: str) -> None:
    """Take detector `name`'s prepared share off each article without reading it: a share
    the findings cache kept is KEPT (audit.detect.cache.Shares), which `pop` reads and
    parses; a detector whose state already holds what the shares say needs neither.
    dict's own pop: the same for a plain dict, and a KEPT share's is the one shared
    object's (nothing freed, nothing written in pages passage's forked child shares)."""
    pop = dict.pop
    for article in articles:
        pop(article.prepared, name, None)


def write_state(params: Mapping[str, Any], write: Callable[[], None]) -> None:
    """`write()` now, or, when the caller passed `params["_later"]` (a list), appended to it:
    duplicate.near's state is written once its clusters went to passage's process, passage's
    own once its findings went to the run (workers._passage_apart, passage_apart.serve)."""
    later = params.get("_later")
    if later is None:
        write()
    else:
        later.append(write)


def write_deferred(later: Iterable[Callable[[], None]]) -> None:
    """The writes `write_state` deferred, each once; one that fails leaves its state
    unwritten, and the next run computes that detector whole."""
    for write in later:
        with contextlib.suppress(Exception):
            write()
