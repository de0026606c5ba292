"""The proposer reads a long page in time that grows with its length, not with its square.

Its look-ups (what is consumed, the speaker last mentioned, the phrase a lone الوزارة stands for, the
titled phrase that introduced a bare name, the parts of a sentence no attribution explains) use
indexes built once per document. Each is checked here against the plain scan it replaced, on
news-like texts; and the work of a whole proposal (Python calls, which do not depend on the machine)
is checked to grow linearly with the page.
"""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkit.loading import load_documents
from claimkit.model import Document, Furniture, text_sha256
from claimkit.preannotate import attribution, mentions, outlet, sources
from claimkit.preannotate.annotate import propose
from claimkit.preannotate.joined import hedged_pieces
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.titles import TITLES, bare
from claimkit.rules.conventions import QUOTATION_MARKS, QuoteBalance, balanced_quotes
from claimkit.taxonomy import FurnitureKind
from tests.conftest import ROOT
from tests.preannotate.test_properties import NEWS


def _document(text: str, furniture: Sequence[tuple[int, int]] = ()) -> Document:
    spans = [(min(a, b) % (len(text) + 1), max(a, b) % (len(text) + 1)) for a, b in furniture]
    kept = [Furniture(start=a, end=b, text=text[a:b], kind=FurnitureKind.BOILERPLATE) for a, b in spans if a < b]
    return Document(
        id="doc", title="t", text=text, text_sha256=text_sha256(text), language="ar", outlet="o", furniture=kept
    )


# -- the plain scans the indexes replaced (the definitions) ---------------------------------------------
def _is_consumed(reader: Reader, start: int, end: int) -> bool:
    return any(start < c_end and c_start < end for c_start, c_end in reader.consumed)


def _in_furniture(reader: Reader, start: int, end: int) -> bool:
    return any(start < f.end and f.start < end for f in reader.document.furniture)


def _recent(book: sources.SourceBook, before: int, feminine: bool | None = None) -> sources.Entity | None:
    ordered = sorted(
        ((m.start, e) for e in book.entities for m in e.mentions if m.start < before),
        key=lambda pair: pair[0],
        reverse=True,
    )
    for _, entity in ordered[:4]:
        if feminine is None or entity.feminine is None or entity.feminine == feminine:
            return entity
    return ordered[0][1] if ordered else None


def _antecedent_of(reader: Reader, before: int, generic: str) -> str | None:
    tokens = reader.tokens
    for index in range(reader.token_at(before) - 1, -1, -1):
        if bare(tokens[index].key) != generic:
            continue
        end = index + 1
        while end < len(tokens) and end - index < 5 and tokens[end].definite and not reader.broken(end):
            end += 1
        if end > index + 1:
            head = tokens[index]
            stripped = mentions.strip_clitic(head, "ولب") if head.key not in (generic, "ال" + generic) else None
            start = head.start + (stripped[1] if stripped and bare(stripped[0]) == generic else 0)
            return reader.text[start : tokens[end - 1].end]
    return None


def _introduced(reader: Reader, mention: mentions.Mention) -> mentions.Mention | None:
    if not mention.name_keys:
        return None
    last, tokens = mention.name_keys[-1], reader.tokens
    for index in range(reader.token_at(mention.start) - 1, -1, -1):
        if tokens[index].key != last:
            continue
        for start in range(max(0, index - 6), index):
            if bare(tokens[start].key) in TITLES:
                earlier = sources.read_mention(reader, start, mention.rule)
                if earlier is not None and earlier.name_keys and earlier.name_keys[-1] == last:
                    return earlier
    return None


def _quote_at(reader: Reader, offset: int) -> tuple[int, int] | None:
    for start, end in reader.quotes.regions:
        if start == offset:
            return start, end
        if start > offset:
            return None
    return None


def _quote_before(
    attributor: attribution.Attributor, hit: attribution.CueHit, sentence: tuple[int, int]
) -> attribution.Content | None:
    reader = attributor.reader
    for start, end in reader.quotes.regions:
        between = reader.text[end : hit.start]
        if sentence[0] <= start and end <= hit.start and not any(char.isalpha() for char in between):
            inner_end = end - 1 if end - 1 > start else end
            spans = attribution.split(reader, start + 1, inner_end)
            return attribution.Content(spans, True, sentence[1], "claim-quote-before")
    return None


def _clause_before(
    attributor: attribution.Attributor, hit: attribution.CueHit, sentence: tuple[int, int]
) -> attribution.Content | None:
    consumed = attributor.reader.consumed
    ends = [end for s, end in consumed if s < hit.start <= end or (end <= hit.start and end > sentence[0])]
    span = attribution.trim(attributor.reader.text, max([sentence[0], *ends]), hit.start)
    if len(list(attributor.reader.words(*span))) < 3:
        return None
    return attribution.Content(hedged_pieces(attributor.reader, span), False, hit.end, "claim-before-according-to")


def _next_cue_start(attributor: attribution.Attributor, hit: attribution.CueHit, limit: int) -> int:
    for other in attributor.hits:
        pending = hit.end < other.start < limit and not attributor.reader.is_consumed(other.start, other.end)
        opening = attributor._viable(other) if pending else None
        if opening is not None:
            return attributor._before_separator(attributor._before_connective(opening))
    return limit


def _unexplained(voice: outlet.OutletVoice, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    pieces, cursor = [], sentence[0]
    for start, end in sorted(voice.reader.consumed):
        if end <= cursor or start >= sentence[1]:
            continue
        if start > cursor:
            pieces.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < sentence[1]:
        pieces.append((cursor, sentence[1]))
    return [outlet.trim(voice.reader.text, s, e) for s, e in pieces]


def _checked(fast: Callable[..., Any], reference: Callable[..., Any], asked: list[str]) -> Callable[..., Any]:
    """``fast``, asserting on every call that it answers as ``reference`` does."""

    def both(*args: Any) -> Any:
        expected, found = reference(*args), fast(*args)
        assert found == expected, (fast.__name__, args[1:])
        asked.append(fast.__name__)
        return found

    return both


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every indexed look-up of the proposer checked against its plain scan; yields the names asked."""
    asked: list[str] = []
    monkeypatch.setattr(Reader, "is_consumed", _checked(Reader.is_consumed, _is_consumed, asked))
    monkeypatch.setattr(sources.SourceBook, "recent", _checked(sources.SourceBook.recent, _recent, asked))
    antecedent_of = _checked(mentions.antecedent_of, _antecedent_of, asked)
    for module in (mentions, sources):
        monkeypatch.setattr(module, "antecedent_of", antecedent_of)
    monkeypatch.setattr(attribution, "introduced", _checked(sources.introduced, _introduced, asked))
    monkeypatch.setattr(Reader, "quote_at", _checked(Reader.quote_at, _quote_at, asked))
    monkeypatch.setattr(Reader, "in_furniture", _checked(Reader.in_furniture, _in_furniture, asked))
    for name, reference in (
        ("_quote_before", _quote_before),
        ("_clause_before", _clause_before),
        ("_next_cue_start", _next_cue_start),
    ):
        fast = getattr(attribution.Attributor, name)
        monkeypatch.setattr(attribution.Attributor, name, _checked(fast, reference, asked))
    unexplained = outlet.OutletVoice._unexplained

    def explained(voice: outlet.OutletVoice, sentence: tuple[int, int], near: list[tuple[int, int]]) -> Any:
        found = unexplained(voice, sentence, near)
        assert found == _unexplained(voice, sentence), sentence
        asked.append("_unexplained")
        return found

    monkeypatch.setattr(outlet.OutletVoice, "_unexplained", explained)
    return asked


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(NEWS, st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 2000)), max_size=4))
@pytest.mark.usefixtures("checked")
def test_indexed_look_ups_answer_as_the_scans_did(text: str, furniture: list[tuple[int, int]]) -> None:
    """On news-like texts, some with page furniture (overlapping or not) where it falls."""
    propose(_document(text, furniture))


def _paragraphs() -> list[str]:
    """The paragraphs of the seed, the pattern cases and the held-out articles (real news copy)."""
    tests = ROOT / "tests" / "preannotate"
    files, _ = load_documents([ROOT / "annotations", tests / "cases", tests / "heldout"])
    found = []
    for _, file in files:
        text = file.document.text
        furniture = {text[f.start : f.end] for f in file.document.furniture}
        found += [p.strip() for p in text.split("\n\n") if p.strip() and p.strip() not in furniture]
    return found


def test_every_look_up_is_checked_on_real_pages(checked: list[str]) -> None:
    """The case articles ask every indexed look-up at least once (so the property test above can fail)."""
    propose(_document("\n\n".join(_paragraphs())))
    assert set(checked) == {
        *("is_consumed", "recent", "antecedent_of", "introduced", "_unexplained"),
        *("quote_at", "_quote_before", "_clause_before", "_next_cue_start", "in_furniture"),
    }


def _calls(text: str) -> int:
    """Python function calls made while proposing for ``text`` (the same on any machine)."""
    document, count = _document(text), 0

    def counted(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        count += event == "call"

    sys.setprofile(counted)
    try:
        propose(document)
    finally:
        sys.setprofile(None)
    return count


def test_work_grows_linearly_with_a_long_page() -> None:
    """Four times the page is about four times the work (it was 6.4 times from 35k to 138k characters)."""
    paragraphs = _paragraphs()
    _calls("\n\n".join(paragraphs))  # the lexicon's caches, warmed
    page = "\n\n".join(paragraphs * 4)
    assert _calls("\n\n".join([page] * 4)) / _calls(page) < 4.5


def _lines(text: str) -> int:
    """Lines of Python run while proposing for ``text`` (the same on any machine): a loop that runs in
    Python counts once per turn, where :func:`_calls` counts the one call that runs it."""
    document, count = _document(text), 0

    def line(_frame: Any, event: str, _arg: Any) -> Any:
        nonlocal count
        count += event == "line"
        return line

    sys.settrace(line)
    try:
        propose(document)
    finally:
        sys.settrace(None)
    return count


def test_work_grows_linearly_with_a_run_of_quotation_marks() -> None:
    """A row of thousands of « before one word: every mark trimmed from the claim's start was one more
    scan of all the marks left (3.5 s for 5,000 marks, 31 s for 20,000). Twice the marks is about
    twice the work (it was 3.9 times from 400 to 800 marks)."""
    _lines("«" * 10 + "قال" + "»" * 5)  # the lexicon's caches, warmed
    assert _lines("«" * 800 + "قال" + "»" * 5) / _lines("«" * 400 + "قال" + "»" * 5) < 2.5


_MARKS_AND_A_WORD = "".join(sorted(QUOTATION_MARKS)) + "x"


def _answers_as_the_scan(text: str, start: int, end: int) -> None:
    balanced = QuoteBalance(text, start, end)
    for first, last in itertools.combinations_with_replacement(range(start, end + 1), 2):
        assert balanced(first, last) == balanced_quotes(text[first:last]), (text, first, last)


def test_the_quote_balance_answers_as_the_scan_on_every_short_text() -> None:
    """Every text of up to four marks and letters, every stretch of it (the scan is the definition)."""
    for length in range(5):
        for chars in itertools.product(_MARKS_AND_A_WORD, repeat=length):
            _answers_as_the_scan("".join(chars), 0, length)


@given(st.text(_MARKS_AND_A_WORD + '«»"', max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_the_quote_balance_answers_as_the_scan(text: str, start: int, end: int) -> None:
    """Longer texts, every stretch within one part of them read."""
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    _answers_as_the_scan(text, start, end)
