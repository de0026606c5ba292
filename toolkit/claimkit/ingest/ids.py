"""Document ids: checked with the rule validation applies (D001), or derived from a file name.

A derived id is a readable ASCII slug. Arabic (and other non-ASCII) names are transliterated
letter by letter, and because transliteration merges letters (س and ص both give ``s``) a short
stable hash of the original name is appended, so two different Arabic names never share an id. The
original name stays in the document: as its title when nothing better is found, and in its
source fields.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from claimkit.rules.document import is_safe_document_id

__all__ = ["is_safe_document_id", "record_id", "slugify", "transliterate"]

#: Room is left below D001's 128 characters for a record number (``-123456``).
_MAX = 100
_HASHED = 8
_ARABIC_LETTERS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "aa", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b", "ت": "t",
    "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh",
    "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w", "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh",
    "گ": "g", "ک": "k", "ی": "y", "ڤ": "v", "ـ": "",
}  # fmt: skip
_DIGITS = {chr(0x0660 + n): str(n) for n in range(10)} | {chr(0x06F0 + n): str(n) for n in range(10)}
_TABLE = str.maketrans({**_ARABIC_LETTERS, **_DIGITS})
_OTHER = re.compile(r"[^a-z0-9_-]+")


def transliterate(name: str) -> str:
    """ASCII for a name: Arabic letters and digits mapped, Latin accents and harakat dropped."""
    decomposed = unicodedata.normalize("NFKD", name.translate(_TABLE))
    return "".join(char for char in decomposed if char.isascii())


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:_HASHED]


def slugify(name: str) -> str:
    """A document id from a file name: lowercase ASCII, other runs become ``-``.

    ``Report One`` gives ``report-one``; ``تقرير الرياض`` gives ``tqryr-alryad-<8 hex>``, the hash of the
    original name keeping transliterated names apart. A name with nothing readable, one cut to fit,
    or one Windows reserves (``con``) gets the hash too.
    """
    slug = _OTHER.sub("-", transliterate(name).lower()).strip("-_")
    if slug and name.isascii() and len(slug) <= _MAX and is_safe_document_id(slug):
        return slug
    kept = slug[: _MAX - _HASHED - 1].strip("-_")
    return f"{kept or 'doc'}-{_short_hash(name)}"


def record_id(source: str, number: int) -> str:
    """The id of record ``number`` (1-based) of a bulk input named ``source``: ``news-42``."""
    return f"{slugify(source)}-{number}"
