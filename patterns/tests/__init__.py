"""Bundled pattern regression cases (JSONL)."""
