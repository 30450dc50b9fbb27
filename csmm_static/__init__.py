"""CSMM static analyzer: gated Cloud Security Maturity Model scores for AWS estates, offline."""

__version__ = "0.1.0"

__all__ = ["__version__"]
