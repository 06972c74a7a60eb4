"""The pattern commands of the command line: ``test`` (regression cases) and ``validate``."""
from test_cli import BLANK, REPO, run, runner, user_patterns, write_jsonl  # noqa: F401  (runner, user_patterns: fixtures)

from spacy_diplomacy.pattern_files import bundled_pattern_paths

CASE_FILES = sorted((REPO / "patterns" / "tests").glob("*.jsonl"))


# test -----------------------------------------------------------------------------


def test_bundled_pattern_cases_pass(runner):
    assert CASE_FILES, "patterns/tests/*.jsonl are missing"
    result = run(runner, "test", *CASE_FILES, *BLANK)
    assert result.exit_code == 0, result.stdout
    assert " 0 failed" in result.stdout


def test_failing_cases_show_a_diff(runner, tmp_path):
    cases = write_jsonl(
        tmp_path / "cases.jsonl",
        [
            {"text": "The P5+1 met.", "expect": [{"text": "P5+1", "label": "GROUP"}]},
            {"text": "Every child knows that 4 + 1 = 5.", "expect": [{"text": "4 + 1", "label": "GROUP"}]},
            {"text": "The P5+1 met.", "reject": [{"text": "P5+1", "label": "ACRONYM"}]},
            {"text": "The P5+1 met.", "expect": [{"text": "P5+1", "label": "GROUP", "members": ["FR"]}]},
            {"text": "The P5+1 and the EU met.", "expect": [{"text": "EU", "label": "ACRONYM"}], "exhaustive": True},
        ],
    )
    result = run(runner, "test", cases, *BLANK)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("PASS ") and f"{cases}:1" in lines[0]
    assert "- missing  GROUP \"4 + 1\"" in result.stdout
    assert "+ rejected ACRONYM \"P5+1\"" in result.stdout
    assert "found  GROUP \"P5+1\"" in result.stdout  # the near miss of the members case
    assert "+ extra    ACRONYM \"P5+1\"" in result.stdout
    assert lines[-1] == "1 passed, 4 failed"


def test_invalid_case_lines_fail(runner, tmp_path):
    cases = tmp_path / "cases.jsonl"
    cases.write_text('// comment\n{"text": "x", "expect": [{"text": "x", "label": "PLACE"}]}\nnot json\n', encoding="utf-8")
    result = run(runner, "test", cases, *BLANK)
    assert result.exit_code == 1
    assert f"error: {cases}:2: expect[1]: 'label' must be one of" in result.stderr
    assert f"error: {cases}:3: invalid JSON" in result.stderr
    assert "error" not in result.stdout.lower().replace("2 invalid case lines", "")


# validate -------------------------------------------------------------------------


def test_validate_good_file(runner, user_patterns):
    result = run(runner, "validate", user_patterns)
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.stdout


def test_validate_reports_every_problem(runner, tmp_path):
    first = write_jsonl(
        tmp_path / "first.jsonl",
        [
            {"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "ZQ", "members": ["FR"], "acronym": True},
            {"label": "TREATY", "id": "T", "name": "T", "pattern": "Foo Treaty", "colour": "red"},
            {"label": "TREATY_RULE", "id": "r", "pattern": [{"LOWER": "Treaty"}, {"ORTH": "Iran's"}]},
            {"label": "TREATY_RULE", "id": "r2", "pattern": [{"SHAPE_OF": "Xxx"}]},
            {"label": "TREATY", "id": "T2", "name": "T2", "pattern": "Foo\u2011Bar  Accord"},
            {"label": "CONTEXT", "id": "c", "pattern": ["trade-show"]},
        ],
    )
    with open(first, "a", encoding="utf-8") as out:
        out.write("{not json\n")
    second = write_jsonl(
        tmp_path / "second.jsonl",
        [
            {"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "Zorblax Quartet", "members": ["FR"]},  # same data: fine
            {"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "ZQ", "members": ["DE"]},
            {"label": "TREATY", "id": "T", "name": "T", "pattern": "Foo Treaty", "year": "1990"},
        ],
    )
    result = run(runner, "validate", first, second)
    assert result.exit_code == 1
    assert result.stdout == "2 file(s): 10 error(s), 0 warning(s)\n"
    out = result.stderr
    assert f"{first}:2: unknown field 'colour'" in out
    assert f"{first}:3: token 0 LOWER 'Treaty' has capitals" in out
    assert f"{first}:3: token 1 ORTH \"Iran's\" is split by the tokenizer" in out
    assert f"{first}:4: field 'pattern': invalid token pattern" in out and "SHAPE_OF" in out
    assert f"{first}:5: phrase" in out and "U+2011" in out and "whitespace" in out
    assert f"{first}:6: keyword 'trade-show' is split" in out
    assert f"{first}:7: invalid JSON" in out
    assert f"{second}:1:" not in out
    assert f"{second}:2: duplicate GROUP id 'ZQ' with different members than {first}:1" in out
    assert f"{second}:3: field 'year' must be an integer" in out


def test_validate_remove_record_ends_an_id(runner, tmp_path):
    patterns = write_jsonl(
        tmp_path / "p.jsonl",
        [
            {"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "ZQ", "members": ["FR"]},
            {"label": "GROUP", "id": "ZQ", "remove": True},
            {"label": "GROUP", "id": "ZQ", "name": "Z", "pattern": "ZQ", "members": ["DE"]},
        ],
    )
    assert run(runner, "validate", patterns).exit_code == 0


def test_validate_checks_the_bundled_files_by_default(runner):
    result = run(runner, "validate")
    assert result.exit_code == 0, result.output
    assert f"{len(bundled_pattern_paths())} file(s): 0 error(s), 0 warning(s)" in result.stdout
