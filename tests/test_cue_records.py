"""Reporting verbs and nouns that must be cues, each in a sentence of its own
kind: dropping a cue record from patterns/attribution_verbs.jsonl fails its case
here (``benchmarks/rule_survivors.py``), and so does dropping a verb with a
particle or the phrase "according to". The lists are the specification, kept
apart from the data on purpose. Cues whose sense needs a particular object or
source ("rejected", "found", "showed") have tests of their own in
test_attribution_senses.py."""
import pytest

# past tenses of one-word reporting verbs
VERBS = """
    accused acknowledged added admitted admonished advised affirmed alerted alleged
    announced answered apologized appealed applauded argued asked assailed asserted
    assured attacked begged bemoaned berated bewailed blamed blasted boasted bragged
    briefed called castigated cautioned censured challenged characterized charged
    chastised chided cited claimed clarified commended commented complained complimented
    conceded condemned confided confirmed congratulated contended contradicted conveyed
    countered criticized declared decried defended demanded denied denounced deplored
    derided described detailed disavowed disclosed dismissed disparaged disputed
    downplayed dubbed echoed elaborated emphasized encouraged endorsed enquired
    estimated exclaimed excoriated exhorted explained expressed faulted forecasted
    hailed highlighted hinted implored indicated informed insisted instructed invited
    joked justified lambaste lamented lauded likened listed maintained mentioned mocked
    mused noted notified objected observed offered opined ordered outlined pled pledged
    posted praised predicted pressed proclaimed promised proposed protested published
    queried questioned quipped quoted reaffirmed reassured rebuked rebutted recalled
    recommended recounted refuted regretted reiterated remarked reminded repeated
    replied reported requested responded retorted revealed ridiculed said saluted
    scolded screamed shouted signalled slammed speculated stated stressed suggested
    summarized sworn testified thanked threatened told tweeted underlined underscored
    unveiled urged verified voiced vowed warned welcomed written yelled
""".split()

# one-word reporting nouns
NOUNS = """
    accusation admission allegation announcement appeal assertion assurance claim
    comment communique communiqué complaint confirmation criticism declaration demand
    denial insistence message plea pledge promise remark report request statement
    suggestion testimony warning
""".split()

# reporting verbs with a particle, and the phrase "according to": a sentence each,
# since each takes its own kind of content; the cue is the whole phrase
MULTI_WORD = [
    ("The trade commissioner pointed out that the tariffs had been in place since spring.", "pointed out"),
    ("The mediator spelled out the terms of the truce to both delegations.", "spelled out"),
    ("The defence minister lashed out at Western governments over the arms embargo.", "lashed out"),
    ("The archbishop spoke out against the expulsion of the aid workers.", "spoke out"),
    ("The foreign ministers called for an immediate ceasefire along the border.", "called for"),
    ("The envoy called on both parties to return to the negotiating table.", "called on"),
    ("The summit called upon member states to honour their aid pledges.", "called upon"),
    ("The opposition leader hit out at the government over the stalled talks.", "hit out"),
    ("The former chancellor weighed in on the dispute over fishing rights.", "weighed in"),
    ("The senator railed against the trade pact in a speech to farmers.", "railed against"),
    ("The governor sounded off about the delays at the border crossings.", "sounded off"),
    ("The spokeswoman played down the risk of a diplomatic rupture.", "played down"),
    ("The white paper set out the conditions for lifting the blockade.", "set out"),
    ("The vote was postponed until March, according to two diplomats at the talks.", "according to"),
]


@pytest.mark.parametrize("verb", VERBS)
def test_each_reporting_verb_is_a_cue(parsed_nlp, verb):
    doc = parsed_nlp(f"The foreign minister {verb} that the talks would resume next week.")
    assert verb in [a.cue.text for a in doc._.attributions]


@pytest.mark.parametrize("noun", NOUNS)
def test_each_reporting_noun_is_a_cue(parsed_nlp, noun):
    doc = parsed_nlp(f"The minister's {noun} that the talks would resume next week surprised the envoys.")
    assert noun in [a.cue.text for a in doc._.attributions]


@pytest.mark.parametrize("text, cue", MULTI_WORD)
def test_each_multi_word_cue_is_a_cue(parsed_nlp, text, cue):
    assert cue in [a.cue.text for a in parsed_nlp(text)._.attributions]
