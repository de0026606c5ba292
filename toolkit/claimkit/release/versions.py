"""Release records and semantic versions.

A record of each release (``releases/<version>.json``, committed) holds what the release contains:
every document id with the hash of its released content, its split, and its claims' spans and
categories, plus the schema, guidelines, split settings and the ClassLabel ids of every label set
(``label_sets``: a label's position in its list is its id; see :mod:`claimkit.release.labels`).
Later versions are compared against it without keeping old builds, a version is never rebuilt with
other content, and the version bump must match the change:

- **major**: readers break or results are not comparable: the schema's or the guidelines' major
  version changed, a label was removed or renamed or its id moved, split settings changed, a
  document was removed;
- **minor**: something was added: documents, labels (with the next free id), a schema minor version;
- **patch**: corrections to released documents.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_serializer, field_validator

from claimkit.errors import (
    INSUFFICIENT_BUMP,
    INVALID_VERSION,
    NOTHING_TO_RELEASE,
    UNREADABLE_RECORD,
    VERSION_IMMUTABLE,
    VERSION_OLDER,
    ReleaseError,
    UsageError,
)
from claimkit.model import Annotation, Document
from claimkit.release.labels import Bump, LabelIds, label_changes
from claimkit.release.recorded import (
    RecordedDocument,
    RecordedDocuments,
    by_id,
    compare_documents,
    read_documents,
    scan_value,
    skip_space,
    walk_object,
)
from claimkit.storage import atomic_write_text, dump_json

__all__ = [
    "Bump",
    "RecordedDocument",
    "ReleaseRecord",
    "base_record",
    "check_published_files",
    "check_version",
    "content_hash",
    "encode_claims",
    "latest_before",
    "load_records",
    "parse_version",
    "read_record",
    "record_text",
    "required_bump",
    "write_record",
]

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")


class ReleaseRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    date: date
    corpus_commit: str
    schema_version: str
    guidelines_version: str
    split_ratios: dict[str, float]
    split_salt: str
    #: The ClassLabel ids of every label set: a label's position is its id (append-only, see labels.py).
    label_sets: LabelIds
    #: The ids of ``ClaimCategory`` again, which ``RecordedDocument.claims`` refers to.
    categories: list[str]
    #: Read from a record file or made by a build, the documents are on disk
    #: (:class:`claimkit.release.recorded.RecordedDocuments`): a record holds one per document.
    documents: Mapping[str, RecordedDocument]
    notes: str | None = None
    #: The SHA-256 of every file the release folder was published with (as its manifest lists them):
    #: a rebuild must give the same files, not only the same data. Absent from records made before.
    files: dict[str, str] | None = None
    #: The versions of what wrote those files (claimkit: the card; pyarrow: the Parquet bytes).
    built_with: dict[str, str] | None = None

    @field_validator("label_sets")
    @classmethod
    def _labels_once(cls, label_sets: LabelIds) -> LabelIds:
        """A label's position is its id: a name listed twice would give one label two ids."""
        for name, labels in label_sets.items():
            repeated = sorted({label for label in labels if labels.count(label) > 1})
            if repeated:
                raise ValueError(f"label set {name!r} lists {', '.join(map(repr, repeated))} more than once")
        return label_sets

    @field_validator("categories")
    @classmethod
    def _categories_once(cls, categories: list[str]) -> list[str]:
        if len(set(categories)) != len(categories):
            raise ValueError("categories lists a category more than once")
        return categories

    @field_serializer("documents")
    def _documents(self, documents: Mapping[str, RecordedDocument]) -> dict[str, RecordedDocument]:
        """Dumped as a dict, whatever holds them (:func:`write_record` writes them one by one instead)."""
        return dict(documents.items())

    def same_content(self, other: ReleaseRecord) -> bool:
        """Whether both releases contain the same, whenever and from whichever commit they were built."""
        apart = {"version", "date", "corpus_commit", "notes", "documents", "files", "built_with"}  # documents: 1 by 1
        if self.model_dump(mode="json", exclude=apart) != other.model_dump(mode="json", exclude=apart):
            return False
        mine, theirs = self.documents, other.documents
        return len(mine) == len(theirs) and all(a == b for a, b in zip(by_id(mine), by_id(theirs), strict=True))


def encode_claims(gold: Annotation, categories: list[str]) -> str:
    """The compact claim list of a record, with category ids taken from ``categories``."""
    ids = {name: number for number, name in enumerate(categories)}
    return " ".join(f"{c.start}:{c.end}:{ids[c.category.value]}" for c in gold.claims)


def parse_version(version: str) -> tuple[int, int, int]:
    match = _SEMVER.match(version)
    if match is None:
        raise UsageError(
            INVALID_VERSION, f"version {version!r} is not MAJOR.MINOR.PATCH (semantic versioning, e.g. 1.2.0)"
        )
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def content_hash(document: Document, gold: Annotation) -> str:
    """SHA-256 of what a release publishes of a document: the document and its gold annotation."""
    released = {
        "document": document.model_dump(mode="json", exclude_none=True),
        "gold": gold.model_dump(mode="json", exclude_none=True, exclude={"created_at", "updated_at", "origin"}),
    }
    return hashlib.sha256(json.dumps(released, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _parse_record(text: str) -> ReleaseRecord:
    fields: dict[str, Any] = {}
    documents = RecordedDocuments()

    def take(key: str, start: int) -> int:
        if key in fields:  # a record is written by claimkit: a repeated key is damage
            raise json.JSONDecodeError(f"the key {key!r} appears twice", text, start)
        if key == "documents":
            fields[key] = {}
            return read_documents(text, start, documents)
        fields[key], end = scan_value(text, start)
        return end

    end = walk_object(text, 0, take)
    if skip_space(text, end) != len(text):  # JSON white space only: str.strip() would take U+0085 too
        raise json.JSONDecodeError("extra data after the record", text, end)
    record = ReleaseRecord.model_validate_json(json.dumps(fields))
    _check_entries(record, documents)
    return record.model_copy(update={"documents": documents})


def _check_entries(record: ReleaseRecord, documents: RecordedDocuments) -> None:
    """What a document entry refers to exists in its record: its split, its claims' category ids."""
    categories = len(record.categories)
    for doc_id, entry in documents.items():
        if entry.split not in record.split_ratios:
            raise ValueError(f"the entry of document {doc_id!r} names the split {entry.split!r}, not in the record")
        if any(category >= categories for _, _, category in entry.claim_spans()):
            raise ValueError(f"the entry of document {doc_id!r} names a category id the record does not have")


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return str(error.strerror)
    if isinstance(error, RecursionError):
        return "nested deeper than a record can be"
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'/'.join(map(str, first['loc'])) or 'the record'}: {first['msg']}"
    return str(error).splitlines()[0]


def read_record(path: Path) -> ReleaseRecord:
    """One record file. Its documents go to disk (:class:`RecordedDocuments`) as they are read: parsed
    whole, a record of 100,000 documents took 120 MB of memory, and a release reads every record."""
    try:
        return _parse_record(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, TypeError, RecursionError) as error:  # JSON, validation
        raise ReleaseError(UNREADABLE_RECORD, f"cannot read the release record {path}: {_reason(error)}") from None


def load_records(folder: Path) -> dict[str, ReleaseRecord]:
    """Every record of the folder, by version: each file is named after the version it holds (a copy
    under another name, ``0.2.0 (copy).json``, must not stand in for the real record)."""
    records = {}
    for path in sorted(folder.glob("*.json")):
        record = read_record(path)
        if path.name != f"{record.version}.json":
            message = f"the release record {path} holds version {record.version}: a record is named <version>.json"
            raise ReleaseError(UNREADABLE_RECORD, message)
        records[record.version] = record
    return records


def _document_lines(documents: Mapping[str, RecordedDocument]) -> Iterator[str]:
    """The ``documents`` member of a record file, as :func:`dump_json` writes it, one document at a time."""
    if not documents:
        yield "{}"
        return
    yield "{\n"
    for number, (doc_id, entry) in enumerate(documents.items()):
        text = json.dumps({doc_id: dataclasses.asdict(entry)}, ensure_ascii=False, indent=2)
        # split at "\n" only, not splitlines(): json leaves U+0085 or U+2028 raw inside strings
        inner = "\n".join(f"  {line}" for line in text.split("\n")[1:-1])
        yield ("" if number == 0 else ",\n") + inner
    yield "\n  }"


def record_text(record: ReleaseRecord) -> Iterator[str]:
    """The text of a record file in pieces (the same as :func:`dump_json` of the whole record, which
    would hold every document's entry in memory at once)."""
    fields = record.model_dump(mode="json", exclude_none=True, exclude={"documents"})
    order = [name for name in ReleaseRecord.model_fields if name in fields or name == "documents"]
    head, tail = dump_json({name: fields.get(name, {}) for name in order}).split('\n  "documents": {}', 1)
    yield head + '\n  "documents": '
    yield from _document_lines(record.documents)
    yield tail


def write_record(folder: Path, record: ReleaseRecord) -> Path:
    target = folder / f"{record.version}.json"
    atomic_write_text(target, record_text(record))
    return target


def latest_before(records: dict[str, ReleaseRecord], version: str) -> ReleaseRecord | None:
    earlier = [v for v in records if parse_version(v) < parse_version(version)]
    return records[max(earlier, key=parse_version)] if earlier else None


def base_record(records: dict[str, ReleaseRecord], version: str | None) -> ReleaseRecord | None:
    """The release whose label ids bind a build of ``version``: that version itself when it is recorded
    (a rebuild), else the latest before it; for a snapshot (``None``) the latest of all."""
    if version is None:
        return records[max(records, key=parse_version)] if records else None
    return records.get(version) or latest_before(records, version)


def _major(version: str) -> str:
    return version.split(".", 1)[0]


Reason = tuple[Bump, str]


def _version_reasons(previous: ReleaseRecord, current: ReleaseRecord) -> list[Reason]:
    reasons: list[Reason] = []
    if _major(previous.schema_version) != _major(current.schema_version):
        reasons.append((Bump.MAJOR, f"schema {previous.schema_version} -> {current.schema_version}"))
    elif previous.schema_version != current.schema_version:
        reasons.append((Bump.MINOR, f"schema {previous.schema_version} -> {current.schema_version}"))
    if _major(previous.guidelines_version) != _major(current.guidelines_version):
        reasons.append((Bump.MAJOR, f"guidelines {previous.guidelines_version} -> {current.guidelines_version}"))
    if (previous.split_ratios, previous.split_salt) != (current.split_ratios, current.split_salt):
        reasons.append((Bump.MAJOR, "split settings changed: documents would move between splits"))
    return reasons


def _document_reasons(previous: ReleaseRecord, current: ReleaseRecord) -> list[Reason]:
    changes = compare_documents(previous.documents, current.documents)
    reasons: list[Reason] = []
    if changes.removed:
        reasons.append((Bump.MAJOR, f"{len(changes.removed)} documents removed"))
    if changes.added:
        reasons.append((Bump.MINOR, f"{len(changes.added)} documents added"))
    if changes.changed:
        reasons.append((Bump.PATCH, f"{len(changes.changed)} documents corrected"))
    return reasons


def required_bump(previous: ReleaseRecord, current: ReleaseRecord) -> tuple[Bump, list[str]]:
    """The smallest bump the change from ``previous`` to ``current`` needs, with the reasons."""
    labels = [(c.bump, c.describe()) for c in label_changes(previous.label_sets, current.label_sets)]
    reasons = [*_version_reasons(previous, current), *labels, *_document_reasons(previous, current)]
    level = max((bump for bump, _ in reasons), default=Bump.NONE)
    return level, [reason for _, reason in reasons]


def _bump_between(old: str, new: str) -> Bump:
    (a, b, c), (x, y, z) = parse_version(old), parse_version(new)
    if x != a:
        return Bump.MAJOR
    if y != b:
        return Bump.MINOR
    return Bump.PATCH if z != c else Bump.NONE


def check_published_files(recorded: ReleaseRecord, built: dict[str, str], tools: dict[str, str]) -> None:
    """A rebuild gives the files its version was published with (E301): the same data with another
    card (settings in pyproject.toml, the annotators' agreement) would be another release."""
    if recorded.files is None or recorded.files == built:
        return
    names = sorted(n for n in set(recorded.files) | set(built) if recorded.files.get(n) != built.get(n))
    then = recorded.built_with or {}
    other = [f"{name} {then[name]} (now {version})" for name, version in tools.items() if then.get(name) != version]
    if other:
        why = f"it was built with {', '.join(other)}"
    else:
        why = "the card's settings ([tool.claimkit.dataset]) or the annotators' annotations (agreement) changed"
    raise ReleaseError(
        VERSION_IMMUTABLE,
        f"rebuilding {recorded.version} gives other files than it was published with ({', '.join(names)}): {why}",
        hint="publish the changes as a new version; or rebuild from the recorded commit, with its settings and the "
        "versions the record names (built_with)",
    )


def _same_content(existing: ReleaseRecord, current: ReleaseRecord) -> str:
    if not existing.same_content(current):
        raise ReleaseError(
            VERSION_IMMUTABLE,
            f"version {current.version} was released with other content; a version is immutable",
            hint="release the changes under a new version (see `claimkit diff`)",
        )
    return "rebuild"


def _enough_bump(previous: ReleaseRecord, current: ReleaseRecord) -> None:
    needed, reasons = required_bump(previous, current)
    if needed is Bump.NONE:
        raise ReleaseError(NOTHING_TO_RELEASE, f"nothing changed since {previous.version}; there is nothing to release")
    actual = _bump_between(previous.version, current.version)
    if actual < needed:
        raise ReleaseError(
            INSUFFICIENT_BUMP,
            f"{previous.version} -> {current.version} is a {actual.name.lower()} bump, but the changes need a "
            f"{needed.name.lower()} one: {'; '.join(reasons)}",
            hint="choose the version by the rules in `claimkit release --help`",
        )


def check_version(records: dict[str, ReleaseRecord], current: ReleaseRecord) -> str:
    """Refuse a version that exists with other content or whose bump does not match the change.

    Returns ``"rebuild"`` when the version exists with exactly this content, else ``"new"``.
    """
    version = current.version
    parse_version(version)
    if version in records:
        return _same_content(records[version], current)
    later = [v for v in records if parse_version(v) > parse_version(version)]
    if later:
        raise ReleaseError(
            VERSION_OLDER, f"version {version} is older than the released {max(later, key=parse_version)}"
        )
    previous = latest_before(records, version)
    if previous is not None:
        _enough_bump(previous, current)
    return "new"
