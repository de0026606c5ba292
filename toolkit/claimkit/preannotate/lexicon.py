"""The reporting verbs in every inflection, and the fixed phrases the proposer recognizes.

Verbs are given as a root and a pattern (وزن); their third-person active forms (past and present,
singular, dual, plural, both genders) and their active participles are generated with ``mazini``
(Wiktionary's Arabic conjugation engine, CC BY 4.0), then normalized like the text
(:func:`claimkit.preannotate.arabic.normalize`). Passive forms are left out on purpose: يُضاف
("is added") and يُشار إلى أن ("it is pointed out that") are not attributions. Conjunctions (و، ف) and
the future prefix (س) are handled when the text is read, not generated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimkit.preannotate.arabic import normalize

__all__ = [
    "ACCORDING_TO",
    "COMMENT_VERBS",
    "COMPLEMENTIZERS",
    "CONNECTIVES",
    "LAM_WORDS",
    "OUTLET_FORMULAS",
    "RELATIVES",
    "VERBS",
    "Form",
    "Verb",
    "comment_forms",
    "verb_forms",
]


@dataclass(frozen=True)
class Verb:
    """A reporting verb: root and pattern, and how it behaves in news copy."""

    root: str
    pattern: str
    gloss: str
    opinion: bool = False  # an evaluation or a belief: اعتبر، رأى (decision tree, question 2)
    denial: bool = False  # نفى: the content is denied
    probable: bool = False  # رجّح، توقّع: the content is presented as likely
    object_after: tuple[str, ...] = ()  # prepositions that may introduce a plain noun-phrase content
    needs: tuple[str, ...] = ()  # a word that must follow within a few words (نقل ... عن)
    participle: bool = True  # whether its accusative participle (مضيفاً) is a cue too
    present: bool = True  # whether its present forms are cues (يُدعى "is called" looks like يدّعي)


VERBS: tuple[Verb, ...] = (
    Verb("قول", "فعَل يفعُل", "say"),
    Verb("أكد", "فعّل", "affirm", object_after=("", "علي")),
    Verb("وضح", "أفعل", "explain"),
    Verb("شور", "أفعل", "point out", object_after=("الي",)),
    Verb("ضيف", "أفعل", "add"),
    Verb("عبر", "افتعل", "consider", opinion=True),
    Verb("رأي", "فعَل يفعَل", "think", opinion=True, participle=False),
    Verb("علن", "أفعل", "announce", object_after=("", "عن")),
    Verb("صرح", "فعّل", "declare"),
    Verb("نفي", "فعَل يفعِل", "deny", denial=True, object_after=("",)),
    Verb("كشف", "فعَل يفعِل", "reveal", object_after=("عن",)),
    Verb("فيد", "أفعل", "report", participle=False),
    Verb("ذكر", "فعَل يفعُل", "mention", participle=False),
    Verb("تبع", "فاعل", "go on", participle=False),
    Verb("لفت", "فعَل يفعِل", "draw attention", object_after=("الي",), needs=("الي",)),
    Verb("شدد", "فعّل", "stress", object_after=("علي",)),
    Verb("وقع", "تفعّل", "expect", opinion=True, probable=True, object_after=("",)),
    Verb("رجح", "فعّل", "deem likely", opinion=True, probable=True, object_after=("",)),
    Verb("عقد", "افتعل", "believe", opinion=True, participle=False),
    Verb("حذر", "فعّل", "warn", object_after=("من",), needs=("من", "ان", "من ان")),
    Verb("روي", "فعَل يفعِل", "recount", participle=False),
    Verb("نقل", "فعَل يفعُل", "relay", needs=("عن",), participle=False),
    Verb("نوه", "فعّل", "note", object_after=("الي", "ب"), needs=("الي", "ب", "بان")),
    Verb("قرر", "أفعل", "admit", participle=False),
    Verb("علق", "فعّل", "comment"),
    Verb("عرب", "أفعل", "express", object_after=("عن",), needs=("عن",)),
    Verb("زعم", "فعَل يفعُل", "claim", participle=False),
    Verb("دعو", "افتعل", "allege", participle=False, present=False),
    Verb("دعو", "فعَل يفعُل", "call for", object_after=("الي",), needs=("الي",)),
    Verb("بعد", "استفعل", "rule out", opinion=True, object_after=("",)),
)

_SLOTS = {
    "past": ("past_3ms", "past_3fs", "past_3md", "past_3fd", "past_3mp", "past_3fp"),
    "present": ("ind_3ms", "ind_3fs", "ind_3md", "ind_3fd", "ind_3mp", "ind_3fp"),
}
_FEMININE = {"past_3fs", "past_3fd", "past_3fp", "ind_3fs", "ind_3fd", "ind_3fp"}


@dataclass(frozen=True)
class Form:
    """One inflected form: which verb, past or present, participle or not, and its gender."""

    verb: Verb
    tense: str  # "past", "present" or "participle"
    feminine: bool


def _conjugate(verb: Verb) -> dict[str, list[str]]:
    from mazini import conjugate

    slots = conjugate(verb.root, verb.pattern).slots
    return {name: [normalize(form.form) for form in forms] for name, forms in slots.items()}


def _participles(participle: str, root: str) -> dict[str, bool]:
    """Accusative participles (حال): مضيفاً، مضيفةً، مضيفين; of a defective root ناف → نافياً, داع → داعياً."""
    stem = participle + "ي" if root[-1] in "يوى" and not participle.endswith("ي") else participle
    return {stem + "ا": False, stem + "ه": True, stem + "ين": False, stem + "ات": True}


@cache
def verb_forms() -> dict[str, Form]:
    """Normalized key -> form, for every reporting verb (generated once per process)."""
    forms: dict[str, Form] = {}
    for verb in VERBS:
        slots = _conjugate(verb)
        for tense, names in _SLOTS.items():
            if tense == "present" and not verb.present:
                continue
            for name in names:
                for key in slots.get(name, []):
                    forms.setdefault(key, Form(verb, tense, name in _FEMININE))
        if verb.participle:
            for participle in slots.get("ap", []):
                for key, feminine in _participles(participle, verb.root).items():
                    forms.setdefault(key, Form(verb, "participle", feminine))
    return forms


#: Verbs of commenting: negated, they make a "did not comment" fact (لم تعلق دمشق).
COMMENT_VERBS: tuple[tuple[str, str], ...] = (("علق", "فعّل"), ("ردد", "فعَل يفعُل"), ("عقب", "فعّل"))


@cache
def comment_forms() -> frozenset[str]:
    from mazini import conjugate

    found: set[str] = set()
    for root, pattern in COMMENT_VERBS:
        slots = conjugate(root, pattern).slots
        for name in (*_SLOTS["past"], *_SLOTS["present"], "juss_3ms", "juss_3fs", "juss_3mp"):
            found.update(normalize(form.form) for form in slots.get(name, []))
    return frozenset(found | {"التعليق", "تعليق"})


#: "According to" phrases: normalized words, and whether the last word takes ل as a clitic (وفقاً لـ).
ACCORDING_TO: tuple[tuple[tuple[str, ...], bool], ...] = (
    (("وفقا",), True),
    (("طبقا",), True),
    (("تبعا",), True),
    (("وفق",), False),
    (("بحسب",), False),
    (("حسب",), False),
    (("نقلا", "عن"), False),
    (("علي", "لسان"), False),
    (("جاء", "في"), False),
)

#: The words of ACCORDING_TO after which ل is split off the next word.
LAM_WORDS = frozenset(words[-1] for words, lam in ACCORDING_TO if lam)

#: Words that introduce reported content (أنّ، إنّ and their forms with pronouns).
COMPLEMENTIZERS = frozenset(
    {"ان", "بان", "انه", "انها", "انهم", "انهما", "انهن", "بانه", "بانها", "بانهم", "انما", "انني", "اننا"}
)

#: The outlet's own voice: "it is worth noting that" (guidelines §4: not a cue).
OUTLET_FORMULAS: tuple[tuple[str, ...], ...] = (
    ("يذكر", "ان"),
    ("يشار", "الي", "ان"),
    ("الجدير", "بالذكر", "ان"),
    ("من", "الجدير", "بالذكر", "ان"),
    ("تجدر", "الاشاره", "الي", "ان"),
    ("من", "المعروف", "ان"),
    ("يشار", "الي"),
)

#: Words after a comma that start a new assertion (the claim is split there).
CONNECTIVES = frozenset({"كذلك", "كما", "فيما", "بينما", "لكن", "لكنه", "لكنها", "غير", "الا", "بيد"})

#: Relative pronouns: "... لنجار الذي يرى أن" makes the preceding source the speaker.
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})
