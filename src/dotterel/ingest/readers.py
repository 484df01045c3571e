"""Readers: paths in, :class:`Document` records out, one per article, in input order.

A reader never raises on bad content: a document it cannot read becomes a Document with ``error``
set, so the corpus run goes on and the output keeps one line per input document.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from ..model import Document
from .dateline import find_dateline, parse_date_string

SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv"}
MAX_CHARS = 1_000_000
MIN_HTML_WORDS = 10  # spaCy's own default max_length; larger texts need chunking the caller asks for


class InputError(Exception):
    """An argument that names nothing readable: the whole run stops with exit status 2."""


def decode(data: bytes) -> str:
    """Bytes to text: UTF-8 (with or without BOM) first, else the detected encoding.

    Raises ValueError for binary data, which no encoding turns into prose.
    """
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not valid UTF-8 and no text encoding fits")
    return str(best)


def check_text(text: str, max_chars: int = MAX_CHARS) -> str | None:
    """Why a text cannot be coded, or None when it can."""
    if not text.strip():
        return "empty document: no text"
    if len(text) > max_chars:
        return f"document too long: {len(text):,} characters (limit {max_chars:,}; split it or raise --max-chars)"
    control = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if control > 0.01 * min(len(text), 20000):
        return "binary content (control characters), not text"
    if not looks_english(text):
        return "not English: dotterel codes English text only"
    return None


_ENGLISH = set("the of and to in a is was for on that by with as at from said has have were are it an be "
               "this which after his their will its who not but had been would they".split())
# function words of other languages written in Latin script (ones that are also English words are left out)
_OTHER = {lang: set(words.split()) for lang, words in {
    "de": "der das und ist nicht mit den von zu dem sich des auf für eine einer ein im auch wird hat wurde nach bei",
    "fr": "le la les et est des du une un pour dans que qui sur pas par au avec ce il elle sont aux été",
    "es": "el los las y es del que en una un por con para se su al lo como más pero sus fue ha",
    "pt": "o os e é do da dos das que em um uma para com não por se na foi ao",
    "it": "il lo la gli le e è di che per una un con non del della sono nel alla ha",
    "nl": "de het een en van dat op te zijn met voor niet aan er ook als bij",
    "id": "yang di ke dari ini itu dengan untuk pada adalah dalam tidak akan oleh",
    "tr": "ve bir bu da de için ile olarak çok daha gibi olan ama",
}.items()}


def looks_english(text: str) -> bool:
    """English unless the text says otherwise: another script, or another language's function words
    outnumbering English ones. Headlines and wire leads have few function words ("Iran's spokesman
    condemned the Quetta attack"), so a low English share alone is no proof."""
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.7:
        return False
    words = re.findall(r"[^\W\d_]+", sample.lower())
    if len(words) < 8:  # too short to tell; headlines and notes pass
        return True
    english = sum(w in _ENGLISH for w in words)
    if english / len(words) >= 0.08:
        return True
    return english >= max(sum(w in vocabulary for w in words) for vocabulary in _OTHER.values())


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Main article text, title and date of an HTML page (trafilatura)."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None:
        return "", None, None
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    return data.get("text") or "", data.get("title"), data.get("date")


def _document(doc_id: str, text: str, source: str, *, date: str | None = None, title: str | None = None,
              url: str | None = None, default_date: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    problem = check_text(text, max_chars)
    publication = date or default_date or (find_dateline(text) if not problem else None)
    return Document(doc_id=doc_id, text=text, publication_date=publication, title=title, url=url,
                    source=source, error=problem)


def read_file_article(path: Path, default_date: str | None, max_chars: int) -> Document:
    try:
        raw = path.read_bytes()
        text = decode(raw)
    except (OSError, ValueError) as err:
        return Document(doc_id=path.name, text="", source=str(path), error=f"{path.name}: {err}")
    title = date = None
    if path.suffix.lower() in (".html", ".htm"):
        try:
            text, title, date = html_to_text(text)
        except Exception as err:  # trafilatura raises many kinds on broken markup
            return Document(doc_id=path.name, text="", source=str(path), error=f"unreadable HTML: {err}")
        if len(text.split()) < MIN_HTML_WORDS:  # menus and footers only: nothing to code
            return Document(doc_id=path.name, text="", source=str(path), error="HTML page with no article text")
        date = parse_date_string(date) if date else None
    return _document(path.name, text, str(path), date=default_date or date, title=title,
                     default_date=None, max_chars=max_chars)


def _record(rec: object, where: str, default_date: str | None, max_chars: int) -> Document:
    """A corpus record (dict from JSONL or CSV) to a Document, checking its fields."""
    if not isinstance(rec, dict):
        return Document(doc_id=where, text="", source=where, error=f"{where}: record is not an object")
    doc_id = str(rec.get("id") or rec.get("doc_id") or where)
    text = rec.get("text")
    if not isinstance(text, str):
        return Document(doc_id=doc_id, text="", source=where, error=f"{where}: missing or non-string 'text' field")
    date = rec.get("date") or rec.get("publication_date")
    parsed = parse_date_string(str(date)) if date else None
    if date and not parsed:
        return Document(doc_id=doc_id, text=text, source=where, error=f"{where}: unreadable date {date!r}")
    return _document(doc_id, text, where, date=default_date or parsed, title=rec.get("title") or None,
                     url=rec.get("url") or None, max_chars=max_chars)


def read_jsonl(path: Path, default_date: str | None, max_chars: int) -> Iterator[Document]:
    text = decode(path.read_bytes())
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            yield Document(doc_id=where, text="", source=where, error=f"{where}: malformed JSON ({err.msg})")
            continue
        yield _record(rec, where, default_date, max_chars)


def read_csv(path: Path, default_date: str | None, max_chars: int) -> Iterator[Document]:
    text = decode(path.read_bytes())
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames or "text" not in reader.fieldnames:
        raise InputError(f"{path}: a CSV corpus needs a header with columns id,text[,date,title,url]")
    for row in reader:
        where = f"{path.name}:{reader.line_num}"
        if None in row:  # more cells than header columns: a broken quote or delimiter
            yield Document(doc_id=str(row.get("id") or where), text="", source=where,
                           error=f"{where}: malformed CSV row ({len(row[None])} cells more than the header)")
            continue
        yield _record(row, where, default_date, max_chars)


def iter_paths(inputs: list[str]) -> Iterator[Path]:
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder has no .txt, .html, .jsonl or .csv files")
            yield from found
        elif path.is_file():
            yield path
        else:
            raise InputError(f"{name}: no such file or folder")


def read_inputs(inputs: list[str], default_date: str | None = None,
                max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Every document of every input, in order. Raises InputError for a path that does not exist."""
    for path in iter_paths(inputs):
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            yield from _guard(path, read_jsonl, default_date, max_chars)
        elif suffix == ".csv":
            yield from _guard(path, read_csv, default_date, max_chars)
        else:
            yield read_file_article(path, default_date, max_chars)


def _guard(path: Path, reader, default_date: str | None, max_chars: int) -> Iterator[Document]:
    """A corpus file that cannot be read at all becomes one error document named after it."""
    try:
        yield from reader(path, default_date, max_chars)
    except InputError:
        raise
    except (OSError, ValueError) as err:
        yield Document(doc_id=path.name, text="", source=str(path), error=f"{path.name}: {err}")


def document_from_text(text: str, doc_id: str = "text", date: str | None = None, title: str | None = None,
                       url: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    """One in-memory article, as the Python API and the REST API receive it."""
    return _document(doc_id, text, "<text>", date=date, title=title, url=url, max_chars=max_chars)
