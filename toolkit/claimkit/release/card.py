"""The dataset card of a release: ``README.md`` with the Hub's YAML metadata, then one function per section."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml

from claimkit.preannotate.acceptance import AcceptanceTally
from claimkit.release.configs import CONFIGS
from claimkit.release.licenses import LicenseSummary
from claimkit.release.settings import DatasetSettings
from claimkit.release.versions import ReleaseRecord
from claimkit.taxonomy import GUIDELINES_VERSION, LABEL_SETS, OFFICIAL_SOURCE_KINDS, describe

__all__ = ["CardInputs", "Statistics", "render_card", "size_category"]

_SIZES = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"), (10**7, "1M<n<10M")]
Lines = list[str]


@dataclass
class Statistics:
    """Counts gathered while the release is written."""

    documents: Counter[str] = field(default_factory=Counter)  # by split
    rows: dict[str, Counter[str]] = field(default_factory=dict)  # config -> split -> rows
    categories: dict[str, Counter[str]] = field(default_factory=dict)  # split -> category -> claims
    source_kinds: Counter[str] = field(default_factory=Counter)  # claims by the kind of their source
    left_out: list[str] = field(default_factory=list)  # documents without gold
    guideline_versions: set[str] = field(default_factory=set)  # of the gold annotations released
    acceptance: AcceptanceTally = field(default_factory=AcceptanceTally)  # of pre-annotation suggestions

    def add_rows(self, split: str, counts: dict[str, int]) -> None:
        for config, count in counts.items():
            self.rows.setdefault(config, Counter())[split] += count


@dataclass(frozen=True)
class CardInputs:
    settings: DatasetSettings
    version: str
    record: ReleaseRecord  # its label_sets are the ClassLabel ids of this release
    stats: Statistics
    splits: dict[str, list[str]]  # config -> non-empty splits, in order
    licenses: LicenseSummary
    agreement_markdown: str | None = None


def size_category(count: int) -> str:
    return next((label for limit, label in _SIZES if count < limit), "n>1T")


def _configs(inputs: CardInputs) -> list[dict[str, Any]]:
    configs = []
    for config in CONFIGS:
        splits = inputs.splits.get(config.name, [])
        files = [{"split": split, "path": f"data/{config.name}/{split}-*.parquet"} for split in splits]
        configs.append(
            {"config_name": config.name, "data_files": files} | ({"default": True} if config.default else {})
        )
    return configs


def _yaml_header(inputs: CardInputs) -> str:
    settings, ids = inputs.settings, inputs.licenses.card_ids()
    metadata = {
        "license": ids[0] if len(ids) == 1 else ids,
        "language": list(settings.languages),
        "pretty_name": settings.pretty_name,
        "size_categories": [size_category(sum(inputs.stats.rows.get("claims", Counter()).values()))],
        "task_categories": ["text-classification", "token-classification"],
        "task_ids": ["multi-class-classification", "named-entity-recognition"],
        "annotations_creators": ["expert-generated"],
        "language_creators": ["found"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "tags": ["claims", "attribution", "fact-checking", "news", "source-attribution", "claimkit"],
        "configs": _configs(inputs),
    }
    return "---\n" + yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def _summary(inputs: CardInputs) -> Lines:
    settings, record = inputs.settings, inputs.record
    configs = "; ".join(f"`{config.name}` ({config.card})" for config in CONFIGS)
    return [
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
        f'claims = load_dataset("{settings.name}", "claims")  # or the path of this folder',
        "```",
        "",
        f"Configs: {configs}. Splits are assigned by a hash of the document id, so a document keeps its split "
        "in every version.",
    ]


def _label_table(name: str, labels: list[str]) -> Lines:
    values = {value.value: value for value in LABEL_SETS[name]}
    lines = [f"**{name}**", "", "| id | value | title | العربية | definition |", "|---|---|---|---|---|"]
    for number, label in enumerate(labels):
        term = describe(values[label])
        lines.append(f"| {number} | `{label}` | {term.title} | {term.title_ar} | {term.definition} |")
    return [*lines, ""]


def _schema(inputs: CardInputs) -> Lines:
    official = ", ".join(f"`{k.value}`" for k in sorted(OFFICIAL_SOURCE_KINDS))
    lines = [
        "## Schema and label definitions",
        "",
        "Offsets (`start`, `end`) are Unicode code points into the document text; `text` is `text[start:end]`. "
        f"An official statement needs a source of an official kind ({official}).",
        "",
        "Closed label sets are `ClassLabel` columns. Their integer ids are part of the release contract: a label "
        "keeps its id in every later version, a new label gets the next id, and a label is only removed, renamed "
        "or given another id in a new major version (see `CHANGELOG.md`).",
        "",
    ]
    for name, labels in inputs.record.label_sets.items():
        lines += _label_table(name, labels)
    return lines


def _guidelines(inputs: CardInputs) -> Lines:
    record, settings = inputs.record, inputs.settings
    return [
        "## Guidelines",
        "",
        f"Annotated with guidelines version {record.guidelines_version} (current: {GUIDELINES_VERSION}), "
        f"`docs/guidelines.md` in {settings.homepage or 'the claimkit repository'}: the category decision tree, "
        "source kinds, a table of Arabic attribution cues, certainty and nesting, with worked examples.",
    ]


def _row(label: str, counts: list[int]) -> str:
    return f"| {label} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |"


def _count_table(inputs: CardInputs, splits: list[str]) -> Lines:
    stats = inputs.stats
    lines = ["| | " + " | ".join(splits) + " | total |", "|---" * (len(splits) + 2) + "|"]
    lines.append(_row("documents", [stats.documents[s] for s in splits]))
    for config in (c.name for c in CONFIGS if c.in_statistics):
        rows = stats.rows.get(config, Counter())
        lines.append(_row(config, [rows[s] for s in splits]))
    for category in inputs.record.label_sets["ClaimCategory"]:
        lines.append(_row(f"claims: `{category}`", [stats.categories.get(s, Counter())[category] for s in splits]))
    return lines


def _statistics(inputs: CardInputs) -> Lines:
    stats = inputs.stats
    splits = [s for s in inputs.settings.split_ratios if stats.documents[s]]
    lines = ["## Statistics", "", *_count_table(inputs, splits)]
    lines += ["", "Claims by the kind of their source (`none`: the outlet's own voice):", ""]
    lines += ["| source kind | claims |", "|---|---|"]
    lines += [f"| `{kind}` | {count} |" for kind, count in sorted(stats.source_kinds.items())]
    if empty := [s for s in inputs.settings.split_ratios if not stats.documents[s]]:
        lines += ["", f"Splits with no document yet, so not listed: {', '.join(empty)}."]
    if stats.left_out:
        lines += ["", f"{len(stats.left_out)} documents of the corpus have no gold annotation yet and are left out."]
    return lines


def _agreement(inputs: CardInputs) -> Lines:
    default = "No document of this release has been annotated by two or more annotators yet."
    return ["## Agreement", "", inputs.agreement_markdown or default]


def _preannotation(inputs: CardInputs) -> Lines:
    return [
        "## Pre-annotation",
        "",
        "Annotators may start from suggestions of `claimkit preannotate` (rule-based, offline) shown in Label "
        "Studio; what they kept, changed, removed and added, counted region by region at pull:",
        "",
        inputs.stats.acceptance.markdown(),
    ]


def _documents(count: int) -> str:
    return f"{count} document" if count == 1 else f"{count} documents"


def _license(inputs: CardInputs) -> Lines:
    summary = inputs.licenses
    lines = ["## License", "", f"- Annotations (claims, sources, cues): `{summary.dataset}`, the dataset license."]
    texts = ", ".join(f"`{license_id}` ({_documents(count)})" for license_id, count in summary.documents.items())
    if texts:
        lines.append(f"- Article texts, under their publishers' licenses: {texts}.")
    if summary.missing:
        lines.append(
            f"- {_documents(summary.missing)} record no license: their texts' terms are unknown; ask their "
            "publishers before any use beyond research."
        )
    terms = ", ".join(summary.terms) or "none"
    lines += ["", f"Using the dataset as a whole means keeping every term above; the most restrictive: **{terms}**."]
    return lines


def _how_it_was_made() -> Lines:
    return [
        "## How it was made",
        "",
        "Articles are ingested verbatim (page furniture such as date lines and share buttons is kept in the text and "
        "marked, never normalized away). Annotators label claims, sources and cues in Label Studio with a config "
        "generated from the taxonomy; `claimkit ls pull` converts every annotation losslessly, pseudonymizes "
        "annotators with a keyed hash and re-checks offsets; `claimkit validate` checks structure and the "
        "consequences of the guidelines; the gold annotation is adjudicated from several annotators or written by "
        "the maintainers; `claimkit release` builds this folder (see `manifest.json` for every file's SHA-256).",
    ]


def _verifying() -> Lines:
    return [
        "## Verifying a download",
        "",
        "`manifest.json` lists every file of this folder with its size and SHA-256; `SHA256SUMS` holds the same "
        "sums in the format of `sha256sum`. In the folder:",
        "",
        "```bash",
        "claimkit verify .          # sizes, SHA-256, no missing or extra file, every Parquet file readable",
        "sha256sum -c SHA256SUMS    # without claimkit (macOS: shasum -a 256 -c SHA256SUMS)",
        "```",
        "",
        "Every file must be reported OK (`claimkit load` verifies before it loads). The sums show that the files "
        "are the ones the release was built with; to rule out a forged folder, compare `SHA256SUMS` with the copy "
        "the publisher shows.",
    ]


def _limitations() -> Lines:
    return [
        "## Limitations",
        "",
        "- Article texts remain the property of their publishers and are shared for research under the licenses "
        "above; check each document's `license`.",
        "- The corpus is small and drawn from few outlets; category frequencies reflect those outlets, not Arabic "
        "news at large.",
        "- Certainty and the official/analyst boundary involve judgement; see the agreement section.",
        "- Annotators are pseudonymous; no personal data about them is included.",
    ]


def _citation(inputs: CardInputs) -> Lines:
    settings = inputs.settings
    return [
        "## Citation",
        "",
        "```bibtex",
        settings.citation or f"@misc{{{settings.name}, title = {{{settings.pretty_name}}}}}",
        "```",
        "",
        "See `CHANGELOG.md` for what changed between versions.",
    ]


def render_card(inputs: CardInputs) -> str:
    """The full ``README.md`` of a release."""
    sections = [
        _summary(inputs),
        _schema(inputs),
        _guidelines(inputs),
        _statistics(inputs),
        _agreement(inputs),
        _preannotation(inputs),
        _license(inputs),
        _how_it_was_made(),
        _verifying(),
        _limitations(),
        _citation(inputs),
    ]
    return _yaml_header(inputs) + "\n\n".join("\n".join(section).rstrip("\n") for section in sections) + "\n"
