"""People named by a bare company title, whose company is the article's topic
(``extract/components/titled_people.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model

EN_TOPIC = "Nimbus Labs opened an office in Denver on Monday. Nimbus Labs builds warehouse robots. "
FR_TOPIC = "Nimbus Labs a ouvert un bureau à Grenoble lundi. Nimbus Labs fabrique des robots. "


def facts(extractor: Extractor, text: str, language: str) -> set[tuple[str, str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    labels = {e.key: e.label for e in out.entities}
    return {(labels.get(r.subject, r.subject), r.predicate, labels.get(r.object, r.object))
            for r in out.relations if r.predicate in {"leads", "founded", "worksFor"}}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", EN_TOPIC + "The launch featured a video with CEO Tomas Verhoeven, who praised local engineers.",
         ("Tomas Verhoeven", "leads", "Nimbus Labs")),
        ("en", EN_TOPIC + "The launch featured a video with CEO Tomas Verhoeven, who praised local engineers.",
         ("Tomas Verhoeven", "worksFor", "Nimbus Labs")),
        ("en", EN_TOPIC + "Tomas Verhoeven, the co-founder, said hiring would start in May.",
         ("Tomas Verhoeven", "founded", "Nimbus Labs")),
        # a title of several words, in a document with no one-word title
        ("en", EN_TOPIC + "Tomas Verhoeven, the chief technology officer, said hiring would start in May.",
         ("Tomas Verhoeven", "worksFor", "Nimbus Labs")),
        ("fr", FR_TOPIC + "Le PDG Thomas Verdier a salué les talents locaux.",
         ("Thomas Verdier", "leads", "Nimbus Labs")),
        ("fr", FR_TOPIC + "Anne Rivière, cofondatrice, a présenté les premiers clients.",
         ("Anne Rivière", "founded", "Nimbus Labs")),
        # a company in the predicate of the titled person's clause is where the person was, not the owner
        ("en", EN_TOPIC + "CEO Tomas Verhoeven previously ran the cloud division at Orbital Dynamics.",
         ("Tomas Verhoeven", "leads", "Nimbus Labs")),
        # a plural title
        ("fr", FR_TOPIC + "Les cofondateurs Anne Rivière et Paul Garnier ont présenté les premiers clients.",
         ("Anne Rivière", "founded", "Nimbus Labs")),
    ],
)
def test_a_bare_title_gives_the_topic_company(extractor: Extractor, language: str, text: str,
                                              expected: tuple[str, str, str]) -> None:
    assert expected in facts(extractor, text, language)


@pytest.mark.parametrize(
    ("language", "text", "person"),
    [
        # a title that names no company
        ("en", EN_TOPIC + "President Emmanuel Macron visited the site on Friday.", "Emmanuel Macron"),
        # an organisation is written in the sentence: the patterns read it, not the topic
        ("en", EN_TOPIC + "The launch featured CEO Tomas Verhoeven and a speech by Orbital Dynamics.",
         "Tomas Verhoeven"),
        # a company named once is no topic
        ("en", "Nimbus Labs opened an office in Denver. The launch featured CEO Tomas Verhoeven.", "Tomas Verhoeven"),
        # the title has an owner: "CEO of"
        ("en", EN_TOPIC + "Tomas Verhoeven, the chief executive of a rival, criticised the plan.", "Tomas Verhoeven"),
    ],
)
def test_no_topic_company_without_a_bare_company_title(extractor: Extractor, language: str, text: str,
                                                       person: str) -> None:
    assert not any(s == person and o == "Nimbus Labs" for s, _, o in facts(extractor, text, language))


def test_the_topic_company_may_be_named_in_the_sentence(extractor: Extractor) -> None:
    text = EN_TOPIC + "Her exit from Nimbus Labs followed doubts about CEO Tomas Verhoeven's strategy."
    assert ("Tomas Verhoeven", "leads", "Nimbus Labs") in facts(extractor, text, "en")
