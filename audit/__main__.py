"""`python -m audit`: the CLI (audit.cli).

A command that validates on pandas (`run`, `gate`) forks Great Expectations' child
first, before the CLI imports typer and parses its options: GX's import, the critical
path of a small run, starts 0.1 s earlier (audit.validate.child.fork_early; issue 13).
"""

import sys

from audit.validate.child import fork_early

fork_early(sys.argv[1:])

from audit.cli import entry  # noqa: E402 (after the fork, on purpose)

entry()
