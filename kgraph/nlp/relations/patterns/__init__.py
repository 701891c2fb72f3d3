"""Relation patterns over the dependency parse, one construction family per module.

Every pattern is a pure function ``find_*(context) -> Iterator[Candidate]`` over an
:class:`~kgraph.nlp.relations.patterns.base.Context`; none of them mutates the ``Doc``.
"""

from __future__ import annotations

__all__ = ["Candidate", "Context", "Pattern", "find_candidates"]

from collections.abc import Iterator

from kgraph.nlp.relations.patterns.anaphora import find_escalation, find_event_anaphora, find_retaliation
from kgraph.nlp.relations.patterns.apposition import find_appositions
from kgraph.nlp.relations.patterns.arrival import find_arrivals
from kgraph.nlp.relations.patterns.base import Candidate, Context, Pattern
from kgraph.nlp.relations.patterns.dateline import find_dateline_places
from kgraph.nlp.relations.patterns.directive import find_directives
from kgraph.nlp.relations.patterns.exhortation import find_exhortations
from kgraph.nlp.relations.patterns.expulsion import find_expulsions
from kgraph.nlp.relations.patterns.hyphen import find_hyphen_participles
from kgraph.nlp.relations.patterns.labelling import find_labelling
from kgraph.nlp.relations.patterns.location import find_places_in
from kgraph.nlp.relations.patterns.membership import (
    find_bloc_anaphora,
    find_member_examples,
    find_member_lists,
    find_membership_nominals,
)
from kgraph.nlp.relations.patterns.nominal import find_nominal
from kgraph.nlp.relations.patterns.verbal import find_verbal


def find_candidates(context: Context) -> Iterator[Candidate]:
    """All candidates of every construction family, in a fixed order."""
    yield from find_appositions(context)
    yield from find_member_lists(context)
    yield from find_member_examples(context)
    yield from find_membership_nominals(context)
    yield from find_bloc_anaphora(context)
    yield from find_dateline_places(context)
    yield from find_places_in(context)
    yield from find_hyphen_participles(context)
    yield from find_verbal(context)
    yield from find_nominal(context)
    yield from find_arrivals(context)
    yield from find_event_anaphora(context)
    yield from find_retaliation(context)
    yield from find_escalation(context)
    yield from find_labelling(context)
    yield from find_exhortations(context)
    yield from find_directives(context)
    yield from find_expulsions(context)
