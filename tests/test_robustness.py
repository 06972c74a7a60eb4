"""Robustness: property tests over arbitrary and diplomatic text, normalization
that keeps offsets, long and degenerate documents (work counted, not timed),
and user patterns on annotation the pipeline lacks (the checks of malformed
pattern files are in test_pattern_files)."""
import json
import random

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from conftest import trained_english_pipeline_name
from spacy_diplomacy import acronyms, definitions, gazetteer, to_record
from spacy_diplomacy.gazetteer import normalize_text
from spacy_diplomacy.glued import has_glued_acronym

FRAGMENTS = [
    "Joint Comprehensive Plan of Action", "JCPOA", "P5+1", "P5 + 1", "4+1", "E3/EU+3", "U.S.", "IAEA", "New START",
    "Non-Proliferation Treaty", "Non\u2011Proliferation Treaty", "NPT", "(NPT)", "the deal", "the agreement", "Treaty",
    "Treaty of", "Paris", "International Atomic Energy Agency", "(IAEA)", "Iran\u2019s", "Iran's", "Lavrov", "Zarif",
    '"', "\u201c", "\u201d", "\u00ab", "\u00bb", "(", ")", "+", "\uff0b", "\u00a0", "\u2009", "\u202f", "\n", "\n\n",
    " ", " ", " ", ".", ",", ":", "said", "He added that", "according to", "told reporters", "the", "of",
]
# spaCy cannot hold lone surrogates (its string store encodes to UTF-8): texts
# exclude them here; the CLI reports such JSONL lines (test_extract_robustness).
UNICODE_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
DIPLOMATIC_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=50).map("".join)
TEXTS = st.one_of(DIPLOMATIC_TEXT, UNICODE_TEXT)
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def offsets_in(value):
    """Every {"start", "end", "text"} object nested in a record."""
    if isinstance(value, dict):
        if {"start", "end", "text"} <= set(value):
            yield value
        for item in value.values():
            yield from offsets_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from offsets_in(item)


def check_doc(doc):
    """Spans inside the doc on token boundaries; a JSON record whose offsets slice back to its texts."""
    starts = {token.idx for token in doc} | {len(doc.text)}
    ends = {token.idx + len(token) for token in doc} | {0}
    for span in doc.spans["diplomacy"]:
        assert 0 <= span.start < span.end <= len(doc)
    for start, end, _ in doc.spans["diplomacy"].attrs["treaty_references"]:
        assert 0 <= start < end <= len(doc)
    record = to_record(doc)
    json.loads(json.dumps(record, allow_nan=False))
    for item in offsets_in(record):
        assert doc.text[item["start"] : item["end"]] == item["text"]
        glued = has_glued_acronym(doc.text[item["start"] :])  # "U.S." of "U.S.-led" ends inside its token
        assert item["start"] in starts and (item["end"] in ends or glued)
    return record


@QUICK
@given(TEXTS)
def test_blank_pipeline_never_raises_and_records_are_consistent(blank_nlp, text):
    record = check_doc(blank_nlp(text))
    batch = list(blank_nlp.pipe(["The P5+1 met.", text, "", text], batch_size=2))
    assert to_record(batch[1]) == record == to_record(batch[3])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DIPLOMATIC_TEXT)
def test_trained_pipeline_never_raises_and_records_are_consistent(parsed_nlp, text):
    record = check_doc(parsed_nlp(text))
    assert to_record(list(parsed_nlp.pipe(["Zarif said so.", text]))[1]) == record


def fixed_texts(count, seed=7):
    """Texts drawn once from the fragments (processes are too slow to spawn per example)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 60))) for _ in range(count)]


def test_two_processes_give_the_same_records(blank_nlp):
    texts = fixed_texts(60)
    alone = [to_record(blank_nlp(text)) for text in texts]
    assert [to_record(doc) for doc in blank_nlp.pipe(texts, n_process=2, batch_size=7)] == alone


# Normalization that keeps offsets ------------------------------------------------------

def plain(value):
    """A record with odd spaces, hyphens, fullwidth forms and typographic apostrophes made plain."""
    if isinstance(value, str):
        return normalize_text(value).replace("\u2019", "'")
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


@pytest.mark.parametrize(
    "text",
    [
        "Iran signed the Joint\u00a0Comprehensive\u00a0Plan of Action in Vienna.",
        "The P5\u2009+\u20091 and the P5\u202f+\u202f1 met, then the P5\uff0b1 again.",
        "The E3/EU\uff0b3 talks resumed.",
        "The Non\u2011Proliferation Treaty and the Intermediate\u2010Range Nuclear Forces Treaty.",
        "The Treaty on the Non\u2011Proliferation of Nuclear Weapons (NPT) entered into force. The NPT holds.",
        "U.S.\u2011led talks with the IAEA\u3000began.",
        "Iran\u2019s Vienna Agreement was discussed, and Russia\u2019s New START obligations.",
        "The European Union\u2019s (EU) position and the Alpha Beta Council\u2019s (ABC) view: the ABC met.",
    ],
)
def test_odd_characters_match_as_their_plain_forms_with_original_offsets(blank_nlp, text):
    simple = normalize_text(text).replace("\u2019", "'")
    assert len(simple) == len(text)
    odd, expected = check_doc(blank_nlp(text)), to_record(blank_nlp(simple))
    assert any(odd[key] for key in ("treaties", "acronyms", "groups"))
    for key in ("treaties", "acronyms", "groups"):
        assert plain(odd[key]) == expected[key]


def test_possessives_stay_out_of_names_and_long_forms(blank_nlp):
    for apostrophe in ("'", "\u2019"):
        record = to_record(blank_nlp(f"Officials said Iran{apostrophe}s Vienna Agreement was discussed at length by the European Union{apostrophe}s (EU) envoys."))
        assert [t["text"] for t in record["treaties"]] == ["Vienna Agreement"]
        assert [(a["text"], a["long_form"]) for a in record["acronyms"]] == [("EU", "European Union")]


# Long and degenerate documents ---------------------------------------------------------

NEWS = (
    "The P5\u00a0+\u00a01 met in Vienna to discuss the Joint Comprehensive Plan of Action (JCPOA), the Iranian "
    "nuclear deal. \u201cWe are ready,\u201d Lavrov said. He added that the deal was alive. The Treaty of Paris and "
    "the U.S.\u2011led talks with the IAEA went on.\n"
)


def test_a_million_characters(blank_nlp):
    """The component has no length limit of its own: raise nlp.max_length for long documents."""
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    nlp.max_length = 1_100_000
    text = (NEWS * (1_000_000 // len(NEWS) + 1))[:1_000_000]
    doc = nlp(text)
    record = to_record(doc)
    assert len(record["groups"]) >= 1_000_000 // len(NEWS)
    assert record["treaties"][-1]["end"] <= len(text)
    json.dumps(record, allow_nan=False)


class WorkCounter:
    """Counts the matching work of one document through the module-level hooks."""

    def __init__(self, monkeypatch):
        self.work = 0
        anchor_windows, mentions = gazetteer.anchor_windows, acronyms._mentions
        match_rule, search_back = gazetteer.AnchoredRule.__call__, definitions._schwartz_hearst_start

        def count_windows(*args):
            windows = anchor_windows(*args)
            self.work += sum(high - low for low, high in windows)
            return windows

        def count_matches(rule, doc, anchors):
            found = match_rule(rule, doc, anchors)
            self.work += len(found)
            return found

        def count_long_form_search(doc, window_start, end, letters):
            self.work += end - window_start
            return search_back(doc, window_start, end, letters)

        def count_mentions(doc, text, short_forms):
            self.work += len(text)
            return mentions(doc, text, short_forms)

        monkeypatch.setattr(gazetteer, "anchor_windows", count_windows)
        monkeypatch.setattr(gazetteer.AnchoredRule, "__call__", count_matches)
        monkeypatch.setattr(definitions, "_schwartz_hearst_start", count_long_form_search)
        monkeypatch.setattr(acronyms, "_mentions", count_mentions)

    def of(self, nlp, doc):
        self.work = 0
        nlp.get_pipe("diplomacy")(doc)
        return self.work


def distinct_definitions(size):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    parts, i = [], 0
    while sum(map(len, parts)) < size:
        a, b, c = letters[i % 26], letters[i // 26 % 26], letters[i // 676 % 26]
        parts.append(f"The {a}xx {b}yy {c}zz Agency ({a}{b}{c}A) met; the {a}{b}{c}A said so. ")
        i += 1
    return "".join(parts)[:size]


DEGENERATE = {
    "news": lambda n: (NEWS * (n // len(NEWS) + 1))[:n],
    "treaty words": lambda n: ("Treaty Agreement Accord Pact " * n)[:n],
    "treaty words and no-break spaces": lambda n: ("Treaty\u00a0" * n)[:n],
    "no-break spaces only": lambda n: "\u00a0" * n,
    "fullwidth plus, no space": lambda n: ("a" * 50 + "P5\uff0b1") * (n // 54),
    "defined acronyms": distinct_definitions,
    "parentheses": lambda n: "( ) " * (n // 4),
    "capitals in parentheses": lambda n: ("ABC DEF (GHI) , , , (JK) " * n)[:n],
    "quotes": lambda n: ('" \u201c \u201d \u00ab \u00bb ' * n)[:n],
}


@pytest.mark.parametrize("name", list(DEGENERATE))
def test_work_grows_linearly_with_the_text(blank_nlp, monkeypatch, name):
    counter = WorkCounter(monkeypatch)
    make = DEGENERATE[name]
    small, large = (counter.of(blank_nlp, blank_nlp.make_doc(make(n))) for n in (20_000, 40_000))
    assert large <= 2.3 * max(small, 1), (small, large)


def words_doc(nlp, words):
    return Doc(nlp.vocab, words=words, spaces=[True] * len(words))


def test_degenerate_documents(blank_nlp):
    # spaCy's English tokenizer is itself quadratic on long runs of punctuation
    # without spaces, so the longest runs are built as Docs from words.
    nothing = [
        words_doc(blank_nlp, ['"'] * 10_000),
        words_doc(blank_nlp, ["\u201c", "\u201d"] * 5_000),
        words_doc(blank_nlp, ["(", ")"] * 5_000),
        words_doc(blank_nlp, ["("] * 5_000 + [")"] * 5_000),
        blank_nlp('"' * 500),
        blank_nlp(""),
        blank_nlp(" \n\t\u00a0\u2009 \n\n "),
    ]
    for doc in nothing:
        assert check_doc(blank_nlp(doc)) == {
            "treaties": [], "treaty_references": [], "acronyms": [], "definitions": [], "groups": [], "attributions": []
        }
    buried_names = [
        blank_nlp("(" * 300 + "NPT" + ")" * 300),
        blank_nlp("((((((((((the Treaty (on the (Non-Proliferation (of (Nuclear) Weapons) (NPT))))))))))"),
    ]
    for doc in buried_names:
        record = check_doc(blank_nlp(doc))
        assert [(t["text"], a["text"]) for t, a in zip(record["treaties"], record["acronyms"])] == [("NPT", "NPT")]
        assert len(record["treaties"]) == len(record["acronyms"]) == 1
        assert record["groups"] == record["attributions"] == []


def test_a_definition_two_hundred_tokens_long(blank_nlp):
    long_form = " ".join(f"Word{i}" for i in range(198)) + " International Agency"
    doc = blank_nlp(f"The {long_form} (WIA) met. The WIA said so. The NPT (" + " ".join(["x"] * 200) + ") held.")
    record = check_doc(doc)
    assert [acronym["text"] for acronym in record["acronyms"]] == ["WIA", "WIA", "NPT"]
    for acronym in record["acronyms"]:
        assert 1 <= len(acronym["long_form"].split()) <= 30, acronym
    assert [(d["short_form"]["text"], d["expansion"]) for d in record["definitions"]] == [("WIA", "Word197 International Agency")]


# Pattern files -------------------------------------------------------------------------


def test_patterns_on_missing_annotation_match_nothing_instead_of_failing(tmp_path):
    path = tmp_path / "pos.jsonl"
    path.write_text('{"label": "TREATY_RULE", "id": "r", "pattern": [{"POS": "PROPN"}, {"LOWER": "pact"}]}\n', encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy", config={"use_bundled_patterns": False}).add_pattern_files([path])
    assert to_record(nlp("The Paris pact held."))["treaties"] == []
    name = trained_english_pipeline_name()
    if name is not None:
        trained = spacy.load(name)
        trained.add_pipe("diplomacy", config={"use_bundled_patterns": False}).add_pattern_files([path])
        assert [t["text"] for t in to_record(trained("Leaders signed the Paris pact."))["treaties"]] == ["Paris pact"]
