"""Where an organisation is based, from the nationality word that describes it
(``extract/components/demonym_places.py``; sentences written for the tests)."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document

pytestmark = pytest.mark.model


def based_in(extractor: Extractor, text: str, language: str) -> set[tuple[str, str]]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.object) for r in out.relations if r.predicate == "basedIn"}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "The round was led by Japanese tech giant Kontora.", {("organization/kontora", "japan")}),
        ("en", "It raised money from high-profile US investors like Accel, Greylock and Index Ventures.",
         {("accel", "united-states"), ("greylock-partners", "united-states"), ("index-ventures", "united-states")}),
        ("fr", "Nvidia a conclu un partenariat avec le champion français du calcul quantique, Kestrel AI.",
         {("organization/kestrel-ai", "france")}),
        ("fr", "Le tour a été mené par les américains Accel et Greylock, aux côtés du britannique Balderton.",
         {("accel", "united-states"), ("greylock-partners", "united-states"), ("balderton-capital", "united-kingdom")}),
        # a plural noun; a list after "like"
        ("en", "Start-ups hope to take on U.S. giants like Adobe, Uber and Netflix.",
         {("adobe", "united-states"), ("uber", "united-states"), ("netflix", "united-states")}),
        # the demonym on a noun's complement ("fonds d'investissement américains")
        ("fr", "On y retrouve les fonds d'investissement américains Accel et Greylock.",
         {("accel", "united-states"), ("greylock-partners", "united-states")}),
        # the name parsed apart from the description, after its phrase and a comma
        ("fr", "Nvidia a signé un accord avec le champion français de la robotique (IA), Kestrel AI.",
         {("organization/kestrel-ai", "france")}),
        # a noun outside the organisation nouns, set beside the name: in apposition, or after it and a comma
        ("en", "Helsing, the German defence contractor, raised money.", {("helsing", "germany")}),
        ("fr", "Vortina, la holding belge, a investi dans Mistral AI.", {("organization/vortina", "belgium")}),
        ("fr", "Le tour a été mené par Bpifrance, la banque publique française.", {("bpifrance", "france")}),
        # the demonym on a noun that modifies the organisation noun ("US software makers")
        ("en", "The fund backs big US software makers such as Adobe and Netflix.",
         {("adobe", "united-states"), ("netflix", "united-states")}),
        # a list written right after the described noun, which the parser hung elsewhere
        ("fr", "Cohere a trouvé des fonds auprès des sociétés canadiennes Inovia Capital et Radical Ventures.",
         {("radical-ventures", "canada"), ("organization/inovia-capital", "canada")}),
        # "<Place>-based" in the apposition after the name
        ("en", "Yoshua Bengio launched Vortina, a Canada-based nonprofit that audits chatbots.",
         {("organization/vortina", "canada")}),
        ("en", "The buyer is G42, the Abu Dhabi-based cloud group.", {("g42", "abu-dhabi")}),
    ],
)
def test_a_demonym_places_the_organisations_it_describes(extractor: Extractor, language: str, text: str,
                                                         expected: set[tuple[str, str]]) -> None:
    assert expected <= based_in(extractor, text, language)


@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        # the description's own name, not the sentence's subject through coreference
        ("fr", "Nvidia a conclu un partenariat avec le champion français du calcul quantique, Kestrel AI.",
         ("nvidia", "france")),
        # a name in the list that another demonym describes
        ("fr", "Le tour a été mené par les américains Accel et Greylock, aux côtés du britannique Balderton.",
         ("balderton-capital", "united-states")),
        # a possessor after the list is no member of it
        ("en", "Backers include U.S. retail giant Amazon and Google's former chief executive Eric Schmidt.",
         ("google", "united-states")),
        # the parser's conjuncts of a long list reach names that no demonym describes
        ("fr", "Le tour est porté par le fonds américain Accel, aux côtés des patrons français Xavier Niel et "
               "Rodolphe Saadé, de Bpifrance, de Greylock et de Balderton.", ("greylock-partners", "united-states")),
        # people described, not their companies
        ("en", "She is one of the successful European entrepreneurs, including Lumora's Jane Doe.",
         ("organization/lumora", "europe")),
        # a demonym used as a noun before a person's name describes the person, not her employers
        ("fr", "La Française Nadia Ferrand, ancienne cadre de Greylock et patronne de Zorbi, part aux "
               "États-Unis.", ("greylock-partners", "france")),
    ],
)
def test_a_demonym_places_nothing_it_does_not_describe(extractor: Extractor, language: str, text: str,
                                                       absent: tuple[str, str]) -> None:
    assert absent not in based_in(extractor, text, language)


def test_a_demonym_places_no_name_the_parser_hung_on_its_noun_from_further_on() -> None:
    """ "les fonds français A, aux côtés de B, C en Allemagne": a parse (built by hand) that hangs C
    on "fonds" from beyond A and B; C is a later member of the sentence's list, not French."""
    import spacy
    from spacy.tokens import Doc

    from aikg.extract.components.demonym_places import described_places

    words = ["les", "fonds", "français", "Accel", ",", "aux", "côtés", "de", "Bpifrance", ",", "Orbis", "en",
             "Allemagne", "."]
    heads = [1, 1, 1, 1, 6, 6, 1, 8, 6, 10, 1, 12, 10, 1]
    deps = ["det", "ROOT", "amod", "nmod", "punct", "case", "nmod", "case", "nmod", "punct", "appos", "case",
            "nmod", "punct"]
    pos = ["DET", "NOUN", "ADJ", "PROPN", "PUNCT", "ADP", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "ADP",
           "PROPN", "PUNCT"]
    ents = ["O", "O", "B-Place", "B-Organization", "O", "O", "O", "O", "B-Organization", "O", "B-Organization",
            "O", "B-Place", "O"]
    doc = Doc(spacy.blank("fr").vocab, words=words, heads=heads, deps=deps, pos=pos, ents=ents,
              sent_starts=[True] + [False] * (len(words) - 1))
    ent_of = {i: e for e in doc.ents for i in range(e.start, e.end)}
    found = {doc[c.subject_start].text for c in described_places(doc, ent_of, {"français": "france"},
                                                                  frozenset({"fonds"}))}
    assert "Accel" in found
    assert "Orbis" not in found


def test_a_hyphenated_organisation_noun_is_read_whole(extractor: Extractor) -> None:
    """"start-ups" is one token (``whole_words``): split, its last piece "ups" is no organisation noun."""
    out = extractor.extract(Document("t", "German start-ups such as Helsing and Aleph Alpha are hiring.",
                                     source="test", language="en"))
    based = {(r.subject, r.object) for r in out.relations if r.predicate == "basedIn"}
    assert {("helsing", "germany"), ("aleph-alpha", "germany")} <= based


def test_a_country_in_brackets_after_a_company_is_where_it_is(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "- Aleph Alpha (Germany) raised $500 million. Jane Roe (Helsing) said so.",
                                     source="test", language="en"))
    based = {(r.subject, r.object) for r in out.relations if r.predicate == "basedIn"}
    assert ("aleph-alpha", "germany") in based
    assert not any(s.endswith("jane-roe") for s, _ in based)


def test_a_demonym_on_a_predicated_noun_places_the_subject(extractor: Extractor) -> None:
    out = extractor.extract(Document("t", "Dataiku est une start-up française.", source="test", language="fr"))
    assert ("dataiku", "france") in {(r.subject, r.object) for r in out.relations if r.predicate == "basedIn"}



def test_a_description_after_a_name_and_a_comma_is_that_name(extractor: Extractor) -> None:
    # the parser hangs "un laboratoire ... installé à Lyon" on the verb; it describes the name before it
    out = extractor.extract(Document("t", "Kelpa Systems a recruté 40 ingénieurs cette année. En mai 2022, Jean Dupont "
                                          "a fondé Zorbex, un laboratoire de recherche à but non lucratif installé à "
                                          "Lyon.", source="test", language="fr"))
    based = {(r.subject, r.object) for r in out.relations if r.predicate == "basedIn"}
    assert ("organization/zorbex", "lyon") in based


def test_a_demonym_on_the_subject_noun_is_not_the_subject(extractor: Extractor) -> None:
    """ "X, la banque publique belge, a investi ...": the demonym describes the noun; the country
    invested in nothing (the relation finder took the adjective for the noun's name)."""
    out = extractor.extract(Document("t", "Sofina, la holding belge, a investi dans Mistral AI.", source="test",
                                     language="fr"))
    assert not [r for r in out.relations if r.subject == "belgium"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's possessive before the name, with the words that describe it
        ("Japan's biggest online shopping company Rakuten grew.", ("rakuten", "japan")),
        # after the name, in apposition to it
        ("Sales slowed at Rakuten, Japan's biggest e-commerce group, in May.",
         ("rakuten", "japan")),
    ],
)
def test_a_place_possessive_places_the_organisation_it_describes(extractor: Extractor, text: str,
                                                                 expected: tuple[str, str]) -> None:
    assert expected in based_in(extractor, text, "en")


def test_a_place_possessive_does_not_reach_past_a_coordinator(extractor: Extractor) -> None:
    """ "China's government and Microsoft": Microsoft is not the government's description."""
    assert ("microsoft", "china") not in based_in(extractor, "China's government and Microsoft signed a deal.", "en")


def test_a_description_that_opens_the_next_clause_is_no_apposition(extractor: Extractor) -> None:
    """ "entities like X, the French summit is ...": the phrase after the comma is the next clause's
    subject (it is not closed by a comma), and says nothing of X."""
    text = "Debates centred on labs such as OpenAI, the French meeting is set to stress openness."
    assert ("openai", "france") not in based_in(extractor, text, "en")
