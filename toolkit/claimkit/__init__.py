"""claimkit: annotate news articles with claims and their sources."""

__version__ = "0.1.0"
