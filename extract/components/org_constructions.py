"""Organisation names on fresh news, by construction (entity stage, after the context types).

A batch of articles the project was not tuned on showed organisations the statistical NER cuts,
misses or types wrong, whatever the names are:

* a name headed by an institution noun is an organisation, whole: "the *Observatoire de Lyon*",
  "l'*École nationale supérieure des arts de Lille*", "the *University of Ohio, Dayton*", "the
  *Indian Institute of Science Bangalore*" (the model finds only the place inside it, or nothing;
  :func:`institution_names`, ``institution_nouns``);
* a department after a role is part of an organisation, not one: "Jane Doe, Head of *Trade
  Policy*, *Global Public Affairs*, Contoso Europe" (:func:`department_names`,
  ``department_words``; "Research" is not one of them: "head of Contoso Research" may be a lab);
* two organisations glued by a hyphen are one compound name: "le groupe *Ouest-Le Matin*"
  (:func:`hyphen_compounds`);
* a first name the model cut off a person's name: "*Rohan* Mehta" typed Organization + Person is
  the Person "Rohan Mehta" (:func:`joined_first_names`);
* a place named after a street noun is the street's, no place of the text: "rue *La Fontaine*",
  "au 12 rue *d'Oslo*" (:func:`street_names`, ``street_nouns``);
* an unknown name typed Place in a list whose other names are all organisations is one too:
  "raised $5 million from Tencent and *Qiming*" (:func:`listed_places`).

Word lists are data (``data/lexicon.json``, ``word_lists``: ``institution_nouns``,
``department_words``, ``street_nouns``); the connectors of a name are grammar, kept here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..doc_words import cue_tokens
from ..kb import KnowledgeBase
from ..lexicon import Lexicon, words_field
from ..records import EntityType

__all__ = ["OrgWords", "listed_kinds", "org_constructions", "org_words"]

#: Words that join the parts of an institution's name ("of", "de", "des mines").
_CONNECTORS = {"en": frozenset({"of", "for"}), "fr": frozenset({"de", "des", "du", "d'", "d’", "la", "l'", "l’"})}
_AND = frozenset({"and", "et", "&"})
#: What may follow "et" inside a name ("de l'Économie et *des* Finances"); an article starts another
#: name ("l'Institut Curie et *l'*Observatoire").
_PARTITIVES = frozenset({"de", "des", "du", "d'", "d’"})
#: What may stand between a role and its department: "Head *of* Policy*,* Public Affairs".
_ROLE_LINKS = frozenset({"of", ",", "de", "des", "du", "la", "and", "&"})
#: What may stand between a street noun and the name: "rue *La* Fontaine", "rue *d'*Oslo".
_STREET_LINKS = frozenset({"de", "d'", "d’", "du", "des", "la", "le", "les", "l'", "l’"})


@dataclass(frozen=True)
class OrgWords:
    institutions: frozenset[str] = words_field("institution_nouns")
    departments: frozenset[str] = words_field("department_words")
    streets: frozenset[str] = words_field("street_nouns")
    roles: frozenset[str] = frozenset()
    #: Institution nouns of government ("ministry"): their names list portfolios joined by "and".
    ministries: frozenset[str] = words_field("ministry_nouns")


def org_words(lexicon: Lexicon) -> OrgWords:
    """The construction words, from the lexicon (both languages)."""
    return lexicon.read_words(OrgWords, roles=frozenset(
        phrase.split()[-1] for lang in lexicon.roles.values() for phrase in lang))


def org_constructions(doc: Doc, ents: list[Span], words: OrgWords, kb: KnowledgeBase) -> list[Span]:
    """The document's entities with the constructions of this module applied."""
    ents = institution_names(doc, ents, words, kb)
    ents = department_names(doc, ents, words)
    ents = hyphen_compounds(doc, ents, kb)
    ents = joined_first_names(doc, ents)
    ents = street_names(doc, ents, words)
    return listed_places(doc, ents)


# -- institutions ---------------------------------------------------------------------------------


def _capitalised(token: object) -> bool:
    text = getattr(token, "text", "")
    return bool(text[:1].isupper()) and "\n" not in text


def _institution_span(doc: Doc, head: int, starts: set[int], lang: str,
                      titles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Where the name headed by the institution noun at ``head`` begins and ends. A person's title
    ends it: "Kestrel University *Professor* Ana Ruiz" names the university and its professor."""
    connectors = _CONNECTORS.get(lang, _CONNECTORS["en"])
    start = head
    while start > 0 and _capitalised(doc[start - 1]) and doc[start - 1].pos_ in {"PROPN", "ADJ"} and (
        "\n" not in doc[start - 1].whitespace_
    ):
        start -= 1  # "*Indian* Institute of Science", "*Stanford* University"
    end, good_end = head + 1, head + 1 if start < head else 0
    after_connector = False
    while end < len(doc) and "\n" not in doc[end - 1].whitespace_:
        token = doc[end]
        if token.text == "-" and not doc[end - 1].whitespace_ and end + 1 < len(doc) and (
            not token.whitespace_ and _capitalised(doc[end + 1])
        ):
            end += 2  # "Paris-Saclay" cut by the tokenizer
            good_end, after_connector = end, False
        elif token.lower_ in titles and (start < head or end > head + 1):
            break  # a title after a name of its own ("Stanford University", "University of Toronto")
        elif _capitalised(token) and token.lower_ not in connectors and not token.is_punct:
            end += 1
            good_end, after_connector = end, False
        elif token.lower_ in connectors:
            end += 1
            after_connector = True
        elif token.lower_ in _AND and end + 1 < len(doc) and _capitalised(doc[end + 1]) and end + 1 not in starts:
            end += 1  # "Institute of Science *and* Technology", not "... and Google"
            after_connector = True
        elif token.lower_ in _AND and end + 2 < len(doc) and doc[end + 1].lower_ in _PARTITIVES and (
            _capitalised(doc[end + 2]) and end + 2 not in starts
        ):
            end += 2  # "Ministère de l'Économie *et des* Finances"
            after_connector = True
        elif lang == "fr" and token.lower_ in _AND and end + 2 < len(doc) and doc[end + 1].lower_ in _PARTITIVES and (
            doc[end + 2].is_lower and doc[end + 2].pos_ == "NOUN"
        ):
            end += 3  # "Chambre de commerce *et d'industrie*"
            good_end, after_connector = end, False
        elif lang == "fr" and token.lower_ in _AND and end + 3 < len(doc) and doc[end + 1].lower_ == "de" and (
            doc[end + 2].lower_ in {"la", "l'", "l’"} and _capitalised(doc[end + 3]) and end + 3 not in starts
        ):
            end += 3  # "Ministère de la Culture *et de la* Communication"
            after_connector = True
        elif lang == "fr" and token.is_lower and token.is_alpha and (
            (token.pos_ == "ADJ" and not after_connector) or (token.pos_ == "NOUN" and after_connector)
        ):
            end += 1  # "École *normale supérieure* des *mines*"
            good_end, after_connector = end, False
        else:
            break
    if good_end <= head:
        return None
    if lang == "en" and doc[head].lower_ == "university" and good_end + 2 <= len(doc) and (
        doc[good_end].text == "," and _capitalised(doc[good_end + 1]) and doc[head + 1 : good_end].text.startswith("of")
    ):
        after = doc[good_end + 2] if good_end + 2 < len(doc) else None
        if after is None or after.is_punct or (after.is_lower and after.lower_ not in _AND):
            good_end += 2  # "the University of California, Irvine": a campus
    return start, good_end


def _lower_ministry(doc: Doc, i: int, words: OrgWords) -> bool:
    """A lower-case ministry noun before "de la" and a capitalised portfolio names the ministry:
    "le *ministère de la Transition numérique*" (French writes it in lower case)."""
    if doc[i].lower_ not in words.ministries or i + 2 >= len(doc) or doc.lang_ != "fr":
        return False
    nxt = doc[i + 1].lower_
    after = doc[i + 3] if nxt == "de" and doc[i + 2].lower_ == "la" and i + 3 < len(doc) else doc[i + 2]
    return nxt in {"de", "du", "des", "d'", "d’"} and _capitalised(after)


def _without_state(doc: Doc, start: int, end: int, kb: KnowledgeBase) -> int:
    """A ministry's name less the country that ends it ("... de la Digitalisation *de Côte
    d'Ivoire*"): the state it belongs to, no part of its name."""
    for j in range(start + 2, end - 1):
        if doc[j].lower_ in {"de", "du", "d'", "d’", "of"}:
            entry = kb.lookup(doc[j + 1 : end].text, EntityType.PLACE)
            if entry is not None and entry.type is EntityType.PLACE:
                return j
    return end


def institution_names(doc: Doc, ents: list[Span], words: OrgWords, kb: KnowledgeBase) -> list[Span]:
    """Names headed by a capitalised institution noun ("Université", "Institute of") as organisations.
    The name replaces the entities inside it (its place: "Observatoire de *Lyon*"); an entity that
    reaches outside it (an event's name) keeps its words."""
    lang = doc.lang_
    found: list[Span] = []
    starts = {e.start for e in ents}
    taken_until = -1
    for token in cue_tokens(doc, words.institutions):
        if token.i < taken_until or token.lower_ not in words.institutions:
            continue
        if not _capitalised(token) and not _lower_ministry(doc, token.i, words):
            continue
        # a ministry's portfolios are no names of their own ("of Energy and *Digital Affairs*")
        known = {e.start for e in ents if e.kb_id_ or e.label_ != "Organization"}
        bounds = _institution_span(doc, token.i, known if token.lower_ in words.ministries else starts, lang,
                                   words.roles)
        if bounds is None:
            continue
        start, end = bounds
        if token.lower_ in words.ministries:
            end = _without_state(doc, start, end, kb)
        inside = [e for e in ents if e.start < end and e.end > start]
        if any(e.start < start or e.end > end for e in inside):
            continue
        if any(e.start == start and e.end == end and e.kb_id_ for e in inside):
            continue  # a known name already
        entry = kb.lookup(doc[start:end].text, EntityType.ORGANIZATION)
        kb_id = entry.id if entry is not None and entry.type is EntityType.ORGANIZATION else ""
        found.append(Span(doc, start, end, label="Organization", kb_id=kb_id))
        taken_until = end
    if not found:
        return ents
    covered = {i for span in found for i in range(span.start, span.end)}
    kept = [e for e in ents if not any(i in covered for i in range(e.start, e.end))]
    return sorted(kept + found, key=lambda e: e.start)


# -- departments ----------------------------------------------------------------------------------


def department_names(doc: Doc, ents: list[Span], words: OrgWords) -> list[Span]:
    """Drop unknown organisations that end in a department word (head-first in French) and follow a
    role through "of" and commas, other departments between: "Head of *Policy*, *Public Affairs*"."""
    dropped: list[Span] = []
    out: list[Span] = []
    for ent in ents:
        if ent.kb_id_ or ent.label_ != "Organization" or not _department(ent, words):
            out.append(ent)
            continue
        k = ent.start - 1
        while k >= 0:
            if doc[k].lower_ in _ROLE_LINKS or any(d.start <= k < d.end for d in dropped):
                k -= 1
            elif doc[k].lower_ in words.departments and _capitalised(doc[k]) and doc[k].ent_iob_ != "B":
                k -= 1  # a department the model did not take for a name: "Head of Public Policy, ..."
                while k >= 0 and _capitalised(doc[k]) and doc[k].lower_ not in words.roles:
                    k -= 1
            else:
                break
        if k >= 0 and k < ent.start - 1 and doc[k].lower_ in words.roles:
            dropped.append(ent)
        else:
            out.append(ent)
    return out


def _department(ent: Span, words: OrgWords) -> bool:
    first, last = ent[0].lower_, ent[-1].lower_
    return last in words.departments or (ent.doc.lang_ == "fr" and first in words.departments)


# -- compounds and cut names ------------------------------------------------------------------


def hyphen_compounds(doc: Doc, ents: list[Span], kb: KnowledgeBase) -> list[Span]:
    """Two organisations glued by a hyphen ("A-B", no spaces) are one organisation."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.label_ == ent.label_ == "Organization" and ent.start == prev.end + 1
            and doc[prev.end].text == "-" and not doc[prev.end - 1].whitespace_ and not doc[prev.end].whitespace_
        ):
            entry = kb.lookup(doc[prev.start : ent.end].text, EntityType.ORGANIZATION)
            out[-1] = Span(doc, prev.start, ent.end, label="Organization", kb_id=entry.id if entry else "")
            continue
        out.append(ent)
    return out


def joined_first_names(doc: Doc, ents: list[Span]) -> list[Span]:
    """An unknown one-word name the model typed otherwise, right before an unknown Person, is the
    person's first name: "*Rohan* Mehta" is one Person."""
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None and ent.label_ == "Person" and not ent.kb_id_ and not prev.kb_id_
            and prev.label_ != "Person" and len(prev) == 1 and prev.end == ent.start
            and prev[0].is_title and prev[0].is_alpha and prev[0].pos_ == "PROPN" and "\n" not in prev[0].whitespace_
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="Person")
            continue
        out.append(ent)
    return out


def street_names(doc: Doc, ents: list[Span], words: OrgWords) -> list[Span]:
    """Drop a place that names a street: "rue *La Fontaine*", "rue *d'Oslo*"."""
    out: list[Span] = []
    for ent in ents:
        if ent.label_ == "Place":
            k = ent.start - 1
            while k >= 0 and doc[k].lower_ in _STREET_LINKS and k > ent.start - 3:
                k -= 1
            if k >= 0 and doc[k].is_lower and doc[k].lower_ in words.streets:
                continue
        out.append(ent)
    return out


def listed_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """An unknown place in a coordinated list whose other names are all organisations is one too
    ("from Tencent and *Qiming*"), however short the list."""
    by_token = {e.root.i: e for e in ents}
    out: list[Span] = []
    for ent in ents:
        if ent.kb_id_ or ent.label_ != "Place":
            out.append(ent)
            continue
        kinds = listed_kinds(ent, by_token)
        if kinds and all(kind == "Organization" for kind in kinds):
            out.append(Span(doc, ent.start, ent.end, label="Organization"))
        else:
            out.append(ent)
    return out


def listed_kinds(ent: Span, by_token: dict[int, Span]) -> list[str]:
    """The types of the other entities coordinated with ``ent`` (``by_token``: entities by root)."""
    head = ent.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    members = [head]
    for member in members:  # grows as it goes: the conjuncts of each conjunct
        members.extend(c for c in member.children if c.dep_ == "conj")
    return [by_token[t.i].label_ for t in members if t.i in by_token and t.i != ent.root.i]
