"""``python -m claimkit``."""

from claimkit.cli import console

console()
