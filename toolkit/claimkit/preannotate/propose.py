"""The proposer: reads a document once and proposes its claims, sources, cues and links.

Order of work: every cue candidate in text order is kept if it has a speaker (a noun phrase after
it, or the previous speaker when the cue continues: وأضاف، معتبراً، الذي يرى) and content (after
أنّ/إنّ, a colon, a quotation, a plain object, or the clause before a late "according to"). What no
attribution explains is the outlet's own voice: each remaining sentence is a reported fact, minus
formulas like يذكر أن, with unconfirmed reports attributed to their vague source.

The steps are :class:`~claimkit.preannotate.attribution.Attributor` (a claim for each cue that has
a speaker and content) and :class:`~claimkit.preannotate.outlet.OutletVoice` (the outlet's own
claims); both add what they find to one :class:`~claimkit.preannotate.found.Found`.
"""

from __future__ import annotations

from claimkit.preannotate.attribution import Attributor
from claimkit.preannotate.cues import find_cues
from claimkit.preannotate.found import Found, FoundClaim, FoundCue
from claimkit.preannotate.outlet import OutletVoice
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import SourceBook

__all__ = ["Found", "FoundClaim", "FoundCue", "find"]


def find(reader: Reader) -> Found:
    """The proposals for the document the reader holds."""
    book, found = SourceBook(reader), Found()
    attributor = Attributor(reader, book, found, list(find_cues(reader)))
    for hit in attributor.hits:
        attributor.attribute(hit)
    OutletVoice(reader, book, found).add_claims()
    found.sources = [e for e in book.entities if any(c.source is e for c in found.claims)]
    found.claims.sort(key=lambda c: (c.start, -c.end))
    found.cues.sort(key=lambda c: c.start)
    return found
