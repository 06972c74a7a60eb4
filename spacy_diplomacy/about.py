"""The package version, read by pyproject.toml and by ``spacy_diplomacy.__version__``."""
__version__ = "0.1.0"
