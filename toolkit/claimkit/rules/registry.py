"""The rule registry: stable codes, kebab-case names, severities, and selection by code or prefix.

A rule is a small function that yields :class:`Finding` objects (a JSON pointer and a message); the
engine in :mod:`claimkit.validate` turns them into :class:`~claimkit.issues.Issue` objects with the
code, severity, file and line. Codes are never reused: a retired rule keeps its code reserved in
:data:`RETIRED`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from claimkit.errors import UsageError
from claimkit.issues import Severity

__all__ = [
    "REGISTRY",
    "RETIRED",
    "Finding",
    "Rule",
    "Scope",
    "declare",
    "rule",
    "select_codes",
]

_CODE = re.compile(r"^[A-Z][0-9]{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class Scope(StrEnum):
    """What a rule looks at; the engine calls it once per unit of that scope."""

    INPUT = "input"  # reading bytes into JSON (emitted by the engine)
    STRUCTURE = "structure"  # the model / JSON Schema (emitted by the engine)
    DOCUMENT = "document"  # one whole document file
    ANNOTATION = "annotation"  # each annotation and the gold one
    CONVERSION = "conversion"  # a Label Studio task being converted (emitted by claimkit.labelstudio)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where (a JSON pointer, relative to the unit checked) and what is wrong."""

    pointer: str
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    scope: Scope
    summary: str
    explanation: str
    fix: str
    check: Callable[[Any], Iterator[Finding]] | None = None


REGISTRY: dict[str, Rule] = {}

#: Codes of rules that were removed. They are never given to another rule.
RETIRED: dict[str, str] = {}


def _register(entry: Rule) -> Rule:
    if not _CODE.match(entry.code) or not _NAME.match(entry.name):
        raise ValueError(f"bad rule code or name: {entry.code} {entry.name}")
    if entry.code in REGISTRY or entry.code in RETIRED:
        raise ValueError(f"rule code {entry.code} is already taken")
    if any(existing.name == entry.name for existing in REGISTRY.values()):
        raise ValueError(f"rule name {entry.name} is already taken")
    REGISTRY[entry.code] = entry
    return entry


def _split_doc(doc: str | None) -> tuple[str, str]:
    text = inspect.cleandoc(doc or "")
    summary, _, rest = text.partition("\n")
    return summary.strip(), rest.strip()


def declare(code: str, name: str, severity: Severity, scope: Scope, doc: str, fix: str) -> Rule:
    """Register a code the engine itself emits (input and structure problems)."""
    summary, explanation = _split_doc(doc)
    return _register(Rule(code, name, severity, scope, summary, explanation, fix))


def rule(
    code: str, name: str, severity: Severity, scope: Scope, fix: str
) -> Callable[[Callable[[Any], Iterator[Finding]]], Callable[[Any], Iterator[Finding]]]:
    """Register a check. Its docstring is its documentation: a summary line, then why."""

    def decorate(check: Callable[[Any], Iterator[Finding]]) -> Callable[[Any], Iterator[Finding]]:
        summary, explanation = _split_doc(check.__doc__)
        _register(Rule(code, name, severity, scope, summary, explanation, fix, check))
        return check

    return decorate


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(selector) for selector in selectors)


def select_codes(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> frozenset[str]:
    """Codes enabled by ``--select`` and ``--ignore`` (each a code like ``O003`` or a prefix like ``O``).

    A selector that matches no rule is a usage error, so a typo never silently disables nothing.
    """
    chosen = [s.strip().upper() for s in (select or ["ALL"]) if s.strip()]
    dropped = [s.strip().upper() for s in (ignore or []) if s.strip()]
    for selector in [*chosen, *dropped]:
        if selector != "ALL" and not any(code.startswith(selector) for code in REGISTRY):
            raise UsageError(f"unknown rule code or prefix {selector!r}; see `claimkit rules`")
    enabled = {c for c in REGISTRY if "ALL" in chosen or _matches(c, chosen)}
    return frozenset(c for c in enabled if not _matches(c, dropped))
