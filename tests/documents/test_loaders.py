from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from aikg.documents.loaders import Source, decode_bytes, find_sources, load_source
from aikg.errors import DocumentError
from aikg.extract.records import Document


def _load(path: Path, doc_id: str | None = None) -> list[Document | DocumentError]:
    return load_source(Source(path, doc_id or path.name))


def test_loaders_markdown_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: Mistral\ndate: 2024-06-11\nlanguage: fr\nsource: https://x.test/a\n---\nTexte.\n",
                    encoding="utf-8")
    [doc] = _load(path)
    assert isinstance(doc, Document)
    assert (doc.title, doc.published, doc.language, doc.url, doc.text) == (
        "Mistral", date(2024, 6, 11), "fr", "https://x.test/a", "Texte.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Élysée".encode(), "Élysée"),
        ("Élysée".encode("utf-8-sig"), "Élysée"),
        ("Élysée".encode("utf-16"), "Élysée"),
        ("Élysée".encode("latin-1"), "Élysée"),
    ],
)
def test_loaders_decode_encodings(raw: bytes, expected: str) -> None:
    assert decode_bytes(raw, "x.txt") == expected


def test_loaders_binary_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 20)
    [err] = _load(path)
    assert isinstance(err, DocumentError) and "b.txt" in str(err) and "binary" in str(err)


def test_loaders_empty_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("---\ntitle: x\n---\n   \n", encoding="utf-8")
    [err] = _load(path)
    assert isinstance(err, DocumentError) and "empty.md" in str(err) and "empty" in err.problem


def test_loaders_html_drops_scripts_and_decodes_entities(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html lang='en'><head><title>T &amp; U</title><style>p{}</style></head><body>"
                    "<script>alert(1)</script><p>Sam Altman &amp; OpenAI.</p><p>Second.</p></body></html>",
                    encoding="utf-8")
    [doc] = _load(path)
    assert isinstance(doc, Document)
    assert doc.text == "Sam Altman & OpenAI.\n\nSecond."
    assert doc.title == "T & U" and doc.language == "en"


def test_loaders_jsonl_bad_line_named_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{not json\n{"text": "Two.", "title": "T"}\n', encoding="utf-8")
    items = _load(path)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, DocumentError)]
    assert [d.doc_id for d in docs] == ["feed.jsonl#a", "feed.jsonl#3"]
    assert len(errors) == 1 and "feed.jsonl:2" in str(errors[0])


def test_loaders_bad_date_named(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    path.write_text("---\ndate: yesterday\n---\nText.", encoding="utf-8")
    [err] = _load(path)
    assert isinstance(err, DocumentError) and "d.md" in str(err) and "ISO date" in str(err)


def test_loaders_find_sources_ids_relative_to_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.md").write_text("x", encoding="utf-8")
    (tmp_path / "y.txt").write_text("y", encoding="utf-8")
    (tmp_path / "ignored.docx").write_bytes(b"PK")
    (tmp_path / ".hidden.md").write_text("h", encoding="utf-8")
    found = list(find_sources([tmp_path]))
    assert [s.doc_id for s in found if isinstance(s, Source)] == ["sub/x.md", "y.txt"]
    [direct] = find_sources([tmp_path / "sub" / "x.md"])
    assert isinstance(direct, Source) and direct.doc_id == "x.md"


def test_loaders_find_sources_errors(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK")
    errors = list(find_sources([tmp_path / "missing", tmp_path / "a.docx"]))
    assert all(isinstance(e, DocumentError) for e in errors)
    assert "missing" in str(errors[0]) and "a.docx" in str(errors[1]) and "unsupported" in str(errors[1])


def test_loaders_file_vanishing_before_read_is_named(tmp_path: Path) -> None:
    path = tmp_path / "gone.md"
    path.write_text("here now", encoding="utf-8")
    [source] = find_sources([path])
    path.unlink()
    assert isinstance(source, Source)
    [err] = load_source(source)
    assert isinstance(err, DocumentError) and "gone.md" in str(err) and "vanished" in str(err)


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [('<meta charset="windows-1251">', "cp1251"),
     ('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">', "koi8_r")],
)
def test_loaders_html_declared_charset(tmp_path: Path, declaration: str, encoding: str) -> None:
    path = tmp_path / "ru.html"
    path.write_bytes(f"<html><head>{declaration}</head><body><article><p>Компания Яндекс открыла лабораторию "
                     "искусственного интеллекта в Белграде, сообщила пресс-служба.</p></article></body></html>"
                     .encode(encoding))
    [doc] = _load(path)
    assert isinstance(doc, Document) and doc.text.startswith("Компания Яндекс открыла лабораторию")


def test_nul_anywhere_is_refused_and_control_characters_become_spaces(tmp_path: Path) -> None:
    late_nul = tmp_path / "late.md"
    late_nul.write_bytes(b"Mistral AI raised money. " * 1000 + b"\x00 hidden")
    (found,) = load_source(Source(late_nul, "late.md"))
    assert isinstance(found, DocumentError) and found.code == "E104"
    bell = tmp_path / "bell.md"
    bell.write_bytes(b"---\ntitle: \"Mistral\\a AI\"\n---\nMistral AI\x07 raised \x1b money.")
    (document,) = load_source(Source(bell, "bell.md"))
    assert isinstance(document, Document)
    assert "\x07" not in document.text and "\x1b" not in document.text
    assert document.text.startswith("Mistral AI  raised")
    assert document.title == "Mistral AI"
