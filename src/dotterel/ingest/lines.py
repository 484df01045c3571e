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
_ASCII = bytes(range(128))
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode(data: bytes) -> str:
    """One article's bytes to text: UTF-8 (with or without BOM) first, else the detected encoding.

    Raises ValueError for binary data, which no encoding turns into prose.
    """
    if data.startswith(_WIDE_BOMS):
        return _wide(data)
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    encoding = legacy_encoding(data)
    if encoding is None:
        raise ValueError("not valid UTF-8 and no text encoding fits")
    return data.decode(encoding, errors="replace")


def _wide(data: bytes) -> str:
    """UTF-32 or UTF-16 text by its byte-order mark (UTF-32's LE mark begins like UTF-16's: test it first)."""
    wide = "utf-32" if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16"
    try:
        return data.decode(wide)
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid {wide.upper()} ({err.reason})") from None


def legacy_encoding(data: bytes) -> str | None:
    """The legacy encoding of bytes that are not UTF-8. Text that is mostly ASCII with a few accented letters is
    Windows-1252, the usual legacy of English news (detection guesses wildly on a few such bytes: Big5, cp775);
    for the rest charset_normalizer decides. None when nothing fits."""
    high = len(data.translate(None, _ASCII))
    if high <= 0.1 * len(data):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
            pass
    best = from_bytes(data).best()
    return best.encoding if best is not None else None


@dataclass
class Line:
    """One physical line of a corpus file: its number (from 1), its text, or why it could not be decoded."""

    number: int
    text: str
    problem: str | None = None


def decoded_lines(data: bytes) -> Iterator[Line]:
    """The lines of a corpus file, each decoded on its own (line ends kept, as the csv module wants)."""
    if data.startswith(_WIDE_BOMS):  # UTF-16/32 cannot be split on b"\n": decode the file whole
        yield from (Line(n, t) for n, t in enumerate(_split_keeping_ends(_wide(data), "\n"), start=1))
        return
    if b"\x00" not in data and _is_utf8(data):  # the usual case: the whole file is UTF-8
        yield from (Line(n, t) for n, t in enumerate(_split_keeping_ends(data.decode("utf-8-sig"), "\n"), start=1))
        return
    raw = _split_keeping_ends(data, b"\n")
    if raw and raw[0].startswith(codecs.BOM_UTF8):
        raw[0] = raw[0][len(codecs.BOM_UTF8):]
    not_utf8 = [r for r in raw if not _is_utf8(r)]
    legacy = legacy_encoding(b"".join(not_utf8)) if not_utf8 else None
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


def _decode_line(number: int, chunk: bytes, legacy: str | None) -> Line:
    if b"\x00" in chunk:
        return Line(number, "", "binary content (NUL bytes), not text")
    try:
        return Line(number, chunk.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if legacy is None:
        return Line(number, "", "not valid UTF-8 and no text encoding fits")
    return Line(number, chunk.decode(legacy, errors="replace"))


def surrogate_problem(field: str, value: object) -> str | None:
    """Why a string decoded from JSON is not text: a lone surrogate escape such as "\\ud800" (None if it is)."""
    if isinstance(value, str) and (m := _SURROGATE.search(value)):
        return f"field '{field}' holds a lone surrogate (\\u{ord(m.group()):04x}), which is not valid Unicode"
    return None


def printable(value: str) -> str:
    """A string safe to write as UTF-8: lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)
