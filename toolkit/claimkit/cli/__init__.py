"""The ``claimkit`` command line: argument parsing only; each command is one function call.

Exit codes: 0 success, 1 problems found (or an operation refused), 2 usage error or unreadable
input, 130 interrupted, 141 when the reader of the output went away (``claimkit rules | head -1``:
what a program killed by SIGPIPE gives; the work itself was done). No traceback is ever shown for
a problem in the input or the environment.

The parser is built in :mod:`claimkit.cli.parser` from one module per family of commands, named like
the module of :mod:`claimkit.commands` its commands call (``core``, ``ingest``, ``labelstudio``,
``release``, ``agreement``, ``preannotate``); options several families share are in
:mod:`claimkit.cli.options`.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Sequence

from claimkit.cli.parser import build_parser
from claimkit.errors import TARGET_NOT_WRITABLE, ClaimkitError, ConfigError
from claimkit.issues import Report
from claimkit.reporters import DOCUMENT_FORMATS, render

__all__ = ["build_parser", "main"]


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
    except BrokenPipeError:
        return _reader_gone()
    except Exception as error:  # a bug: say so in one line instead of a traceback
        if os.environ.get("CLAIMKIT_DEBUG"):
            raise
        if isinstance(error, OSError) and error.errno in _ENVIRONMENT:  # read-only, no permission, full disk
            return _report_error(_unusable(error), getattr(args, "fmt", None))
        sys.stderr.write(
            f"claimkit: internal error: {type(error).__name__}: {error}\n"
            "  This is a bug in claimkit. Rerun with CLAIMKIT_DEBUG=1 for the traceback and report it.\n"
        )
        return 3


#: What an operating system says when a path cannot be used (not a bug in claimkit).
_ENVIRONMENT = {
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.ENOTDIR,
    errno.EISDIR,
    errno.EEXIST,
    errno.ELOOP,  # a symbolic link loop in the path
    errno.ENAMETOOLONG,
    errno.ENOENT,  # a path whose folder cannot be created (/proc/x)
}


def _unusable(error: OSError) -> ClaimkitError:
    """E212 naming the path (the folder, when it is one of claimkit's hidden temporary files). The
    operating system does not say whether reading or writing failed, so neither does the message."""
    where = str(error.filename or "a file")
    if os.path.basename(where).startswith("."):
        where = f"the folder {os.path.dirname(where) or '.'}"
    hint = (
        "Check that the path exists as the kind of thing claimkit expects (a folder, a file) and that the user "
        "running claimkit may read and write it; a read-only or full disk gives the same error."
    )
    return ConfigError(TARGET_NOT_WRITABLE, f"cannot use {where}: {error.strerror or error}", hint=hint)


def _reader_gone() -> int:
    """The output's reader closed the pipe: say nothing more (stdout now goes nowhere, so the
    interpreter's last flush cannot fail again)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141


def console() -> None:
    """Entry point of the ``claimkit`` console script."""
    code = main()
    try:
        sys.stdout.flush()  # output still buffered meets a closed pipe here, not in the interpreter
    except BrokenPipeError:
        code = _reader_gone()
    sys.exit(code)
