"""What stands between a speaker and the content, between commas: a request for anonymity with its
reason (، طلب عدم الكشف عن هويته لأنه غير مخول بالتصريح، إن …), a short adjunct (، اليوم الاثنين، عن …)."""

from __future__ import annotations

from claimkit.preannotate.lexicon import ANONYMITY_ENDS, ANONYMITY_VERBS, COMPLEMENTIZERS
from claimkit.preannotate.reader import Reader

__all__ = ["after_anonymity", "after_commas"]

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
