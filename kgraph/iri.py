"""The one place where kgraph mints IRIs: deterministic, from safe slugs only."""

from __future__ import annotations

__all__ = [
    "slugify",
    "entity_iri",
    "document_slug",
    "document_iri",
    "assertion_iri",
    "statement_iri",
    "occurrence_iri",
    "event_iri",
    "events_graph_iri",
    "geonames_iri",
    "check_base",
]

import hashlib
import re
import unicodedata

from rdflib import URIRef

from kgraph.errors import UsageError
from kgraph.model import EntityRef, RelationType
from kgraph.ontology import DEFAULT_BASE

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLAIN_NAME = re.compile(r"[A-Za-z0-9 .,'&()\-]+")
_BASE_OK = re.compile(r"https?://[A-Za-z0-9.\-]+(:[0-9]+)?(/(?:[A-Za-z0-9._~\-/]|%[0-9A-Fa-f]{2})*)?[/#]")


def _digest(*parts: str, size: int = 16) -> str:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:size]


def slugify(name: str) -> str:
    """A lowercase ASCII slug for ``name``; names that lose characters get a hash suffix.

    The slug is safe in any IRI and in any file name; two names that differ only in
    characters the slug cannot hold still get different slugs.

    >>> slugify("Marco Rubio")
    'marco-rubio'
    >>> slugify("Côte d'Ivoire")
    'cote-d-ivoire-95ffc51d'
    >>> slugify("</script>")[:7]
    'script-'
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _NON_SLUG.sub("-", folded.lower()).strip("-")[:80].strip("-")
    if not slug:
        return f"x-{_digest(name, size=12)}"
    if not _PLAIN_NAME.fullmatch(name) or len(slug) >= 80:
        slug = f"{slug}-{_digest(name, size=8)}"
    return slug


def check_base(base: str) -> str:
    """Validate a resource base IRI (``--base``); it must be http(s) and end in ``/`` or ``#``.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("example")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: --base must be an http(s) IRI ending in '/' or '#', got 'example'
    >>> check_base("https://example.org/%zz/")
    Traceback (most recent call last):
    ...
    kgraph.errors.UsageError: --base must be an http(s) IRI ending in '/' or '#', got 'https://example.org/%zz/'
    """
    if not isinstance(base, str) or not _BASE_OK.fullmatch(base):
        raise UsageError(f"--base must be an http(s) IRI ending in '/' or '#', got {base!r}")
    return base


def entity_iri(ref: EntityRef, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity, from its type and canonical name.

    >>> from kgraph.model import EntityType
    >>> str(entity_iri(EntityRef(EntityType.PERSON, "Marco Rubio")))
    'https://w3id.org/kgraph/id/person/marco-rubio'
    """
    return URIRef(f"{base}{ref.type.value.lower()}/{slugify(ref.name)}")


def document_slug(document_id: str) -> str:
    """The slug of a document id; unlike entity names, distinct ids always get distinct slugs.

    An id that is already a slug is kept; any other id gets a hash suffix, so that
    ``a.txt`` and ``a-txt`` (or ``A.txt``) stay two documents.

    >>> document_slug("dev-001")
    'dev-001'
    >>> document_slug("a.txt") != document_slug("a-txt")
    True
    """
    if len(document_id) <= 80 and _SLUG.fullmatch(document_id):
        return document_id
    folded = unicodedata.normalize("NFKD", document_id).encode("ascii", "ignore").decode("ascii")
    stem = _NON_SLUG.sub("-", folded.lower()).strip("-")[:70].strip("-")
    return f"{stem or 'x'}-{_digest(document_id, size=8)}"


def document_iri(document_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a document, from its id (see :func:`document_slug`).

    >>> str(document_iri("dev-001"))
    'https://w3id.org/kgraph/id/document/dev-001'
    """
    return URIRef(f"{base}document/{document_slug(document_id)}")


def assertion_iri(
    document_id: str,
    subject: EntityRef,
    relation: RelationType,
    obj: EntityRef,
    start_char: int,
    trigger: str,
    base: str = DEFAULT_BASE,
    modality: str = "asserted",
) -> URIRef:
    """The IRI of one assertion (provenance node), stable across runs.

    Everything that tells two assertions apart goes into it: the document, the two actors,
    the relation, where and by which words it is said, and its modality (the same words can
    be asserted in one clause and hypothetical in another, and each assertion has one
    confidence). Asserted statements keep the IRIs they always had.

    >>> from kgraph.model import EntityType
    >>> a, b = EntityRef(EntityType.COUNTRY, "Ukraine"), EntityRef(EntityType.COUNTRY, "Russia")
    >>> asserted = assertion_iri("d", a, RelationType.CONSULTS_WITH, b, 0, "met")
    >>> asserted == assertion_iri("d", a, RelationType.CONSULTS_WITH, b, 0, "met", modality="hypothetical")
    False
    """
    parts = [document_id, subject.type, subject.name, relation.value, obj.type, obj.name, str(start_char), trigger]
    if modality != "asserted":
        parts.append(modality)
    return URIRef(f"{base}assertion/{_digest(*parts)}")


def statement_iri(document_id: str, speaker: EntityRef, start_char: int, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a statement node."""
    return URIRef(f"{base}statement/{_digest(document_id, speaker.type, speaker.name, str(start_char))}")


def occurrence_iri(document: str, entity: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of the node counting one entity's mentions in one document (both IRIs)."""
    return URIRef(f"{base}occurrence/{_digest(document, entity)}")


def event_iri(relation: RelationType, subject: str, obj: str, key: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of one event: a relation between two actors (entity IRIs) at one date ``key``.

    The IRI depends only on what the event is, not on which reports were read first, so
    graphs built apart name the same event alike.

    >>> str(event_iri(RelationType.CONSULTS_WITH, "a", "b", "on-2025-03-10"))
    'https://w3id.org/kgraph/id/event/consultswith-on-2025-03-10-7c8452013f35'
    """
    local = [iri[len(base) :] if iri.startswith(base) else iri for iri in (subject, obj)]
    slug = _NON_SLUG.sub("-", f"{relation.value.lower()}-{key}").strip("-")
    return URIRef(f"{base}event/{slug}-{_digest(relation.value, *local, key, size=12)}")


def events_graph_iri(base: str = DEFAULT_BASE) -> URIRef:
    """The named graph of the events (N-Quads, TriG, stores): derived from the assertions, rebuilt by each run.

    >>> str(events_graph_iri())
    'https://w3id.org/kgraph/id/graph/events'
    """
    return URIRef(f"{base}graph/events")


def geonames_iri(geonames_id: int) -> URIRef:
    """The GeoNames IRI of a place.

    >>> str(geonames_iri(690791))
    'https://sws.geonames.org/690791/'
    """
    return URIRef(f"https://sws.geonames.org/{int(geonames_id)}/")
