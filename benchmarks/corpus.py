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


def _shifted(row: dict[str, Any], text: str) -> dict[str, Any]:
    """The claim starting one word later (annotators disagree on where content starts)."""
    first_space = row["text"].find(" ")
    if first_space < 0:
        return row
    start = row["start"] + first_space + 1
    return row | {"start": start, "text": text[start : row["end"]]}


def _variant(row: dict[str, Any], rng: random.Random, text: str, official: list[str]) -> dict[str, Any] | None:
    """One annotator's reading of a gold claim (``None``: the annotator did not mark it)."""
    draw = rng.random()
    if draw < 0.06:
        return None
    if draw < 0.14:
        return _shifted(row, text)
    if draw < 0.20 and row.get("source") is None:
        return row | {"category": "analyst_opinion"}
    if draw < 0.26:
        return row | {"certainty": "probable"}
    if draw < 0.30 and row.get("source") in official and len(official) == 2:
        return row | {"source": official[1 - official.index(row["source"])]}
    return row


def annotator_annotation(gold: dict[str, Any], text: str, rng: random.Random, name: str) -> dict[str, Any]:
    """An annotator's annotation made from the gold with per-claim disagreements (see the docstring)."""
    official = [s["id"] for s in gold["sources"] if s["kind"] in ("government", "military")]
    claims = [v for row in gold["claims"] if (v := _variant(row, rng, text, official)) is not None]
    kept = {c["id"] for c in claims}
    claims = [c if c.get("parent") in kept else {k: v for k, v in c.items() if k != "parent"} for c in claims]
    used_sources, used_cues = {c.get("source") for c in claims}, {c.get("cue") for c in claims}
    return {
        "annotator": name,
        "guideline_version": gold["guideline_version"],
        "lead_time": round(rng.uniform(300, 1800), 1),
        "sources": [s for s in gold["sources"] if s["id"] in used_sources],
        "cues": [q for q in gold["cues"] if q["id"] in used_cues],
        "claims": claims,
    }


def generate_document(
    index: int, rng: random.Random, words: list[str], claims: int = 20, annotators: int = 0
) -> dict[str, Any]:
    """One valid document file as a dict (about 3,000 characters of text), with ``annotators``
    annotators' annotations besides the gold."""
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
        while leading_marker(content) is not None:  # two words can make a hedge (من + الممكن): C010
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
    gold = {
        "annotator": "bench",
        "guideline_version": GUIDELINES_VERSION,
        "sources": [source for source in sources if source["mentions"]],  # fewer than 4 claims: unused ones
        "cues": cues,
        "claims": claim_rows,
    }
    annotations = [
        annotator_annotation(gold, text, random.Random(f"{doc_id}/{a}"), f"ann-{a}") for a in range(1, annotators + 1)
    ]
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
        **({"annotations": annotations} if annotations else {}),
        "gold": gold,
    }


def generate(count: int, seed: int = 0, claims: int = 20, annotators: int = 0) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    words = vocabulary()
    for index in range(count):
        yield generate_document(index, rng, words, claims, annotators)


def write_corpus(folder: Path, count: int, seed: int = 0, claims: int = 20, annotators: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in generate(count, seed, claims, annotators):
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
    parser.add_argument("--annotators", type=int, default=0, help="annotators' annotations per document, besides gold")
    args = parser.parse_args()
    write_corpus(args.out, args.documents, args.seed, args.claims, args.annotators)


if __name__ == "__main__":
    main()
