"""Custom ``Doc._`` and ``Span._`` extensions: module-level getters that read the
component's span group (found by its marker attribute, whatever its key)."""
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

from spacy.tokens import Doc, Span, SpanGroup

from .attribution.result import Attribution
from .errors import Errors

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


@dataclass(frozen=True)
class DefinitionRecord:
    """A short form defined in the text (as scispaCy's abbreviations): the short
    form and long form as spans, the long form's text with layout undone, and
    whether it names a state, international body, treaty or group of states."""

    short_form: Span
    long_form: Span
    long_form_text: str
    in_scope: bool


def get_definitions(doc: Doc) -> Tuple[DefinitionRecord, ...]:
    group = diplomacy_group(doc)
    if group is None:
        return ()
    return tuple(
        DefinitionRecord(doc[start:end], doc[long_start:long_end], text, in_scope)
        for start, end, long_start, long_end, text, in_scope in group.attrs.get("definitions", [])
    )


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
    "definitions": get_definitions,
}
SPAN_EXTENSIONS = {
    "canonical": get_canonical,
    "long_form": get_long_form,
    "acronym_type": get_acronym_type,
    "members": get_members,
    "defined_in_text": get_defined_in_text,
}


def _is_ours(getter: Any) -> bool:
    return getattr(getter, "__module__", None) == __name__


def _registered_getter(owner: type, name: str) -> Any:
    return owner.get_extension(name)[2] if owner.has_extension(name) else None


def register_extensions(prefix: str = "") -> None:
    """Register the getters as ``Doc._.<prefix><name>`` and ``Span._.<prefix><name>``.

    Idempotent; never replaces an extension of the same name that another
    library registered: raises a ValueError naming it and the config key
    (``extension_prefix``) that avoids the clash."""
    if prefix and not prefix.isidentifier():
        raise ValueError(Errors.EXTENSION_PREFIX.format(prefix=prefix))
    for owner, getters in ((Doc, DOC_EXTENSIONS), (Span, SPAN_EXTENSIONS)):
        for name, getter in getters.items():
            current = _registered_getter(owner, prefix + name)
            if owner.has_extension(prefix + name) and not _is_ours(current):
                raise ValueError(Errors.EXTENSION_TAKEN.format(owner=owner.__name__, name=prefix + name))
            if current is not getter:
                owner.set_extension(prefix + name, getter=getter, force=True)


def check_extensions(prefix: str = "") -> None:
    """Raise when another library re-registered one of our extension names after
    the component registered it (the extension would disagree with ``to_record``)."""
    for owner, getters in ((Doc, DOC_EXTENSIONS), (Span, SPAN_EXTENSIONS)):
        for name, getter in getters.items():
            if not _is_ours(_registered_getter(owner, prefix + name)):
                raise ValueError(Errors.EXTENSION_CLOBBERED.format(owner=owner.__name__, name=prefix + name))
