"""Raw text to document files: the seed article reproduces the committed document exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimkit.cli import main
from claimkit.ingest import detect_furniture, ingest_text
from claimkit.loading import load_file
from tests.conftest import ROOT

SEED_FILE = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _seed_text() -> str:
    committed = load_file(SEED_FILE).file
    assert committed is not None
    return committed.document.text


def test_ingesting_the_seed_gives_the_committed_document(tmp_path: Path) -> None:
    source = tmp_path / "000_f22616ff3d8ce778.txt"
    source.write_text(_seed_text(), encoding="utf-8")
    code = main(
        [
            "ingest",
            str(source),
            "--out",
            str(tmp_path / "out"),
            "--outlet",
            "حلب اليوم",
            "--published",
            "2025-10-03",
            "--language",
            "ar",
            "--license",
            "CC-BY-NC-SA-4.0",
        ]
    )
    assert code == 0
    made = load_file(tmp_path / "out" / "000_f22616ff3d8ce778.json").file
    committed = load_file(SEED_FILE).file
    assert made is not None and committed is not None
    assert made.document == committed.document
    assert [f.kind.value for f in made.document.furniture] == ["dateline", "headline", "headline", "boilerplate"]


def test_the_text_is_kept_byte_for_byte() -> None:
    text = "عنوان الخبر\r\n\r\nقالَ الوزيرُ إن «الوضع مستقر» 🙂 ــ نعم\u200f.\r\n"
    result = ingest_text(text, {"id": "x", "outlet": "o", "language": "ar"})
    assert result.file is not None
    assert result.file.document.text == text
    stripped = ingest_text(text, {"id": "x", "outlet": "o", "language": "ar"}, strip_bidi=True)
    assert stripped.file is not None
    assert "\u200f" not in stripped.file.document.text


def test_title_is_taken_from_the_first_line_and_marked_as_furniture() -> None:
    pieces, title = detect_furniture("عنوان\n\nنص الخبر.\nشارك")
    assert title == "عنوان"
    assert [(p.kind.value, p.text) for p in pieces] == [("headline", "عنوان"), ("boilerplate", "شارك")]


def test_sidecar_metadata_and_flags(tmp_path: Path) -> None:
    article = tmp_path / "Report One.txt"
    article.write_text("عنوان\n\nنص الخبر.", encoding="utf-8")
    (tmp_path / "Report One.txt.meta.json").write_text(
        json.dumps({"outlet": "موقع", "language": "ar", "url": "https://example.org/a"}), encoding="utf-8"
    )
    assert main(["ingest", str(article), "--out", str(tmp_path / "out"), "--published", "2025-01-02"]) == 0
    made = load_file(tmp_path / "out" / "report-one.json").file
    assert made is not None
    assert (made.document.outlet, made.document.url, str(made.document.published)) == (
        "موقع",
        "https://example.org/a",
        "2025-01-02",
    )


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        (["--language", "ar"], "I001"),
        (["--outlet", "o", "--language", "ar", "--published", "3/10/2025"], "I002"),
        (["--outlet", "o", "--language", "ar", "--id", "Bad Id"], "I002"),
    ],
)
def test_bad_metadata_is_a_coded_issue(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], code: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nنص.", encoding="utf-8")
    assert (
        main(["ingest", str(article), "--out", str(tmp_path / "out"), "--format", "json", *flags]) == 2
    )  # none written
    assert [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]] == [code]
    assert not (tmp_path / "out").exists()


def test_unreadable_text_and_a_changed_text_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("عنوان".encode("cp1256"))
    assert main(["ingest", str(bad), "--out", str(tmp_path), "--outlet", "o", "--language", "ar"]) == 2
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nنص.", encoding="utf-8")
    args = ["ingest", str(article), "--out", str(tmp_path / "out"), "--outlet", "o", "--language", "ar"]
    assert main(args) == 0
    assert main(args) == 0  # same text again: left as it is
    article.write_text("عنوان\n\nنص آخر.", encoding="utf-8")
    assert main(args) == 2  # refused, and nothing else written
    assert "I003" in capsys.readouterr().out


def test_an_unreadable_existing_file_is_never_replaced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "عنوان الخبر\n\nقال الوزير إن الاجتماع انتهى دون اتفاق، وإن المشاورات ستتواصل.", encoding="utf-8"
    )
    target = tmp_path / "out" / "a.json"
    target.parent.mkdir()
    target.write_text('{"document": {', encoding="utf-8")  # half an annotated file
    assert (
        main(
            [
                "ingest",
                str(article),
                "--out",
                str(target.parent),
                "--outlet",
                "o",
                "--language",
                "ar",
                "--format",
                "json",
            ]
        )
        == 2
    )
    assert [(i["code"], i["location"]["file"]) for i in json.loads(capsys.readouterr().out)["issues"]] == [
        ("F005", str(target))
    ]
    assert target.read_text(encoding="utf-8") == '{"document": {'
