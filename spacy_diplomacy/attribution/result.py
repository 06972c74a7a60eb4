"""The record the attribution stage returns for each cue."""
from dataclasses import dataclass
from typing import Optional, Tuple

Offsets = Tuple[int, int]


@dataclass(frozen=True)
class Attribution:
    """One attribution; every span is a [start, end) pair of token offsets in the Doc."""
    cue: Offsets
    speaker: Optional[Offsets]
    speakers: Tuple[Offsets, ...]
    speaker_resolved: Optional[Offsets]
    content: Optional[Offsets]
    kind: str                       # "direct" | "indirect" | "mixed"
    cue_class: str
    rule: str
    role: Optional[Offsets] = None
