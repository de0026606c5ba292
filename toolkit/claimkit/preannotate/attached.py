"""An object written as one word with its ب: the verbs of the cue table that take their object with ب
(طالب، رحب، ندد، أشاد، تعهد، هدد، وعد …) meet it as بإسقاط الحكومة، بالاتفاق، بمحاسبة المسؤولين."""

from __future__ import annotations

import unicodedata

from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.titles import PLACES, bare

__all__ = ["after_attached_b"]

#: Words that begin with ب but are prepositions of their own, not ب + an object.
_NOT_OBJECTS = frozenset(
    normalize(word) for word in ("بعد", "بين", "بشأن", "بسبب", "بحسب", "بدون", "برغم", "بالرغم", "بينما", "بأن", "بان")
)
#: Adverbs with ب that may stand between the verb (and its speaker) and the object (ندد بشدة بالهجوم).
_ADVERBS = frozenset(normalize(word) for word in ("بشدة", "بقوة", "بحزم", "بدوره", "بدورها", "بدورهم", "بدوري"))


def after_attached_b(reader: Reader, k: int) -> int | None:
    """Where the object starts when token ``k`` (or the one after a ب-adverb) is ب + a word: after ب.
    ``None`` for a preposition of its own (بعد، بين …), a place (بغداد، بيروت) or a short word."""
    if reader.key(k) in _ADVERBS and k + 1 < len(reader.tokens) and not reader.broken(k + 1):
        k += 1
    token = reader.tokens[k]
    key = token.key
    if not key.startswith("ب") or len(key) < 4 or key in _NOT_OBJECTS or bare(key) in PLACES:
        return None
    at = token.start + 1
    while at < token.end and unicodedata.combining(reader.text[at]):
        at += 1  # بِـ: the vowel mark goes with ب
    return at
