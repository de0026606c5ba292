"""A release folder is checked against its manifest by `claimkit verify` and before `claimkit load`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from claimkit.cli import main
from claimkit.errors import ReleaseError
from claimkit.release.build import build_release
from claimkit.release.load import LoadedConfig, card_metadata, first_claim, load_release
from claimkit.release.settings import DatasetSettings
from claimkit.release.verify import verify_release
from tests.errors import raises_code

MakeCorpus = Callable[..., Path]
CLAIMS = "data/claims/train-00000-of-00001.parquet"


@pytest.fixture
def built(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> Path:
    """A release of 12 documents, built once per test."""
    result = build_release(make_corpus(12), "1.0.0", tmp_path / "dist", records=tmp_path / "r", settings=settings)
    assert (result.folder / CLAIMS).is_file()
    return result.folder


def _found(folder: Path) -> set[tuple[str, str]]:
    return {(issue.code, Path(issue.location.file or "").name) for issue in verify_release(folder).issues}


def _rewrite_claim_text(folder: Path) -> None:
    """What a tamperer does: change the text of the first claim and write a valid Parquet file."""
    table = pq.read_table(folder / CLAIMS)
    texts = table.column("text").to_pylist()
    texts[0] = "لم يقل الوزير شيئاً"
    column = table.schema.get_field_index("text")
    pq.write_table(table.set_column(column, "text", pc.cast(texts, table.schema.field("text").type)), folder / CLAIMS)


def _forge_manifest(folder: Path, name: str) -> None:
    """Update the manifest (and SHA256SUMS) to a changed file, as a forger would."""
    data = (folder / name).read_bytes()
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["files"][name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_an_intact_release_verifies_also_with_sha256sum(built: Path) -> None:
    assert verify_release(built).issues == []
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "--quiet", "-c", "SHA256SUMS"], cwd=built, check=True)
    assert "sha256sum -c SHA256SUMS" in (built / "README.md").read_text(encoding="utf-8")


def test_a_rewritten_claim_text_is_found(built: Path) -> None:
    size = (built / CLAIMS).stat().st_size
    _rewrite_claim_text(built)
    code = "V005" if (built / CLAIMS).stat().st_size == size else "V004"
    assert _found(built) == {(code, Path(CLAIMS).name)}


def test_a_changed_byte_of_the_same_size_is_found(built: Path) -> None:
    card = built / "croissant.json"
    data = bytearray(card.read_bytes())
    data[10] = ord("X") if data[10] != ord("X") else ord("Y")
    card.write_bytes(bytes(data))
    assert _found(built) == {("V005", "croissant.json")}


def test_missing_and_extra_files_are_found(built: Path) -> None:
    (built / "croissant.json").unlink()
    shutil.copy(built / CLAIMS, built / "data" / "claims" / "train-00001-of-00001.parquet")
    (built / "notes.txt").write_text("mine", encoding="utf-8")
    assert _found(built) == {
        ("V003", "croissant.json"),
        ("V006", "train-00001-of-00001.parquet"),
        ("V006", "notes.txt"),
    }


def test_a_truncated_download_is_found(built: Path) -> None:
    path = built / CLAIMS
    path.write_bytes(path.read_bytes()[:-100])
    assert _found(built) == {("V004", Path(CLAIMS).name)}


def test_a_corrupted_parquet_file_is_found_even_with_a_forged_manifest(built: Path) -> None:
    path = built / CLAIMS
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 64] = b"\x00" * 64
    path.write_bytes(bytes(data))
    assert _found(built) == {("V005", path.name)}
    _forge_manifest(built, CLAIMS)
    assert _found(built) == {("V007", path.name), ("V009", "SHA256SUMS")}  # SHA256SUMS left as published


def test_a_missing_or_broken_manifest_is_found(built: Path) -> None:
    manifest = built / "manifest.json"
    manifest.write_text('{"files": {"../outside": {"sha256": "00", "bytes": 1}}}', encoding="utf-8")
    assert ("V008", "manifest.json") in _found(built)
    manifest.write_text("{not json", encoding="utf-8")
    assert _found(built) == {("V002", "manifest.json")}
    manifest.write_text('{"files": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")  # RecursionError
    assert _found(built) == {("V002", "manifest.json")}
    manifest.unlink()
    assert _found(built) == {("V001", "manifest.json")}


@pytest.mark.parametrize("damage", ["tampered", "missing", "extra", "corrupted"])
def test_verify_and_load_refuse_a_damaged_release(built: Path, damage: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = {"tampered": "V005", "missing": "V003", "extra": "V006", "corrupted": "V007"}[damage]
    if damage == "tampered":
        (built / "README.md").write_text((built / "README.md").read_text(encoding="utf-8") + "x", encoding="utf-8")
        expected = "V004"
    elif damage == "missing":
        (built / "schema.json").unlink()
    elif damage == "extra":
        (built / "data" / "claims" / "more.parquet").write_bytes((built / CLAIMS).read_bytes())
    else:
        (built / CLAIMS).write_bytes(b"PAR1" + b"\x00" * 200 + b"PAR1")
        _forge_manifest(built, CLAIMS)
    assert main(["verify", str(built), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    forged = ["V009"] if damage == "corrupted" else []  # the manifest was forged, SHA256SUMS was not
    assert sorted(issue["code"] for issue in report["issues"]) == [expected, *forged]
    assert main(["load", str(built)]) == 1
    captured = capsys.readouterr()
    assert expected in captured.out
    assert "internal error" not in captured.err


def test_load_turns_unreadable_data_into_a_coded_error(built: Path, tmp_path: Path) -> None:
    """Past the manifest (e.g. a forged one), what datasets raises is E310, never an internal error."""
    (built / CLAIMS).write_bytes(b"PAR1" + b"\x00" * 200 + b"PAR1")
    with raises_code("E310", ReleaseError):
        load_release(built, tmp_path / "cache")


def test_verify_and_load_accept_an_intact_release(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(built)]) == 0
    assert "files match manifest.json" in capsys.readouterr().out
    assert main(["load", str(built)]) == 0
    assert "claims:" in capsys.readouterr().out


def test_a_file_forged_in_the_manifest_but_not_in_sha256sums_is_found(built: Path) -> None:
    """SHA256SUMS is what a user compares with the publisher's: a forger who rewrites the manifest but
    leaves SHA256SUMS as published must not pass ``verify``, whose report the user trusts."""
    published = (built / "SHA256SUMS").read_bytes()
    _rewrite_claim_text(built)
    _forge_manifest(built, CLAIMS)
    assert (built / "SHA256SUMS").read_bytes() == published
    assert _found(built) == {("V009", "SHA256SUMS")}


def test_a_manifest_that_lists_a_file_twice_is_invalid(built: Path) -> None:
    """Which entry would count? The first, forged, or the last: neither is trusted (V002)."""
    manifest = built / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"files": {', '"files": {"README.md": {"sha256": "00", "bytes": 1}, ', 1))
    assert _found(built) == {("V002", "manifest.json")}


@pytest.mark.parametrize("entry", ["named-pipe", "link-loop", "link-to-a-folder"])
def test_links_and_pipes_added_to_a_release_are_extra(built: Path, tmp_path: Path, entry: str) -> None:
    path = built / "data" / "extra"
    if entry == "named-pipe":
        os.mkfifo(path)
    elif entry == "link-loop":
        path.symlink_to(path)
    else:
        (tmp_path / "elsewhere").mkdir()
        path.symlink_to(tmp_path / "elsewhere")
    assert _found(built) == {("V006", "extra")}


def test_load_refuses_a_card_whose_metadata_is_not_yaml(built: Path) -> None:
    readme = built / "README.md"
    readme.write_text("---\nconfigs: [unclosed\n---\n" + readme.read_text(encoding="utf-8"), encoding="utf-8")
    with raises_code("E310", ReleaseError):
        card_metadata(built)
    readme.write_text("---\nno end of the block\n", encoding="utf-8")
    with raises_code("E310", ReleaseError):
        card_metadata(built)


def test_a_claims_table_without_the_columns_of_a_release_is_refused_when_shown() -> None:
    """A forged release whose manifest matches: `claimkit load` says E310, not an internal KeyError."""
    with raises_code("E310", ReleaseError):
        first_claim(LoadedConfig("claims", {"train": 1}, {"x": None}, {"x": 1}))


def test_two_releases_of_one_name_load_each_its_own_rows(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    """datasets keys its cache by the folder's name: `claimkit load` (and `release --load`) of a second
    release of that name showed the first one's rows, so the load-back confirmed nothing."""
    corpus = make_corpus(12)
    first = build_release(corpus, None, tmp_path / "a", records=tmp_path / "r", settings=settings).folder
    sorted(corpus.glob("*.json"))[0].unlink()  # the same split files, one document fewer
    second = build_release(corpus, None, tmp_path / "b", records=tmp_path / "r", settings=settings).folder
    assert first.name == second.name
    assert sorted(p.name for p in first.rglob("*.parquet")) == sorted(p.name for p in second.rglob("*.parquet"))
    rows = [sum(c.rows.values()) for folder in (first, second) for c in load_release(folder) if c.name == "documents"]
    assert rows == [12, 11]


def test_a_category_id_outside_its_labels_is_refused_when_shown() -> None:
    from datasets import ClassLabel

    config = LoadedConfig("claims", {"train": 1}, {"category": ClassLabel(names=["a"])}, {"category": 99, "text": "x"})
    with raises_code("E310", ReleaseError):
        first_claim(config)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("counts", None),  # one claim more than the Parquet file holds
        ("version", "9.9.9"),
        ("corpus_commit", "0" * 40),
        ("date", "2020-01-01"),
    ],
)
def test_an_edited_fact_of_the_manifest_is_found(built: Path, field: str, value: str | None) -> None:
    """The manifest's facts are in no checksum: they passed edited (hostile review). Its counts are
    compared with the Parquet rows, its version, commit and date with the card's version line."""
    manifest = json.loads((built / "manifest.json").read_text())
    if field == "counts":
        manifest["counts"]["claims"]["train"] += 1
    else:
        manifest[field] = value
    (built / "manifest.json").write_text(json.dumps(manifest))
    assert _found(built) == {("V010", "manifest.json")}
