from audit.cli import entry

entry()
