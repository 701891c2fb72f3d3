"""Typed records handed from one stage to the next: documents, entities, mentions, relations."""

from __future__ import annotations

__all__ = [
    "EntityType",
    "RelationType",
    "Modality",
    "Document",
    "EntityRef",
    "Entity",
    "Mention",
    "Relation",
    "Statement",
    "DocumentRecords",
]

import hashlib
from dataclasses import dataclass, field
from enum import Enum


class EntityType(str, Enum):
    """The six entity classes of the output contract.

    >>> EntityType("Person") is EntityType.PERSON
    True
    """

    PERSON = "Person"
    ORGANIZATION = "Organization"
    COUNTRY = "Country"
    LOCATION = "Location"
    GROUP = "Group"
    POSITION = "Position"

    def __str__(self) -> str:
        return self.value


class RelationType(str, Enum):
    """The relation inventory (``docs/relations.md``); values are the ``kg:`` property names.

    >>> RelationType("appealsTo").plover
    'REQUEST'
    >>> RelationType.CONSULTS_WITH.symmetric
    True
    """

    HOLDS_POSITION = "holdsPosition"
    AFFILIATED_WITH = "affiliatedWith"
    MEMBER_OF = "memberOf"
    LEADS = "leads"
    LOCATED_IN = "locatedIn"
    APPEALS_TO = "appealsTo"
    CONSULTS_WITH = "consultsWith"
    SUPPORTS = "supports"
    COOPERATES_WITH = "cooperatesWith"
    AIDS = "aids"
    ACCUSES = "accuses"
    REJECTS = "rejects"
    THREATENS = "threatens"
    SANCTIONS = "sanctions"
    ATTACKS = "attacks"
    IN_CONFLICT_WITH = "inConflictWith"
    RELATED_TO = "relatedTo"

    def __str__(self) -> str:
        return self.value

    @property
    def symmetric(self) -> bool:
        """True for relations that hold in both directions."""
        return self in _SYMMETRIC

    @property
    def static(self) -> bool:
        """True for static (non-event) relations."""
        return self in _STATIC

    @property
    def plover(self) -> str | None:
        """The PLOVER event category the relation aligns with, if any."""
        return _PLOVER.get(self)


_SYMMETRIC = frozenset({RelationType.CONSULTS_WITH, RelationType.COOPERATES_WITH, RelationType.IN_CONFLICT_WITH})
_STATIC = frozenset(
    {
        RelationType.HOLDS_POSITION,
        RelationType.AFFILIATED_WITH,
        RelationType.MEMBER_OF,
        RelationType.LEADS,
        RelationType.LOCATED_IN,
    }
)
_PLOVER = {
    RelationType.APPEALS_TO: "REQUEST",
    RelationType.CONSULTS_WITH: "CONSULT",
    RelationType.SUPPORTS: "SUPPORT",
    RelationType.COOPERATES_WITH: "COOPERATE",
    RelationType.AIDS: "AID",
    RelationType.ACCUSES: "ACCUSE",
    RelationType.REJECTS: "REJECT",
    RelationType.THREATENS: "THREATEN",
    RelationType.SANCTIONS: "SANCTION",
    RelationType.ATTACKS: "ASSAULT",
}


class Modality(str, Enum):
    """How the text states a relation; only ``ASSERTED`` yields the direct triple.

    >>> Modality("negated").asserted
    False
    """

    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"
    CONDITIONAL = "conditional"
    INTERROGATIVE = "interrogative"
    REPORTED = "reported"

    def __str__(self) -> str:
        return self.value

    @property
    def asserted(self) -> bool:
        return self is Modality.ASSERTED


@dataclass(frozen=True, slots=True)
class Document:
    """One input text with its metadata.

    >>> Document(id="a1", text="Rubio met Lavrov.").content_hash[:8]
    '342c1c6d'
    """

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    date: str | None = None

    @property
    def content_hash(self) -> str:
        """SHA-256 of the text, used to skip documents already processed."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True, order=True)
class EntityRef:
    """The identity of an entity: its type and canonical name.

    >>> EntityRef(EntityType.COUNTRY, "Ukraine")
    EntityRef(type=<EntityType.COUNTRY: 'Country'>, name='Ukraine')
    """

    type: EntityType
    name: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor, place or title seen in a document."""

    name: str
    type: EntityType
    aliases: frozenset[str] = frozenset()
    geonames_id: int | None = None
    mentions: int = 0

    @property
    def ref(self) -> EntityRef:
        return EntityRef(self.type, self.name)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in a document (character offsets into the text)."""

    entity: EntityRef
    text: str
    start_char: int
    end_char: int
    pronoun: bool = False


@dataclass(frozen=True, slots=True)
class Relation:
    """One assertion ``subject relation object`` with its evidence.

    ``modality`` other than ``ASSERTED`` keeps the relation as a flagged assertion
    without the direct triple; ``speaker`` is who reported it when it is a claim.
    ``date`` is an ISO day, year-month or year (from the text, else the document);
    ``date_text`` the words that gave it ("on Monday").
    """

    subject: EntityRef
    relation: RelationType
    object: EntityRef
    evidence: str
    trigger: str
    confidence: float
    modality: Modality = Modality.ASSERTED
    speaker: EntityRef | None = None
    date: str | None = None
    start_char: int = 0
    end_char: int = 0
    date_text: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """Something an actor said or wrote ("Rubio wrote, ...")."""

    speaker: EntityRef
    content: str
    trigger: str
    evidence: str
    addressee: EntityRef | None = None
    about: tuple[EntityRef, ...] = ()
    date: str | None = None
    start_char: int = 0


@dataclass(slots=True)
class DocumentRecords:
    """Everything extracted from one document."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    words: int = 0
