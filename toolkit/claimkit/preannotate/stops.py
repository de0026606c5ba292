"""The words that end a speaker's noun phrase (:func:`ends_phrase`): prepositions, complementizers,
particles, times, verbs. A phrase reader stops before them (مصدر في الوزارة: the affiliation is read
apart; قال الوزير إن: the content begins)."""

from __future__ import annotations

from claimkit.preannotate.adjuncts import STANCE_WORDS
from claimkit.preannotate.arabic import Token
from claimkit.preannotate.lexicon import ANONYMITY_VERBS, COMPLEMENTIZERS, RELATIVES, TIMES, WEEKDAYS, verb_forms
from claimkit.preannotate.titles import NAMED_AS

__all__ = ["ends_phrase"]

_STOPS = (
    COMPLEMENTIZERS
    | RELATIVES
    | frozenset(
        [
            "الي",
            "عن",
            "في",
            "من",
            "خلال",
            "ل",
            "امام",
            "عبر",
            "حول",
            "بشان",
            "منذ",
            "بعد",
            "قبل",
            "عقب",
            "ظهر",
            "مع",
            "و",
            "ف",
            "قد",
            "فقد",  # أما الوزير محمد معيط فقد أكد: the topic ends there
            "لقد",
            "هو",
            "هي",
            "كما",
            "حيث",
            "عندما",
            "بعدما",
            "ضمن",
            "اثناء",
            "لدي",
            "وفقا",
            "بحسب",
            "حسب",
            "نقلا",
            "انه",
            "ان",
            "لا",
            "لم",
            "لن",
            "ما",
            "قوله",
            "قولها",
            "قولهم",
        ]
    )
    | STANCE_WORDS  # وقال الوزير بدوره إن: who speaks in turn (adjuncts.after_stance), no name
    | WEEKDAYS
    | TIMES
    | ANONYMITY_VERBS
    | NAMED_AS
)
_PLAIN_STOPS = frozenset({"على", "إلى"})  # as written: على is a preposition, علي a name


def ends_phrase(token: Token) -> bool:
    """Whether a speaker's phrase ends before ``token`` (one of the words above, a verb, or no word)."""
    key = token.key
    return key in _STOPS or token.plain in _PLAIN_STOPS or key in verb_forms() or not key.isalpha()
