"""`python -m audit`: the CLI (audit.cli), GX's child forked first (audit.launch)."""

from audit.launch import main

main()
