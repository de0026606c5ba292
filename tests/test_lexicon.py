"""The attribution lexicon: normalization with offsets, look-ups, search on the seed, the data's integrity."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from claimkit.lexicon import (
    CERTAINTY_MARKERS,
    CUES,
    NOT_CUES,
    find_certainty_markers,
    find_cues,
    find_not_cues,
    leading_marker,
    lookup_cue,
    may_open_with_marker,
    normalize,
    normalize_with_offsets,
    split_cue,
    version_key,
)
from claimkit.loading import load_file
from claimkit.model import Annotation
from claimkit.taxonomy import GUIDELINES_VERSION, Certainty
from tests.conftest import ROOT
from tests.strategies import TEXTS

SEED = ROOT / "annotations" / "000_f22616ff3d8ce778.json"


def _seed() -> tuple[str, Annotation]:
    file = load_file(SEED).file
    assert file is not None and file.gold is not None
    return file.document.text, file.gold


def test_normalize_folds_spelling_variants() -> None:
    assert normalize("وفقاً لـ") == normalize("وفقًا ل") == "وفقا ل"
    assert normalize("أكّد") == normalize("اكد") == normalize("إكد")
    assert normalize("  مشيراً\n\tإلى ") == "مشيرا الي"
    assert normalize("الوزارة") == "الوزاره"


@given(TEXTS)
def test_normalized_offsets_point_at_the_characters_they_came_from(text: str) -> None:
    norm, origin = normalize_with_offsets(text)
    assert len(norm) == len(origin)
    assert origin == sorted(set(origin))
    for char, offset in zip(norm, origin, strict=True):
        assert char == " " if text[offset].isspace() else normalize(text[offset]) == char
    assert norm.strip() == normalize(text)
    assert normalize(norm) == normalize(text)  # idempotent


def test_every_gold_cue_of_the_seed_is_in_the_table_and_found_where_it_is() -> None:
    text, gold = _seed()
    assert all(lookup_cue(cue.text) is not None for cue in gold.cues)
    found = {(m.start, m.end) for m in find_cues(text)}
    annotated = {(cue.start, cue.end) for cue in gold.cues}
    assert annotated <= found
    # The one candidate that is not a cue: «وفقًا لمعايير مختلفة» (according to different standards).
    assert [text[s:e] for s, e in sorted(found - annotated)] == ["وفقًا ل"]


def test_the_outlets_own_voice_is_not_a_cue() -> None:
    text, _ = _seed()
    voiced = [text[m.start : m.end] for m in find_not_cues(text)]
    assert "يذكر أن" in voiced
    start = text.index("يذكر أن")
    assert all(not start <= m.start < start + 7 for m in find_cues(text, include_ambiguous=True))


def test_ambiguous_forms_are_found_only_when_asked() -> None:
    text = "وكان مسؤولون روس قد دعوا الشرع لزيارة موسكو"
    assert list(find_cues(text)) == []
    assert [text[m.start : m.end] for m in find_cues(text, include_ambiguous=True)] == ["دعوا"]


def test_certainty_markers_of_the_seed_and_the_two_readings_of_qad() -> None:
    text, gold = _seed()
    hedges = {text[m.start : m.end] for m in find_certainty_markers(text)}
    assert {"احتمال", "من الممكن", "تداول غير رسمي"} <= hedges
    assert "قد" not in hedges  # قد دعوا، وقد استقبله: before a past verb; قد تنتج: not decidable, left out
    hedged = "الاتفاق قد يتأخر"
    assert [hedged[m.start : m.end] for m in find_certainty_markers(hedged)] == ["قد"]
    for claim in gold.claims:
        opening = leading_marker(claim.text, gold.guideline_version)
        if opening is not None:
            assert opening.entry.certainty is claim.certainty, claim.id


def test_leading_marker_skips_an_attached_conjunction_and_respects_versions() -> None:
    found = leading_marker("ومن الممكن أن يتأخر")
    assert found is not None and (found.start, found.end) == (1, 10) and found.entry.certainty is Certainty.POSSIBLE
    assert leading_marker("وقد أعلنت الوزارة") is None
    assert leading_marker("يوشك الاتفاق على الانهيار") is not None
    assert leading_marker("يوشك الاتفاق على الانهيار", "1.0.0") is None  # added in 1.1.0


def test_split_cue_names_what_the_cue_span_should_leave_out() -> None:
    split = split_cue("وأشارت")
    assert split is not None and split[0] == "و" and split[2] == ""
    split = split_cue("أشار إلى")
    assert split is not None and split[0] == "" and split[2] == "إلى"
    assert split_cue("وفقا ل") is None  # a cue as it stands, although it starts with و
    assert split_cue("استطرد") is None


def test_a_verb_of_the_table_with_an_object_pronoun_is_that_verb() -> None:
    """أبلغه (he told him), أبلغوه (the plural's alif falls before the pronoun), أكدته: the verb's entry;
    words that only end like a pronoun stay unknown, and the conjunction is still O012's to report."""
    told = lookup_cue("أبلغ")
    assert told is not None
    assert [lookup_cue(form) for form in ("أبلغه", "أبلغوه", "أبلغتهم", "أبلغنا")] == [told] * 4
    assert lookup_cue("أكدته") == lookup_cue("أكد")
    assert lookup_cue("كتابه") is None and lookup_cue("مصدره") is None
    split = split_cue("وأبلغه")
    assert split is not None and split[0] == "و" and split[1] == told and split[2] == ""


def test_the_words_issue_12_asked_for_are_in_the_tables() -> None:
    for cue in ("بالنسبة لـ", "مشيراً", "تحدثت", "تصرّ", "شنّ هجوماً"):
        assert lookup_cue(cue) is not None, cue
    markers = {normalize(form) for marker in CERTAINTY_MARKERS for form in marker.forms}
    for word in ("يوشك", "توقّع", "تشكّ", "يُنتظر"):
        assert normalize(word) in markers, word


def test_no_form_belongs_to_two_cues_and_no_cue_is_a_look_alike() -> None:
    owners = Counter(normalize(form) for entry in CUES for form in set(map(normalize, entry.forms)))
    assert [form for form, count in owners.items() if count > 1] == []
    look_alikes = {normalize(item.phrase) for item in NOT_CUES}
    assert look_alikes.isdisjoint(owners)
    assert all(set(entry.ambiguous) <= set(entry.forms) for entry in CUES)


def test_every_entry_belongs_to_a_released_guideline_version() -> None:
    current = version_key(GUIDELINES_VERSION)
    entries = [*CUES, *CERTAINTY_MARKERS]
    assert all(version_key(entry.since) <= current for entry in entries)
    assert all(version_key(item.since) <= current for item in NOT_CUES)


@given(st.sampled_from([form for entry in CUES for form in entry.forms]), st.sampled_from(["", "و", "ف"]))
def test_a_cue_is_found_in_running_text_without_its_conjunction(form: str, conjunction: str) -> None:
    entry = lookup_cue(form)
    assert entry is not None
    text = f"وقال آخرون كلاماً. {conjunction}{form} المتحدث كلاماً آخر"
    start = text.index(form)
    hits = [(m.start, m.end, m.entry) for m in find_cues(text, include_ambiguous=True)]
    assert (start, start + len(form), entry) in hits


MARKER_FORMS = [form for marker in CERTAINTY_MARKERS for form in marker.forms]


@given(st.sampled_from(MARKER_FORMS), st.sampled_from(["", "و", "ف"]), TEXTS)
def test_the_fast_test_never_misses_a_marker_leading_marker_finds(form: str, conjunction: str, rest: str) -> None:
    for text in (f"{conjunction}{form} {rest}", f"{conjunction}{form} يتأخر {rest}", f"{conjunction}{form}"):
        words = text.split(maxsplit=2)
        first, second = words[0], words[1] if len(words) > 1 else ""
        if leading_marker(text) is not None:
            assert may_open_with_marker(first, second), text


def test_the_fast_test_rejects_ordinary_openings() -> None:
    assert not may_open_with_marker("من", "شأنها")
    assert not may_open_with_marker("في", "31")
    assert not may_open_with_marker("قد", "دعوا")
    assert may_open_with_marker("ومن", "الممكن") and may_open_with_marker("قد", "يتأخر")
