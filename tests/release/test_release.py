"""Building, versioning, diffing and loading releases with `datasets` (offline)."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from claimkit.errors import HubError, ReleaseError
from claimkit.loading import load_file
from claimkit.release.build import build_release
from claimkit.release.configs import CONFIGS
from claimkit.release.diff import diff_records
from claimkit.release.hub import push_to_hub
from claimkit.release.labels import taxonomy_labels
from claimkit.release.load import card_metadata, load_release
from claimkit.release.settings import DatasetSettings
from claimkit.release.splits import assign_split
from claimkit.release.versions import load_records
from claimkit.storage import write_document_file
from claimkit.taxonomy import ClaimCategory
from tests.errors import raises_code
from tests.release.gitrepo import commit, init

MakeCorpus = Callable[..., Path]


def _build(corpus: Path, version: str | None, tmp_path: Path, settings: DatasetSettings, out: str = "dist"):  # type: ignore[no-untyped-def]
    return build_release(corpus, version, tmp_path / out, records=tmp_path / "releases", settings=settings)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _edit_first_claim(corpus: Path, category: str) -> str:
    path = sorted(corpus.glob("*.json"))[0]
    file = load_file(path).file
    assert file is not None and file.gold is not None
    claims = list(file.gold.claims)
    claims[0] = claims[0].model_copy(update={"category": ClaimCategory(category)})
    write_document_file(path, file.model_copy(update={"gold": file.gold.model_copy(update={"claims": claims})}))
    commit(corpus)
    return file.document.id


def _categories(corpus: Path) -> Counter[str]:
    """Claim categories counted from the corpus files themselves."""
    counts: Counter[str] = Counter()
    for path in corpus.glob("*.json"):
        gold = load_file(path).file.gold  # type: ignore[union-attr]
        counts.update(str(claim.category) for claim in gold.claims)  # type: ignore[union-attr]
    return counts


def test_every_config_loads_with_datasets(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> None:
    corpus = make_corpus(12)
    result = _build(corpus, "1.0.0", tmp_path, settings)
    loaded = {config.name: config for config in load_release(result.folder, tmp_path / "cache")}
    assert set(loaded) == {config.name for config in CONFIGS}
    for config in CONFIGS:
        assert loaded[config.name].features == config.features(taxonomy_labels())
        assert loaded[config.name].rows == dict(result.stats.rows[config.name])
    assert sum(loaded["documents"].rows.values()) == 12
    assert sum(loaded["claims"].rows.values()) == 12 * 6
    claim = loaded["claims"].first
    assert claim is not None
    assert claim["sentence"].find(claim["text"]) >= 0


def test_card_yaml_parses_and_matches_the_files(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    result = _build(make_corpus(12), "1.0.0", tmp_path, settings)
    metadata = card_metadata(result.folder)
    referenced = set()
    for config in metadata["configs"]:
        for entry in config["data_files"]:
            matches = list(result.folder.glob(entry["path"]))
            assert len(matches) == 1, entry
            referenced.add(matches[0])
    assert referenced == set(result.folder.rglob("*.parquet"))
    assert metadata["size_categories"] == ["n<1K"]
    assert [c["config_name"] for c in metadata["configs"] if c.get("default")] == ["claims"]
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {p for p in _files(result.folder) if p != "manifest.json"}
    assert "SHA256SUMS" in manifest["files"]
    assert "rai:dataAnnotationProtocol" in json.loads((result.folder / "croissant.json").read_text())


def test_empty_splits_are_left_out(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> None:
    corpus = make_corpus(1)
    result = _build(corpus, "1.0.0", tmp_path, settings)
    splits = {e["split"] for c in card_metadata(result.folder)["configs"] for e in c["data_files"]}
    assert len(splits) == 1
    assert sum(c.rows[next(iter(c.rows))] for c in load_release(result.folder, tmp_path / "cache")) > 0


def test_rebuilding_gives_byte_identical_files(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(8)
    first = _build(corpus, "1.0.0", tmp_path, settings, out="one")
    second = _build(corpus, "1.0.0", tmp_path, settings, out="two")
    assert second.action == "rebuild"
    assert _files(first.folder) == _files(second.folder)


def test_a_version_is_never_rebuilt_with_another_card(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    """Same data, other files: an edited pretty_name (or agreement section) makes another README.md
    and croissant.json than the version was published with. The record keeps every file's SHA-256."""
    corpus = make_corpus(4)
    first = _build(corpus, "1.0.0", tmp_path, settings)
    assert first.record.files is not None and {"README.md", "manifest.json"} <= set(first.record.files)
    assert first.record.built_with is not None and set(first.record.built_with) == {"claimkit", "pyarrow"}
    before = _files(tmp_path / "dist")
    with raises_code("E301", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, dataclasses.replace(settings, pretty_name="Renamed claims"))
    assert _files(tmp_path / "dist") == before
    assert _build(corpus, "1.0.0", tmp_path, settings).action == "rebuild"


def test_a_version_built_with_another_pyarrow_is_not_rebuilt_as_the_same(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    """The Parquet files name the pyarrow that wrote them: a record made with another one (here: its
    record says so, and its files' sums differ) cannot be rebuilt byte for byte, and E301 says why."""
    corpus = make_corpus(3)
    _build(corpus, "1.0.0", tmp_path, settings)
    path = tmp_path / "releases" / "1.0.0.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["built_with"]["pyarrow"] = "1.0.0"
    parquet = next(name for name in record["files"] if name.endswith(".parquet"))
    record["files"][parquet] = "0" * 64
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    with raises_code("E301", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)


def test_a_version_is_never_rebuilt_with_other_content(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(4)
    _build(corpus, "1.0.0", tmp_path, settings)
    before = _files(tmp_path / "dist")
    _edit_first_claim(corpus, "analyst_opinion")
    with raises_code("E301", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)
    assert _files(tmp_path / "dist") == before


@pytest.mark.parametrize(
    ("change", "too_small", "enough"),
    [("add", "1.0.1", "1.1.0"), ("correct", None, "1.0.1"), ("remove", "1.1.0", "2.0.0"), ("splits", "1.1.0", "2.0.0")],
)
def test_the_bump_must_match_the_change(
    make_corpus: MakeCorpus,
    tmp_path: Path,
    settings: DatasetSettings,
    change: str,
    too_small: str | None,
    enough: str,
) -> None:
    corpus = make_corpus(4)
    _build(corpus, "1.0.0", tmp_path, settings)
    if change == "add":
        make_corpus(2, start=100)
    elif change == "correct":
        _edit_first_claim(corpus, "analyst_opinion")
    elif change == "remove":
        sorted(corpus.glob("*.json"))[-1].unlink()
        commit(corpus)
    else:
        settings = settings.with_ratios({"train": 0.5, "validation": 0.25, "test": 0.25})
    if too_small:
        with raises_code("E304", ReleaseError):
            _build(corpus, too_small, tmp_path, settings)
    assert _build(corpus, enough, tmp_path, settings).action == "new"
    assert set(load_records(tmp_path / "releases")) == {"1.0.0", enough}


def test_nothing_to_release_and_older_versions_are_refused(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(3)
    _build(corpus, "1.2.0", tmp_path, settings)
    with raises_code("E303", ReleaseError):
        _build(corpus, "1.2.1", tmp_path, settings)
    make_corpus(1, start=50)
    with raises_code("E302", ReleaseError):
        _build(corpus, "1.1.0", tmp_path, settings)


def test_splits_are_stable_across_versions(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> None:
    corpus = make_corpus(30)
    first = _build(corpus, "1.0.0", tmp_path, settings).record
    make_corpus(30, start=500)
    second = _build(corpus, "1.1.0", tmp_path, settings).record
    for doc_id, recorded in first.documents.items():
        assert second.documents[doc_id].split == recorded.split
    assert {d.split for d in second.documents.values()} == {"train", "validation", "test"}
    assert assign_split("bench-000007") == assign_split("bench-000007")


def test_diff_reports_documents_and_category_changes(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    corpus = make_corpus(5)
    old = _build(corpus, "1.0.0", tmp_path, settings).record
    counted_before = _categories(corpus)
    first_claim = load_file(sorted(corpus.glob("*.json"))[0]).file.gold.claims[0]  # type: ignore[union-attr]
    target = "reported_fact" if first_claim.category != "reported_fact" else "analyst_opinion"
    changed = _edit_first_claim(corpus, target)
    make_corpus(1, start=300)
    sorted(corpus.glob("*.json"))[-2].unlink()
    commit(corpus)
    new = _build(corpus, "2.0.0", tmp_path, settings).record
    diff = diff_records(old, new)
    assert diff.added == ["bench-000300"]
    assert diff.removed == ["bench-000004"]
    assert diff.changed == [changed]
    assert [(c.doc_id, c.start, c.before, c.after) for c in diff.category_changes] == [
        (changed, first_claim.start, str(first_claim.category), target)
    ]
    assert diff.before == counted_before
    assert diff.after == _categories(corpus)


def test_release_refuses_an_invalid_corpus(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> None:
    corpus = make_corpus(2)
    (corpus / "broken.json").write_text("{", encoding="utf-8")
    commit(corpus)
    with raises_code("E305", ReleaseError):
        _build(corpus, "1.0.0", tmp_path, settings)
    assert not (tmp_path / "releases").exists()


def test_a_record_that_cannot_be_written_leaves_no_release_folder(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only releases/ (root, who runs CI, writes anywhere: the refusal is injected with the
    operating system's own error): no folder may be published without the record that pins it."""
    import errno

    import claimkit.release.build as build

    def refused(records: Path, _record: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(records / ".1.0.0.json.tmp"))

    monkeypatch.setattr(build, "write_record", refused)
    with pytest.raises(PermissionError):
        _build(make_corpus(2), "1.0.0", tmp_path, settings)
    assert list((tmp_path / "dist").iterdir()) == []


def test_push_to_hub_fails_clearly_offline(make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings) -> None:
    result = _build(make_corpus(2), "1.0.0", tmp_path, settings)
    before = _files(result.folder)
    with raises_code("E401", HubError) as raised:
        push_to_hub(result.folder, "claimkit/test-dataset", "1.0.0")
    assert "nothing was sent" in (raised.value.hint or "")
    assert _files(result.folder) == before


def test_card_lists_the_yaml_keys_the_hub_reads(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    result = _build(make_corpus(3), "1.0.0", tmp_path, settings)
    text = (result.folder / "README.md").read_text(encoding="utf-8")
    metadata = yaml.safe_load(text.split("---\n")[1])
    for key in ("license", "language", "pretty_name", "size_categories", "task_categories", "configs"):
        assert key in metadata
    for section in (
        "## Summary",
        "## Schema and label definitions",
        "## Guidelines",
        "## Statistics",
        "## Agreement",
        "## License",
        "## How it was made",
        "## Verifying a download",
        "## Limitations",
        "## Citation",
    ):
        assert section in text


def test_croissant_metadata_validates_and_reads_the_data(
    make_corpus: MakeCorpus, tmp_path: Path, settings: DatasetSettings
) -> None:
    import mlcroissant

    result = _build(make_corpus(3), "1.0.0", tmp_path, settings)
    dataset = mlcroissant.Dataset(jsonld=str(result.folder / "croissant.json"))
    records = list(dataset.records("claims"))
    assert len(records) == sum(result.stats.rows["claims"].values())
    assert {key.split("/", 1)[1] for key in records[0]} >= {"doc_id", "claim_id", "start", "end", "category"}


def test_row_encoder_matches_datasets_own_encoding(make_corpus: MakeCorpus) -> None:
    from claimkit.release.features import row_encoder

    corpus = make_corpus(3)
    for path in sorted(corpus.glob("*.json")):
        file = load_file(path).file
        assert file is not None and file.gold is not None
        for config in CONFIGS:
            features = config.features(taxonomy_labels())
            for row in config.rows(file.document, file.gold):
                assert row_encoder(features)(row) == features.encode_example(row)


def test_the_card_carries_the_agreement_of_the_corpus(tmp_path: Path, settings: DatasetSettings) -> None:
    from tests.conftest import ROOT

    corpus = tmp_path / "with-annotators"
    seed = load_file(ROOT / "annotations" / "000_f22616ff3d8ce778.json").file
    assert seed is not None and seed.gold is not None
    first = seed.gold.model_copy(update={"annotator": "ann-a", "adjudication": None})
    second = first.model_copy(update={"annotator": "ann-b", "claims": first.claims[:-1]})
    write_document_file(corpus / "000_f22616ff3d8ce778.json", seed.model_copy(update={"annotations": [first, second]}))
    init(corpus)
    commit(corpus)
    settings = dataclasses.replace(settings, license="CC-BY-NC-SA-4.0")  # the seed's own terms
    result = build_release(corpus, "1.0.0", tmp_path / "dist", records=tmp_path / "r", settings=settings)
    card = (result.folder / "README.md").read_text(encoding="utf-8")
    agreement = card.split("## Agreement", 1)[1].split("## How it was made", 1)[0]
    assert "| claim span F1, exact | 0.977 |" in agreement  # 2 * 21 / (22 + 21)
    assert "claim span F1" in json.loads((result.folder / "croissant.json").read_text())["rai:dataAnnotationAnalysis"]
