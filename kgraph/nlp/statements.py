"""``kgraph_statements``: statement nodes — who said what, to whom, about which actors.

For every asserted speech verb with an actor as speaker ("Rubio wrote, \\"Europe must ...\\"",
"Kyiv said Russian troops shelled Kharkiv", "..., the ministry said", "according to KCNA") it
records a :class:`kgraph.model.Statement`: speaker, content (the quote or the reported clause),
trigger, addressee when stated ("told Reuters", "said to X"), the actors the content mentions,
the sentence as evidence and the trigger's character offset as ``start_char``.
"""

from __future__ import annotations

__all__ = ["StatementExtractor", "make_statement_extractor", "find_statements"]

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kgraph.model import EntityRef, Modality, Statement
from kgraph.nlp.extensions import ActorMention, mention_index, register_extensions
from kgraph.nlp.relations.modality import governing_verb, modality_of
from kgraph.nlp.relations.speech import SpeechLexicon, is_speech_verb, load_speech_lexicon, speaker_mentions

_OPEN_QUOTES = frozenset({'"', "“", "``", "‘"})
_CLOSE_QUOTES = frozenset({'"', "”", "''", "’"})
_EDGE_PUNCT = frozenset({",", ":", ";", ".", "-", "—", "–"}) | _OPEN_QUOTES | _CLOSE_QUOTES
_DATELINE_DASHES = frozenset({"-", "—", "–", "--"})
_CONTENT_STATEMENT = frozenset({Modality.ASSERTED, Modality.REPORTED})


def _quoted_spans(sent: Span) -> list[tuple[int, int]]:
    """Token ranges (start, end exclusive, quotes excluded) of the quotations in a sentence."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for token in sent:
        text = token.text
        if opened is None and text in _OPEN_QUOTES:
            opened = token.i
        elif opened is not None and text in _CLOSE_QUOTES:
            if token.i - opened > 1:
                spans.append((opened + 1, token.i))
            opened = None
    return spans


def _quote_for(verb: Token, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation a speech verb introduces or closes ("wrote, \\"...\\"" / "\\"...\\", Rubio wrote")."""
    doc = verb.doc
    for start, end in quotes:
        if not any(t.pos_ in {"VERB", "AUX"} for t in doc[start:end]):
            continue  # a quoted phrase ("serious consequences"), not a quotation
        if start > verb.i:
            between = range(verb.i + 1, start - 1)
        elif end < verb.i:
            between = range(end + 1, verb.i)
        else:
            continue
        # Only the speech clause's own words (speaker, addressee, date) may stand between.
        if all(doc[i].is_punct or doc[i].is_space or governing_verb(doc[i]).i == verb.i for i in between):
            return start, end
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading "that" and edge punctuation from a token range."""
    while start < end and (
        doc[start].text in _EDGE_PUNCT
        or doc[start].is_space
        or (doc[start].dep_ == "mark" and doc[start].lower_ == "that")
    ):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    return start, end


def _content(verb: Token, quotes: list[tuple[int, int]], lexicon: SpeechLexicon) -> tuple[int, int, str] | None:
    """The token range a speech verb reports, and its text."""
    doc = verb.doc
    quoted = _quote_for(verb, quotes)
    if quoted is not None:
        return _text(doc, *_trim(doc, *quoted))
    for child in verb.children:
        if child.dep_ in {"ccomp", "xcomp"} and child.pos_ in {"VERB", "AUX"}:
            start = child.left_edge.i
            relative = doc[start] if doc[start].tag_ in {"WDT", "WP"} and start < verb.i else None
            if start < verb.i and child.i > verb.i:
                start = verb.i + 1  # "which it says is backed by India": the content follows the verb
            if child.i > verb.i and verb.lemma_.lower() not in lexicon.addressee_verbs:
                # "said tolls for other nations would not change": the parser may hang the content's
                # subject on the speech verb as its object.
                objects = [c.left_edge.i for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i]
                start = min([start, *objects])
            start, end = _trim(doc, start, child.right_edge.i + 1)
            if end <= start:
                continue
            if relative is not None and verb.dep_ == "relcl":
                antecedent = verb.head  # "the TTP, which it says is backed by India" -> "the TTP is backed ..."
                return start, end, f"{doc[antecedent.left_edge.i : antecedent.i + 1].text} {doc[start:end].text}"
            return _text(doc, start, end)
    if verb.dep_ in {"parataxis", "ccomp", "advcl"} and verb.head.i < verb.i and not is_speech_verb(verb.head, lexicon):
        head = verb.head
        begin = head.sent.start if head.left_edge.i > verb.left_edge.i else head.left_edge.i
        start, end = _trim(doc, begin, verb.left_edge.i)
        if end > start:
            return _text(doc, start, end)
    return None


def _text(doc: Doc, start: int, end: int) -> tuple[int, int, str]:
    """A content range without a leading dateline ("NAIROBI, Feb. 11 - ")."""
    for i in range(start, min(end - 1, start + 10)):
        if doc[i].text in _DATELINE_DASHES and doc[start].is_upper and len(doc[start].text) > 1:
            start = i + 1
            break
    quotes = sum(1 for t in doc[start:end] if t.text in _OPEN_QUOTES | _CLOSE_QUOTES)
    if quotes % 2 and end < len(doc) and doc[end].text in _CLOSE_QUOTES:
        end += 1  # keep a quotation inside the content whole: 'of "stronger countermeasures"'
    return start, end, doc[start:end].text


def _addressee(verb: Token, index: dict[int, ActorMention], lexicon: SpeechLexicon) -> EntityRef | None:
    """ "told Reuters", "warned Washington", "said to the council"."""
    candidates: list[Token] = []
    if verb.lemma_.lower() in lexicon.addressee_verbs:
        candidates += [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    for prep in verb.children:
        if prep.dep_ in {"prep", "dative"} and prep.lower_ in lexicon.addressee_prepositions:
            candidates += [c for c in prep.children if c.dep_ == "pobj"]
    for candidate in candidates:
        for i in (candidate.i, *(c.i for c in candidate.children if c.dep_ in {"compound", "appos"})):
            if i in index:
                return index[i].entity
    return None


def _about(doc: Doc, start: int, end: int, exclude: set[EntityRef]) -> tuple[EntityRef, ...]:
    """The actors mentioned in a token range, in order of first mention."""
    seen: dict[EntityRef, None] = {}
    for mention in doc._.kg_mentions or ():
        if start <= mention.start and mention.end <= end and mention.entity not in exclude:
            seen.setdefault(mention.entity, None)
    return tuple(seen)


def _according_frames(
    doc: Doc, index: dict[int, ActorMention], lexicon: SpeechLexicon
) -> Iterator[tuple[Token, Token, list[ActorMention], tuple[int, int, str]]]:
    """ "..., according to X": (trigger "according", clause head, speakers, content range)."""
    for token in doc:
        if token.lower_ not in lexicon.source_prepositions or token.dep_ != "prep":
            continue
        speakers: list[ActorMention] = []
        for to in token.children:
            for obj in to.children:
                if obj.dep_ == "pobj":
                    for i in (obj.i, *(t.i for t in obj.subtree)):
                        if i in index and index[i] not in speakers:
                            speakers.append(index[i])
                            break
        head = token.head
        sent = token.sent
        if token.i > head.i:
            start, end = _trim(doc, sent.start, token.i)
        else:
            start, end = _trim(doc, token.right_edge.i + 1, sent.end)
        if speakers and end > start:
            yield token, head, speakers, _text(doc, start, end)


def find_statements(doc: Doc, lexicon: SpeechLexicon | None = None) -> list[Statement]:
    """The statements of an annotated ``Doc`` (``kg_mentions`` set), in text order.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from kgraph.model import EntityType
    >>> register_extensions()
    >>> doc = Doc(spacy.blank("en").vocab, words=["Kyiv", "said", "Russia", "struck", "Kharkiv"],
    ...           heads=[1, 1, 3, 1, 3], deps=["nsubj", "ROOT", "nsubj", "ccomp", "dobj"],
    ...           pos=["PROPN", "VERB", "PROPN", "VERB", "PROPN"],
    ...           lemmas=["Kyiv", "say", "Russia", "strike", "Kharkiv"], sent_starts=[1, 0, 0, 0, 0])
    >>> doc._.kg_mentions = [ActorMention(0, 1, 0, EntityRef(EntityType.COUNTRY, "Ukraine")),
    ...                      ActorMention(2, 3, 2, EntityRef(EntityType.COUNTRY, "Russia"))]
    >>> [(s.speaker.name, s.trigger, s.content, [a.name for a in s.about]) for s in find_statements(doc)]
    [('Ukraine', 'said', 'Russia struck Kharkiv', ['Russia'])]
    """
    lexicon = lexicon or load_speech_lexicon()
    index = mention_index(doc)
    statements: list[Statement] = []
    seen: set[tuple[EntityRef, int, int]] = set()
    for sent in doc.sents:
        quotes = _quoted_spans(sent)
        for verb in sent:
            if not is_speech_verb(verb, lexicon) or modality_of(verb) not in _CONTENT_STATEMENT:
                continue
            content = _content(verb, quotes, lexicon)
            if content is None:
                continue
            speakers = speaker_mentions(verb, index, lexicon)
            addressee = _addressee(verb, index, lexicon)
            for speaker in speakers:
                _add(statements, seen, doc, sent, verb, verb.text, speaker.entity, content, addressee)
    for token, _head, speakers, content in _according_frames(doc, index, lexicon):
        trigger = doc[token.i : token.i + 2].text
        for speaker in speakers:
            _add(statements, seen, doc, token.sent, token, trigger, speaker.entity, content, None)
    statements.sort(key=lambda s: (s.start_char, s.speaker))
    return statements


def _add(
    statements: list[Statement],
    seen: set[tuple[EntityRef, int, int]],
    doc: Doc,
    sent: Span,
    trigger: Token,
    trigger_text: str,
    speaker: EntityRef,
    content: tuple[int, int, str],
    addressee: EntityRef | None,
) -> None:
    start, end, text = content
    key = (speaker, start, end)
    if key in seen:
        return
    seen.add(key)
    statements.append(
        Statement(
            speaker=speaker,
            content=text,
            trigger=trigger_text,
            evidence=sent.text.strip(),
            addressee=addressee if addressee != speaker else None,
            about=_about(doc, start, end, {speaker}),
            start_char=trigger.idx,
        )
    )


class StatementExtractor:
    """Fill ``doc._.kg_statements`` with the statements of the document (after ``kgraph_relations``)."""

    def __init__(self, *, name: str = "kgraph_statements") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc._.kg_statements or ())
        known = {(s.speaker, s.start_char) for s in existing}
        doc._.kg_statements = existing + [s for s in find_statements(doc) if (s.speaker, s.start_char) not in known]
        return doc


@Language.factory("kgraph_statements")
def make_statement_extractor(nlp: Language, name: str) -> StatementExtractor:
    """The ``kgraph_statements`` factory."""
    return StatementExtractor(name=name)
