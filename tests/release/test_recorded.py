"""The documents of a record being built live on disk: they must answer exactly as the dict they replace,
and the record file written from them piece by piece must be the one written whole."""

from __future__ import annotations

import copy
import json
import pickle
import tempfile
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.cli import main
from claimkit.errors import ConfigError, ReleaseError
from claimkit.release.diff import diff_records
from claimkit.release.recorded import (
    RecordedDocuments,
    by_id,
    compare_documents,
    scan_value,
    skip_space,
    walk_object,
)
from claimkit.release.versions import (
    RecordedDocument,
    ReleaseRecord,
    load_records,
    read_record,
    record_text,
    write_record,
)
from claimkit.storage import dump_json

_IDS = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
_SPANS = st.lists(st.tuples(st.integers(0, 9999), st.integers(0, 9999), st.integers(0, 1)), max_size=4)  # 2 categories
_ENTRIES = st.builds(
    RecordedDocument,
    sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    split=st.sampled_from(["train", "validation", "test"]),
    claims=_SPANS.map(lambda spans: " ".join(f"{s}:{e}:{c}" for s, e, c in spans)),
)
_ADDED = st.lists(st.tuples(_IDS, _ENTRIES), max_size=12)  # ids repeat: a later entry replaces an earlier one


def _stored(added: list[tuple[str, RecordedDocument]]) -> RecordedDocuments:
    stored = RecordedDocuments()
    for doc_id, entry in added:
        stored.add(doc_id, entry)
    return stored


def _record(documents: dict[str, RecordedDocument] | RecordedDocuments, notes: str | None) -> ReleaseRecord:
    record = ReleaseRecord(
        version="1.2.3",
        date=date(2026, 11, 30),
        corpus_commit="c" * 40,
        schema_version="1.1.0",
        guidelines_version="1.1.0",
        split_ratios={"train": 0.8, "validation": 0.1, "test": 0.1},
        split_salt="salt",
        label_sets={"ClaimCategory": ["official_statement", "analyst_opinion"]},
        categories=["official_statement", "analyst_opinion"],
        documents={},
        notes=notes,
    )
    return record.model_copy(update={"documents": documents})


@settings(max_examples=60, deadline=None)
@given(_ADDED)
def test_the_stored_documents_answer_as_a_dict(added: list[tuple[str, RecordedDocument]]) -> None:
    expected = dict(added)
    stored = _stored(added)
    assert len(stored) == len(expected)
    assert list(stored) == list(expected)  # the order added; a replaced id keeps its place
    assert list(stored.items()) == list(expected.items())
    assert list(stored.values()) == list(expected.values())
    assert all(stored[doc_id] == entry for doc_id, entry in expected.items())
    assert bool(stored) == bool(expected)


def test_a_missing_id_is_a_key_error_and_nothing_is_left_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stored = RecordedDocuments()
    stored.add("a", RecordedDocument("0" * 64, "train", "1:2:0"))
    assert list(tmp_path.iterdir()) == []  # unlinked as soon as it is open
    with pytest.raises(KeyError):
        stored["b"]
    assert stored.get("b") is None
    assert "a" in stored
    assert "b" not in stored


@settings(max_examples=60, deadline=None)
@given(_ADDED, st.none() | st.text(max_size=30))
def test_a_record_file_written_in_pieces_is_the_one_written_whole(
    added: list[tuple[str, RecordedDocument]], notes: str | None
) -> None:
    in_memory = _record(dict(added), notes)
    whole = dump_json(in_memory.model_dump(mode="json", exclude_none=True))
    assert "".join(record_text(in_memory)) == whole
    assert "".join(record_text(_record(_stored(added), notes))) == whole
    read_back = ReleaseRecord.model_validate_json(whole)
    assert read_back.same_content(_record(_stored(added), notes))
    assert dict(read_back.documents) == dict(added)
    with tempfile.TemporaryDirectory() as folder:
        written = write_record(Path(folder), _record(_stored(added), notes))
        streamed = read_record(written)  # member by member, into a scratch database
        assert streamed.same_content(in_memory) and list(streamed.documents.items()) == list(dict(added).items())
        assert (streamed.version, streamed.notes) == ("1.2.3", notes)


def test_same_content_compares_every_document() -> None:
    entry = RecordedDocument("0" * 64, "train", "1:2:0")
    stored = _stored([("a", entry), ("b", entry)])
    assert _record({"a": entry, "b": entry}, None).same_content(_record(stored, "other notes"))
    assert not _record({"a": entry}, None).same_content(_record(stored, None))
    changed = RecordedDocument("1" * 64, "train", "1:2:0")
    assert not _record({"a": entry, "b": changed}, None).same_content(_record(stored, None))
    moved = RecordedDocument("0" * 64, "test", "1:2:0")
    assert not _record(stored, None).same_content(_record({"a": entry, "b": moved}, None))


def test_same_content_does_not_depend_on_the_order_documents_were_added() -> None:
    first, second = RecordedDocument("0" * 64, "train", "1:2:0"), RecordedDocument("1" * 64, "test", "")
    stored = _stored([("b", second), ("a", first)])
    assert _record({"a": first, "b": second}, None).same_content(_record(stored, None))
    assert _record(stored, None).same_content(_record(_stored([("a", first), ("b", second)]), None))


def _stored_or_dict(added: list[tuple[str, RecordedDocument]], on_disk: bool) -> Mapping[str, RecordedDocument]:
    return _stored(added) if on_disk else dict(added)


@settings(max_examples=80, deadline=None)
@given(_ADDED, _ADDED, st.booleans(), st.booleans())
def test_documents_are_compared_as_sets_of_ids_and_hashes(
    before: list[tuple[str, RecordedDocument]],
    after: list[tuple[str, RecordedDocument]],
    before_on_disk: bool,
    after_on_disk: bool,
) -> None:
    """The side-by-side walk in id order finds what set operations on dicts find, whatever ids
    (any Unicode: SQLite orders them by UTF-8 bytes, Python by code points) and wherever they live."""
    old, new = dict(before), dict(after)
    changes = compare_documents(_stored_or_dict(before, before_on_disk), _stored_or_dict(after, after_on_disk))
    assert changes.removed == sorted(set(old) - set(new))
    assert changes.added == sorted(set(new) - set(old))
    assert changes.changed == sorted(d for d in set(old) & set(new) if old[d].sha256 != new[d].sha256)
    assert list(by_id(_stored(before))) == sorted(old.items())


def test_write_record_writes_the_stored_documents(tmp_path: Path) -> None:
    entry = RecordedDocument("0" * 64, "train", "1:2:0")
    record = _record(_stored([("وثيقة-1", entry), ('quote"d', entry)]), "notes")
    path = write_record(tmp_path, record)
    assert json.loads(path.read_text("utf-8"))["documents"]["وثيقة-1"] == {
        "sha256": "0" * 64,
        "split": "train",
        "claims": "1:2:0",
    }
    assert load_records(tmp_path)["1.2.3"].same_content(record)
    assert json.loads(record.model_dump_json())["documents"] == json.loads(path.read_text("utf-8"))["documents"]


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.text(max_size=6), _JSON, max_size=5), st.sampled_from([None, 0, 2]), st.booleans())
def test_walking_an_object_member_by_member_reads_what_json_reads(
    value: dict[str, object], indent: int | None, ascii_only: bool
) -> None:
    text = "  " + json.dumps(value, indent=indent, ensure_ascii=ascii_only) + " \n"
    members: dict[str, object] = {}

    def take(key: str, start: int) -> int:
        members[key], end = scan_value(text, start)
        return end

    end = walk_object(text, 0, take)
    assert members == json.loads(text)
    assert text[end:].strip() == ""


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # truncated
        lambda text: text.replace('"documents": {', '"documents": [', 1),
        lambda text: text.replace('"split": "train"', '"split": "train", "extra": 1', 1),
        lambda text: text.replace('"sha256"', '"sha"', 1),
        lambda text: text.replace('"version": "1.2.3"', '"version": 7', 1),
        lambda text: text + "{}",
        lambda text: text.replace('"documents": {', '"documents": {}, "documents": {', 1),  # the key twice
        lambda text: text.replace('"version": "1.2.3"', '"version": "1.2.3", "version": "1.2.4"', 1),
        lambda text: text.replace('"b": {', '"a": {', 1),  # one document listed twice
        lambda text: text + "\x85",  # white space to str.strip(), not to JSON
        lambda text: text + "\u00a0",
        lambda text: text.replace('"split_salt": "salt"', '"split_salt": ' + "[" * 100_000, 1),  # too deep
        lambda _text: "[]",
        lambda _text: "",
        lambda text: text.replace('"1:2:0"', '"1:2:9"', 1),  # a category id the record does not have
        lambda text: text.replace('"1:2:0"', '"1-2-0"', 1),
        lambda text: text.replace('"split": "train"', '"split": "nonsense"', 1),
        lambda text: text.replace('"0000000000', '"zz', 1),  # not a SHA-256
        lambda text: text.replace('"analyst_opinion"', '"official_statement"', 1),  # a label twice: two ids
        lambda text: '"official_statement"'.join(text.rsplit('"analyst_opinion"', 1)),  # a category twice
    ],
)
def test_a_damaged_record_is_a_coded_error(tmp_path: Path, damage: object, capsys: pytest.CaptureFixture[str]) -> None:
    entry = RecordedDocument("0" * 64, "train", "1:2:0")
    path = write_record(tmp_path / "releases", _record({"a": entry, "b": entry}, None))
    assert callable(damage)
    path.write_text(damage(path.read_text("utf-8")), "utf-8")
    with pytest.raises(ReleaseError) as raised:
        read_record(path)
    assert raised.value.code.code == "E312"
    assert main(["diff", "1.2.3", "current", "--records", str(tmp_path / "releases")]) == 1
    assert "E312" in capsys.readouterr().err


def test_diff_counts_every_claim_of_a_span_two_claims_share() -> None:
    """Nested readings of one sentence: two gold claims on one span are two claims, not a change."""
    before = _record({"a": RecordedDocument("0" * 64, "train", "1:2:0 5:9:0")}, None)
    after = _record({"a": RecordedDocument("1" * 64, "train", "1:2:0 1:2:1 5:9:0")}, None)
    diff = diff_records(before, after)
    assert (diff.before, diff.after) == (
        {"official_statement": 2},
        {"official_statement": 2, "analyst_opinion": 1},
    )
    assert [(c.start, c.end, c.before, c.after) for c in diff.category_changes] == [
        (1, 2, "official_statement", "official_statement + analyst_opinion")
    ]


def test_a_record_under_another_name_is_refused(tmp_path: Path) -> None:
    """A stray copy (``1.2.3 (copy).json``, an old state saved under a new name) must not stand in for
    the real record of its version."""
    entry = RecordedDocument("0" * 64, "train", "1:2:0")
    path = write_record(tmp_path / "releases", _record({"a": entry}, None))
    path.rename(path.with_name("1.2.3 (copy).json"))
    with pytest.raises(ReleaseError) as raised:
        load_records(tmp_path / "releases")
    assert raised.value.code.code == "E312"


_MUTATIONS = st.sampled_from(list(' \t\n\x85\xa0,:{}[]"\\0a'))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=4), _JSON, max_size=4), st.data())
def test_the_walker_accepts_exactly_the_objects_json_accepts(value: dict[str, object], data: st.DataObject) -> None:
    text = json.dumps(value, indent=data.draw(st.sampled_from([None, 1])), ensure_ascii=False)
    where = data.draw(st.integers(0, len(text)))
    keep = data.draw(st.booleans())  # insert a character, or replace one
    mutated = text[:where] + data.draw(_MUTATIONS) + text[where + (0 if keep else 1) :]
    try:
        expected = json.loads(mutated)
    except ValueError:
        expected = None
    members: dict[str, object] = {}

    def take(key: str, start: int) -> int:
        members[key], end = scan_value(mutated, start)
        return end

    try:
        accepted = skip_space(mutated, walk_object(mutated, 0, take)) == len(mutated)
    except ValueError:
        accepted = False
    assert accepted == isinstance(expected, dict)
    if accepted:
        assert members == expected


def test_the_documents_copy_and_pickle_as_the_dict_they_stand_for() -> None:
    entry = RecordedDocument("0" * 64, "train", "1:2:0")
    stored = _stored([("5", entry), ("a", entry)])
    assert copy.deepcopy(stored) == {"5": entry, "a": entry}
    assert pickle.loads(pickle.dumps(stored)) == {"5": entry, "a": entry}
    assert 5 not in stored and "5" in stored  # SQLite alone would match 5 to "5"
    assert [1] not in stored
    record = _record(stored, None)
    assert isinstance(record.model_copy(update={"notes": "n"}).documents, RecordedDocuments)  # still on disk


def test_a_temporary_folder_that_cannot_hold_the_scratch_file_is_e218(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_corpus: Callable[..., Path],
) -> None:
    corpus = make_corpus(2)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    with pytest.raises(ConfigError) as raised:
        RecordedDocuments()
    assert raised.value.code.code == "E218"
    out, records = tmp_path / "dist", tmp_path / "releases"
    assert main(["release", "--snapshot", "--corpus", str(corpus), "--out", str(out), "--records", str(records)]) == 2
    assert "E218" in capsys.readouterr().err
    assert not out.exists() or not any(out.iterdir())  # nothing half-built is left
