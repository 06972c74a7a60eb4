"""The ``diplomacy`` pipeline component: config, stages in order, serialization, scoring."""
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Union

import srsly
from spacy import util
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.pipeline.span_ruler import overlapping_labeled_spans_score
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example, validate_examples
from spacy.util import SimpleFrozenList, filter_spans, registry

from .acronyms import ContextGate, _acronym_from_hit, find_acronyms
from .attribution import AttributionStage
from .definitions import DefinitionRules, find_definitions, known_expansions
from .errors import Warnings
from .extensions import MARKER, check_extensions, register_extensions
from .gazetteer import Gazetteer, Hit, add_acronym_infix
from .glued import GluedAcronyms
from .pattern_files import PathLike, load_patterns, merge_records, read_pattern_files, validate_records
from .record import link_attributions
from .references import TreatyLexicon, find_references
from .treaties import canonical_names, find_treaties

GAZETTEER_LABELS = ("TREATY", "TREATY_RULE", "TREATY_REF", "ACRONYM", "GROUP")
SPAN_LABELS = ("TREATY", "ACRONYM", "GROUP", "TREATY_REF", "CUE", "SPEAKER", "CONTENT")
SCHEMA_VERSION = 1
ENT_LABELS = {"TREATY": "TREATY", "GROUP": "GROUP", "STATE": "GPE", "ORG": "ORG"}

DEFAULT_CONFIG = {
    "spans_key": "diplomacy",
    "treaties": True,
    "acronyms": True,
    "attributions": True,
    "annotate_ents": False,
    "overwrite": True,
    "use_bundled_patterns": True,
    "validate": True,
    "split_glued_acronyms": False,
    "extension_prefix": "",
    "scorer": {"@scorers": "spacy_diplomacy.spans_scorer.v1"},
}


@registry.scorers("spacy_diplomacy.spans_scorer.v1")
def make_spans_scorer() -> Callable:
    """Span precision, recall and F per label for the component's spans key."""
    return overlapping_labeled_spans_score


@registry.readers("spacy_diplomacy.read_patterns.v1")
def read_patterns(path: Union[str, Sequence[str]]) -> List[Dict[str, Any]]:
    """The records of one or more pattern files, validated with ``file:line`` errors
    (for ``[initialize.components.diplomacy.patterns]``)."""
    paths = [path] if isinstance(path, (str, Path)) else list(path)
    return merge_records(*read_pattern_files(paths))


@Language.factory(
    "diplomacy",
    assigns=["doc.spans", "doc.ents"],
    default_config=DEFAULT_CONFIG,
    default_score_weights={"spans_diplomacy_f": 1.0, "spans_diplomacy_p": 0.0, "spans_diplomacy_r": 0.0, "spans_diplomacy_per_type": None},
)
def make_diplomacy(
    nlp: Language,
    name: str,
    spans_key: str,
    treaties: bool,
    acronyms: bool,
    attributions: bool,
    annotate_ents: bool,
    overwrite: bool,
    use_bundled_patterns: bool,
    validate: bool,
    split_glued_acronyms: bool,
    extension_prefix: str,
    scorer: Optional[Callable],
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
        overwrite=overwrite,
        use_bundled_patterns=use_bundled_patterns,
        validate=validate,
        split_glued_acronyms=split_glued_acronyms,
        extension_prefix=extension_prefix,
        scorer=scorer,
    )


class DiplomacyComponent(Pipe):
    """Finds treaties, acronyms and group formats, and attributions, and writes
    them to ``doc.spans[spans_key]`` with JSON-safe data in the group's attrs.

    Patterns are data, kept with the pipeline as SpanRuler keeps its own: the
    bundled files (unless ``use_bundled_patterns`` is false), then whatever
    ``add_patterns``, ``add_pattern_files`` or ``initialize(patterns=...)``
    adds. ``to_disk`` saves them all, so a saved pipeline reads no pattern file
    when it is loaded. Matchers are built once, at the first document."""

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
        overwrite: bool = True,
        use_bundled_patterns: bool = True,
        validate: bool = True,
        split_glued_acronyms: bool = False,
        extension_prefix: str = "",
        scorer: Optional[Callable] = overlapping_labeled_spans_score,
    ):
        register_extensions(extension_prefix)
        if split_glued_acronyms:
            add_acronym_infix(nlp)
        self.nlp = nlp
        self.name = name
        self.cfg = {
            "spans_key": spans_key,
            "treaties": treaties,
            "acronyms": acronyms,
            "attributions": attributions,
            "annotate_ents": annotate_ents,
            "overwrite": overwrite,
            "use_bundled_patterns": use_bundled_patterns,
            "validate": validate,
            "split_glued_acronyms": split_glued_acronyms,
            "extension_prefix": extension_prefix,
        }
        self.scorer = scorer
        self._records: List[Dict[str, Any]] = []
        self._stages_built = False
        self.reset()

    @property
    def key(self) -> str:
        """The key in ``doc.spans`` the component writes to."""
        return self.cfg["spans_key"]

    @property
    def patterns(self) -> List[Dict[str, Any]]:
        """All pattern records in use (bundled and user), as dicts."""
        return list(self._records)

    @property
    def labels(self) -> Sequence[str]:
        return SPAN_LABELS

    def clear(self) -> None:
        """Remove every pattern, the bundled ones included (as ``SpanRuler.clear``)."""
        self._set_records([])

    def reset(self) -> None:
        """Go back to the bundled patterns only (none when ``use_bundled_patterns`` is false)."""
        self._set_records(load_patterns(use_bundled=self.cfg["use_bundled_patterns"], validate=self.cfg["validate"]))

    def add_patterns(self, records: Iterable[Dict[str, Any]]) -> None:
        """Add pattern records (a ``remove`` record drops earlier ones); problems
        are raised as ``patterns[n]: message``."""
        checked = validate_records(records, validate=self.cfg["validate"], tokenizer=self.nlp.tokenizer)
        self._set_records(merge_records(self._records, checked))

    def add_pattern_files(self, paths: Iterable[PathLike]) -> None:
        """Add the records of JSONL pattern files; problems are raised as
        ``file:line: message`` (every check of ``pattern_checks``, ids compared
        across the files given)."""
        files = read_pattern_files(list(paths), validate=self.cfg["validate"], tokenizer=self.nlp.tokenizer)
        self._set_records(merge_records(self._records, *files))

    def _set_records(self, records: List[Dict[str, Any]]) -> None:
        self._records = records
        self._stages_built = False

    def _build_stages(self) -> None:
        """Build the matchers and rule tables from the records (once per pattern set)."""
        by_label: Dict[str, List[Dict[str, Any]]] = {}
        for record in self._records:
            by_label.setdefault(record["label"], []).append(record)
        names = [r for label in GAZETTEER_LABELS for r in by_label.get(label, [])]
        if not names and (self.cfg["treaties"] or self.cfg["acronyms"]):
            warnings.warn(Warnings.NO_PATTERNS.format(name=self.name))
        self.gazetteer = Gazetteer(self.nlp, names, validate=self.cfg["validate"])
        self.glued_acronyms = GluedAcronyms(self.nlp.vocab, by_label.get("ACRONYM", []))
        self.context_gate = ContextGate(by_label.get("CONTEXT", []))
        self.definition_rules = DefinitionRules(by_label.get("DEFINITION", []))
        self.known_long_forms = known_expansions(self._records)
        self.treaty_names = canonical_names(self._records)
        self.treaty_lexicon = TreatyLexicon(self._records)
        self.attribution_stage = AttributionStage(self.nlp, by_label.get("CUE", []))
        self._stages_built = True

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Example]],
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Sequence[Dict[str, Any]]] = None,
    ) -> None:
        """Reset to the bundled patterns and add those given in
        ``[initialize.components.<name>]`` (as SpanRuler does): running it twice
        gives the same pattern set."""
        self.reset()
        if patterns:
            self.add_patterns(patterns)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> Dict[str, Any]:
        """Span precision, recall and F, overall and per label, for the spans key."""
        validate_examples(examples, "DiplomacyComponent.score")
        return self.scorer(examples, spans_key=self.key, **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        if not self._stages_built:
            self._build_stages()
        check_extensions(self.cfg["extension_prefix"])
        spans: List[Span] = []
        data: Dict[str, Dict[str, Any]] = {}
        attrs: Dict[str, Any] = {MARKER: SCHEMA_VERSION, "data": data, "treaty_references": [], "attributions": []}
        names_on = self.cfg["treaties"] or self.cfg["acronyms"]
        text = doc.text     # built once: definitions and statement links read it
        hits = self.gazetteer(doc) if names_on else []
        definitions = find_definitions(doc, self.definition_rules, self.known_long_forms, text) if names_on else []
        attrs["definitions"] = [[d.start, d.end, d.long_start, d.long_end, d.long_form, d.in_scope] for d in definitions]

        def add(start: int, end: int, label: str, span_id: str = "", **values: Any) -> None:
            kb_id = values.get("kb_id") or (span_id if label == "TREATY" else "")
            spans.append(Span(doc, start, end, label=label, span_id=span_id, kb_id=kb_id))
            data[f"{label}:{start}:{end}"] = values

        acronyms, groups = find_acronyms(doc, hits, definitions, self.context_gate, self.definition_rules) if names_on else ([], [])
        if self.cfg["treaties"]:
            accepted = {(a.start, a.end) for a in acronyms}
            mentions = find_treaties(doc, hits, definitions, self.treaty_names, self.treaty_lexicon, accepted)
            for m in mentions:
                add(m.start, m.end, "TREATY", m.id, id=m.id, name=m.name, rule=m.rule, gazetteered=m.gazetteered)
            refs = [h for h in hits if h.record["label"] == "TREATY_REF"]
            for ref in find_references(doc, mentions, refs, self.treaty_lexicon):
                spans.append(Span(doc, ref.start, ref.end, label="TREATY_REF", span_id=ref.treaty_id))
                attrs["treaty_references"].append([ref.start, ref.end, ref.treaty_id])
        if self.cfg["acronyms"]:
            found = [(a, {}) for a in acronyms] + self._glued_acronyms(doc, acronyms)
            for a, extra in sorted(found, key=lambda pair: pair[0].start):
                add(a.start, a.end, "ACRONYM", a.id, id=a.id, long_form=a.long_form, type=a.type,
                    members=list(a.members), defined_in_text=a.defined_in_text, rule=a.rule, kb_id=a.kb_id, **extra)
            for g in groups:
                add(g.start, g.end, "GROUP", g.id, id=g.id, members=list(g.members), rule=g.rule)
        if self.cfg["attributions"]:
            for found in self.attribution_stage(doc):
                attrs["attributions"].append(self._store_attribution(doc, found, spans))
        if not self.cfg["overwrite"] and self.key in doc.spans:
            spans = [span for span in doc.spans[self.key] if span.label_ not in SPAN_LABELS] + spans
        doc.spans[self.key] = SpanGroup(doc, name=self.key, attrs=attrs, spans=spans)
        link_attributions(doc, text)
        if self.cfg["annotate_ents"]:
            self._annotate_ents(doc, spans, data)
        return doc

    def _glued_acronyms(self, doc: Doc, acronyms: Sequence[Any]) -> List[Any]:
        """Acronyms at the start of tokens such as "U.S.-led", as (mention, {"chars": ...})."""
        taken = {(a.start, a.end) for a in acronyms}
        found = []
        for glued in self.glued_acronyms(doc):
            if (glued.token, glued.token + 1) not in taken:
                mention = _acronym_from_hit(Hit(glued.token, glued.token + 1, glued.record, glued.record["pattern"]))
                found.append((replace(mention, rule="glued"), {"chars": [glued.start_char, glued.end_char]}))
        return found

    @staticmethod
    def _store_attribution(doc: Doc, found, spans: List[Span]) -> Dict[str, Any]:
        spans.extend(found.labelled_spans())
        return found.to_json()

    def _annotate_ents(self, doc: Doc, spans: List[Span], data: Dict[str, Dict[str, Any]]) -> None:
        """Write treaties, groups and acronyms to ``doc.ents``; with ``overwrite``
        they replace the entities they overlap, else those entities win."""
        ents = []
        for span in spans:
            if span.label_ not in ("TREATY", "GROUP", "ACRONYM"):
                continue
            values = data.get(f"{span.label_}:{span.start}:{span.end}", {})
            if "chars" in values:  # an acronym inside a longer token ("U.S.-led") is no entity
                continue
            kind = span.label_ if span.label_ != "ACRONYM" else values["type"]
            ents.append(Span(doc, span.start, span.end, label=ENT_LABELS[kind], span_id=span.id_, kb_id=span.kb_id_))
        ours = filter_spans(ents)
        if self.cfg["overwrite"]:
            taken = {i for span in ours for i in range(span.start, span.end)}
            kept = [e for e in doc.ents if taken.isdisjoint(range(e.start, e.end))]
        else:
            kept = list(doc.ents)
            taken = {i for span in kept for i in range(span.start, span.end)}
            ours = [span for span in ours if taken.isdisjoint(range(span.start, span.end))]
        doc.set_ents(sorted(kept + ours, key=lambda s: s.start))

    # Serialization: the cfg and the full pattern set travel with the pipeline.
    def _restore_cfg(self, cfg: Dict[str, Any]) -> None:
        self.cfg.update(cfg)
        register_extensions(self.cfg["extension_prefix"])

    def _restore_records(self, records: Iterable[Dict[str, Any]]) -> None:
        self._set_records(validate_records(records, origin="serialized patterns", validate=self.cfg["validate"]))

    def to_bytes(self, *, exclude: Iterable[str] = SimpleFrozenList()) -> bytes:
        serializers = {"cfg": lambda: srsly.json_dumps(self.cfg), "patterns": lambda: srsly.json_dumps(self._records)}
        return util.to_bytes(serializers, exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = SimpleFrozenList()) -> "DiplomacyComponent":
        deserializers = {
            "cfg": lambda b: self._restore_cfg(srsly.json_loads(b)),
            "patterns": lambda b: self._restore_records(srsly.json_loads(b)),
        }
        util.from_bytes(bytes_data, deserializers, exclude)
        return self

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()) -> None:
        serializers = {
            "cfg": lambda p: srsly.write_json(p, self.cfg),
            "patterns.jsonl": lambda p: srsly.write_jsonl(p, self._records),
        }
        util.to_disk(path, serializers, exclude)

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = SimpleFrozenList()) -> "DiplomacyComponent":
        deserializers = {
            "cfg": lambda p: self._restore_cfg(srsly.read_json(p)),
            "patterns.jsonl": lambda p: self._restore_records(srsly.read_jsonl(p)),
        }
        util.from_disk(path, deserializers, exclude)
        return self
