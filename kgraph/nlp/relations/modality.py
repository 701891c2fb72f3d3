"""How the text states an event: asserted, negated, hypothetical, future, conditional or asked.

``modality_of`` reads the trigger's own clause (negation, modal auxiliaries, ``if``/``whether``
marks, future time words, hedges such as "reportedly") and then climbs the chain of governing
clauses (``xcomp``/``ccomp``/``advcl``/shared-subject ``conj``/prepositional complements) where
governing verbs and nouns ("plans to", "is expected to", "offered to", "did not agree to",
"the possibility of") decide the modality of their complement. Nominal triggers ("talks",
"sanctions") take the modality of the verb that governs them. The cues are data
(``kgraph/nlp/data/modality.json``), not code.
"""

from __future__ import annotations

__all__ = ["ModalityLexicon", "load_modality_lexicon", "modality_of", "governing_verb", "detached_clause"]

from spacy.tokens import Token

from kgraph.model import Modality
from kgraph.nlp.relations.cues import ModalityLexicon, load_modality_lexicon

_CLAUSAL = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "pcomp", "csubj", "csubjpass"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "``", "''"})


def _forms(token: Token) -> tuple[str, ...]:
    """The lemma and naive stems of a word: the tagger's lemma is sometimes wrong ("hopes" -> "hop")."""
    lower = token.lower_
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    forms = [f"{token.lemma_.lower()} {p}" for p in particles] + [token.lemma_.lower(), lower]
    for suffix, replacements in (
        ("ies", ("y",)),
        ("es", ("", "e")),
        ("s", ("",)),
        ("ed", ("", "e")),
        ("ing", ("", "e")),
    ):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms += [lower[: -len(suffix)] + r for r in replacements]
    return tuple(dict.fromkeys(forms))


def _lookup(token: Token, table: dict[str, Modality]) -> Modality | None:
    for form in _forms(token):
        if form in table:
            return table[form]
    return None


def _is_clause_head(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.dep_ in _CLAUSAL or token.head.i == token.i


def governing_verb(token: Token) -> Token:
    """The head of the clause a token belongs to: itself for a verb, else the verb governing it.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["They", "held", "talks"], heads=[1, 1, 1],
    ...           deps=["nsubj", "ROOT", "dobj"], pos=["PRON", "VERB", "NOUN"])
    >>> governing_verb(doc[2]).text
    'held'
    """
    current = token
    while not _is_clause_head(current):
        current = current.head
    return current


def _is_question(token: Token) -> bool:
    """True when the trigger's sentence (or the quoted part it is in) ends with a question mark."""
    sent = token.sent
    for follower in sent[token.i - sent.start + 1 :]:
        if follower.text == "?":
            return True
        if follower.text in {".", "!"} or (
            follower.text in _QUOTES and follower.i > token.i + 1 and follower.nbor(-1).text in {".", ","}
        ):
            return False
    return False


def _negated_argument(verb: Token, lexicon: ModalityLexicon) -> bool:
    """ "No sanctions were imposed", "imposed no sanctions", "Neither country attacked"."""
    for child in verb.children:
        if child.dep_ not in _ARGUMENTS:
            continue
        if child.lower_ in lexicon.negation_words:
            return True
        if any(d.dep_ in {"det", "neg", "preconj"} and d.lower_ in lexicon.negation_words for d in child.children):
            return True
    return False


def _future_time(verb: Token, lexicon: ModalityLexicon) -> bool:
    """A non-past verb with "next week", "in the coming days", "tomorrow", "later this month"."""
    if _past(verb):
        return False
    for child in verb.children:
        if child.dep_ in {"npadvmod", "advmod", "obl", "tmod"}:
            candidates = [child]
        elif child.dep_ == "prep":
            candidates = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for word in candidates:
            if word.lower_ in lexicon.future_words:
                return True
            modifiers = {m.lower_ for m in word.children}
            if modifiers & lexicon.future_modifiers:
                return True
            if word.lower_ == "later" and any(
                m.lower_ in lexicon.later_with for g in word.children for m in g.children
            ):
                return True
    return False


def _ceased(child: Token, lexicon: ModalityLexicon) -> bool:
    """True for an adverb saying the state has stopped: "no longer", "no more" ("no" hangs under the adverb)."""
    return (
        child.dep_ == "advmod"
        and child.lower_ in lexicon.ceased_adverbs
        and any(g.lower_ in lexicon.negation_words for g in child.children if g.dep_ in {"neg", "advmod", "det"})
    )


def _clause_markers(verb: Token, lexicon: ModalityLexicon, skip: Token | None) -> Modality | None:
    """The modality a clause head's own dependents give it, negation first."""
    children = [c for c in verb.children if skip is None or c.i != skip.i]
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lexicon.negation_words) for c in children):
        return Modality.NEGATED
    if any(_ceased(c, lexicon) for c in children):
        return Modality.NEGATED
    if _negated_argument(verb, lexicon):
        return Modality.NEGATED
    for child in children:
        if child.dep_ == "mark" and child.lower_ in lexicon.clause_marks:
            if child.lower_ in lexicon.indirect_question_marks and verb.dep_ in {"ccomp", "csubj", "xcomp"}:
                return Modality.INTERROGATIVE
            return lexicon.clause_marks[child.lower_]
    for child in children:
        if child.dep_ in {"aux", "auxpass"} and child.tag_ == "MD":
            found = lexicon.modal_auxiliaries.get(child.lemma_.lower()) or lexicon.modal_auxiliaries.get(child.lower_)
            if found is not None:
                return found
    for child in children:
        if child.dep_ == "advmod" and child.lower_ in lexicon.hedge_adverbs:
            return lexicon.hedge_adverbs[child.lower_]
    if _future_time(verb, lexicon):
        return Modality.FUTURE
    if verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in children):
        return Modality.FUTURE  # headline infinitive: "Russia to expel British diplomats"
    if not _past(verb) and not set(_forms(verb)) & lexicon.commissive_governors:
        # "Germany sends troops if ...": a present main clause under a condition. A past act with a
        # condition attached ("threatened action if ...", "criticised X, ... if") stays asserted.
        for child in children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and lexicon.clause_marks.get(m.lower_) is Modality.CONDITIONAL for m in child.children
            ):
                return Modality.CONDITIONAL
    return None


def _past(verb: Token) -> bool:
    """A simple past or perfect verb ("met", "has met", "was held")."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxiliaries):
        return True
    return verb.tag_ == "VBN" and not auxiliaries


def _governor_class(
    head: Token, lexicon: ModalityLexicon, trigger: Token, table: dict[str, Modality] | None = None
) -> Modality | None:
    """The modality a governing verb (or copula + adjective) imposes on its complement (or nominal object)."""
    table = lexicon.verb_governors if table is None else table
    if head.lemma_.lower() in lexicon.not_yet_verbs and any(
        c.dep_ == "advmod" and c.lower_ in lexicon.not_yet_adverbs for c in head.children
    ):
        return Modality.NEGATED  # "has yet to ratify"
    threat = bool(set(_forms(trigger)) & lexicon.threat_words)
    if head.tag_ == "VBG":
        found = _lookup(head, lexicon.progressive_governors)
        if found is not None:
            return found
    candidates = [head]
    if head.lemma_.lower() == "be":
        candidates += [c for c in head.children if c.dep_ in {"acomp", "attr", "oprd"}]
    cooperation = bool(set(_forms(trigger) + _forms(governing_verb(trigger))) & lexicon.cooperation_complements)
    for word in candidates:
        if threat and set(_forms(word)) & lexicon.commissive_governors:
            continue  # "threatened to retaliate": the threat is the act
        if cooperation and set(_forms(word)) & lexicon.agreement_governors:
            continue  # "agreed to share data": agreeing to cooperate is the cooperation
        found = _lookup(word, table)
        if found is not None:
            return found
    return None


def _shares_frame(conj: Token) -> bool:
    """A coordinated verb without its own subject, auxiliary or tense shares its head's modality."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "expl"} for c in conj.children):
        return False
    return conj.tag_ not in _FINITE_TAGS


def modality_of(trigger: Token, lexicon: ModalityLexicon | None = None) -> Modality:
    """The modality under which the text states the event that ``trigger`` expresses.

    Args:
        trigger: the verb or noun that triggers a relation ("met", "talks", "sanctions").
            A modal auxiliary trigger ("must" in "X must do Y") is not counted against itself.
        lexicon: the cues to use; the built-in lexicon by default.

    Returns:
        ``Modality.ASSERTED`` unless a cue says otherwise; ``REPORTED`` only for hedges
        ("reportedly"): speech frames are ``kgraph.nlp.relations.speech``'s job.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> doc = Doc(spacy.blank("en").vocab, words=["France", "did", "not", "meet", "Germany", "."],
    ...           heads=[3, 3, 3, 3, 3, 3], deps=["nsubj", "aux", "neg", "ROOT", "dobj", "punct"],
    ...           pos=["PROPN", "AUX", "PART", "VERB", "PROPN", "PUNCT"])
    >>> modality_of(doc[3]).value
    'negated'
    """
    lexicon = lexicon or load_modality_lexicon()
    if not _is_clause_head(trigger):
        for child in trigger.children:  # "the planned talks", "the alleged attack"
            if child.dep_ in {"amod", "compound"} and child.lower_ in lexicon.nominal_modifiers:
                if not any(True for _ in child.children):  # "long-threatened invasion" tells its history
                    return lexicon.nominal_modifiers[child.lower_]
        if any(c.dep_ == "poss" for c in trigger.children) and _names_an_event(trigger, lexicon):
            # A possessive nominal presupposes its event, whatever the clause around it does:
            # "demanded that the US match the EU's support for ...", "Will Iran's war with Iraq end?"
            return Modality.ASSERTED
    if _is_question(trigger):
        return Modality.INTERROGATIVE
    skip: Token | None = None
    token = trigger
    if trigger.dep_ in {"aux", "auxpass"} and trigger.tag_ == "MD":
        skip, token = trigger, trigger.head
    pending: Modality | None = None  # a governor's class, applied after the governor's own negation
    if not _is_clause_head(token):
        if any(c.dep_ in {"det", "neg"} and c.lower_ in lexicon.negation_words for c in token.children):
            return Modality.NEGATED
        presupposed = _presupposed(token) and token.dep_ != "nsubjpass"  # "the talks are scheduled for"
        # Nominal triggers: climb to the governing verb, watching governing nouns and prepositions.
        while not _is_clause_head(token):
            head = token.head
            found = _noun_class(head, lexicon, trigger)
            if found is not None:
                return found
            if head.dep_ == "prep" and head.lower_ in lexicon.negating_prepositions:
                return Modality.NEGATED
            token = head
        if not presupposed:
            pending = _governor_class(token, lexicon, trigger, lexicon.object_governors)
    clause = token
    seen: set[int] = set()
    while clause.i not in seen:
        seen.add(clause.i)
        markers = _clause_markers(clause, lexicon, skip)
        if markers is Modality.NEGATED or (markers is not None and pending is None):
            return markers
        if pending is not None:
            return pending
        head, dep = clause.head, clause.dep_
        if head.i == clause.i:
            return Modality.ASSERTED
        if dep == "ccomp" and detached_clause(clause, lexicon):
            return Modality.ASSERTED
        if dep in {"xcomp", "ccomp", "csubj", "dobj", "attr", "oprd"}:  # gerund objects: "denied arming"
            if not _is_clause_head(head):
                found = _noun_class(head, lexicon, trigger)
                if found is not None:
                    return found
                if head.pos_ == "ADJ":  # "is ready to negotiate", "is due to brief"
                    pending = _lookup(head, lexicon.verb_governors)
                clause = governing_verb(head)
                continue
            pending = _governor_class(head, lexicon, trigger)
            clause = head
        elif dep == "advcl":
            marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
            if marks & lexicon.independent_marks:
                return Modality.ASSERTED
            inherited = modality_of(head, lexicon)
            return Modality.ASSERTED if inherited is Modality.NEGATED else inherited
        elif dep == "conj":
            if not _shares_frame(clause):
                return Modality.ASSERTED
            clause = head
        elif dep in {"pcomp", "pobj", "acl"}:
            if head.dep_ == "prep" and head.lower_ in lexicon.negating_prepositions:
                return Modality.NEGATED
            if head.dep_ == "prep" and head.head.lower_ in lexicon.negating_heads:
                return Modality.NEGATED  # "stopped short of accusing"
            governor = head.head if head.dep_ == "prep" else head
            found = _noun_class(governor, lexicon, trigger)
            if found is not None:
                return found
            if dep == "acl" and governor.i == head.i:
                return Modality.ASSERTED
            if _is_clause_head(governor):
                pending = _governor_class(governor, lexicon, trigger)
                clause = governor
            else:
                clause = governing_verb(governor)
        else:
            return Modality.ASSERTED
    return Modality.ASSERTED


def detached_clause(clause: Token, lexicon: ModalityLexicon | None = None) -> bool:
    """True for a "complement" the parser hung on a clause that only comments on it.

    A clause split from its head by a semicolon ("X accused Y; Z rejects the claim") or one
    followed by "a charge Z denies" is a separate statement, not the content of that verb.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> words = ["Chile", "accused", "Peru", ";", "Peru", "denies", "it"]
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 5, 1, 5, 5, 5, 5],
    ...           deps=["nsubj", "ccomp", "dobj", "punct", "nsubj", "ROOT", "dobj"])
    >>> detached_clause(doc[1])
    True
    """
    lexicon = lexicon or load_modality_lexicon()
    head = clause.head
    if clause.dep_ != "ccomp" or head.i == clause.i:
        return False
    low, high = sorted((clause.i, head.i))
    if any(t.text == ";" and t.head.i == head.i for t in clause.doc[low:high]):
        return True
    return clause.i < head.i and any(
        c.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(t.lemma_.lower() in lexicon.comment_nouns for t in c.subtree)
        for c in head.children
    )


def _names_an_event(noun: Token, lexicon: ModalityLexicon) -> bool:
    """A nominal with its own arguments ("condemnation of Israel", "demand that ...") names an event;
    "its ambassador (from X)" does not."""
    return any(
        (c.dep_ == "prep" and c.lower_ in lexicon.event_argument_prepositions) or c.dep_ in {"acl", "ccomp"}
        for c in noun.children
    )


def _presupposed(noun: Token) -> bool:
    """A possessive or definite nominal ("the army's demand", "the sanctions") names an event that happened."""
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"})
        for c in noun.children
    )


def _noun_class(noun: Token, lexicon: ModalityLexicon, trigger: Token) -> Modality | None:
    """The modality a governing noun ("plan to", "the possibility of", "calls for") gives its complement."""
    if noun.i == trigger.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if set(_forms(trigger)) & lexicon.threat_words and set(_forms(noun)) & lexicon.commissive_governors:
        return None
    return _lookup(noun, lexicon.noun_governors)
