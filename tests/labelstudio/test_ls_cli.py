"""`claimkit ls` without a server: configuration errors are usage errors with a clear message."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from claimkit.cli import main


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "CLAIMKIT_PSEUDONYM_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_keygen_writes_a_private_key_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key = tmp_path / "keys" / "pseudonym.key"
    assert main(["ls", "keygen", "--key-file", str(key)]) == 0
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert len(bytes.fromhex(key.read_text().strip())) == 32
    assert main(["ls", "keygen", "--key-file", str(key)]) == 2
    assert "would change every pseudonym" in capsys.readouterr().err


def test_pull_needs_a_key_a_url_and_a_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["ls", "pull", "--out", str(tmp_path)]) == 2
    assert "no pseudonym key" in capsys.readouterr().err
    monkeypatch.setenv("CLAIMKIT_PSEUDONYM_KEY", "k" * 32)
    assert main(["ls", "pull", "--out", str(tmp_path)]) == 2
    assert "E104" in capsys.readouterr().err  # a guessable key is refused before anything else
    monkeypatch.setenv("CLAIMKIT_PSEUDONYM_KEY", "5f0c1b7e9a2d4c6e8f1a3b5d7c9e0f2a4b6d8c0e1f3a5b7d9c2e4f6a8b0d1c3e")
    assert main(["ls", "pull", "--out", str(tmp_path)]) == 2
    assert "LABEL_STUDIO_URL" in capsys.readouterr().err
    assert main(["ls", "pull", "--out", str(tmp_path), "--url", "http://127.0.0.1:9"]) == 2
    assert "LABEL_STUDIO_API_KEY" in capsys.readouterr().err


def test_push_of_unreadable_files_sends_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert main(["ls", "push", str(tmp_path), "--url", "http://127.0.0.1:9", "--api-key", "x" * 40]) == 2
    assert "F005" in capsys.readouterr().out
