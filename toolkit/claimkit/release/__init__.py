"""Versioned dataset releases: the only part of claimkit that imports ``datasets`` and ``pyarrow``.

Import the submodules (``claimkit.release.build``...) explicitly; this package does not import
them on its own, so that ``import claimkit`` stays light.
"""
