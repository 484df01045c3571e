"""Ingest: every input format, datelines, and every kind of bad input."""

from __future__ import annotations

import json

import pytest

from dotterel.ingest import InputError, find_dateline, read_inputs

ARTICLE = ("BAGHDAD, Nov 22, 2023 (Reuters) - Iraqi security forces arrested 12 suspected Islamic State "
           "members in raids across Anbar province on Tuesday, the interior ministry said.")


def test_plain_text_article_takes_its_dateline(tmp_path):
    path = tmp_path / "raid.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert doc.doc_id == "raid.txt"
    assert doc.publication_date == "2023-11-22"
    assert doc.error is None


@pytest.mark.parametrize("head, expected", [
    ("date 2023-11-22\nThe army said ...", "2023-11-22"),
    ("Published: 22 November 2023\nThe army said ...", "2023-11-22"),
    ("Posted March 3, 2016 by staff\nThe army said ...", "2016-03-03"),
    ("The army said it had retaken the town.", None),
])
def test_datelines(head, expected):
    assert find_dateline(head) == expected


def test_date_option_overrides_a_plain_text_dateline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = read_inputs([str(path)], default_date="2024-01-05")
    assert doc.publication_date == "2024-01-05"


def test_jsonl_corpus_keeps_order_and_reports_malformed_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": ARTICLE, "date": "2023-11-22", "title": "Raids", "url": "http://x/a"}),
        '{"id": "b", "text": "unterminated',
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": "Protesters marched through Khartoum on Friday demanding civilian rule."}),
    ]), encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [d.doc_id for d in docs] == ["a", "c.jsonl:2", "c", "d"]
    assert docs[0].title == "Raids" and docs[0].url == "http://x/a" and docs[0].error is None
    assert "malformed JSON" in docs[1].error and "c.jsonl:2" in docs[1].error
    assert "text" in docs[2].error
    assert docs[3].error is None


def test_csv_corpus(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('id,text,date\nx1,"Turkish jets bombed PKK positions in northern Iraq, the ministry said.",2019-05-02\n'
                    'x2,"Broken row",2019-05-02,extra,cells\n', encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert docs[0].doc_id == "x1" and docs[0].publication_date == "2019-05-02" and docs[0].error is None
    assert "malformed CSV row" in docs[1].error


def test_csv_without_text_column_is_that_files_error(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert doc.doc_id == "c.csv" and "columns id,text" in doc.error


def test_html_main_text(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join([ARTICLE] * 3)
    path.write_text(f"<html><head><title>Raids in Anbar</title></head><body><nav>Home | World</nav>"
                    f"<article><h1>Raids in Anbar</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert doc.error is None
    assert "Iraqi security forces arrested" in doc.text
    assert "Home | World" not in doc.text


def test_folder_reads_every_supported_file(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE.replace("12", "14"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.doc_id for d in read_inputs([str(tmp_path)])] == ["a.txt", "b.txt"]


def test_missing_path_is_an_argument_error():
    with pytest.raises(InputError, match="no such file"):
        list(read_inputs(["/nonexistent/file.txt"]))


@pytest.mark.parametrize("content, reason", [
    (b"", "empty document"),
    (b"   \n\n  ", "empty document"),
    (b"\x00\x01\x02binary\x00data" * 50, "binary"),
    (b"Die Regierung hat am Dienstag neue Sanktionen gegen das Land beschlossen, teilte das Ministerium mit "
     b"und die Opposition kritisierte die Entscheidung der Regierung scharf.", "not English"),
])
def test_bad_documents_get_a_clear_error(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [doc] = read_inputs([str(path)])
    assert reason in doc.error


def test_invalid_utf8_is_decoded_by_detection(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Protesters in Bogotá clashed with police on Friday, and officials said two "
                     "people were hurt in the clashes near the plaza.".encode("latin-1"))
    [doc] = read_inputs([str(path)])
    assert doc.error is None
    assert "Bogot" in doc.text and "clashed with police" in doc.text


def test_oversized_document_is_refused_not_truncated(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(ARTICLE * 4000, encoding="utf-8")
    [doc] = read_inputs([str(path)], max_chars=100_000)
    assert "too long" in doc.error


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert "no article text" in doc.error


@pytest.mark.parametrize("text", [
    "Pakistan's interior minister Mohsin Naqvi strongly condemned the Peshawar mosque bombing on Friday.",
    "1702 - Anglo-Dutch fleet under George Rooke captures Spanish silver ships at Vigo, Spain.",
    "MYANMAR-CONFLICT   YANGON, Myanmar -- Troops retake border town near Myawaddy after heavy fighting",
])
def test_headline_english_is_english(text):
    from dotterel.ingest.readers import check_text

    assert check_text(text) is None


@pytest.mark.parametrize("text", [
    "Le gouvernement a annoncé mardi de nouvelles sanctions contre le pays, selon le ministère des affaires étrangères.",
    "El gobierno anunció el martes nuevas sanciones contra el país, según informó el ministerio de exteriores.",
    "Правительство во вторник объявило о новых санкциях против страны, сообщило министерство иностранных дел.",
])
def test_other_languages_are_not_english(text):
    from dotterel.ingest.readers import check_text

    assert "not English" in check_text(text)


@pytest.mark.parametrize("text, head", [
    ("BEIRUT, March 3 (Reuters) - Lebanese officials said", "BEIRUT, March 3 (Reuters) - "),
    ("GAZA CITY (AP) — Hamas said", "GAZA CITY (AP) — "),
    ("KYIV — Ukraine said", "KYIV — "),
    ("Strikes resume\nWASHINGTON, Dec. 4, 2016 (AFP) -- The Pentagon said", "WASHINGTON, Dec. 4, 2016 (AFP) -- "),
    ("The army said - in a statement - that", ""),
    ("U.S. officials said on Monday", ""),
])
def test_wire_dateline_span(text, head):
    from dotterel.ingest.dateline import wire_head

    start, end = wire_head(text)
    assert text[start:end] == head


def test_a_blank_line_ends_a_sentence():
    from dotterel.nlp import load_nlp

    text = ("Police said a man punched a protester at the rally in Dayton\n\nInside the hall, the senator spoke "
            "for an hour.\nShe left at noon.")
    sentences = [s.text.strip() for s in load_nlp()(text).sents]
    assert sentences[0].endswith("Dayton") and sentences[1].startswith("Inside the hall")
