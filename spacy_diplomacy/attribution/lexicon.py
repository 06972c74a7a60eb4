"""The word lists of the attribution rules, one per concept, read once from the bundled
``attribution_words.jsonl`` (label WORD_LIST; schema and sources: patterns/README.md,
patterns/SOURCES.md)."""
from ..pattern_files import bundled_pattern_dir, read_pattern_file

WORDS_FILE = "attribution_words.jsonl"


def load_word_lists():
    """{id: frozenset of words} of the bundled WORD_LIST records."""
    records = read_pattern_file(bundled_pattern_dir() / WORDS_FILE)
    return {r["id"]: frozenset(r["words"]) for r in records if r["label"] == "WORD_LIST"}


_W = load_word_lists()

PRONOUNS = {w: g for key, g in (("male_pronouns", "m"), ("female_pronouns", "f"), ("plural_pronouns", "p"),
                                ("neuter_pronouns", "n"), ("speaker_pronouns", "s")) for w in _W[key]}
GENDER_WORDS = {w: g for keys, g in ((("male_pronouns", "male_possessives"), "m"),
                                     (("female_pronouns", "female_possessives"), "f"))
                for key in keys for w in _W[key]}
RELATIVE = _W["relative_pronouns"]
TITLES = _W["titles"]
MALE_TITLES = _W["male_titles"]
FEMALE_TITLES = _W["female_titles"]
DESCRIPTION_HEADS = _W["description_heads"]
PERSON_HEADS = DESCRIPTION_HEADS | _W["person_heads"]
INSTITUTION_HEADS = _W["institution_heads"]
DOCUMENT_NOUNS = _W["document_nouns"]
FINDING_SOURCES = _W["finding_sources"]
MODALS = _W["modals"]
NEGATIONS = _W["negations"]
INFINITIVE_OK = _W["infinitive_heads"]
CONTENT_PREPS = _W["content_prepositions"]
CAP_STOP = _W["capitalized_stop_words"]
SPEAKER_SKIP = _W["speaker_skip"]
DETERMINERS = _W["determiners"]
CLAUSE_WORDS = _W["clause_words"]
PREPOSITIONS = _W["prepositions"]
NAME_PARTICLES = _W["name_particles"]
TIME_WORDS = _W["time_words"]
