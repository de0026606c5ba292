"""The closed label sets of claimkit, each value with a one-line definition.

Everything else is derived from here: the JSON Schema enums, the Label Studio labels and choices,
the ``ClassLabel`` names of a release and the tables in the guidelines. Values are never renamed or
reused: a removed value is a breaking schema change (a major version).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "GUIDELINES_VERSION",
    "LABEL_SETS",
    "OFFICIAL_SOURCE_KINDS",
    "AdjudicationMethod",
    "Certainty",
    "ClaimCategory",
    "ContentType",
    "FurnitureKind",
    "Polarity",
    "QuoteType",
    "SourceKind",
    "SourceNaming",
    "Term",
    "describe",
]

#: The version of docs/guidelines.md; recorded in every annotation.
GUIDELINES_VERSION = "1.1.0"


@dataclass(frozen=True)
class Term:
    """How one label is shown to people: English title, Arabic title, one-line definition.

    Span labels (claim categories) may also declare their Label Studio hotkey and colour; when they do
    not, the labeling config derives them from the label's position, so a new category is one edit here.
    """

    title: str
    title_ar: str
    definition: str
    hotkey: str | None = None
    colour: str | None = None


class ClaimCategory(StrEnum):
    OFFICIAL_STATEMENT = "official_statement"
    ANALYST_OPINION = "analyst_opinion"
    REPORTED_FACT = "reported_fact"


class SourceKind(StrEnum):
    GOVERNMENT = "government"
    MILITARY = "military"
    DIPLOMATIC = "diplomatic"
    INTERGOVERNMENTAL = "intergovernmental"
    OFFICIAL_DOCUMENT = "official_document"
    ANALYST = "analyst"
    JOURNALIST = "journalist"
    MEDIA = "media"
    ORGANIZATION = "organization"
    WITNESS = "witness"
    OTHER = "other"


class SourceNaming(StrEnum):
    NAMED = "named"
    UNNAMED_DESCRIBED = "unnamed_described"
    ANONYMOUS = "anonymous"


class QuoteType(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    NONE = "none"


class Certainty(StrEnum):
    CERTAIN = "certain"
    PROBABLE = "probable"
    POSSIBLE = "possible"
    UNKNOWN = "unknown"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class ContentType(StrEnum):
    FACTUAL_ASSERTION = "factual_assertion"
    EVALUATION = "evaluation"
    PREDICTION = "prediction"
    RECOMMENDATION = "recommendation"
    DENIAL = "denial"
    NON_COMMENT = "non_comment"


class FurnitureKind(StrEnum):
    DATELINE = "dateline"
    HEADLINE = "headline"
    BOILERPLATE = "boilerplate"


class AdjudicationMethod(StrEnum):
    SINGLE_ANNOTATOR = "single_annotator"
    UNANIMOUS = "unanimous"
    REVIEWER = "reviewer"
    EXPERT = "expert"


#: Source kinds that can make an official statement (guideline rule 1).
OFFICIAL_SOURCE_KINDS = frozenset(
    {
        SourceKind.GOVERNMENT,
        SourceKind.MILITARY,
        SourceKind.DIPLOMATIC,
        SourceKind.INTERGOVERNMENTAL,
        SourceKind.OFFICIAL_DOCUMENT,
    }
)

_TERMS: dict[StrEnum, Term] = {
    ClaimCategory.OFFICIAL_STATEMENT: Term(
        "Official statement",
        "تصريح رسمي",
        "Attributed to an official actor speaking in an official capacity (a state body, office holder or "
        "spokesperson, governments in exile or de facto included; armed forces, diplomats, an official "
        "document), whatever the content.",
        hotkey="1",
        colour="#1f77b4",
    ),
    ClaimCategory.ANALYST_OPINION: Term(
        "Analyst opinion",
        "رأي محلل",
        "An opinion: attributed to an analyst, expert, commentator or journalist giving a view, or an "
        "evaluation, recommendation or forecast by any other non-official speaker or by the outlet itself.",
        hotkey="2",
        colour="#ff7f0e",
    ),
    ClaimCategory.REPORTED_FACT: Term(
        "Reported fact",
        "خبر يرويه الموقع",
        "Information: the outlet's own account of events, or facts, denials, plans and schedules a "
        "non-official speaker gives, including unconfirmed reports and the fact that a party did not comment.",
        hotkey="3",
        colour="#2ca02c",
    ),
    SourceKind.GOVERNMENT: Term(
        "Government",
        "جهة حكومية",
        "A state body or office holder: government, ministry, presidency, parliament, court, local authority, "
        "state religious body (Al-Azhar, a state mufti); governments in exile or de facto too.",
    ),
    SourceKind.MILITARY: Term(
        "Military",
        "جهة عسكرية",
        "Armed forces of a state or of a government (in exile or de facto too), a defence body, or an officer "
        "speaking in that role.",
    ),
    SourceKind.DIPLOMATIC: Term(
        "Diplomatic", "جهة دبلوماسية", "An embassy, ambassador, envoy or foreign ministry speaking abroad."
    ),
    SourceKind.INTERGOVERNMENTAL: Term(
        "Intergovernmental",
        "منظمة دولية حكومية",
        "The UN and its agencies, the EU, the Arab League or a similar body of states, or an official of one.",
    ),
    SourceKind.OFFICIAL_DOCUMENT: Term(
        "Official document",
        "وثيقة رسمية",
        "A decree, official statement, report or law issued by an official body.",
    ),
    SourceKind.ANALYST: Term(
        "Analyst",
        "محلل أو خبير",
        "An analyst, expert, academic or commentator (a former official or an independent cleric who comments).",
    ),
    SourceKind.JOURNALIST: Term(
        "Journalist", "صحفي", "A journalist or writer giving a view in a personal capacity (a columnist)."
    ),
    SourceKind.MEDIA: Term(
        "Media",
        "وسيلة إعلام",
        "Another outlet, a news agency (a state agency too) or a reporting correspondent cited as the origin of "
        "information, or circulating reports.",
    ),
    SourceKind.ORGANIZATION: Term(
        "Organization",
        "منظمة",
        "A non-state body: party, opposition council or coalition, NGO, armed group, company (state-owned too), "
        "union, non-state religious body.",
    ),
    SourceKind.WITNESS: Term(
        "Witness", "شاهد أو مواطن", "An eyewitness, resident, displaced person, relative or other private person."
    ),
    SourceKind.OTHER: Term(
        "Other", "أخرى", "Any other source, e.g. sources close to a body or unplaced sources (مصادر); comment."
    ),
    SourceNaming.NAMED: Term("Named", "مسمّى", "Identified by name (حسام نجار, وزارة الدفاع)."),
    SourceNaming.UNNAMED_DESCRIBED: Term(
        "Unnamed, described",
        "غير مسمّى موصوف",
        "Not named, but the text says where it speaks from (مصدر في الوزارة); write that in role or affiliation.",
    ),
    SourceNaming.ANONYMOUS: Term(
        "Anonymous", "مجهول", "Neither who nor where from (مصادر، أنباء متداولة); kind media or other."
    ),
    QuoteType.DIRECT: Term(
        "Direct", "مباشر", "The claim is inside quotation marks; the span leaves the enclosing marks out."
    ),
    QuoteType.INDIRECT: Term(
        "Indirect", "غير مباشر", "Reported speech, usually after أن or إن, or a claim only partly quoted."
    ),
    QuoteType.NONE: Term("None", "بلا اقتباس", "Not speech at all: the outlet's own voice."),
    Certainty.CERTAIN: Term("Certain", "مؤكد", "Presented as fact, without hedging."),
    Certainty.PROBABLE: Term(
        "Probable", "مرجح", "Presented as likely (يرجح، على الأرجح، من المتوقع، يُنتظر، يوشك، توقّع)."
    ),
    Certainty.POSSIBLE: Term(
        "Possible", "محتمل", "Presented as possible or unconfirmed (قد يـ، من الممكن، ربما، أنباء غير رسمية، تشكّ)."
    ),
    Certainty.UNKNOWN: Term("Unknown", "غير محدد", "The text leaves it open (هل، ما إذا، لم يتضح)."),
    Polarity.POSITIVE: Term("Positive", "إثبات", "The claim asserts that something is the case."),
    Polarity.NEGATIVE: Term("Negative", "نفي", "The claim asserts that something is not the case."),
    ContentType.FACTUAL_ASSERTION: Term("Factual assertion", "تقرير واقعة", "States what happened or is."),
    ContentType.EVALUATION: Term("Evaluation", "تقييم", "Judges something as good, bad, important..."),
    ContentType.PREDICTION: Term(
        "Prediction", "توقع", "Says what will or may happen: a forecast, or a plan or schedule (guidelines §2.4)."
    ),
    ContentType.RECOMMENDATION: Term("Recommendation", "توصية", "Says what should be done."),
    ContentType.DENIAL: Term("Denial", "نفي أو تكذيب", "Rejects another claim."),
    ContentType.NON_COMMENT: Term("Non-comment", "امتناع عن التعليق", "A party declined or failed to comment."),
    FurnitureKind.DATELINE: Term("Dateline", "سطر التاريخ", "The date and time line of the page."),
    FurnitureKind.HEADLINE: Term("Headline", "العنوان", "The title, including a repeated title."),
    FurnitureKind.BOILERPLATE: Term(
        "Boilerplate", "عناصر الصفحة", "Share buttons, bylines, captions and other page furniture."
    ),
    AdjudicationMethod.SINGLE_ANNOTATOR: Term(
        "Single annotator", "مشرف واحد", "Only one annotator labeled the document."
    ),
    AdjudicationMethod.UNANIMOUS: Term("Unanimous", "إجماع", "Every annotator made the same decision."),
    AdjudicationMethod.REVIEWER: Term("Reviewer", "مراجع", "A reviewer decided a conflict between annotators."),
    AdjudicationMethod.EXPERT: Term("Expert", "خبير", "Written or corrected by the dataset maintainers."),
}

#: Every closed label set, by the name used in documentation and in the JSON Schema.
LABEL_SETS: dict[str, type[StrEnum]] = {
    "ClaimCategory": ClaimCategory,
    "SourceKind": SourceKind,
    "SourceNaming": SourceNaming,
    "QuoteType": QuoteType,
    "Certainty": Certainty,
    "Polarity": Polarity,
    "ContentType": ContentType,
    "FurnitureKind": FurnitureKind,
    "AdjudicationMethod": AdjudicationMethod,
}


def describe(value: StrEnum) -> Term:
    """The title and definition of one label."""
    return _TERMS[value]
