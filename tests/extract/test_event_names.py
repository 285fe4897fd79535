"""Event names, venues, organiser lists and where events were held (issue 15, batch 3):
:mod:`aikg.extract.components.event_names`, :mod:`aikg.extract.components.event_places` and the
organiser lists of :mod:`aikg.extract.components.attendance`. Own sentences, made-up names; each
test fails without the rule it names."""

from __future__ import annotations

import pytest
from spacy.language import Language

from aikg.extract.lexicon import load_lexicon
from tests.helpers import candidate_pairs as _facts


def _ents(nlp: Language, text: str, label: str) -> set[str]:
    return {e.text for e in nlp(text).ents if e.label_ == label}


def test_lexicon_has_event_name_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("event_heads", "event_descriptors", "venue_nouns", "event_name_connectors", "backer_nouns",
                 "organising_verbs", "venue_verbs", "here_words"):
        assert any(lists[name].values()), name


# -- event names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "name"), [
    # headed(): capitalised words ending in an event noun
    ("Acme chief Maria Lopez and Olaf Scholz unveiled a new AI plan at Berlin Tech Week this morning.",
     "Berlin Tech Week"),
    ("On 3 May, the Riverside Campus played host to the first Quantum Futures Boston Summit.",
     "Quantum Futures Boston Summit"),
])
def test_event_name_headed_en(nlp_en: Language, text: str, name: str) -> None:
    assert name in _ents(nlp_en, text, "Event")


@pytest.mark.parametrize(("text", "name"), [
    # headed(): French names put the event noun first ("Festival de la Robotique")
    ("Du 2 au 4 mars, le Grand Festival de la Robotique a attiré des visiteurs à Lille.",
     "Grand Festival de la Robotique"),
    # described(): a name after "l'événement"
    ("L'événement IA Horizons se tient à la Porte de Versailles.", "IA Horizons"),
    # quoted(): a lower-case quoted name ending in an event noun
    ("Le « demo day », qui s'est déroulé mardi à Station F, a fait salle comble.", "demo day"),
])
def test_event_name_fr(nlp_fr: Language, text: str, name: str) -> None:
    assert name in _ents(nlp_fr, text, "Event")


def test_topic_after_event_noun_is_not_a_name(nlp_fr: Language) -> None:
    # headed(): "le Sommet de l'IA" names a topic (not_entities), not an event of its own
    assert "Sommet de l'IA" not in _ents(nlp_fr, "Le Sommet de l'IA : un grand jour pour les start-up.", "Event")


@pytest.mark.parametrize(("text", "venue"), [
    # venue(): a venue noun with connected capitalised words, even in lower case
    ("Le salon DataLyon qui se déroule à la cité des Sciences et de l'Industrie accueille 50 exposants.",
     "cité des Sciences et de l'Industrie"),
    # event_names(): an "event" whose name starts with a venue noun is the venue
    ("Du 2 au 4 mars, le Grand Festival de la Robotique a attiré des visiteurs au Palais des Congrès.",
     "Palais des Congrès"),
])
def test_venue_is_a_place(nlp_fr: Language, venue: str, text: str) -> None:
    assert venue in _ents(nlp_fr, text, "Place")
    assert venue not in _ents(nlp_fr, text, "Event")


# -- attended: organisers, sponsors, exhibitors ----------------------------------------------------


def test_sponsors_of_the_event(nlp_en: Language) -> None:
    # attendance: backer_nouns heading a guest list ("The principal sponsors of the summit were A and B")
    text = ("The Quantum Futures Boston Summit opened on Monday. The principal sponsors of the summit were "
            "Microsoft and Spotify.")
    assert {("Microsoft", "Quantum Futures Boston Summit"), ("Spotify", "Quantum Futures Boston Summit")} <= _facts(
        nlp_en, text, "attended")


def test_involved_in_organising_the_event(nlp_en: Language) -> None:
    # attendance.organisers(): the subject of "were" described by an organising clause naming the event
    text = ("The Quantum Futures Boston Summit opened on Monday. Other big names involved in putting the "
            "event together were Harvard University, Spotify and the Knight Foundation.")
    assert ("Harvard University", "Quantum Futures Boston Summit") in _facts(nlp_en, text, "attended")


def test_among_exhibitors_impersonal(nlp_fr: Language) -> None:
    # attendance.guest_list(): "parmi les exposants, on retrouve A, B et C" (the list is the object)
    text = ("Le salon DataLyon ouvre ses portes mardi. Parmi les exposants, on retrouve Orange, Renault et "
            "Dassault Systèmes.")
    assert {("Orange", "DataLyon"), ("Renault", "DataLyon")} <= _facts(nlp_fr, text, "attended")


# -- heldIn ----------------------------------------------------------------------------------------


def test_event_drew_visitors_to_venue(nlp_fr: Language) -> None:
    # event_places: a venue verb with the event as subject; the place hangs on its object
    text = ("Du 2 au 4 mars, le Grand Festival de la Robotique a attiré des centaines de curieux au Palais "
            "des Festivals.")
    assert ("Grand Festival de la Robotique", "Palais des Festivals") in _facts(nlp_fr, text, "heldIn")


def test_place_played_host_to_event(nlp_en: Language) -> None:
    # event_places: "<place>'s <venue> played host to <Event>"
    text = "On 3 May, Boston's Riverside Campus played host to the first Quantum Futures Boston Summit."
    assert ("Quantum Futures Boston Summit", "Boston") in _facts(nlp_en, text, "heldIn")


def test_here_in_city(nlp_en: Language) -> None:
    # event_places: "here in <city>" said at the event in focus
    text = ('The Quantum Futures Boston Summit opened on Monday. Maria Lopez said the bank was "glad to be '
            'doing this here in Boston".')
    assert ("Quantum Futures Boston Summit", "Boston") in _facts(nlp_en, text, "heldIn")


@pytest.mark.parametrize(("text", "name", "place"), [
    # the region an event is about is part of its name; the venue after "in" is not
    ("Lena Ortiz spoke at the Open Robotics Summit on Asia 2026, held in Hanoi in May.",
     "Open Robotics Summit on Asia", "Hanoi"),
    ("Investors met at the Green Compute Week for Europe in Lisbon on Monday.", "Green Compute Week for Europe",
     "Lisbon"),
])
def test_an_event_name_goes_on_through_its_region(nlp_en: Language, text: str, name: str, place: str) -> None:
    assert name in _ents(nlp_en, text, "Event")
    assert place in _ents(nlp_en, text, "Place")


def test_described_name_of_a_known_series(nlp_fr: Language) -> None:
    # "le sommet X 2026" is the KB's "X Summit": the event noun put back after the name, the year dropped
    doc = nlp_fr("Le sommet AI Impact 2026 s'ouvre lundi devant des délégations de trente pays.")
    assert [(e.label_, e.kb_id_) for e in doc.ents if e.label_ == "Event"] == [("Event", "ai-impact-summit")]
