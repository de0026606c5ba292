"""The codes ingest emits: I for a record that cannot become a document (or one to look at), E8xx
for a run that cannot go on (its exceptions exit with 2)."""

from __future__ import annotations

from claimkit.codes import Scope, declare, declare_command
from claimkit.errors import ClaimkitError
from claimkit.issues import Severity

__all__ = [
    "DOCUMENT_EXISTS",
    "DOCUMENT_TOO_LARGE",
    "DUPLICATE_TEXT",
    "FIELD_NOT_IN_SOURCE",
    "HUB_UNAVAILABLE",
    "ID_COLLISION",
    "INVALID_METADATA",
    "INVALID_TEXT",
    "LANGUAGE_MISMATCH",
    "MISSING_DEPENDENCY",
    "MISSING_METADATA",
    "MISSING_TEXT",
    "MOSTLY_FURNITURE",
    "NEAR_DUPLICATE",
    "NO_ARTICLES_FOUND",
    "NO_RECORDS",
    "OUTPUT_NOT_A_FOLDER",
    "OUTPUT_NOT_WRITABLE",
    "UNREADABLE_RECORD",
    "UNSUPPORTED_INPUT",
    "IngestError",
]


MISSING_METADATA = declare(
    "I001",
    "missing-metadata",
    Severity.ERROR,
    Scope.INPUT,
    """A document cannot be made from a text because required metadata is missing.

    A document needs an outlet, a language and a title. The title is taken from the first line when
    that line looks like a headline (short, not ending a sentence with `.` or `:`); the message says
    why the first line was not taken.""",
    "Pass the value as a flag (--outlet, --language, --title) or a field (--title-field), or in the "
    "sidecar <file>.meta.json.",
)
INVALID_METADATA = declare(
    "I002",
    "invalid-metadata",
    Severity.ERROR,
    Scope.INPUT,
    """A metadata value given for a text is not valid (a date not in YYYY-MM-DD, an unsafe id...).

    Ids are checked with the rule `claimkit validate` applies (D001), so ingest never writes a file
    that validation refuses.""",
    "Correct the value; dates are ISO 8601 (2025-10-03), ids lowercase ASCII slugs (or leave the id out "
    "and let ingest derive one).",
)
DOCUMENT_EXISTS = declare(
    "I003",
    "document-exists",
    Severity.ERROR,
    Scope.INPUT,
    """A document file with this id already exists with a different text.

    Replacing the text of an annotated document would shift every offset in it.""",
    "Ingest the new text under another id, or delete the old file if it holds no annotation you need.",
)
ID_COLLISION = declare(
    "I004",
    "id-collision",
    Severity.ERROR,
    Scope.INPUT,
    """Two inputs of one run would become documents with the same id but different texts.

    The first one is written; the second is refused instead of silently replacing it. Ids derived
    from file names collide when names differ only in case or punctuation (`Report 1.txt`,
    `report-1.txt`).""",
    "Give the inputs distinct ids (an id field with --id-field, a sidecar id, or distinct file names).",
)
MISSING_TEXT = declare(
    "I005",
    "missing-text",
    Severity.ERROR,
    Scope.INPUT,
    """A record has no text: the text field is absent, empty or not a string.""",
    "Name the column that holds the article with --text-field.",
)
UNREADABLE_RECORD = declare(
    "I006",
    "unreadable-record",
    Severity.ERROR,
    Scope.INPUT,
    """One record of a bulk input cannot be read (a line that is not a JSON object, a short CSV row).

    For example a JSON Lines line that is not a JSON object, or a CSV row with more or fewer fields
    than the header. The other records are read; only this one is refused. An input whose columns
    (a CSV header, a Parquet schema) name one twice is refused whole: a reader keeps only one of the
    two. A CSV row whose quoting is broken (a quotation mark inside a quoted field that is not doubled, a quoted field
    never closed) ends its file: the rows after it cannot be told apart reliably.""",
    "Fix the record at the given line, or remove it from the input.",
)
UNSUPPORTED_INPUT = declare(
    "I007",
    "unsupported-input",
    Severity.ERROR,
    Scope.INPUT,
    """An input's format is not one ingest reads.

    Ingest reads text files (one article each), JSON Lines, JSON (an array of records, or objects
    one after another), CSV, TSV, Parquet, and `datasets` folders written by `save_to_disk`.""",
    "Convert the input to one of these formats, or name its format with --input-format.",
)
FIELD_NOT_IN_SOURCE = declare(
    "I008",
    "field-not-in-source",
    Severity.ERROR,
    Scope.INPUT,
    """A field named by the mapping (--text-field, --title-field...) is not a column of the input.

    Checked once per input that declares its columns (CSV and TSV headers, Parquet and `datasets`
    schemas); no record of that input is read.""",
    "Name one of the input's columns (the message lists them).",
)
DUPLICATE_TEXT = declare(
    "I009",
    "duplicate-text",
    Severity.WARNING,
    Scope.INPUT,
    """A text is exactly the text of another input of the run or of a document of the corpus.

    Compared by the SHA-256 of the text. News feeds repeat articles under new ids; annotating the
    same text twice wastes work and leaks between release splits.""",
    "Drop the duplicate from the input, or pass --skip-duplicates to leave duplicates out.",
)
NEAR_DUPLICATE = declare(
    "I010",
    "near-duplicate",
    Severity.WARNING,
    Scope.INPUT,
    """A text is nearly the text of another input or corpus document.

    The estimated Jaccard similarity of their word 3-grams is at or above --near-duplicates (0.8 by
    default). Estimated with MinHash (datasketch, 64 permutations) and locality-sensitive hashing; a
    reprint with a new headline or a corrected figure is typical.""",
    "Check the pair; keep one of them or pass --skip-duplicates. Raise the threshold to report fewer pairs.",
)
LANGUAGE_MISMATCH = declare(
    "I011",
    "language-mismatch",
    Severity.WARNING,
    Scope.INPUT,
    """The share of Arabic letters in a text does not fit its declared language.

    A text declared Arabic (or another language written in Arabic script) needs at least half of its
    letters in Arabic script; a text declared in another language at most half.""",
    "Correct --language (or the record's language field), or check that the right text was ingested.",
)
MOSTLY_FURNITURE = declare(
    "I012",
    "mostly-furniture",
    Severity.WARNING,
    Scope.INPUT,
    """Most of a text is page furniture (headline, date line, trailers), leaving little to annotate.

    A headline-only text or a tweet taken as its own headline becomes 100 % furniture, and no claim
    can be drawn on it.""",
    "Check the text is the whole article; pass --title so the only line is not taken as a headline, or --no-furniture.",
)
DOCUMENT_TOO_LARGE = declare(
    "I013",
    "document-too-large",
    Severity.ERROR,
    Scope.INPUT,
    """The document file would be larger than the size limit validation enforces (F006).

    Ingest never writes a file that `claimkit validate` then refuses; a text that large is usually
    several articles or a whole page dump.""",
    "Split the text into one article per record, or raise --max-bytes for both ingest and validate.",
)
INVALID_TEXT = declare(
    "I014",
    "invalid-text",
    Severity.ERROR,
    Scope.INPUT,
    """A text holds characters that cannot be written as UTF-8 (a lone surrogate from a JSON escape).

    For example `\\ud83d` without its pair: the second half of an emoji cut off.""",
    "Repair the source (the surrogate pair was cut, usually by truncating an emoji).",
)
NO_ARTICLES_FOUND = declare(
    "I015",
    "no-articles-found",
    Severity.ERROR,
    Scope.INPUT,
    """A folder given to ingest holds no file the glob matches in a format ingest reads.""",
    "Check the folder, or pass --glob with the pattern of the article files (default: every known format).",
)

METADATA_NOT_UPDATED = declare(
    "I016",
    "metadata-not-updated",
    Severity.WARNING,
    Scope.INPUT,
    """The corpus holds this document with this text, but the input gives it other metadata.

    Ingest never rewrites a document file that is there (annotators may have worked on it): a
    corrected outlet, date, title, URL or license in the input is not taken, and this says which.""",
    "Correct the metadata in the document file itself (`document` member), then run `claimkit validate`.",
)
NO_RECORDS = declare(
    "I017",
    "no-records",
    Severity.ERROR,
    Scope.INPUT,
    """An input holds no record at all (an empty file, a header alone, an array or table of no rows).

    For example an empty JSON Lines file, a JSON array `[]`, a CSV or TSV file with only its header,
    or a Parquet file or `datasets` folder of no rows: usually an export or a download that went
    wrong. A run that writes nothing because its inputs are empty exits with 2, as any run that
    writes nothing. A `datasets` split of no rows next to others that have rows is not one.""",
    "Export or download the input again, or leave it out.",
)

OUTPUT_NOT_A_FOLDER = declare_command(
    "E800",
    "output-not-a-folder",
    "The --out path of ingest exists and is not a folder.",
    "Pass the corpus folder (default annotations/) as --out.",
)
OUTPUT_NOT_WRITABLE = declare_command(
    "E801",
    "output-not-writable",
    "The --out folder cannot be created or written (permissions, a read-only or full file system).",
    "Make the folder writable for this user, or choose another --out.",
)
MISSING_DEPENDENCY = declare_command(
    "E802",
    "missing-dependency",
    "An input or option needs a package that is not installed (pyarrow, datasets or datasketch).",
    "Install claimkit with its extras: pip install 'claimkit[ingest,release]'.",
)
HUB_UNAVAILABLE = declare_command(
    "E803",
    "hub-unavailable",
    """A Hugging Face Hub dataset id was given but the Hub cannot be reached (offline) or has no such dataset.

    Ingest reads a Hub dataset only when online; offline (HF_HUB_OFFLINE=1, or no network), save the
    dataset to a folder on a machine that is online and ingest the folder.""",
    "Check the id, unset HF_HUB_OFFLINE, or `datasets.load_dataset(id).save_to_disk(folder)` and ingest the folder.",
)


class IngestError(ClaimkitError):
    """Ingest cannot run at all: nowhere to write, a missing package, an unreachable Hub (exit 2)."""

    exit_code = 2
