"""The command line's first step, for `corpus-audit` and `python -m audit` alike.

A command that validates on pandas (`run`, `gate`) forks Great Expectations' child
first, before the CLI imports typer and parses its options: GX's import, the critical
path of a small run, starts 0.1 s earlier (audit.validate.child.fork_early; issue 13).
This module imports nothing else, so that the fork comes first.
"""

import sys


def main() -> None:
    from audit.validate.child import fork_early

    fork_early(sys.argv[1:])
    from audit.cli import entry  # after the fork, on purpose

    entry()
