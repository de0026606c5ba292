"""Semantic rules over document files, each with a stable code. Importing this package registers them."""

from claimkit.rules import (  # noqa: F401 (registers)
    boundaries,
    categories,
    characters,
    claims,
    conventions,
    document,
    lexical,
    references,
    release,
    sources,
    spans,
)
from claimkit.rules.context import AnnotationContext, DocumentContext
from claimkit.rules.registry import REGISTRY, RETIRED, Finding, Rule, Scope, all_codes, select_codes

__all__ = [
    "REGISTRY",
    "RETIRED",
    "AnnotationContext",
    "DocumentContext",
    "Finding",
    "Rule",
    "Scope",
    "all_codes",
    "select_codes",
]
