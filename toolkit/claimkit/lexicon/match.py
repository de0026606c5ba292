"""Looking words up in the lexicon: a whole span (validation) or every occurrence in a text (pre-annotation).

Matching is on normalized text (:func:`~claimkit.lexicon.normalize`) at word boundaries; an attached
conjunction و or ف before a word is allowed and left out of the match, as the guidelines leave it out
of the cue. Every offset returned is a code point offset into the exact text that was given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from claimkit.lexicon.entries import CERTAINTY_MARKERS, CUES, NOT_CUES, CertaintyMarker, CueEntry, NotCue
from claimkit.lexicon.normalize import REMOVED, normalize, normalize_with_offsets

__all__ = [
    "CONTENT_WORDS",
    "Match",
    "find_certainty_markers",
    "find_cues",
    "find_not_cues",
    "leading_marker",
    "lookup_cue",
    "may_be_look_alike",
    "may_open_with_marker",
    "split_cue",
    "without_object_pronoun",
]

E = TypeVar("E")

#: Words that follow a cue but belong to the content or its introduction, not to the cue (أشار إلى).
CONTENT_WORDS = frozenset(normalize(word) for word in ("إلى", "الى", "عن", "على", "في", "أن", "إن", "بأن", "أنه"))
_CONJUNCTIONS = ("و", "ف")


@dataclass(frozen=True)
class Match(Generic[E]):
    """One occurrence of a lexicon entry: ``text[start:end]`` is the matched words (conjunction left out)."""

    start: int
    end: int
    entry: E


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, CueEntry]:
    return {normalize(form): entry for entry in CUES for form in entry.forms}


@lru_cache(maxsize=4096)  # cue spans repeat (قال، أكد) across every annotation of a corpus
def lookup_cue(text: str) -> CueEntry | None:
    """The entry whose form is exactly ``text`` (a cue span), after normalization, or a verb of the
    table that carries its object as a pronoun (أبلغه، أبلغتهم، أكدته: a form the table lists, with
    whom it tells or what it affirms attached)."""
    return _entry(normalize(text))


#: Object pronouns attached to a verb (longest first): them two, them, her, him, you, us, me.
_OBJECT_PRONOUNS = tuple(normalize(p) for p in ("هما", "هم", "هن", "ها", "ه", "كما", "كم", "ك", "نا", "ني"))


def without_object_pronoun(key: str) -> Iterator[str]:
    """The normalized words ``key`` may be once an object pronoun is taken off (أبلغه → أبلغ، أبلغتهم →
    أبلغت، أبلغوه → أبلغو and أبلغوا: the plural's alif falls before the pronoun), longest pronoun first."""
    for pronoun in _OBJECT_PRONOUNS:
        if key.endswith(pronoun) and len(key) > len(pronoun) + 2:
            verb = key[: -len(pronoun)]
            yield verb
            if verb.endswith("و"):
                yield verb + "ا"


def _entry(key: str) -> CueEntry | None:
    index = _cue_index()
    found = index.get(key)
    if found is not None or " " in key:
        return found
    return next((index[verb] for verb in without_object_pronoun(key) if verb in index), None)


@lru_cache(maxsize=4096)
def split_cue(text: str) -> tuple[str, CueEntry, str] | None:
    """``(extra before, entry, extra after)`` when ``text`` is a known cue plus words the cue leaves out.

    ``"وأشارت"`` -> ``("و", <أشار>, "")``; ``"أشار إلى"`` -> ``("", <أشار>, "إلى")``. None when the
    text is a cue as it stands, or not a cue even without those words.
    """
    if _entry(normalize(text)) is not None:
        return None
    core, tail = text.strip(), ""
    words = core.rsplit(maxsplit=1)
    if len(words) == 2 and normalize(words[1]) in CONTENT_WORDS:
        core, tail = words
    prefix = ""
    if _entry(normalize(core)) is None and core[:1] in _CONJUNCTIONS:
        prefix, core = core[0], core[1:]
    entry = _entry(normalize(core))
    return (prefix, entry, tail) if entry is not None and (prefix or tail) else None


def _alternation(forms: Iterable[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))


def _pattern(
    word_forms: Iterable[str], open_forms: Iterable[str] = (), imperfect: Iterable[str] = ()
) -> re.Pattern[str]:
    """Forms at a word start (after an optional attached و/ف); word forms end at a word boundary, open
    forms (ending in the proclitic ل) run into the next word, imperfect forms need a ي-initial next word."""
    parts = [f"(?:{_alternation(word_forms)})(?!\\w)"]
    if open_forms := list(open_forms):
        parts.append(f"(?:{_alternation(open_forms)})")
    if imperfect := list(imperfect):
        parts.append(f"(?:{_alternation(imperfect)})(?= ي)")
    return re.compile(f"(?<!\\w)(?:[وف](?=\\w))?(?P<hit>{'|'.join(parts)})")


def _is_open(form: str) -> bool:
    return form.endswith(" ل")


@lru_cache(maxsize=2)
def _cue_search(ambiguous: bool) -> tuple[re.Pattern[str], dict[str, CueEntry]]:
    index = {
        normalize(form): entry for entry in CUES for form in entry.forms if ambiguous or form not in entry.ambiguous
    }
    return _pattern([f for f in index if not _is_open(f)], [f for f in index if _is_open(f)]), index


@lru_cache(maxsize=1)
def _marker_search() -> tuple[re.Pattern[str], dict[str, CertaintyMarker]]:
    index = {normalize(form): marker for marker in CERTAINTY_MARKERS for form in marker.forms}
    imperfect = [form for form, marker in index.items() if marker.before_imperfect]
    return _pattern([f for f in index if f not in imperfect], imperfect=imperfect), index


@lru_cache(maxsize=1)
def _not_cue_search() -> tuple[re.Pattern[str], dict[str, NotCue]]:
    index = {normalize(item.phrase): item for item in NOT_CUES}
    return _pattern([f for f in index if not _is_open(f)], [f for f in index if _is_open(f)]), index


def _find(text: str, pattern: re.Pattern[str], index: dict[str, E]) -> Iterator[Match[E]]:
    norm, origin = normalize_with_offsets(text)
    for found in pattern.finditer(norm):
        start, end = found.span("hit")
        yield Match(origin[start], _past_marks(text, origin[end - 1] + 1), index[found.group("hit")])


def _past_marks(text: str, end: int) -> int:
    """Extend a match over the diacritics and tatweel of its last letter (معتبراً, لـ)."""
    while end < len(text) and text[end] in REMOVED:
        end += 1
    return end


@lru_cache(maxsize=4096)
def may_be_look_alike(cue_text: str) -> bool:
    """Whether a cue span's words occur in a :data:`NOT_CUES` phrase (a cheap test before a search)."""
    words = f" {normalize(cue_text)} "
    return words != "  " and any(words in f" {phrase} " for phrase in _not_cue_search()[1])


def find_not_cues(text: str) -> Iterator[Match[NotCue]]:
    """Every phrase of the outlet's own voice (يذكر أن، يشار إلى أن...) in ``text``."""
    pattern, index = _not_cue_search()
    return _find(text, pattern, index)


def find_cues(text: str, *, include_ambiguous: bool = False) -> Iterator[Match[CueEntry]]:
    """Every candidate cue in ``text``, in order, except words inside a :data:`NOT_CUES` phrase.

    Candidates: a cue word can also be content (وفقاً لمعايير، دعوا الشرع: invited). Ambiguous forms
    (رأى / رأي) are left out unless ``include_ambiguous``.
    """
    pattern, index = _cue_search(include_ambiguous)
    voiced = [(m.start, m.end) for m in find_not_cues(text)]
    for match in _find(text, pattern, index):
        if not any(start <= match.start < end for start, end in voiced):
            yield match


def find_certainty_markers(text: str) -> Iterator[Match[CertaintyMarker]]:
    """Every certainty marker in ``text``, in order (قد only before a ``ي``-initial word)."""
    pattern, index = _marker_search()
    return _find(text, pattern, index)


@lru_cache(maxsize=1)
def _marker_starts() -> dict[str, frozenset[str]]:
    """First word of each marker form -> the second words it needs ("" for none, "ي" for قد)."""
    starts: dict[str, set[str]] = {}
    for form, marker in _marker_search()[1].items():
        first, _, second = form.partition(" ")
        starts.setdefault(first, set()).add("ي" if marker.before_imperfect else second.split(" ", 1)[0])
    return {first: frozenset(seconds) for first, seconds in starts.items()}


@lru_cache(maxsize=16384)  # words repeat: after warm-up this is a dict look-up
def _word(word: str) -> str:
    return normalize(word)


def may_open_with_marker(first: str, second: str = "") -> bool:
    """Whether a claim whose first two words are ``first`` and ``second`` may open with a certainty
    marker: a cheap test before :func:`leading_marker`, never false when that one finds a marker."""
    word = _word(first)
    seconds = _marker_starts().get(word)
    if seconds is None and word[:1] in _CONJUNCTIONS:
        seconds = _marker_starts().get(word[1:])
    if not seconds:
        return False
    if "" in seconds:
        return True
    following = _word(second)
    return following in seconds or ("ي" in seconds and following.startswith("ي"))


#: Enough of a claim's opening for its longest marker, vocalized (markers are at most three words).
_OPENING = 48


def leading_marker(text: str, version: str | None = None) -> Match[CertaintyMarker] | None:
    """The certainty marker ``text`` (a claim span) opens with, if any: the hedge of its main assertion.

    With ``version``, only markers the guidelines of that version list count.
    """
    opening = text[:_OPENING]
    pattern, index = _marker_search()
    if pattern.match(normalize(opening)) is None:
        return None
    norm, origin = normalize_with_offsets(opening)
    found = pattern.match(norm, len(norm) - len(norm.lstrip()))
    if found is None:
        return None
    marker = index[found.group("hit")]
    if version is not None and not marker.known_in(version):
        return None
    start, end = found.span("hit")
    return Match(origin[start], _past_marks(text, origin[end - 1] + 1), marker)
