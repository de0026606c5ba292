"""Exceptions: for misuse and I/O only. Problems in data are :class:`~claimkit.issues.Issue` objects.

Every exception claimkit raises derives from :class:`ClaimkitError`, carries a message that says how
to fix the problem, and maps to a CLI exit code.
"""

from __future__ import annotations

__all__ = [
    "ClaimkitError",
    "ConfigError",
    "ConnectionFailed",
    "DataError",
    "HubError",
    "ReleaseError",
    "UsageError",
]


class ClaimkitError(Exception):
    """Base class of every error claimkit raises on purpose."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


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
