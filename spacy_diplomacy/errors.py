"""Error and warning messages, in one place (as spaCy keeps its own in ``spacy.errors``)."""


class Errors:
    """Messages of the errors the package raises; fill in with ``str.format``."""

    EXTENSION_TAKEN = (
        "{owner}._.{name} is already registered by another library. Set the diplomacy "
        "component's 'extension_prefix' (e.g. config={{\"extension_prefix\": \"dip_\"}}) "
        "so that its extensions get names of their own."
    )
    EXTENSION_CLOBBERED = (
        "{owner}._.{name} was registered again by another library after the diplomacy "
        "component was created, so it no longer reads the component's results. Set the "
        "diplomacy component's 'extension_prefix' (e.g. \"dip_\") to keep the two apart."
    )
    EXTENSION_PREFIX = "extension_prefix must be empty or an identifier such as 'dip_', got {prefix!r}"
    PATTERNS_MISSING = "the bundled pattern files are missing (looked in {places})"


class Warnings:
    """Messages of the warnings the package emits."""

    NO_PATTERNS = (
        "The diplomacy component '{name}' has no name patterns (use_bundled_patterns is false and "
        "none were added): it finds no treaties, acronyms or groups. Add patterns with "
        "add_patterns(), add_pattern_files() or [initialize.components.{name}] patterns."
    )
