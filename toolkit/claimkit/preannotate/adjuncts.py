"""What stands between a speaker and the content, between commas: a request for anonymity with its
reason (، طلب عدم الكشف عن هويته لأنه غير مخول بالتصريح، إن …), a short adjunct (، اليوم الاثنين، عن …);
and, with or without commas, who speaks in turn (من جهته، بدوره، أيضاً: :func:`after_stance`)."""

from __future__ import annotations

from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.lexicon import ANONYMITY_ENDS, ANONYMITY_VERBS, COMPLEMENTIZERS, verb_forms
from claimkit.preannotate.reader import Reader

__all__ = [
    "STANCE_WORDS",
    "after_anonymity",
    "after_commas",
    "after_stance",
    "stance_ahead",
    "stance_gender",
    "unread_then_that",
]

_SENTENCE_ENDS = frozenset(".!?؟;؛")
_PRONOUNS = {"ه": False, "ها": True, "هم": None, "هما": None, "هن": True}
#: Who speaks in turn, in wire copy: "for his part" (من جهته، من جانبها), "in turn" (بدوره), "also"
#: (أيضاً، كذلك، هو الآخر). Between the cue or the speaker and the content: neither speaker nor content.
#: Keys of one or two words; the value is the gender of the pronoun that refers to the speaker (True:
#: feminine; None: not said).
_STANCE: dict[tuple[str, ...], bool | None] = {
    **{("من", noun + suffix): gender for noun in ("جهت", "جانب") for suffix, gender in _PRONOUNS.items()},
    **{("بدور" + suffix,): gender for suffix, gender in _PRONOUNS.items()},
    ("ايضا",): None,
    ("كذلك",): None,
    ("هو", normalize("الآخر")): False,
    ("هي", normalize("الأخرى")): True,
}
#: Those of one word (بدوره، أيضاً، كذلك): never a name, nor part of a speaker's phrase.
STANCE_WORDS = frozenset(words[0] for words in _STANCE if len(words) == 1)

#: The most words of a speaker's phrase left unread before "، أن" (لولاية تيزي وزو، أن …).
_UNREAD_WORDS = 5
#: The longest reason given for anonymity (لأنه غير مخول بالتصريح لوسائل الإعلام).
_REASON_WORDS = 10


def after_anonymity(reader: Reader, k: int, limit: int) -> int:
    """The token after a source's request for anonymity right after it (طلب عدم الكشف عن هويته، فضّل
    عدم ذكر اسمه، رفض الكشف عن اسمه), else ``k``: it stands between the speaker and the content."""
    tokens = reader.tokens
    if k >= len(tokens) or reader.key(k, "و") not in ANONYMITY_VERBS:
        return k
    for m in range(k + 1, min(k + 6, len(tokens))):
        if tokens[m].start >= limit or reader.broken(m):
            return k
        if reader.key(m) in ANONYMITY_ENDS:
            return _after_reason(reader, k, m + 1, limit)
    return k


def _after_reason(reader: Reader, k: int, m: int, limit: int) -> int:
    """After a request for anonymity between commas (``k``: its first word, ``m``: the word after it),
    the token after the closing comma when a reason fills the rest (، طلب عدم الكشف عن هويته لأنه غير
    مخول بالتصريح، إن …), else ``m``: not when the content follows at once, its comma left out
    (، طلب عدم الكشف عن هويته إن الجيش سيطر على البلدة، وقتل …)."""
    tokens = reader.tokens
    if not ("،" in reader.gap(k) or "," in reader.gap(k)) or m >= len(tokens) or reader.broken(m):
        return m
    for n in range(m, min(m + _REASON_WORDS, len(tokens))):
        gap = reader.gap(n).strip() if n > m else ""
        if gap in ("،", ","):
            return n  # the comma that closes the reason
        if gap or tokens[n].start >= limit or reader.key(n, "ف") in COMPLEMENTIZERS:
            return m
    return m


def after_commas(reader: Reader, k: int, limit: int) -> int:
    """The token after a short stretch between two commas that follows the speaker, else ``k``."""
    tokens = reader.tokens
    if k >= len(tokens) or ("،" not in reader.gap(k) and "," not in reader.gap(k)):
        return k
    for m in range(k + 1, min(k + 6, len(tokens))):
        if tokens[m].start >= limit:
            return k
        gap = reader.gap(m)
        if "،" in gap or "," in gap:
            return m
        if reader.broken(m):
            return k
    return k


def _stance_at(reader: Reader, k: int) -> tuple[int, bool | None] | None:
    """The token after a stance phrase at ``k`` (one stretch, no punctuation inside) and its gender."""
    for length in (2, 1):
        words = tuple(reader.key(m, "و") if m == k else reader.key(m) for m in range(k, k + length))
        if words in _STANCE and not any(reader.broken(m) for m in range(k + 1, k + length)):
            return k + length, _STANCE[words]
    return None


def after_stance(reader: Reader, k: int, limit: int | None = None) -> int:
    """The token after who-speaks-in-turn words at ``k`` (وقال الوزير من جهته إن …، وأكد بدوره أن …،
    ، من جهته، إن …، وقال بدوره: «…»), else ``k``: not when the sentence ends after them."""
    found = _stance_at(reader, k)
    if found is None or (limit is not None and reader.tokens[k].start >= limit):
        return k
    after = found[0]
    if after < len(reader.tokens) and any(char in _SENTENCE_ENDS for char in reader.gap(after)):
        return k  # the sentence ends there: nothing follows that they stand before
    return after  # before a comma, a colon or a quotation mark too (وقال بدوره: «…»)


def stance_ahead(reader: Reader, k: int) -> bool:
    """Whether the stance words at ``k`` are من جهته / من جانبه, whose pronoun may point to a speaker
    named after them (وأكد من جهته رئيس البرلمان …), unlike بدوره، أيضاً، كذلك (he, too)."""
    return _stance_at(reader, k) is not None and reader.key(k, "و") == "من"


def stance_gender(reader: Reader, k: int) -> bool | None:
    """The gender its pronoun gives the speaker, when stance words stand at ``k`` (من جهتها: feminine)."""
    found = _stance_at(reader, k)
    return found[1] if found is not None else None


def unread_then_that(reader: Reader, k: int, limit: int) -> int | None:
    """Where the content opens when a few words the speaker's phrase left unread come before a comma
    and أنّ/إنّ (نقلاً عن مصدر في محافظة الغابات لولاية تيزي وزو، أن …): after أنّ; ``None`` when a
    verb, أنّ or other punctuation comes first (those words are then no part of the speaker)."""
    tokens, forms = reader.tokens, verb_forms()
    if k >= len(tokens) or reader.broken(k) or reader.key(k) in COMPLEMENTIZERS:
        return None
    for m in range(k, min(k + _UNREAD_WORDS + 1, len(tokens))):
        if tokens[m].start >= limit:
            return None
        if m > k and reader.broken(m):
            comma = reader.gap(m).strip() in ("،", ",")
            return tokens[m].end if comma and reader.key(m) in COMPLEMENTIZERS else None
        if reader.key(m) in COMPLEMENTIZERS or reader.key(m, "وف") in forms:
            return None
    return None
