"""The dataset card (``README.md`` with the Hub's YAML metadata) and the changelog of a release."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from claimkit.model import DocumentFile
from claimkit.preannotate.acceptance import AcceptanceTally
from claimkit.release.settings import DatasetSettings
from claimkit.release.versions import ReleaseRecord, parse_version, required_bump
from claimkit.taxonomy import (
    GUIDELINES_VERSION,
    LABEL_SETS,
    OFFICIAL_SOURCE_KINDS,
    ClaimCategory,
    describe,
)

__all__ = ["CardInputs", "Statistics", "changelog_markdown", "render_card", "size_category"]

_SIZES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"), (10**7, "1M<n<10M")]


@dataclass
class Statistics:
    """Counts gathered while the release is written."""

    documents: Counter[str] = field(default_factory=Counter)  # by split
    rows: dict[str, Counter[str]] = field(default_factory=dict)  # config -> split -> rows
    categories: dict[str, Counter[str]] = field(default_factory=dict)  # split -> category -> claims
    source_kinds: Counter[str] = field(default_factory=Counter)  # claims by the kind of their source
    left_out: list[str] = field(default_factory=list)  # documents without gold
    multi_annotated: list[DocumentFile] = field(default_factory=list)  # for the agreement section
    guideline_versions: set[str] = field(default_factory=set)  # of the gold annotations released
    acceptance: AcceptanceTally = field(default_factory=AcceptanceTally)  # of pre-annotation suggestions

    def add_rows(self, config: str, split: str, count: int) -> None:
        self.rows.setdefault(config, Counter())[split] += count


@dataclass(frozen=True)
class CardInputs:
    settings: DatasetSettings
    version: str
    record: ReleaseRecord
    stats: Statistics
    splits: dict[str, list[str]]  # config -> non-empty splits, in order
    agreement_markdown: str | None = None


def size_category(count: int) -> str:
    return next((label for limit, label in _SIZES if count < limit), "n>1T")


def _yaml_header(inputs: CardInputs) -> str:
    settings = inputs.settings
    configs = []
    for config, splits in inputs.splits.items():
        entry: dict[str, Any] = {
            "config_name": config,
            "data_files": [{"split": split, "path": f"data/{config}/{split}-*.parquet"} for split in splits],
        }
        if config == "claims":
            entry["default"] = True
        configs.append(entry)
    claims = sum(inputs.stats.rows.get("claims", Counter()).values())
    metadata = {
        "license": settings.license,
        "language": list(settings.languages),
        "pretty_name": settings.pretty_name,
        "size_categories": [size_category(claims)],
        "task_categories": ["text-classification", "token-classification"],
        "task_ids": ["multi-class-classification", "named-entity-recognition"],
        "annotations_creators": ["expert-generated"],
        "language_creators": ["found"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "tags": ["claims", "attribution", "fact-checking", "news", "source-attribution", "claimkit"],
        "configs": configs,
    }
    return "---\n" + yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def _label_tables() -> list[str]:
    lines = []
    for name, label_set in LABEL_SETS.items():
        lines += [f"**{name}**", "", "| value | title | العربية | definition |", "|---|---|---|---|"]
        lines += [
            f"| `{v.value}` | {describe(v).title} | {describe(v).title_ar} | {describe(v).definition} |"
            for v in label_set
        ]
        lines.append("")
    return lines


def _statistics(inputs: CardInputs) -> list[str]:
    stats = inputs.stats
    splits = [s for s in inputs.settings.split_ratios if stats.documents[s]]
    header = "| | " + " | ".join(splits) + " | total |"
    rule = "|---" * (len(splits) + 2) + "|"
    lines = [header, rule]
    lines.append(
        "| documents | " + " | ".join(str(stats.documents[s]) for s in splits) + f" | {sum(stats.documents.values())} |"
    )
    for config in ("claims", "sources", "sentences"):
        rows = stats.rows.get(config, Counter())
        lines.append(f"| {config} | " + " | ".join(str(rows[s]) for s in splits) + f" | {sum(rows.values())} |")
    for category in ClaimCategory:
        counts = [stats.categories.get(s, Counter())[category.value] for s in splits]
        lines.append(f"| claims: `{category.value}` | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")
    lines += ["", "Claims by the kind of their source (`none`: the outlet's own voice):", ""]
    lines += ["| source kind | claims |", "|---|---|"]
    lines += [f"| `{kind}` | {count} |" for kind, count in sorted(stats.source_kinds.items())]
    empty = [s for s in inputs.settings.split_ratios if not stats.documents[s]]
    if empty:
        lines += ["", f"Splits with no document yet, so not listed: {', '.join(empty)}."]
    if stats.left_out:
        lines += ["", f"{len(stats.left_out)} documents of the corpus have no gold annotation yet and are left out."]
    return lines


def render_card(inputs: CardInputs) -> str:
    """The full ``README.md`` of a release."""
    settings, record = inputs.settings, inputs.record
    official = ", ".join(f"`{k.value}`" for k in sorted(OFFICIAL_SOURCE_KINDS))
    name = settings.name
    body = [
        f"# {settings.pretty_name}",
        "",
        f"Version **{inputs.version}** · schema {record.schema_version} · guidelines {record.guidelines_version} · "
        f"corpus commit `{record.corpus_commit[:12]}` · {record.date.isoformat()}",
        "",
        "## Summary",
        "",
        settings.description,
        "",
        "```python",
        "from datasets import load_dataset",
        f'claims = load_dataset("{name}", "claims")  # or the path of this folder',
        "```",
        "",
        "Configs: `claims` (one row per claim, with its sentence, source and cue; the default), `documents` "
        "(whole articles with nested claims, sources and cues), `sources` (one row per source entity) and "
        "`sentences` (every body sentence with the categories of the claims in it, for sentence classifiers). "
        "Splits are assigned by a hash of the document id, so a document keeps its split in every version.",
        "",
        "## Schema and label definitions",
        "",
        "Offsets (`start`, `end`) are Unicode code points into the document text; `text` is `text[start:end]`. "
        f"An official statement needs a source of an official kind ({official}).",
        "",
        *_label_tables(),
        "## Guidelines",
        "",
        f"Annotated with guidelines version {record.guidelines_version} (current: {GUIDELINES_VERSION}), "
        f"`docs/guidelines.md` in {settings.homepage or 'the claimkit repository'}: the category decision tree, "
        "source kinds, a table of Arabic attribution cues, certainty and nesting, with worked examples.",
        "",
        "## Statistics",
        "",
        *_statistics(inputs),
        "",
        "## Agreement",
        "",
        inputs.agreement_markdown or "No document of this release has been annotated by two or more annotators yet.",
        "",
        "## Pre-annotation",
        "",
        "Annotators may start from suggestions of `claimkit preannotate` (rule-based, offline) shown in Label "
        "Studio; what they kept, changed, removed and added, counted region by region at pull:",
        "",
        inputs.stats.acceptance.markdown(),
        "## How it was made",
        "",
        "Articles are ingested verbatim (page furniture such as date lines and share buttons is kept in the text and "
        "marked, never normalized away). Annotators label claims, sources and cues in Label Studio with a config "
        "generated from the taxonomy; `claimkit ls pull` converts every annotation losslessly, pseudonymizes "
        "annotators with a keyed hash and re-checks offsets; `claimkit validate` checks structure and the "
        "consequences of the guidelines; the gold annotation is adjudicated from several annotators or written by "
        "the maintainers; `claimkit release` builds this folder (see `manifest.json` for every file's SHA-256).",
        "",
        "## Limitations",
        "",
        "- Article texts remain the property of their publishers and are shared for research; check each document's "
        "`license`. Annotations are released under the dataset license.",
        "- The corpus is small and drawn from few outlets; category frequencies reflect those outlets, not Arabic "
        "news at large.",
        "- Certainty and the official/analyst boundary involve judgement; see the agreement section.",
        "- Annotators are pseudonymous; no personal data about them is included.",
        "",
        "## Citation",
        "",
        "```bibtex",
        settings.citation or f"@misc{{{name}, title = {{{settings.pretty_name}}}}}",
        "```",
        "",
        "See `CHANGELOG.md` for what changed between versions.",
    ]
    return _yaml_header(inputs) + "\n".join(body) + "\n"


def _distribution(record: ReleaseRecord) -> Counter[str]:
    counts: Counter[str] = Counter()
    for document in record.documents.values():
        for _, _, category in document.claim_spans():
            counts[record.categories[category]] += 1
    return counts


def _changes(previous: ReleaseRecord | None, record: ReleaseRecord) -> list[str]:
    if previous is None:
        count = len(record.documents)
        return [f"- First release: {count} document{'' if count == 1 else 's'}."]
    _, reasons = required_bump(previous, record)
    before, after = _distribution(previous), _distribution(record)
    lines = [f"- {reason}" for reason in reasons] or ["- No change in content."]
    moved = ", ".join(
        f"`{c}` {before[c]} → {after[c]}" for c in sorted(set(before) | set(after)) if before[c] != after[c]
    )
    if moved:
        lines.append(f"- Claims by category: {moved}")
    return lines


def changelog_markdown(records: dict[str, ReleaseRecord], current: ReleaseRecord, snapshot: bool = False) -> str:
    """The changelog up to ``current``: one section per version, newest first."""
    history = {v: r for v, r in records.items() if snapshot or parse_version(v) <= parse_version(current.version)}
    if not snapshot:
        history[current.version] = current
    ordered = sorted(history.values(), key=lambda r: parse_version(r.version))
    sections = []
    previous: ReleaseRecord | None = None
    for record in ordered:
        sections.append([f"## {record.version} ({record.date.isoformat()})", "", *_changes(previous, record)])
        if record.notes:
            sections[-1] += ["", record.notes]
        previous = record
    if snapshot:
        sections.append(["## Unreleased snapshot", "", *_changes(previous, current)])
    body = ["\n".join(section) for section in reversed(sections)]
    return "# Changelog\n\n" + "\n\n".join(body) + "\n"
