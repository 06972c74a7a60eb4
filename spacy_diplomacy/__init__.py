"""spacy-diplomacy: treaties, acronyms and group formats, and attributions in news text.

Importing the package registers the ``diplomacy`` factory and the extensions;
spaCy also finds the factory through the ``spacy_factories`` entry point.
"""
from .component import DiplomacyComponent, make_diplomacy
from .extensions import AttributionRecord, register_extensions
from .pattern_files import PatternError
from .record import to_record

__version__ = "0.1.0"
__all__ = ["DiplomacyComponent", "make_diplomacy", "AttributionRecord", "PatternError", "to_record", "__version__"]

register_extensions()
