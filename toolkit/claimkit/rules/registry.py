"""The rule registry: stable codes, kebab-case names, severities, and selection by code or prefix.

A rule is a small function that yields :class:`Finding` objects (a JSON pointer and a message); the
engine in :mod:`claimkit.validate` turns them into :class:`~claimkit.issues.Issue` objects with the
code, severity, file and line. Codes are never reused: a retired rule keeps its code reserved in
:data:`~claimkit.codes.RETIRED`. Every other code is a :class:`~claimkit.codes.Code` declared next to
its emitter; :func:`all_codes` collects them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from claimkit.codes import CODES, RETIRED, Code, Scope, register, split_doc
from claimkit.errors import UNKNOWN_SELECTOR, UsageError
from claimkit.issues import Severity

__all__ = [
    "REGISTRY",
    "RETIRED",
    "Finding",
    "Rule",
    "Scope",
    "all_codes",
    "code_of",
    "rule",
    "select_codes",
]

#: Every declared code (rules and the codes other modules emit); :func:`all_codes` fills it completely.
REGISTRY: Mapping[str, Code] = CODES

#: Modules that declare codes outside the rules package; importing them registers their codes.
_EMITTERS = (
    "claimkit.loading",
    "claimkit.ingest",
    "claimkit.labelstudio.codes",
    "claimkit.preannotate.codes",
    "claimkit.release.verify",
    "claimkit.rules",
    "claimkit.agreement.codes",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule yields: where (a JSON pointer, relative to the unit checked) and what is wrong."""

    pointer: str
    message: str
    hint: str | None = None


Check = Callable[[Any], Iterator[Finding]]


@dataclass(frozen=True)
class Rule(Code):
    """A code with a check: a semantic rule the validation engine runs."""

    check: Check | None = None


def all_codes() -> Mapping[str, Code]:
    """Every declared code, after importing every module that declares some."""
    for module in _EMITTERS:
        importlib.import_module(module)
    return CODES


def code_of(check: Check) -> str:
    """The code a rule function was registered under (to run one rule without spelling its code)."""
    return next(c.code for c in all_codes().values() if isinstance(c, Rule) and c.check is check)


def rule(code: str, name: str, severity: Severity, scope: Scope, fix: str) -> Callable[[Check], Check]:
    """Register a check. Its docstring is its documentation: a summary line, then why."""

    def decorate(check: Check) -> Check:
        summary, explanation = split_doc(check.__doc__)
        register(Rule(code, name, severity, scope, summary, explanation, fix, check))
        return check

    return decorate


def _matches(code: str, selectors: Iterable[str]) -> bool:
    return any(code.startswith(selector) for selector in selectors)


def select_codes(select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> frozenset[str]:
    """Codes enabled by ``--select`` and ``--ignore`` (each a code like ``O003`` or a prefix like ``O``).

    A selector that matches no code is a usage error, so a typo never silently disables nothing.
    """
    codes = all_codes()
    chosen = [s.strip().upper() for s in (select or ["ALL"]) if s.strip()]
    dropped = [s.strip().upper() for s in (ignore or []) if s.strip()]
    for selector in [*chosen, *dropped]:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            raise UsageError(UNKNOWN_SELECTOR, f"unknown rule code or prefix {selector!r}")
    enabled = {c for c in codes if "ALL" in chosen or _matches(c, chosen)}
    return frozenset(c for c in enabled if not _matches(c, dropped))
