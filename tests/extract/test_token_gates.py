"""Gates that leave most tokens before a ``Token`` is made (docs/performance.md): each visits
only the tokens the full walk could have kept, and finds what the full walk found."""

from __future__ import annotations

from spacy.language import Language

from aikg.extract.components.role_frames import coordinated_roles


def test_role_ends_are_cut_where_the_tokenizer_cuts(nlp_en: Language, nlp_fr: Language) -> None:
    # relation_finder.role_ends: every token that can end a role phrase, no piece of a word
    for nlp, pieces in ((nlp_en, {"er", "or", "an"}), (nlp_fr, {"les", "eur", "ur"})):
        finder = nlp.get_pipe("aikg_relations")
        assert finder.lexicon is not None
        for phrase in finder.lexicon.roles[finder.lang]:
            tokens = nlp.make_doc(phrase)
            for token in tokens:  # a phrase may be read from any of its tokens to its end
                assert phrase[token.idx:] in finder.role_ends, phrase
        assert not pieces & finder.role_ends


def test_coordinated_roles_visit_role_words_only(nlp_en: Language, nlp_fr: Language) -> None:
    # role_frames.coordinated_roles with the finder's role words: the same candidates as a walk
    # over every token
    for nlp, text in (
        (nlp_en, "Jane Roe, co-founder and chief executive of Zorblax, met Max Moe, an engineer."),
        (nlp_fr, "Paul Girard, cofondateur et PDG de Zorblax, a rencontré Claire Dubois."),
    ):
        doc = nlp(text)
        finder = nlp.get_pipe("aikg_relations")
        assert finder.lexicon is not None
        ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
        every = coordinated_roles(doc, ent_of, finder.lexicon, finder._role_predicate)
        gated = coordinated_roles(doc, ent_of, finder.lexicon, finder._role_predicate, finder.role_words)
        assert every, text
        assert gated == every
