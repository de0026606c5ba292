"""The outlet's own voice: what no attribution explains is a reported fact, minus formulas like يذكر أن;
unconfirmed reports (تداول أنباء عن …) are attributed to their vague source, or to who circulates them."""

from __future__ import annotations

import re

from claimkit.preannotate.arabic import Token, normalize, strip_clitic
from claimkit.preannotate.claims import certainty, polarity, split, trim
from claimkit.preannotate.cues import NEGATIONS, formula_at
from claimkit.preannotate.found import Found, FoundClaim, content_type_of
from claimkit.preannotate.joined import after_connective, hedged_pieces
from claimkit.preannotate.lexicon import comment_forms
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Mention, SourceBook
from claimkit.preannotate.titles import RUMOUR_WORDS, bare
from claimkit.taxonomy import Certainty, ContentType, Polarity, SourceNaming

__all__ = ["OutletVoice"]

_TOPIC_STARTS = frozenset(["حول", "عن", "في", "بشان", "ردا", "تعليقا", "خلال", "وحول", "وعن", "وفي", "وبشان"])
_RUMOUR_LINKS = frozenset(["حول", "عن", "بشان", "تفيد", "تشير", "مفادها", "ان", "بان"])
_MIN_OUTLET_WORDS = 4
#: A shorter clause is the outlet's too when it opens its sentence and a contrast or a reason with an
#: attribution of its own follows (وتراجعت الليرة، غير أن حاكم المصرف أكد …; وتأجلت الجلسة لأن …).
_MIN_CLAUSE_WORDS = 2
_TURNS = frozenset(normalize(word) for word in ("إلا", "غير", "بيد", "لأن"))
#: A dateline that opens a paragraph: a place of one or two words (and an agency in brackets) before a
#: dash, no digit (غزة - …، الدار البيضاء (رويترز) - …).
_WORD = r"[^\s\d.،:؛()\-–—]+"
_AGENCY_COLON = re.compile(r"(?:[^\s\d.،:؛]+[ \t]+){0,2}[^\s\d.،:؛]+:[ \t]*")  # أ ف ب: …
_DATELINE = re.compile(rf"{_WORD}(?:[ \t]+{_WORD})?(?:[ \t]+\([^)\n\d]{{1,20}}\))?[ \t]+[-–—][ \t]+")
#: Occasions of speech (في مؤتمر صحفي، في تصريح لـ…): before an attribution, where it was said.
_OCCASIONS = frozenset(
    bare(normalize(word))
    for word in ("مؤتمر", "تصريح", "تصريحات", "حديث", "مقابلة", "كلمة", "لقاء", "إفادة", "خطاب", "منشور", "تغريدة")
)

_CIRCULATE = frozenset(["تتداول", "يتداول", "تداولت", "تداول", "تداولوا", "يتداولون", "تتناقل", "تناقلت", "يتناقل"])
_UNCONFIRMED = frozenset(["غير", "متداوله", "متداول", "تداول", "شايعات", "تسريبات", "مزعومه"])


class OutletVoice:
    """Adds the outlet's own claims to ``found``: the parts of sentences no attribution took."""

    def __init__(self, reader: Reader, book: SourceBook, found: Found) -> None:
        self.reader = reader
        self.book = book
        self.found = found

    def add_claims(self) -> None:
        reader = self.reader
        for sentence in reader.sentences:
            if reader.in_furniture(*sentence):
                continue
            for start, end in self._unexplained(sentence, reader.explained.near(*sentence)):
                self._outlet_piece(start, end)

    def _unexplained(self, sentence: tuple[int, int], explained: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The parts of a sentence no attribution explains (``explained``: the consumed stretches that
        may reach into it, sorted)."""
        pieces, cursor = [], sentence[0]
        for start, end in explained:
            if end <= cursor or start >= sentence[1]:
                continue
            if start > cursor:
                pieces.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < sentence[1]:
            pieces.append((cursor, sentence[1]))
        return [trim(self.reader.text, s, e) for s, e in pieces]

    def _clause_before_turn(self, words: list[Token]) -> bool:
        """Whether the piece opens its sentence and what follows it is a contrast or a reason that an
        attribution took (…، إلا أن …، لأن …): a whole clause, however short."""
        reader = self.reader
        if not words or reader.token_at(reader.sentence_of(words[0].start)[0]) != words[0].index:
            return False
        after = words[-1].index + 1
        if reader.key(after, "و") not in _TURNS:
            return False
        return reader.is_consumed(reader.tokens[after].start, reader.tokens[after].end)

    def _outlet_piece(self, start: int, end: int) -> None:
        reader = self.reader
        words = list(reader.words(start, end))
        least = _MIN_CLAUSE_WORDS if self._clause_before_turn(words) else _MIN_OUTLET_WORDS
        if len(words) < least or reader.key(words[0].index, "و") in _TOPIC_STARTS - {"في"}:
            return
        if reader.key(words[0].index) in {"حول", "وحول", "بشان", "وبشان"} or self._occasion(words, end):
            return
        skip = formula_at(reader, words[0].index)
        rule = "claim-outlet"
        if skip:
            start, rule = words[skip - 1].end, "claim-outlet-formula"
        elif dateline := self._dateline(start, end):
            start = dateline  # غزة - قُتل …، بيروت (أ ف ب) - …: where the report was filed
        if self._rumour(words, end):
            return
        for span in split(reader, start, end):
            for piece in hedged_pieces(reader, after_connective(reader, span)):  # …، ويُتوقع أن …: its own
                self.found.claims.append(self._outlet_claim(piece, rule))

    def _occasion(self, words: list[Token], end: int) -> bool:
        """وفي مؤتمر صحفي عقده في دمشق، قال الوزير …: where the speaker spoke, right before the
        attribution it frames, is no claim of the outlet's."""
        reader = self.reader
        if reader.key(words[0].index, "و") != "في" or bare(reader.key(words[1].index)) not in _OCCASIONS:
            return False
        if any(char in reader.text[words[0].start : end] for char in "،,"):
            return False  # وفي لقاء جمع الرئيسين، وقع الجانبان اتفاقية …: more than the occasion
        after = end
        while after < len(reader.text) and reader.text[after] in " ،,":
            after += 1
        return after > end and reader.explained.overlaps(after, after + 1)

    def _dateline(self, start: int, end: int) -> int | None:
        """Where the text after a dateline that opens a paragraph starts (and after an agency named
        with a colon: بيروت - أ ف ب: …); not when another dash follows in the sentence (an aside:
        الرئيس الأمريكي - الذي يزور المنطقة - سيلتقي …)."""
        text = self.reader.text
        found = _DATELINE.match(text, start, end) if start == 0 or text[start - 1] == "\n" else None
        if found is None or any(f" {dash} " in text[found.end() - 1 : end] for dash in "-–—"):
            return None
        agency = _AGENCY_COLON.match(text, found.end(), end)
        return agency.end() if agency else found.end()

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
            claim.content_type = content_type_of(claim, None)
        return claim

    def _no_comment(self, span: tuple[int, int]) -> bool:
        words = list(self.reader.words(*span))[:6]
        keys = [self.reader.key(token.index, "وف") for token in words]
        comments = comment_forms()
        # لم تعلق دمشق، لم يصدر أي تعليق: the comment within three words of the negation
        return any(k in NEGATIONS and any(c in comments for c in keys[i + 1 : i + 4]) for i, k in enumerate(keys))

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


def _unconfirmed(reader: Reader, words: list[Token]) -> bool:
    return any(bare(reader.key(w.index, "و")) in _UNCONFIRMED or w.key in _UNCONFIRMED for w in words)
