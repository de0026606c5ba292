"""Running ``claimkit ingest`` in tests: the CLI, its one JSON document, the files it wrote."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from claimkit.cli import main

#: Realistic article bodies (two paragraphs each), distinct enough not to be near duplicates.
BODIES = [
    "أعلنت وزارة الطاقة، اليوم الأحد، عن خطة جديدة لتطوير شبكة الكهرباء في المناطق الشمالية، تشمل إنشاء "
    "محطتين لتوليد الطاقة الشمسية.\n\nوقال المتحدث باسم الوزارة إن المشروع سيوفر أكثر من ثلاثة آلاف فرصة عمل.",
    "قال مصدر أمني إن الهجوم وقع فجر اليوم، وأسفر عن سقوط ضحايا بين المدنيين، فيما هرعت فرق الإسعاف إلى "
    "المكان.\n\nوأضاف المصدر أن التحقيقات ما زالت جارية لتحديد ملابسات الحادث.",
    "بحث وزير الخارجية مع نظيره التركي، خلال اتصال هاتفي، تطورات الأوضاع في المنطقة وسبل تعزيز التعاون "
    "الثنائي.\n\nوأكد الجانبان أهمية مواصلة التنسيق والتشاور إزاء القضايا ذات الاهتمام المشترك.",
    "ارتفعت أسعار المواد الغذائية في الأسواق المحلية بنسبة عشرين في المئة خلال الشهر الماضي، بحسب تقرير "
    "رسمي.\n\nوعزا التقرير الارتفاع إلى تراجع سعر صرف العملة وزيادة تكاليف النقل.",
]
TITLES = ["خطة لتطوير شبكة الكهرباء", "هجوم يوقع ضحايا مدنيين", "اتصال بين وزيري الخارجية", "ارتفاع أسعار الغذاء"]

Ingest = Callable[..., tuple[int, dict[str, Any]]]


@pytest.fixture
def ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Ingest:
    """``ingest(*inputs, *flags)`` → (exit code, the JSON document); writes into tmp_path/out."""

    def run(*args: str, out: Path | None = None, metadata: bool = True) -> tuple[int, dict[str, Any]]:
        flags = ["--outlet", "عين اليوم", "--language", "ar"] if metadata else []
        code = main(["ingest", *args, "--out", str(out or tmp_path / "out"), "--format", "json", "-j", "1", *flags])
        return code, json.loads(capsys.readouterr().out)

    return run


def codes(document: dict[str, Any]) -> list[str]:
    return sorted(issue["code"] for issue in document["issues"])


def written(folder: Path) -> dict[str, dict[str, Any]]:
    """Every document file in ``folder``, by id: its ``document`` object."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))["document"] for path in sorted(folder.glob("*.json"))
    }


def jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path
