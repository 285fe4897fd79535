"""Documents in: find source files, decode them safely and read their metadata."""

from aikg.documents.loaders import SUPPORTED_SUFFIXES, find_sources, load_source

__all__ = ["SUPPORTED_SUFFIXES", "find_sources", "load_source"]
