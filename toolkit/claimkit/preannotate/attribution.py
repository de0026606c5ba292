"""Attribution: one cue at a time, a speaker (a noun phrase after the cue, or the speaker it continues)
and content (after أنّ/إنّ, a colon, a quotation, a plain object, or the clause before a late "according
to"); relayed claims (نقلاً عن) become a claim inside a claim."""

from __future__ import annotations

from bisect import bisect_right

from claimkit.preannotate.according import after_phrase, in_place, issuer_at, marker_ahead, opens_sentence
from claimkit.preannotate.adjuncts import after_stance, stance_gender
from claimkit.preannotate.claims import (
    Content,
    certainty,
    complement,
    content_at,
    content_opens,
    inside_marks,
    polarity,
    split,
    trim,
)
from claimkit.preannotate.cues import CueHit
from claimkit.preannotate.found import Found, FoundClaim, FoundCue, content_type_of
from claimkit.preannotate.joined import before_separator, hedged_pieces
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, JOINING, RELATIVES, Form, needs_preposition
from claimkit.preannotate.objects import swallowed_whom
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Entity, Mention, SourceBook, introduced, read_mention
from claimkit.preannotate.subject import (
    MAIN_CLAUSE,
    after_because,
    after_contrast,
    clause_opening,
    main_clause_subject,
    opens_with_topic,
    subject_before,
)
from claimkit.preannotate.titles import addressee, state, told
from claimkit.preannotate.turns import (
    BEFORE_MARKER,
    content_next,
    speaks_before,
    tells_inside,
    then_content,
    without_told,
)
from claimkit.taxonomy import Certainty, ContentType, Polarity

__all__ = ["Attributor"]


#: Connectives of two words that join the next attribution (…، في حين قال المدير إن …): they go with it.
_JOINING_PAIRS = frozenset({("في", "حين")})
#: The most words of an addressee before the content (لوكالة فرانس برس إن).
_ADDRESSEE_WORDS = 5


class Attributor:
    """Attributes claims to speakers, cue by cue, adding what it keeps to ``found``."""

    def __init__(self, reader: Reader, book: SourceBook, found: Found, hits: list[CueHit]) -> None:
        self.reader = reader
        self.book = book
        self.found = found
        self.hits = hits  # every cue candidate of the document, in text order
        self._hit_starts = [hit.start for hit in hits]
        self._according_at: dict[int, CueHit] = {}  # "according to" cues by their first token
        for hit in hits:
            if hit.kind == "according":
                self._according_at.setdefault(hit.first, hit)

    def attribute(self, hit: CueHit) -> None:
        if self.reader.is_consumed(hit.start, hit.end):
            return
        if hit.kind == "according":
            self._according(hit)
        else:
            self._verb(hit)

    def _speaker(self, hit: CueHit) -> tuple[Mention | None, Entity | None, int]:
        """The speaker's new mention (or the known speaker it continues) and the token after it."""
        pluperfect = self._pluperfect(hit)  # وكانت الحكومة قد اتهمت قوات …: what follows is the object
        if pluperfect is not None:
            return pluperfect, None, hit.after
        if hit.kind == "verb" and (after := after_stance(self.reader, hit.after)) != hit.after:
            return self._in_turn(hit, after)
        reported = self._reported(hit)  # إن الشركة أبلغت الوزارة بأن …: the subject, not whom it told
        if reported is not None:
            return reported, None, hit.after
        if tells_inside(self.reader, hit):
            return None, None, hit.after
        if hit.form is not None and hit.form.verb.tells_whom and not hit.continued:
            told_by = self._subject_before(hit)  # الحكومة أبلغت النقابات بأن …: whom it tells follows
            if told_by is not None:
                return told_by, None, hit.after
        speaker_next = hit.kind == "verb" and not content_opens(self.reader, hit.after)
        objects = hit.form.verb.object_after if hit.form is not None else ()
        mention = read_mention(self.reader, hit.after, "source-subject", objects=objects) if speaker_next else None
        if mention is not None and hit.kind == "verb" and self._unknown_name(mention):
            before = self._subject_before(hit)  # بلدية الخليل أعلنت تشغيل …: the subject, not a name after
            if before is not None and (self._opens_sentence(before) or after_contrast(self.reader, before)):
                return before, None, hit.after
        if mention is not None and (self._plausible(mention, hit) or self._relays(hit, mention)):
            return mention, None, mention.end_token
        if hit.kind == "verb" and mention is None and opens_with_topic(self.reader, hit):
            return self._subject_before(hit), None, hit.after  # أما الوزير فقد أكد، أما الوزير فأكد
        relative = self.reader.key(hit.first - 1) in RELATIVES
        if hit.continued or hit.kind == "participle" or relative:
            return self._continued(hit, relative)
        before = self._subject_before(hit) if hit.kind == "verb" and mention is None else None
        return before, None, hit.after

    def _in_turn(self, hit: CueHit, after: int) -> tuple[Mention | None, Entity | None, int]:
        """Who speaks in turn, when the words that say so follow the cue (وقال بدوره الوزير إن …، وأكد من
        جهتها أن …): the speaker after them (not after a verb that takes an object: وانتقد بدوره الحكومة),
        else the subject before the verb, else the speaker their pronoun refers to (the last one of its
        gender)."""
        objects = hit.form.verb.object_after if hit.form is not None else ()
        opens = content_opens(self.reader, after)
        mention = None if opens else read_mention(self.reader, after, "source-subject", objects=objects)
        if mention is not None and self._plausible(mention, hit) and speaks_before(self.reader, hit, mention, objects):
            return mention, None, mention.end_token
        before = self._subject_before(hit)
        if before is not None:
            return before, None, after
        feminine = stance_gender(self.reader, hit.after)
        if feminine is None and hit.form is not None:
            feminine = hit.form.feminine
        recent = self.book.recent(hit.start, feminine)
        if recent is None and mention is not None and then_content(self.reader, mention, objects):
            return mention, None, mention.end_token  # ودعا أيضاً رئيس البرلمان إلى …, no one before
        return None, recent, after

    def _continued(self, hit: CueHit, relative: bool) -> tuple[Mention | None, Entity | None, int]:
        """The speaker a cue continues (وأضاف، معتبراً، الذي يرى): the latest of its gender; for a
        participle or a verb joined by و whose sentence named no speaker before it, the subject of the
        verb the sentence opens with (ووجه الوزير انتقادات للحكومة، مؤكداً أن …؛ وتقدمت النائبة زينب
        الشهابي باقتراح …، وقالت: "…")."""
        feminine = hit.form.feminine if hit.form is not None and not relative else None
        recent = self.book.recent(hit.start, feminine)
        continuing = hit.kind == "participle" or (hit.kind == "verb" and hit.continued and not relative)
        if continuing and not self._in_sentence(recent, hit):
            subject = main_clause_subject(self.reader, hit, feminine)
            if subject is not None:
                return subject, None, hit.after
        return None, recent, hit.after

    def _in_sentence(self, entity: Entity | None, hit: CueHit) -> bool:
        """Whether a speaker was mentioned in the sentence of ``hit``, before it."""
        opening = self.reader.sentence_of(hit.start)[0]
        return entity is not None and any(opening <= mention.start < hit.start for mention in entity.mentions)

    def _opens_sentence(self, mention: Mention) -> bool:
        """Whether a subject opens its sentence (with كان or أما before it, at most): not one inside a
        relative clause (المشروع الذي كانت الحكومة قد أعلنت عنه)."""
        reader = self.reader
        opening = reader.token_at(reader.sentence_of(mention.start)[0])
        return reader.token_at(clause_opening(reader, mention)) == opening

    def _unknown_name(self, mention: Mention) -> bool:
        """A bare name never met nor introduced before (تشغيل عشرة صهاريج read as one)."""
        bare_name = mention.keys == mention.name_keys
        return bare_name and self.book.match(mention) is None and introduced(self.reader, mention) is None

    def _plausible(self, mention: Mention, hit: CueHit | None = None) -> bool:
        """A bare name is a speaker when it is known already, names a state the verb of ``hit`` agrees
        with, was introduced earlier with a title, or is followed by the content."""
        feminine = hit.form.feminine if hit is not None and hit.form is not None else None
        if mention.keys != mention.name_keys or self.book.match(mention) is not None or state(mention.keys, feminine):
            return True  # قالت إيران، أبلغت واشنطن: a state speaks by its name
        earlier = introduced(self.reader, mention)
        if earlier is not None:
            mention.keys, mention.name_keys, mention.role = earlier.keys, earlier.name_keys, earlier.role
            mention.full_name = self.reader.text[earlier.start : earlier.end]
            return True
        return self._marker_next(mention.end_token)

    def _relays(self, hit: CueHit, mention: Mention) -> bool:
        """نقلت رويترز عن …: a bare name that relays someone else (the relay then needs its content)."""
        relaying = hit.form is not None and hit.form.verb.head == "نقل"
        return relaying and self.reader.key(mention.end_token) == "عن" and not self.reader.broken(mention.end_token)

    def _marker_next(self, k: int) -> bool:
        reader = self.reader
        k = after_stance(reader, k)  # وقال عون من جهته إن …
        if k >= len(reader.tokens):
            return True
        if content_next(reader, k) or any(c in reader.gap(k) for c in "،,."):
            return True
        if reader.key(k) in BEFORE_MARKER:
            return False  # من، إلى … without أنّ after it: not where the content opens
        # قال X للصحفيين إن، لوكالة فرانس برس إن: an addressee of a few words, then أنّ/إنّ
        if addressee(reader.key(k)):
            for m in range(k + 1, min(k + _ADDRESSEE_WORDS, len(reader.tokens))):
                if reader.broken(m):
                    return False
                if reader.key(m, "ف") in COMPLEMENTIZERS:
                    return True
        return False

    def _verb(self, hit: CueHit) -> None:
        mention, known, k = self._speaker(hit)
        if mention is None and (known is None or hit.told):
            return  # وأبلغه أن … without a speaker: "he told him", not the last speaker
        sentence = self.reader.sentence_of(hit.start)
        if self._relay(hit, mention, known, k):
            return
        objects = hit.form.verb.object_after if hit.form is not None else ()
        content = self._content(k, objects, sentence, hit)
        tells = hit.form is not None and hit.form.verb.tells_whom and not hit.told  # أبلغه: told already
        if (content is None or not content.spans) and mention is not None and tells:
            content = self._after_told(hit, mention, objects, sentence)
        if (content is None or not content.spans) and mention is not None and needs_preposition(objects):
            mention, content = self._shorter_speaker(hit, mention, objects, sentence)
        elif content is not None and mention is not None and self._took_whom(hit, mention, content):
            mention, content = self._without_whom(hit, mention, objects, sentence, content)
        if content is not None and mention is not None and tells:
            mention = without_told(self.reader, hit, mention)
        if content is None or not content.spans:
            return
        feminine = hit.form.feminine if hit.form is not None else None
        speaker = known if mention is None else self.book.add(mention, feminine)
        after_speaker = self.reader.tokens[mention.end_token - 1].end if mention is not None else hit.end
        start = min(self._opening(hit, mention), content.spans[0][0])
        self._nest(self._commit(hit, speaker, content, start=start, end=after_speaker))

    def _opening(self, hit: CueHit, mention: Mention | None) -> int:
        """Where an attribution opens: at its cue, or at a speaker before it (وكان الجيش قد أعلن: at كان)."""
        if mention is None or mention.rule == MAIN_CLAUSE:
            return hit.start  # ووجه الوزير انتقادات …، مؤكداً: the main clause stays the outlet's
        return min(hit.start, clause_opening(self.reader, mention))

    def _shorter_speaker(
        self, hit: CueHit, mention: Mention, objects: tuple[str, ...], sentence: tuple[int, int]
    ) -> tuple[Mention, Content | None]:
        """When the speaker's phrase left no content, the longest shorter phrase that does: the rest is
        the verb's object (تعهد الرئيس بمحاسبة المسؤولين; ندد بنيامين نتنياهو بقرار المحكمة, where the
        name opens with ب too) or whom it addresses (دعت بعثة الأمم المتحدة جميع الأطراف إلى …)."""
        for cut in reversed(range(hit.after + 1, mention.end_token)):
            again = read_mention(self.reader, hit.after, "source-subject", until=cut)
            content = self._content(again.end_token, objects, sentence, hit) if again is not None else None
            if again is not None and content is not None and content.spans:
                return again, content
        return mention, None

    def _after_told(
        self, hit: CueHit, mention: Mention, objects: tuple[str, ...], sentence: tuple[int, int]
    ) -> Content | None:
        """أبلغت إيران الوكالة الدولية للطاقة الذرية أنها …: the content after whom the speaker tells,
        when their phrase is a party, a body or a counterpart (never the content itself)."""
        k = mention.end_token
        if k >= len(self.reader.tokens) or self.reader.broken(k) or not told(self.reader.key(k)):
            return None
        whom = read_mention(self.reader, k, "source-subject", bare_name=False)
        return self._content(whom.end_token, objects, sentence, hit) if whom is not None else None

    def _took_whom(self, hit: CueHit, mention: Mention, content: Content) -> bool:
        verb = hit.form.verb if hit.form is not None else None
        if verb is None or not verb.names_whom or not content.spans or mention.end_token <= hit.after + 1:
            return False
        return swallowed_whom(self.reader, mention.end_token, content.spans[0][0])

    def _without_whom(
        self, hit: CueHit, mention: Mention, objects: tuple[str, ...], sentence: tuple[int, int], content: Content
    ) -> tuple[Mention, Content]:
        """The speaker without its last word, which the content keeps (see :meth:`_took_whom`)."""
        again = read_mention(self.reader, hit.after, "source-subject", until=mention.end_token - 1)
        shorter = self._content(again.end_token, objects, sentence, hit) if again is not None else None
        if again is None or shorter is None or not shorter.spans:
            return mention, content
        return again, shorter

    def _subject_before(self, hit: CueHit) -> Mention | None:
        feminine = hit.form.feminine if hit.form is not None else None
        known = lambda mention: self.book.match(mention, feminine) is not None  # noqa: E731
        return subject_before(self.reader, hit, lambda mention: self._plausible(mention, hit), known=known)

    def _reported(self, hit: CueHit) -> Mention | None:
        """The subject of a verb right after أنّ/إنّ (قال الوزير إن الجيش أعلن أن …): a speaker whom
        another reports speaking; the attribution nests in the other's claim (:meth:`_nest`)."""
        if hit.kind != "verb" or hit.continued:
            return None
        return subject_before(self.reader, hit, lambda mention: self._plausible(mention, hit), after_that=True)

    def _nest(self, outer: list[FoundClaim]) -> None:
        """A speaker reported speaking inside one claim (guidelines §6): the outer claim keeps the whole
        reported content, and the reported attribution is an inner claim linked to it."""
        if len(outer) != 1:
            return
        claim = outer[0]
        for inner in self.hits[bisect_right(self._hit_starts, claim.start) :]:
            if inner.start >= claim.end:
                return
            subject = self._reported(inner)
            if subject is None or not (subject.start == claim.start or after_because(self.reader, subject)):
                continue
            objects = inner.form.verb.object_after if inner.form is not None else ()
            content = self._content(inner.after, objects, self.reader.sentence_of(inner.start), inner)
            if content is None or not content.spans or content.spans[-1][1] > claim.end:
                return
            feminine = inner.form.feminine if inner.form is not None else None
            for nested in self._commit(inner, self.book.add(subject, feminine), content, start=subject.start):
                nested.parent = claim
            return

    def _pluperfect(self, hit: CueHit) -> Mention | None:
        if hit.kind != "verb" or hit.continued:
            return None
        return subject_before(self.reader, hit, lambda mention: self._plausible(mention, hit), after_kana=True)

    def _content(self, k: int, objects: tuple[str, ...], sentence: tuple[int, int], hit: CueHit) -> Content | None:
        stop = self._next_cue_start(hit, sentence[1])
        found = complement(self.reader, k, objects, stop)
        if found is not None:
            content = content_at(self.reader, found[0], stop)
            if content is None:
                return None
            pieces = [piece for span in content.spans for piece in hedged_pieces(self.reader, span)]
            return Content(pieces, content.direct, content.end, content.rule)
        return self._quote_before(hit, sentence) if hit.kind == "verb" else None

    def _quote_before(self, hit: CueHit, sentence: tuple[int, int]) -> Content | None:
        """«…»، قال الوزير: the quotation before a cue that ends its sentence."""
        reader = self.reader
        for start, end in reader.quotes_within(sentence[0], hit.start):
            if not any(char.isalpha() for char in reader.text[end : hit.start]):
                inner_end = end - 1 if end - 1 > start else end
                return Content(split(reader, start + 1, inner_end), True, sentence[1], "claim-quote-before")
        return None

    def _next_cue_start(self, hit: CueHit, limit: int) -> int:
        for other in self.hits[bisect_right(self._hit_starts, hit.end) :]:
            if other.start >= limit:
                break
            opening = None if self.reader.is_consumed(other.start, other.end) else self._viable(other)
            if opening is not None:
                return self._before_separator(self._before_connective(opening))
        return limit

    def _before_connective(self, offset: int) -> int:
        """…، فيما نفت الحركة: the connective that joins the next attribution goes with it."""
        reader = self.reader
        index = reader.token_at(offset)
        at_word = 0 < index < len(reader.tokens) and reader.tokens[index].start == offset
        if at_word and not reader.broken(index) and reader.key(index - 1) in JOINING:
            return reader.tokens[index - 1].start
        two = (reader.key(index - 2), reader.key(index - 1))  # …، في حين قال المدير
        if at_word and index > 1 and two in _JOINING_PAIRS and not (reader.broken(index) or reader.broken(index - 1)):
            return reader.tokens[index - 2].start
        return offset

    def _viable(self, hit: CueHit) -> int | None:
        """Where the attribution of a later cue that will likely be kept opens (the cue with its و, or the
        subject before it: وكان الجيش قد أعلن); ``None`` when it neither continues a speaker nor names one."""
        opening = self.reader.tokens[hit.first].start  # …، وأضاف: the و goes with the cue
        if hit.kind == "participle" or (hit.kind == "verb" and hit.continued):
            return opening
        if self._reported(hit) is not None or tells_inside(self.reader, hit):
            return None  # reported inside the claim before it (nested there: :meth:`_nest`), or no cue
        pluperfect = self._pluperfect(hit)
        if pluperfect is not None:
            return clause_opening(self.reader, pluperfect)
        rule = "source-according-to" if hit.kind == "according" else "source-subject"
        quoted = hit.kind == "verb" and content_opens(self.reader, hit.after)  # قال: "الوضع …": no speaker
        mention = None if quoted else read_mention(self.reader, hit.after, rule)
        if mention is not None and self._plausible(mention, hit):
            return opening
        before = self._subject_before(hit) if hit.kind == "verb" else None
        return clause_opening(self.reader, before) if before is not None else None

    def _before_separator(self, offset: int) -> int:
        return before_separator(self.reader.text, offset)

    def _relay(self, hit: CueHit, mention: Mention | None, known: Entity | None, k: int) -> bool:
        """ذكرت الوكالة نقلاً عن مصدر أن …، نقلت الصحيفة عن دبلوماسي قوله إن …: a claim inside a claim (§6)."""
        reader = self.reader
        relay = self._according_at.get(k)
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
        outer = self._commit(hit, outer_speaker, outer_content, start=self._opening(hit, mention))
        inner = self._commit(
            inner_cue, self.book.add(inner_mention), content, start=relay_start, cue=inner_cue is not None
        )
        for claim in inner:
            claim.parent = outer[0] if outer else None
        return True

    def _according(self, hit: CueHit) -> None:
        reader = self.reader
        mention = read_mention(reader, issuer_at(reader, hit.after), "source-according-to")
        if mention is None or not self._plausible(mention) or in_place(reader, hit, mention):
            return
        sentence = reader.sentence_of(hit.start)
        content = self._content(mention.end_token, (), sentence, hit) if marker_ahead(self.reader, mention) else None
        if content is None and opens_sentence(self.reader, hit, sentence):
            content = after_phrase(self.reader, mention, sentence)
        if content is None or not content.spans:
            content = self._clause_before(hit, sentence)
        if content is None or not content.spans:
            return
        start, end = min(hit.start, content.spans[0][0]), reader.tokens[mention.end_token - 1].end
        self._commit(hit, self.book.add(mention), content, start=start, end=end)  # …، وفق ما أفادت الوزارة

    def _clause_before(self, hit: CueHit, sentence: tuple[int, int]) -> Content | None:
        # After what attributions explained: the furthest end of a stretch consumed before the cue.
        start = max(sentence[0], self.reader.consumed_reach(hit.start) or 0)
        span = trim(self.reader.text, start, hit.start)
        if len(list(self.reader.words(*span))) < 3:
            return None
        return Content(hedged_pieces(self.reader, span), False, hit.end, "claim-before-according-to")

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
        if hit is not None:  # وقال: the conjunction before the cue goes with it, not with the claim before
            start = min(start, self.reader.tokens[hit.first].start)
        self.reader.consume(start, max(content.end, content.spans[-1][1], hit.end if hit else 0, end))
        return claims

    def _claim(
        self, span: tuple[int, int], content: Content, speaker: Entity, cue: FoundCue | None, form: Form | None
    ) -> FoundClaim:
        reader = self.reader
        direct = reader.quotes.encloses(*span)
        if direct:
            span = inside_marks(reader.text, *span)
        claim = FoundClaim(span[0], span[1], content.rule, speaker, cue, direct, form)
        claim.certainty = certainty(reader, *span)
        if form is not None and form.certainty is not None and claim.certainty is Certainty.CERTAIN:
            claim.certainty = form.certainty  # توقّع، رجّح: probable; تشكّك: possible
        denial = form is not None and form.content_type is ContentType.DENIAL
        claim.polarity = Polarity.NEGATIVE if denial else polarity(reader, *span)
        claim.content_type = content_type_of(claim, form)
        return claim
