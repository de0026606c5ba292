"""``claimkit ls``: the Label Studio round trip, with a server (``init``, ``push``, ``pull``, ``watch``)
or with its files (``import``, ``export``)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from claimkit.cli.options import add_connection, add_format
from claimkit.commands import labelstudio

__all__ = ["add_commands"]

_PREDICTIONS_HELP = (
    "pre-fill tasks with 'gold', 'preannotate' (the proposal `claimkit preannotate` stored) "
    "or the annotation of this pseudonym"
)


def add_commands(sub: Any) -> None:
    from claimkit.pseudonym import DEFAULT_KEY_FILE

    ls = sub.add_parser("ls", help="the Label Studio round trip").add_subparsers(dest="ls_command", required=True)
    _add_keygen(ls, DEFAULT_KEY_FILE)
    _add_init(ls)
    _add_push(ls)
    _add_pull(ls, DEFAULT_KEY_FILE)
    _add_import(ls, DEFAULT_KEY_FILE)
    _add_export(ls)
    _add_watch(ls)


def _add_keygen(ls: Any, key_file: object) -> None:
    p = ls.add_parser("keygen", help="create the secret key annotator pseudonyms are made with")
    p.add_argument("--key-file", default=str(key_file))
    p.set_defaults(run=lambda a: labelstudio.keygen(a.key_file, out=sys.stdout))


def _add_init(ls: Any) -> None:
    p = ls.add_parser("init", help="create or update the project with the generated labeling config")
    p.add_argument(
        "--overlap",
        type=int,
        help="annotators per task through 'Label All Tasks' (default: [tool.claimkit.labelstudio] overlap "
        "in ./pyproject.toml, else left as it is)",
    )
    add_connection(p)
    add_format(p)
    p.set_defaults(
        run=lambda a: labelstudio.init(a.url, a.api_key, a.project, overlap=a.overlap, fmt=a.fmt, out=sys.stdout)
    )


def _add_push(ls: Any) -> None:
    p = ls.add_parser("push", help="send documents as tasks (optionally pre-filled)")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--predictions", help=_PREDICTIONS_HELP)
    add_connection(p)
    add_format(p)
    p.set_defaults(run=_run_push)


def _run_push(a: argparse.Namespace) -> int:
    return labelstudio.push(a.paths, a.url, a.api_key, a.project, predictions=a.predictions, fmt=a.fmt, out=sys.stdout)


def _add_pull(ls: Any, key_file: object) -> None:
    p = ls.add_parser("pull", help="bring every annotation back into the corpus")
    _corpus_options(p, key_file)
    add_connection(p)
    add_format(p)
    p.set_defaults(run=_run_pull)


def _run_pull(a: argparse.Namespace) -> int:
    return labelstudio.pull(
        a.out,
        a.url,
        a.api_key,
        a.project,
        key_file=a.key_file,
        include_drafts=a.include_drafts,
        fmt=a.fmt,
        out=sys.stdout,
    )


def _corpus_options(p: argparse.ArgumentParser, key_file: object) -> None:
    """Where annotations brought back go: the corpus, the pseudonym key, drafts or not."""
    p.add_argument("--out", default="annotations", help="corpus folder (default: annotations/)")
    p.add_argument("--key-file", help=f"pseudonym key (default: $CLAIMKIT_PSEUDONYM_KEY or {key_file})")
    p.add_argument("--include-drafts", action="store_true", help="also keep drafts' content in <out>/.pending/")


def _add_import(ls: Any, key_file: object) -> None:
    """``ls import``: Label Studio export files instead of a server."""
    p = ls.add_parser("import", help="bring full JSON export files (.json, .json.gz) into the corpus")
    p.add_argument("exports", nargs="+", help="export files made with Export -> JSON")
    p.add_argument("--server-id", help="the server's URL: names annotators the export gives by user id only")
    _corpus_options(p, key_file)
    add_format(p)
    p.set_defaults(run=_run_import)


def _run_import(a: argparse.Namespace) -> int:
    return labelstudio.import_exports(
        a.exports,
        a.out,
        key_file=a.key_file,
        server_id=a.server_id,
        include_drafts=a.include_drafts,
        fmt=a.fmt,
        out=sys.stdout,
    )


def _add_export(ls: Any) -> None:
    """``ls export``: files for the UI's Import button instead of a server."""
    p = ls.add_parser("export", help="write tasks.json and labeling-config.xml for the UI's Import button")
    p.add_argument("paths", nargs="*", default=["annotations"])
    p.add_argument("--out", required=True, help="folder for tasks.json and labeling-config.xml")
    p.add_argument("--predictions", help=_PREDICTIONS_HELP)
    add_format(p)
    p.set_defaults(
        run=lambda a: labelstudio.export(a.paths, a.out, predictions=a.predictions, fmt=a.fmt, out=sys.stdout)
    )


def _add_watch(ls: Any) -> None:
    p = ls.add_parser("watch", help="check annotations as they are submitted and show problems in Label Studio")
    p.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 for Label Studio's webhooks (0: any)")
    add_connection(p)
    p.set_defaults(run=lambda a: labelstudio.watch(a.url, a.api_key, a.project, port=a.port, out=sys.stdout))
