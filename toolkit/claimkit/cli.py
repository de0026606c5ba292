"""The ``claimkit`` command line: argument parsing only; each command is one function call.

Exit codes: 0 success, 1 problems found (or an operation refused), 2 usage error or unreadable
input, 130 interrupted. No traceback is ever shown for a problem in the input or the environment.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from claimkit import __version__
from claimkit.commands import agreement as agreement_commands
from claimkit.commands import core, labelstudio
from claimkit.commands import preannotate as preannotate_commands
from claimkit.commands import release as release_commands
from claimkit.errors import ClaimkitError
from claimkit.issues import Report
from claimkit.loading import MAX_FILE_BYTES
from claimkit.reporters import DOCUMENT_FORMATS, FORMATS, render

__all__ = ["build_parser", "main"]


def _codes(value: str) -> list[str]:
    return [part for part in value.replace(" ", ",").split(",") if part]


def _format(parser: argparse.ArgumentParser, choices: Sequence[str] = tuple(FORMATS)) -> None:
    """``--format``: by default the reporters' formats (every command whose outcome is a Report)."""
    parser.add_argument("--format", dest="fmt", choices=choices, default="text", help="output format")


def _add_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check document files: structure and every rule")
    p.add_argument("paths", nargs="*", default=["annotations"], help="files or folders (default: annotations/)")
    p.add_argument("--select", type=_codes, action="extend", help="only these codes or prefixes (e.g. C,O001)")
    p.add_argument("--ignore", type=_codes, action="extend", help="skip these codes or prefixes")
    p.add_argument("--strict", action="store_true", help="warnings fail the run too")
    p.add_argument("--jobs", "-j", type=int, default=0, help="processes to use (default: one per CPU)")
    p.add_argument("--max-bytes", type=int, default=MAX_FILE_BYTES, help="refuse files larger than this")
    p.add_argument(
        "--verbose", "-v", action="store_true", help="list every issue (text output summarizes a code met often)"
    )
    _engine(p)
    _format(p)

    def run(a: argparse.Namespace) -> int:
        return core.validate(
            a.paths,
            select=a.select,
            ignore=a.ignore,
            strict=a.strict,
            fmt=a.fmt,
            jobs=a.jobs,
            max_bytes=a.max_bytes,
            engine=a.engine,
            address=a.address,
            out=sys.stdout,
            verbose=a.verbose,
        )

    p.set_defaults(run=run)


def _engine(parser: argparse.ArgumentParser) -> None:
    """``--engine local|ray`` and ``--address``: where the per-document work runs (see docs/ray.md)."""
    parser.add_argument("--engine", choices=("local", "ray"), default="local", help="local processes, or Ray")
    parser.add_argument("--address", help="Ray cluster address (default: $RAY_ADDRESS, else a local Ray)")


def _add_preannotate(sub: Any) -> None:
    p = sub.add_parser(
        "preannotate",
        help="propose claims, sources and cues (rule-based, offline), or evaluate the proposals",
        description="Document files get a proposal in their `predictions` (the previous proposal is replaced, "
        "annotators' work is never touched). JSON Lines or Parquet shards of articles (rows with id and text) "
        "give proposal rows under --out. --evaluate compares proposals and a baseline with gold.",
    )
    p.add_argument("paths", nargs="*", default=["annotations"], help="document files or folders, or shards")
    p.add_argument("--evaluate", action="store_true", help="score proposals against gold beside the baseline")
    p.add_argument("--out", help="folder for the proposal rows of shards")
    p.add_argument("--output-format", choices=("jsonl", "parquet"), help="of the proposal rows (default: as input)")
    p.add_argument("--dry-run", action="store_true", help="say what would be written; write nothing")
    p.add_argument("--jobs", "-j", type=int, default=0, help="processes (local) or CPUs (local Ray); default: all")
    _engine(p)
    _format(p, (*FORMATS, "markdown"))

    def run(a: argparse.Namespace) -> int:
        if a.evaluate:
            return preannotate_commands.evaluate(a.paths, fmt=a.fmt, out=sys.stdout)
        return preannotate_commands.preannotate(
            a.paths,
            engine=a.engine,
            jobs=a.jobs,
            address=a.address,
            out_dir=a.out,
            output_format=a.output_format,
            dry_run=a.dry_run,
            fmt=a.fmt,
            out=sys.stdout,
        )

    p.set_defaults(run=run)


def _add_generated(sub: Any) -> None:
    p = sub.add_parser("schema", help="write the generated contracts (JSON Schema, Label Studio config)")
    p.add_argument("--out", default="schema", help="folder (default: schema/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the committed files are stale")
    p.set_defaults(run=lambda a: core.schema(a.out, check=a.check, out=sys.stdout))

    p = sub.add_parser("docs", help="write the generated reference pages (rules, label sets)")
    p.add_argument("--out", default="docs", help="folder (default: docs/)")
    p.add_argument("--check", action="store_true", help="exit 1 if the committed pages are stale")
    p.set_defaults(run=lambda a: core.docs(a.out, check=a.check, out=sys.stdout))

    p = sub.add_parser("rules", help="list every rule code")
    _format(p, ("text", "json"))
    p.set_defaults(run=lambda a: core.rules(fmt=a.fmt, out=sys.stdout))

    p = sub.add_parser("labels", help="list every closed label set")
    p.set_defaults(run=lambda _: core.labels(out=sys.stdout))


_FIELDS = ("text", "title", "id", "date", "url", "outlet", "license")


def _add_ingest(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="turn articles (text files, folders, JSONL, CSV/TSV, Parquet, datasets) into document files",
        description="Each text file, JSON Lines line, CSV/TSV row, Parquet row or datasets row becomes a document "
        "file. Fields not mapped to the document are kept under document.source_fields. Exit 0 when every "
        "record was written (or was already there), 1 when some were refused, 2 when none was written.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders, save_to_disk folders or Hub ids")
    p.add_argument("--out", default="annotations", help="folder for the document files (default: annotations/)")
    for name in ("id", "title", "outlet", "language", "published", "url", "license"):
        p.add_argument(f"--{name}", default=None, help=f"the document's {name} (wins over the input's fields)")
    for name in _FIELDS:
        p.add_argument(f"--{name}-field", metavar="FIELD", help=f"the input field holding the {name}")
    p.add_argument("--input-format", choices=["text", "jsonl", "json", "csv", "tsv", "parquet", "dataset"])
    p.add_argument("--glob", help="in folders, only files matching this pattern (default: every known format)")
    p.add_argument("--near-duplicates", type=float, default=0.8, metavar="JACCARD", help="0 to 1; 0 turns it off")
    p.add_argument("--skip-duplicates", action="store_true", help="do not write exact or near duplicates")
    p.add_argument("--max-bytes", type=int, default=MAX_FILE_BYTES, help="refuse documents larger than this")
    p.add_argument("--no-furniture", action="store_true", help="do not detect page furniture")
    p.add_argument("--strip-bidi", action="store_true", help="remove invisible bidi control characters first")
    p.add_argument("--jobs", "-j", type=int, default=0, help="processes to use (default: one per CPU)")
    p.add_argument("--verbose", "-v", action="store_true", help="list every file and every issue")
    _format(p)
    p.set_defaults(run=_run_ingest)


def _run_ingest(a: argparse.Namespace) -> int:
    from claimkit.commands.ingest import ingest
    from claimkit.ingest import FieldMap, IngestOptions

    fields = {"published" if name == "date" else name: getattr(a, f"{name}_field") for name in _FIELDS}
    keys = ("id", "title", "outlet", "language", "published", "url", "license")
    options = IngestOptions(
        out_dir=Path(a.out),
        fields=FieldMap.from_options(fields),
        metadata={key: getattr(a, key) for key in keys},
        furniture=not a.no_furniture,
        strip_bidi=a.strip_bidi,
        near_threshold=a.near_duplicates or None,
        skip_duplicates=a.skip_duplicates,
        max_bytes=a.max_bytes,
        glob=a.glob,
        input_format=a.input_format,
        jobs=a.jobs or (os.cpu_count() or 1),
    )
    return ingest(a.inputs, options=options, fmt=a.fmt, verbose=a.verbose, out=sys.stdout, progress=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimkit", description="Annotate news articles with claims and their sources."
    )
    parser.add_argument("--version", action="version", version=f"claimkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_validate(sub)
    _add_generated(sub)
    _add_ingest(sub)
    for extension in _EXTENSIONS:
        extension(sub)
    return parser


def _connection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help="Label Studio URL (default: $LABEL_STUDIO_URL)")
    p.add_argument("--api-key", help="API key or personal access token (default: $LABEL_STUDIO_API_KEY)")
    p.add_argument(
        "--project", default=os.environ.get("CLAIMKIT_LS_PROJECT", "claimkit"), help="project title (default: claimkit)"
    )


def _add_labelstudio(sub: Any) -> None:
    from claimkit.pseudonym import DEFAULT_KEY_FILE

    ls = sub.add_parser("ls", help="the Label Studio round trip").add_subparsers(dest="ls_command", required=True)
    p = ls.add_parser("keygen", help="create the secret key annotator pseudonyms are made with")
    p.add_argument("--key-file", default=str(DEFAULT_KEY_FILE))
    p.set_defaults(run=lambda a: labelstudio.keygen(a.key_file, out=sys.stdout))

    p = ls.add_parser("init", help="create or update the project with the generated labeling config")
    p.add_argument(
        "--overlap",
        type=int,
        help="annotators per task through 'Label All Tasks' (default: [tool.claimkit.labelstudio] overlap "
        "in ./pyproject.toml, else left as it is)",
    )
    _connection(p)
    _format(p)
    p.set_defaults(
        run=lambda a: labelstudio.init(a.url, a.api_key, a.project, overlap=a.overlap, fmt=a.fmt, out=sys.stdout)
    )

    p = ls.add_parser("push", help="send documents as tasks (optionally pre-filled)")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument(
        "--predictions",
        help="pre-fill tasks with 'gold', 'preannotate' (the proposal `claimkit preannotate` stored) "
        "or the annotation of this pseudonym",
    )
    _connection(p)
    _format(p)
    p.set_defaults(
        run=lambda a: labelstudio.push(
            a.paths, a.url, a.api_key, a.project, predictions=a.predictions, fmt=a.fmt, out=sys.stdout
        )
    )

    p = ls.add_parser("pull", help="bring every annotation back into the corpus")
    _corpus_options(p, DEFAULT_KEY_FILE)
    _connection(p)
    _format(p)
    p.set_defaults(
        run=lambda a: labelstudio.pull(
            a.out,
            a.url,
            a.api_key,
            a.project,
            key_file=a.key_file,
            include_drafts=a.include_drafts,
            fmt=a.fmt,
            out=sys.stdout,
        )
    )
    _add_labelstudio_files(ls, DEFAULT_KEY_FILE)


def _corpus_options(p: argparse.ArgumentParser, key_file: object) -> None:
    p.add_argument("--out", default="annotations", help="corpus folder (default: annotations/)")
    p.add_argument("--key-file", help=f"pseudonym key (default: $CLAIMKIT_PSEUDONYM_KEY or {key_file})")
    p.add_argument("--include-drafts", action="store_true", help="also keep drafts' content in <out>/.pending/")


def _add_labelstudio_files(ls: Any, key_file: object) -> None:
    """``ls import`` and ``ls export``: Label Studio files instead of a server."""
    p = ls.add_parser("import", help="bring full JSON export files (.json, .json.gz) into the corpus")
    p.add_argument("exports", nargs="+", help="export files made with Export -> JSON")
    p.add_argument("--server-id", help="the server's URL: names annotators the export gives by user id only")
    _corpus_options(p, key_file)
    _format(p)
    p.set_defaults(
        run=lambda a: labelstudio.import_exports(
            a.exports,
            a.out,
            key_file=a.key_file,
            server_id=a.server_id,
            include_drafts=a.include_drafts,
            fmt=a.fmt,
            out=sys.stdout,
        )
    )
    p = ls.add_parser("export", help="write tasks.json and labeling-config.xml for the UI's Import button")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--out", required=True, help="folder for tasks.json and labeling-config.xml")
    p.add_argument(
        "--predictions",
        help="pre-fill tasks with 'gold', 'preannotate' (the proposal `claimkit preannotate` stored) "
        "or the annotation of this pseudonym",
    )
    _format(p)
    p.set_defaults(
        run=lambda a: labelstudio.export(a.paths, a.out, predictions=a.predictions, fmt=a.fmt, out=sys.stdout)
    )

    p = ls.add_parser("watch", help="check annotations as they are submitted and show problems in Label Studio")
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 for Label Studio's webhooks (0: any)")
    _connection(p)
    p.set_defaults(run=lambda a: labelstudio.watch(a.url, a.api_key, a.project, port=a.port, out=sys.stdout))


def _add_release(sub: Any) -> None:
    p = sub.add_parser(
        "release",
        help="build a versioned release of the gold annotations",
        description="Build dist/<name>-<VERSION>/ (Parquet per config and split, card, schema, Croissant, "
        "changelog, SHA256SUMS, manifest) in one pass over the corpus. Versions follow semver: major when readers "
        "break (schema or guidelines major, a label removed, renamed or given another ClassLabel id, split "
        "settings changed, documents removed), minor when something is added (documents, labels: a new label "
        "gets the next id), patch for corrections. A recorded version is never rebuilt with other content, and "
        "is only built from a committed corpus (--snapshot builds the work tree as it is).",
    )
    p.add_argument("version", nargs="?", help="MAJOR.MINOR.PATCH")
    p.add_argument("--snapshot", action="store_true", help="build an unrecorded snapshot of the corpus as it is")
    p.add_argument("--corpus", default="annotations")
    p.add_argument("--out", default="dist")
    p.add_argument("--records", default="releases", help="folder of the committed release records")
    p.add_argument("--config", default="pyproject.toml", help="file with [tool.claimkit.dataset]")
    p.add_argument("--splits", help="ratios, e.g. train=0.8,validation=0.1,test=0.1 (changing them is major)")
    p.add_argument("--notes", help="a line for the changelog")
    p.add_argument("--push-to-hub", metavar="REPO", help="push the built release to this Hub dataset repo and tag it")
    p.add_argument("--load", action="store_true", help="then load every config back with datasets and summarize")
    p.set_defaults(
        run=lambda a: release_commands.release(
            a.version,
            snapshot=a.snapshot,
            corpus=a.corpus,
            out=a.out,
            records=a.records,
            pyproject=a.config,
            splits=a.splits,
            notes=a.notes,
            push_to_hub=a.push_to_hub,
            load_back=a.load,
            out_stream=sys.stdout,
        )
    )
    p = sub.add_parser("diff", help="compare two releases (or a release with `current`, the corpus now)")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--records", default="releases")
    p.add_argument("--corpus", default="annotations")
    p.add_argument("--config", default="pyproject.toml")
    _format(p, ("text", "json", "markdown"))
    p.set_defaults(
        run=lambda a: release_commands.diff(
            a.old, a.new, records=a.records, corpus=a.corpus, pyproject=a.config, fmt=a.fmt, out=sys.stdout
        )
    )
    p = sub.add_parser("verify", help="check every file of a release folder against its manifest.json")
    p.add_argument("folder")
    _format(p)
    p.set_defaults(run=lambda a: release_commands.verify(a.folder, fmt=a.fmt, out=sys.stdout))
    p = sub.add_parser("load", help="verify a built release, then load it with datasets.load_dataset")
    p.add_argument("folder")
    p.set_defaults(run=lambda a: release_commands.load(a.folder, out=sys.stdout))


def _add_agreement(sub: Any) -> None:
    p = sub.add_parser("agree", help="inter-annotator agreement over documents with 2+ annotators")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--heatmap", metavar="PNG", help="also write the category confusion matrix as a PNG")
    p.add_argument("--hard-cases", metavar="MD", help="also write the hard cases (conflicts, decisions) as Markdown")
    p.add_argument("--gamma", action="store_true", help="also gamma per document (pygamma-agreement; ~1 s each)")
    _format(p, ("text", "json", "markdown"))
    p.set_defaults(
        run=lambda a: agreement_commands.agree(
            a.paths, fmt=a.fmt, heatmap=a.heatmap, hard_cases=a.hard_cases, gamma=a.gamma, out=sys.stdout
        )
    )

    p = sub.add_parser("adjudicate", help="merge annotators into gold; list conflicts (and push them for review)")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--force", action="store_true", help="also documents that already have gold")
    p.add_argument("--dry-run", action="store_true", help="report only; write nothing")
    p.add_argument("--push", action="store_true", help="send conflicts to Label Studio as predictions for a reviewer")
    _connection(p)
    _format(p, ("text", "json"))
    p.set_defaults(
        run=lambda a: agreement_commands.adjudicate(
            a.paths,
            force=a.force,
            dry_run=a.dry_run,
            push=a.push,
            url=a.url,
            api_key=a.api_key,
            project=a.project,
            fmt=a.fmt,
            out=sys.stdout,
        )
    )


_EXTENSIONS: list[Callable[[Any], None]] = [_add_labelstudio, _add_release, _add_agreement, _add_preannotate]


def _report_error(error: ClaimkitError, fmt: str | None) -> int:
    """The error on stderr; with ``--format json`` (or sarif) also as the one document on stdout."""
    sys.stderr.write(f"claimkit: error: {error}\n")
    if fmt in DOCUMENT_FORMATS:
        sys.stdout.write(render(Report([error.to_issue()]), fmt))
    return error.exit_code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (the console script exits with it)."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except ClaimkitError as error:
        return _report_error(error, getattr(args, "fmt", None))
    except KeyboardInterrupt:
        sys.stderr.write("claimkit: interrupted\n")
        return 130
    except Exception as error:  # a bug: say so in one line instead of a traceback
        if os.environ.get("CLAIMKIT_DEBUG"):
            raise
        sys.stderr.write(
            f"claimkit: internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in claimkit. Rerun with CLAIMKIT_DEBUG=1 for the traceback and report it.\n"
        )
        return 3


def console() -> None:
    """Entry point of the ``claimkit`` console script."""
    sys.exit(main())
