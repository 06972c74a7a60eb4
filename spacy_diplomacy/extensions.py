"""Custom ``Doc._`` and ``Span._`` extensions: module-level getters that read the
component's span group (found by its marker attribute, whatever its key)."""
from typing import Any, Dict, Optional, Tuple

from spacy.tokens import Doc, Span, SpanGroup

from .attribution.result import Attribution

MARKER = "spacy_diplomacy"


AttributionRecord = Attribution     # the public name of the one attribution type


def diplomacy_group(doc: Doc) -> Optional[SpanGroup]:
    """The span group written by the diplomacy component, if any."""
    for group in doc.spans.values():
        if MARKER in group.attrs:
            return group
    return None


def _spans(doc: Doc, label: str) -> Tuple[Span, ...]:
    group = diplomacy_group(doc)
    return tuple(span for span in group if span.label_ == label) if group is not None else ()


def get_treaties(doc: Doc) -> Tuple[Span, ...]:
    return _spans(doc, "TREATY")


def get_acronyms(doc: Doc) -> Tuple[Span, ...]:
    return _spans(doc, "ACRONYM")


def get_groups(doc: Doc) -> Tuple[Span, ...]:
    return _spans(doc, "GROUP")


def get_treaty_references(doc: Doc) -> Tuple[Tuple[Span, str], ...]:
    group = diplomacy_group(doc)
    if group is None:
        return ()
    return tuple((doc[start:end], treaty_id) for start, end, treaty_id in group.attrs.get("treaty_references", []))


def get_attributions(doc: Doc) -> Tuple[Attribution, ...]:
    group = diplomacy_group(doc)
    if group is None:
        return ()
    return tuple(Attribution.from_json(doc, link) for link in group.attrs.get("attributions", []))


def span_data(span: Span, label: str) -> Dict[str, Any]:
    """What the component stored for the span at this position with this label."""
    group = diplomacy_group(span.doc)
    if group is None:
        return {}
    return group.attrs.get("data", {}).get(f"{label}:{span.start}:{span.end}", {})


def get_canonical(span: Span) -> Optional[str]:
    return span_data(span, "TREATY").get("name")


def get_long_form(span: Span) -> Optional[str]:
    return span_data(span, "ACRONYM").get("long_form")


def get_acronym_type(span: Span) -> Optional[str]:
    return span_data(span, "ACRONYM").get("type")


def get_members(span: Span) -> Tuple[str, ...]:
    data = span_data(span, "ACRONYM") or span_data(span, "GROUP")
    return tuple(data.get("members", ()))


def get_defined_in_text(span: Span) -> bool:
    return bool(span_data(span, "ACRONYM").get("defined_in_text", False))


DOC_EXTENSIONS = {
    "treaties": get_treaties,
    "acronyms": get_acronyms,
    "groups": get_groups,
    "attributions": get_attributions,
    "treaty_references": get_treaty_references,
}
SPAN_EXTENSIONS = {
    "canonical": get_canonical,
    "long_form": get_long_form,
    "acronym_type": get_acronym_type,
    "members": get_members,
    "defined_in_text": get_defined_in_text,
}


def register_extensions() -> None:
    """Register the getters (idempotent)."""
    for name, getter in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name) or Doc.get_extension(name)[2] is not getter:
            Doc.set_extension(name, getter=getter, force=True)
    for name, getter in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name) or Span.get_extension(name)[2] is not getter:
            Span.set_extension(name, getter=getter, force=True)
