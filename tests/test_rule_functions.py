"""One sentence per rule function of ``PY_RULES`` in ``benchmarks/rule_survivors.py``
that no other test notices: each fails when that function is switched off (its
body replaced by its neutral return value). Own sentences, written for these tests."""
import spacy

from conftest import texts_of


def attributions(nlp, text):
    """(cue, speaker, content, type) of each attribution of ``text``."""
    return [(a.cue.text, a.speaker.text if a.speaker is not None else None, a.content.text, a.type)
            for a in nlp(text)._.attributions]


# -- attribution/cues.py ------------------------------------------------------------------

def test_blank_a_cue_with_a_negation_before_it_is_no_report(blank_nlp):
    """``_blocked_by_words``: without a parse, a negation or modal just before the cue
    ("No official said") makes it no report."""
    assert attributions(blank_nlp, "No envoy said that the ceasefire had collapsed.") == []


# -- attribution/stage.py -------------------------------------------------------------------

def test_a_quotation_with_a_cue_of_its_own_is_not_run_on(blank_nlp, parsed_nlp):
    """``_own_cue_after``: the quotation after a cue's sentence is not joined to it when
    its own cue follows it ('"A," X said. "B," Y said.')."""
    text = '"Our patience has limits," the envoy said. "The border stays shut," the minister said.'
    for nlp in (blank_nlp, parsed_nlp):
        found = attributions(nlp, text)
        assert ("said", "the envoy", "Our patience has limits,", "direct") in found
        assert ("said", "the minister", "The border stays shut,", "direct") in found


def test_a_quotation_is_no_content_of_a_verb_without_subject_in_a_noun_phrase(parsed_nlp):
    """``_direct_by_tree``: a quotation before a verb that has no subject and hangs in
    a noun phrase ("a phrase often said") is not what anybody said."""
    assert attributions(parsed_nlp, '"No peace without justice" is a slogan often said at rallies.') == []


# -- treaties.py ------------------------------------------------------------------------------

def test_an_acronym_takes_in_the_head_word_after_it(blank_nlp):
    """``_followed_by_head``: a listed treaty acronym followed by a head word that no
    alias lists ("CFE deal") is one mention with it."""
    doc = blank_nlp("Ankara walked away from the CFE deal after a long dispute.")
    assert [(s.text, s.id_) for s in doc._.treaties] == [("CFE deal", "CFE")]


def test_a_capitalized_word_at_a_sentence_start_names_no_agreement(tmp_path):
    """``_sentence_initial``: a two-word match with a lower-case head at the start of a
    sentence ("Bilateral agreement talks ...") is capitalized by position, not a name."""
    rules = tmp_path / "rules.jsonl"
    rules.write_text('{"label": "TREATY_RULE", "id": "word_agreement", '
                     '"pattern": [{"IS_TITLE": true}, {"LOWER": "agreement"}]}\n', encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([rules])
    doc = nlp("Bilateral agreement talks stalled again. Both cabinets still praise the Vantor agreement.")
    assert texts_of(doc._.treaties) == ["Vantor agreement"]


# -- acronyms.py ------------------------------------------------------------------------------

def test_an_acronym_that_is_also_a_word_does_not_count_among_capitals(blank_nlp):
    """``_in_capitals``: "WHO" after a lower-case "the" is the organisation, but not
    where the words around it are in capitals (a band name, a banner)."""
    assert blank_nlp("Fans queued for the WHO REUNION SHOW in Leeds.")._.acronyms == ()


# -- definitions.py ---------------------------------------------------------------------------

def test_a_long_form_found_by_its_letters_starts_at_a_content_word(blank_nlp):
    """``_content_start``: a long form matched letter by letter that would start at a
    function word ("of Arctic ...") starts at the capitalized word before it that
    has the short form's first letter ("Office of Arctic ...")."""
    doc = blank_nlp("The Office of Arctic and Alpine Research (OAR) opened a station in Vantor.")
    assert [d.long_form_text for d in doc._.definitions] == ["Office of Arctic and Alpine Research"]


# -- glued.py ---------------------------------------------------------------------------------

def test_a_dotted_acronym_glued_to_a_word_is_found(blank_nlp):
    """``has_glued_acronym``: "U.N." at the start of the one token "U.N.-brokered" is an acronym."""
    doc = blank_nlp("Talks on the U.N.-brokered truce resumed in Geneva.")
    assert [(s.text, s._.long_form) for s in doc._.acronyms] == [("U.N.-brokered", "United Nations")]
