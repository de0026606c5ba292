"""Pseudonymous annotators: a keyed hash of the annotator's e-mail address.

The key lives outside the repository (``CLAIMKIT_PSEUDONYM_KEY`` or a key file, by default
``~/.config/claimkit/pseudonym.key``), so nobody holding the corpus can recompute who an annotator
is by hashing candidate addresses, while the same person always gets the same pseudonym across
pulls, projects and servers. No e-mail address or Label Studio user id is ever written to a file.

The key must be strong: anyone holding the corpus can try candidate keys, each checked against
candidate e-mail addresses offline. With a guessable key (16 times ``a``, a few dictionary words)
a five-word list of candidate keys was enough to recover an annotator's address from the
pseudonyms. Keys estimated below 128 bits are refused (E104); ``claimkit ls keygen`` writes 32
random bytes (256 bits), as 64 hex digits.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import os
import re
import secrets
import string
import zlib
from pathlib import Path

from claimkit.errors import MISSING_PSEUDONYM_KEY, PSEUDONYM_KEY_EXISTS, WEAK_PSEUDONYM_KEY, ConfigError

__all__ = [
    "DEFAULT_KEY_FILE",
    "KEY_ENV",
    "MIN_KEY_BITS",
    "Pseudonymizer",
    "create_key_file",
    "key_strength",
    "load_pseudonymizer",
]

KEY_ENV = "CLAIMKIT_PSEUDONYM_KEY"
DEFAULT_KEY_FILE = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "claimkit" / "pseudonym.key"
#: Keys estimated weaker than this are refused.
MIN_KEY_BITS = 128
_KEY_BYTES = 32
_WORD_BITS = 13  # a word of a passphrase: about a diceware word (7,776 words)
_WORDS = re.compile(rb"^[A-Za-z]+([\s_.,-]+[A-Za-z]+)*$")
_ZLIB_OVERHEAD = 8  # header, checksum and block header bytes of zlib's output
_CLASSES = (
    frozenset(b"0123456789abcdef"),
    frozenset(b"0123456789ABCDEF"),
    frozenset(string.digits.encode()),
    frozenset(string.ascii_lowercase.encode()),
    frozenset(string.ascii_uppercase.encode()),
    frozenset((string.punctuation + " ").encode()),
)


def _alphabet(key: bytes) -> int:
    """How many characters a key of this kind draws from: hex 16, letters and digits 62, bytes 256."""
    used = set(key)
    if any(byte > 127 or byte < 32 for byte in used):
        return 256
    for hexadecimal in _CLASSES[:2]:
        if used <= hexadecimal:
            return 16
    return sum(len(group) for group in _CLASSES[2:] if used & group)


def _period(key: bytes) -> bytes:
    """The shortest unit the key repeats (the whole key when it does not)."""
    for size in range(1, len(key) // 2 + 1):
        if key == (key[:size] * (len(key) // size + 1))[: len(key)]:
            return key[:size]
    return key


def key_strength(key: bytes) -> float:
    """A conservative estimate of a key's strength in bits: the least of its length in its alphabet,
    that of the unit it repeats, its compressed size, and 13 bits a word for a passphrase."""
    if not key:
        return 0.0
    unit = _period(key)
    estimates = [len(unit) * math.log2(max(_alphabet(key), 2))]
    estimates.append(8 * max(len(zlib.compress(key, 9)) - _ZLIB_OVERHEAD, 0))
    if _WORDS.match(key):
        estimates.append(_WORD_BITS * len(re.findall(rb"[A-Za-z]+", key)))
    return min(estimates)


class Pseudonymizer:
    """Stable pseudonyms ``ann-<12 hex>`` from identities, under one secret key."""

    def __init__(self, key: bytes) -> None:
        bits = key_strength(key)
        if bits < MIN_KEY_BITS:
            raise ConfigError(
                WEAK_PSEUDONYM_KEY,
                f"the pseudonym key is too weak (about {bits:.0f} bits; at least {MIN_KEY_BITS} are needed)",
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
    """Write a new random key: 32 bytes as hex, mode 600 from the start. Refuses to replace a key."""
    target = Path(path)
    if target.exists():
        raise ConfigError(PSEUDONYM_KEY_EXISTS, f"{target} exists; replacing the key would change every pseudonym")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(_KEY_BYTES) + "\n")
    return target
