"""``kgraph_relations``: relations from the dependency parse (placeholder: subject-verb-object)."""

from __future__ import annotations

__all__ = ["RelationExtractor", "make_relation_extractor"]

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.model import Relation, RelationType
from kgraph.nlp.extensions import mention_index, register_extensions

_VERBS = {"urge": RelationType.APPEALS_TO, "meet": RelationType.CONSULTS_WITH, "head": RelationType.LEADS}


class RelationExtractor:
    """Find ``subject verb object`` relations between actor mentions."""

    def __init__(self, *, name: str = "kgraph_relations") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        index = mention_index(doc)
        relations: list[Relation] = list(doc._.kg_relations or [])
        for token in doc:
            if token.pos_ != "VERB":
                continue
            subjects = [index[c.i] for c in token.children if c.dep_ == "nsubj" and c.i in index]
            objects = [index[c.i] for c in token.children if c.dep_ == "dobj" and c.i in index]
            relation = _VERBS.get(token.lemma_, RelationType.RELATED_TO)
            for s in subjects:
                for o in objects:
                    if s.entity != o.entity:
                        relations.append(
                            Relation(s.entity, relation, o.entity, token.sent.text.strip(), token.text, 0.5,
                                     start_char=token.sent.start_char, end_char=token.sent.end_char)
                        )
        doc._.kg_relations = relations
        doc._.kg_statements = list(doc._.kg_statements or [])
        return doc


@Language.factory("kgraph_relations")
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(name=name)
