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


def said_content(nlp, text):
    """The content of the first "said" in ``text``."""
    return by_cue(nlp(text), "said")[0][3]


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
    assert by_cue(doc, "said")[0][1:] == ("Analysts in Brussels", "Analysts in Brussels", "the tariff plan would fail")


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
    assert said_content(blank_nlp, "The ferry deal is close, the envoy said late Monday.") == "The ferry deal is close"
    assert said_content(blank_nlp, "The ferry deal is close, the envoy said on Sunday.") == "The ferry deal is close"


def test_place_adverbs(blank_nlp):
    """place_adverbs: a phrase opened by "here" or "there" after the cue is no content."""
    text = "The ferry deal is close, the envoy said here on Monday."
    assert said_content(blank_nlp, text) == "The ferry deal is close"


def test_place_prepositions(blank_nlp):
    """place_prepositions: a short phrase of place after the cue ("in Geneva") is no content."""
    assert said_content(blank_nlp, "The ferry deal is close, the envoy said in Geneva.") == "The ferry deal is close"


def test_wh_relatives(blank_nlp, parsed_nlp):
    """wh_relatives: a parenthesis opened by "who" describes the speaker before it
    (blank mode), and a clause after the cue opened by "which" is no content (parser)."""
    doc = blank_nlp("A senior diplomat, who declined to be named, said the embassy would stay closed.")
    assert by_cue(doc, "said")[0][1] == "A senior diplomat"
    doc = parsed_nlp("The envoy called for calm, which the rebels rejected.")
    assert by_cue(doc, "called for")[0][3] == "calm"


def test_phrase_links(blank_nlp):
    """phrase_links: "familiar" and "close" join a person noun to the phrase that
    describes it ("Diplomats familiar with the talks")."""
    doc = blank_nlp("Diplomats familiar with the talks said the draft was ready.")
    assert by_cue(doc, "said")[0][1] == "Diplomats familiar with the talks"
    doc = blank_nlp("Sources close to the cabinet said the vote would be delayed.")
    assert by_cue(doc, "said")[0][1] == "Sources close to the cabinet"


def test_audience_nouns(parsed_nlp):
    """audience_nouns: "reporters" after "told" is whom it was said to, never the content."""
    assert by_cue(parsed_nlp("Pia Moreau told reporters after the meeting."), "told") == []


def test_plain_speech_verbs(parsed_nlp):
    """plain_speech_verbs: after "told the delegates" a phrase of time ("on Monday"),
    and after "said" a phrase of place ("on the sidelines of the summit"), is no
    content: only a direct object of "say" or "tell" can be."""
    assert by_cue(parsed_nlp("The envoy told the delegates on Monday."), "told") == []
    assert by_cue(parsed_nlp("Okafor said on the sidelines of the summit."), "said") == []


def test_be_forms(blank_nlp):
    """be_forms: "It was announced" has no speaker, and the subject of a passive cue
    ("was told", "is told") heard it rather than said it (blank mode)."""
    assert found(blank_nlp("It was announced that the border would reopen.")) == []
    assert found(blank_nlp("The envoy was told that the border would reopen.")) == []
    assert found(blank_nlp("Each new envoy is told that the border stays shut.")) == []


def test_complementizers(blank_nlp):
    """complementizers: "that" after a cue word that is also a noun ("notes") shows
    it is the verb (blank mode)."""
    doc = blank_nlp("The ministry notes that the vote was fair.")
    assert by_cue(doc, "notes") == [("notes", "The ministry", "The ministry", "the vote was fair")]


def test_object_pronouns(blank_nlp):
    """object_pronouns: "them" before a cue word is its object, never the speaker
    ("showed them reports that ...")."""
    assert found(blank_nlp("The envoy showed them reports that the convoy had been hit.")) == []


def test_personal_relatives(parsed_nlp):
    """personal_relatives: a cue in a clause opened by "who" is spoken by the noun the
    clause belongs to, a person even when the noun is in no other list."""
    doc = parsed_nlp("An economist, who said the tariffs would hurt exporters, left the panel.")
    assert by_cue(doc, "said")[0][1] == "An economist"


def test_source_prepositions(parsed_nlp):
    """source_prepositions: the object of "by" after a noun cue is its source."""
    doc = parsed_nlp("The remarks by the envoy that the border would reopen surprised Riga.")
    assert by_cue(doc, "remarks")[0][1] == "envoy"


def test_articles(blank_nlp):
    """articles: "The minister" is a description, resolved to an earlier speaker."""
    doc = blank_nlp("Ms Moreau said the talks were close. The minister added that a deal could come soon.")
    assert by_cue(doc, "added")[0][2] == "Moreau"


def test_coordinators(blank_nlp):
    """coordinators: a speaker phrase does not begin with "and" ("and officials")."""
    assert found(blank_nlp("The talks stalled, and officials said the deal was off.")) == []
