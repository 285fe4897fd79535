"""Partnerships whose party is the quote's speaker ("our partnership with Y," X said), whose
noun takes a complement before "with" ("un accord de licence avec Y"), or told as the use of a
partner's technology (:mod:`aikg.extract.components.licensing`). Own sentences; each test fails
without its rule. Also: "A and B struck deals with C and D respectively"
(:mod:`aikg.extract.components.respective_deals`), "join forces", "working with"
(:mod:`aikg.extract.components.partner_phrases`), "its X, developed with Y", "a X technology
partner", "X's partner Y"."""

from __future__ import annotations

from spacy.language import Language

from aikg.extract.components.extensions import relation_candidates


def _pairs(nlp: Language, text: str) -> set[frozenset[str]]:
    doc = nlp(text)
    return {frozenset({doc[c.subject_start : c.subject_end].text, doc[c.object_start : c.object_end].text})
            for c in relation_candidates(doc) if c.predicate == "partnerOf" and c.object_end > 0}


def test_our_inside_a_quote_is_the_speaker(nlp_en: Language) -> None:
    # quote_speaker(): the subject of "said" outside the quotation marks
    text = '"This week we begin the second stage of our alliance with Cohere," Oracle said on Monday.'
    assert frozenset({"Oracle", "Cohere"}) in _pairs(nlp_en, text)


def test_our_without_a_speaker_gives_nothing(nlp_en: Language) -> None:
    assert not _pairs(nlp_en, "Our alliance with Cohere keeps growing.")


def test_noun_complement_before_with(nlp_fr: Language) -> None:
    # _Deals.after(): "un accord de licence avec Y", the noun's own "de" complement skipped
    text = "Samsung a signé un accord de licence avec Character.AI."
    assert frozenset({"Samsung", "Character.AI"}) in _pairs(nlp_fr, text)


# -- licensing told as use -------------------------------------------------------------------------


def test_integrates_a_named_technology(nlp_en: Language) -> None:
    # technology_partners(): the name before the technology noun owns it
    text = "Samsung integrates Mistral AI technology into its phones."
    assert frozenset({"Samsung", "Mistral AI"}) in _pairs(nlp_en, text)


def test_agreed_to_use_a_possessed_model(nlp_en: Language) -> None:
    # technology_partners(): the user is the subject of the clause above "to use"
    text = "Last week, Adobe agreed to pay $90 million to use Cohere's models."
    assert frozenset({"Adobe", "Cohere"}) in _pairs(nlp_en, text)


def test_french_technology_of(nlp_fr: Language) -> None:
    # _owner(): the "de" complement of "la technologie"
    text = "Amazon a accepté d'utiliser la technologie de Mistral AI de manière non exclusive."
    assert frozenset({"Amazon", "Mistral AI"}) in _pairs(nlp_fr, text)


def test_a_description_possessive_gives_nothing(nlp_en: Language) -> None:
    assert not _pairs(nlp_en, "Adobe uses the company's models to improve its app.")


# -- deals paired by position (respective_deals) ----------------------------------------


def test_deals_paired_by_position(nlp_en: Language) -> None:
    text = "Siemens and Bosch struck deals with Mistral AI and Cohere respectively."
    assert _pairs(nlp_en, text) == {frozenset({"Siemens", "Mistral AI"}), frozenset({"Bosch", "Cohere"})}


def test_groups_split_at_commas_and_list_before_a_heading(nlp_en: Language) -> None:
    # the parser hangs "Siemens, Bosch" on the heading: the surface list before the deal is read
    text = ("In short: Siemens, Bosch, and SAP used their cash to sign deals with Mistral AI, "
            "Aleph Alpha and Cohere, and Hugging Face respectively.")
    assert _pairs(nlp_en, text) == {
        frozenset({"Siemens", "Mistral AI"}), frozenset({"Bosch", "Aleph Alpha"}),
        frozenset({"Bosch", "Cohere"}), frozenset({"SAP", "Hugging Face"}),
    }


def test_french_accords_respectivement(nlp_fr: Language) -> None:
    text = "Siemens et Renault ont conclu des accords avec Mistral AI et Cohere respectivement."
    assert _pairs(nlp_fr, text) == {frozenset({"Siemens", "Mistral AI"}), frozenset({"Renault", "Cohere"})}


# -- partner_phrases; partner nouns inside a name's phrase ----------------------------------------


def test_joined_forces_with(nlp_en: Language) -> None:
    # partner_idioms: "join forces"
    assert _pairs(nlp_en, "Sanofi joined forces with Owkin.") == {frozenset({"Sanofi", "Owkin"})}


def test_listed_subject_joined_forces(nlp_en: Language) -> None:
    assert _pairs(nlp_en, "Sanofi and Owkin joined forces last year.") == {frozenset({"Sanofi", "Owkin"})}


def test_listed_subject_of_a_partnership_verb_without_partner(nlp_en: Language, nlp_fr: Language) -> None:
    # reciprocal_partner_verbs: the subjects are each other's partners when no "with" names one
    assert _pairs(nlp_en, "Orange and Mistral AI teamed up to build models.") == {frozenset({"Orange", "Mistral AI"})}
    assert _pairs(nlp_fr, "Orange et Mistral AI s'associent pour développer des modèles.") == {
        frozenset({"Orange", "Mistral AI"})}


def test_complement_of_a_partnership_verb_subject_is_no_partner(nlp_en: Language) -> None:
    """ "Researchers from A and B collaborated": the researchers worked together, not A and B."""
    assert _pairs(nlp_en, "Researchers from Orange and Inria collaborated on the paper.") == set()


def test_joindre_leurs_forces(nlp_fr: Language) -> None:
    assert _pairs(nlp_fr, "Sanofi et Owkin ont joint leurs forces.") == {frozenset({"Sanofi", "Owkin"})}


def test_organisation_began_working_with(nlp_en: Language) -> None:
    # with_partner_verbs: the subject of the clause above, a named organisation
    assert _pairs(nlp_en, "Sanofi began working with Owkin two years ago.") == {frozenset({"Sanofi", "Owkin"})}


def test_organisation_travaille_avec(nlp_fr: Language) -> None:
    assert _pairs(nlp_fr, "Sanofi travaille avec Owkin depuis deux ans.") == {frozenset({"Sanofi", "Owkin"})}


def test_person_working_with_is_no_partnership(nlp_en: Language) -> None:
    assert _pairs(nlp_en, "Jane Smith began working with Owkin in 2020.") == set()


def test_memorandum_of_understanding(nlp_en: Language) -> None:
    # partnership_nouns: "memorandum", its "of understanding" skipped before "with"
    text = "Sanofi signed a memorandum of understanding with Owkin."
    assert _pairs(nlp_en, text) == {frozenset({"Sanofi", "Owkin"})}


def test_apposed_technology_partner(nlp_en: Language) -> None:
    # possessor(): a compound's compound, "a Rakuten technology partner"
    text = "SoftBank is weighing an acquisition of chip designer Nvidia, a Rakuten technology partner."
    assert _pairs(nlp_en, text) == {frozenset({"Nvidia", "Rakuten"})}


def test_possessive_partner_before_a_name(nlp_en: Language) -> None:
    # partner_noun(): the noun compounded onto the name it describes, "X's partner Y"
    assert _pairs(nlp_en, "Owkin's partner Sanofi said it was pleased.") == {frozenset({"Owkin", "Sanofi"})}


def test_own_thing_built_with_a_partner(nlp_en: Language) -> None:
    # partner_phrases._built_with(): the possessive's owner, "its X, developed with Y"
    assert _pairs(nlp_en, "Sanofi showed its model, developed with Owkin, on Monday.") == {
        frozenset({"Sanofi", "Owkin"})}


def test_son_modele_concu_avec(nlp_fr: Language) -> None:
    assert _pairs(nlp_fr, "Sanofi présente son modèle conçu avec Owkin.") == {frozenset({"Sanofi", "Owkin"})}


def test_thing_built_with_a_partner_and_no_owner(nlp_fr: Language) -> None:
    assert _pairs(nlp_fr, "Le modèle développé avec Owkin est prêt.") == set()
