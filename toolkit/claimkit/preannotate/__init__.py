"""Rule-based Arabic pre-annotation: claims, sources, cues and their links, proposed offline.

Pure and deterministic: the same text and the same claimkit give the same proposal, with no model,
no network and no randomness. See docs/preannotate.md for the rules and their measured quality.
"""

from claimkit.preannotate.annotate import CONFIDENCE, NAME, VERSION, propose
from claimkit.preannotate.apply import FileOutcome, preannotate_file, proposal_of, propose_row, with_proposal

__all__ = [
    "CONFIDENCE",
    "NAME",
    "VERSION",
    "FileOutcome",
    "preannotate_file",
    "proposal_of",
    "propose",
    "propose_row",
    "with_proposal",
]
