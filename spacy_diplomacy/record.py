"""``to_record``: one JSON-serializable record per Doc, in the schema of
``../shared/eval`` gold files (character offsets, end exclusive)."""
from typing import Any, Dict, Optional

from spacy.tokens import Doc, Span

from .extensions import (
    get_acronyms,
    get_attributions,
    get_definitions,
    get_groups,
    get_treaties,
    diplomacy_group,
    get_treaty_references,
    span_data,
)
from .statements import LINK_FIELDS, link_statements


def to_record(doc: Doc, text: Optional[str] = None) -> Dict[str, Any]:
    """Treaties, acronyms, groups and attributions of a processed Doc; each
    attribution is linked to the agreements, groups and organisations of its
    content and to its speaker's affiliation (``statements.link_statements``).
    ``text``: ``doc.text``, when the caller has it already."""
    text = doc.text if text is None else text

    def span_record(span: Optional[Span]) -> Optional[Dict[str, Any]]:
        """``{"start", "end", "text"}`` of a span, in characters; None for None."""
        if span is None:
            return None
        return {"start": span.start_char, "end": span.end_char, "text": text[span.start_char : span.end_char]}

    treaties = []
    for span in get_treaties(doc):
        data = span_data(span, "TREATY")
        treaties.append(
            {
                **span_record(span),
                "id": span.id_,
                "name": data.get("name"),
                "gazetteered": data.get("gazetteered", True),
                "rule": data.get("rule"),
            }
        )
    acronyms = []
    for span in get_acronyms(doc):
        data = span_data(span, "ACRONYM")
        where = span_record(span)
        if "chars" in data:  # an acronym inside a longer token ("U.S.-led")
            start, end = data["chars"]
            where = {"start": start, "end": end, "text": span.text[start - span.start_char : end - span.start_char]}
        acronyms.append(
            {
                **where,
                "id": span.id_,
                "kb_id": span.kb_id_ or None,
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
            "agreements": list(a.agreements),
            "groups": list(a.groups),
            "organizations": list(a.organizations),
            "affiliation": a.affiliation,
        }
        for a in get_attributions(doc)
    ]
    treaty_references = [{**span_record(span), "id": treaty_id} for span, treaty_id in get_treaty_references(doc)]
    definitions = [
        {
            "short_form": span_record(d.short_form),
            "long_form": span_record(d.long_form),
            "expansion": d.long_form_text,
            "in_scope": d.in_scope,
        }
        for d in get_definitions(doc)
    ]
    record = {
        "treaties": treaties,
        "treaty_references": treaty_references,
        "acronyms": acronyms,
        "definitions": definitions,
        "groups": groups,
        "attributions": attributions,
    }
    return record


def link_attributions(doc: Doc, text: Optional[str] = None) -> None:
    """Store in the component's span group what each attribution is about and
    who its speaker speaks for (``statements.link_statements``), so that
    ``Doc._.attributions`` and ``to_record`` carry the same links (``text``:
    ``doc.text``, when the caller has it already)."""
    group = diplomacy_group(doc)
    stored = group.attrs.get("attributions", []) if group is not None else []
    if stored:
        text = doc.text if text is None else text
        linked = link_statements(to_record(doc, text), text=text)["attributions"]
        for link, found in zip(stored, linked):
            link.update({field: found[field] for field in LINK_FIELDS})
