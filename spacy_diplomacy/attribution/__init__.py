"""Attribution stage: who said what, found by rules over cues, quotations and the parse."""
from .result import Attribution
from .stage import AttributionStage

__all__ = ["Attribution", "AttributionStage"]
