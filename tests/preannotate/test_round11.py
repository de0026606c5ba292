"""What held-out round 11 missed (frozen at 1.24.0), generalized in 1.25.0; new sentences, not its own.

A title heading an office before the name (مدير عام فرع وزارة … المهندس …), the من of what a body
guards against, national bodies and authorities, a body after a title with ل, a speaker who acted in
the sentence's first clause, a surname after غير أن, and the plural of a participle that is a noun.
"""

from __future__ import annotations

import pytest

from tests.preannotate.proposing import kinds_and_claims, proposal

SPEAKERS = [
    pytest.param(
        "ونقلت صحيفة «الوطن» عن مدير عام فرع وزارة الصحة بمنطقة تبوك الدكتور سامي العنزي قوله إن المستشفيات جاهزة.",
        [
            (
                "صحيفة «الوطن»",
                "media",
                "عن مدير عام فرع وزارة الصحة بمنطقة تبوك الدكتور سامي العنزي قوله إن المستشفيات جاهزة",
            ),
            ("سامي العنزي", "government", "المستشفيات جاهزة"),
        ],
        id="an-office-a-title-heads-then-an-honorific-then-the-name",
    ),
    pytest.param(
        "وقال مدير فرع الشركة بالعقبة المهندس رامي عودة إن الرافعات متوقفة.",
        [("رامي عودة", "organization", "الرافعات متوقفة")],
        id="an-engineer-is-addressed-so",
    ),
    pytest.param(
        "وأعلنت الهيئة الوطنية للوقاية من الفساد أن التحقيق مستمر.",
        [("الهيئة الوطنية للوقاية من الفساد", "government", "التحقيق مستمر")],
        id="what-a-national-body-guards-against",
    ),
    pytest.param(
        "وقالت سلطة الطيران المدني الأردنية إن الرحلات ستستأنف الأسبوع المقبل.",
        [("سلطة الطيران المدني الأردنية", "government", "الرحلات ستستأنف الأسبوع المقبل")],
        id="an-authority-and-its-adjective",
    ),
    pytest.param(
        "وقال نائب رئيس الاتحاد العام لنقابات العمال أحمد سالم إن الإضراب مستمر.",
        [("أحمد سالم", "organization", "الإضراب مستمر")],
        id="a-body-with-lam-after-a-title",
    ),
    pytest.param(
        "وتقدم النائب حسن الكعبي بطلب إحاطة إلى رئيس المجلس، وقال إن الوزارة تجاهلت الشكاوى.",
        [("حسن الكعبي", "government", "الوزارة تجاهلت الشكاوى")],
        id="the-subject-of-the-first-clause-speaks-next",
    ),
    pytest.param(
        "وقال الوزير عادل الرميثي إن المشروع تأخر عامين. غير أن الرميثي أكد أن التمويل متوفر.",
        [
            ("عادل الرميثي", "government", "المشروع تأخر عامين"),
            ("عادل الرميثي", "government", "التمويل متوفر"),
        ],
        id="a-surname-after-but",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_what_round_11_missed(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert kinds_and_claims(proposal(text)) == expected


def test_demands_are_no_cue() -> None:
    """مطالبات (demands) is a noun, not a feminine plural participle: no cue, and the speaker before
    is not given the demands of others."""
    annotation = proposal("وقال مصدر في الشركة إن الرواتب ستصرف. ولم تعلق الإدارة على مطالبات العمال بزيادة الأجور.")
    assert [cue.text for cue in annotation.cues] == ["قال"]
