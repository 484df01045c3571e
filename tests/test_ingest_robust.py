"""Ingest never loses a document: every input line or file yields one record, in order, and every problem is
the error of the record it belongs to (issue 16)."""

from __future__ import annotations

import json

import pytest

from dotterel.ingest import InputError, read_inputs
from dotterel.ingest.readers import check_text

TEXT = "Police arrested ten protesters in Nairobi on Friday, the interior ministry said in a statement."
OTHER = "Turkish warplanes struck Kurdish militant positions in northern Iraq on Tuesday, the ministry said."


def good(i: int, **extra) -> str:
    return json.dumps({"id": f"g{i}", "text": TEXT, **extra})


@pytest.mark.parametrize("bad, says", [
    (f'{{"id": "bad\\ud800", "text": "{TEXT}"}}', "lone surrogate"),
    (f'{{"id": "bad", "title": "\\udc80", "text": "{TEXT}"}}', "field 'title'"),
    ('{"id": "bad", "text": "Police \\ud800 arrested ten"}', "field 'text'"),
    ("[" * 100_000, "nested too deeply"),
    (f'{{"id": "bad", "text": "{TEXT}", "title": {{"a": 1}}}}', "must be a string"),
])
def test_one_bad_jsonl_line_is_one_error_record(tmp_path, bad, says):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([good(1), good(2), bad, good(3)]) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [d.doc_id for d in docs][:2] == ["g1", "g2"] and docs[3].doc_id == "g3"
    assert len(docs) == 4 and docs[2].error and says in docs[2].error and "c.jsonl:3" in docs[2].error
    assert [d.error for d in docs[:2] + docs[3:]] == [None] * 3
    json.dumps([docs[2].doc_id, docs[2].text]).encode("utf-8")  # the error record is writable as UTF-8
    docs[2].doc_id.encode("utf-8")


def test_line_separators_inside_json_strings_are_text(tmp_path):
    path = tmp_path / "c.jsonl"
    text = TEXT + "\u2028Second paragraph\u0085third\u2029fourth\x1c."
    path.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n" + good(2) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [(d.doc_id, d.error) for d in docs] == [("a", None), ("g2", None)]
    assert docs[0].text == text


@pytest.mark.parametrize("place", ["Bogotá", "São Paulo", "Côte d'Ivoire"])
def test_one_invalid_byte_decodes_only_its_own_line(tmp_path, place):
    path = tmp_path / "c.jsonl"
    text = f"Protesters in {place} clashed with police on Friday, officials said."
    utf8 = json.dumps({"id": "u", "text": text}, ensure_ascii=False).encode("utf-8")
    legacy = json.dumps({"id": "l", "text": text}, ensure_ascii=False).encode("cp1252")
    path.write_bytes(utf8 + b"\n" + legacy + b"\n" + utf8.replace(b'"u"', b'"v"') + b"\n")
    docs = list(read_inputs([str(path)]))
    assert [(d.doc_id, d.text) for d in docs] == [("u", text), ("l", text), ("v", text)]


def test_utf16_corpus_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes((good(1) + "\n" + good(2) + "\n").encode("utf-16"))
    assert [(d.doc_id, d.error) for d in read_inputs([str(path)])] == [("g1", None), ("g2", None)]


def test_csv_unterminated_quote_loses_only_its_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f'id,text,date\na,"{TEXT},2020-01-01\nb,"{OTHER}",2020-01-02\nc,"{TEXT}\nsecond paragraph",2020-01-03\n'
                    f'd,"unterminated at the end,2020-01-04\n', encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [d.doc_id for d in docs] == ["c.csv:2", "b", "c", "c.csv:6"]
    assert "quote" in docs[0].error and "c.csv:2" in docs[0].error
    assert docs[1].publication_date == "2020-01-02" and docs[1].text == OTHER and docs[1].error is None
    assert docs[2].text == TEXT + "\nsecond paragraph" and docs[2].publication_date == "2020-01-03"
    assert "quote" in docs[3].error


def test_csv_with_long_text_is_read(tmp_path):
    path = tmp_path / "c.csv"
    long = " ".join([TEXT] * 2000)  # over the csv module's default field limit
    path.write_text(f'id,text\na,"{long}"\n', encoding="utf-8")
    [doc] = read_inputs([str(path)], max_chars=1_000_000)  # over the default limit too: --max-chars raised
    assert doc.error is None and doc.text == long


def test_headerless_csv_in_a_folder_does_not_stop_the_run(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.csv").write_text(f'x1,"{TEXT}",2020-01-01\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text(OTHER, encoding="utf-8")
    docs = list(read_inputs([str(tmp_path)]))
    assert [d.doc_id for d in docs] == ["a0.txt", "a1.txt", "a2.txt", "b.csv", "c.txt"]
    assert "header" in docs[3].error and docs[4].error is None


def test_a_missing_path_stops_before_any_document(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    documents = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")])
    with pytest.raises(InputError, match="missing.txt"):
        next(documents)


def test_a_records_own_date_wins_over_the_date_option(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(good(1, date="2021-03-04") + "\n" + good(2) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)], default_date="2024-01-05"))
    assert [d.publication_date for d in docs] == ["2021-03-04", "2024-01-05"]
    csv_path = tmp_path / "c.csv"
    csv_path.write_text(f'id,text,date\na,"{TEXT}",2021-03-04\nb,"{TEXT}",\n', encoding="utf-8")
    assert [d.publication_date for d in read_inputs([str(csv_path)], default_date="2024-01-05")] == \
        ["2021-03-04", "2024-01-05"]


@pytest.mark.parametrize("text", [
    "Au moins 20 personnes ont été tuées dans une attaque contre un village du centre du Mali, a-t-on appris de "
    "sources locales.",
    "Lundi, l'armée a bombardé des positions rebelles près de Goma, a annoncé un porte-parole militaire à la presse.",
    "Des manifestants ont été arrêtés à Paris. La police a dispersé la foule avec des gaz lacrymogènes, a indiqué un "
    "porte-parole.",
])
def test_french_is_not_english(text):
    assert "not English" in check_text(text)


def test_arabic_names_leave_a_short_note_english():
    assert check_text("On 7 June 2021, drones hit a depot near Bani Walid (Misrata) and Al Qaryat. "
                      "No casualties reported.") is None


def test_a_pages_own_date_wins_over_the_date_option(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join([TEXT, OTHER] * 3)
    path.write_text(f'<html><head><title>Arrests</title><meta property="article:published_time" content="2021-03-04">'
                    f'</head><body><article><p>{body}</p></article></body></html>', encoding="utf-8")
    [doc] = read_inputs([str(path)], default_date="2024-01-05")
    assert doc.error is None and doc.publication_date == "2021-03-04"


def test_a_line_with_nul_bytes_is_its_own_error(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good(1).encode() + b"\n{\"id\": \"n\", \"text\": \"a\x00b\"}\n" + good(2).encode())
    docs = list(read_inputs([str(path)]))
    assert [d.doc_id for d in docs] == ["g1", "c.jsonl:2", "g2"]
    assert "NUL" in docs[1].error and docs[0].error is None and docs[2].error is None
