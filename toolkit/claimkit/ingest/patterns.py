"""The patterns of Arabic news page furniture, one named expression each (docs/guidelines.md §8).

Every pattern matches whole words: an Arabic letter, digit or mark right before or after a month
name means it is part of another word. Month names come in the spellings newsrooms use: the
Egyptian and Gulf transliterations, the Levantine and Iraqi Syriac names, the Moroccan and the
Algerian/Tunisian French-derived names, each with and without hamza, and the Hijri months.
"""

from __future__ import annotations

import re

__all__ = [
    "AGENCY_LINE",
    "BYLINE",
    "DATE",
    "DATE_FILLER",
    "PROMOTION",
    "SHARE",
    "SOCIAL_CALL",
    "TIME",
    "TRAILER",
    "WEEKDAY",
]

DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_BEFORE = r"(?<![\w\u064b-\u0652\u0670])"  # \w misses Arabic harakat: a month with a fatha is still one word
_AFTER = r"(?![\w\u064b-\u0652\u0670])"
_A = "[أاإآ]"  # alef with or without hamza, as newsrooms write it either way

GREGORIAN_EGYPT_GULF = (
    f"يناير|فبراير|مارس|{_A}بريل|مايو|يونيو|يونيه|يوليو|يوليه|{_A}غسطس|سبتمبر|{_A}كتوبر|نوفمبر|ديسمبر"
)
GREGORIAN_LEVANT = (
    f"كانون الثاني|شباط|{_A}ذار|نيسان|{_A}يار|مايس|حزيران|تموز|{_A}ب|{_A}يلول|"
    f"تشرين ال{_A}ول|تشرين الثاني|كانون ال{_A}ول"
)
GREGORIAN_MAGHREB = f"ماي|يوليوز|غشت|شتنبر|نونبر|دجنبر|جانفي|فيفري|{_A}فريل|جوان|جويلية|{_A}وت"
HIJRI = (
    f"محرم|صفر|ربيع ال{_A}ول|ربيع ال{_A}خر|ربيع الثاني|جماد[ىي] ال{_A}ول[ىي]|جماد[ىي] ال{_A}خرة|جماد[ىي] الثاني[ةه]|"
    "رجب|شعبان|رمضان|شوال|ذ[وي] القعدة|ذ[وي] الحجة"
)
LATIN = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH = (
    f"{_BEFORE}(?<!واتس )(?:{GREGORIAN_LEVANT}|{GREGORIAN_EGYPT_GULF}|{GREGORIAN_MAGHREB}|{HIJRI}|{LATIN})\\.?{_AFTER}"
)
_ERA = rf"(?:\s*(?:هـ|ه|م|AH|AD|CE){_AFTER})?"
_DAY = rf"{_BEFORE}{DIGIT}{{1,2}}{_AFTER}"
_YEAR = rf"{_BEFORE}{DIGIT}{{4}}{_AFTER}"
_NAMED_DATE = rf"(?:{_DAY}\s*)?{_MONTH}\s*[,،]?\s*{_YEAR}{_ERA}|{_MONTH}\s*{_DAY}\s*[,،]?\s*{_YEAR}|{_DAY}\s*{_MONTH}"
_NUMERIC_DATE = rf"{_BEFORE}{DIGIT}{{1,4}}[/.-]{DIGIT}{{1,2}}[/.-]{DIGIT}{{1,4}}{_AFTER}{_ERA}"
#: A date: a month name with a day, a year or both (never a month name alone), or a numeric date.
DATE = re.compile(rf"{_NAMED_DATE}|{_NUMERIC_DATE}", re.IGNORECASE)
#: A clock time, with the markers Arabic pages put after it (ص/م, ت م = Mecca time, GMT).
TIME = re.compile(
    rf"{_BEFORE}{DIGIT}{{1,2}}\s*:\s*{DIGIT}{{2}}(?::{DIGIT}{{2}})?"
    rf"(?:\s*(?:AM|PM|ص|م|صباحاً|صباحا|مساءً|مساء|ت\s?\.?\s?م|ت\s?\.?\s?غ|GMT|بتوقيت(?:\s+\S+){{1,2}}){_AFTER})?",
    re.IGNORECASE,
)
WEEKDAY = re.compile(
    rf"{_BEFORE}(?:ال)?(?:سبت|{_A}حد|{_A}ثنين|ثلاثاء|{_A}ربعاء|خميس|جمعة)(?:ة)?{_AFTER}|"
    r"\b(?:Saturday|Sunday|Monday|Tuesday|Wednesday|Thursday|Friday)\b",
    re.IGNORECASE,
)
#: Words that go with a date on a date line and are not content.
DATE_FILLER = re.compile(
    rf"{_BEFORE}(?:الموافق(?:\s+لـ?)?|نشر(?:\s+في|\s+بتاريخ)?|بتاريخ|تاريخ النشر|آخر تحديث|تحديث|{_A}خر تعديل|"
    r"Published|Updated|Posted|Last updated|on|at)(?!\w)|[,،:|\-–—()/]+",
    re.IGNORECASE,
)
AGENCIES = (
    "واس|سانا|قنا|وام|بنا|كونا|سبأ|واج|ومع|وفا|بترا|عمانية|الأناضول|رويترز|أ ف ب|أ ش أ|د ب أ|فرانس برس|شينخوا|"
    "وكالات|متابعات|AFP|Reuters|AP|SPA|WAM|QNA|KUNA|Anadolu"
)
#: A line that is only an agency or "agencies", possibly in brackets: ``(رويترز)``, ``- واس -``.
AGENCY_LINE = re.compile(rf"^[\s(\[\-–—]*(?:{AGENCIES})[\s)\]\-–—.]*$")
#: A byline: a credit word and a name, or ``outlet – city`` / ``city - agency`` in at most 4 words a side.
BYLINE = re.compile(
    r"^(?:كتب|كتبت|بقلم|إعداد|اعداد|تحرير|تقرير|ترجمة|متابعة|حوار|تصوير|مراسل\S*|By)\s*[:：]?\s*[^.؟!?]{2,50}$|"
    r"^(?:[^\s.،,؛:؟!?0-9\-–—|]+\s){0,3}[^\s.،,؛:؟!?0-9\-–—|]+\s*[-–—|]\s*"
    r"(?:[^\s.،,؛:؟!?0-9\-–—|]+\s){0,3}[^\s.،,؛:؟!?0-9\-–—|]+$",
    re.IGNORECASE,
)
#: Agency trailers closing a wire story: ``// انتهى //``, ``18:11 ت م``, a story number, editors' initials.
TRAILER = re.compile(
    r"^[\s/()\[\]\-–—.]*انتهى[\s/()\[\]\-–—.]*$|"
    rf"^{DIGIT}{{1,2}}\s*:\s*{DIGIT}{{2}}\s*(?:ت\s?\.?\s?م|ت\s?\.?\s?غ|GMT|بتوقيت(?:\s+\S+){{1,2}})?$|"
    rf"^{DIGIT}{{3,5}}$|"
    r"^(?:[\u0621-\u064a][.\s]?){1,3}(?:\s*/\s*(?:[\u0621-\u064a][.\s]?){1,3})+$",
    re.IGNORECASE,
)
_SOCIAL = (
    "فيسبوك|فيس بوك|تويتر|إكس|تلغرام|تيليغرام|تليجرام|تلجرام|واتس ?آب|واتساب|انستغرام|إنستغرام|انستجرام|يوتيوب|"
    "تيك ?توك|Facebook|Twitter|Telegram|WhatsApp|Instagram|YouTube|TikTok"
)
#: Promotion: read-also links, follow/subscribe/download calls, alone on a line anywhere in the text.
PROMOTION = re.compile(
    rf"^(?:{_A}قر{_A} {_A}يض[اًا]+|{_A}قر{_A} المزيد|للمزيد|شاهد {_A}يض[اًا]+|شاهد\s*:|تابعونا|تابعوا|تابعنا|"
    rf"انضم|انضموا|اشترك|اشتركوا|للاشتراك|حمّل|حمل تطبيق|لمتابعة|ل{_A}خبار عاجلة|"
    r"Read more|Read also|Follow us|Subscribe|Download)\b",
    re.IGNORECASE,
)
#: A call to a social network closing a page: ``للتواصل عبر واتس آب اضغط هنا`` (looked for in the tail only).
SOCIAL_CALL = re.compile(rf"(?:{_SOCIAL}).{{0,80}}(?:اضغط|انقر|هنا|الرابط|click)\W*$", re.IGNORECASE)
#: Share, print, source and tag lines closing a page: ``مشاركة المقال:``, ``المصدر: سانا``, ``الوسوم``.
SHARE = re.compile(
    r"^(?:مشاركة المقال|مشاركة الخبر|مشاركة|شارك المقال|شارك الخبر|شارك|انشر|رابط مختصر|الرابط المختصر|طباعة|"
    rf"{_A}رسل لصديق|المصدر|مصدر الخبر|الكلمات الدلالية|كلمات مفتاحية|الوسوم|وسوم|"
    r"Share(?: this)?(?: article)?|Print|Tweet|Source|Tags)(?:\s*[:：].{0,80}|\s*)$",
    re.IGNORECASE,
)
