"""spaCy pipeline components of the extraction layer (registered factories).

Order in a pipeline (see :func:`aikg.extract.pipeline.build_pipeline`)::

    ... ner -> aikg_money -> aikg_kb_ruler_exact, aikg_kb_ruler (spaCy's entity_ruler, phrases from the KB)
        -> aikg_entities (clean-up and typing) -> aikg_relations (relation candidates)

Settings live in the factory config; data (knowledge base, lexicons, relation patterns)
is loaded in ``initialize()`` from the packaged JSON/JSONL files. Components write only
``doc.ents`` and the ``Doc._.aikg_relations`` extension (plain lists, so that docs can
cross process boundaries with ``n_process > 1``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .coref import Reference, ReferenceSettings, resolve_references
from .errors import Errors, PipelineError
from .kb import KnowledgeBase, load_knowledge_base
from .lexicon import Lexicon, load_lexicon, load_relation_patterns
from .money import find_money, parse_money
from .normalize import fold
from .records import EntityType
from .treematch import TreeMatcher

__all__ = [
    "ENTITY_TYPES",
    "NER_LABELS",
    "CoLemmas",
    "EntityCleaner",
    "MoneyRecognizer",
    "RelationFinder",
    "kb_patterns",
    "kb_phrase_patterns",
    "register_extensions",
]

#: Statistical NER labels -> ontology types (labels not listed are not entities).
NER_LABELS: dict[str, str] = {
    "PERSON": "Person",
    "PER": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "EVENT": "Event",
    "PRODUCT": "Product",
    "MONEY": "MonetaryAmount",
}
ENTITY_TYPES: frozenset[str] = frozenset(t.value for t in EntityType)
#: A relation candidate: subject (start, end), predicate, object (start, end) or (-1, -1) with a
#: KB id in ``object_kb`` (demonyms), sentence token span, extractor, confidence, object_kb, trigger text.
RelationTuple = list[Any]

_CONNECTORS = frozenset(
    {
        "of",
        "de",
        "du",
        "des",
        "la",
        "le",
        "les",
        "von",
        "van",
        "der",
        "den",
        "di",
        "da",
        "al",
        "bin",
        "and",
        "&",
        "for",
        "et",
        "pour",
        "the",
        "on",
        "sur",
        "l'",
        "d'",
        "l’",
        "d’",
        "y",
        "e",
        "in",
        "à",
    }
)
_SUBJECT_CHILD_DEPS = frozenset({"compound", "appos", "flat:name", "nmod", "amod"})
_OBJECT_CHILD_DEPS = frozenset({"appos", "flat:name", "nummod"})
_URL = re.compile(r"https?:|www\.|\.com\b|/|\.fr\b")


def register_extensions() -> None:
    """Declare the ``Doc``/``Span`` extensions used by the extraction layer (idempotent)."""
    if not Doc.has_extension("aikg_relations"):
        Doc.set_extension("aikg_relations", default=None)
    if not Span.has_extension("money"):
        Span.set_extension("money", getter=lambda span: parse_money(span.text))


register_extensions()


# --------------------------------------------------------------------------------------------
# Knowledge-base patterns for spaCy's entity_ruler


def kb_patterns(kb: KnowledgeBase, make_doc: Callable[[str], Doc]) -> list[dict[str, Any]]:
    """Token patterns for ``entity_ruler`` from the knowledge base (label = type, id = KB id).

    A one-word alias written in lowercase or Title case (``"Meta"``, ``"Grok"``) is matched
    case-sensitively (as written or in capitals) so that common words do not become entities;
    other aliases (``"OpenAI"``, ``"Mistral AI"``) are matched on lowercase, with an
    accent-free variant. ``exact_aliases`` are always matched as written.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(entry_id: str, label: str, tokens: list[dict[str, str]]) -> None:
        key = (entry_id, repr(tokens))
        if key not in seen:
            seen.add(key)
            patterns.append({"label": label, "pattern": tokens, "id": entry_id})

    for entry in kb:
        label = entry.type.value
        for alias in entry.exact_aliases:
            add(entry.id, label, [{"ORTH": t.text} for t in make_doc(alias)])
        for alias in (entry.label, *entry.aliases):
            if alias in entry.exact_aliases:
                continue
            words = [t.text for t in make_doc(alias)]
            if not words:
                continue
            single = len(words) == 1
            if single and (alias.istitle() or alias.islower()) and alias.isalpha():
                add(entry.id, label, [{"ORTH": alias}])
                add(entry.id, label, [{"ORTH": alias.upper()}])
                continue
            if single and alias.isupper() and len(alias) <= 4:
                add(entry.id, label, [{"ORTH": alias}])
                continue
            add(entry.id, label, [{"LOWER": w.lower()} for w in words])
            folded = [fold(w) for w in words]
            if folded != [w.lower() for w in words]:
                add(entry.id, label, [{"LOWER": w} for w in folded])
    return patterns


def kb_phrase_patterns(
    kb: KnowledgeBase, make_doc: Callable[[str], Doc]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """:func:`kb_patterns` as phrase patterns: ``(case-sensitive, lowercase)`` for two ``entity_ruler``.

    >>> from aikg.extract.kb import load_knowledge_base
    >>> import spacy
    >>> exact, lower = kb_phrase_patterns(load_knowledge_base(), spacy.blank("en").make_doc)
    >>> {"label": "Organization", "pattern": "Meta", "id": "meta"} in exact
    True
    >>> {"label": "Organization", "pattern": "mistral ai", "id": "mistral-ai"} in lower
    True
    """
    exact: list[dict[str, Any]] = []
    lower: list[dict[str, Any]] = []
    for pattern in kb_patterns(kb, make_doc):
        tokens = pattern["pattern"]
        if all("ORTH" in t for t in tokens):
            exact.append({**pattern, "pattern": " ".join(t["ORTH"] for t in tokens)})
        else:
            lower.append({**pattern, "pattern": " ".join(t["LOWER"] for t in tokens)})
    return exact, lower


# --------------------------------------------------------------------------------------------
# Lemmas of the "co-" words


@Language.factory("aikg_co_lemmas", assigns=["token.lemma"], default_config={"lemmas": {}})
def make_co_lemmas(nlp: Language, name: str, lemmas: dict[str, str]) -> CoLemmas:
    return CoLemmas(nlp.vocab, lemmas, name=name)


class CoLemmas:
    """Set the lemma of words the tokenizer keeps whole (``"co-founded"`` -> ``"co-found"``).

    Placed right after the ``attribute_ruler``, it does what one ``attribute_ruler`` pattern per
    word did (the lemmatizer keeps a lemma that is already set), for less: the ruler's matcher
    tries each of its patterns at every token, this is one look-up of every token's lowercase
    form in a table (``Doc.to_array``, no ``Token`` objects).
    """

    def __init__(self, vocab: Any, lemmas: dict[str, str], *, name: str = "aikg_co_lemmas") -> None:
        self.name = name
        self.lemmas = {int(vocab.strings.add(word.lower())): int(vocab.strings.add(lemma))
                       for word, lemma in lemmas.items()}

    def __call__(self, doc: Doc) -> Doc:
        lowers: list[int] = doc.to_array(LOWER).tolist() if len(doc) else []
        if self.lemmas.keys().isdisjoint(lowers):  # most documents
            return doc
        for i, lower in enumerate(lowers):
            lemma = self.lemmas.get(lower)
            if lemma is not None:
                doc[i].lemma = lemma
        return doc


# --------------------------------------------------------------------------------------------
# Money


@Language.factory("aikg_money", assigns=["doc.ents"], default_config={"overwrite": True})
def make_money_recognizer(nlp: Language, name: str, overwrite: bool) -> MoneyRecognizer:
    return MoneyRecognizer(name=name, overwrite=overwrite)


class MoneyRecognizer:
    """Add ``MonetaryAmount`` entities found by :func:`aikg.extract.money.find_money`.

    Works the same in every language (the French model has no MONEY label).
    """

    def __init__(self, *, name: str = "aikg_money", overwrite: bool = True) -> None:
        self.name = name
        self.overwrite = overwrite

    def __call__(self, doc: Doc) -> Doc:
        found: list[Span] = []
        for match in find_money(doc.text):
            span = doc.char_span(match.start, match.end, label="MonetaryAmount", alignment_mode="expand")
            if span is not None:
                found.append(span)
        if not found:
            return doc
        taken = {i for span in found for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        if not self.overwrite:
            busy = {i for e in doc.ents for i in range(e.start, e.end)}
            found = [s for s in found if not any(i in busy for i in range(s.start, s.end))]
            kept = list(doc.ents)
        doc.ents = filter_spans([*kept, *found])
        return doc

    def initialize(
        self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None
    ) -> None:
        """Nothing to load: amounts are found by pure functions."""


# --------------------------------------------------------------------------------------------
# Entity clean-up and typing


@Language.factory(
    "aikg_entities",
    assigns=["doc.ents"],
    default_config={"max_tokens": 6, "min_chars": 2, "kb_path": None, "lexicon_path": None},
)
def make_entity_cleaner(
    nlp: Language, name: str, max_tokens: int, min_chars: int, kb_path: str | None, lexicon_path: str | None
) -> EntityCleaner:
    return EntityCleaner(
        name=name, max_tokens=max_tokens, min_chars=min_chars, kb_path=kb_path, lexicon_path=lexicon_path
    )


class EntityCleaner:
    """Clean entity spans and give them ontology types.

    * KB matches (``ent_id_`` set by the KB ruler) keep their KB type and id (``span.kb_id_``);
    * statistical labels are mapped with :data:`NER_LABELS` (others are dropped);
    * spans are cut at line breaks and trimmed of determiners, titles, ``@``, punctuation
      and possessives; headings, sentence fragments, URLs and generic words are dropped;
    * a cleaned span whose name folds to a KB alias gets the KB type and id;
    * unknown spans are re-typed from their head word (``... Labs`` -> Organization,
      ``... Summit`` -> Event).
    """

    def __init__(
        self,
        *,
        name: str = "aikg_entities",
        max_tokens: int = 6,
        min_chars: int = 2,
        kb_path: str | None = None,
        lexicon_path: str | None = None,
    ) -> None:
        self.name = name
        self.max_tokens = max_tokens
        self.min_chars = min_chars
        self.kb_path = kb_path
        self.lexicon_path = lexicon_path
        self.kb: KnowledgeBase | None = None
        self.lexicon: Lexicon | None = None

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        kb_path: str | None = None,
        lexicon_path: str | None = None,
    ) -> None:
        """Load the knowledge base and lexicon (paths default to the packaged data)."""
        self.kb_path = kb_path or self.kb_path
        self.lexicon_path = lexicon_path or self.lexicon_path
        self.kb = load_knowledge_base(self.kb_path)
        self.lexicon = load_lexicon(self.lexicon_path)

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None or self.lexicon is None:
            raise PipelineError(Errors.E508.format(name=self.name))
        spans: list[Span] = []
        text = doc.text  # Doc.text joins every token on each access: read it once
        for ent in doc.ents:
            spans.extend(self._clean(doc, ent, text))
        doc.ents = filter_spans(spans)
        return doc

    # -- helpers ----------------------------------------------------------------------------

    def _clean(self, doc: Doc, ent: Span, text: str) -> list[Span]:
        assert self.kb is not None and self.lexicon is not None
        label = ent.label_
        if label in ENTITY_TYPES and ent.ent_id_:  # from the KB ruler
            return [Span(doc, ent.start, ent.end, label=label, kb_id=ent.ent_id_)]
        if label == "MonetaryAmount":
            return [ent] if ent._.money is not None else []
        mapped = NER_LABELS.get(label)
        if label == "MONEY":
            return []  # amounts without currency are left to aikg_money
        out: list[Span] = []
        for piece in self._pieces(doc, ent):
            span = self._trim(doc, piece)
            if span is None:
                continue
            entry = self.kb.lookup(span.text)
            if entry is not None:
                out.append(Span(doc, span.start, span.end, label=entry.type.value, kb_id=entry.id))
                continue
            if mapped is None or not self._plausible(doc, span, text):
                continue
            out.append(Span(doc, span.start, span.end, label=self._retype(span, mapped)))
        return out

    @staticmethod
    def _pieces(doc: Doc, ent: Span) -> list[Span]:
        """Cut a span at line breaks and at ``|`` separators."""
        pieces: list[Span] = []
        start = ent.start
        for token in ent:
            breaks_here = "\n" in token.text or token.text in {"|", "•", "·"}
            if breaks_here:
                if token.i > start:
                    pieces.append(doc[start : token.i])
                start = token.i + 1
            elif "\n" in token.whitespace_ and token.i + 1 < ent.end:
                pieces.append(doc[start : token.i + 1])
                start = token.i + 1
        if start < ent.end:
            pieces.append(doc[start : ent.end])
        return pieces

    def _trim(self, doc: Doc, span: Span) -> Span | None:
        assert self.lexicon is not None
        start, end = span.start, span.end
        lead, trail = self.lexicon.strip_leading, self.lexicon.strip_trailing
        while start < end and (
            doc[start].lower_ in lead or doc[start].is_punct or doc[start].is_space or doc[start].text in {"@", "#"}
        ):
            start += 1
        while end > start and (
            doc[end - 1].lower_ in trail
            or (doc[end - 1].is_punct and doc[end - 1].text not in {")", "+"})
            or doc[end - 1].is_space
            or doc[end - 1].lower_.endswith(("’", "'"))
        ):
            end -= 1
        if end <= start:
            return None
        return doc[start:end]

    def _plausible(self, doc: Doc, span: Span, doc_text: str) -> bool:
        """Reject generic words, fragments, headings and URLs (unknown spans only)."""
        assert self.lexicon is not None
        text = span.text
        folded = fold(text)
        if len(text) < self.min_chars or len(span) > self.max_tokens:
            return False
        if folded in self.lexicon.not_entities or _URL.search(text):
            return False
        if all(fold(t.text) in self.lexicon.not_entities or t.is_punct for t in span):
            return False
        if span[-1].lower_ in self.lexicon.non_entity_heads or folded.startswith("ex-"):
            return False
        if self._in_heading(doc_text, span):
            return False
        if not any(ch.isalpha() for ch in text):
            return False
        for token in span:
            if token.is_alpha and token.is_lower and token.lower_ not in _CONNECTORS:
                return False  # a sentence fragment, not a name
        if span[0].is_lower or span[-1].lower_ in _CONNECTORS:
            return False
        first = span[0]
        if len(span) == 1 and first.is_sent_start and first.pos_ not in {"PROPN"} and not first.is_upper:
            return False  # a capitalised common word opening a sentence
        if len(span) >= 3:
            line_start = doc_text.rfind("\n", 0, span.start_char) + 1
            line_end = doc_text.find("\n", span.end_char)
            line = doc_text[line_start : line_end if line_end >= 0 else len(doc_text)].strip(" ,.:;")
            if len(text) >= 0.8 * len(line):
                return False  # a heading
        return True

    @staticmethod
    def _in_heading(doc_text: str, span: Span) -> bool:
        """A Title Case line without final punctuation (a heading or a menu), for unknown names."""
        line_start = doc_text.rfind("\n", 0, span.start_char) + 1
        line_end = doc_text.find("\n", span.end_char)
        line = doc_text[line_start : line_end if line_end >= 0 else len(doc_text)].strip()
        words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
        if len(words) < 4 or line.endswith((".", "!", "?", "»", '"', "”")):
            return False
        return bool(sum(w[0].isupper() for w in words) >= 0.75 * len(words))

    def _retype(self, span: Span, mapped: str) -> str:
        assert self.lexicon is not None
        words = [t.lower_ for t in span]
        if mapped != "Event" and any(w in self.lexicon.event_words for w in words[-2:]):
            return "Event"
        if mapped in {"Place", "Person", "Product"} and words[-1] in self.lexicon.org_suffixes and len(words) > 1:
            return "Organization"
        return mapped


# --------------------------------------------------------------------------------------------
# Relation candidates


@Language.factory(
    "aikg_relations",
    assigns=["doc._.aikg_relations"],
    default_config={"patterns_path": None, "lexicon_path": None, "kb_path": None, "pronoun_window": 40},
)
def make_relation_finder(
    nlp: Language,
    name: str,
    patterns_path: str | None,
    lexicon_path: str | None,
    kb_path: str | None,
    pronoun_window: int,
) -> RelationFinder:
    return RelationFinder(
        nlp.vocab,
        name=name,
        lang=nlp.lang or "en",
        patterns_path=patterns_path,
        lexicon_path=lexicon_path,
        kb_path=kb_path,
        pronoun_window=pronoun_window,
    )


def _fill(value: Any, placeholders: dict[str, list[str]]) -> Any:
    if isinstance(value, str) and value.startswith("$") and value in placeholders:
        return placeholders[value]
    if isinstance(value, dict):
        return {k: _fill(v, placeholders) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, placeholders) for v in value]
    return value


class RelationFinder:
    """Find relation candidates with dependency-tree patterns (:class:`.treematch.TreeMatcher`) and ``Matcher``.

    Patterns come from ``relation_patterns.json`` (placeholders filled from ``lexicon.json``);
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
        self.matcher: Matcher | None = None
        self.specs: dict[str, dict[str, Any]] = {}
        self.signatures: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.references: ReferenceSettings | None = None

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
        self.signatures = {pred: (frozenset(sig[0]), frozenset(sig[1])) for pred, sig in data["signatures"].items()}
        placeholders = self.lexicon.placeholders(self.lang)
        self.references = self.lexicon.reference_settings(self.lang)
        self.dep_matcher = TreeMatcher()
        self.matcher = Matcher(self.vocab)
        self.specs = {}
        for number, spec in enumerate(data["patterns"]):
            if self.lang not in spec["lang"]:
                continue
            key = f"{spec['id']}#{number}"
            pattern = _fill(copy.deepcopy(spec["pattern"]), placeholders)
            if spec["kind"] == "dep":
                self.dep_matcher.add(key, [pattern])
                anchors = [node["RIGHT_ID"] for node in pattern]
            else:
                anchors = [node.pop("_anchor", "") for node in pattern]
                self.matcher.add(key, [pattern])
            self.specs[key] = {**spec, "anchors": anchors}

    # -- matching --------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self.dep_matcher is None or self.matcher is None or self.lexicon is None or self.references is None:
            raise PipelineError(Errors.E508.format(name=self.name))
        candidates: list[RelationTuple] = []
        if not doc.ents:
            doc._.aikg_relations = candidates
            return doc
        ent_of: dict[int, Span] = {}
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                ent_of[i] = ent
        refs = resolve_references(doc, ent_of, self.references)
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
        doc._.aikg_relations = candidates
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
            for child in token.children:
                if child.dep_ in deps and child.i in ent_of and ent_of[child.i].label_ in labels:
                    found.append(ent_of[child.i])
                    break
            if not found and index in refs:
                found, rule = self._pick(refs[index], labels)
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
                if token.lower_ in {"and", "et", "&"}:
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
            # the negation check walks the verb's children: only for verbs that give a predicate
            if found and any(c.dep_ == "neg" or c.lower_ in {"not", "n't", "pas", "jamais"} for c in token.children):
                return []
            return found
        return [predicate] if not predicate.startswith("$") else []

    def _role_predicate(self, doc: Doc, index: int) -> str | None:
        assert self.lexicon is not None
        roles = self.lexicon.roles.get(self.lang, {})
        for width in (3, 2, 1):
            if index - width + 1 < 0:
                continue
            phrase = " ".join(t.lower_ for t in doc[index - width + 1 : index + 1])
            if phrase in roles:
                return roles[phrase]
            phrase = doc[index - width + 1 : index + 1].text.lower()
            if phrase in roles:
                return roles[phrase]
        return None

    def _role_owner(self, doc: Doc, role: int, ent_of: dict[int, Span]) -> Span | None:
        """The person a role phrase is written next to ("X, CEO of Y" / "the CEO of Y Z"), if any.

        A name right after "<role> of <org>" (no comma) owns the role; otherwise a name right
        before the role (commas, determiners, adjectives and "one of the" in between) does.
        """
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
            if doc[j].pos_ in {"VERB", "AUX"} or doc[j].lower_ in {"and", "et", "with", "avec"}:
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
        out: list[RelationTuple],
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
        trigger = spec.get("trigger")
        owner = None
        if spec.get("predicate") == "$role" and trigger in named:
            owner = self._role_owner(doc, named[trigger], ent_of)
        extractor = str(spec["id"])
        confidence = float(spec["confidence"])
        rules = sorted({r for r in (subject_rule, object_rule) if r and r != "nearest-event"})
        if rules:
            extractor += "".join(f"+{r}" for r in rules)
            confidence *= 0.85
        anchor_token = doc[named.get(trigger or "", named.get(subject_anchor, named.get(owner_anchor or "", 0)))]
        sent = anchor_token.sent
        for subj in subjects:
            if owner is not None and subj.label_ == "Person" and owner != subj:
                continue
            for pred in predicates:
                sig = self.signatures[pred]
                if subj.label_ not in sig[0]:
                    continue
                if object_kb:
                    if "Place" not in sig[1] or (demonym_index is not None and subj.start <= demonym_index < subj.end):
                        continue
                    out.append(
                        [
                            subj.start,
                            subj.end,
                            pred,
                            demonym_index,
                            -1,
                            sent.start,
                            sent.end,
                            extractor,
                            confidence,
                            object_kb,
                            "",
                        ]
                    )
                    continue
                for obj in objects:
                    if obj.label_ not in sig[1] or (obj.start == subj.start and obj.end == subj.end):
                        continue
                    out.append(
                        [
                            subj.start,
                            subj.end,
                            pred,
                            obj.start,
                            obj.end,
                            sent.start,
                            sent.end,
                            extractor,
                            confidence,
                            "",
                            "",
                        ]
                    )
