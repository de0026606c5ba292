"""The proposer's lexicon is the guidelines' cue table (claimkit.lexicon), conjugated by mazini."""

from __future__ import annotations

import pytest

from claimkit.lexicon import CUES, NOT_CUES
from claimkit.preannotate.arabic import normalize, tokenize
from claimkit.preannotate.lexicon import ACCORDING_TO, LEFT_OUT, OUTLET_FORMULAS, VERBS, entry_of, verb_forms
from claimkit.preannotate.reader import Reader
from claimkit.taxonomy import ContentType
from tests.preannotate.test_properties import _file


def test_every_verb_is_an_entry_of_the_cue_table() -> None:
    assert all(entry_of(verb) in CUES for verb in VERBS)


@pytest.mark.parametrize("entry", CUES, ids=lambda e: e.head)
def test_every_single_word_form_of_the_table_is_proposed_or_left_out_with_a_reason(entry: object) -> None:
    according = {words[0] for words, _ in ACCORDING_TO}
    for form in entry.forms:  # type: ignore[attr-defined]
        if " " in form.strip():
            continue
        key = normalize(form)
        assert key in verb_forms() or key in according or form in LEFT_OUT, form


def test_mazini_generates_what_the_table_does_not_list() -> None:
    """All inflections: duals, feminine plurals, participles the table leaves to the reader; not the
    feminine plural of a participle, which news writes as a noun (مطالبات العمال: their demands)."""
    forms = verb_forms()
    for word in ("أوضحتا", "يوضحان", "أشرن", "يشرن", "مضيفين", "نافياً", "داعيةً", "أكدتا"):
        assert normalize(word) in forms, word
    for noun in ("مطالبات", "مضيفات", "معتبرات"):
        assert normalize(noun) not in forms, noun
    assert forms[normalize("أوضحت")].feminine and forms[normalize("معتبراً")].tense == "participle"
    assert forms[normalize("نفت")].content_type is ContentType.DENIAL
    for passive in ("يضاف", "يشار", "يُذكر"):  # passives are no attribution (يُذكر shares يذكر's letters)
        assert normalize(passive) not in forms or passive == "يُذكر"


def test_the_outlet_formulas_are_the_lexicons() -> None:
    phrases = {tuple(normalize(w) for w in item.phrase.split()) for item in NOT_CUES if item.phrase.endswith("أن")}
    assert phrases <= set(OUTLET_FORMULAS)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("وأضاف الوزير أن الوفد وصل.", "أضاف"),
        ("فأشارت الوزارة إلى أن الوفد وصل.", "أشارت"),
        ("قال الوزير إن الوفد وصل، مضيفاً أن الزيارة مهمة.", "مضيفاً"),
        ("وصل الوفد إلى موسكو، وفقاً لـ الوزارة.", "وفقاً لـ"),
        ("وصل الوفد إلى موسكو، وفقا للوزارة.", "وفقا ل"),
    ],
)
def test_cues_leave_the_conjunction_out_and_keep_the_lam(text: str, cue: str) -> None:
    from claimkit.preannotate import propose

    proposal = propose(_file(text).document)
    assert cue in [c.text for c in proposal.cues]


def test_tokens_keep_offsets_into_the_exact_text() -> None:
    text = "وَأَضافَ الوزيـرُ «نعم»"
    assert [text[t.start : t.end] for t in tokenize(text)] == ["وَأَضافَ", "الوزيـرُ", "نعم"]
    reader = Reader(_file("وفقاً لنجار").document)
    assert [t.text for t in reader.tokens] == ["وفقاً", "ل", "نجار"]
