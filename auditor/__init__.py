"""audit: scores inspection workbooks against a YAML compliance standard."""

__version__ = "0.1.0"
