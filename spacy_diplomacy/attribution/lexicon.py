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
OBJECT_PRONOUNS, NEUTER_PRONOUNS = _W["object_pronouns"], _W["neuter_pronouns"]
RELATIVE, WH_RELATIVES, PERSONAL_RELATIVES = _W["relative_pronouns"], _W["wh_relatives"], _W["personal_relatives"]
# people and bodies
TITLES, MALE_TITLES, FEMALE_TITLES = (_W[k] for k in ("titles", "male_titles", "female_titles"))
DESCRIPTION_HEADS = _W["description_heads"]
PERSON_HEADS = DESCRIPTION_HEADS | _W["person_heads"]
INSTITUTION_HEADS, DOCUMENT_NOUNS = _W["institution_heads"], _W["document_nouns"]
FINDING_SOURCES, LINE_LABELS = _W["finding_sources"], _W["line_labels"]
PHRASE_LINKS, AUDIENCE_NOUNS = _W["phrase_links"], _W["audience_nouns"]
PLAIN_SPEECH_VERBS, SOURCE_PREPS = _W["plain_speech_verbs"], _W["source_prepositions"]
NAME_PARTICLES, SPEAKER_SKIP, CAP_STOP = _W["name_particles"], _W["speaker_skip"], _W["capitalized_stop_words"]
# function words of clauses and phrases
MODALS, NEGATIONS, DETERMINERS, ARTICLES = _W["modals"], _W["negations"], _W["determiners"], _W["articles"]
BE_FORMS, COMPLEMENTIZERS, COORDINATORS = _W["be_forms"], _W["complementizers"], _W["coordinators"]
CLAUSE_WORDS = _W["clause_words"] | BE_FORMS
PREPOSITIONS, CONTENT_PREPS, TARGET_PREPS = _W["prepositions"], _W["content_prepositions"], _W["target_prepositions"]
INFINITIVE_OK, TIME_WORDS, CLOCK_WORDS = _W["infinitive_heads"], _W["time_words"], _W["clock_words"]
PLACE_ADVERBS, PLACE_PREPS = _W["place_adverbs"], _W["place_prepositions"]


def is_person_head(word):
    """True for a noun of PERSON_HEADS, in the singular or a plain plural ("delegates")."""
    return word in PERSON_HEADS or (word.endswith("s") and word[:-1] in PERSON_HEADS)
