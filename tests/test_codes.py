"""Issue codes have one home: each is declared once, next to its emitter, and emitted only through it."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import claimkit
from claimkit.codes import CODES, Code, Scope, declare
from claimkit.errors import ClaimkitError, ReleaseError
from claimkit.issues import Severity
from claimkit.rules import all_codes

PACKAGE = Path(claimkit.__file__).parent
#: Functions whose first argument declares a code; a code literal anywhere else is an emission by string.
DECLARERS = {"declare", "declare_command", "_conversion", "rule"}


def _import_every_module() -> None:
    for module in pkgutil.walk_packages([str(PACKAGE)], prefix="claimkit."):
        if not module.name.endswith("__main__"):  # running it would run the CLI
            importlib.import_module(module.name)


def test_all_codes_collects_every_declaration_in_the_package() -> None:
    collected = set(all_codes())
    _import_every_module()
    assert set(CODES) == collected


def _code_literals_outside_declarations(tree: ast.AST) -> list[int]:
    declared = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name in DECLARERS:
                declared.add(id(node.args[0]))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and len(node.value) == 4
        and node.value[0].isupper()
        and node.value[1:].isdigit()
        and id(node) not in declared
    ]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_no_code_is_emitted_by_its_string(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert _code_literals_outside_declarations(tree) == []
    if path.name not in {"issues.py", "codes.py"}:
        constructed = [
            n.lineno for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Issue"
        ]
        assert constructed == [], "build issues with Code.issue(...), not Issue(...)"


def test_a_code_is_declared_once() -> None:
    with pytest.raises(ValueError, match="taken"):
        declare("F001", "another-name", Severity.ERROR, Scope.INPUT, "Doc.", "Fix.")
    with pytest.raises(ValueError, match="taken"):
        declare("Z998", "unreadable-file", Severity.ERROR, Scope.INPUT, "Doc.", "Fix.")
    with pytest.raises(ValueError, match="bad code"):
        declare("F01", "short", Severity.ERROR, Scope.INPUT, "Doc.", "Fix.")


def test_an_issue_takes_the_code_its_name_severity_and_fix() -> None:
    code = all_codes()["O003"]
    issue = code.issue("text differs", file="a.json", pointer="/gold/claims/0")
    assert (issue.code, issue.rule, issue.severity, issue.hint) == ("O003", code.name, code.severity, code.fix)
    assert (issue.location.file, issue.location.pointer) == ("a.json", "/gold/claims/0")
    assert issue.located(line=3, column=7).location.line == 3


def test_every_error_carries_a_declared_command_code() -> None:
    commands = {c for c, entry in all_codes().items() if entry.scope is Scope.COMMAND}
    assert commands and all(c.startswith("E") for c in commands)
    error = ReleaseError(all_codes()["E301"], "version 1.0.0 was released with other content")
    assert isinstance(error, ClaimkitError)
    assert error.hint == all_codes()["E301"].fix
    assert error.to_issue().code == "E301"
    assert isinstance(error.code, Code)
