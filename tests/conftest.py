"""Shared fixtures: pipelines with the component, with and without a parser."""
import importlib.util
from pathlib import Path

import pytest
import spacy

import spacy_diplomacy  # noqa: F401  (registers extensions for direct use in tests)
from spacy_diplomacy.pipelines import installed_english_pipeline as trained_english_pipeline_name  # noqa: F401 (used by tests)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    return nlp


def load_pipeline_or_skip(kind: str = "parsed"):
    """``spacy.blank("en")`` for "blank", else the installed trained English
    pipeline (the test is skipped when there is none)."""
    if kind == "blank":
        return spacy.blank("en")
    name = trained_english_pipeline_name()
    if name is None:
        pytest.skip("no trained English pipeline installed")
    return spacy.load(name)


@pytest.fixture(scope="session")
def parsed_nlp():
    nlp = load_pipeline_or_skip()
    nlp.add_pipe("diplomacy")
    return nlp


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def texts_of(spans):
    return [span.text for span in spans]


def load_script(path: Path, name: str):
    """A benchmark script imported as a module, for testing its functions."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
