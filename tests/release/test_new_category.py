"""A new category is one edit in the taxonomy, and the release keeps every id it published.

These tests make that edit for real: they copy the package, change ``taxonomy.py`` the way a
maintainer would, and run ``claimkit`` from the copy in a fresh process, on records made by the
package as it is.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from benchmarks.corpus import generate_document, vocabulary

from claimkit.release.build import build_release
from claimkit.release.settings import DatasetSettings
from claimkit.release.versions import load_records
from claimkit.storage import dump_json
from tests.conftest import ROOT
from tests.release.gitrepo import commit

MakeCorpus = Callable[..., Path]
CLAIM_CATEGORY = 'class ClaimCategory(StrEnum):\n    OFFICIAL_STATEMENT = "official_statement"\n'
EDITS = {
    "insert": (
        (CLAIM_CATEGORY, CLAIM_CATEGORY.replace("(StrEnum):\n", '(StrEnum):\n    RUMOUR = "rumour"\n')),
        (
            "_TERMS: dict[StrEnum, Term] = {\n",
            '_TERMS: dict[StrEnum, Term] = {\n    ClaimCategory.RUMOUR: Term("Rumour", "إشاعة", "A story told without '
            'a source and not confirmed."),\n',
        ),
    ),
    "reorder": (
        (
            CLAIM_CATEGORY,
            'class ClaimCategory(StrEnum):\n    REPORTED_FACT = "reported_fact"\n'
            '    OFFICIAL_STATEMENT = "official_statement"\n',
        ),
        (
            '    ANALYST_OPINION = "analyst_opinion"\n    REPORTED_FACT = "reported_fact"\n',
            '    ANALYST_OPINION = "analyst_opinion"\n',
        ),
    ),
}


def _edited_package(tmp_path: Path, edit: str) -> Path:
    """A copy of the package whose taxonomy got ``edit``; returns the folder to put on PYTHONPATH."""
    copy = tmp_path / "edited"
    shutil.copytree(ROOT / "toolkit" / "claimkit", copy / "claimkit", ignore=shutil.ignore_patterns("__pycache__"))
    taxonomy = copy / "claimkit" / "taxonomy.py"
    text = taxonomy.read_text(encoding="utf-8")
    for old, new in EDITS[edit]:
        assert old in text
        text = text.replace(old, new, 1)
    taxonomy.write_text(text, encoding="utf-8")
    return copy


def _claimkit(package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    script = "import sys, claimkit.cli as c; assert c.__file__.startswith(sys.argv[1]); sys.exit(c.main(sys.argv[2:]))"
    return subprocess.run([sys.executable, "-c", script, str(package), *args], capture_output=True, text=True, env=env)


def _add_document(corpus: Path, index: int, category: str | None) -> None:
    document = generate_document(index, random.Random(index), vocabulary(), claims=6)
    if category:
        document["gold"]["claims"][4]["category"] = category  # the outlet's own voice: no source, no cue
    (corpus / f"{document['document']['id']}.json").write_text(dump_json(document), encoding="utf-8")
    commit(corpus)


def _categories(folder: Path) -> dict[str, int]:
    """Each claim's category id in the released claims, by claim (doc_id/claim_id)."""
    found = {}
    for path in (folder / "data" / "claims").glob("*.parquet"):
        table = pq.read_table(path).to_pydict()
        found |= {f"{d}/{c}": k for d, c, k in zip(table["doc_id"], table["claim_id"], table["category"], strict=True)}
    return found


@pytest.mark.parametrize("edit", ["insert", "reorder"])
def test_a_taxonomy_edit_keeps_every_published_id(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings, edit: str
) -> None:
    corpus, records = make_corpus(4), tmp_path / "releases"
    before = build_release(corpus, "0.1.0", tmp_path / "dist", records=records, settings=settings)
    package = _edited_package(tmp_path, edit)
    _add_document(corpus, 100, "rumour" if edit == "insert" else None)
    config = tmp_path / "pyproject.toml"
    config.write_text(f'[tool.claimkit.dataset]\nname = "{settings.name}"\n', encoding="utf-8")
    common = [
        "--corpus",
        str(corpus),
        "--out",
        str(tmp_path / "dist"),
        "--records",
        str(records),
        "--config",
        str(config),
    ]
    if edit == "insert":
        patch = _claimkit(package, "release", "0.1.1", *common)
        assert (patch.returncode, "E304") == (1, patch.stderr.split()[2]), patch.stderr
    done = _claimkit(package, "release", "0.2.0", *common, "--load")
    assert done.returncode == 0, done.stderr
    after = load_records(records)["0.2.0"]
    for name, labels in before.record.label_sets.items():
        assert after.label_sets[name][: len(labels)] == labels, name
    expected = ["official_statement", "analyst_opinion", "reported_fact"] + (["rumour"] if edit == "insert" else [])
    assert after.label_sets["ClaimCategory"] == expected
    old, new = _categories(before.folder), _categories(tmp_path / "dist" / "test-claims-0.2.0")
    assert {claim: new[claim] for claim in old} == old
    if edit == "insert":
        assert new["bench-000100/c4"] == 3
        diff = _claimkit(package, "diff", "0.1.0", "0.2.0", "--records", str(records), "--format", "json")
        changes = json.loads(diff.stdout)["label_changes"]
        assert changes == [
            {"label_set": "ClaimCategory", "label": "rumour", "before": None, "after": 3, "change": "added"}
        ]
