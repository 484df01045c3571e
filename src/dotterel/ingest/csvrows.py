"""CSV corpus rows that never swallow their neighbours.

The csv module, left alone, lets an unterminated quote run on into the next rows (the second row's date lands on
the first) and stops the file at the first error. Here each row is parsed on its own, strictly: a quoted field
may span lines, but a row whose quotes do not close cleanly is an error for its first line only, and reading
starts again on the line after it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from .lines import Line

csv.field_size_limit(2**31 - 1)  # our own limit (max_chars) applies; the default 131,072 would cut articles


@dataclass
class CsvRow:
    """The cells of one CSV row starting on physical line ``line``, or why it cannot be read."""

    line: int
    cells: list[str] | None
    problem: str | None = None


def csv_rows(lines: list[Line], max_chars: int) -> Iterator[CsvRow]:
    """Rows in file order; blank lines are skipped, every other line belongs to exactly one row or error."""
    i = 0
    while i < len(lines):
        first = lines[i]
        if first.problem:
            yield CsvRow(first.number, None, first.problem)
            i += 1
            continue
        if not first.text.strip():
            i += 1
            continue
        end = _row_end(lines, i, max_chars)
        cells, problem = _parse_row("".join(line.text for line in lines[i:end]))
        if problem is None:
            yield CsvRow(first.number, cells)
            i = end
        else:  # only the first line is lost: the next row may start on the line after it
            yield CsvRow(first.number, None, problem)
            i += 1


def _row_end(lines: list[Line], start: int, max_chars: int) -> int:
    """Index after the last line of the row starting at ``start``: lines are added while a quote is open."""
    quotes = size = 0
    end = start
    while end < len(lines) and not lines[end].problem:
        quotes += lines[end].text.count('"')
        size += len(lines[end].text)
        end += 1
        if quotes % 2 == 0 or size > 2 * max_chars:
            break
    return end


def _parse_row(text: str) -> tuple[list[str] | None, str | None]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        if text.count('"') % 2:
            return None, "malformed CSV row: a quote is never closed"
        return None, f"malformed CSV row: a stray quote ({err})"
    if len(rows) != 1:
        return None, f"malformed CSV row: {len(rows)} rows on one line (a stray carriage return?)"
    return rows[0], None
