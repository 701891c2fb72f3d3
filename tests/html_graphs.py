"""Generated graphs for the HTML explorer's browser tests and benchmark (invented actors, invented sentences).

``news_like_graph(n)`` makes a graph shaped like a news stream: a few very connected countries and
leaders, people holding positions, communities of actors that mostly deal with each other,
and some actors that are mentioned but take part in no relation.
"""

from __future__ import annotations

import random

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Relation, RelationType

_RELATIONS = [
    RelationType.CONSULTS_WITH,
    RelationType.CONSULTS_WITH,
    RelationType.SUPPORTS,
    RelationType.ACCUSES,
    RelationType.COOPERATES_WITH,
    RelationType.CRITICISES if hasattr(RelationType, "CRITICISES") else RelationType.REJECTS,
    RelationType.THREATENS,
    RelationType.ATTACKS,
    RelationType.SANCTIONS,
    RelationType.AIDS,
    RelationType.MEMBER_OF,
]
_VERBS = {
    "consultsWith": "held talks with",
    "supports": "voiced support for",
    "accuses": "accused",
    "cooperatesWith": "signed a cooperation deal with",
    "rejects": "rejected the offer from",
    "threatens": "threatened",
    "attacks": "launched strikes on",
    "sanctions": "imposed sanctions on",
    "aids": "sent aid to",
    "memberOf": "joined",
}
_TYPES = [EntityType.PERSON] * 5 + [EntityType.ORGANIZATION] * 2 + [EntityType.COUNTRY, EntityType.GROUP]
_POSITIONS = ["President", "Foreign Minister", "Defence Minister", "Prime Minister", "Envoy"]


def actor_name(i: int) -> str:
    """The invented name of actor ``i``: ``Actor 0042 Velmar``."""
    syllables = ["vel", "mar", "dor", "ika", "zan", "tor", "bel", "qui", "ros", "nal"]
    return f"Actor {i:04d} {syllables[i % 10].title()}{syllables[(i // 10) % 10]}"


def news_like_graph(
    actors: int, *, seed: int = 11, isolated: float = 0.08, documents: int | None = None
) -> KnowledgeGraph:
    """A graph of ``actors`` actors (plus a few positions) in communities of about 40, deterministic for ``seed``."""
    rng = random.Random(seed)
    refs = [EntityRef(_TYPES[i % len(_TYPES)], actor_name(i)) for i in range(actors)]
    alone = set(rng.sample(range(actors), int(actors * isolated)))
    linked = [i for i in range(actors) if i not in alone]
    group_size = 40
    groups = [linked[i : i + group_size] for i in range(0, len(linked), group_size)]
    pairs: list[tuple[int, int]] = []
    weight = [1.0] * actors
    for group in groups:
        for position, a in enumerate(group[1:], start=1):
            for _ in range(2):
                b = rng.choices(group[:position], weights=[weight[j] for j in group[:position]])[0]
                pairs.append((a, b))
                weight[b] += 1
    for _ in range(len(linked) // 6):  # links between communities, mostly to their best-connected members
        a, b = rng.sample(linked, 2)
        pairs.append((a, b))
    docs = documents or max(1, actors // 20)
    per_doc: list[list[Relation]] = [[] for _ in range(docs)]
    for k, (a, b) in enumerate(pairs):
        relation = _RELATIONS[rng.randrange(len(_RELATIONS))]
        sentence = f"{refs[a].name} {_VERBS[relation.value]} {refs[b].name} on Tuesday, officials said."
        per_doc[k % docs].append(
            Relation(refs[a], relation, refs[b], sentence, _VERBS[relation.value], 0.8, start_char=k)
        )
    position_refs = [EntityRef(EntityType.POSITION, p) for p in _POSITIONS]
    for k, i in enumerate(linked[: max(1, actors // 25)]):
        if refs[i].type is EntityType.PERSON:
            title = position_refs[k % len(position_refs)]
            sentence = f"{title.name} {refs[i].name} spoke to reporters."
            per_doc[k % docs].append(
                Relation(refs[i], RelationType.HOLDS_POSITION, title, sentence, title.name, 0.9, start_char=10**6 + k)
            )
    kg = KnowledgeGraph()
    for d in range(docs):
        document = Document(
            f"gen-{d:04d}",
            "",
            source=f"wire/gen-{d:04d}.txt",
            title=f"Report {d}",
            date=f"2025-{1 + d % 12:02d}-{1 + d % 28:02d}",
        )
        entities = [Entity(r.name, r.type, mentions=1 + (i % 7)) for i, r in enumerate(refs) if i % docs == d]
        kg.add_records(DocumentRecords(document, entities=entities, relations=per_doc[d]))
    return kg
