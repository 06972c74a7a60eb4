"""Bundled rule data of spacy-diplomacy (JSONL pattern files)."""
