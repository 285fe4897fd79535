"""A PDF -> its text, page after page, and the title and date of its metadata, by pypdf.

A PDF encrypted with a password, or without a text layer (a scan), is refused with its own
reason rather than read as an empty document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from aikg.documents.whitespace import one_line

__all__ = ["PdfProblem", "PdfText", "read_pdf"]


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF (pages separated by blank lines) and its metadata."""

    text: str
    pages: int
    title: str | None = None
    author: str | None = None
    published: date | None = None


class PdfProblem(ValueError):
    """Why a PDF cannot be read: ``kind`` is ``encrypted``, ``no-text`` or ``unreadable``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = kind
        self.detail = detail


def read_pdf(content: bytes) -> PdfText:
    """The text and metadata of a PDF; raises :class:`PdfProblem` when there is none to read.

    A PDF encrypted with an empty user password (restrictions only) is read.
    """
    try:
        reader = PdfReader(BytesIO(content))
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfProblem("encrypted")
        pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
        info = reader.metadata
        title, author = (info.title, info.author) if info is not None else (None, None)
        created = info.creation_date if info is not None else None
    except PdfProblem:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError) as err:
        raise PdfProblem("unreadable", f"{type(err).__name__}: {err}") from err
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise PdfProblem("no-text", f"{len(pages)} page(s)")
    return PdfText(text=text, pages=len(pages), title=one_line(title), author=one_line(author),
                   published=created.date() if created else None)
