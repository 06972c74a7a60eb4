"""Each WORD_LIST record of patterns/attribution_words.jsonl is needed: every test
below names one list, says what its words do, and fails when the list is emptied
(benchmarks/rule_survivors.py --labels WORD_LIST checks that). Own sentences,
written for these tests; the names are invented."""


def found(doc):
    """(cue, speaker, speaker_resolved, content) of each attribution, as text."""
    def text(span):
        return span.text if span is not None else None
    return [(a.cue.text, text(a.speaker), text(a.speaker_resolved), text(a.content)) for a in doc._.attributions]


def by_cue(doc, cue):
    return [f for f in found(doc) if f[0] == cue]


def test_plural_pronouns(blank_nlp, parsed_nlp):
    """plural_pronouns: "they" is a speaker (blank mode) and refers back to a group,
    here an institution that spoke before."""
    text = "The foreign ministry said the border would stay closed. They later told reporters that talks would resume."
    assert by_cue(blank_nlp(text), "told") == [("told", "They", "The foreign ministry", "talks would resume")]
    assert by_cue(parsed_nlp(text), "told")[0][2] == "The foreign ministry"


def test_speaker_pronouns(blank_nlp):
    """speaker_pronouns: "I" is a speaker (blank mode), and one that is not resolved
    to an earlier third-person speaker."""
    doc = blank_nlp("Tomas Berg said the talks were over. I told the committee that the embargo would stay.")
    assert by_cue(doc, "told") == [("told", "I", None, "the embargo would stay")]


def test_female_possessives(blank_nlp):
    """female_possessives: "hers" after a name shows a woman, so a later "she" goes
    back past a speaker of unknown gender."""
    doc = blank_nlp('Kari Aalto said the decision was hers to make. Berg Virtanen said the talks were over. '
                    '"We will meet again," she said.')
    assert found(doc)[2][2] == "Kari Aalto"


def test_male_titles(blank_nlp):
    """male_titles: "Mr" shows a man, so a later "he" goes back past a speaker of
    unknown gender."""
    doc = blank_nlp('Mr Aalto said the ferry deal was close. Noor Haddad said the talks were over. '
                    '"We will meet again," he said.')
    assert found(doc)[2][2] == "Aalto"


def test_person_heads(blank_nlp):
    """person_heads: "analysts" heads a speaker with a prepositional modifier
    ("Analysts in Brussels") in blank mode; a noun not in the list does not."""
    doc = blank_nlp("Analysts in Brussels said the tariff plan would fail.")
    assert by_cue(doc, "said") == [("said", "Analysts in Brussels", "Analysts in Brussels", "the tariff plan would fail")]


def test_negations(blank_nlp):
    """negations: a negated cue is no report ("never said"), in blank mode."""
    assert found(blank_nlp("Pia Moreau never said the talks had failed.")) == []
    assert found(blank_nlp("No minister has said the deal is dead.")) == []


def test_infinitive_heads(parsed_nlp):
    """infinitive_heads: a cue in a "to"-infinitive under one of these verbs still
    reports a real act ("began to argue"); other infinitives are blocked."""
    doc = parsed_nlp("Berg began to argue that the sanctions had failed.")
    assert by_cue(doc, "argue") == [("argue", "Berg", "Berg", "the sanctions had failed")]


def test_time_words(blank_nlp):
    """time_words: a phrase of time after the cue ("late Monday", "on Sunday") is no
    content, so the content is the clause before the speaker."""
    doc = blank_nlp("The ferry deal is close, the envoy said late Monday.")
    assert by_cue(doc, "said")[0][3] == "The ferry deal is close"
    doc = blank_nlp("The ferry deal is close, the envoy said on Sunday.")
    assert by_cue(doc, "said")[0][3] == "The ferry deal is close"

