"""A speaker named before the verb: the background pluperfect (وكان الجيش قد أعلن أن …، وكانت الوزارة
أعلنت أمس أن …) and a sentence that opens with its subject (وزارة الصحة أعلنت أن …). Read only when
nothing after the verb names a speaker, and kept only when the subject names people, a body or a
speaker met before: a sentence may open with any noun (الأرقام تؤكد أن …)."""

from __future__ import annotations

from collections.abc import Callable

from claimkit.preannotate.adjuncts import after_stance
from claimkit.preannotate.arabic import Token, normalize, strip_clitic
from claimkit.preannotate.cues import CueHit
from claimkit.preannotate.lexicon import ADJUNCT_STARTS, COMPLEMENTIZERS, verb_forms
from claimkit.preannotate.reader import Reader
from claimkit.preannotate.sources import Mention, read_mention
from claimkit.preannotate.titles import TITLES, bare, speaker_word

__all__ = [
    "MAIN_CLAUSE",
    "after_because",
    "after_contrast",
    "clause_opening",
    "main_clause_subject",
    "opens_with_topic",
    "subject_before",
]

#: Words the subject follows, before its verb: كان of the background pluperfect, أما of a topic
#: (أما وزير المالية فقد أكد أن …), لكن of a contrast (لكن الوزير أبلغ النواب بأن …).
_KANA = frozenset(normalize(word) for word in ("كان", "كانت", "أما", "لكن"))
#: Words of a contrast before أنّ that a new attribution opens with (…، إلا أن الطواقم الطبية أكدت أن …،
#: بيد أن التجار أكدوا …، غير أن المعارضة رأت …): its subject follows أنّ, no one reports it.
_BUT = frozenset(normalize(word) for word in ("إلا", "بيد", "غير"))
_AMMA = normalize("أما")
#: Words after which a speaker is reported speaking inside a claim: أنّ/إنّ, and لأنّ of a reason
#: (أوضح أن الاجتماع تأجل لأن الوفد أبلغ الوزارة أن …: the delegation's claim is the spokesman's too).
_BECAUSE = normalize("لأن")
_REPORTING = COMPLEMENTIZERS | {_BECAUSE}
#: Words after which a subject takes the accusative (إنّ and its sisters): مصدراً، مسؤولاً.
_ACCUSATIVE_AFTER = frozenset({"ان", "لان", normalize("لكن")})
_QAD = frozenset(normalize(word) for word in ("قد", "فقد"))
_FAQAD = normalize("فقد")
#: The most words that describe a topic's name between commas (أما أم خالد، العائدة من مخيم الزعتري، فتقول).
_DESCRIPTION_WORDS = 8
#: The most words between كان (or the start of the sentence) and the verb (a title, its body and a name
#: between commas: أما رئيسة جمعية أولياء التلاميذ بولاية صفاقس، سنية القلال، فقالت).
_SUBJECT_WORDS = 10


def subject_before(  # noqa: PLR0913 - keyword-only: which subject is asked for
    reader: Reader,
    hit: CueHit,
    plausible: Callable[[Mention], bool],
    *,
    after_kana: bool = False,
    after_that: bool = False,
    known: Callable[[Mention], bool] | None = None,
) -> Mention | None:
    """The subject before the verb of ``hit``: the phrase must fill the words between كان (or the
    start of the sentence) and the verb (قد aside), unbroken by punctuation, and name a speaker
    (``plausible`` says whether a bare name is one). ``after_kana``: only the subject of a
    pluperfect (وكانت الحكومة قد اتهمت …), which is the verb's whatever follows it. ``after_that``:
    only a subject right after أنّ/إنّ (قال الوزير إن الجيش أعلن أن …: a speaker reported speaking).
    ``known``: whether a word that names no speaker by itself is a speaker met before (غير أن الخوالدة
    نفى …: the surname of محمد الخوالدة)."""
    end = _before_stance(reader, hit.first - 1 if reader.key(hit.first - 1) in _QAD else hit.first)
    opening = reader.token_at(reader.sentence_of(hit.start)[0])
    commas = False
    for k in range(end - 1, max(opening, end - _SUBJECT_WORDS) - 1, -1):
        if k + 1 < end and reader.broken(k + 1):
            if reader.gap(k + 1).strip() not in ("،", ","):
                return None  # punctuation inside the subject (commas: a name between them, read below)
            commas = True
        but = _but_that(reader, k)
        if after_that and (reader.key(k) not in _REPORTING or but or not _reports_after(reader, k, hit)):
            if k == opening or but:
                return None
            continue
        kana = after_that or but or reader.key(k, "و") in _KANA
        opens = kana and reader.key(k, "و") != _AMMA and (k == opening or reader.key(k) != reader.key(k, "و"))
        if after_kana and not opens:  # وكانت الحكومة قد اتهمت …, not المشروع الذي كانت الحكومة قد أعلنت عنه
            if k == opening:
                return None
            continue
        if kana or k == opening:
            topic = kana and reader.key(k, "و") == _AMMA
            start = k + 1 if kana else k
            return _subject_at(reader, start, end, plausible, commas=commas, topic=topic, known=known)
    return None


#: The most words of whom a verb tells before its أنّ (لأن الوزير أبلغ رئيس الحكومة بأن …).
_TOLD_WORDS = 4


def _reports_after(reader: Reader, k: int, hit: CueHit) -> bool:
    """After the لأنّ of a reason (token ``k``), a speaker only when أنّ opens what the verb says (… لأن
    الجيش أعلن أن المنطقة خطرة; not لأن الوزارة أعلنت حالة الطوارئ: an act), or follows whom a verb
    that tells tells (لأن الوزير أبلغ الرئيس بأن …: الوزير speaks, not الرئيس)."""
    if reader.key(k) != _BECAUSE or reader.key(hit.after) in COMPLEMENTIZERS:
        return True
    if hit.form is None or not hit.form.verb.tells_whom:
        return False
    for m in range(hit.after + 1, min(hit.after + 1 + _TOLD_WORDS, len(reader.tokens))):
        if reader.broken(m):
            return False
        if reader.key(m) in COMPLEMENTIZERS:
            return True
    return False


def _but_that(reader: Reader, k: int) -> bool:
    """Whether token ``k`` is the أنّ of a contrast (إلا أن، بيد أن، غير أن), which opens a clause."""
    return reader.key(k) == "ان" and reader.key(k - 1, "و") in _BUT and not reader.broken(k)


def _subject_at(  # noqa: PLR0913 - keyword-only: how the subject was met
    reader: Reader,
    start: int,
    end: int,
    plausible: Callable[[Mention], bool],
    *,
    commas: bool,
    topic: bool,
    known: Callable[[Mention], bool] | None = None,
) -> Mention | None:
    """The subject from token ``start``, when it fills the words up to the verb at ``end`` (after أما,
    a name may be followed by what describes it between commas) and names a speaker."""
    mention = read_mention(_subject_word(reader, start), start, "source-before-verb")
    if mention is None or not (_names_a_speaker(mention) or (known is not None and known(mention))):
        return None
    if not plausible(mention):
        return None
    if mention.end_token != end and not (topic and _described(reader, mention, end)):
        return None
    if commas and mention.end_token == end and not (mention.name_keys and bare(reader.key(start)) in TITLES):
        return None  # between commas only a person's name after a title (not سكان الحي، رجالا ونساء،)
    mention.phrase_start = reader.tokens[start].start
    return _without_conjunction(reader, mention)


def _subject_word(reader: Reader, start: int) -> Reader:
    """The reader with the subject's first word read as the speaker word it is: without its و
    (ووزارة الصحة أعلنت أن …، وقوات الأمن أكدت: وزارة الصحة, not a name), or without the alif of the
    accusative after إنّ/أنّ (إلا أن مصدراً دبلوماسياً أكد …، إن مسؤولاً في الوزارة قال …)."""
    token = reader.tokens[start]
    if token.definite or speaker_word(token.key):
        return reader
    stripped = strip_clitic(token, "و")
    if stripped is not None and speaker_word(stripped[0]):
        cut = stripped[1]
        return reader.with_token(Token(start, token.start + cut, token.end, token.text[cut:], stripped[0]))
    if token.key.endswith("ا") and speaker_word(token.key[:-1]) and reader.key(start - 1) in _ACCUSATIVE_AFTER:
        view = reader.with_token(Token(start, token.start, token.end, token.text, token.key[:-1]))
        for k in range(start + 1, min(start + 3, len(reader.tokens))):  # its adjectives: دبلوماسياً → دبلوماسي
            word = reader.tokens[k]
            if reader.broken(k) or not word.key.endswith("يا"):
                break
            view = view.with_token(Token(k, word.start, word.end, word.text, word.key[:-1]))
        return view
    return reader


def _described(reader: Reader, mention: Mention, end: int) -> bool:
    """أما أم خالد، العائدة من مخيم الزعتري في الأردن، فتقول …: a name, then a few words between commas
    that describe it (no verb, no أنّ) up to the verb at ``end``."""
    first = mention.end_token
    if not mention.name_keys or not 0 < end - first <= _DESCRIPTION_WORDS:
        return False
    if reader.gap(first).strip() not in ("،", ",") or reader.gap(end).strip() not in ("،", ","):
        return False
    forms = verb_forms()
    inside = range(first, end)
    return not any(
        (m > first and reader.broken(m)) or reader.key(m) in COMPLEMENTIZERS or reader.key(m, "وف") in forms
        for m in inside
    )


def _before_stance(reader: Reader, end: int) -> int:
    """مديرية الصحة في حمص، من جانبها، حذرت …: the subject ends before who speaks in turn (between commas
    or not: بلدية الخليل من جهتها أعلنت …)."""
    for length in (2, 1):
        start = end - length
        if start <= 0 or after_stance(reader, start) != end:
            continue
        if reader.gap(start).strip() in ("،", ",") or not reader.broken(start):
            return start  # …، من جانبها، حذرت / بلدية الخليل من جهتها أعلنت
    return end


def opens_with_topic(reader: Reader, hit: CueHit) -> bool:
    """أما وزير المالية فأكد أن …، أما الوزير فقد أكد: the verb the ف of أما links to its topic (its
    speaker, when the topic names one), not a continuation of the previous speaker. A later cue of
    the sentence (…، وأضاف) is not."""
    opening = reader.key(reader.token_at(reader.sentence_of(hit.start)[0]), "و") == _AMMA
    linked = reader.tokens[hit.first].key.startswith("ف") or reader.key(hit.first - 1) == _FAQAD
    return opening and linked


def after_contrast(reader: Reader, mention: Mention) -> bool:
    """Whether a subject follows the أنّ of a contrast (…، إلا أن وزارة الداخلية أعلنت …): it opens a
    clause as a sentence's first subject does."""
    start = mention.start if mention.phrase_start is None else min(mention.start, mention.phrase_start)
    return _but_that(reader, reader.token_at(start) - 1)


def after_because(reader: Reader, mention: Mention) -> bool:
    """Whether a subject follows the لأنّ of a reason (… لأن الوفد أبلغ الوزارة أن …)."""
    start = mention.start if mention.phrase_start is None else min(mention.start, mention.phrase_start)
    return reader.key(reader.token_at(start) - 1) == _BECAUSE


def clause_opening(reader: Reader, mention: Mention) -> int:
    """Where a clause whose subject comes first opens: at كان before the subject, at the contrast or
    the reason before it (إلا أن النقابة أكدت، لأن الجيش أعلن), or the subject (its title too: وكان
    وزير الخارجية أنتوني بلينكن قد أكد)."""
    start = mention.start if mention.phrase_start is None else min(mention.start, mention.phrase_start)
    index = reader.token_at(start) - 1
    if _but_that(reader, index):
        return reader.tokens[index - 1].start
    if reader.key(index) == _BECAUSE:
        return reader.tokens[index].start  # ورفض السكان العودة، لأن الجيش أعلن أن …: the reason's clause
    return reader.tokens[index].start if reader.key(index, "و") in _KANA else start


def _names_a_speaker(mention: Mention) -> bool:
    """A name, or a head that stands for people or a body (الوزير، الجيش، مصدر): not any definite
    noun before a verb (الأرقام تؤكد أن …: the figures, no speaker)."""
    if mention.name_keys:
        return True
    head = mention.keys[0] if mention.keys else ""
    return speaker_word(head) or (head.startswith("و") and speaker_word(head[1:]))


def _without_conjunction(reader: Reader, mention: Mention) -> Mention:
    """والجيش أعلن أن …: the mention starts after the conjunction, as a cue does."""
    token = reader.tokens[reader.token_at(mention.start)]
    stripped = strip_clitic(token, "و")
    if stripped is not None and (token.key.startswith("وال") or speaker_word(stripped[0])):  # وقوات الأمن
        mention.start = token.start + stripped[1]
    return mention


#: The rule of a participle's speaker found after the verb its sentence opens with: the attribution
#: opens at the participle, and what the main clause says stays the outlet's.
MAIN_CLAUSE = "source-main-clause"
#: The most words of a place or a time that opens a sentence before its comma (وفي البرلمان، …).
_OPENING_ADJUNCT_WORDS = 4


def main_clause_subject(reader: Reader, hit: CueHit, feminine: bool | None) -> Mention | None:
    """The subject of the verb that opens the sentence of a participle, when no cue of the sentence
    names a speaker (ووجه الوزير انتقادات للحكومة، مؤكداً أن …؛ وفي البرلمان، شنّ النائب فؤاد شهاب
    هجوماً على الحكومة، معتبراً أن …): a titled or described speaker right after that verb, of the
    participle's gender when both say; ``None`` when there is none (a bare name may be any noun)."""
    opening = reader.token_at(reader.sentence_of(hit.start)[0])
    verb = _after_opening_adjunct(reader, opening, hit.first)
    first_word = reader.key(verb, "و")
    if verb + 1 >= hit.first or speaker_word(first_word) or first_word in COMPLEMENTIZERS:
        return None
    if reader.key(verb) in verb_forms() or first_word in verb_forms():
        return None  # a cue whose speaker was not found: its sentence is not understood
    # what the verb did, with ب, ends the subject (وتقدم النائب حسن الكعبي بطلب إحاطة، …، وقال)
    mention = read_mention(reader, verb + 1, MAIN_CLAUSE, objects=("ب",))
    if mention is None or mention.end_token >= hit.first or mention.keys == mention.name_keys:
        return None
    if not _names_a_speaker(mention) or (None not in (feminine, mention.feminine) and feminine != mention.feminine):
        return None
    return mention


def _after_opening_adjunct(reader: Reader, k: int, limit: int) -> int:
    """The token after a short place or time before a comma at the sentence's start, else ``k``."""
    if reader.key(k, "و") not in ADJUNCT_STARTS:
        return k
    for m in range(k + 1, min(k + _OPENING_ADJUNCT_WORDS + 1, limit)):
        if reader.gap(m).strip() in ("،", ","):
            return m
        if reader.broken(m):
            break
    return k
