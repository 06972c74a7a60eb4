"""Small word lists the attribution rules rely on (titles, pronouns, modal words)."""

PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "they": "p", "them": "p",
            "it": "n", "we": "p", "i": "s", "you": "s"}
RELATIVE = {"who", "which", "that", "whom"}

TITLES = set("""
president vice prime minister ministers chancellor secretary general secretary-general foreign defence defense
interior finance trade deputy acting spokesman spokeswoman spokesperson ambassador envoy senator sen sen.
representative rep rep. governor gov gov. mayor king queen prince princess sheikh emir sultan premier
chairman chairwoman chair director head chief leader commissioner official officials diplomat diplomats
negotiator negotiators counterpart counterparts minister's candidate nominee nominees adviser advisor
aide aides lawmaker lawmakers general gen gen. colonel col col. admiral pope cardinal judge justice
speaker mr mr. mrs mrs. ms ms. dr dr. sir dame madam high special representative delegate delegation
attorney press campaign manager chairperson undersecretary under-secretary state top senior former
""".split())

MALE_TITLES = {"mr", "mr.", "sir", "king", "prince", "sheikh", "emir", "sultan", "spokesman", "chairman", "pope",
               "congressman"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "dame", "queen", "princess",
                 "spokeswoman", "chairwoman", "congresswoman"}

DESCRIPTION_HEADS = set("""
minister president chancellor secretary spokesman spokeswoman spokesperson ambassador envoy official
diplomat leader premier senator governor candidate nominee chairman chairwoman chief head negotiator
king queen prince general adviser advisor aide lawmaker congressman congresswoman mayor director
commissioner representative foreign-minister sheikh emir pope
""".split())

MODALS = {"could", "might", "may", "would", "should", "will", "shall", "'ll", "'d", "wo", "ca"}
NEGATIONS = {"not", "n't", "never", "no"}
# heads of "to"-infinitive cues that still report a real act ("went on to say")
INFINITIVE_OK = {"go", "continue", "begin", "start", "proceed", "use", "take", "rush", "hasten", "repeat"}
# verbs whose object is the addressee, not the content ("told reporters that ...")
ADDRESSEE_VERBS = {"tell", "inform", "assure", "reassure", "remind", "thank", "brief", "notify"}
CONTENT_PREPS = {"for", "against", "on", "upon", "about", "over", "of", "as", "to"}
# capitalized words that start a sentence but are no names
CAP_STOP = set("""
the a an but and or so yet meanwhile however also then on in at for from with after before during
while when since as if though although earlier later last this that these those there here it its
their his her our my your we they he she i you monday tuesday wednesday thursday friday saturday sunday
""".split())
SPEAKER_SKIP = {"also", "meanwhile", "however", "now", "instead", "later", "then", "further", "again", "previously", "earlier", "repeatedly",
                "has", "have", "had", "was", "were", "is", "are", "did", "does", "do", "once", "recently",
                "reportedly", "publicly", "privately", "has", "quickly", "immediately", "separately",
                "similarly", "first", "last", "too", "simply", "clearly", "just", "already", "still"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "another",
               "one", "two", "three", "several", "some", "many", "most", "other"}
# nouns for documents that can speak ("a statement saying ...")
DOCUMENT_NOUNS = {"statement", "report", "letter", "message", "communique", "communiqué", "declaration",
                  "note", "release", "document", "text", "resolution", "memo", "editorial", "article",
                  "email", "tweet", "post", "transcript", "draft", "study", "survey", "poll", "filing"}

# nouns that head an institution's name ("the U.S. State Department"): never a person's name after a role
INSTITUTION_HEADS = {"department", "ministry", "office", "agency", "council", "commission", "government",
                     "embassy", "committee", "administration", "secretariat", "parliament", "court", "cabinet",
                     "bureau", "service", "mission", "delegation", "presidency", "kremlin", "pentagon"}
# words that never stand in a speaker noun phrase: auxiliaries, modals, clause openers, conjunctions
CLAUSE_WORDS = set("""
is are was were be been being has have had do does did will would shall should can could may might must
not n't that which who whom whose but as if because while when than so
""".split())
PREPOSITIONS = set("""
in on at for from with by of to into onto over under about against after before during since until
without within between among amid through across toward towards near via per despite upon
""".split())
# lower-case particles inside personal names ("Ursula von der Leyen", "Ali bin Hussein")
NAME_PARTICLES = {"al", "al-", "el", "bin", "ibn", "de", "del", "della", "der", "den", "di", "da", "dos", "das",
                  "du", "la", "le", "van", "von", "ter", "of"}
# nouns that head a description of people who speak ("officials in Seoul", "sources close to ...")
PERSON_HEADS = DESCRIPTION_HEADS | {"source", "analyst", "expert", "observer", "critic", "spokesperson",
                                    "negotiator", "delegate", "lawmaker", "legislator", "member", "officer",
                                    "people", "resident", "witness", "activist", "rebel", "militant"}
# words that open a phrase of time ("on Saturday", "late Monday"): never what was said
TIME_WORDS = set("""
yesterday today tonight tomorrow late early earlier later last this next recently monday tuesday wednesday
thursday friday saturday sunday january february march april may june july august september october november
december
""".split())
