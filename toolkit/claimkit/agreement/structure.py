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

from claimkit.agreement.matching import Match, assign, assigned, exact_count, overlapping
from claimkit.agreement.reading import Reading
from claimkit.agreement.stats import f1

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


def bcubed(matches: Sequence[Match], left: Sequence[str], right: Sequence[str]) -> tuple[float, float, int]:
    """B-cubed precision and recall sums over matched items, and their number, given each side's
    cluster (here: source id) of every item."""
    together_l: dict[str, set[int]] = defaultdict(set)
    together_r: dict[str, set[int]] = defaultdict(set)
    for m in matches:
        together_l[left[m.left]].add(m.right)
        together_r[right[m.right]].add(m.right)
    precision = recall = 0.0
    for match in matches:
        mine, theirs = together_l[left[match.left]], together_r[right[match.right]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    return precision, recall, len(matches)


def _spans(left: Reading, right: Reading, tally: Tally) -> None:
    matches = assign(overlapping(left.mentions, right.mentions), len(left.mentions), len(right.mentions))
    precision, recall, matched = bcubed(matches, left.owners, right.owners)
    found = {
        "cue_a": len(left.cues),
        "cue_b": len(right.cues),
        "cue_exact": exact_count(left.cues, right.cues),
        "cue_overlap": assigned(overlapping(left.cues, right.cues), len(left.cues), len(right.cues)),
        "mention_a": len(left.mentions),
        "mention_b": len(right.mentions),
        "mention_overlap": len(matches),
        "bcubed_precision": precision,
        "bcubed_recall": recall,
        "bcubed_n": matched,
    }
    for key, value in found.items():
        tally[key] += value


_LINKS_A = ("source_link_a", "cue_link_a", "parent_link_a")  # keys of reading.link_counts, left side
_LINKS_B = ("source_link_b", "cue_link_b", "parent_link_b")


def _links(left: Reading, right: Reading, matches: Sequence[Match], same_speaker: Sequence[bool], tally: Tally) -> None:
    """Links each side draws, and the links a matched pair of claims agrees on: the same speaker
    (``same_speaker``, of each match: mentions that overlap, or no source on either side; a link
    needs a source), overlapping cues, parents matched to each other."""
    for keys, reading in ((_LINKS_A, left), (_LINKS_B, right)):
        for key, links in zip(keys, reading.link_counts, strict=True):
            tally[key] += links
    partner = {m.left: m.right for m in matches}
    source = cue = parent = 0
    for (i, j, _), same in zip(matches, same_speaker, strict=True):
        source += same and left.sources[i] is not None
        a, b = left.cue_spans[i], right.cue_spans[j]
        cue += a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
        a_parent, b_parent = left.parents[i], right.parents[j]
        parent += a_parent is not None and b_parent is not None and partner.get(a_parent) == b_parent
    tally["source_link"] += source
    tally["cue_link"] += cue
    tally["parent_link"] += parent


def structure_tally(
    left: Reading, right: Reading, matches: Sequence[Match], tally: Tally, same_speaker: Sequence[bool]
) -> None:
    """Add one document's structural tallies of a pair (``matches``: their overlap claim matches;
    ``same_speaker``: whether each has the same speaker on both sides, see :func:`_links`)."""
    _spans(left, right, tally)
    _links(left, right, matches, same_speaker, tally)


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
