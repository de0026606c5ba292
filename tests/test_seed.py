"""The first gold document: complete, valid, and covering the three categories with sources and cues."""

from __future__ import annotations

from claimkit.loading import load_file
from claimkit.taxonomy import OFFICIAL_SOURCE_KINDS, ClaimCategory, FurnitureKind
from claimkit.validate import validate_file
from tests.conftest import ROOT

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def test_seed_is_clean_even_in_strict_mode() -> None:
    assert [(i.code, i.location.pointer) for i in validate_file(SEED)] == []


def test_seed_gold_covers_the_three_categories_with_sources_and_cues() -> None:
    file = load_file(SEED).file
    assert file is not None and file.gold is not None
    gold = file.gold
    assert {c.category for c in gold.claims} == set(ClaimCategory)
    sources = {s.id: s for s in gold.sources}
    for category in (ClaimCategory.OFFICIAL_STATEMENT, ClaimCategory.ANALYST_OPINION):
        attributed = [c for c in gold.claims if c.category is category]
        assert all(c.source in sources and c.cue is not None for c in attributed)
    assert all(
        sources[c.source].kind in OFFICIAL_SOURCE_KINDS
        for c in gold.claims
        if c.category is ClaimCategory.OFFICIAL_STATEMENT
    )
    assert any(c.parent is None and c.source is None for c in gold.claims)  # the outlet's own voice


def test_seed_metadata_and_furniture() -> None:
    file = load_file(SEED).file
    assert file is not None
    document = file.document
    assert (document.outlet, str(document.published), document.language) == ("حلب اليوم", "2025-10-03", "ar")
    kinds = [f.kind for f in document.furniture]
    assert kinds == [FurnitureKind.DATELINE, FurnitureKind.HEADLINE, FurnitureKind.HEADLINE, FurnitureKind.BOILERPLATE]
    assert document.furniture[-1].text == "مشاركة المقال:"
