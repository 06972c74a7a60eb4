"""The ``diplomacy`` pipeline component: config, stages in order, serialization, scoring."""
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Union

import srsly
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.pipeline.span_ruler import overlapping_labeled_spans_score
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example
from spacy.util import ensure_path, filter_spans

from .acronyms import ContextGate, DefinitionRules, find_acronyms, find_definitions
from .attribution import AttributionStage
from .extensions import MARKER, register_extensions
from .gazetteer import Gazetteer, add_acronym_infix

from .pattern_files import load_patterns, merge_records, read_pattern_file, validate_records
from .treaties import find_references, find_treaties

GAZETTEER_LABELS = ("TREATY", "TREATY_RULE", "TREATY_REF", "ACRONYM", "GROUP")
SCHEMA_VERSION = 1
ENT_LABELS = {"TREATY": "TREATY", "GROUP": "GROUP", "STATE": "GPE", "ORG": "ORG"}

DEFAULT_CONFIG = {
    "spans_key": "diplomacy",
    "treaties": True,
    "acronyms": True,
    "attributions": True,
    "annotate_ents": False,
    "patterns": [],
    "use_bundled_patterns": True,
    "validate": True,
    "split_glued_acronyms": True,
}


@Language.factory("diplomacy", default_config=DEFAULT_CONFIG)
def make_diplomacy(
    nlp: Language,
    name: str,
    spans_key: str,
    treaties: bool,
    acronyms: bool,
    attributions: bool,
    annotate_ents: bool,
    patterns: List[str],
    use_bundled_patterns: bool,
    validate: bool,
    split_glued_acronyms: bool,
) -> "DiplomacyComponent":
    """Create the component; every argument is a config key."""
    return DiplomacyComponent(
        nlp,
        name,
        spans_key=spans_key,
        treaties=treaties,
        acronyms=acronyms,
        attributions=attributions,
        annotate_ents=annotate_ents,
        patterns=patterns,
        use_bundled_patterns=use_bundled_patterns,
        validate=validate,
        split_glued_acronyms=split_glued_acronyms,
    )


class DiplomacyComponent(Pipe):
    """Finds treaties, acronyms and group formats, and attributions, and writes
    them to ``doc.spans[spans_key]`` with JSON-safe data in the group's attrs."""

    def __init__(
        self,
        nlp: Language,
        name: str = "diplomacy",
        *,
        spans_key: str = "diplomacy",
        treaties: bool = True,
        acronyms: bool = True,
        attributions: bool = True,
        annotate_ents: bool = False,
        patterns: Sequence[Union[str, Path]] = (),
        use_bundled_patterns: bool = True,
        validate: bool = True,
        split_glued_acronyms: bool = True,
    ):
        register_extensions()
        if split_glued_acronyms:
            add_acronym_infix(nlp)
        self.nlp = nlp
        self.name = name
        self.key = spans_key
        self.cfg = {
            "spans_key": spans_key,
            "treaties": treaties,
            "acronyms": acronyms,
            "attributions": attributions,
            "annotate_ents": annotate_ents,
            "use_bundled_patterns": use_bundled_patterns,
            "validate": validate,
            "split_glued_acronyms": split_glued_acronyms,
        }
        self.scorer = partial(overlapping_labeled_spans_score, spans_key=spans_key)
        self.set_patterns(load_patterns(patterns, use_bundled=use_bundled_patterns))

    @property
    def patterns(self) -> List[Dict[str, Any]]:
        """All pattern records in use (bundled and user), as dicts."""
        return list(self._records)

    @property
    def labels(self) -> Sequence[str]:
        return ("TREATY", "ACRONYM", "GROUP", "TREATY_REF", "CUE", "SPEAKER", "CONTENT")

    def add_patterns(self, records: Iterable[Dict[str, Any]]) -> None:
        """Add pattern records (a ``remove`` record drops earlier ones)."""
        self.set_patterns(merge_records(self._records, validate_records(records)))

    def set_patterns(self, records: List[Dict[str, Any]]) -> None:
        """Replace every pattern record and rebuild the matchers."""
        self._records = records
        by_label: Dict[str, List[Dict[str, Any]]] = {}
        for record in records:
            by_label.setdefault(record["label"], []).append(record)
        self.gazetteer = Gazetteer(
            self.nlp,
            [r for label in GAZETTEER_LABELS for r in by_label.get(label, [])],
            validate=self.cfg["validate"],
        )
        self.context_gate = ContextGate(by_label.get("CONTEXT", []))
        self.definition_rules = DefinitionRules(by_label.get("DEFINITION", []))
        self.attribution_stage = AttributionStage(self.nlp, by_label.get("CUE", []))

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Sequence[Dict[str, Any]]] = None,
    ) -> None:
        """Add patterns given in ``[initialize.components.<name>]`` (as SpanRuler does)."""
        if patterns:
            self.add_patterns(patterns)

    def __call__(self, doc: Doc) -> Doc:
        spans: List[Span] = []
        data: Dict[str, Dict[str, Any]] = {}
        attrs: Dict[str, Any] = {MARKER: SCHEMA_VERSION, "data": data, "treaty_references": [], "attributions": []}
        names_on = self.cfg["treaties"] or self.cfg["acronyms"]
        hits = self.gazetteer(doc) if names_on else []
        definitions = find_definitions(doc, self.definition_rules.name_words) if names_on else []

        def add(start: int, end: int, label: str, span_id: str = "", **values: Any) -> None:
            spans.append(Span(doc, start, end, label=label, span_id=span_id, kb_id=span_id if label == "TREATY" else ""))
            data[f"{label}:{start}:{end}"] = values

        if self.cfg["treaties"]:
            mentions = find_treaties(doc, hits, definitions)
            for m in mentions:
                add(m.start, m.end, "TREATY", m.id, id=m.id, name=m.name, rule=m.rule)
            for ref in find_references(doc, mentions, [h for h in hits if h.record["label"] == "TREATY_REF"]):
                spans.append(Span(doc, ref.start, ref.end, label="TREATY_REF", span_id=ref.treaty_id))
                attrs["treaty_references"].append([ref.start, ref.end, ref.treaty_id])
        if self.cfg["acronyms"]:
            acronyms, groups = find_acronyms(doc, hits, definitions, self.context_gate, self.definition_rules)
            for a in acronyms:
                add(a.start, a.end, "ACRONYM", a.id, id=a.id, long_form=a.long_form, type=a.type,
                    members=list(a.members), defined_in_text=a.defined_in_text, rule=a.rule)
            for g in groups:
                add(g.start, g.end, "GROUP", g.id, id=g.id, members=list(g.members), rule=g.rule)
        if self.cfg["attributions"]:
            for found in self.attribution_stage(doc):
                attrs["attributions"].append(self._store_attribution(doc, found, spans))
        doc.spans[self.key] = SpanGroup(doc, name=self.key, attrs=attrs, spans=spans)
        if self.cfg["annotate_ents"]:
            self._annotate_ents(doc, spans, data)
        return doc

    @staticmethod
    def _store_attribution(doc: Doc, found, spans: List[Span]) -> Dict[str, Any]:
        spans.extend(found.labelled_spans())
        return found.to_json()

    @staticmethod
    def _annotate_ents(doc: Doc, spans: List[Span], data: Dict[str, Dict[str, Any]]) -> None:
        """Write treaties, groups and acronyms to ``doc.ents``, replacing entities they overlap."""
        ents = []
        for span in spans:
            if span.label_ not in ("TREATY", "GROUP", "ACRONYM"):
                continue
            kind = span.label_ if span.label_ != "ACRONYM" else data[f"ACRONYM:{span.start}:{span.end}"]["type"]
            ents.append(Span(doc, span.start, span.end, label=ENT_LABELS[kind], span_id=span.id_, kb_id=span.kb_id_))
        ours = filter_spans(ents)
        taken = {i for span in ours for i in range(span.start, span.end)}
        kept = [e for e in doc.ents if taken.isdisjoint(range(e.start, e.end))]
        doc.set_ents(sorted(kept + ours, key=lambda s: s.start))

    # Serialization: the full pattern set travels with the pipeline.
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"cfg": self.cfg, "patterns": self._records})

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "DiplomacyComponent":
        msg = srsly.msgpack_loads(bytes_data)
        self.set_patterns(validate_records(msg["patterns"], origin="serialized patterns"))
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self._records)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "DiplomacyComponent":
        self.set_patterns(read_pattern_file(ensure_path(path) / "patterns.jsonl"))
        return self
