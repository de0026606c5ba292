"""Agreement on the structure (cues, mentions, grouping, links, nesting), PolNeAR's token-wise
alpha, empty annotations left out, and the hard-cases page: small cases computed by hand."""

from __future__ import annotations

import json
import random
from collections import Counter
from itertools import permutations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.agreement import agreement_report
from claimkit.agreement.stats import alpha, nominal_alpha
from claimkit.agreement.tokens import LABELS, TOKEN, role_counts, token_coincidences, token_labels
from claimkit.cli import main
from claimkit.model import Adjudication, Annotation, Claim, Cue, Decision, Source, Span
from claimkit.storage import write_document_file
from claimkit.taxonomy import AdjudicationMethod, SourceKind
from tests.agreement.builders import TEXT, annotation, document

OS, AO = "official_statement", "analyst_opinion"


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def _source(sid: str, *spans: tuple[int, int]) -> Source:
    return Source(id=sid, name=sid, kind=SourceKind.GOVERNMENT, mentions=[_span(s, e) for s, e in spans])


def _claim(
    cid: str, start: int, end: int, source: str | None = None, cue: str | None = None, parent: str | None = None
) -> Claim:
    return Claim(
        id=cid,
        start=start,
        end=end,
        text=TEXT[start:end],
        category=OS if source else AO,
        source=source,
        cue=cue,
        parent=parent,
        quote="indirect" if source else "none",
    )


def _cue(qid: str, start: int, end: int) -> Cue:
    return Cue(id=qid, start=start, end=end, text=TEXT[start:end])


def _structured(name: str, *, grouped: bool, cue_at: int, parent: bool) -> Annotation:
    """Two mentions (100-105, 110-115) in one source or two; claims 0-10 and 20-30 with cues."""
    sources = (
        [_source("s1", (100, 105), (110, 115))] if grouped else [_source("s1", (100, 105)), _source("s2", (110, 115))]
    )
    second = "s1" if grouped else "s2"
    claims = [
        _claim("c1", 0, 10, "s1", "q1"),
        _claim("c2", 20, 30, second, "q2", parent="c1" if parent else None),
    ]
    return Annotation(
        annotator=name, sources=sources, cues=[_cue("q1", 40, 44), _cue("q2", cue_at, cue_at + 4)], claims=claims
    )


def test_structure_figures_by_hand() -> None:
    x = _structured("x", grouped=True, cue_at=50, parent=True)
    y = _structured("y", grouped=False, cue_at=52, parent=False)
    figures = agreement_report([document(x, y)]).to_dict()["structure"]
    assert figures["cue_exact"] == pytest.approx(2 * 1 / 4)  # q1 same span, q2 shifted
    assert figures["cue_overlap"] == 1.0
    assert figures["mention_overlap"] == 1.0
    # x: {m1, m2} together; y: {m1}, {m2}. Per mention P = 1/2 (x's view), R = 1: F1 = 2·0.5·1/1.5.
    assert figures["grouping_bcubed"] == pytest.approx(2 / 3)
    assert figures["source_link"] == 1.0  # c2's sources are different ids but their mentions overlap
    assert figures["cue_link"] == 1.0
    assert figures["parent_link"] == 0.0  # x nests c2 in c1, y does not: 2·0 / (1 + 0)


def test_nesting_agrees_when_parents_match() -> None:
    x = _structured("x", grouped=True, cue_at=50, parent=True)
    y = _structured("y", grouped=True, cue_at=50, parent=True)
    figures = agreement_report([document(x, y)]).to_dict()["structure"]
    assert figures == dict.fromkeys(figures, 1.0)


def test_token_labels_follow_the_innermost_role() -> None:
    text = "قال الوزير إن الاجتماع انتهى ."
    # tokens: قال(0-3) الوزير(4-10) إن(11-13) الاجتماع(14-22) انتهى(23-28) .(29-30)
    claim = Claim(id="c", start=0, end=28, text=text[0:28], category=OS, source="s", cue="q", quote="indirect")
    source = Source(id="s", name="الوزير", mentions=[Span(start=4, end=10, text=text[4:10])])
    reading = Annotation(
        annotator="x", sources=[source], cues=[Cue(id="q", start=0, end=3, text=text[0:3])], claims=[claim]
    )
    assert [LABELS[i] for i in token_labels(text, reading)] == [
        "cue",
        "source",
        "content",
        "content",
        "content",
        "none",
    ]


#: Arabic letters, harakat (not word characters), digits of two scripts, Latin, underscores,
#: punctuation of both scripts, spaces of several kinds, a zero-width joiner and quotation marks.
CHARACTERS = st.sampled_from(list('قالوزيرإنَُِّ٠١٢٣0123abc_ .,،؛؟!«»"-\n\t\u00a0\u2009\u200d\u3000'))


def _reference_labels(text: str, reading: Annotation) -> list[int]:
    """The token labels as first written: the regular expression, each span painted on its characters."""
    chars = [0] * len(text)
    layers = (reading.claims, reading.cues, [m for s in reading.sources for m in s.mentions])
    for code, spans in enumerate(layers, start=1):
        for span in spans:
            for at in range(span.start, min(span.end, len(text))):
                chars[at] = max(chars[at], code)
    return [max(chars[m.start() : m.end()]) for m in TOKEN.finditer(text)]


def _drawn_annotation(data: st.DataObject, text: str, annotator: str, most: int) -> Annotation:
    """Claims, cues and mentions of up to ``most`` spans each, anywhere up to a little past the end of
    ``text``, empty and reversed ones too."""
    offsets = st.integers(0, len(text) + 3)
    spans = st.lists(st.tuples(offsets, offsets), max_size=most)
    claims = [
        Claim(id=f"c{i}", start=a, end=b, text="x", category=OS, quote="none")
        for i, (a, b) in enumerate(data.draw(spans))
    ]
    cues = [Cue(id=f"q{i}", start=a, end=b, text="x") for i, (a, b) in enumerate(data.draw(spans))]
    mentions = [Span(start=a, end=b, text="x") for a, b in data.draw(spans)]
    sources = [Source(id="s", name="s", mentions=mentions)] if mentions else []
    return Annotation(annotator=annotator, claims=claims, cues=cues, sources=sources)


@settings(max_examples=300, deadline=None)
@given(st.text(CHARACTERS, max_size=60), st.data())
def test_token_labels_are_those_of_the_regular_expression(text: str, data: st.DataObject) -> None:
    """Tokens found with NumPy are the regular expression's; each token's role is the highest over
    its characters, spans past the end of the text, empty or reversed included."""
    reading = _drawn_annotation(data, text, "x", most=4)
    assert token_labels(text, reading).tolist() == _reference_labels(text, reading)


def _reference_counts(text: str, readings: list[Annotation]) -> tuple[dict[tuple[int, str, str], int], int]:
    """Role coincidences as first written: every ordered pair of two annotators' labels of each token."""
    rows = list(zip(*(_reference_labels(text, r) for r in readings), strict=True)) if readings else []
    if len(readings) < 2 or not rows:
        return {}, 0
    cells: Counter[tuple[int, str, str]] = Counter()
    for labels in rows:
        for u, v in permutations(range(len(readings)), 2):
            cells[(len(readings) - 1, LABELS[labels[u]], LABELS[labels[v]])] += 1
    return dict(cells), len(rows)


def _layers(reading: Annotation) -> tuple[list[tuple[int, int]], ...]:
    mentions = [(m.start, m.end) for s in reading.sources for m in s.mentions]
    return [(c.start, c.end) for c in reading.claims], [(q.start, q.end) for q in reading.cues], mentions


@settings(max_examples=200, deadline=None)
@given(st.text(CHARACTERS, max_size=40), st.integers(0, 4), st.data())
def test_role_counts_are_every_ordered_pair_of_two_annotators_labels(
    text: str, raters: int, data: st.DataObject
) -> None:
    """The coincidences of token roles, found with NumPy, are every ordered pair of two annotators'
    labels of a token, counted one by one (texts without tokens, one annotator or none, spans past
    the end of the text, empty and reversed ones)."""
    readings = [_drawn_annotation(data, text, f"a{name}", most=3) for name in range(raters)]
    assert role_counts(text, [_layers(r) for r in readings]) == _reference_counts(text, readings)


def test_token_alpha_by_hand() -> None:
    text = "أ ب ج د"
    x = Annotation(annotator="x", claims=[Claim(id="c", start=0, end=3, text=text[0:3], category=AO, quote="none")])
    y = Annotation(annotator="y", claims=[Claim(id="c", start=2, end=3, text=text[2:3], category=AO, quote="none")])
    cells, tokens = token_coincidences(text, {"x": x, "y": y})
    # Tokens: content/content, content/none, none/none, none/none -> alpha over these 4 units.
    assert tokens == 4
    # By hand: coincidences c-c 2, c-n 1, n-c 1, n-n 4; n = 8, n_c = 3, n_n = 5:
    # D_o = 2 / 8, D_e = 2 * 3 * 5 / (8 * 7) -> alpha = 1 - (2 / 8) / (30 / 56) = 1 - 56 / 120.
    assert cells == {("content", "content"): 2, ("content", "none"): 1, ("none", "content"): 1, ("none", "none"): 4}
    assert _alpha_of(cells) == pytest.approx(1 - 56 / 120)
    assert _alpha_of(cells) == pytest.approx(
        alpha([["content", "content", "none", "none"], ["none", "content", "none", "none"]])
    )


def _alpha_of(cells: dict[tuple[str, str], float]) -> float | None:
    matrix = np.array([[cells.get((a, b), 0.0) for b in LABELS] for a in LABELS])
    value = float(nominal_alpha(matrix))
    return None if np.isnan(value) else value


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 100_000))
def test_token_alpha_matches_the_krippendorff_library(seed: int) -> None:
    rng = random.Random(seed)
    text = " ".join("كلمة" for _ in range(20))
    readings = {}
    for name in "xyz"[: rng.randint(2, 3)]:
        spans = sorted({(s, s + rng.randint(1, 20)) for s in rng.sample(range(80), rng.randint(0, 4))})
        claims = [
            Claim(id=f"c{i}", start=s, end=e, text=text[s:e], category=AO, quote="none")
            for i, (s, e) in enumerate(spans)
        ]
        readings[name] = Annotation(annotator=name, claims=claims)
    rows = [[LABELS[i] for i in token_labels(text, r)] for r in readings.values()]
    cells, tokens = token_coincidences(text, readings)
    assert tokens == 20
    reference, ours = alpha(rows), _alpha_of(cells)
    assert (ours is None) == (reference is None)
    if reference is not None:
        assert ours == pytest.approx(reference, abs=1e-9)


def test_empty_annotations_are_left_out_with_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = [(0, 10, OS, "A"), (20, 30, AO, "B")]
    empty = Annotation(annotator="z")
    file = document(annotation("x", *claims), annotation("y", *claims), empty)
    report = agreement_report([file])
    assert report.mean("overlap") == 1.0  # z would have made it 1/3
    assert report.excluded == {"z": ["doc"]}
    write_document_file(tmp_path / "doc.json", file)
    assert main(["agree", str(tmp_path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(i["code"], i["location"]["pointer"]) for i in out["issues"]] == [("G001", "/annotations/2")]
    assert out["summary"]["excluded_empty"] == {"z": ["doc"]}
    assert main(["agree", str(tmp_path), "--format", "markdown"]) == 0
    assert "G001 empty-annotation-excluded: z" in capsys.readouterr().out


def test_hard_cases_page_lists_conflicts_and_reviewer_decisions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disputed = document(
        annotation("x", (0, 10, OS, "A"), (20, 30, AO)),
        annotation("y", (0, 10, AO, "A"), (20, 30, AO)),
        doc_id="disputed",
    )
    x, y = annotation("x", (0, 10, OS, "A")), annotation("y", (0, 10, AO, "A"))
    gold = annotation("reviewer", (0, 10, OS, "A")).model_copy(
        update={
            "adjudication": Adjudication(
                method=AdjudicationMethod.REVIEWER,
                reviewer="reviewer",
                annotators=["x", "y"],
                decisions=[Decision(claim="c0", method=AdjudicationMethod.REVIEWER, agreed=["x"], dissented=["y"])],
            )
        }
    )
    reviewed = document(x, y, doc_id="reviewed").model_copy(update={"gold": gold})
    for file in (disputed, reviewed):
        write_document_file(tmp_path / f"{file.document.id}.json", file)
    page = tmp_path / "hard.md"
    assert main(["agree", str(tmp_path), "--hard-cases", str(page), "--format", "json"]) == 0
    json.loads(capsys.readouterr().out)  # still exactly one JSON document on stdout
    text = page.read_text(encoding="utf-8")
    assert "2 cases in 2 documents" in text
    assert "## disputed" in text and "## reviewed" in text
    assert "| category | 2 |" in text
    assert "| reviewer (gold) |" in text
    assert text.count("`official_statement`") == 3 and text.count("`analyst_opinion`") == 2
