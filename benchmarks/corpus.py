"""Generate a realistic synthetic corpus of valid document files for the benchmarks.

Each document: about 3,000 characters of Arabic text built from the words of the seed article,
paragraphs, quotation marks; 20 claims across the three categories with sources (two mentions
each), cues, direct quotes inside quotation marks and nested claims. Every file passes
``claimkit validate`` with no issue, so the benchmarks time the clean path a real corpus takes.

    python benchmarks/corpus.py OUT_DIR --documents 5000
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from claimkit.lexicon import leading_marker, normalize
from claimkit.model import text_sha256
from claimkit.storage import dump_json
from claimkit.taxonomy import GUIDELINES_VERSION

SEED_ARTICLE = Path(__file__).resolve().parents[1] / "annotations" / "000_f22616ff3d8ce778.json"
_FALLBACK_WORDS = [
    "وصل",
    "وفد",
    "رسمي",
    "من",
    "وزارة",
    "الدفاع",
    "السورية",
    "إلى",
    "العاصمة",
    "الروسية",
    "موسكو",
    "وذلك",
    "عقب",
    "سلسلة",
    "الزيارات",
]
_OPENERS = {normalize(word) for word in ("أن", "إن", "بأن")}
CUES = ["قال", "أكد", "أوضح", "أشار", "اعتبر", "أضاف", "بحسب", "نقلاً عن"]
KINDS = ["government", "military", "analyst", "media"]
CATEGORY_FOR_KIND = {
    "government": "official_statement",
    "military": "official_statement",
    "analyst": "analyst_opinion",
    "media": "reported_fact",
}


def _may_open_a_claim(word: str) -> bool:
    """Not a hedge even before an imperfect verb (احتمال، وقد يـ), not أن/إن/بأن."""
    return leading_marker(f"{word} يكون") is None and normalize(word) not in _OPENERS


def vocabulary() -> list[str]:
    """The seed's words, less those a claim may not open with (a hedge such as احتمال, the بأن of
    reported speech): random content starts with any word, and the corpus must stay clean."""
    if SEED_ARTICLE.is_file():
        text = SEED_ARTICLE.read_text(encoding="utf-8")
        words = re.findall(r"[\u0621-\u064a]{3,}", text)
        if words:
            return sorted(w for w in set(words) if _may_open_a_claim(w))
    return _FALLBACK_WORDS


class _Builder:
    """Appends text piece by piece and records the offsets of what it appended."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _words(rng: random.Random, words: list[str], count: int) -> str:
    return " ".join(rng.choice(words) for _ in range(count))


def _span(start: int, end: int, text: str) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text}


def generate_document(index: int, rng: random.Random, words: list[str], claims: int = 20) -> dict[str, Any]:
    """One valid document file as a dict (about 3,000 characters of text)."""
    out = _Builder()
    sources = []
    for s in range(4):
        name = _words(rng, words, 2)
        sources.append({"id": f"s{s}", "name": name, "kind": KINDS[s], "naming": "named", "mentions": []})
    cues: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []
    for c in range(claims):
        if c and c % 4 == 0:
            out.add("\n\n")
        source = sources[c % 4] if c % 5 != 4 else None
        if source is not None:
            start, end = out.add(source["name"])
            if len(source["mentions"]) < 2:
                source["mentions"].append(_span(start, end, source["name"]))
            out.add(" ")
            cue_text = rng.choice(CUES)
            cue_start, cue_end = out.add(cue_text)
            cues.append({"id": f"q{c}", **_span(cue_start, cue_end, cue_text)})
            out.add(" أن ")
        direct = source is not None and c % 3 == 0
        if direct:
            out.add("\u00ab")
        content = _words(rng, words, rng.randint(18, 26))
        start, end = out.add(content)
        if direct:
            out.add("\u00bb")
        out.add(". ")
        category = CATEGORY_FOR_KIND[source["kind"]] if source else "reported_fact"
        row: dict[str, Any] = {"id": f"c{c}", **_span(start, end, content), "category": category}
        if source is not None:
            row |= {"source": source["id"], "cue": f"q{c}"}
        row["quote"] = "direct" if direct else ("indirect" if source else "none")
        if c % 7 == 6 and claim_rows:
            row["parent"] = claim_rows[-1]["id"]
        claim_rows.append(row)
    text = out.text.rstrip()
    doc_id = f"bench-{index:06d}"
    return {
        "schema_version": "1.0.0",
        "document": {
            "id": doc_id,
            "title": _words(rng, words, 8),
            "text": text,
            "text_sha256": text_sha256(text),
            "language": "ar",
            "outlet": "حلب اليوم",
            "published": "2025-10-03",
        },
        "gold": {
            "annotator": "bench",
            "guideline_version": GUIDELINES_VERSION,
            "sources": sources,
            "cues": cues,
            "claims": claim_rows,
        },
    }


def generate(count: int, seed: int = 0, claims: int = 20) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    words = vocabulary()
    for index in range(count):
        yield generate_document(index, rng, words, claims)


def write_corpus(folder: Path, count: int, seed: int = 0, claims: int = 20) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in generate(count, seed, claims):
        path = folder / f"{document['document']['id']}.json"
        path.write_text(dump_json(document), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--claims", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    write_corpus(args.out, args.documents, args.seed, args.claims)


if __name__ == "__main__":
    main()
