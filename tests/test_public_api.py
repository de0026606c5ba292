"""The public API is explicit and pinned: a change to it is a deliberate change to this list."""

from __future__ import annotations

import subprocess
import sys

import claimkit

PINNED = {
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
}


def test_public_api_is_pinned() -> None:
    assert set(claimkit.__all__) == PINNED
    assert all(hasattr(claimkit, name) for name in claimkit.__all__)


def test_errors_share_one_base_class() -> None:
    for name in ("ConfigError", "ConnectionFailed", "DataError", "HubError", "ReleaseError", "UsageError"):
        assert issubclass(getattr(claimkit, name), claimkit.ClaimkitError)


def test_importing_claimkit_imports_neither_the_sdk_nor_datasets_nor_datasketch() -> None:
    heavy = "('label_studio_sdk', 'datasets', 'pyarrow', 'datasketch')"
    modules = "claimkit, claimkit.cli, claimkit.ingest"
    code = f"import sys, {modules}; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_only_the_adapters_import_the_sdk_and_datasets() -> None:
    from pathlib import Path

    package = Path(claimkit.__file__).parent
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(package).as_posix()
        if "import label_studio_sdk" in text or "from label_studio_sdk" in text:
            assert relative == "labelstudio/client.py", relative
        if "from datasets" in text or "import datasets" in text or "import pyarrow" in text:
            # the release, and the one ingest adapter reading Parquet and datasets inputs
            assert relative.startswith("release/") or relative == "ingest/arrow.py", relative


def test_library_code_never_prints() -> None:
    """No call of ``print`` outside the command layer (read from the syntax tree, so that a name such as
    ``_fingerprint(`` is not taken for one)."""
    import ast
    from pathlib import Path

    package = Path(claimkit.__file__).parent
    for path in package.rglob("*.py"):
        relative = path.relative_to(package).as_posix()
        if relative.startswith(("commands/", "cli/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert "print" not in called, relative
