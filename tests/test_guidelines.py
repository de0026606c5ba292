"""The guidelines page against the code: version, rule codes, sections, generated tables, and the seed
gold read under the current version; rules of a newer convention leave older annotations alone."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from claimkit.docgen import BLOCKS, stale_pages
from claimkit.lexicon import CERTAINTY_MARKERS, CUES, NOT_CUES
from claimkit.rules import REGISTRY, all_codes
from claimkit.taxonomy import GUIDELINES_VERSION
from claimkit.validate import validate_file
from tests.conftest import CASES, ROOT

PAGE = ROOT / "docs" / "guidelines.md"
SINCE_1_1 = sorted(code for code, entry in REGISTRY.items() if "Since guidelines 1.1.0" in entry.explanation)


def _text() -> str:
    return PAGE.read_text(encoding="utf-8")


def _with_version(case: Path, version: str, folder: Path) -> Path:
    data = json.loads(case.read_text(encoding="utf-8"))
    data["gold"]["guideline_version"] = version
    for annotation in data["annotations"]:
        annotation["guideline_version"] = version
    target = folder / case.name
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def test_the_page_states_the_current_version() -> None:
    assert f"**Version {GUIDELINES_VERSION}**" in _text()


def test_every_rule_code_the_page_names_exists() -> None:
    named = set(re.findall(r"\b([ACDFILNORS]\d{3})\b", _text()))
    assert named and named <= set(all_codes())


def test_every_section_the_lexicon_refers_to_exists() -> None:
    headings = set(re.findall(r"^#{2,3} (\d+(?:\.\d+)?)\.? ", _text(), flags=re.MULTILINE))
    notes = " ".join(entry.note for entry in [*CUES, *CERTAINTY_MARKERS, *NOT_CUES])
    referred = set(re.findall(r"§(\d+(?:\.\d+)?)", notes))
    assert referred and referred <= headings


def test_a_hand_edit_of_a_generated_table_is_caught(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    assert stale_pages(docs) == []
    page = docs / "guidelines.md"
    page.write_text(page.read_text(encoding="utf-8").replace("| قال، يقول |", "| قال |", 1), encoding="utf-8")
    assert stale_pages(docs) == ["guidelines.md"]
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- generated: cue-table -->\n", ""), encoding="utf-8")
    assert "guidelines.md#cue-table" in stale_pages(docs)
    assert set(BLOCKS["guidelines.md"]) == {"cue-table", "not-cue-table", "certainty-table"}
    page.unlink()  # hand-written: missing, not "stale" block by block (which `claimkit docs` cannot mend)
    assert stale_pages(docs) == ["guidelines.md (missing)"]


def test_the_seed_gold_reads_the_same_under_the_current_guidelines(tmp_path: Path) -> None:
    seed = ROOT / "annotations" / "000_f22616ff3d8ce778.json"
    current = _with_version(seed, GUIDELINES_VERSION, tmp_path)
    assert [(i.code, i.location.pointer) for i in validate_file(current)] == []


def test_some_rules_check_a_convention_of_1_1_0() -> None:
    assert {"C007", "C008", "C009", "N004", "N005"} <= set(SINCE_1_1)


@pytest.mark.parametrize("code", SINCE_1_1)
def test_a_rule_new_in_1_1_0_leaves_annotations_made_under_1_0_0_alone(code: str, tmp_path: Path) -> None:
    cases = sorted((CASES / code / "invalid").glob("*.json"))
    assert cases
    for case in cases:
        assert code in {issue.code for issue in validate_file(case)}
        older = _with_version(case, "1.0.0", tmp_path)
        assert code not in {issue.code for issue in validate_file(older)}, case.name
