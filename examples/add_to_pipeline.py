"""Add the diplomacy component to a pipeline and print what it finds in an article.

    python examples/add_to_pipeline.py examples/vienna_talks.txt
"""
import sys
from pathlib import Path

import spacy

from spacy_diplomacy.pipelines import installed_english_pipeline


def load_pipeline():
    """The installed English pipeline (attribution uses its parser), else a blank one."""
    name = installed_english_pipeline()
    return spacy.load(name) if name else spacy.blank("en")


def main(path: str) -> None:
    nlp = load_pipeline()
    nlp.add_pipe("diplomacy")
    doc = nlp(Path(path).read_text(encoding="utf-8"))
    for span in doc._.treaties:
        print(f"TREATY   {span.text!r:45} id={span.id_} name={span._.canonical!r}")
    for span in doc._.acronyms:
        print(f"ACRONYM  {span.text!r:45} {span._.acronym_type:6} long_form={span._.long_form!r} members={span._.members}")
    for reference, treaty_id in doc._.treaty_references:
        print(f"REF      {reference.text!r:45} -> {treaty_id}")
    for a in doc._.attributions:
        speaker = a.speaker_resolved or a.speaker
        print(f"SAID     {speaker.text if speaker else None!r} [{a.cue.text}] {a.content.text if a.content else None!r}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("vienna_talks.txt")))
