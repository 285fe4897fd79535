"""``aikg_entities``: clean entity spans and give them the ontology's types.

The statistical NER of the small spaCy models cuts names at odd places and labels headings,
menus and sentence fragments as entities; the knowledge-base ruler gives known names their
ids. This component reconciles the two and keeps only plausible names. The word lists it
uses (leading and trailing words to strip, words that are never entities, connectors allowed
inside a name) are data in ``data/lexicon.json``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..doc_words import cue_tokens, doc_text, read_sentences
from ..errors import Errors, PipelineError
from ..kb import KnowledgeBase, load_knowledge_base
from ..lexicon import Lexicon, load_lexicon
from ..normalize import fold
from ..records import EntityType
from .bylines import byline_people
from .cldr_words import not_names, without_languages_and_currencies
from .context_types import ContextWords, context_words, retype_by_context
from .descriptor_types import DescriptorWords, described_names, descriptor_words, retype_by_descriptors
from .entity_forms import FormWords, entity_forms, form_words
from .event_names import event_names
from .extensions import register_extensions
from .lone_names import without_lone_people
from .misc_types import MiscWords, misc_words, typed_misc
from .model_spans import LongerNameWords, longer_name_words, longer_names
from .name_echoes import echoed_names
from .name_edges import (
    EdgeWords,
    article_names,
    comma_pieces,
    imperative_opener,
    keeps_article,
    not_a_name,
    split_possessive,
    split_title,
)
from .org_constructions import OrgWords, listed_kinds, org_constructions, org_words
from .place_names import places_in_names
from .product_names import ProductWords, product_names, same_name_products
from .slot_names import SlotWords, slot_names, slot_words
from .summit_descriptions import described_summits, summits_by_place
from .unseen_names import (
    concept_lists,
    contracted_article,
    is_ticker,
    names_a_language,
    product_versions,
    unclosed_bracket,
    versioned_model,
)
from .unseen_names import not_a_name as unseen_not_a_name

__all__ = ["ENTITY_TYPES", "NER_LABELS", "EntityCleaner"]

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
_URL = re.compile(r"https?:|www\.|\.com\b|/|\.fr\b")
_COORDINATORS = frozenset({"and", "et"})

register_extensions()  # Span._.money


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
        self.descriptors: DescriptorWords | None = None
        self.byline_cues: frozenset[str] = frozenset()
        self.products: ProductWords | None = None
        self.context: ContextWords | None = None
        self.edges: EdgeWords | None = None
        self.longer: LongerNameWords | None = None
        self.misc: MiscWords | None = None
        self.orgs: OrgWords | None = None
        self.slots: SlotWords | None = None
        self.forms: FormWords | None = None
        #: The summit held in each place (KB ids), for summits told by their host place.
        self.summit_hosts: dict[str, str] = {}
        self._article_names: frozenset[str] = frozenset()
        #: Languages' names and currency codes (CLDR), and the nationality words spared among them.
        self.not_names: frozenset[str] = frozenset()
        self.demonyms: frozenset[str] = frozenset()
        self._misc: list[Span] = []  # the document's unknown MISC names, typed at the end or dropped

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
        self.descriptors = descriptor_words(self.lexicon)
        self.products = self.lexicon.read_words(ProductWords, not_names=self.lexicon.not_entities)
        self.context = context_words(self.lexicon)
        self.edges = self.lexicon.read_words(
            EdgeWords, not_entities=self.lexicon.not_entities, org_suffixes=self.lexicon.org_suffixes,
            titles=frozenset(role for roles in self.lexicon.roles.values() for role in roles if " " not in role))
        self.longer = longer_name_words(self.lexicon)
        self.misc = misc_words(self.lexicon)
        self.orgs = org_words(self.lexicon)
        self.slots = slot_words(self.lexicon)
        self.forms = form_words(self.lexicon)
        self.summit_hosts = summits_by_place(self.kb)
        self.byline_cues = self.lexicon.words("byline_cues")
        self.not_names = not_names()
        self.demonyms = frozenset(self.lexicon.demonyms)

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None or self.lexicon is None or self.descriptors is None or self.products is None:
            raise PipelineError(Errors.E508.format(name=self.name))
        spans: list[Span] = []
        read_sentences(doc)  # Token.sent from the sentence starts, until the relation classifier
        text = doc_text(doc)
        self._article_names = article_names(doc, self.edges) if self.edges else frozenset()
        self._misc = []
        ents_in = longer_names(doc, list(doc.ents), self.longer, self.kb) if self.longer else doc.ents
        ents_in = places_in_names(doc, list(ents_in), self.kb)  # "Smart Africa": a place inside a longer name
        for ent in ents_in:
            for span in self._clean(doc, ent, text):
                spans.extend(self._split_coordination(doc, span))
        spans = [self._extend_with_suffix(doc, span) for span in spans]
        spans.extend(self._named_by_event_noun(doc, spans))
        spans.extend(self._demonyms(doc))
        doc.ents = filter_spans(spans)
        ents = list(doc.ents)
        ents = sorted(ents + described_names(doc, ents, self.descriptors), key=lambda e: e.start)
        ents = sorted(ents + byline_people(doc, ents, self.byline_cues), key=lambda e: e.start)
        ents = product_names(doc, ents, self.products, self.kb)
        ents = event_names(doc, ents, self.lexicon, self.kb)
        ents = described_summits(doc, ents, self.kb, self.lexicon, self.summit_hosts)  # "le sommet sur l'IA à Paris"
        ents = retype_by_descriptors(doc, ents, self.descriptors)
        ents = retype_by_context(doc, ents, self.context, self.kb) if self.context else ents
        ents = typed_misc(doc, ents, self._misc, self.misc, self.descriptors) if self.misc else ents
        ents = slot_names(doc, ents, self.slots) if self.slots else ents  # an organisation's slot left empty
        ents = org_constructions(doc, ents, self.orgs, self.kb) if self.orgs else ents
        ents = entity_forms(doc, ents, self.forms) if self.forms else ents
        ents = same_name_products(self._type_lists(doc, product_versions(doc, concept_lists(doc, ents))))
        ents = without_languages_and_currencies(ents, self.not_names, self.demonyms)
        doc.ents = without_lone_people(doc, echoed_names(doc, ents), self.lexicon.words("implicit_owner_titles"))
        return doc

    # -- constructions ------------------------------------------------------------------------

    def _extend_with_suffix(self, doc: Doc, span: Span) -> Span:
        """ "*Intel* Capital", "*Salesforce* Ventures", "*Schmidt* Futures": a name followed by a
        capitalised organisation word is another organisation (a fund, a foundation), not the
        known entity its first word names."""
        assert self.lexicon is not None
        end = span.end
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].lower_ in self.lexicon.org_suffixes:
            end += 1
        if end == span.end or span.label_ == "MonetaryAmount":
            return self._extend_to_event(doc, span)
        following = doc[end] if end < len(doc) else None
        if following is not None and following.is_lower and self.descriptors is not None and (
            following.pos_ == "NOUN" or following.lower_ in self.descriptors.org_descriptors
        ):
            return span  # "the UK *AI* startup": the word describes the noun after it, it ends no name
        return Span(doc, span.start, end, label="Organization")

    def _extend_to_event(self, doc: Doc, span: Span) -> Span:
        """ "*Cerebral Valley* AI Summit", "*Cannes* Film Festival": a name followed by capitalised
        words that end in an event word ("Summit", "Festival", "Conference") is the event's name."""
        assert self.lexicon is not None
        events = self.lexicon.event_words
        end = span.end
        while end < len(doc) and end - span.end < 3 and doc[end].text[:1].isupper() and not doc[end].ent_type_:
            end += 1
            if doc[end - 1].lower_ in events:
                return Span(doc, span.start, end, label="Event")
        if span.kb_id_ or span.label_ == "Event":
            return span
        # "the Cerebral Valley *conference*", "le *salon* VivaTech": a common event noun next to
        # an unknown name makes the name an event's
        after = doc[span.end] if span.end < len(doc) else None
        before = doc[span.start - 1] if span.start > 0 else None
        if any(t is not None and t.is_lower and t.lower_ in events for t in (after, before)):
            return Span(doc, span.start, span.end, label="Event")
        return span

    def _named_by_event_noun(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """ "la conférence *ai-Pulse*", "the summit *DataWave*": a name right after a definite event
        noun is the event's name even when the statistical NER missed it (a name that starts in
        lowercase or glues words with a hyphen). The name is one written word (tokens with no
        space between them) with a capital letter, followed by capitalised words."""
        assert self.lexicon is not None
        taken = {i for span in spans for i in range(span.start, span.end)}
        determiners = self.lexicon.words("event_determiners")
        found: list[Span] = []
        for token in cue_tokens(doc, self.lexicon.event_words):
            if not (0 < token.i < len(doc) - 1 and token.is_lower and token.lower_ in self.lexicon.event_words):
                continue
            if doc[token.i - 1].lower_ not in determiners or token.i + 1 in taken:
                continue
            end = token.i + 2
            while end < len(doc) and not doc[end - 1].whitespace_ and (not doc[end].is_punct or doc[end].text == "-"):
                end += 1  # the rest of the written word: "ai" "-" "Pulse"
            if not any(ch.isupper() for ch in doc[token.i + 1 : end].text):
                continue  # "sa conférence à Station F": a place after the noun, not a name
            while end + 1 < len(doc) and end - token.i <= 6:
                if doc[end].text[:1].isupper():  # "Big Data", and a place inside the name: "AI *Paris*"
                    end += 1
                elif (doc[end].text == "&" or doc[end].lower_ in self.lexicon.name_connectors) and (
                    doc[end + 1].text[:1].isupper()
                ):
                    end += 2
                else:
                    break
            name = doc[token.i + 1 : end]
            if not name.text[:1].isalnum() or name.text[-1:] == "-":
                continue
            if fold(name.text) in self.lexicon.not_entities:
                continue
            found.append(Span(doc, name.start, name.end, label="Event"))
        return found

    def _demonyms(self, doc: Doc) -> list[Span]:
        """ "the *French* start-up", "la pépite *parisienne*": a nationality or city adjective names
        its place (the gold conventions' rule 4), as a mention of the knowledge base's place. Used as
        a noun ("les Français") it names people, not a place; listed after a noun of languages
        ("en deux langues, anglais et *espagnol*") a language. A longer entity containing it (an
        event's name) wins in ``filter_spans``."""
        assert self.kb is not None and self.lexicon is not None
        found: list[Span] = []
        demonyms, languages = frozenset(self.lexicon.demonyms), self.lexicon.words("language_nouns")
        for token in cue_tokens(doc, demonyms):
            kb_id = self.lexicon.demonyms.get(token.lower_)
            if kb_id is None or token.pos_ != "ADJ" or kb_id not in self.kb:
                continue
            if self.kb[kb_id].type is not EntityType.PLACE:
                continue
            if names_a_language(doc, token.i, demonyms, languages):
                continue  # "en trois langues (anglais, *espagnol* et portugais)"
            found.append(Span(doc, token.i, token.i + 1, label="Place", kb_id=kb_id))
        return found

    def _split_coordination(self, doc: Doc, span: Span) -> list[Span]:
        """ "Coatue Management and Tiger Global Management": an unknown span that joins two
        capitalised names with "and" / "et" is two entities of its type; not one headed by an
        institution noun, whose complements are joined ("Institute of Arts and Design")."""
        if span.kb_id_ or len(span) < 3:
            return [span]
        if self.orgs is not None and span[0].lower_ in self.orgs.institutions:
            return [span]
        cut = next((t.i for t in span[1:-1] if t.lower_ in _COORDINATORS), None)
        if cut is None or not (doc[cut + 1].text[:1].isupper() and doc[span.start].text[:1].isupper()):
            return [span]
        return [Span(doc, span.start, cut, label=span.label_), Span(doc, cut + 1, span.end, label=span.label_)]

    @staticmethod
    def _type_lists(doc: Doc, ents: list[Span]) -> list[Span]:
        """A list of names is one kind of thing: an unknown one-word name coordinated with two or
        more organisations ("Sequoia, Accel and *Helsing*") is an organisation too."""
        by_token = {e.root.i: e for e in ents}
        out: list[Span] = []
        for ent in ents:
            if ent.kb_id_ or len(ent) != 1 or ent.label_ not in {"Person", "Place", "Product"}:
                out.append(ent)
                continue
            kinds = listed_kinds(ent, by_token)
            if kinds.count("Organization") >= 2 and kinds.count("Organization") > len(kinds) / 2:
                out.append(Span(doc, ent.start, ent.end, label="Organization"))
            else:
                out.append(ent)
        return out

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
        for piece, kind_of_piece in comma_pieces(doc, self._pieces(doc, ent), mapped):
            trimmed = self._trim(doc, piece)
            if trimmed is None:
                continue
            parts = ([part for owned, kind in split_possessive(doc, trimmed, kind_of_piece, self.edges)
                      for part in split_title(doc, owned, kind, self.edges)]
                     if kind_of_piece and self.edges else [(trimmed, kind_of_piece)])
            for span, kind in parts:
                entry = self.kb.lookup(span.text) or contracted_article(doc, span, self.kb)  # "du Monde"
                if entry is not None:
                    out.append(Span(doc, span.start, span.end, label=entry.type.value, kb_id=entry.id))
                    continue
                if kind is None and label == "MISC" and self._plausible(doc, span, text):
                    self._misc.append(span)  # typed from its sentence at the end (misc_types.py), or dropped
                    continue
                if kind is None or not self._plausible(doc, span, text):
                    continue
                if kind in {"Person", "Place"} and any(ch.isdigit() for ch in span.text):
                    out.extend(versioned_model(doc, span))  # "Falcor 7": a model, not a person or a place
                    continue
                out.append(Span(doc, span.start, span.end, label=self._retype(span, kind)))
        return out

    @staticmethod
    def _pieces(doc: Doc, ent: Span) -> list[Span]:
        """Cut a span at line breaks, at ``|`` separators and where a sentence ends inside it."""
        pieces: list[Span] = []
        start = ent.start
        for token in ent:
            breaks_here = "\n" in token.text or token.text in {"|", "•", "·"}
            if token.i > start and token.is_sent_start and doc[token.i - 1].text.endswith("."):
                pieces.append(doc[start : token.i])  # "the platform X. Investors": two sentences
                start = token.i
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
            or (self.edges is not None and imperative_opener(doc, start, end, self.edges))
        ):
            if self.edges and keeps_article(doc, start, end, self.edges, self._article_names):
                break  # "The Daily Ledger", "La Poste Mobile": the article is the name's
            start += 1
        end = unclosed_bracket(doc, start, end)  # "Artificial Intelligence (AI"
        while end > start and (
            doc[end - 1].lower_ in trail
            or (doc[end - 1].is_punct and doc[end - 1].text not in {")", "+"})
            or doc[end - 1].is_space
            or doc[end - 1].lower_.endswith(("’", "'"))
            or (end - start > 1 and is_ticker(doc[end - 1].text))  # "Meta Platforms META.O" (a wire's ticker)
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
        if len(span) == 1 and span[0].lower_ in self.lexicon.demonyms:
            return False  # "les Français": people, not a place (an adjective is added by _demonyms)
        if all(fold(t.text) in self.lexicon.not_entities or t.is_punct for t in span):
            return False
        if span[-1].lower_ in self.lexicon.non_entity_heads or folded.startswith("ex-"):
            return False
        if self._in_heading(doc_text, span) or unseen_not_a_name(doc, span, doc_text):
            return False
        if self.edges and self.kb and not_a_name(doc, span, self.edges, self.kb):
            return False
        if not any(ch.isalpha() for ch in text):
            return False
        connectors = self.lexicon.name_connectors
        for token in span:
            if token.is_alpha and token.is_lower and token.lower_ not in connectors:
                return False  # a sentence fragment, not a name
        if span[0].is_lower or span[-1].lower_ in connectors:
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
        if mapped != "Event" and any(w in self.lexicon.event_words for w in words[-2:]) and not (
            len(span) == 1 and span[0].is_upper
        ):
            return "Event"  # an acronym that spells an event word ("FAIR", a lab) keeps its type
        # a name ending with an organisation's word is an organisation, an event too when it holds no
        # event word ("World *Labs*", an event for the model)
        retyped = mapped in {"Place", "Person", "Product"} or (
            mapped == "Event" and not any(w in self.lexicon.event_words for w in words))
        if retyped and words[-1] in self.lexicon.org_suffixes and len(words) > 1:
            return "Organization"
        return mapped

