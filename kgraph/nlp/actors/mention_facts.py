"""Static facts stated inside a noun phrase: titles, "Iran's IRGC", "X-linked", "X-based", "Kyiv, Ukraine".

Clause-level constructions (verbs, appositions such as "X, director general of the IAEA") belong to
``kgraph_relations``; this module only reads what a single mention and its modifiers say.
"""

from __future__ import annotations

__all__ = ["FactBuilder"]

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from kgraph.model import EntityRef, EntityType, Relation, RelationType
from kgraph.nlp.actors.gazetteer import Gazetteer, Role
from kgraph.nlp.extensions import ActorMention, EntityInfo

_STATES = frozenset({EntityType.COUNTRY})
_PLACE_NOUNS = frozenset(
    {"capital", "city", "town", "region", "province", "port", "village", "state", "district", "territory"}
)
# Heads of a state's own bodies: "<demonym> ... Ministry" is affiliated with that state.
_BODY_HEADS = frozenset({"ministry", "department", "office", "army", "navy", "police", "military"})
_AFFILIATION_SUFFIXES = {
    "linked": RelationType.AFFILIATED_WITH,
    "affiliated": RelationType.AFFILIATED_WITH,
    "allied": RelationType.AFFILIATED_WITH,
    "aligned": RelationType.AFFILIATED_WITH,
    "based": RelationType.LOCATED_IN,
}


class FactBuilder:
    """Collect in-mention static relations over a document's resolved mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: Sequence[ActorMention],
        infos: dict[EntityRef, EntityInfo],
        gazetteer: Gazetteer,
        lowers: Sequence[str] | None = None,
    ) -> None:
        self.doc = doc
        self.lowers = list(lowers) if lowers is not None else [t.lower_ for t in doc]
        self.mentions = [m for m in mentions if not m.pronoun]
        self.infos = infos
        self.gazetteer = gazetteer
        self.relations: list[Relation] = []
        self._seen: set[tuple[EntityRef, RelationType, EntityRef]] = set()
        self._ends = {m.end: m for m in reversed(self.mentions)}
        self._at: dict[int, ActorMention] = {}
        for mention in self.mentions:
            for i in range(mention.start, mention.end):
                current = self._at.get(i)
                if current is None or (current.end - current.start) > (mention.end - mention.start):
                    self._at[i] = mention

    def _add(
        self,
        subject: EntityRef,
        relation: RelationType,
        obj: EntityRef,
        start: int,
        end: int,
        trigger: str,
        confidence: float,
    ) -> None:
        if subject == obj or (subject, relation, obj) in self._seen:
            return
        self._seen.add((subject, relation, obj))
        span = self.doc[start:end]
        self.relations.append(
            Relation(
                subject,
                relation,
                obj,
                span.text,
                trigger,
                confidence,
                start_char=span.start_char,
                end_char=span.end_char,
            )
        )

    def _mention_ending_at(self, end: int) -> ActorMention | None:
        return self._ends.get(end)

    # -- titles -----------------------------------------------------------------------------------
    def titles(self, titles: Sequence[tuple[Any, int, int, Any]]) -> None:
        """ "US Secretary of State Marco Rubio" -> holdsPosition, affiliatedWith (and leads for heads)."""
        for phrase, alias_start, end, person in titles:
            ref = person.ref
            if ref.type is not EntityType.PERSON:
                continue
            owner = None
            if alias_start < phrase.start:
                owner = self._at.get(alias_start)
            if owner is None and phrase.end < len(self.doc) and self.doc[phrase.end].lower_ in {"of", "for"}:
                after = phrase.end + (2 if self.lowers[phrase.end + 1 : phrase.end + 2] == ["the"] else 1)
                owner = self._at.get(after)  # "Prime Minister of Britain Keir Starmer", "Spokesperson for the ..."
            if phrase.position:
                position = EntityRef(EntityType.POSITION, phrase.position)
                self.infos.setdefault(position, EntityInfo(position)).aliases.add(phrase.text)
                self._add(ref, RelationType.HOLDS_POSITION, position, phrase.start, end, phrase.text, 0.9)
            if owner is not None and owner.entity.type in {EntityType.COUNTRY, EntityType.ORGANIZATION}:
                self._add(ref, RelationType.AFFILIATED_WITH, owner.entity, alias_start, end, phrase.text, 0.9)
                if phrase.leads and phrase.position:
                    self._add(ref, RelationType.LEADS, owner.entity, alias_start, end, phrase.text, 0.85)

    # -- possessives ------------------------------------------------------------------------------
    def possessives(self) -> None:
        """ "Iran's IRGC" -> affiliatedWith; "Russia's Samara region" -> locatedIn;
        "U.S. Treasury Department" -> affiliatedWith; "OPEC's headquarters in Vienna" -> locatedIn."""
        doc = self.doc
        for mention in self.mentions:
            root = doc[mention.root]
            if mention.entity.type in {EntityType.ORGANIZATION, EntityType.LOCATION}:
                owner = None
                holder, tail = root, mention.end
                if mention.entity.type is EntityType.LOCATION:
                    # "Norway's Johan Sverdrup oil field": the possessive hangs on the head noun
                    while holder.dep_ == "compound" and holder.head.i > holder.i and holder.head.i - tail < 3:
                        holder = holder.head
                        tail = max(tail, holder.i + 1)
                for child in holder.children:
                    if child.dep_ == "poss" and child.i in self._at and child.i < mention.start:
                        owner = self._at[child.i]
                start = owner.start if owner is not None else mention.start
                if owner is None and mention.entity.type is EntityType.ORGANIZATION and mention.end - mention.start > 1:
                    inner = self._inner_country(mention)
                    if inner is not None:
                        self._add(
                            mention.entity,
                            RelationType.AFFILIATED_WITH,
                            inner,
                            mention.start,
                            mention.end,
                            doc[mention.start].text,
                            0.8,
                        )
                if owner is not None and owner.entity.type in _STATES:
                    relation = (
                        RelationType.AFFILIATED_WITH
                        if mention.entity.type is EntityType.ORGANIZATION
                        else RelationType.LOCATED_IN
                    )
                    self._add(mention.entity, relation, owner.entity, start, tail, "'s", 0.85)
            if root.lower_ in {"headquarters", "hq", "seat"}:
                self._headquarters(root.i)
        for i, lower in enumerate(self.lowers):
            if lower in {"headquarters", "hq"} and i not in self._at:
                self._headquarters(i)

    def _inner_country(self, mention: ActorMention) -> EntityRef | None:
        first = self._at.get(mention.start)
        # a proper part of the mention ("Ukrainian navy"), not a co-extensive one ("both sides" = Israel and Hamas)
        if first is not None and first.end < mention.end and first.entity.type is EntityType.COUNTRY:
            return first.entity
        for size in (1, 2):
            if mention.end - mention.start <= size:
                break
            surface = self.doc[mention.start : mention.start + size].text
            # "Ukraine Defence Ministry"; a demonym only before a state body ("the Russian Foreign Ministry",
            # not "the Russian Orthodox Church")
            roles = {Role.NAME, Role.DEMONYM} if self.lowers[mention.end - 1] in _BODY_HEADS else {Role.NAME}
            for candidate in self.gazetteer.lookup(surface):
                if candidate.entry.type is EntityType.COUNTRY and candidate.role in roles:
                    ref = candidate.entry.ref
                    info = self.infos.setdefault(ref, EntityInfo(ref, geonames_id=candidate.entry.geonames_id))
                    info.aliases.add(surface)
                    return ref
        return None

    def _headquarters(self, i: int) -> None:
        doc = self.doc
        token = doc[i]
        owners = [c for c in token.children if c.dep_ == "poss" and c.i in self._at]
        if not owners:
            return
        owner = self._at[owners[0].i]
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"in", "at"}:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in self._at:
                        place = self._at[obj.i]
                        if place.entity.type in {EntityType.LOCATION, EntityType.COUNTRY}:
                            self._add(
                                owner.entity,
                                RelationType.LOCATED_IN,
                                place.entity,
                                owner.start,
                                place.end,
                                token.text,
                                0.8,
                            )

    # -- "X-linked", "X-based" ----------------------------------------------------------------------
    def hyphen_compounds(self) -> None:
        """ "The al-Qaeda-linked group" -> affiliatedWith al-Qaeda; "the Vienna-based agency" -> locatedIn Vienna."""
        doc = self.doc
        for i, lower in enumerate(self.lowers):
            relation = _AFFILIATION_SUFFIXES.get(lower)
            if relation is None or i < 2 or self.lowers[i - 1] != "-":
                continue
            token = doc[i]
            target = self._mention_ending_at(token.i - 1)
            if target is None:
                continue
            noun = token.head if token.head.i > token.i else None
            if noun is None:
                i = token.i + 1
                while i < len(doc) and doc[i].pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT"} and i not in self._at:
                    i += 1
                noun = doc[i] if i < len(doc) else None
            while noun is not None and noun.i not in self._at and noun.head.i != noun.i and noun.dep_ == "compound":
                noun = noun.head
            if noun is None or noun.i not in self._at:
                continue
            subject = self._at[noun.i]
            if relation is RelationType.LOCATED_IN and target.entity.type not in {
                EntityType.LOCATION,
                EntityType.COUNTRY,
            }:
                continue
            start = min(target.start, subject.start)
            start = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start
            self._add(
                subject.entity,
                relation,
                target.entity,
                start,
                max(subject.end, token.i + 1),
                doc[token.i - 1 : token.i + 1].text + "",
                0.8,
            )

    # -- "Kyiv, Ukraine" -------------------------------------------------------------------------------
    def places(self) -> None:
        """ "Hanoi, Vietnam", "Nairobi, the Kenyan capital", "Lviv, Ukraine's western hub"."""
        doc = self.doc
        for mention in self.mentions:
            if mention.entity.type is not EntityType.LOCATION or mention.end + 1 >= len(doc):
                continue
            if doc[mention.end].text != ",":
                continue
            nxt = self._at.get(mention.end + 1)
            via_the = nxt is None and doc[mention.end + 1].lower_ == "the"
            if via_the:
                nxt = self._at.get(mention.end + 2)
            elif nxt is not None and doc[nxt.start].lower_ in {"the", "both", "these", "all"}:
                via_the = True  # "the two governments": an anaphor, not a place
            if (
                nxt is None
                or nxt.entity.type not in {EntityType.COUNTRY, EntityType.LOCATION}
                or nxt.entity == mention.entity
            ):
                continue
            tail = nxt.end
            described = False
            j = nxt.end
            if j < len(doc) and doc[j].text in {"'s", "’s"}:
                j += 1
            for k in range(j, min(j + 4, len(doc))):
                if doc[k].lower_ in _PLACE_NOUNS:
                    described, tail = True, k + 1
                    break
                if doc[k].text in {",", ".", ";"}:
                    break
            if via_the and not described:
                continue
            if not described and not self._plain_country(nxt):
                continue
            if not described and nxt.entity.type is EntityType.LOCATION:
                continue
            if not self._consistent(mention.entity, nxt.entity):
                continue
            if doc[mention.start - 1].text == "," if mention.start > 0 else False:
                if not described and self._is_list(mention.start):
                    continue
            self._add(mention.entity, RelationType.LOCATED_IN, nxt.entity, mention.start, tail, ",", 0.8)

    def _plain_country(self, mention: ActorMention) -> bool:
        """The mention names the country itself (not "Qatari" alone) and ends the phrase."""
        doc = self.doc
        if mention.entity.type is not EntityType.COUNTRY:
            return False
        after = doc[mention.end] if mention.end < len(doc) else None
        return (
            after is None
            or after.text in {",", ".", ";", ")", "-", "–", "—"}
            or after.is_space
            or after.pos_ in {"ADP", "CCONJ", "VERB", "AUX", "ADV"}
        )

    def _is_list(self, start: int) -> bool:
        """True when the mention is itself an item of a comma list of countries/places."""
        prev = self._mention_ending_at(start - 1)
        return prev is not None and prev.entity.type in {EntityType.COUNTRY, EntityType.LOCATION}

    def _consistent(self, place: EntityRef, container: EntityRef) -> bool:
        """A gazetteer city must lie in the country named after it ("Paris, Texas" is not Paris, France)."""
        info = self.infos.get(place)
        if info is None or info.country is None or container.type is not EntityType.COUNTRY:
            return True
        return info.country == container.name

    # -- groups -------------------------------------------------------------------------------------
    def owned(self, spans: dict[EntityRef, Any]) -> None:
        """ "The French delegation" -> French delegation affiliatedWith France; "Poland's parliament" ->
        affiliatedWith Poland (``spans`` map a Group or body to its span, whose ``owner`` is the actor)."""
        for ref, span in spans.items():
            target = span.owner
            if target is None or target not in self.infos:
                continue
            head = self.doc[span.end - 1]
            np_start = span.start - 1 if span.start > 0 and self.doc[span.start - 1].dep_ == "det" else span.start
            self._add(ref, RelationType.AFFILIATED_WITH, target, np_start, span.end, head.text, 0.85)
