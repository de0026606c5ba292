"""Generated documentation agrees with the code."""

from __future__ import annotations

import re

from claimkit.codes import split_doc
from claimkit.docgen import rules_markdown, stale_pages
from claimkit.rules import REGISTRY
from tests.conftest import ROOT


def test_committed_pages_are_up_to_date() -> None:
    assert stale_pages(ROOT / "docs") == []


def test_every_rule_is_documented_once_with_its_name_and_fix() -> None:
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    documented = re.findall(r"^### ([A-Z]\d{3})$", page, flags=re.MULTILINE)
    assert sorted(documented) == sorted(REGISTRY)
    for entry in REGISTRY.values():
        assert f"`{entry.name}`" in page
        assert entry.fix in page


def test_rules_page_is_rendered_from_the_registry() -> None:
    assert rules_markdown().count("### ") == len(REGISTRY)


def test_the_summary_of_every_code_is_whole() -> None:
    """The first paragraph of a declaration is its summary (the rules table shows it): one wrapped over
    two lines was cut mid-sentence in the table, and its end made a paragraph of its own below."""
    cut = [c.code for c in REGISTRY.values() if not c.summary.endswith((".", ".)"))]
    assert cut == []
    assert split_doc("A summary that\n    wraps.\n\n    Why.") == ("A summary that wraps.", "Why.")
