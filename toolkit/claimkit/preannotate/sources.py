"""Sources: the grouping of mentions into one source per speaker (الكاتب ... حسام نجار، later نجار;
وزارة الدفاع السورية, later الوزارة).

A mention is read from the text by :mod:`claimkit.preannotate.phrases` (:func:`read_mention`) and
described by :mod:`claimkit.preannotate.mentions` (:class:`Mention`); both names are importable from
here too, as they always were."""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

from claimkit.preannotate.arabic import normalize
from claimkit.preannotate.mentions import Mention, antecedent_of
from claimkit.preannotate.phrases import read_mention
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.titles import IN_WHOSE_NAME, TITLES, bare, kind_of, speaker_word
from claimkit.taxonomy import SourceKind, SourceNaming

__all__ = ["Entity", "Mention", "SourceBook", "introduced", "read_mention"]


@dataclass
class Entity:
    """One speaker: its grouped mentions and what they say about it."""

    id: str
    mentions: list[Mention]
    name: str

    # Worked out again only when a mention was added (a speaker quoted a thousand times is asked for
    # each claim): (the number of mentions then, the answer).
    _kind: tuple[int, SourceKind] | None = field(default=None, repr=False, compare=False)
    _person: tuple[int, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)
    #: Whom the speaker speaks for, named before (المتحدثة باسمها: the agency): its kind, when the
    #: speaker's own words say none.
    speaks_for: Entity | None = field(default=None, repr=False, compare=False)

    def keys(self) -> list[str]:
        return [key for mention in self.mentions for key in mention.keys] + self.name.split()

    @property
    def kind(self) -> SourceKind:
        """From the words of every mention and the name."""
        if self._kind is None or self._kind[0] != len(self.mentions):
            words = [*self.keys(), *(normalize(word) for word in self.name.split())]
            kind = kind_of(words) or (self.speaks_for.kind if self.speaks_for is not None else None)
            self._kind = (len(self.mentions), kind or SourceKind.OTHER)
        return self._kind[1]

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
        """The name words of the first mention that names the speaker."""
        if self._person is None or self._person[0] != len(self.mentions):
            self._person = (len(self.mentions), next((m.name_keys for m in self.mentions if m.name_keys), ()))
        return self._person[1]


class SourceBook:
    """The sources met so far in one document, in the order their mentions appear."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.entities: list[Entity] = []
        self._texts: list[set[str]] = []  # the text of every mention of each entity
        # Every mention as (-start, entity, mention number): the latest first, then in book order.
        self._latest: list[tuple[int, int, int]] = []

    def add(self, mention: Mention, feminine: bool | None = None) -> Entity:
        """The source of ``mention`` (a known one, or a new one); ``feminine`` as for :meth:`match`."""
        found = self.match(mention, feminine)
        if found is None:
            found = Entity(
                f"s{len(self.entities) + 1}", [], self._canonical(mention), speaks_for=self._named_before(mention)
            )
            self.entities.append(found)
            self._texts.append(set())
        number = int(found.id[1:]) - 1
        insort(self._latest, (-mention.start, number, len(found.mentions)))
        found.mentions.append(mention)
        self._texts[number].add(self.reader.text[mention.start : mention.end])
        return found

    def match(self, mention: Mention, feminine: bool | None = None) -> Entity | None:
        """The known source this mention refers to, if any (the latest one first); ``feminine``: the
        gender of the verb it is the subject of, when known."""
        text = self.reader.text[mention.start : mention.end]
        for number in range(len(self.entities) - 1, -1, -1):
            entity = self.entities[number]
            person = entity.person()
            if text == entity.name or text in self._texts[number]:
                return entity
            if mention.name_keys and person and set(mention.name_keys) <= set(person):
                return entity
            if mention.generic and entity.name.split() and bare(_key(entity.name.split()[0])) == mention.generic:
                return entity
            if self._surname_of(mention, person, entity, feminine):
                return entity  # حيدر الساعدي … وأضاف الساعدي: a surname with the article, alone
            if _title_of(mention, entity):
                return entity  # وزير الطاقة وليد فياض … وأضاف الوزير: the title alone, later
        return None

    @staticmethod
    def _surname_of(mention: Mention, person: tuple[str, ...], entity: Entity, feminine: bool | None) -> bool:
        """Whether a bare word with the article (الساعدي) is the surname of a named person met before:
        the last word of the name (not of a name with عبد: عبد الملك, whose الملك is also the king's
        title), no title itself (الشيخ، الأمير), and the verb agreeing with the person's gender."""
        if not (mention.generic and len(person) > 1 and bare(person[-1]) == mention.generic):
            return False
        if person[-2] == "عبد" or speaker_word(mention.keys[0] if mention.keys else ""):
            return False
        return feminine is None or entity.feminine is None or entity.feminine == feminine

    def _canonical(self, mention: Mention) -> str:
        text = self.reader.text[mention.start : mention.end]
        if mention.full_name:
            return mention.full_name
        if mention.generic is None:
            return text
        return antecedent_of(self.reader, mention.start, mention.generic) or text

    def _named_before(self, mention: Mention) -> Entity | None:
        """Whom a spokesperson speaks for when the phrase says it with a pronoun (المتحدثة باسمها،
        الناطق باسمه): the latest speaker before, of the pronoun's gender."""
        for key in mention.keys:
            if key in IN_WHOSE_NAME:
                return self.recent(mention.start, IN_WHOSE_NAME[key])
        return None

    def recent(self, before: int, feminine: bool | None = None) -> Entity | None:
        """The source mentioned last before ``before``, agreeing in gender when that is known."""
        first = bisect_right(self._latest, (-before, len(self.entities), 0))
        ordered = [self.entities[number] for _, number, _ in self._latest[first : first + 4]]
        for entity in ordered:
            if feminine is None or entity.feminine is None or entity.feminine == feminine:
                return entity
        return ordered[0] if ordered else None


#: The title that heads an office of its own (رئيس الوزراء، رئيس البرلمان): الرئيس later is someone else.
_HEAD_OF = frozenset(normalize(word) for word in ("رئيس", "رئيسة"))


def _title_of(mention: Mention, entity: Entity) -> bool:
    """Whether a lone title with the article (الوزير، المتحدث) stands for a speaker introduced by it
    (وزير الطاقة وليد فياض، المتحدث باسم الجيش): not الرئيس after رئيس الوزراء, whose office is another."""
    title = mention.generic
    if title is None or title not in TITLES:
        return False
    for earlier in entity.mentions:
        if earlier.keys and bare(earlier.keys[0]) == title and earlier is not mention:
            return title not in _HEAD_OF or earlier.keys[0].startswith("ال")
    return False


def _key(word: str) -> str:
    return normalize(word)


def introduced(reader: Reader, mention: Mention) -> Mention | None:
    """The earlier titled phrase that introduced a bare name (الرئيس اللبناني جوزيف عون … وأكد عون)."""
    if not mention.name_keys:
        return None
    last = mention.name_keys[-1]
    tokens = reader.tokens
    for index in reader.keyed_before(reader.token_at(mention.start), last):
        for start in range(max(0, index - 6), index):
            if bare(tokens[start].key) in TITLES:
                earlier = read_mention(reader, start, mention.rule)
                if earlier is not None and earlier.name_keys and earlier.name_keys[-1] == last:
                    return earlier
    return None
