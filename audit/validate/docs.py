"""Data Docs with their Jinja templates compiled once, not once per page (issue 13).

GX renders each Data Docs page (the index, the suite, the validation) with a view that
makes its own Jinja environment, so the 24 templates a run's three pages use were
parsed and compiled 51 times: 70% of building the Data Docs (0.12 of 0.175 s in the
five-article run, where they are on the critical path). Jinja's own answer is a
bytecode cache: a template's compiled code, keyed by its name and file and checked
against a hash of its source. Here the views GX builds the pages with are GX's own
(`DefaultJinjaPageView`, `DefaultJinjaIndexPageView`) with such a cache, named in the
site's configuration (GX's documented `view` setting of a site section): every page is
rendered by GX from the same templates, and the HTML is the same (tests/test_floor.py).

The cache is shared by the pages of a run (in memory) and, with the run's `--cache`
folder, kept in one file there (audit.validate.TEMPLATES_FILE) for the next runs. Jinja discards an
entry whose source hash or Python version differs; the file also names the versions of
Jinja and GX that wrote it, and one written by others is not read. A file that cannot
be read or written is a cache miss, never an error of the run. Compiled code is run as
it is read: the cache folder is trusted as the findings cache in it is (the user's own).

Imported by GX's process only (it imports GX).
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

import great_expectations as gx
import jinja2
from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView

SECTIONS = ("expectations", "validations", "profiling")  # GX's default site sections
_VERSIONS = (jinja2.__version__, gx.__version__)


class TemplateCache(jinja2.BytecodeCache):
    """Compiled templates by Jinja's key: in memory, loaded from and saved to `path`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, bytes] = _read(path) if path is not None else {}
        self.changed = False

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.entries.get(bucket.key)
        if data is None:
            return
        try:  # a stale entry (another source, another Python) is reset by Jinja itself
            bucket.bytecode_from_string(data)
        except Exception:  # a damaged entry: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.entries[bucket.key] = bucket.bytecode_to_string()
        self.changed = True

    def save(self) -> None:
        """Write the file if a template was compiled (whole or not at all)."""
        if self.path is None or not self.changed:
            return
        partial = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(marshal.dumps((_VERSIONS, self.entries)))
            partial.replace(self.path)
            self.changed = False
        except OSError:  # a read-only or full cache folder: the next run compiles them again
            with contextlib.suppress(OSError):
                partial.unlink()


def _read(path: Path) -> dict[str, bytes]:
    try:
        versions, entries = marshal.loads(path.read_bytes())
    except Exception:  # missing, damaged, or not ours
        return {}
    ok = versions == _VERSIONS and isinstance(entries, dict)
    return entries if ok else {}


_CACHES: dict[Path | None, TemplateCache] = {}  # this process's, by file


def template_cache(path: str | Path | None) -> TemplateCache:
    """The cache of `path` (None: memory only), one per process and file."""
    key = None if path is None else Path(path)
    if key not in _CACHES:
        _CACHES[key] = TemplateCache(key)
    return _CACHES[key]


def keep_templates(path: str | Path | None) -> None:
    """Save what the Data Docs compiled into `path` (nothing without one)."""
    if path is not None:
        template_cache(path).save()


class PageView(DefaultJinjaPageView):
    """GX's page view, its templates through the run's TemplateCache."""

    def __init__(self, template_cache_file: str | None = None, custom_styles_directory: Any = None,
                 custom_views_directory: Any = None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)
        self.env.bytecode_cache = template_cache(template_cache_file)


class IndexPageView(DefaultJinjaIndexPageView):
    """GX's index page view, its templates through the run's TemplateCache."""

    def __init__(self, template_cache_file: str | None = None, custom_styles_directory: Any = None,
                 custom_views_directory: Any = None) -> None:
        super().__init__(custom_styles_directory, custom_views_directory)
        self.env.bytecode_cache = template_cache(template_cache_file)


def site_config(docs_dir: Path, cache_file: Path | None) -> dict[str, Any]:
    """The run's Data Docs site: GX's default site, its views given the template cache."""

    def view(class_name: str) -> dict[str, Any]:
        return {"module_name": __name__, "class_name": class_name,
                "template_cache_file": None if cache_file is None else str(cache_file)}

    return {
        "class_name": "SiteBuilder",
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str(Path(docs_dir).resolve()),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder", "view": view("IndexPageView")},
        "site_section_builders": {name: {"view": view("PageView")} for name in SECTIONS},
    }
