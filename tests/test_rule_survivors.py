"""``benchmarks/rule_survivors.py``: a rule no test notices is listed, a tested one is not."""
import json
import shutil
from pathlib import Path

import pytest

from conftest import load_script

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "benchmarks" / "rule_survivors.py"
COVERED = {"label": "TREATY_RULE", "id": "covered_rule", "pattern": [{"LOWER": "zorblaxian"}, {"LOWER": "treaty"}]}
UNCOVERED = {"label": "TREATY_RULE", "id": "uncovered_rule", "pattern": [{"LOWER": "quorbish"}, {"LOWER": "pact"}]}
TINY_TEST = '''
import spacy

import spacy_diplomacy  # noqa: F401


def test_the_covered_rule_finds_its_treaty():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    doc = nlp("Both sides signed the zorblaxian treaty on Monday.")
    assert "zorblaxian treaty" in [span.text for span in doc.spans["diplomacy"] if span.label_ == "TREATY"]
'''


@pytest.fixture(scope="module")
def survivors_script():
    return load_script(SCRIPT, "rule_survivors")


@pytest.fixture
def checkout(tmp_path):
    """A checkout with the real package and patterns, two extra rules and one test."""
    root = tmp_path / "checkout"
    shutil.copytree(REPO / "spacy_diplomacy", root / "spacy_diplomacy", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "patterns", root / "patterns", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pyproject.toml", root / "pyproject.toml")
    with open(root / "patterns" / "treaty_rules.jsonl", "a", encoding="utf-8") as rules:
        rules.write("".join(json.dumps(record) + "\n" for record in (COVERED, UNCOVERED)))
    (root / "tests").mkdir()
    (root / "tests" / "test_tiny.py").write_text(TINY_TEST, encoding="utf-8")
    return root


def test_switching_off_keeps_line_numbers(survivors_script):
    text = '{"label": "TREATY_RULE", "id": "a", "pattern": "X"}\n{"label": "CONTEXT", "id": "b", "pattern": ["w"]}\n'
    rules = survivors_script
    dropped = rules.switched_off(text, rules.Rule("p.jsonl", 1, "TREATY_RULE", "a"))
    emptied = rules.switched_off(text, rules.Rule("p.jsonl", 2, "CONTEXT", "b"))
    assert dropped.split("\n")[:2] == ["", text.split("\n")[1]]
    assert json.loads(emptied.split("\n")[1]) == {"label": "CONTEXT", "id": "b", "pattern": []}


def test_facts_are_not_rules(survivors_script):
    found = survivors_script.find_rules(REPO, survivors_script.RULE_LABELS)
    assert found and {rule.label for rule in found} <= set(survivors_script.RULE_LABELS)
    assert ("TREATY_RULE", "name_treaty") in {(rule.label, rule.id) for rule in found}


def test_an_untested_rule_survives_and_a_tested_one_does_not(survivors_script, checkout, tmp_path, capsys):
    output = tmp_path / "survivors.json"
    status = survivors_script.main([
        "--root", str(checkout), "--labels", "TREATY_RULE", "--only", "TREATY_RULE:covered_rule,TREATY_RULE:uncovered_rule",
        "--tests", "tests/test_tiny.py", "--output", str(output),
    ])
    assert status == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"patterns/treaty_rules.jsonl:{len(rules_lines(checkout))} TREATY_RULE uncovered_rule"]
    report = json.loads(output.read_text(encoding="utf-8"))
    assert [rule["id"] for rule in report["survived"]] == ["uncovered_rule"]
    assert [rule["id"] for rule in report["noticed"]] == ["covered_rule"]
    assert report["counts"]["TREATY_RULE"] == {"survived": 1, "noticed": 1, "error": 0}


def rules_lines(checkout):
    return (checkout / "patterns" / "treaty_rules.jsonl").read_text(encoding="utf-8").rstrip("\n").split("\n")


MODULE = '''
class Gate:
    @staticmethod
    def blocked(word,
                strict=True):
        """A rule: some words are blocked."""
        if strict and word == "never":
            return True
        return False


def extend(k):
    return k + 1
'''


def test_a_rule_function_is_switched_off_to_its_neutral_value(survivors_script):
    namespace = {}
    exec(compile(survivors_script.neutralized(MODULE, "Gate.blocked", "False"), "m.py", "exec"), namespace)
    assert namespace["Gate"].blocked("never") is False
    assert namespace["extend"](1) == 2
    extended = {}
    exec(compile(survivors_script.neutralized(MODULE, "extend", "k"), "m.py", "exec"), extended)
    assert extended["extend"](1) == 1 and extended["Gate"].blocked("never") is True


def test_every_declared_rule_function_exists_and_compiles_switched_off(survivors_script):
    found = survivors_script.find_rules(REPO, ["PY_RULE"])
    assert [rule.id for rule in found] == list(survivors_script.PY_RULES)
    for rule in found:
        source = (REPO / rule.file).read_text(encoding="utf-8")
        compile(survivors_script.switched_off(source, rule), rule.file, "exec")
        expected = "tests/test_attribution.py" if "/attribution/" in rule.file else "tests/test_treaties.py"
        assert expected in survivors_script.tests_for(rule, None)
