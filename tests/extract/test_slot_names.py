"""Names the model never made, found from an organisation's slot in the sentence
(``extract/components/slot_names.py``), and camel-case names after a descriptor noun
(``descriptor_types.described_names``), and a first name cut after a role (``person_names.py``).
Texts and names are written for the tests."""

from __future__ import annotations

import pytest

from aikg.extract.pipeline import Extractor
from tests.helpers import entity_types as types

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        # the head of an apposition that describes an organisation, at the start of the sentence
        ("en", "Orbis, a robotics company based in Lyon, raised $20 million.", "Orbis"),
        # ... also where the parser missed the apposition (the name an oblique, the noun the subject)
        ("fr", "Tarvosa, une start-up bordelaise spécialisée dans la robotique, a levé 2 millions d'euros.",
         "Tarvosa"),
        # the subject of a verb only organisations do
        ("en", "Veltrix acquired Norvale for $40 million.", "Veltrix"),
        ("en", "Quarnet partnered with Microsoft on the project.", "Quarnet"),
        ("fr", "Quellis a racheté Borvane pour 10 millions d'euros.", "Quellis"),
        # the object of an investing verb's "in" / "dans" (typed Place or Person by the model)
        ("en", "Sequoia invested in Trellix last year.", "Trellix"),
        ("fr", "Le fonds a investi dans Melvaro l'an dernier.", "Melvaro"),
        ("en", "Google pumped $2bn into Norvex in March 2024.", "Norvex"),
        # a member of a list of organisations
        ("en", "Backers include Lightspeed Venture Partners, Bain Capital Ventures and Norvex Growth.",
         "Norvex Growth"),
        ("fr", "Parmi les participants figurent Ekimetrics, Artefact, Braincube et QuorvaVision.", "QuorvaVision"),
        # a camel-case name after a descriptor noun
        ("en", "Last week the biomedical startup MedoraIQ opened an office in Boston.", "MedoraIQ"),
        # who receives funding, who has investors (a possessive relative), who is backed, and by whom
        ("en", "Quorra has attracted investment from Accel and Sequoia Capital.", "Quorra"),
        ("en", "Quorra, whose investors include Sequoia Capital and Accel, employs 80 people.", "Quorra"),
        ("fr", "La jeune pousse Tarnelle, soutenue par Partech et Velmora, compte 40 salariés.", "Velmora"),
        # a French name ending in -s at the start of a sentence (its lemma drops the s)
        ("fr", "Cardelis, soutenue par Partech et Kima Ventures, compte déjà 40 salariés.", "Cardelis"),
        # the subject of a passive only organisations undergo, of a deal
        ("fr", "Cardelis a été rachetée par Capgemini pour 50 millions d'euros.", "Cardelis"),
        ("fr", "Cardelis a signé un partenariat avec Orange pour déployer son assistant.", "Cardelis"),
        # the subject of a verb of making and selling products ("launched", "développe")
        ("en", "Quorra launched Lumen-7B, an open-weight model, on Tuesday.", "Quorra"),
        ("fr", "Cardelis a lancé Lumen, son nouvel assistant.", "Cardelis"),
        # who appoints a person, what a person runs
        ("en", "Velquor named Julia Marsh as its new chief executive.", "Velquor"),
        ("en", "Julia Marsh, a former Google executive, now runs Velquor.", "Velquor"),
        # the name before a person's role word
        ("en", "Velquor co-founder Paul Reed previously worked at Meta.", "Velquor"),
        # an unknown name the model typed as an event, in an investing verb's "into"
        ("en", "Sequoia Capital and Accel poured $30 million into Tessellate.", "Tessellate"),
    ],
)
def test_organisation_in_its_slot(extractor: Extractor, language: str, text: str, name: str) -> None:
    assert types(extractor, text, language).get(name) == "Organization"


@pytest.mark.parametrize(
    ("language", "text", "not_names"),
    [
        # a sentence-initial adverb or inflected common noun is no name
        ("en", "Today, the company raised $5 million.", {"Today"}),
        ("en", "Investors raised concerns about the plan.", {"Investors"}),
        ("fr", "Aujourd'hui, la société a levé 3 millions d'euros.", {"Aujourd'hui", "Aujourd"}),
        ("en", "Meanwhile, a startup in Nantes raised $2 million.", {"Meanwhile"}),
        # a fronted phrase before the subject is no apposition ("F" a series, no name)
        ("fr", "Jusqu'à sa série F, la société séduisait surtout des fonds de pension.", {"F"}),
        ("fr", "Après le rachat de Novelia Santé, l'entreprise attirait surtout des fonds.", {"Santé"}),
        # a weekday before an apposition-like phrase
        ("fr", "Mardi, une start-up nantaise a annoncé une levée.", {"Mardi"}),
        # a date after "into X in": the model's date is no name
        ("en", "Google pumped $2bn into Norvex in March 2024.", {"March", "March 2024"}),
        # a Title Case headline
        ("en", "Startup Raises Big Round From Investors", {"Startup", "Startup Raises"}),
        ("en", "Norvale Acquires Quellis In Big Deal", {"Norvale", "Quellis"}),
        # a name glued to the next sentence's first word (a lost line break)
        ("en", "Acme will buy Paris-based AI company VeloCoreThe Ledger reports that the price was high.",
         {"VeloCoreThe", "VeloCoreThe Ledger"}),
        # a title in Title Case before a person's name is no organisation
        ("en", "Prime Minister Keir Starmer opened the fair on Monday.", {"Prime"}),
        ("en", "Majority Leader Chuck Schumer spoke first.", {"Majority"}),
        # a part of a longer capitalised name is not cut out of it
        ("en", "Vista Labs has raised $30 million, and the world took note.", {"Labs"}),
    ],
)
def test_no_name_in_the_slot(extractor: Extractor, language: str, text: str, not_names: set[str]) -> None:
    assert not not_names & set(types(extractor, text, language))


def test_a_known_place_stays_a_place(extractor: Extractor) -> None:
    assert types(extractor, "Paris raised its budget for schools.").get("Paris") == "Place"


def test_first_name_cut_after_a_role_acronym(extractor: Extractor) -> None:
    """``person_names.role_cut_first_names``: "COO *Mara* Lin Chen" is one person, "COO" no organisation."""
    found = types(extractor, "COO Mara Lin Chen and CTO Tomas Brek will be interim co-CEOs.")
    assert found.get("Mara Lin Chen") == "Person"
    assert "COO" not in found and "Lin Chen" not in found
    assert types(extractor, "CEO Jane Doe spoke at the event.").get("Jane Doe") == "Person"


@pytest.mark.parametrize(
    ("text", "not_names"),
    [
        # a role's acronym, a market event, a time zone and a legal form alone are no organisations
        ("Velquor hired a CPO and a CISO before its IPO, the board said.", {"CPO", "CISO", "IPO"}),
        ("Sales of IoT devices and ESG funds grew, Velquor said.", {"IoT", "ESG"}),
        ("The Group and the Board approved the deal with Velquor.", {"Group", "Board"}),
        # a technique's acronym
        ("Velquor trains DNN and TTS models on 3D scans.", {"DNN", "TTS", "3D"}),
    ],
)
def test_acronyms_that_name_no_organisation(extractor: Extractor, text: str, not_names: set[str]) -> None:
    """``not_entities`` in ``data/lexicon.json``."""
    assert not not_names & set(types(extractor, text, "en"))
