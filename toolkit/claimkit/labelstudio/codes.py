"""Codes of the Label Studio conversion (L): reported by `claimkit ls` while pushing and pulling.

Declared here, emitted by the conversion (:mod:`claimkit.labelstudio.regions`,
:mod:`~claimkit.labelstudio.links`, :mod:`~claimkit.labelstudio.entities`,
:mod:`~claimkit.labelstudio.tasks`), the merge of a document's
tasks (:mod:`~claimkit.labelstudio.merge`) and the pipeline that writes the corpus
(:mod:`~claimkit.labelstudio.corpus`, used by ``ls pull`` and ``ls import``).
"""

from __future__ import annotations

from claimkit.codes import Code, Scope, declare
from claimkit.issues import Severity

__all__: list[str] = []


def _conversion(code: str, name: str, severity: Severity, doc: str, fix: str) -> Code:
    return declare(code, name, severity, Scope.CONVERSION, doc, fix)


UNKNOWN_LABEL = _conversion(
    "L001",
    "unknown-label",
    Severity.ERROR,
    "A region carries a label that the labeling config does not define.",
    "Relabel the region in Label Studio with one of the config's labels (`claimkit ls init` installs the config).",
)

UNKNOWN_CONTROL = _conversion(
    "L002",
    "unknown-control",
    Severity.ERROR,
    "A result item comes from a control the labeling config does not define.",
    "Update the project config with `claimkit ls init`, or remove the item in Label Studio.",
)

REGION_OUT_OF_BOUNDS = _conversion(
    "L003",
    "region-out-of-bounds",
    Severity.ERROR,
    "A region's offsets are outside the task text, or empty.",
    "Redraw the region in Label Studio.",
)

REGION_TEXT_DRIFT = _conversion(
    "L004",
    "region-text-drift",
    Severity.WARNING,
    "A region's `text` differs from the task text at its offsets (beyond the known display quirks).",
    "Check the task text in Label Studio against the document file; offsets were kept, `text` recomputed.",
)

TASK_TEXT_DRIFT = _conversion(
    "L005",
    "task-text-drift",
    Severity.ERROR,
    "The task text in Label Studio differs from the document file's text.",
    "Offsets would shift. Push the document file again (unannotated tasks are updated) or restore the file.",
)

UNSUPPORTED_RELATION = _conversion(
    "L006",
    "unsupported-relation",
    Severity.ERROR,
    "A relation connects regions whose kinds mean nothing together (cue-cue, cue-source) or a missing region.",
    "Delete the relation in Label Studio; see docs/guidelines.md for the four kinds of relation.",
)

AMBIGUOUS_LINK = _conversion(
    "L007",
    "ambiguous-link",
    Severity.ERROR,
    "A claim is linked to two sources, two cues or two parents, or to a parent in both directions.",
    "Keep one relation of each kind per claim in Label Studio.",
)

CONFLICTING_SOURCE_FIELDS = _conversion(
    "L008",
    "conflicting-source-fields",
    Severity.ERROR,
    "Two linked mentions of one source give it different kinds, namings or names.",
    "Fill the source's fields on one mention only, or make them agree.",
)

SKIPPED_ANNOTATION = _conversion(
    "L009",
    "skipped-annotation",
    Severity.INFO,
    "An annotator skipped a task; the skip is reported, not imported.",
    "Nothing to fix unless the skip was a mistake: then annotate the task in Label Studio.",
)

ORPHAN_REGION_FIELD = _conversion(
    "L010",
    "orphan-region-field",
    Severity.ERROR,
    "A per-region choice or text belongs to no region, or to a region of another kind.",
    "Open the task in Label Studio and set the field on the right region.",
)

INVALID_CHOICE = _conversion(
    "L011",
    "invalid-choice",
    Severity.ERROR,
    "A choice is not one of the config's options, or several where one is allowed.",
    "Choose one of the offered options in Label Studio.",
)

INVALID_EVENT_DATE = _conversion(
    "L012",
    "invalid-event-date",
    Severity.ERROR,
    "An event date is not a date written YYYY-MM-DD.",
    "Write the date as YYYY-MM-DD (e.g. 2025-10-02), or leave it empty.",
)

TASK_WITHOUT_DOCUMENT_ID = _conversion(
    "L013",
    "task-without-document-id",
    Severity.ERROR,
    "A task has no `doc_id` in its data, so it matches no document.",
    "Create tasks with `claimkit ls push`, which sets doc_id.",
)

UNKNOWN_DOCUMENT = _conversion(
    "L014",
    "unknown-document",
    Severity.ERROR,
    "A task's document has no file in the corpus and the task does not carry the document's metadata.",
    "Push the document from its file (`claimkit ls push`) or add the file to annotations/.",
)

SEVERAL_LABELS = _conversion(
    "L015",
    "several-labels",
    Severity.ERROR,
    "A region carries several labels; each region is one claim, source or cue.",
    "Split the region into one region per label in Label Studio.",
)

SEVERAL_GROUND_TRUTHS = _conversion(
    "L016",
    "several-ground-truths",
    Severity.ERROR,
    "More than one annotation of a task is marked as ground truth.",
    "Keep the ground-truth star on one reviewed annotation only.",
)

UNSUBMITTED_DRAFT = _conversion(
    "L017",
    "unsubmitted-draft",
    Severity.INFO,
    """A task holds a draft that was never submitted; drafts are not imported.

    Label Studio autosaves a draft as soon as an annotator starts a task (or edits a submitted
    annotation) and leaves. The report names the annotator (pseudonym) and the task; with
    `--include-drafts` the draft's content is written to `.pending/<doc_id>/` for the lead.""",
    "Ask the annotator to submit or discard the draft in Label Studio.",
)

ANNOTATED_TASK_TEXT_CHANGED = _conversion(
    "L018",
    "annotated-task-text-changed",
    Severity.ERROR,
    "A pushed document's text differs from its task's, and the task already has annotations (or a draft).",
    "Keep the text (offsets refer to it) or ingest the new text as a new document.",
)

INVALID_PREDICTION = _conversion(
    "L019",
    "invalid-prediction",
    Severity.ERROR,
    "A prediction built from an annotation is rejected by Label Studio's own check (LabelInterface).",
    "Validate the document (`claimkit validate`) and fix the annotation before pushing it as a prediction.",
)

CONFIG_DROPS_USED_LABELS = _conversion(
    "L020",
    "config-drops-used-labels",
    Severity.ERROR,
    "A new labeling config would drop labels, choices or controls that existing annotations use.",
    "Keep the used labels in the config, or relabel those annotations first.",
)

REGION_NOTE_NOT_IMPORTED = _conversion(
    "L021",
    "region-note-not-imported",
    Severity.WARNING,
    "A note written on a source or cue region has no place in the schema; it is reported, not imported.",
    "Move the note to the claim's comment or the document comment in Label Studio.",
)

INVALID_REGION_ID = _conversion(
    "L022",
    "invalid-region-id",
    Severity.ERROR,
    "A region id is not a valid id (letters, digits and _ . : - only), so nothing can refer to it.",
    "Redraw the region in Label Studio, or fix the id in the imported prediction or annotation.",
)

UNSAFE_TASK_DOCUMENT_ID = _conversion(
    "L040",
    "unsafe-task-document-id",
    Severity.ERROR,
    """A task's `doc_id` is not a safe document id, so no file may be named after it.

    The id becomes `<doc_id>.json` in the corpus: an id with a path separator, `..`, a control
    character, a NUL, more than 128 characters or anything D001 refuses would write outside the
    corpus or over another document. The task is refused and never written; the pull goes on.""",
    "Correct the task's doc_id in Label Studio (Data Manager), or push the document again with `claimkit ls push`.",
)

TASK_TEXT_CONFLICT = _conversion(
    "L041",
    "task-text-conflict",
    Severity.ERROR,
    """Several tasks carry the same `doc_id` with different texts.

    Annotations of tasks with the same id and the same text are merged into one document file;
    with different texts their offsets refer to different strings, so the document is left
    unchanged until one text remains.""",
    "Delete the task whose text is wrong in Label Studio (after moving its annotations), or give it its own doc_id.",
)

ANNOTATION_QUARANTINED = _conversion(
    "L042",
    "annotation-quarantined",
    Severity.ERROR,
    """An annotation could not be converted and was set aside in the corpus's `.pending/` folder.

    The other annotations of the task are written; this one is kept raw (annotator pseudonymized)
    in `.pending/<doc_id>/`, outside the corpus that validate and release read, until it is fixed
    in Label Studio. If the corpus held an earlier version of it, that version is kept.""",
    "Open the task at the given URL, fix what the other issues of this annotation say, and pull again.",
)

UTF16_OFFSETS = _conversion(
    "L043",
    "utf16-offsets",
    Severity.ERROR,
    """A region's offsets count UTF-16 code units, not code points.

    The labeling UI sends code points (an emoji counts 1); offsets in UTF-16 units come from a tool
    that wrote through the API, and after a character outside the Basic Multilingual Plane they
    point at a shifted span. The region is refused rather than written shifted.""",
    "Have the tool send code-point offsets (Python `str` indices), or redraw the region in the labeling UI.",
)

EMPTY_ANNOTATION = _conversion(
    "L044",
    "empty-annotation",
    Severity.WARNING,
    """An annotator submitted an annotation with no region at all.

    It is written (it is what the annotator submitted) and reported, because an empty submission is
    more often a slip than a reading of the article; agreement leaves it out with a note.""",
    "Confirm with the annotator that the article has no claim, or have them annotate the task again.",
)

MALFORMED_TASK = _conversion(
    "L045",
    "malformed-task",
    Severity.ERROR,
    """A task is not shaped as Label Studio exports tasks.

    Its `data` is not an object or has no text, an annotation is not an object, or a `result` is
    not a list: the file was edited by hand or made by another tool. The task (or that annotation)
    is left out; everything else is converted.""",
    "Export the project again from Label Studio (Export → JSON) instead of editing the file.",
)

ANNOTATION_REMOVED = _conversion(
    "L046",
    "annotation-removed",
    Severity.WARNING,
    """An annotation the document file held is no longer a submitted annotation in the export.

    The file mirrors the pulled project: an annotation deleted in Label Studio (or turned into a
    skip) in a task the export still has leaves the file at this pull. It is reported so that a
    deletion never passes unnoticed; the earlier version stays in the corpus's git history. An
    annotation whose whole task is gone is kept instead (L054), and so is one saved after the
    export's task last changed: the export predates it (L055). A gold deleted in Label Studio is
    reported too (at `/gold`) when another annotation's ground truth replaces it.""",
    "Nothing if it was deleted on purpose; otherwise restore the file from git and have the annotation redone.",
)

GOLD_NO_LONGER_MARKED = _conversion(
    "L047",
    "gold-no-longer-marked",
    Severity.WARNING,
    """The document's gold came from a Label Studio annotation that is no longer marked as ground truth.

    The ground-truth star was taken off the annotation, or the annotation was deleted, and no other
    annotation of the document carries it. The gold is what a release publishes, so a pull never
    drops it on its own: it keeps the gold it has and says so at every pull until the two agree.""",
    "Mark the annotation that should be the gold as ground truth in Label Studio and pull again, "
    "or settle the gold with `claimkit adjudicate`.",
)

GOLD_REPLACED_BY_GROUND_TRUTH = _conversion(
    "L048",
    "gold-replaced-by-ground-truth",
    Severity.WARNING,
    """Label Studio's ground truth replaced a gold that people decided outside the pulled project.

    The document's gold was written by hand, decided by an expert, or reviewed in another project;
    the annotation marked as ground truth in the pulled project was saved after it, so it is the
    later decision and becomes the gold. A pull never replaces such a gold without saying so: the
    earlier gold is in the corpus's git history (and, when it was pushed for review, in the task's
    predictions). Reported once, at the pull that replaces it. A gold computed from unanimous
    annotators (`claimkit adjudicate`) is replaced without a word: it can be made again at any time.""",
    "Nothing if the ground truth in Label Studio is the decision to keep; otherwise restore the gold "
    "from git and take the ground-truth star off the annotation in Label Studio.",
)

GROUND_TRUTH_NOT_TAKEN = _conversion(
    "L049",
    "ground-truth-not-taken",
    Severity.WARNING,
    """The document's gold, decided by people outside the pulled project, is kept over Label Studio's ground truth.

    The gold was written by hand, decided by an expert, or reviewed in another project, and the
    annotation marked as ground truth in the pulled project was saved before it (or one of the two
    has no time to compare): replacing the later decision with the earlier one would silently throw
    away work. The file keeps its gold, the ground truth joins the document's annotations (as the
    annotation of the person who made it), and every pull says so until the two agree: the same
    claims, sources and cues, or one of the hint's two steps.""",
    "If Label Studio's ground truth should be the gold, delete the document's `gold` and pull again; "
    "if the file's gold is right, take the ground-truth star off the annotation in Label Studio.",
)

EDITED_IN_FILE = _conversion(
    "L050",
    "edited-in-file",
    Severity.WARNING,
    """An annotation (or the gold) was edited in the document file, and the pull replaces the edit.

    The file holds the annotation in another form than the Label Studio annotation it was pulled
    from, and that annotation has not been saved again since: someone changed the file. Label Studio
    is where annotations are made and reviewed, so the pull writes Label Studio's copy and says so,
    once. After an upgrade of claimkit that converts some regions differently, the same report names
    the annotations it converted anew. When the annotation was also saved again in Label Studio, an
    edit in the file cannot be told from the version the last pull wrote, and Label Studio's copy is
    taken as always: make edits in Label Studio.""",
    "Make the change in Label Studio (open the task, edit the annotation, update it) and pull again; "
    "`git diff` shows what the edit in the file was.",
)

OLDER_VERSION_IN_EXPORT = _conversion(
    "L051",
    "older-version-in-export",
    Severity.WARNING,
    """The export holds an earlier version of an annotation than the document file.

    The file was pulled after the annotation was saved again in Label Studio, and this export was
    made before: an old export imported after a newer pull (`claimkit ls import backup.json`). A pull
    never turns an annotation back to an earlier state: the file keeps its later version, and says
    so at every import of that export. Annotations made after the old export, which it does not
    hold at all, are kept too (L055).""",
    "Import the latest export (or `claimkit ls pull` from the server); to go back to the earlier "
    "version on purpose, restore the file from git.",
)

TASK_GONE = _conversion(
    "L054",
    "task-gone",
    Severity.WARNING,
    """An annotation the document file holds came from a task that the export does not have.

    The task was deleted in Label Studio (the Data Manager deletes selected tasks with their
    annotations), or the export holds only some of the project's tasks. The file's copy may be the
    only one left, so it is kept, and every pull says so; so is an annotation of that task set aside
    in the quarantine (`.pending/`). A document whose every task is gone is not
    in the export at all: the pull leaves its file as it is.""",
    "If the task was deleted by mistake, push the document again and have the annotation redone (the "
    "file keeps it meanwhile); if on purpose, delete the annotation from the file.",
)

EXPORT_PREDATES_ANNOTATION = _conversion(
    "L055",
    "export-predates-annotation",
    Severity.WARNING,
    """An annotation (or the gold) the document file holds is missing from an export made before it was last saved.

    Label Studio changes a task whenever one of its annotations is made, saved or deleted (the Data
    Manager's "Delete annotations" too), so an export whose task last changed before the file's
    annotation was saved (made, for a file that records no later save) cannot know that annotation:
    the server was restored from a backup made before it, or an older export was imported (`claimkit
    ls import backup.json`). The file's copy may be the only one left, so it is kept, and every pull
    says so; a gold stays the gold, and a ground truth of that export joins the annotations. Once
    the task changes again on the server (an annotation made or deleted, a prediction pushed), a
    missing annotation can no longer be told from a deleted one and leaves the file as L046 says:
    pull before annotators go on and before `claimkit ls push` adds predictions.""",
    "Pull from the server that holds the annotation, or import the latest export; if the server was "
    "restored from a backup, have the annotation redone there (the file keeps it meanwhile), or delete "
    "it from the file if it is not wanted.",
)

EDITED_BY_ANOTHER = _conversion(
    "L053",
    "edited-by-another",
    Severity.WARNING,
    """An annotation was last saved by another person than its annotator.

    Label Studio lets anyone with access open an annotator's annotation and update it (a lead fixing
    a mistake, a second annotator on the wrong tab). The annotation keeps its annotator, so the file
    credits the edit to them, and agreement compares the editor's reading as if it were theirs.
    Setting or taking off the ground-truth star also counts as saving it: a ground truth (the
    reviewer's decision) is never reported, an annotation whose star was set and taken off is. An
    annotation an administrator made on an annotator's behalf through the API (saved once, when it
    was made) is not. Reported at every pull, while Label Studio's copy stays so.""",
    "Ask the annotator to check the annotation; if the editor's reading is their own, re-create it "
    "as the editor's annotation and restore the annotator's (the earlier version is in git history).",
)

UNREADABLE_METADATA = _conversion(
    "L056",
    "unreadable-annotation-metadata",
    Severity.WARNING,
    """An annotation's id, creation or update time, or lead time cannot be read, and is left out.

    Label Studio writes these itself (a positive whole number, an ISO 8601 time, seconds spent); an
    export that gives another value was edited by hand or made by another tool. The annotation's
    regions are imported as they are; what it was, when it was made and how long it took are not
    known, so a later pull cannot tell it from another annotation by its id and time.""",
    "Export the project again from Label Studio (Export → JSON) instead of editing the file.",
)

ANNOTATION_ID_REUSED = _conversion(
    "L052",
    "annotation-id-reused",
    Severity.WARNING,
    """The export's annotation has the id of another annotation the document file holds.

    Label Studio never changes when an annotation was created. An annotation of the export with the
    id (and project) of one in the file, but created at another time, is another annotation: the
    server was restored from a backup made before the file's annotation, the project was moved to
    another server, or an export of another server was imported. Both are kept: the export's, and
    the file's (possibly the only copy of someone's work), which is detached from Label Studio (its
    `origin` removed) so that no later pull takes it for the other one; said once. The same holds for
    the gold (a later ground truth with that id then decides as L048 says), and for two annotations
    with one id in the exports of one import.""",
    "If the file's annotation is someone's real work, keep it (or re-create it in Label Studio); if "
    "it is not wanted, delete it from the file. Never restore an older backup over a server whose "
    "annotations were pulled.",
)
