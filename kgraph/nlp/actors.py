"""``kgraph_actors``: resolve entity spans to canonical actors (placeholder, basic NER mapping)."""

from __future__ import annotations

__all__ = ["ActorResolver", "make_actor_resolver"]

from spacy.language import Language
from spacy.tokens import Doc

from kgraph.model import EntityRef, EntityType
from kgraph.nlp.extensions import ActorMention, EntityInfo, register_extensions

_LABEL_TYPES = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORGANIZATION,
    "GPE": EntityType.COUNTRY,
    "LOC": EntityType.LOCATION,
}


class ActorResolver:
    """Turn ``doc.ents`` into ``ActorMention``s of canonical entities."""

    def __init__(self, *, name: str = "kgraph_actors") -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = []
        entities: dict[EntityRef, EntityInfo] = {}
        for ent in doc.ents:
            entity_type = _LABEL_TYPES.get(ent.label_)
            if entity_type is None:
                continue
            ref = EntityRef(entity_type, ent.text)
            info = entities.setdefault(ref, EntityInfo(ref))
            info.aliases.add(ent.text)
            mentions.append(ActorMention(ent.start, ent.end, ent.root.i, ref))
        doc._.kg_mentions = mentions
        doc._.kg_entities = entities
        doc._.kg_relations = []
        return doc


@Language.factory("kgraph_actors")
def make_actor_resolver(nlp: Language, name: str) -> ActorResolver:
    return ActorResolver(name=name)
