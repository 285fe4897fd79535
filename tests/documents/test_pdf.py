"""PDFs: the text layer page after page, metadata, and clear refusals (encrypted, no text layer)."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from aikg.documents.loaders import Source, load_source
from aikg.errors import DocumentError
from aikg.extract.records import Document


def make_pdf(pages: list[str], *, title: str | None = None, created: str | None = None) -> bytes:
    """A small PDF with one line of Helvetica text per page (written by hand: pypdf reads, it does not typeset)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    info = []
    if title:
        info.append(f"/Title ({title})")
    if created:
        info.append(f"/CreationDate (D:{created})")
    objects.append(f"<< {' '.join(info)} >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _load(tmp_path: Path, content: bytes, name: str = "report.pdf") -> Document | DocumentError:
    path = tmp_path / name
    path.write_bytes(content)
    [item] = load_source(Source(path, name))
    return item


def test_pdf_text_per_page_and_metadata(tmp_path: Path) -> None:
    content = make_pdf(["Mistral AI raised 600 million euros.", "Arthur Mensch leads Mistral AI."],
                       title="Funding report", created="20240611090000Z")
    doc = _load(tmp_path, content)
    assert isinstance(doc, Document)
    assert doc.text == "Mistral AI raised 600 million euros.\n\nArthur Mensch leads Mistral AI."
    assert (doc.doc_id, doc.title, doc.published) == ("report.pdf", "Funding report", date(2024, 6, 11))


def test_pdf_encrypted_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(["Secret plans of OpenAI."]))))
    writer.encrypt("password", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    error = _load(tmp_path, buffer.getvalue())
    assert isinstance(error, DocumentError) and error.code == "E118" and "report.pdf" in str(error)


def test_pdf_with_empty_user_password_is_read(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(BytesIO(make_pdf(["Anthropic hired Jan Leike."]))))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    buffer = BytesIO()
    writer.write(buffer)
    doc = _load(tmp_path, buffer.getvalue())
    assert isinstance(doc, Document) and doc.text == "Anthropic hired Jan Leike."


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = BytesIO()
    writer.write(buffer)
    error = _load(tmp_path, buffer.getvalue(), "scan.pdf")
    assert isinstance(error, DocumentError) and error.code == "E119" and "scan.pdf" in str(error)


@pytest.mark.parametrize("content", [b"%PDF-1.4\ngarbage", b"not a pdf at all", b""])
def test_pdf_unreadable_is_one_coded_error(tmp_path: Path, content: bytes) -> None:
    error = _load(tmp_path, content)
    assert isinstance(error, DocumentError) and error.code == "E120" and "report.pdf" in str(error)
