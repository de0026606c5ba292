"""What the proposer knows of one document while it reads it: words, sentences, quotations,
page furniture, and the stretches already explained by an attribution."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import dataclass, field

from claimkit.model import Document
from claimkit.preannotate.arabic import Token, detach_lam, strip_clitic, tokenize
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, LAM_WORDS
from claimkit.preannotate.titles import bare
from claimkit.textutil import QuotedRegions, sentence_bounds

__all__ = ["OPENING_QUOTES", "PUNCTUATION", "Reader", "Stretches"]

OPENING_QUOTES = '"«“„'
#: Characters between two words that end a phrase.
#: The most words of an aside in brackets (:meth:`Reader.after_parenthetical`).
_ASIDE_WORDS = 5
PUNCTUATION = set('،,.:؛;!?؟()[]«»"“”„-–—\n')


#: Words that may stand before a verb whose subject is الله (كما ذكر الله، وقد قال الله): not a first name.
_NOT_NAMES = frozenset(
    {"كما", "وكما", "ما", "قد", "وقد", "فقد", "لقد", "لما", "ولما", "حين", "عندما", "اذ", "الذي", "التي"}
    | {"لان", "كان", "يكون", "ليس", "الا", "غير", "سوي", "حتي", "لعل", "لكن", "بعد", "قبل"}
)


class Stretches:
    """Stretches of text ``[start, end)`` kept sorted, with the furthest end among the first n of them:
    whether a stretch overlaps them, and which of them may reach into it, is found by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self.spans: list[tuple[int, int]] = []
        self._reach: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        at = bisect_right(self.spans, (start, end))
        self.spans.insert(at, (start, end))
        del self._reach[at:]  # the furthest end so far, again from the new stretch on
        for _, later_end in self.spans[at:]:
            self._reach.append(max(self._reach[-1], later_end) if self._reach else later_end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps one of them: among those starting before ``end``, the
        furthest end is past ``start``."""
        before = bisect_left(self.spans, (end,))
        return before > 0 and self._reach[before - 1] > start

    def reach_before(self, offset: int) -> int | None:
        """The furthest end among those that start before ``offset`` (``None``: none does)."""
        before = bisect_left(self.spans, (offset,))
        return self._reach[before - 1] if before else None

    def near(self, start: int, end: int) -> list[tuple[int, int]]:
        """Those that may reach into ``[start, end)``, in order: from the first that ends past ``start``
        to the last that starts before ``end``."""
        first = bisect_right(self._reach, start)
        return self.spans[first : bisect_left(self.spans, (end,), lo=first)]


@dataclass
class Reader:
    """One document, read once: every proposer step asks it about words and stretches of text."""

    document: Document
    tokens: list[Token] = field(init=False)
    sentences: tuple[tuple[int, int], ...] = field(init=False)
    quotes: QuotedRegions = field(init=False)
    consumed: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = self.document.text
        self.tokens = detach_lam(tokenize(self.text), LAM_WORDS)
        self.sentences = sentence_bounds(self.text)
        self.quotes = QuotedRegions(self.text)
        self._quote_starts = [start for start, _ in self.quotes.regions]
        self._starts = [token.start for token in self.tokens]
        self._sentence_starts = [start for start, _ in self.sentences]
        self._furniture = Stretches((f.start, f.end) for f in self.document.furniture)
        self._by_key: dict[str, list[int]] | None = None
        self._by_bare_key: dict[str, list[int]] | None = None
        self.memo: dict[tuple[str, str], list[int]] = {}  # per-document look-ups the steps repeat
        self.explained = Stretches(self.consumed)  # what attributions consumed, sorted

    # -- words -------------------------------------------------------------------------------
    def key(self, index: int, clitics: str = "") -> str:
        """The look-up key of token ``index`` (without one leading و/ف when ``clitics`` allows)."""
        if not 0 <= index < len(self.tokens):
            return ""
        token = self.tokens[index]
        stripped = strip_clitic(token, clitics) if clitics else None
        return stripped[0] if stripped else token.key

    def with_token(self, token: Token) -> Reader:
        """This reader with one word read differently (``token`` replaces the one at its index): the
        text, sentences and what is consumed are shared; the look-ups about words are the view's own."""
        view = copy(self)
        view.tokens = [*self.tokens]
        view.tokens[token.index] = token
        view.memo, view._by_key, view._by_bare_key = {}, None, None
        return view

    def gap(self, index: int) -> str:
        """Text between token ``index - 1`` and token ``index``."""
        start = self.tokens[index - 1].end if index > 0 else 0
        end = self.tokens[index].start if index < len(self.tokens) else len(self.text)
        return self.text[start:end]

    def broken(self, index: int) -> bool:
        """Whether punctuation separates token ``index`` from the one before."""
        return any(char in PUNCTUATION for char in self.gap(index))

    def after_parenthetical(self, index: int) -> int:
        """The token after a short aside in brackets opening before token ``index`` (وكالة الأنباء
        السورية الرسمية (سانا)، مكتب تنسيق أعمال الحكومة في المناطق (كوغات)), else ``index``."""
        if index >= len(self.tokens) or "(" not in self.gap(index):
            return index
        for m in range(index, min(index + _ASIDE_WORDS, len(self.tokens))):
            if ")" in self.gap(m + 1):
                return m + 1
        return index

    def closes_parenthetical(self, index: int) -> bool:
        """Whether only a closing bracket stands between token ``index`` and the one before."""
        return self.gap(index).strip() == ")"

    def in_compound_name(self, index: int) -> bool:
        """Whether token ``index`` opens the second half of a name compounded with الله after a first
        name (أحمد ذكر الله، حسن نصر الله، محمد جاد الله): a word, not a verb or a title."""
        if not 0 < index < len(self.tokens) - 1 or self.key(index + 1) != "الله":
            return False
        word, before = self.key(index, "وف"), self.key(index - 1)
        if len(word) < 3 or word in COMPLEMENTIZERS or word in _NOT_NAMES:
            return False  # محمد أن الله معنا: the content opens there
        return not (self.broken(index) or self.broken(index + 1)) and before.isalpha() and before not in _NOT_NAMES

    def token_at(self, offset: int) -> int:
        """Index of the first token that starts at or after ``offset``."""
        return bisect_right(self._starts, offset - 1)

    def keyed(self, key: str, *, bare_key: bool = False) -> list[int]:
        """Indices of the tokens whose key (or :func:`bare` key) is ``key``, in text order: an index
        built once, so that looking back for a word costs its occurrences, not the whole text."""
        if self._by_key is None or self._by_bare_key is None:
            self._by_key, self._by_bare_key = defaultdict(list), defaultdict(list)
            for position, token in enumerate(self.tokens):
                self._by_key[token.key].append(position)
                self._by_bare_key[bare(token.key)].append(position)
        return (self._by_bare_key if bare_key else self._by_key).get(key, [])

    def keyed_before(self, index: int, key: str) -> Iterator[int]:
        """:meth:`keyed` before token ``index``, nearest first."""
        found = self.keyed(key)
        return reversed(found[: bisect_left(found, index)])

    # -- stretches -----------------------------------------------------------------------------
    def sentence_of(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self._sentence_starts, offset) - 1
        if index < 0:
            return (0, 0)
        return self.sentences[index]

    def quote_at(self, offset: int) -> tuple[int, int] | None:
        """The quotation region that opens at ``offset``, if one does."""
        index = bisect_left(self._quote_starts, offset)
        found = self.quotes.regions[index] if index < len(self._quote_starts) else None
        return found if found is not None and found[0] == offset else None

    def quotes_within(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The quotation regions wholly inside ``[start, end)``, in text order (regions never overlap)."""
        for index in range(bisect_left(self._quote_starts, start), len(self._quote_starts)):
            region = self.quotes.regions[index]
            if region[1] > end:
                return
            yield region

    def in_furniture(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps page furniture (asked for every word)."""
        return self._furniture.overlaps(start, end)

    def is_consumed(self, start: int, end: int) -> bool:
        return self.explained.overlaps(start, end)

    def consumed_reach(self, before: int) -> int | None:
        """The furthest end among the consumed stretches that start before ``before`` (``None``: none does)."""
        return self.explained.reach_before(before)

    def consume(self, start: int, end: int) -> None:
        self.consumed.append((start, end))
        self.explained.add(start, end)

    def words(self, start: int, end: int) -> Iterable[Token]:
        """Tokens wholly inside ``[start, end)``."""
        for index in range(self.token_at(start), len(self.tokens)):
            token = self.tokens[index]
            if token.end > end:
                return
            yield token
