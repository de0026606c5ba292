"""Ordinary wire phrasing the proposer once left to the outlet's voice, or gave to the wrong speaker.

Each sentence was found by a probe of the proposer on wire copy; the proposal must attribute its
content to its speaker through its cue. A sentence left as the outlet's reported fact misleads the
annotator who starts from the proposal, so these are checked one by one.
"""

from __future__ import annotations

import pytest

from claimkit.model import Annotation, Document, text_sha256
from claimkit.preannotate.cues import find_cues
from claimkit.preannotate.reader import Reader
from claimkit.taxonomy import SourceKind, SourceNaming
from tests.preannotate.proposing import kinds_and_claims as _kinds_and_claims
from tests.preannotate.proposing import proposal as _proposal


def _attributed(proposal: Annotation) -> list[tuple[str, str, str]]:
    """(the speaker's first mention, the cue, the content) of each attributed claim."""
    sources = {s.id: s for s in proposal.sources}
    cues = {q.id: q for q in proposal.cues}
    return [
        (sources[c.source].mentions[0].text, cues[c.cue].text if c.cue else "", c.text)
        for c in proposal.claims
        if c.source is not None
    ]


CASES = [
    pytest.param(
        "وقال وزير الخارجية أحمد عطاف للصحفيين إن الجزائر ترفض أي تدخل أجنبي في شؤونها.",
        ("أحمد عطاف", "قال", "الجزائر ترفض أي تدخل أجنبي في شؤونها"),
        id="addressee-after-the-name",
    ),
    pytest.param(
        "وقال المتحدث باسم الجيش لوكالة فرانس برس إن القوات انسحبت من المدينة.",
        ("المتحدث باسم الجيش", "قال", "القوات انسحبت من المدينة"),
        id="agency-told-is-not-the-speaker",
    ),
    pytest.param(
        "وقال مسؤول لوكالة فرانس برس إن المحادثات متعثرة.",
        ("مسؤول", "قال", "المحادثات متعثرة"),
        id="agency-told-after-a-described-speaker",
    ),
    pytest.param(
        "وقال لبيد للصحفيين إن الحكومة ستسقط.",
        ("لبيد", "قال", "الحكومة ستسقط"),
        id="bare-name-then-addressee",
    ),
    pytest.param(
        "وحذر صندوق النقد الدولي من أن التضخم سيرتفع خلال العام المقبل.",
        ("صندوق النقد الدولي", "حذر", "التضخم سيرتفع خلال العام المقبل"),
        id="body-then-preposition",
    ),
    pytest.param(
        "وأشار عون إلى أن الحكومة ستجتمع غداً.",
        ("عون", "أشار", "الحكومة ستجتمع غداً"),
        id="bare-name-then-ila-anna",
    ),
    pytest.param(
        "ووفقاً لتقرير البنك الدولي فإن النمو سيتباطأ في المنطقة.",
        ("تقرير البنك الدولي", "وفقاً ل", "النمو سيتباطأ في المنطقة"),
        id="a-report-as-source",
    ),
    pytest.param(
        "وقال أحمد ذكر الله إن الاقتصاد يمر بمرحلة صعبة.",
        ("أحمد ذكر الله", "قال", "الاقتصاد يمر بمرحلة صعبة"),
        id="name-holding-a-cue-verb",
    ),
    pytest.param(
        "وقال الأمين العام لحزب الله حسن نصر الله إن المقاومة مستعدة.",
        ("حسن نصر الله", "قال", "المقاومة مستعدة"),
        id="affiliation-with-lam-and-compound-name",
    ),
    pytest.param(
        "وقال مراسلنا في دمشق إن الأسواق فتحت أبوابها.",
        ("مراسلنا في دمشق", "قال", "الأسواق فتحت أبوابها"),
        id="our-correspondent-in-a-city",
    ),
    pytest.param(
        "وقالت مراسلتنا في غزة إن القصف تواصل طوال الليل.",
        ("مراسلتنا في غزة", "قالت", "القصف تواصل طوال الليل"),
        id="our-correspondent-feminine",
    ),
    pytest.param(
        "وكان الجيش الإسرائيلي قد أعلن أن قواته انسحبت من المدينة.",
        ("الجيش الإسرائيلي", "أعلن", "قواته انسحبت من المدينة"),
        id="background-pluperfect-with-qad",
    ),
    pytest.param(
        "وكانت الوزارة أعلنت أمس أن المدارس ستغلق.",
        ("الوزارة", "أعلنت", "المدارس ستغلق"),
        id="background-pluperfect-without-qad",
    ),
    pytest.param(
        "وكان وزير الخارجية أحمد عطاف قد قال إن الجزائر ترفض أي تدخل أجنبي.",
        ("أحمد عطاف", "قال", "الجزائر ترفض أي تدخل أجنبي"),
        id="background-pluperfect-titled-name",
    ),
    pytest.param(
        "وكان مصدر عسكري قد أكد لوكالة فرانس برس أن الهجوم فشل.",
        ("مصدر عسكري", "أكد", "الهجوم فشل"),
        id="background-pluperfect-described-source",
    ),
    pytest.param(
        "وزارة الصحة أعلنت أن المستشفيات امتلأت بالجرحى.",
        ("وزارة الصحة", "أعلنت", "المستشفيات امتلأت بالجرحى"),
        id="subject-first",
    ),
    pytest.param(
        "والجيش الإسرائيلي أعلن أن قواته انسحبت من المدينة.",
        ("الجيش الإسرائيلي", "أعلن", "قواته انسحبت من المدينة"),
        id="subject-first-after-wa",
    ),
    pytest.param(
        "أما وزير المالية محمد معيط فقد أكد في تصريحات تلفزيونية أن الموازنة تتضمن زيادة في الأجور.",
        ("محمد معيط", "أكد", "الموازنة تتضمن زيادة في الأجور"),
        id="topic-amma-faqad",
    ),
]


SPEAKERS = [
    pytest.param(
        "وقال اللواء المتقاعد محمد الغباري إن الحرب ستطول.",
        ("محمد الغباري", SourceKind.ANALYST, "analyst_opinion"),
        id="a-retired-officer-comments",
    ),
    pytest.param(
        "وقال وزير الخارجية السابق عمرو موسى إن الجامعة تحتاج إلى إصلاح.",
        ("عمرو موسى", SourceKind.ANALYST, "analyst_opinion"),
        id="a-former-minister-comments",
    ),
    pytest.param(
        "وقال الخبير العسكري العميد المتقاعد إلياس حنا إن الجيش يعيد انتشاره.",
        ("إلياس حنا", SourceKind.ANALYST, "analyst_opinion"),
        id="a-name-opening-with-hamza-alef-is-not-definite",
    ),
    pytest.param(
        "وقال الناطق باسم حركة حماس حازم قاسم إن الحركة ملتزمة بالاتفاق.",
        ("حازم قاسم", SourceKind.ORGANIZATION, "reported_fact"),
        id="the-body-name-is-not-the-speaker-name",
    ),
    pytest.param(
        "وأفاد مراسلنا بأن القصف استهدف حي الشجاعية صباح اليوم.",
        ("مراسلنا", SourceKind.MEDIA, "reported_fact"),
        id="our-correspondent-reports-news",
    ),
    pytest.param(
        "وقال مراسل الجزيرة إن الاشتباكات تجددت في المدينة.",
        ("مراسل الجزيرة", SourceKind.MEDIA, "reported_fact"),
        id="another-outlets-correspondent-reports-news",
    ),
    pytest.param(
        "وقال الكاتب الصحفي حسام نجار إن القرار خاطئ.",
        ("حسام نجار", SourceKind.JOURNALIST, "analyst_opinion"),
        id="a-journalist-gives-a-view",
    ),
    pytest.param(
        "وتوقعت وكالة موديز للتصنيف الائتماني أن يبقى النمو سلبياً.",
        ("وكالة موديز للتصنيف الائتماني", SourceKind.ORGANIZATION, "analyst_opinion"),
        id="a-rating-agency-is-no-news-agency",
    ),
    pytest.param(
        "وقالت الناطقة باسم البيت الأبيض كارين جان بيير إن الرئيس سيزور المنطقة.",
        ("كارين جان بيير", SourceKind.GOVERNMENT, "official_statement"),
        id="the-white-house-speaks-for-the-government",
    ),
    pytest.param(
        "وأعلن الكرملين أن بوتين سيزور الصين.",
        ("الكرملين", SourceKind.GOVERNMENT, "official_statement"),
        id="the-kremlin",
    ),
    pytest.param(
        "واعتبرت هيئة الدفاع أن الحكم سياسي بامتياز.",
        ("هيئة الدفاع", SourceKind.OTHER, "analyst_opinion"),
        id="defence-counsel-is-no-military",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_speakers_have_their_name_and_kind(text: str, expected: tuple[str, SourceKind, str]) -> None:
    """Guidelines §2: a former official or a retired officer who comments is an analyst, not official;
    §3: a correspondent reporting news is media, a journalist giving a view is a journalist."""
    proposal = _proposal(text)
    found = [(s.mentions[0].text, s.kind) for s in proposal.sources]
    assert (found, [c.category for c in proposal.claims]) == ([expected[:2]], [expected[2]])


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_wire_phrasing_is_attributed(text: str, expected: tuple[str, str, str]) -> None:
    assert _attributed(_proposal(text)) == [expected]


def test_persian_letters_are_read_as_arabic() -> None:
    """وزیر with a Persian ی (typed on a Persian keyboard) is وزير: a government speaker."""
    proposal = _proposal("وقال وزیر الخارجیة إن المفاوضات مستمرة.")
    assert [(s.mentions[0].text, s.kind) for s in proposal.sources] == [("وزیر الخارجیة", SourceKind.DIPLOMATIC)]
    assert [c.category for c in proposal.claims] == ["official_statement"]


def test_a_verb_before_allah_after_kama_stays_a_cue() -> None:
    """كما ذكر الله: not a name (كما is no first name), so ذكر stays the cue."""
    proposal = _proposal("كما ذكر الله في كتابه أن الصبر مفتاح الفرج.")
    assert [cue.text for cue in proposal.cues] == ["ذكر"]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param("وأكد الرئيس محمد أن الله معنا.", "محمد", "الله معنا", id="that-before-allah-is-no-name"),
        pytest.param("وقال أحمد إن الله معنا.", "أحمد", "الله معنا", id="inna-before-allah-is-no-name"),
    ],
)
def test_a_complementizer_before_allah_opens_the_content(text: str, speaker: str, content: str) -> None:
    """Found by review: أن الله was read as the second half of a compound name, and the claim was lost."""
    assert [(mention, claim) for mention, _, claim in _attributed(_proposal(text))] == [(speaker, content)]


@pytest.mark.parametrize(
    "text",
    [
        "وأكد بوتين على ضرورة الحوار بعد أن فشلت المفاوضات السابقة.",
        "وتحدث ماكرون عن الأزمة قبل أن يغادر إلى برلين.",
    ],
)
def test_a_time_clause_after_the_preposition_is_no_content(text: str) -> None:
    """Found by review: بعد أن / قبل أن after على / عن made an unknown bare name a speaker."""
    assert _attributed(_proposal(text)) == []


@pytest.mark.parametrize(
    ("text", "name", "affiliation", "kind"),
    [
        ("وقال الأمين العام لحزب الله حسن نصر الله إن المقاومة مستعدة.", "حسن نصر الله", "حزب الله", "organization"),
        (
            "وقال المتحدث الرسمي لوزارة الخارجية أحمد أبو زيد إن الزيارة ناجحة.",
            "أحمد أبو زيد",
            "وزارة الخارجية",
            "diplomatic",
        ),
    ],
)
def test_a_body_after_lam_is_the_affiliation(text: str, name: str, affiliation: str, kind: str) -> None:
    """Found by review: the body word was dropped from the affiliation (الله), or the name's first word
    joined it (وزارة الخارجية أحمد), and حزب did not give the kind."""
    proposal = _proposal(text)
    assert [(s.name, s.affiliation, s.kind) for s in proposal.sources] == [(name, affiliation, kind)]


def test_a_subject_before_its_verb_ends_the_claim_before_it() -> None:
    """وكان الجيش قد أعلن …، after another claim in the same sentence: the first claim stops before كان,
    and the second is the army's too."""
    text = "وأكد الجيش الإسرائيلي أن قواته انسحبت، وكان الجيش قد أعلن أمس أن العملية انتهت."
    assert [(speaker, claim) for speaker, _, claim in _attributed(_proposal(text))] == [
        ("الجيش الإسرائيلي", "قواته انسحبت"),
        ("الجيش الإسرائيلي", "العملية انتهت"),
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param(
            "وفي مؤتمر صحفي عقده في دمشق، قال الوزير إن المفاوضات مستمرة.", "المفاوضات مستمرة", id="press-conference"
        ),
        pytest.param(
            "وفي تصريح لـ«الجزيرة نت»، قال الخبير العسكري فايز الدويري إن المعركة طويلة.",
            "المعركة طويلة",
            id="statement-to-an-outlet",
        ),
        pytest.param(
            "وفي كلمة ألقاها أمام البرلمان أمس الأحد، أكد رئيس الوزراء أن الحكومة لن تستقيل.",
            "الحكومة لن تستقيل",
            id="speech",
        ),
    ],
)
def test_the_occasion_of_a_statement_is_no_claim_of_the_outlet(text: str, content: str) -> None:
    """Found on wire copy: وفي مؤتمر صحفي عقده في دمشق، before قال, was proposed as the outlet's fact."""
    assert [c.text for c in _proposal(text).claims] == [content]


def test_a_fact_before_an_attribution_keeps_its_words_and_leaves_the_conjunction() -> None:
    """…في القصف، وقال الوزير: the outlet's fact ends at القصف, not at the و of وقال; and a fact that
    opens with في is no occasion of speech."""
    text = "في الأسبوع الماضي قتل خمسة أشخاص في القصف، وقال الوزير إن المفاوضات مستمرة."
    assert [c.text for c in _proposal(text).claims] == [
        "في الأسبوع الماضي قتل خمسة أشخاص في القصف",
        "المفاوضات مستمرة",
    ]


@pytest.mark.parametrize(
    "second",
    [
        pytest.param("وأضاف: «المعركة طويلة».", id="colon-and-quotation"),
        pytest.param("وتابع: المعركة طويلة.", id="colon"),
        pytest.param("وأضاف «المعركة طويلة».", id="quotation"),
    ],
)
def test_a_continued_cue_with_a_colon_quotes_the_same_speaker(second: str) -> None:
    """Found on wire copy: after وأضاف: the first word of the quotation (المعركة) was read as a new
    speaker, and the quotation was lost."""
    text = "وقال الرئيس: «لن نتراجع عن قرارنا». " + second
    assert [(speaker, claim) for speaker, _, claim in _attributed(_proposal(text))] == [
        ("الرئيس", "لن نتراجع عن قرارنا"),
        ("الرئيس", "المعركة طويلة"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        pytest.param("وطالب المتظاهرون بإسقاط الحكومة.", "المتظاهرون", "إسقاط الحكومة", id="demanded"),
        pytest.param("ورحب الوزير بالاتفاق الذي وقع أمس.", "الوزير", "الاتفاق الذي وقع أمس", id="welcomed"),
        pytest.param("وندد البيان بالهجوم على المدنيين.", "البيان", "الهجوم على المدنيين", id="condemned"),
        pytest.param("وتعهد الرئيس بمحاسبة المسؤولين عن الهجوم.", "الرئيس", "محاسبة المسؤولين عن الهجوم", id="pledged"),
        pytest.param("ورحب الرئيس بشار الأسد بالاتفاق.", "بشار الأسد", "الاتفاق", id="a-name-that-opens-with-b"),
        pytest.param(
            "وطالب المتحدث باسم الجيش بوقف إطلاق النار.", "المتحدث باسم الجيش", "وقف إطلاق النار", id="after-basm"
        ),
        pytest.param(
            "وهدد الحوثيون باستهداف السفن في البحر الأحمر.",
            "الحوثيون",
            "استهداف السفن في البحر الأحمر",
            id="threatened",
        ),
    ],
)
def test_an_object_written_with_its_b_is_the_content(text: str, speaker: str, content: str) -> None:
    """Found on wire copy: طالب، رحب، ندد، تعهد، هدد take their object with ب, written as one word with
    it (بإسقاط، بالاتفاق), and the object was never found (the preposition was looked for as a word of
    its own), or was read as part of the speaker (الوزير بالاتفاق) or as a name (بمحاسبة)."""
    assert [(s, c) for s, _, c in _attributed(_proposal(text))] == [(speaker, content)]


def test_threatening_without_b_is_no_cue() -> None:
    """من يهدد أمن البلاد (whoever threatens the country's security): هدد reports a threat with ب only
    (هدد بالرد); without it, it is no cue that could end the claim it sits in."""
    text = "وقال وزير الداخلية إن الأجهزة الأمنية ستلاحق كل من يهدد أمن البلاد. وهدد الوزير بالرد."
    document = Document(id="wire", title="t", text=text, text_sha256=text_sha256(text), language="ar", outlet="o")
    assert [text[hit.start : hit.end] for hit in find_cues(Reader(document))] == ["قال", "هدد"]


@pytest.mark.parametrize(
    "text",
    [
        "وكان وزير الداخلية أنس خطاب قد أكد الأسبوع الماضي أن الأجهزة الأمنية ستلاحق المخالفين.",
        "وأعلنت الوزارة الشهر الماضي أن الأجهزة الأمنية ستلاحق المخالفين.",
    ],
)
def test_a_time_after_the_cue_is_neither_speaker_nor_content(text: str) -> None:
    """Found on wire copy: الأسبوع الماضي after أكد was read as the speaker (a definite noun)."""
    assert [c for _, _, c in _attributed(_proposal(text))] == ["الأجهزة الأمنية ستلاحق المخالفين"]


@pytest.mark.parametrize(
    ("text", "speaker", "kind", "naming"),
    [
        pytest.param(
            'وذكرت صحيفة "نيويورك تايمز" أن الإدارة تدرس خيارات.',
            'صحيفة "نيويورك تايمز"',
            "media",
            "named",
            id="quoted",
        ),
        pytest.param("وقالت قناة «الجزيرة» إن مراسلها أصيب.", "قناة «الجزيرة»", "media", "named", id="guillemets"),
        pytest.param(
            "وقال ضابط إسرائيلي لإذاعة الجيش إن العملية انتهت.",
            "ضابط إسرائيلي",
            "military",
            "unnamed_described",
            id="an-officer",
        ),
        pytest.param("وقال الضابط أحمد علي إن الهجوم صد.", "أحمد علي", "military", "named", id="the-officer-named"),
        pytest.param(
            "وقال أحد سكان المخيم، ويدعى أبو محمد، للصحفيين إن القصف عنيف.",
            "أبو محمد",
            "witness",
            "named",
            id="named-between-commas",
        ),
    ],
)
def test_speakers_of_wire_copy(text: str, speaker: str, kind: str, naming: str) -> None:
    """Found on wire copy: صحيفة "هآرتس" lost its quoted name (and the relay after it); ضابط was neither a
    title nor military; a witness named between commas (، ويدعى أبو محمد،) was not attributed."""
    proposal = _proposal(text)
    assert [(s.mentions[0].text, s.kind, s.naming) for s in proposal.sources] == [(speaker, kind, naming)]
    assert len(proposal.claims) == 1


def test_the_speaker_after_a_late_according_to_is_no_claim_of_the_outlet() -> None:
    """…، وفق ما أفادت وزارة الصحة في القطاع: the ministry's words were left to the outlet as a claim."""
    text = "قُتل 15 فلسطينياً على الأقل في غارات على مخيم جباليا، وفق ما أفادت وزارة الصحة في القطاع."
    assert [c.text for c in _proposal(text).claims] == ["قُتل 15 فلسطينياً على الأقل في غارات على مخيم جباليا"]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        pytest.param("غزة - قُتل 15 شخصاً في غارات على المخيم.", "قُتل 15 شخصاً في غارات على المخيم", id="place"),
        pytest.param(
            "الدار البيضاء (رويترز) - ارتفعت أسعار الوقود للمرة الثالثة.",
            "ارتفعت أسعار الوقود للمرة الثالثة",
            id="place-and-agency",
        ),
        pytest.param(
            "أسعار الذهب ارتفعت اليوم بنسبة 2 - 3 في المئة.",
            "أسعار الذهب ارتفعت اليوم بنسبة 2 - 3 في المئة",
            id="a-range",
        ),
        pytest.param(
            "الحرب الطويلة في المنطقة - كما يرى الجميع - لن تنتهي قريباً.",
            "الحرب الطويلة في المنطقة - كما يرى الجميع - لن تنتهي قريباً",
            id="an-aside",
        ),
    ],
)
def test_a_dateline_is_not_part_of_the_outlets_claim(text: str, claim: str) -> None:
    """غزة - قُتل …: the place the report was filed from opened the claim."""
    assert [c.text for c in _proposal(text).claims] == [claim]


def test_after_amma_the_topic_speaks_not_the_previous_speaker() -> None:
    """أما الحكومة فأكدت أن …: the ف of فأكدت joins the topic to its verb; it does not continue the
    minister of the sentence before (and a topic that names no speaker gets none)."""
    text = "وقال الوزير إن الأسعار ستنخفض. أما الحكومة فأكدت أن الأسعار سترتفع. أما الأرقام فأكدت أن الأجور سترتفع."
    assert [(speaker, claim) for speaker, _, claim in _attributed(_proposal(text))] == [
        ("الوزير", "الأسعار ستنخفض"),
        ("الحكومة", "الأسعار سترتفع"),
    ]


# Found by an independent review of the rules above: sentences where they must not fire, or fired wrong.
REVIEWED = [
    pytest.param(
        "وطالب المتظاهرون خلال تجمعهم في بيروت بإسقاط الحكومة.",
        [("المتظاهرون", "إسقاط الحكومة")],
        id="a-b-object-after-an-adjunct-and-a-place",
    ),
    pytest.param(
        "وطالبت جمعية الرحمة للتنمية الصحية الجهات المانحة بزيادة التمويل.",
        [("جمعية الرحمة للتنمية الصحية", "زيادة التمويل")],
        id="a-b-object-after-whom-the-demand-addresses",
    ),
    pytest.param(
        "وأعلنت وزارة الصحة العامة والسكان أن الحالات ارتفعت.",
        [("وزارة الصحة العامة والسكان", "الحالات ارتفعت")],
        id="population-in-a-ministry-name",
    ),
    pytest.param(
        "وقتل طالب بالرصاص الحي خلال تظاهرة في بغداد أمس.",
        [(None, "وقتل طالب بالرصاص الحي خلال تظاهرة في بغداد أمس")],
        id="talib-a-student",
    ),
    pytest.param(
        "وندد رئيس الوزراء الإسرائيلي بنيامين نتنياهو بقرار المحكمة الدولية.",
        [("بنيامين نتنياهو", "قرار المحكمة الدولية")],
        id="a-name-with-b-then-the-object",
    ),
    pytest.param(
        "ونددت الخارجية الفلسطينية بشدة بالهجوم على المدنيين.",
        [("الخارجية الفلسطينية", "الهجوم على المدنيين")],
        id="an-adverb-with-b",
    ),
    pytest.param(
        "وكان وزير الخارجية الأمريكي أنتوني بلينكن قد أكد أن الحل سياسي.",
        [("أنتوني بلينكن", "الحل سياسي")],
        id="the-title-before-the-verb-is-no-outlet-claim",
    ),
    pytest.param(
        'وقال "المرصد السوري لحقوق الإنسان" إن 20 مقاتلا قتلوا.',
        [("المرصد السوري لحقوق الإنسان", "20 مقاتلا قتلوا")],
        id="a-quoted-speaker-after-the-cue",
    ),
    pytest.param(
        'وأعلن "حزب الله" في بيان أن مقاتليه استهدفوا موقعاً.',
        [("حزب الله", "مقاتليه استهدفوا موقعاً")],
        id="a-closing-mark-opens-nothing",
    ),
    pytest.param(
        "وفي لقاء جمع الرئيسين في الرياض، وقع الجانبان اتفاقية للتعاون، وقال الرئيس إن الاتفاقية تاريخية.",
        [(None, "وفي لقاء جمع الرئيسين في الرياض، وقع الجانبان اتفاقية للتعاون"), ("الرئيس", "الاتفاقية تاريخية")],
        id="an-occasion-with-a-fact-stays",
    ),
    pytest.param(
        "أما وزير الخارجية فقد أكد أن الحوار مستمر، وأضاف أن الحوار هو الحل الوحيد.",
        [("وزير الخارجية", "الحوار مستمر"), ("وزير الخارجية", "الحوار هو الحل الوحيد")],
        id="a-later-cue-after-amma-continues",
    ),
    pytest.param(
        "الرئيس الأمريكي - الذي يزور المنطقة للمرة الأولى - سيلتقي ولي العهد.",
        [(None, "الرئيس الأمريكي - الذي يزور المنطقة للمرة الأولى - سيلتقي ولي العهد")],
        id="an-aside-between-dashes-is-no-dateline",
    ),
    pytest.param(
        "بيروت - أ ف ب: قتل خمسة أشخاص في غارة على الجنوب.",
        [(None, "قتل خمسة أشخاص في غارة على الجنوب")],
        id="a-dateline-with-an-agency-and-a-colon",
    ),
    pytest.param(
        'وذكرت صحيفة "واشنطن بوست" الأمريكية أن الإدارة تدرس خيارات.',
        [('صحيفة "واشنطن بوست" الأمريكية', "الإدارة تدرس خيارات")],
        id="an-adjective-after-a-quoted-name",
    ),
    pytest.param(
        "وكان الوزير قد أعلن العام الماضي أن المشروع سيكتمل.",
        [("الوزير", "المشروع سيكتمل")],
        id="last-year-is-no-speaker",
    ),
]
# Relays by a paper: its name in quotation marks, its subject before the verb (no stub left to the outlet).
RELAYS = [
    pytest.param(
        'ونقلت صحيفة "هآرتس" عن ضابط رفيع قوله إن العملية ستستمر أسابيع.',
        [('صحيفة "هآرتس"', "عن ضابط رفيع قوله إن العملية ستستمر أسابيع"), ("ضابط رفيع", "العملية ستستمر أسابيع")],
        id="a-quoted-paper-relays",
    ),
    pytest.param(
        "وكانت صحيفة هآرتس قد نقلت عن مسؤول أمني قوله إن الهجوم كان متوقعاً.",
        [("صحيفة هآرتس", "عن مسؤول أمني قوله إن الهجوم كان متوقعاً"), ("مسؤول أمني", "الهجوم كان متوقعاً")],
        id="a-paper-before-its-verb-relays",
    ),
]
# Found by probing a court report (Rabat): whom a call addresses, defence counsel, rights activists.
COURT = [
    pytest.param(
        "وأعربت المنظمة عن قلقها، داعية السلطات المغربية إلى الإفراج الفوري عنه.",
        [("المنظمة", "قلقها"), ("المنظمة", "الإفراج الفوري عنه")],
        id="calling-on-the-authorities-to",
    ),
    pytest.param(
        "وحذرت المنظمة الحكومة من مغبة التصعيد.", [("المنظمة", "مغبة التصعيد")], id="warning-the-government-of"
    ),
    pytest.param(
        "وتؤكد الحكومة حرصها على إعادة بناء العلاقات.",
        [("الحكومة", "حرصها على إعادة بناء العلاقات")],
        id="a-plain-object-before-its-preposition-stays",
    ),
]
# What held-out round 3 missed (its frozen run is in docs/preannotate.md), generalized.
ROUND3 = [
    pytest.param(
        "ودعت بعثة الأمم المتحدة للدعم في ليبيا جميع الأطراف إلى وقف فوري لإطلاق النار.",
        [("بعثة الأمم المتحدة للدعم في ليبيا", "وقف فوري لإطلاق النار")],
        id="whom-a-call-addresses-after-the-speaker",
    ),
    pytest.param(
        "ودعت جمعية المستهلك المصري الحكومة إلى تشديد الرقابة.",
        [("جمعية المستهلك المصري", "تشديد الرقابة")],
        id="the-government-addressed-after-a-body-name",
    ),
    pytest.param(
        "وزارة الداخلية في حكومة الوحدة الوطنية أعلنت أن الاشتباكات توقفت.",
        [("وزارة الداخلية في حكومة الوحدة الوطنية", "الاشتباكات توقفت")],
        id="a-ministry-of-a-government",
    ),
    pytest.param(
        "وأعلنت وزارة الداخلية في بيان أن الاشتباكات توقفت.",
        [("وزارة الداخلية", "الاشتباكات توقفت")],
        id="in-a-statement-is-no-affiliation",
    ),
    pytest.param(
        "وقال مسؤول أمني طلب عدم الكشف عن هويته إن الخلاف اندلع بسبب نقطة تفتيش.",
        [("مسؤول أمني", "الخلاف اندلع بسبب نقطة تفتيش")],
        id="anonymity-requested-without-commas",
    ),
    pytest.param(
        "وقال المتحدث باسم مجلس الوزراء إن الحكومة سترفع المخصصات.",
        [("المتحدث باسم مجلس الوزراء", "الحكومة سترفع المخصصات")],
        id="the-cabinet",
    ),
]
#: What held-out round 4 (frozen at 1.15.0) missed, generalized in 1.16.0; new sentences, not its own.
ROUND4 = [
    pytest.param(
        "وقال مدير الدفاع المدني في المحافظة، خالد يوسف، إن فرق الإنقاذ انتشلت ثلاث جثث.",
        [("خالد يوسف", "فرق الإنقاذ انتشلت ثلاث جثث")],
        id="a-name-between-commas-after-the-title",
    ),
    pytest.param(
        "ويرى الخبير في الشؤون النفطية بمعهد الدراسات الاستراتيجية، سعيد حسن البدري، أن الأسعار ستنخفض.",
        [("سعيد حسن البدري", "الأسعار ستنخفض")],
        id="a-name-after-an-unread-affiliation-ending-with-a-title-word",
    ),
    pytest.param(
        "وقال المتحدث باسم المفوضية في الأردن، علي منصور، في مؤتمر صحفي، إن عدد اللاجئين ارتفع.",
        [("علي منصور", "عدد اللاجئين ارتفع")],
        id="a-name-then-the-occasion-between-commas",
    ),
    pytest.param(
        "وقال الوزير محمد علي، اليوم الأحد، إن المفاوضات مستمرة.",
        [("محمد علي", "المفاوضات مستمرة")],
        id="a-time-between-commas-is-no-name",
    ),
    pytest.param(
        "وقال مسؤول في الوزارة، طلب عدم الكشف عن هويته لأنه غير مخول بالحديث إلى الصحافة، إن الاتفاق سيوقع غداً.",
        [("مسؤول في الوزارة", "الاتفاق سيوقع غداً")],
        id="anonymity-with-its-reason",
    ),
    pytest.param(
        "وقال مصدر في إحدى الشركات النفطية، طلب عدم الكشف عن هويته، إن الإنتاج توقف.",
        [("مصدر في إحدى الشركات النفطية", "الإنتاج توقف")],
        id="one-of-the-companies",
    ),
    pytest.param(
        "وكانت الوزارة قد اتهمت الشركة بتزوير الوثائق، فيما نفت الشركة ذلك.",
        [("الوزارة", "الشركة بتزوير الوثائق"), ("الشركة", "ذلك")],
        id="the-pluperfect-subject-accuses-and-the-next-attribution-keeps-its-connective",
    ),
    pytest.param(
        "ودعت الهيئة، في رسالة وجهتها إلى الوزراء الأسبوع الماضي، إلى وقف التوظيف.",
        [("الهيئة", "وقف التوظيف")],
        id="the-preposition-after-an-adjunct-between-commas-that-holds-another",
    ),
]
REVIEWED += COURT + RELAYS + ROUND3 + ROUND4


@pytest.mark.parametrize(("text", "expected"), REVIEWED)
def test_reviewed_wire_phrasing(text: str, expected: list[tuple[str | None, str]]) -> None:
    """Every claim of the sentence (the outlet's too) with its speaker's first mention."""
    proposal = _proposal(text)
    sources = {s.id: s.mentions[0].text for s in proposal.sources}
    assert [(sources.get(c.source) if c.source else None, c.text) for c in proposal.claims] == expected


def test_rights_activists_are_described_and_no_comment_is_read_across_a_word() -> None:
    proposal = _proposal("ويرى حقوقيون أن القضية تعكس تراجعاً في حرية الصحافة. ولم يصدر أي تعليق رسمي من وزارة العدل.")
    assert [(s.mentions[0].text, s.naming) for s in proposal.sources] == [("حقوقيون", "unnamed_described")]
    assert [(c.polarity, c.content_type) for c in proposal.claims][-1] == ("negative", "non_comment")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        pytest.param("وقال الوزير إن الهجوم كان متوقعاً منذ أيام.", "الهجوم كان متوقعاً منذ أيام", id="kana"),
        pytest.param("وقال الوزير إن النتيجة غير متوقعة بالمرة.", "النتيجة غير متوقعة بالمرة", id="ghayr"),
    ],
)
def test_a_participle_after_a_copula_describes_and_does_not_cut_the_claim(text: str, content: str) -> None:
    """Found on wire copy: متوقعاً (expected) was read as a cue participle (expecting), and the claim
    stopped before it."""
    assert [(claim, cue) for _, cue, claim in _attributed(_proposal(text))] == [(content, "قال")]
    assert [cue.text for cue in _proposal(text).cues] == ["قال"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("الأرقام تؤكد أن الاقتصاد يتعافى.", id="figures-are-no-speaker"),
        pytest.param("هذه الخطوة أكدت أن الحكومة جادة.", id="a-step-is-no-speaker"),
        pytest.param("وكان الوزير قد وصل إلى بغداد أمس.", id="no-cue"),
        pytest.param("وكان لبيد قد قال إن الحكومة ستسقط.", id="a-bare-name-never-introduced"),
    ],
)
def test_a_noun_before_a_verb_is_a_speaker_only_when_it_names_one(text: str) -> None:
    """Before its verb a subject must name people or a body (a title, a body, a vague head) or a
    speaker met before: a sentence may open with any noun, and a bare word may be no name at all."""
    assert _attributed(_proposal(text)) == []


def test_a_bare_name_introduced_earlier_speaks_before_its_verb() -> None:
    text = "وقال زعيم المعارضة يائير لبيد إن الانتخابات قريبة. وكان لبيد قد قال إن الحكومة ستسقط."
    assert [(cue, claim) for _, cue, claim in _attributed(_proposal(text))] == [
        ("قال", "الانتخابات قريبة"),
        ("قال", "الحكومة ستسقط"),
    ]


@pytest.mark.parametrize(
    ("text", "role", "affiliation"),
    [
        pytest.param(
            "وقالت مراسلة قناة العربية في بيروت إن الغارات استهدفت الضاحية.",
            "مراسلة",
            "قناة العربية",
            id="outlet-then-city",
        ),
        pytest.param("وقال مراسل الجزيرة في غزة إن القصف تواصل.", "مراسل", "الجزيرة", id="definite-outlet-then-city"),
        pytest.param("وقال مراسل قناة الجزيرة إن القصف تواصل.", "مراسل", "قناة الجزيرة", id="outlet-only"),
        pytest.param(
            "وقال مراسلنا في دمشق إن الأسواق فتحت أبوابها.", "مراسلنا", None, id="our-correspondent-in-a-city"
        ),
        pytest.param("وقال مراسل في وكالة رويترز إن الاشتباكات تجددت.", "مراسل", "وكالة رويترز", id="in-an-agency"),
        pytest.param("وقال مراسل الجزيرة وائل الدحدوح إن القصف تواصل.", "مراسل", "الجزيرة", id="named-correspondent"),
    ],
)
def test_a_correspondent_belongs_to_the_outlet_not_the_city(text: str, role: str, affiliation: str | None) -> None:
    """Found on wire copy: مراسلة قناة العربية في بيروت had بيروت as affiliation. The outlet is whom a
    correspondent belongs to; في + a city is where they report from."""
    proposal = _proposal(text)
    assert [(s.role, s.affiliation, s.kind) for s in proposal.sources] == [(role, affiliation, SourceKind.MEDIA)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("وقال البنك الدولي إن النمو سيتراجع.", "intergovernmental"),
        ("وقالت جامعة الدول العربية إن القمة ستعقد في بغداد.", "intergovernmental"),
        ("وقال الاتحاد الأفريقي إن الانتخابات كانت نزيهة.", "intergovernmental"),
        ("وقال مجلس التعاون الخليجي إن الوحدة الجمركية ستكتمل.", "intergovernmental"),
        ("وقالت الوكالة الدولية للطاقة الذرية إن المفتشين وصلوا.", "intergovernmental"),
        ("وقال المدعي العام للمحكمة الجنائية الدولية كريم خان إن التحقيق مستمر.", "intergovernmental"),
        ("وقال المدعي العام السوري إن المتهمين سيحاكمون.", "government"),
        ("وقال رئيس الهيئة العامة للاستثمار محمد خالد إن المشاريع ستبدأ.", "government"),
    ],
)
def test_intergovernmental_bodies_and_the_prosecution_speak_officially(text: str, kind: str) -> None:
    """Guidelines §2: the Arab League and the like are intergovernmental, a prosecution is government;
    a body's name with لل (للطاقة الذرية، للاستثمار) is part of it, not an addressee."""
    proposal = _proposal(text)
    assert ([s.kind for s in proposal.sources], [c.category for c in proposal.claims]) == (
        [kind],
        ["official_statement"],
    )


def test_a_news_agency_relays_sources_in_the_plural() -> None:
    """نقلت رويترز عن مصادر … قولها إن: the agency (a bare name) relays; the sources said the content."""
    text = "ونقلت رويترز عن مصادر دبلوماسية قولها إن الاتفاق بات وشيكاً."
    proposal = _proposal(text)
    found = [(mention, cue) for mention, cue, _ in _attributed(proposal)]
    assert found == [("رويترز", "نقلت"), ("مصادر دبلوماسية", "قولها")]
    inner = next(c for c in proposal.claims if c.text == "الاتفاق بات وشيكاً")
    assert inner.parent is not None  # a claim inside the agency's claim (guidelines §6)


@pytest.mark.parametrize(
    ("text", "source", "kind"),
    [
        (
            "وبحسب بيان صادر عن الجيش، فإن العملية أسفرت عن تدمير مخازن أسلحة.",
            "بيان صادر عن الجيش",
            "official_document",
        ),
        ("وجاء في بيان صادر عن حركة حماس أن الحركة ملتزمة.", "بيان صادر عن حركة حماس", "organization"),
    ],
)
def test_a_statement_issued_by_a_body_is_the_bodys(text: str, source: str, kind: str) -> None:
    """بيان صادر عن X: the issuer belongs to the source (it was left in the content), and decides
    whether the statement is an official document (guidelines §2) or the movement's own."""
    proposal = _proposal(text)
    assert [(s.mentions[0].text, s.kind) for s in proposal.sources] == [(source, kind)]
    assert all(not c.text.startswith("عن") for c in proposal.claims)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "ونفى المتحدث باسم الحكومة وجود أي خلافات داخل الائتلاف.",
            ("المتحدث باسم الحكومة", "نفى", "وجود أي خلافات داخل الائتلاف"),
            id="what-he-denied-is-not-his-name",
        ),
        pytest.param(
            "وأكد المتحدث باسم الجيش مقتل ثلاثة جنود.",
            ("المتحدث باسم الجيش", "أكد", "مقتل ثلاثة جنود"),
            id="what-he-confirmed-is-not-his-name",
        ),
        pytest.param(
            "وصرح وزير الداخلية لصحيفة الشرق الأوسط بأن الأمن مستتب.",
            ("وزير الداخلية", "صرح", "الأمن مستتب"),
            id="a-newspaper-told-is-no-affiliation",
        ),
    ],
)
def test_the_speaker_ends_where_the_object_or_the_addressee_begins(text: str, expected: tuple[str, str, str]) -> None:
    """A name read after a title swallowed the object (the source was «وجود أي خلافات داخل»), and a
    newspaper told became the minister's affiliation (the source was «لصحيفة الشرق الأوسط»)."""
    assert _attributed(_proposal(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "mention", "naming"),
    [
        ("وقال مراسل الجزيرة إن الاشتباكات تجددت في المدينة.", "مراسل الجزيرة", SourceNaming.UNNAMED_DESCRIBED),
        (
            "وقالت مراسلة قناة العربية في بيروت إن الطرق أغلقت.",
            "مراسلة قناة العربية في بيروت",
            SourceNaming.UNNAMED_DESCRIBED,
        ),
        ("وقال مراسل الجزيرة تامر المسحال إن القصف تواصل.", "تامر المسحال", SourceNaming.NAMED),
        ("وقال وزير الخارجية إن المحادثات مستمرة.", "وزير الخارجية", SourceNaming.NAMED),
    ],
    ids=["another-outlets-correspondent", "with-a-place", "with-a-name", "a-minister-is-one-person"],
)
def test_a_correspondent_says_where_from_not_who(text: str, mention: str, naming: SourceNaming) -> None:
    """Guidelines §3: unnamed_described when a source says where from but not who. An outlet has many
    correspondents, so «مراسل الجزيرة» is not one person, although the genitive makes it definite as
    «وزير الخارجية» is; a name after it still names the speaker."""
    (source,) = _proposal(text).sources
    assert ([m.text for m in source.mentions], source.naming) == ([mention], naming)
    assert source.role or source.affiliation or naming is SourceNaming.NAMED  # N005: the description is kept


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "وقال الكاتب العام لوزارة الصحة، أحمد بناني، إن الوباء تراجع.", "government", id="secretary-general"
        ),
        pytest.param("وقال الكاتب الصحفي أحمد بناني إن الوباء تراجع.", "journalist", id="a-writer"),
        pytest.param("وانتقد النائب المستقل سامر علي خطة الحكومة.", "government", id="a-member-of-parliament"),
        pytest.param("وقال مصدر في إحدى المنظمات الإنسانية إن المساعدات وصلت.", "organization", id="organizations"),
    ],
)
def test_office_words_give_the_kind(text: str, kind: str) -> None:
    """الكاتب العام is the secretary-general (his ministry's kind), not a writer; a member of parliament
    speaking as such is government (guidelines §2); a plural of a body word names bodies."""
    assert [s.kind for s in _proposal(text).sources] == [kind]


def test_a_feminine_verb_after_a_plural_body_continues_the_body() -> None:
    """قوات (a plural) takes a feminine verb: وقالت continues it, not the feminine الوزارة before it."""
    text = "وأكدت الوزارة أن الطريق مفتوح. ونفت قوات المعارضة أن تكون قد أغلقته، وقالت إن الجيش أغلقه."
    proposal = _proposal(text)
    sources = {s.id: s.mentions[0].text for s in proposal.sources}
    assert [(sources.get(c.source or ""), c.text) for c in proposal.claims][-1] == ("قوات المعارضة", "الجيش أغلقه")


#: Found by an independent review of 1.16.0 before it shipped: what the new readings must leave alone.
REVIEW_1_16 = [
    pytest.param(
        "وقال مدير المستشفى الإندونيسي، شمال قطاع غزة، إن المستشفى خرج عن الخدمة.",
        [("مدير المستشفى الإندونيسي", "المستشفى خرج عن الخدمة")],
        id="a-place-between-commas-is-no-name",
    ),
    pytest.param(
        "وقال رئيس الوزراء، عشية الانتخابات، إن حزبه سيفوز.",
        [("رئيس الوزراء", "حزبه سيفوز")],
        id="the-eve-of-between-commas-is-no-name",
    ),
    pytest.param(
        "وقال رئيس الوزراء، مرتديا الزي العسكري، إن الحرب ستنتهي قريبا.",
        [("رئيس الوزراء", "الحرب ستنتهي قريبا")],
        id="a-manner-between-commas-is-no-name",
    ),
    pytest.param(
        "وقال أحد السكان، موظف حكومي متقاعد، إن القصف لم يتوقف منذ الفجر.",
        [("أحد السكان", "القصف لم يتوقف منذ الفجر")],
        id="a-second-description-is-no-name",
    ),
    pytest.param(
        "وقال وزير الخارجية في مؤتمر صحفي مع نظيره التركي، بحضور السفراء، إن الاتفاق سيوقع قريبا.",
        [("وزير الخارجية", "الاتفاق سيوقع قريبا")],
        id="nothing-after-an-occasion-is-a-name",
    ),
    pytest.param(
        "وقال مسؤول، طلب عدم الكشف عن هويته إن الجيش سيطر على البلدة، وقتل عشرات المسلحين.",
        [("مسؤول", "الجيش سيطر على البلدة، وقتل عشرات المسلحين")],
        id="anonymity-whose-closing-comma-is-left-out",
    ),
    pytest.param(
        "وقال مصدر حكومي، طلب عدم الكشف عن اسمه لحساسية الموضوع، إن الوزير سيستقيل.",
        [("مصدر حكومي", "الوزير سيستقيل")],
        id="anonymity-with-a-short-reason",
    ),
    pytest.param(
        "ودعا الأمين العام للأمم المتحدة في كلمته أمام مجلس الأمن إلى وقف إطلاق النار، إلى جانب إطلاق سراح الرهائن.",
        [("الأمين العام للأمم المتحدة", "وقف إطلاق النار، إلى جانب إطلاق سراح الرهائن")],
        id="the-same-preposition-later-in-the-content",
    ),
    pytest.param(
        "وحذر صندوق النقد الدولي في تقريره الفصلي من تباطؤ النمو، من جراء الحرب التجارية.",
        [("صندوق النقد الدولي", "تباطؤ النمو، من جراء الحرب التجارية")],
        id="min-later-in-the-content",
    ),
]
REVIEWED += REVIEW_1_16


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("وقال النائب البطريركي للاتين في الأردن إن الكنيسة ترفض القرار.", "other", id="a-vicar"),
        pytest.param("وقال نائب المدير العام للمستشفى الأهلي العربي إن الأدوية نفدت.", "other", id="a-deputy-director"),
    ],
)
def test_a_deputy_of_something_else_is_no_member_of_parliament(text: str, kind: str) -> None:
    assert [s.kind for s in _proposal(text).sources] == [kind]


def test_a_pluperfect_inside_a_relative_clause_names_no_speaker() -> None:
    """المشروع الذي كانت الحكومة قد أعلنت عنه: the government is not quoted here."""
    text = "وأكد المتحدث أن المشروع الذي كانت الحكومة قد أعلنت عنه العام الماضي تأخر بسبب نقص التمويل."
    assert "الحكومة" not in [s.mentions[0].text for s in _proposal(text).sources]


def test_a_name_after_whom_a_call_addresses_is_not_the_speakers() -> None:
    """ودعا الرئيس الأمريكي نظيره الروسي، فلاديمير بوتين، إلى …: Putin is addressed, not speaking."""
    text = "ودعا الرئيس الأمريكي نظيره الروسي، فلاديمير بوتين، إلى وقف الحرب."
    assert "فلاديمير بوتين" not in [m.text for s in _proposal(text).sources for m in s.mentions]


#: اتهم X Y بـ …: whom the speaker accuses is part of the accusation, never of the speaker's name.
ACCUSED = [
    pytest.param(
        "واتهمت الحكومة المسلحين بعرقلة وصول المساعدات إلى المخيمات.",
        [("الحكومة", "المسلحين بعرقلة وصول المساعدات إلى المخيمات")],
        id="one-word-speaker",
    ),
    pytest.param(
        "واتهمت وزارة الداخلية العراقية المسلحين بعرقلة وصول المساعدات.",
        [("وزارة الداخلية العراقية", "المسلحين بعرقلة وصول المساعدات")],
        id="a-body-with-its-adjective",
    ),
    pytest.param(
        "واتهمت منظمة العفو الدولية السلطات باعتقال الصحفيين تعسفيا.",
        [("منظمة العفو الدولية", "السلطات باعتقال الصحفيين تعسفيا")],
        id="a-named-organization",
    ),
]
REVIEWED += ACCUSED

#: …، فيما يُتوقع أن …: a clause joined with its own certainty marker is a claim of its own.
HEDGED_CLAUSES = [
    pytest.param(
        "وقال المتحدث باسم الوزارة إن الأسعار ستنخفض، فيما يُتوقع أن ترتفع الواردات الشهر المقبل.",
        [("المتحدث باسم الوزارة", "الأسعار ستنخفض"), ("المتحدث باسم الوزارة", "يُتوقع أن ترتفع الواردات الشهر المقبل")],
        id="after-a-verb-the-same-speakers",
    ),
    pytest.param(
        "وتبلغ النفقات العامة نحو 12.5 مليار دينار، فيما يُتوقع أن يبلغ العجز نحو 2.2 مليار دينار، وفقاً لوزارة المالية.",
        [
            ("وزارة المالية", "وتبلغ النفقات العامة نحو 12.5 مليار دينار"),
            ("وزارة المالية", "يُتوقع أن يبلغ العجز نحو 2.2 مليار دينار"),
        ],
        id="before-according-to-the-same-source",
    ),
    pytest.param(
        "وارتفعت الأسعار بنسبة عشرة في المئة، بينما من المرجح أن تواصل الارتفاع.",
        [(None, "وارتفعت الأسعار بنسبة عشرة في المئة"), (None, "من المرجح أن تواصل الارتفاع")],
        id="the-outlets-own-without-the-connective",
    ),
    pytest.param(
        "وقال الوزير إن الأسعار سترتفع، كما توقع صندوق النقد الدولي.",
        [("الوزير", "الأسعار سترتفع"), (None, "كما توقع صندوق النقد الدولي")],
        id="kama-is-as-not-a-joined-clause",
    ),
]
REVIEWED += HEDGED_CLAUSES


@pytest.mark.parametrize(
    ("text", "certainties"),
    [
        pytest.param(
            "وقال المتحدث باسم الوزارة إن الأسعار ستنخفض، فيما يُتوقع أن ترتفع الواردات الشهر المقبل.",
            ["certain", "probable"],
            id="expected",
        ),
        pytest.param(
            "وأكد الوزير أن المفاوضات مستمرة، بينما من المرجح أن تتأجل الجولة المقبلة.",
            ["certain", "probable"],
            id="likely",
        ),
    ],
)
def test_a_joined_clause_has_its_own_certainty(text: str, certainties: list[str]) -> None:
    assert [c.certainty for c in _proposal(text).claims] == certainties


#: What held-out round 5 (frozen at 1.17.0) missed, generalized in 1.18.0; new sentences, not its own.
ROUND5 = [
    pytest.param(
        "وقال وزير النفط عبد الأمير الحسني إن الإنتاج ارتفع.",
        [("عبد الأمير الحسني", "الإنتاج ارتفع")],
        id="abd-before-a-title-word-is-one-name",
    ),
    pytest.param(
        "وقال الناطق باسم الجيش يحيى الزبيدي إن القوات تقدمت. وأضاف الزبيدي أن الطريق فتح.",
        [("يحيى الزبيدي", "القوات تقدمت"), ("يحيى الزبيدي", "الطريق فتح")],
        id="a-surname-with-the-article-alone-joins-the-speaker",
    ),
    pytest.param(
        "وقالت ممثلة منظمة الأمم المتحدة للطفولة (يونيسف) في اليمن، سارة الشامي، إن آلاف الأطفال نزحوا.",
        [("سارة الشامي", "آلاف الأطفال نزحوا")],
        id="an-acronym-in-brackets-before-a-name-between-commas",
    ),
    pytest.param(
        "وقال أستاذ علم الاقتصاد ماجد الصوري إن التضخم سيتراجع.",
        [("ماجد الصوري", "التضخم سيتراجع")],
        id="a-field-of-study-after-a-professor",
    ),
    pytest.param(
        "ويرى أستاذ علم النفس في جامعة بغداد، كريم العبيدي، أن الأطفال يعانون.",
        [("كريم العبيدي", "الأطفال يعانون")],
        id="a-field-of-study-is-no-meeting",
    ),
    pytest.param(
        "وقال علم الدين سامي إن المفاوضات انتهت.",
        [("علم الدين سامي", "المفاوضات انتهت")],
        id="alam-al-din-is-a-name",
    ),
    pytest.param(
        "أما مدير المستشفى خالد النعيمي فقال إن الأدوية نفدت.",
        [("خالد النعيمي", "الأدوية نفدت")],
        id="amma-a-title-and-a-name-then-fa-verb",
    ),
    pytest.param(
        "أما مديرة مدرسة البنات في حي الجامعة، ليلى حسن، فقالت إن الدروس توقفت.",
        [("ليلى حسن", "الدروس توقفت")],
        id="amma-a-long-title-and-a-name-between-commas",
    ),
    pytest.param(
        "المتحدث باسم الشرطة، سامر العلي، أكد أن الطريق آمن.",
        [("سامر العلي", "الطريق آمن")],
        id="a-subject-with-a-name-between-commas-before-its-verb",
    ),
    pytest.param(
        "وقال الوزير فاضل علي إن الأسعار سترتفع.",
        [("فاضل علي", "الأسعار سترتفع")],
        id="a-name-opening-with-fa-is-no-verb",
    ),
    pytest.param(
        "وصل الوفد إلى المدينة، الوزير قال إن الأسعار سترتفع.",
        [(None, "وصل الوفد إلى المدينة، الوزير قال إن الأسعار سترتفع")],
        id="a-comma-before-a-subject-that-is-no-name",
    ),
]
REVIEWED += ROUND5


def test_a_un_agency_named_without_the_united_nations_is_intergovernmental() -> None:
    text = "وقال ممثل منظمة الأغذية والزراعة في السودان، أحمد يوسف، إن المحاصيل تراجعت."
    assert [(s.mentions[0].text, s.kind) for s in _proposal(text).sources] == [("أحمد يوسف", "intergovernmental")]


#: Found by an independent review of 1.18.0 before it shipped (350 sentences of its own against 1.16.0).
REVIEW_1_18 = [
    pytest.param(
        "وقال شهود إن القوات انسحبت من البلدة، بينما يُتوقع أن تعود خلال أيام، حسب مصادر محلية.",
        [("شهود", "القوات انسحبت من البلدة"), ("شهود", "يُتوقع أن تعود خلال أيام")],
        id="a-span-opening-with-the-connective-gives-no-empty-claim",
    ),
    pytest.param(
        "وأكد الوزير أن المشروع سينجز في موعده، فيما من الممكن أن يتأخر افتتاحه أسابيع.",
        [("الوزير", "المشروع سينجز في موعده"), ("الوزير", "من الممكن أن يتأخر افتتاحه أسابيع")],
        id="the-speakers-own-hedge-stays-the-speakers",
    ),
    pytest.param(
        'وقال الوزير: "الأسعار سترتفع، فيما يُتوقع أن يتراجع الطلب على السلع المستوردة".',
        [("الوزير", "الأسعار سترتفع، فيما يُتوقع أن يتراجع الطلب على السلع المستوردة")],
        id="a-quotation-is-never-split",
    ),
    pytest.param(
        "واتهمت وزارة الخارجية الهندية باكستان بدعم الجماعات المسلحة.",
        [("وزارة الخارجية الهندية", "باكستان بدعم الجماعات المسلحة")],
        id="an-accused-name-opening-with-b",
    ),
    pytest.param(
        "واتهم المتظاهرون الشرطة بإطلاق الرصاص الحي عليهم.",
        [("المتظاهرون", "الشرطة بإطلاق الرصاص الحي عليهم")],
        id="the-accused-disagrees-with-the-speaker-in-gender",
    ),
    pytest.param(
        "وقال الباحث علم الدين الزهراني إن المنطقة تشهد تحولات كبيرة.",
        [("علم الدين الزهراني", "المنطقة تشهد تحولات كبيرة")],
        id="alam-al-din-after-a-researcher-is-his-name",
    ),
    pytest.param(
        "ويرى أستاذ علم الاجتماع السياسي في الجامعة التونسية أن الإضراب مشروع.",
        [("أستاذ علم الاجتماع السياسي", "الإضراب مشروع")],
        id="a-field-of-study-with-its-adjective",
    ),
]
REVIEWED += REVIEW_1_18


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        pytest.param("واتهم الجيش السوداني قوات الدعم السريع بارتكاب مجازر في مدينة الفاشر.", "السريع", id="a-phrase"),
        pytest.param("واتهم الجيش السوداني بارتكاب انتهاكات واسعة في دارفور.", "السوداني", id="an-adjective"),
        pytest.param("واتهم مجلس الأمن الدولي الأطراف المتحاربة بانتهاك الهدنة.", "المتحاربة", id="things"),
        pytest.param("واتهم الاتحاد الأوروبي بيلاروسيا باستغلال المهاجرين.", "الأوروبي", id="a-name-with-b"),
    ],
)
def test_the_speaker_is_never_cut_inside_its_phrase(text: str, cut: str) -> None:
    """اتهم X Y بـ: a speaker's last word moves to the accusation only when it cannot be an adjective."""
    assert not any(claim.text.startswith(cut) for claim in _proposal(text).claims)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "وقال رئيس الوزراء اليمني معين عبد الملك إن الحرب ستنتهي. وأكد الملك أن المساعدات ستستمر.",
            id="abd-al-malik-and-the-king",
        ),
        pytest.param(
            "وقال رئيس الوزراء الأسبق سعد الحريري إن التيار سيعلق عمله. وأضافت الحريري أن المدينة تحتاج إلى دعم.",
            id="a-feminine-verb",
        ),
    ],
)
def test_a_bare_word_joins_no_speaker_it_cannot_name(text: str) -> None:
    """A surname with the article joins the speaker whose name ends with it, but not a title (الملك،
    الشيخ), the end of a name with عبد, or a speaker of the other gender."""
    assert len(_proposal(text).sources) == 2


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("وقال مدير مشروع ميناء الفاو الكبير إن نسبة الإنجاز بلغت 80 في المئة.", "other", id="the-port"),
        pytest.param("وقال قائمقام قضاء الفاو إن الميناء مغلق.", "government", id="the-district"),
    ],
)
def test_the_iraqi_town_of_fao_is_no_un_agency(text: str, kind: str) -> None:
    assert [s.kind for s in _proposal(text).sources] == [kind]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        pytest.param(
            "وقالت المتحدثة باسم المفوضية السامية لشؤون اللاجئين (UNHCR) في جنيف، مرة أخرى، إن الوضع مقلق.",
            "مرة أخرى",
            id="once-more",
        ),
        pytest.param("سكان الحي، رجالا ونساء، قالوا إن القصف لم يتوقف.", "رجالا ونساء", id="men-and-women"),
        pytest.param(
            "أما الولايات المتحدة، حليفة إسرائيل الرئيسية، فقد أكدت أنها تدعم الهدنة.",
            "حليفة إسرائيل الرئيسية",
            id="a-body-and-its-description",
        ),
    ],
)
def test_what_stands_between_commas_is_no_name_unless_a_title_introduces_it(text: str, speaker: str) -> None:
    assert speaker not in [m.text for s in _proposal(text).sources for m in s.mentions]


#: What held-out round 5 left open, generalized in 1.19.0; new sentences, not its own.
ROUND5_OPEN = [
    pytest.param(
        "وقال رئيس البلدية من جهته إن أعمال الصيانة ستنتهي الشهر المقبل.",
        [("رئيس البلدية", "أعمال الصيانة ستنتهي الشهر المقبل")],
        id="for-his-part-after-the-speaker",
    ),
    pytest.param(
        "وأكدت الوزيرة من جانبها أن المدارس ستفتح أبوابها في موعدها.",
        [("الوزيرة", "المدارس ستفتح أبوابها في موعدها")],
        id="for-her-part-after-the-speaker",
    ),
    pytest.param(
        "وقال المحافظ بدوره إن الطرق أعيد فتحها.",
        [("المحافظ", "الطرق أعيد فتحها")],
        id="in-turn-is-no-name",
    ),
    pytest.param(
        "وأوضح وزير الزراعة أيضاً أن المحصول تضرر بشدة.",
        [("وزير الزراعة", "المحصول تضرر بشدة")],
        id="also-is-no-name",
    ),
    pytest.param(
        "وقالت المتحدثة باسم الوزارة، ليلى حداد، إن التحقيق مستمر. وأكدت من جهتها أن المسؤولين سيحاسبون.",
        [("ليلى حداد", "التحقيق مستمر"), ("ليلى حداد", "المسؤولين سيحاسبون")],
        id="for-her-part-right-after-the-cue-continues",
    ),
    pytest.param(
        "وانتقد النائب المستقل سامر علي من جهته خطة الحكومة لرفع الأسعار.",
        [("سامر علي", "خطة الحكومة لرفع الأسعار")],
        id="for-his-part-before-a-plain-object",
    ),
    pytest.param(
        "وقال البائع حسن الجبوري إن الزبائن قلوا. وقال أحد الصيادين إن البحر هائج.",
        [("حسن الجبوري", "الزبائن قلوا"), ("أحد الصيادين", "البحر هائج")],
        id="a-trade-is-a-title",
    ),
    pytest.param(
        "وأبلغ السفير الأمريكي الوزير اللبناني بأن المساعدات ستصل قريباً.",
        [("السفير الأمريكي", "المساعدات ستصل قريباً")],
        id="whom-a-speaker-tells-is-not-the-speaker",
    ),
    pytest.param(
        "وأبلغت الشركة العامة للموانئ الصحفيين رسمياً أن الرصيف أغلق.",
        [("الشركة العامة للموانئ", "الرصيف أغلق")],
        id="whom-a-body-tells-then-an-adverb",
    ),
    pytest.param(
        "وقال الخبير إن الأسعار ارتفعت في الربيع، في حين يبلغ التضخم 12 في المئة.",
        [("الخبير", "الأسعار ارتفعت في الربيع، في حين يبلغ التضخم 12 في المئة")],
        id="reaching-is-no-telling",
    ),
    pytest.param(
        "وقال الوزير إن الواردات تراجعت، في حين قالت النقابة إن الأسواق تعاني.",
        [("الوزير", "الواردات تراجعت"), ("النقابة", "الأسواق تعاني")],
        id="while-goes-with-the-next-attribution",
    ),
]
REVIEWED += ROUND5_OPEN


@pytest.mark.parametrize(
    ("text", "trade", "kind"),
    [
        pytest.param("وقال التاجر سمير حداد إن الأسعار ارتفعت.", "سمير حداد", "witness", id="a-trader"),
        pytest.param("وقالت السائقة منى يوسف إن الوقود نفد.", "منى يوسف", "witness", id="a-driver"),
        pytest.param("وقال تجار في سوق الحميدية إن الحركة ضعيفة.", "تجار", "witness", id="traders"),
    ],
)
def test_people_who_tell_what_they_live_are_witnesses(text: str, trade: str, kind: str) -> None:
    found = [(s.mentions[0].text, s.kind) for s in _proposal(text).sources]
    assert [(mention.startswith(trade), found_kind) for mention, found_kind in found] == [(True, kind)]


def test_a_speaker_reported_speaking_is_a_claim_inside_the_claim() -> None:
    """قال الوزير إن الجيش أعلن أن …: the minister's claim holds the army's (guidelines §6)."""
    text = "وقال وزير الإعلام إن الشرطة أعلنت أن المتهمين أوقفوا. وأكد المتحدث أن الأرقام تؤكد أن الوضع تحسن."
    proposal = _proposal(text)
    sources = {s.id: s.mentions[0].text for s in proposal.sources}
    claims = {c.id: c for c in proposal.claims}
    found = [(sources[c.source], c.text, claims[c.parent].text if c.parent else None) for c in proposal.claims]
    assert found == [
        ("وزير الإعلام", "الشرطة أعلنت أن المتهمين أوقفوا", None),
        ("الشرطة", "المتهمين أوقفوا", "الشرطة أعلنت أن المتهمين أوقفوا"),
        ("المتحدث", "الأرقام تؤكد أن الوضع تحسن", None),  # figures speak for no one
    ]


def test_it_is_expected_is_a_certainty_marker_not_the_last_speaker() -> None:
    """ويُتوقع أن … after a speaker: no one expecting (guidelines §5), the outlet's probable claim."""
    proposal = _proposal("وقال سكان إن المياه انقطعت. ويتوقع أن تعود المياه غداً. وتتوقع البلدية أن تنتهي الأعمال.")
    assert [(c.source is None, c.certainty) for c in proposal.claims] == [
        (False, "certain"),
        (True, "probable"),
        (False, "probable"),
    ]


#: What held-out round 6 (frozen at 1.19.0) missed, generalized in 1.20.0; new sentences, not its own.
ROUND6 = [
    pytest.param(
        'وفي عمّان، أعربت وزارة الخارجية الأردنية عن "أسفها الشديد" لوقوع الحادث.',
        [("وزارة الخارجية الأردنية", '"أسفها الشديد" لوقوع الحادث')],
        id="a-quotation-opens-the-object",
    ),
    pytest.param(
        "وأشادت النقابة بالاتفاق، ودعت في بيانها إلى تطبيقه فوراً.",
        [("النقابة", "الاتفاق"), ("النقابة", "تطبيقه فوراً")],
        id="the-preposition-after-an-adjunct-is-no-adjective",
    ),
    pytest.param(
        "وقالت قيادة الجيش الثاني، في بيان اطلعت عليه الصحيفة، إن الوحدات عادت إلى ثكناتها.",
        [("قيادة الجيش الثاني", "الوحدات عادت إلى ثكناتها")],
        id="a-command-is-a-body",
    ),
    pytest.param(
        "ونقلت صحيفة الشروق، نقلاً عن مسؤول في وزارة الري بمحافظة أسوان، أن منسوب المياه انخفض.",
        [
            ("صحيفة الشروق", "نقلاً عن مسؤول في وزارة الري بمحافظة أسوان، أن منسوب المياه انخفض"),
            ("مسؤول في وزارة الري بمحافظة أسوان", "منسوب المياه انخفض"),
        ],
        id="a-relay-after-a-comma-and-words-left-unread",
    ),
    pytest.param(
        "بلدية صفاقس، من جهتها، نفت أن تكون الشاحنات قد توقفت.",
        [("بلدية صفاقس", "تكون الشاحنات قد توقفت")],
        id="a-subject-and-who-speaks-in-turn-between-commas",
    ),
    pytest.param(
        "أما سعاد المنصوري، المقيمة في حي التضامن منذ عشرين عاماً، فتقول إن الإيجارات تضاعفت.",
        [("سعاد المنصوري", "الإيجارات تضاعفت")],
        id="a-named-topic-and-its-description-between-commas",
    ),
    pytest.param(
        "وأوضح المدير أن العمل استؤنف في المصنع، وأن الرواتب ستصرف الأسبوع المقبل.",
        [("المدير", "العمل استؤنف في المصنع"), ("المدير", "الرواتب ستصرف الأسبوع المقبل")],
        id="a-second-content-is-a-second-claim",
    ),
    pytest.param(
        "وقال رئيس قسم الإعلام في الدفاع المدني، النقيب سامر الحلبي، إن فرق الإنقاذ وصلت.",
        [("سامر الحلبي", "فرق الإنقاذ وصلت")],
        id="a-rank-before-a-name-between-commas",
    ),
]
REVIEWED += ROUND6


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param("وتوقع الديوان الوطني للأرصاد الجوية أن تتساقط الأمطار.", "government", id="weather-office"),
        pytest.param("وقالت المديرية العامة للحماية المدنية إن الحريق أخمد.", "government", id="civil-protection"),
        pytest.param("وقالت مديرية التربية إن المدارس ستفتح.", "government", id="a-directorate"),
        pytest.param(
            "وقال المكلف بالإعلام في وزارة النقل إن الرحلات ستستأنف.", "government", id="charged-with-the-press"
        ),
        pytest.param("وقال الدفاع المدني السوري إن فرقه انتشلت الجثث.", "organization", id="the-white-helmets"),
    ],
)
def test_civil_services_and_their_officers_are_government(text: str, kind: str) -> None:
    assert [s.kind for s in _proposal(text).sources] == [kind]


#: Found by an independent review of 1.20.0 before it shipped (449 sentences of its own against 1.18.0).
REVIEW_1_20 = [
    pytest.param(
        "وقال مدير مستشفى الأقصى بدير البلح إن الجرحى يفترشون الأرض.",
        # the hospital the director heads, and where it is, describe him (1.25.0); مستشفى is no name
        [("مدير مستشفى الأقصى بدير البلح", "الجرحى يفترشون الأرض")],
        id="where-after-a-name-ends-it-and-the-content-follows",
    ),
    pytest.param(
        "وقال الباحث بمركز كارنيغي يزيد صايغ إن الجيش يسيطر على الاقتصاد.",
        [("يزيد صايغ", "الجيش يسيطر على الاقتصاد")],
        id="where-before-a-name",
    ),
    pytest.param(
        'وقالت المتحدثة باسم المفوضية بدورها: "الوضع في المخيمات مأساوي".',
        [("المتحدثة باسم المفوضية", "الوضع في المخيمات مأساوي")],
        id="in-turn-before-a-colon",
    ),
    pytest.param(
        "وقال رئيس الحزب إن الانتخابات نزيهة. وانتقد بدوره وزارة الداخلية بسبب التضييق على المرشحين.",
        [("رئيس الحزب", "الانتخابات نزيهة"), ("رئيس الحزب", "وزارة الداخلية بسبب التضييق على المرشحين")],
        id="in-turn-then-the-object-not-a-speaker",
    ),
    pytest.param(
        "وقال الرئيس إن الحرب انتهت. ودعا من جانبه المجتمع الدولي إلى تحمل مسؤولياته.",
        [("الرئيس", "الحرب انتهت"), ("الرئيس", "تحمل مسؤولياته")],
        id="in-turn-then-whom-a-call-addresses",
    ),
    pytest.param(
        "وقال الوزير إن من الضروري أن تتعاون الدول، وأن تتحمل مسؤولياتها.",
        [("الوزير", "من الضروري أن تتعاون الدول، وأن تتحمل مسؤولياتها")],
        id="a-second-an-inside-the-content-is-no-second-content",
    ),
    pytest.param(
        "وأبلغ المتحدث باسم الجيش الصحفيين أن القوات انسحبت.",
        [("المتحدث باسم الجيش", "القوات انسحبت")],
        id="whom-a-spokesman-tells-not-his-body",
    ),
    pytest.param(
        "وأبلغ الرئيس محمد علي النواب بأن الحكومة ستستقيل.",
        [("محمد علي", "الحكومة ستستقيل")],
        id="whom-a-named-speaker-tells",
    ),
    pytest.param(
        'وأبلغ شهود عيان "رويترز" بأن القصف استمر.',
        [("شهود عيان", "القصف استمر")],
        id="a-quoted-medium-told",
    ),
    pytest.param(
        "وقال مسؤول في الأمم المتحدة إنه أبلغ الأطراف بضرورة احترام الهدنة.",
        [("مسؤول في الأمم المتحدة", "أبلغ الأطراف بضرورة احترام الهدنة")],
        id="telling-inside-a-clause-is-the-content",
    ),
    pytest.param(
        "وقالت مصادر إن الوفد سيصل القاهرة الخميس، ويُتوقع أن يلتقي الرئيس المصري.",
        [("مصادر", "الوفد سيصل القاهرة الخميس"), ("مصادر", "يُتوقع أن يلتقي الرئيس المصري")],
        id="a-joined-hedge-with-wa",
    ),
    pytest.param(
        "وارتفعت الأسعار بنسبة 10 في المئة، ومن المرجح أن تواصل الارتفاع.",
        [(None, "وارتفعت الأسعار بنسبة 10 في المئة"), (None, "من المرجح أن تواصل الارتفاع")],
        id="the-outlets-joined-hedge-with-wa",
    ),
]
#: Found by a second independent review of 1.20.0 (391 sentences of its own), fixed before release.
REVIEW_1_20_SECOND = [
    pytest.param(
        "الحكومة أبلغت النقابات بأن الزيادة في الأجور ستصرف الشهر المقبل.",
        [("الحكومة", "الزيادة في الأجور ستصرف الشهر المقبل")],
        id="a-subject-before-telling",
    ),
    pytest.param(
        "وفي وقت لاحق أبلغت الشرطة الأهالي بأن الطريق سيبقى مغلقاً حتى الصباح.",
        [("الشرطة", "الطريق سيبقى مغلقاً حتى الصباح")],
        id="telling-after-a-time",
    ),
    pytest.param(
        "لكن الوزير أبلغ النواب بأن الخزينة فارغة.",
        [("الوزير", "الخزينة فارغة")],
        id="a-subject-after-lakin",
    ),
    pytest.param(
        "وأمس أبلغ البنك المركزي المصارف التجارية بوقف التعامل بالعملة القديمة.",
        [("البنك المركزي", "وقف التعامل بالعملة القديمة")],
        id="whom-a-bank-tells",
    ),
    pytest.param(
        "وكان صندوق النقد الدولي يتوقع أن ينمو الاقتصاد بنسبة 4 في المئة.",
        [("صندوق النقد الدولي", "ينمو الاقتصاد بنسبة 4 في المئة")],
        id="expecting-after-its-subject-is-a-cue",
    ),
    pytest.param(
        "قال وزير الزراعة إن المحصول سيكون ضعيفاً. وطالب بدوره الحكومة بدعم الفلاحين.",
        [("وزير الزراعة", "المحصول سيكون ضعيفاً"), ("وزير الزراعة", "دعم الفلاحين")],
        id="in-turn-then-a-feminine-object",
    ),
    pytest.param(
        "وقال زعيم المعارضة إن الانتخابات مزورة. وانتقد أيضاً اللجنة الانتخابية لرفضها الطعون.",
        [("زعيم المعارضة", "الانتخابات مزورة"), ("زعيم المعارضة", "اللجنة الانتخابية لرفضها الطعون")],
        id="also-then-an-object-to-the-end",
    ),
    pytest.param(
        "ورحب من جهته الاتحاد الأوروبي بالإعلان عن وقف إطلاق النار.",
        [("الاتحاد الأوروبي", "الإعلان عن وقف إطلاق النار")],
        id="for-its-part-then-the-speaker-then-its-b",
    ),
    pytest.param(
        "وأوضح الوزير أن الاتفاق ينص على وقف إطلاق النار، وأن تنسحب القوات من المدن.",
        [("الوزير", "الاتفاق ينص على وقف إطلاق النار، وأن تنسحب القوات من المدن")],
        id="wa-an-with-a-verb-continues-the-content",
    ),
    pytest.param(
        "وحذرت المنظمة من أن المجاعة ستمتد إلى مناطق جديدة، وأن ملايين الأطفال معرضون للخطر.",
        [("المنظمة", "المجاعة ستمتد إلى مناطق جديدة"), ("المنظمة", "ملايين الأطفال معرضون للخطر")],
        id="wa-an-with-a-noun-is-a-second-content",
    ),
    pytest.param(
        "ارتفعت الأسعار مجدداً، وغالباً ما يلجأ التجار إلى التخزين.",
        [(None, "ارتفعت الأسعار مجدداً، وغالباً ما يلجأ التجار إلى التخزين")],
        id="often-is-no-hedge",
    ),
    pytest.param(
        "ارتفع عدد الضحايا إلى 40، وقد يرتفع أكثر مع استمرار البحث.",
        [(None, "ارتفع عدد الضحايا إلى 40"), (None, "قد يرتفع أكثر مع استمرار البحث")],
        id="qad-with-the-present-is-a-hedge",
    ),
]
REVIEWED += REVIEW_1_20 + REVIEW_1_20_SECOND


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param(
            "وقال المتحدث باسم وزارة الصحة، الدكتور أشرف القدرة، إن عدد القتلى ارتفع.", "government", id="doctor"
        ),
        pytest.param(
            "وقالت المتحدثة باسم المفوضية، المحامية ليلى عودة، إن اللاجئين عادوا.", "intergovernmental", id="lawyer"
        ),
        pytest.param(
            "وقال قائد الشرطة في المدينة، اللواء محمد عبد الله، إن الوضع هادئ.", "government", id="police-general"
        ),
        pytest.param(
            "وقالت القوات الدولية العاملة في جنوب لبنان إن الهدوء عاد.", "military", id="operating-is-no-trade"
        ),
    ],
)
def test_a_rank_between_commas_leaves_the_kind_to_the_role(text: str, kind: str) -> None:
    assert [s.kind for s in _proposal(text).sources] == [kind]


def test_is_considered_is_no_promise() -> None:
    """يُعدّ (is considered) is written as يَعِد (promises): the present of وعد is no cue (round 7)."""
    proposal = _proposal("ويعد المترو، الذي بلغت كلفته نحو 23 مليار دولار، أحد أكبر مشاريع النقل العام في المنطقة.")
    assert (proposal.cues, [c.source for c in proposal.claims]) == ([], [None])


#: What held-out round 7 (frozen at 1.20.0) missed, generalized after it; new sentences, not its own.
ROUND7 = [
    pytest.param(
        "وقالت المواطنة أم سامي الخطيب، وهي أم لخمسة أطفال، إن المياه لم تصل منذ أسبوع.",
        [("أم سامي الخطيب", "المياه لم تصل منذ أسبوع")],
        id="a-description-with-wa-huwa-after-the-name",
    ),
    pytest.param(
        "بلدية نابلس من جهتها أعلنت أن الصهاريج ستعمل طوال الليل.",
        [("بلدية نابلس", "الصهاريج ستعمل طوال الليل")],
        id="a-subject-and-who-speaks-in-turn-without-commas",
    ),
    pytest.param(
        "بلدية نابلس أعلنت تشغيل خمسة آبار جديدة.",
        [("بلدية نابلس", "تشغيل خمسة آبار جديدة")],
        id="a-subject-first-and-a-plain-object",
    ),
    pytest.param(
        "وشرطة المرور، من جهتها، نفت وجود أي ازدحام.",
        [("شرطة المرور", "وجود أي ازدحام")],
        id="the-conjunction-is-no-part-of-the-subject",
    ),
]
REVIEWED += ROUND7

#: A contrast (إلا أن، بيد أن، غير أن) or a reason (لأن) before a subject and its cue opens a new
#: attribution: it is not the previous speaker's content, and its words belong to no claim (1.21.0).
CONTRASTS_AND_REASONS = [
    pytest.param(
        "وقال مسؤول في الوزارة إن المستشفى استقبل الجرحى، إلا أن مصادر طبية أكدت أن الأدوية نفدت.",
        [("مسؤول في الوزارة", "المستشفى استقبل الجرحى"), ("مصادر طبية", "الأدوية نفدت")],
        id="illa-anna-after-a-claim",
    ),
    pytest.param(
        "وقال الوزير إن الحكومة لن تتراجع إلا أن النقابة أكدت أن الإضراب مستمر.",
        [("الوزير", "الحكومة لن تتراجع"), ("النقابة", "الإضراب مستمر")],
        id="illa-anna-without-a-comma",
    ),
    pytest.param(
        "وقالت مصادر محلية إن الأسعار ارتفعت، بيد أن التجار أكدوا أن المخزون كاف.",
        [("مصادر محلية", "الأسعار ارتفعت"), ("التجار", "المخزون كاف")],
        id="bayda-anna",
    ),
    pytest.param(
        "ارتفعت الأسعار في الأسواق، غير أن وزارة الاقتصاد أكدت أن المخزون كاف.",
        [(None, "ارتفعت الأسعار في الأسواق"), ("وزارة الاقتصاد", "المخزون كاف")],
        id="ghayra-anna-after-the-outlet",
    ),
    pytest.param(
        "ورفض السكان العودة إلى منازلهم، لأن الجيش أعلن أن المنطقة ما زالت خطرة.",
        [(None, "ورفض السكان العودة إلى منازلهم"), ("الجيش", "المنطقة ما زالت خطرة")],
        id="a-reason-after-the-outlet",
    ),
    pytest.param(
        "وأغلقت المدارس أبوابها لأن الوزارة أعلنت حالة الطوارئ.",
        [(None, "وأغلقت المدارس أبوابها لأن الوزارة أعلنت حالة الطوارئ")],
        id="a-reason-that-is-an-act-not-a-statement",
    ),
    pytest.param(
        "وأعلن الجيش أنه سيطر على البلدة، إلا أنه أقر بأن المعارك مستمرة.",
        [("الجيش", "سيطر على البلدة، إلا أنه أقر بأن المعارك مستمرة")],
        id="illa-annahu-names-no-new-speaker",
    ),
    pytest.param(
        "ووزارة الصحة أعلنت أن عدد المصابين ارتفع إلى 40 شخصاً.",
        [("وزارة الصحة", "عدد المصابين ارتفع إلى 40 شخصاً")],
        id="a-body-subject-with-its-wa",
    ),
    pytest.param(
        "ووزير الخارجية أحمد عطاف أكد أن الجزائر ترفض التدخل.",
        [("أحمد عطاف", "الجزائر ترفض التدخل")],
        id="a-title-subject-with-its-wa",
    ),
    pytest.param(
        "وقوات الأمن أعلنت أن المتظاهرين اعتدوا على الممتلكات.",
        [("قوات الأمن", "المتظاهرين اعتدوا على الممتلكات")],
        id="forces-subject-with-its-wa",
    ),
]
REVIEWED += CONTRASTS_AND_REASONS


def test_a_speaker_reported_in_a_reason_is_a_claim_inside_the_claim() -> None:
    """قال الوزير إن … لأن البنك أكد أن …: the bank's claim is part of the minister's (guidelines §6)."""
    text = "وقال الوزير إن الحكومة ستدفع الرواتب الشهر المقبل لأن البنك المركزي أكد أن الأموال متوفرة."
    proposal = _proposal(text)
    sources = {s.id: (s.mentions[0].text, s.kind) for s in proposal.sources}
    claims = {c.id: c for c in proposal.claims}
    found = [(sources[c.source], c.text, claims[c.parent].text if c.parent else None) for c in proposal.claims]
    outer = "الحكومة ستدفع الرواتب الشهر المقبل لأن البنك المركزي أكد أن الأموال متوفرة"
    assert found == [
        (("الوزير", "government"), outer, None),
        (("البنك المركزي", "government"), "الأموال متوفرة", outer),
    ]


def test_a_subject_read_without_its_wa_keeps_its_kind_and_span() -> None:
    """ووزارة الصحة أعلنت: the mention is وزارة الصحة (no و), a government body, not a person's name."""
    proposal = _proposal("ووزارة الصحة أعلنت أن عدد المصابين ارتفع إلى 40 شخصاً.")
    assert [(s.mentions[0].text, s.mentions[0].start, s.kind, s.naming) for s in proposal.sources] == [
        ("وزارة الصحة", 1, "government", "named")
    ]


#: A state speaks by its name or its capital's (guidelines §2.1: its government), when the verb agrees
#: with it; whom أبلغ tells may take several words before the content (1.21.0).
STATES_SPEAKING = [
    pytest.param(
        "وأبلغت إيران الوكالة الدولية للطاقة الذرية أنها ستسمح بدخول المفتشين.",
        [("إيران", "government", "ستسمح بدخول المفتشين")],
        id="a-state-tells-a-body-of-four-words",
    ),
    pytest.param(
        "وأبلغت الحكومة الوكالة الدولية للطاقة الذرية أنها ستسمح بدخول المفتشين.",
        [("الحكومة", "government", "ستسمح بدخول المفتشين")],
        id="a-government-tells-a-body-of-four-words",
    ),
    pytest.param(
        "وأعلنت دمشق أن الحدود ستفتح الأسبوع المقبل.",
        [("دمشق", "government", "الحدود ستفتح الأسبوع المقبل")],
        id="a-capital",
    ),
    pytest.param(
        "وأكدت الولايات المتحدة أن قواتها ستبقى في العراق.",
        [("الولايات المتحدة", "government", "قواتها ستبقى في العراق")],
        id="a-state-of-two-words",
    ),
    pytest.param(
        "وأعلن العراق أن الانتخابات ستجرى في موعدها.",
        [("العراق", "government", "الانتخابات ستجرى في موعدها")],
        id="a-state-with-a-masculine-verb",
    ),
    pytest.param(
        "قال الرئيس السنغالي إن بلاده ستحمي صياديها. وطالب من جهته موريتانيا بالإفراج عن القوارب المحتجزة.",
        [
            ("الرئيس السنغالي", "government", "بلاده ستحمي صياديها"),
            ("الرئيس السنغالي", "government", "الإفراج عن القوارب المحتجزة"),
        ],
        id="a-state-the-verb-does-not-agree-with-is-whom-it-calls-on",
    ),
    pytest.param(
        "وقالت مصادر في دمشق إن الحدود ستفتح.",
        [("مصادر في دمشق", "other", "الحدود ستفتح")],
        id="a-capital-inside-a-phrase-says-nothing-of-the-kind",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATES_SPEAKING)
def test_a_state_speaks_for_its_government(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: "According to" the figures a body published names the body (1.21.0); a trade without the article
#: takes what it deals in (تاجر خضار), which is no name.
FIGURES_AND_TRADES = [
    pytest.param(
        "ووفقاً لبيانات وزارة المالية، فإن العجز بلغ 3 مليارات دولار.",
        [("وزارة المالية", "العجز بلغ 3 مليارات دولار")],
        id="according-to-a-ministrys-data",
    ),
    pytest.param(
        "بلغت قيمة الصادرات 12 مليار دولار، وفقاً لبيانات البنك المركزي.",
        [("البنك المركزي", "بلغت قيمة الصادرات 12 مليار دولار")],
        id="according-to-data-after-the-claim",
    ),
    pytest.param(
        "وبحسب أرقام وزارة الصحة، ارتفع عدد الوفيات إلى 120.",
        [("وزارة الصحة", "ارتفع عدد الوفيات إلى 120")],
        id="according-to-a-ministrys-figures",
    ),
    pytest.param(
        "ووفق تقديرات الأمم المتحدة، نزح أكثر من مليون شخص.",
        [("الأمم المتحدة", "نزح أكثر من مليون شخص")],
        id="according-to-un-estimates",
    ),
    pytest.param(
        "وقال تاجر خضار إن الأسعار تضاعفت.",
        [("تاجر خضار", "الأسعار تضاعفت")],
        id="a-trade-and-what-it-deals-in",
    ),
    pytest.param(
        "وقال سائق سيارة أجرة في القاهرة إن ارتفاع أسعار البنزين قضى على أرباحه.",
        [("سائق سيارة أجرة في القاهرة", "ارتفاع أسعار البنزين قضى على أرباحه")],
        id="a-trade-of-two-words-and-where",
    ),
    pytest.param(
        "وقال تاجر الحبوب محمد عبدي إن سعر الذرة قفز.",
        [("محمد عبدي", "سعر الذرة قفز")],
        id="a-trade-with-the-article-then-a-name",
    ),
    pytest.param(
        "وقال مزارع يدعى أبو أحمد إن المحصول تلف.",
        [("أبو أحمد", "المحصول تلف")],
        id="a-trade-then-is-called",
    ),
]
REVIEWED += FIGURES_AND_TRADES


#: Found by an independent review of 1.21.0 before it shipped (384 sentences of its own against 1.20.0:
#: 179 better, 12 worse), fixed before release.
REVIEW_1_21 = [
    pytest.param(
        "وتراجعت الليرة اللبنانية، غير أن حاكم مصرف لبنان أكد أن الاحتياطي كاف.",
        [(None, "وتراجعت الليرة اللبنانية"), ("حاكم مصرف لبنان", "الاحتياطي كاف")],
        id="a-short-clause-before-a-contrast-is-the-outlets",
    ),
    pytest.param(
        "وتأجلت الجلسة لأن محامي الدفاع قال إن موكله مريض.",
        [(None, "وتأجلت الجلسة"), ("محامي الدفاع", "موكله مريض")],
        id="a-short-clause-before-a-reason-is-the-outlets",
    ),
    pytest.param(
        "وبحسب بيانات الربع الأول، ارتفع الناتج المحلي بنسبة 2 في المئة.",
        [("بيانات الربع الأول", "ارتفع الناتج المحلي بنسبة 2 في المئة")],
        id="figures-of-a-period-name-no-body",
    ),
    pytest.param(
        "وبحسب معطيات رسمية، بلغ العجز التجاري 8 مليارات دولار.",
        [("معطيات رسمية", "بلغ العجز التجاري 8 مليارات دولار")],
        id="figures-and-an-adjective-name-no-body",
    ),
    pytest.param(
        "ووفقاً لبيانات جمعتها رويترز، قتل 50 شخصاً على الأقل.",
        [("بيانات جمعتها رويترز", "قتل 50 شخصاً على الأقل")],
        id="figures-and-a-verb-name-no-body",
    ),
    pytest.param(
        "وقال تاجر أحمد السيد إن الأسواق راكدة.",
        [("أحمد السيد", "الأسواق راكدة")],
        id="a-trade-then-a-name-of-two-words",
    ),
    pytest.param(
        "وقالت ألمانيا إنها ستعلق صادرات الأسلحة إلى المنطقة.",
        [("ألمانيا", "ستعلق صادرات الأسلحة إلى المنطقة")],
        id="a-state-whose-name-opens-like-the-article",
    ),
    pytest.param(
        "وطالب الرئيس اللبناني سوريا بضبط الحدود المشتركة.",
        [("الرئيس اللبناني", "ضبط الحدود المشتركة")],
        id="a-state-after-a-title-is-whom-it-addresses",
    ),
    pytest.param(
        "وأبلغ وزير الخارجية الأميركي قطر أن واشنطن تدعم جهود الوساطة.",
        [("وزير الخارجية الأميركي", "واشنطن تدعم جهود الوساطة")],
        id="a-state-after-a-title-is-whom-it-tells",
    ),
    pytest.param(
        "وأبلغت مصر الجانب الإسرائيلي أن أي عملية في رفح تهدد معاهدة السلام.",
        [("مصر", "أي عملية في رفح تهدد معاهدة السلام")],
        id="nothing-follows-a-states-name",
    ),
    pytest.param(
        "وأكدت مصر وقطر في بيان مشترك أن المفاوضات ستستأنف في القاهرة.",
        [("مصر وقطر", "المفاوضات ستستأنف في القاهرة")],
        id="two-states-speak-together",
    ),
    pytest.param(
        "وقال القيادي بحركة النهضة رياض الشعيبي إن الحزب يرفض الانتخابات.",
        [("رياض الشعيبي", "الحزب يرفض الانتخابات")],
        id="riyad-is-a-name-al-riyadh-the-capital",
    ),
    pytest.param(
        "وأعلنت الحكومة المغربية أن السدود امتلأت بنسبة 40 في المئة، إلا أن خبير المياه عبد الرحيم الهندوف"
        ' قال: "الوضع ما زال مقلقاً".',
        [("الحكومة المغربية", "السدود امتلأت بنسبة 40 في المئة"), ("عبد الرحيم الهندوف", "الوضع ما زال مقلقاً")],
        id="a-contrast-whose-cue-opens-a-quotation",
    ),
    pytest.param(
        "وقال الناطق باسم الحكومة إن مطالب المحتجين مشروعة، إلا أن وزارة الداخلية أعلنت حالة التأهب القصوى في العاصمة.",
        [("الناطق باسم الحكومة", "مطالب المحتجين مشروعة"), ("وزارة الداخلية", "حالة التأهب القصوى في العاصمة")],
        id="a-contrast-and-a-plain-object",
    ),
    pytest.param(
        "وقالت بائعة ورد في الرباط إن المبيعات انتعشت قبل العيد.",
        [(None, "وقالت بائعة ورد في الرباط إن المبيعات انتعشت قبل العيد")],
        id="came-in-a-capital-is-no-according-to",
    ),
]
REVIEWED += REVIEW_1_21


#: A subject in the accusative after إنّ/أنّ (مصدراً، مسؤولاً) and whom a cue tells as a pronoun (لها، لهم).
ACCUSATIVE_SUBJECTS = [
    pytest.param(
        "وقال المسؤول إن الاتفاق قريب، إلا أن مصدراً دبلوماسياً أكد أن الخلافات ما زالت قائمة.",
        [("المسؤول", "الاتفاق قريب"), ("مصدراً دبلوماسياً", "الخلافات ما زالت قائمة")],
        id="an-accusative-subject-after-a-contrast",
    ),
    pytest.param(
        "وأعلنت الحكومة أن الأسعار ستنخفض، غير أن مسؤولاً في وزارة المالية قال إن العجز سيرتفع.",
        [("الحكومة", "الأسعار ستنخفض"), ("مسؤولاً في وزارة المالية", "العجز سيرتفع")],
        id="an-accusative-subject-and-its-affiliation",
    ),
    pytest.param(
        "وقالت الصحيفة إن مصدراً في الشرطة أوضح لها أن المتهمين اعتقلوا.",
        [("الصحيفة", "مصدراً في الشرطة أوضح لها أن المتهمين اعتقلوا"), ("مصدراً في الشرطة", "المتهمين اعتقلوا")],
        id="a-reported-accusative-subject-who-told-her",
    ),
    pytest.param(
        "وقال الوزير لهم إن المفاوضات ستستأنف.",
        [("الوزير", "المفاوضات ستستأنف")],
        id="whom-a-cue-tells-as-a-pronoun",
    ),
]
REVIEWED += ACCUSATIVE_SUBJECTS


def test_an_accusative_subject_keeps_its_kind() -> None:
    """مصدراً دبلوماسياً: the alif of the accusative hides neither the head nor the adjective's kind."""
    proposal = _proposal("وقال المسؤول إن الاتفاق قريب، إلا أن مصدراً دبلوماسياً أكد أن الخلافات ما زالت قائمة.")
    assert [(s.mentions[0].text, s.kind, s.naming) for s in proposal.sources][-1] == (
        "مصدراً دبلوماسياً",
        "diplomatic",
        "unnamed_described",
    )


#: Media named for the day (صحيفة المصري اليوم، قناة روسيا اليوم) and the crown prince (1.23.0): اليوم
#: is part of a paper's or a channel's name after its word, and the day elsewhere.
MEDIA_AND_RULERS = [
    pytest.param(
        "وذكرت صحيفة المصري اليوم أن الشركة ستفتتح فرعا جديدا.",
        [("صحيفة المصري اليوم", "الشركة ستفتتح فرعا جديدا")],
        id="a-paper-named-for-the-day",
    ),
    pytest.param(
        "ونقلت قناة روسيا اليوم عن مصدر عسكري قوله إن القوات تقدمت.",
        [("قناة روسيا اليوم", "عن مصدر عسكري قوله إن القوات تقدمت"), ("مصدر عسكري", "القوات تقدمت")],
        id="a-channel-named-for-the-day-relays-a-source",
    ),
    pytest.param(
        "وقال وزير الخارجية المصري اليوم إن المفاوضات مستمرة.",
        [("وزير الخارجية المصري", "المفاوضات مستمرة")],
        id="the-day-after-an-adjective",
    ),
    pytest.param(
        "وقالت روسيا اليوم إن المفاوضات مستمرة.",
        [("روسيا", "المفاوضات مستمرة")],
        id="the-day-after-a-state",
    ),
    pytest.param(
        "وأكد ولي العهد السعودي الأمير محمد بن سلمان أن المملكة تدعم الاستقرار في المنطقة.",
        [("محمد بن سلمان", "المملكة تدعم الاستقرار في المنطقة")],
        id="the-crown-prince",
    ),
    pytest.param(
        "وولي العهد السعودي الأمير محمد بن سلمان أكد أن المملكة ستواصل دعم الاستقرار في المنطقة.",
        [("محمد بن سلمان", "المملكة ستواصل دعم الاستقرار في المنطقة")],
        id="the-crown-prince-before-his-verb",
    ),
    pytest.param(
        "وقالت مصادر مقربة من ولي العهد إن الزيارة تأجلت.",
        [("مصادر مقربة من ولي العهد", "الزيارة تأجلت")],
        id="sources-close-to-the-crown-prince",
    ),
]
REVIEWED += MEDIA_AND_RULERS


def test_the_crown_prince_speaks_for_the_government_and_a_medium_named_for_the_day_is_media() -> None:
    """ولي العهد names a ruler (neither word does alone: ولي أمر is a pupil's parent)."""
    kinds = {
        "وأكد ولي العهد أن المملكة ستواصل دعمها للمشروع.": ("ولي العهد", "government"),
        "وأفاد موقع فلسطين اليوم بأن القوات اقتحمت المخيم.": ("موقع فلسطين اليوم", "media"),
    }
    for text, expected in kinds.items():
        assert [(s.mentions[0].text, s.kind) for s in _proposal(text).sources] == [expected], text


#: The opposition and bodies several at once speak (1.23.0): after a contrast or a reason their
#: verb opens a new attribution, as a minister's does.
COLLECTIVE_SPEAKERS = [
    pytest.param(
        "وقال الوزير إن الحكومة ستدفع الرواتب، إلا أن المعارضة قالت إن الوعود لم تنفذ.",
        [("الوزير", "الحكومة ستدفع الرواتب"), ("المعارضة", "الوعود لم تنفذ")],
        id="the-opposition-after-a-contrast",
    ),
    pytest.param(
        "وقال المحلل إن الاتفاق صامد، لكن المعارضة حذرت من أن الهدنة قد تنهار.",
        [("المحلل", "الاتفاق صامد"), ("المعارضة", "الهدنة قد تنهار")],
        id="the-opposition-after-but",
    ),
    pytest.param(
        "وقالت المفوضية الأوروبية إنها ستقدم 50 مليون يورو للاجئين، غير أن منظمات إغاثة اعتبرت أن المبلغ لا يكفي.",
        [("المفوضية الأوروبية", "ستقدم 50 مليون يورو للاجئين"), ("منظمات إغاثة", "المبلغ لا يكفي")],
        id="aid-organizations-after-a-contrast",
    ),
    pytest.param(
        "ولم تفتح المحال التجارية أبوابها في نابلس لأن الفصائل أعلنت أن الإضراب شامل.",
        [(None, "ولم تفتح المحال التجارية أبوابها في نابلس"), ("الفصائل", "الإضراب شامل")],
        id="the-factions-after-a-reason",
    ),
    pytest.param(
        "أما المعارضة فاعتبرت أن القرار غير دستوري.",
        [("المعارضة", "القرار غير دستوري")],
        id="the-opposition-as-a-topic",
    ),
    pytest.param(
        "وانتقدت المعارضة الحكومة لأنها أعلنت زيادة الضرائب دون استشارة البرلمان.",
        [("المعارضة", "الحكومة لأنها أعلنت زيادة الضرائب دون استشارة البرلمان")],
        id="the-opposition-criticizes-whom-it-names",
    ),
    pytest.param(
        "وأكد من جانبهم ممثلو النقابات أن الإضراب سيستمر حتى تلبية مطالبهم.",
        [("ممثلو النقابات", "الإضراب سيستمر حتى تلبية مطالبهم")],
        id="unions-inside-a-speakers-phrase",
    ),
]
REVIEWED += COLLECTIVE_SPEAKERS


def test_bodies_several_at_once_are_described_and_the_opposition_is_an_organization() -> None:
    """منظمات حقوقية names no organization (unnamed, described); the opposition is one, by its name."""
    proposal = _proposal("وقالت منظمات حقوقية إن المعتقلين تعرضوا للتعذيب، إلا أن المعارضة قالت إن العدد أكبر.")
    assert [(s.mentions[0].text, s.kind, s.naming) for s in proposal.sources] == [
        ("منظمات حقوقية", "organization", "unnamed_described"),
        ("المعارضة", "organization", "named"),
    ]


#: After a reason (لأن), the subject of a verb that tells speaks, whom it tells does not (1.23.0):
#: the complementizer comes after the addressee (لأن الوزير أبلغ الرئيس بأن …).
TOLD_AFTER_A_REASON = [
    pytest.param(
        "وأوضح المسؤول أن الاجتماع تأجل لأن الوزير أبلغ الرئيس بأن الظروف غير مناسبة.",
        [
            ("المسؤول", "الاجتماع تأجل لأن الوزير أبلغ الرئيس بأن الظروف غير مناسبة"),
            ("الوزير", "الظروف غير مناسبة"),
        ],
        id="the-minister-told-the-president",
    ),
    pytest.param(
        "وقال المتحدث باسم البلدية إن العمل في المشروع توقف لأن وزارة المالية أبلغت البلدية أن الاعتمادات نفدت.",
        [
            ("المتحدث باسم البلدية", "العمل في المشروع توقف لأن وزارة المالية أبلغت البلدية أن الاعتمادات نفدت"),
            ("وزارة المالية", "الاعتمادات نفدت"),
        ],
        id="a-ministry-told-a-municipality",
    ),
]
REVIEWED += TOLD_AFTER_A_REASON


#: Workers and employees speak (1.23.0): a worker as the phrase's head is a witness (an adjective
#: after another word is not: المنظمات العاملة), an employee takes the kind of where they work.
WORKERS_AND_EMPLOYEES = [
    pytest.param(
        "وقالت عاملة في المصنع إن الأجور لم تصرف منذ شهرين.",
        [("عاملة في المصنع", "witness", "الأجور لم تصرف منذ شهرين")],
        id="a-worker",
    ),
    pytest.param(
        "وقال العامل سعيد بن علي إن الأجور لم تصرف.",
        [("سعيد بن علي", "witness", "الأجور لم تصرف")],
        id="a-worker-by-name",
    ),
    pytest.param(
        "وقال عامل في شركة النفط إن الإنتاج توقف.",
        [("عامل في شركة النفط", "witness", "الإنتاج توقف")],
        id="a-worker-not-the-company",
    ),
    pytest.param(
        "وقال موظف في الوزارة إن الرواتب تأخرت.",
        [("موظف في الوزارة", "government", "الرواتب تأخرت")],
        id="an-employee-of-a-ministry",
    ),
    pytest.param(
        "وقالت المنظمات العاملة في المجال الإنساني إن المساعدات لا تكفي.",
        [("المنظمات العاملة في المجال الإنساني", "organization", "المساعدات لا تكفي")],
        id="working-as-an-adjective",
    ),
    pytest.param(
        "وقالت القوات الدولية العاملة في جنوب لبنان إن دورياتها تعرضت لإطلاق نار.",
        [("القوات الدولية العاملة", "military", "دورياتها تعرضت لإطلاق نار")],
        id="working-forces",
    ),
]


@pytest.mark.parametrize(("text", "expected"), WORKERS_AND_EMPLOYEES)
def test_workers_and_employees_speak(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: A verb that tells may carry whom it tells as a pronoun (1.23.0): the word is the cue (أبلغه), the
#: speaker follows it or stands before it; with no speaker named ("he told him") no one is guessed.
TOLD_AS_A_PRONOUN = [
    pytest.param(
        "وأبلغه الوزير بأن الاجتماع تأجل.",
        [("الوزير", "الاجتماع تأجل")],
        id="the-minister-told-him",
    ),
    pytest.param(
        "وأبلغنا مصدر في الوزارة أن الاتفاق قريب.",
        [("مصدر في الوزارة", "الاتفاق قريب")],
        id="a-source-told-us-its-affiliation-kept",
    ),
    pytest.param(
        "وأبلغتهم الوزارة بأن الرواتب ستصرف الأسبوع المقبل.",
        [("الوزارة", "الرواتب ستصرف الأسبوع المقبل")],
        id="the-ministry-told-them",
    ),
    pytest.param(
        "وأشار المسؤول إلى أن الوفد لم يسافر إلى جنيف لأن الأمم المتحدة أبلغته أن الاجتماع تأجل.",
        [
            ("المسؤول", "الوفد لم يسافر إلى جنيف لأن الأمم المتحدة أبلغته أن الاجتماع تأجل"),
            ("الأمم المتحدة", "الاجتماع تأجل"),
        ],
        id="after-a-reason-a-body-told-it",
    ),
]
REVIEWED += TOLD_AS_A_PRONOUN


def test_whom_a_verb_tells_as_a_pronoun_stays_in_the_cue_and_no_speaker_is_guessed() -> None:
    """The cue is the whole word (the table knows أبلغ with its object: C011 stays quiet); وأبلغوه أن …
    names no speaker, and the last one is not taken for "they"."""
    proposal = _proposal("وأبلغه الوزير بأن الاجتماع تأجل.")
    assert [q.text for q in proposal.cues] == ["أبلغه"]
    lone = _proposal("وقال الوزير إن الوفد وصل. وأبلغوه أن الاجتماع تأجل.")
    assert [(c.source is not None, c.text) for c in lone.claims] == [
        (True, "الوفد وصل"),
        (False, "وأبلغوه أن الاجتماع تأجل"),
    ]


#: After a name, ب + a word with more after it is the object of a verb that takes ب (1.23.0): the
#: name had taken بتشكيل, and the object was looked for further on, in برلمانية (held-out round 9).
OBJECT_AFTER_A_NAME = [
    pytest.param(
        "وطالب النائب رامي سلوم بتشكيل لجنة تحقيق برلمانية في عقود شراء الفيول.",
        [("رامي سلوم", "تشكيل لجنة تحقيق برلمانية في عقود شراء الفيول")],
        id="a-demand-after-a-name",
    ),
    pytest.param(
        "وطالب الوزير محمد بوسعيد بتشكيل لجنة تحقيق.",
        [("محمد بوسعيد", "تشكيل لجنة تحقيق")],
        id="a-name-that-opens-with-bu",
    ),
    pytest.param(
        "وطالب النائب رامي سلوم بدران إن الوضع خطير.",
        [("رامي سلوم بدران", "الوضع خطير")],
        id="a-name-that-opens-with-b",
    ),
]
REVIEWED += OBJECT_AFTER_A_NAME


#: What held-out round 9 missed, generalized (1.23.0): a name after a title and its field (في شؤون،
#: في مجال), a name after a city (لمدينة بيروت), whom a feminine body announced when it is a masculine
#: noun (النقابة الإضراب), authorities (السلطة، السلطات), traders, and how many speak (ثلاثة مصادر).
ROUND9 = [
    pytest.param(
        "ويرى الخبير في شؤون الطاقة كريم عازار أن الأزمة عميقة.",
        [("كريم عازار", "analyst", "الأزمة عميقة")],
        id="a-name-after-a-field",
    ),
    pytest.param(
        "وقال رئيس المجلس البلدي لمدينة بيروت نديم عيتاني، في مؤتمر صحفي، إن البلدية سددت ما عليها.",
        [("نديم عيتاني", "government", "البلدية سددت ما عليها")],
        id="a-name-after-a-city",
    ),
    pytest.param(
        "وأعلنت النقابة الإضراب التحذيري يومي الاثنين والثلاثاء المقبلين.",
        [("النقابة", "organization", "الإضراب التحذيري يومي الاثنين والثلاثاء المقبلين")],
        id="a-masculine-noun-after-a-feminine-body",
    ),
    pytest.param(
        "وأعلنت المحكمة العليا أن الحكم نهائي.",
        [("المحكمة العليا", "government", "الحكم نهائي")],
        id="a-feminine-adjective-stays",
    ),
    pytest.param(
        "وأكدت السلطة الفلسطينية أن المفاوضات متوقفة.",
        [("السلطة الفلسطينية", "government", "المفاوضات متوقفة")],
        id="an-authority",
    ),
    pytest.param(
        "وقال المتداول بدر العازمي إن المستثمرين بدأوا يسحبون سيولتهم.",
        [("بدر العازمي", "witness", "المستثمرين بدأوا يسحبون سيولتهم")],
        id="a-trader",
    ),
    pytest.param(
        "وقالت الجهات المتداولة للأسهم إن البيع مؤقت.",
        [("الجهات المتداولة للأسهم", "other", "البيع مؤقت")],
        id="trading-as-an-adjective",
    ),
    pytest.param(
        "وقالت ثلاثة مصادر مطلعة إن المؤسسة خفضت سعر البيع.",
        [("ثلاثة مصادر مطلعة", "other", "المؤسسة خفضت سعر البيع")],
        id="how-many-sources",
    ),
    pytest.param(
        "وقال عدة مسؤولين إن الاتفاق قريب.",
        [("عدة مسؤولين", "government", "الاتفاق قريب")],
        id="several-officials",
    ),
]


def test_how_many_opens_a_phrase_and_leaves_its_naming_to_the_head() -> None:
    """ثلاثة مصادر مطلعة is as anonymous as مصادر مطلعة; a number after a phrase is not more of it."""
    namings = [s.naming for s in _proposal("وقالت ثلاثة مصادر مطلعة إن المؤسسة خفضت سعر البيع.").sources]
    assert namings == ["anonymous"]
    after = _proposal("وأغلقت المحلات أبوابها لأن البلدية أعلنت الحداد ثلاثة أيام.")
    assert "ثلاثة" not in [s.mentions[0].text.split()[-1] for s in after.sources]


@pytest.mark.parametrize(("text", "expected"), ROUND9)
def test_what_round_9_missed(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: Long names of bodies (1.24.0): two nouns joined by و share what follows (لإغاثة وتشغيل اللاجئين، عمال
#: ومستخدمي مؤسسة), a chain of bodies' words without the article takes its name (جمعية تجار بيروت), an
#: aside in brackets may stand between the speaker and a plain object (كوغات), a broadcaster is media.
LONG_NAMES_OF_BODIES = [
    pytest.param(
        "وأعلنت وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين (الأونروا) أنها أعادت فتح 12 مركزاً صحياً.",
        [
            (
                "وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين",
                "intergovernmental",
                "أعادت فتح 12 مركزاً صحياً",
            )
        ],
        id="two-nouns-after-lam-share-the-refugees",
    ),
    pytest.param(
        "وحذرت نقابة عمال ومستخدمي مؤسسة كهرباء لبنان من أن الإضراب سيستمر.",
        [("نقابة عمال ومستخدمي مؤسسة كهرباء لبنان", "organization", "الإضراب سيستمر")],
        id="workers-and-employees-of-a-company",
    ),
    pytest.param(
        "وقالت جمعية تجار بيروت إن الأسواق متوقفة.",
        [("جمعية تجار بيروت", "organization", "الأسواق متوقفة")],
        id="a-title-inside-a-bodys-name",
    ),
    pytest.param(
        "ونفى مكتب تنسيق أعمال الحكومة في المناطق (كوغات) وجود أي قيود على إدخال المعدات.",
        [("مكتب تنسيق أعمال الحكومة", "government", "وجود أي قيود على إدخال المعدات")],
        id="an-aside-after-the-adjunct-before-the-object",
    ),
    pytest.param(
        "ونفت الأونروا (وكالة الغوث) وجود نقص في الأدوية.",
        [("الأونروا", "intergovernmental", "وجود نقص في الأدوية")],
        id="an-aside-after-the-speaker-before-the-object",
    ),
    pytest.param(
        "وقالت هيئة البث الإسرائيلية إن الحكومة وافقت.",
        [("هيئة البث الإسرائيلية", "media", "الحكومة وافقت")],
        id="a-broadcaster",
    ),
    pytest.param(
        "وقالت جمعية المصارف وأكدت أن الودائع مضمونة.",
        [],
        id="a-verb-after-wa-is-no-second-noun",
    ),
    pytest.param(
        "وقالت نقابة المعلمين ونقابة الأطباء إن الإضراب مستمر.",
        [("نقابة المعلمين ونقابة الأطباء", "organization", "الإضراب مستمر")],
        id="two-unions-speak-together",
    ),
    pytest.param(
        "وأعلنت وزارة الشؤون الإنسانية وإدارة الكوارث، في بيان، تخصيص 5 ملايين دولار لشراء المياه.",
        [("وزارة الشؤون الإنسانية وإدارة الكوارث", "government", "تخصيص 5 ملايين دولار لشراء المياه")],
        id="a-ministry-of-two-things",
    ),
    pytest.param(
        "وقالت الحكومة والمعارضة إن الاتفاق قريب.",
        [("الحكومة والمعارضة", "organization", "الاتفاق قريب")],
        id="two-definite-bodies-joined-by-wa",
    ),
    pytest.param(
        "وحذرت المنظمة الحكومة من عواقب القرار.",
        [("المنظمة", "organization", "عواقب القرار")],
        id="without-wa-the-second-body-is-whom-it-warned",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LONG_NAMES_OF_BODIES)
def test_long_names_of_bodies(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: A title alone with the article, later (1.24.0), stands for the speaker it introduced: the latest
#: one (two foreign ministers, then الوزير: the second); الرئيس after رئيس الوزراء is someone else;
#: a spokesperson "in its name" (باسمها) is named after it, the pronoun no part of the name.
TITLE_LATER = [
    pytest.param(
        "وقال وزير الطاقة وليد فياض إن الخطة جاهزة. وأضاف الوزير أن التمويل متوفر.",
        [["وليد فياض", "الوزير"]],
        id="the-minister-later",
    ),
    pytest.param(
        "وقال وزير الخارجية أيمن الصفدي إن الأردن يرفض. وقال وزير الخارجية المصري بدر عبد العاطي إن مصر ترفض."
        " وأضاف الوزير أن الموقف ثابت.",
        [["أيمن الصفدي"], ["بدر عبد العاطي", "الوزير"]],
        id="the-latest-minister",
    ),
    pytest.param(
        "وقال رئيس الوزراء نواف سلام إن الحكومة مستمرة. وأضاف الرئيس أن الجيش جاهز.",
        [["نواف سلام"], ["الرئيس"]],
        id="the-president-is-not-the-prime-minister",
    ),
    pytest.param(
        "وقال الرئيس جوزيف عون إن الانتخابات في موعدها. وأضاف الرئيس أن الجيش جاهز.",
        [["جوزيف عون", "الرئيس"]],
        id="the-president-later",
    ),
    pytest.param(
        "وأعلنت الوكالة أنها فتحت المراكز، غير أن المتحدثة باسمها لينا الشريف حذرت من أن المخزون قد ينفد.",
        [["الوكالة"], ["لينا الشريف"]],
        id="a-spokeswoman-in-its-name",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_LATER)
def test_a_title_later_stands_for_whom_it_introduced(text: str, expected: list[list[str]]) -> None:
    assert [[m.text for m in s.mentions] for s in _proposal(text).sources] == expected


#: A spokesperson "in its name" (المتحدثة باسمها، الناطق باسمه, 1.24.0) speaks for the latest speaker
#: of the pronoun's gender named before, and takes its kind when the phrase's own words say none.
SPOKESPERSON_IN_ITS_NAME = [
    pytest.param(
        "وأعلنت الأونروا أنها فتحت المراكز، غير أن المتحدثة باسمها لينا الشريف حذرت من أن المخزون قد ينفد.",
        [
            ("الأونروا", "intergovernmental", "فتحت المراكز"),
            ("لينا الشريف", "intergovernmental", "المخزون قد ينفد"),
        ],
        id="the-agencys-spokeswoman",
    ),
    pytest.param(
        "وأعلن الجيش أنه قصف مواقع في الجنوب. وقال الناطق باسمه أفيخاي أدرعي إن العملية مستمرة.",
        [("الجيش", "military", "قصف مواقع في الجنوب"), ("أفيخاي أدرعي", "military", "العملية مستمرة")],
        id="the-armys-spokesman",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPOKESPERSON_IN_ITS_NAME)
def test_a_spokesperson_in_its_name_speaks_for_whom_it_names(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: Nouns that open what a speaker criticized or confirmed (1.24.0: أداء، سياسة، قرار، استمرار …) end a
#: name read after a title: انتقد الوزير أداء الحكومة named the minister "أداء".
OBJECTS_AFTER_A_TITLE = [
    pytest.param(
        "وانتقد الوزير أداء الحكومة، معتبراً أن الخطة فاشلة.",
        [("الوزير", "government", "أداء الحكومة"), ("الوزير", "government", "الخطة فاشلة")],
        id="criticized-the-performance",
    ),
    pytest.param(
        "وانتقد النائب أحمد سالم سياسة الحكومة الاقتصادية.",
        [("أحمد سالم", "government", "سياسة الحكومة الاقتصادية")],
        id="a-name-then-the-policy",
    ),
    pytest.param(
        "وأكد الوزير استمرار الدعم للمزارعين.",
        [("الوزير", "government", "استمرار الدعم للمزارعين")],
        id="confirmed-the-continuation",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OBJECTS_AFTER_A_TITLE)
def test_an_object_after_a_title_is_no_name(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: A participle whose sentence named no speaker before it (1.24.0) belongs to the subject of the verb
#: the sentence opens with, after a place or time before a comma too (وفي البرلمان، شنّ النائب …
#: هجوماً …، معتبراً أن …), when that subject is titled or described and agrees with it; what the
#: main clause says stays the outlet's. It went to the last speaker before, of another sentence.
PARTICIPLE_AFTER_A_MAIN_CLAUSE = [
    pytest.param(
        "ووجه الوزير انتقادات حادة للحكومة، مؤكداً أن الخطة فاشلة.",
        [(None, "ووجه الوزير انتقادات حادة للحكومة"), ("الوزير", "الخطة فاشلة")],
        id="criticism-then-a-participle",
    ),
    pytest.param(
        "وفي البرلمان، شنّ النائب عن بيروت فؤاد شهاب هجوماً على الحكومة، معتبراً أن «العاصمة تدفع ثمن غياب خطة».",
        [
            (None, "وفي البرلمان، شنّ النائب عن بيروت فؤاد شهاب هجوماً على الحكومة"),
            ("فؤاد شهاب", "العاصمة تدفع ثمن غياب خطة"),
        ],
        id="after-a-place-and-its-comma",
    ),
    pytest.param(
        "وقالت الوزارة إن الوضع مستقر. ووصل الوزير إلى المدينة، مؤكداً أن الإمدادات كافية.",
        [("الوزارة", "الوضع مستقر"), (None, "ووصل الوزير إلى المدينة"), ("الوزير", "الإمدادات كافية")],
        id="not-the-last-speaker-of-another-sentence",
    ),
    pytest.param(
        "ووجه الوزير انتقادات حادة للحكومة، مؤكدةً أن الخطة فاشلة.",
        [(None, "ووجه الوزير انتقادات حادة للحكومة، مؤكدةً أن الخطة فاشلة")],
        id="a-feminine-participle-is-not-the-ministers",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARTICIPLE_AFTER_A_MAIN_CLAUSE)
def test_a_participle_belongs_to_the_subject_of_the_main_clause(
    text: str, expected: list[tuple[str | None, str]]
) -> None:
    proposal = _proposal(text)
    sources = {s.id: s.mentions[0].text for s in proposal.sources}
    assert [(sources.get(c.source) if c.source else None, c.text) for c in proposal.claims] == expected


#: A member of parliament sits for a place, a party or a bloc (1.24.0: النائب عن بيروت، النائبة عن
#: محافظة البصرة), then is named; عن stays the object's when the verb takes it (تحدث النائب عن الأزمة).
#: A name ends before an accusative written out (فؤاد شهاب هجوماً: the object).
MEMBERS_OF_PARLIAMENT = [
    pytest.param(
        "وقال النائب عن بيروت فؤاد شهاب إن الحكومة فشلت.",
        [("فؤاد شهاب", "government", "الحكومة فشلت")],
        id="the-member-for-beirut",
    ),
    pytest.param(
        "وقالت النائبة عن محافظة البصرة زينب علي إن المياه ملوثة.",
        [("زينب علي", "government", "المياه ملوثة")],
        id="the-member-for-basra",
    ),
    pytest.param(
        "وتحدث النائب عن الأزمة الاقتصادية.",
        [("النائب", "government", "الأزمة الاقتصادية")],
        id="what-he-spoke-about",
    ),
    pytest.param(
        "وتحدث النائب عن بيروت فؤاد شهاب عن الأزمة الاقتصادية.",
        [("فؤاد شهاب", "government", "الأزمة الاقتصادية")],
        id="his-seat-then-what-he-spoke-about",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEMBERS_OF_PARLIAMENT)
def test_a_member_of_parliament_sits_for_a_place(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


#: Kinds held-out round 10 missed (1.24.0): an honorific after an office's title says nothing of the
#: kind (المتحدث الرسمي لوزارة الصحة الدكتور …: the ministry's), alone it is an analyst's; pilgrims are
#: witnesses; a directorate of civil defence and a meteorological centre are the state's (the Syrian
#: civil defence, an NGO, is not); a press office is whose office it is; a presidential council and
#: governmental sources (حكوميين) are government.
KINDS_OF_ROUND10 = [
    pytest.param(
        "وقال المتحدث الرسمي لوزارة الصحة الدكتور فهد العتيبي إن الوضع مستقر.",
        [("فهد العتيبي", "government", "الوضع مستقر")],
        id="a-doctor-speaking-for-a-ministry",
    ),
    pytest.param(
        "وقال الدكتور فهد العتيبي إن الوضع مستقر.",
        [("فهد العتيبي", "analyst", "الوضع مستقر")],
        id="a-doctor-alone",
    ),
    pytest.param(
        "وتقول الحاجة المصرية سعاد عبد الحميد إن الحافلات تأخرت.",
        [("سعاد عبد الحميد", "witness", "الحافلات تأخرت")],
        id="a-pilgrim",
    ),
    pytest.param(
        "وقال المتحدث باسم المديرية العامة للدفاع المدني العقيد سامي القرني إن الفرق نفذت 96 عملية.",
        [("سامي القرني", "government", "الفرق نفذت 96 عملية")],
        id="the-directorate-of-civil-defence",
    ),
    pytest.param(
        "وقال الدفاع المدني السوري إن الغارات أوقعت قتلى.",
        [("الدفاع المدني السوري", "organization", "الغارات أوقعت قتلى")],
        id="the-syrian-civil-defence",
    ),
    pytest.param(
        "وتوقع المركز الوطني للأرصاد أن ترتفع درجات الحرارة.",
        [("المركز الوطني للأرصاد", "government", "ترتفع درجات الحرارة")],
        id="a-meteorological-centre",
    ),
    pytest.param(
        "ونفى المكتب الإعلامي للمحافظ أن يكون قد غادر البلاد.",
        [("المكتب الإعلامي للمحافظ", "government", "يكون قد غادر البلاد")],
        id="a-governors-press-office",
    ),
    pytest.param(
        "وقال المكتب الإعلامي لحركة حماس إن المفاوضات متوقفة.",
        [("المكتب الإعلامي لحركة حماس", "organization", "المفاوضات متوقفة")],
        id="a-movements-press-office",
    ),
    pytest.param(
        "وقالت المتحدثة باسم المجلس الرئاسي نجوى الفيتوري إن القرار نهائي.",
        [("نجوى الفيتوري", "government", "القرار نهائي")],
        id="a-presidential-council",
    ),
    pytest.param(
        "وقالت مصادر حكوميون إن الاتفاق قريب.",
        [("مصادر حكوميون", "government", "الاتفاق قريب")],
        id="governmental-sources",
    ),
]


@pytest.mark.parametrize(("text", "expected"), KINDS_OF_ROUND10)
def test_kinds_round_10_missed(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _kinds_and_claims(_proposal(text)) == expected


def test_an_occasion_between_commas_leaves_the_verb_its_preposition() -> None:
    """دعا needs إلى: a long body's name and an occasion between commas before whom it calls on put
    إلى 15 words after the verb (held-out round 10), which is still the verb's."""
    text = (
        "ودعت بعثة الأمم المتحدة للدعم في ليبيا، في بيان صدر مساء الاثنين، جميع الأطراف إلى"
        " «الامتناع عن أي خطوات أحادية»."
    )
    assert _kinds_and_claims(_proposal(text)) == [
        ("بعثة الأمم المتحدة للدعم في ليبيا", "intergovernmental", "الامتناع عن أي خطوات أحادية")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ومن المنتظر أن يستمر الموسم حتى يوليو، على أن تعلن الوزارة حصيلته النهائية بعد ذلك.",
        "ومن المقرر أن يعلن الوزير الخطة غداً.",
    ],
)
def test_an_announcement_to_come_is_no_cue(text: str) -> None:
    """على أن تعلن الوزارة …، من المقرر أن يعلن …: a plan, not a report (held-out round 10, whose
    proposed تعلن was the only cue of any held-out article that is no gold cue)."""
    assert _proposal(text).cues == []
