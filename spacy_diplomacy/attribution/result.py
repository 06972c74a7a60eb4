"""One attribution: spans into the Doc, with pure converters to JSON (token offsets,
as stored in the span group's attrs) and back, and to labelled spans."""
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class Attribution:
    """Who said what. ``content`` runs from the first quoted word to the last;
    ``content_parts`` are the quoted parts alone (the content itself when indirect)."""

    cue: Span
    speaker: Optional[Span]
    speakers: Tuple[Span, ...]
    speaker_resolved: Optional[Span]
    content: Span
    content_parts: Tuple[Span, ...]
    type: str                       # "direct" | "indirect" | "mixed"
    cue_class: str
    rule: str
    role: Optional[Span] = None
    speakers_resolved: Tuple[Span, ...] = ()    # each conjoined speaker resolved ("Blinken and Lavrov")
    # what the statement is about (ids of agreements, groups, organisations in
    # its content) and the speaker's state or organisation: see statements.py
    agreements: Tuple[str, ...] = ()
    groups: Tuple[str, ...] = ()
    organizations: Tuple[str, ...] = ()
    affiliation: Optional[str] = None

    @property
    def quotation(self) -> str:
        """What was said without the cue and speaker inside a split quotation."""
        return " ".join(part.text for part in self.content_parts)

    def to_json(self) -> Dict[str, Any]:
        """JSON-safe form: [start, end] token offsets."""
        return {
            "cue": _offsets(self.cue), "speaker": _offsets(self.speaker),
            "speakers": [_offsets(s) for s in self.speakers],
            "speaker_resolved": _offsets(self.speaker_resolved), "content": _offsets(self.content),
            "content_parts": [_offsets(p) for p in self.content_parts], "role": _offsets(self.role),
            "type": self.type, "cue_class": self.cue_class, "rule": self.rule,
            "speakers_resolved": [_offsets(s) for s in self.speakers_resolved],
            "agreements": list(self.agreements), "groups": list(self.groups),
            "organizations": list(self.organizations), "affiliation": self.affiliation,
        }

    @classmethod
    def from_json(cls, doc: Doc, data: Dict[str, Any]) -> "Attribution":
        """The attribution stored by :meth:`to_json`, with spans into ``doc``."""
        def span(offsets):
            return doc[offsets[0]:offsets[1]] if offsets else None

        return cls(cue=span(data["cue"]), speaker=span(data["speaker"]),
                   speakers=tuple(span(s) for s in data["speakers"]),
                   speaker_resolved=span(data["speaker_resolved"]), content=span(data["content"]),
                   content_parts=tuple(span(p) for p in data["content_parts"]),
                   type=data["type"], cue_class=data["cue_class"], rule=data["rule"], role=span(data["role"]),
                   speakers_resolved=tuple(span(s) for s in data["speakers_resolved"]),
                   agreements=tuple(data.get("agreements", ())), groups=tuple(data.get("groups", ())),
                   organizations=tuple(data.get("organizations", ())), affiliation=data.get("affiliation"))

    def labelled_spans(self) -> List[Span]:
        """CUE, SPEAKER (each conjunct) and CONTENT spans for the component's span group."""
        doc = self.cue.doc
        spans = [Span(doc, self.cue.start, self.cue.end, label="CUE")]
        for s in self.speakers or ((self.speaker,) if self.speaker is not None else ()):
            spans.append(Span(doc, s.start, s.end, label="SPEAKER"))
        spans.append(Span(doc, self.content.start, self.content.end, label="CONTENT"))
        return spans


def _offsets(span: Optional[Span]) -> Optional[List[int]]:
    return [span.start, span.end] if span is not None else None
