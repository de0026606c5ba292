"""The recipes of CONTRIBUTING.md stay true: the files and names they point to exist, and the "one
place" they promise is the place the code reads from."""

from __future__ import annotations

import argparse
import ast
import importlib
import re
from pathlib import Path

import pytest

from claimkit.cli import build_parser
from claimkit.reporters import FORMATS
from claimkit.rules import Rule, all_codes
from tests.conftest import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
#: The names each recipe sends a contributor to, by the file that must define them at its top level.
NAMED = {
    "toolkit/claimkit/rules/registry.py": ["rule", "_EMITTERS"],
    "toolkit/claimkit/codes.py": ["declare"],
    "toolkit/claimkit/reporters.py": ["FORMATS", "DOCUMENT_FORMATS"],
    "toolkit/claimkit/release/configs.py": ["CONFIGS", "ReleaseConfig"],
    "toolkit/claimkit/release/features.py": ["claims_features"],
    "toolkit/claimkit/release/rows.py": ["claim_rows"],
    "toolkit/claimkit/taxonomy.py": ["ClaimCategory", "_TERMS"],
    "toolkit/claimkit/rules/claims.py": ["_EXPECTED_CATEGORY"],
}


def _top_level_names(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def test_every_path_the_guide_names_exists() -> None:
    paths = re.findall(r"`((?:toolkit|tests|docs|schema)/[^`\s<]+)`", GUIDE)
    assert len(paths) > 10
    assert [path for path in paths if not (ROOT / path).exists()] == []


def _resolves(name: str) -> bool:
    """``claimkit.a.b.NAME``: the longest prefix that is a module, then attributes."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return False
            target = getattr(target, attribute)
        return True
    return False


def test_every_dotted_name_the_guide_names_resolves() -> None:
    dotted = sorted(set(re.findall(r"`(claimkit(?:\.\w+)+)`", GUIDE)))
    assert len(dotted) > 3
    assert [name for name in dotted if not _resolves(name)] == []


@pytest.mark.parametrize("file", sorted(NAMED))
def test_the_names_of_each_recipe_are_defined_where_it_says(file: str) -> None:
    defined = _top_level_names(ROOT / file)
    module = file.removeprefix("toolkit/").removesuffix(".py").replace("/", ".")
    assert any(f"`{way}" in GUIDE for way in (file, Path(file).name, module)), f"the guide does not name {file}"
    for name in NAMED[file]:
        assert name in defined, f"{name} is no longer defined in {file}"
        assert re.search(rf"\b{re.escape(name)}\b", GUIDE), f"CONTRIBUTING.md no longer names {name}"


def test_rule_families_live_in_the_modules_the_guide_lists() -> None:
    listed = dict(re.findall(r"`(\w+)\.py` ([A-Z](?: and [A-Z])?)(?=[,)])", GUIDE))
    actual: dict[str, set[str]] = {}
    for code, entry in all_codes().items():
        if isinstance(entry, Rule) and entry.check is not None:
            actual.setdefault(entry.check.__module__.rsplit(".", 1)[-1], set()).add(code[0])
    assert {module: set(prefixes.split(" and ")) for module, prefixes in listed.items()} == actual


def _format_choices(parser: argparse.ArgumentParser, command: str) -> set[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    return set(next(a for a in sub._actions if a.dest == "fmt").choices or ())


@pytest.mark.parametrize("command", ["validate", "ingest"])
def test_an_output_format_is_one_entry_of_the_registry(command: str) -> None:
    assert _format_choices(build_parser(), command) == set(FORMATS)
