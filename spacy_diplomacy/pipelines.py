"""Loading a pipeline with the diplomacy component: the installed English
pipeline, ``blank:LANG``, a package or a directory; user pattern files."""
import sys
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Union

import spacy
from spacy.language import Language

from .documents import UserError

FALLBACK_MODEL = "blank:en"
BLANK_PREFIX = "blank:"
SIZES = ("trf", "lg", "md", "sm")  # preferred first
PathLike = Union[str, Path]


def package_meta(name: str) -> Dict[str, Any]:
    """The meta.json of an installed pipeline package ({} when unreadable)."""
    try:
        return spacy.util.get_model_meta(spacy.util.get_package_path(name))
    except (OSError, ImportError, ValueError):
        return {}


def installed_english_pipeline() -> Optional[str]:
    """The installed pipeline package whose language is English and that has a
    parser, the largest first (trf, lg, md, sm, then any other); None if there is none."""

    def rank(name: str):
        parts = package_meta(name).get("name", name).split("_")
        size = next((SIZES.index(part) for part in parts if part in SIZES), len(SIZES))
        return size, name

    candidates = []
    for name in spacy.util.get_installed_models():
        meta = package_meta(name)
        if meta.get("lang") == "en" and "parser" in (meta.get("pipeline") or meta.get("components") or []):
            candidates.append(name)
    return min(candidates, key=rank, default=None)


def model_name(name: Optional[str]) -> str:
    """The given model name; None: the installed English pipeline, else
    ``blank:en`` with a notice on stderr."""
    if name is None:
        name = installed_english_pipeline()
        if name is None:
            print(
                "notice: no English pipeline with a parser installed; using blank:en, attributions run without a parser",
                file=sys.stderr,
            )
            name = FALLBACK_MODEL
    return name


def load_model(name: Optional[str]) -> Language:
    """An installed package, a pipeline directory or ``blank:LANG``; None: the default model."""
    name = model_name(name)
    try:
        if name.startswith(BLANK_PREFIX):
            return spacy.blank(name[len(BLANK_PREFIX) :])
        return spacy.load(name)
    except (OSError, ImportError, ValueError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise UserError(f"cannot load model {name!r}: {reason}") from None


def diplomacy_pipe_name(nlp: Language) -> Optional[str]:
    """Name of the pipeline's diplomacy component, if it has one."""
    return next((name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory == "diplomacy"), None)


def check_pattern_files(paths: Sequence[PathLike]) -> None:
    """A UserError naming the first pattern file that does not exist."""
    for path in paths:
        if not Path(path).is_file():
            raise UserError(f"{path}: no such pattern file")


def add_pattern_files(nlp: Language, paths: Sequence[PathLike]) -> None:
    """Add the records of the user's pattern files, in order, to the pipeline's
    diplomacy component (they are saved with the pipeline, never re-read)."""
    nlp.get_pipe(diplomacy_pipe_name(nlp)).add_pattern_files(paths)


def load_pipeline(
    model: Optional[str], patterns: Sequence[PathLike] = (), no_bundled: bool = False, config: Optional[Dict[str, Any]] = None
) -> Language:
    """The model with a diplomacy component using the bundled patterns (unless
    ``no_bundled``) and the given pattern files. ``config``: other settings of
    the component, for a model that has none yet."""
    check_pattern_files(patterns)
    nlp = load_model(model)
    name = diplomacy_pipe_name(nlp)
    if name is None:
        nlp.add_pipe("diplomacy", config={**(config or {}), "use_bundled_patterns": not no_bundled})
    elif config:
        raise UserError(f"model {model!r} already has a diplomacy component: set its config in the pipeline instead")
    elif no_bundled:
        nlp.get_pipe(name).clear()
    add_pattern_files(nlp, patterns)
    return nlp


def spans_key(nlp: Language) -> str:
    """The ``doc.spans`` key the pipeline's diplomacy component writes."""
    return nlp.get_pipe(diplomacy_pipe_name(nlp)).key
