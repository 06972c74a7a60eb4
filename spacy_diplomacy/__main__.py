"""``python -m spacy_diplomacy``: the ``spacy-diplomacy`` command line."""
from .cli import main

main()
