"""Source mentions: the noun phrase that names or describes a speaker, and the grouping of mentions
into one source per speaker (الكاتب ... حسام نجار، later نجار; وزارة الدفاع السورية, later الوزارة)."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimkit.preannotate.arabic import Token, normalize, strip_clitic
from claimkit.preannotate.lexicon import COMPLEMENTIZERS, RELATIVES, WEEKDAYS, verb_forms
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.titles import (
    AFFILIATION_PREPOSITIONS,
    BODIES,
    DESCRIBED_HEADS,
    NAMED_AS,
    PLACES,
    TITLES,
    VAGUE_HEADS,
    bare,
    kind_of,
)
from claimkit.taxonomy import SourceKind, SourceNaming

__all__ = ["Entity", "Mention", "SourceBook", "introduced", "read_mention"]

_STOPS = (
    COMPLEMENTIZERS
    | RELATIVES
    | frozenset(
        [
            "الي",
            "عن",
            "في",
            "من",
            "خلال",
            "ل",
            "امام",
            "عبر",
            "حول",
            "بشان",
            "منذ",
            "بعد",
            "قبل",
            "عقب",
            "اليوم",
            "امس",
            "يوم",
            "مساء",
            "صباح",
            "ظهر",
            "مع",
            "و",
            "ف",
            "قد",
            "لقد",
            "هو",
            "هي",
            "كما",
            "حيث",
            "عندما",
            "بعدما",
            "ضمن",
            "اثناء",
            "لدي",
            "وفقا",
            "بحسب",
            "حسب",
            "نقلا",
            "انه",
            "ان",
            "لا",
            "لم",
            "لن",
            "ما",
            "قوله",
            "قولها",
            "قولهم",
        ]
    )
    | WEEKDAYS
    | NAMED_AS
)
_PLAIN_STOPS = frozenset({"على", "إلى"})  # as written: على is a preposition, علي a name
_VAGUE_ADJECTIVES = frozenset(
    ["مطلعه", "مطلع", "موثوقه", "موثوق", "خاصه", "متطابقه", "عديده", "متعدده", "مختلفه", "متداوله"]
)
_MAX_DESCRIPTOR = 7


def _stop(token: Token) -> bool:
    key = token.key
    return key in _STOPS or token.plain in _PLAIN_STOPS or key in verb_forms() or not key.isalpha()


def _descriptive(token: Token) -> bool:
    key = bare(token.key)
    return key in TITLES or key in BODIES or key in VAGUE_HEADS or key in DESCRIBED_HEADS


@dataclass
class Mention:
    """One mention of a speaker, with what the words around it say about the speaker."""

    start: int
    end: int
    rule: str
    keys: tuple[str, ...]
    naming: SourceNaming
    name_keys: tuple[str, ...] = ()
    role: str | None = None
    affiliation: str | None = None
    feminine: bool | None = None
    generic: str | None = None  # the bare head of a lone definite noun (الوزارة → وزاره), for antecedents
    end_token: int = 0  # the first token after the phrase
    full_name: str | None = None  # the fuller name met earlier in the text (جوزيف عون for عون)


@dataclass
class _Phrase:
    descriptor: list[int] = field(default_factory=list)
    affiliation: list[int] = field(default_factory=list)
    name: list[int] = field(default_factory=list)


def _read_descriptor(reader: Reader, j: int, phrase: _Phrase) -> int:
    tokens, k = reader.tokens, j
    while k < len(tokens) and len(phrase.descriptor) < _MAX_DESCRIPTOR:
        token = tokens[k]
        if (k > j and reader.broken(k)) or _stop(token):
            break
        if _continues_descriptor(reader, k, phrase):
            phrase.descriptor.append(k)
            k += 1
            continue
        break
    return k


def _continues_descriptor(reader: Reader, k: int, phrase: _Phrase) -> bool:
    token = reader.tokens[k]
    if _descriptive(token) or token.definite or token.key == "باسم":
        return True
    if not phrase.descriptor:
        return False
    head = bare(reader.tokens[phrase.descriptor[0]].key)
    previous = bare(reader.tokens[k - 1].key)
    if head in VAGUE_HEADS | DESCRIBED_HEADS and len(phrase.descriptor) < 3:
        return True  # مصدر عسكري، مسؤولون روس، أحد سكان حي
    if bare(token.key) in PLACES and (previous in TITLES or previous in BODIES):
        return True  # محافظ حمص
    # لحقوق الإنسان: a noun joined by ل to a body, completed by a definite noun
    nxt = reader.tokens[k + 1] if k + 1 < len(reader.tokens) else None
    return (
        token.key.startswith("ل") and head in BODIES and nxt is not None and nxt.definite and not reader.broken(k + 1)
    )


def _head_kind(reader: Reader, phrase: _Phrase) -> str:
    head = bare(reader.tokens[phrase.descriptor[0]].key) if phrase.descriptor else ""
    if head in VAGUE_HEADS or head in DESCRIBED_HEADS:
        return "vague"
    if head in TITLES:
        return "title"
    return "body" if head in BODIES else "other"


def _read_affiliation(reader: Reader, k: int, phrase: _Phrase) -> int:
    """في الوزارة after مصدر, في مركز جسور للدراسات after الباحث: where a described speaker belongs."""
    tokens = reader.tokens
    if _head_kind(reader, phrase) not in ("vague", "title") or k >= len(tokens) or reader.broken(k):
        return k
    if tokens[k].key not in AFFILIATION_PREPOSITIONS:
        return k
    taken, m = [k], k + 1
    while m < len(tokens) and len(taken) < 6 and not reader.broken(m) and not _stop(tokens[m]):
        token = tokens[m]
        after_body = bare(tokens[m - 1].key) in BODIES and m - 1 != k
        if not (token.definite or _descriptive(token) or after_body or bare(token.key) in PLACES):
            break
        taken.append(m)
        m += 1
    if len(taken) == 1:
        return k
    phrase.affiliation = taken
    return m


def _read_name(reader: Reader, k: int, phrase: _Phrase, limit: int = 4) -> int:
    tokens = reader.tokens
    while k < len(tokens) and len(phrase.name) < limit:
        token = tokens[k]
        if reader.broken(k) or _stop(token) or _descriptive(token):
            break
        if (not phrase.name and token.definite) or token.key.startswith("لل"):
            break  # للصحفيين: a preposition, not a name
        phrase.name.append(k)
        k += 1
    return k


def _read_body_name(reader: Reader, k: int, phrase: _Phrase) -> int:
    """منظمة أطباء بلا حدود، وكالة سانا: a body whose name follows it, undefined."""
    tokens, taken = reader.tokens, 0
    while k < len(tokens) and taken < 3 and not reader.broken(k) and not _stop(tokens[k]):
        phrase.descriptor.append(k)
        k, taken = k + 1, taken + 1
        if bare(tokens[k - 1].key) in PLACES:
            break  # مديرية صحة إدلب: a place ends the name
    return k


def _skip_parenthetical(reader: Reader, k: int) -> int:
    """وكالة الأنباء السورية الرسمية (سانا): the abbreviation in brackets belongs to the phrase."""
    tokens = reader.tokens
    if k >= len(tokens) or "(" not in reader.gap(k):
        return k
    for m in range(k, min(k + 5, len(tokens))):
        if ")" in reader.gap(m + 1) if m + 1 < len(tokens) else ")" in reader.text[tokens[m].end :]:
            return m + 1
    return k


def read_mention(reader: Reader, j: int, rule: str, *, bare_name: bool = True) -> Mention | None:
    """The speaker's noun phrase starting at token ``j``, or ``None`` when none starts there."""
    if j >= len(reader.tokens) or _stop(reader.tokens[j]):
        return None
    phrase = _Phrase()
    k = _read_descriptor(reader, j, phrase)
    k = _read_affiliation(reader, k, phrase)
    titled = any(bare(reader.tokens[i].key) in TITLES for i in phrase.descriptor)
    if phrase.descriptor and reader.key(k) in NAMED_AS and not reader.broken(k):
        k, titled = k + 1, True
    if titled or (not phrase.descriptor and bare_name):
        k = _read_name(reader, k, phrase, 4 if titled else 3)
    elif phrase.descriptor and _open_body(reader, phrase):
        k = _read_body_name(reader, k, phrase)
    if not phrase.descriptor and not phrase.name:
        return None
    return _mention(reader, phrase, rule, _skip_parenthetical(reader, k))


def _open_body(reader: Reader, phrase: _Phrase) -> bool:
    last = reader.tokens[phrase.descriptor[-1]]
    return bare(last.key) in BODIES and not last.definite and len(phrase.descriptor) == 1


def _text(reader: Reader, indices: list[int]) -> str:
    return reader.text[reader.tokens[indices[0]].start : reader.tokens[indices[-1]].end]


def _naming(reader: Reader, phrase: _Phrase) -> SourceNaming:
    if phrase.name:
        return SourceNaming.NAMED
    head = reader.tokens[phrase.descriptor[0]]
    kind = _head_kind(reader, phrase)
    if bare(head.key) in VAGUE_HEADS:
        described = phrase.affiliation or any(
            reader.tokens[i].key not in _VAGUE_ADJECTIVES and not reader.tokens[i].definite
            for i in phrase.descriptor[1:]
        )
        return SourceNaming.UNNAMED_DESCRIBED if described else SourceNaming.ANONYMOUS
    if kind == "vague":
        return SourceNaming.UNNAMED_DESCRIBED
    if kind == "body" or any(reader.tokens[i].definite for i in phrase.descriptor):
        return SourceNaming.NAMED
    return SourceNaming.UNNAMED_DESCRIBED


def _mention(reader: Reader, phrase: _Phrase, rule: str, end_token: int) -> Mention:
    tokens = reader.tokens
    span = phrase.name or phrase.descriptor + phrase.affiliation
    naming = _naming(reader, phrase)
    keys = tuple(tokens[i].key for i in phrase.descriptor + phrase.affiliation + phrase.name)
    keys += _resolved_keys(reader, phrase.descriptor + phrase.affiliation)
    head = bare(tokens[phrase.descriptor[0]].key) if phrase.descriptor else ""
    anonymous = naming is SourceNaming.ANONYMOUS
    return Mention(
        start=tokens[span[0]].start,
        end=tokens[span[-1]].end,
        rule=rule,
        keys=keys,
        naming=naming,
        name_keys=tuple(tokens[i].key for i in phrase.name),
        role=_role(reader, phrase, naming),
        affiliation=None if anonymous or not phrase.affiliation else _text(reader, phrase.affiliation[1:]),
        feminine=_feminine(head, phrase),
        generic=head if len(phrase.descriptor) == 1 and not phrase.name and not phrase.affiliation else None,
        end_token=end_token,
    )


def _role(reader: Reader, phrase: _Phrase, naming: SourceNaming) -> str | None:
    """The titles before a name; for a described speaker without an affiliation, the description (N005)."""
    if phrase.name and phrase.descriptor:
        return _text(reader, phrase.descriptor)
    if naming is SourceNaming.UNNAMED_DESCRIBED and not phrase.affiliation and phrase.descriptor:
        return _text(reader, phrase.descriptor)
    return None


def _resolved_keys(reader: Reader, indices: list[int]) -> tuple[str, ...]:
    """The words a lone definite body inside a phrase stands for (المتحدث باسم الوزارة → وزارة الدفاع …)."""
    found: list[str] = []
    for position, index in enumerate(indices):
        token = reader.tokens[index]
        following = indices[position + 1] if position + 1 < len(indices) else None
        if (
            bare(token.key) in BODIES
            and token.definite
            and (following is None or not reader.tokens[following].definite)
        ):
            antecedent = _antecedent(reader, token.start, bare(token.key))
            if antecedent:
                found += [normalize(word) for word in antecedent.split()]
    return tuple(found)


def _feminine(head: str, phrase: _Phrase) -> bool | None:
    if head in VAGUE_HEADS or head in DESCRIBED_HEADS:
        return None
    return head.endswith("ه") if phrase.descriptor else False


@dataclass
class Entity:
    """One speaker: its grouped mentions and what they say about it."""

    id: str
    mentions: list[Mention]
    name: str

    def keys(self) -> list[str]:
        return [key for mention in self.mentions for key in mention.keys] + self.name.split()

    @property
    def kind(self) -> SourceKind:
        return kind_of([*self.keys(), *(normalize(word) for word in self.name.split())]) or SourceKind.OTHER

    @property
    def naming(self) -> SourceNaming:
        namings = {mention.naming for mention in self.mentions}
        for naming in (SourceNaming.NAMED, SourceNaming.UNNAMED_DESCRIBED):
            if naming in namings:
                return naming
        return SourceNaming.ANONYMOUS

    @property
    def feminine(self) -> bool | None:
        return self.mentions[0].feminine

    def person(self) -> tuple[str, ...]:
        return next((m.name_keys for m in self.mentions if m.name_keys), ())


class SourceBook:
    """The sources met so far in one document, in the order their mentions appear."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.entities: list[Entity] = []

    def add(self, mention: Mention) -> Entity:
        found = self.match(mention)
        if found is not None:
            found.mentions.append(mention)
            return found
        entity = Entity(f"s{len(self.entities) + 1}", [mention], self._canonical(mention))
        self.entities.append(entity)
        return entity

    def match(self, mention: Mention) -> Entity | None:
        """The known source this mention refers to, if any (the latest one first)."""
        text = self.reader.text[mention.start : mention.end]
        for entity in reversed(self.entities):
            person = entity.person()
            if text == entity.name or any(text == self.reader.text[m.start : m.end] for m in entity.mentions):
                return entity
            if mention.name_keys and person and set(mention.name_keys) <= set(person):
                return entity
            if mention.generic and entity.name.split() and bare(_key(entity.name.split()[0])) == mention.generic:
                return entity
        return None

    def _canonical(self, mention: Mention) -> str:
        text = self.reader.text[mention.start : mention.end]
        if mention.full_name:
            return mention.full_name
        if mention.generic is None:
            return text
        return _antecedent(self.reader, mention.start, mention.generic) or text

    def recent(self, before: int, feminine: bool | None = None) -> Entity | None:
        """The source mentioned last before ``before``, agreeing in gender when that is known."""
        ordered = sorted(
            ((m.start, e) for e in self.entities for m in e.mentions if m.start < before),
            key=lambda pair: pair[0],
            reverse=True,
        )
        for _, entity in ordered[:4]:
            if feminine is None or entity.feminine is None or entity.feminine == feminine:
                return entity
        return ordered[0][1] if ordered else None


def _key(word: str) -> str:
    return normalize(word)


def _antecedent(reader: Reader, before: int, generic: str) -> str | None:
    """The fuller phrase a lone definite noun stands for: الوزارة → وزارة الدفاع السورية, said earlier."""
    tokens = reader.tokens
    for index in range(reader.token_at(before) - 1, -1, -1):
        if bare(tokens[index].key) != generic:
            continue
        end = index + 1
        while end < len(tokens) and end - index < 5 and tokens[end].definite and not reader.broken(end):
            end += 1
        if end > index + 1:
            head = tokens[index]
            stripped = strip_clitic(head, "ولب") if head.key not in (generic, "ال" + generic) else None
            start = head.start + (stripped[1] if stripped and bare(stripped[0]) == generic else 0)
            return reader.text[start : tokens[end - 1].end]
    return None


def introduced(reader: Reader, mention: Mention) -> Mention | None:
    """The earlier titled phrase that introduced a bare name (الرئيس اللبناني جوزيف عون … وأكد عون)."""
    if not mention.name_keys:
        return None
    last = mention.name_keys[-1]
    tokens = reader.tokens
    for index in range(reader.token_at(mention.start) - 1, -1, -1):
        if tokens[index].key != last:
            continue
        for start in range(max(0, index - 6), index):
            if bare(tokens[start].key) in TITLES:
                earlier = read_mention(reader, start, mention.rule)
                if earlier is not None and earlier.name_keys and earlier.name_keys[-1] == last:
                    return earlier
    return None
