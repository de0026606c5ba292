"""MLCommons Croissant 1.0 metadata (``croissant.json``) with the Responsible AI fields on annotation."""

from __future__ import annotations

from typing import Any

from claimkit.release.card import CardInputs
from claimkit.release.labels import LabelIds
from claimkit.taxonomy import ClaimCategory, describe

__all__ = ["croissant"]

_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}


def _claim_fields(labels: LabelIds) -> list[tuple[str, str, str]]:
    """Flat columns of the ``claims`` config described as a Croissant record set."""
    categories = "; ".join(f"{number}={name}" for number, name in enumerate(labels["ClaimCategory"]))
    return [
        ("doc_id", "sc:Text", "Document id."),
        ("claim_id", "sc:Text", "Claim id, unique within the document."),
        ("start", "sc:Integer", "Start offset (Unicode code points)."),
        ("end", "sc:Integer", "End offset (exclusive)."),
        ("text", "sc:Text", "The claim's text."),
        ("category", "sc:Integer", f"Claim category (ClassLabel id): {categories}"),
        ("sentence", "sc:Text", "The sentence(s) the claim sits in."),
        ("source_name", "sc:Text", "Canonical name of the source; empty for the outlet's own voice."),
        ("cue_text", "sc:Text", "The attribution cue."),
    ]


def _file_objects(files: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "@type": "cr:FileObject",
            "@id": path,
            "name": path,
            "contentUrl": path,
            "encodingFormat": "application/x-parquet",
            "sha256": digest,
        }
        for path, digest in sorted(files.items())
        if path.endswith(".parquet")
    ]


def _file_sets(files: dict[str, str]) -> list[dict[str, Any]]:
    """One file set per config: every split's Parquet file of it."""
    configs = sorted({path.split("/")[1] for path in files if path.startswith("data/")})
    return [
        {
            "@type": "cr:FileSet",
            "@id": f"{config}-parquet",
            "name": f"{config}-parquet",
            "encodingFormat": "application/x-parquet",
            "includes": f"data/{config}/*.parquet",
        }
        for config in configs
    ]


def _claims_record_set(files: dict[str, str], labels: LabelIds) -> dict[str, Any]:
    claim_files = [path for path in sorted(files) if path.startswith("data/claims/")]
    return {
        "@type": "cr:RecordSet",
        "@id": "claims",
        "name": "claims",
        "description": "One record per claim (the default config).",
        "field": [
            {
                "@type": "cr:Field",
                "@id": f"claims/{name}",
                "name": name,
                "description": description,
                "dataType": data_type,
                "source": {"fileSet": {"@id": "claims-parquet"}, "extract": {"column": name}},
            }
            for name, data_type, description in _claim_fields(labels)
        ]
        if claim_files
        else [],
    }


def _licenses(inputs: CardInputs) -> str | list[str]:
    """The SPDX pages of every license that applies: the dataset's, then the documents' (one: a string)."""
    summary = inputs.licenses
    ids = [summary.dataset, *(license_id for license_id in summary.documents if license_id != summary.dataset)]
    urls = [f"https://spdx.org/licenses/{license_id}.html" for license_id in ids]
    return urls[0] if len(urls) == 1 else urls


def croissant(inputs: CardInputs, files: dict[str, str], agreement_text: str | None) -> dict[str, Any]:
    """Croissant JSON-LD for a release whose data files (path -> SHA-256) are ``files``."""
    settings, record = inputs.settings, inputs.record
    categories = "; ".join(f"{c.value}: {describe(c).definition}" for c in ClaimCategory)
    return {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": settings.name,
        "description": settings.description,
        "license": _licenses(inputs),
        "url": settings.homepage,
        "version": record.version,  # 0.0.0 for an unrecorded snapshot
        "datePublished": record.date.isoformat(),
        "citeAs": settings.citation,
        "inLanguage": list(settings.languages),
        "keywords": ["claims", "attribution", "fact-checking", "Arabic", "news"],
        "isLiveDataset": False,
        "distribution": [*_file_objects(files), *_file_sets(files)],
        "recordSet": [_claims_record_set(files, record.label_sets)],
        "rai:dataCollection": "News articles collected from the outlets' public web pages and kept verbatim "
        "(page furniture marked, never removed); see the documents config for outlet, URL and publication date.",
        "rai:dataCollectionType": ["Web Scraping", "Manual Human Curation"],
        "rai:dataAnnotationProtocol": f"Annotators follow claimkit guidelines {record.guidelines_version}: every "
        f"claim is labeled with a category ({categories}), linked to its source entity and attribution cue, and "
        "given quote type, certainty, polarity and nesting.",
        "rai:dataAnnotationPlatform": ["Label Studio 1.23 (Community edition), config generated by claimkit"],
        "rai:dataAnnotationAnalysis": agreement_text
        or "No document has been annotated by two or more annotators yet; no agreement figure is available.",
        "rai:annotationsPerItem": "One gold annotation per document, adjudicated from one or more annotators "
        "(the documents config records the adjudication method).",
        "rai:annotatorDemographics": "Not collected. Annotators are pseudonymous (keyed hash); they read Arabic.",
        "rai:machineAnnotationTools": ["None: all annotations are made by people."],
        "rai:personalSensitiveInformation": "Articles name public figures and officials as sources of claims. "
        "No personal data about annotators is included.",
        "rai:dataBiases": "Few outlets and a short period: category and source-kind frequencies reflect those "
        "outlets' editorial lines.",
        "rai:dataLimitations": "Small corpus; judgement calls on certainty and on the official/analyst boundary.",
        "rai:dataUseCases": "Training and evaluating claim detection, claim-type classification (official "
        "statement, analyst opinion, reported fact) and source attribution in Arabic news.",
        "rai:dataSocialImpact": "Meant to help fact-checkers tell what officials stated from what analysts opined.",
        "rai:dataReleaseMaintenancePlan": "Versioned with semantic versioning; each release is immutable and "
        "recorded; CHANGELOG.md lists what changed.",
    }
