"""``extract_each``: one extraction stream per build, and a failing document fails alone."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from aikg.extract.records import Document, Extraction
from aikg.pipeline import BuildReport, extract_each
from tests.helpers import make_extraction


class StreamExtractor:
    """Extracts anything but ``bad`` documents; records each ``extract_many`` call it gets."""

    def __init__(self, bad: frozenset[str] = frozenset()) -> None:
        self.bad = bad
        self.streams: list[int] = []
        self.singly: list[str] = []

    def _one(self, document: Document) -> Extraction:
        if document.doc_id in self.bad:
            raise ValueError(f"cannot read {document.doc_id}")
        return replace(make_extraction(document.doc_id), document=document)

    def extract_many(self, documents: Iterable[Document], *, n_process: int = 1,
                     batch_size: int = 16) -> Iterator[Extraction]:
        batch = list(documents)
        self.streams.append(len(batch))
        for start in range(0, len(batch), batch_size):  # fails a whole batch, as a worker task does
            yield from [self._one(d) for d in batch[start:start + batch_size]]

    def extract(self, document: Document) -> Extraction:
        self.singly.append(document.doc_id)
        return self._one(document)


def _documents(n: int) -> list[Document]:
    return [Document(f"d{i}", f"Text {i}.", source=f"d{i}.md") for i in range(n)]


def test_extract_each_uses_one_stream_for_many_documents() -> None:
    extractor = StreamExtractor()
    report = BuildReport()
    out = list(extract_each(extractor, _documents(40), batch_size=4, report=report, chunk=8))
    assert [e.document.doc_id for e in out] == [f"d{i}" for i in range(40)]
    assert extractor.streams == [40] and not extractor.singly and not report.failed


def test_extract_each_isolates_a_failing_document_and_resumes() -> None:
    extractor = StreamExtractor(bad=frozenset({"d13"}))
    report = BuildReport()
    out = list(extract_each(extractor, _documents(40), batch_size=4, report=report, chunk=8))
    ids = [e.document.doc_id for e in out]
    assert ids == [f"d{i}" for i in range(40) if i != 13]  # order kept, only the bad one missing
    assert len(report.failed) == 1 and "d13.md" in report.failed[0] and "ValueError" in report.failed[0]
    # the batch that failed (d12...) and the rest of its window were done singly, then one stream again
    assert extractor.singly == [f"d{i}" for i in range(12, 20)]
    assert extractor.streams == [40, 20]
