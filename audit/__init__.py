"""corpus-audit: data-quality and provenance audit for corpora of news articles.

The Python API for schedulers and pipelines: `audit.run(...)` and `audit.gate(...)`.
Nothing heavy is imported here (Great Expectations loads only when a run validates).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "gate", "run"]


def run(*args: Any, **kwargs: Any) -> Any:
    """Audit a corpus; see audit.pipeline.run."""
    from audit.pipeline import run as _run

    return _run(*args, **kwargs)


def gate(*args: Any, **kwargs: Any) -> Any:
    """Split a corpus into accepted and quarantined articles; see audit.gating.gate."""
    from audit.gating import gate as _gate

    return _gate(*args, **kwargs)
