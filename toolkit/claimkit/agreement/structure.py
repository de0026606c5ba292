"""Agreement on the whole structure, not only claims: cue spans, source mentions and their
grouping into sources, the claim–source, cue–claim and nesting links (see docs/agreement.md).

Each figure is a tally per annotator pair, summed over the documents both annotated (micro) and
reported as the mean over pairs, like the claim span F1:

- **cue F1** (exact / overlap) and **mention F1** (overlap; every mention of every source), with
  the matching of claims (one-to-one, maximal Jaccard overlap);
- **mention grouping, B-cubed F1**, over the mentions both annotators marked (matched mentions):
  for each, precision is the share of the mentions one annotator grouped with it that the other
  grouped with it too, recall the converse; F1 of the micro-averaged precision and recall;
- **link F1** for claim–source, cue–claim and claim–parent links: ``2 · agreeing / (links_a +
  links_b)``, a link agreeing when its claim is matched to the other annotator's claim and the
  other end agrees (same speaker; overlapping cue spans; parents matched to each other).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from claimkit.agreement.matching import Match, match_claims, same_source
from claimkit.agreement.stats import f1
from claimkit.model import Annotation, Span

__all__ = ["STRUCTURE", "Tally", "bcubed", "structure_figures", "structure_tally"]

Tally = defaultdict[str, float]

#: Structural figures in report order: key, label.
STRUCTURE = {
    "cue_exact": "cue span F1, exact",
    "cue_overlap": "cue span F1, overlap",
    "mention_overlap": "source mention F1, overlap",
    "grouping_bcubed": "mention grouping into sources, B-cubed F1",
    "source_link": "claim–source link F1",
    "cue_link": "cue–claim link F1",
    "parent_link": "nesting (claim–parent link) F1",
}


def _mentions(annotation: Annotation) -> tuple[list[Span], list[str]]:
    spans = [m for s in annotation.sources for m in s.mentions]
    owners = [s.id for s in annotation.sources for _ in s.mentions]
    return spans, owners


def bcubed(matches: Sequence[Match], left: Sequence[str], right: Sequence[str]) -> tuple[float, float, int]:
    """B-cubed precision and recall sums over matched items, and their number, given each side's
    cluster (here: source id) of every item."""
    precision = recall = 0.0
    for match in matches:
        together_l = {m.right for m in matches if left[m.left] == left[match.left]}
        together_r = {m.right for m in matches if right[m.right] == right[match.right]}
        shared = len(together_l & together_r)
        precision += shared / len(together_l)
        recall += shared / len(together_r)
    return precision, recall, len(matches)


def _spans(left: Annotation, right: Annotation, tally: Tally) -> None:
    (spans_l, owners_l), (spans_r, owners_r) = _mentions(left), _mentions(right)
    matches = match_claims(spans_l, spans_r, "overlap")
    precision, recall, matched = bcubed(matches, owners_l, owners_r)
    found = {
        "cue_a": len(left.cues),
        "cue_b": len(right.cues),
        "cue_exact": len(match_claims(left.cues, right.cues, "exact")),
        "cue_overlap": len(match_claims(left.cues, right.cues, "overlap")),
        "mention_a": len(spans_l),
        "mention_b": len(spans_r),
        "mention_overlap": len(matches),
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_n": matched,
    }
    for key, value in found.items():
        tally[key] += value


def _links(left: Annotation, right: Annotation, matches: Sequence[Match], tally: Tally) -> None:
    sources_l, sources_r = {s.id: s for s in left.sources}, {s.id: s for s in right.sources}
    cues_l, cues_r = {q.id: q for q in left.cues}, {q.id: q for q in right.cues}
    ids_l = {c.id: i for i, c in enumerate(left.claims)}
    ids_r = {c.id: i for i, c in enumerate(right.claims)}
    partner = {m.left: m.right for m in matches}
    for side, annotation, ids in (("a", left, ids_l), ("b", right, ids_r)):
        tally[f"source_link_{side}"] += sum(c.source is not None for c in annotation.claims)
        tally[f"cue_link_{side}"] += sum(c.cue is not None for c in annotation.claims)
        tally[f"parent_link_{side}"] += sum(c.parent in ids for c in annotation.claims)
    for match in matches:
        a, b = left.claims[match.left], right.claims[match.right]
        if a.source and b.source and same_source(a, sources_l, b, sources_r):
            tally["source_link"] += 1
        cue_a, cue_b = cues_l.get(a.cue or ""), cues_r.get(b.cue or "")
        if cue_a and cue_b and cue_a.start < cue_b.end and cue_b.start < cue_a.end:
            tally["cue_link"] += 1
        if a.parent in ids_l and b.parent in ids_r and partner.get(ids_l[a.parent]) == ids_r[b.parent]:
            tally["parent_link"] += 1


def structure_tally(left: Annotation, right: Annotation, matches: Sequence[Match], tally: Tally) -> None:
    """Add one document's structural tallies of a pair (``matches``: their overlap claim matches)."""
    _spans(left, right, tally)
    _links(left, right, matches, tally)


def structure_figures(tally: Tally) -> dict[str, float | None]:
    """The figures of :data:`STRUCTURE` from a pair's summed tallies."""
    figures: dict[str, float | None] = {}
    for key in STRUCTURE:
        if key == "grouping_bcubed":
            figures[key] = _bcubed_f1(tally)
            continue
        stem = key.rsplit("_", 1)[0] if key.endswith(("_exact", "_overlap")) else key
        figures[key] = f1(int(tally[key]), int(tally[f"{stem}_a"]), int(tally[f"{stem}_b"]))
    return figures


def _bcubed_f1(tally: Tally) -> float | None:
    if not tally["bcubed_n"]:
        return None
    precision, recall = tally["bcubed_precision"] / tally["bcubed_n"], tally["bcubed_recall"] / tally["bcubed_n"]
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
