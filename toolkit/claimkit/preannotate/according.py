"""What an "according to" phrase (بحسب، وفقاً لـ، جاء في) attributes, read from the text around it:
the content after أنّ/إنّ ahead of it, or the rest of the sentence it opens."""

from __future__ import annotations

from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.claims import Content, split
from claimkit.preannotate.cues import CueHit
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, RELATIVES, verb_forms
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Mention
from claimkit.preannotate.titles import PLACES, bare, speaker_word, state

__all__ = ["after_phrase", "in_place", "issuer_at", "marker_ahead", "opens_sentence"]

#: What a body publishes that "according to" may name before the body (وفقاً لبيانات وزارة المالية،
#: بحسب أرقام وزارة الصحة، وفق تقديرات الأمم المتحدة): the body is the source.
_FIGURES = frozenset(
    normalize(word) for word in ("بيانات", "أرقام", "إحصاءات", "إحصائيات", "تقديرات", "معطيات", "سجلات", "حصيلة")
)


def issuer_at(reader: Reader, k: int) -> int:
    """The token where the source of an "according to" phrase starts: after the figures a body
    published, when a body or a state follows them (أرقام وزارة الصحة: the ministry), else ``k``."""
    if reader.key(k) not in _FIGURES or k + 1 >= len(reader.tokens) or reader.broken(k + 1):
        return k
    issuer = reader.key(k + 1)  # بيانات الربع الأول، أرقام غير رسمية: no body, the figures are the source
    return k + 1 if speaker_word(issuer) or state([issuer]) else k


def in_place(reader: Reader, hit: CueHit, mention: Mention) -> bool:
    """Whether جاء في / ورد في is followed by a place, where something came, not a document that says it
    (وقالت بائعة ورد في الرباط: a flower seller in Rabat)."""
    places = all(bare(key) in PLACES for key in mention.keys)  # PLACES are bare keys
    return reader.key(hit.after - 1) == "في" and bool(mention.keys) and (places or state(mention.keys))


def marker_ahead(reader: Reader, mention: Mention) -> bool:
    """Whether أنّ/إنّ follows the phrase (جاء في بيان الوزارة أن), before any other verb or clause."""
    for k in range(mention.end_token, min(mention.end_token + 8, len(reader.tokens))):
        key = reader.key(k, "ف")
        if key in COMPLEMENTIZERS:
            return True
        if key in RELATIVES or key in verb_forms() or (reader.broken(k) and "،" not in reader.gap(k)):
            return False
    return False


def opens_sentence(reader: Reader, hit: CueHit, sentence: tuple[int, int]) -> bool:
    """Whether the cue opens its sentence (وبحسب الوزارة، …: the content follows the phrase)."""
    first = reader.token_at(sentence[0])
    return hit.first <= first + 1


def after_phrase(reader: Reader, mention: Mention, sentence: tuple[int, int]) -> Content | None:
    """The content after an opening "according to" phrase, to the end of the sentence."""
    k = mention.end_token
    if k < len(reader.tokens) and reader.key(k, "ف") in COMPLEMENTIZERS:
        k += 1
    if k >= len(reader.tokens) or reader.tokens[k].start >= sentence[1]:
        return None
    spans = split(reader, reader.tokens[k].start, sentence[1])
    return Content(spans, False, sentence[1], "claim-after-according-to") if spans else None
