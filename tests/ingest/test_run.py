"""An ingest run as a whole: ids, duplicates against the run and the corpus, exit codes, output."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.commands.ingest import Progress
from claimkit.ingest.ids import record_id, slugify
from tests.ingest.conftest import BODIES, TITLES, Ingest, codes, jsonl, written


def _articles(folder: Path, names: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        (folder / name).write_text(f"{TITLES[n]}\n\n{BODIES[n]}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Report One", "report-one"),
        ("000_f22616ff3d8ce778", "000_f22616ff3d8ce778"),
        ("تقرير الرياض", "tqryr-alryad-f479720b"),
        ("خبر ١٢", "khbr-12-dfdeacc5"),
        ("con", "con-1143da2b"),
        ("!!!", "doc-e84c538e"),
    ],
)
def test_ids_are_readable_ascii_slugs_also_for_arabic_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_arabic_file_names_give_distinct_ids_and_keep_their_title(tmp_path: Path, ingest: Ingest) -> None:
    folder = _articles(tmp_path / "in", ["تقرير الرياض.txt", "تقرير الرياض ٢.txt", "تقرير جدة.txt"])
    code, report = ingest(str(folder))
    assert (code, report["summary"]["counts"]["written"]) == (0, 3)
    documents = written(tmp_path / "out")
    assert len(documents) == 3 and all(doc_id.startswith("tqryr-") for doc_id in documents)
    assert sorted(doc["title"] for doc in documents.values()) == sorted(TITLES[:3])


def test_records_without_an_id_are_numbered_after_their_source(tmp_path: Path, ingest: Ingest) -> None:
    rows = [{"title": TITLES[n], "text": BODIES[n]} for n in range(2)]
    assert ingest(str(jsonl(tmp_path / "أخبار.jsonl", rows)))[0] == 0
    assert sorted(written(tmp_path / "out")) == [record_id("أخبار", 1), record_id("أخبار", 2)]


def test_exit_codes_all_some_none(tmp_path: Path, ingest: Ingest) -> None:
    good = [{"id": f"g{n}", "title": TITLES[n], "text": BODIES[n]} for n in range(2)]
    bad = [{"id": "Bad Id", "title": TITLES[2], "text": BODIES[2]}]
    assert ingest(str(jsonl(tmp_path / "all.jsonl", good)))[0] == 0
    code, report = ingest(
        str(jsonl(tmp_path / "some.jsonl", [{"id": "g9", "title": TITLES[3], "text": BODIES[3]}, *bad]))
    )
    assert (code, codes(report)) == (1, ["I002"])
    assert ingest(str(jsonl(tmp_path / "none.jsonl", bad)))[0] == 2
    assert ingest(str(jsonl(tmp_path / "again.jsonl", good)))[0] == 0  # already there: left as they are


def test_duplicates_in_the_run_and_in_the_corpus(tmp_path: Path, ingest: Ingest) -> None:
    assert ingest(str(jsonl(tmp_path / "first.jsonl", [{"id": "a", "title": TITLES[0], "text": BODIES[0]}])))[0] == 0
    rows = [
        {"id": "b", "title": TITLES[0], "text": BODIES[0]},  # the corpus has it as "a"
        {"id": "c", "title": TITLES[1], "text": BODIES[1]},
        {"id": "d", "title": TITLES[1], "text": BODIES[1]},  # as "c", earlier in this run
    ]
    code, report = ingest(str(jsonl(tmp_path / "second.jsonl", rows)))
    assert (code, codes(report)) == (0, ["I009", "I009"])
    assert [issue["message"].split("'")[1] for issue in report["issues"]] == ["a", "c"]
    code, report = ingest(str(jsonl(tmp_path / "third.jsonl", rows)), "--skip-duplicates", out=tmp_path / "out2")
    assert report["summary"]["counts"] == {"written": 2, "present": 0, "skipped": 1, "refused": 0}
    assert sorted(written(tmp_path / "out2")) == ["b", "c"]


def test_near_duplicates_can_be_turned_off(tmp_path: Path, ingest: Ingest) -> None:
    text = "\n\n".join(BODIES)
    rows = [{"id": "a", "title": "x", "text": text}, {"id": "b", "title": "y", "text": text.replace("ثلاثة", "أربعة")}]
    assert codes(ingest(str(jsonl(tmp_path / "n.jsonl", rows)))[1]) == ["I010"]
    assert codes(ingest(str(jsonl(tmp_path / "n.jsonl", rows)), "--near-duplicates", "0", out=tmp_path / "o2")[1]) == []


def test_a_reprint_with_no_break_spaces_is_a_near_duplicate(tmp_path: Path, ingest: Ingest) -> None:
    """The same wire story from another site, its spaces turned into U+00A0 (from &nbsp;): words are
    split at every Unicode space, so the copy is still found (I010)."""
    text = "\n\n".join(BODIES)
    rows = [{"id": "a", "title": "x", "text": text}, {"id": "b", "title": "y", "text": text.replace(" ", "\u00a0")}]
    assert codes(ingest(str(jsonl(tmp_path / "n.jsonl", rows)))[1]) == ["I010"]


def test_metadata_corrected_in_the_input_is_said_not_silently_ignored(tmp_path: Path, ingest: Ingest) -> None:
    """Ingest never rewrites a file that is there; a corrected title or URL in the input is reported (I016)."""
    text = "\n\n".join(BODIES)
    first = [{"id": "a", "title": "x", "text": text, "url": "https://example.org/a"}]
    assert ingest(str(jsonl(tmp_path / "one.jsonl", first)))[0] == 0
    code, report = ingest(str(jsonl(tmp_path / "same.jsonl", first)))
    assert (code, codes(report)) == (0, [])
    corrected = [{**first[0], "title": "y", "url": "https://example.org/b"}]
    code, report = ingest(str(jsonl(tmp_path / "corrected.jsonl", corrected)))
    assert (code, [(i["code"], i["location"]["pointer"]) for i in report["issues"]]) == (0, [("I016", "/document")])
    assert report["summary"]["counts"]["present"] == 1


def test_a_language_mismatch_says_the_measured_share(tmp_path: Path, ingest: Ingest) -> None:
    english = tmp_path / "en.txt"
    english.write_text("Oil prices rise\n\nOil prices rose on Monday after producers agreed to cut output.\n")
    code, report = ingest(str(english))
    assert (code, codes(report)) == (0, ["I011"])
    assert "0%" in report["issues"][0]["message"]


def test_the_out_folder_must_be_a_writable_folder(tmp_path: Path, ingest: Ingest) -> None:
    article = _articles(tmp_path / "in", ["a.txt"]) / "a.txt"
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert [ingest(str(article), out=out)[1]["issues"][0]["code"] for out in (blocker, blocker / "sub")] == [
        "E800",
        "E800",
    ]
    assert not (tmp_path / "file").is_dir()


def _as_nobody() -> list[str]:
    """Run as an unprivileged user: as root through setpriv; otherwise we already are one."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]


def _ingest_as_a_user(article: Path, out: Path) -> tuple[int, list[str], str]:
    command = [*_as_nobody(), sys.executable, "-m", "claimkit", "ingest", str(article), "--out", str(out)]
    flags = ["--outlet", "o", "--language", "ar", "--format", "json", "-j", "1"]
    done = subprocess.run([*command, *flags], capture_output=True, text=True, env={**os.environ, "HOME": "/tmp"})
    return done.returncode, [issue["code"] for issue in json.loads(done.stdout)["issues"]], done.stderr


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user may enter (pytest's own temporary folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="claimkit-ingest-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o755) if path.is_dir() else None
    shutil.rmtree(folder)


def test_a_read_only_out_folder_and_an_unreadable_input_are_coded_errors_for_a_user(shared: Path) -> None:
    article = _articles(shared / "in", ["a.txt"]) / "a.txt"
    (shared / "in").chmod(0o755)
    article.chmod(0o644)
    out = shared / "out"
    out.mkdir(mode=0o555)
    out.chmod(0o555)
    code, found, errors = _ingest_as_a_user(article, out)
    assert (code, found) == (2, ["E801"]), errors
    (shared / "in").chmod(0o700)  # the input is behind a folder the user may not enter
    shared.chmod(0o1777)  # where the user may make --out
    code, found, errors = _ingest_as_a_user(article, shared / "out2")
    assert (code, found) == (2, ["F001"]), errors
    assert "internal error" not in errors


def test_a_missing_datasketch_is_a_coded_error(tmp_path: Path, ingest: Ingest, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimkit.ingest import duplicates

    monkeypatch.setitem(sys.modules, "datasketch", None)  # import datasketch now raises ImportError
    monkeypatch.setattr(duplicates, "_SIGNATURES", [])
    article = _articles(tmp_path / "in", ["a.txt"]) / "a.txt"
    assert ingest(str(article))[1]["issues"][0]["code"] == "E802"
    assert ingest(str(article), "--near-duplicates", "0")[0] == 0  # exact duplicates need no datasketch


def test_written_files_follow_the_umask_and_no_temporary_file_is_left(tmp_path: Path, ingest: Ingest) -> None:
    old = os.umask(0o027)
    try:
        assert ingest(str(_articles(tmp_path / "in", ["a.txt", "b.txt"])))[0] == 0
    finally:
        os.umask(old)
    files = sorted((tmp_path / "out").iterdir())
    assert [path.name for path in files] == ["a.json", "b.json"]
    assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o640}


def test_worker_processes_give_the_same_files_as_one_process(tmp_path: Path, ingest: Ingest) -> None:
    rows = [{"title": TITLES[n % 4], "text": f"{BODIES[n % 4]}\n\nرقم {n}."} for n in range(150)]
    source = jsonl(tmp_path / "news.jsonl", rows)
    one = ingest(str(source), out=tmp_path / "one")
    main(
        ["ingest", str(source), "--out", str(tmp_path / "two"), "-j", "2", "--outlet", "عين اليوم", "--language", "ar"]
    )
    assert one[0] == 0
    assert written(tmp_path / "one") == written(tmp_path / "two")


def test_text_output_summarizes_a_code_met_often(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"title": TITLES[0], "text": BODIES[0]}] * 12  # eleven exact duplicates
    source = jsonl(tmp_path / "news.jsonl", rows)
    args = ["ingest", str(source), "--out", str(tmp_path / "out"), "--outlet", "o", "--language", "ar", "-j", "1"]
    assert main(args) == 0
    brief = capsys.readouterr().out
    assert brief.count("I009") == 1 and "11 times" in brief
    shutil.rmtree(tmp_path / "out")
    assert main([*args, "--verbose"]) == 0
    assert capsys.readouterr().out.count("I009") == 11


def test_validate_summarizes_notices_on_a_fresh_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"title": TITLES[n % 4], "text": f"{BODIES[n % 4]}\n\nرقم {n}."} for n in range(15)]
    main(
        [
            "ingest",
            str(jsonl(tmp_path / "n.jsonl", rows)),
            "--out",
            str(tmp_path / "out"),
            "--outlet",
            "o",
            "--language",
            "ar",
        ]
    )
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert out.count("D005") == 1 and len(out.splitlines()) == 3  # one line, its hint, the summary
    assert main(["validate", str(tmp_path / "out"), "--verbose"]) == 0
    assert capsys.readouterr().out.count("D005") == 15


def test_progress_goes_to_a_terminal_only() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    from collections import Counter

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        progress = Progress(stream)
        progress.shown -= 1  # as if the last redraw was a second ago
        progress.update(Counter({"written": 5}))
        assert ("5 records" in stream.getvalue()) is shown


def test_near_duplicate_signatures_are_datasketchs_minhash() -> None:
    """Our vectorized signature equals datasketch's MinHash over the same shingles, value for value."""
    import random

    from datasketch import MinHash

    from claimkit.ingest.duplicates import _Signatures

    signatures, rng = _Signatures(), random.Random(7)
    words = [f"كلمة{i}" for i in range(200)] + ["وَقَالَ", "الـوزير"]
    for size in (0, 1, 2, 3, 50, 700):
        text = " ".join(rng.choice(words) for _ in range(size))
        reference = MinHash(64, seed=1, scheme="affine32", hashfunc=int)
        reference.update_batch(signatures.shingles(text).tolist())
        assert signatures.of(text) == bytes(reference.hashvalues.astype("<u4").tobytes()), size


def test_worker_processes_leave_no_temporary_file(tmp_path: Path) -> None:
    """With workers, duplicates skipped and documents already present, the out folder holds documents only."""
    rows = [{"title": TITLES[n % 4], "text": BODIES[n % 4]} for n in range(8)]  # four texts, each twice
    source = jsonl(tmp_path / "news.jsonl", rows)
    args = ["ingest", str(source), "--out", str(tmp_path / "out"), "--outlet", "o", "--language", "ar", "-j", "2"]
    assert main([*args, "--skip-duplicates"]) == 0
    assert main([*args, "--skip-duplicates"]) == 0  # now four records are present already
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [f"news-{n}.json" for n in range(1, 5)]


def test_a_file_another_run_wrote_meanwhile(tmp_path: Path, ingest: Ingest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two ingests of one archive at once (two cron jobs): the other run links its files first. The same
    text is present, as in a later run (I016 if the metadata differ; it was an I003 error); another
    text is refused (I003), whatever hash the other file declares."""
    from claimkit.ingest.writer import BatchWriter

    rows = [{"id": f"art-{n}", "title": TITLES[n], "text": BODIES[n]} for n in range(2)]
    path = jsonl(tmp_path / "news.jsonl", rows)
    assert ingest(str(path), out=tmp_path / "theirs")[0] == 0  # what the other run writes
    theirs = {p.name: json.loads(p.read_bytes()) for p in (tmp_path / "theirs").glob("*.json")}
    theirs["art-0.json"]["document"]["title"] = "عنوان آخر"  # the same text, another title
    theirs["art-1.json"]["document"]["text"] += " (تحديث)"  # another text, under the hash of ours
    close = BatchWriter.close

    def raced(writer: BatchWriter) -> list[tuple[Path, object]]:
        for target, _, _ in writer.pending:  # the other run links its files just before ours
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(theirs[target.name], ensure_ascii=False), encoding="utf-8")
        return close(writer)

    monkeypatch.setattr(BatchWriter, "close", raced)
    code, report = ingest(str(path))
    found = [(i["code"], Path(i["location"]["file"]).name) for i in report["issues"]]
    assert (code, sorted(found)) == (1, [("I003", "art-1.json"), ("I016", "news.jsonl")])
    assert (report["summary"]["counts"]["present"], report["summary"]["counts"]["written"]) == (1, 0)
