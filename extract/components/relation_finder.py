"""``aikg_relations``: relation candidates from dependency-tree and token patterns.

One cohesive component, hence one module of over 400 lines: matching, the anchors' entities
(through compounds, appositions, relative clauses and references), the predicate read from the
trigger word, and the emission of candidates share the match state and the lexicon, and read
best top to bottom. The patterns are data (``data/relation_patterns.jsonl``, one a line), as
are the words it looks for (``data/lexicon.json``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..coref import REFERENCE_DISCOUNT, Reference, ReferenceSettings, closes_fronted_clause, resolve_references
from ..doc_words import cue_positions
from ..errors import DataFileError, Errors, PipelineError
from ..lexicon import Lexicon, load_lexicon, load_relation_patterns
from ..pairs import reference_settings
from ..treematch import TreeMatcher
from ..word_matcher import WordSetMatcher
from .announcements import announcement_relations
from .appointments import appointment_relations
from .attendance import discourse_attendance
from .bracketed_partners import bracketed_partners
from .bracketed_places import bracketed_places
from .bylines import byline_affiliations
from .co_investors import co_investors
from .deals import deal_relations
from .demonym_places import described_places
from .establishments import establishment_places
from .extensions import RelationCandidate, register_extensions, set_relation_candidates
from .founding_teams import founding_team_relations
from .joint_deals import joint_partners
from .led_rounds import led_rounds
from .name_lists import list_joiners, listed_after, listed_before
from .object_lists import listed_organisations
from .org_places import stated_places
from .place_premodifiers import premodifier_places
from .raises_founders import raises_and_founders
from .referred_places import referred_places
from .respective_roles import respective_roles
from .round_investors import round_investors
from .round_joiners import round_joiners
from .title_sequences import title_sequences
from .titled_people import titled_people

__all__ = ["RelationFinder"]

_SUBJECT_CHILD_DEPS = frozenset({"compound", "appos", "flat:name", "nmod", "amod"})
_OBJECT_CHILD_DEPS = frozenset({"appos", "flat:name", "nummod"})
#: Prepositions after an investor's role that name the firm the investor works at, not a holding.
_EMPLOYER_PREPS = frozenset({"at", "chez"})

register_extensions()  # Doc._.aikg_relations


def _fill(value: Any, placeholders: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("$") and value in placeholders:
        return placeholders[value]
    if isinstance(value, dict):
        return {k: _fill(v, placeholders) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, placeholders) for v in value]
    return value


def _leads_a_unit(verb: Token, obj: int | None) -> bool:
    """ "Y led *research* at Acme", "Y dirige *la recherche* chez Acme": the verb of leading has a
    common noun for its object and the organisation comes after a preposition, so Y leads a unit
    of Acme and works there; Acme is not what Y leads."""
    if obj is None:
        return False
    doc = verb.doc
    through_preposition = doc[obj].dep_ in {"pobj", "obl", "obl:arg", "obl:mod", "nmod"}
    return through_preposition and any(
        c.dep_ in {"dobj", "obj"} and c.pos_ == "NOUN" and not c.ent_type_ for c in verb.children)


class RelationFinder:
    """Find relation candidates with dependency-tree patterns (:class:`.treematch.TreeMatcher`) and ``Matcher``.

    Patterns come from ``relation_patterns.jsonl`` (placeholders filled from ``lexicon.json``);
    each match names its subject, object and trigger tokens. The predicate is fixed by the
    pattern or read from the trigger word (role noun or verb lemma) and must fit the
    predicate's type signature. Anchors that are not inside an entity are resolved through
    their compound/appositive children, relative clauses and ``he``/``she``/``il``/``elle``.
    """

    def __init__(
        self,
        vocab: Any,
        *,
        name: str = "aikg_relations",
        lang: str = "en",
        patterns_path: str | None = None,
        lexicon_path: str | None = None,
        kb_path: str | None = None,
        pronoun_window: int = 40,
    ) -> None:
        self.vocab = vocab
        self.name = name
        self.lang = lang
        self.patterns_path = patterns_path
        self.lexicon_path = lexicon_path
        self.kb_path = kb_path
        self.pronoun_window = pronoun_window
        self.anaphora_window = 4 * pronoun_window
        self.lexicon: Lexicon | None = None
        self.dep_matcher: TreeMatcher | None = None
        self.matcher: WordSetMatcher | None = None
        self.specs: dict[str, dict[str, Any]] = {}
        self.signatures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.references: ReferenceSettings | None = None
        self.classifier_references: ReferenceSettings | None = None
        #: the role predicates read in the document being matched (token -> predicate), and that document
        self._roles_read: tuple[Doc, dict[int, str | None]] | None = None
        #: Nouns that describe organisations (for the demonyms that describe them).
        self.org_nouns: frozenset[str] = frozenset()
        self.byline_cues: frozenset[str] = frozenset()
        self.role_narrowers: frozenset[str] = frozenset()
        #: Every suffix of a role phrase, and the first words of those written head first: a token
        #: that ends or starts no role phrase is skipped before any phrase is built (most tokens).
        self.role_ends: frozenset[str] = frozenset()
        self.role_starts: frozenset[str] = frozenset()
        self.role_words: frozenset[str] = frozenset()
        #: Nouns that describe people (roles, "journalist", "speakers"): never an organisation's description.
        self.people_nouns: frozenset[str] = frozenset()
        self.based_words: frozenset[str] = frozenset()
        #: The words that join the members of a list (a comma and the coordinators).
        self.joiners: frozenset[str] = frozenset()
        #: Nouns of an organisation's units ("team", "division"): their owner is the employer.
        self.unit_nouns: frozenset[str] = frozenset()
        #: Nouns whose compound names another thing than the noun: "its *ChatGPT* rival" is not ChatGPT.
        self.rival_nouns: frozenset[str] = frozenset()

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        patterns_path: str | None = None,
        lexicon_path: str | None = None,
    ) -> None:
        """Build the matchers once from the pattern and lexicon files."""
        self.patterns_path = patterns_path or self.patterns_path
        self.lexicon_path = lexicon_path or self.lexicon_path
        self.lexicon = load_lexicon(self.lexicon_path)
        data = load_relation_patterns(self.patterns_path)
        self.signatures = dict(data.signatures)
        placeholders = self.lexicon.placeholders(self.lang)
        self.references = self.lexicon.reference_settings(self.lang)
        # the classifier's (with the funding nouns): resolved in the same pass, found there
        self.classifier_references = reference_settings(self.lexicon, self.lang)
        self.org_nouns = frozenset(
            self.lexicon.reference_nouns.get("Organization", {}).get(self.lang, [])
            + self.lexicon.org_nouns.get(self.lang, [])
        ) | self.lexicon.words("org_descriptors", self.lang) | self.lexicon.words("investor_nouns", self.lang)
        self.byline_cues = self.lexicon.words("byline_cues", self.lang)
        self.based_words = frozenset(w.lower() for w in self.lexicon.based_words.get(self.lang, []))
        self.joiners = list_joiners(self.lexicon)
        self.unit_nouns = self.lexicon.words("org_unit_nouns")
        self.rival_nouns = self.lexicon.words("rival_nouns")  # both languages, as written in either
        self.role_narrowers = self.lexicon.words("role_narrowers", self.lang)
        phrases = self.lexicon.roles.get(self.lang, {})
        # a token ends a phrase only where the tokenizer may cut it: at its start, at a space or
        # punctuation ("co-|founder"), never between two letters ("partn|er", "l|es": such
        # suffixes let every "les" and "er" through to the phrase look-ups)
        self.role_ends = frozenset(p[i:] for p in phrases for i in range(len(p))
                                   if i == 0 or not (p[i - 1].isalpha() and p[i].isalpha()))
        self.role_starts = frozenset(p.split(" ", 1)[0] for p in phrases if " " in p)
        self.role_words = self.role_ends | self.role_starts  # where _role_predicate may find a role
        self.people_nouns = self.lexicon.words("person_nouns", self.lang) | frozenset(self.lexicon.attendee_nouns) \
            | frozenset(phrases)
        self.dep_matcher = TreeMatcher()
        self.matcher = WordSetMatcher(self.vocab)  # each document's patterns, word sets as flags
        self.specs = {}
        for number, (spec, line) in enumerate(zip(data.patterns, data.lines, strict=True)):
            if self.lang not in spec["lang"]:
                continue
            key = f"{spec['id']}#{number}"
            pattern = _fill(copy.deepcopy(spec["pattern"]), placeholders)
            try:
                if spec["kind"] == "dep":
                    self.dep_matcher.add(key, [pattern])
                    anchors = [node["RIGHT_ID"] for node in pattern]
                else:
                    anchors = [node.pop("_anchor", "") for node in pattern]
                    self.matcher.add(key, pattern)
            except ValueError as err:  # spaCy's MatchPatternError is a ValueError, as are TreeMatcher's
                raise DataFileError(Errors.E509.format(path=data.path, line=line, detail=err)) from err
            self.specs[key] = {**spec, "anchors": anchors}

    # -- matching --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self.dep_matcher is None or self.matcher is None or self.lexicon is None or self.references is None:
            raise PipelineError(Errors.E508.format(name=self.name))
        candidates: list[RelationCandidate] = []
        ents = doc.ents  # each read of doc.ents makes its spans anew: read once
        if not ents:
            set_relation_candidates(doc, candidates)
            return doc
        ent_of: dict[int, Span] = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
        refs = resolve_references(doc, ent_of, self.references, self.classifier_references)
        self._roles_read = (doc, {})
        for key, token_ids in self.dep_matcher(doc):
            spec = self.specs[key]
            named = dict(zip(spec["anchors"], token_ids, strict=False))
            self._emit(doc, spec, named, ent_of, refs, candidates)
        token_matches: list[Any] = list(self.matcher(doc, with_alignments=True))
        for match_id, start, _end, alignment in token_matches:
            key = self.vocab.strings[match_id]
            spec = self.specs[key]
            named_lists: dict[str, list[int]] = {}
            for offset, pattern_index in enumerate(alignment):
                anchor = spec["anchors"][pattern_index]
                if anchor:
                    named_lists.setdefault(anchor, []).append(start + offset)
            named = {}
            for anchor, ids in named_lists.items():
                # subject nearest to the trigger is the last token before it, object the first one
                named[anchor] = ids[-1] if anchor in {"subj", "person"} else ids[0]
            self._emit(doc, spec, named, ent_of, refs, candidates)
        candidates.extend(described_places(doc, ent_of, self.lexicon.demonyms, self.org_nouns, self.people_nouns))
        candidates.extend(premodifier_places(doc, ents, self.lexicon.demonyms, self.org_nouns, self.people_nouns,
                                             self.based_words))
        candidates.extend(bracketed_places(doc, ents, self.joiners))
        candidates.extend(stated_places(doc, candidates, ent_of, refs, self.lexicon, self.lang))
        candidates.extend(referred_places(doc, ent_of, refs, self.lexicon, self.lang))
        candidates.extend(establishment_places(doc, ent_of, self.lexicon, self.lang, ents))
        candidates.extend(byline_affiliations(doc, ent_of, self.byline_cues))
        candidates.extend(raises_and_founders(doc, ent_of, refs, self.lexicon, self.lang))
        candidates.extend(founding_team_relations(doc, ent_of, refs, self.lexicon, self.lang))
        candidates.extend(appointment_relations(doc, ent_of, refs, self.lexicon, self.lang, self._role_predicate,
                                                self.role_words))
        candidates.extend(title_sequences(doc, ent_of, self.lexicon, self.lang, self.role_narrowers))
        candidates.extend(titled_people(doc, candidates, ent_of, refs, self.lexicon, self.lang, self._role_predicate))
        candidates = respective_roles(doc, candidates, ent_of, self.lexicon, self.lang, self.role_narrowers)
        candidates = listed_organisations(doc, candidates, ent_of, self.joiners)
        candidates.extend(joint_partners(doc, ent_of, self.lexicon.words("partnership_nouns", self.lang),
                                         self.joiners))
        candidates.extend(bracketed_partners(doc, ent_of, self.lexicon, self.lang))
        candidates = deal_relations(doc, candidates, ent_of, refs, self.lexicon, self.lang)
        candidates = round_investors(doc, candidates, ent_of, refs, self.lexicon, self.lang)
        candidates.extend(led_rounds(doc, candidates, ent_of, self.lexicon.words("round_lead_participles", self.lang),
                                     self.lexicon.words("funding_nouns", self.lang)))
        candidates.extend(round_joiners(doc, candidates, ent_of, self.lexicon, self.lang))
        candidates.extend(co_investors(doc, candidates, ent_of, self.lexicon, self.lang))
        candidates = announcement_relations(doc, candidates, ent_of, refs, self.lexicon, self.lang)
        candidates.extend(discourse_attendance(doc, ent_of, refs, self.lexicon, self.lang))
        self._roles_read = None
        set_relation_candidates(doc, candidates)
        return doc

    def _entities_for(
        self,
        doc: Doc,
        index: int,
        ent_of: dict[int, Span],
        refs: dict[int, Reference],
        *,
        subject: bool,
        labels: frozenset[str],
        conjuncts: bool = True,
    ) -> tuple[list[Span], str]:
        """Entities an anchor token stands for (with coordinated entities) and the rule used.

        The rule is ``""`` for an entity token or its name-like children, ``"appos"`` or
        ``"coref"`` when the token refers to an entity named elsewhere (see :mod:`.coref`).
        """
        assert self.lexicon is not None
        token = doc[index]
        found: list[Span] = []
        rule = ""
        relative = False
        if index in ent_of:
            found.append(ent_of[index])
        elif token.lower_ in self.lexicon.relative_pronouns and token.dep_.startswith("nsubj"):
            relative = True
            head = token.head.head
            if head.i in ent_of:
                found.append(ent_of[head.i])
            elif head.i in refs:
                found, rule = self._pick(refs[head.i], labels)
        else:
            deps = _SUBJECT_CHILD_DEPS if subject else _OBJECT_CHILD_DEPS
            complement = False
            for child in token.children:
                # "launched its *Kolo* chatbot": a product's name before its noun is the object
                named_product = (child.dep_ in {"compound", "nmod"} and child.i in ent_of
                                 and ent_of[child.i].label_ == "Product" and token.lower_ not in self.rival_nouns)
                if (child.dep_ in deps or named_product) and child.i in ent_of and ent_of[child.i].label_ in labels:
                    if child.dep_ == "amod" and child.pos_ == "ADJ" and ent_of[child.i].label_ == "Place":
                        continue  # "la banque publique *belge* a investi": a demonym describes the noun

                    if child.dep_ == "nmod" and any(c.dep_ == "case" for c in child.children):
                        # a name with its own preposition is the noun's complement, not its name:
                        # "le concurrent *d'*OpenAI" is not OpenAI
                        complement = True
                        continue
                    found.append(ent_of[child.i])
                    break
            if not found and not subject and token.lower_ in self.unit_nouns:
                found = self._unit_owner(token, ent_of, labels)  # "joined *Microsoft*'s AI team"
            if not found and (complement or (self.references is not None
                                             and self.references.noun_type(token.lower_) == "Organization")):
                # a description written right after a name and a comma, which the parser hung
                # elsewhere, is that name before any reference: "Kyutai, un laboratoire ... installé
                # à Paris", "Alphabet, la maison mère de Google, a annoncé"
                found = self._apposed_before(doc, token, ent_of, labels)
                rule = "appos" if found else rule
            if not found and index in refs:
                found, rule = self._pick(refs[index], labels)
            if not found and token.pos_ == "NOUN":
                found = self._included(doc, index, ent_of, labels)
                rule = "included" if found else rule
        if found and conjuncts and not relative:
            root = found[0].root if not rule and index in ent_of else token
            heads = [root, *(c for c in root.children if c.dep_ == "appos")]
            for conj in [c for h in heads for c in h.conjuncts]:
                ent = ent_of.get(conj.i)
                if ent is None:
                    for child in conj.children:
                        if child.dep_ in {"appos", "flat:name", "compound"} and child.i in ent_of:
                            ent = ent_of[child.i]
                            break
                if ent is not None and ent.label_ == found[0].label_ and ent not in found:
                    found.append(ent)
        return found, rule

    @staticmethod
    def _unit_owner(noun: Token, ent_of: dict[int, Span], labels: frozenset[str]) -> list[Span]:
        """The organisation a unit noun belongs to ("*Microsoft*'s AI team", "l'équipe IA de
        *Microsoft*"): who joins or heads the unit works for it."""
        for child in noun.children:
            ent = ent_of.get(child.i)
            if ent is None or ent.label_ not in labels:
                continue
            if child.dep_ == "poss" or (child.dep_ == "nmod" and any(
                    c.dep_ == "case" and c.lower_ in {"de", "d'", "d’", "du"} for c in child.children)):
                return [ent]
        return []

    @staticmethod
    def _apposed_before(doc: Doc, token: Token, ent_of: dict[int, Span], labels: frozenset[str]) -> list[Span]:
        """The name a description is written in apposition to, right before its phrase and a comma,
        when the parser hung the two apart ("Alphabet, *la maison mère* de Google, a annoncé ...")."""
        edge = token.left_edge.i
        if doc[edge].text == ",":  # the parser hung the comma on the description
            edge += 1
        ent = ent_of.get(edge - 2) if edge >= 2 and doc[edge - 1].text == "," else None
        if ent is not None and closes_fronted_clause(doc[ent.end - 1], token):
            return []  # "Backed by Accel, *the startup* hired": the name ends a clause of its own
        return [ent] if ent is not None and ent.label_ in labels and ent.end == edge - 1 else []

    def _included(self, doc: Doc, index: int, ent_of: dict[int, Span], labels: frozenset[str]) -> list[Span]:
        """The names a common noun introduces as a list: "founded by entrepreneurs including A, B
        and C", "backed by investors such as A and B", "des investisseurs dont A et B".

        Read on the surface (the French parser hangs such lists anywhere): the noun, at most a comma
        and the list openers (``org_list_openers``: "including", "such as", "dont", "telles que"),
        then names of one type joined by commas and coordinators.
        """
        assert self.lexicon is not None
        openers = self.lexicon.words("org_list_openers")
        end = doc[index].sent.end
        j = index + 1
        opened = False
        while j < end and j - index <= 4 and j not in ent_of and (doc[j].lower_ in openers or doc[j].text == ","):
            opened = opened or doc[j].lower_ in openers
            j += 1
        first = ent_of.get(j)
        if not opened or first is None or first.start != j or first.label_ not in labels:
            return []
        return [first, *listed_after(doc, first.end, ent_of, first.label_, self.joiners)]

    @staticmethod
    def _pick(ref: Reference, labels: frozenset[str]) -> tuple[list[Span], str]:
        for candidate in ref.candidates:
            if candidate.label_ in labels:
                return [candidate], ref.rule
        return [], ""

    def _predicates(self, spec: dict[str, Any], doc: Doc, named: dict[str, int]) -> list[str]:
        assert self.lexicon is not None
        predicate = str(spec["predicate"])
        trigger = spec.get("trigger")
        if predicate == "$role" and trigger in named:
            index = named[trigger]
            role = self._role_predicate(doc, index)
            roles: list[str] = [role] if role else []
            # coordinated roles: "co-founder and chief executive of", "vice president and analyst at"
            coordinated = False
            for i in range(index - 1, max(-1, index - 6), -1):
                token = doc[i]
                if token.lower_ in self.lexicon.coordinators:
                    coordinated = True
                    continue
                if token.pos_ not in {"ADJ", "NOUN", "PROPN"} or token.ent_type_:
                    break
                role = self._role_predicate(doc, i) if coordinated else None
                if role and role not in roles:
                    roles.append(role)
            return roles
        if predicate == "$verb" and trigger in named:
            token = doc[named[trigger]]
            verbs = self.lexicon.verbs.get(self.lang, {})
            found = list(verbs.get(token.lemma_.lower()) or verbs.get(token.lower_) or [])
            negations = self.lexicon.negations
            # the negation check walks the verb's children: only for verbs that give a predicate
            if found and any(c.dep_ == "neg" or c.lower_ in negations for c in token.children):
                return []
            if "leads" in found and _leads_a_unit(token, named.get("obj")):
                return ["worksFor" if p == "leads" else p for p in found]
            return found
        return [predicate] if not predicate.startswith("$") else []

    def _role_predicate(self, doc: Doc, index: int) -> str | None:
        """The predicate of the role phrase that ends (or, in French, starts) at ``index``: the
        longest phrase of the lexicon ("chief executive", "directeur scientifique"); a leading role
        that is narrowed to a department, a country or a deputy ("head of research", "directrice
        France", "directeur général adjoint") is only ``worksFor``."""
        assert self.lexicon is not None
        if index not in cue_positions(doc, self.role_words):
            return None  # no role word here (callers ask at every token: a set look-up, not a Token)
        read = self._roles_read  # the same token is asked about about seven times per document
        if read is None or read[0] is not doc:
            return self._read_role(doc, index)
        known = read[1]
        if index not in known:
            known[index] = self._read_role(doc, index)
        return known[index]

    def _read_role(self, doc: Doc, index: int) -> str | None:
        assert self.lexicon is not None
        token = doc[index]
        if token.lower_ not in self.role_ends and token.text.lower() not in self.role_ends \
                and token.lower_ not in self.role_starts:
            return None
        roles = self.lexicon.roles.get(self.lang, {})
        found: tuple[str, int, int] | None = None
        for width in (3, 2, 1):
            if index - width + 1 < 0:
                continue
            span = doc[index - width + 1 : index + 1]
            for phrase in (" ".join(t.lower_ for t in span), span.text.lower()):
                if phrase in roles:
                    found = (roles[phrase], span.start, span.end)
                    break
            if found:
                break
        for width in (3, 2):  # head first: "directeur scientifique", "directrice générale"
            span = doc[index : index + width]
            if len(span) == width and (found is None or width > found[2] - found[1]):
                phrase = " ".join(t.lower_ for t in span)
                if phrase in roles:
                    found = (roles[phrase], span.start, span.end)
                    break
        if found is None:
            return None
        predicate, start, end = found
        if predicate == "leads" and self._narrowed(doc, start, end):
            return "worksFor"
        if predicate == "worksFor" and self._founding(doc, start, end):
            return "founded"  # "founding partner at Acme", "associée fondatrice d'Acme"
        if predicate == "investsIn" and end < len(doc) and doc[end].lower_ in _EMPLOYER_PREPS:
            return "worksFor"  # "an investor at Acme Ventures" works there; "an investor in Acme" invests
        return predicate

    def _founding(self, doc: Doc, start: int, end: int) -> bool:
        """Whether a founding word qualifies the role phrase ``doc[start:end]`` ("*founding*
        managing partner", "associé *fondateur*"): whoever holds the role founded the organisation."""
        assert self.lexicon is not None
        roles = self.lexicon.roles.get(self.lang, {})
        return any(0 <= k < len(doc) and roles.get(doc[k].lower_) == "founded"
                   and doc[k].pos_ in {"ADJ", "VERB", "NOUN"} for k in (start - 2, start - 1, end))

    def _narrowed(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the role phrase ``doc[start:end]`` is narrowed to a part of the organisation."""
        assert self.lexicon is not None
        narrowers = self.role_narrowers
        if start > 0 and doc[start - 1].lower_ in narrowers:
            return True  # "deputy chief executive"
        if end >= len(doc):
            return False
        after = doc[end]
        if after.lower_ in narrowers or after.ent_type_ == "Place":
            return True  # "directeur général adjoint", "directrice France"
        if after.lower_ not in {"of", "de", "du", "des", "d'", "d’"}:
            return False
        k = end + 1
        while k < len(doc) and doc[k].pos_ == "DET":
            k += 1
        if k < len(doc) and doc[k].ent_type_ == "Organization":  # "head of Google's France office"
            while k < len(doc) and doc[k].ent_type_ == "Organization":
                k += 1
            if k >= len(doc) or doc[k].lower_ not in {"'s", "’s"}:
                return False
            k += 1
            while k < len(doc) and doc[k].ent_type_ == "Place":
                k += 1
        return k < len(doc) and self._department(doc[k])

    def _department(self, token: Token) -> bool:
        """A common noun that names a part of an organisation, not the organisation ("research")."""
        assert self.lexicon is not None
        org_words = self.org_nouns  # the reference nouns of organisations are among them
        return (token.pos_ == "NOUN" and token.is_lower and not token.ent_type_
                and token.lower_ not in org_words and token.lemma_.lower() not in org_words
                and token.lower_ not in self.lexicon.roles.get(self.lang, {}))

    def _role_owner(self, doc: Doc, role: int, ent_of: dict[int, Span]) -> Span | None:
        """The person a role phrase is written next to ("X, CEO of Y" / "the CEO of Y Z"), if any.

        A name right after "<role> of <org>" (no comma) owns the role; otherwise a name right
        before the role (commas, determiners, adjectives and "one of the" in between) does.
        """
        assert self.lexicon is not None
        sent = doc[role].sent
        # after: role [of|de] [det] [noun]* Org Person
        i = role + 1
        while i < sent.end and i - role <= 8 and doc[i].ent_type_ != "Organization" and not doc[i].is_punct:
            i += 1
        if i < sent.end and doc[i].ent_type_ == "Organization":
            end = ent_of[i].end
            if end < sent.end and doc[end].ent_type_ == "Person":
                return ent_of[end]
        # before: Person , [det|adj|adv|"one of the"]* role
        j = role - 1
        while j >= sent.start and role - j <= 6 and j not in ent_of:
            if doc[j].pos_ in {"VERB", "AUX"} or doc[j].lower_ in self.lexicon.clause_joiners:
                # "X, cofondateur et PDG": a second role word is fine, a verb is not
                if self._role_predicate(doc, j + 1 if j + 1 < role else j) is None:
                    return None
            j -= 1
        if j >= sent.start and j in ent_of and ent_of[j].label_ == "Person":
            return ent_of[j]
        return None

    def _nearest(
        self, doc: Doc, before: int, label: str, ent_of: dict[int, Span], refs: dict[int, Reference]
    ) -> list[Span]:
        """The last entity of ``label`` (or a description of one) within the sentence and two before it."""
        sent = doc[before].sent
        limit = sent.start
        for _ in range(2):
            if limit == 0:
                break
            limit = doc[limit - 1].sent.start
        for i in range(before, limit - 1, -1):
            ent = ent_of.get(i)
            if ent is not None and ent.label_ == label:
                return [ent]
            ref = refs.get(i)
            if ref is not None:
                picked, _ = self._pick(ref, frozenset({label}))
                if picked:
                    return picked
        return []

    @staticmethod
    def _with_regions(places: list[Span], ent_of: dict[int, Span]) -> list[Span]:
        """ "in San Jose, *California*": a place in apposition to the venue's place is named as the
        event's location too (the gold counts every named place of the location)."""
        out = list(places)
        for place in places:
            for child in place.root.children:
                ent = ent_of.get(child.i)
                if child.dep_ == "appos" and ent is not None and ent.label_ == "Place" and ent not in out:
                    out.append(ent)
        return out

    def _governor(
        self, doc: Doc, index: int, ent_of: dict[int, Span], refs: dict[int, Reference]
    ) -> tuple[list[Span], str]:
        """The organisation a phrase belongs to: the subject of the nearest clause above it.

        Used for funding rounds ("Mistral AI closed a round led by X": the round is Mistral
        AI's) and partnerships ("Apple announced a partnership with OpenAI"). Without such a
        subject, the last organisation in subject position in this sentence or the two before.
        """
        org = frozenset({"Organization"})
        token = doc[index]
        for _ in range(7):
            for child in token.children:
                if child.dep_ in {"nsubj", "nsubj:pass", "nsubjpass"} and child.i != index:
                    found, rule = self._entities_for(
                        doc, child.i, ent_of, refs, subject=True, labels=org, conjuncts=False
                    )
                    if found:
                        return found, rule
            if token.head.i == token.i:
                break
            token = token.head
        sent = doc[index].sent
        limit = sent.start
        for _ in range(2):
            if limit > 0:
                limit = doc[limit - 1].sent.start
        for i in range(index - 1, limit - 1, -1):
            if not doc[i].dep_.startswith("nsubj"):
                continue
            ent = ent_of.get(i)
            if ent is not None and ent.label_ == "Organization":
                return [ent], ("" if sent.start <= i else "coref")
            ref = refs.get(i)
            if ref is not None:
                picked, _ = self._pick(ref, org)
                if picked:
                    return picked, "coref"
        return [], ""

    def _emit(
        self,
        doc: Doc,
        spec: dict[str, Any],
        named: dict[str, int],
        ent_of: dict[int, Span],
        refs: dict[int, Reference],
        out: list[RelationCandidate],
    ) -> None:
        assert self.lexicon is not None
        subject_anchor, object_anchor = spec.get("subject", "subj"), spec.get("object", "obj")
        owner_anchor = {"$owner": "round", "$owner_verb": "verb"}.get(subject_anchor)
        if (owner_anchor or subject_anchor) not in named:
            return
        predicates = [p for p in self._predicates(spec, doc, named) if p in self.signatures]
        if not predicates:
            return
        subject_labels = frozenset().union(*(self.signatures[p][0] for p in predicates))
        object_labels = frozenset().union(*(self.signatures[p][1] for p in predicates))
        conjuncts = bool(spec.get("conjuncts", spec.get("predicate") == "$verb"))
        if owner_anchor:
            subjects, subject_rule = self._governor(doc, named[owner_anchor], ent_of, refs)
        else:
            subjects, subject_rule = self._entities_for(
                doc, named[subject_anchor], ent_of, refs, subject=True, labels=subject_labels, conjuncts=conjuncts
            )
        objects: list[Span] = []
        object_rule = ""
        object_kb = ""
        demonym_index = named.get("demonym")
        if object_anchor == "$nearest_event":
            before = named.get("verb", named.get(subject_anchor, 0))
            objects = self._nearest(doc, before, "Event", ent_of, refs)
            object_rule = "nearest-event"
        elif object_anchor == "$raiser":
            objects, object_rule = self._governor(doc, named.get("round", named[subject_anchor]), ent_of, refs)
        elif demonym_index is not None:
            token = doc[demonym_index]
            object_kb = self.lexicon.demonyms.get(token.lower_, "")
            if not object_kb:
                return
        elif object_anchor in named:
            objects, object_rule = self._entities_for(
                doc, named[object_anchor], ent_of, refs, subject=False, labels=object_labels, conjuncts=conjuncts
            )
        if not subjects or (not objects and not object_kb):
            return
        if spec.get("objects_listed_before") and objects:  # "A and B CEO X": the title is each one's
            first = min(objects, key=lambda ent: ent.start)
            # a list closed by a coordinator; "B of A, C Professor X" lists people, not C's co-owners
            if first.start > 0 and doc[first.start - 1].lower_ in self.joiners - {","}:
                objects = [*listed_before(doc, first.end, ent_of, first.label_, self.joiners)[:-1], *objects]
        if "heldIn" in predicates:
            objects = self._with_regions(objects, ent_of)
        trigger = spec.get("trigger")
        owner = None
        if spec.get("predicate") == "$role" and trigger in named:
            owner = self._role_owner(doc, named[trigger], ent_of)
        extractor = str(spec["id"])
        confidence = float(spec["confidence"])
        rules = sorted({r for r in (subject_rule, object_rule) if r and r != "nearest-event"})
        extractor += "".join(f"+{r}" for r in rules)
        if set(rules) - {"included"}:  # a listed name is stated, not referred to
            confidence *= REFERENCE_DISCOUNT
        anchor_token = doc[named.get(trigger or "", named.get(subject_anchor, named.get(owner_anchor or "", 0)))]
        sent = anchor_token.sent
        for subj in subjects:
            if owner is not None and subj.label_ == "Person" and owner != subj:
                continue
            for pred in predicates:
                sig = self.signatures[pred]
                if subj.label_ not in sig[0]:
                    continue
                if object_kb and demonym_index is not None:  # object_kb is only set with a demonym
                    if "Place" not in sig[1] or subj.start <= demonym_index < subj.end:
                        continue
                    out.append(RelationCandidate(
                        subj.start, subj.end, pred, demonym_index, -1,
                        sent.start, sent.end, extractor, confidence, object_kb, "",
                    ))
                    continue
                for obj in objects:
                    if obj.label_ not in sig[1] or (obj.start == subj.start and obj.end == subj.end):
                        continue
                    out.append(RelationCandidate(
                        subj.start, subj.end, pred, obj.start, obj.end,
                        sent.start, sent.end, extractor, confidence, "", "",
                    ))
