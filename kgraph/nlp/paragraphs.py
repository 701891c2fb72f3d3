"""``kgraph_paragraphs``: a line break always starts a new sentence (headlines, bylines)."""

from __future__ import annotations

__all__ = ["ParagraphSplitter", "make_paragraph_splitter"]

from spacy.language import Language
from spacy.tokens import Doc


class ParagraphSplitter:
    """Mark the token after any whitespace token holding a line break as a sentence start.

    Runs before the parser, which keeps preset boundaries, so "US official urges EU\\nRubio
    said ..." never fuses a headline with the next sentence.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> doc = ParagraphSplitter()(nlp("Headline here\\nRubio spoke."))
    >>> [t.is_sent_start for t in doc][3]
    True
    """

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[:-1]:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                doc[token.i + 1].is_sent_start = True
        return doc


@Language.factory("kgraph_paragraphs")
def make_paragraph_splitter(nlp: Language, name: str) -> ParagraphSplitter:
    return ParagraphSplitter()
