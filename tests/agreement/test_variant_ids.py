"""Annotators' variants in a reviewer's prediction: an id for any annotator name, and no gold written
when a document of the run cannot be adjudicated.

The documents in ``cases/names`` each have a conflict between ``ann-b`` and an annotator whose name
cannot be part of an id (a space, Arabic, a bidi control, 200 characters); ``aaa.json`` is one the
annotators agree on. Those in ``cases/unplaceable`` have a conflict whose variant cannot get an id at
all. They were made with :mod:`tests.agreement.builders` and pass ``claimkit validate``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from claimkit.adjudicate import adjudicate, review_prediction, variant_id
from claimkit.cli import main
from claimkit.labelstudio.convert import annotation_to_result
from claimkit.loading import load_file
from claimkit.model import Annotation, DocumentFile
from claimkit.taxonomy import AdjudicationMethod
from claimkit.validate import check_document

CASES = Path(__file__).parent / "cases"
NAMES = {"space": "Ahmed Ali", "arabic": "أحمد", "bidi": "ann-\u202ea", "long": "a" * 200}


@pytest.mark.parametrize(
    ("name", "region", "expected"),
    [
        ("x", "c0", "x.c0"),
        ("ann-069e2ac1519b", "c01", "ann-069e2ac1519b.c01"),  # a pseudonym as claimkit ls pull makes them
        ("ann:1", "q-awdahat", "ann:1.q-awdahat"),
        ("a" * 117, "c01", "a" * 117 + ".c01"),  # 121 characters: a valid id before, kept
    ],
)
def test_names_that_made_valid_ids_keep_them(name: str, region: str, expected: str) -> None:
    assert variant_id(name, region) == expected


def test_other_names_get_a_stable_hash_of_their_own() -> None:
    others = [*NAMES.values(), "a" * 117 + "b", "jane.doe", "jane", "annotator-0123456789abcdef"]
    ids = [variant_id(name, "doe.q-awdahat") for name in others]
    assert all(re.fullmatch(r"annotator-[0-9a-f]{16}\.doe\.q-awdahat", i) for i in ids[:-3]), ids
    # "jane.doe" is hashed: kept, it would meet "jane"'s variant of "doe.q-awdahat"; a name looking like
    # a hash is hashed too, so that no kept name is ever another name's hash
    assert ids[-3] != "jane.doe.q-awdahat"
    assert ids[-2] == "jane.doe.q-awdahat"
    assert ids[-1] != "annotator-0123456789abcdef.doe.q-awdahat"
    assert len(set(ids)) == len(ids)
    assert ids == [variant_id(name, "doe.q-awdahat") for name in others]  # the same every run


def _copy(folder: str, *names: str, to: Path) -> None:
    for name in names:
        shutil.copyfile(CASES / folder / name, to / name)


@pytest.mark.parametrize("case", sorted(NAMES), ids=str)
def test_any_annotator_name_is_adjudicated(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The crash: an id made of "Ahmed Ali." failed the id pattern after aaa's gold was written."""
    _copy("names", "aaa.json", f"{case}.json", to=tmp_path)
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 1  # the conflict is left for a reviewer
    out = json.loads(capsys.readouterr().out)
    assert out["issues"] == []
    assert (out["summary"]["gold_written"], out["summary"]["to_review"]) == (["aaa"], [case])
    gold = load_file(tmp_path / "aaa.json").file.gold  # type: ignore[union-attr]
    assert gold is not None
    assert gold.adjudication is not None
    assert gold.adjudication.method is AdjudicationMethod.UNANIMOUS
    assert load_file(tmp_path / f"{case}.json").file.gold is None  # type: ignore[union-attr]


@pytest.mark.parametrize("case", sorted(NAMES), ids=str)
def test_the_reviewer_sees_each_variant_with_its_annotator(case: str) -> None:
    name = NAMES[case]
    file = load_file(CASES / "names" / f"{case}.json").file
    assert file is not None
    adjudicated = adjudicate(file)
    assert adjudicated is not None
    prediction, issues = review_prediction(file, adjudicated)
    assert issues == []
    assert prediction is not None
    Annotation.model_validate(prediction.model_dump())  # every id matches the id pattern
    variants = {c.id: c for c in prediction.claims if c.comment}
    assert set(variants) == {variant_id(name, "c1"), "ann-b.c1"}
    mine = variants[variant_id(name, "c1")]
    # whose it is, in full; a bidi control, which would turn the rest of the line around, as an escape
    assert mine.comment == f"variant by {name.replace(chr(0x202E), chr(92) + 'u202e')}"
    assert (mine.source, mine.cue) == (variant_id(name, "sA"), variant_id(name, "q-awdahat"))
    assert {s.id for s in prediction.sources} == {variant_id(name, "sA"), "ann-b.sA"}
    assert {q.id for q in prediction.cues} == {variant_id(name, "q-awdahat"), "ann-b.q-awdahat"}
    checked = check_document(DocumentFile(document=file.document, gold=prediction))
    assert [i.code for i in checked if i.severity == "error"] == []
    assert annotation_to_result(prediction)


@pytest.mark.parametrize(
    ("case", "why"),
    [("zzz-long-id", "leaves no room"), ("zzz-taken-id", "is already the id of an accepted region")],
    ids=["id-too-long-for-a-prefix", "prefixed-id-taken"],
)
def test_a_document_that_cannot_be_adjudicated_leaves_every_file_as_it_was(
    case: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """aaa.json would get its gold, but zzz comes later and cannot be offered to a reviewer: no file
    is written, and the report says so, where the problem is, and that nothing was written."""
    _copy("unplaceable", "aaa.json", f"{case}.json", to=tmp_path)
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 1
    out = json.loads(capsys.readouterr().out)
    found = [(i["code"], i["location"]["pointer"], Path(i["location"]["file"]).name) for i in out["issues"]]
    assert found == [("G003", "/annotations/1/claims/1/id", f"{case}.json")]
    assert why in out["issues"][0]["message"]
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before  # no temporary file left
    assert out["summary"]["gold_written"] == []

    assert main(["adjudicate", str(tmp_path)]) == 1
    text = capsys.readouterr().out
    assert "aaa: gold not written: not every document could be adjudicated (below)" in text
    assert f"nothing written or pushed: these documents could not be adjudicated: {case}\n" in text


def test_the_documents_that_can_be_adjudicated_are_written_once_the_others_are_fixed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _copy("unplaceable", "aaa.json", "zzz-long-id.json", to=tmp_path)
    fixed = json.loads((tmp_path / "zzz-long-id.json").read_text(encoding="utf-8"))
    fixed["annotations"][1]["claims"][1]["id"] = "c1"
    (tmp_path / "zzz-long-id.json").write_text(json.dumps(fixed, ensure_ascii=False), encoding="utf-8")
    assert main(["adjudicate", str(tmp_path), "--format", "json"]) == 1  # the conflict is left
    out = json.loads(capsys.readouterr().out)
    assert (out["issues"], out["summary"]["gold_written"]) == ([], ["aaa"])


def test_the_heatmap_and_the_hard_cases_page_cannot_share_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--heatmap h.png --hard-cases h.png exited 0 with the PNG overwritten by Markdown (hostile review)."""
    side = tmp_path / "h.png"
    code = main(["agree", str(CASES / "names"), "--heatmap", str(side), "--hard-cases", str(side)])
    assert (code, capsys.readouterr().err.split()[2]) == (2, "E004")
    assert not side.exists()
