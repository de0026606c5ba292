"""Pseudonym keys: made random and private, and refused when guessable (E104)."""

from __future__ import annotations

import secrets
import stat
from pathlib import Path

import pytest

from claimkit.errors import ConfigError
from claimkit.pseudonym import MIN_KEY_BITS, Pseudonymizer, create_key_file, key_strength, load_pseudonymizer
from tests.errors import raises_code

WEAK = [
    b"a" * 16,  # the key the issue found accepted
    b"a" * 64,  # long but one letter
    b"abc" * 30,  # a short unit repeated
    b"0123456789abcdef" * 4,  # a hex-looking pattern
    secrets.token_hex(15).encode(),  # random, but 120 bits only
    b"correct horse battery staple now",  # five dictionary words
]
STRONG = [
    secrets.token_hex(32).encode(),  # what keygen writes
    secrets.token_hex(16).encode(),  # exactly 128 random bits
    secrets.token_bytes(32),
    secrets.token_urlsafe(32).encode(),
    b"correct horse battery staple now alpha beta gamma delta omega",  # ten words
]


@pytest.mark.parametrize("key", WEAK, ids=lambda k: repr(k[:12]))
def test_a_guessable_key_is_refused(key: bytes) -> None:
    assert key_strength(key) < MIN_KEY_BITS
    with raises_code("E104", ConfigError):
        Pseudonymizer(key)


@pytest.mark.parametrize("key", STRONG, ids=lambda k: repr(k[:12]))
def test_a_random_key_is_accepted(key: bytes) -> None:
    assert key_strength(key) >= MIN_KEY_BITS
    assert Pseudonymizer(key)("A@Example.org ") == Pseudonymizer(key)("a@example.org")


def test_a_weak_key_in_the_environment_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMKIT_PSEUDONYM_KEY", "k" * 32)
    with raises_code("E104", ConfigError):
        load_pseudonymizer()


def test_keygen_writes_32_random_bytes_private_from_the_start(tmp_path: Path) -> None:
    first, second = create_key_file(tmp_path / "a" / "key"), create_key_file(tmp_path / "b" / "key")
    keys = [bytes.fromhex(path.read_text().strip()) for path in (first, second)]
    assert [len(key) for key in keys] == [32, 32]
    assert keys[0] != keys[1]
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    assert key_strength(first.read_bytes().strip()) >= 2 * MIN_KEY_BITS
    with raises_code("E105", ConfigError):
        create_key_file(first)
