"""spacy-diplomacy: treaties, acronyms and group formats, and attributions in news text.

spaCy finds the ``diplomacy`` factory through the ``spacy_factories`` entry
point; creating the component registers its ``Doc._`` and ``Span._``
extensions (``register_extensions`` does it without a component, e.g. to read
Docs from a DocBin in a fresh process).
"""
from .about import __version__
from .component import DiplomacyComponent, make_diplomacy
from .extensions import AttributionRecord, register_extensions
from .pattern_files import PatternError, PatternWarning
from .pipelines import installed_english_pipeline
from .record import to_record

__all__ = [
    "DiplomacyComponent",
    "make_diplomacy",
    "AttributionRecord",
    "PatternError",
    "PatternWarning",
    "installed_english_pipeline",
    "register_extensions",
    "to_record",
    "__version__",
]
