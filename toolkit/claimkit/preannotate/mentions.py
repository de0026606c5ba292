"""What a speaker's noun phrase says about the speaker: the :class:`Mention` built from a
:class:`Phrase` (naming, role, affiliation, gender, the words a definite body stands for)."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field

from claimkit.preannotate.arabic import normalize, strip_clitic
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.titles import (
    BODIES,
    CORRESPONDENTS,
    DESCRIBED_HEADS,
    PLACES,
    QUANTIFIERS,
    SHARED_TITLES,
    TITLES,
    VAGUE_HEADS,
    bare,
    lam_body,
)
from claimkit.taxonomy import SourceNaming

__all__ = ["Mention", "Phrase", "antecedent_of", "head_kind", "mention_from"]

_VAGUE_ADJECTIVES = frozenset(
    ["مطلعه", "مطلع", "موثوقه", "موثوق", "خاصه", "متطابقه", "عديده", "متعدده", "مختلفه", "متداوله"]
)


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
    phrase_start: int | None = None  # where the words before the name start (وزير الخارجية أحمد عطاف: وزير)


@dataclass
class Phrase:
    """The token indices of a speaker's noun phrase, by part: titles and descriptions, affiliation, name."""

    descriptor: list[int] = field(default_factory=list)
    affiliation: list[int] = field(default_factory=list)
    name: list[int] = field(default_factory=list)


def head_kind(reader: Reader, phrase: Phrase) -> str:
    """What the phrase's first descriptor is: ``vague`` (مصدر، شاهد), ``title``, ``body`` or ``other``."""
    head = bare(reader.tokens[phrase.descriptor[0]].key) if phrase.descriptor else ""
    if head in VAGUE_HEADS or head in DESCRIBED_HEADS:
        return "vague"
    if head in TITLES:
        return "title"
    return "body" if head in BODIES else "other"


def mention_from(reader: Reader, phrase: Phrase, rule: str, end_token: int) -> Mention:
    """The mention a phrase read by ``rule`` makes; ``end_token`` is the first token after it."""
    tokens = reader.tokens
    span = phrase.name or phrase.descriptor + phrase.affiliation
    naming = _naming(reader, phrase)
    keys = tuple(_key(tokens[i].key) for i in phrase.descriptor + phrase.affiliation + phrase.name)
    keys += _resolved_keys(reader, phrase.descriptor + phrase.affiliation)
    head = bare(tokens[phrase.descriptor[0]].key) if phrase.descriptor else ""
    anonymous = naming is SourceNaming.ANONYMOUS
    role = _role(reader, phrase, naming)
    affiliation = None if anonymous or not phrase.affiliation else _affiliation(reader, phrase.affiliation)
    if head in CORRESPONDENTS:
        role, affiliation = _correspondent(reader, phrase)
    return Mention(
        start=tokens[span[0]].start,
        end=tokens[span[-1]].end,
        rule=rule,
        keys=keys,
        naming=naming,
        name_keys=tuple(tokens[i].key for i in phrase.name),
        role=role,
        affiliation=affiliation,
        feminine=_feminine(head, phrase),
        generic=head if len(phrase.descriptor) == 1 and not phrase.name and not phrase.affiliation else None,
        end_token=end_token,
    )


def _naming(reader: Reader, phrase: Phrase) -> SourceNaming:
    if phrase.name:
        return SourceNaming.NAMED
    descriptor = phrase.descriptor
    if len(descriptor) > 1 and bare(reader.key(descriptor[0])) in QUANTIFIERS:
        descriptor = descriptor[1:]  # ثلاثة مصادر مطلعة: مصادر is the head
    head = reader.tokens[descriptor[0]]
    kind = head_kind(reader, phrase)
    if bare(head.key) in VAGUE_HEADS:
        described = (
            phrase.affiliation
            or any(
                (reader.tokens[i].key not in _VAGUE_ADJECTIVES and not reader.tokens[i].definite)
                or bare(reader.tokens[i].key) in BODIES  # a body gives the source its kind (N004)
                for i in descriptor[1:]
            )
        )
        return SourceNaming.UNNAMED_DESCRIBED if described else SourceNaming.ANONYMOUS
    if kind == "vague" or bare(head.key) in SHARED_TITLES:
        return SourceNaming.UNNAMED_DESCRIBED
    if kind == "body" or any(reader.tokens[i].definite for i in phrase.descriptor):
        return SourceNaming.NAMED
    return SourceNaming.UNNAMED_DESCRIBED


def _role(reader: Reader, phrase: Phrase, naming: SourceNaming) -> str | None:
    """The titles before a name; for a described speaker without an affiliation, the description (N005)."""
    if phrase.name and phrase.descriptor:
        return _text(reader, phrase.descriptor)
    if naming is SourceNaming.UNNAMED_DESCRIBED and not phrase.affiliation and phrase.descriptor:
        return _text(reader, phrase.descriptor)
    return None


def _correspondent(reader: Reader, phrase: Phrase) -> tuple[str, str | None]:
    """A correspondent's (role, affiliation): the title, and the outlet named after it (مراسلة قناة
    العربية في بيروت → مراسلة, قناة العربية). في + a place is where they report from, not an affiliation
    (مراسلنا في دمشق: the outlet's own correspondent, no affiliation)."""
    outlet = phrase.descriptor[1:]
    if outlet:
        return _text(reader, phrase.descriptor[:1]), _text(reader, outlet)
    where = phrase.affiliation[1:]
    if not where or all(bare(reader.tokens[i].key) in PLACES for i in where):
        return _text(reader, phrase.descriptor[:1]), None
    return _text(reader, phrase.descriptor[:1]), _affiliation(reader, phrase.affiliation)


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
            antecedent = antecedent_of(reader, token.start, bare(token.key))
            if antecedent:
                found += [normalize(word) for word in antecedent.split()]
    return tuple(found)


def _feminine(head: str, phrase: Phrase) -> bool | None:
    if head in VAGUE_HEADS or head in DESCRIBED_HEADS:
        return None
    return head.endswith(("ه", "ات")) if phrase.descriptor else False  # قوات الدعم السريع نفت: plurals too


def _key(key: str) -> str:
    """A word's key for the source's kind: لحزب is حزب."""
    return key[1:] if lam_body(key) else key


def _affiliation(reader: Reader, indices: list[int]) -> str:
    """The affiliation's words without the preposition (في الوزارة → الوزارة; لحزب الله → حزب الله)."""
    first = reader.tokens[indices[0]]
    attached = lam_body(first.key) or (first.key[:1] in ("ب", "ل") and len(first.key) > 3)  # بمحافظة أسوان
    if not attached:
        return _text(reader, indices[1:]) if len(indices) > 1 else first.text
    start = first.start + 1
    while start < first.end and unicodedata.combining(reader.text[start]):
        start += 1  # لِحزب: the ل's vowel mark goes with it
    return reader.text[start : reader.tokens[indices[-1]].end]


def _text(reader: Reader, indices: list[int]) -> str:
    return reader.text[reader.tokens[indices[0]].start : reader.tokens[indices[-1]].end]


def antecedent_of(reader: Reader, before: int, generic: str) -> str | None:
    """The fuller phrase a lone definite noun stands for: الوزارة → وزارة الدفاع السورية, said earlier."""
    tokens, heads = reader.tokens, _phrase_heads(reader, generic)
    nearest = bisect_left(heads, reader.token_at(before)) - 1
    if nearest < 0:
        return None
    index = heads[nearest]
    end = index + 2
    while end < len(tokens) and end - index < 5 and _continues(reader, end):
        end += 1
    head = tokens[index]
    stripped = strip_clitic(head, "ولب") if head.key not in (generic, "ال" + generic) else None
    start = head.start + (stripped[1] if stripped and bare(stripped[0]) == generic else 0)
    return reader.text[start : tokens[end - 1].end]


def _phrase_heads(reader: Reader, generic: str) -> list[int]:
    """The tokens that are ``generic`` followed by a definite word of the same phrase (وزارة الدفاع),
    in text order; found once per document and word."""
    memo = ("phrase-heads", generic)
    if memo not in reader.memo:
        found = reader.keyed(generic, bare_key=True)
        reader.memo[memo] = [i for i in found if i + 1 < len(reader.tokens) and _continues(reader, i + 1)]
    return reader.memo[memo]


def _continues(reader: Reader, index: int) -> bool:
    """Whether token ``index`` is a definite word that continues the phrase before it."""
    return reader.tokens[index].definite and not reader.broken(index)
