"""Attribution cues found in the text: reporting verbs (with و/ف), their participles, and
"according to" phrases. A cue here is a candidate: the proposer keeps it only when it finds who
speaks and what is said."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from claimkit.lexicon import without_object_pronoun
from claimkit.preannotate.arabic import normalize, strip_clitic
from claimkit.preannotate.lexicon import ACCORDING_TO, COMPLEMENTIZERS, OUTLET_FORMULAS, Form, verb_forms
from claimkit.preannotate.reader import Reader

__all__ = ["NEGATIONS", "CueHit", "find_cues", "formula_at"]

NEGATIONS = frozenset({"لم", "لا", "لن", "ما", "ليس", "ليست", "لسنا", "ليسوا"})
#: How far the preposition a verb needs may follow it: a long speaker, an occasion between commas and
#: whom it addresses (ودعت بعثة الأمم المتحدة للدعم في ليبيا، في بيان صدر مساء الاثنين، جميع الأطراف إلى …).
_NEEDS_WINDOW = 18
#: Words after which a participle describes, not reports: كان متوقعاً (expected)، غير متوقعة (unexpected).
_PREDICATING = frozenset(
    normalize(word) for word in ("كان", "كانت", "يكون", "تكون", "أصبح", "أصبحت", "بات", "باتت", "ظل", "ظلت", "غير")
)


@dataclass(frozen=True)
class CueHit:
    """A cue candidate: its span (without a leading conjunction) and the words it covers."""

    start: int
    end: int
    first: int  # index of its first token
    after: int  # index of the first token after it
    kind: str  # "verb", "participle", "according" or "saying" (قوله: his saying, after a relay)
    form: Form | None = None
    continued: bool = False  # opened by و/ف or كما: the speaker may be the previous one
    told: bool = False  # a verb that tells, carrying whom it tells as a pronoun (أبلغه)

    @property
    def rule(self) -> str:
        rules = {"verb": "cue-verb", "participle": "cue-participle", "according": "cue-according-to"}
        return rules.get(self.kind, "cue-saying")


def formula_at(reader: Reader, index: int) -> int:
    """The number of tokens of an outlet formula (يذكر أن) starting at ``index``, else 0."""
    for formula in OUTLET_FORMULAS:
        words = [reader.key(index, "و")] + [reader.key(index + n) for n in range(1, len(formula))]
        if tuple(words) == formula:
            return len(formula)
    return 0


_FIRST_WORDS = frozenset(words[0] for words, _ in ACCORDING_TO)


def _according(reader: Reader, index: int) -> CueHit | None:
    token = reader.tokens[index]
    if token.key not in _FIRST_WORDS and reader.key(index, "و") not in _FIRST_WORDS:
        return None
    for words, lam in ACCORDING_TO:
        found = [reader.key(index + n, "و" if n == 0 else "") for n in range(len(words))]
        if tuple(found) != words and not (index and tuple(reader.key(index + n) for n in range(len(words))) == words):
            continue
        last = index + len(words) - 1
        if any(reader.broken(index + n) for n in range(1, len(words))):
            continue
        if lam:
            if reader.key(last + 1) != "ل" or reader.broken(last + 1):
                continue
            last += 1
        elif reader.key(last + 1) == "ما" and _verb_with_object(reader.key(last + 2)) and not reader.broken(last + 1):
            last += 2  # بحسب ما أفادت الوزارة، وفق ما ذكرت الوكالة، وفق ما ذكره ناشطون
        start = _after_clitic(reader, index, words[0])
        return CueHit(start, reader.tokens[last].end, index, last + 1, "according")
    return None


def _verb_with_object(key: str) -> bool:
    """A reporting verb, possibly with an object pronoun (ذكره، أكدته)."""
    forms = verb_forms()
    return key in forms or any(verb in forms for verb in without_object_pronoun(key))


def _after_clitic(reader: Reader, index: int, word: str) -> int:
    token = reader.tokens[index]
    stripped = strip_clitic(token, "وف")
    if token.key != word and stripped is not None and stripped[0] == word:
        return token.start + stripped[1]
    return token.start


@lru_cache(maxsize=1)
def _telling_openings() -> tuple[str, ...]:
    """The first three letters of every form of a verb that tells: a word that opens otherwise is none."""
    return tuple({key[:3] for key, form in verb_forms().items() if form.verb.tells_whom})


def _telling(key: str) -> Form | None:
    """The form of a verb that tells, carrying whom it tells as a pronoun (أبلغه، أبلغتهم، أبلغوه:
    the plural's alif falls before the pronoun)."""
    if not key.startswith(_telling_openings()):
        return None
    forms = verb_forms()
    found = (forms[verb] for verb in without_object_pronoun(key) if verb in forms)
    return next((form for form in found if form.verb.tells_whom), None)


def _verb(reader: Reader, index: int) -> CueHit | None:
    token = reader.tokens[index]
    forms = verb_forms()
    form, offset = forms.get(token.key), 0
    stripped = strip_clitic(token, "وف")
    if form is None and stripped is not None:
        form, offset = forms.get(stripped[0]), stripped[1]
    told = form is None
    if form is None:
        form, offset = _telling(token.key), 0
    if form is None and stripped is not None:
        form, offset = _telling(stripped[0]), stripped[1]
    if form is None or _negated(reader, index) or formula_at(reader, index):
        return None
    if not offset and reader.in_compound_name(index):
        return None  # أحمد ذكر الله: a name, not ذكر the cue
    if _impersonal(reader, index, stripped[0] if offset and stripped is not None else token.key):
        return None  # ويُتوقع أن …: a certainty marker (guidelines §5), no one expecting
    if form.verb.needs and not _followed_by(reader, index, form.verb.needs):
        return None
    if form.tense == "present" and _planned(reader, index):
        return None  # على أن تعلن الوزارة حصيلته …، من المقرر أن يعلن: an act to come, no report
    kind = "participle" if form.tense == "participle" else "verb"
    if kind == "participle" and not offset and reader.key(index - 1, "و") in _PREDICATING:
        return None  # الهجوم كان متوقعاً: an adjective, no one reporting
    continued = bool(offset) or reader.key(index - 1, "و") == "كما"
    return CueHit(token.start + offset, token.end, index, index + 1, kind, form, continued, told)


#: Present forms written as their passive (يُتوقع أن، يُرجح أن: it is expected, likely), which the
#: guidelines read as certainty markers when no speaker stands between them and أن.
_IMPERSONAL = frozenset(normalize(word) for word in ("يتوقع", "يرجح"))
#: Particles after which a verb still opens its clause (كما يُتوقع أن …).
_CLAUSE_PARTICLES = frozenset(normalize(word) for word in ("كما", "حيث", "إذ", "فيما", "بينما", "لكن"))


def _impersonal(reader: Reader, index: int, key: str) -> bool:
    """يُتوقع أن opening its clause (ويُتوقع أن …، …، ويرجح أن …، كما يُتوقع أن …); not after its subject
    (وكان صندوق النقد يتوقع أن …، أما الوزير فيتوقع أن …)."""
    following = index + 1 < len(reader.tokens) and not reader.broken(index + 1)
    if key not in _IMPERSONAL or not following or reader.key(index + 1) not in COMPLEMENTIZERS:
        return False
    return index == 0 or reader.broken(index) or reader.key(index - 1, "و") in _CLAUSE_PARTICLES


#: Words before أنْ that make the verb after it an act to come (على أن تعلن، من المقرر أن يعلن، قبل أن يعلن).
_PLANS = frozenset(normalize(word) for word in ("على", "المقرر", "المنتظر", "المفترض", "قبل"))


def _planned(reader: Reader, index: int) -> bool:
    """Whether a present verb follows أنْ after a word of a plan or a time to come."""
    if index < 2 or reader.key(index - 1) != "ان" or reader.broken(index) or reader.broken(index - 1):
        return False
    return reader.key(index - 2, "و") in _PLANS


def _negated(reader: Reader, index: int) -> bool:
    return reader.key(index - 1, "وف") in NEGATIONS or reader.key(index - 1) in NEGATIONS


def _followed_by(reader: Reader, index: int, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` follows within a few words of the same sentence."""
    end = reader.sentence_of(reader.tokens[index].start)[1]
    after = range(index + 1, min(index + _NEEDS_WINDOW, len(reader.tokens)))
    keys = [reader.key(k, "ف") for k in after if reader.tokens[k].start < end]
    return any(word in keys for word in words) or any(k.startswith(words) for k in keys if len(k) > 3)


def find_cues(reader: Reader) -> Iterator[CueHit]:
    """Every cue candidate outside page furniture, in text order."""
    index = 0
    while index < len(reader.tokens):
        token = reader.tokens[index]
        hit = None if reader.in_furniture(token.start, token.end) else _according(reader, index) or _verb(reader, index)
        if hit is None:
            index += 1
            continue
        yield hit
        index = hit.after
