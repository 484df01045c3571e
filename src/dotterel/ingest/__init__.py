"""Ingest: files, folders and corpora to :class:`~dotterel.model.Document` records."""

from .dateline import find_dateline, parse_date_string
from .readers import MAX_CHARS, InputError, document_from_text, read_inputs

__all__ = ["MAX_CHARS", "InputError", "document_from_text", "find_dateline", "parse_date_string", "read_inputs"]
