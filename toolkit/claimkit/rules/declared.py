"""Codes the engine emits itself: reading input (F) and structure (S).

They are registered like every other rule so that they are documented, selectable and never reused.
"""

from __future__ import annotations

from claimkit.issues import Severity
from claimkit.rules.registry import Scope, declare

__all__ = ["MAX_FILE_BYTES"]

#: Default size limit of one document file. A 3,000-word article with ten annotations is ~200 KB.
MAX_FILE_BYTES = 10 * 1024 * 1024

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
INPUT, STRUCTURE = Scope.INPUT, Scope.STRUCTURE

F001 = declare(
    "F001",
    "unreadable-file",
    ERROR,
    INPUT,
    """The file could not be opened or read.

    Permissions, a broken link or a path that is not a regular file.""",
    "Check that the path exists and is a readable file.",
)
F002 = declare(
    "F002",
    "not-utf8",
    ERROR,
    INPUT,
    """The file is not valid UTF-8.

    Document files are UTF-8 JSON (RFC 8259). Offsets count code points of the decoded text, so a
    file in another encoding cannot be checked at all.""",
    "Re-save the file as UTF-8 (e.g. `iconv -f cp1256 -t utf-8`).",
)
F003 = declare(
    "F003",
    "utf8-bom",
    ERROR,
    INPUT,
    """The file starts with a UTF-8 byte order mark.

    RFC 8259 forbids a BOM in JSON that is exchanged, and some parsers reject it.""",
    "Remove the first three bytes (EF BB BF), or re-save without BOM.",
)
F004 = declare(
    "F004",
    "empty-file",
    ERROR,
    INPUT,
    """The file is empty or holds only whitespace.""",
    "Delete the file, or write the document into it (`claimkit ingest`).",
)
F005 = declare(
    "F005",
    "invalid-json",
    ERROR,
    INPUT,
    """The file is not valid JSON.

    The location gives the line and column where the parser stopped.""",
    "Fix the JSON syntax at the given line (a missing comma or quote is the usual cause).",
)
F006 = declare(
    "F006",
    "file-too-large",
    ERROR,
    INPUT,
    """The file is larger than the size limit and was not read.

    A document file holds one article; anything much larger is almost certainly not one. The limit
    is 10 MB by default (`--max-bytes`).""",
    "Split the file into one file per document, or raise --max-bytes if it really is one document.",
)
F007 = declare(
    "F007",
    "no-documents",
    ERROR,
    INPUT,
    """A directory given to check holds no `*.json` document files.""",
    "Point the command at the folder that holds the document files (default: annotations/).",
)
F008 = declare(
    "F008",
    "path-not-found",
    ERROR,
    INPUT,
    """A path given on the command line does not exist.""",
    "Check the spelling of the path.",
)
S001 = declare(
    "S001",
    "missing-field",
    ERROR,
    STRUCTURE,
    """A required field is missing.""",
    "Add the field; see schema/document-file.schema.json for what it holds.",
)
S002 = declare(
    "S002",
    "unknown-field",
    ERROR,
    STRUCTURE,
    """A field that the schema does not define.

    Unknown fields are refused rather than ignored, so that a misspelt field name is never silently
    lost.""",
    "Remove the field, or fix its spelling.",
)
S003 = declare(
    "S003",
    "wrong-type",
    ERROR,
    STRUCTURE,
    """A value has the wrong JSON type (a string where a number belongs, a list where an object does).""",
    "Write the value with the type the schema gives.",
)
S004 = declare(
    "S004",
    "invalid-value",
    ERROR,
    STRUCTURE,
    """A value of the right type is not allowed: not in a label set, not matching a pattern, out of range.""",
    "Use one of the allowed values; `claimkit labels` lists every label set.",
)
S005 = declare(
    "S005",
    "unsupported-schema-version",
    ERROR,
    STRUCTURE,
    """The file declares a schema version this claimkit cannot read.""",
    "Upgrade claimkit, or migrate the file to schema_version 1.x.",
)

declare(
    "I001",
    "missing-metadata",
    ERROR,
    INPUT,
    """A document cannot be made from a text file because required metadata is missing.

    A document needs an outlet and a language; the title is taken from the first line when not given.""",
    "Pass the value as a flag (--outlet, --language...) or in the sidecar <file>.meta.json.",
)
declare(
    "I002",
    "invalid-metadata",
    ERROR,
    INPUT,
    """A metadata value given for a text file is not valid (a date not in YYYY-MM-DD, an unsafe id...).""",
    "Correct the value; dates are ISO 8601 (2025-10-03), ids lowercase ASCII slugs.",
)
declare(
    "I003",
    "document-exists",
    ERROR,
    INPUT,
    """A document file with this id already exists with a different text.

    Replacing the text of an annotated document would shift every offset in it.""",
    "Ingest the new text under another id, or delete the old file if it holds no annotation you need.",
)

# Label Studio conversion (reported by `claimkit ls pull` and `claimkit ls push`).
_L = [
    (
        "L001",
        "unknown-label",
        ERROR,
        "A region carries a label that the labeling config does not define.",
        "Relabel the region in Label Studio with one of the config's labels (`claimkit ls init` installs the config).",
    ),
    (
        "L002",
        "unknown-control",
        ERROR,
        "A result item comes from a control the labeling config does not define.",
        "Update the project config with `claimkit ls init`, or remove the item in Label Studio.",
    ),
    (
        "L003",
        "region-out-of-bounds",
        ERROR,
        "A region's offsets are outside the task text, or empty.",
        "Redraw the region in Label Studio.",
    ),
    (
        "L004",
        "region-text-drift",
        WARNING,
        "A region's `text` differs from the task text at its offsets (beyond the known display quirks).",
        "Check the task text in Label Studio against the document file; offsets were kept, `text` recomputed.",
    ),
    (
        "L005",
        "task-text-drift",
        ERROR,
        "The task text in Label Studio differs from the document file's text.",
        "Offsets would shift. Push the document file again (unannotated tasks are updated) or restore the file.",
    ),
    (
        "L006",
        "unsupported-relation",
        ERROR,
        "A relation connects regions whose kinds mean nothing together (cue-cue, cue-source) or a missing region.",
        "Delete the relation in Label Studio; see docs/guidelines.md for the four kinds of relation.",
    ),
    (
        "L007",
        "ambiguous-link",
        ERROR,
        "A claim is linked to two sources, two cues or two parents, or to a parent in both directions.",
        "Keep one relation of each kind per claim in Label Studio.",
    ),
    (
        "L008",
        "conflicting-source-fields",
        ERROR,
        "Two linked mentions of one source give it different kinds, namings or names.",
        "Fill the source's fields on one mention only, or make them agree.",
    ),
    (
        "L009",
        "skipped-annotation",
        INFO,
        "An annotator skipped a task; the skip is reported, not imported.",
        "Nothing to fix unless the skip was a mistake: then annotate the task in Label Studio.",
    ),
    (
        "L010",
        "orphan-region-field",
        ERROR,
        "A per-region choice or text belongs to no region, or to a region of another kind.",
        "Open the task in Label Studio and set the field on the right region.",
    ),
    (
        "L011",
        "invalid-choice",
        ERROR,
        "A choice is not one of the config's options, or several where one is allowed.",
        "Choose one of the offered options in Label Studio.",
    ),
    (
        "L012",
        "invalid-event-date",
        ERROR,
        "An event date is not a date written YYYY-MM-DD.",
        "Write the date as YYYY-MM-DD (e.g. 2025-10-02), or leave it empty.",
    ),
    (
        "L013",
        "task-without-document-id",
        ERROR,
        "A task has no `doc_id` in its data, so it matches no document.",
        "Create tasks with `claimkit ls push`, which sets doc_id.",
    ),
    (
        "L014",
        "unknown-document",
        ERROR,
        "A task's document has no file in the corpus and the task does not carry the document's metadata.",
        "Push the document from its file (`claimkit ls push`) or add the file to annotations/.",
    ),
    (
        "L015",
        "several-labels",
        ERROR,
        "A region carries several labels; each region is one claim, source or cue.",
        "Split the region into one region per label in Label Studio.",
    ),
    (
        "L016",
        "several-ground-truths",
        ERROR,
        "More than one annotation of a task is marked as ground truth.",
        "Keep the ground-truth star on one reviewed annotation only.",
    ),
    (
        "L017",
        "unsubmitted-draft",
        INFO,
        "A task holds a draft that was never submitted; drafts are not imported.",
        "Ask the annotator to submit or discard the draft in Label Studio.",
    ),
    (
        "L018",
        "annotated-task-text-changed",
        ERROR,
        "A pushed document's text differs from its task's, and the task already has annotations.",
        "Keep the text (offsets refer to it) or ingest the new text as a new document.",
    ),
    (
        "L019",
        "invalid-prediction",
        ERROR,
        "A prediction built from an annotation is rejected by Label Studio's own check (LabelInterface).",
        "Validate the document (`claimkit validate`) and fix the annotation before pushing it as a prediction.",
    ),
    (
        "L021",
        "region-note-not-imported",
        WARNING,
        "A note written on a source or cue region has no place in the schema; it is reported, not imported.",
        "Move the note to the claim's comment or the document comment in Label Studio.",
    ),
    (
        "L022",
        "invalid-region-id",
        ERROR,
        "A region id is not a valid id (letters, digits and _ . : - only), so nothing can refer to it.",
        "Redraw the region in Label Studio, or fix the id in the imported prediction or annotation.",
    ),
    (
        "L020",
        "config-drops-used-labels",
        ERROR,
        "A new labeling config would drop labels, choices or controls that existing annotations use.",
        "Keep the used labels in the config, or relabel those annotations first.",
    ),
]
for _code, _name, _severity, _doc, _fix in _L:
    declare(_code, _name, _severity, Scope.CONVERSION, _doc, _fix)
