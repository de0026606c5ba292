"""Exceptions: for misuse and I/O only. Problems in data are :class:`~claimkit.issues.Issue` objects.

Every exception claimkit raises derives from :class:`ClaimkitError`, carries a stable code (prefix
``E``, declared here and documented in docs/rules.md with the other codes), a message that says what
went wrong and a hint that says how to fix it, and maps to a CLI exit code.
"""

from __future__ import annotations

from claimkit.codes import Code, declare_command
from claimkit.issues import Issue

__all__ = [
    "ClaimkitError",
    "ConfigError",
    "ConnectionFailed",
    "DataError",
    "HubError",
    "ReleaseError",
    "UsageError",
]


# Usage (exit 2).
UNKNOWN_SELECTOR = declare_command(
    "E001", "unknown-selector", "A --select or --ignore value matches no code.", "See `claimkit rules` for the codes."
)
INVALID_VERSION = declare_command(
    "E002",
    "invalid-version",
    "A version is not MAJOR.MINOR.PATCH (semantic versioning).",
    "Write the version as three numbers, e.g. 1.2.0.",
)
INVALID_SPLIT_RATIOS = declare_command(
    "E003",
    "invalid-split-ratios",
    "Split ratios are not name=number pairs that are non-negative and sum to 1.",
    "Write them like train=0.8,validation=0.1,test=0.1.",
)
CONFLICTING_OPTIONS = declare_command(
    "E004",
    "conflicting-options",
    "Options were given together that exclude each other, or one needs another.",
    "See the command's --help for which options go together.",
)
OUTPUT_OVERWRITES_INPUT = declare_command(
    "E005",
    "output-overwrites-input",
    """An output path is one of the command's inputs, or a folder the command reads.

    A release built into the corpus folder, or hard cases written over a document file, would destroy or
    pollute what the command reads; nothing is written.""",
    "Choose an output path outside the inputs (e.g. --out dist/, --hard-cases hard-cases.md).",
)
UNSUPPORTED_OUTPUT_FORMAT = declare_command(
    "E006",
    "unsupported-output-format",
    "An output file's name asks for a format the option does not write (--heatmap writes PNG).",
    "Name the file with the extension the option's --help gives (e.g. --heatmap confusion.png).",
)
UNKNOWN_PREDICTIONS = declare_command(
    "E007",
    "unknown-predictions",
    """--predictions names no annotator of the documents, nor gold, nor a source of proposals.

    An annotator's pseudonym that no document has (a typing error, a pseudonym of another key)
    would export or push every task without a prediction and say nothing of it.""",
    "Name `gold`, `preannotate`, or a pseudonym the documents have (the message lists them).",
)
OUTPUT_IN_CORPUS = declare_command(
    "E008",
    "output-in-corpus",
    """A generated file that is no document would be written into a folder of document files.

    `claimkit schema --out annotations` would put `document-file.schema.json` among the documents:
    validate, release and agree read every `*.json` there as a document and would refuse it.""",
    "Write it to a folder of its own (the default, schema/).",
)
# Configuration (exit 2).
MISSING_SERVER_URL = declare_command(
    "E101", "missing-server-url", "No Label Studio URL was given.", "Pass --url or set LABEL_STUDIO_URL."
)
MISSING_API_KEY = declare_command(
    "E102",
    "missing-api-key",
    "No Label Studio API key or personal access token was given.",
    "Pass --api-key or set LABEL_STUDIO_API_KEY (Account & Settings in Label Studio shows the token).",
)
MISSING_PSEUDONYM_KEY = declare_command(
    "E103",
    "missing-pseudonym-key",
    "The secret key annotator pseudonyms are made with was not found.",
    "Run `claimkit ls keygen` once, keep the file out of the repository, or set CLAIMKIT_PSEUDONYM_KEY.",
)
WEAK_PSEUDONYM_KEY = declare_command(
    "E104",
    "weak-pseudonym-key",
    """The pseudonym key is too weak to keep annotators' identities secret.

    Pseudonyms are keyed hashes of e-mail addresses; with a short or guessable key, anyone holding
    the corpus can recover the addresses by trying candidates.""",
    "Create a new key with `claimkit ls keygen` (32 random bytes).",
)
PSEUDONYM_KEY_EXISTS = declare_command(
    "E105",
    "pseudonym-key-exists",
    "A pseudonym key already exists where a new one was to be written.",
    "Keep the existing key: replacing it would change every pseudonym. Choose another --key-file to start over.",
)
INVALID_DATASET_CONFIG = declare_command(
    "E106",
    "invalid-dataset-config",
    "The [tool.claimkit.dataset] settings cannot be read (not TOML, unknown keys, a value of the wrong type or form).",
    "Fix the table in the file --config names (pyproject.toml by default); the README's release section lists "
    "its keys.",
)
UNKNOWN_PROJECT = declare_command(
    "E107",
    "unknown-project",
    "No Label Studio project has the given title.",
    "Create it with `claimkit ls init`, or pass the right --project.",
)
AMBIGUOUS_PROJECT = declare_command(
    "E108",
    "ambiguous-project",
    """Several Label Studio projects have the given title.

    Label Studio allows two projects with one title (a duplicated project, a second `ls init` from
    another machine). Taking one of them would pull the other's annotations never, or push the team's
    tasks into two projects.""",
    "Rename all but one of them in Label Studio (project Settings, General), then run the command again.",
)
PROJECT_TITLE_MISMATCH = declare_command(
    "E109",
    "project-title-mismatch",
    """No project has the given title, but the documents came from a project of this server that has
    another title: it was renamed in Label Studio, or the title given is not its title.

    Projects are found by title. A push would have created a second, empty project and put the
    corpus's tasks there, away from the annotators' work; a pull would have found nothing to pull.
    The documents' annotations name the project and task they were pulled from, and that task on
    this server still holds the same document.""",
    "Pass the project's title (--project, or CLAIMKIT_LS_PROJECT), or rename the project back in Label Studio. "
    "To start a separate project with these documents, create it first with `claimkit ls init --project TITLE`.",
)
# Connection.
SERVER_UNREACHABLE = declare_command(
    "E201",
    "server-unreachable",
    "Label Studio did not answer, or kept answering with server errors after retries.",
    "Check that the server runs at the URL (`python3 scripts/labelstudio.py status`) and retry.",
)
API_KEY_REFUSED = declare_command(
    "E202",
    "api-key-refused",
    "Label Studio refused the API key or token (401/403).",
    "Use a valid legacy token or personal access token of a user with access to the project.",
)
REQUEST_REFUSED = declare_command(
    "E203",
    "request-refused",
    "Label Studio refused a request as invalid (a 4xx answer other than 401/403/429).",
    "Read the server's answer in the message; it usually names the field it refused.",
)
EXPORT_FAILED = declare_command(
    "E204",
    "export-failed",
    "Label Studio failed to build a project export, or did not finish it in time.",
    "Retry; for very large projects raise the wait, and check the server's log.",
)
# Label Studio files and the corpus they are written to (exit 2: input or target unusable).
LOSSY_EXPORT_FORMAT = declare_command(
    "E210",
    "lossy-export-format",
    """An export file is in a lossy format (JSON-MIN, CSV, TSV, CONLL) that drops what claimkit needs.

    These formats lose relations (who said what), the link between per-region choices and their
    spans, and CONLL mis-tokenizes Arabic. Only the full JSON export keeps an annotation whole.""",
    "Export the project again as JSON (Export → JSON, not JSON-MIN), or let `claimkit ls pull` fetch it.",
)
UNREADABLE_EXPORT = declare_command(
    "E211",
    "unreadable-export",
    "An export file cannot be read: missing, not a file, not gzip, not JSON, cut short, or nested too deep.",
    "Check the path, download the export again (Export → JSON) and import the whole file.",
)
TARGET_NOT_WRITABLE = declare_command(
    "E212",
    "target-not-writable",
    "A folder or file claimkit must write to cannot be written: read-only, a file, no permission, or a full disk.",
    "Make the folder writable by the user running claimkit (or choose another with --out).",
)
CORPUS_UNREADABLE = declare_command(
    "E213",
    "corpus-unreadable",
    "The corpus folder (or a document file in it) cannot be read, so nothing can be merged into it.",
    "Give the user running claimkit read access to the folder and its files.",
)
MISSING_SERVER_ID = declare_command(
    "E214",
    "missing-server-id",
    """An export names annotators by Label Studio user id only, and no server identity was given.

    A user id means a person only on one server; the pseudonym is made from the id under the
    server's identity, so the same id on two servers gives two pseudonyms.""",
    "Pass --server-id with the server's URL (e.g. https://labelstudio.example.org).",
)

CORPUS_BUSY = declare_command(
    "E215",
    "corpus-busy",
    """Another pull or import is writing to this corpus folder right now.

    Two runs at once would each stage their files and clear the other's staging folder; the second
    stops before it changes anything. `adjudicate` and `preannotate` do not replace a document file
    while a pull or import holds the folder either (the pull could land between their check that the
    file is unchanged and their write, and its new annotations would be lost): that file is left as it
    is, the others are written. Such a run waits for a busy folder once (half a second), then refuses
    its next files in that folder at once: a pull holds its folder for minutes.""",
    "Wait for the other `claimkit ls pull` or `ls import` to finish, then run again.",
)

FILE_CHANGED_MEANWHILE = declare_command(
    "E216",
    "file-changed-meanwhile",
    """A document file changed on disk between the moment claimkit read it and the moment it would
    have been written (an editor saving, another program writing; for a pull or an import, the same while
    the export was read). claimkit's own writers do not land in that window: see E215.

    Writing would have replaced the newer file with one made from the old content, silently
    dropping what changed (an annotator's new annotation). The file is left as it is now.""",
    "Run the command again: it reads the file as it is now.",
)

SCRATCH_UNAVAILABLE = declare_command(
    "E218",
    "scratch-space-unavailable",
    """The temporary folder cannot hold the scratch database a long run keeps on disk.

    A release (its record entries) and an ingest run (ids, hashes, near-duplicate bands) keep what
    they remember of every document in an SQLite file in the temporary folder, so that memory stays
    flat; that folder is missing, not writable or full.""",
    "Point TMPDIR at a writable folder with free space (about 250 bytes per document), then run again.",
)

REVIEWED_GOLD_KEPT = declare_command(
    "E217",
    "reviewed-gold-kept",
    """`claimkit adjudicate --force` kept a gold that people decided (a reviewer in Label Studio, or
    written by hand) instead of replacing it with one computed from the annotators.

    `--force` recomputes gold that adjudication itself made (unanimous or single annotator): that
    gold can be made again from the annotations at any time. A reviewer's decisions cannot: replacing
    them would silently throw away the reviewer's work.""",
    "To adjudicate the document again anyway, delete its `gold` (the reviewer's decisions are then lost) "
    "and rerun; or push it for review again with `claimkit adjudicate --push`.",
)

# Releases.
VERSION_IMMUTABLE = declare_command(
    "E301",
    "version-immutable",
    "A recorded version would be rebuilt with other content, or with other files than it was published with.",
    "Release the changes under a new version (see `claimkit diff`).",
)
VERSION_OLDER = declare_command(
    "E302", "version-older", "A version is older than one already released.", "Choose a version above the latest."
)
NOTHING_TO_RELEASE = declare_command(
    "E303",
    "nothing-to-release",
    "Nothing changed since the previous release, or no document has a gold annotation.",
    "Adjudicate documents into gold (`claimkit adjudicate`) or change the corpus first.",
)
INSUFFICIENT_BUMP = declare_command(
    "E304",
    "insufficient-bump",
    "The version bump is smaller than the changes need (semver).",
    "Choose the version by the rules in `claimkit release --help`.",
)
INVALID_CORPUS = declare_command(
    "E305",
    "invalid-corpus",
    "The corpus fails validation, or a file changed while the release was built.",
    "Run `claimkit validate` on the corpus and fix the errors, then build again.",
)
UNKNOWN_RELEASE = declare_command(
    "E306",
    "unknown-release",
    "A release that was named is not recorded, or a folder is not a built release.",
    "Name a recorded version (see releases/) or the folder `claimkit release` built.",
)
CORPUS_NOT_COMMITTED = declare_command(
    "E307",
    "corpus-not-committed",
    """A recorded release would be built from a corpus with uncommitted changes, or outside git.

    A release record names the commit its corpus comes from, so that anyone can rebuild it byte
    for byte; a work tree with changes (or no repository at all) is a corpus nobody can check out.
    What `git status` does not show counts too: a document file git ignores, a symbolic link (the
    commit holds the link, the release would read what it points to), a file marked
    assume-unchanged or skip-worktree.""",
    "Commit the corpus (`git status` lists what changed; the message names an ignored, linked or "
    "skip-worktree file), then release; or build an unrecorded --snapshot.",
)
LICENSE_CONTRADICTS_DOCUMENTS = declare_command(
    "E308",
    "license-contradicts-documents",
    """The configured dataset license drops terms the licenses of the released documents impose.

    Article texts are redistributed under their own licenses: a non-commercial text cannot be
    shipped under a license that allows commercial use, and share-alike texts only under the same
    license.""",
    "Set [tool.claimkit.dataset] license to a license that keeps every document's terms, or leave "
    "the documents that forbid it out of the corpus.",
)
INVALID_DATASET_LICENSE = declare_command(
    "E309",
    "invalid-dataset-license",
    "The license in [tool.claimkit.dataset] is not an SPDX license id.",
    'Write an SPDX id (https://spdx.org/licenses/), e.g. license = "CC-BY-NC-SA-4.0".',
)
DATASET_LICENSE_UNDECIDED = declare_command(
    "E311",
    "dataset-license-undecided",
    """No dataset license is configured and the documents are under several licenses.

    Without `[tool.claimkit.dataset] license`, a release takes its documents' license when they all
    share one; with several, only the maintainers can choose the license that keeps all their terms.""",
    'Set [tool.claimkit.dataset] license (an SPDX id, e.g. license = "CC-BY-NC-SA-4.0").',
)
UNREADABLE_RELEASE = declare_command(
    "E310",
    "unreadable-release",
    "A release folder passed its checksums but its data could not be loaded.",
    "Run `claimkit verify` on the folder; download or build the release again.",
)
UNREADABLE_RECORD = declare_command(
    "E312",
    "unreadable-release-record",
    "A release record (releases/<version>.json) is not valid JSON or not a release record.",
    "Restore it from git (`git checkout -- releases/`): records are written by `claimkit release`, never by hand.",
)
RECORDS_FOLDER_MISSING = declare_command(
    "E313",
    "records-folder-missing",
    """A recorded release names a folder of release records that does not exist.

    Before recording a version, a release reads every earlier record: a version is never released
    twice with other content, label ids never move, the bump fits the changes. A folder that is not
    there (a typing error, a command run from another folder) would make any version look like the
    first one and skip all of that, so it is refused rather than taken as empty. Without
    `--records`, the folder is `releases/` at the top of the corpus's git repository, wherever the
    command runs from.""",
    "For the project's first release, create the folder (`mkdir releases`); otherwise give --records "
    "the folder of the committed records.",
)
HUB_PUSH_FAILED = declare_command(
    "E401",
    "hub-push-failed",
    "Pushing a release to the Hugging Face Hub failed.",
    "Check the network (HF_HUB_OFFLINE must be unset) and HF_TOKEN, then rerun.",
)
# Live checks (`claimkit ls watch`).
WATCH_PORT_BUSY = declare_command(
    "E500",
    "watch-port-busy",
    "`claimkit ls watch` could not listen on the port it was given (127.0.0.1).",
    "Choose a free port with --port, or stop the other `claimkit ls watch`.",
)
WEBHOOK_REFUSED = declare_command(
    "E502",
    "webhook-refused",
    """Label Studio refused the webhook `claimkit ls watch` needs (to 127.0.0.1).

    Label Studio's SSRF protection bans webhooks to loopback and private addresses by default, and
    answers 403. `scripts/labelstudio.py start` allows loopback only; other servers need the same two
    settings.""",
    "Start Label Studio with USE_DEFAULT_BANNED_SUBNETS=false and USER_ADDITIONAL_BANNED_SUBNETS set to "
    "every default subnet except 127.0.0.0/8 (docs/labelstudio.md); never turn SSRF protection off.",
)
INVALID_LABELSTUDIO_SETTINGS = declare_command(
    "E501",
    "invalid-labelstudio-settings",
    "--overlap or the [tool.claimkit.labelstudio] settings cannot be used (not TOML, unknown keys, bad value).",
    "Give the overlap (annotators per task) as a whole number >= 1; the only key of the table is `overlap`.",
)


class ClaimkitError(Exception):
    """Base class of every error claimkit raises on purpose: a code, a message and a hint."""

    exit_code = 1

    def __init__(self, code: Code, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint or code.fix

    def __str__(self) -> str:
        return f"{self.code.code} {self.code.name}: {self.message}\n  hint: {self.hint}"

    def to_issue(self) -> Issue:
        """The error as an issue, for reports that must say why a command stopped (``--format json``)."""
        return self.code.issue(self.message, hint=self.hint)


class UsageError(ClaimkitError):
    """The command was called wrongly (unknown option value, bad selector, missing argument)."""

    exit_code = 2


class ConfigError(ClaimkitError):
    """Something the command needs is not configured (a key, a URL, a token)."""

    exit_code = 2


class DataError(ClaimkitError):
    """Data that cannot be used as it is; the accompanying issues say where."""


class ConnectionFailed(ClaimkitError):
    """A server could not be reached or refused the request."""


class ReleaseError(ClaimkitError):
    """A release could not be built as asked (version taken, bad bump, invalid corpus)."""


class HubError(ClaimkitError):
    """Pushing to the Hugging Face Hub failed; nothing was left half done."""
