"""The Arabic attribution lexicon: cues, certainty markers and look-alikes, as data with small functions.

One home for the words of docs/guidelines.md §4-§5: the validation rules, the generated tables and
any pre-annotator import them from here. Pure Python (standard library and :mod:`claimkit.taxonomy`).

- :data:`CUES`, :data:`CERTAINTY_MARKERS`, :data:`NOT_CUES`: the entries.
- :func:`normalize`: the comparison form of Arabic text.
- :func:`lookup_cue` / :func:`split_cue`: whether an annotated cue span is in the table (or would be
  without an attached و/ف or a following إلى، عن، أن...).
- :func:`find_cues`, :func:`find_certainty_markers`, :func:`find_not_cues`: occurrences in a text,
  with offsets into that exact text.
- :func:`leading_marker`: the certainty marker a claim span opens with; :func:`may_open_with_marker`
  and :func:`may_be_look_alike` are cached pre-tests that rules use on every claim and cue.
"""

from claimkit.lexicon.entries import (
    CERTAINTY_MARKERS,
    CUES,
    NOT_CUES,
    CertaintyMarker,
    CueEntry,
    NotCue,
    version_key,
)
from claimkit.lexicon.match import (
    CONTENT_WORDS,
    Match,
    find_certainty_markers,
    find_cues,
    find_not_cues,
    leading_marker,
    lookup_cue,
    may_be_look_alike,
    may_open_with_marker,
    split_cue,
    without_object_pronoun,
)
from claimkit.lexicon.normalize import normalize, normalize_with_offsets
from claimkit.lexicon.tables import certainty_table_markdown, cue_table_markdown, not_cue_table_markdown

__all__ = [
    "CERTAINTY_MARKERS",
    "CONTENT_WORDS",
    "CUES",
    "NOT_CUES",
    "CertaintyMarker",
    "CueEntry",
    "Match",
    "NotCue",
    "certainty_table_markdown",
    "cue_table_markdown",
    "find_certainty_markers",
    "find_cues",
    "find_not_cues",
    "leading_marker",
    "lookup_cue",
    "may_be_look_alike",
    "may_open_with_marker",
    "normalize",
    "normalize_with_offsets",
    "not_cue_table_markdown",
    "split_cue",
    "version_key",
    "without_object_pronoun",
]
