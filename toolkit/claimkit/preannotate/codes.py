"""Codes of pre-annotation (P) and of the commands that run it (E600-E619)."""

from __future__ import annotations

from claimkit.codes import Scope, declare, declare_command
from claimkit.issues import Severity

__all__ = [
    "ENGINE_FAILED",
    "ENGINE_UNAVAILABLE",
    "NOTHING_TO_EVALUATE",
    "NO_PROPOSAL",
    "PREDICTION_UNREADABLE",
    "PROPOSAL_INVALID",
    "SHARDS_NEED_OUT",
    "SHARD_NAMES_COLLIDE",
    "SHARD_ROW_INVALID",
    "SHARD_UNREADABLE",
    "UNSUPPORTED_SHARD",
    "WITHOUT_GOLD",
]

PROPOSAL_INVALID = declare(
    "P001",
    "proposal-invalid",
    Severity.ERROR,
    Scope.DOCUMENT,
    """A proposal failed validation and was not written.

    The proposer checks every proposal with all the rules before it writes one; a failing proposal
    is a bug in claimkit's rules of thumb, never a reason to touch the document.""",
    "Report it with the document; the file was left as it was.",
)
WITHOUT_GOLD = declare(
    "P002",
    "document-without-gold",
    Severity.INFO,
    Scope.DOCUMENT,
    """A document has no gold annotation, so `claimkit preannotate --evaluate` cannot score it.""",
    "Nothing to do; adjudicate the document (`claimkit adjudicate`) to include it.",
)
SHARD_ROW_INVALID = declare(
    "P003",
    "shard-row-invalid",
    Severity.ERROR,
    Scope.INPUT,
    """A row of a JSONL or Parquet shard is not an article: not JSON, no string `id` or `text`, bad metadata.

    A JSON Lines line must be UTF-8 and a JSON object. Each row needs `id` (a lowercase slug) and
    `text`; `title`, `outlet`, `language` (default `ar`), `published`, `url` and `license` are
    optional. The row gets no proposal; the others go on. The location is the shard and the row's
    line (JSON Lines: lines end at `\\n` only, so a U+2028 in a string is content) or its row
    number (Parquet), counted from 1.""",
    "Fix the row at that line or row of the shard and run again.",
)
NO_PROPOSAL = declare(
    "P004",
    "no-proposal",
    Severity.WARNING,
    Scope.CONVERSION,
    """A document was pushed with `--predictions preannotate` but holds no proposal.

    The task is created or updated without a prediction.""",
    "Run `claimkit preannotate` on the document files first, then push again.",
)
PREDICTION_UNREADABLE = declare(
    "P005",
    "prediction-unreadable",
    Severity.WARNING,
    Scope.CONVERSION,
    """An annotation started from a prediction whose copy in the export cannot be read.

    Acceptance (regions kept, edited, deleted, added) is then not counted for that annotation.""",
    "Nothing is lost; re-push the proposals (`claimkit ls push --predictions preannotate`) for new work.",
)

DUPLICATE_ROW_ID = declare(
    "P006",
    "duplicate-row-id",
    Severity.WARNING,
    Scope.INPUT,
    """Two rows of the shards (in one shard or in two) give the same article `id`.

    Each gets its own proposal row, so a join of the proposals on `id` (or an ingest of both) would
    mix two articles, or the same article twice. The location names the proposal file of the later
    row, the message the file of the first.""",
    "Give each article its own id (for example a slug of the outlet and the article's URL), or drop the "
    "duplicate row, and run again.",
)
SHARD_UNREADABLE = declare(
    "P007",
    "shard-unreadable",
    Severity.ERROR,
    Scope.INPUT,
    """A shard cannot be read: not a Parquet file (a truncated download, another format) or not readable.

    The shards that can be read are proposed for; this one gets no output file. A Parquet shard whose
    schema names a column twice is refused the same way: a reader keeps only one of the two, and it
    would be a guess which holds the article. A Parquet file whose footer is sound but whose data is
    damaged is found only while it is read: then the run stops with this code and the previous output
    is left as it was.""",
    "Download or export the shard again (a Parquet file ends with the bytes `PAR1`), or leave it out.",
)

ENGINE_UNAVAILABLE = declare_command(
    "E600",
    "engine-unavailable",
    "The engine asked for is not installed (Ray comes with the `ray` extra).",
    "Install it with `pip install 'claimkit[ray]'`, or use `--engine local`.",
)
UNSUPPORTED_SHARD = declare_command(
    "E601",
    "unsupported-shard",
    "A shard is neither JSON Lines (.jsonl) nor Parquet (.parquet).",
    "Give .jsonl or .parquet files (or folders of them).",
)
SHARDS_NEED_OUT = declare_command(
    "E602",
    "shards-need-out",
    "Shards of articles were given without --out: proposals of shards go to new files, never into the input.",
    "Add --out DIR (and --output-format jsonl|parquet).",
)
ENGINE_FAILED = declare_command(
    "E603",
    "engine-failed",
    "The engine could not run the work: the Ray cluster is unreachable or a task kept failing.",
    "Check the address (`ray status --address ...`), or run with `--engine local`.",
)
NOTHING_TO_EVALUATE = declare_command(
    "E604",
    "nothing-to-evaluate",
    "`claimkit preannotate --evaluate` found no document with a gold annotation.",
    "Point it at document files with gold (the corpus, or tests/preannotate/cases).",
)
SHARD_NAMES_COLLIDE = declare_command(
    "E605",
    "shard-names-collide",
    "Two shards have the same name in different folders: their proposals would go to one output file.",
    "Rename one of them, or run once per folder with its own --out.",
)
SHARDS_AND_DOCUMENTS = declare_command(
    "E606",
    "shards-and-documents",
    """Shards of articles and document files were given together.

    Shards (.jsonl, .parquet, or folders of them) are articles whose proposals go to new files under
    --out; document files get their proposal written into them. One run does one or the other: read as
    document files, the shards would be reported as broken JSON.""",
    "Run once for the shards (with --out) and once for the document files.",
)
