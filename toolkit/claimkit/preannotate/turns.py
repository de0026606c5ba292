"""Where the speaker stands around a cue when words other than the speaker do: who speaks in turn
(من جهته، بدوره، أيضاً: :func:`speaks_before`) and whom a speaker tells (أبلغ الوزير النواب بأن …:
:func:`tells_inside`, :func:`without_told`). Read from the words alone, for :mod:`attribution`."""

from __future__ import annotations

from claimkit.preannotate.adjuncts import stance_ahead
from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.cues import CueHit
from claimkit.preannotate.lexicon import COMPLEMENTIZERS
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Mention, read_mention
from claimkit.preannotate.titles import speaker_word, told

__all__ = ["BEFORE_MARKER", "content_next", "speaks_before", "tells_inside", "then_content", "without_told"]

#: Prepositions a cue's content may follow (حذر من أن، أشار إلى أن، شدد على أن، أعلن عن أن).
BEFORE_MARKER = frozenset(normalize(word) for word in ("من", "إلى", "على", "عن"))
#: The most words between أنّ and أبلغ for the verb to be inside the complement (أن روسيا أبلغت).
_INSIDE_WORDS = 4


def speaks_before(reader: Reader, hit: CueHit, mention: Mention, objects: tuple[str, ...]) -> bool:
    """Whether a phrase after who-speaks-in-turn words is the speaker, not the verb's object: of the
    verb's gender, and the content follows it (وأكدت من جهتها وزيرة البيئة أن …), or, after من جهته /
    من جانبه (which point ahead), a speaker's phrase is followed by the verb's preposition (ودعا من
    جانبه رئيس البرلمان إلى …، ورحب من جهته الاتحاد الأفريقي بـ …); not وانتقد بدوره وزارة الداخلية
    بسبب …، ودعا أيضاً الحكومة إلى …، ودعا من جانبه المجتمع الدولي إلى …"""
    verb_feminine = hit.form.feminine if hit.form is not None else None
    if None not in (verb_feminine, mention.feminine) and verb_feminine != mention.feminine:
        return False  # وطالب بدوره الحكومة بـ …: a masculine verb, a feminine noun: its object
    if content_next(reader, mention.end_token):
        return True
    return stance_ahead(reader, hit.after) and then_content(reader, mention, objects)


def then_content(reader: Reader, mention: Mention, objects: tuple[str, ...]) -> bool:
    """Whether a speaker's phrase (a name, a title, a body) is followed by the content or by the
    verb's preposition (رئيس البرلمان إلى …، الاتحاد الأفريقي بـ …)."""
    k = mention.end_token
    if not (mention.name_keys or (mention.keys and speaker_word(mention.keys[0]))):
        return False
    if content_next(reader, k):
        return True
    takes, key = [p for p in objects if p], reader.key(k)
    return key in takes or ("ب" in takes and key.startswith("ب") and len(key) > 3)


def content_next(reader: Reader, k: int) -> bool:
    """Whether the content opens at token ``k``: أنّ/إنّ, a colon or a quotation mark, the verb's
    preposition and أنّ (not the end of the sentence)."""
    if k >= len(reader.tokens):
        return False
    gap = reader.gap(k)
    if reader.key(k, "ف") in COMPLEMENTIZERS or any(char in gap for char in ':«"“'):
        return True
    # حذر X من أن، أشار X إلى أن: the verb's preposition, and أنّ/إنّ right after it (not بعد أن …)
    return reader.key(k) in BEFORE_MARKER and not reader.broken(k + 1) and reader.key(k + 1, "ف") in COMPLEMENTIZERS


def tells_inside(reader: Reader, hit: CueHit) -> bool:
    """أبلغ inside a clause (إنه أبلغ الأطراف بـ …، أن روسيا أبلغت الولايات المتحدة بـ …): the noun
    after it is whom it tells, and its speaker is not read after it; only a verb that opens its
    clause (وأبلغت الحكومة البرلمان بأن …) is read with the speaker after it."""
    if hit.form is None or not hit.form.verb.tells_whom or hit.continued:
        return False
    for m in range(hit.first - 1, max(hit.first - _INSIDE_WORDS, 0) - 1, -1):
        if reader.broken(m + 1):
            return False  # إنه أبلغ …: أنّ just before the verb or its subject, in one stretch
        if reader.key(m, "و") in COMPLEMENTIZERS:
            return True
    return False


def without_told(reader: Reader, hit: CueHit, mention: Mention) -> Mention:
    """The speaker without whom it tells, when its phrase ran on into them (أبلغت الشركة الوطنية للغاز
    الوزارة رسمياً بأن …، أبلغ المسؤول وكالة فرانس برس بأن …): cut before the last word that opens
    a party, a medium or a counterpart, when what is left before it is a speaker's whole phrase."""
    named = range(mention.start, mention.end + 1) if mention.name_keys else range(0)
    for cut in reversed(range(hit.after + 1, mention.end_token)):
        if told(reader.key(cut)) and not reader.key(cut).startswith("لل") and _new_phrase(reader, cut, named):
            again = read_mention(reader, hit.after, "source-subject", until=cut)
            if again is not None and again.end_token == cut:
                return again
    return mention


def _new_phrase(reader: Reader, k: int, named: range) -> bool:
    """Whether token ``k`` opens a noun phrase of its own rather than completing the one before (وزير
    الخارجية، المتحدث باسم الشرطة: a word after a word without the article is in construct with it;
    after a name (``named``: its offsets), a new phrase: الرئيس محمد علي النواب)."""
    before = reader.tokens[k - 1]
    nisba = before.key.endswith(("ي", "يه", "يون", "يين"))  # مسؤول أمريكي وكالة رويترز: an adjective ends it
    return before.definite or before.key.startswith("لل") or before.end in named or nisba
