"""Entity resolution: mentions of one document -> one record per real-world entity.

Pure functions, no spaCy. Rules, each leaving an audit string in ``EntityRecord.resolution``:

* ``kb-alias:Zuck->mark-zuckerberg``: a knowledge-base alias other than the label;
* ``kb-fold:Open AI->openai``: a KB name equal after folding case, accents and spacing;
* ``kb-misspelt:Nvivia->nvidia``: one typing error away from one KB name of the same type;
* ``surname:Macron->emmanuel-macron`` / ``first-name:Sam->sam-altman``: a single name that
  is the last/first word of exactly one full person name in the document (a surname the model
  typed Organization, Product or Place, "Sutskever said", is that person too);
* ``prefix:Acme->organization/acme-robotics``: the first word(s) of one longer organisation name;
* ``acronym:EU->european-union``: the initials of one multi-word name in the document, or an
  abbreviation that takes more letters of its words ("SSI" of "Safe Superintelligence");
* ``name-fold:OPENX->organization/openx``: surface forms equal after folding (an organisation's
  legal form dropped first: "Acme Corp." is Acme, in the KB and out of it);
* ``description:French President->emmanuel-macron``: a KB role phrase for an entity already named.

Unknown entities get the key ``<type>/<slug of the fullest name>``, so the same unknown name
in two documents gives one key.

>>> from aikg.extract.kb import load_knowledge_base
>>> kb = load_knowledge_base()
>>> ms = [RawMention("Emmanuel Macron", EntityType.PERSON, "emmanuel-macron", 0, 15, 0, 40),
...       RawMention("Macron", EntityType.PERSON, "emmanuel-macron", 50, 56, 41, 80),
...       RawMention("Jane Doe", EntityType.PERSON, None, 90, 98, 81, 120),
...       RawMention("Doe", EntityType.PERSON, None, 130, 133, 121, 150)]
>>> res = resolve_mentions(ms, kb)
>>> res.keys
('emmanuel-macron', 'emmanuel-macron', 'person/jane-doe', 'person/jane-doe')
>>> [e.resolution for e in res.entities]
[('kb-alias:Macron->emmanuel-macron',), ('surname:Doe->person/jane-doe',)]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .kb import KBEntry, KnowledgeBase
from .normalize import compact, fold, slug
from .records import EntityRecord, EntityType, Mention

__all__ = ["RawMention", "Resolution", "entity_key", "resolve_mentions", "without_legal_suffix"]

_TYPE_PRIORITY = {
    EntityType.ORGANIZATION: 0,
    EntityType.PERSON: 1,
    EntityType.PRODUCT: 2,
    EntityType.EVENT: 3,
    EntityType.PLACE: 4,
    EntityType.MONETARY_AMOUNT: 5,
}


@dataclass(frozen=True)
class RawMention:
    """One typed entity span before resolution (offsets are characters in the document)."""

    text: str
    type: EntityType
    kb_id: str | None
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    amount: Decimal | None = None
    currency: str | None = None


@dataclass(frozen=True)
class Resolution:
    """Resolved entities, the key of each input mention (same order) and mention records."""

    entities: tuple[EntityRecord, ...]
    keys: tuple[str, ...]
    mentions: tuple[Mention, ...]


def entity_key(type_: EntityType, name: str, amount: Decimal | None = None, currency: str | None = None) -> str:
    """Deterministic key of an entity outside the knowledge base.

    >>> entity_key(EntityType.PERSON, "  Jane   DOE ")
    'person/jane-doe'
    >>> entity_key(EntityType.MONETARY_AMOUNT, "€500 million", Decimal("500000000"), "EUR")
    'money/500000000-eur'
    """
    if type_ is EntityType.MONETARY_AMOUNT and amount is not None and currency:
        return f"money/{amount:f}-{currency.lower()}"
    return f"{type_.value.lower()}/{slug(name) or compact(name) or 'unnamed'}"


#: Legal-form words that wire copy appends to a company's name ("Microsoft Corp.", "ByteDance
#: Ltd.", "SoftBank Group Corp."): the same company as the bare name, so they are dropped to look
#: the name up and to fold it with other mentions.
_LEGAL_SUFFIXES = frozenset({
    "inc", "inc.", "corp", "corp.", "corporation", "co", "co.", "ltd", "ltd.", "limited", "llc", "plc",
    "sa", "s.a.", "sas", "gmbh", "ag", "nv", "n.v.", "se", "holdings", "holding", "group", "company",
})


#: Of those, the words that are often part of a company's official name ("PNC Financial Services
#: Group", "Kingdom Holding Company"): dropped to match a name, kept in the name shown.
_GROUP_WORDS = frozenset({"group", "holdings", "holding", "company"})


def without_legal_suffix(name: str, *, keep_group: bool = False) -> str:
    """``name`` without the legal-form words at its end (never its only word); with
    ``keep_group``, without the legal forms only.

    >>> without_legal_suffix("SoftBank Group Corp."), without_legal_suffix("SoftBank Group Corp.", keep_group=True)
    ('SoftBank', 'SoftBank Group')
    """
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(",") in _LEGAL_SUFFIXES:
        if keep_group and words[-1].lower().rstrip(",") in _GROUP_WORDS:
            break
        words.pop()
    return " ".join(words).rstrip(",")


#: Types whose names are matched to the knowledge base despite one typing error ("Nvivia").
_MISSPELT_TYPES = frozenset({EntityType.PERSON, EntityType.ORGANIZATION})

#: Types the statistical model often gives a person's surname said alone ("Ghodsi said", "Sutskever's")
_MISTYPED_SURNAME = frozenset({EntityType.ORGANIZATION, EntityType.PRODUCT, EntityType.PLACE})


class _Cluster:
    def __init__(self, type_: EntityType, kb: KBEntry | None = None) -> None:
        self.kb = kb
        self.types: Counter[EntityType] = Counter()
        self.type = type_
        self.texts: list[str] = []
        self.notes: list[str] = []
        self.members: list[int] = []
        self.amount: Decimal | None = None
        self.currency: str | None = None

    def add(self, index: int, mention: RawMention) -> None:
        self.members.append(index)
        self.texts.append(mention.text)
        self.types[mention.type] += 1
        if mention.amount is not None:
            self.amount, self.currency = mention.amount, mention.currency

    @property
    def name(self) -> str:
        if self.kb is not None:
            return self.kb.label
        texts = self.texts
        if self.type is EntityType.ORGANIZATION:
            texts = [without_legal_suffix(text, keep_group=True) for text in texts]
        return max(texts, key=lambda t: (len(t.split()), len(t), t))

    def settle_type(self) -> None:
        if self.kb is not None:
            self.type = self.kb.type
        elif self.types:
            self.type = min(self.types, key=lambda t: (-self.types[t], _TYPE_PRIORITY[t]))

    @property
    def key(self) -> str:
        if self.kb is not None:
            return self.kb.id
        return entity_key(self.type, self.name, self.amount, self.currency)


#: Joining words an acronym skips ("Gate *to* Growth Forum", AGGF).
_ACRONYM_SKIP = frozenset({"of", "de", "du", "des", "the", "for", "and", "et", "la", "le",
                           "to", "on", "à", "pour", "sur"})


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP).upper()


def _abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is an abbreviation of ``name`` that is more than its initials.

    The letters of the acronym are read in order in the name, each content word giving its
    initial and possibly more letters of itself ("SSI" of "Safe SuperIntelligence", "GenAI"
    style): the long-form test of Schwartz & Hearst (2003), restricted to word starts for
    every word so that a name that merely contains the letters does not match.

    >>> _abbreviates("SSI", "Safe Superintelligence"), _abbreviates("DSI", "Direction des systèmes d'information")
    (True, True)
    >>> _abbreviates("AWS", "Amazon Web Services"), _abbreviates("SI", "Safe Superintelligence")
    (True, False)
    """
    spaced = name.replace("-", " ").replace("'", " ").replace("\u2019", " ")
    words = [w.lower() for w in spaced.split() if w[:1].isalpha() and len(w) > 1 and w.lower() not in _ACRONYM_SKIP]
    letters = acronym.lower()
    if len(words) < 2 or not letters or letters[0] != words[0][0]:
        return False

    def match(at: int, word: int) -> bool:
        # letters[at:] read from words[word:], each word starting with its own initial
        if word == len(words):
            return at == len(letters)
        if at == len(letters) or letters[at] != words[word][0]:
            return False
        body = words[word][1:]
        taken = at + 1
        while True:
            if match(taken, word + 1):
                return True
            if taken == len(letters):
                return False
            found = body.find(letters[taken])
            if found < 0:
                return False
            body = body[found + 1 :]
            taken += 1

    return match(0, 0)


#: The most content words a long name may have that its acronym skips ("Commission nationale de
#: *protection* des données personnelles", CNDP).
_MAX_SKIPPED = 2


def _initials_skipping(acronym: str, name: str) -> bool:
    """Whether the letters of ``acronym`` (three or more) are the initials, in order, of the content
    words of ``name`` from its first to its last, skipping at most :data:`_MAX_SKIPPED` of them
    (French institutions leave a word out of their acronym; the joining words are skipped freely).

    >>> _initials_skipping("CNDP", "Commission nationale de supervision des données publiques")
    True
    >>> _initials_skipping("NDP", "Commission nationale de supervision des données publiques")
    False
    """
    spaced = name.replace("-", " ").replace("'", " ").replace("\u2019", " ")
    initials = [w[0].lower() for w in spaced.split()
                if w[:1].isalpha() and len(w) > 1 and w.lower() not in _ACRONYM_SKIP]
    letters = acronym.lower()
    if len(letters) < 3 or len(initials) > len(letters) + _MAX_SKIPPED or not initials:
        return False
    if initials[0] != letters[0] or initials[-1] != letters[-1]:
        return False
    at = 0
    for initial in initials:
        if at < len(letters) and initial == letters[at]:
            at += 1
    return at == len(letters)


def _is_name_tail(words: list[str], full: list[str]) -> bool:
    """Whether ``words`` are the last words of the longer person name ``full``, starting with a
    capital ("Omar *Al Olama*", "Mary *Van Dyke*"): a surname of several words said alone.

    >>> _is_name_tail(["Al", "Olama"], ["Omar", "Al", "Olama"]), _is_name_tail(["Al", "Olama"], ["Al", "Olama"])
    (True, False)
    """
    return (len(full) > len(words) and words[0][:1].isupper()
            and [fold(w) for w in full[-len(words):]] == [fold(w) for w in words])


def resolve_mentions(mentions: Sequence[RawMention], kb: KnowledgeBase) -> Resolution:
    """Group the mentions of one document into entities (see the module docstring)."""
    clusters: list[_Cluster] = []
    by_kb: dict[str, _Cluster] = {}
    by_fold: dict[str, _Cluster] = {}
    assignment: dict[int, _Cluster] = {}

    # 1. knowledge base
    pending: list[int] = []
    for index, mention in enumerate(mentions):
        entry = kb.entries.get(mention.kb_id) if mention.kb_id else None
        how = "kb-alias"
        if entry is None and mention.type is not EntityType.MONETARY_AMOUNT:
            entry = kb.lookup(mention.text, mention.type)
            if entry is None and mention.type is EntityType.ORGANIZATION:
                bare = without_legal_suffix(mention.text)
                entry = kb.lookup(bare, mention.type) if bare != mention.text else None
            how = "kb-fold"
            if entry is None and mention.type in _MISSPELT_TYPES:
                entry = kb.lookup_misspelt(mention.text, mention.type)
                how = "kb-misspelt"
        if entry is None:
            pending.append(index)
            continue
        cluster = by_kb.get(entry.id)
        if cluster is None:
            cluster = by_kb[entry.id] = _Cluster(entry.type, entry)
            clusters.append(cluster)
        cluster.add(index, mention)
        assignment[index] = cluster
        if mention.text != entry.label:
            if mention.text not in entry.names and how != "kb-misspelt":
                how = "kb-fold"
            cluster.notes.append(f"{how}:{mention.text}->{entry.id}")

    # 2. unknown names: equal after folding
    for index in pending:
        mention = mentions[index]
        if mention.type is EntityType.MONETARY_AMOUNT:
            folded = f"money:{mention.amount}:{mention.currency}" if mention.amount is not None else fold(mention.text)
        elif mention.type is EntityType.ORGANIZATION:
            folded = compact(without_legal_suffix(mention.text))
        else:
            folded = compact(mention.text)
        cluster = by_fold.get(folded)
        if cluster is None:
            cluster = by_fold[folded] = _Cluster(mention.type)
            clusters.append(cluster)
        elif mention.text not in cluster.texts:
            cluster.notes.append(f"name-fold:{mention.text}->{{key}}")
        cluster.add(index, mention)
        assignment[index] = cluster
    for cluster in clusters:
        cluster.settle_type()

    # 3. short names -> the one fuller name they abbreviate
    merged: set[int] = set()
    full_persons = [c for c in clusters if c.type is EntityType.PERSON and len(c.name.split()) >= 2]
    multiword = [c for c in clusters if len(c.name.split()) >= 2 and c.type is not EntityType.MONETARY_AMOUNT]
    for cluster in clusters:
        if cluster.kb is not None or cluster.type is EntityType.MONETARY_AMOUNT:
            continue
        words = cluster.name.split()
        target: _Cluster | None = None
        rule = ""
        # a surname alone, also when the model typed it as an organisation or a product ("Sutskever
        # said"); a first name alone only when typed as a person
        if len(words) == 1 and (cluster.type is EntityType.PERSON or cluster.type in _MISTYPED_SURNAME):
            word = fold(words[0])
            last = [c for c in full_persons if fold(c.name.split()[-1]) == word and c is not cluster]
            if len(last) == 1:
                target, rule = last[0], "surname"
            elif not last and cluster.type is EntityType.PERSON:
                first = [c for c in full_persons if fold(c.name.split()[0]) == word and c is not cluster]
                if len(first) == 1:
                    target, rule = first[0], "first-name"
        surname_type = cluster.type is EntityType.PERSON or cluster.type in _MISTYPED_SURNAME
        if target is None and len(words) >= 2 and surname_type:
            tails = [c for c in full_persons if c is not cluster and _is_name_tail(words, c.name.split())]
            if len(tails) == 1:
                target, rule = tails[0], "surname"
        if target is None and len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
            hits = [c for c in multiword if c is not cluster and _initials(c.name) == words[0]]
            if not hits:
                hits = [c for c in multiword if c is not cluster and _abbreviates(words[0], c.name)]
            if not hits:
                hits = [c for c in multiword if c is not cluster and _initials_skipping(words[0], c.name)]
            if len(hits) == 1:
                target, rule = hits[0], "acronym"
        if target is None and cluster.type is EntityType.ORGANIZATION:
            prefix = fold(cluster.name) + " "
            hits = [
                c
                for c in multiword
                if c is not cluster and c.type is EntityType.ORGANIZATION and fold(c.name).startswith(prefix)
            ]
            if len(hits) == 1:
                target, rule = hits[0], "prefix"
        if target is None:
            continue
        for index in cluster.members:
            target.add(index, mentions[index])
            assignment[index] = target
        target.notes.extend(note for note in cluster.notes)
        for text in dict.fromkeys(cluster.texts):
            target.notes.append(f"{rule}:{text}->{{key}}")
        merged.add(id(cluster))

    # KB people named by surname next to their full name: say so
    for cluster in clusters:
        if cluster.kb is None or cluster.kb.type is not EntityType.PERSON or cluster.kb.label not in cluster.texts:
            continue
        parts = cluster.kb.label.split()
        cluster.notes = [
            note.replace("kb-alias:", "surname:", 1)
            if note.startswith("kb-alias:") and note.split(":", 1)[1].split("->")[0] == parts[-1]
            else note
            for note in cluster.notes
        ]

    # 4. records
    keys = [""] * len(mentions)
    entities: list[EntityRecord] = []
    for cluster in clusters:
        if id(cluster) in merged:
            continue
        key = cluster.key
        for index in cluster.members:
            keys[index] = key
        notes = tuple(dict.fromkeys(note.replace("{key}", key) for note in cluster.notes))
        entities.append(
            EntityRecord(
                key=key,
                label=cluster.name,
                type=cluster.type,
                aliases=tuple(sorted(set(cluster.texts))),
                wikidata=cluster.kb.wikidata if cluster.kb else None,
                resolution=notes,
                amount=cluster.amount,
                currency=cluster.currency,
                in_knowledge_base=cluster.kb is not None,
                country=cluster.kb.country if cluster.kb else None,
                public=cluster.kb.public if cluster.kb else False,
            )
        )
    records = tuple(
        Mention(keys[i], m.text, m.start, m.end, m.sentence_start, m.sentence_end) for i, m in enumerate(mentions)
    )
    return Resolution(entities=tuple(entities), keys=tuple(keys), mentions=records)
