"""Acquisitions told with a verb whose phrase the patterns miss, and deals still pending
(:mod:`aikg.extract.components.acquisitions`). Own sentences; each test fails without its rule."""

from __future__ import annotations

from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates
from aikg.extract.lexicon import load_lexicon


def _acquired(nlp: Language, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(doc[c.subject_start : c.subject_end].text, doc[c.object_start : c.object_end].text)
            for c in relation_candidates(doc) if c.predicate == "acquired" and c.object_end > 0}


def test_lexicon_has_acquisition_word_lists() -> None:
    lists = load_lexicon().word_lists
    for name in ("org_sale_verbs", "acquisition_phrases", "deal_pending_phrases"):
        assert lists[name]["en"] and lists[name]["fr"], name


def test_object_behind_a_misread_description(nlp_en: Language) -> None:
    # _targets(): the first organisation after the verb, past a description the tagger misreads
    assert ("Yahoo", "Pixtral") in _acquired(nlp_en, "Yahoo quietly acquired video search startup Pixtral to grow.")


def test_participle_with_its_buyer_as_agent(nlp_en: Language) -> None:
    # _acquisition() with an agent: "Y, a suite acquired by X"
    text = "Before Oracle, Jane Smith ran Quill, a spreadsheet suite acquired by Oracle for $90M in 2012."
    assert ("Oracle", "Quill") in _acquired(nlp_en, text)


def test_idiom_brought_into_the_fold(nlp_en: Language) -> None:
    # _phrase(): ("bring", "fold") of acquisition_phrases
    assert ("Intel", "Nervana") in _acquired(nlp_en, "Intel also brought Nervana into the fold in 2016.")


def test_sale_to_a_buyer_with_a_relative_object(nlp_fr: Language) -> None:
    # _sale(): "Y, qu'ils ont vendue à X" gives X acquired Y (the pronoun's antecedent)
    text = "Les deux amis ont lancé ensemble Dailymotion, qu'ils ont vendue à Orange en 2011."
    assert ("Orange", "Dailymotion") in _acquired(nlp_fr, text)


def test_french_idiom_after_a_relative_subject(nlp_fr: Language) -> None:
    # _phrase() with ("mettre", "main") and _antecedent() for "qui"
    assert ("Datadog", "Mistral AI") in _acquired(nlp_fr, "Citons Datadog qui a mis la main sur Mistral AI.")


def test_pending_deal_is_not_yet_an_acquisition(nlp_fr: Language, nlp_en: Language) -> None:
    # pending_deal(): "en train de", "in the process of" before the object
    assert not _acquired(nlp_fr, "Salesforce est en train de finaliser l'acquisition de Mistral AI.")
    assert _acquired(nlp_fr, "Salesforce a finalisé l'acquisition de Mistral AI.")
    assert not _acquired(nlp_en, "Microsoft is in the process of acquiring Nuance.")


def test_announced_acquisition_of_a_misread_description(nlp_en: Language) -> None:
    # _Deals.owner_before(): the deal-making verb right before the noun names the buyer
    text = "Snowflake has announced the acquisition of data-labelling startup Streamlit in an all-stock deal."
    assert ("Snowflake", "Streamlit") in _acquired(nlp_en, text)


def test_agreement_to_acquire(nlp_en: Language) -> None:
    # _deal_verb(): the infinitive on a partnership noun that a deal-making verb takes
    assert ("Siemens", "Owkin") in _acquired(nlp_en, "Siemens reached a deal to buy Owkin.")


def test_accord_pour_acquerir(nlp_fr: Language) -> None:
    text = "Siemens a finalisé un accord pour acquérir Owkin, une jeune pousse lyonnaise, pour 300 millions d'euros."
    assert ("Siemens", "Owkin") in _acquired(nlp_fr, text)


def test_deal_under_discussion_is_no_acquisition(nlp_fr: Language) -> None:
    assert not _acquired(nlp_fr, "Siemens discute d'un accord pour racheter Owkin.")
