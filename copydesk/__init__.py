"""copydesk: a proofreading and copy-check tool for news copy."""

__version__ = "0.1.0"
