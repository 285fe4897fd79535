"""A company's event named without the company, and the company at its own conference
(:mod:`aikg.extract.components.event_short_names`, :mod:`aikg.extract.components.event_owners`).

Own sentences; the events are knowledge-base events whose names begin with their owner's.
"""

from __future__ import annotations

from spacy.language import Language


def _events(nlp: Language, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.kb_id_) for e in nlp(text).ents if e.label_ == "Event"}


def _owners(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(doc[c[0]:c[1]].text, doc[c[3]:c[4]].text) for c in doc._.aikg_relations
            if c[2] == "attended" and c[7] == "discourse:attended-owner"}


def test_short_name_with_year(nlp_en: Language) -> None:
    # event_short_names: the tail of "Microsoft Build" followed by a year, the owner named
    text = "Microsoft showed new coding agents on Tuesday. Its chief executive spoke for an hour at Build 2026."
    assert ("Build", "microsoft-build") in _events(nlp_en, text)


def test_short_name_with_event_noun(nlp_en: Language) -> None:
    # event_short_names: one lower-case word between the short name and the event noun
    text = "Alphabet will show its new assistant at the annual I/O developer event on Wednesday."
    assert ("I/O", "google-io") in _events(nlp_en, text)


def test_short_name_needs_its_owner(nlp_en: Language) -> None:
    # event_short_names: no owner named, no event ("Build" stays a word)
    text = "Engineers at the plant said they would build 2026 units next year."
    assert not _events(nlp_en, text)


def test_short_name_fr(nlp_fr: Language) -> None:
    text = "Google a présenté son nouvel assistant lors de la conférence I/O 2026 à Mountain View."
    assert ("I/O", "google-io") in _events(nlp_fr, text)


def test_owner_attends_its_event(nlp_en: Language) -> None:
    # event_owners: the knowledge-base id of the event begins with the organisation's
    text = "Microsoft showed new coding agents on Tuesday. Its chief executive spoke for an hour at Build 2026."
    assert ("Microsoft", "Build") in _owners(nlp_en, text)


def test_owner_attends_by_surface_name(nlp_fr: Language) -> None:
    # event_owners: the event's surface name begins with the organisation's
    text = "Meta a tenu jeudi la conférence Meta Connect en Californie, où des lunettes ont été montrées."
    assert ("Meta", "Meta Connect") in _owners(nlp_fr, text)


def test_other_organisation_is_no_owner(nlp_en: Language) -> None:
    text = "Nvidia and Intel sent engineers to Microsoft Build in Seattle."
    assert not {org for org, _ in _owners(nlp_en, text)} & {"Nvidia", "Intel"}
