"""From what the proposer found to an :class:`~claimkit.model.Annotation`: ids, fields, links,
and the generator record (name, version, overall score, the rule behind each region)."""

from __future__ import annotations

from claimkit import collector
from claimkit.labelstudio.convert import mention_region_id
from claimkit.model import Annotation, Claim, Cue, Document, Generator, Source, Span
from claimkit.preannotate.propose import Found, FoundClaim, FoundCue, find
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Entity
from claimkit.taxonomy import GUIDELINES_VERSION, QuoteType, SourceNaming

__all__ = ["CONFIDENCE", "NAME", "VERSION", "propose"]

#: The annotator name of every proposal, and the version of the rules (a change of rules is a new version).
NAME = "claimkit-preannotate"
VERSION = "1.25.0"

#: How much each rule is trusted, in [0, 1]: the region scores sent to Label Studio. Set from the
#: share of such regions that matched gold in the case articles (tests/preannotate/cases), rounded down.
CONFIDENCE: dict[str, float] = {
    "cue-verb": 0.9,
    "cue-participle": 0.85,
    "cue-according-to": 0.85,
    "cue-saying": 0.7,
    "source-subject": 0.8,
    "source-before-verb": 0.7,  # no case article has one yet: below source-subject until measured
    "source-main-clause": 0.6,  # a participle's speaker from the verb the sentence opens with (1.24.0)
    "source-according-to": 0.8,
    "source-relayed": 0.7,
    "source-rumour": 0.6,
    "claim-complement": 0.8,
    "claim-quote": 0.85,
    "claim-indirect": 0.75,
    "claim-object": 0.6,
    "claim-quote-before": 0.75,
    "claim-before-according-to": 0.7,
    "claim-after-according-to": 0.7,
    "claim-relay": 0.6,
    "claim-rumour": 0.6,
    "claim-outlet": 0.6,
    "claim-outlet-formula": 0.7,
    "claim-no-comment": 0.7,
}


def _span(reader: Reader, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=reader.text[start:end])


def _source(reader: Reader, entity: Entity, source_id: str, rules: dict[str, str]) -> Source:
    mentions = sorted(entity.mentions, key=lambda m: m.start)
    for index, mention in enumerate(mentions):
        rules[mention_region_id(source_id, index)] = mention.rule
    anonymous = entity.naming is SourceNaming.ANONYMOUS
    role = next((m.role for m in mentions if m.role), None)
    affiliation = next((m.affiliation for m in mentions if m.affiliation), None)
    return Source(
        id=source_id,
        name=entity.name,
        kind=entity.kind,
        naming=entity.naming,
        role=None if anonymous else role,
        affiliation=None if anonymous else affiliation,
        mentions=[_span(reader, m.start, m.end) for m in mentions],
    )


def _quote(claim: FoundClaim) -> QuoteType:
    if claim.source is None:
        return QuoteType.NONE
    return QuoteType.DIRECT if claim.direct else QuoteType.INDIRECT


def _claims(reader: Reader, found: Found, source_ids: dict[int, str], cue_ids: dict[int, str]) -> list[Claim]:
    claim_ids = {id(claim): f"c{n}" for n, claim in enumerate(found.claims, start=1)}
    return [
        Claim(
            id=claim_ids[id(claim)],
            **_span(reader, claim.start, claim.end).model_dump(),
            category=claim.category,
            source=source_ids.get(id(claim.source)) if claim.source is not None else None,
            cue=cue_ids.get(id(claim.cue)) if claim.cue is not None else None,
            quote=_quote(claim),
            certainty=claim.certainty,
            polarity=claim.polarity,
            parent=claim_ids.get(id(claim.parent)) if claim.parent is not None else None,
            content_type=claim.content_type,
        )
        for claim in found.claims
    ]


def _cues(reader: Reader, cues: list[FoundCue], cue_ids: dict[int, str]) -> list[Cue]:
    return [Cue(id=cue_ids[id(cue)], **_span(reader, cue.start, cue.end).model_dump()) for cue in cues]


def propose(document: Document) -> Annotation:
    """The proposed annotation of a document: deterministic, offline, valid under every rule."""
    with collector.paused():  # a long page holds many small objects, all freed at the end (see collector)
        return _proposed(document)


def _proposed(document: Document) -> Annotation:
    reader = Reader(document)
    found = find(reader)
    rules: dict[str, str] = {}
    source_ids = {id(entity): f"s{n}" for n, entity in enumerate(found.sources, start=1)}
    cue_ids = {id(cue): f"q{n}" for n, cue in enumerate(found.cues, start=1)}
    sources = [_source(reader, e, source_ids[id(e)], rules) for e in found.sources]
    rules.update({cue_ids[id(cue)]: cue.rule for cue in found.cues})
    claims = _claims(reader, found, source_ids, cue_ids)
    rules.update({claim.id: found_claim.rule for claim, found_claim in zip(claims, found.claims, strict=True)})
    scores = [CONFIDENCE[rule] for rule in rules.values()]
    generator = Generator(
        name=NAME, version=VERSION, score=round(sum(scores) / len(scores), 4) if scores else None, rules=rules
    )
    return Annotation(
        annotator=NAME,
        guideline_version=GUIDELINES_VERSION,
        generator=generator,
        sources=sources,
        cues=_cues(reader, found.cues, cue_ids),
        claims=claims,
    )
