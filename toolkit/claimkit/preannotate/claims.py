"""Claim spans: where reported content starts after a cue (أنّ/إنّ, a colon, a quotation, a plain
object), where it ends, how it splits into assertions, and what its words say about certainty and
polarity."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from claimkit.lexicon import leading_marker
from claimkit.preannotate.adjuncts import after_anonymity, after_commas, after_stance, unread_then_that
from claimkit.preannotate.arabic import Token, normalize, strip_clitic
from claimkit.preannotate.lexicon import ADJUNCT_STARTS, COMPLEMENTIZERS, CONNECTIVES
from claimkit.preannotate.objects import plain_object
from claimkit.preannotate.reader import OPENING_QUOTES, Reader
from claimkit.preannotate.titles import addressee
from claimkit.rules.conventions import EDGE_PUNCTUATION, QUOTATION_MARKS, QuoteBalance
from claimkit.taxonomy import Certainty, Polarity

__all__ = [
    "Content",
    "certainty",
    "complement",
    "content_at",
    "content_opens",
    "inside_marks",
    "polarity",
    "split",
    "trim",
]

#: Words that open an adjunct between the speaker and the content (في تصريح لـ، خلال مؤتمر، اليوم).
_ADJUNCT_WINDOW = 12
#: Marks that open a cue's content when they follow it (وأضاف: «…»).
_OPENS_CONTENT = frozenset(':«"“')
#: The longest quotation after a cue that may be its speaker's name (وقال "المرصد السوري لحقوق الإنسان" إن).
_QUOTED_NAME_CHARS = 48
_STRIP_END = " \t\n" + "".join(EDGE_PUNCTUATION)
_STRIP_START = " \t\n" + "".join(EDGE_PUNCTUATION)
_OPENING_WORD = re.compile(r"([\w\u064B-\u065F\u0670]+)(?:\s+|$)")  # with its marks: آنّ، أنَّ
#: A second content of the same cue after a comma (ويضيف أن المياه …، وأن الكهرباء …): a claim of its own.
_SECOND_CONTENT = frozenset(normalize(word) for word in ("وأن", "وبأن"))
_LEADING_COMPLEMENTIZERS = frozenset(normalize(word) for word in ("أن", "إن", "أنّ", "إنّ", "بأن")) | _SECOND_CONTENT
_SENTENCE_END = re.compile(r"[.!?؟۔]+(?=[\s\"”»]|$)")
_CLAUSE_AFTER_F = ("ال", "ان", "قد", "لا", "لم", "لن", "هو", "هي", "هذا", "هذه", "ذلك")
_MIN_LEFT, _MIN_RIGHT = 4, 3
_HEDGE_WINDOW = 12
_POSSIBLE = (("من", "الممكن"), ("من", "المحتمل"), ("ربما",), ("يمكن", "ان"), ("يحتمل",), ("احتمال",), ("باحتمال",))
_PROBABLE = (("من", "المرجح"), ("يرجح",), ("ترجح",), ("المرجح",), ("علي", "الارجح"), ("من", "المتوقع"), ("يتوقع",))
_PAST_PERFECT = frozenset({"كان", "كانت", "كانوا", "كانا"})  # وكان … قد تعرّض: a past, not a hedge
_NEGATIONS = frozenset({"لم", "لن", "لا", "ليس", "ليست", "لسنا", "ليسوا"})


@dataclass(frozen=True)
class Content:
    """What a cue introduces: the claim spans, whether they are quoted, and where the content ends."""

    spans: list[tuple[int, int]]
    direct: bool
    end: int
    rule: str


def _marker(reader: Reader, k: int, prepositions: tuple[str, ...], quotes: bool = True) -> int | None:
    """Offset where content starts if token ``k`` (or the punctuation before it) introduces it.

    Inside an adjunct a quotation is a name (في تصريح لـ "حلب اليوم"), so ``quotes`` is off there.
    """
    if k >= len(reader.tokens):
        return None
    gap, start = reader.gap(k), reader.tokens[k - 1].end if k else 0
    if ":" in gap:
        return start + gap.index(":") + 1
    quote = next((i for i, char in enumerate(gap) if char in OPENING_QUOTES), None)
    if quote is not None and k > 0 and quotes and (region := reader.quote_at(start + quote)) is not None:
        after = reader.token_at(region[1])
        if region[1] - region[0] <= _QUOTED_NAME_CHARS and reader.key(after, "ف") in COMPLEMENTIZERS:
            return reader.tokens[after].end  # أبلغ شهود عيان "رويترز" بأن …: a medium told, then the content
        return start + quote  # a mark that opens a quotation, not one that closes a quoted name
    key = reader.key(k, "ف")
    if key in COMPLEMENTIZERS:
        return reader.tokens[k].end
    if (reader.key(k) in prepositions or reader.tokens[k].plain == "على") and reader.key(k + 1) in COMPLEMENTIZERS:
        return reader.tokens[k + 1].end
    return None


def content_opens(reader: Reader, k: int) -> bool:
    """وأضاف: «…»: a colon or a quotation mark right after the cue opens the content, not a speaker;
    but a short quotation followed by أن/إن or في is the speaker's name (وقال "المرصد السوري" إن …)."""
    if k >= len(reader.tokens) or not any(char in reader.gap(k) for char in _OPENS_CONTENT):
        return False
    gap = reader.gap(k)
    mark = reader.tokens[k].start - len(gap) + max(gap.rfind(char) for char in _OPENS_CONTENT)
    region = None if ":" in gap else reader.quote_at(mark)
    if region is None or region[1] - region[0] > _QUOTED_NAME_CHARS:
        return True
    after = reader.token_at(region[1])
    return not (reader.key(after, "ف") in COMPLEMENTIZERS or reader.key(after) == "في")


def complement(reader: Reader, k: int, objects: tuple[str, ...], limit: int) -> tuple[int, str] | None:
    """Where the content of a cue starts, given the first token after the speaker (or the cue).

    Tried in order: a colon, a quotation mark or أنّ/إنّ right there; the same after an adjunct
    (``، في تصريح لـ "حلب اليوم"، أن``) or an addressee (``للصحفيين إن``); a plain object
    (تؤكد الحكومة حرصها على …, أشار إلى الأهمية).
    """
    prepositions = tuple(p for p in objects if p)
    k = after_anonymity(reader, k, limit)  # مسؤول أمني طلب عدم الكشف عن هويته إن …
    k = after_stance(reader, k, limit)  # وقال الوزير من جهته إن …، انتقد بدوره أداء الحكومة
    found = _marker(reader, k, prepositions)
    if found is not None:
        return found, "claim-complement"
    tokens = reader.tokens
    after = after_commas(reader, k, limit)  # أعلن المصرف، اليوم الاثنين، عن …
    if after != k:
        found = _marker(reader, after, prepositions)
        if found is not None:
            return found, "claim-complement"
        return plain_object(reader, after, objects, prepositions, limit)
    if k < len(tokens) and (
        "،" in reader.gap(k) or "," in reader.gap(k) or reader.key(k) in ADJUNCT_STARTS or addressee(reader.key(k))
    ):
        between_commas = "،" in reader.gap(k) or "," in reader.gap(k)
        for m in range(k + 1, min(k + _ADJUNCT_WINDOW, len(tokens))):
            if tokens[m].start >= limit:
                break
            found = _marker(reader, m, (), quotes=False)
            if found is not None:
                return found, "claim-complement"
            if reader.key(m) in prepositions and between_commas and ("،" in reader.gap(m) or "," in reader.gap(m)):
                return plain_object(reader, m, objects, prepositions, limit)  # دعت، في دورية …، إلى منع …
            if reader.broken(m):
                between_commas = False  # the adjunct has ended: a later "، إلى" is inside the content
    unread = unread_then_that(reader, k, limit)  # … لولاية تيزي وزو، أن …
    if unread is not None:
        return unread, "claim-complement"
    return plain_object(reader, k, objects, prepositions, limit)


def content_at(reader: Reader, start: int, stop: int) -> Content | None:
    """The claims of content starting at ``start``: a whole quotation, or text up to the sentence end."""
    text = reader.text
    while start < len(text) and text[start] in " \t":
        start += 1
    sentence_end = reader.sentence_of(start)[1]
    region = reader.quote_at(start)
    if region is not None and _only_quote(reader, region, min(stop, max(sentence_end, region[1]))):
        inner_end = region[1] - 1 if text[region[1] - 1] in '"»”“' and region[1] - 1 > region[0] else region[1]
        return Content(split(reader, region[0] + 1, inner_end), True, region[1], "claim-quote")
    end = min(sentence_end, stop)
    if end <= start:
        return None
    return Content(split(reader, start, end), False, end, "claim-indirect")


def _only_quote(reader: Reader, region: tuple[int, int], limit: int) -> bool:
    """Whether nothing but punctuation follows the quotation before ``limit`` (else it is partial)."""
    rest = reader.text[region[1] : max(region[1], limit)]
    return not any(char.isalpha() for char in rest)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A claim span from its first to its last word (guidelines §1): no punctuation at either end (O010),
    no أن/إن that introduces it (O011), no quotation mark whose partner is outside the span (C009), no
    marks of a quotation that encloses it whole (C008). The balance of its marks is read once: a turn
    that trims one mark of thousands asks it again without a scan."""
    balanced = QuoteBalance(text, start, end)
    while True:
        before = (start, end)
        while start < end and text[start] in _STRIP_START:
            start += 1
        while end > start and text[end - 1] in _STRIP_END:
            end -= 1
        start = _past_complementizer(text, start, end)
        if start < end and not balanced(start, end):
            if text[start] in QUOTATION_MARKS:
                start += 1
            elif text[end - 1] in QUOTATION_MARKS:
                end -= 1
        elif _enclosed(text, start, end, balanced):  # a quotation enclosing the whole claim: its marks stay out (C008)
            start, end = start + 1, end - 1
        if (start, end) == before:
            return start, end


def _enclosed(text: str, start: int, end: int, balanced: QuoteBalance) -> bool:
    """Whether ``[start, end)`` is one quotation: a mark at each end, balanced marks inside."""
    if end - start < 2 or text[start] not in QUOTATION_MARKS or text[end - 1] not in QUOTATION_MARKS:
        return False
    return balanced(start + 1, end - 1)


def _past_complementizer(text: str, start: int, end: int) -> int:
    match = _OPENING_WORD.match(text, start, end)
    if match is None or normalize(match.group(1)) not in _LEADING_COMPLEMENTIZERS:
        return start
    return match.end()


def split(reader: Reader, start: int, end: int) -> list[tuple[int, int]]:
    """Assertions in ``[start, end)``: split at sentence ends and at "، كذلك / فيما / فالـ…" clauses."""
    pieces, cursor = [], start
    for match in _SENTENCE_END.finditer(reader.text, start, end):
        pieces.append((cursor, match.end()))
        cursor = match.end()
    pieces.append((cursor, end))
    spans = []
    for piece_start, piece_end in pieces:
        spans += _split_clauses(reader, piece_start, piece_end)
    trimmed = (trim(reader.text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if any(char.isalpha() for char in reader.text[s:e])]  # words, not marks


def inside_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """A direct quote's span: ``[start, end)`` without quotation marks or spaces at its ends, then
    :func:`trim`, until stable (C008), even a mark that opens a quotation inside it (« "" قال» gives قال)."""
    while True:
        before = (start, end)
        while start < end and (text[start] in QUOTATION_MARKS or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in QUOTATION_MARKS or text[end - 1].isspace()):
            end -= 1
        start, end = trim(text, start, end)
        if (start, end) == before:
            return start, end


def _new_clause(reader: Reader, index: int, second_content: bool) -> bool:
    gap = reader.gap(index)
    if "،" not in gap and "," not in gap:
        return False
    key = reader.key(index)
    if key in CONNECTIVES:
        return True
    if second_content and key in _SECOND_CONTENT:  # …، وأن الرواتب ستصرف (parallel), not …، وأن تنسحب
        return True
    return key.startswith("ف") and key[1:].startswith(_CLAUSE_AFTER_F) and len(key) > 3


def _second_contents(reader: Reader, words: list[Token]) -> list[bool]:
    """Whether "، وأن" at each word opens a second content of the cue: only when the first content
    follows the cue's أنّ and holds no أنّ of its own (قال إن من الضروري أن تتعاون الدول، وأن …: one claim)."""
    if not words or reader.key(words[0].index - 1, "ف") not in COMPLEMENTIZERS:
        return [False] * len(words)
    opens_with_verb = _verb_like(words[0])
    found, inner = [], False
    for position, token in enumerate(words):
        following = words[position + 1] if position + 1 < len(words) else None
        parallel = following is not None and _verb_like(following) == opens_with_verb
        found.append(not inner and parallel)  # أن + a noun, وأن + a noun; أن تكون …، وأن تكون …
        inner = inner or token.key in COMPLEMENTIZERS
    return found


def _verb_like(token: Token) -> bool:
    """Whether a word after أنّ looks like a verb in the present or its negation (تنسحب، يعبروا، لا)."""
    return token.key in _NEGATIONS or (not token.definite and token.key[:1] in "يت" and len(token.key) > 2)


def _split_clauses(reader: Reader, start: int, end: int) -> list[tuple[int, int]]:
    words = list(reader.words(start, end))
    cuts, previous = [], 0
    for position, (token, second) in enumerate(zip(words, _second_contents(reader, words), strict=True)):
        if (
            position - previous >= _MIN_LEFT
            and len(words) - position >= _MIN_RIGHT
            and _new_clause(reader, token.index, second)
        ):
            cuts.append(token.start)
            previous = position
    bounds = [start, *cuts, end]
    return list(itertools.pairwise(bounds))


def _keys(reader: Reader, start: int, end: int) -> list[str]:
    keys: list[str] = []
    for token in reader.words(start, end):
        if keys and ("،" in reader.gap(token.index) or len(keys) >= _HEDGE_WINDOW):
            break
        stripped = strip_clitic(token, "وف")
        keys.append(stripped[0] if stripped and token.key not in ("فيما",) else token.key)
    return keys


def _has(keys: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(keys[i : i + len(p)]) == p for p in phrases for i in range(len(keys)))


def certainty(reader: Reader, start: int, end: int) -> Certainty:
    """From the certainty marker the claim opens with (the guidelines' table, §5), else from hedges in
    its main clause (its first words): قد + present, من الممكن, يرجح ..."""
    opening = leading_marker(reader.text[start:end])
    if opening is not None:
        return opening.entry.certainty
    keys = _keys(reader, start, end)
    may = any(
        k == "قد" and i + 1 < len(keys) and _present(keys[i + 1]) and not _PAST_PERFECT & set(keys[:i])
        for i, k in enumerate(keys)
    )
    if may or _has(keys, _POSSIBLE):
        return Certainty.POSSIBLE
    return Certainty.PROBABLE if _has(keys, _PROBABLE) else Certainty.CERTAIN


def _present(key: str) -> bool:
    return len(key) >= 3 and key[0] in "يتن" and not key.startswith("ال")


def polarity(reader: Reader, start: int, end: int) -> Polarity:
    """Negative when the claim opens with a negation (لم تعلق دمشق), not for لا بد."""
    keys = _keys(reader, start, end)
    if keys and keys[0] in _NEGATIONS and keys[1:2] != ["بد"]:
        return Polarity.NEGATIVE
    return Polarity.POSITIVE
