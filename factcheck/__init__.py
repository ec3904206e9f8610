"""factcheck: track where claims in the news come from."""

__version__ = "0.1.0"
