"""The proposer: reads a document once and proposes its claims, sources, cues and links.

Order of work: every cue candidate in text order is kept if it has a speaker (a noun phrase after
it, or the previous speaker when the cue continues: وأضاف، معتبراً، الذي يرى) and content (after
أنّ/إنّ, a colon, a quotation, a plain object, or the clause before a late "according to"). What no
attribution explains is the outlet's own voice: each remaining sentence is a reported fact, minus
formulas like يذكر أن, with unconfirmed reports attributed to their vague source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from claimkit.preannotate.arabic import Token, strip_clitic
from claimkit.preannotate.claims import Content, certainty, complement, content_at, polarity, split, trim
from claimkit.preannotate.cues import NEGATIONS, CueHit, find_cues, formula_at
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, RELATIVES, Form, comment_forms, verb_forms
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Entity, Mention, SourceBook, introduced, read_mention
from claimkit.preannotate.titles import RUMOUR_WORDS, bare
from claimkit.taxonomy import (
    OFFICIAL_SOURCE_KINDS,
    Certainty,
    ClaimCategory,
    ContentType,
    Polarity,
    SourceKind,
    SourceNaming,
)

__all__ = ["Found", "FoundClaim", "FoundCue", "find"]

_TOPIC_STARTS = frozenset(["حول", "عن", "في", "بشان", "ردا", "تعليقا", "خلال", "وحول", "وعن", "وفي", "وبشان"])
_RUMOUR_LINKS = frozenset(["حول", "عن", "بشان", "تفيد", "تشير", "مفادها", "ان", "بان"])
_MIN_OUTLET_WORDS = 4


@dataclass
class FoundCue:
    start: int
    end: int
    rule: str


@dataclass
class FoundClaim:
    start: int
    end: int
    rule: str
    source: Entity | None = None
    cue: FoundCue | None = None
    direct: bool = False
    form: Form | None = None
    parent: FoundClaim | None = None
    certainty: Certainty = Certainty.CERTAIN
    polarity: Polarity = Polarity.POSITIVE
    content_type: ContentType | None = None

    @property
    def category(self) -> ClaimCategory:
        """The decision tree of guidelines 1.1.0 (§2): the speaker's kind, then what the claim does."""
        if self.source is None:
            return ClaimCategory.REPORTED_FACT  # the outlet's account (its evaluations are not detected)
        kind = self.source.kind
        if kind in OFFICIAL_SOURCE_KINDS:
            return ClaimCategory.OFFICIAL_STATEMENT
        if kind in (SourceKind.ANALYST, SourceKind.JOURNALIST):
            return ClaimCategory.ANALYST_OPINION
        if self.content_type in (ContentType.EVALUATION, ContentType.RECOMMENDATION) or self._forecast():
            return ClaimCategory.ANALYST_OPINION  # §2.2: opinions of organizations, witnesses, media, others
        return ClaimCategory.REPORTED_FACT

    def _forecast(self) -> bool:
        """§2.4: a judgement of what will happen, not a plan, and not an unconfirmed report of one."""
        if self.content_type is not ContentType.PREDICTION or self.rule == "claim-rumour":
            return False  # a rumour reports that an arrangement may exist: information (§2.4)
        if self.form is not None and self.form.content_type is ContentType.PREDICTION:
            return self.form.forecast
        hedged = self.certainty in (Certainty.POSSIBLE, Certainty.PROBABLE)
        return hedged and self.source is not None and self.source.naming is not SourceNaming.ANONYMOUS


@dataclass
class Found:
    """Everything proposed for one document, before it becomes an annotation."""

    claims: list[FoundClaim] = field(default_factory=list)
    cues: list[FoundCue] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)


class _Proposer:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.book = SourceBook(reader)
        self.found = Found()

    # -- attributions ----------------------------------------------------------------------------
    def attribute(self, hit: CueHit) -> None:
        if self.reader.is_consumed(hit.start, hit.end):
            return
        if hit.kind == "according":
            self._according(hit)
        else:
            self._verb(hit)

    def _speaker(self, hit: CueHit) -> tuple[Mention | None, Entity | None, int]:
        """The speaker's new mention (or the known speaker it continues) and the token after it."""
        mention = read_mention(self.reader, hit.after, "source-subject") if hit.kind == "verb" else None
        if mention is not None and self._plausible(mention):
            return mention, None, mention.end_token
        relative = self.reader.key(hit.first - 1) in RELATIVES
        if hit.continued or hit.kind == "participle" or relative:
            feminine = hit.form.feminine if hit.form is not None and not relative else None
            return None, self.book.recent(hit.start, feminine), hit.after
        return None, None, hit.after

    def _plausible(self, mention: Mention) -> bool:
        """A bare name is a speaker when it is known already, introduced earlier with a title, or
        followed by the content."""
        if mention.keys != mention.name_keys or self.book.match(mention) is not None:
            return True
        earlier = introduced(self.reader, mention)
        if earlier is not None:
            mention.keys, mention.name_keys, mention.role = earlier.keys, earlier.name_keys, earlier.role
            mention.full_name = self.reader.text[earlier.start : earlier.end]
            return True
        return self._marker_next(mention.end_token)

    def _marker_next(self, k: int) -> bool:
        reader = self.reader
        if k >= len(reader.tokens):
            return True
        return reader.key(k, "ف") in COMPLEMENTIZERS or any(c in reader.gap(k) for c in ':،,."«“')

    def _verb(self, hit: CueHit) -> None:
        mention, known, k = self._speaker(hit)
        if mention is None and known is None:
            return
        sentence = self.reader.sentence_of(hit.start)
        if self._relay(hit, mention, known, k):
            return
        objects = hit.form.verb.object_after if hit.form is not None else ()
        content = self._content(k, objects, sentence, hit)
        if content is None or not content.spans:
            return
        speaker = known if mention is None else self.book.add(mention)
        after_speaker = self.reader.tokens[mention.end_token - 1].end if mention is not None else hit.end
        self._commit(
            hit,
            speaker,
            content,
            start=min(hit.start, content.spans[0][0]) if content.spans else hit.start,
            end=after_speaker,
        )

    def _content(self, k: int, objects: tuple[str, ...], sentence: tuple[int, int], hit: CueHit) -> Content | None:
        stop = self._next_cue_start(hit, sentence[1])
        found = complement(self.reader, k, objects, stop)
        if found is not None:
            return content_at(self.reader, found[0], stop)
        return self._quote_before(hit, sentence) if hit.kind == "verb" else None

    def _quote_before(self, hit: CueHit, sentence: tuple[int, int]) -> Content | None:
        """«…»، قال الوزير: the quotation before a cue that ends its sentence."""
        reader = self.reader
        for start, end in reader.quotes.regions:
            between = reader.text[end : hit.start]
            if sentence[0] <= start and end <= hit.start and not any(char.isalpha() for char in between):
                inner_end = end - 1 if end - 1 > start else end
                return Content(split(reader, start + 1, inner_end), True, sentence[1], "claim-quote-before")
        return None

    def _next_cue_start(self, hit: CueHit, limit: int) -> int:
        for other in self.hits:
            pending = hit.end < other.start < limit and not self.reader.is_consumed(other.start, other.end)
            if pending and self._viable(other):
                return self._before_separator(other.start)
        return limit

    def _viable(self, hit: CueHit) -> bool:
        """Whether a later cue will likely be kept: it continues a speaker or names a plausible one."""
        if hit.kind == "participle" or (hit.kind == "verb" and hit.continued):
            return True
        rule = "source-according-to" if hit.kind == "according" else "source-subject"
        mention = read_mention(self.reader, hit.after, rule)
        return mention is not None and self._plausible(mention)

    def _before_separator(self, offset: int) -> int:
        text = self.reader.text
        end = offset
        while end > 0 and text[end - 1] in " ،,":
            end -= 1
        return end

    def _relay(self, hit: CueHit, mention: Mention | None, known: Entity | None, k: int) -> bool:
        """ذكرت الوكالة نقلاً عن مصدر أن …، نقلت الصحيفة عن دبلوماسي قوله إن …: a claim inside a claim (§6)."""
        reader = self.reader
        relay = next((h for h in self.hits if h.first == k and h.kind == "according"), None)
        if relay is not None and reader.key(k) == "نقلا":
            inner_cue: CueHit | None = relay
        elif hit.form is not None and hit.form.verb.head == "نقل" and reader.key(k) == "عن":
            inner_cue = None
        else:
            return False
        inner_mention = read_mention(reader, inner_cue.after if inner_cue else k + 1, "source-relayed")
        if inner_mention is None:
            return False
        m = inner_mention.end_token
        if reader.key(m).startswith("قول") and not reader.broken(m):  # قوله، قولها: "his saying"
            token = reader.tokens[m]
            inner_cue, m = CueHit(token.start, token.end, m, m + 1, "saying"), m + 1
        content = self._content(m, (), reader.sentence_of(hit.start), inner_cue or hit)
        if content is None or not content.spans:
            return False
        outer_speaker = known if mention is None else self.book.add(mention)
        relay_start = reader.tokens[k].start
        outer_content = Content([trim(reader.text, relay_start, content.end)], False, content.end, "claim-relay")
        outer = self._commit(hit, outer_speaker, outer_content, start=hit.start)
        inner = self._commit(
            inner_cue, self.book.add(inner_mention), content, start=relay_start, cue=inner_cue is not None
        )
        for claim in inner:
            claim.parent = outer[0] if outer else None
        return True

    def _according(self, hit: CueHit) -> None:
        reader = self.reader
        mention = read_mention(reader, hit.after, "source-according-to")
        if mention is None or not self._plausible(mention):
            return
        sentence = reader.sentence_of(hit.start)
        content = self._content(mention.end_token, (), sentence, hit) if self._marker_ahead(mention) else None
        if content is None and self._opens_sentence(hit, sentence):
            content = self._after_phrase(mention, sentence)
        if content is None or not content.spans:
            content = self._clause_before(hit, sentence)
        if content is None or not content.spans:
            return
        self._commit(hit, self.book.add(mention), content, start=min(hit.start, content.spans[0][0]))

    def _marker_ahead(self, mention: Mention) -> bool:
        """Whether أنّ/إنّ follows the phrase (جاء في بيان الوزارة أن), before any other verb or clause."""
        reader = self.reader
        for k in range(mention.end_token, min(mention.end_token + 8, len(reader.tokens))):
            key = reader.key(k, "ف")
            if key in COMPLEMENTIZERS:
                return True
            if key in RELATIVES or key in verb_forms() or (reader.broken(k) and "،" not in reader.gap(k)):
                return False
        return False

    def _opens_sentence(self, hit: CueHit, sentence: tuple[int, int]) -> bool:
        first = self.reader.token_at(sentence[0])
        return hit.first <= first + 1

    def _after_phrase(self, mention: Mention, sentence: tuple[int, int]) -> Content | None:
        reader = self.reader
        k = mention.end_token
        if k < len(reader.tokens) and reader.key(k, "ف") in COMPLEMENTIZERS:
            k += 1
        if k >= len(reader.tokens) or reader.tokens[k].start >= sentence[1]:
            return None
        spans = split(reader, reader.tokens[k].start, sentence[1])
        return Content(spans, False, sentence[1], "claim-after-according-to") if spans else None

    def _clause_before(self, hit: CueHit, sentence: tuple[int, int]) -> Content | None:
        start = max(
            [
                sentence[0],
                *(
                    end
                    for s, end in self.reader.consumed
                    if s < hit.start <= end or (end <= hit.start and end > sentence[0])
                ),
            ]
        )
        span = trim(self.reader.text, start, hit.start)
        if len(list(self.reader.words(*span))) < 3:
            return None
        return Content([span], False, hit.end, "claim-before-according-to")

    def _commit(  # noqa: PLR0913 - keyword-only: the span of the claim to commit
        self,
        hit: CueHit | None,
        speaker: Entity | None,
        content: Content,
        *,
        start: int,
        cue: bool = True,
        end: int = 0,
    ) -> list[FoundClaim]:
        if speaker is None or not content.spans:
            return []
        found_cue = FoundCue(hit.start, hit.end, hit.rule) if hit is not None and cue else None
        if found_cue is not None:
            self.found.cues.append(found_cue)
        form = hit.form if hit is not None else None
        claims = [self._claim(span, content, speaker, found_cue, form) for span in content.spans]
        self.found.claims += claims
        self.reader.consume(start, max(content.end, content.spans[-1][1], hit.end if hit else 0, end))
        return claims

    def _claim(
        self, span: tuple[int, int], content: Content, speaker: Entity, cue: FoundCue | None, form: Form | None
    ) -> FoundClaim:
        reader = self.reader
        claim = FoundClaim(span[0], span[1], content.rule, speaker, cue, reader.quotes.encloses(*span), form)
        claim.certainty = certainty(reader, *span)
        if form is not None and form.certainty is not None and claim.certainty is Certainty.CERTAIN:
            claim.certainty = form.certainty  # توقّع، رجّح: probable; تشكّك: possible
        denial = form is not None and form.content_type is ContentType.DENIAL
        claim.polarity = Polarity.NEGATIVE if denial else polarity(reader, *span)
        claim.content_type = _content_type(claim, form)
        return claim

    # -- the outlet's own voice -----------------------------------------------------------------
    def outlet(self) -> None:
        reader = self.reader
        for sentence in reader.sentences:
            if reader.in_furniture(*sentence):
                continue
            for start, end in self._unexplained(sentence):
                self._outlet_piece(start, end)

    def _unexplained(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """The parts of a sentence no attribution explains."""
        pieces, cursor = [], sentence[0]
        for start, end in sorted(self.reader.consumed):
            if end <= cursor or start >= sentence[1]:
                continue
            if start > cursor:
                pieces.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < sentence[1]:
            pieces.append((cursor, sentence[1]))
        return [trim(self.reader.text, s, e) for s, e in pieces]

    def _outlet_piece(self, start: int, end: int) -> None:
        reader = self.reader
        words = list(reader.words(start, end))
        if len(words) < _MIN_OUTLET_WORDS or reader.key(words[0].index, "و") in _TOPIC_STARTS - {"في"}:
            return
        if reader.key(words[0].index) in {"حول", "وحول", "بشان", "وبشان"}:
            return
        skip = formula_at(reader, words[0].index)
        rule = "claim-outlet"
        if skip:
            start, rule = words[skip - 1].end, "claim-outlet-formula"
        if self._rumour(words, end):
            return
        for span in split(reader, start, end):
            self.found.claims.append(self._outlet_claim(span, rule))

    def _outlet_claim(self, span: tuple[int, int], rule: str) -> FoundClaim:
        reader = self.reader
        claim = FoundClaim(span[0], span[1], rule, certainty=certainty(reader, *span), polarity=polarity(reader, *span))
        if self._no_comment(span):
            claim.polarity, claim.content_type, claim.rule = (
                Polarity.NEGATIVE,
                ContentType.NON_COMMENT,
                "claim-no-comment",
            )
        else:
            claim.content_type = _content_type(claim, None)
        return claim

    def _no_comment(self, span: tuple[int, int]) -> bool:
        words = list(self.reader.words(*span))[:6]
        keys = [self.reader.key(token.index, "وف") for token in words]
        comments = comment_forms()
        return any(k in NEGATIONS and any(c in comments for c in keys[i + 1 : i + 3]) for i, k in enumerate(keys))

    def _rumour(self, words: list[Token], end: int) -> bool:
        """يأتي ذلك وسط تداول غير رسمي لأخبار حول …: the vague report is the source, certainty possible."""
        reader = self.reader
        for position, token in enumerate(words):
            if bare(reader.key(token.index, "و")) not in RUMOUR_WORDS and bare(token.key) not in RUMOUR_WORDS:
                continue
            link = next((w for w in words[position + 1 : position + 7] if w.key in _RUMOUR_LINKS), None)
            if link is None or not _unconfirmed(reader, words[position : link.index - words[0].index]):
                continue
            start = token.start
            stripped = strip_clitic(token, "و")
            if stripped and bare(stripped[0]) in RUMOUR_WORDS:
                start += stripped[1]
            mention_end = reader.tokens[link.index - 1].end
            mention = Mention(
                start,
                mention_end,
                "source-rumour",
                tuple(t.key for t in reader.words(start, mention_end)),
                SourceNaming.ANONYMOUS,
            )
            circulator = self._circulator(words, start)
            return self._rumour_claims(circulator or mention, link.end, end)
        return False

    def _circulator(self, words: list[Token], trigger: int) -> Mention | None:
        """تتداول صفحات على مواقع التواصل أنباء …: who circulates the report, when a verb says so."""
        reader = self.reader
        if len(words) < 3 or reader.key(words[0].index, "و") not in _CIRCULATE:
            return None
        subject = [w for w in words[1:] if w.end <= trigger]
        if not subject or any(reader.broken(w.index) for w in subject):
            return None
        naming = SourceNaming.NAMED if subject[0].definite else SourceNaming.UNNAMED_DESCRIBED
        keys = tuple(w.key for w in subject)
        start, end = subject[0].start, subject[-1].end
        role = reader.text[start:end] if naming is SourceNaming.UNNAMED_DESCRIBED else None  # N005
        return Mention(start, end, "source-subject", keys, naming, role=role, end_token=subject[-1].index + 1)

    def _rumour_claims(self, mention: Mention, content_start: int, end: int) -> bool:
        reader = self.reader
        spans = split(reader, content_start, end)
        if not spans:
            return False
        speaker = self.book.add(mention)
        for span in spans:
            claim = FoundClaim(
                *span, "claim-rumour", speaker, certainty=Certainty.POSSIBLE, polarity=polarity(reader, *span)
            )
            claim.content_type = ContentType.PREDICTION
            self.found.claims.append(claim)
        return True

    @property
    def hits(self) -> list[CueHit]:
        return self._hits

    def run(self) -> Found:
        self._hits = list(find_cues(self.reader))
        for hit in self._hits:
            self.attribute(hit)
        self.outlet()
        self.found.sources = [e for e in self.book.entities if any(c.source is e for c in self.found.claims)]
        self.found.claims.sort(key=lambda c: (c.start, -c.end))
        self.found.cues.sort(key=lambda c: c.start)
        return self.found


_CIRCULATE = frozenset(["تتداول", "يتداول", "تداولت", "تداول", "تداولوا", "يتداولون", "تتناقل", "تناقلت", "يتناقل"])
_UNCONFIRMED = frozenset(["غير", "متداوله", "متداول", "تداول", "شايعات", "تسريبات", "مزعومه"])


def _unconfirmed(reader: Reader, words: list[Token]) -> bool:
    return any(bare(reader.key(w.index, "و")) in _UNCONFIRMED or w.key in _UNCONFIRMED for w in words)


def _content_type(claim: FoundClaim, form: Form | None) -> ContentType | None:
    """What the claim does, from its cue (the cue table), else from its certainty; facts by default."""
    if form is not None and form.content_type is not None:
        return form.content_type
    if claim.certainty in (Certainty.POSSIBLE, Certainty.PROBABLE):
        return ContentType.PREDICTION
    if claim.source is None or claim.source.kind not in OFFICIAL_SOURCE_KINDS | {
        SourceKind.ANALYST,
        SourceKind.JOURNALIST,
    }:
        return ContentType.FACTUAL_ASSERTION
    return None


def find(reader: Reader) -> Found:
    """The proposals for the document the reader holds."""
    return _Proposer(reader).run()
