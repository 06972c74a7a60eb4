"""``benchmarks/accuracy.py --min``: the dev-set floors CI checks outside the unit suite."""
import json
from pathlib import Path

import pytest

from conftest import load_script

ACCURACY = Path(__file__).resolve().parents[1] / "benchmarks" / "accuracy.py"
TEXT = "Delegates reviewed the NPT in Geneva on Monday."


@pytest.fixture(scope="module")
def accuracy():
    return load_script(ACCURACY, "accuracy_benchmark")


def gold_file(tmp_path, treaties):
    spans = [{"start": TEXT.index(name), "end": TEXT.index(name) + len(name), "text": name} for name in treaties]
    path = tmp_path / "gold.jsonl"
    record = {"id": "d1", "text": TEXT, "treaties": spans, "acronyms": [], "attributions": []}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def run(accuracy, tmp_path, gold, *floors):
    args = [str(gold), "--systems", "diplomacy-blank", "--output", str(tmp_path / "out.json")]
    return accuracy.main(args + [arg for floor in floors for arg in ("--min", floor)])


def test_met_floors_exit_0(accuracy, tmp_path, capsys):
    assert run(accuracy, tmp_path, gold_file(tmp_path, ["NPT"]), "treaty_f1=1.0", "cue_f1=0.5") == 0
    assert "all 2 floor(s) met" in capsys.readouterr().out


def test_an_unmet_floor_exits_1_and_names_file_system_and_metric(accuracy, tmp_path, capsys):
    # a gold "treaty" the component cannot find: recall 1/2, precision 1
    assert run(accuracy, tmp_path, gold_file(tmp_path, ["NPT", "Geneva"]), "treaty_r=0.9", "treaty_p=0.9") == 1
    out = capsys.readouterr().out
    assert "FAIL gold.jsonl diplomacy-blank: treaty_r=0.500 < 0.9" in out
    assert "treaty_p" not in out.split("FAIL", 1)[1]


def test_unknown_metric_is_rejected(accuracy, tmp_path, capsys):
    with pytest.raises(SystemExit):
        run(accuracy, tmp_path, gold_file(tmp_path, ["NPT"]), "treaty_recall=0.9")
    assert "unknown metric 'treaty_recall'" in capsys.readouterr().err
