"""claimkit: annotate news articles with claims and their sources.

The public API is listed in ``__all__`` and pinned by a test. Heavy parts (Label Studio client,
releases) are imported from their own modules so that ``import claimkit`` stays light.
"""

__version__ = "0.1.0"

from claimkit.codes import Code
from claimkit.errors import (
    ClaimkitError,
    ConfigError,
    ConnectionFailed,
    DataError,
    HubError,
    ReleaseError,
    UsageError,
)
from claimkit.issues import Issue, Location, Report, Severity
from claimkit.loading import Loaded, load_bytes, load_file, load_files
from claimkit.model import (
    SCHEMA_VERSION,
    Adjudication,
    Annotation,
    Claim,
    Cue,
    Decision,
    Document,
    DocumentFile,
    Furniture,
    Origin,
    Source,
    Span,
    text_sha256,
)
from claimkit.taxonomy import (
    GUIDELINES_VERSION,
    OFFICIAL_SOURCE_KINDS,
    AdjudicationMethod,
    Certainty,
    ClaimCategory,
    ContentType,
    FurnitureKind,
    Polarity,
    QuoteType,
    SourceKind,
    SourceNaming,
)
from claimkit.validate import ValidationOptions, check_document, validate_file, validate_paths

__all__ = [
    "GUIDELINES_VERSION",
    "OFFICIAL_SOURCE_KINDS",
    "SCHEMA_VERSION",
    "Adjudication",
    "AdjudicationMethod",
    "Annotation",
    "Certainty",
    "Claim",
    "ClaimCategory",
    "ClaimkitError",
    "Code",
    "ConfigError",
    "ConnectionFailed",
    "ContentType",
    "Cue",
    "DataError",
    "Decision",
    "Document",
    "DocumentFile",
    "Furniture",
    "FurnitureKind",
    "HubError",
    "Issue",
    "Loaded",
    "Location",
    "Origin",
    "Polarity",
    "QuoteType",
    "ReleaseError",
    "Report",
    "Severity",
    "Source",
    "SourceKind",
    "SourceNaming",
    "Span",
    "UsageError",
    "ValidationOptions",
    "__version__",
    "check_document",
    "load_bytes",
    "load_file",
    "load_files",
    "text_sha256",
    "validate_file",
    "validate_paths",
]
