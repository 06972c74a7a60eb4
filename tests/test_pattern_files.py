"""Pattern files: bundled files load and are big enough; every malformed case is named by file and line."""
import pytest
import spacy
import srsly

from spacy_diplomacy.pattern_files import (
    PatternError,
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


@pytest.mark.parametrize(
    "line,expected",
    [
        ("{broken", "p.jsonl:1: invalid JSON"),
        ('["a list"]', "p.jsonl:1: expected a JSON object"),
        ('{"pattern": "x", "id": "x"}', "p.jsonl:1: missing field 'label'"),
        ('{"label": "WIDGET", "pattern": "x", "id": "x"}', "unknown label 'WIDGET'"),
        ('{"label": "TREATY", "pattern": "", "id": "x", "name": "X"}', "empty pattern"),
        ('{"label": "TREATY", "pattern": [], "id": "x", "name": "X"}', "empty token pattern"),
        ('{"label": "TREATY", "pattern": 7, "id": "x", "name": "X"}', "must be a phrase (string) or a token pattern"),
        ('{"label": "TREATY", "pattern": "X", "id": "x", "name": "X", "colour": "red"}', "unknown field 'colour'"),
        ('{"label": "TREATY", "pattern": "X", "id": "x", "name": "X", "year": "1990"}', "field 'year' must be an integer"),
        ('{"label": "ACRONYM", "pattern": "XA", "id": "XA", "long_form": "X A", "type": "PLANET"}', "must be one of STATE, ORG, TREATY"),
        ('{"label": "GROUP", "pattern": "G9", "id": "G9", "name": "G9", "members": "FR"}', "field 'members' must be a list"),
        ('{"label": "TREATY_RULE", "id": "r", "pattern": [{"SHAPE_OF_THINGS": "Xx"}]}', "invalid token pattern"),
        ('{"label": "TREATY_RULE", "id": "r", "pattern": [{"TEXT": {"REGEX": "(unclosed"}}]}', "does not compile"),
    ],
)
def test_malformed_records(tmp_path, line, expected):
    message, path = problem(tmp_path, line)
    assert expected in message
    assert str(path) in message


def test_every_problem_is_reported_not_only_the_first(tmp_path):
    message, _ = problem(tmp_path, "{broken", '{"label": "TREATY", "id": "x"}')
    assert "p.jsonl:1:" in message and "p.jsonl:2:" in message


def test_file_that_is_not_utf8(tmp_path):
    message, _ = problem(tmp_path, raw=b'{"label": "TREATY", "pattern": "Caf\xe9 Accord", "id": "c", "name": "C"}\n')
    assert "p.jsonl:1: not UTF-8" in message


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
