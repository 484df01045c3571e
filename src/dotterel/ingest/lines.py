"""Bytes to text, one document at a time: a whole article, or the physical lines of a corpus file.

A corpus line is decoded on its own, so one stray legacy byte never re-decodes the rest of the file: lines
that are valid UTF-8 stay UTF-8, and only the lines that are not share one legacy encoding, detected from
their bytes together. Lines are split on "\\n" bytes only: U+2028, U+0085 and friends inside a JSON string
are text, not line ends (``str.splitlines`` would cut there).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass

from charset_normalizer import from_bytes

_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes) -> str:
    """One article's bytes to text: UTF-8 (with or without BOM) first, else the detected encoding.

    Raises ValueError for binary data, which no encoding turns into prose.
    """
    if data.startswith(_WIDE_BOMS):
        return _detected(data)
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _detected(data)


def _detected(data: bytes) -> str:
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not valid UTF-8 and no text encoding fits")
    return str(best)


@dataclass
class Line:
    """One physical line of a corpus file: its number (from 1), its text, or why it could not be decoded."""

    number: int
    text: str
    problem: str | None = None


def decoded_lines(data: bytes) -> Iterator[Line]:
    """The lines of a corpus file, each decoded on its own (line ends kept, as the csv module wants)."""
    if data.startswith(_WIDE_BOMS):  # UTF-16/32 cannot be split on b"\n": decode the file whole
        yield from (Line(n, t) for n, t in enumerate(_split_keeping_ends(_detected(data), "\n"), start=1))
        return
    raw = _split_keeping_ends(data, b"\n")
    if raw and raw[0].startswith(codecs.BOM_UTF8):
        raw[0] = raw[0][len(codecs.BOM_UTF8):]
    legacy = _legacy_encoding([r for r in raw if not _is_utf8(r)])
    for number, chunk in enumerate(raw, start=1):
        yield _decode_line(number, chunk, legacy)


def _split_keeping_ends(data, sep):
    """``data`` cut after each ``sep`` (kept), without an empty last piece."""
    pieces = data.split(sep)
    last = pieces.pop()
    return [p + sep for p in pieces] + ([last] if last else [])


def _is_utf8(chunk: bytes) -> bool:
    try:
        chunk.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _legacy_encoding(chunks: list[bytes]) -> str | None:
    """The one encoding that best fits every line that is not UTF-8 (None when there is none)."""
    if not chunks:
        return None
    best = from_bytes(b"".join(chunks)).best()
    return best.encoding if best is not None else "cp1252"


def _decode_line(number: int, chunk: bytes, legacy: str | None) -> Line:
    if b"\x00" in chunk:
        return Line(number, "", "binary content (NUL bytes), not text")
    try:
        return Line(number, chunk.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return Line(number, chunk.decode(legacy or "cp1252"))
    except (UnicodeDecodeError, LookupError):
        return Line(number, "", f"not valid UTF-8 and not {legacy or 'cp1252'} either")


def surrogate_problem(field: str, value: object) -> str | None:
    """Why a string decoded from JSON is not text: a lone surrogate escape such as "\\ud800" (None if it is)."""
    if isinstance(value, str) and (m := _SURROGATE.search(value)):
        return f"field '{field}' holds a lone surrogate (\\u{ord(m.group()):04x}), which is not valid Unicode"
    return None


def printable(value: str) -> str:
    """A string safe to write as UTF-8: lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)
