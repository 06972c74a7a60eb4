"""Pattern files: bundled files load and are big enough; every check is an error (or a warning)
of the loader and of the linter alike, named by file and line."""
import pytest
import spacy
import srsly
from test_cli import BLANK, run, runner  # noqa: F401  (runner: a fixture)

from spacy_diplomacy.pattern_files import (
    PatternError,
    PatternWarning,
    bundled_pattern_paths,
    load_patterns,
    merge_records,
    read_pattern_file,
)


def write(tmp_path, *lines, raw=None):
    path = tmp_path / "p.jsonl"
    if raw is not None:
        path.write_bytes(raw)
    else:
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def problem(tmp_path, *lines, raw=None):
    path = write(tmp_path, *lines, raw=raw)
    with pytest.raises(PatternError) as err:
        read_pattern_file(path)
    return str(err.value), path


def test_bundled_files_load_and_cover_the_required_ground():
    names = {p.name for p in bundled_pattern_paths()}
    assert {"treaties.jsonl", "acronyms.jsonl", "groups.jsonl", "attribution_verbs.jsonl"} <= names
    records = load_patterns()
    count = lambda label: sum(1 for r in records if r["label"] == label)  # noqa: E731
    assert count("TREATY") >= 150
    assert count("ACRONYM") >= 300
    assert count("GROUP") >= 25
    assert len({r["id"] for r in records if r["label"] == "CUE" and r["kind"] == "verb"}) >= 150


def test_bundled_ids_are_unique_or_agree():
    records = load_patterns()
    for label in ("TREATY", "ACRONYM"):
        ids = [r["id"] for r in records if r["label"] == label]
        assert len(ids) == len(set(ids)), label
    # a group may have an acronym-form record and a name-form record; they must agree on members
    members = {}
    for record in (r for r in records if r["label"] == "GROUP"):
        assert members.setdefault(record["id"], sorted(record["members"])) == sorted(record["members"]), record["id"]


def test_bundled_acronym_treaty_links_point_to_treaties():
    records = load_patterns()
    treaty_ids = {r["id"] for r in records if r["label"] == "TREATY"}
    links = {r["treaty"] for r in records if r["label"] == "ACRONYM" and "treaty" in r}
    assert links <= treaty_ids, sorted(links - treaty_ids)


def test_records_carry_their_source(tmp_path):
    path = write(tmp_path, "// a comment", "", '{"label": "TREATY", "pattern": "A Pact", "id": "a", "name": "A Pact"}')
    assert read_pattern_file(path)[0]["source"] == "p.jsonl:3"


GOOD = '{"label": "TREATY", "pattern": "Good Pact", "id": "good", "name": "Good Pact"}'
GROUP_ZQ = '{"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "ZQ", "members": ["FR"]}'
# Every check of pattern_checks: (lines after GOOD, the last one bad; a fragment of its error).
RECORD_CASES = [
    pytest.param('["a list"]', "expected a JSON object", id="not-an-object"),
    pytest.param('{"pattern": "x", "id": "x"}', "missing field 'label'", id="no-label"),
    pytest.param('{"label": "WIDGET", "pattern": "x", "id": "x"}', "unknown label 'WIDGET'", id="unknown-label"),
    pytest.param('{"label": "ACRONYM", "id": 7, "remove": true}', "a 'remove' record needs a string 'id'", id="remove-without-id"),
    pytest.param('{"label": "TREATY", "pattern": "X Pact"}', "missing field 'id'", id="missing-field"),
    pytest.param('{"label": "TREATY", "pattern": "X", "id": "x", "colour": "red"}', "unknown field 'colour'", id="unknown-field"),
    pytest.param('{"label": "TREATY", "pattern": "X", "id": "x", "name": 7}', "field 'name' must be a non-empty string", id="string"),
    pytest.param('{"label": "TREATY", "pattern": "X", "id": "x", "year": "1990"}', "field 'year' must be an integer", id="integer"),
    pytest.param('{"label": "GROUP", "pattern": "G9", "id": "G9", "acronym": "yes"}', "field 'acronym' must be true or false", id="bool"),
    pytest.param('{"label": "GROUP", "pattern": "G9", "id": "G9", "members": "FR"}', "field 'members' must be a list", id="string-list"),
    pytest.param('{"label": "ACRONYM", "pattern": "XA", "id": "XA", "type": "PLANET"}', "must be one of STATE, ORG, TREATY", id="one-of"),
    pytest.param('{"label": "ACRONYM", "pattern": "XA", "id": "XA", "long_form": 7}', "field 'long_form' must be", id="any-of"),
    pytest.param('{"label": "TREATY", "pattern": "  ", "id": "x"}', "empty pattern", id="empty-phrase"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": []}', "empty token pattern", id="empty-token-pattern"),
    pytest.param('{"label": "TREATY", "pattern": 7, "id": "x"}', "must be a phrase (string) or a token pattern", id="pattern-kind"),
    pytest.param('{"label": "TREATY", "pattern": "X", "id": "x", "aliases": "Y"}', "must be a list of phrases or token patterns", id="pattern-list"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"SHAPE_OF_THINGS": "Xx"}]}', "invalid token pattern", id="spacy-schema"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"TEXT": {"REGEX": "(unclosed"}}]}', "does not compile", id="regex"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"TEXT": {"REGEX": "a{99999999999}"}}]}', "does not compile", id="regex-overflow"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"TEXT": "A", "OP": "{2,1}"}, {"LOWER": "pact"}]}', "n > m", id="op-bounds"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"ORTH": ""}, {"LOWER": "pact"}]}', "ORTH '': no token is empty", id="empty-value"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"_": {"no_such_extension": 1}}]}', "not registered", id="extension"),
    # patterns that cannot match as written (the pipeline's tokenizer decides)
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"LOWER": "arms control"}]}', "token 0 LOWER 'arms control' contains whitespace", id="token-whitespace"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"LOWER": "Pact"}]}', "token 0 LOWER 'Pact' has capitals", id="token-capitals"),
    pytest.param('{"label": "TREATY_RULE", "id": "r", "pattern": [{"ORTH": "Oslo\'s"}]}', "token 0 ORTH \"Oslo's\" is split by the tokenizer", id="token-split"),
    pytest.param('{"label": "TREATY", "id": "x", "pattern": "Wexford\u2011Lune Pact"}', "contains U+2011", id="phrase-odd-character"),
    pytest.param('{"label": "TREATY", "id": "x", "pattern": "Wexford  Pact"}', "has leading or repeated whitespace", id="phrase-whitespace"),
    pytest.param('{"label": "TREATY", "id": "x", "pattern": "Wexford Pact", "aliases": ["Wexford\u2011Pact"]}', "contains U+2011", id="alias"),
    pytest.param('{"label": "DEFINITION", "id": "d", "type": "ORG", "pattern": ["co-op"]}', "keyword 'co-op': long forms are compared word by word", id="definition-keyword"),
    pytest.param('{"label": "CONTEXT", "id": "c", "pattern": ["trade-show"]}', "keyword 'trade-show' is split by the tokenizer", id="context-keyword"),
]
FILE_CASES = [
    pytest.param("{broken", "invalid JSON", id="json"),
    pytest.param(b'{"label": "TREATY", "pattern": "Caf\xe9 Accord", "id": "c"}', "not UTF-8", id="utf-8"),
    # records of one id are compared in file order (a remove record ends the id)
    pytest.param(f"{GROUP_ZQ}\n{GROUP_ZQ.replace('FR', 'DE')}", "duplicate GROUP id 'ZQ' with different members than {path}:2", id="conflicting-id"),
]


def bad_file(tmp_path, lines):
    """A pattern file of GOOD and the case's lines; its path and the number of its last line."""
    path = tmp_path / "bad.jsonl"
    content = lines if isinstance(lines, bytes) else lines.encode("utf-8")
    path.write_bytes(GOOD.encode("utf-8") + b"\n" + content + b"\n")
    return path, 1 + len(content.split(b"\n"))


def assert_reported(text, where, fragment):
    assert any(line.startswith(where) and fragment in line for line in text.splitlines()), text


@pytest.mark.parametrize("lines,fragment", RECORD_CASES + FILE_CASES)
def test_every_check_is_an_error_of_the_loader_and_of_the_linter(blank_nlp, runner, tmp_path, lines, fragment):
    path, line = bad_file(tmp_path, lines)
    fragment = fragment.format(path=path)
    pipe = blank_nlp.get_pipe("diplomacy")
    before = pipe.patterns
    with pytest.raises(PatternError) as err:
        pipe.add_pattern_files([path])
    assert_reported(str(err.value), f"{path}:{line}: ", fragment)
    assert pipe.patterns == before  # a bad file adds nothing, not even its good lines
    result = run(runner, "validate", path, *BLANK)
    assert result.exit_code == 1
    assert_reported(result.stderr, f"error: {path}:{line}: ", fragment)


@pytest.mark.parametrize("line,fragment", RECORD_CASES)
def test_every_check_of_one_record_is_an_error_of_add_patterns(blank_nlp, line, fragment):
    with pytest.raises(PatternError) as err:
        blank_nlp.get_pipe("diplomacy").add_patterns([srsly.json_loads(GOOD), srsly.json_loads(line)])
    assert_reported(str(err.value), "patterns[2]: ", fragment)


def test_a_repeated_record_is_a_warning_of_the_loader_and_of_the_linter(runner, tmp_path):
    path, line = bad_file(tmp_path, f"{GROUP_ZQ}\n{GROUP_ZQ}")
    with pytest.warns(PatternWarning) as caught:
        spacy.blank("en").add_pipe("diplomacy").add_pattern_files([path])
    assert [str(w.message) for w in caught] == [f"{path}:{line}: repeats GROUP 'ZQ' of {path}:2"]
    result = run(runner, "validate", path, *BLANK)
    assert result.exit_code == 0
    assert f"warning: {path}:{line}: repeats GROUP 'ZQ' of {path}:2" in result.stderr
    assert result.stdout == "1 file(s): 0 error(s), 1 warning(s)\n"


def test_records_of_one_id_may_split_their_patterns_even_when_normalized(tmp_path):
    """Acronym form with a long form, name form without: fine in a file, and as
    normalized records given in code (initialize's reader), where the name form
    has long_form [] filled in: add_patterns does not compare ids."""
    path = tmp_path / "split.jsonl"
    path.write_text(
        '{"label": "GROUP", "id": "Z4", "pattern": "Z4", "acronym": true, "long_form": "Zorblax Four", "members": ["FR"]}\n'
        '{"label": "GROUP", "id": "Z4", "pattern": "Zorblax Four", "members": ["FR"]}\n',
        encoding="utf-8",
    )
    nlp = spacy.blank("en")
    pipe = nlp.add_pipe("diplomacy", config={"use_bundled_patterns": False})
    pipe.add_patterns(read_pattern_file(path))
    assert [s.id_ for s in nlp("The Z4 and the Zorblax Four met.")._.groups] == ["Z4", "Z4"]


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    message, _ = problem(tmp_path, "{broken", '{"label": "TREATY", "id": "x"}')
    assert "p.jsonl:1:" in message and "p.jsonl:2:" in message


def test_remove_records_drop_earlier_ones():
    base = [{"label": "ACRONYM", "id": "UN", "pattern": "UN"}, {"label": "ACRONYM", "id": "EU", "pattern": "EU"}]
    merged = merge_records(base, [{"label": "ACRONYM", "id": "UN", "remove": True}])
    assert [r["id"] for r in merged] == ["EU"]


def test_written_records_read_back(tmp_path):
    records = [{"label": "TREATY", "pattern": "B Pact", "id": "b", "name": "B Pact", "aliases": ["BP"]}]
    srsly.write_jsonl(tmp_path / "w.jsonl", records)
    assert read_pattern_file(tmp_path / "w.jsonl")[0]["aliases"] == ["BP"]


def test_a_spanruler_style_record_works_for_every_name_label(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"label": "TREATY", "pattern": "Zorblax Accord", "id": "zorblax-9"}\n'
        '{"label": "ACRONYM", "pattern": "ZQO", "id": "ZQO"}\n'
        '{"label": "GROUP", "pattern": "Zorblax Five", "id": "Z5"}\n',
        encoding="utf-8",
    )
    records = read_pattern_file(path)
    assert [r["name"] for r in records if "name" in r] == ["Zorblax Accord", "Zorblax Five"]
    assert records[1]["long_form"] == [] and records[1]["type"] == "ORG"
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy").add_pattern_files([path])
    doc = nlp("The ZQO and the Zorblax Five backed the Zorblax Accord.")
    assert [(s.text, s.id_, s._.canonical) for s in doc._.treaties] == [("Zorblax Accord", "zorblax-9", "Zorblax Accord")]
    assert [s.text for s in doc._.acronyms] == ["ZQO"]
    assert [s.id_ for s in doc._.groups] == ["Z5"]


def test_records_are_normalized_once_at_load(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(
        '{"label": "ACRONYM", "pattern": "ZQO", "id": "ZQO", "long_form": "Zorblax Quorum Organization", "type": "ORG"}\n'
        '{"label": "CONTEXT", "id": "words", "pattern": ["summit"]}\n',
        encoding="utf-8",
    )
    acronym, context = read_pattern_file(path)
    assert acronym["long_form"] == ["Zorblax Quorum Organization"] and acronym["aliases"] == []
    assert context["polarity"] == "positive"


def test_context_polarity_is_a_field_not_an_id_prefix():
    from spacy_diplomacy.acronyms import ContextGate

    gate = ContextGate([{"id": "non_diplomatic_anything", "pattern": ["summit"], "polarity": "positive"},
                        {"id": "plain", "pattern": ["expo"], "polarity": "negative"}])
    assert gate.positive == {"summit"} and gate.negative == {"expo"}
