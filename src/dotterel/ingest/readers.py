"""Readers: paths in, :class:`Document` records out, one per article, in input order.

A reader never raises on bad content: a document it cannot read becomes a Document with ``error``
set, so the corpus run goes on and the output keeps one line per input document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Document
from .csvrows import csv_rows
from .dateline import find_dateline, parse_date_string
from .lines import Line, decode, decoded_lines, printable, surrogate_problem

SUFFIXES = {".txt", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv"}
# The longest document coded by default (~15,000 words, several times a long feature): cost per document is
# near-linear but ~0.2-0.5 s per 1,000 characters on one core (bench/length.py), so a server bounds a request here.
MAX_CHARS = 100_000
MIN_HTML_WORDS = 10  # spaCy's own default max_length; larger texts need chunking the caller asks for


class InputError(Exception):
    """An argument that names nothing readable: the whole run stops with exit status 2."""


def check_text(text: str, max_chars: int = MAX_CHARS) -> str | None:
    """Why a text cannot be coded, or None when it can."""
    if not text.strip():
        return "empty document: no text"
    if problem := surrogate_problem("text", text):
        return problem
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
    "fr": "le la les et est de des du une un pour dans que qui sur pas par au avec ce il elle sont aux été ont "
          "selon lors cette ces l d qu",
    "es": "el los las y es de del que en una un por con para se su al lo como más pero sus fue ha",
    "pt": "o os e é de do da dos das que em um uma para com não por se na foi ao",
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
    other = max(sum(w in vocabulary for w in words) for vocabulary in _OTHER.values())
    # French has "a", "on" and "as" too, so a fair English share is no proof when another language's words
    # outnumber them and are a fifth of the text (names such as "Al Jabal" or "El Fasher" are not that many)
    return other <= english or (english / len(words) >= 0.08 and other / len(words) < 0.2)


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
    if problem:  # an error document's text is stored, so it must be writable as UTF-8
        doc_id, text = printable(doc_id), printable(text)
    publication = date or default_date or (find_dateline(text) if not problem else None)
    return Document(doc_id=doc_id, text=text, publication_date=publication, title=title, url=url,
                    source=source, error=problem)


def read_file_article(path: Path, default_date: str | None, max_chars: int) -> Document:
    try:
        raw = path.read_bytes()
        text = decode(raw)
    except (OSError, ValueError) as err:
        return failed(path.name, str(path), f"{path.name}: {err}")
    title = date = None
    if path.suffix.lower() in (".html", ".htm"):
        try:
            text, title, date = html_to_text(text)
        except Exception as err:  # trafilatura raises many kinds on broken markup
            return failed(path.name, str(path), f"unreadable HTML: {err}")
        if len(text.split()) < MIN_HTML_WORDS:  # menus and footers only: nothing to code
            return failed(path.name, str(path), "HTML page with no article text")
        date = parse_date_string(date) if date else None
    # a plain-text article's --date wins over its dateline (the contract); a page's own metadata date wins over --date
    return _document(path.name, text, str(path), date=date or default_date, title=title,
                     default_date=None, max_chars=max_chars)


def failed(doc_id: str, source: str, problem: str, text: str = "") -> Document:
    """A document that cannot be coded: it keeps its place in the output with its error."""
    return Document(doc_id=printable(doc_id), text=printable(text), source=source, error=problem)


FIELDS = ("id", "doc_id", "text", "date", "publication_date", "title", "url")


def _record(rec: object, where: str, default_date: str | None, max_chars: int) -> Document:
    """A corpus record (dict from JSONL or CSV) to a Document, checking its fields.

    The record's own date wins; ``default_date`` (--date) is for records that lack one.
    """
    if not isinstance(rec, dict):
        return failed(where, where, f"{where}: record is not an object")
    doc_id = str(rec.get("id") or rec.get("doc_id") or where)
    for name in FIELDS:
        if problem := surrogate_problem(name, rec.get(name)):
            return failed(doc_id, where, f"{where}: {problem}")
    text = rec.get("text")
    if not isinstance(text, str):
        return failed(doc_id, where, f"{where}: missing or non-string 'text' field")
    for name in ("title", "url"):
        if rec.get(name) is not None and not isinstance(rec[name], str):
            return failed(doc_id, where, f"{where}: field '{name}' must be a string")
    date = rec.get("date") or rec.get("publication_date")
    parsed = parse_date_string(str(date)) if date else None
    if date and not parsed:
        return failed(doc_id, where, f"{where}: unreadable date {str(date)[:40]!r}", text)
    return _document(doc_id, text, where, date=parsed or default_date, title=rec.get("title") or None,
                     url=rec.get("url") or None, max_chars=max_chars)


def _safe_record(rec: object, where: str, default_date: str | None, max_chars: int) -> Document:
    """``_record``, with any surprise in one record kept to that record."""
    try:
        return _record(rec, where, default_date, max_chars)
    except Exception as err:  # e.g. RecursionError from a deeply nested field
        return failed(where, where, f"{where}: unreadable record ({type(err).__name__}: {err})")


def _json_line(line: Line, where: str) -> tuple[object, str | None]:
    """The value on one JSONL line, or why there is none."""
    if line.problem:
        return None, f"{where}: {line.problem}"
    try:
        return json.loads(line.text), None
    except json.JSONDecodeError as err:
        return None, f"{where}: malformed JSON ({err.msg})"
    except RecursionError:
        return None, f"{where}: malformed JSON (nested too deeply)"
    except ValueError as err:  # e.g. an integer too long to convert
        return None, f"{where}: malformed JSON ({err})"


def read_jsonl(path: Path, default_date: str | None, max_chars: int) -> Iterator[Document]:
    for line in decoded_lines(path.read_bytes()):
        if not line.text.strip() and not line.problem:
            continue
        where = f"{path.name}:{line.number}"
        rec, problem = _json_line(line, where)
        yield failed(where, where, problem) if problem else _safe_record(rec, where, default_date, max_chars)


CSV_HEADER = "a CSV corpus needs a header with columns id,text[,date,title,url]"


def read_csv(path: Path, default_date: str | None, max_chars: int) -> Iterator[Document]:
    rows = csv_rows(list(decoded_lines(path.read_bytes())), max_chars)
    header = next(rows, None)
    if header is None or header.cells is None or "text" not in header.cells:
        yield failed(path.name, str(path), f"{path.name}: {CSV_HEADER}")
        return
    columns = header.cells
    for row in rows:
        where = f"{path.name}:{row.line}"
        if row.cells is None:
            yield failed(where, where, f"{where}: {row.problem}")
        elif len(row.cells) > len(columns):  # more cells than header columns: a broken quote or delimiter
            yield failed(dict(zip(columns, row.cells)).get("id") or where, where,
                         f"{where}: malformed CSV row ({len(row.cells) - len(columns)} cells more than the header)")
        else:
            yield _safe_record(dict(zip(columns, row.cells)), where, default_date, max_chars)


def input_paths(inputs: list[str]) -> list[Path]:
    """Every file the inputs name, checked before anything is read: a wrong argument stops the run up front."""
    paths: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{path}: folder has no .txt, .html, .jsonl or .csv files")
            paths += found
        elif path.is_file():
            paths.append(path)
        else:
            raise InputError(f"{name}: no such file or folder")
    return paths


def read_inputs(inputs: list[str], default_date: str | None = None,
                max_chars: int = MAX_CHARS) -> Iterator[Document]:
    """Every document of every input, in order. Raises InputError, before any document, for a path that
    does not exist; every other problem is the error of the document (or file) it belongs to."""
    for path in input_paths(inputs):
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
    except (OSError, ValueError) as err:
        yield failed(path.name, str(path), f"{path.name}: {err}")


def document_from_text(text: str, doc_id: str = "text", date: str | None = None, title: str | None = None,
                       url: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    """One in-memory article, as the Python API and the REST API receive it."""
    return _document(doc_id, text, "<text>", date=date, title=title, url=url, max_chars=max_chars)
