"""Pseudonymous annotators: a keyed hash of the annotator's e-mail address.

The key lives outside the repository (``CLAIMKIT_PSEUDONYM_KEY`` or a key file, by default
``~/.config/claimkit/pseudonym.key``), so nobody holding the corpus can recompute who an annotator
is by hashing candidate addresses, while the same person always gets the same pseudonym across
pulls, projects and servers. No e-mail address or Label Studio user id is ever written to a file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from claimkit.errors import MISSING_PSEUDONYM_KEY, PSEUDONYM_KEY_EXISTS, WEAK_PSEUDONYM_KEY, ConfigError

__all__ = ["DEFAULT_KEY_FILE", "KEY_ENV", "Pseudonymizer", "create_key_file", "load_pseudonymizer"]

KEY_ENV = "CLAIMKIT_PSEUDONYM_KEY"
DEFAULT_KEY_FILE = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "claimkit" / "pseudonym.key"
_MIN_KEY_BYTES = 16


class Pseudonymizer:
    """Stable pseudonyms ``ann-<12 hex>`` from identities, under one secret key."""

    def __init__(self, key: bytes) -> None:
        if len(key) < _MIN_KEY_BYTES:
            raise ConfigError(
                WEAK_PSEUDONYM_KEY, f"the pseudonym key is too short ({len(key)} bytes; at least {_MIN_KEY_BYTES})"
            )
        self._key = key

    def __call__(self, identity: str) -> str:
        normalized = identity.strip().lower().encode("utf-8")
        return "ann-" + hmac.new(self._key, normalized, hashlib.sha256).hexdigest()[:12]

    def __repr__(self) -> str:  # never show the key
        return "Pseudonymizer(<key hidden>)"


def load_pseudonymizer(key_file: str | os.PathLike[str] | None = None) -> Pseudonymizer:
    """The pseudonymizer of this installation: key from the environment, else from the key file."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        return Pseudonymizer(from_env.encode("utf-8"))
    path = Path(key_file) if key_file else DEFAULT_KEY_FILE
    if not path.is_file():
        raise ConfigError(
            MISSING_PSEUDONYM_KEY,
            f"no pseudonym key: set {KEY_ENV} or create {path}",
            hint=f"run `claimkit ls keygen --key-file {path}` once and keep the file out of the repository",
        )
    return Pseudonymizer(path.read_bytes().strip())


def create_key_file(path: str | os.PathLike[str]) -> Path:
    """Write a new random key (mode 600). Refuses to replace an existing key: pseudonyms would change."""
    target = Path(path)
    if target.exists():
        raise ConfigError(PSEUDONYM_KEY_EXISTS, f"{target} exists; replacing the key would change every pseudonym")
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return target
