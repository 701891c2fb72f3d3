"""A hand-built ``KnowledgeGraph`` for output-layer tests (no extraction involved).

Its names and sentences hold characters that break naive writers: quotes, angle brackets,
``</script>``, an ``onerror`` image tag, ampersands, non-ASCII letters and a line break.
"""

from __future__ import annotations

from kgraph.graph import KnowledgeGraph
from kgraph.model import Document, DocumentRecords, Entity, EntityRef, EntityType, Modality, Relation, RelationType

HOSTILE_NAME = '</script><img src=x onerror="window.kgPwned=1">'
HOSTILE_EVIDENCE = 'Officials said "<b>bold</b> & </script><script>window.kgPwned=2</script>" was a test.'

PERSON = EntityType.PERSON
COUNTRY = EntityType.COUNTRY
ORG = EntityType.ORGANIZATION


def _ref(name: str, kind: EntityType) -> EntityRef:
    return EntityRef(kind, name)


def _relation(
    s: EntityRef,
    rel: RelationType,
    o: EntityRef,
    evidence: str,
    trigger: str,
    start: int,
    modality: Modality = Modality.ASSERTED,
    confidence: float = 0.8,
) -> Relation:
    return Relation(s, rel, o, evidence, trigger, confidence, modality=modality, start_char=start, end_char=start + 10)


def records() -> list[DocumentRecords]:
    """Two documents with people, countries, an organisation and several relation types."""
    rubio, lavrov = _ref("Marco Rubio", PERSON), _ref("Sergei Lavrov", PERSON)
    usa, russia, ukraine = _ref("United States", COUNTRY), _ref("Russia", COUNTRY), _ref("Ukraine", COUNTRY)
    nato, cote = _ref("NATO", ORG), _ref("Côte d'Ivoire", COUNTRY)
    hostile = _ref(HOSTILE_NAME, EntityType.GROUP)
    minister = _ref("Secretary of State", EntityType.POSITION)
    first = Document(
        "news-1", "Rubio met Lavrov. ...", source="Example Wire", title='Talks & "tensions"', date="2025-04-04"
    )
    second = Document(
        "news-2", "Russia attacked Ukraine. ...", source="https://example.org/a?b=1&c=2", date="2025-05-01"
    )
    one = DocumentRecords(
        first,
        entities=[
            Entity("Marco Rubio", PERSON, frozenset({"Rubio"}), mentions=3),
            Entity("Sergei Lavrov", PERSON, frozenset({"Lavrov"}), mentions=2),
            Entity("United States", COUNTRY, frozenset({"US", "Washington"}), geonames_id=6252001, mentions=2),
            Entity("Secretary of State", EntityType.POSITION, mentions=1),
            Entity(HOSTILE_NAME, EntityType.GROUP, frozenset({"<i>x</i>"}), mentions=1),
        ],
        relations=[
            _relation(
                rubio,
                RelationType.CONSULTS_WITH,
                lavrov,
                "US Secretary of State Marco Rubio met Sergei Lavrov.",
                "met",
                0,
            ),
            _relation(
                rubio,
                RelationType.HOLDS_POSITION,
                minister,
                "US Secretary of State Marco Rubio met Sergei Lavrov.",
                "Secretary of State",
                3,
            ),
            _relation(
                rubio,
                RelationType.AFFILIATED_WITH,
                usa,
                "US Secretary of State Marco Rubio met Sergei Lavrov.",
                "US",
                0,
            ),
            _relation(hostile, RelationType.ACCUSES, rubio, HOSTILE_EVIDENCE, "said", 60),
            _relation(
                rubio,
                RelationType.SANCTIONS,
                russia,
                "Rubio could impose sanctions on Russia.",
                "impose sanctions",
                90,
                modality=Modality.HYPOTHETICAL,
            ),
        ],
    )
    two = DocumentRecords(
        second,
        entities=[
            Entity("Russia", COUNTRY, frozenset({"Moscow"}), geonames_id=2017370, mentions=4),
            Entity("Ukraine", COUNTRY, frozenset({"Kyiv"}), geonames_id=690791, mentions=3),
            Entity("NATO", ORG, frozenset({"the alliance"}), mentions=1),
            Entity("Côte d'Ivoire", COUNTRY, mentions=1),
            Entity("Marco Rubio", PERSON, frozenset({"Rubio"}), mentions=1),
        ],
        relations=[
            _relation(
                russia,
                RelationType.ATTACKS,
                ukraine,
                "Russia attacked Ukraine\non Tuesday.",
                "attacked",
                0,
                confidence=0.9,
            ),
            _relation(russia, RelationType.ATTACKS, ukraine, "Moscow struck Kyiv again.", "struck", 40, confidence=0.7),
            _relation(rubio, RelationType.APPEALS_TO, nato, "Rubio urged NATO to act.", "urged", 70),
            _relation(
                ukraine,
                RelationType.MEMBER_OF,
                nato,
                "Ukraine is not a member of NATO.",
                "member",
                100,
                modality=Modality.NEGATED,
            ),
            _relation(cote, RelationType.SUPPORTS, ukraine, "Côte d'Ivoire backed Ukraine.", "backed", 130),
        ],
    )
    return [one, two]


def sample_graph() -> KnowledgeGraph:
    """The hand-built graph of :func:`records`."""
    kg = KnowledgeGraph()
    for item in records():
        kg.add_records(item)
    return kg


def cli(*args: str) -> tuple[int, str, str]:
    """Run the ``kgraph`` command in this process (as ``kgraph.cli.main``); exit code, stdout, stderr."""
    import contextlib
    import io

    from kgraph.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
