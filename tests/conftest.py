"""Shared fixtures: pipelines with the component, with and without a parser."""
from pathlib import Path

import pytest
import spacy
from spacy.util import get_installed_models

import spacy_diplomacy  # noqa: F401  (registers extensions for direct use in tests)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def trained_english_pipeline_name():
    """en_core_web_sm if installed, else any installed en_core_web* package, else None."""
    installed = get_installed_models()
    if "en_core_web_sm" in installed:
        return "en_core_web_sm"
    return next((name for name in sorted(installed) if name.startswith("en_core_web")), None)


@pytest.fixture(scope="session")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("diplomacy")
    return nlp


@pytest.fixture(scope="session")
def parsed_nlp():
    name = trained_english_pipeline_name()
    if name is None:
        pytest.skip("no trained English pipeline installed")
    nlp = spacy.load(name)
    nlp.add_pipe("diplomacy")
    return nlp


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


def texts_of(spans):
    return [span.text for span in spans]
