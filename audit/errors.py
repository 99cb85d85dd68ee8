"""Errors that stop a command with exit code 2 and one line on stderr."""


class UsageError(Exception):
    """Misuse or input the tool cannot read at all: a missing path, a broken suite.

    The message is the whole line the user sees, so it names the file and the reason.
    """
