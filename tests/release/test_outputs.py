"""Where release commands write and what they read: never over their input, a named config file that
is not one refused, a corpus that cannot be read never compared as an empty one."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimkit.cli import main

MakeCorpus = Callable[..., Path]


@pytest.mark.parametrize("option", ["--out", "--records"])
@pytest.mark.parametrize("where", ["the-corpus", "inside-it"])
def test_a_release_is_never_written_into_its_corpus(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, where: str
) -> None:
    corpus = make_corpus(2)
    before = sorted(p.name for p in corpus.iterdir())
    target = corpus if where == "the-corpus" else corpus / "dist"
    others = {"--out": str(tmp_path / "dist"), "--records": str(tmp_path / "releases")}
    others[option] = str(target)
    arguments = ["release", "--snapshot", "--corpus", str(corpus)]
    code = main([*arguments, *(part for pair in others.items() for part in pair)])
    assert code == 2
    assert "E005" in capsys.readouterr().err
    assert sorted(p.name for p in corpus.iterdir()) == before


def test_a_release_out_folder_the_system_refuses_is_a_coded_error(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = make_corpus(1)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    code = main(["release", "--snapshot", "--corpus", str(corpus), "--out", str(tmp_path / "loop" / "x")])
    assert code == 2
    captured = capsys.readouterr()
    assert "E212" in captured.err
    assert "internal error" not in captured.err


@pytest.mark.parametrize(
    "config", ["missing.toml", "a-folder", "no-table.toml", "tool-not-a-table.toml", "not-a-table.toml"]
)
def test_a_named_config_that_gives_no_settings_is_refused(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str
) -> None:
    corpus = make_corpus(1)
    (tmp_path / "a-folder").mkdir()
    (tmp_path / "no-table.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "tool-not-a-table.toml").write_text("tool = 3\n", encoding="utf-8")
    (tmp_path / "not-a-table.toml").write_text("[tool.claimkit]\ndataset = 5\n", encoding="utf-8")
    out = tmp_path / "dist"
    code = main(
        ["release", "--snapshot", "--corpus", str(corpus), "--out", str(out), "--config", str(tmp_path / config)]
    )
    assert code == 2
    assert "E106" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("corpus", ["missing", "unreadable-file"])
def test_diff_against_a_corpus_that_cannot_be_read_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus: str
) -> None:
    """Not 'every document removed': the corpus is what is wrong."""
    folder = tmp_path / corpus
    if corpus == "unreadable-file":
        folder.mkdir()
        (folder / "doc.json").write_bytes(b'{"document": \xd8')
    code = main(["diff", "current", "current", "--corpus", str(folder), "--records", str(tmp_path / "r")])
    assert code == 1
    assert "E305" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["a-link", "a-file", "a-folder-without-manifest"])
def test_a_release_replaces_only_a_folder_it_built(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """Found by a hostile review: a link or a file at the release's place was renamed away and the
    release moved in, while the command said it failed (an internal error for the link)."""
    corpus, out, elsewhere = make_corpus(2), tmp_path / "dist", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "mine.txt").write_text("mine", encoding="utf-8")
    out.mkdir()
    target = out / "claimkit-arabic-news-claims-snapshot"
    if kind == "a-link":
        target.symlink_to(elsewhere)
    elif kind == "a-file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "mine.txt").write_text("mine", encoding="utf-8")
    code = main(["release", "--snapshot", "--corpus", str(corpus), "--out", str(out)])
    assert (code, capsys.readouterr().err.split()[2]) == (2, "E212")
    assert [path.name for path in out.iterdir()] == [target.name]  # nothing renamed, nothing left building
    assert target.is_symlink() == (kind == "a-link")
    assert (elsewhere / "mine.txt").read_text(encoding="utf-8") == "mine"
    if kind != "a-file":
        assert sorted(path.name for path in target.iterdir()) == ["mine.txt"]


def test_what_a_killed_release_left_is_removed_by_the_next(make_corpus: MakeCorpus, tmp_path: Path) -> None:
    """``kill -9`` mid-build left a hidden .building folder that no later run removed (hostile
    review); the next build removes it, and never a folder a live process is still making."""
    corpus, out = make_corpus(60), tmp_path / "dist"
    command = [sys.executable, "-m", "claimkit", "release", "--snapshot", "--corpus", str(corpus), "--out", str(out)]
    building = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not list(out.glob(".*.building-*")) and building.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    building.kill()
    building.wait()
    left = list(out.glob(".*.building-*"))
    assert left, "the build ended before it could be killed"
    live = out / f".claimkit-arabic-news-claims-snapshot.building-{socket.gethostname()}-{os.getpid()}-x"
    live.mkdir()  # this test's own process is alive: its folder stays
    assert main(["release", "--snapshot", "--corpus", str(corpus), "--out", str(out)]) == 0
    assert sorted(path.name for path in out.iterdir()) == sorted([live.name, "claimkit-arabic-news-claims-snapshot"])


@pytest.mark.parametrize(
    "then",
    [
        "the-next-build-fails",
        "the-next-build-succeeds",
        "killed-after-the-swap",
        "named-as-before",
        "a-link-in-its-place",
    ],
)
def test_a_release_killed_while_it_swapped_folders_is_put_back(
    make_corpus: MakeCorpus, tmp_path: Path, capsys: pytest.CaptureFixture[str], then: str
) -> None:
    """Killed between its two renames, a build left the release it replaced under a hidden name and
    nothing in its place, and no later run looked at it: the next run puts it back first (kept there
    when that run fails), or removes it once a new release stands in its place; never when something
    else is there (a link: refused, E212), since the hidden one may be the only copy."""
    corpus, out = make_corpus(2), tmp_path / "dist"
    arguments = ["release", "--snapshot", "--corpus", str(corpus), "--out", str(out)]
    assert main(arguments) == 0
    target = out / "claimkit-arabic-news-claims-snapshot"
    manifest = (target / "manifest.json").read_bytes()
    gone = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True).stdout)
    host = re.sub(r"[^A-Za-z0-9_-]", "_", socket.gethostname())[:40]
    replaced = out / f".{target.name}.replaced-{host}-{gone}-0"
    if then == "named-as-before":
        replaced = out / f".{target.name}.old-{gone}"
    if then == "killed-after-the-swap":  # the new release in place, the old one not yet removed
        shutil.copytree(target, replaced)
    else:
        target.rename(replaced)  # what kill -9 left between the two renames
    if then == "a-link-in-its-place":
        target.symlink_to(tmp_path / "nowhere")
    if then == "the-next-build-fails":
        (corpus / "broken.json").write_text("{", encoding="utf-8")
    capsys.readouterr()
    expected = {"the-next-build-fails": 1, "a-link-in-its-place": 2}.get(then, 0)
    assert main(arguments) == expected
    if then == "a-link-in-its-place":
        assert sorted(path.name for path in out.iterdir()) == sorted([target.name, replaced.name])
        assert (replaced / "manifest.json").read_bytes() == manifest
        return
    assert [path.name for path in out.iterdir()] == [target.name]
    assert (target / "manifest.json").read_bytes() == manifest  # the same corpus builds the same bytes
