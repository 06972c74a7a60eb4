"""``to_record``: one JSON-serializable record per Doc, in the schema of
``../shared/eval`` gold files (character offsets, end exclusive)."""
from typing import Any, Dict, Optional

from spacy.tokens import Doc, Span

from .extensions import get_acronyms, get_attributions, get_groups, get_treaties, span_data


def span_record(span: Optional[Span]) -> Optional[Dict[str, Any]]:
    """``{"start", "end", "text"}`` of a span, in characters; None for None."""
    if span is None:
        return None
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def to_record(doc: Doc) -> Dict[str, Any]:
    """Treaties, acronyms, groups and attributions of a processed Doc."""
    treaties = []
    for span in get_treaties(doc):
        data = span_data(span, "TREATY")
        treaties.append({**span_record(span), "id": span.id_, "name": data.get("name"), "rule": data.get("rule")})
    acronyms = []
    for span in get_acronyms(doc):
        data = span_data(span, "ACRONYM")
        acronyms.append(
            {
                **span_record(span),
                "id": span.id_,
                "long_form": data.get("long_form"),
                "type": data.get("type"),
                "members": list(data.get("members", [])),
                "defined_in_text": bool(data.get("defined_in_text")),
                "rule": data.get("rule"),
            }
        )
    groups = []
    for span in get_groups(doc):
        data = span_data(span, "GROUP")
        groups.append({**span_record(span), "id": span.id_, "members": list(data.get("members", [])), "rule": data.get("rule")})
    attributions = [
        {
            "cue": span_record(a.cue),
            "speaker": span_record(a.speaker),
            "speakers": [span_record(s) for s in a.speakers],
            "speaker_resolved": span_record(a.speaker_resolved),
            "speakers_resolved": [span_record(s) for s in a.speakers_resolved],
            "content": span_record(a.content),
            "content_parts": [span_record(p) for p in a.content_parts],
            "quotation": a.quotation,
            "role": span_record(a.role),
            "type": a.type,
            "cue_class": a.cue_class,
            "rule": a.rule,
        }
        for a in get_attributions(doc)
    ]
    return {"treaties": treaties, "acronyms": acronyms, "groups": groups, "attributions": attributions}
