"""No module of the package binds a constant twice or rebinds a name it imports.

Twice in the forty-first session a new constant took an existing one's name in the same
module (boilerplate's OPENING_MIN_WORDS, then its HEADING_MAX_WORDS): the later binding
silently changed what the earlier code read, and only a review and a test caught them.
A constant that extends itself on purpose (``X = X | ...``) reads its old value: allowed.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "audit"


def _rebound(tree: ast.Module) -> list[str]:
    """Upper-case names bound at module level more than once, or bound after an import of
    the same name, unless the new value reads the old one."""
    imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    seen: set[str] = set()
    found = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if not isinstance(target, ast.Name) or not target.id.isupper():
                continue
            reads_itself = any(isinstance(n, ast.Name) and n.id == target.id
                               for n in ast.walk(node.value)) if node.value is not None else False
            if (target.id in seen or target.id in imported) and not reads_itself:
                found.append(target.id)
            seen.add(target.id)
    return found


def test_no_module_constant_is_bound_twice() -> None:
    found = {str(path.relative_to(PACKAGE)): names for path in sorted(PACKAGE.rglob("*.py"))
             if (names := _rebound(ast.parse(path.read_text(encoding="utf-8"))))}
    assert found == {}


def test_the_scan_sees_a_second_binding() -> None:
    tree = ast.parse("from m import B\nA = 3\nX = 1\nX = X | 2\nA = 6\nB = 1\n")
    assert _rebound(tree) == ["A", "B"]
