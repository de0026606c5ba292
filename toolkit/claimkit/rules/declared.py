"""Codes the engine emits itself: reading input (F) and structure (S).

They are registered like every other rule so that they are documented, selectable and never reused.
"""

from __future__ import annotations

from claimkit.issues import Severity
from claimkit.rules.registry import Scope, declare

__all__ = ["MAX_FILE_BYTES"]

#: Default size limit of one document file. A 3,000-word article with ten annotations is ~200 KB.
MAX_FILE_BYTES = 10 * 1024 * 1024

ERROR, INPUT, STRUCTURE = Severity.ERROR, Scope.INPUT, Scope.STRUCTURE

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
