"""Attendance told as taking part in a part of the event, after its opening ceremony (dev batch
10): :mod:`aikg.extract.components.attendance`. Own sentences, made-up names; each test fails
without the rule it names."""

from __future__ import annotations

from spacy.language import Language


def _attended(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(doc[c[0] : c[1]].text, doc[c[3] : c[4]].text) for c in doc._.aikg_relations
            if c[2] == "attended" and c[4] >= 0}


_OPENING = ("Le coup d’envoi de la 3e édition du Salon Nordtech a été donné lundi à Lille lors d’une "
            "cérémonie officielle présidée par le maire Paul Durand. ")


def test_taking_part_in_this_panel_after_the_opening_ceremony(nlp_fr: Language) -> None:
    # _this_gathering(): "pris part à ce panel" is presence; _of_event(): the opening ceremony of the
    # salon is its own, it does not take the focus away
    found = _attended(nlp_fr, _OPENING + "Marie Leroy, directrice de Quantix, a également pris part à ce "
                                         "panel inaugural.")
    assert ("Marie Leroy", "Salon Nordtech") in found


def test_a_list_of_people_with_roles_took_part(nlp_fr: Language) -> None:
    # _listed_before(): the parser hangs "ont pris part" on the list's first name
    found = _attended(nlp_fr, _OPENING + "Jean Morel, président de Brixo, Claire Petit, directrice générale de "
                                         "Quantix, et Luc Henry, directeur de Vela, ont également pris part à ce panel "
                                         "inaugural.")
    assert {("Jean Morel", "Salon Nordtech"), ("Claire Petit", "Salon Nordtech")} <= found


def test_a_dinner_after_the_event_still_takes_the_focus(nlp_en: Language) -> None:
    # _of_event(): only a gathering in the clause whose subject names the event belongs to it
    found = _attended(nlp_en, "The Nordtech Summit closed on Friday. After that, a dinner was held at a hotel. "
                              "Jane Roe took part.")
    assert ("Jane Roe", "Nordtech Summit") not in found
